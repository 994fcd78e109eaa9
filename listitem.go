package esop

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// ListItem returns an item of one of a document's lists (a step's
// requirements, the Dasar Hukum, qualifications, related SOPs,
// equipment, records) without the list marker its author typed before
// it: "1. KTP asli", "2) KK", "(3) NPWP", "a. Ijazah", "iv. Akta",
// "- Komputer", "• Printer", "o Scanner" (Word's bullet of the Courier
// font), "► Map", "√ KTP". The print numbers these lists itself (the
// identity section) or sets a dash before each item (KELENGKAPAN), and
// the web shows them as numbered lists; an item copied from Word or
// Excel with its own number read "1. 1. Undang-Undang …". Markers are
// taken off one after another ("- 1. KTP"). An item that is only a
// marker, or whose number is part of the text ("2 lembar pas foto",
// "1.5 kg", "a.n. Kepala Dinas"), is returned as written.
func ListItem(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return s // most items: no marker begins with a capital
	}
	t := strings.TrimSpace(s)
	for {
		n := listMarker(t)
		if n == 0 {
			break
		}
		rest := strings.TrimSpace(t[n:])
		if rest == "" {
			break
		}
		t = rest
	}
	if len(t) == len(strings.TrimSpace(s)) {
		return s
	}
	return t
}

// ListItems returns the items of one of a document's lists as they are
// shown: each without its author's marker (ListItem), those holding
// nothing but spaces left out (the validator warns of them, blank_item).
// It returns items itself where that changes nothing.
func ListItems(items []string) []string {
	for i, s := range items {
		if t := ListItem(s); t != s || strings.TrimSpace(s) == "" {
			out := slices.Clone(items[:i])
			for _, s := range items[i:] {
				if strings.TrimSpace(s) != "" {
					out = append(out, ListItem(s))
				}
			}
			return out
		}
	}
	return items
}

// listMarker returns the length in bytes of the list marker t begins
// with, its separator included, or 0.
func listMarker(t string) int {
	if t == "" {
		return 0
	}
	r, n := utf8.DecodeRuneInString(t)
	switch r {
	case '•', '▪', '■', '►', '▸', '‣', '◦', '♦', '√', '✓', '✔', '□', '☐', '–', '—', '\uF0B7', '\uF0A7', '\uF0D8', '\uF0FC':
		// Never the start of a word: a marker with or without a space.
		return n
	case '-', '*', '·', '○', 'o', '>':
		// A marker only before a space ("-KTP" may be a code, "o" a
		// word of another language).
		if n < len(t) && t[n] == ' ' {
			return n + 1
		}
		return 0
	}
	// A number, a lowercase letter or a lowercase Roman numeral, in
	// brackets or followed by "." or ")": "1.", "12)", "(3)", "a.", "iv)".
	i := 0
	open := t[0] == '('
	if open {
		i = 1
	}
	j := i
	for j < len(t) && j-i < 3 && t[j] >= '0' && t[j] <= '9' {
		j++
	}
	digits := j > i
	if !digits {
		for j < len(t) && j-i < 4 && strings.IndexByte("ivx", t[j]) >= 0 {
			j++
		}
		if !romanNumeral(t[i:j]) {
			j = i
			if j < len(t) && t[j] >= 'a' && t[j] <= 'z' {
				j++
			}
		}
	}
	if j == i || j >= len(t) {
		return 0
	}
	switch t[j] {
	case ')':
	case '.':
		if open {
			return 0
		}
	default:
		return 0
	}
	j++
	if j == len(t) || t[j] == ' ' {
		return j
	}
	// Text right after the marker: "1.Buku register" and "1)KTP" are
	// numbered; "1.5 kg", "a.n. Kepala" and "a)b" are not.
	if digits && t[j] > '9' {
		return j
	}
	return 0
}

// romanNumeral reports whether s is a lowercase Roman numeral from i to
// xiii, as lists number with them.
func romanNumeral(s string) bool {
	switch s {
	case "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii":
		return true
	}
	return false
}

package textsearch

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokens returns the folded words of s in order of appearance, repeats
// included. A word is a run of letters and digits; an apostrophe inside
// a word is dropped ("Jum'at" → "jumat"), and hyphens and all other
// punctuation separate words ("e-KTP" → "e", "ktp"). A slash or a full
// stop between two words joins them into a compound, which is returned
// before its words, so that codes stay searchable whole and in parts:
// "AK/I" gives "ak/i", "ak", "i" and "800/012/35.73.405/2024" gives the
// whole number followed by "800", "012", "35", "73", "405" and "2024".
func Tokens(s string) []string {
	var out []string
	eachChunk(Fold(s), func(c chunk) {
		if len(c.parts) > 1 {
			out = append(out, c.text)
		}
		out = append(out, c.parts...)
	})
	return out
}

// chunk is one run of words joined by '/' or '.', such as "ak/i", or a
// single word, in folded text.
type chunk struct {
	text  string   // the run, apostrophes dropped
	parts []string // its words; one for a simple word
}

// tails returns the compounds that begin at each inner word of a
// compound chunk ("012/35.73.405/2024", "35.73.405/2024", ...), so that
// prefix matching finds "35.73" or "405/2024" inside a number. The last
// word alone is left to parts.
func (c chunk) tails() []string {
	last := strings.LastIndexAny(c.text, "/.")
	var out []string
	for i := 0; i < last; i++ {
		if isConnector(c.text[i]) {
			out = append(out, c.text[i+1:])
		}
	}
	return out
}

// eachChunk calls fn for every chunk of the folded text s. The parts of
// a chunk share one buffer: fn must copy them to keep them.
func eachChunk(s string, fn func(chunk)) {
	var parts []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		end := chunkEnd(s, i)
		c := newChunk(s[i:end], parts[:0])
		parts = c.parts
		fn(c)
		i = end
	}
}

// chunkEnd returns where the chunk beginning at start ends: after the
// last word character that is reached through word characters, joining
// connectors and inner apostrophes.
func chunkEnd(s string, start int) int {
	i := start
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			i += size
		case (r == '/' || r == '.' || r == '\'') && i > start && startsWithWordRune(s[i+1:]):
			// A joiner counts only between two word characters: the
			// full stop ending a sentence, or "/" before a space,
			// separates.
			i++
		default:
			return i
		}
	}
	return i
}

// newChunk splits a chunk's text into its words, appending them to
// parts.
func newChunk(text string, parts []string) chunk {
	if strings.IndexByte(text, '\'') >= 0 {
		text = strings.ReplaceAll(text, "'", "")
	}
	// Connectors stand only between word characters (chunkEnd), so
	// no part is empty.
	start := 0
	for i := 0; i < len(text); i++ {
		if isConnector(text[i]) {
			parts = append(parts, text[start:i])
			start = i + 1
		}
	}
	return chunk{text: text, parts: append(parts, text[start:])}
}

func isConnector(c byte) bool { return c == '/' || c == '.' }

// isWordRune reports whether r belongs to a word: letters, digits, and
// the marks of scripts that write vowels as marks (Fold has already
// removed the accents of Latin letters).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

func startsWithWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return len(s) > 0 && isWordRune(r)
}

// hasLetter reports whether w has a letter, that is, whether stemming it
// can mean anything.
func hasLetter(w string) bool {
	return strings.IndexFunc(w, unicode.IsLetter) >= 0
}

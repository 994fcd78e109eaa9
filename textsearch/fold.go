package textsearch

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case with accents and other diacritics removed
// ("Pengesahan" → "pengesahan", "é" → "e"), compatibility characters
// spelt out (the ligature "ﬁ" → "fi", a full-width "Ａ" → "a"), the
// typographic apostrophes (’ ‘ ʼ) written as ' and the dashes (‐ ‑ ‒ – —
// −) written as -. Letters that carry no separable mark are spelt in
// ASCII where there is a usual spelling (ß → ss, æ → ae, ø → o, đ → d,
// ł → l, ı → i). Everything else, digits and punctuation included, is
// kept, so Fold can run before Tokens and before Stem alike.
func Fold(s string) string {
	if isPlainASCII(s) {
		return strings.ToLower(s)
	}
	// Invalid UTF-8 carries no letter: it becomes a separator, before
	// normalising, which would pass the bytes through and could leave
	// the next character undecomposed.
	s = strings.ToValidUTF8(s, " ")
	// NFKD splits an accented letter into its base and combining marks
	// and spells out compatibility forms; dropping the marks leaves the
	// base letters.
	d := norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r == utf8.RuneError {
			b.WriteByte(' ') // a replacement character stands for lost text
			continue
		}
		if repl, ok := foldSpecial[r]; ok {
			b.WriteString(repl)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// isPlainASCII reports whether s is ASCII, where folding is lower-casing.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldSpecial spells the letters and punctuation that NFKD leaves whole.
// Upper-case forms are listed too because the table is consulted before
// lower-casing.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss",
	'æ': "ae", 'Æ': "ae",
	'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d",
	'ł': "l", 'Ł': "l",
	'ı': "i",
	'þ': "th", 'Þ': "th",
	// Apostrophes as they come out of word processors.
	'’': "'", '‘': "'", 'ʼ': "'", '′': "'",
	// Hyphens and dashes, so that "e‑KTP" splits like "e-KTP".
	'‐': "-", '‑': "-", '‒': "-", '–': "-", '—': "-", '―': "-", '−': "-",
}

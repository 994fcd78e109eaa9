package textsearch

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzStem checks that Stem never panics and never lengthens a word, on
// any bytes, and that its output stays valid UTF-8 when the input is.
// Stem is not idempotent ("pengesahan" → "esah" is a fixed point, but
// "menerima" → "erima" → "erima" while "diterima" → "terima" → "ima"),
// so that is not checked.
func FuzzStem(f *testing.F) {
	for _, c := range stemCases {
		f.Add(c.word)
	}
	f.Add("memperpelajari")
	f.Add("menyi")
	f.Add("pemé")
	f.Fuzz(func(t *testing.T, word string) {
		got := Stem(word)
		if len(got) > len(word) {
			t.Fatalf("Stem(%q) = %q is longer", word, got)
		}
		if utf8.ValidString(word) && !utf8.ValidString(got) {
			t.Fatalf("Stem(%q) = %q is not UTF-8", word, got)
		}
		if countVowels(word) > 2 && got == "" {
			t.Fatalf("Stem(%q) is empty", word)
		}
		for _, k := range keys(word) {
			if k.text == "" {
				t.Fatalf("keys(%q) has an empty root", word)
			}
		}
	})
}

// FuzzTerms checks that Terms and Query never panic, that every term is
// distinct, non-empty, folded and free of spaces, and that a text
// matches a query made of its own tokens.
func FuzzTerms(f *testing.F) {
	f.Add("Pengesahan Peraturan Perusahaan")
	f.Add("Nomor: 800/012/35.73.405/2024.")
	f.Add("Kartu AK/I (kartu kuning), Jum’at, e‑KTP")
	f.Add("Café Résumé ﬁnal ＳＯＰ İzin Straße")
	f.Add("a/./b..c//d'e''f")
	f.Add("bad\xffbyte")
	f.Fuzz(func(t *testing.T, s string) {
		terms := Terms(s)
		seen := make(map[string]bool)
		for _, term := range terms {
			if term == "" || seen[term] || strings.ContainsAny(term, " \t\n") {
				t.Fatalf("Terms(%q) has a bad or repeated term %q: %q", s, term, terms)
			}
			seen[term] = true
			if isWord(term) && Fold(term) != term {
				t.Fatalf("Terms(%q) has an unfolded term %q", s, term)
			}
		}
		for _, tok := range Tokens(s) {
			if !seen[tok] {
				t.Fatalf("Tokens(%q) has %q, which Terms lacks", s, tok)
			}
		}
		if q := strings.Join(Tokens(s), " "); len(Query(q)) > 0 && !Match(q, s) {
			t.Fatalf("%q does not match its own tokens %q", s, q)
		}
	})
}

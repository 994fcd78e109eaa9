package textsearch

import (
	"slices"
	"strings"
)

// Markers of stem terms. Tokens never begin with either, so a stem term
// can neither equal a word nor be found by a prefix search for one.
const (
	derivedMark = "=" // a root the affixes show unambiguously
	guessedMark = "~" // a root that rests on a guess
)

// key is one possible root of a word.
type key struct {
	text string
	// guessed marks a root that rests on a guess the spelling cannot
	// settle: which consonant a nasal prefix swallowed, or a suffix on a
	// root too short for the algorithm to remove it. A guessed root
	// never matches a word that carries no affix at all, which is what
	// keeps "pemohon" (guessed pohon or mohon) away from "pohon".
	guessed bool
}

// mark returns the index term of k.
func (k key) mark() string {
	if k.guessed {
		return guessedMark + k.text
	}
	return derivedMark + k.text
}

// keys returns the possible roots of a folded word, the Snowball stem
// first, or nil when the algorithm removed no derivational affix, so
// that the word stands for itself. Inflections alone (-lah, -nya, ...)
// give no key: "masalah" must not become "masa" nor "berlaku" "berla".
func keys(word string) []key {
	if !hasLetter(word) {
		return nil
	}
	a := analyse(word)
	if !a.derivational {
		return nil
	}
	ks := readings(a.stem, a.nasal, false)
	if short := a.guardedSuffix(); short != "" {
		ks = append(ks, readings(short, a.nasal, true)...)
	}
	return dedupKeys(ks)
}

// readings returns the roots that stem may stand for after the nasal
// prefix n. A nasal prefix swallows the first consonant of the root and
// the spelling does not say which one: meng+vowel is a vowel root or a
// k-root ("mengambil" ← ambil, "mengirim" ← kirim); men+vowel is a
// t-root or, rarely, an n-root ("menulis" ← tulis, "menilai" ← nilai);
// meny+vowel is an s-root or, rarely, an ny-root; mem+vowel is a p-root
// or an m-root, both common ("memeriksa" ← periksa, "memohon" ← mohon).
// The usual readings are derived keys and the others guessed; with
// mem+vowel both are guesses. When all is true every reading is guessed.
func readings(stem string, n nasal, all bool) []key {
	r := func(text string, guessed bool) key { return key{text, guessed || all} }
	switch n {
	case nasalMeng:
		ks := []key{r(stem, false), r("k"+stem, false)}
		// Before a one-syllable root meN- is "menge-": "mengesahkan"
		// (sah), "mengecat" (cat). Snowball leaves the e on.
		if len(stem) > 2 && stem[0] == 'e' && countVowels(stem[1:]) == 1 {
			ks = append(ks, r(stem[1:], true))
		}
		return ks
	case nasalMen:
		// Snowball's stem lacks the swallowed letter ("menerima" →
		// "erima"): it is kept, guessed, so that words stemmed the same
		// way still meet.
		return []key{r("t"+stem, false), r(stem, true), r("n"+stem, true)}
	case nasalMem:
		return []key{r(stem, true), r("m"+stem[1:], true)}
	case nasalMeny:
		return []key{r(stem, false), r("ny"+stem[1:], true)}
	}
	return []key{r(stem, false)}
}

// dedupKeys removes repeated roots, keeping the derived one of a pair.
func dedupKeys(ks []key) []key {
	out := ks[:0]
	for _, k := range ks {
		i := slices.IndexFunc(out, func(o key) bool { return o.text == k.text })
		switch {
		case i < 0:
			out = append(out, k)
		case !k.guessed:
			out[i].guessed = false
		}
	}
	return out
}

// Terms returns the index terms of s, each once, in order of first
// appearance: every token of Tokens, the inner tails of compounds
// ("012/35.73.405/2024", ...), and for each word that carries
// derivational affixes its possible roots as stem terms, "=" before a
// derived root and "~" before a guessed one: "disahkan" gives
// "disahkan", "=sahkan" (the Snowball stem) and "~sah"; "pemohon" gives
// "pemohon", "~pohon" and "~mohon". The package documentation says why
// the two kinds are kept apart. Terms is what an index stores for a
// text; QueryTerm says which terms a query word matches.
func Terms(s string) []string {
	var c collector
	c.addText(s, 1)
	return c.list
}

// collector gathers the distinct terms of one document's texts, in order
// of first appearance, with the highest weight each was seen with.
type collector struct {
	weights map[string]int32
	list    []string
}

// addText adds the terms of s with weight w.
func (c *collector) addText(s string, w int32) {
	if c.weights == nil {
		// A word in ten is new in a typical SOP text; a guess that
		// saves most of the map's growing.
		c.weights = make(map[string]int32, len(s)/10)
	}
	eachChunk(Fold(s), func(ch chunk) { c.addChunk(ch, w) })
}

// add adds term with weight w and reports whether it was new or weighed
// less before.
func (c *collector) add(term string, w int32) bool {
	old, ok := c.weights[term]
	if !ok {
		c.list = append(c.list, term)
	} else if old >= w {
		return false
	}
	c.weights[term] = w
	return true
}

func (c *collector) addChunk(ch chunk, w int32) {
	if len(ch.parts) > 1 {
		c.add(ch.text, w)
		for _, tail := range ch.tails() {
			c.add(tail, w)
		}
	}
	for _, word := range ch.parts {
		// A word seen before, at this weight or more, has its roots
		// in already.
		if !c.add(word, w) {
			continue
		}
		for _, k := range keys(word) {
			c.add(k.mark(), w)
		}
	}
}

// QueryTerm is one word of a search query together with the index terms
// it matches. A query matches a text when every one of its terms
// matches one of the text's Terms.
type QueryTerm struct {
	// Word is the folded query word or compound. It matches every index
	// term that begins with it: "kart" matches "kartu", "800/012"
	// matches "800/012/35.73.405/2024".
	Word string
	// Stems are the index terms that also match, compared whole: the
	// stem terms of the query word's possible roots, the words equal to
	// its derived roots, and the derived stem term of the word itself.
	Stems []string
}

// Matches reports whether the index term term matches q.
func (q QueryTerm) Matches(term string) bool {
	return strings.HasPrefix(term, q.Word) || slices.Contains(q.Stems, term)
}

// exact reports whether term is the query word itself, which ranks above
// a longer word it begins or a shared root.
func (q QueryTerm) exact(term string) bool { return term == q.Word }

// Query parses a user's query into its terms, one for each distinct
// word or compound of q, folded like indexed text. A query word matches
// a document word when it is a prefix of it, or when the two may share
// a root: both derived from the same root ("pengesahan" and
// "mengesahkan"), one the bare root of the other ("kerja" and
// "pekerjaan"), or one derived and the other guessed from the same root,
// or both guessed; but a guessed root never matches a bare word
// ("pemohon" does not find "pohon"). Compounds such as "AK/I" or
// "800/012" match by prefix only. An empty query has no terms.
func Query(q string) []QueryTerm {
	var out []QueryTerm
	seen := make(map[string]bool)
	eachChunk(Fold(q), func(c chunk) {
		if seen[c.text] {
			return
		}
		seen[c.text] = true
		out = append(out, queryTerm(c))
	})
	return out
}

// queryTerm builds the term of one query chunk.
func queryTerm(c chunk) QueryTerm {
	q := QueryTerm{Word: c.text}
	if len(c.parts) > 1 || !hasLetter(c.text) {
		return q
	}
	// The word read as a root meets the words derived from it, even
	// when the algorithm would stem it further: a user typing "terima"
	// or "periksa" means the root, which Snowball reads as ter+ima and
	// per+iksa.
	q.Stems = []string{derivedMark + c.text}
	for _, k := range keys(c.text) {
		if !k.guessed {
			// A sure root meets the bare word too, and guesses.
			q.Stems = append(q.Stems, k.text, k.mark(), guessedMark+k.text)
			continue
		}
		q.Stems = append(q.Stems, derivedMark+k.text, k.mark())
	}
	return q
}

// Match reports whether text matches query: whether every term of the
// query matches a term of the text. An empty query matches nothing.
func Match(query, text string) bool {
	qs := Query(query)
	if len(qs) == 0 {
		return false
	}
	terms := Terms(text)
	for _, q := range qs {
		if !slices.ContainsFunc(terms, q.Matches) {
			return false
		}
	}
	return true
}

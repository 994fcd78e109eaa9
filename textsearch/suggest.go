package textsearch

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxEdits is how far a suggestion may be from the word typed: two
// edits, an adjacent transposition counting as one (Damerau-Levenshtein,
// optimal string alignment).
const maxEdits = 2

// Suggest returns the query with each word that matches nothing in the
// index replaced by the index's word nearest to it: at most two edits
// away (one for a word of four letters or fewer), the fewest edits
// first, then the word held by the most documents, then the first in
// alphabetical order. Words that match something, compounds ("AK/I"),
// numbers and words shorter than three letters stay as typed. It
// returns "" when no word was replaced: "pelatian" gives "pelatihan".
func (ix *Index) Suggest(query string) string {
	qs := Query(query)
	if len(qs) == 0 {
		return ""
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]string, len(qs))
	changed := false
	for i, q := range qs {
		out[i] = q.Word
		if len([]rune(q.Word)) < 3 || strings.ContainsAny(q.Word, "/.") || !hasLetter(q.Word) || ix.matchesAny(q) {
			continue
		}
		if w := ix.nearest(q.Word); w != "" {
			out[i], changed = w, true
		}
	}
	if !changed {
		return ""
	}
	return strings.Join(out, " ")
}

// matchesAny reports whether q matches a term of the index. The caller
// holds the read lock.
func (ix *Index) matchesAny(q QueryTerm) bool {
	for _, t := range q.Stems {
		if len(ix.post[t]) > 0 {
			return true
		}
	}
	for _, list := range [][]string{ix.words, ix.fresh} {
		i, _ := slices.BinarySearch(list, q.Word)
		for ; i < len(list) && strings.HasPrefix(list[i], q.Word); i++ {
			if len(ix.post[list[i]]) > 0 {
				return true
			}
		}
	}
	return false
}

// nearest returns the index word nearest to w, as Suggest ranks them, or
// "". The caller holds the read lock.
func (ix *Index) nearest(w string) string {
	wr := []rune(w)
	limit := maxEdits
	if len(wr) <= 4 {
		limit = 1
	}
	type cand struct {
		word      string
		dist, doc int
	}
	var best *cand
	var scratch editScratch
	var tr []rune
	for _, list := range [][]string{ix.words, ix.fresh} {
		for _, t := range list {
			// The length first: it rules out most words without
			// allocating, then the cheaper checks, then the distance.
			if d := utf8.RuneCountInString(t) - len(wr); d > limit || -d > limit {
				continue
			}
			df := len(ix.post[t])
			if df == 0 || strings.ContainsAny(t, "/.") || !hasLetter(t) {
				continue
			}
			tr = appendRunes(tr[:0], t)
			d := scratch.distance(wr, tr, limit)
			if d > limit {
				continue
			}
			c := cand{t, d, df}
			if best == nil || cmp.Or(cmp.Compare(c.dist, best.dist), cmp.Compare(best.doc, c.doc), strings.Compare(c.word, best.word)) < 0 {
				best = &c
			}
		}
	}
	if best == nil {
		return ""
	}
	return best.word
}

// editDistance returns the optimal string alignment distance of a and
// b (insertions, deletions, substitutions and transpositions of two
// adjacent letters), or limit+1 as soon as it must exceed limit.
func editDistance(a, b []rune, limit int) int {
	var sc editScratch
	return sc.distance(a, b, limit)
}

// editScratch holds the rows of editDistance, reused from one word to the
// next while Suggest scans the index.
type editScratch struct{ rows [3][]int }

// appendRunes appends the runes of s to dst.
func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

func (sc *editScratch) distance(a, b []rune, limit int) int {
	for i := range sc.rows {
		if cap(sc.rows[i]) < len(b)+1 {
			sc.rows[i] = make([]int, len(b)+1, 2*(len(b)+1))
		}
		sc.rows[i] = sc.rows[i][:len(b)+1]
	}
	prev2, prev, cur := sc.rows[0], sc.rows[1], sc.rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// sortHits returns the scores as hits, best first, equal scores by ID.
func sortHits(scores map[string]int) []Hit {
	hits := make([]Hit, 0, len(scores))
	for id, s := range scores {
		hits = append(hits, Hit{ID: id, Score: s})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	return hits
}

package textsearch

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Weights for Field, as the catalogue uses them: a hit in a title
// outweighs any number of hits in the body.
const (
	TitleWeight = 10
	BodyWeight  = 1
)

// Match qualities, multiplied by a field's weight. The best of them is
// below TitleWeight/BodyWeight, so a title hit of any quality outranks
// a body hit of any quality.
const (
	qualityExact  = 3 // the query word itself
	qualityStem   = 2 // a shared root
	qualityPrefix = 1 // a longer word the query word begins
)

// Field is one searchable text of a document with its weight.
type Field struct {
	Text string
	// Weight scales the score of a hit in this field; TitleWeight for
	// a title, BodyWeight for activities, outputs or legal basis. A
	// weight below 1 counts as 1.
	Weight int
}

// Hit is one document found by Index.Search.
type Hit struct {
	ID    string
	Score int
}

// Index is an in-memory inverted index of documents, each a few
// weighted fields, searched with the matching rules of Query. It suits
// a catalogue of up to some thousands of SOPs that is built at start-up
// and updated on each change. An Index is safe for concurrent use:
// searches run in parallel, and Add and Remove wait for them. The zero
// value is an empty index ready to use.
type Index struct {
	mu    sync.RWMutex
	slots map[string]int32     // document ID → slot
	docs  []indexedDoc         // by slot; free slots have no ID
	free  []int32              // slots to reuse
	post  map[string][]posting // term → documents holding it
	// words holds the terms that are words (not stem terms), sorted,
	// for prefix search.
	words []string
}

type indexedDoc struct {
	id    string
	terms []string // for Remove
}

// posting is one document holding a term, with the highest weight of
// the fields it appears in.
type posting struct {
	slot   int32
	weight int32
}

// Len returns the number of documents in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.slots)
}

// Add indexes the document id with its fields, replacing any document
// already indexed under id.
func (ix *Index) Add(id string, fields ...Field) {
	var c collector
	for _, f := range fields {
		c.addText(f.Text, int32(max(f.Weight, 1)))
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.slots == nil {
		ix.slots = make(map[string]int32)
		ix.post = make(map[string][]posting)
	}
	ix.remove(id)
	slot := ix.newSlot(indexedDoc{id: id, terms: c.list})
	var added []string
	for _, t := range c.list {
		list, known := ix.post[t]
		if !known && isWord(t) {
			added = append(added, t)
		}
		ix.post[t] = append(list, posting{slot: slot, weight: c.weights[t]})
	}
	ix.addWords(added)
}

func (ix *Index) newSlot(d indexedDoc) int32 {
	var slot int32
	if n := len(ix.free); n > 0 {
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
		ix.docs[slot] = d
	} else {
		slot = int32(len(ix.docs))
		ix.docs = append(ix.docs, d)
	}
	ix.slots[d.id] = slot
	return slot
}

// addWords merges new word terms into the sorted word list.
func (ix *Index) addWords(added []string) {
	if len(added) == 0 {
		return
	}
	slices.Sort(added)
	merged := make([]string, 0, len(ix.words)+len(added))
	i, j := 0, 0
	for i < len(ix.words) && j < len(added) {
		if ix.words[i] < added[j] {
			merged = append(merged, ix.words[i])
			i++
		} else {
			merged = append(merged, added[j])
			j++
		}
	}
	merged = append(merged, ix.words[i:]...)
	merged = append(merged, added[j:]...)
	ix.words = merged
}

// Remove deletes the document id from the index and reports whether it
// was there.
func (ix *Index) Remove(id string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.remove(id)
}

func (ix *Index) remove(id string) bool {
	slot, ok := ix.slots[id]
	if !ok {
		return false
	}
	gone := false
	for _, t := range ix.docs[slot].terms {
		list := ix.post[t]
		i := slices.IndexFunc(list, func(p posting) bool { return p.slot == slot })
		list = slices.Delete(list, i, i+1)
		if len(list) == 0 {
			delete(ix.post, t)
			gone = gone || isWord(t)
			continue
		}
		ix.post[t] = list
	}
	if gone {
		// Drop the words no document holds any more.
		ix.words = slices.DeleteFunc(ix.words, func(w string) bool {
			_, ok := ix.post[w]
			return !ok
		})
	}
	delete(ix.slots, id)
	ix.docs[slot] = indexedDoc{}
	ix.free = append(ix.free, slot)
	return true
}

// isWord reports whether an index term is a word (or compound), not a
// stem term.
func isWord(term string) bool {
	return !strings.HasPrefix(term, derivedMark) && !strings.HasPrefix(term, guessedMark)
}

// Search returns the documents that match every term of query (see
// Query), best first. A document scores, for each query term, its best
// hit: the weight of the field times the quality of the match, the query
// word itself counting most, then a shared root, then a longer word it
// begins. Equal scores are ordered by ID. An empty query finds nothing.
func (ix *Index) Search(query string) []Hit {
	qs := Query(query)
	if len(qs) == 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var total map[int32]int
	for _, q := range qs {
		scores := ix.scoreTerm(q)
		if total == nil {
			total = scores
		} else {
			for slot, s := range total {
				if add, ok := scores[slot]; ok {
					total[slot] = s + add
				} else {
					delete(total, slot)
				}
			}
		}
		if len(total) == 0 {
			return nil
		}
	}
	hits := make([]Hit, 0, len(total))
	for slot, s := range total {
		hits = append(hits, Hit{ID: ix.docs[slot].id, Score: s})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	return hits
}

// scoreTerm returns the best score of q in each document it matches.
func (ix *Index) scoreTerm(q QueryTerm) map[int32]int {
	scores := make(map[int32]int)
	note := func(term string, quality int) {
		for _, p := range ix.post[term] {
			scores[p.slot] = max(scores[p.slot], quality*int(p.weight))
		}
	}
	for i := sort.SearchStrings(ix.words, q.Word); i < len(ix.words) && strings.HasPrefix(ix.words[i], q.Word); i++ {
		if q.exact(ix.words[i]) {
			note(ix.words[i], qualityExact)
		} else {
			note(ix.words[i], qualityPrefix)
		}
	}
	for _, t := range q.Stems {
		note(t, qualityStem)
	}
	return scores
}

package textsearch

import (
	"cmp"
	"context"
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
// a catalogue of some thousands of SOPs that is built at start-up and
// updated on each change: adding, replacing or removing a document costs
// about the same however many documents the index holds. An Index is
// safe for concurrent use. A search holds the index's lock for one query
// term at a time, so a long query does not hold up Add and Remove for
// long; a document changed while a search runs is left out of that
// search's results. The zero value is an empty index ready to use.
type Index struct {
	mu    sync.RWMutex
	slots map[string]int32     // document ID → slot
	docs  []indexedDoc         // by slot; free slots have no ID
	free  []int32              // slots to reuse
	post  map[string][]posting // term → documents holding it, in no order
	// words and fresh hold the terms that are words (not stem terms),
	// each sorted, for prefix search: words the bulk, fresh those added
	// since the two were last merged, so that a new word costs no copy
	// of the whole list. A word no document holds any more stays until
	// the next merge (dead counts them); search finds nothing under it.
	words  []string
	fresh  []string
	dead   int
	merges int // counts the merges of fresh into words
}

type indexedDoc struct {
	id  string
	gen uint32 // counts the documents the slot has held, so that a search sees a slot change hands
	// terms are the document's terms, sorted; pos[i] is where its
	// posting is in the list of terms[i], for Remove.
	terms []string
	pos   []int32
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
// already indexed under id. The text is analysed before the index is
// locked.
func (ix *Index) Add(id string, fields ...Field) {
	var c collector
	for _, f := range fields {
		c.addText(f.Text, int32(max(f.Weight, 1)))
	}
	terms := slices.Clone(c.list)
	slices.Sort(terms)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.slots == nil {
		ix.slots = make(map[string]int32)
		ix.post = make(map[string][]posting)
	}
	ix.remove(id)
	slot := ix.newSlot(id)
	pos := make([]int32, len(terms))
	for i, t := range terms {
		list, known := ix.post[t]
		pos[i] = int32(len(list))
		ix.post[t] = append(list, posting{slot: slot, weight: c.weights[t]})
		if !known && isWord(t) {
			ix.addWord(t) // after the posting, which a merge of the word lists looks for
		}
	}
	ix.docs[slot].terms, ix.docs[slot].pos = terms, pos
}

func (ix *Index) newSlot(id string) int32 {
	var slot int32
	if n := len(ix.free); n > 0 {
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
		ix.docs[slot] = indexedDoc{id: id, gen: ix.docs[slot].gen + 1}
	} else {
		slot = int32(len(ix.docs))
		ix.docs = append(ix.docs, indexedDoc{id: id})
	}
	ix.slots[id] = slot
	return slot
}

// addWord records a word term that no document held: it may still be
// in a list, dead, or it goes into fresh, and fresh is merged into words
// once it has grown to a fraction of it.
func (ix *Index) addWord(w string) {
	if hasSorted(ix.words, w) || hasSorted(ix.fresh, w) {
		ix.dead--
		return
	}
	i, _ := slices.BinarySearch(ix.fresh, w)
	ix.fresh = slices.Insert(ix.fresh, i, w)
	if len(ix.fresh) > 64+len(ix.words)/32 {
		ix.compactWords()
	}
}

// dropWord notes that no document holds the word w any more.
func (ix *Index) dropWord() {
	ix.dead++
	if ix.dead > 64+(len(ix.words)+len(ix.fresh))/4 {
		ix.compactWords()
	}
}

// compactWords merges fresh into words, leaving out the dead words. Its
// cost is the length of the lists, paid once in many changes.
func (ix *Index) compactWords() {
	merged := make([]string, 0, len(ix.words)+len(ix.fresh)-ix.dead)
	i, j := 0, 0
	for i < len(ix.words) || j < len(ix.fresh) {
		var w string
		if j == len(ix.fresh) || i < len(ix.words) && ix.words[i] < ix.fresh[j] {
			w, i = ix.words[i], i+1
		} else {
			w, j = ix.fresh[j], j+1
		}
		if _, ok := ix.post[w]; ok {
			merged = append(merged, w)
		}
	}
	ix.words, ix.fresh, ix.dead = merged, nil, 0
	ix.merges++
}

func hasSorted(list []string, w string) bool {
	_, ok := slices.BinarySearch(list, w)
	return ok
}

// Remove deletes the document id from the index and reports whether it
// was there.
func (ix *Index) Remove(id string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.remove(id)
}

// remove takes the document's postings out of their lists, each by
// moving the list's last posting into its place.
func (ix *Index) remove(id string) bool {
	slot, ok := ix.slots[id]
	if !ok {
		return false
	}
	d := ix.docs[slot]
	for i, t := range d.terms {
		list := ix.post[t]
		at, last := d.pos[i], int32(len(list)-1)
		if at != last {
			moved := list[last]
			list[at] = moved
			md := &ix.docs[moved.slot]
			k, _ := slices.BinarySearch(md.terms, t)
			md.pos[k] = at
		}
		list = list[:last]
		if len(list) > 0 {
			ix.post[t] = list
			continue
		}
		delete(ix.post, t)
		if isWord(t) {
			ix.dropWord()
		}
	}
	delete(ix.slots, id)
	ix.docs[slot] = indexedDoc{gen: d.gen}
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
	hits, _ := ix.SearchContext(context.Background(), query)
	return hits
}

// SearchContext is Search that stops, with ctx's error, when ctx ends
// before the search does.
func (ix *Index) SearchContext(ctx context.Context, query string) ([]Hit, error) {
	qs := Query(query)
	if len(qs) == 0 {
		return nil, nil
	}
	var total map[docKey]int
	for _, q := range qs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		scores := ix.scoreTerm(q)
		if total == nil {
			total = scores
		} else {
			for k, s := range total {
				if add, ok := scores[k]; ok {
					total[k] = s + add
				} else {
					delete(total, k)
				}
			}
		}
		if len(total) == 0 {
			return nil, nil
		}
	}
	hits := ix.hits(total)
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	return hits, nil
}

// docKey names a document as a search saw it: its slot and the slot's
// generation then.
type docKey uint64

func keyOf(slot int32, gen uint32) docKey { return docKey(gen)<<32 | docKey(uint32(slot)) }

// hits returns the documents of the scores that are still as they were
// when they were scored.
func (ix *Index) hits(total map[docKey]int) []Hit {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	hits := make([]Hit, 0, len(total))
	for k, s := range total {
		d := ix.docs[int32(uint32(k))]
		if d.id != "" && d.gen == uint32(k>>32) {
			hits = append(hits, Hit{ID: d.id, Score: s})
		}
	}
	return hits
}

// termChunk is about how many postings a search visits before it lets
// writers in (it stops after the word that passes it, so a chunk is one
// word's postings when that word is in more documents). A query word that
// begins many words no longer holds the index's lock for the whole term:
// "p" on 10,000 SOPs visits 860,000 postings in about 110 chunks of about
// a millisecond each. (A variable for tests.)
var termChunk = 1 << 12

// betweenChunks, when set (by tests), runs while a search has let go of
// the lock between two chunks.
var betweenChunks func()

// scoreTerm returns the best score of q in each document it matches. It
// takes the read lock for its stem terms, then for each chunk of the
// words q begins, going on after the last word done; a merge of the word
// lists meanwhile (merges counts them) starts the words again, which
// only scores the same documents again.
func (ix *Index) scoreTerm(q QueryTerm) map[docKey]int {
	scores := make(map[docKey]int)
	ix.mu.RLock()
	for _, t := range q.Stems {
		ix.note(scores, t, qualityStem)
	}
	merges := ix.merges
	ix.mu.RUnlock()
	for list := 0; list < 2; list++ {
		after := "" // the last word done; "" before the first
		for {
			ix.mu.RLock()
			if ix.merges != merges {
				merges, list, after = ix.merges, 0, ""
			}
			words := ix.words
			if list == 1 {
				words = ix.fresh
			}
			i := sort.SearchStrings(words, max(q.Word, after))
			if after != "" && i < len(words) && words[i] == after {
				i++
			}
			for visited := 0; i < len(words) && strings.HasPrefix(words[i], q.Word) && visited < termChunk; i++ {
				quality := qualityPrefix
				if q.exact(words[i]) {
					quality = qualityExact
				}
				visited += ix.note(scores, words[i], quality)
				after = words[i]
			}
			done := i >= len(words) || !strings.HasPrefix(words[i], q.Word)
			ix.mu.RUnlock()
			if done {
				break
			}
			if betweenChunks != nil {
				betweenChunks()
			}
		}
	}
	return scores
}

// note records the score of each document holding term and returns how
// many there are. The caller holds the read lock.
func (ix *Index) note(scores map[docKey]int, term string, quality int) int {
	list := ix.post[term]
	for _, p := range list {
		k := keyOf(p.slot, ix.docs[p.slot].gen)
		scores[k] = max(scores[k], quality*int(p.weight))
	}
	return len(list)
}

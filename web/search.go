package web

import (
	"strconv"

	"github.com/esop-malang/esop/textsearch"
)

// searcher finds catalogue entries with the Indonesian text search of
// package textsearch: case and accent folding, prefix matching and
// stemming, title hits first.
type searcher struct {
	index   *textsearch.Index
	entries map[string]*entry
}

// newSearcher indexes entries; their text holds the title first, then the body.
func newSearcher(entries []*entry) *searcher {
	s := &searcher{index: &textsearch.Index{}, entries: map[string]*entry{}}
	for _, e := range entries {
		if e.Gone {
			continue
		}
		id := strconv.FormatInt(e.ID, 10)
		s.entries[id] = e
		fields := []textsearch.Field{{Text: e.text[0], Weight: textsearch.TitleWeight}}
		for _, body := range e.text[1:] {
			fields = append(fields, textsearch.Field{Text: body, Weight: textsearch.BodyWeight})
		}
		s.index.Add(id, fields...)
	}
	return s
}

// find returns the entries matching q, best first.
func (s *searcher) find(q string) []*entry {
	var out []*entry
	for _, h := range s.index.Search(q) {
		if e := s.entries[h.ID]; e != nil {
			out = append(out, e)
		}
	}
	return out
}

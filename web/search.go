package web

import (
	"context"
	"strconv"

	"github.com/esop-malang/esop/textsearch"
)

// searcher finds catalogue entries with the Indonesian text search of
// package textsearch: case and accent folding, prefix matching and
// stemming, title hits first. It is safe for concurrent use, and an
// entry is added or replaced without touching the others.
type searcher struct {
	index *textsearch.Index
}

func newSearcher() *searcher { return &searcher{index: &textsearch.Index{}} }

// put indexes e, replacing what was indexed under its ID; a withdrawn
// SOP is taken out, as it is never found.
func (s *searcher) put(e *entry) {
	id := strconv.FormatInt(e.ID, 10)
	if e.Gone {
		s.index.Remove(id)
		return
	}
	// Its text holds the title first, then the body.
	fields := []textsearch.Field{{Text: e.text[0], Weight: textsearch.TitleWeight}}
	for _, body := range e.text[1:] {
		fields = append(fields, textsearch.Field{Text: body, Weight: textsearch.BodyWeight})
	}
	s.index.Add(id, fields...)
}

// find returns the IDs of the SOPs matching any of the queries (a query
// and its rewritings by the synonyms, textsearch.Expand), best first. It
// stops when ctx ends.
func (s *searcher) find(ctx context.Context, queries []string) ([]int64, error) {
	hits, err := s.index.SearchAll(ctx, queries)
	if err != nil {
		return nil, err
	}
	out := make([]int64, 0, len(hits))
	for _, h := range hits {
		if id, err := strconv.ParseInt(h.ID, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out, nil
}

package web

import (
	"context"
	"slices"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/textsearch"
)

// Keterkaitan: the related SOPs an SOP names, resolved to stored SOPs by
// number or by title, and shown in both directions. A reference to an
// SOP that was withdrawn, or that matches none, is flagged.

// relatedLink is one entry of an SOP's Keterkaitan, resolved.
type relatedLink struct {
	Text  string // as written in the document
	ID    int64  // the SOP it names, 0 when none
	Title string
	State string // in_force, draft, withdrawn or unknown
}

// relatedKey folds a reference or a title for matching: case, accents,
// punctuation and a leading "SOP" do not matter (textsearch.RefKey, which
// the printed Keterkaitan of the command line uses too).
func relatedKey(s string) string { return textsearch.RefKey(s) }

// keterkaitan resolves the Keterkaitan of SOP self and finds the SOPs
// in force that name it, for its page.
func (s *Server) keterkaitan(ctx context.Context, self int64, related []string) ([]relatedLink, []*entry, error) {
	links, err := s.resolveRelated(ctx, self, related)
	if err != nil {
		return nil, nil, err
	}
	refs, err := s.referrers(ctx, self)
	return links, refs, err
}

// resolveRelated resolves the Keterkaitan of SOP self. Each entry is
// looked up by its key in the index's maps, under the index's read lock
// for that lookup only, so a document naming thousands of SOPs holds up
// no other request; it stops when ctx ends (the request's time budget).
func (s *Server) resolveRelated(ctx context.Context, self int64, related []string) ([]relatedLink, error) {
	today := s.today()
	out := make([]relatedLink, 0, len(related))
	for _, text := range related {
		if s.relating != nil {
			s.relating(ctx)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		l := relatedLink{Text: text, State: "unknown"}
		if e := s.index.match(relatedKey(text), self); e != nil {
			l.ID, l.Title = e.ID, e.Title
			switch {
			case e.Gone:
				l.State = "withdrawn"
			case e.Draft || today.Before(e.Effective):
				l.State = "draft"
			default:
				l.State = "in_force"
			}
		}
		out = append(out, l)
	}
	return out, nil
}

// match finds the entry a reference with the given key names, other
// than SOP self: by number first, then by title, the first in catalogue
// order. Numbers and titles are indexed by key when an SOP is indexed.
func (c *catalogueIndex) match(key string, self int64) *entry {
	if key == "" {
		return nil
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data.match(key, self)
}

func (d *catalogueData) match(key string, self int64) *entry {
	for _, e := range d.byNumber[key] {
		if e.ID != self {
			return e
		}
	}
	for _, e := range d.byTitle[key] {
		if e.ID != self {
			return e
		}
	}
	return nil
}

// referrers returns the SOPs in force that name SOP id in their
// Keterkaitan, in catalogue order: those that name its number or title
// and whose reference resolves to it (another SOP may have the same
// title, or a number that reads like it).
func (s *Server) referrers(ctx context.Context, id int64) ([]*entry, error) {
	e := s.index.entry(id)
	if e == nil {
		return nil, nil
	}
	today := s.today()
	var out []*entry
	seen := map[int64]bool{}
	for _, k := range []string{e.numberKey, e.titleKey} {
		if k == "" {
			continue
		}
		for _, rid := range s.index.namers(k) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			r, m := s.index.resolve(rid, k)
			if r == nil || m == nil || m.ID != id || seen[r.ID] || r.Gone || r.Draft || today.Before(r.Effective) {
				continue
			}
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	slices.SortFunc(out, compareEntries)
	return out, nil
}

// namers returns the IDs of the entries that name key.
func (c *catalogueIndex) namers(key string) []int64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data.namedBy[key] // replaced on change, never changed in place
}

// resolve returns the entry of SOP id and the entry its reference with
// the given key resolves to.
func (c *catalogueIndex) resolve(id int64, key string) (from, to *entry) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data.byID[id], c.data.match(key, id)
}

// printedRelated returns the Keterkaitan of d as the print shows it: an
// entry that names a stored SOP (by number, else by title) as
// esop.RelatedCitation of its number and title, any other as written;
// nil when d names none. The document's own SOP is not known here, so an
// entry naming it would be printed with its own title.
func (s *Server) printedRelated(d *esop.Document) []string {
	if len(d.Related) == 0 {
		return nil
	}
	out := make([]string, len(d.Related))
	for i, text := range d.Related {
		out[i] = text
		if e := s.index.match(relatedKey(text), 0); e != nil {
			out[i] = esop.RelatedCitation(e.Number, e.Title)
		}
	}
	return out
}

package web

import (
	"strings"

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
// punctuation and a leading "SOP" do not matter.
func relatedKey(s string) string {
	words := textsearch.Tokens(s)
	for len(words) > 0 && words[0] == "sop" {
		words = words[1:]
	}
	// Tokens lists a number's parts after the number itself; only whole
	// words and numbers are compared.
	var out []string
	for _, w := range words {
		if len(out) > 0 && strings.Contains(out[len(out)-1], w) && strings.ContainsAny(out[len(out)-1], "/.") {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// resolveRelated resolves the Keterkaitan of SOP self.
func (s *Server) resolveRelated(self int64, related []string) []relatedLink {
	s.index.mu.RLock()
	defer s.index.mu.RUnlock()
	today := s.today()
	var out []relatedLink
	for _, text := range related {
		l := relatedLink{Text: text, State: "unknown"}
		if e := s.matchRelated(text, self); e != nil {
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
	return out
}

// matchRelated finds the entry a reference names: by number first, then
// by title. The caller holds the index's read lock.
func (s *Server) matchRelated(text string, self int64) *entry {
	key := relatedKey(text)
	if key == "" {
		return nil
	}
	var byTitle *entry
	for _, e := range s.index.entries {
		if e.ID == self {
			continue
		}
		if e.Number != "" && (strings.EqualFold(strings.TrimSpace(text), e.Number) || key == relatedKey(e.Number)) {
			return e
		}
		if byTitle == nil && key == relatedKey(e.Title) {
			byTitle = e
		}
	}
	return byTitle
}

// referrers returns the SOPs in force that name SOP id in their Keterkaitan.
func (s *Server) referrers(id int64) []*entry {
	s.index.mu.RLock()
	defer s.index.mu.RUnlock()
	today := s.today()
	var out []*entry
	for _, e := range s.index.entries {
		if e.ID == id || e.Gone || e.Draft || today.Before(e.Effective) {
			continue
		}
		for _, text := range e.Related {
			if m := s.matchRelated(text, e.ID); m != nil && m.ID == id {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

package book

import (
	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/textsearch"
)

// RelatedLines returns the Keterkaitan of SOP self as the print shows it:
// an entry that names a stored SOP other than self, by its number first,
// else by its title (as the web's Keterkaitan matches them, in the
// order of sops), as esop.RelatedCitation of that SOP's number and title;
// any other entry as written. It returns nil when related is empty.
func RelatedLines(sops []*esop.SOP, self int64, related []string) []string {
	if len(related) == 0 {
		return nil
	}
	byNumber, byTitle := map[string]*esop.SOP{}, map[string]*esop.SOP{}
	for _, s := range sops {
		if s.ID == self {
			continue
		}
		if k := textsearch.RefKey(s.Number); k != "" && byNumber[k] == nil && s.Number != "" {
			byNumber[k] = s
		}
		if k := textsearch.RefKey(s.Title); k != "" && byTitle[k] == nil {
			byTitle[k] = s
		}
	}
	out := make([]string, len(related))
	for i, text := range related {
		out[i] = text
		k := textsearch.RefKey(text)
		s := byNumber[k]
		if s == nil {
			s = byTitle[k]
		}
		if k != "" && s != nil {
			out[i] = esop.RelatedCitation(s.Number, s.Title)
		}
	}
	return out
}

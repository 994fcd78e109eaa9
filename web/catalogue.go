package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/esop-malang/esop"
)

// entry is one approved SOP in the public catalogue.
type entry struct {
	ID        int64
	Number    string
	Title     string
	Unit      string
	Category  string
	Effective esop.Date
	Total     esop.Total
	Draft     bool     // not approved yet: found only by users who may read the unit's drafts
	Gone      bool     // withdrawn: no version is in force, due or being written
	Related   []string // its Keterkaitan, as written
	text      []string // the searchable fields: title, number, activities, outputs, legal basis
}

// catalogueIndex holds the approved SOPs for the catalogue and search.
// It is rebuilt from the store at start-up and after every change;
// whether an SOP is in force is judged when it is read, by date.
type catalogueIndex struct {
	mu      sync.RWMutex
	entries []*entry
	search  *searcher
	gen     int64 // counts rebuilds, so that pages made from the index know when it changed
}

// generation returns the number of the index's current build.
func (c *catalogueIndex) generation() int64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

func newCatalogueIndex() *catalogueIndex { return &catalogueIndex{search: newSearcher(nil)} }

// Refresh rebuilds the catalogue from the store, for versions that came
// into force with the date rather than by a request.
func (s *Server) Refresh(ctx context.Context) error { return s.reindex(ctx) }

// reindex rebuilds the catalogue from the store.
func (s *Server) reindex(ctx context.Context) error {
	sops, _, err := s.store.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		return err
	}
	var entries []*entry
	for _, sop := range sops {
		v := sop.Current
		if v == nil {
			v = sop.Pending
		}
		if v == nil {
			v = sop.Draft
		}
		if v == nil {
			// Every version is withdrawn or superseded: kept only so that
			// references to it can say it was withdrawn.
			entries = append(entries, &entry{ID: sop.ID, Number: sop.Number, Title: sop.Title, Unit: sop.Unit, Gone: true})
			continue
		}
		d := v.Document
		e := &entry{ID: sop.ID, Number: sop.Number, Title: d.Title, Unit: d.Unit, Category: d.Category,
			Effective: d.Dates.Effective, Total: esop.TotalTime(d), Draft: sop.Current == nil && sop.Pending == nil, Related: d.Related}
		e.text = searchFields(d)
		entries = append(entries, e)
	}
	s.index.mu.Lock()
	s.index.entries = entries
	s.index.search = newSearcher(entries)
	s.index.gen++
	s.index.mu.Unlock()
	return nil
}

// searchFields returns the text of a document that search looks in, the
// title first (title hits rank higher).
func searchFields(d *esop.Document) []string {
	var body []string
	body = append(body, d.Number)
	for _, st := range d.Steps {
		body = append(body, st.Activity, st.Output)
	}
	for _, r := range d.LegalBasis {
		body = append(body, r.String())
	}
	return []string{d.Title, strings.Join(body, " \n ")}
}

// inForce returns the entries in force today, optionally of one unit and category.
func (s *Server) catalogueEntries(unit, category string) []*entry {
	s.index.mu.RLock()
	defer s.index.mu.RUnlock()
	today := s.today()
	var out []*entry
	for _, e := range s.index.entries {
		if e.Gone || e.Draft || today.Before(e.Effective) || (unit != "" && e.Unit != unit) || (category != "" && e.Category != category) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// group is one unit's SOPs in the catalogue.
type group struct {
	Unit    string
	Entries []*entry
}

// catalogueView is the view model of the catalogue and search pages.
type catalogueView struct {
	Groups     []group
	Count      int
	Units      []string
	Unit       string
	Category   string
	Categories []string
	Query      string
	Searched   bool
}

func (s *Server) catalogue(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	unit, category := q.Get("unit"), q.Get("category")
	all := s.catalogueEntries("", "")
	list := s.catalogueEntries(unit, category)
	v := catalogueView{Groups: groupByUnit(list), Count: len(list), Units: unitsOf(all), Unit: unit, Category: category,
		Categories: []string{esop.CategoryPelayanan, esop.CategoryRutin, esop.CategoryPenugasan}}
	s.renderPage(w, r, rq, http.StatusOK, "catalogue", v)
	return nil
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		q = q[:200]
	}
	v := catalogueView{Query: q, Searched: true, Units: unitsOf(s.catalogueEntries("", ""))}
	if q != "" {
		hits, err := s.find(r.Context(), rq.user, q, r.URL.Query().Get("unit"))
		if err != nil {
			return err
		}
		v.Groups, v.Count = []group{{Entries: hits}}, len(hits)
	}
	s.renderPage(w, r, rq, http.StatusOK, "search", v)
	return nil
}

// find returns the SOPs matching the query, best first: those in force,
// and the drafts of units whose drafts u may read.
func (s *Server) find(ctx context.Context, u *esop.User, q, unit string) ([]*entry, error) {
	s.index.mu.RLock()
	hits := s.index.search.find(q)
	s.index.mu.RUnlock()
	today := s.today()
	var out []*entry
	for _, e := range hits {
		if unit != "" && e.Unit != unit {
			continue
		}
		if e.Draft || today.Before(e.Effective) {
			ok, err := s.mayReadDraft(ctx, u, e.Unit)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func groupByUnit(list []*entry) []group {
	var groups []group
	for _, e := range list {
		i := slices.IndexFunc(groups, func(g group) bool { return g.Unit == e.Unit })
		if i < 0 {
			groups = append(groups, group{Unit: e.Unit})
			i = len(groups) - 1
		}
		groups[i].Entries = append(groups[i].Entries, e)
	}
	slices.SortStableFunc(groups, func(a, b group) int { return strings.Compare(a.Unit, b.Unit) })
	return groups
}

func unitsOf(list []*entry) []string {
	var units []string
	for _, e := range list {
		if !slices.Contains(units, e.Unit) {
			units = append(units, e.Unit)
		}
	}
	slices.Sort(units)
	return units
}

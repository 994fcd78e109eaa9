package web

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/textsearch"
)

// entry is one SOP in the public catalogue, as indexed. An entry never
// changes once it is in the index: a change of its SOP replaces it, so
// that a request may keep using an entry it found without a lock.
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
	sortTitle string   // the SOP's stored title, which orders the catalogue after the number
	numberKey string   // relatedKey of Number ("" without a number)
	titleKey  string   // relatedKey of Title
	names     []string // the relatedKeys of Related, each once: the SOPs it names
	// rows holds the entry's table rows as rendered (entryRow), by
	// language and column set: made once, as the entry never changes.
	rows sync.Map // rowKey → template.HTML
}

// rowKey names one rendering of an entry's row.
type rowKey struct {
	lang     string
	withUnit bool
}

// catalogueIndex holds the SOPs for the catalogue, search and
// Keterkaitan. It is built from the store at start-up and by Refresh,
// and each write brings up to date only the SOPs it changed (reindex),
// so a write costs the same with ten thousand SOPs as with twenty.
// Whether an SOP is in force is judged when it is read, by date.
//
// Readers take the read lock only to look up or copy a reference (the
// list of entries is replaced whole, never changed in place), never
// while they work on what they found; writers prepare everything
// outside it and take the write lock only to swap what they prepared
// in. So no request, however large its document, holds up the others.
type catalogueIndex struct {
	update  sync.Mutex // serialises the updates of single SOPs and the end of a rebuild
	rebuild sync.Mutex // serialises whole rebuilds

	mu      sync.RWMutex // guards the fields below, held only for lookups and swaps
	data    *catalogueData
	gen     int64           // counts changes, so that pages made from the index know when it changed
	seq     int64           // counts the updates of single SOPs
	touched map[int64]int64 // SOP ID → seq of its last single update, for a rebuild running meanwhile
}

// catalogueData is the content of the index: the entries in catalogue
// order and the maps that find them. The slices held in its maps are
// replaced, never changed in place, like list.
type catalogueData struct {
	list     []*entry            // in catalogue order: by number (SOPs without one last), title, ID
	byID     map[int64]*entry    // every SOP, withdrawn ones included
	byNumber map[string][]*entry // numberKey → entries, in catalogue order
	byTitle  map[string][]*entry // titleKey → entries, in catalogue order
	namedBy  map[string][]int64  // a relatedKey → the IDs of the entries that name it
	search   *searcher           // safe for concurrent use on its own
}

func newCatalogueIndex() *catalogueIndex {
	return &catalogueIndex{data: newCatalogueData(), touched: map[int64]int64{}}
}

func newCatalogueData() *catalogueData {
	return &catalogueData{byID: map[int64]*entry{}, byNumber: map[string][]*entry{}, byTitle: map[string][]*entry{},
		namedBy: map[string][]int64{}, search: newSearcher()}
}

// generation returns the number of the index's current state.
func (c *catalogueIndex) generation() int64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.gen
}

// snapshot returns the current content and its list of entries. The
// list may be read without a lock; the maps may not.
func (c *catalogueIndex) snapshot() (*catalogueData, []*entry) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data, c.data.list
}

// entry returns the entry of SOP id, nil when there is none.
func (c *catalogueIndex) entry(id int64) *entry {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data.byID[id]
}

// Refresh rebuilds the catalogue from the store, for versions that came
// into force with the date rather than by a request, and for changes
// made by another server on the same database. Requests are served from
// the index as it was until the new one is ready.
func (s *Server) Refresh(ctx context.Context) error {
	if _, err := s.loadSynonyms(ctx); err != nil {
		return err
	}
	return s.rebuild(ctx)
}

// reindexTimeout bounds how long bringing the index up to date after a
// write may take: the write is committed, so the index follows it even
// when the request that made it has run out of time.
const reindexTimeout = 30 * time.Second

// reindex brings the catalogue up to date with the SOPs ids after a
// write, reading only those from the store. (rebuild reads them all.)
func (s *Server) reindex(ctx context.Context, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), reindexTimeout)
	defer cancel()
	c := s.index
	c.update.Lock()
	defer c.update.Unlock()
	var changed []*entry
	for _, id := range ids {
		sop, err := s.store.FindSOPByID(ctx, id)
		if esop.ErrorCode(err) == esop.ENOTFOUND {
			continue // never stored: the transaction that named it rolled back
		}
		if err != nil {
			return err
		}
		changed = append(changed, entryOf(sop))
	}
	c.apply(c.data, changed, true)
	return nil
}

// importedIDs returns the IDs of the SOPs an import created.
func importedIDs(res []esop.ImportResult) []int64 {
	ids := make([]int64, len(res))
	for i, r := range res {
		ids[i] = r.SOP.ID
	}
	return ids
}

// rebuild reads every SOP and replaces the whole index. The single
// updates made while it read are carried into the new index, which may
// have read those SOPs before they changed.
func (s *Server) rebuild(ctx context.Context) error {
	c := s.index
	c.rebuild.Lock()
	defer c.rebuild.Unlock()
	c.mu.RLock()
	start := c.seq
	c.mu.RUnlock()
	sops, _, err := s.store.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		return err
	}
	fresh := newCatalogueData()
	entries := make([]*entry, 0, len(sops))
	for _, sop := range sops {
		entries = append(entries, entryOf(sop))
	}
	c.apply(fresh, entries, false) // fresh is not shared yet
	c.finishRebuild(fresh, start)
	return nil
}

// finishRebuild puts fresh in place of the index's content, with the
// single updates made since the rebuild began (at seq start) carried in.
func (c *catalogueIndex) finishRebuild(fresh *catalogueData, start int64) {
	c.update.Lock()
	defer c.update.Unlock()
	var carried []*entry
	c.mu.RLock()
	for id, seq := range c.touched {
		if e := c.data.byID[id]; seq > start && e != nil {
			carried = append(carried, e)
		}
	}
	c.mu.RUnlock()
	c.apply(fresh, carried, false)
	c.mu.Lock()
	c.data, c.touched = fresh, map[int64]int64{}
	c.gen++
	c.mu.Unlock()
}

// entryOf makes the catalogue entry of an SOP: its version in force, else
// the one due, else its draft. It does all the text analysis an entry
// needs, so that none is left for the index's locks.
func entryOf(sop *esop.SOP) *entry {
	v := sop.Current
	if v == nil {
		v = sop.Pending
	}
	if v == nil {
		v = sop.Draft
	}
	e := &entry{ID: sop.ID, Number: sop.Number, Title: sop.Title, Unit: sop.Unit, sortTitle: sop.Title}
	if v == nil {
		// Every version is withdrawn or superseded: kept only so that
		// references to it can say it was withdrawn.
		e.Gone = true
	} else {
		d := v.Document
		e.Title, e.Unit, e.Category, e.Effective, e.Total = d.Title, d.Unit, d.Category, d.Dates.Effective, esop.TotalTime(d)
		e.Draft, e.Related, e.text = sop.Current == nil && sop.Pending == nil, d.Related, searchFields(d)
	}
	if e.Number != "" {
		e.numberKey = relatedKey(e.Number)
	}
	e.titleKey = relatedKey(e.Title)
	for _, text := range e.Related {
		if k := relatedKey(text); k != "" && !slices.Contains(e.names, k) {
			e.names = append(e.names, k)
		}
	}
	return e
}

// apply puts changed entries into d, replacing those with the same IDs.
// The caller holds c.update (or owns d alone, shared says which): the
// search index and the new list are prepared outside c.mu, which is
// taken only to change the maps and swap the list in.
func (c *catalogueIndex) apply(d *catalogueData, changed []*entry, shared bool) {
	if len(changed) == 0 {
		return
	}
	for _, e := range changed {
		d.search.put(e)
	}
	list := merged(d.list, changed)
	if shared {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	for _, e := range changed {
		if old := d.byID[e.ID]; old != nil {
			d.unlink(old)
		}
		d.link(e)
	}
	d.list = list
	if shared {
		c.gen++
		c.seq++
		for _, e := range changed {
			c.touched[e.ID] = c.seq
		}
	}
}

// merged returns a new list with the changed entries in their places and
// their earlier versions gone; list itself is not changed.
func merged(list, changed []*entry) []*entry {
	ids := make(map[int64]bool, len(changed))
	for _, e := range changed {
		ids[e.ID] = true
	}
	add := slices.Clone(changed)
	slices.SortFunc(add, compareEntries)
	out := make([]*entry, 0, len(list)+len(add))
	for _, e := range list {
		if ids[e.ID] {
			continue
		}
		for len(add) > 0 && compareEntries(add[0], e) < 0 {
			out, add = append(out, add[0]), add[1:]
		}
		out = append(out, e)
	}
	return append(out, add...)
}

// compareEntries orders the catalogue as the store lists SOPs: by number,
// those without one last, then by title and ID.
func compareEntries(a, b *entry) int {
	return cmp.Or(compareBool(a.Number == "", b.Number == ""), strings.Compare(a.Number, b.Number),
		strings.Compare(a.sortTitle, b.sortTitle), cmp.Compare(a.ID, b.ID))
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// link adds e to the maps; unlink takes it out. Each slice in a map is
// replaced, so that a reader holding the old one is not disturbed.
func (d *catalogueData) link(e *entry) {
	d.byID[e.ID] = e
	if e.numberKey != "" {
		d.byNumber[e.numberKey] = insertEntry(d.byNumber[e.numberKey], e)
	}
	if e.titleKey != "" {
		d.byTitle[e.titleKey] = insertEntry(d.byTitle[e.titleKey], e)
	}
	for _, k := range e.names {
		d.namedBy[k] = append(d.namedBy[k][:len(d.namedBy[k]):len(d.namedBy[k])], e.ID)
	}
}

func (d *catalogueData) unlink(e *entry) {
	delete(d.byID, e.ID)
	removeFrom(d.byNumber, e.numberKey, func(x *entry) bool { return x.ID == e.ID })
	removeFrom(d.byTitle, e.titleKey, func(x *entry) bool { return x.ID == e.ID })
	for _, k := range e.names {
		removeFrom(d.namedBy, k, func(id int64) bool { return id == e.ID })
	}
}

// insertEntry returns a new slice with e in catalogue order.
func insertEntry(list []*entry, e *entry) []*entry {
	i, _ := slices.BinarySearchFunc(list, e, compareEntries)
	out := make([]*entry, 0, len(list)+1)
	out = append(out, list[:i]...)
	out = append(out, e)
	return append(out, list[i:]...)
}

// removeFrom replaces m[k] with a copy without the items del matches.
func removeFrom[T any](m map[string][]T, k string, del func(T) bool) {
	list, ok := m[k]
	if !ok {
		return
	}
	kept := slices.DeleteFunc(slices.Clone(list), del)
	if len(kept) == 0 {
		delete(m, k)
		return
	}
	m[k] = kept
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

// catalogueEntries returns the entries in force today, optionally of one
// unit and category, without holding the index's lock.
func (s *Server) catalogueEntries(unit, category string) []*entry {
	_, list := s.index.snapshot()
	today := s.today()
	var out []*entry
	for _, e := range list {
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
	Rows    []template.HTML // the rows of Entries as rendered (Server.fillRows)
}

// rowView is the view model of one row of the catalogue and search tables.
type rowView struct {
	view
	E        *entry
	WithUnit bool
}

// entryRow returns e's row of the catalogue and search tables in lang,
// with a unit column when withUnit. Nothing in a row depends on the
// visitor, the day or other SOPs, and an entry never changes, so each
// rendering is made once and kept with the entry: a changed SOP gets a
// new entry, and with it new rows. The catalogue and search pages thus
// render only their own frame per request, not one template call per
// field of every SOP they list.
func (s *Server) entryRow(e *entry, lang string, withUnit bool) (template.HTML, error) {
	k := rowKey{lang, withUnit}
	if h, ok := e.rows.Load(k); ok {
		return h.(template.HTML), nil
	}
	var buf bytes.Buffer
	if err := s.pages.pages["catalogue"].ExecuteTemplate(&buf, "soprow", rowView{view: view{Lang: lang, msgs: s.msgs}, E: e, WithUnit: withUnit}); err != nil {
		return "", err
	}
	h, _ := e.rows.LoadOrStore(k, template.HTML(buf.String()))
	return h.(template.HTML), nil
}

// fillRows sets the Rows of groups in lang.
func (s *Server) fillRows(groups []group, lang string) error {
	for i := range groups {
		g := &groups[i]
		g.Rows = make([]template.HTML, len(g.Entries))
		for j, e := range g.Entries {
			h, err := s.entryRow(e, lang, g.Unit == "")
			if err != nil {
				return err
			}
			g.Rows[j] = h
		}
	}
	return nil
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
	Suggestion string // "did you mean", when the query found little or nothing
}

func (s *Server) catalogue(w http.ResponseWriter, r *http.Request, rq *request) error {
	// The home page as a visitor who is not signed in sees it, without
	// filters, is the same for every such visitor: it is rendered once
	// per language, day, logo and index generation (an SOP approved or
	// withdrawn, here or on another server, makes a new generation), and
	// kept beside the public SOP pages. Filtered lists are rendered each
	// time, so that arbitrary queries cannot crowd the cache.
	var key string
	if rq.user == nil && r.URL.RawQuery == "" {
		key = fmt.Sprintf("catalogue/%s/%s/%s/%d", rq.lang, s.today(), s.logo.Load().hash, s.index.generation())
		if serveKept(w, s.pageOut, key) {
			return nil
		}
	}
	q := r.URL.Query()
	unit, category := q.Get("unit"), q.Get("category")
	all := s.catalogueEntries("", "")
	list := s.catalogueEntries(unit, category)
	v := catalogueView{Groups: groupByUnit(list), Count: len(list), Units: unitsOf(all), Unit: unit, Category: category,
		Categories: []string{esop.CategoryPelayanan, esop.CategoryRutin, esop.CategoryPenugasan}}
	if err := s.fillRows(v.Groups, rq.lang); err != nil {
		return err
	}
	if key == "" {
		s.renderPage(w, r, rq, http.StatusOK, "catalogue", v)
		return nil
	}
	buf, err := s.execute(r, rq, "catalogue", "layout", v)
	if err != nil {
		return err
	}
	s.pageOut.put(key, buf.Bytes())
	sendPage(w, buf)
	return nil
}

// searchPageMax is the largest search page kept rendered (searchOut): a
// query that lists most of a large catalogue is rendered each time rather
// than crowding out the others.
const searchPageMax = 256 << 10

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if len(q) > 200 {
		q = q[:200]
	}
	unit := r.URL.Query().Get("unit")
	// A search by a visitor who is not signed in finds the same SOPs for
	// every such visitor: its page is kept rendered (searchOut, a small
	// LRU) per query as used, unit, language, day, logo, synonyms and
	// index generation, which any SOP approved or withdrawn, here or on
	// another server (follow.go), moves on. The generation is read before
	// the search, so a page is never kept under a newer one than it shows.
	var key string
	if rq.user == nil {
		key = fmt.Sprintf("%s/%s/%s/%d/%d/%d\x00%s\x00%s", rq.lang, s.today(), s.logo.Load().hash, s.synonymsGen.Load(),
			s.index.generation(), len(q), q, unit)
		if serveKept(w, s.searchOut, key) {
			return nil
		}
	}
	v := catalogueView{Query: q, Searched: true, Units: unitsOf(s.catalogueEntries("", "")), Unit: unit}
	if q != "" {
		hits, err := s.find(r.Context(), rq.user, q, unit)
		if err != nil {
			return err
		}
		if len(hits) > 0 {
			v.Groups, v.Count = []group{{Entries: hits}}, len(hits)
			if err := s.fillRows(v.Groups, rq.lang); err != nil {
				return err
			}
		}
		if v.Suggestion, err = s.suggest(r.Context(), rq.user, q, unit, len(hits)); err != nil {
			return err
		}
	}
	buf, err := s.execute(r, rq, "search", "layout", v)
	if err != nil {
		return err
	}
	if key != "" && buf.Len() <= searchPageMax {
		s.searchOut.put(key, bytes.Clone(buf.Bytes()))
	}
	sendPage(w, buf)
	return nil
}

// fewHits is how many results count as "little" for a query: with as
// many or fewer, the search page offers a spelling it would find more with.
const fewHits = 2

// suggest returns a spelling of q made of the index's own words
// (textsearch.Index.Suggest) when q found fewHits SOPs or fewer and the
// spelling finds more of those u may read, or "". Checking what it finds
// keeps the words of drafts u may not read out of the suggestions.
func (s *Server) suggest(ctx context.Context, u *esop.User, q, unit string, found int) (string, error) {
	if found > fewHits {
		return "", nil
	}
	d, _ := s.index.snapshot()
	alt := d.search.index.Suggest(q)
	if alt == "" {
		return "", nil
	}
	hits, err := s.find(ctx, u, alt, unit)
	if err != nil || len(hits) <= found {
		return "", err
	}
	return alt, nil
}

// find returns the SOPs matching the query, best first: those in force,
// and the drafts of units whose drafts u may read.
func (s *Server) find(ctx context.Context, u *esop.User, q, unit string) ([]*entry, error) {
	d, _ := s.index.snapshot()
	syn, err := s.searchSynonyms(ctx)
	if err != nil {
		return nil, err
	}
	ids, err := d.search.find(ctx, textsearch.Expand(q, syn)) // the search index has a lock of its own
	if err != nil {
		return nil, err
	}
	today := s.today()
	var out []*entry
	for _, id := range ids {
		e := s.index.entry(id)
		if e == nil || e.Gone || unit != "" && e.Unit != unit {
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

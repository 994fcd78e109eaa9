package web

import (
	"bytes"
	"container/list"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
)

// lru keeps at most max values by key, the least recently used first
// out. The web application keeps two: the laid-out pages of recently
// shown versions, and the public SOP pages as sent. Keys hold the content
// hash of the version (a version's content never changes once approved,
// and a draft's hash changes with every edit) and everything else the
// value depends on, so entries never go stale.
type lru struct {
	mu    sync.Mutex
	max   int
	order *list.List
	items map[string]*list.Element
	// hits and misses count the lookups that found a value and those
	// that did not (whose caller then made it), for the metrics.
	hits, misses atomic.Int64
}

type lruEntry struct {
	key   string
	value any
}

func newLRU(max int) *lru {
	return &lru{max: max, order: list.New(), items: map[string]*list.Element{}}
}

func (c *lru) get(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		c.hits.Add(1)
		return e.Value.(*lruEntry).value, true
	}
	c.misses.Add(1)
	return nil, false
}

func (c *lru) put(key string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		e.Value.(*lruEntry).value = v
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&lruEntry{key, v})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*lruEntry).key)
	}
}

// serveKept sends the page kept rendered in c under key, as sendPage
// does, and reports whether there was one.
func serveKept(w http.ResponseWriter, c *lru, key string) bool {
	b, ok := c.get(key)
	if ok {
		sendPage(w, bytes.NewBuffer(b.([]byte)))
	}
	return ok
}

// sendPage sends a page kept, or to be kept, for visitors who are not
// signed in, with the headers of every page (renderTemplate): no-store,
// like the pages made for each request.
func sendPage(w http.ResponseWriter, buf *bytes.Buffer) {
	w.Header().Set("Cache-Control", "no-store")
	writeBuffered(w, http.StatusOK, "text/html; charset=utf-8", buf)
}

// cached is a document laid out for printing, with its stacked flowchart SVG.
type cached struct {
	pages *render.Pages
	svg   []byte
}

// laidOut returns the pages and the stacked flowchart SVG of a document,
// from the cache when they were made before. hash is the document's
// content hash when known (a stored version has it), else "".
func (s *Server) laidOut(d *esop.Document, hash, paper string) (*cached, error) {
	return s.laidOutFor(d, hash, paper, "")
}

// laidOutFor is laidOut for prints that carry the verification address
// of the site at base. The Keterkaitan is printed resolved to the SOPs it
// names (printedRelated), part of the key, so that a renamed SOP is
// printed with its new title.
func (s *Server) laidOutFor(d *esop.Document, hash, paper, base string) (*cached, error) {
	logo := s.logo.Load()
	if hash == "" {
		hash = esop.ContentHash(d)
	}
	related := s.printedRelated(d)
	key := hash + "/" + paper + "/" + logo.hash + "/" + base + "/" + strings.Join(related, "\x00")
	if c, ok := s.cache.get(key); ok {
		return c.(*cached), nil
	}
	if err := checkPrintable(d); err != nil {
		return nil, err
	}
	pages, err := s.renderer.Layout(d, &render.Options{Paper: paper, Logo: logo.img, VerifyBase: base, Related: related})
	if err != nil {
		return nil, err
	}
	var svg bytes.Buffer
	if err := pages.SVG(&svg, 0); err != nil {
		return nil, err
	}
	c := &cached{pages: pages, svg: svg.Bytes()}
	s.cache.put(key, c)
	return c, nil
}

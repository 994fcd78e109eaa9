package web

import (
	"bytes"
	"container/list"
	"sync"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
)

// renderCache keeps the laid-out pages and the SVG of recently shown
// versions, keyed by content hash and options: a version's content never
// changes once approved, and a draft's hash changes with every edit, so
// entries never go stale. It holds at most max entries, least recently
// used first out.
type renderCache struct {
	mu    sync.Mutex
	max   int
	order *list.List
	items map[string]*list.Element
}

type cached struct {
	key   string
	pages *render.Pages
	svg   []byte
}

func newRenderCache(max int) *renderCache {
	return &renderCache{max: max, order: list.New(), items: map[string]*list.Element{}}
}

func (c *renderCache) get(key string) *cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*cached)
	}
	return nil
}

func (c *renderCache) put(v *cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[v.key]; ok {
		e.Value = v
		c.order.MoveToFront(e)
		return
	}
	c.items[v.key] = c.order.PushFront(v)
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*cached).key)
	}
}

// laidOut returns the pages and the stacked flowchart SVG of a document,
// from the cache when they were made before. hash is the document's
// content hash when known (a stored version has it), else "".
func (s *Server) laidOut(d *esop.Document, hash, paper string) (*cached, error) {
	logo := s.logo.Load()
	if hash == "" {
		hash = esop.ContentHash(d)
	}
	key := hash + "/" + paper + "/" + logo.hash
	if c := s.cache.get(key); c != nil {
		return c, nil
	}
	pages, err := s.renderer.Layout(d, &render.Options{Paper: paper, Logo: logo.img})
	if err != nil {
		return nil, err
	}
	var svg bytes.Buffer
	if err := pages.SVG(&svg, 0); err != nil {
		return nil, err
	}
	c := &cached{key: key, pages: pages, svg: svg.Bytes()}
	s.cache.put(c)
	return c, nil
}

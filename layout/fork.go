package layout

import "sync/atomic"

// A page laid out with its connectors under their channel runs
// (withUnderRuns) is the page as first made up to its routes' tracks:
// makePage routes it alike, and only then moves the connectors
// (underRuns). So a page that could move a connector keeps its builder
// as routed, copied (pageFork), and the page asked with the connectors
// moved goes on from that copy rather than routing the page again: the
// routing was two thirds of that second page (Layout15, session 23).
// TestForkedPagesAsLaidOut holds the copy to the page laid out anew.
//
// Most forks are never asked for (a page pagination tried and did not
// keep, or whose connectors stay put), so a fork's memory (forkMem) is
// used again once the fork is forgotten or laid out: from the
// layouter's buffers, and so from one layout to the next.

// pageFork is a page builder copied where makePage had routed the page
// and given its runs their tracks, before underRuns: what the same page
// with its connectors under their runs goes on from.
type pageFork struct {
	key pageKey // the page as buildPageWith names it, under ""
	mem *forkMem
}

// forksTaken counts the pages laid out from a fork, for the tests.
var forksTaken atomic.Int64

// forksKept is how many forks a layouter keeps, the latest: keptAs asks
// for a page's connectors under their runs right after the page and its
// variants with other connector columns and lanes were made.
const forksKept = 4

// forkMemKept is how many forks' memories the buffers keep for use
// again.
const forkMemKept = forksKept + 2

// keepFork keeps a copy of pb, as routed, for the page of key, when the
// copy can be made.
func (l *layouter) keepFork(key pageKey, pb *pageBuilder) {
	mem := l.forkMem()
	if !pb.forkInto(mem) {
		l.freeForkMem(mem)
		return
	}
	key.under = ""
	f := pageFork{key: key, mem: mem}
	if len(l.forks) < forksKept {
		l.forks = append(l.forks, f)
		return
	}
	l.freeForkMem(l.forks[0].mem)
	copy(l.forks, l.forks[1:])
	l.forks[len(l.forks)-1] = f
}

// takeFork returns the builder kept for the page of key, under "", its
// routes sketched again in the layouter's sketch, and forgets it (a
// builder goes on once), with its memory, to be given back
// (freeForkMem) once the page is made; nil for none.
func (l *layouter) takeFork(key pageKey) (*pageBuilder, *forkMem) {
	key.under = ""
	for i, f := range l.forks {
		if f.key == key {
			l.forks = append(l.forks[:i], l.forks[i+1:]...)
			forksTaken.Add(1)
			pb := &f.mem.pb
			pb.rt.sk = l.sketch
			pb.rt.sk.reset(len(pb.rows))
			pb.resketch()
			return pb, f.mem
		}
	}
	return nil, nil
}

// forgetForks gives back the memory of every fork l keeps.
func (l *layouter) forgetForks() {
	for _, f := range l.forks {
		l.freeForkMem(f.mem)
	}
	l.forks = nil
}

// forkMem returns a fork's memory from l's buffers, or a new one.
func (l *layouter) forkMem() *forkMem {
	b := l.buffers
	if n := len(b.forkFree); n > 0 {
		m := b.forkFree[n-1]
		b.forkFree = b.forkFree[:n-1]
		return m
	}
	return new(forkMem)
}

// freeForkMem gives m back to l's buffers; no builder of it may be used
// after.
func (l *layouter) freeForkMem(m *forkMem) {
	if b := l.buffers; b != nil && len(b.forkFree) < forkMemKept {
		b.forkFree = append(b.forkFree, m)
	}
}

// forkMem is the memory of one fork: the builder, and every node, edge,
// run in a channel, band item and list of them, each kind in one array.
type forkMem struct {
	pb         pageBuilder
	nodes      []node
	edges      []pedge
	items      []chItem
	bands      []bandItem
	ports      []*port
	lists      []*node
	runs       []*chItem
	rows       []prow
	rowPtrs    []*prow
	edgePtrs   []*pedge
	chans      [][]*chItem
	trackLists [][]*chItem
	chanTracks [][][]*chItem
	bandLists  [][]*bandItem
	bandPtrs   []*bandItem
	zones      []labelZone
	ints       []int // first, noLane, the orders' values, tight
	exits      []exitSide
	floats     []float64 // strips, lift
	crossed    []bool
	chosen     map[*pedge]*labelPlan
	before     map[*pedge]*labelPlan
	orders     map[orderKey][]int
}

// room returns s emptied, holding n elements without growing.
func room[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}

// forker copies a page builder into a fork's memory, the pointers
// between its parts pointing into the copy (an original knows its index
// in the copy's array while it is copied: fork). ok turns false when a
// pointer leads outside what the builder holds, and the copy is not
// used.
type forker struct {
	m         *forkMem
	origNodes []*node
	origEdges []*pedge
	origItems []*chItem
	origBands []*bandItem
	ok        bool
}

// forkInto copies pb into m, its sketch left out (takeFork sketches its
// routes again), and reports whether the copy could be made.
func (pb *pageBuilder) forkInto(m *forkMem) bool {
	f := forker{m: m, ok: true}
	nn, ni, nb := 0, 0, 0
	for _, r := range pb.rows {
		nn += len(r.nodes)
	}
	for _, items := range pb.chans {
		ni += len(items)
	}
	for _, items := range pb.bands {
		nb += len(items)
	}
	// The originals in the layouter's buffers: only the copy outlives
	// the call.
	b := pb.l.buffers
	m.nodes, f.origNodes = room(m.nodes, nn), b.forkNodes[:0]
	m.edges, f.origEdges = room(m.edges, len(pb.edges))[:len(pb.edges)], pb.edges
	m.items, f.origItems = room(m.items, ni), b.forkItems[:0]
	m.bands, f.origBands = room(m.bands, nb), b.forkBands[:0]
	defer func() {
		b.forkNodes, b.forkItems, b.forkBands = f.origNodes[:0], f.origItems[:0], f.origBands[:0]
	}()
	for _, r := range pb.rows {
		for _, n := range r.nodes {
			n.fork = int32(len(m.nodes))
			m.nodes, f.origNodes = append(m.nodes, *n), append(f.origNodes, n)
		}
	}
	for i, pe := range pb.edges {
		pe.fork = int32(i)
		m.edges[i] = *pe
	}
	for _, its := range pb.chans {
		for _, it := range its {
			it.fork = int32(len(m.items))
			m.items, f.origItems = append(m.items, *it), append(f.origItems, it)
		}
	}
	for _, its := range pb.bands {
		for _, it := range its {
			it.fork = int32(len(m.bands))
			m.bands, f.origBands = append(m.bands, *it), append(f.origBands, it)
		}
	}
	// The nodes' ports, and every list of nodes or runs, in one array
	// each, each list capped: one that grows moves out.
	np, nl, nt, nk := 0, len(pb.stepNode)+len(pb.topConn)+len(pb.botConn), 0, 0
	for _, n := range f.origNodes {
		for _, u := range n.users {
			np += len(u)
		}
	}
	for _, r := range pb.rows {
		nl += len(r.nodes)
	}
	for c, its := range pb.chans {
		nt += len(its)
		for _, t := range pb.chanTracks[c] {
			nt += len(t)
		}
	}
	for _, tracks := range pb.chanTracks {
		nk += len(tracks)
	}
	m.ports, m.lists, m.runs = room(m.ports, np), room(m.lists, nl), room(m.runs, nt)
	for i, n := range f.origNodes {
		c := &m.nodes[i]
		for side, u := range n.users {
			k := len(m.ports)
			for _, p := range u {
				m.ports = append(m.ports, f.port(p))
			}
			c.users[side] = m.ports[k:len(m.ports):len(m.ports)]
		}
	}
	for i, pe := range pb.edges {
		c := &m.edges[i]
		c.src, c.dst = f.node(pe.src), f.node(pe.dst)
		c.exit, c.entry = f.port(pe.exit), f.port(pe.entry)
		for k := range c.ports {
			if pe.ports[k].e != nil {
				c.ports[k].e = f.edge(pe.ports[k].e)
			}
		}
		c.chi = f.item(pe.chi)
		c.bandExit, c.bandEntry = f.band(pe.bandExit), f.band(pe.bandEntry)
		c.pts = append([]Point(nil), pe.pts...)
	}
	for i, it := range f.origItems {
		m.items[i].e = f.edge(it.e)
	}
	for i, it := range f.origBands {
		m.bands[i].e = f.edge(it.e)
	}
	nodeList := func(ns []*node) []*node {
		if ns == nil {
			return nil
		}
		k := len(m.lists)
		for _, n := range ns {
			m.lists = append(m.lists, f.node(n))
		}
		return m.lists[k:len(m.lists):len(m.lists)]
	}
	itemList := func(its []*chItem) []*chItem {
		if its == nil {
			return nil
		}
		k := len(m.runs)
		for _, it := range its {
			m.runs = append(m.runs, f.item(it))
		}
		return m.runs[k:len(m.runs):len(m.runs)]
	}

	m.pb = *pb
	c := &m.pb
	m.rows, m.rowPtrs = room(m.rows, len(pb.rows))[:len(pb.rows)], room(m.rowPtrs, len(pb.rows))[:len(pb.rows)]
	for i, r := range pb.rows {
		m.rows[i] = *r
		m.rows[i].nodes = nodeList(r.nodes)
		m.rowPtrs[i] = &m.rows[i]
	}
	c.rows = m.rowPtrs[:len(pb.rows):len(pb.rows)]
	c.stepNode = nodeList(pb.stepNode)
	c.topConn, c.botConn = nodeList(pb.topConn), nodeList(pb.botConn)
	m.edgePtrs = room(m.edgePtrs, len(pb.edges))[:len(pb.edges)]
	for i := range m.edges {
		m.edgePtrs[i] = &m.edges[i]
	}
	c.edges = m.edgePtrs[:len(pb.edges):len(pb.edges)]
	m.chans = room(m.chans, len(pb.chans))[:len(pb.chans)]
	for i, its := range pb.chans {
		m.chans[i] = itemList(its)
	}
	c.chans = m.chans[:len(pb.chans):len(pb.chans)]
	m.chanTracks, m.trackLists = room(m.chanTracks, len(pb.chanTracks))[:len(pb.chanTracks)], room(m.trackLists, nk)
	for i, tracks := range pb.chanTracks {
		k := len(m.trackLists)
		for _, its := range tracks {
			m.trackLists = append(m.trackLists, itemList(its))
		}
		m.chanTracks[i] = m.trackLists[k:len(m.trackLists):len(m.trackLists)]
	}
	c.chanTracks = m.chanTracks[:len(pb.chanTracks):len(pb.chanTracks)]
	if pb.chanTracks == nil {
		c.chanTracks = nil
	}
	m.bandLists, m.bandPtrs = room(m.bandLists, len(pb.bands))[:len(pb.bands)], room(m.bandPtrs, nb)
	for i, its := range pb.bands {
		m.bandLists[i] = nil
		if len(its) > 0 {
			k := len(m.bandPtrs)
			for _, it := range its {
				m.bandPtrs = append(m.bandPtrs, f.band(it))
			}
			m.bandLists[i] = m.bandPtrs[k:len(m.bandPtrs):len(m.bandPtrs)]
		}
	}
	c.bands = m.bandLists[:len(pb.bands):len(pb.bands)]

	// The lists of values, each capped in its array.
	m.zones = room(m.zones, len(pb.zones))
	c.zones = cloneInto(&m.zones, pb.zones)
	ints := len(pb.first) + len(pb.noLane) + len(pb.rt.tight)
	for _, v := range pb.rt.orders {
		ints += len(v)
	}
	m.ints = room(m.ints, ints)
	c.first = cloneInto(&m.ints, pb.first)
	c.noLane = cloneInto(&m.ints, pb.noLane)
	m.exits = room(m.exits, len(pb.unplaced)+len(pb.failed)+len(pb.unclear))
	c.unplaced = cloneInto(&m.exits, pb.unplaced)
	c.failed = cloneInto(&m.exits, pb.failed)
	c.unclear = cloneInto(&m.exits, pb.unclear)
	m.floats = room(m.floats, len(pb.strips)+len(pb.rt.lift))
	c.strips = cloneInto(&m.floats, pb.strips)
	c.under, c.underMoved = nil, nil

	rt := &pb.rt
	c.rt.sk, c.rt.buf = nil, nil
	c.rt.chosen = f.plans(&m.chosen, rt.chosen)
	c.rt.before = f.plans(&m.before, rt.before)
	c.rt.lift = cloneInto(&m.floats, rt.lift)
	m.crossed = room(m.crossed, len(rt.crossed))
	c.rt.crossed = cloneInto(&m.crossed, rt.crossed)
	c.rt.tight = cloneInto(&m.ints, rt.tight)
	c.rt.orders = nil
	if rt.orders != nil {
		if m.orders == nil {
			m.orders = make(map[orderKey][]int, len(rt.orders))
		}
		clear(m.orders)
		for k, v := range rt.orders {
			m.orders[k] = cloneInto(&m.ints, v)
		}
		c.rt.orders = m.orders
	}
	return f.ok
}

// cloneInto appends src to *arr (which holds it without growing) and
// returns it there, capped; nil for nil.
func cloneInto[T any](arr *[]T, src []T) []T {
	if src == nil {
		return nil
	}
	k := len(*arr)
	*arr = append(*arr, src...)
	return (*arr)[k:len(*arr):len(*arr)]
}

func (f *forker) node(n *node) *node {
	if n == nil {
		return nil
	}
	return copied(&f.ok, n, n.fork, f.origNodes, f.m.nodes)
}

func (f *forker) edge(pe *pedge) *pedge {
	if pe == nil {
		return nil
	}
	return copied(&f.ok, pe, pe.fork, f.origEdges, f.m.edges)
}

func (f *forker) item(it *chItem) *chItem {
	if it == nil {
		return nil
	}
	return copied(&f.ok, it, it.fork, f.origItems, f.m.items)
}

func (f *forker) band(it *bandItem) *bandItem {
	if it == nil {
		return nil
	}
	return copied(&f.ok, it, it.fork, f.origBands, f.m.bands)
}

// copied returns the copy of p in copies, p being origs[i] (i the index
// fork gave it); else nil, and *ok false.
func copied[T any](ok *bool, p *T, i int32, origs []*T, copies []T) *T {
	if int(i) < len(origs) && origs[i] == p {
		return &copies[i]
	}
	*ok = false
	return nil
}

// port returns the copy of p, a port held in its edge (addPort).
func (f *forker) port(p *port) *port {
	if p == nil {
		return nil
	}
	m := f.edge(p.e)
	switch {
	case m == nil:
		return nil
	case p == &p.e.ports[0]:
		return &m.ports[0]
	case p == &p.e.ports[1]:
		return &m.ports[1]
	}
	f.ok = false
	return nil
}

// plans returns src keyed by the copies of its edges, in *dst emptied
// (made when nil); the plans themselves are not written once chosen, and
// are shared. Nil for nil.
func (f *forker) plans(dst *map[*pedge]*labelPlan, src map[*pedge]*labelPlan) map[*pedge]*labelPlan {
	if src == nil {
		return nil
	}
	if *dst == nil {
		*dst = make(map[*pedge]*labelPlan, len(src))
	}
	clear(*dst)
	for pe, p := range src {
		(*dst)[f.edge(pe)] = p
	}
	return *dst
}

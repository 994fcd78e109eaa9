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

// pageFork is a page builder copied where makePage had routed the page
// and given its runs their tracks, before underRuns: what the same page
// with its connectors under their runs goes on from.
type pageFork struct {
	key pageKey // the page as buildPageWith names it, under ""
	pb  *pageBuilder
}

// forksTaken counts the pages laid out from a fork, for the tests.
var forksTaken atomic.Int64

// forksKept is how many forks a layouter keeps, the latest: keptAs asks
// for a page's connectors under their runs right after the page and its
// variants with other connector columns and lanes were made.
const forksKept = 4

// keepFork keeps a copy of pb, as routed, for the page of key, when the
// copy can be made.
func (l *layouter) keepFork(key pageKey, pb *pageBuilder) {
	c, ok := pb.fork()
	if !ok {
		return
	}
	key.under = ""
	f := pageFork{key: key, pb: c}
	if len(l.forks) < forksKept {
		l.forks = append(l.forks, f)
		return
	}
	copy(l.forks, l.forks[1:])
	l.forks[len(l.forks)-1] = f
}

// takeFork returns the builder kept for the page of key, under "", its
// routes sketched again in the layouter's sketch, and forgets it (a
// builder goes on once).
func (l *layouter) takeFork(key pageKey) (*pageBuilder, bool) {
	key.under = ""
	for i, f := range l.forks {
		if f.key == key {
			l.forks = append(l.forks[:i], l.forks[i+1:]...)
			forksTaken.Add(1)
			pb := f.pb
			pb.rt.sk = l.sketch
			pb.rt.sk.reset(len(pb.rows))
			pb.resketch()
			return pb, true
		}
	}
	return nil, false
}

// forker copies a page builder: every node, edge, run in a channel and
// band item anew, each kind in one array (an original knows its index
// there while it is copied: fork), the pointers between them pointing
// into the copy. ok turns false when a pointer leads outside what the
// builder holds, and the copy is not used.
type forker struct {
	nodes     []node
	edges     []pedge
	items     []chItem
	bands     []bandItem
	origNodes []*node
	origEdges []*pedge
	origItems []*chItem
	origBands []*bandItem
	ok        bool
}

// fork returns a copy of pb, its sketch left out (takeFork sketches its
// routes again), and whether it could be made.
func (pb *pageBuilder) fork() (*pageBuilder, bool) {
	f := forker{ok: true}
	c := *pb
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
	f.nodes, f.origNodes = make([]node, 0, nn), b.forkNodes[:0]
	f.edges, f.origEdges = make([]pedge, len(pb.edges)), pb.edges
	f.items, f.origItems = make([]chItem, 0, ni), b.forkItems[:0]
	f.bands, f.origBands = make([]bandItem, 0, nb), b.forkBands[:0]
	defer func() {
		b.forkNodes, b.forkItems, b.forkBands = f.origNodes[:0], f.origItems[:0], f.origBands[:0]
	}()
	for _, r := range pb.rows {
		for _, n := range r.nodes {
			n.fork = int32(len(f.nodes))
			f.nodes, f.origNodes = append(f.nodes, *n), append(f.origNodes, n)
		}
	}
	for i, pe := range pb.edges {
		pe.fork = int32(i)
		f.edges[i] = *pe
	}
	for _, its := range pb.chans {
		for _, it := range its {
			it.fork = int32(len(f.items))
			f.items, f.origItems = append(f.items, *it), append(f.origItems, it)
		}
	}
	for _, its := range pb.bands {
		for _, it := range its {
			it.fork = int32(len(f.bands))
			f.bands, f.origBands = append(f.bands, *it), append(f.origBands, it)
		}
	}
	// The nodes' ports, and every list of nodes or runs, in one array
	// each, each list capped: one that grows moves out.
	np, nl, nt := 0, len(pb.stepNode)+len(pb.topConn)+len(pb.botConn), 0
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
	ports, lists, runs := make([]*port, 0, np), make([]*node, 0, nl), make([]*chItem, 0, nt)
	for i, n := range f.origNodes {
		m := &f.nodes[i]
		for side, u := range n.users {
			k := len(ports)
			for _, p := range u {
				ports = append(ports, f.port(p))
			}
			m.users[side] = ports[k:len(ports):len(ports)]
		}
	}
	for i, pe := range pb.edges {
		m := &f.edges[i]
		m.src, m.dst = f.node(pe.src), f.node(pe.dst)
		m.exit, m.entry = f.port(pe.exit), f.port(pe.entry)
		for k := range m.ports {
			if pe.ports[k].e != nil {
				m.ports[k].e = f.edge(pe.ports[k].e)
			}
		}
		m.chi = f.item(pe.chi)
		m.bandExit, m.bandEntry = f.band(pe.bandExit), f.band(pe.bandEntry)
		m.pts = append([]Point(nil), pe.pts...)
	}
	for i, it := range f.origItems {
		f.items[i].e = f.edge(it.e)
	}
	for i, it := range f.origBands {
		f.bands[i].e = f.edge(it.e)
	}
	nodeList := func(ns []*node) []*node {
		if ns == nil {
			return nil
		}
		k := len(lists)
		for _, n := range ns {
			lists = append(lists, f.node(n))
		}
		return lists[k:len(lists):len(lists)]
	}
	itemList := func(its []*chItem) []*chItem {
		if its == nil {
			return nil
		}
		k := len(runs)
		for _, it := range its {
			runs = append(runs, f.item(it))
		}
		return runs[k:len(runs):len(runs)]
	}
	rows := make([]prow, len(pb.rows))
	c.rows = make([]*prow, len(pb.rows))
	for i, r := range pb.rows {
		rows[i] = *r
		rows[i].nodes = nodeList(r.nodes)
		c.rows[i] = &rows[i]
	}
	c.stepNode = nodeList(pb.stepNode)
	c.topConn, c.botConn = nodeList(pb.topConn), nodeList(pb.botConn)
	c.edges = make([]*pedge, len(pb.edges))
	for i := range f.edges {
		c.edges[i] = &f.edges[i]
	}
	c.chans = make([][]*chItem, len(pb.chans))
	for i, its := range pb.chans {
		c.chans[i] = itemList(its)
	}
	nk := 0
	for _, tracks := range pb.chanTracks {
		nk += len(tracks)
	}
	c.chanTracks = make([][][]*chItem, len(pb.chanTracks))
	trackLists := make([][]*chItem, 0, nk)
	for i, tracks := range pb.chanTracks {
		k := len(trackLists)
		for _, its := range tracks {
			trackLists = append(trackLists, itemList(its))
		}
		c.chanTracks[i] = trackLists[k:len(trackLists):len(trackLists)]
	}
	c.bands = make([][]*bandItem, len(pb.bands))
	for i, its := range pb.bands {
		if len(its) > 0 {
			c.bands[i] = make([]*bandItem, len(its))
			for k, it := range its {
				c.bands[i][k] = f.band(it)
			}
		}
	}
	c.zones = append([]labelZone(nil), pb.zones...)
	c.first = append([]int(nil), pb.first...)
	c.unplaced = append([]exitSide(nil), pb.unplaced...)
	c.failed = append([]exitSide(nil), pb.failed...)
	c.unclear = append([]exitSide(nil), pb.unclear...)
	c.noLane = append([]int(nil), pb.noLane...)
	c.strips = append([]float64(nil), pb.strips...)
	c.under, c.underMoved = nil, nil
	c.rt = f.routing(&pb.rt)
	return &c, f.ok
}

func (f *forker) node(n *node) *node {
	if n == nil {
		return nil
	}
	if i := int(n.fork); i < len(f.origNodes) && f.origNodes[i] == n {
		return &f.nodes[i]
	}
	f.ok = false
	return nil
}

func (f *forker) edge(pe *pedge) *pedge {
	if pe == nil {
		return nil
	}
	if i := int(pe.fork); i < len(f.origEdges) && f.origEdges[i] == pe {
		return &f.edges[i]
	}
	f.ok = false
	return nil
}

func (f *forker) item(it *chItem) *chItem {
	if it == nil {
		return nil
	}
	if i := int(it.fork); i < len(f.origItems) && f.origItems[i] == it {
		return &f.items[i]
	}
	f.ok = false
	return nil
}

func (f *forker) band(it *bandItem) *bandItem {
	if it == nil {
		return nil
	}
	if i := int(it.fork); i < len(f.origBands) && f.origBands[i] == it {
		return &f.bands[i]
	}
	f.ok = false
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

// routing returns a copy of rt, its sketch left to the fork's.
func (f *forker) routing(rt *routing) routing {
	c := *rt
	c.sk = nil
	c.buf = nil
	c.chosen = f.plans(rt.chosen)
	c.before = f.plans(rt.before)
	c.lift = append([]float64(nil), rt.lift...)
	c.crossed = append([]bool(nil), rt.crossed...)
	c.tight = append([]int(nil), rt.tight...)
	if rt.orders != nil {
		c.orders = make(map[orderKey][]int, len(rt.orders))
		for k, v := range rt.orders {
			c.orders[k] = append([]int(nil), v...)
		}
	}
	return c
}

// plans returns plans keyed by the copies of their edges; the plans
// themselves are not written once chosen, and are shared.
func (f *forker) plans(plans map[*pedge]*labelPlan) map[*pedge]*labelPlan {
	if plans == nil {
		return nil
	}
	out := make(map[*pedge]*labelPlan, len(plans))
	for pe, p := range plans {
		out[f.edge(pe)] = p
	}
	return out
}

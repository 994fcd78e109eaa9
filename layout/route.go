package layout

import (
	"cmp"
	"math"
	"slices"
)

// Weights of the route costs, in millimetres of arrow: what a bend, a
// crossing, a shared channel and a crowded side are worth.
const (
	costBend     = 3.0
	costCrossing = 5.0
	costShared   = 4.0
	costCrowded  = 2.0
	costZone     = 80.0   // a vertical run through the room kept for a label
	costNoLabel  = 1000.0 // a decision's side exit whose channel leaves no room for its label
)

// routing is what routing and label placement keep between their steps
// on one page.
type routing struct{}

// route decides how every edge of the page runs. An edge to the row just
// below leaves its source's bottom and enters its target's top through
// the band between them. Every other edge runs vertically in a channel
// between actor columns: it leaves a symbol's side (or a connector's
// stub), and enters a symbol's side or top (or a connector's stub); of all
// such routes the cheapest is taken, counting length, bends, crossings
// and crowding. A decision's exits are routed first, so that each takes
// its own vertex before other arrows claim a side of the diamond.
func (pb *pageBuilder) route() {
	for _, pe := range pb.edges {
		pe.src.pending++
		if pb.isFirst(pe) {
			// Every place its label might stand, kept clear until it is routed.
			for _, side := range []int{sideLeft, sideRight, sideBottom} {
				for _, z := range pb.zoneCandidates(pe, side) {
					pb.likely = append(pb.likely, likelyZone{pe, z, true})
				}
			}
		}
	}
	var rest []*pedge
	for _, pe := range pb.edges {
		if !pb.routeDirect(pe) {
			rest = append(rest, pe)
		}
	}
	slices.SortStableFunc(rest, func(a, b *pedge) int {
		return cmp.Or(cmp.Compare(pb.routeRank(a), pb.routeRank(b)),
			cmp.Compare(a.span(), b.span()), cmp.Compare(a.idx, b.idx))
	})
	for _, pe := range rest {
		pb.routeChannel(pe)
	}
}

// routeRank orders the edges routed through channels: the exits of
// decisions routed first on a second attempt, then those of the other
// decisions, then the rest.
func (pb *pageBuilder) routeRank(pe *pedge) int {
	switch {
	case pb.isFirst(pe):
		return 0
	case pe.src.kind == Decision:
		return 1
	}
	return 2
}

// isFirst reports whether pe leaves a decision whose exits go first.
func (pb *pageBuilder) isFirst(pe *pedge) bool {
	return pe.fe.label != "" && !pe.src.isConnector() && slices.Contains(pb.first, pe.src.step)
}

// span returns how many rows the edge spans on the page.
func (pe *pedge) span() int {
	d := pe.dst.row - pe.src.row
	if d < 0 {
		return -d
	}
	return d
}

// routeDirect routes an edge to the next row straight down through the
// band between the rows, when its source's bottom is free.
func (pb *pageBuilder) routeDirect(pe *pedge) bool {
	src, dst := pe.src, pe.dst
	if dst.row != src.row+1 || len(src.users[sideBottom]) > 0 || src.isConnector() && src.row != 0 {
		return false
	}
	pe.direct = true
	src.pending--
	pe.exit = addPort(src, pe, sideBottom, true)
	pe.entry = addPort(dst, pe, sideTop, false)
	if src.kind == Decision {
		// Room for the exit label beside the arrow, above the band's tracks.
		pb.strips[src.row+1] = LineHeight(LabelSize) + 0.6
		pb.provisionalZone(pe)
	}
	return true
}

// provisionalZone notes where the label of a decision exit will most
// likely stand, so that the edges routed after it keep their vertical
// runs out of its way.
func (pb *pageBuilder) provisionalZone(pe *pedge) {
	if pe.fe.label == "" {
		return
	}
	pb.likely = slices.DeleteFunc(pb.likely, func(lz likelyZone) bool { return lz.pe == pe && lz.tentative })
	if z := pb.zoneCandidates(pe, pe.exit.side); len(z) > 0 {
		pb.likely = append(pb.likely, likelyZone{pe, z[0], false})
	}
}

// likelyZone is a label zone expected while routing: where the label of
// a routed exit will stand, or, before a first-routed exit is routed,
// every place its label might.
type likelyZone struct {
	pe        *pedge
	z         labelZone
	tentative bool
}

func (n *node) isConnector() bool { return n.step < 0 }

// addPort records that an arrow leaves or enters n at side.
func addPort(n *node, pe *pedge, side int, exit bool) *port {
	p := &port{e: pe, exit: exit, side: side}
	n.users[side] = append(n.users[side], p)
	return p
}

// exitSides returns the sides an edge may leave n by when it runs in a
// channel: a connector's stub, else either side of a symbol, and for a
// decision its bottom too, but never a diamond vertex that the other exit
// took.
func exitSides(n *node) []int {
	if n.isConnector() {
		if n.row == 0 {
			return []int{sideBottom}
		}
		return []int{sideTop}
	}
	sides := []int{sideLeft, sideRight}
	if n.kind != Decision {
		return sides
	}
	var out []int
	for _, s := range append(sides, sideBottom) {
		if len(n.users[s]) == 0 {
			out = append(out, s)
		}
	}
	return out
}

// entrySides returns the sides an edge from src may enter n by when it
// comes from a channel: a connector's stub; else a symbol's sides and its
// top, but a diamond's sides only once its own exits have taken their
// vertices, and never a side an exit leaves from.
func entrySides(n, src *node) []int {
	if n.isConnector() {
		if n.row == 0 {
			return []int{sideBottom}
		}
		return []int{sideTop}
	}
	var out []int
	if n != src && (n.kind != Decision || n.pending == 0) {
		for _, s := range []int{sideLeft, sideRight} {
			if n.kind != Decision || !hasExit(n.users[s]) {
				out = append(out, s)
			}
		}
	}
	return append(out, sideTop)
}

func hasExit(ps []*port) bool {
	for _, p := range ps {
		if p.exit {
			return true
		}
	}
	return false
}

// sideLevel returns the level of a side of n in the vertical order of the
// page: row r is level 2r and the band below it 2r+1. An arrow at a left
// or right side runs at its row's level; one at the top or bottom turns
// in the band above or below.
func sideLevel(n *node, side int) int {
	switch side {
	case sideTop:
		return 2*n.row - 1
	case sideBottom:
		return 2*n.row + 1
	}
	return 2 * n.row
}

// chanAllowed reports whether an arrow at side of n can reach channel c:
// from a left side only the channels to the left, from a right side those
// to the right; from a stub any channel, along a band.
func chanAllowed(n *node, side, c int) bool {
	switch side {
	case sideLeft:
		return c <= n.col
	case sideRight:
		return c >= n.col+1
	}
	return true
}

// routeChannel chooses the exit side, the channel and the entry side of
// an edge that runs vertically, the cheapest of all that are allowed.
func (pb *pageBuilder) routeChannel(pe *pedge) {
	best := math.Inf(1)
	var bx, bc, bn int
	for _, xs := range exitSides(pe.src) {
		for _, ns := range entrySides(pe.dst, pe.src) {
			for c := range pb.chans {
				if !chanAllowed(pe.src, xs, c) || !chanAllowed(pe.dst, ns, c) {
					continue
				}
				if cost := pb.routeCost(pe, xs, c, ns); cost < best-1e-9 {
					best, bx, bc, bn = cost, xs, c, ns
				}
			}
		}
	}
	pe.src.pending--
	pe.exit = addPort(pe.src, pe, bx, true)
	pe.entry = addPort(pe.dst, pe, bn, false)
	if bx == sideBottom && pe.src.kind == Decision {
		pb.strips[pe.src.row+1] = LineHeight(LabelSize) + 0.6
	}
	if pe.src.kind == Decision {
		pb.provisionalZone(pe)
	}
	a, b := sideLevel(pe.src, bx), sideLevel(pe.dst, bn)
	pe.chi = &chItem{e: pe, lo: min(a, b), hi: max(a, b)}
	pb.chans[bc] = append(pb.chans[bc], pe.chi)
}

// routeCost estimates what a route through channel c costs.
func (pb *pageBuilder) routeCost(pe *pedge, side, c, entrySide int) float64 {
	a, b := sideLevel(pe.src, side), sideLevel(pe.dst, entrySide)
	cost := pb.legCost(pe.src, side, c, a) + pb.legCost(pe.dst, entrySide, c, b)
	if !pb.labelRoom(pe, side, c) {
		cost += costNoLabel
	}
	if !pe.src.isConnector() && slices.Contains(pb.failed, exitSide{pe.src.step, side}) {
		cost += costNoLabel / 2
	}
	ch := pb.l.lanes.chans[c]
	for _, lz := range pb.likely {
		if lz.pe != pe && lz.z.level >= min(a, b) && lz.z.level <= max(a, b) &&
			lz.z.x.lo-zoneClear < ch.hi && lz.z.x.hi+zoneClear > ch.lo {
			cost += costZone
		}
	}
	return cost + costShared*float64(pb.overlapping(c, min(a, b), max(a, b)))
}

// labelRoom reports whether a decision exit leaving by side to
// channel c leaves room for its label: some zone where the label may
// stand (see zoneCandidates) lies within the lanes, the exit's own
// vertical run fits past it, and every channel the zone reaches still
// holds the runs already routed across the label's level.
func (pb *pageBuilder) labelRoom(pe *pedge, side, c int) bool {
	if pe.src.kind != Decision || pe.fe.label == "" {
		return true
	}
	for _, z := range pb.zoneCandidates(pe, side) {
		if pb.roomBeside(z, side, c) {
			return true
		}
	}
	return false
}

// roomBeside reports whether zone z of an exit leaving by side to
// channel c leaves every channel room for its tracks.
func (pb *pageBuilder) roomBeside(z labelZone, side, c int) bool {
	ln := &pb.l.lanes
	if z.x.lo < ln.x0+labelClear || z.x.hi > ln.x1-labelClear {
		return false
	}
	block := interval{z.x.lo - zoneClear, z.x.hi + zoneClear}
	for c2, ch := range ln.chans {
		if block.hi < ch.lo || block.lo > ch.hi {
			continue
		}
		lo, hi := ch.lo, ch.hi
		if c2 == c && side == sideRight {
			lo = max(lo, block.hi) // the exit turns past its label
		} else if c2 == c && side == sideLeft {
			hi = min(hi, block.lo)
		}
		n := pb.covering(c2, z.level)
		if c2 == c {
			n++
		}
		if n > 0 && (lo > hi || spread(n, lo, hi, append(pb.forbidden(c2), block), trackMax) == nil) {
			return false
		}
	}
	return true
}

// legCost estimates the run between a side of n and channel c at the
// given level: its length, its bends, the vertical runs it crosses and
// the arrows already at that side.
func (pb *pageBuilder) legCost(n *node, side, c, level int) float64 {
	chans := pb.l.lanes.chans
	xc := chans[c].center()
	x, bends := n.cx, 2.0
	switch side {
	case sideLeft:
		x, bends = n.cx-n.w/2, 1
	case sideRight:
		x, bends = n.cx+n.w/2, 1
	}
	cost := abs(xc-x) + costBend*bends + costCrowded*float64(len(n.users[side]))
	for c2, ch := range chans {
		if c2 != c && (ch.center()-x)*(ch.center()-xc) < 0 {
			cost += costCrossing * float64(pb.covering(c2, level))
		}
	}
	return cost
}

// overlapping counts the vertical runs in channel c that share levels with lo … hi.
func (pb *pageBuilder) overlapping(c, lo, hi int) int {
	n := 0
	for _, it := range pb.chans[c] {
		if it.lo <= hi && lo <= it.hi {
			n++
		}
	}
	return n
}

// covering counts the vertical runs in channel c that pass level.
func (pb *pageBuilder) covering(c, level int) int {
	return pb.overlapping(c, level, level)
}

// assignPorts spreads the arrows that meet at one side of a symbol along
// that side, ordered so that they do not cross each other near it. A
// bottom has one exit at its middle; a connector one arrow at its middle.
func (pb *pageBuilder) assignPorts() {
	for _, n := range pb.stepNode {
		pb.topPorts(n)
		pb.sidePorts(n, sideLeft)
		pb.sidePorts(n, sideRight)
	}
}

// topPorts orders the arrows entering n's top by where they come from,
// left to right; one coming straight down from above keeps the middle.
func (pb *pageBuilder) topPorts(n *node) {
	ps := slices.Clone(n.users[sideTop])
	if len(ps) == 0 {
		return
	}
	origin := func(p *port) float64 {
		if p.e.direct {
			return p.e.src.cx
		}
		return p.e.chi.x
	}
	slices.SortStableFunc(ps, func(a, b *port) int {
		return cmp.Or(cmp.Compare(origin(a), origin(b)), cmp.Compare(a.e.idx, b.e.idx))
	})
	ref := float64(len(ps)-1) / 2
	for i, p := range ps {
		if p.e.direct && abs(origin(p)-n.cx) < 0.005 {
			ref = float64(i)
		}
	}
	far := max(ref, float64(len(ps)-1)-ref)
	sp := 3.0
	if far > 0 {
		sp = min(sp, topReach(n)/far)
	}
	for i, p := range ps {
		p.off = round2((float64(i) - ref) * sp)
	}
}

// sidePorts orders the arrows at a left or right side of n top to
// bottom: those whose vertical run goes up take the upper ports, the
// nearer run higher; those going down the lower ones, the nearer lower.
func (pb *pageBuilder) sidePorts(n *node, side int) {
	ps := slices.Clone(n.users[side])
	if len(ps) == 0 {
		return
	}
	sideX := n.cx - n.w/2
	if side == sideRight {
		sideX = n.cx + n.w/2
	}
	key := func(p *port) (int, float64) {
		other := sideLevel(p.e.src, p.e.exit.side)
		if p.exit {
			other = sideLevel(p.e.dst, p.e.entry.side)
		}
		dist := abs(p.e.chi.x - sideX)
		if other < 2*n.row {
			return 0, dist
		}
		return 1, -dist
	}
	slices.SortStableFunc(ps, func(a, b *port) int {
		ga, da := key(a)
		gb, db := key(b)
		return cmp.Or(cmp.Compare(ga, gb), cmp.Compare(da, db), cmp.Compare(a.e.idx, b.e.idx))
	})
	sp := 1.6
	if len(ps) > 1 {
		sp = min(sp, 2*sideReach(n)/float64(len(ps)-1))
	}
	for i, p := range ps {
		p.off = round2((float64(i) - float64(len(ps)-1)/2) * sp)
	}
}

// topReach is how far from the middle of n's top an arrow may arrive.
func topReach(n *node) float64 {
	if n.kind == Decision {
		return n.w / 2 * 0.55
	}
	return n.w/2 - 1
}

// sideReach is how far from the middle of n's side an arrow may arrive.
func sideReach(n *node) float64 {
	switch n.kind {
	case Decision:
		return n.h / 2 * 0.5
	case Terminator:
		return n.h / 2 * 0.6
	}
	return n.h/2 - 0.8
}

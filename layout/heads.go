package layout

import (
	"cmp"
	"math"
	"slices"
)

// headsApart is the least distance between two arrowheads entering one
// symbol: official-layout.md's 3 mm between the heads on one side, kept
// too by heads on two sides, which meet at a box's corner or on the slope
// of a diamond between them.
const headsApart = 3.0

// headsStep is the grid, from a side's middle, on which spaceHeads tries
// the ports.
const headsStep = 0.25

// headsPasses is how many times spaceHeads tries every side again.
const headsPasses = 3

// spaceHeads moves the arrows entering symbol n where two of its heads,
// on two of its sides, stand nearer than headsApart: topPorts and
// sidePorts spread each side alone, and an arrow into the right slope of
// a diamond's top and one into its right side above the vertex end on
// the same slope (soak seed 18 #105: 0.3 mm apart, the two heads read as
// one; seeds 16 #34 and 29 #213: 2.2 mm), an arrow into a box's top by
// its corner and one into its side sideApart above the middle 2.6 mm
// apart (seed 30 #60). The heads of one side alone are spreadPorts' to
// space. The arrows of a side keep their order and stay within its
// reach; a side where an arrow leaves is not moved, nor a top with one
// arrow (offLine placed it), nor an arrow straight down into the top
// (a jog into the slope reads as a mistake); the arrows oppositeSides
// set above and below a box's middle stay so, as far apart; no arrow
// moves into a side exit's label planned over the diamond's top
// (topLean, hitsStub). Of the moves left, the one whose nearest heads
// are farthest apart up to headsApart, then with the least shortfall
// below headsApart and below portSpacing (as apart as one side's heads,
// where they fit), then the smallest, is taken.
func (pb *pageBuilder) spaceHeads(n *node) {
	if n.kind == OffPage {
		return
	}
	entered := 0 // sides an arrow enters by: most symbols are left here
	for s := range n.users {
		for _, p := range n.users[s] {
			if !p.exit {
				entered++
				break
			}
		}
	}
	if entered < 2 {
		return
	}
	var hb [16]*port
	in := hb[:0] // on the stack
	for s := range n.users {
		for _, p := range n.users[s] {
			if !p.exit {
				in = append(in, p)
			}
		}
	}
	if !headsCrowdAcross(n, in) {
		return
	}
	var sides []int
	for _, s := range []int{sideTop, sideLeft, sideRight} {
		if k := len(n.users[s]); k > 0 && (s != sideTop || k > 1) && !hasExit(n.users[s]) {
			sides = append(sides, s)
		}
	}
	if len(sides) == 0 {
		return
	}
	hs := pb.newHeadsSearch(n, slices.Clone(in))
	best, bestOffs := hs.score(), hs.offs()
	for _, order := range sideOrders(sides) {
		hs.reset()
		if sc := hs.descend(order); sc.better(best) {
			best, bestOffs = sc, hs.offs()
		}
	}
	for i, p := range hs.heads {
		p.off = bestOffs[i]
	}
}

// headsSearch is spaceHeads' search over the ports of one symbol.
type headsSearch struct {
	pb    *pageBuilder
	n     *node
	heads []*port   // the arrows entering n
	orig  []float64 // their offsets as spaceHeads found them
	// apart is the pair of ports oppositeSides set sideApart above and
	// below the middle of a box (left, right), or nils.
	apart [2]*port
	// labels are the side exits' labels planned over the diamond's top,
	// clear of the arrows into it (hitsStub) as they stood.
	labels []labelPlan
}

func (pb *pageBuilder) newHeadsSearch(n *node, heads []*port) *headsSearch {
	hs := &headsSearch{pb: pb, n: n, heads: heads, orig: make([]float64, len(heads))}
	for i, p := range heads {
		hs.orig[i] = p.off
	}
	if l, r := n.users[sideLeft], n.users[sideRight]; n.kind == Process && len(l) == 1 && len(r) == 1 && l[0].off*r[0].off < 0 {
		hs.apart = [2]*port{l[0], r[0]}
	}
	if n.kind == Decision {
		stubs := hs.topStubs()
		for _, s := range []int{sideLeft, sideRight} {
			for _, p := range n.users[s] {
				if pl := pb.rt.chosen[p.e]; p.exit && pl != nil && pl.where == labelAbove && pl.t+pl.h > n.h/2 && !hitsStub(stubs, n, *pl) {
					hs.labels = append(hs.labels, *pl)
				}
			}
		}
	}
	return hs
}

// reset puts every port back where spaceHeads found it.
func (hs *headsSearch) reset() {
	for i, p := range hs.heads {
		p.off = hs.orig[i]
	}
}

// offs returns the ports' offsets as they stand.
func (hs *headsSearch) offs() []float64 {
	out := make([]float64, len(hs.heads))
	for i, p := range hs.heads {
		out[i] = p.off
	}
	return out
}

// held reports whether port p may not move: an arrow straight down
// into the top.
func (hs *headsSearch) held(p *port) bool {
	return p.side == sideTop && p.e.direct && abs(p.e.src.cx-hs.n.cx) < 0.005
}

// topStubs returns where the arrows entering n's top stand.
func (hs *headsSearch) topStubs() []float64 {
	var out []float64
	for _, p := range hs.n.users[sideTop] {
		out = append(out, hs.n.cx+p.off)
	}
	return out
}

// valid reports whether the ports as they stand keep what spaceHeads
// keeps: oppositeSides' ports on their sides of the middle and as far
// apart, the labels over the diamond clear of the arrows into its top.
func (hs *headsSearch) valid() bool {
	if l, r := hs.apart[0], hs.apart[1]; l != nil {
		if l.off*r.off >= 0 || abs(l.off-r.off) < 2*sideApart-1e-9 {
			return false
		}
	}
	if len(hs.labels) > 0 {
		stubs := hs.topStubs()
		for _, pl := range hs.labels {
			if hitsStub(stubs, hs.n, pl) {
				return false
			}
		}
	}
	return true
}

// headsScore is how near each other the heads of a symbol stand, and how
// far its ports moved for it.
type headsScore struct {
	worst float64 // the nearest pair's shortfall below headsApart
	short float64 // summed over the pairs nearer than headsApart
	want  float64 // the same, nearer than portSpacing
	moved float64
}

// score returns the score of the heads as their ports stand.
func (hs *headsSearch) score() headsScore {
	sc := headsScore{}
	for i, p := range hs.heads {
		a := headAt(hs.n, p)
		for _, q := range hs.heads[i+1:] {
			b := headAt(hs.n, q)
			d := math.Hypot(a.X-b.X, a.Y-b.Y)
			if d < headsApart {
				sc.worst = max(sc.worst, headsApart-d)
				sc.short += headsApart - d
			}
			if d < portSpacing {
				sc.want += portSpacing - d
			}
		}
		sc.moved += abs(p.off - hs.orig[i])
	}
	return sc
}

// better reports whether s beats o (see spaceHeads).
func (s headsScore) better(o headsScore) bool {
	const eps = 1e-9
	switch {
	case abs(s.worst-o.worst) > eps:
		return s.worst < o.worst
	case abs(s.short-o.short) > eps:
		return s.short < o.short
	case abs(s.want-o.want) > eps:
		return s.want < o.want
	}
	return s.moved < o.moved-eps
}

// descend moves the ports of the sides in order, each side's to where
// the heads score best with the others held, up to headsPasses times
// over, and returns the score.
func (hs *headsSearch) descend(order []int) headsScore {
	n := hs.n
	best := hs.score()
	for range headsPasses {
		changed := false
		for _, s := range order {
			side := slices.Clone(n.users[s])
			slices.SortStableFunc(side, func(a, b *port) int { return cmp.Compare(a.off, b.off) })
			free := slices.DeleteFunc(slices.Clone(side), hs.held)
			if len(free) == 0 {
				continue
			}
			choice := make([]float64, len(free))
			for i, p := range free {
				choice[i] = p.off
			}
			reach := sideReach(n)
			if s == sideTop {
				reach = topReach(n)
			}
			tryOffs(len(free), reach, func(offs []float64) {
				for i, p := range free {
					p.off = offs[i]
				}
				if !portsInOrder(side) || !hs.valid() {
					return
				}
				if sc := hs.score(); sc.better(best) {
					best, changed = sc, true
					copy(choice, offs)
				}
			})
			for i, p := range free {
				p.off = choice[i]
			}
		}
		if !changed || best.want == 0 {
			break
		}
	}
	return best
}

// portsInOrder reports whether the ports of side stand in the order they came
// in, apart.
func portsInOrder(side []*port) bool {
	for i := 1; i < len(side); i++ {
		if side[i].off <= side[i-1].off+1e-9 {
			return false
		}
	}
	return true
}

// tryOffs calls try with every way of setting k ports of a side ordered
// within ±reach on the headsStep grid from the side's middle (and at
// ±reach): one port at each point, two or more evenly spread between two
// points, the first lowest.
func tryOffs(k int, reach float64, try func(offs []float64)) {
	grid := []float64{-reach}
	for i := -int(math.Floor(reach/headsStep - 1e-9)); float64(i)*headsStep < reach-1e-9; i++ {
		grid = append(grid, round2(float64(i)*headsStep))
	}
	grid = append(grid, reach)
	offs := make([]float64, k)
	if k == 1 {
		for _, x := range grid {
			offs[0] = x
			try(offs)
		}
		return
	}
	for i, lo := range grid {
		for _, hi := range grid[i+1:] {
			for q := range offs {
				offs[q] = round2(lo + (hi-lo)*float64(q)/float64(k-1))
			}
			try(offs)
		}
	}
}

// sideOrders returns every order of sides (at most three).
func sideOrders(sides []int) [][]int {
	if len(sides) <= 1 {
		return [][]int{sides}
	}
	var out [][]int
	for i, s := range sides {
		rest := append(slices.Clone(sides[:i]), sides[i+1:]...)
		for _, o := range sideOrders(rest) {
			out = append(out, append([]int{s}, o...))
		}
	}
	return out
}

// headsCrowdAcross reports whether two of the heads ps entering n on two
// different sides stand nearer than headsApart.
func headsCrowdAcross(n *node, ps []*port) bool {
	for i, p := range ps {
		for _, q := range ps[i+1:] {
			if p.side == q.side {
				continue
			}
			a, b := headAt(n, p), headAt(n, q)
			if math.Hypot(a.X-b.X, a.Y-b.Y) < headsApart {
				return true
			}
		}
	}
	return false
}

// headAt returns where the arrow of port p ends on the outline of symbol
// n, from its middle: contact's point before n has its place (contact
// rounds to the hundredth of a millimetre from the placed rectangle).
func headAt(n *node, p *port) Point {
	switch p.side {
	case sideTop:
		return Point{p.off, -halfHeight(n.kind, n.w, n.h, p.off)}
	case sideBottom:
		return Point{p.off, halfHeight(n.kind, n.w, n.h, p.off)}
	}
	dx := halfHeight(n.kind, n.h, n.w, p.off)
	if n.kind == Terminator {
		dx = halfWidthCapsule(n.w, n.h, p.off)
	}
	if p.side == sideLeft {
		return Point{-dx, p.off}
	}
	return Point{dx, p.off}
}

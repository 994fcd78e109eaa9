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

// headsStep is the grid on which spaceDecisionHeads tries the ports.
const headsStep = 0.25

// spaceHeads moves the arrows entering symbol n where two of its heads,
// on two of its sides, stand nearer than headsApart: topPorts and
// sidePorts spread each side alone, and an arrow into the right slope of
// a diamond's top and one into its right side above the vertex end on
// the same slope (soak seed 18 #105: 0.3 mm apart, the two heads read as
// one; seeds 16 #34 and 29 #213: 2.2 mm), an arrow into a box's top by
// its corner and one into its side sideApart above the middle 2.6 mm
// apart (seed 30 #60). The arrows of a side keep their order and stay
// within its reach; a side where an arrow leaves is not moved, nor a top
// with one arrow (offLine placed it); of the moves that space the heads
// the smallest is taken, one that sets them portSpacing apart (as one
// side's) before; an arrow coming straight down into the top stays.
func spaceHeads(n *node) {
	if n.kind == OffPage {
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
	var heads []*port
	for s := range n.users {
		for _, p := range n.users[s] {
			if !p.exit {
				heads = append(heads, p)
			}
		}
	}
	if len(heads) < 2 || headsShort(n, heads) == 0 {
		return
	}
	orig := make(map[*port]float64, len(heads))
	for _, p := range heads {
		orig[p] = p.off
	}
	moved := func() float64 {
		m := 0.0
		for _, p := range heads {
			m += abs(p.off - orig[p])
		}
		return m
	}
	// An arrow straight from above keeps its place: a jog into the slope
	// reads as a mistake.
	held := func(p *port, off float64) bool {
		return p.side == sideTop && p.e.direct && abs(p.e.src.cx-n.cx) < 0.005 && abs(off-orig[p]) > 1e-9
	}
	// Each side in turn takes its best ports with the others held, in
	// every order of the sides: one order alone stops where moving the
	// first side spaced the heads at a greater cost than the next would.
	best, bestOffs := scoreHeads(n, heads, moved), make([]float64, len(heads))
	for i, p := range heads {
		bestOffs[i] = p.off
	}
	for _, order := range sideOrders(sides) {
		for _, p := range heads {
			p.off = orig[p]
		}
		if sc := descendHeads(n, heads, order, moved, held); sc.better(best) {
			best = sc
			for i, p := range heads {
				bestOffs[i] = p.off
			}
		}
	}
	for i, p := range heads {
		p.off = bestOffs[i]
	}
}

// headsScore is how short of apart the heads of a symbol stand, and how
// far its ports moved for it.
type headsScore struct {
	short float64 // summed over the pairs nearer than headsApart
	want  float64 // the same, nearer than portSpacing
	moved float64
}

// scoreHeads returns the score of the heads as their ports stand.
func scoreHeads(n *node, heads []*port, moved func() float64) headsScore {
	return headsScore{headsShortOf(n, heads, headsApart), headsShortOf(n, heads, portSpacing), moved()}
}

// better reports whether s beats o: heads nearer headsApart, then nearer
// portSpacing (as far apart as the heads of one side, where they fit),
// then a smaller move.
func (s headsScore) better(o headsScore) bool {
	const eps = 1e-9
	switch {
	case abs(s.short-o.short) > eps:
		return s.short < o.short
	case abs(s.want-o.want) > eps:
		return s.want < o.want
	}
	return s.moved < o.moved-eps
}

// descendHeads moves the ports of n's sides in order, each to where its
// heads score best (headsScore) with the others held, until no side
// moves; it returns the score. A port for which held is true at an
// offset is not set there.
func descendHeads(n *node, heads []*port, order []int, moved func() float64, held func(p *port, off float64) bool) headsScore {
	best := scoreHeads(n, heads, moved)
	for range 3 {
		changed := false
		for _, s := range order {
			ps := slices.Clone(n.users[s])
			slices.SortStableFunc(ps, func(a, b *port) int { return cmp.Compare(a.off, b.off) })
			choice := make([]float64, len(ps))
			for i, p := range ps {
				choice[i] = p.off
			}
			reach := sideReach(n)
			if s == sideTop {
				reach = topReach(n)
			}
			tryOffs(len(ps), reach, func(offs []float64) {
				for i, p := range ps {
					if held(p, offs[i]) {
						return
					}
				}
				for i, p := range ps {
					p.off = offs[i]
				}
				if sc := scoreHeads(n, heads, moved); sc.better(best) {
					best, changed = sc, true
					copy(choice, offs)
				}
			})
			for i, p := range ps {
				p.off = choice[i]
			}
		}
		if !changed || best.want == 0 {
			break
		}
	}
	return best
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

// tryOffs calls try with every way of setting k ports of a side ordered
// within ±reach on the headsStep grid: one port at each point, two or
// more evenly spread between two points, the first lowest.
func tryOffs(k int, reach float64, try func(offs []float64)) {
	n := int(math.Floor(2*reach/headsStep + 1e-9))
	at := func(i int) float64 { return round2(-reach + float64(i)*headsStep) }
	offs := make([]float64, k)
	if k == 1 {
		for i := 0; i <= n; i++ {
			offs[0] = at(i)
			try(offs)
		}
		return
	}
	for i := 0; i <= n; i++ {
		for j := i + 1; j <= n; j++ {
			lo, hi := at(i), at(j)
			for q := range offs {
				offs[q] = round2(lo + (hi-lo)*float64(q)/float64(k-1))
			}
			try(offs)
		}
	}
}

// headsShort returns by how much, summed over every pair, the heads of
// the arrows ps entering symbol n stand nearer each other than
// headsApart: 0 when every pair is far enough apart.
func headsShort(n *node, ps []*port) float64 { return headsShortOf(n, ps, headsApart) }

// headsShortOf is headsShort with the heads wanted apart apart.
func headsShortOf(n *node, ps []*port, apart float64) float64 {
	short := 0.0
	for i, p := range ps {
		a := headAt(n, p)
		for _, q := range ps[i+1:] {
			b := headAt(n, q)
			if d := math.Hypot(a.X-b.X, a.Y-b.Y); d < apart {
				short += apart - d
			}
		}
	}
	return short
}

// headAt returns where the arrow of port p ends on the outline of symbol
// n, from its middle (contact, before n has a place).
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

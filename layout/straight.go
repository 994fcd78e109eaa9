package layout

import (
	"cmp"
	"math"
	"slices"
)

// Runs straight into their connectors.
//
// underRuns puts an off-page connector over (or under) the vertical run
// of its arrow where its band lets it, and trackMoves moves the run a
// little past its channel's edge to meet it; where neither could (the
// connector 1 mm off a rule, the run in its channel's middle), the arrow
// came out of (or into) the connector and jogged a millimetre aside along
// the band before its run: "a dog-leg just before B" (the sample
// reviewers of session 13: 02, 12 and 19). Once the page's geometry is
// placed, straightenRuns moves such a run onto its connector's line when
// the drawing there is no worse: no symbol nearer than before (or than
// chanClear), no arrow nearer than chanPitch along it, no more crossings,
// no rule nearer than before (or than ruleGap), and a stub out of (or
// into) a symbol's side still long enough for what ends there.

// vertexStub is the shortest piece of line out of a diamond's side
// vertex before its run turns: the diamond's edges draw away from the run
// below and above it.
const vertexStub = 1.5

// jogMax is the widest jog straightenRuns takes away: a wider step aside
// is a turn of the route, not a slip of a millimetre.
const jogMax = 2.5

// straightenRuns moves the runs of arrows that jog just beside their
// off-page connector onto the connector's line, where that is no worse
// (see above). pe.pts must be drawn.
func (pb *pageBuilder) straightenRuns() {
	for _, pe := range pb.edges {
		if pe.chi == nil || pe.chi.mid > 0 || pe.direct || pe.corner || pe.rise {
			continue
		}
		var x float64
		switch n := len(pe.pts); {
		case pe.src.isConnector() && pe.bandExit != nil:
			x = pe.pts[0].X
		case pe.dst.isConnector() && pe.bandEntry != nil:
			x = pe.pts[n-1].X
		default:
			continue
		}
		was := pe.chi.x
		if d := math.Abs(x - was); d < 0.005 || d > jogMax {
			continue
		}
		old := pe.pts
		pe.chi.x = x
		pts := pb.polyline(pe)
		if len(pts) < len(old) && pb.noWorse(pe, old, pts) {
			pe.pts = pts
			continue
		}
		pe.chi.x = was
	}
}

// noWorse reports whether pts, drawn for pe in place of old, comes no
// nearer to the page's symbols, connectors, rules and other arrows, and
// crosses no more of them, and whether its stubs at a symbol's side are
// still long enough (stubWish into a side, where its arrowhead stands;
// vertexStub out of a diamond's vertex; stubMin out of another side).
func (pb *pageBuilder) noWorse(pe *pedge, old, pts []Point) bool {
	for _, end := range []struct {
		n    *node
		a, b Point
		head bool
	}{{pe.src, pts[0], pts[1], false}, {pe.dst, pts[len(pts)-1], pts[len(pts)-2], true}} {
		if end.n.isConnector() || end.a.Y != end.b.Y {
			continue
		}
		need := stubMin
		switch {
		case end.head:
			need = stubWish
		case end.n.kind == Decision:
			need = vertexStub
		}
		if math.Abs(end.a.X-end.b.X) < need-0.005 {
			return false
		}
	}
	for _, row := range pb.rows {
		for _, n := range row.nodes {
			if n == pe.src || n == pe.dst {
				continue
			}
			if polyRectDist(pts, n.rect) < min(polyRectDist(old, n.rect), chanClear)-0.005 {
				return false
			}
		}
	}
	for _, r := range pb.actorRules() {
		if polyRuleDist(pts, r) < min(polyRuleDist(old, r), ruleGap)-0.005 {
			return false
		}
	}
	crossed := 0
	for _, o := range pb.edges {
		if o == pe || len(o.pts) < 2 {
			continue
		}
		if polyParallelDist(pts, o.pts) < min(polyParallelDist(old, o.pts), chanPitch)-0.005 {
			return false
		}
		crossed += polyCrossings(pts, o.pts) - polyCrossings(old, o.pts)
	}
	return crossed <= 0
}

// actorRules returns the x of the rules of the actor columns, their outer
// edges included.
func (pb *pageBuilder) actorRules() []float64 {
	ln := &pb.l.lanes
	xs := []float64{ln.x0, ln.x1}
	for _, ch := range ln.chans {
		if ch.hasRule {
			xs = append(xs, ch.rule)
		}
	}
	return xs
}

// polyRectDist returns the least distance between the polyline pts and r.
func polyRectDist(pts []Point, r Rect) float64 {
	d := math.Inf(1)
	for i := 1; i < len(pts); i++ {
		d = min(d, rectSegDist(r, pts[i-1], pts[i]))
	}
	return d
}

// polyRuleDist returns the least distance between a vertical piece of
// pts and the vertical rule at x (a horizontal piece crosses rules as it
// must).
func polyRuleDist(pts []Point, x float64) float64 {
	d := math.Inf(1)
	for i := 1; i < len(pts); i++ {
		if a, b := pts[i-1], pts[i]; a.X == b.X && a.Y != b.Y {
			d = min(d, math.Abs(a.X-x))
		}
	}
	return d
}

// polyParallelDist returns the least distance between two parallel
// pieces of p and q that stand side by side (their spans overlap).
func polyParallelDist(p, q []Point) float64 {
	d := math.Inf(1)
	for i := 1; i < len(p); i++ {
		a, b := p[i-1], p[i]
		for j := 1; j < len(q); j++ {
			c, e := q[j-1], q[j]
			switch {
			case a.X == b.X && c.X == e.X && overlap(a.Y, b.Y, c.Y, e.Y):
				d = min(d, math.Abs(a.X-c.X))
			case a.Y == b.Y && c.Y == e.Y && overlap(a.X, b.X, c.X, e.X):
				d = min(d, math.Abs(a.Y-c.Y))
			}
		}
	}
	return d
}

// overlap reports whether the spans a…b and c…d share more than a point.
func overlap(a, b, c, d float64) bool {
	return min(max(a, b), max(c, d))-max(min(a, b), min(c, d)) > 0.01
}

// polyCrossings counts where a horizontal piece of one polyline crosses a
// vertical piece of the other inside both.
func polyCrossings(p, q []Point) int {
	n := 0
	for i := 1; i < len(p); i++ {
		for j := 1; j < len(q); j++ {
			if crossesInside(p[i-1], p[i], q[j-1], q[j]) || crossesInside(q[j-1], q[j], p[i-1], p[i]) {
				n++
			}
		}
	}
	return n
}

// crossesInside reports whether the horizontal segment ab crosses the
// vertical segment cd away from all four ends.
func crossesInside(a, b, c, d Point) bool {
	if a.Y != b.Y || c.X != d.X || a.X == b.X || c.Y == d.Y {
		return false
	}
	const e = 0.01
	return c.X > min(a.X, b.X)+e && c.X < max(a.X, b.X)-e && a.Y > min(c.Y, d.Y)+e && a.Y < max(c.Y, d.Y)-e
}

// Runs eased off the rules.
//
// A run in a channel between two pelaksana stands hugInset past its
// symbols' clearance (spreadHug), which in a column of 20 mm leaves it
// 2.2–2.9 mm from the rule: "the loop runs 2.35 mm beside the Pemberi
// Kerja|Staf rule for 54 mm" (sample 09, both reviewers of session 15;
// 27 such runs on A4). Where the column beside the run holds nothing
// along it (no symbol, connector or other arrow nearer than the run
// would come), easeRuns moves the run away from the rule, up to
// runRuleWant from it, keeping each arrow it passes easeParallel apart
// and its stubs into a side as long as noWorse asks, and crossing no
// more arrows.

// easeMin is the shortest run easeRuns moves: a shorter one does not
// read as a line along the rule.
const easeMin = 10.0

// easeParallel is the nearest easeRuns brings a run to another arrow's
// parallel piece, or the nearer of that and where it stood.
const easeParallel = 3.0

// easeStep is the grid of the places easeRuns tries, from the farthest
// from the rule back toward the run.
const easeStep = 0.25

// easeRuns moves the vertical runs of arrows in the channels between
// pelaksana that stand nearer than runRuleWant to the rule away from it,
// where the drawing is no worse (see above); the runs on one side of a
// rule farthest from it first, each wanting runRuleWant and easeParallel
// more for every run nearer the rule beside it, so that they make room
// for the nearer ones. pe.pts must be drawn.
func (pb *pageBuilder) easeRuns() {
	ln := &pb.l.lanes
	type run struct {
		pe     *pedge
		lo, hi float64 // its vertical piece's span
		d      float64 // from the rule
	}
	for c := 1; c < len(ln.chans)-1; c++ {
		ch := ln.chans[c]
		if !ch.hasRule {
			continue
		}
		for _, away := range []float64{-1, 1} {
			var runs []run
			for _, pe := range pb.edges {
				it := pe.chi
				if it == nil || it.c != c || it.mid > 0 || pe.direct || pe.corner || pe.rise || (it.x-ch.rule)*away <= 0 || pb.intoConnector(pe) {
					continue
				}
				if lo, hi, ok := pb.longRunAt(pe, it.x); ok {
					runs = append(runs, run{pe, lo, hi, math.Abs(it.x - ch.rule)})
				}
			}
			slices.SortStableFunc(runs, func(a, b run) int { return cmp.Compare(b.d, a.d) })
			for i, r := range runs {
				nearer := 0
				for _, o := range runs[i+1:] {
					if overlap(r.lo, r.hi, o.lo, o.hi) {
						nearer++
					}
				}
				want := runRuleWant + float64(nearer)*easeParallel
				if room := pb.easeRoom(r.pe, ch.rule, away, r.lo, r.hi); room < want {
					want -= math.Ceil((want-room)/easeStep-1e-9) * easeStep // on the grid of the places tried
				}
				it, old := r.pe.chi, r.pe.pts
				was, crossed := it.x, pb.plansCrossed(old)
				for ; want > r.d+easeStep/2; want -= easeStep {
					it.x = round2(ch.rule + away*want)
					pts := pb.polyline(r.pe)
					if pb.nodesClear(r.pe, pts) && pb.noWorse(r.pe, old, pts) && pb.clearAlong(r.pe, old, pts) && pb.plansCrossed(pts) <= crossed {
						r.pe.pts = pts
						break
					}
					it.x = was
				}
			}
		}
	}
}

// plansCrossed counts the labels planned (planLabels) whose places, with
// labelClear round them, pts passes through. The channels kept their
// tracks clear of those places (zoneFits); eased off its rule, a run
// must keep clear of them too: soak seed 137 #293 (F4, the wide
// measurer), the loop back into a diamond's side, eased 2 mm toward the
// symbols, ran through the place of its bottom exit's label "Tidak
// sesuai", which placeLabels then found nowhere free and printed there.
func (pb *pageBuilder) plansCrossed(pts []Point) int {
	n := 0
	for pe, p := range pb.rt.chosen {
		if polylineHits(pts, labelClearance(planRect(pe.src, p))) {
			n++
		}
	}
	return n
}

// intoConnector reports whether pe comes out of (or goes into) an
// off-page connector straight from (or onto) its run: moved, the run
// would jog beside the connector (straightenRuns).
func (pb *pageBuilder) intoConnector(pe *pedge) bool {
	n := len(pe.pts)
	return pe.src.isConnector() && math.Abs(pe.pts[0].X-pe.chi.x) < 0.005 ||
		pe.dst.isConnector() && math.Abs(pe.pts[n-1].X-pe.chi.x) < 0.005
}

// easeRoom returns how far from the rule at x rule, on the side away,
// the vertical run of pe between lo and hi may stand at most: short of
// chanClear from the symbols and connectors beside it, and easeParallel
// from the other arrows' vertical pieces beside it, that stand farther
// from the rule than it does. easeRuns tries no farther.
func (pb *pageBuilder) easeRoom(pe *pedge, rule, away, lo, hi float64) float64 {
	d0 := (pe.chi.x - rule) * away
	room := math.Inf(1)
	for _, row := range pb.rows {
		for _, n := range row.nodes {
			r := n.rect
			if n == pe.src || n == pe.dst || !overlap(r.Y-chanClear, r.Y+r.H+chanClear, lo, hi) {
				continue
			}
			near := (r.X - rule) * away // its side nearer the rule
			if away < 0 {
				near = (rule - (r.X + r.W))
			}
			if near > d0 {
				room = min(room, near-chanClear)
			}
		}
	}
	for _, o := range pb.edges {
		if o == pe {
			continue
		}
		for i := 1; i < len(o.pts); i++ {
			a, b := o.pts[i-1], o.pts[i]
			if a.X != b.X || !overlap(a.Y, b.Y, lo, hi) {
				continue
			}
			if d := (a.X - rule) * away; d > d0 {
				room = min(room, d-easeParallel)
			}
		}
	}
	return room
}

// longRunAt returns the span of the vertical piece pe draws at x, when
// it is easeMin long or longer.
func (pb *pageBuilder) longRunAt(pe *pedge, x float64) (lo, hi float64, ok bool) {
	for i := 1; i < len(pe.pts); i++ {
		if a, b := pe.pts[i-1], pe.pts[i]; a.X == x && b.X == x && math.Abs(a.Y-b.Y) >= easeMin {
			return min(a.Y, b.Y), max(a.Y, b.Y), true
		}
	}
	return 0, 0, false
}

// clearAlong reports whether pts, drawn for pe in place of old, keeps
// easeParallel (or what old kept, if less) from every other arrow's
// parallel piece; stands in line with (or touches end to end) no more of
// their pieces than old; and crosses none nearer crossingNear to a
// symbol or connector where old did not.
func (pb *pageBuilder) clearAlong(pe *pedge, old, pts []Point) bool {
	nearCross := func(p []Point) int {
		n := 0
		for _, o := range pb.edges {
			if o == pe || len(o.pts) < 2 {
				continue
			}
			for i := 1; i < len(p); i++ {
				for j := 1; j < len(o.pts); j++ {
					at, ok := crossPoint(p[i-1], p[i], o.pts[j-1], o.pts[j])
					if !ok {
						continue
					}
					for _, row := range pb.rows {
						for _, m := range row.nodes {
							if rectSegDist(m.rect, at, at) < crossingNear-0.02 {
								n++
							}
						}
					}
				}
			}
		}
		return n
	}
	for _, o := range pb.edges {
		if o == pe || len(o.pts) < 2 {
			continue
		}
		if polyParallelDist(pts, o.pts) < min(polyParallelDist(old, o.pts), easeParallel)-0.005 {
			return false
		}
		if inLinePieces(pts, o.pts) > inLinePieces(old, o.pts) {
			return false
		}
	}
	return nearCross(pts) <= nearCross(old)
}

// nodesClear reports whether pts, drawn for pe, keeps chanClear from
// every symbol and connector, its own ends too but where its stubs meet
// them: the first of easeRuns' tests, and the cheapest.
func (pb *pageBuilder) nodesClear(pe *pedge, pts []Point) bool {
	for _, row := range pb.rows {
		for _, n := range row.nodes {
			d := polyRectDist(pts, n.rect)
			if n == pe.src || n == pe.dst {
				d = polyRectDist(pts[1:len(pts)-1], n.rect) // but its stubs, which meet it
			}
			if d < chanClear-0.005 {
				return false
			}
		}
	}
	return true
}

// inLineGap is the widest gap between two pieces of line, one after the
// other along one line, that reads as one line.
const inLineGap = 5.0

// inLinePieces counts the pairs of a piece of p and a piece of q that
// stand on one line (within half a millimetre of it), overlapping or one
// after the other less than inLineGap apart.
func inLinePieces(p, q []Point) int {
	n := 0
	for i := 1; i < len(p); i++ {
		a, b := p[i-1], p[i]
		for j := 1; j < len(q); j++ {
			c, e := q[j-1], q[j]
			var gap float64
			switch {
			case a.X == b.X && c.X == e.X && math.Abs(a.X-c.X) < 0.5:
				gap = max(min(c.Y, e.Y)-max(a.Y, b.Y), min(a.Y, b.Y)-max(c.Y, e.Y))
			case a.Y == b.Y && c.Y == e.Y && math.Abs(a.Y-c.Y) < 0.5:
				gap = max(min(c.X, e.X)-max(a.X, b.X), min(a.X, b.X)-max(c.X, e.X))
			default:
				continue
			}
			if gap < inLineGap {
				n++
			}
		}
	}
	return n
}

// crossPoint returns where segments ab and cd cross at right angles
// inside both (crossesInside, either way round).
func crossPoint(a, b, c, d Point) (Point, bool) {
	switch {
	case crossesInside(a, b, c, d):
		return Point{c.X, a.Y}, true
	case crossesInside(c, d, a, b):
		return Point{a.X, c.Y}, true
	}
	return Point{}, false
}

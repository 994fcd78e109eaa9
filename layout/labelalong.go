package layout

import (
	"cmp"
	"math"
	"slices"
)

// Where labelAlong looks for a label beside its own arrow, in millimetres.
const (
	alongStep    = 0.5 // the step of the places tried
	alongSideOff = 6.0 // the farthest a label stands from a horizontal run (over a diamond's top)
	alongVertOff = 3.0 // the farthest it stands from a vertical run
	turnGap      = 0.5 // how much farther than labelGap a label stands beside the run after a turn (labelBeyondTurn)
	alongOverlap = 1.0 // how much of a run a label standing beside it spans at least
	alongRuns    = 3   // the runs of the arrow looked along, from the diamond
	alongMargin  = 0.5 // how much nearer its own arrow than any other exit a label stands
	riseMargin   = 3.0 // the same for a label beside its run past its diamond's row (riseCell)
)

// alongObstacles is what may stand in the way of a label in one cell:
// the nodes, the labels placed before, the runs and arrowheads that reach
// into it.
type alongObstacles struct {
	cell  Rect
	nodes []*node
	rects []Rect // labels placed before and arrowheads
	segs  [][2]Point
}

// free reports what labelFree reports, for the obstacles of the cell.
func (o *alongObstacles) free(r Rect) bool {
	c := o.cell
	if r.X < c.X-1e-9 || r.Y < c.Y-1e-9 || r.X+r.W > c.X+c.W+1e-9 || r.Y+r.H > c.Y+c.H+1e-9 {
		return false
	}
	grown := labelClearance(r)
	for _, n := range o.nodes {
		if shapeOverlaps(n, grown) {
			return false
		}
	}
	for _, p := range o.rects {
		if overlaps(grown, p) {
			return false
		}
	}
	for _, s := range o.segs {
		if segmentHits(s[0], s[1], grown) {
			return false
		}
	}
	return true
}

// obstacles gathers what may stand in the way of a label in cell.
func (pb *pageBuilder) obstacles(cell Rect, placed []Rect) *alongObstacles {
	o := &alongObstacles{cell: cell}
	near := Rect{X: cell.X - 1, Y: cell.Y - 1, W: cell.W + 2, H: cell.H + 2}
	for _, row := range pb.rows {
		for _, n := range row.nodes {
			if overlaps(n.rect, near) {
				o.nodes = append(o.nodes, n)
			}
		}
	}
	for _, p := range placed {
		if overlaps(p, near) {
			o.rects = append(o.rects, p)
		}
	}
	for _, pe := range pb.edges {
		for i := 0; i+1 < len(pe.pts); i++ {
			if segmentHits(pe.pts[i], pe.pts[i+1], near) {
				o.segs = append(o.segs, [2]Point{pe.pts[i], pe.pts[i+1]})
			}
		}
		if n := len(pe.pts); n >= 2 {
			if h := headRect(pe.pts[n-2], pe.pts[n-1]); overlaps(h, near) {
				o.rects = append(o.rects, h)
			}
		}
	}
	return o
}

// labelAlong looks for a place for the label of pe, which breaks broken
// words (see brokenWords) where it was placed, beside the first runs of
// its own arrow inside its cell: above or below a horizontal run, as far
// along it as it goes in the cell, and up to alongSideOff from it (over
// the diamond's top, beside an arrow entering there); left or right of a
// vertical run. A place must be free as labelFree has it, and nearer its
// own arrow than the arrow of any other exit label on the page, so that
// it names its own. Of the ways of breaking the text that break fewer
// words, the one breaking fewest wins, then the place nearest the
// diamond along the arrow.
func (pb *pageBuilder) labelAlong(pe *pedge, broken int, placed []Rect) (Rect, []string, bool) {
	if len(pe.pts) < 2 {
		return Rect{}, nil, false
	}
	cell := pb.labelCell(pe.src)
	wraps := fewerBroken(pb.labelWraps(pe.fe.label, cell.W), broken)
	if len(wraps) == 0 {
		return Rect{}, nil, false
	}
	runs := runsIn(pe.pts, cell)
	return pb.alongSearch(cell, runs, 0, wraps, placed, pb.otherExitRuns(pe), false, alongMargin)
}

// labelBeyondTurn looks for a place for the label of pe, an exit leaving
// a side vertex, beside its own arrow in the next column of the
// diamond's row, where the arrow turns up or down after crossing the
// rule: left or right of the run after the turn, the whole label beside
// it. It is asked when the place found in the diamond's cell stands
// nearer another exit's arrow (see ambiguousLabel): a narrow column
// leaves a side exit's label room only under its run, right beside the
// run leaving the bottom vertex, where it names either; beside its own
// turn it names its own. The place must break no more words than broken,
// be free as labelFree has it, and be nearer its own arrow than any
// other arrow of the page (page, see pageRuns) by margin.
func (pb *pageBuilder) labelBeyondTurn(pe *pedge, cell Rect, broken int, placed []Rect, page []pageRun, margin float64) (Rect, []string, bool) {
	runs := [][2]Point{{pe.pts[1], pe.pts[2]}}
	along := abs(pe.pts[1].X - pe.pts[0].X)
	wraps := fewerBroken(pb.labelWraps(pe.fe.label, cell.W), broken+1)
	if len(wraps) == 0 {
		return Rect{}, nil, false
	}
	others := pb.l.segBuf[:0]
	for _, q := range page {
		if q.pe != pe {
			others = append(others, [2]Point{q.a, q.b})
		}
	}
	pb.l.segBuf = others
	return pb.alongSearch(cell, runs, along, wraps, placed, others, true, margin)
}

// turnCell returns the cell of the next column in the row of the diamond
// of pe, an exit leaving a side vertex, where the exit's second run, the
// one after its first turn, stands: where labelBeyondTurn looks. It
// reports false when the exit turns elsewhere.
func (pb *pageBuilder) turnCell(pe *pedge) (Rect, bool) {
	n := pe.src
	if len(pe.pts) < 3 || pe.pts[0].Y != pe.pts[1].Y || pe.pts[1].X != pe.pts[2].X || n.col < 0 {
		return Rect{}, false
	}
	k := n.col + 1
	if pe.pts[1].X < pe.pts[0].X {
		k = n.col - 1
	}
	if k < 0 || k >= len(pb.l.lanes.centers) {
		return Rect{}, false
	}
	col := pb.l.cols[2+k]
	cell := pb.labelCell(n)
	cell.X, cell.W = col.X+labelRuleGap, col.W-2*labelRuleGap
	// Beside the run after the turn, not over the turn: a label over the
	// end of the first run, past the turn, stands over nothing.
	return cell, segmentTouches(pe.pts[1], pe.pts[2], cell)
}

// riseCell returns, for pe an exit leaving a side vertex of its diamond
// by a stub that turns up or down within the diamond's own column (to
// the channel beside the border, or beside a column the arrow may not
// cross), the cell of that column in the row the run after the turn
// goes on into: beside that run, past the diamond's row, the label names
// its own arrow, where under the diamond's slope it stood beside the
// bottom exit (sample 14, "Diterima" beside "Ditolak"). It reports false
// when the exit turns elsewhere, the row there holds no step, or the
// arrow ends in it (a label there would stand beside its target or
// arrowhead); the run may turn in that row's lower strip, the band
// where arrows run along to the next row.
func (pb *pageBuilder) riseCell(pe *pedge) (Rect, bool) {
	n := pe.src
	if len(pe.pts) < 3 || pe.pts[0].Y != pe.pts[1].Y || pe.pts[1].X != pe.pts[2].X || n.col < 0 {
		return Rect{}, false
	}
	col := pb.l.cols[2+n.col]
	if pe.pts[1].X <= col.X || pe.pts[1].X >= col.X+col.W {
		return Rect{}, false
	}
	r := n.row + 1
	if pe.pts[2].Y < pe.pts[1].Y {
		r = n.row - 1
	}
	if r < 0 || r >= len(pb.rows) || pb.rows[r].step < 0 {
		return Rect{}, false
	}
	if up := r < n.row; up && pe.dst.row >= r || !up && pe.dst.row <= r {
		return Rect{}, false // the arrow ends in that row: beside its step, or its arrowhead
	}
	row := pb.rows[r]
	cell := Rect{X: col.X + labelRuleGap, Y: row.y + labelRuleGap, W: col.W - 2*labelRuleGap, H: row.h - 2*labelRuleGap}
	if r > n.row {
		// Above the strip at the row's foot, where the run may turn:
		// tighten takes room from that strip once labels have their
		// places, and the run's end rises with it.
		foot := row.y
		for _, o := range row.nodes {
			foot = max(foot, o.rect.Y+o.rect.H)
		}
		cell.H = foot - cell.Y
	}
	return cell, cell.H > 0
}

// pageRun is a run of an arrow of the page.
type pageRun struct {
	pe   *pedge
	a, b Point
}

// pageRuns returns the runs of every arrow on the page, in the
// layouter's buffer: the next call fills it anew.
func (pb *pageBuilder) pageRuns() []pageRun {
	out := pb.l.runBuf[:0]
	for _, q := range pb.edges {
		for i := 0; i+1 < len(q.pts); i++ {
			out = append(out, pageRun{q, q.pts[i], q.pts[i+1]})
		}
	}
	pb.l.runBuf = out
	return out
}

// ambiguousLabel reports whether a label of pe at r stands nearer
// another arrow of the page (among runs, see pageRuns) than its own, or
// within alongMargin as near: a reader cannot tell which it names, the
// exit or the other arrow (another exit, or the arrow entering the
// diamond's top beside which a label over the diamond stands).
func ambiguousLabel(r Rect, pe *pedge, runs []pageRun) bool {
	own := polyRectDist(pe.pts, r)
	for _, q := range runs {
		if q.pe != pe && rectSegNearer(r, q.a, q.b, own+alongMargin) {
			return true
		}
	}
	return false
}

// fewerBroken returns the ways of breaking of wraps that break fewer
// than broken words, fewest first.
func fewerBroken(wraps []wrapped, broken int) []wrapped {
	var out []wrapped
	for _, wr := range wraps {
		if wr.broken < broken {
			out = append(out, wr)
		}
	}
	// Fewest broken words first (labelWraps orders by lines), so that the
	// search may stop at the first wrap that cannot beat the best.
	slices.SortStableFunc(out, func(a, b wrapped) int { return cmp.Compare(a.broken, b.broken) })
	return out
}

// otherExitRuns returns the runs of the arrows of every exit label on
// the page but pe's.
func (pb *pageBuilder) otherExitRuns(pe *pedge) [][2]Point {
	var others [][2]Point
	for _, q := range pb.edges {
		if q == pe || q.fe.label == "" || q.src.isConnector() {
			continue
		}
		for i := 0; i+1 < len(q.pts); i++ {
			others = append(others, [2]Point{q.pts[i], q.pts[i+1]})
		}
	}
	return others
}

// runsIn returns up to alongRuns runs of the arrow pts that reach into
// cell, one after the other from the first, up to the first that does
// not.
func runsIn(pts []Point, cell Rect) (runs [][2]Point) {
	for i := 0; i+1 < len(pts) && len(runs) < alongRuns; i++ {
		a, b := pts[i], pts[i+1]
		if !segmentTouches(a, b, cell) {
			break
		}
		runs = append(runs, [2]Point{a, b})
	}
	return runs
}

// alongSearch finds the best place for a label broken as one of wraps
// beside runs, inside cell: see labelAlong. along is the length of the
// arrow before the first of runs. Beside a vertical run a label spans at
// least alongOverlap of it, or with whole all of its height.
func (pb *pageBuilder) alongSearch(cell Rect, runs [][2]Point, along float64, wraps []wrapped, placed []Rect, others [][2]Point, whole bool, margin float64) (Rect, []string, bool) {
	o := pb.obstacles(cell, placed)
	type found struct {
		r      Rect
		lines  []string
		broken int
		d      float64
	}
	// Bounds a little wider than the cell's: what lies beyond them is
	// out of the cell however it is rounded, and is not tried.
	left, right := cell.X-0.01, cell.X+cell.W+0.01
	top, bottom := cell.Y-0.01, cell.Y+cell.H+0.01
	var best *found
	start := along
	for _, wr := range wraps {
		if best != nil && best.broken < wr.broken {
			break
		}
		w, h := wr.w, wr.h
		along := start
		for _, s := range runs {
			a, b := s[0], s[1]
			length := abs(b.X-a.X) + abs(b.Y-a.Y)
			try := func(r Rect, off, at float64) bool {
				d := along + at + off + 0.8*float64(len(wr.lines)-1)
				if best != nil && best.broken == wr.broken && best.d <= d {
					return true // no better, nor any farther from the run
				}
				r.X, r.Y = round2(r.X), round2(r.Y)
				if !o.free(r) {
					return false
				}
				own := min(rectSegDist(r, a, b), ownDist(r, runs))
				for _, q := range others {
					if rectSegNearer(r, q[0], q[1], own+margin) {
						return true // nearer another exit: taken, but not chosen
					}
				}
				best = &found{r, wr.lines, wr.broken, d}
				return true
			}
			if a.Y == b.Y { // horizontal
				x1, x2 := min(a.X, b.X), max(a.X, b.X)
				span := min(alongOverlap, x2-x1)
				for x := x1 - w + span; x <= x2-span+1e-9; x += alongStep {
					if x < left {
						continue
					}
					if x+w > right {
						break
					}
					at := max(0, min(abs(x+w/2-a.X), length))
					for _, up := range []bool{true, false} {
						for off := 0.0; off <= alongSideOff+1e-9; off += alongStep {
							y := a.Y + labelGap + off
							if up {
								y = a.Y - labelGap - h - off
							}
							if y < top || y+h > bottom {
								break // farther is farther out of the cell
							}
							if try(Rect{X: x, Y: y, W: w, H: h}, off, at) {
								break
							}
						}
					}
				}
			} else { // vertical
				y1, y2 := min(a.Y, b.Y), max(a.Y, b.Y)
				span, least := min(alongOverlap, y2-y1), 0.0
				if whole {
					// Text beside a vertical line has no line spacing
					// between them, as over a horizontal one: it keeps
					// turnGap more.
					span, least = h, turnGap
				}
				for y := y1 - h + span; y <= y2-span+1e-9; y += alongStep {
					if y < top {
						continue
					}
					if y+h > bottom {
						break
					}
					at := max(0, min(abs(y+h/2-a.Y), length))
					for _, toRight := range []bool{true, false} {
						for off := least; off <= alongVertOff+1e-9; off += alongStep {
							x := a.X + labelGap + off
							if !toRight {
								x = a.X - labelGap - w - off
							}
							if x < left || x+w > right {
								break // farther is farther out of the cell
							}
							if try(Rect{X: x, Y: y, W: w, H: h}, off, at) {
								break
							}
						}
					}
				}
			}
			along += length
		}
	}
	if best == nil {
		return Rect{}, nil, false
	}
	return best.r, best.lines, true
}

// ownDist returns the distance from r to the nearest of runs.
func ownDist(r Rect, runs [][2]Point) float64 {
	d := -1.0
	for _, s := range runs {
		if e := rectSegDist(r, s[0], s[1]); d < 0 || e < d {
			d = e
		}
	}
	return d
}

// segmentTouches reports whether the axis-parallel segment a–b reaches
// into r or its edge.
func segmentTouches(a, b Point, r Rect) bool {
	x1, x2 := ordered(a.X, b.X)
	y1, y2 := ordered(a.Y, b.Y)
	return x1 <= r.X+r.W && x2 >= r.X && y1 <= r.Y+r.H && y2 >= r.Y
}

// rectSegDist returns the distance between r and the axis-parallel
// segment a–b (0 when they touch).
func rectSegDist(r Rect, a, b Point) float64 {
	x1, x2 := ordered(a.X, b.X)
	y1, y2 := ordered(a.Y, b.Y)
	return boxDist(gap(x1, x2, r.X, r.X+r.W), gap(y1, y2, r.Y, r.Y+r.H))
}

// rectSegNearer reports whether rectSegDist(r, a, b) < lim, without the
// hypotenuse where one side alone reaches lim (it is at least either).
func rectSegNearer(r Rect, a, b Point, lim float64) bool {
	x1, x2 := ordered(a.X, b.X)
	dx := gap(x1, x2, r.X, r.X+r.W)
	if dx >= lim {
		return false
	}
	y1, y2 := ordered(a.Y, b.Y)
	dy := gap(y1, y2, r.Y, r.Y+r.H)
	return dy < lim && boxDist(dx, dy) < lim
}

// ordered returns a and b, the lesser first. The geometry's hot
// predicates use it and gap rather than the min and max built-ins,
// whose NaN and signed-zero rules cost a few instructions each (sessions
// 30's profile of Layout15: rectSegNearer, segmentHits); coordinates are
// never NaN, and a distance of -0 compares as 0.
func ordered(a, b float64) (float64, float64) {
	if b < a {
		return b, a
	}
	return a, b
}

// gap returns how far apart the intervals lo–hi and from–to stand along
// one axis, 0 where they meet: max(0, from-hi, lo-to).
func gap(lo, hi, from, to float64) float64 {
	if d := from - hi; d > 0 {
		return d
	}
	if d := lo - to; d > 0 {
		return d
	}
	return 0
}

// boxDist is math.Hypot(dx, dy) for dx, dy ≥ 0, without its work where
// one of them is 0, as it mostly is beside or over a rectangle: the same
// value (the hypotenuse of a side of 0 is the other side, exactly).
func boxDist(dx, dy float64) float64 {
	switch {
	case dx == 0:
		return dy
	case dy == 0:
		return dx
	}
	return math.Hypot(dx, dy)
}

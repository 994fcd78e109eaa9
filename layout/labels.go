package layout

import (
	"cmp"
	"math"
	"slices"
)

// Clearances of an exit label, in millimetres.
const (
	labelGap   = 0.4  // between a label and the arrow it names
	labelClear = 0.25 // between a label and anything else
)

// placeLabels gives every decision exit that starts on this page its
// label, inside the decision's cell: where planLabels planned it when no
// arrow, node or other label touches it there, else the first free place
// among the exit's other plans, else the free place in the cell nearest
// to where the arrow leaves the diamond. A label that would break a word
// there takes instead a free place beside its own arrow where it breaks
// fewer words, when there is one (see labelAlong), unless that leaves
// empty the room its row kept for it; one that would stand nearer
// another arrow than its own takes a free place beside its own arrow
// where it turns in the next column, when there is one and the row keeps
// no room for it alone (see labelBeyondTurn, mayLeave).
func (pb *pageBuilder) placeLabels() []*Label {
	out := make([]*Label, len(pb.edges))
	var placed []Rect
	var alongs []alongMove // labels labelAlong moved, with where they stood
	for i, pe := range pb.edges {
		if pe.fe.label == "" || pe.src.isConnector() {
			continue
		}
		r, lines := pb.labelSpot(pe, placed)
		if n, _ := brokenWords(pe.fe.label, lines); n > 0 {
			if wr, wl, ok := pb.labelAlong(pe, n, placed); ok {
				alongs = append(alongs, alongMove{i, r, lines})
				r, lines = wr, wl
			}
		}
		placed = append(placed, r)
		out[i] = &Label{Text: pe.fe.label, Lines: lines, Rect: r}
	}
	// A label moved along its arrow to break fewer words goes back where
	// its row kept room for it, when no label stands there now (the
	// diamond stands off its row's middle, away from that room) and the
	// place is still free.
	for _, a := range alongs {
		n := pb.edges[a.i].src
		if pb.mayLeave(a.i, out) || pb.beyond(n, out[a.i].Rect) {
			continue
		}
		row := pb.rows[n.row]
		lanes := Rect{X: pb.l.lanes.x0, Y: row.y, W: pb.l.lanes.x1 - pb.l.lanes.x0, H: row.h}
		if pb.labelFree(a.r, lanes, pb.otherLabels(out, a.i)) {
			out[a.i] = &Label{Text: out[a.i].Text, Lines: a.lines, Rect: a.r}
		}
	}
	// Once every label has its place: those nearer another arrow than
	// their own move beside their own turn.
	var runs []pageRun // the runs of every arrow of the page, made once
	for i, pe := range pb.edges {
		l := out[i]
		if l == nil {
			continue
		}
		cell, ok := pb.turnCell(pe)
		margin := alongMargin
		if !ok {
			// Past the diamond's row the label stands well clear of
			// every other arrow: just over the arrow coming into the
			// diamond's top it seemed to name that (sample 14, a
			// reviewer).
			cell, ok = pb.riseCell(pe)
			margin = riseMargin
		}
		if !ok {
			continue
		}
		if runs == nil {
			runs = pb.pageRuns()
		}
		if !ambiguousLabel(l.Rect, pe, runs) || !pb.mayLeave(i, out) {
			continue
		}
		others := pb.otherLabels(out, i)
		n, _ := brokenWords(pe.fe.label, l.Lines)
		if r, lines, ok := pb.clearPlan(pe, n, others, runs); ok {
			out[i] = &Label{Text: pe.fe.label, Lines: lines, Rect: r}
			pb.unstagger(pe.src, out)
			continue
		}
		if r, lines, ok := pb.labelBeyondTurn(pe, cell, n, others, runs, margin); ok {
			out[i] = &Label{Text: pe.fe.label, Lines: lines, Rect: r}
			pb.unstagger(pe.src, out)
		}
	}
	pb.breathe(out, &runs)
	pb.breatheSlope(out, &runs)
	return out
}

// clearPlan returns the first of the planned places of pe's label, best
// first, that is free of the labels others, breaks no more words than
// broken, and stands nearer its own arrow than any other: a label nearer
// another arrow moves there before it moves beside its own turn
// (labelBeyondTurn). Sample 15, row 7: "Sesuai" over the diamond's
// slope stood beside the arrow coming into its top, and beside its turn
// it stood 14 mm from the diamond against the next rule, where over its
// run at the start of the next column it names it 6 mm from the vertex.
func (pb *pageBuilder) clearPlan(pe *pedge, broken int, others []Rect, runs []pageRun) (Rect, []string, bool) {
	n := pe.src
	for _, p := range pb.labelPlans(pe, pe.exit.side) {
		r := planRect(n, &p)
		if b, _ := brokenWords(pe.fe.label, p.lines); b > broken || ambiguousLabel(r, pe, runs) || !pb.labelFree(r, pb.planCell(n, &p), others) {
			continue
		}
		return r, p.lines, true
	}
	return Rect{}, nil, false
}

// breathe moves a label standing labelGap beside a vertical run of its
// own arrow up to labelBreath farther from it, where the label stays in
// its cell, free, and nearer its own arrow than any other: text beside
// a vertical line has no line spacing between them, as over a horizontal
// one, and at labelGap the last letter of "Tidak lengkap" (office-two-
// ends) and "Cukup disposisi Sekretaris" (sample 01) read as touching
// the line (both reviewer passes of session 7). bottomPlan keeps that
// room only where its cell leaves room for a run in the channel besides,
// since it plans before the routes are known; here they are. A label
// with no room to breathe so far (a word nearly as wide as the room
// between its run and the rule) stands halfway between the two: at
// labelGap the arrow's stroke left 0.25 mm of white, read as touching
// the line in every office document (session 11).
func (pb *pageBuilder) breathe(out []*Label, runs *[]pageRun) {
	for i, l := range out {
		if l == nil {
			continue
		}
		pe := pb.edges[i]
		// A label beside a vertical run nearer than labelGap + labelBreath
		// breathes off it: at labelGap, or a little more where a bottom
		// plan kept clear of the diamond's slope (0.54 mm, sample 09 on
		// A4, "Sesuai") or took labelLineRoom in a wide column (0.8 mm).
		// A label over (or under) a horizontal run of its arrow breathes
		// off that run instead (breatheOver) unless it stands nearly at
		// labelGap from a vertical one too: moved along the run from a
		// rise 0.9 mm away, "Tidak lengkap" stayed 0.4 mm over its line
		// (samples 12, 15).
		reach := labelGap + labelBreath - 0.05
		if overRun(l, pe.pts) {
			reach = labelGap + labelBreathLeast
		}
		dir, near := 0.0, 0.0
		for k := 0; k+1 < len(pe.pts); k++ {
			a, b := pe.pts[k], pe.pts[k+1]
			if a.X != b.X || l.Y > max(a.Y, b.Y) || l.Y+l.H < min(a.Y, b.Y) {
				continue
			}
			// Not below 0: at labelGap a label often stands a hair
			// nearer in floating point, and the full step would then
			// pass labelBreath and be refused (a code review).
			if d := l.X - a.X; d >= 0 && d < reach {
				dir, near = 1, max(0, d-labelGap)
			} else if d := a.X - (l.X + l.W); d >= 0 && d < reach {
				dir, near = -1, max(0, d-labelGap)
			}
		}
		if dir == 0 {
			pb.breatheOver(out, i, runs)
			continue
		}
		if *runs == nil {
			*runs = pb.pageRuns()
		}
		cell := pb.labelCell(pe.src)
		col := pb.l.cols[2+pe.src.col]
		others := pb.otherLabels(out, i)
		// Squeezed between its line and the rule (a word as wide as the
		// room beside its run: "Lengkap" of sample 02), halfway between.
		toRule := col.X + col.W - l.X - l.W
		if dir < 0 {
			toRule = l.X - col.X
		}
		// Rounded down: rounded up, the label stood a hair nearer the rule
		// than its line and stayed where it was (sample 19 on A4).
		balanced := math.Floor((toRule-labelGap-near)/2*100+1e-6) / 100
		for _, step := range []float64{labelBreath - near, labelBreathLess - near, labelBreathLeast - near, balanced} {
			if step <= 0.05 || step > labelBreath {
				continue
			}
			r := l.Rect
			r.X = round2(r.X + dir*step)
			// Not nearer a rule than labelBreathRule, or than its line once
			// halfway: what it gains from its line it would lose to the rule.
			if least := min(r.X-col.X, col.X+col.W-r.X-r.W); least < labelBreathRule-1e-6 && (step != balanced || least < labelGap+near+step-0.01) {
				continue
			}
			// Halfway, it may stand as near the rule as the column's
			// width counted for it (labelNeedRuleGap).
			room := cell
			if step == balanced {
				room.X, room.W = room.X-(labelRuleGap-labelNeedRuleGap), room.W+2*(labelRuleGap-labelNeedRuleGap)
			}
			if pb.labelFree(r, room, others) && !ambiguousLabel(r, pe, *runs) {
				out[i] = &Label{Text: l.Text, Lines: l.Lines, Rect: r}
				break
			}
		}
	}
}

// overRun reports whether label l stands labelGap over or under a
// horizontal run of pts that spans it.
func overRun(l *Label, pts []Point) bool {
	return overRunWithin(l.Rect, pts, labelGap+0.1)
}

// overRunWithin reports whether a label at r stands over or under a
// horizontal run of pts that spans it, nearer than reach.
func overRunWithin(r Rect, pts []Point, reach float64) bool {
	for k := 0; k+1 < len(pts); k++ {
		a, b := pts[k], pts[k+1]
		if a.Y != b.Y || r.X < min(a.X, b.X)-0.01 || r.X+r.W > max(a.X, b.X)+0.01 {
			continue
		}
		if d := max(a.Y-(r.Y+r.H), r.Y-a.Y); d > -0.01 && d < reach {
			return true
		}
	}
	return false
}

// breatheOver moves the i-th label of out, standing labelGap over (or
// under) a horizontal run of its own arrow, up to labelBreathOver farther
// from it, where it stays in its cell (or the cell its plan took in the
// next column), free, and nearer its own arrow than any other: the
// descenders of "Lengkap" and "Tidak lengkap" came within 0.4–0.5 mm of
// the line, which reviewers of sessions 9 and 10 read as touching it.
func (pb *pageBuilder) breatheOver(out []*Label, i int, runs *[]pageRun) {
	l, pe := out[i], pb.edges[i]
	dir := 0.0
	for k := 0; k+1 < len(pe.pts); k++ {
		a, b := pe.pts[k], pe.pts[k+1]
		if a.Y != b.Y || l.X > max(a.X, b.X) || l.X+l.W < min(a.X, b.X) {
			continue
		}
		if d := a.Y - (l.Y + l.H); d >= 0 && d < labelGap+0.05 {
			dir = -1
		} else if d := l.Y - a.Y; d >= 0 && d < labelGap+0.05 {
			dir = 1
		}
	}
	if dir == 0 {
		return
	}
	if *runs == nil {
		*runs = pb.pageRuns()
	}
	cell := pb.cellIn(pe.src, pb.l.actorColumnAt(l.X+l.W/2))
	others := pb.otherLabels(out, i)
	for _, step := range []float64{labelBreathOver, labelBreathOver / 2} {
		r := l.Rect
		r.Y = round2(r.Y + dir*step)
		if pb.labelFree(r, cell, others) && !ambiguousLabel(r, pe, *runs) {
			out[i] = &Label{Text: l.Text, Lines: l.Lines, Rect: r}
			return
		}
	}
}

// labelBreathOver is how much farther than labelGap breatheOver moves a
// label from the horizontal run it names.
const labelBreathOver = 0.3

// labelBreath is how much farther than labelGap breathe moves a label
// from the vertical run it names (0.4 mm until a reviewer of session 17
// read labels 0.8 mm from their line as sitting on it); labelBreathRule
// the nearest it then stands to a column's rule, but halfway between its
// line and the rule, where it may stand labelNeedRuleGap from the rule.
const (
	labelBreath     = 0.6
	labelBreathRule = 0.8
)

// labelBreathLess and labelBreathLeast are the shorter moves breathe tries
// where labelBreath would bring a label nearer a rule than
// labelBreathRule.
const (
	labelBreathLess  = 0.4
	labelBreathLeast = 0.2
)

// otherLabels returns the places of the labels of out but the i-th, in
// the layouter's buffer: the next call fills it anew.
func (pb *pageBuilder) otherLabels(out []*Label, i int) []Rect {
	rs := pb.l.rectBuf[:0]
	for j, o := range out {
		if o != nil && j != i {
			rs = append(rs, o.Rect)
		}
	}
	pb.l.rectBuf = rs
	return rs
}

// unstagger moves back up the label of the bottom exit of diamond n that
// staggerLabels moved down its run, below the label of the side exit
// that stood across the run from it, now that that label has moved
// beside its own turn: where it was planned first, right under the
// diamond, when that place is free. Its row keeps the height it was
// measured with.
func (pb *pageBuilder) unstagger(n *node, out []*Label) {
	for j, pe := range pb.edges {
		p := pb.rt.before[pe]
		if pe.src != n || p == nil || out[j] == nil {
			continue
		}
		if r := planRect(n, p); pb.labelFree(r, pb.planCell(n, p), pb.otherLabels(out, j)) {
			out[j] = &Label{Text: pe.fe.label, Lines: p.lines, Rect: r}
		}
	}
}

// alongMove is a label that labelAlong moved: its index among the
// page's edges, and the place and lines it had.
type alongMove struct {
	i     int
	r     Rect
	lines []string
}

// mayLeave reports whether label i of out may leave the place its row
// was measured for: when its diamond stands in the middle of its row, or
// when another label of the diamond still stands beyond it on the side
// the diamond was moved away from to make room for labels there.
func (pb *pageBuilder) mayLeave(i int, out []*Label) bool {
	n := pb.edges[i].src
	if abs(pb.offMiddle(n)) < 0.01 {
		return true
	}
	for j, o := range pb.edges {
		if j != i && o.src == n && out[j] != nil && pb.beyond(n, out[j].Rect) {
			return true
		}
	}
	return false
}

// offMiddle returns how far node n stands below the middle of its row
// (above it when negative).
func (pb *pageBuilder) offMiddle(n *node) float64 {
	row := pb.rows[n.row]
	return n.rect.Y + n.rect.H/2 - (row.y + row.h/2)
}

// beyond reports whether a label of diamond n at r stands on the side of
// it the diamond was moved away from, off its row's middle, to make room
// for labels there: under it when it stands higher, over it when lower.
func (pb *pageBuilder) beyond(n *node, r Rect) bool {
	dy := pb.offMiddle(n)
	return dy < 0 && r.Y+r.H > n.rect.Y+n.rect.H+0.05 || dy > 0 && r.Y < n.rect.Y-0.05
}

// labelSpot returns the place and the lines of the label of pe.
func (pb *pageBuilder) labelSpot(pe *pedge, placed []Rect) (Rect, []string) {
	n := pe.src
	cell := pb.labelCell(n)
	chosen := pb.rt.chosen[pe]
	if chosen != nil {
		if r := planRect(n, chosen); pb.labelFree(r, pb.planCell(n, chosen), placed) {
			return r, chosen.lines
		}
	}
	plans := pb.labelPlans(pe, pe.exit.side)
	for i := range plans {
		if r := planRect(n, &plans[i]); pb.labelFree(r, pb.planCell(n, &plans[i]), placed) {
			return r, plans[i].lines
		}
	}
	if chosen == nil {
		if len(plans) == 0 {
			lines, w := pb.labelLines(pe.fe.label, cell.W)
			plans = append(plans, labelPlan{lines: lines, w: ceil2(w), h: ceil2(float64(len(lines)) * LineHeight(LabelSize))})
		}
		chosen = &plans[0]
	}
	wraps := slices.Clone(pb.labelWraps(pe.fe.label, cell.W))
	slices.SortStableFunc(wraps, func(a, b wrapped) int { return cmp.Compare(a.broken, b.broken) })
	for _, wr := range append([]wrapped{{lines: chosen.lines, w: chosen.w, h: chosen.h}}, wraps...) {
		if r, ok := pb.labelNear(pe, wr.w, wr.h, cell, placed); ok {
			return r, wr.lines
		}
	}
	pb.labelsUnfree++
	return planRect(n, chosen), chosen.lines
}

// labelCell returns where the labels of node n may stand: its cell, the
// actor column of its step across its row, less labelRuleGap at every rule.
func (pb *pageBuilder) labelCell(n *node) Rect {
	x := pb.cellX(n)
	row := pb.rows[n.row]
	return Rect{X: x.lo, Y: row.y + labelRuleGap, W: x.hi - x.lo, H: row.h - 2*labelRuleGap}
}

// planCell returns where a label of n placed by plan p may stand: the
// cell of n, or for a plan beyond the rule the cell of the next column
// in its row (beyondPlans).
func (pb *pageBuilder) planCell(n *node, p *labelPlan) Rect {
	return pb.cellIn(n, n.col+p.beside)
}

// cellIn returns where a label of n may stand in actor column col of
// its row: its cell (labelCell) when col is n's, else that column's,
// less labelRuleGap at every rule.
func (pb *pageBuilder) cellIn(n *node, col int) Rect {
	cell := pb.labelCell(n)
	if col != n.col {
		c := pb.l.cols[2+col]
		cell.X, cell.W = c.X+labelRuleGap, c.W-2*labelRuleGap
	}
	return cell
}

// labelNear looks for free room for a label anywhere in its cell, nearest
// first to where the arrow leaves its diamond: the last resort when no
// planned place is free.
func (pb *pageBuilder) labelNear(pe *pedge, w, h float64, cell Rect, placed []Rect) (Rect, bool) {
	a := pe.pts[0]
	best, found, bestD := Rect{}, false, 0.0
	for y := cell.Y; y+h <= cell.Y+cell.H+1e-9; y += 0.5 {
		for x := cell.X; x+w <= cell.X+cell.W+1e-9; x += 0.5 {
			r := Rect{X: round2(x), Y: round2(y), W: w, H: h}
			cx, cy := r.X+w/2, r.Y+h/2
			d := abs(cx-a.X) + abs(cy-a.Y)
			if (!found || d < bestD) && pb.labelFree(r, cell, placed) {
				best, found, bestD = r, true, d
			}
		}
	}
	return best, found
}

// labelFree reports whether a label at r stays inside its cell and
// clear of every node, arrow and label placed before.
func (pb *pageBuilder) labelFree(r, cell Rect, placed []Rect) bool {
	if r.X < cell.X-roundSlack || r.Y < cell.Y-roundSlack || r.X+r.W > cell.X+cell.W+roundSlack || r.Y+r.H > cell.Y+cell.H+roundSlack {
		return false
	}
	grown := labelClearance(r)
	for _, row := range pb.rows {
		if row.y > grown.Y+grown.H || row.y+row.h < grown.Y {
			continue // its nodes stand inside it (placeGeometry)
		}
		for _, n := range row.nodes {
			if shapeOverlaps(n, grown) {
				return false
			}
		}
	}
	for _, p := range placed {
		if overlaps(grown, p) {
			return false
		}
	}
	for _, pe := range pb.edges {
		pts := pe.pts
		// polylineHits written out: this loop is hot (every label place
		// tried, against every arrow), and the call per arrow cost 0.55 %
		// of Layout15 (session 36).
		for i := 1; i < len(pts); i++ {
			if segmentHits(pts[i-1], pts[i], grown) {
				return false
			}
		}
		if n := len(pts); n >= 2 && overlaps(grown, headRect(pts[n-2], pts[n-1])) {
			return false
		}
	}
	return true
}

// labelClearance returns label r grown by labelClear on every side: what
// must stay free of symbols, arrows and other labels.
func labelClearance(r Rect) Rect {
	return Rect{X: r.X - labelClear, Y: r.Y - labelClear, W: r.W + 2*labelClear, H: r.H + 2*labelClear}
}

// polylineHits reports whether a segment of the polyline pts hits r.
func polylineHits(pts []Point, r Rect) bool {
	for i := 1; i < len(pts); i++ {
		if segmentHits(pts[i-1], pts[i], r) {
			return true
		}
	}
	return false
}

// roundSlack is how far a label planned against its cell may stand past
// it once placed: its plan is measured from the diamond's middle, the
// label from the diamond's rectangle, each rounded to 0.01 mm. Without
// it a label planned to end at the cell's edge (labelRuleGap from the
// rule) was refused for 0.01 mm and broken into syllables elsewhere
// ("Leng-|kap" on F4 in office-plt-loop-back and office-two-ends).
const roundSlack = 0.011

// headRect returns the box of the arrowhead of a run from prev to tip,
// its outline included.
func headRect(prev, tip Point) Rect {
	h := ArrowHeadHalf + 0.1
	switch {
	case prev.X == tip.X && prev.Y < tip.Y: // down
		return Rect{X: tip.X - h, Y: tip.Y - ArrowHeadLength, W: 2 * h, H: ArrowHeadLength}
	case prev.X == tip.X: // up
		return Rect{X: tip.X - h, Y: tip.Y, W: 2 * h, H: ArrowHeadLength}
	case prev.X < tip.X: // right
		return Rect{X: tip.X - ArrowHeadLength, Y: tip.Y - h, W: ArrowHeadLength, H: 2 * h}
	}
	return Rect{X: tip.X, Y: tip.Y - h, W: ArrowHeadLength, H: 2 * h}
}

// shapeOverlaps reports whether r shares interior with the outline of n:
// a diamond's own shape, not its bounding box, so that a label may stand
// beside its slope.
func shapeOverlaps(n *node, r Rect) bool {
	if !overlaps(r, n.rect) {
		return false
	}
	if n.kind != Decision {
		return true
	}
	hw, hh := n.rect.W/2, n.rect.H/2
	cx, cy := n.rect.X+hw, n.rect.Y+hh
	// The point of r nearest the middle, in the diamond's own measure.
	x := min(max(cx, r.X), r.X+r.W)
	y := min(max(cy, r.Y), r.Y+r.H)
	return abs(x-cx)/hw+abs(y-cy)/hh < 1
}

// overlaps reports whether two rectangles share interior.
func overlaps(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// segmentHits reports whether the axis-parallel segment a–b passes
// through the interior of r.
func segmentHits(a, b Point, r Rect) bool {
	if a.X == b.X {
		return r.X < a.X && a.X < r.X+r.W && min(a.Y, b.Y) < r.Y+r.H && max(a.Y, b.Y) > r.Y
	}
	y := min(a.Y, b.Y)
	return r.Y < y && y < r.Y+r.H && min(a.X, b.X) < r.X+r.W && max(a.X, b.X) > r.X
}

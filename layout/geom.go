package layout

import (
	"cmp"
	"math"
	"slices"
)

// measureRows sets the height and position of every row: tall enough for
// its text, and for its node with half of the room each neighbouring band
// asks for above and below it (the whole room for the bands at the ends
// of the page), so that the node sits in the middle of its row. It
// reports whether the rows fit the page.
func (pb *pageBuilder) measureRows() bool {
	r := len(pb.rows)
	up := make([]float64, r)
	down := make([]float64, r)
	for b := -1; b < r; b++ {
		need, strip, lift := pb.bandNeed(b), pb.strips[b+1], pb.lift(b+1)
		switch {
		case b == -1:
			up[0] = max(up[0], need+lift)
		case b == r-1:
			down[b] = max(down[b], strip+need)
		default:
			down[b] = max(down[b], strip+need/2)
			up[b+1] = max(up[b+1], need/2+lift)
		}
	}
	y := pb.l.head.y2
	for i, row := range pb.rows {
		// A symbol stands in the middle of its row. A diamond whose
		// labels ask more room on one side than the other (two labels
		// stacked under it) stands nearer the other side when the row
		// would otherwise be taller than its text asks: a decision row of
		// 47 mm for a diamond of 8 and labels of 15 under it was as much
		// empty room above.
		row.up, row.down = max(up[i], down[i]), max(up[i], down[i])
		if row.step < 0 {
			// A band of connectors holds no text: as high as the room its
			// arrows ask above and below it (a band of 18.5 mm for
			// connectors of 5 had 6.5 mm of nothing over them).
			row.up, row.down = up[i], down[i]
		} else if lift, strip := pb.lift(i), pb.strips[i+1]; lift > 0 || strip > 0 {
			// Away from its labels only: a band above taller than the
			// labels' strip below would set the diamond nearer them.
			away := lift > 0 && strip > 0 || lift > 0 && up[i] >= down[i] || strip > 0 && down[i] >= up[i]
			if asym := up[i] + row.nodeH + down[i]; away && row.nodeH+2*row.up > row.textH && asym < row.nodeH+2*row.up-asymMin {
				row.up, row.down = up[i], down[i]
			}
		}
		row.h = ceil2(max(row.textH, row.up+row.nodeH+row.down))
		row.y = y
		y = round2(y + row.h)
	}
	pb.wideTotal = false
	if pb.e == len(pb.l.steps) {
		// The total on one line (prepareTotal) where its lines do not fit;
		// the page's overflow is then measured with that line, the
		// shorter, so that a page tighten brings within the frame is kept.
		if t := pb.l.totalAt.H; y+t > pb.l.frame.Bottom+1e-9 {
			pb.wideTotal = true
			y += pb.l.totalWide.H
		} else {
			y += t
		}
	}
	pb.overflow = y - pb.l.frame.Bottom
	return y <= pb.l.frame.Bottom+1e-9
}

// bandNeed returns the height band b asks for, label room aside.
func (pb *pageBuilder) bandNeed(b int) float64 {
	m := pb.trackCount(b)
	inner := b >= 0 && b < len(pb.rows)-1
	switch {
	case m > 0 && inner:
		// The band is shared half and half by the rows around the rule, and
		// its tracks keep ruleGap from the rule: each half must hold all of
		// them, or they would be pushed onto the rule.
		return 2*(pb.stubRoom(b)+float64(m-1)*trackPitch+ruleGap) + 0.2
	case m > 0:
		return 2*pb.stubRoom(b) + float64(m-1)*trackPitch
	case inner:
		return bandMinGap
	}
	return bandEdge
}

// finish places the nodes and tracks, draws the arrows and the labels,
// and assembles the page.
func (pb *pageBuilder) finish() *Page {
	pb.placeGeometry()
	labels := pb.tighten(pb.placeLabels())
	page := &Page{Number: pb.num}
	_, _, page.labelRoomUnused = pb.labelNeeds(labels)
	pb.table(page)
	page.Symbols = make([]Symbol, 0, len(pb.stepNode))
	page.Connectors = make([]Connector, 0, len(pb.topConn)+len(pb.botConn))
	page.Arrows = make([]Arrow, 0, len(pb.edges))
	for _, n := range pb.stepNode {
		page.Symbols = append(page.Symbols, Symbol{Step: pb.l.steps[n.step].id, Kind: n.kind, Rect: n.rect})
	}
	for _, line := range [][]*node{pb.topConn, pb.botConn} {
		sorted := slices.Clone(line)
		slices.SortFunc(sorted, func(a, b *node) int { return cmp.Compare(a.cx, b.cx) })
		for _, n := range sorted {
			c := *n.conn
			c.Rect = n.rect
			page.Connectors = append(page.Connectors, c)
		}
	}
	for i, pe := range pb.edges {
		page.Arrows = append(page.Arrows, Arrow{From: pb.l.steps[pe.fe.from].id, To: pb.l.steps[pe.fe.to].id,
			Points: pe.pts, Label: labels[i]})
	}
	return page
}

// placeGeometry places the nodes in their rows, the tracks in their
// bands, and draws the arrows.
func (pb *pageBuilder) placeGeometry() {
	for _, row := range pb.rows {
		// The symbols and the room around them in the middle of the row.
		cy := row.y + (row.h-(row.up+row.nodeH+row.down))/2 + row.up + row.nodeH/2
		for _, n := range row.nodes {
			n.rect = Rect{X: round2(n.cx - n.w/2), Y: round2(cy - n.h/2), W: n.w, H: n.h}
		}
	}
	pb.placeTracks()
	for _, pe := range pb.edges {
		pe.pts = pb.polyline(pe)
	}
	pb.straightenRuns()
	pb.easeRuns()
}

// tighten gives back the room a decision row kept for its labels where
// they do not stand once placed. Rows are measured for the places the
// labels were planned at (planLabels, staggerLabels); placeLabels may then
// set a label elsewhere (another side of its run, along it, beside its
// turn, back up its run), and the row kept both: a row of 27 mm for a
// diamond of 8 with 7.6 mm of nothing above it (office-plt-loop-back,
// step 6), 15.6 mm kept under the diamond of office-two-ends' step 4 for
// labels of 6.2. The rows are measured again with the room the labels
// use, the symbols and arrows placed again, and each label moved with its
// diamond (or, standing in another row, with that row). It returns the
// labels as they then stand, or labels unchanged, with the page as it
// was, when a moved label would touch an arrow, a symbol, another label
// or a rule.
func (pb *pageBuilder) tighten(labels []*Label) []*Label {
	lift, strips := pb.rt.lift, pb.strips
	newLift, newStrips, unused := pb.labelNeeds(labels)
	if unused < tightenMin {
		return labels
	}
	// Where each label's anchor stood: its diamond, or the row it stands in.
	type anchor struct {
		n   *node
		row int
		y   float64
	}
	anchors := make([]anchor, len(labels))
	for i, l := range labels {
		if l == nil {
			continue
		}
		n := pb.edges[i].src
		if k := pb.rowAt(l.Rect); k == n.row {
			anchors[i] = anchor{n: n, row: k, y: n.rect.Y}
		} else if k >= 0 {
			anchors[i] = anchor{row: k, y: pb.rows[k].y}
		} else {
			return labels // across a rule: nothing to move it with
		}
	}
	was := pb.saveGeometry()
	defer clear(was.pts) // the old polylines not kept alive by the buffer
	pb.rt.lift, pb.strips = newLift, newStrips
	pb.measureRows()
	pb.placeGeometry()
	moved := make([]*Label, len(labels))
	var placed []Rect
	for i, l := range labels {
		if l == nil {
			continue
		}
		a := anchors[i]
		r := l.Rect
		if a.n != nil {
			r.Y = round2(r.Y + a.n.rect.Y - a.y)
		} else {
			r.Y = round2(r.Y + pb.rows[a.row].y - a.y)
		}
		row := pb.rows[a.row]
		cell := Rect{X: r.X, Y: row.y + labelRuleGap, W: r.W, H: row.h - 2*labelRuleGap}
		if !pb.labelFree(r, cell, placed) {
			// Put back as they stood, not placed again: the runs eased
			// and straightened a second time need not stand where they
			// stood, and a label placed beside one would then touch it
			// (seed 13 #110 of the soak: "Lengkap" 0.9 mm beside its drop
			// before, crossed by it after).
			pb.rt.lift, pb.strips = lift, strips
			was.restore(pb)
			return labels
		}
		placed = append(placed, r)
		moved[i] = &Label{Text: l.Text, Lines: l.Lines, Rect: r}
	}
	return moved
}

// labelNeeds returns the room above (by row) and below (by band index +
// 1) each decision row would keep for its labels as placed, never more
// than it keeps, and the most room a row keeps beyond that. A row one of
// whose labels stands in another row keeps its room.
func (pb *pageBuilder) labelNeeds(labels []*Label) (lift, strips []float64, unused float64) {
	lift, strips = slices.Clone(pb.rt.lift), slices.Clone(pb.strips)
	for r, row := range pb.rows {
		if row.step < 0 || lift[r] == 0 && strips[r+1] == 0 {
			continue
		}
		n := row.nodes[0]
		above, below, inRow := 0.0, 0.0, true
		for i, pe := range pb.edges {
			if l := labels[i]; l != nil && pe.src == n {
				if pb.rowAt(l.Rect) != r {
					inRow = false // it stands by its turn or beyond: the row keeps its room
					break
				}
				above = max(above, n.rect.Y-l.Rect.Y)
				below = max(below, l.Rect.Y+l.Rect.H-(n.rect.Y+n.rect.H))
			}
		}
		if !inRow {
			continue
		}
		kept := lift[r] + strips[r+1]
		lift[r] = min(lift[r], labelRoom(above))
		strips[r+1] = min(strips[r+1], labelRoom(below))
		unused = max(unused, kept-lift[r]-strips[r+1])
	}
	return lift, strips, unused
}

// labelRoomKept returns how much lower tighten could make the rows at
// most: all the room they keep for labels, twice over.
func (pb *pageBuilder) labelRoomKept() float64 {
	room := 0.0
	for r := range pb.rows {
		room += 2 * (pb.lift(r) + pb.strips[r+1])
	}
	return room
}

// tightenMin is the least room tighten gives back from a row.
const tightenMin = 0.5

// labelRoom returns the room a row keeps beyond a diamond for labels
// reaching that far past it.
func labelRoom(reach float64) float64 {
	if reach <= 0 {
		return 0
	}
	return ceil2(reach + labelClear)
}

// rowAt returns the row r lies in, less labelRuleGap at its rules
// (with roundSlack), or -1 when it crosses one.
func (pb *pageBuilder) rowAt(r Rect) int {
	for k, row := range pb.rows {
		if r.Y >= row.y+labelRuleGap-roundSlack && r.Y+r.H <= row.y+row.h-labelRuleGap+roundSlack {
			return k
		}
	}
	return -1
}

// placeTracks sets the y of every horizontal run from its band's track.
func (pb *pageBuilder) placeTracks() {
	r := len(pb.rows)
	for b := -1; b < r; b++ {
		m := pb.trackCount(b)
		if m == 0 {
			continue
		}
		var top, bottom, rule float64
		if b == -1 {
			top = pb.rows[0].y
		} else {
			top = pb.nodeBottom(b) + pb.strips[b+1]
		}
		if b == r-1 {
			bottom = pb.rows[b].y + pb.rows[b].h
		} else {
			bottom = pb.nodeTop(b+1) - pb.lift(b+1)
			rule = pb.rows[b+1].y
		}
		var forb []interval
		if b >= 0 && b < r-1 {
			forb = []interval{{rule - ruleGap, rule + ruleGap}}
		}
		idle := b >= 0 && b < r-1 && pb.underIdleSymbol(b)
		place := func(up, down float64, anyway bool) []float64 {
			lo, hi := top+up, bottom-down
			if idle {
				// Below the rule, where they fit: not right under the symbol.
				if ys := spread(m, lo, hi, append(forb, interval{lo - 1, rule + ruleGap}), trackMax); ys != nil || !anyway {
					return ys
				}
			} else if !anyway {
				return spreadHug(m, lo, hi, forb, trackMax, !pb.crossedBand(b))
			}
			// Against the symbols' stubs, away from the row's rule; in the
			// middle where arrows cross, which would cross beside a symbol.
			return spreadAnyway(m, lo, hi, forb, trackMax, !pb.crossedBand(b))
		}
		// An arrowhead at the end of a stub of stubWish where the band
		// has the room, else of stubRoom.
		stub := pb.stubRoom(b)
		wishUp, wishLo := stub, stub
		headUp, headLo := pb.bandHeads(b)
		if headUp {
			wishUp = max(stub, stubWish)
		}
		if headLo {
			wishLo = max(stub, stubWish)
		}
		var ys []float64
		if wishUp != stub || wishLo != stub {
			ys = place(wishUp, wishLo, false)
		}
		if ys == nil {
			ys = place(stub, stub, true)
		}
		for _, it := range pb.bands[b+1] {
			it.y = round2(ys[it.track])
		}
	}
}

// bandHeads reports whether an arrow of band b ends at a node of the row
// above it (up) or below it (lo): an arrowhead on a stub of the band.
func (pb *pageBuilder) bandHeads(b int) (up, lo bool) {
	for _, it := range pb.bands[b+1] {
		up = up || it.hasUp && it.e.dst.row == b
		lo = lo || it.hasLo && it.e.dst.row == b+1
	}
	return up, lo
}

// underIdleSymbol reports whether a horizontal run of band b passes
// under a symbol of row b that no arrow leaves by its bottom: right under
// it, the run reads as that symbol's exit (sample 05 on A4, page 3: the
// loop to A passed 2.1 mm under row 15's end capsule, and the end seemed
// to flow on into A; a reviewer of session 9).
func (pb *pageBuilder) underIdleSymbol(b int) bool {
	for _, n := range pb.rows[b].nodes {
		if n.isConnector() || len(n.users[sideBottom]) > 0 {
			continue
		}
		for _, it := range pb.bands[b+1] {
			if it.x1 < n.rect.X+n.rect.W && it.x2 > n.rect.X {
				return true
			}
		}
	}
	return false
}

func (pb *pageBuilder) nodeTop(row int) float64 { return pb.rows[row].nodes[0].rect.Y }

func (pb *pageBuilder) nodeBottom(row int) float64 {
	r := pb.rows[row].nodes[0].rect
	return r.Y + r.H
}

// polyline returns the corners of an edge's arrow, from where it leaves
// its source to where it touches its target.
func (pb *pageBuilder) polyline(pe *pedge) []Point {
	a := contact(pe.src, pe.exit)
	b := contact(pe.dst, pe.entry)
	if pe.direct {
		if pe.elbow() {
			return []Point{a, {a.X, b.Y}, b}
		}
		if pe.bandExit == nil {
			return []Point{a, b}
		}
		y := pe.bandExit.y
		return []Point{a, {a.X, y}, {b.X, y}, b}
	}
	if pe.corner {
		return []Point{a, {b.X, a.Y}, b}
	}
	if pe.rise {
		return []Point{a, {a.X, b.Y}, b}
	}
	xc := pe.chi.x
	pts := []Point{a}
	if it := pe.bandExit; it != nil {
		pts = append(pts, Point{a.X, it.y}, Point{xc, it.y})
	} else {
		pts = append(pts, Point{xc, a.Y})
	}
	if it := pe.bandEntry; it != nil {
		pts = append(pts, Point{xc, it.y}, Point{b.X, it.y})
	} else {
		pts = append(pts, Point{xc, b.Y})
	}
	return simplify(append(pts, b))
}

// simplify drops repeated corners and corners in the middle of a straight run.
func simplify(pts []Point) []Point {
	out := pts[:0:0]
	for _, p := range pts {
		if len(out) > 0 && out[len(out)-1] == p {
			continue
		}
		if k := len(out); k >= 2 {
			a, b := out[k-2], out[k-1]
			if (a.X == b.X && b.X == p.X) || (a.Y == b.Y && b.Y == p.Y) {
				out[k-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// contact returns the point where an arrow at port p touches the outline
// of n: on a side's straight part, a capsule's arc or a diamond's edge.
func contact(n *node, p *port) Point {
	r := n.rect
	cy := r.Y + r.H/2
	switch p.side {
	case sideTop, sideBottom:
		x := portX(n, p)
		dy := halfHeight(n.kind, r.W, r.H, x-(r.X+r.W/2))
		if p.side == sideTop {
			return Point{x, round2(cy - dy)}
		}
		return Point{x, round2(cy + dy)}
	}
	y := round2(cy + p.off)
	dx := halfHeight(n.kind, r.H, r.W, y-cy)
	if n.kind == Terminator {
		dx = halfWidthCapsule(r.W, r.H, y-cy)
	}
	if p.side == sideLeft {
		return Point{round2(r.X + r.W/2 - dx), y}
	}
	return Point{round2(r.X + r.W/2 + dx), y}
}

// halfHeight returns how far a shape of width w and height h reaches
// above its centre at dx from the centre. With w and h swapped it gives
// how far a diamond or rectangle reaches sideways at dy.
func halfHeight(kind string, w, h, dx float64) float64 {
	switch kind {
	case Decision:
		return h / 2 * max(0, 1-abs(dx)/(w/2))
	case Terminator:
		r := min(h, w) / 2
		flat := w/2 - r
		if abs(dx) <= flat {
			return h / 2
		}
		d := min(abs(dx)-flat, r)
		return math.Sqrt(r*r - d*d)
	}
	return h / 2
}

// halfWidthCapsule returns how far a capsule reaches sideways at dy from its centre.
func halfWidthCapsule(w, h, dy float64) float64 {
	r := min(h, w) / 2
	d := min(abs(dy), r)
	return w/2 - r + math.Sqrt(r*r-d*d)
}

// asymMin is how much lower a row must become for its diamond to leave
// the middle of the row (see measureRows): at least 1.5 mm off the middle,
// which reads as standing above its labels, not as misplaced. It was 6
// mm at first; at 3 the decision rows of the samples and office documents
// are 24.3 mm on average instead of 25.2, and one flowchart page fewer;
// at 1 the invariants of the labels no longer held.
const asymMin = 3.0

// geometry is where the rows, nodes and arrows of a page stood
// (saveGeometry): the rows in order, the rects of their nodes row after
// row, the points of the edges.
type geometry struct {
	rows      []prow
	rects     []Rect
	pts       [][]Point
	overflow  float64
	wideTotal bool
}

// saveGeometry returns where the rows, nodes and arrows of the page
// stand, in the layouter's buffer: the next call fills it anew.
func (pb *pageBuilder) saveGeometry() *geometry {
	g := &pb.l.geo
	g.rows, g.rects, g.pts = g.rows[:0], g.rects[:0], g.pts[:0]
	for _, row := range pb.rows {
		g.rows = append(g.rows, *row)
		for _, n := range row.nodes {
			g.rects = append(g.rects, n.rect)
		}
	}
	for _, pe := range pb.edges {
		g.pts = append(g.pts, pe.pts) // placeGeometry draws new polylines; it does not write into these
	}
	g.overflow, g.wideTotal = pb.overflow, pb.wideTotal
	return g
}

// restore puts the rows, nodes and arrows of the page back where g saw
// them. The tracks of the bands and channels (bandItem.y, chItem.x) stay
// where the second placing put them: after tighten only the arrows'
// points are read (finish); anything reading the tracks after a restore
// would find them out of step with the points.
func (g *geometry) restore(pb *pageBuilder) {
	k := 0
	for i, row := range pb.rows {
		*row = g.rows[i]
		for _, n := range row.nodes {
			n.rect = g.rects[k]
			k++
		}
	}
	for i, pe := range pb.edges {
		pe.pts = g.pts[i]
	}
	pb.overflow, pb.wideTotal = g.overflow, g.wideTotal
}

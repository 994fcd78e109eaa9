package layout

import (
	"cmp"
	"slices"
	"strings"
)

// Room around exit labels, in millimetres.
const (
	zoneClear      = labelClear + 0.15 // how far vertical tracks keep from a label zone
	labelRuleGap   = 0.6               // how far a label keeps from the rules of its cell
	labelMinW      = 2.0               // the narrowest room a label is tried in
	labelMaxLines  = 4                 // the most lines a label is broken into when fewer fit
	labelBreakCost = 20.0              // what a word broken between lines costs a plan, as millimetres of room
	labelRoomCost  = 2.0               // what a millimetre more of row height costs a plan
)

// exitSide is the side a decision exit left by.
type exitSide struct{ step, side int }

// labelZone is the place kept free for the exit label of a decision.
// Vertical tracks that pass its levels keep out of its x range, so that
// no arrow crosses the label.
type labelZone struct {
	lo, hi int // the half levels it spans (see halfLevel)
	x      interval
}

// halfLevel returns a level of the page (see sideLevel) in half levels:
// row r is half level 4r, its upper half 4r-1, its lower half 4r+1, the
// bands above and below it 4r-2 and 4r+2. A run that ends at a row's
// side reaches its middle only: a label above the run that leaves a side
// going down stands where that run does not.
func halfLevel(level int) int { return 2 * level }

// labelPlan is where the label of a decision exit stands, relative to
// the middle of its diamond, and how it is broken into lines. A label
// stands inside its decision's cell, clear of the diamond and of the
// cell's rules: above or below the run that leaves a side vertex, as
// near the run as the diamond's slope leaves it room, or beside the run
// that leaves the bottom vertex, under the diamond.
type labelPlan struct {
	lines  []string
	w, h   float64
	dx, dy float64 // the top-left corner from the middle of the diamond
	zone   labelZone
	score  float64 // lower is better: its distance from the run, its lines, its broken words
}

// reach returns how far a label plan reaches above the top and below the
// bottom of its diamond, with the clearance it keeps.
func (p *labelPlan) reach(n *node) (above, below float64) {
	hh := n.h / 2
	return max(0, -p.dy-hh+labelClear), max(0, p.dy+p.h-hh+labelClear)
}

// labelKey names the plans of one exit leaving by one side.
type labelKey struct {
	pe   *pedge
	side int
}

// labelLines returns text broken into lines no wider than width at
// LabelSize, and the width of the widest line.
func (pb *pageBuilder) labelLines(text string, width float64) ([]string, float64) {
	if w := pb.l.m.Width(text, LabelSize, false); w <= width && !strings.Contains(text, "\n") {
		return []string{text}, w
	}
	lines := wrap(pb.l.m, text, LabelSize, false, width)
	w := 0.0
	for _, s := range lines {
		w = max(w, pb.l.m.Width(s, LabelSize, false))
	}
	return lines, w
}

// labelPlans returns where the label of exit pe leaving by side may
// stand, best first. With stubs, it keeps clear of the arrows entering
// the diamond's top, whose places are known once the routes are.
func (pb *pageBuilder) labelPlans(pe *pedge, side int, stubs bool) []labelPlan {
	if !stubs {
		if ps, ok := pb.rt.plans[labelKey{pe, side}]; ok {
			return ps
		}
	}
	var out []labelPlan
	switch side {
	case sideBottom:
		for _, safe := range []bool{false, true} {
			for _, right := range pb.bottomLabelSides(pe) {
				if p, ok := pb.bottomPlan(pe, right, safe); ok {
					out = append(out, p)
				}
			}
		}
	default:
		for _, up := range []bool{true, false} {
			out = append(out, pb.sidePlans(pe, side, up, stubs)...)
		}
	}
	slices.SortStableFunc(out, func(a, b labelPlan) int { return cmp.Compare(a.score, b.score) })
	if !stubs {
		if pb.rt.plans == nil {
			pb.rt.plans = map[labelKey][]labelPlan{}
		}
		pb.rt.plans[labelKey{pe, side}] = out
	}
	return out
}

// cellX returns the x range a label of node n may take: its actor
// column less labelRuleGap at each rule.
func (pb *pageBuilder) cellX(n *node) interval {
	col := pb.l.cols[2+n.col]
	return interval{col.X + labelRuleGap, col.X + col.W - labelRuleGap}
}

// freeRoom returns how far above or below its diamond a label may reach
// in the row of n without making the row taller: what half the height
// its text asks for leaves, and what labels already keep there.
func (pb *pageBuilder) freeRoom(n *node) float64 {
	return max(0, pb.rows[n.row].textH/2-labelRuleGap-n.h/2, pb.lift(n.row), pb.strips[n.row+1])
}

// growth returns how much a label plan makes the row of n grow: twice
// what it reaches beyond the room free above and below the diamond,
// which stands in the middle of its row.
func (pb *pageBuilder) growth(n *node, p *labelPlan) float64 {
	above, below := p.reach(n)
	return 2 * max(0, max(above, below)-pb.freeRoom(n))
}

// sidePlans returns the places for the label of an exit leaving a side
// vertex, above the run (up) or below it: for every way of breaking the
// text into lines, as near the run as the diamond's slope leaves the
// lines room before the cell's rule.
func (pb *pageBuilder) sidePlans(pe *pedge, side int, up, stubs bool) []labelPlan {
	n := pe.src
	hw, hh := n.w/2, n.h/2
	cell := pb.cellX(n)
	// The room beside the slope at height t above or below the run, from
	// the middle, is edge - max(hw(1 - (t-labelClear)/hh) + slopeClear,
	// labelGap), edge being how far the cell reaches: the corner of the
	// label nearest the diamond keeps labelClear from the slope both ways.
	slopeClear := labelClear + 0.01
	edge := cell.hi - n.cx
	if side == sideLeft {
		edge = n.cx - cell.lo
	}
	var out []labelPlan
	for _, wr := range pb.labelWraps(pe.fe.label, edge-labelGap) {
		// The nearest height where wr fits beside the slope.
		t := max(labelGap, hh*(1-(edge-wr.w-slopeClear)/hw)+labelClear)
		if edge-max(hw*max(0, 1-(t-labelClear)/hh)+slopeClear, labelGap) < wr.w-1e-9 {
			continue
		}
		p := labelPlan{lines: wr.lines, w: wr.w, h: wr.h, dy: t}
		p.dx = edge - wr.w
		if side == sideLeft {
			p.dx = -edge
		}
		if up {
			p.dy = -t - wr.h
		}
		if p, ok := pb.finishSidePlan(n, p, wr, t, up, stubs); ok {
			out = append(out, p)
		}
	}
	// Over the diamond's top or under its bottom, short of the channels:
	// the place kept for when the channels need the room beside it.
	for _, wr := range pb.labelWraps(pe.fe.label, safeReach(n)-labelGap) {
		p := labelPlan{lines: wr.lines, w: wr.w, h: wr.h, dx: labelGap}
		if side == sideLeft {
			p.dx = -labelGap - wr.w
		}
		t := hh + labelClear
		p.dy = t
		if up {
			p.dy = -t - wr.h
		}
		if p, ok := pb.finishSidePlan(n, p, wr, t, up, stubs); ok {
			p.score += 3
			out = append(out, p)
		}
	}
	return out
}

// finishSidePlan scores a plan for the label of a side exit standing t
// above (up) or below the run, and sets its zone; it reports false for a
// plan an arrow entering the top, or the bottom exit, would cross.
func (pb *pageBuilder) finishSidePlan(n *node, p labelPlan, wr wrapped, t float64, up, stubs bool) (labelPlan, bool) {
	hh := n.h / 2
	if t+wr.h > hh {
		if up && stubs && pb.hitsTopStub(n, p) {
			return p, false
		}
		if !up && len(n.users[sideBottom]) > 0 && p.dx < labelGap && p.dx+p.w > -labelGap {
			return p, false
		}
	}
	p.score = t + 0.8*float64(len(wr.lines)-1) + labelBreakCost*float64(wr.broken)
	if !up {
		p.score += 0.5
		if len(n.users[sideBottom]) > 0 {
			p.score += 2 // under the run and beside the bottom exit, it would name either
		}
	}
	p.zone = pb.planZone(n, p)
	return p, true
}

// wrapped is a label's text broken into lines, with the width of the
// widest and the height of all.
type wrapped struct {
	lines  []string
	w, h   float64
	broken int // words broken between lines: one for each between syllables, three elsewhere
}

// labelWraps returns the ways of breaking text into lines no wider than
// widest, fewest lines first, each narrower than the one before: the
// first always, the others up to labelMaxLines lines.
func (pb *pageBuilder) labelWraps(text string, widest float64) []wrapped {
	key := wrapKey{text, round2(widest)}
	if ws, ok := pb.rt.wraps[key]; ok {
		return ws
	}
	var out []wrapped
	for width := widest; width >= labelMinW; {
		lines, w := pb.labelLines(text, width)
		if w > width+1e-9 || len(out) > 0 && len(lines) > labelMaxLines {
			break
		}
		out = append(out, wrapped{lines, ceil2(w), ceil2(float64(len(lines)) * LineHeight(LabelSize)), brokenWords(text, lines)})
		width = w - 0.05
	}
	if pb.rt.wraps == nil {
		pb.rt.wraps = map[wrapKey][]wrapped{}
	}
	pb.rt.wraps[key] = out
	return out
}

// brokenWords weighs the line ends of lines, the text broken, that fall
// inside a word of text: one for a break between two syllables (see
// hyphenPoints), three for one anywhere else, which reads badly.
func brokenWords(text string, lines []string) int {
	n, at := 0, 0
	for _, l := range lines[:len(lines)-1] {
		l = strings.TrimSuffix(strings.TrimSpace(l), "-")
		if i := strings.Index(text[at:], l); i >= 0 {
			at += i + len(l)
		}
		if at >= len(text) || text[at] == ' ' || text[at] == '-' {
			continue
		}
		start := strings.LastIndexByte(text[:at], ' ') + 1
		end := strings.IndexByte(text[at:], ' ')
		if end < 0 {
			end = len(text) - at
		}
		if slices.Contains(hyphenPoints(nil, text[start:at+end]), at-start) {
			n++
		} else {
			n += 3
		}
	}
	return n
}

// wrapKey names the ways of breaking one text to one width.
type wrapKey struct {
	text  string
	width float64
}

// safeReach returns how far from the middle of n a label may reach and
// keep its zone short of the channels beside n, which no run then
// crosses: to the nearest place a channel's track may take, less
// zoneClear.
func safeReach(n *node) float64 { return n.w/2 + chanClear - zoneClear }

// bottomLabelSides returns the sides of the bottom exit's run its label
// may stand on, best first: away from the other exit's side vertex,
// else right before left.
func (pb *pageBuilder) bottomLabelSides(pe *pedge) []bool {
	n := pe.src
	switch {
	case len(n.users[sideRight]) > 0 && hasExit(n.users[sideRight]):
		return []bool{false, true}
	case len(n.users[sideLeft]) > 0 && hasExit(n.users[sideLeft]):
		return []bool{true, false}
	}
	return []bool{true, false}
}

// bottomPlan returns the place for the label of an exit leaving the
// bottom vertex: under the diamond, right or left of the run; when safe,
// short of the channels beside it (see safeReach).
func (pb *pageBuilder) bottomPlan(pe *pedge, right, safe bool) (labelPlan, bool) {
	n := pe.src
	cell := pb.cellX(n)
	lo, hi := n.cx+labelGap, cell.hi
	if !right {
		lo, hi = cell.lo, n.cx-labelGap
	}
	if safe {
		lo, hi = max(lo, n.cx-safeReach(n)), min(hi, n.cx+safeReach(n))
	}
	if hi-lo < labelMinW {
		return labelPlan{}, false
	}
	ws := pb.labelWraps(pe.fe.label, hi-lo)
	if len(ws) == 0 {
		return labelPlan{}, false
	}
	wr := ws[0]
	p := labelPlan{lines: wr.lines, w: wr.w, h: wr.h, dx: lo - n.cx, dy: n.h/2 + 0.3}
	if !right {
		p.dx = hi - wr.w - n.cx
		p.score += 0.5
	}
	p.score += 0.8*float64(len(wr.lines)-1) + labelBreakCost*float64(wr.broken)
	if safe {
		p.score += 3
	}
	p.zone = pb.planZone(n, p)
	return p, true
}

// planZone returns the zone a label plan keeps free: its x range, over
// the levels its height reaches.
func (pb *pageBuilder) planZone(n *node, p labelPlan) labelZone {
	mid := halfLevel(2 * n.row)
	z := labelZone{x: interval{n.cx + p.dx, n.cx + p.dx + p.w}}
	switch {
	case p.dy >= n.h/2: // in the strip under the diamond
		z.lo, z.hi = mid+2, mid+2
	case p.dy >= 0: // below a side run
		z.lo, z.hi = mid+1, mid+1
		if p.dy+p.h > n.h/2 {
			z.hi = mid + 2
		}
	default: // above a side run
		z.lo, z.hi = mid-1, mid-1
		if p.dy < -n.h/2 {
			z.lo = mid - 2
		}
	}
	return z
}

// hitsTopStub reports whether a label planned above a side run, reaching
// above the diamond's top, would stand where an arrow entering the top
// comes down (see topPorts).
func (pb *pageBuilder) hitsTopStub(n *node, p labelPlan) bool {
	for _, x := range pb.topStubs(n) {
		if x > n.cx+p.dx-labelGap && x < n.cx+p.dx+p.w+labelGap {
			return true
		}
	}
	return false
}

// topStubs returns where the arrows entering the top of n will come
// down, as topPorts will place them, with every channel run at the
// middle of its channel.
func (pb *pageBuilder) topStubs(n *node) []float64 {
	ps := n.users[sideTop]
	if len(ps) == 0 {
		return nil
	}
	origin := func(p *port) float64 {
		if p.e.direct {
			return p.e.src.cx
		}
		return pb.l.lanes.chans[p.e.chi.c].center()
	}
	sorted := slices.Clone(ps)
	slices.SortStableFunc(sorted, func(a, b *port) int {
		return cmp.Or(cmp.Compare(origin(a), origin(b)), cmp.Compare(a.e.idx, b.e.idx))
	})
	ref := float64(len(sorted)-1) / 2
	for i, p := range sorted {
		if p.e.direct && abs(origin(p)-n.cx) < 0.005 {
			ref = float64(i)
		}
	}
	offs := spreadPorts(len(sorted), ref, topReach(n))
	out := make([]float64, len(offs))
	for i, o := range offs {
		out[i] = n.cx + o
	}
	return out
}

// planLabels chooses the place of every decision exit's label on the
// page, now that the routes are known: the best plan whose zone leaves
// the channels room for their tracks. It keeps room for the labels in
// the rows: above a diamond for a label that reaches over it, in the
// strip under it for one that reaches below.
func (pb *pageBuilder) planLabels() {
	pb.rt.lift = make([]float64, len(pb.rows))
	clear(pb.strips)
	pb.rt.chosen = map[*pedge]*labelPlan{}
	for _, pe := range pb.edges {
		if pe.fe.label == "" || pe.src.isConnector() {
			continue
		}
		var chosen *labelPlan
		plans := slices.DeleteFunc(pb.labelPlans(pe, pe.exit.side, true), func(p labelPlan) bool {
			return pb.besideOther(pe, p) // the diamond's other label stands there
		})
		// Nearest the run, but first the one that makes the row grow least.
		slices.SortStableFunc(plans, func(a, b labelPlan) int {
			return cmp.Compare(a.score+labelRoomCost*pb.growth(pe.src, &a), b.score+labelRoomCost*pb.growth(pe.src, &b))
		})
		for _, p := range plans {
			if pb.zoneFits(p.zone) {
				chosen = &p
				break
			}
		}
		if chosen == nil {
			pb.unplaced = append(pb.unplaced, exitSide{pe.src.step, pe.exit.side})
			if len(plans) > 0 {
				chosen = &plans[0]
			}
		}
		if chosen == nil {
			continue
		}
		pb.zones = append(pb.zones, chosen.zone)
		pb.rt.chosen[pe] = chosen
		pb.keepRoom(pe.src, chosen)
	}
}

// besideOther reports whether plan p of the label of pe would touch the
// label planned for the other exit of its diamond.
func (pb *pageBuilder) besideOther(pe *pedge, p labelPlan) bool {
	for other, q := range pb.rt.chosen {
		if other.src == pe.src && other != pe &&
			p.dx < q.dx+q.w+labelClear && q.dx < p.dx+p.w+labelClear &&
			p.dy < q.dy+q.h+labelClear && q.dy < p.dy+p.h+labelClear {
			return true
		}
	}
	return false
}

// keepRoom makes the rows hold a label: room above the diamond of a row
// for a label reaching over its top, the strip under it for one reaching
// below its bottom.
func (pb *pageBuilder) keepRoom(n *node, p *labelPlan) {
	if over := -p.dy - n.h/2; over > 0 {
		pb.rt.lift[n.row] = max(pb.rt.lift[n.row], ceil2(over+labelClear))
	}
	if under := p.dy + p.h - n.h/2; under > 0 {
		pb.strips[n.row+1] = max(pb.strips[n.row+1], ceil2(under+labelClear))
	}
}

// lift returns the room kept above the node of row r for labels.
func (pb *pageBuilder) lift(r int) float64 {
	if r < 0 || r >= len(pb.rt.lift) {
		return 0
	}
	return pb.rt.lift[r]
}

// zoneFits reports whether a zone lies within the lanes and every channel
// it reaches still holds its tracks beside it.
func (pb *pageBuilder) zoneFits(z labelZone) bool {
	ln := &pb.l.lanes
	if z.x.lo < ln.x0+labelClear || z.x.hi > ln.x1-labelClear {
		return false
	}
	pb.zones = append(pb.zones, z)
	defer func() { pb.zones = pb.zones[:len(pb.zones)-1] }()
	for c, tracks := range pb.chanTracks {
		ch := ln.chans[c]
		reaches := z.x.lo-zoneClear < ch.hi && z.x.hi+zoneClear > ch.lo
		if reaches && len(tracks) > 0 && pb.trackXs(c, tracks, true) == nil {
			return false
		}
	}
	return true
}

// forbidden returns where the tracks of channel c must never run: along
// the table rule in its middle or at the lanes' edge, and under a connector whose stub shares a
// band with the channel's runs, where the two would overlap.
func (pb *pageBuilder) forbidden(c int) []interval {
	ln := &pb.l.lanes
	ch := ln.chans[c]
	var hard []interval
	if ch.hasRule {
		hard = append(hard, interval{ch.rule - pb.ruleGap(), ch.rule + pb.ruleGap()})
	}
	// The lanes' outer edges are rules too.
	if c == 0 {
		hard = append(hard, interval{ln.x0 - 1, ln.x0 + minRuleGap})
	}
	if c == len(ln.chans)-1 {
		hard = append(hard, interval{ln.x1 - minRuleGap, ln.x1 + 1})
	}
	if pb.rt.near {
		hard = append(hard, pb.nearSymbols(c)...)
	}
	last := 2*(len(pb.rows)-2) + 1 // the band above a bottom connector band
	for _, line := range []struct {
		nodes []*node
		level int
	}{{pb.topConn, 1}, {pb.botConn, last}} {
		if len(line.nodes) == 0 || pb.covering(c, line.level) == 0 {
			continue
		}
		for _, n := range line.nodes {
			if n.cx > ch.lo-0.5 && n.cx < ch.hi+0.5 {
				hard = append(hard, interval{n.cx - 0.4, n.cx + 0.4})
			}
		}
	}
	return hard
}

// nearSymbols returns where in channel c a run passing a symbol beside
// the channel would be crossed near that symbol by an arrow leaving or
// entering its side towards the channel: within crossClear of the side.
func (pb *pageBuilder) nearSymbols(c int) []interval {
	var out []interval
	for _, n := range pb.stepNode {
		side, x := sideRight, n.cx+n.w/2
		switch n.col {
		case c - 1:
		case c:
			side, x = sideLeft, n.cx-n.w/2
		default:
			continue
		}
		if len(n.users[side]) == 0 || pb.passingThrough(c, 2*n.row) == 0 {
			continue
		}
		if side == sideRight {
			out = append(out, interval{x, x + crossClear})
		} else {
			out = append(out, interval{x - crossClear, x})
		}
	}
	return out
}

// passingThrough counts the runs of channel c that pass level without ending there.
func (pb *pageBuilder) passingThrough(c, level int) int {
	n := 0
	for _, it := range pb.chans[c] {
		if it.lo < level && level < it.hi {
			n++
		}
	}
	return n
}

// planRect returns the rectangle of a label plan, once the nodes have
// their place.
func planRect(n *node, p *labelPlan) Rect {
	cx, cy := n.rect.X+n.rect.W/2, n.rect.Y+n.rect.H/2
	return Rect{X: round2(cx + p.dx), Y: round2(cy + p.dy), W: p.w, H: p.h}
}

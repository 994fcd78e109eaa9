package layout

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// Room around exit labels, in millimetres.
const (
	zoneClear      = labelClear + 0.15 // how far vertical tracks keep from a label zone
	labelRuleGap   = 0.8               // how far a label keeps from the rules of its cell (0.6 before session 17; see labelNeedRuleGap)
	labelRuleRoom  = 0.9               // how much farther from them a label stands where its room allows
	labelRuleLift  = 1.0               // how much higher (or lower) beside a side run a label stands for that
	labelLineRoom  = 0.4               // how much farther from the run it names a label beside a bottom run stands where its room allows
	lineRoomFree   = 3.0               // the room beside such a label kept for a run in the channel (minRuleGap and more)
	labelMinW      = 2.0               // the narrowest room a label is tried in
	labelMaxLines  = 4                 // the most lines a label is broken into when fewer fit
	labelVariants  = 3                 // the most ways of breaking a label tried at one width
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
	where  int     // labelAbove, labelBelow (a side run) or labelRight, labelLeft (of the bottom run)
	t      float64 // from the run to the label's near edge
	beside int     // 0 in the diamond's column; -1 or 1 in the column left or right of it, along a side run (beyondPlans)
}

// Where a label stands, for the plans of one exit.
const (
	labelAbove = iota // over the run that leaves a side vertex
	labelBelow        // under it
	labelRight        // right of the run that leaves the bottom vertex
	labelLeft         // left of it
)

// reach returns how far a label plan reaches above the top and below the
// bottom of its diamond, with the clearance it keeps.
func (p *labelPlan) reach(n *node) (above, below float64) {
	hh := n.h / 2
	return max(0, -p.dy-hh+labelClear), max(0, p.dy+p.h-hh+labelClear)
}

// planKey names the plans of the label of one exit (the index of its
// flow edge) leaving by one side.
type planKey struct{ edge, side int }

// labelCache is what label placement keeps across the pages of a
// document: every page, and every try at a page, breaks the same labels
// to the same widths and plans them in the same cells.
type labelCache struct {
	wraps map[wrapKey][]wrapped
	spans map[string][]*wrapSpan // by text, its wraps and the widths each holds for (wrapAt)
	plans map[planKey][]labelPlan
}

// wrapSpan is a label's text broken into lines no wider than any width
// from lo, its widest line, up to hi: a line breaks where the next word
// or syllable would run past the width, so two widths that break it
// alike break it alike at every width between them. Next is the wrap
// just narrower (labelWraps), once made; hard, whether it breaks a word
// elsewhere than between syllables.
type wrapSpan struct {
	lo, hi   float64
	wr       wrapped
	hard     bool
	next     *wrapSpan
	nextMade bool
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
// stand, best first: the places its cell offers (see basePlans), less
// those an arrow entering the diamond's top, or its bottom exit, would
// cross, scored with the routes of the page. The slice is the
// layouter's buffer: the next call fills it anew.
func (pb *pageBuilder) labelPlans(pe *pedge, side int) []labelPlan {
	n := pe.src
	base := pb.basePlans(pe, side)
	out := pb.l.planBuf[:0]
	bottom := len(n.users[sideBottom]) > 0
	other := otherExitSide(n, pe)
	stubs := pb.topStubs(n)
	for _, p := range base {
		high := p.t+p.h > n.h/2 // over the diamond's top or under its bottom
		switch p.where {
		case labelAbove:
			if high && hitsStub(stubs, n, p) {
				continue
			}
		case labelBelow:
			if bottom && high && p.dx < labelGap && p.dx+p.w > -labelGap {
				continue
			}
			if bottom {
				p.score += 2 // under the run and beside the bottom exit, it would name either
				if pe.dst.row < n.row-1 {
					// Its run rises: the label under the stub stands apart
					// from it, beside the bottom exit's label, and reads as
					// naming the bottom exit; moved for that into the row
					// above (riseCell), it stood a row from its diamond
					// ("Melebihi pagu" of office-plh, session 12). Over the
					// diamond, the row growing for it, is dearer but clear.
					p.score += risingBelowCost
				}
			}
			if !bottom && other >= 0 && other != side && (side == sideLeft && p.dx+p.w > -labelCrowdGap/2 || side == sideRight && p.dx < labelCrowdGap/2) {
				p.score += besideOtherCost
			}
		case labelRight, labelLeft:
			switch {
			case other == sideRight && p.where == labelRight, other == sideLeft && p.where == labelLeft:
				p.score += 0.6 // on the side of the other exit
			case other < 0 && p.where == labelLeft:
				p.score += 0.5
			}
		}
		p.zone = pb.planZone(n, p)
		out = append(out, p)
	}
	out = pb.beyondPlans(out, pe, side)
	pb.l.planBuf = out
	order := pb.l.byScore(out)
	sorted := pb.l.planSorted[:0]
	for _, i := range order {
		sorted = append(sorted, out[i])
	}
	pb.l.planSorted = sorted
	return sorted
}

// byScore returns the order of plans by score, ties as they come: a
// plan is large and holds pointers, so their indices are sorted, not
// the plans (a stable sort moving them was a twelfth of a layout). The
// slice is the layouter's buffer: the next call fills it anew.
func (l *layouter) byScore(plans []labelPlan) []int32 {
	order := l.orderBuf[:0]
	for i := range plans {
		order = append(order, int32(i))
	}
	if len(order) <= byScoreInsertion {
		// Few plans: an insertion sort, which moves a plan only past
		// those scored higher, keeps ties as they come.
		for i := 1; i < len(order); i++ {
			o := order[i]
			j := i
			for ; j > 0 && plans[o].score < plans[order[j-1]].score; j-- {
				order[j] = order[j-1]
			}
			order[j] = o
		}
	} else {
		slices.SortFunc(order, func(a, b int32) int {
			return cmp.Or(cmp.Compare(plans[a].score, plans[b].score), cmp.Compare(a, b))
		})
	}
	l.orderBuf = order
	return order
}

// byScoreInsertion is the most plans byScore sorts by insertion.
const byScoreInsertion = 32

// Beyond the rule: a label along a side run in the next column.
const (
	beyondCost  = 3.0 // what standing in the next column costs a plan, beyond its distance from the run and its lines
	beyondSlope = 0.2 // and each millimetre between the diamond's vertex and the label
)

// beyondPlans appends to out the places for the label of an exit that
// leaves side vertex side and runs on through the whole of the next
// column to a channel beyond it: over or under the run in that column,
// as near the diamond as its rule allows. In a narrow column the label
// of a side exit finds no room beside the diamond's slope, and under
// or over the diamond it stands beside the other exit ("Tidak memenuhi
// syarat" under a diamond whose bottom exit reads "Memenuhi syarat"):
// along its own run, one column on, it names that run alone. They score
// below the places in the diamond's cell, above those over its top and
// under its bottom.
func (pb *pageBuilder) beyondPlans(out []labelPlan, pe *pedge, side int) []labelPlan {
	n := pe.src
	if side != sideLeft && side != sideRight || pe.direct || pe.chi == nil && !pe.corner || n.col < 0 {
		return out
	}
	ln := &pb.l.lanes
	dir := 1
	if side == sideLeft {
		dir = -1
	}
	k := n.col + dir
	if k < 0 || k >= len(ln.centers) {
		return out
	}
	col := pb.l.cols[2+k]
	lo, hi := col.X+labelRuleGap, col.X+col.W-labelRuleGap
	if pe.corner {
		// Along the row to over its step (cornerExits): over the run the
		// whole column, for the run turns down; under it up to the turn
		// when the step stands in that column.
		out = pb.beyondAt(out, pe, side, dir, lo, hi, []bool{true})
		if pe.dst.col == k && side == sideLeft {
			lo = max(lo, pe.dst.cx+zoneClear)
		} else if pe.dst.col == k {
			hi = min(hi, pe.dst.cx-zoneClear)
		}
		return pb.beyondAt(out, pe, side, dir, lo, hi, []bool{false})
	}
	if m := pe.chi.mid - 1; m == k {
		// In the middle of the next column (midRuns): the run turns there,
		// down or up; a label may reach past the turn on the side the run
		// does not turn to, and up to it on the other.
		turn := pb.midX(pe.chi)
		near := func(lo, hi float64) (float64, float64) {
			if side == sideLeft {
				return max(lo, turn+zoneClear), hi
			}
			return lo, min(hi, turn-zoneClear)
		}
		down := sideLevel(pe.dst, pe.entry.side) > sideLevel(n, side)
		nlo, nhi := near(lo, hi)
		if down {
			out = pb.beyondAt(out, pe, side, dir, lo, hi, []bool{true})
			return pb.beyondAt(out, pe, side, dir, nlo, nhi, []bool{false})
		}
		out = pb.beyondAt(out, pe, side, dir, nlo, nhi, []bool{true})
		return pb.beyondAt(out, pe, side, dir, lo, hi, []bool{false})
	} else if m >= 0 {
		// In the middle of a column farther on: the run crosses this one whole.
		return pb.beyondAt(out, pe, side, dir, lo, hi, []bool{true, false})
	}
	ch := ln.chans[pe.chi.c]
	if side == sideLeft {
		if ch.hi > n.cx {
			return out
		}
		lo = max(lo, ch.hi+zoneClear) // the run goes on past the label to its channel
	} else {
		if ch.lo < n.cx {
			return out
		}
		hi = min(hi, ch.lo-zoneClear)
	}
	return pb.beyondAt(out, pe, side, dir, lo, hi, []bool{true, false})
}

// beyondAt appends the plans of beyondPlans for a label between lo and
// hi in the next column (dir), over the run, under it, or both (ups).
func (pb *pageBuilder) beyondAt(out []labelPlan, pe *pedge, side, dir int, lo, hi float64, ups []bool) []labelPlan {
	n := pe.src
	if hi-lo < labelMinW {
		return out
	}
	for _, wr := range pb.labelWraps(pe.fe.label, hi-lo) {
		// Against the rule next to the diamond, labelRuleRoom more from
		// it where the column leaves the room.
		room := min(labelRuleRoom, hi-lo-wr.w)
		dx, dist := hi-room-wr.w-n.cx, n.cx-n.w/2-(hi-room)
		if side == sideRight {
			dx, dist = lo+room-n.cx, lo+room-(n.cx+n.w/2)
		}
		for _, up := range ups {
			where := labelBelow
			if up {
				where = labelAbove
			}
			p := sidePlan(wr, dx, labelGap, where, beyondCost+beyondSlope*dist)
			p.beside = dir
			p.zone = pb.planZone(n, p)
			out = append(out, p)
		}
	}
	return out
}

// otherExitSide returns the side vertex the other exit of the diamond of
// pe leaves by, or -1.
func otherExitSide(n *node, pe *pedge) int {
	for _, side := range []int{sideLeft, sideRight} {
		for _, p := range n.users[side] {
			if p.exit && p.e != pe {
				return side
			}
		}
	}
	return -1
}

// basePlans returns the places the cell of the diamond of pe offers the
// label of its exit leaving by side, whatever the routes: beside the
// bottom run, or over and under a side run (see sidePlans). The document
// keeps them.
func (pb *pageBuilder) basePlans(pe *pedge, side int) []labelPlan {
	key := planKey{pe.idx, side}
	if ps, ok := pb.l.labels.plans[key]; ok {
		return ps
	}
	var out []labelPlan
	if side == sideBottom || side == sideTop {
		for _, safe := range []bool{false, true} {
			for _, right := range []bool{true, false} {
				if p, ok := pb.bottomPlan(pe, right, safe); ok {
					if side == sideTop {
						// Beside the run rising from the top vertex
						// (riseLoops), as beside the bottom run below.
						p.dy = -p.dy - p.h
					}
					out = append(out, p)
				}
			}
		}
	} else {
		for _, up := range []bool{true, false} {
			out = pb.sidePlans(out, pe, side, up)
		}
		out = slices.Clip(out)
	}
	// A place at its cell's edge by a rule costs more (ruleTightCost).
	cell, cx := pb.cellX(pe.src), pe.src.cx
	for i := range out {
		if x := cx + out[i].dx; min(x-cell.lo, cell.hi-x-out[i].w) < labelRuleNear-labelRuleGap {
			out[i].score += ruleTightCost
		}
	}
	if pb.l.labels.plans == nil {
		pb.l.labels.plans = map[planKey][]labelPlan{}
	}
	pb.l.labels.plans[key] = out
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
	if below > above {
		above = below
	}
	if d := above - pb.freeRoom(n); d > 0 {
		return 2 * d
	}
	return 0
}

// sidePlans returns the places for the label of an exit leaving a side
// vertex, above the run (up) or below it: for every way of breaking the
// text into lines, as near the run as the diamond's slope leaves the
// lines room before the cell's rule; and over the diamond's top or under
// its bottom, short of the channels, the place kept for when the
// channels need the room beside the diamond. It appends them to out.
func (pb *pageBuilder) sidePlans(out []labelPlan, pe *pedge, side int, up bool) []labelPlan {
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
	where := labelBelow
	if up {
		where = labelAbove
	}
	wraps, over := pb.labelWraps(pe.fe.label, edge-labelGap), pb.labelWraps(pe.fe.label, safeReach(n)-overGap(up))
	// Room for every plan of this side and, above the run, of the side
	// below it that basePlans asks next: at most three plans a wrap.
	room := 3*len(wraps) + len(over)
	if up {
		room *= 2
	}
	out = slices.Grow(out, room)
	// at returns the nearest height where wr fits beside the slope with
	// its far side at e from the middle, and whether it fits at all.
	at := func(wr wrapped, e float64) (float64, bool) {
		t := offVertex(max(labelGap, hh*(1-(e-wr.w-slopeClear)/hw)+labelClear), e-wr.w-hw)
		return t, e-max(hw*max(0, 1-(t-labelClear)/hh)+slopeClear, labelGap) >= wr.w-1e-9
	}
	for _, wr := range wraps {
		t, ok := at(wr, edge)
		if !ok {
			continue
		}
		// The label keeps labelRuleRoom more from the rule than the
		// cell's labelRuleGap where that raises it by labelRuleLift at
		// most; where the slope leaves room to spare at its height, it
		// keeps up to labelRuleRoom more, standing nearer the diamond.
		// Both places are offered, the clearer scored as the other less
		// a little, so that it is taken where the other would have been.
		place := func(t, e float64) labelPlan {
			slack := e - max(hw*max(0, 1-(t-labelClear)/hh)+slopeClear, labelGap) - wr.w
			e -= min(max(slack, 0), labelRuleRoom-(edge-e))
			dx := e - wr.w
			if side == sideLeft {
				dx = -e
			}
			return sidePlan(wr, dx, t, where, 0)
		}
		plain := place(t, edge)
		if t2, ok := at(wr, edge-labelRuleRoom); ok && t2-t <= labelRuleLift {
			clear := place(t2, edge-labelRuleRoom)
			clear.score = plain.score - 0.01
			out = append(out, clear)
		}
		if slack := edge - max(hw*max(0, 1-(t-labelClear)/hh)+slopeClear, labelGap) - wr.w; slack > labelRuleRoom+labelNearMore {
			// A wide cell: beside the vertex, not against the far rule
			// its run may turn at; slopeWant clear of the vertex where the
			// cell leaves the room (its corner 0.35 mm from the slope,
			// breatheSlope lifted it off its run).
			in := min(max(edge-slack-wr.w, hw+slopeWant), edge-wr.w)
			dx := in
			if side == sideLeft {
				dx = -(in + wr.w)
			}
			near := sidePlan(wr, dx, offVertex(t, in-hw), where, 0)
			near.score = plain.score - 0.02
			out = append(out, near)
		}
		out = append(out, plain)
	}
	gap := overGap(up)
	for _, wr := range over {
		dx := gap
		if side == sideLeft {
			dx = -gap - wr.w
		}
		out = append(out, sidePlan(wr, dx, hh+labelClear, where, 3))
	}
	return out
}

// vertexClear is the least distance between the corner of a side exit's
// label nearest the diamond and the diamond's vertex it leaves by
// (sidePlans).
const vertexClear = 1.0

// offVertex returns the rise t of a side exit's label whose corner
// nearest the diamond stands g across from the vertex its arrow leaves
// by, raised so that the corner keeps vertexClear from the vertex: beside
// it, not on it (sample 17 on F4: "Tidak sesuai" 0.2 mm from its
// diamond's left vertex).
func offVertex(t, g float64) float64 {
	if math.Abs(g) < vertexClear {
		return max(t, math.Sqrt(vertexClear*vertexClear-g*g))
	}
	return t
}

// labelNearMore is how much farther than labelRuleRoom from its rule a
// side exit's label could stand for a place beside the diamond's vertex
// to be offered too (sidePlans): in a wide column (one pelaksana) the
// label stood against the far rule, 10–19 mm from its vertex, where its
// run turns (sample 21, "Berfungsi baik", "Tidak normal").
const labelNearMore = 1.0

// overGap returns the gap a label over the diamond's top (up) or under
// its bottom keeps from the middle: over the top, it keeps clear of the
// head of an arrow entering there.
func overGap(up bool) float64 {
	if up {
		return headClear
	}
	return labelGap
}

// sidePlan returns the plan of a label broken as wr standing t above or
// below a side run, dx from the diamond's middle, scored by its distance
// from the run, its lines and its broken words, plus extra.
func sidePlan(wr wrapped, dx, t float64, where int, extra float64) labelPlan {
	p := labelPlan{lines: wr.lines, w: wr.w, h: wr.h, dx: dx, dy: t, where: where, t: t}
	if where == labelAbove {
		p.dy = -t - wr.h
	}
	p.score = t + 0.8*float64(len(wr.lines)-1) + labelBreakCost*float64(wr.broken) + extra
	if where == labelBelow {
		p.score += 0.5
	}
	return p
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
// first always, the others up to labelMaxLines lines, labelVariants in
// all, the last one that breaks a word elsewhere than between syllables.
func (pb *pageBuilder) labelWraps(text string, widest float64) []wrapped {
	key := wrapKey{text, round2(widest)}
	c := &pb.l.labels
	if ws, ok := c.wraps[key]; ok {
		return ws
	}
	if c.wraps == nil {
		// Sized for the exits of a long SOP: the map grows no more in most layouts.
		c.wraps, c.spans = make(map[wrapKey][]wrapped, 64), make(map[string][]*wrapSpan, 32)
	}
	out := make([]wrapped, 0, labelVariants)
	if widest >= labelMinW {
		for sp := pb.wrapAt(text, widest); sp != nil; {
			out = append(out, sp.wr)
			if sp.hard || len(out) == labelVariants || sp.lo-0.05 < labelMinW {
				break
			}
			if !sp.nextMade { // each wrap after the first just narrower than the one before
				sp.next, sp.nextMade = pb.wrapAt(text, sp.lo-0.05), true
			}
			sp = sp.next
			if sp != nil && len(sp.wr.lines) > labelMaxLines {
				break
			}
		}
	}
	c.wraps[key] = out
	return out
}

// wrapAt returns text broken into lines no wider than width, kept with
// the widths it holds for; nil when it does not fit.
func (pb *pageBuilder) wrapAt(text string, width float64) *wrapSpan {
	c := &pb.l.labels
	for _, sp := range c.spans[text] {
		if width >= sp.lo && width <= sp.hi {
			return sp
		}
	}
	lines, w := pb.labelLines(text, width)
	if w > width+1e-9 {
		return nil
	}
	for _, sp := range c.spans[text] {
		if sp.lo == w && slices.Equal(sp.wr.lines, lines) {
			sp.hi = max(sp.hi, width) // the same lines at both widths: at every one between
			return sp
		}
	}
	hi := width
	if len(lines) == 1 && !strings.Contains(text, "\n") {
		hi = math.Inf(1) // on one line, at every width it fits
	}
	broken, hard := brokenWords(text, lines)
	sp := &wrapSpan{lo: w, hi: hi, wr: wrapped{lines, ceil2(w), ceil2(float64(len(lines)) * LineHeight(LabelSize)), broken}, hard: hard}
	c.spans[text] = append(c.spans[text], sp)
	return sp
}

// brokenWords weighs the line ends of lines, the text broken, that fall
// inside a word of text: one for a break between two syllables (see
// hyphenPoints), three for one anywhere else, which reads badly; and
// reports whether there is one of those.
func brokenWords(text string, lines []string) (n int, hard bool) {
	at := 0
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
			n, hard = n+3, true
		}
	}
	return n, hard
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
	// A label that breaks into as many lines, and words, labelRuleRoom
	// narrower keeps that much more from the rule.
	if nw := pb.labelWraps(pe.fe.label, hi-lo-labelRuleRoom); len(nw) > 0 && len(nw[0].lines) == len(wr.lines) && nw[0].broken <= wr.broken {
		wr = nw[0]
	} else if hi-lo-wr.w < labelBreath {
		// Filling its room, the label would stand squeezed between its
		// run and the rule ("Tidak memenuhi", 0.6 mm from both, edge-200
		// on F4): a line more, its words whole, leaves it room to
		// breathe off its run.
		if nw := pb.labelWraps(pe.fe.label, hi-lo-labelBreath-labelRuleRoom); len(nw) > 0 && len(nw[0].lines) == len(wr.lines)+1 && nw[0].broken <= wr.broken {
			wr = nw[0]
		}
	}
	// Where the cell leaves room beyond labelRuleRoom from its rule and
	// a run in the channel there (lineRoomFree), the label keeps up to
	// labelLineRoom more from the run it names: at labelGap its last
	// letter read as touching the line ("Ditetapkan" of office-200-steps,
	// a reviewer).
	shift := min(labelLineRoom, max(0, hi-lo-wr.w-labelRuleRoom-lineRoomFree))
	p := labelPlan{lines: wr.lines, w: wr.w, h: wr.h, dx: lo + shift - n.cx, dy: n.h/2 + 0.3, where: labelRight, t: n.h/2 + 0.3}
	if !right {
		p.dx, p.where = hi-shift-wr.w-n.cx, labelLeft
	}
	p.score = 0.8*float64(len(wr.lines)-1) + labelBreakCost*float64(wr.broken)
	if safe {
		p.score += 3
	}
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

// hitsStub reports whether a label planned above a side run of n,
// reaching above the diamond's top, would stand where an arrow entering
// the top comes down at one of stubs (see topStubs), or touch its head.
func hitsStub(stubs []float64, n *node, p labelPlan) bool {
	for _, x := range stubs {
		if x > n.cx+p.dx-headClear && x < n.cx+p.dx+p.w+headClear {
			return true
		}
	}
	return false
}

// topStubs returns where the arrows entering the top of n will come
// down, as topPorts will place them, with every channel run at the
// middle of its channel.
func (pb *pageBuilder) topStubs(n *node) []float64 {
	_, offs := pb.topOffsets(n, func(p *port) float64 { return pb.l.lanes.chans[p.e.chi.c].center() })
	for i := range offs {
		offs[i] += n.cx
	}
	return offs
}

// planLabels chooses the place of every decision exit's label on the
// page, now that the routes are known: the best plan whose zone leaves
// the channels room for their tracks. It keeps room for the labels in
// the rows: above a diamond for a label that reaches over it, in the
// strip under it for one that reaches below.
func (pb *pageBuilder) planLabels() {
	pb.rt.lift = make([]float64, len(pb.rows))
	clear(pb.strips)
	pb.rt.chosen, pb.rt.before = map[*pedge]*labelPlan{}, nil
	for _, pe := range pb.edges {
		if pe.fe.label == "" || pe.src.isConnector() {
			continue
		}
		var chosen *labelPlan
		other := pb.otherPlan(pe)
		plans := slices.DeleteFunc(pb.labelPlans(pe, pe.exit.side), func(p labelPlan) bool {
			return other != nil && plansTouch(&p, other) // the diamond's other label stands there
		})
		// Nearest the run, but first the one that makes the row grow least
		// (plans is labelPlans' buffer: its scores may take the growth).
		for i := range plans {
			plans[i].score += labelRoomCost * pb.growth(pe.src, &plans[i])
		}
		order := pb.l.byScore(plans)
		for _, i := range order {
			if pb.zoneFits(plans[i].zone) && !pb.zoneCrossed(plans[i].zone, pe) {
				p := plans[i]
				chosen = &p
				break
			}
		}
		if chosen == nil {
			pb.unplaced = append(pb.unplaced, exitSide{pe.src.step, pe.exit.side})
			if len(plans) > 0 {
				first := plans[order[0]] // plans is the buffer the next labelPlans fills
				chosen = &first
			}
		}
		if chosen == nil {
			continue
		}
		pb.zones = append(pb.zones, chosen.zone)
		pb.rt.chosen[pe] = chosen
		pb.keepRoom(pe.src, chosen)
	}
	pb.staggerLabels()
}

// ruleTightCost is what a planned place costs that stands a label at its
// cell's edge by a rule (labelRuleNear): another way of breaking it, or
// another place, with room to the rule is taken where one is as good.
const ruleTightCost = 0.4

// risingBelowCost is what a label under the stub of a side exit whose
// run rises costs more where the diamond's bottom exit is taken
// (labelPlans): about a row's growth of 11 mm for a label over the
// diamond.
const risingBelowCost = 23.0

// besideOtherCost is what a label under a side run costs where it
// reaches to the middle of the diamond and the other exit leaves by the
// other side: the two labels stand under the diamond side by side, either
// side of its free bottom vertex, and read as one block ("Perbaikan
// Perbaikan / substansi teknis / program", sample 05 row 11, a
// reviewer's fault); over their runs in the next columns each names its
// own (beyondPlans).
const besideOtherCost = 3.0

// labelCrowdGap is the least gap between the two labels of a diamond
// standing either side of its bottom run at one height: closer, a
// reader takes them for one phrase ("Sesuai Dikembalikan ke Front
// Office").
const labelCrowdGap = 2.5

// staggerLines is the fewest lines one of two crowded labels has for
// them to be staggered: "Ya" beside "Tidak" reads as two labels, a block
// of three lines beside another label as one phrase (the reviewer's
// "Sesuai | Dikembalikan ke Front Office").
const staggerLines = 3

// staggerLabels moves the label of a bottom exit down the run it names
// when the label of the diamond's side exit stands across that run from
// it, at the same height and closer than labelCrowdGap, one of them of
// staggerLines or more, to just below the other label, where the
// channels allow; the row grows for it. A label is never moved off its
// run. A page that would not fit so is laid out without it (buildPage).
func (pb *pageBuilder) staggerLabels() {
	if pb.noStagger {
		return
	}
	for _, pe := range pb.edges {
		p := pb.rt.chosen[pe]
		if p == nil || pe.exit == nil || pe.exit.side != sideBottom || (p.where != labelLeft && p.where != labelRight) {
			continue
		}
		n := pe.src
		var q *labelPlan
		qText := ""
		for other, op := range pb.rt.chosen {
			if other.src == n && other != pe {
				q, qText = op, other.fe.label
			}
		}
		if q == nil || p.dy >= q.dy+q.h || q.dy >= p.dy+p.h {
			continue
		}
		gap := q.dx - (p.dx + p.w) // p left of the run, q right of it
		if p.where == labelRight {
			gap = p.dx - (q.dx + q.w)
		}
		if gap < 0 || gap >= labelCrowdGap || max(len(p.lines), len(q.lines)) < staggerLines {
			continue
		}
		bp, _ := brokenWords(pe.fe.label, p.lines)
		bq, _ := brokenWords(qText, q.lines)
		if bp+bq > 0 {
			continue // placeLabels may set it whole elsewhere (labelAlong)
		}
		moved := *p
		moved.dy = ceil2(q.dy + q.h + 2*labelClear)
		moved.t = moved.dy
		moved.zone = pb.planZone(n, moved)
		if !pb.zoneFits(moved.zone) {
			continue
		}
		for i := range pb.zones {
			if pb.zones[i] == p.zone {
				pb.zones[i] = moved.zone
				break
			}
		}
		if pb.rt.before == nil {
			pb.rt.before = map[*pedge]*labelPlan{}
		}
		pb.rt.before[pe] = p
		pb.rt.chosen[pe] = &moved
		before := pb.strips[n.row+1]
		pb.keepRoom(n, &moved)
		pb.staggered += 2 * (pb.strips[n.row+1] - before) // the diamond stays in the middle of its row
	}
}

// otherPlan returns the plan chosen for the label of the other exit of
// the diamond of pe, or nil.
func (pb *pageBuilder) otherPlan(pe *pedge) *labelPlan {
	for _, o := range pb.edges {
		if o != pe && o.src == pe.src {
			if q := pb.rt.chosen[o]; q != nil {
				return q
			}
		}
	}
	return nil
}

// plansTouch reports whether the labels of two plans of one diamond
// would touch.
func plansTouch(p, q *labelPlan) bool {
	return p.dx < q.dx+q.w+labelClear && q.dx < p.dx+p.w+labelClear &&
		p.dy < q.dy+q.h+labelClear && q.dy < p.dy+p.h+labelClear
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

// zoneCrossed reports whether a vertical run that no channel holds, of
// an arrow neither leaving nor entering own's diamond, passes through
// zone z: a connector's stub dropping down its column to its step's row
// (longElbows), a straight drop, a run down a column's middle. zoneFits sees the channels' tracks
// only: in soak seed 33 #215 (F4, the wide measurer) the label
// "Tidak sesuai" over its run in the next column was planned where
// connector E's arrow dropped down that column's middle, and printed
// crossed by it.
func (pb *pageBuilder) zoneCrossed(z labelZone, own *pedge) bool {
	sk := pb.rt.sk
	lo, hi := float64(z.lo)/2, float64(z.hi)/2 // in the sketch's levels
	for b := sk.bucket(lo); b <= sk.bucket(hi); b++ {
		for _, i := range sk.vb[b] {
			o := &sk.all[i]
			if o.ch >= 0 || max(o.y1, o.y2) < lo || min(o.y1, o.y2) > hi || !sk.live[i] || o.e.src == own.src || o.e.dst == own.src {
				continue // in a channel (zoneFits), or the diamond's own arrows (labelPlans weighs them)
			}
			if x := pb.sketchMM(o.e, o.x1); x > z.x.lo-zoneClear && x < z.x.hi+zoneClear {
				return true
			}
		}
	}
	return false
}

// sketchMM returns where on the page the vertical run of pe at sketch x
// stands that no channel holds: under (or over) its connector, or in the
// middle of the column x falls in, as far from it as in the sketch.
func (pb *pageBuilder) sketchMM(pe *pedge, x float64) float64 {
	for _, n := range []*node{pe.src, pe.dst} {
		if n.isConnector() && abs(pb.sketchX(n)-x) < sketchEps {
			return n.cx
		}
	}
	ln := &pb.l.lanes
	k := min(max(int(math.Floor(x)), 0), len(ln.centers)-1)
	return ln.centers[k] + (x-float64(k)-0.5)*pb.l.cols[2+k].W
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
		if it.mid == 0 && it.lo < level && level < it.hi {
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

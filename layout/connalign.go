package layout

import (
	"math"
	"slices"
)

// Connectors in line with their runs, on the printed page.
//
// underRuns sets an off-page connector under (or over) the run of its
// arrow where the band and the column have the room, before the outer
// channels get their gutters. A run in an outer channel stood then too
// near the table's edge for a connector, which stayed over its step's
// column, and the arrow dropped from it and ran along the band to its
// run: "from A the arrow runs 33.8 mm sideways 2.25 mm under the rule"
// (office-plh on F4), 8–45 mm in eight samples (both reviewers of
// session 15). Once the gutters are open, alignConnectors moves such a
// connector over (or under) its run, or the run the last millimetre to
// where the connector keeps connRuleClear from the rules, when that is
// no worse: the connector clear of the other connectors and symbols of
// its band, the arrow crossing and touching nothing it did not, its run
// no nearer a symbol, an arrow or a rule than before, and its stub into
// a side still stubWish long.

// alignMost is the farthest alignConnectors moves a run to meet its
// connector.
const alignMost = 1.0

// connAlignClear is how far from a rule alignConnectors sets a connector
// over its run where the run can move with it: sample 20 on A4, page 4,
// connector B over its run 1.0 mm from the table's rule, the run 3.5 mm
// from it, where 1.5 mm brings the run to 4.0 (channelRoom).
const connAlignClear = 1.5

// alignConnectors moves the connectors of p that stand beside their
// arrow's run over (or under) it, where that is no worse (see above).
// rules are the x of the pelaksana columns' rules.
func alignConnectors(pages []Page, pi int, rules []float64) {
	p := &pages[pi]
	for ci := range p.Connectors {
		c := &p.Connectors[ci]
		for ai := range p.Arrows {
			a := &p.Arrows[ai]
			if len(a.Points) < 4 || (a.From != c.From || a.To != c.To) {
				continue
			}
			if at, _, _, ok := connectorEnd(c.Rect, a.Points); ok { // the index of the point at the connector
				alignOne(pages, pi, c, ai, at, rules)
			}
		}
	}
}

// alignOne moves connector c over (or under) the run of arrow ai, which
// meets it at point at, when the arrow jogs along the band between them.
func alignOne(pages []Page, pi int, c *Connector, ai, at int, rules []float64) {
	p := &pages[pi]
	a := &p.Arrows[ai]
	pts := a.Points
	n := len(pts)
	// stub: pts[i0]–pts[i1] down (or up) from the connector; jog:
	// pts[i1]–pts[i2] along the band; run: pts[i2]–pts[i3].
	i0, i1, i2, i3 := 0, 1, 2, 3
	if at != 0 {
		i0, i1, i2, i3 = n-1, n-2, n-3, n-4
	}
	s, j, r, e := pts[i0], pts[i1], pts[i2], pts[i3]
	if s.X != j.X || j.Y != r.Y || r.X != e.X || math.Abs(r.X-j.X) < 0.05 {
		return
	}
	if (j.Y-s.Y)*(e.Y-r.Y) <= 0 {
		// The run turns back toward the connector's band: a rework loop
		// up from a connector below the rows, over its step and down
		// into its top (flipLoops). Straightened, the arrow ran up
		// through the step to its top (soak seeds 144 #288, 152 #128).
		return
	}
	if len(a.Hops) > 0 {
		return // its crossings are drawn: the pieces that cross keep their place
	}
	if hoppedOver(p, r, e) {
		return // another arrow hops over the run where it stands
	}
	// connAlignClear from the rules where the run can move that far, else
	// connRuleClear (sample 19 on F4: a connector 1.0 mm from its rule,
	// its arrow straight, rather than the arrow jogging to it).
	for _, clear := range [...]float64{connAlignClear, connRuleClear} {
		if alignAt(pages, pi, c, ai, at, s, r, e, rules, clear) {
			return
		}
	}
}

// alignAt is alignOne with the connector's sides clear from every rule:
// s is the arrow's point at the connector, r and e its run's ends.
func alignAt(pages []Page, pi int, c *Connector, ai, at int, s, r, e Point, rules []float64, clear float64) bool {
	p := &pages[pi]
	a := &p.Arrows[ai]
	pts := a.Points
	n := len(pts)
	w := c.W
	target := r.X
	// The connector's sides clear from every rule: it stands in the
	// column of its run, as far into it as it must.
	for _, x := range rules {
		switch d := target - x; {
		case d >= 0 && d < w/2+clear:
			target = x + w/2 + clear
		case d < 0 && -d < w/2+clear:
			target = x - w/2 - clear
		}
	}
	target = round2(target)
	// Not where another letter of its two pages stands on the other
	// (markTaken: a letter where another of its break had stood sent the
	// reader to the wrong arrow, every reviewer of session 10).
	col := columnOf(rules, target, w)
	if math.Abs(target-r.X) > alignMost+1e-9 || col < 0 || col != columnOf(rules, c.X+w/2, 0) && letterClash(pages, pi, c.Letter, col, rules) {
		return false
	}
	moved := Rect{X: round2(target - w/2), Y: c.Y, W: c.W, H: c.H}
	if !connectorFree(p, c, moved) {
		return false
	}
	// The arrow without its jog: straight from the connector along its
	// run, the run moved to the connector's line.
	var next []Point
	if at == 0 {
		next = append([]Point{{target, s.Y}, {target, e.Y}}, pts[4:]...)
	} else {
		next = append(append([]Point{}, pts[:n-4]...), Point{target, e.Y}, Point{target, s.Y})
	}
	if !alignNoWorse(p, ai, next, rules) {
		return false
	}
	a.Points = simplify(next)
	c.X = moved.X
	// The stub moved with the connector: another arrow's hop over it
	// stands where it was (remarkHops).
	p.hopsMoved = true
	return true
}

// letterClash reports whether letter, moved to column col of page pi,
// would stand where another letter of its band on pi stands on the page
// of its pair, in the band the pair stands in there. A letter of another
// break (the other band of pi, or another band of the pair's page) reads
// apart: sample 05 on A4, page 3, A at the bottom stood 28.5 mm along the
// band from its run for C, which stands in the run's column at the
// bottom of page 2, where A's pair stands at the top.
func letterClash(pages []Page, pi int, letter string, col int, rules []float64) bool {
	at := func(p *Page, l string) (int, float64) {
		for _, c := range p.Connectors {
			if c.Letter == l {
				return columnOf(rules, c.X+c.W/2, 0), c.Y
			}
		}
		return -2, 0
	}
	_, y := at(&pages[pi], letter)
	for qi := range pages {
		q := &pages[qi]
		qc, qy := at(q, letter)
		if qi == pi || qc == -2 || qc == col {
			continue
		}
		for _, o := range pages[pi].Connectors {
			if o.Letter == letter || math.Abs(o.Y-y) > 0.5 {
				continue
			}
			if oc, oy := at(q, o.Letter); oc == col && math.Abs(oy-qy) <= 0.5 {
				return true
			}
		}
	}
	return false
}

// columnOf returns the pelaksana column in which a connector w wide
// centred at x stands, connRuleClear from its rules (w 0: the column of
// x), or -1.
func columnOf(rules []float64, x, w float64) int {
	clear := connRuleClear
	if w == 0 {
		clear = 0
	}
	for i := 1; i < len(rules); i++ {
		if x-w/2 >= rules[i-1]+clear-0.005 && x+w/2 <= rules[i]-clear+0.005 {
			return i - 1
		}
	}
	return -1
}

// alignNoWorse reports whether the points next, drawn for arrow ai of p
// in place of its own, cross and touch no more arrows, come no nearer to
// any symbol but its ends, to another arrow's parallel piece or to a rule
// than before (or than their floors), keep its label where it was clear,
// and end in a side on a stub stubWish long.
func alignNoWorse(p *Page, ai int, next []Point, rules []float64) bool {
	a := &p.Arrows[ai]
	old := a.Points
	// Its last piece, where it ends in a side.
	if z, y := next[len(next)-1], next[len(next)-2]; z.Y == y.Y && math.Abs(z.X-y.X) < min(math.Abs(old[len(old)-1].X-old[len(old)-2].X), stubWish)-0.005 {
		return false
	}
	for k := range p.Symbols {
		sym := p.Symbols[k]
		if sym.Step == a.From || sym.Step == a.To {
			continue
		}
		if polyRectDist(next, sym.Rect) < min(polyRectDist(old, sym.Rect), chanClear)-0.005 {
			return false
		}
	}
	for _, x := range rules {
		if polyRuleDist(next, x) < min(polyRuleDist(old, x), ruleGap)-0.005 {
			return false
		}
	}
	for k := range p.Arrows {
		if k == ai {
			continue
		}
		o := p.Arrows[k].Points
		if polyCrossings(next, o) > polyCrossings(old, o) || inLinePieces(next, o) > inLinePieces(old, o) ||
			polyParallelDist(next, o) < min(polyParallelDist(old, o), chanPitch)-0.005 {
			return false
		}
	}
	for k := range p.Arrows {
		if l := p.Arrows[k].Label; l != nil && polyRectDist(next, l.Rect) < min(polyRectDist(old, l.Rect), labelGap)-0.005 {
			return false
		}
	}
	return true
}

// rectDist returns the distance between two rectangles (0 when they
// touch or overlap).
func rectDist(a, b Rect) float64 {
	dx := max(0, a.X-(b.X+b.W), b.X-(a.X+a.W))
	dy := max(0, a.Y-(b.Y+b.H), b.Y-(a.Y+a.H))
	return boxDist(dx, dy)
}

// actorRulesOf returns the x of the rules of the pelaksana columns of
// cols, left to right.
func actorRulesOf(cols []Column) []float64 {
	var xs []float64
	for _, c := range cols {
		if c.Kind != colActor {
			continue
		}
		if len(xs) == 0 || math.Abs(xs[len(xs)-1]-c.X) > 0.005 {
			xs = append(xs, c.X)
		}
		xs = append(xs, c.X+c.W)
	}
	return xs
}

// easeConnectors moves each connector of p whose arrow still jogs along
// its band to it, and whose side stands nearer than connJogClear to a
// pelaksana rule, away from that rule into its column, as far as
// connJogClear where the band has the room, else as far as it has: a
// pentagon 1.0 mm from a rule read as squeezed against it, three
// reviewers of session 24 (samples 02, 11, 19), and where its arrow
// jogs anyway nothing holds it there. It stays in its column, connGap
// from the other connectors and chanClear from the symbols, its jog
// keeps its direction and at least minJog of its length, its arrow
// comes no nearer anything (alignNoWorse) nor, within easeLabelRoom and
// easeSymbolRoom, nearer a label or a symbol, and no piece another arrow
// hops over moves. rules are the x of the pelaksana columns' rules.
func easeConnectors(p *Page, rules []float64) {
	for ci := range p.Connectors {
		c := &p.Connectors[ci]
		for ai := range p.Arrows {
			a := &p.Arrows[ai]
			if a.From != c.From || a.To != c.To || len(a.Hops) > 0 {
				continue
			}
			if i0, i1, i2, ok := connectorEnd(c.Rect, a.Points); ok {
				easeOne(p, c, ai, i0, i1, i2, rules)
			}
		}
	}
}

// connectorEnd returns the indexes in pts, an arrow of three points or
// more, of the point at the connector at r, the end of the piece from
// it, and the end of the piece after that, from whichever end of the
// arrow meets the connector; false when neither does.
func connectorEnd(r Rect, pts []Point) (i0, i1, i2 int, ok bool) {
	n := len(pts)
	switch {
	case n < 3:
		return 0, 0, 0, false
	case rectPointDist(r, pts[0]) <= 0.02:
		return 0, 1, 2, true
	case rectPointDist(r, pts[n-1]) <= 0.02:
		return n - 1, n - 2, n - 3, true
	}
	return 0, 0, 0, false
}

// minJog is the shortest jog along the band easeConnectors leaves: a
// shorter one reads as a slip of the pen.
const minJog = 2.0

// easeOne is easeConnectors for connector c and arrow ai, whose points
// i0 (at the connector), i1 (the stub's end) and i2 (the jog's end) are
// given.
func easeOne(p *Page, c *Connector, ai, i0, i1, i2 int, rules []float64) {
	a := &p.Arrows[ai]
	s, j, q := a.Points[i0], a.Points[i1], a.Points[i2]
	if s.X != j.X || j.Y != q.Y || math.Abs(q.X-j.X) < 0.05 {
		return // not a stub and a jog
	}
	if hoppedOver(p, s, j) {
		return // another arrow hops over the piece where it stands: the crossing keeps its place
	}
	w, x := c.W, c.X+c.W/2
	col := columnOf(rules, x, w)
	if col < 0 {
		return
	}
	lo, hi := rules[col], rules[col+1]
	var target float64
	switch {
	case x-w/2-lo < connJogClear-0.005:
		target = lo + w/2 + connJogClear
	case hi-(x+w/2) < connJogClear-0.005:
		target = hi - w/2 - connJogClear
	default:
		return
	}
	dir := math.Copysign(1, target-x)
	for step := target; (step-x)*dir > 0.005; step -= dir * 0.25 {
		nx := round2(step)
		if nx-w/2 < lo+connRuleClear-0.005 || nx+w/2 > hi-connRuleClear+0.005 {
			continue
		}
		// The jog keeps its direction and minJog of its length.
		if (q.X-nx)*(q.X-x) <= 0 || math.Abs(q.X-nx) < minJog {
			continue
		}
		moved := Rect{X: round2(nx - w/2), Y: c.Y, W: c.W, H: c.H}
		if !connectorFree(p, c, moved) {
			continue
		}
		next := slices.Clone(a.Points)
		next[i0].X, next[i1].X = nx, nx
		if !alignNoWorse(p, ai, next, rules) || nearerLabels(p, a.Points, next) || nearerSymbols(p, a, next) {
			continue
		}
		a.Points = next
		c.X = moved.X
		return
	}
}

// hoppedOver reports whether an arrow of p hops over the vertical piece
// a–b (Arrow.Hops): moved, the piece would leave the hop where it stood.
func hoppedOver(p *Page, a, b Point) bool {
	for k := range p.Arrows {
		for _, h := range p.Arrows[k].Hops {
			if math.Abs(h.X-a.X) < 0.01 && h.Y > min(a.Y, b.Y) && h.Y < max(a.Y, b.Y) {
				return true
			}
		}
	}
	return false
}

// connectorFree reports whether connector c at r keeps connGap from the
// other connectors of p and chanClear from its symbols.
func connectorFree(p *Page, c *Connector, r Rect) bool {
	for k := range p.Connectors {
		if o := &p.Connectors[k]; o != c && rectDist(o.Rect, r) < connGap-0.005 {
			return false
		}
	}
	for k := range p.Symbols {
		if rectDist(p.Symbols[k].Rect, r) < chanClear-0.005 {
			return false
		}
	}
	return true
}

// easeLabelRoom is how near a label an arrow that easeConnectors moves
// may come where it stood nearer: a label's breathing room beside its
// line (labelGap and labelBreath) and more.
const easeLabelRoom = 1.5

// nearerLabels reports whether the points next of an arrow, in place of
// old, come nearer a label of p than old did, and nearer than
// easeLabelRoom: the label of a decision's exit beside its run kept the
// room breathe gave it from the line (edge-long-text on A4).
func nearerLabels(p *Page, old, next []Point) bool {
	for k := range p.Arrows {
		l := p.Arrows[k].Label
		if l == nil {
			continue
		}
		if d := polyRectDist(next, l.Rect); d < easeLabelRoom && d < polyRectDist(old, l.Rect)-0.005 {
			return true
		}
	}
	return false
}

// easeSymbolRoom is how near a symbol an arrow that easeConnectors moves
// may come where it stood nearer: a run down the column of a step it
// passes keeps what room it had there (sample 05 on A4, page 3: A's run
// 3.2 mm beside rows 14 and 15 would have passed them at 2.5 mm).
const easeSymbolRoom = 3.5

// nearerSymbols reports whether the points next of arrow a, in place of
// its own, come nearer a symbol of p other than its ends than they did,
// and nearer than easeSymbolRoom.
func nearerSymbols(p *Page, a *Arrow, next []Point) bool {
	for k := range p.Symbols {
		sym := &p.Symbols[k]
		if sym.Step == a.From || sym.Step == a.To {
			continue
		}
		if d := polyRectDist(next, sym.Rect); d < easeSymbolRoom && d < polyRectDist(a.Points, sym.Rect)-0.005 {
			return true
		}
	}
	return false
}

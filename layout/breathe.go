package layout

import (
	"math"
	"slices"
)

// Room between a row's rule and the arrows along it.
//
// A row is made as tall as its text, or as its symbol with the room
// around it that its arrows need: a stub out of the symbol, a track, and
// ruleGap to the row's rule. An arrow from one row to a step in another
// column of the next so left its symbol's bottom, dropped 2 mm and ran
// along the band about 2.3 mm above the row's rule before turning down:
// "runs along the rule" (both sample reviewers of session 14, 59 such
// runs in 18 of the 21 samples on A4; "at least 4–5 mm from any rule").
// Most pages end well above their bottom (rows per page are the
// document's, or what fits whole), so once a page is laid out, openRows
// gives its rows some of that room where such a run stands: the band
// between the symbols and the rule the run goes along is stretched (the
// other side as much too until session 16, the symbols kept in the middle
// of their row: decision rows of 25 mm for a line of text). Like
// openGutters, the map only stretches (in y now): nothing comes nearer to
// anything, and the routes and labels stay as the layout decided them.

// Row breathing, in millimetres.
const (
	runRuleWant = 4.0 // where a run along a row's rule would stand from it
	breatheMax  = 3.0 // the most a band of a row grows for it
	runAlongMin = 5.0 // the shortest run along a rule looked at
	// dropRoomWant is the room an arrow dropping across a row's rule is
	// given, where the page has it, between the rule and the symbol it
	// enters (its head and 1.2 mm of line above it) and the symbol it
	// leaves.
	dropRoomWant = ArrowHeadLength + 1.2
)

// openRows stretches the bands of the rows of p that hold a run along
// their rule into the room under its last row (see above); top is the
// bottom of the header, bottom the lowest the page's content may reach.
func openRows(p *Page, top, bottom float64) {
	if len(p.bottoms) == 0 {
		return
	}
	end := p.bottoms[len(p.bottoms)-1]
	if p.TotalAt.H > 0 {
		end = max(end, p.TotalAt.Y+p.TotalAt.H)
	}
	free := bottom - end
	if free < 0.5 {
		return
	}
	type band struct {
		top, nodeTop, nodeBottom, bottom float64
		growTop, growBottom              float64 // how much the room above its symbols grows, and below
		dropTop, dropBottom              float64 // of that, for an arrow dropping across a rule (dropRoomWant)
		step                             bool    // a step's row, not a band of connectors
	}
	bands := make([]band, 0, len(p.bottoms))
	y := top
	for _, b := range p.bottoms {
		step := slices.ContainsFunc(p.Rows, func(r Row) bool { return abs(r.Y+r.H-b) < 0.005 })
		bands = append(bands, band{top: y, nodeTop: b, nodeBottom: y, bottom: b, step: step})
		y = b
	}
	in := func(cy float64) int {
		for k, b := range bands {
			if cy > b.top && cy < b.bottom {
				return k
			}
		}
		return -1
	}
	for _, r := range nodeRects(p) {
		if k := in(r.Y + r.H/2); k >= 0 {
			b := &bands[k]
			b.nodeTop, b.nodeBottom = min(b.nodeTop, r.Y), max(b.nodeBottom, r.Y+r.H)
		}
	}
	want := 0.0
	for _, a := range p.Arrows {
		for j := 1; j < len(a.Points); j++ {
			s, e := a.Points[j-1], a.Points[j]
			if s.Y != e.Y || abs(s.X-e.X) < runAlongMin {
				continue
			}
			k := in(s.Y)
			if k < 0 {
				continue
			}
			b := &bands[k]
			if b.nodeTop >= b.nodeBottom || !b.step {
				continue // a band without symbols, or of connectors: its KEGIATAN cell a line or two
			}
			// The run's distance to the rule it goes along, and the
			// height of the band between that rule and the symbols.
			var d, h float64
			var grow *float64
			switch {
			case s.Y >= b.nodeBottom:
				d, h, grow = b.bottom-s.Y, b.bottom-b.nodeBottom, &b.growBottom
			case s.Y <= b.nodeTop:
				d, h, grow = s.Y-b.top, b.nodeTop-b.top, &b.growTop
			default:
				continue
			}
			if d <= 0.01 || d >= runRuleWant {
				continue
			}
			g := min(breatheMax, h*(runRuleWant/d-1))
			if g > *grow {
				want += g - *grow
				*grow = g
			}
		}
	}
	// An arrow dropping across a row's rule straight into the top of a
	// symbol standing bandMinGap/2 under that rule: its head began 0.2 mm
	// under the rule, and the symbol it left stood as near the rule above
	// it ("the symbols nearly touch the row rules … the arrowheads sit on
	// the row rules", sample 21 on F4, rows of two lines of text and a box
	// each, a reviewer of session 31). The bands on both sides of the rule
	// grow to dropRoomWant, a row of off-page connectors as a step's row
	// (sample 10 on A4: row 5's drop into A at the bottom of page 2, its
	// head on the rule).
	grow := func(g *float64, h float64) {
		if h < dropRoomWant {
			*g = max(*g, min(breatheMax, dropRoomWant-h))
		}
	}
	for _, a := range p.Arrows {
		n := len(a.Points)
		if n < 2 {
			continue
		}
		if q, e := a.Points[n-2], a.Points[n-1]; q.X == e.X && q.Y < e.Y {
			// Its last piece, down into a symbol's top across the rule.
			if k := in(e.Y + 0.01); k >= 0 {
				if b := &bands[k]; b.nodeTop < b.nodeBottom && q.Y <= b.top && abs(e.Y-b.nodeTop) <= 0.01 {
					grow(&b.dropTop, b.nodeTop-b.top)
				}
			}
		}
		if s, e := a.Points[0], a.Points[1]; s.X == e.X && s.Y < e.Y {
			// Its first piece, down from a symbol's bottom across the rule.
			if k := in(s.Y - 0.01); k >= 0 {
				if b := &bands[k]; b.nodeTop < b.nodeBottom && e.Y >= b.bottom && abs(s.Y-b.nodeBottom) <= 0.01 {
					grow(&b.dropBottom, b.bottom-b.nodeBottom)
				}
			}
		}
	}
	drops := 0.0
	for k := range bands {
		b := &bands[k]
		// Symbols standing in the middle of their row stay there: both
		// sides grow alike (a process row's box, TestDecisionRowLow).
		if (b.dropTop > 0 || b.dropBottom > 0) && abs((b.nodeTop-b.top)-(b.bottom-b.nodeBottom)) < 0.05 {
			b.dropTop, b.dropBottom = max(b.dropTop, b.dropBottom), max(b.dropTop, b.dropBottom)
		}
		drops += b.dropTop + b.dropBottom
	}
	if want < 0.01 && drops < 0.01 {
		return
	}
	// The runs along a rule first; the drops across one in what room is
	// left.
	scale := 1.0
	if want > 0 {
		scale = min(1, free/want)
	}
	dropScale := 0.0
	if drops > 0 {
		dropScale = min(1, max(0, free-want*scale)/drops)
	}
	for k := range bands {
		b := &bands[k]
		b.growTop = max(b.growTop*scale, b.dropTop*dropScale)
		b.growBottom = max(b.growBottom*scale, b.dropBottom*dropScale)
	}
	var m yMap
	m.from, m.by = make([]float64, 0, 4*len(bands)), make([]float64, 0, 4*len(bands))
	shift := 0.0
	for _, b := range bands {
		// On the grid, and no more than the room; only the side with the
		// run grows: the symbols stand a little off their row's middle
		// rather than the row growing as much again on the other side (a
		// decision's row of 25 mm for one line of text, both reviewers of
		// session 16).
		gt := math.Floor(b.growTop*100) / 100
		gb := math.Floor(b.growBottom*100) / 100
		m.knot(b.top, shift)
		if (gt > 0 || gb > 0) && b.nodeTop < b.nodeBottom {
			m.knot(b.nodeTop, shift+gt)
			m.knot(b.nodeBottom, shift+gt)
			shift += gt + gb
		}
		m.knot(b.bottom, shift)
	}
	m.apply(p)
}

// nodeRects returns the rectangles of the symbols and connectors of p.
func nodeRects(p *Page) []Rect {
	out := make([]Rect, 0, len(p.Symbols)+len(p.Connectors))
	for _, s := range p.Symbols {
		out = append(out, s.Rect)
	}
	for _, c := range p.Connectors {
		out = append(out, c.Rect)
	}
	return out
}

// yMap is gutterMap's kind in y: knots each moving their y by a shift,
// the shifts never falling, so that the map only stretches.
type yMap struct{ gutterMap }

// y returns where y is printed.
func (m yMap) y(y float64) float64 { return m.x(y) }

// apply moves everything of p by the map: points and the edges of cells,
// rules and rows by the map, symbols, connectors and labels whole by the
// shift at their middle.
func (m yMap) apply(p *Page) {
	// The cells of a row share their top and bottom, and the rules and
	// points of a page their few heights: the last two heights mapped are
	// kept.
	var seen [2]struct{ from, to float64 }
	seenN := 0
	my := func(y float64) float64 {
		for k := range seenN {
			if seen[k].from == y {
				return seen[k].to
			}
		}
		to := m.y(y)
		seen[1], seen[0] = seen[0], struct{ from, to float64 }{y, to}
		seenN = min(seenN+1, 2)
		return to
	}
	pt := func(q Point) Point { return Point{q.X, my(q.Y)} }
	span := func(r Rect) Rect {
		y := my(r.Y)
		r.H = round2(my(r.Y+r.H) - y)
		r.Y = y
		return r
	}
	whole := func(r Rect) Rect {
		r.Y = shifted(r.Y, round2(m.delta(r.Y+r.H/2)))
		return r
	}
	for k := range p.Cells {
		p.Cells[k].Rect = span(p.Cells[k].Rect)
	}
	for k := range p.Refs {
		p.Refs[k].Rect = span(p.Refs[k].Rect)
	}
	for k := range p.Rules {
		p.Rules[k].A, p.Rules[k].B = pt(p.Rules[k].A), pt(p.Rules[k].B)
	}
	for k := range p.Rows {
		r := span(Rect{Y: p.Rows[k].Y, H: p.Rows[k].H})
		p.Rows[k].breathed = round2(r.H - p.Rows[k].H)
		p.Rows[k].Y, p.Rows[k].H = r.Y, r.H
	}
	for k := range p.bottoms {
		p.bottoms[k] = m.y(p.bottoms[k])
	}
	if p.TotalAt.H > 0 {
		p.TotalAt.Y = m.y(p.TotalAt.Y)
	}
	for k := range p.Symbols {
		p.Symbols[k].Rect = whole(p.Symbols[k].Rect)
	}
	for k := range p.Connectors {
		p.Connectors[k].Rect = whole(p.Connectors[k].Rect)
	}
	for k := range p.Arrows {
		a := &p.Arrows[k]
		if lb := a.Label; lb != nil { // the page's own: moved in place
			lb.Y = shifted(lb.Y, round2(m.delta(labelAnchor(*a, lb.Rect))))
		}
		for j := range a.Points {
			a.Points[j] = pt(a.Points[j])
		}
		for j := range a.Hops {
			a.Hops[j] = pt(a.Hops[j])
		}
	}
}

// labelAnchor returns the y a label l of arrow a moves by: that of a
// horizontal piece of a it stands over or under, so that it keeps to its
// line as the map stretches the band between them; else its middle.
func labelAnchor(a Arrow, l Rect) float64 {
	best, at := labelNear, l.Y+l.H/2
	for j := 1; j < len(a.Points); j++ {
		s, e := a.Points[j-1], a.Points[j]
		if s.Y == e.Y && overlap(s.X, e.X, l.X, l.X+l.W) {
			if d := min(abs(s.Y-l.Y), abs(s.Y-(l.Y+l.H))); d < best {
				best, at = d, s.Y
			}
		}
	}
	return at
}

// labelNear is how near its line a label keeps to it (labelAnchor).
const labelNear = 2.0

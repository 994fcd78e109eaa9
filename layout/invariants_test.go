package layout

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// tol is the tolerance of geometric comparisons in millimetres: coordinates
// are rounded to 0.01 mm.
const tol = 0.02

// checker collects the broken invariants of one diagram.
type checker struct {
	t    testing.TB
	name string
	d    *esop.Document
	dg   *Diagram
	m    Measurer
	errs []string
}

func (c *checker) fail(format string, args ...any) {
	c.errs = append(c.errs, fmt.Sprintf(format, args...))
}

// checkDiagram asserts every invariant of a laid-out diagram of d; the
// targets are the rows per page asked for.
func checkDiagram(t testing.TB, name string, d *esop.Document, dg *Diagram, m Measurer, first, later int) {
	t.Helper()
	c := &checker{t: t, name: name, d: d, dg: dg, m: m}
	c.checkColumns()
	rowPage := c.checkRows(first, later)
	if rowPage != nil {
		c.checkSymbols(rowPage)
		c.checkArrows(rowPage)
		c.checkConnectors(rowPage)
		c.checkLabels(rowPage)
	}
	c.errs = append(c.errs, qualityFaults(d, dg, m)...)
	c.checkCells()
	c.checkRefs()
	c.checkTotal()
	c.checkMargins()
	c.checkRounding()
	c.checkPrint()
	if len(c.errs) > 0 {
		if len(c.errs) > 12 {
			c.errs = append(c.errs[:12], fmt.Sprintf("… and %d more", len(c.errs)-12))
		}
		t.Errorf("%s:\n  %s", name, strings.Join(c.errs, "\n  "))
	}
}

func (c *checker) actorCols() []Column {
	return c.dg.Columns[2 : 2+len(c.d.Actors)]
}

func (c *checker) lanes() (float64, float64) {
	a := c.actorCols()
	return a[0].X, a[len(a)-1].X + a[len(a)-1].W
}

func (c *checker) checkColumns() {
	cols := c.dg.Columns
	n := len(c.d.Actors)
	want := []string{colNo, colActivity}
	for range n {
		want = append(want, colActor)
	}
	want = append(want, colRequirements, colTime, colOutput, colNote)
	if len(cols) != len(want) {
		c.fail("%d columns, want %d", len(cols), len(want))
		return
	}
	// The table's outer rules stand half their width inside the margin
	// (ruleMargin), so that their ink keeps Margin from the edges.
	x := ruleMargin
	for i, col := range cols {
		if col.Kind != want[i] {
			c.fail("column %d is %q, want %q", i, col.Kind, want[i])
		}
		if math.Abs(col.X-x) > 0.001 || col.W <= 0 {
			c.fail("column %d at %.2f width %.2f, want it to start at %.2f", i, col.X, col.W, x)
		}
		x = col.X + col.W
	}
	if math.Abs(x-(c.dg.Paper.W-ruleMargin)) > 0.001 {
		c.fail("table ends at %.2f, want %.2f", x, c.dg.Paper.W-ruleMargin)
	}
	// The pelaksana columns are alike but for those holding a decision,
	// which may be wider for the words of its exit labels.
	decides := map[string]bool{}
	for _, s := range c.d.Steps {
		if s.Decision != nil {
			decides[s.Actor] = true
		}
	}
	// The first and the last are wider by their gutters (openGutters).
	inner := func(col Column) float64 { return col.W - col.GutterL - col.GutterR }
	narrowest := inner(cols[2])
	for _, col := range c.actorCols() {
		narrowest = min(narrowest, inner(col))
	}
	for k, col := range c.actorCols() {
		if col.Actor != c.d.Actors[k].ID || col.Title != c.d.Actors[k].Name {
			c.fail("actor column %d is %q %q", k, col.Actor, col.Title)
		}
		// A pelaksana whose title breaks inside a word at the narrowest
		// width grows for it (headerWidths), and one whose title stands
		// there in more lines than any other's and more than
		// titleLinesMost (shorterHeader).
		if inner(col) > narrowest+tol && !decides[col.Actor] && headerBreaks(c.m, col.Title, narrowest, c.dg.BodySize) == 0 && !c.tallAt(k, narrowest) {
			c.fail("actor column %d is %.2f wide without a decision, the narrowest %.2f", k, inner(col), narrowest)
		}
		// At most outerGutter from the text's give (takeGutters), and
		// what channelRoom gave a run along the outer rule: twice its
		// shortfall, at most twice runRuleWant.
		most := outerGutter + 2*runRuleWant + tol
		if (col.GutterL > 0) != (k == 0 && col.GutterL > 0) || (col.GutterR > 0) != (k == len(c.d.Actors)-1 && col.GutterR > 0) || col.GutterL > most || col.GutterR > most {
			c.fail("actor column %d has gutters %.2f and %.2f", k, col.GutterL, col.GutterR)
		}
	}
}

// tallAt reports whether pelaksana k's title, at width w, stands in more
// lines than any other pelaksana's title at its own width and more than
// titleLinesMost.
func (c *checker) tallAt(k int, w float64) bool {
	aws := make([]float64, len(c.d.Actors))
	for i, col := range c.actorCols() {
		aws[i] = col.W
	}
	aws[k] = w
	at, _, _ := tallTitle(c.d, c.m, aws, c.dg.BodySize)
	return at == k
}

// headerBottom returns the bottom of the header cells of a page.
func headerBottom(p *Page) float64 {
	b := 0.0
	for _, cl := range p.Cells {
		if cl.Bold {
			b = max(b, cl.Y+cl.H)
		}
	}
	return b
}

// checkRows checks that the pages hold every step once, in order, no more
// rows than asked for, and returns the page of each step.
func (c *checker) checkRows(first, later int) []int {
	rowPage := make([]int, len(c.d.Steps))
	next := 0
	for pi := range c.dg.Pages {
		p := &c.dg.Pages[pi]
		if p.Number != pi+1 {
			c.fail("page %d has number %d", pi+1, p.Number)
		}
		limit := later
		if pi == 0 {
			limit = first
		}
		if limit <= 0 { // as many as fit
			limit = len(c.d.Steps)
		}
		if pi == len(c.dg.Pages)-1 {
			// the last rows taken onto the page rather than alone
			if limit >= minWidowHostLong {
				limit += maxWidowRowsLong
			} else {
				limit += maxWidowRows
			}
		}
		if len(p.Rows) == 0 || len(p.Rows) > limit {
			c.fail("page %d has %d rows, want 1 … %d", p.Number, len(p.Rows), limit)
		}
		y := headerBottom(p)
		for _, r := range p.Rows {
			if r.Index != next || next >= len(c.d.Steps) || r.Step != c.d.Steps[next].ID {
				c.fail("page %d row %q index %d, want step %d", p.Number, r.Step, r.Index, next)
				return nil
			}
			if r.Y < y-tol || r.H <= 0 {
				c.fail("row %q at %.2f overlaps what is above it (%.2f)", r.Step, r.Y, y)
			}
			y = r.Y + r.H
			rowPage[next] = pi
			next++
		}
	}
	if next != len(c.d.Steps) {
		c.fail("%d rows for %d steps", next, len(c.d.Steps))
		return nil
	}
	return rowPage
}

func (c *checker) row(i int, rowPage []int) Row {
	for _, r := range c.dg.Pages[rowPage[i]].Rows {
		if r.Index == i {
			return r
		}
	}
	return Row{}
}

func wantKind(d *esop.Document, i int) string {
	switch {
	case i == 0 || d.IsEnd(i):
		return Terminator
	case d.Steps[i].Decision != nil:
		return Decision
	}
	return Process
}

// labelsBeyond reports whether labels of the exits of symbol s reach
// above its top or below its bottom.
func labelsBeyond(p *Page, s Symbol) (above, below bool) {
	for _, a := range p.Arrows {
		if a.From != s.Step || a.Label == nil {
			continue
		}
		above = above || a.Label.Y < s.Y-tol
		below = below || a.Label.Y+a.Label.H > s.Y+s.H+tol
	}
	return above, below
}

func (c *checker) checkSymbols(rowPage []int) {
	seen := map[string]int{}
	for pi := range c.dg.Pages {
		p := &c.dg.Pages[pi]
		for _, s := range p.Symbols {
			seen[s.Step]++
			i := c.d.StepIndex(s.Step)
			if i < 0 || rowPage[i] != pi {
				c.fail("symbol %q on page %d", s.Step, p.Number)
				continue
			}
			if s.Kind != wantKind(c.d, i) {
				c.fail("symbol %q is a %s, want %s", s.Step, s.Kind, wantKind(c.d, i))
			}
			col := c.dg.Columns[2+actorIndex(c.d, c.d.Steps[i].Actor)]
			r := c.row(i, rowPage)
			if !within(s.Rect, Rect{X: col.X, Y: r.Y, W: col.W, H: r.H}) {
				c.fail("symbol %q %v is not inside its column and row", s.Step, s.Rect)
			}
			// In its column's middle, or its gutter's half aside from it
			// where an arrow runs along the outer rule (openGutters).
			if math.Abs(s.X+s.W/2-col.Middle) > tol {
				c.fail("symbol %q is not in its column's middle %.2f", s.Step, col.Middle)
			}
			if off := math.Abs(col.Middle - (col.X + col.W/2)); off > (col.GutterL+col.GutterR)/2+tol {
				c.fail("the symbols of column %q stand %.2f off its middle, its gutters %.2f and %.2f", col.Title, off, col.GutterL, col.GutterR)
			}
			// In the middle of its row, or a diamond nearer the side away
			// from its labels, which ask the room on the other (measureRows),
			// or half of what openRows gave one side of its row aside.
			if dy := s.Y + s.H/2 - (r.Y + r.H/2); math.Abs(dy) > r.breathed/2+tol {
				above, below := labelsBeyond(p, s)
				if s.Kind != Decision || (dy < 0 && !below) || (dy > 0 && !above) {
					c.fail("symbol %q is %.1f mm off the middle of its row, without labels on the other side", s.Step, dy)
				}
			}
			// Room for a channel on both sides.
			if s.X-col.X < 2 || col.X+col.W-(s.X+s.W) < 2 {
				c.fail("symbol %q leaves no channel beside it", s.Step)
			}
		}
		shapes := pageShapes(p)
		for a := range shapes {
			for b := a + 1; b < len(shapes); b++ {
				if rectsOverlap(shapes[a].r, shapes[b].r) {
					c.fail("page %d: %s and %s overlap", p.Number, shapes[a].name, shapes[b].name)
				}
			}
		}
	}
	for _, s := range c.d.Steps {
		if seen[s.ID] != 1 {
			c.fail("step %q has %d symbols", s.ID, seen[s.ID])
		}
	}
}

func actorIndex(d *esop.Document, id string) int {
	return slices.IndexFunc(d.Actors, func(a esop.Actor) bool { return a.ID == id })
}

func within(a, b Rect) bool {
	return a.X >= b.X-tol && a.Y >= b.Y-tol && a.X+a.W <= b.X+b.W+tol && a.Y+a.H <= b.Y+b.H+tol
}

func rectsOverlap(a, b Rect) bool {
	return a.X < b.X+b.W-tol && b.X < a.X+a.W-tol && a.Y < b.Y+b.H-tol && b.Y < a.Y+a.H-tol
}

// shape is a symbol or connector, for geometric checks.
type shape struct {
	name string
	kind string
	r    Rect
}

func pageShapes(p *Page) []shape {
	var out []shape
	for _, s := range p.Symbols {
		out = append(out, shape{"symbol " + s.Step, s.Kind, s.Rect})
	}
	for _, k := range p.Connectors {
		out = append(out, shape{"connector " + k.Letter, OffPage, k.Rect})
	}
	return out
}

// extent returns the open interval that the interior of a shape, shrunk
// by tol, covers along a horizontal line at v (horizontal) or a vertical
// line at v.
func extent(s shape, horizontal bool, v float64) (lo, hi float64, ok bool) {
	r := s.r
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	w, h, d, c := r.W, r.H, v-cy, cx
	if !horizontal {
		w, h, d, c = r.H, r.W, v-cx, cy
	}
	if math.Abs(d) >= h/2-tol {
		return 0, 0, false
	}
	half := w / 2
	switch s.kind {
	case Decision:
		half = w / 2 * (1 - math.Abs(d)/(h/2))
	case Terminator:
		rad := min(r.W, r.H) / 2
		if horizontal {
			half = w/2 - rad + math.Sqrt(max(0, rad*rad-d*d))
		} else {
			flat := h/2 - rad // along x
			dx := math.Abs(d) - flat
			if dx > 0 {
				half = math.Sqrt(max(0, rad*rad-dx*dx))
			}
		}
	}
	if half <= tol {
		return 0, 0, false
	}
	return c - half + tol, c + half - tol, true
}

// hitsShape reports whether the segment a–b passes through the interior of s.
func hitsShape(a, b Point, s shape) bool {
	if a.Y == b.Y {
		lo, hi, ok := extent(s, true, a.Y)
		return ok && min(a.X, b.X) < hi && max(a.X, b.X) > lo
	}
	lo, hi, ok := extent(s, false, a.X)
	return ok && min(a.Y, b.Y) < hi && max(a.Y, b.Y) > lo
}

// onOutline reports whether p lies on the outline of s.
func onOutline(p Point, s shape) bool {
	r := s.r
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	dx, dy := math.Abs(p.X-cx), math.Abs(p.Y-cy)
	switch s.kind {
	case Decision:
		d := dx/(r.W/2) + dy/(r.H/2)
		return math.Abs(d-1) <= tol*(1/(r.W/2)+1/(r.H/2))
	case Terminator:
		rad := min(r.W, r.H) / 2
		ex := max(0, dx-(r.W/2-rad))
		return math.Abs(math.Hypot(ex, dy)-rad) <= tol
	}
	inX := dx <= r.W/2+tol
	inY := dy <= r.H/2+tol
	return inX && inY && (math.Abs(dx-r.W/2) <= tol || math.Abs(dy-r.H/2) <= tol)
}

type seg struct {
	a, b  Point
	arrow int
}

func segments(p *Page) []seg {
	var out []seg
	for i, a := range p.Arrows {
		for j := 0; j+1 < len(a.Points); j++ {
			out = append(out, seg{a.Points[j], a.Points[j+1], i})
		}
	}
	return out
}

func (c *checker) checkArrows(rowPage []int) {
	x0, x1 := c.lanes()
	for pi := range c.dg.Pages {
		p := &c.dg.Pages[pi]
		shapes := pageShapes(p)
		for ai, a := range p.Arrows {
			name := fmt.Sprintf("page %d arrow %s→%s", p.Number, a.From, a.To)
			if len(a.Points) < 2 {
				c.fail("%s has %d points", name, len(a.Points))
				continue
			}
			for j := 0; j+1 < len(a.Points); j++ {
				s, e := a.Points[j], a.Points[j+1]
				if (s.X != e.X) == (s.Y != e.Y) {
					c.fail("%s: segment %v–%v is not axis-parallel or has no length", name, s, e)
				}
				if j > 0 {
					q := a.Points[j-1]
					if (q.X == s.X) == (s.X == e.X) {
						c.fail("%s: segments at %v do not turn", name, s)
					}
				}
				for _, sh := range shapes {
					if hitsShape(s, e, sh) {
						c.fail("%s: segment %v–%v passes through %s", name, s, e, sh.name)
					}
				}
				for _, b := range p.Arrows {
					if b.Label != nil && segHitsRect(s, e, b.Label.Rect) {
						c.fail("%s: segment %v–%v passes through label %q", name, s, e, b.Label.Text)
					}
				}
			}
			// Room for an arrowhead (1.8 mm in the renderers) on the last run.
			if s, e := a.Points[len(a.Points)-2], a.Points[len(a.Points)-1]; math.Abs(s.X-e.X)+math.Abs(s.Y-e.Y) < 1.9 {
				c.fail("%s: last run %v–%v is too short for an arrowhead", name, s, e)
			}
			for _, q := range a.Points {
				if q.X < x0+tol || q.X > x1-tol {
					c.fail("%s: point %v outside the actor columns", name, q)
				}
			}
			c.checkEnds(p, pi, ai, rowPage)
		}
		c.checkSharing(p)
		c.checkBody(p)
		c.checkHops(p)
	}
	c.checkEdgeCount(rowPage)
}

// checkHops checks that the hops of p stand where its arrows cross, one
// on the horizontal run of every crossing: a hop left where a crossing
// had been is drawn over empty paper, and the crossing then has none.
func (c *checker) checkHops(p *Page) {
	at := func(h, q Point) bool { return math.Abs(h.X-q.X) < 0.02 && math.Abs(h.Y-q.Y) < 0.02 }
	cs := crossingPoints(p)
	for ai, a := range p.Arrows {
		for _, h := range a.Hops {
			if !slices.ContainsFunc(cs, func(x crossingPoint) bool { return x.a == ai && at(h, x.Point) }) {
				c.fail("page %d arrow %s→%s hops at %v, where no arrow crosses it", p.Number, a.From, a.To, h)
			}
		}
	}
	for _, x := range cs {
		if !slices.ContainsFunc(p.Arrows[x.a].Hops, func(h Point) bool { return at(h, x.Point) }) {
			c.fail("page %d: arrows %s→%s and %s→%s cross at %v without a hop", p.Number,
				p.Arrows[x.a].From, p.Arrows[x.a].To, p.Arrows[x.b].From, p.Arrows[x.b].To, x.Point)
		}
	}
}

// checkBody checks that arrows, labels and connectors stay in the body
// of the table: below its header, above its end.
func (c *checker) checkBody(p *Page) {
	top := headerBottom(p)
	last := p.Rows[len(p.Rows)-1]
	bottom := last.Y + last.H
	for _, k := range p.Connectors {
		if k.Y < top+tol {
			c.fail("page %d connector %s reaches into the header", p.Number, k.Letter)
		}
		bottom = max(bottom, k.Y+k.H)
	}
	for _, a := range p.Arrows {
		for _, q := range a.Points {
			if q.Y < top+tol || q.Y > bottom+tol {
				c.fail("page %d arrow %s→%s: point %v outside the table body %.2f … %.2f", p.Number, a.From, a.To, q, top, bottom)
			}
		}
		if l := a.Label; l != nil && (l.Y < top+tol || l.Y+l.H > bottom+tol) {
			c.fail("page %d label %q outside the table body", p.Number, l.Text)
		}
	}
}

func segHitsRect(a, b Point, r Rect) bool {
	x1, x2 := min(a.X, b.X), max(a.X, b.X)
	y1, y2 := min(a.Y, b.Y), max(a.Y, b.Y)
	if x1 == x2 {
		return r.X < x1 && x1 < r.X+r.W && y1 < r.Y+r.H && y2 > r.Y
	}
	return r.Y < y1 && y1 < r.Y+r.H && x1 < r.X+r.W && x2 > r.X
}

// checkEnds checks that an arrow starts on the outline of its source's
// symbol or of an in-connector of its edge, and ends on its target's or
// an out-connector's.
func (c *checker) checkEnds(p *Page, pi, ai int, rowPage []int) {
	a := p.Arrows[ai]
	from, to := c.d.StepIndex(a.From), c.d.StepIndex(a.To)
	start, end := a.Points[0], a.Points[len(a.Points)-1]
	ok := func(q Point, step int, in bool) bool {
		if rowPage[step] == pi {
			for _, s := range p.Symbols {
				if s.Step == c.d.Steps[step].ID {
					return onOutline(q, shape{kind: s.Kind, r: s.Rect})
				}
			}
			return false
		}
		for _, k := range p.Connectors {
			if k.In == in && k.From == a.From && k.To == a.To && onOutline(q, shape{kind: OffPage, r: k.Rect}) &&
				math.Abs(q.X-(k.X+k.W/2)) <= tol {
				return true
			}
		}
		return false
	}
	if !ok(start, from, true) {
		c.fail("page %d arrow %s→%s does not start on its source (%v)", p.Number, a.From, a.To, start)
	}
	if !ok(end, to, false) {
		c.fail("page %d arrow %s→%s does not end on its target (%v)", p.Number, a.From, a.To, end)
	}
}

// checkSharing checks that no two arrows overlap along a run or touch
// anywhere but where they properly cross.
func (c *checker) checkSharing(p *Page) {
	segs := segments(p)
	for i := range segs {
		for j := i + 1; j < len(segs); j++ {
			s, t := segs[i], segs[j]
			if s.arrow == t.arrow {
				continue
			}
			if why := touching(s, t); why != "" {
				c.fail("page %d: arrows %s→%s and %s→%s %s (%v–%v, %v–%v)", p.Number,
					p.Arrows[s.arrow].From, p.Arrows[s.arrow].To, p.Arrows[t.arrow].From, p.Arrows[t.arrow].To,
					why, s.a, s.b, t.a, t.b)
			}
		}
	}
}

// touching describes how two segments of different arrows meet other
// than by crossing properly, or returns "".
func touching(s, t seg) string {
	sh, th := s.a.Y == s.b.Y, t.a.Y == t.b.Y
	if sh == th {
		if sh && math.Abs(s.a.Y-t.a.Y) < tol && overlap1(s.a.X, s.b.X, t.a.X, t.b.X) {
			return "share a horizontal run"
		}
		if !sh && math.Abs(s.a.X-t.a.X) < tol && overlap1(s.a.Y, s.b.Y, t.a.Y, t.b.Y) {
			return "share a vertical run"
		}
		return ""
	}
	if !sh {
		s, t = t, s
	}
	// s is horizontal, t vertical.
	y, x := s.a.Y, t.a.X
	inS := x >= min(s.a.X, s.b.X)-tol && x <= max(s.a.X, s.b.X)+tol
	inT := y >= min(t.a.Y, t.b.Y)-tol && y <= max(t.a.Y, t.b.Y)+tol
	if !inS || !inT {
		return ""
	}
	endS := math.Abs(x-s.a.X) < tol || math.Abs(x-s.b.X) < tol
	endT := math.Abs(y-t.a.Y) < tol || math.Abs(y-t.b.Y) < tol
	if endS || endT {
		return "touch"
	}
	return ""
}

// overlap1 reports whether two intervals share more than a point (or touch end to end).
func overlap1(a1, a2, b1, b2 float64) bool {
	return min(a1, a2) <= max(b1, b2)+tol && min(b1, b2) <= max(a1, a2)+tol
}

type edgeKey struct{ from, to string }

// checkEdgeCount checks that every edge of the flow is drawn exactly once:
// on its page when its steps share one, else on the page of its source
// down to an out-connector and on the page of its target from an
// in-connector, and nowhere between.
func (c *checker) checkEdgeCount(rowPage []int) {
	type pk struct {
		page int
		e    edgeKey
	}
	wantArrows, wantIn, wantOut := map[pk]int{}, map[pk]int{}, map[pk]int{}
	for i := range c.d.Steps {
		for _, j := range c.d.Successors(i) {
			e := edgeKey{c.d.Steps[i].ID, c.d.Steps[j].ID}
			pf, pt := rowPage[i], rowPage[j]
			wantArrows[pk{pf, e}]++
			if pf != pt {
				wantArrows[pk{pt, e}]++
				wantOut[pk{pf, e}]++
				wantIn[pk{pt, e}]++
			}
		}
	}
	gotArrows, gotIn, gotOut := map[pk]int{}, map[pk]int{}, map[pk]int{}
	for pi, p := range c.dg.Pages {
		for _, a := range p.Arrows {
			gotArrows[pk{pi, edgeKey{a.From, a.To}}]++
		}
		for _, k := range p.Connectors {
			if k.In {
				gotIn[pk{pi, edgeKey{k.From, k.To}}]++
			} else {
				gotOut[pk{pi, edgeKey{k.From, k.To}}]++
			}
		}
	}
	for _, m := range []struct {
		what      string
		want, got map[pk]int
	}{{"arrows", wantArrows, gotArrows}, {"in-connectors", wantIn, gotIn}, {"out-connectors", wantOut, gotOut}} {
		for k, w := range m.want {
			if m.got[k] != w {
				c.fail("page %d: %d %s for %s→%s, want %d", k.page+1, m.got[k], m.what, k.e.from, k.e.to, w)
			}
		}
		for k, g := range m.got {
			if m.want[k] == 0 {
				c.fail("page %d: %d %s for %s→%s, want none", k.page+1, g, m.what, k.e.from, k.e.to)
			}
		}
	}
}

// checkConnectors checks that every letter names one pair, as workshops
// teach it: an out connector in the band below the last row of the page
// its arrow leaves, an in connector in the band above the first row of
// the page it enters, whichever way the arrow runs (a rework loop to an
// earlier page may take the other band, flipLoops); and that the letters
// are met in reading order, page by page, the band above the rows left
// to right, then the band below: a letter not met before is the next one.
func (c *checker) checkConnectors(rowPage []int) {
	type place struct {
		page int
		k    Connector
	}
	byLetter := map[string][]place{}
	seen := 0
	for pi, p := range c.dg.Pages {
		top := p.Rows[0].Y
		last := p.Rows[len(p.Rows)-1]
		conns := slices.Clone(p.Connectors)
		slices.SortStableFunc(conns, func(a, b Connector) int {
			return cmp.Or(cmp.Compare(a.Y, b.Y), cmp.Compare(a.X, b.X))
		})
		for _, k := range conns {
			if len(byLetter[k.Letter]) == 0 {
				if want := letterName(seen); k.Letter != want {
					c.fail("page %d connector %s is met before %s", p.Number, k.Letter, want)
				}
				seen++
			}
			byLetter[k.Letter] = append(byLetter[k.Letter], place{pi, k})
			below := k.Y >= last.Y+last.H-tol
			above := k.Y+k.H <= top+tol
			// A rework loop's connector may stand in the other band, where
			// the other would cross arrows (flipLoops).
			loop := c.d.StepIndex(k.To) < c.d.StepIndex(k.From)
			if !above && !below || (k.In && !above || !k.In && !below) && !loop {
				c.fail("page %d connector %s (in %v) is in the wrong band", p.Number, k.Letter, k.In)
			}
			if k.W <= 0 || k.H <= 0 {
				c.fail("page %d connector %s has no size", p.Number, k.Letter)
			}
			// It points the way its arrow runs: up for an in-connector
			// below the rows or an out-connector above them.
			if up := k.In && below || !k.In && above; k.Up != up {
				c.fail("page %d connector %s (in %v) points up %v, want %v", p.Number, k.Letter, k.In, k.Up, up)
			}
		}
	}
	for l, ps := range byLetter {
		if len(ps) != 2 {
			c.fail("letter %s is used %d times", l, len(ps))
			continue
		}
		out, in := ps[0], ps[1]
		if out.k.In {
			out, in = in, out
		}
		if out.k.In || !in.k.In || out.k.From != in.k.From || out.k.To != in.k.To {
			c.fail("letter %s does not join an out and an in connector of one edge", l)
			continue
		}
		if from, to := rowPage[c.d.StepIndex(out.k.From)], rowPage[c.d.StepIndex(out.k.To)]; out.page != from || in.page != to || from == to {
			c.fail("letter %s: out on page %d, in on page %d, for an arrow from page %d to page %d", l, out.page+1, in.page+1, from+1, to+1)
		}
	}
}

func (c *checker) checkLabels(rowPage []int) {
	x0, x1 := c.lanes()
	for pi, p := range c.dg.Pages {
		shapes := pageShapes(&p)
		var labels []Rect
		starts := map[string][]Arrow{}
		for _, a := range p.Arrows {
			i := c.d.StepIndex(a.From)
			fromSymbol := rowPage[i] == pi
			if fromSymbol {
				starts[a.From] = append(starts[a.From], a)
			}
			isExit := fromSymbol && c.d.Steps[i].Decision != nil
			if (a.Label != nil) != isExit {
				c.fail("page %d arrow %s→%s: label %v, want one: %v", p.Number, a.From, a.To, a.Label, isExit)
				continue
			}
			if a.Label == nil {
				continue
			}
			l := a.Label
			for _, sh := range shapes {
				if labelOverlaps(l.Rect, sh) {
					c.fail("page %d label %q overlaps %s", p.Number, l.Text, sh.name)
				}
			}
			for _, o := range labels {
				if rectsOverlap(l.Rect, o) {
					c.fail("page %d label %q overlaps another label", p.Number, l.Text)
				}
			}
			labels = append(labels, l.Rect)
			if l.X < x0 || l.X+l.W > x1 {
				c.fail("page %d label %q outside the actor columns", p.Number, l.Text)
			}
			for _, line := range l.Lines {
				if w := c.m.Width(line, LabelSize, false); w > l.W+tol {
					c.fail("page %d label %q is %.2f wide, its line %q %.2f", p.Number, l.Text, l.W, line, w)
				}
			}
			if !readsAsLabel(l.Lines, l.Text) {
				c.fail("page %d label %q reads %q", p.Number, l.Text, l.Lines)
			}
		}
		for _, s := range p.Symbols {
			i := c.d.StepIndex(s.Step)
			dec := c.d.Steps[i].Decision
			if dec == nil {
				continue
			}
			c.checkExits(p, s, dec, starts[s.Step])
		}
	}
}

// labelOverlaps reports whether a label at r shares interior with a
// shape: a diamond's own outline, not its bounding box, so that a label
// may stand beside its slope.
func labelOverlaps(r Rect, s shape) bool {
	if !rectsOverlap(r, s.r) {
		return false
	}
	if s.kind != Decision {
		return true
	}
	hw, hh := s.r.W/2, s.r.H/2
	cx, cy := s.r.X+hw, s.r.Y+hh
	x := min(max(cx, r.X), r.X+r.W)
	y := min(max(cy, r.Y), r.Y+r.H)
	return math.Abs(x-cx)/hw+math.Abs(y-cy)/hh < 1-tol/min(hw, hh)
}

// readsAsLabel reports whether the lines of a label read its text: the
// same characters but white space, where a hyphen ending a line may be
// one that wrapping added to a word broken between syllables.
func readsAsLabel(lines []string, text string) bool {
	if len(lines) == 0 {
		return false
	}
	joined := ""
	for i, l := range lines {
		if i < len(lines)-1 && strings.HasSuffix(l, "-") && !strings.Contains(text, squeeze(l)) {
			l = strings.TrimSuffix(l, "-")
		}
		joined += l
	}
	return squeeze(joined) == squeeze(text)
}

// checkExits checks a decision's two arrows: their labels, and that they
// leave from two different vertices of the diamond.
func (c *checker) checkExits(p Page, s Symbol, dec *esop.Decision, arrows []Arrow) {
	if len(arrows) != 2 {
		c.fail("page %d decision %q has %d exits", p.Number, s.Step, len(arrows))
		return
	}
	yes, no := dec.Labels()
	for _, a := range arrows {
		if a.Label == nil {
			continue
		}
		if dec.Yes != dec.No {
			want := yes
			if a.To == dec.No {
				want = no
			}
			if a.Label.Text != want {
				c.fail("page %d exit %s→%s labelled %q, want %q", p.Number, a.From, a.To, a.Label.Text, want)
			}
		}
	}
	if arrows[0].Label != nil && arrows[1].Label != nil && dec.Yes == dec.No &&
		!(arrows[0].Label.Text == yes && arrows[1].Label.Text == no) && !(arrows[0].Label.Text == no && arrows[1].Label.Text == yes) {
		c.fail("page %d decision %q labels %q and %q", p.Number, s.Step, arrows[0].Label.Text, arrows[1].Label.Text)
	}
	a, b := arrows[0].Points[0], arrows[1].Points[0]
	if math.Abs(a.X-b.X) < tol && math.Abs(a.Y-b.Y) < tol {
		c.fail("page %d decision %q: both exits leave from %v", p.Number, s.Step, a)
	}
	cx, cy := s.X+s.W/2, s.Y+s.H/2
	vertices := []Point{{cx, s.Y + s.H}, {s.X, cy}, {s.X + s.W, cy}}
	// The top vertex too where no arrow enters there: a loop rises from it
	// where the flow came in by a side (riseLoops).
	top := Point{cx, s.Y}
	if !slices.ContainsFunc(p.Arrows, func(a Arrow) bool {
		e := a.Points[len(a.Points)-1]
		return a.To == s.Step && math.Abs(e.X-top.X) <= tol && math.Abs(e.Y-top.Y) <= tol
	}) {
		vertices = append(vertices, top)
	}
	for _, q := range []Point{a, b} {
		if !slices.ContainsFunc(vertices, func(v Point) bool { return math.Abs(v.X-q.X) <= tol && math.Abs(v.Y-q.Y) <= tol }) {
			c.fail("page %d decision %q: an exit leaves from %v, not a vertex", p.Number, s.Step, q)
		}
	}
}

func (c *checker) checkCells() {
	for _, p := range c.dg.Pages {
		texts := map[string][]string{}
		for _, cl := range p.Cells {
			if cl.Size <= 0 {
				c.fail("page %d cell %v has no size", p.Number, cl.Rect)
			}
			slack := 0.001
			if cl.Bold {
				slack += headerSlack // a header title may reach a hair into its padding (fitHeader)
			}
			for _, line := range cl.Lines {
				if w := drawnWidth(c.m, cl, line); w > cl.W-2*CellPadX+slack {
					c.fail("page %d cell %v: line %q is %.2f wide", p.Number, cl.Rect, line, w)
				}
			}
			if h := float64(len(cl.Lines))*LineHeight(cl.Size) + 2*CellPadY; h > cl.H+0.001 {
				c.fail("page %d cell %v: %d lines need %.2f", p.Number, cl.Rect, len(cl.Lines), h)
			}
			for _, col := range c.dg.Columns {
				if !cl.Bold && col.X == cl.X {
					texts[col.Kind] = append(texts[col.Kind], strings.Join(cl.Lines, " "))
				}
			}
		}
		for _, r := range p.Rows {
			s := &c.d.Steps[r.Index]
			want := wantCellTexts(s)
			got := map[string][]string{}
			for _, cl := range p.Cells {
				if !cl.Bold && cl.Y == r.Y {
					for _, col := range c.dg.Columns {
						if col.X == cl.X {
							got[col.Kind] = cl.Lines
						}
					}
				}
			}
			for j, kind := range []string{colActivity, colRequirements, colTime, colOutput, colNote} {
				if !readsAs(got[kind], want[j]) {
					c.fail("step %q %s cell reads %q, want %q", s.ID, kind, got[kind], want[j])
				}
			}
			if strings.Join(got[colNo], "") != fmt.Sprint(r.Index+1) {
				c.fail("step %q numbered %q", s.ID, got[colNo])
			}
		}
	}
}

// squeeze drops white space, which line breaking may remove.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// wantCellTexts returns what the text cells of a step must read:
// activity, requirements, time, output and note, a MUTU BAKU field left
// empty printed as "-", an empty note left blank.
func wantCellTexts(s *esop.Step) [5]string {
	dash := func(v string) string {
		if strings.TrimSpace(v) == "" {
			return "-"
		}
		return v
	}
	var req []string
	for _, r := range s.Requirements {
		if len(s.Requirements) > 1 {
			r = "- " + r
		}
		req = append(req, r)
	}
	return [5]string{s.Activity, dash(strings.Join(req, " ")), dash(s.Time.Indonesian()), dash(s.Output), s.Note}
}

// readsAs reports whether lines read text: the same characters but
// white space, where a hyphen ending a line may be one that wrapping
// added to a word broken between syllables.
func readsAs(lines []string, text string) bool {
	want := squeeze(text)
	k := 0
	for i, line := range lines {
		l := squeeze(line)
		for j := 0; j < len(l); j++ {
			switch {
			case k < len(want) && want[k] == l[j]:
				k++
			case l[j] == '-' && j == len(l)-1 && i < len(lines)-1:
				// a hyphen added at a break
			default:
				return false
			}
		}
	}
	return k == len(want)
}

func (c *checker) checkTotal() {
	want := ""
	if t := esop.TotalTime(c.d); !t.IsZero() {
		want = "Jumlah waktu: " + t.Indonesian()
	}
	if c.dg.Total != want {
		c.fail("total %q, want %q", c.dg.Total, want)
	}
	for i, p := range c.dg.Pages {
		last := i == len(c.dg.Pages)-1
		if (p.TotalAt != Rect{}) != (last && want != "") {
			c.fail("page %d total at %v", p.Number, p.TotalAt)
			continue
		}
		if p.TotalAt.H == 0 {
			continue
		}
		r := p.Rows[len(p.Rows)-1]
		if p.TotalAt.Y < r.Y+r.H-tol {
			c.fail("total at %v is not under the last row", p.TotalAt)
		}
		if strings.Join(c.dg.TotalLines, " ") != want {
			c.fail("total printed as %q, want %q", c.dg.TotalLines, want)
		}
		for _, line := range c.dg.TotalLines {
			if w := c.m.Width(line, c.dg.BodySize, true) + 2*CellPadX; w > p.TotalAt.W+tol {
				c.fail("total line %q needs %.2f, has %.2f", line, w, p.TotalAt.W)
			}
		}
		// A time that fits a line stands whole under its label, never
		// cut in two ("Jumlah waktu: 1 bulan / 2 minggu …").
		if label, value, ok := strings.Cut(want, ": "); ok && len(c.dg.TotalLines) > 1 &&
			max(c.m.Width(value, c.dg.BodySize, true), c.m.Width(value, c.dg.BodySize, false))+2*CellPadX < p.TotalAt.W-tol &&
			!slices.Equal(c.dg.TotalLines, []string{label + ":", value}) {
			c.fail("total printed as %q, where %q fits a line under %q", c.dg.TotalLines, value, label+":")
		}
		if float64(len(c.dg.TotalLines))*LineHeight(c.dg.BodySize)+2*CellPadY > p.TotalAt.H+tol {
			c.fail("total row %.2f high is too low for %d lines", p.TotalAt.H, len(c.dg.TotalLines))
		}
		// Under the MUTU BAKU columns; over the pelaksana's on one line
		// only where the page has no room for a line more.
		if mutu := c.dg.Columns[len(c.d.Actors)+2]; p.TotalAt.X < mutu.X-tol {
			ket := c.dg.Columns[len(c.dg.Columns)-1]
			lines := wrapQuantities(c.m, want, c.dg.BodySize, ket.X+ket.W-mutu.X-2*CellPadX-0.01)
			if len(c.dg.TotalLines) > 1 || p.TotalAt.Y+textHeight(len(lines), c.dg.BodySize) <= c.dg.Frame.Bottom-tol {
				c.fail("total at %v starts left of KELENGKAPAN at %.2f with room for its %d lines under it", p.TotalAt, mutu.X, len(lines))
			}
		}
	}
}

// checkMargins checks that everything on every page stays inside the margins.
func (c *checker) checkMargins() {
	lo := Point{c.dg.Margin - 0.001, c.dg.Margin - 0.001}
	hi := Point{c.dg.Paper.W - c.dg.Margin + 0.001, c.dg.Paper.H - c.dg.Margin + 0.001}
	in := func(what string, p Point) {
		if p.X < lo.X || p.Y < lo.Y || p.X > hi.X || p.Y > hi.Y {
			c.fail("%s at %v is outside the margins", what, p)
		}
	}
	rect := func(what string, r Rect) {
		in(what, Point{r.X, r.Y})
		in(what, Point{r.X + r.W, r.Y + r.H})
	}
	for _, p := range c.dg.Pages {
		for _, x := range p.Cells {
			rect("cell", x.Rect)
		}
		for _, x := range p.Rules {
			in("rule", x.A)
			in("rule", x.B)
			// The rule's ink, half RuleWidth either side of its line,
			// keeps Margin from the paper's edges (official-layout.md).
			for _, q := range []Point{x.A, x.B} {
				if min(q.X, q.Y)-RuleWidth/2 < Margin-1e-9 || q.X+RuleWidth/2 > c.dg.Paper.W-Margin+1e-9 || q.Y+RuleWidth/2 > c.dg.Paper.H-Margin+1e-9 {
					c.fail("the ink of the rule at %v reaches within %v mm of the paper's edge", q, Margin)
				}
			}
		}
		for _, x := range p.Rows {
			rect("row", Rect{X: c.dg.Margin, Y: x.Y, H: x.H})
		}
		for _, x := range p.Symbols {
			rect("symbol", x.Rect)
		}
		for _, x := range p.Connectors {
			rect("connector", x.Rect)
		}
		for _, a := range p.Arrows {
			for _, q := range a.Points {
				in("arrow", q)
			}
			if a.Label != nil {
				rect("label", a.Label.Rect)
			}
		}
		if p.TotalAt.H > 0 {
			rect("total", p.TotalAt)
		}
	}
}

// checkRounding checks that coordinates are rounded to 0.01 mm.
func (c *checker) checkRounding() {
	bad := func(v float64) bool { return math.Abs(v*100-math.Round(v*100)) > 1e-6 }
	r := func(what string, x Rect) {
		if bad(x.X) || bad(x.Y) || bad(x.W) || bad(x.H) {
			c.fail("%s %v is not rounded", what, x)
		}
	}
	for _, col := range c.dg.Columns {
		r("column", Rect{X: col.X, W: col.W})
	}
	for _, p := range c.dg.Pages {
		for _, x := range p.Cells {
			r("cell", x.Rect)
		}
		for _, x := range p.Symbols {
			r("symbol", x.Rect)
		}
		for _, x := range p.Connectors {
			r("connector", x.Rect)
		}
		for _, x := range p.Rows {
			r("row", Rect{Y: x.Y, H: x.H})
		}
		for _, a := range p.Arrows {
			for _, q := range a.Points {
				r("point", Rect{X: q.X, Y: q.Y})
			}
			if a.Label != nil {
				r("label", a.Label.Rect)
			}
		}
		for _, x := range p.Rules {
			r("rule", Rect{X: x.A.X, Y: x.A.Y, W: x.B.X, H: x.B.Y})
		}
		r("total", p.TotalAt)
	}
}

// checkRefs checks the references of the connector bands (connectorRefs):
// every connector whose pair a reader does not find by turning the page
// (out under the rows of one page, in over the rows of the next) is
// named in its band's KEGIATAN cell with the number of the activity its
// arrow comes from or goes to (the others too, unless the band has no
// room for them), in the order their pentagons stand from left to
// right, and the cell lies in its band with its lines fitting it.
func (c *checker) checkRefs() {
	byLetter := map[string][]int{}
	for pi, p := range c.dg.Pages {
		for _, k := range p.Connectors {
			byLetter[k.Letter] = append(byLetter[k.Letter], pi)
		}
	}
	num := func(id string) string { return fmt.Sprint(c.d.StepIndex(id) + 1) }
	keg := c.dg.Columns[1]
	for pi, p := range c.dg.Pages {
		if len(p.Rows) == 0 {
			continue
		}
		first, last := p.Rows[0], p.Rows[len(p.Rows)-1]
		text := map[bool]string{} // above → the band's words
		for _, r := range p.Refs {
			above := r.Y+r.H <= first.Y+tol
			if !above && r.Y < last.Y+last.H-tol {
				c.fail("page %d: connector references %q stand among the rows", p.Number, r.Lines)
			}
			if abs(r.X-keg.X) > tol || abs(r.W-keg.W) > tol || r.Size < minLabelSize {
				c.fail("page %d: connector references %q not in the KEGIATAN cell at %.0f pt", p.Number, r.Lines, r.Size)
			}
			if float64(len(r.Lines))*LineHeight(r.Size)+2*refPadY > r.H+tol {
				c.fail("page %d: %d lines of connector references in a band %.2f mm high", p.Number, len(r.Lines), r.H)
			}
			// Two lines or more keep a cell's padding from the rules
			// (refsTallLines): at refPadY their descenders stood 0.4 mm
			// over the rule under them.
			if len(r.Lines) >= refsTallLines && r.Size == c.dg.BodySize && float64(len(r.Lines))*LineHeight(r.Size)+2*CellPadY > r.H+tol {
				c.fail("page %d: %d lines of connector references in a band %.2f mm high, less than a cell's padding from its rules", p.Number, len(r.Lines), r.H)
			}
			for _, line := range r.Lines {
				if w := c.m.Width(line, r.Size, false); w > r.W-2*CellPadX+tol {
					c.fail("page %d: connector reference line %q %.2f mm wide in %.2f", p.Number, line, w, r.W-2*CellPadX)
				}
			}
			text[above] += " " + strings.Join(r.Lines, " ") + " "
			// In the order the band's pentagons stand, left to right.
			at := map[string]float64{}
			for _, k := range p.Connectors {
				if (k.Y+k.H <= first.Y+tol) == above {
					at[k.Letter] = k.X
				}
			}
			prev := ""
			for _, item := range strings.Split(strings.Join(r.Lines, " "), ", ") {
				letter, _, _ := strings.Cut(item, " ")
				x, ok := at[letter]
				if !ok {
					c.fail("page %d: connector references %q name %s, no pentagon of their band", p.Number, r.Lines, letter)
				}
				if prev != "" && (at[prev] > x+tol || abs(at[prev]-x) <= tol && compareLetter(prev, letter) >= 0) {
					c.fail("page %d: connector references %q not in the order of their pentagons", p.Number, r.Lines)
				}
				prev = letter
			}
		}
		for _, k := range p.Connectors {
			above := k.Y+k.H <= first.Y+tol
			other := -1
			for _, o := range byLetter[k.Letter] {
				if o != pi {
					other = o
				}
			}
			if other < 0 {
				continue
			}
			op := c.dg.Pages[other]
			otherAbove := false
			for _, o := range op.Connectors {
				if o.Letter == k.Letter {
					otherAbove = o.Y+o.H <= op.Rows[0].Y+tol
				}
			}
			turned := !k.In && !above && other == pi+1 && otherAbove || k.In && above && other == pi-1 && !otherAbove
			want := k.Letter + " ke kegiatan " + num(k.To)
			short := k.Letter + " ke " + num(k.To)
			if k.In {
				want, short = k.Letter+" dari kegiatan "+num(k.From), k.Letter+" dari "+num(k.From)
			}
			named := strings.Contains(text[above], " "+want+",") || strings.Contains(text[above], " "+want+" ") ||
				strings.Contains(text[above], " "+short+",") || strings.Contains(text[above], " "+short+" ")
			switch {
			case !turned && !named:
				c.fail("page %d: connector %s (pair on page %d) not named in its band: %q", p.Number, k.Letter, other+1, text[above])
			}
		}
	}
}

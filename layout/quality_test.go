package layout

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// What a reviewer of a printed flowchart checks beyond the geometry being
// sound (see invariants_test.go): arrows that cross where they need not,
// crossings that read as junctions, arrows along table rules, arrowheads
// crowding one side of a symbol, and decision labels cut by a rule or an
// arrow. The thresholds are in millimetres on the paper.
const (
	ruleClearance     = 1.5 // an arrow running along a table rule keeps at least this far from it
	headSpacing       = 3.0 // two arrowheads entering one side of a shape
	crossingClearance = 3.0 // a crossing from the outline of any symbol or connector
	minLabelSize      = 7.0 // points: nothing printed smaller
)

// officeFiles are the six documents written by other offices that issue 9
// measured: a Plt signer with a loop back across pages, a Plh signer with
// week and month times, nine pelaksana, two ends, a draft of eighteen rows
// and a 200-step document.
var officeFiles = []string{"office-plt-loop-back.json", "office-plh-weeks-months.json", "office-nine-pelaksana.json",
	"office-two-ends.json", "office-draft-18-rows.json", "office-200-steps.json"}

// crossingsBefore is the number of arrow–arrow crossings on the six office
// documents, A4 and F4 together, before routing chose among candidate
// routes by the crossings they cause: measured with TestOfficeCrossings
// on commit b9d1466 (9 pt text), see docs/benchmarks.md.
const crossingsBefore = 170

// diagramCrossings returns the number of arrow–arrow crossings on all pages.
func diagramCrossings(dg *Diagram) int {
	n := 0
	for i := range dg.Pages {
		n += len(crossingPoints(&dg.Pages[i]))
	}
	return n
}

// rectDistance returns the distance from p to the nearest point of r (0 inside).
func rectDistance(p Point, r Rect) float64 {
	dx := max(r.X-p.X, 0, p.X-(r.X+r.W))
	dy := max(r.Y-p.Y, 0, p.Y-(r.Y+r.H))
	return math.Hypot(dx, dy)
}

// crossingsNearShapes returns a description of every crossing closer than
// crossingClearance to a symbol or connector, where it reads as a junction.
func crossingsNearShapes(p *Page) []string {
	var out []string
	shapes := pageShapes(p)
	for _, c := range crossingPoints(p) {
		for _, sh := range shapes {
			if d := rectDistance(c.Point, sh.r); d < crossingClearance-tol {
				out = append(out, fmt.Sprintf("page %d: arrows %s→%s and %s→%s cross at %v, %.2f mm from %s", p.Number,
					p.Arrows[c.a].From, p.Arrows[c.a].To, p.Arrows[c.b].From, p.Arrows[c.b].To, c.Point, d, sh.name))
			}
		}
	}
	return out
}

// runsAlongRules returns a description of every arrow run that runs
// parallel to a table rule closer than ruleClearance over some length.
// Crossing a rule at right angles is fine.
func runsAlongRules(p *Page) []string {
	var out []string
	for _, s := range segments(p) {
		for _, r := range p.Rules {
			if d, ok := alongside(s.a, s.b, r.A, r.B); ok && d < ruleClearance-tol {
				a := p.Arrows[s.arrow]
				out = append(out, fmt.Sprintf("page %d arrow %s→%s: run %v–%v is %.2f mm from the rule %v–%v",
					p.Number, a.From, a.To, s.a, s.b, d, r.A, r.B))
			}
		}
	}
	return out
}

// alongside reports the distance between two parallel axis-aligned
// segments that overlap along their direction by more than tol.
func alongside(a, b, c, d Point) (float64, bool) {
	switch {
	case a.Y == b.Y && c.Y == d.Y:
		lo, hi := max(min(a.X, b.X), min(c.X, d.X)), min(max(a.X, b.X), max(c.X, d.X))
		return math.Abs(a.Y - c.Y), hi-lo > tol
	case a.X == b.X && c.X == d.X:
		lo, hi := max(min(a.Y, b.Y), min(c.Y, d.Y)), min(max(a.Y, b.Y), max(c.Y, d.Y))
		return math.Abs(a.X - c.X), hi-lo > tol
	}
	return 0, false
}

// headSide returns the side of a shape an arrow ending at q with its last
// run from p enters: the direction it travels names the side.
func headSide(p, q Point) string {
	switch {
	case q.Y > p.Y:
		return "top"
	case q.Y < p.Y:
		return "bottom"
	case q.X > p.X:
		return "left"
	}
	return "right"
}

// crowdedHeads returns a description of every pair of arrowheads that
// enter one symbol or connector closer than headSpacing: on one side, or
// on two sides where they meet, as an arrow down into a diamond's slope
// and one along into the same slope from its side (soak seed 18 #105:
// the two heads 0.3 mm apart read as one).
func crowdedHeads(p *Page) []string {
	type head struct {
		side string
		at   Point
	}
	heads := map[string][]head{}
	var keys []string
	for _, a := range p.Arrows {
		n := len(a.Points)
		if n < 2 {
			continue
		}
		end := a.Points[n-1]
		k := a.To
		for _, c := range p.Connectors {
			if onOutline(end, shape{kind: OffPage, r: c.Rect}) {
				k = "connector " + c.Letter
			}
		}
		if len(heads[k]) == 0 {
			keys = append(keys, k)
		}
		heads[k] = append(heads[k], head{headSide(a.Points[n-2], end), end})
	}
	var out []string
	for _, k := range keys {
		hs := heads[k]
		for i := range hs {
			for j := i + 1; j < len(hs); j++ {
				d := math.Hypot(hs[i].at.X-hs[j].at.X, hs[i].at.Y-hs[j].at.Y)
				if d >= headSpacing-tol {
					continue
				}
				if hs[i].side == hs[j].side {
					out = append(out, fmt.Sprintf("page %d: two arrowheads enter the %s of %s %.2f mm apart (%v, %v)",
						p.Number, hs[i].side, k, d, hs[i].at, hs[j].at))
				} else {
					out = append(out, fmt.Sprintf("page %d: two arrowheads enter %s from its %s and its %s %.2f mm apart (%v, %v)",
						p.Number, k, hs[i].side, hs[j].side, d, hs[i].at, hs[j].at))
				}
			}
		}
	}
	return out
}

// labelFaults returns a description of every decision label that is not
// inside its decision's cell (the decision's row in its actor's column)
// or, along an exit that leaves a side vertex and runs on through the
// next column, inside that column's cell right over or under the run, or
// beside the run after the exit's turn in that column, or beside that
// run in the next row when it turns in its own column (besideRise); is
// crossed by a rule or an arrow, is set below minLabelSize, or does not
// hold its lines.
func labelFaults(d *esop.Document, dg *Diagram, p *Page, m Measurer) []string {
	var out []string
	rows := map[string]Row{}
	for _, r := range p.Rows {
		rows[r.Step] = r
	}
	for _, a := range p.Arrows {
		l := a.Label
		if l == nil {
			continue
		}
		name := fmt.Sprintf("page %d label %q of %s→%s", p.Number, l.Text, a.From, a.To)
		i := d.StepIndex(a.From)
		col := dg.Columns[2+actorIndex(d, d.Steps[i].Actor)]
		r := rows[a.From]
		cell := Rect{X: col.X, Y: r.Y, W: col.W, H: r.H}
		if !within(l.Rect, cell) && !alongSideRun(dg, a, r, l.Rect) && !besideTurn(dg, a, r, l.Rect) && !besideRise(dg, p, a, r, l.Rect) {
			out = append(out, fmt.Sprintf("%s at %v is not inside its cell %v", name, l.Rect, cell))
		}
		for _, rule := range p.Rules {
			if segHitsRect(rule.A, rule.B, l.Rect) {
				out = append(out, fmt.Sprintf("%s at %v is cut by the rule %v–%v", name, l.Rect, rule.A, rule.B))
			}
		}
		for _, b := range p.Arrows {
			for j := 0; j+1 < len(b.Points); j++ {
				if segHitsRect(b.Points[j], b.Points[j+1], l.Rect) {
					out = append(out, fmt.Sprintf("%s at %v is crossed by arrow %s→%s", name, l.Rect, b.From, b.To))
				}
			}
		}
		lines := l.Lines
		if h := float64(len(lines)) * LineHeight(LabelSize); h > l.H+tol {
			out = append(out, fmt.Sprintf("%s: %d lines need %.2f mm, it has %.2f", name, len(lines), h, l.H))
		}
		for _, line := range lines {
			if w := m.Width(line, LabelSize, false); w > l.W+tol {
				out = append(out, fmt.Sprintf("%s: line %q is %.2f mm wide, the label %.2f", name, line, w, l.W))
			}
		}
		if dec := d.Steps[i].Decision; dec.Yes != dec.No && !readsAsLabel(lines, labelText(d, i, a.To)) {
			out = append(out, fmt.Sprintf("%s reads %q", name, strings.Join(lines, " ")))
		}
	}
	return out
}

// alongSideRun reports whether label l of arrow a stands in the cell of
// an actor column in row r that the arrow's first run, leaving a side of
// its diamond, crosses whole beneath or above l: no farther from the run
// than labelGap and the room breatheOver gives, over its length.
func alongSideRun(dg *Diagram, a Arrow, r Row, l Rect) bool {
	if len(a.Points) < 2 || a.Points[0].Y != a.Points[1].Y {
		return false
	}
	x1, x2, y := min(a.Points[0].X, a.Points[1].X), max(a.Points[0].X, a.Points[1].X), a.Points[0].Y
	// Over a run that turns down at its end (cornerExits, midRuns) a
	// label may reach past the turn: nothing runs under it there; under a
	// run that turns up (a loop back, midRuns), likewise.
	over, under := l.Y+l.H <= y+tol, l.Y >= y-tol
	down := len(a.Points) > 2 && a.Points[2].Y > a.Points[1].Y
	up := len(a.Points) > 2 && a.Points[2].Y < a.Points[1].Y
	past := over && down || under && up
	left, right := a.Points[1].X < a.Points[0].X, a.Points[1].X > a.Points[0].X
	if l.X < x1 && !(past && left) || l.X+l.W > x2 && !(past && right) {
		return false
	}
	if d := min(math.Abs(l.Y+l.H-y), math.Abs(l.Y-y)); d > labelGap+labelBreathOver+0.05 {
		return false
	}
	for _, col := range dg.Columns {
		if col.Kind == "actor" && within(l, Rect{X: col.X, Y: r.Y, W: col.W, H: r.H}) {
			return true
		}
	}
	return false
}

// labelText returns the label of the exit of decision i to step id.
func labelText(d *esop.Document, i int, to string) string {
	dec := d.Steps[i].Decision
	yes, no := dec.Labels()
	if to == dec.No {
		return no
	}
	return yes
}

// qualityFaults returns every fault a reviewer would mark on the diagram,
// crossings aside.
func qualityFaults(d *esop.Document, dg *Diagram, m Measurer) []string {
	var out []string
	for i := range dg.Pages {
		p := &dg.Pages[i]
		out = append(out, crossingsNearShapes(p)...)
		out = append(out, runsAlongRules(p)...)
		out = append(out, crowdedHeads(p)...)
		out = append(out, labelFaults(d, dg, p, m)...)
	}
	return out
}

// officeReport lays out the six office documents on A4 and F4 and returns
// the crossings of each and the faults of all.
func officeReport(t testing.TB) (total int, lines, faults []string) {
	m := ApproxMeasure()
	for _, f := range officeFiles {
		d := readDocument(t, filepath.Join("testdata", f))
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			dg, err := Layout(d, &Options{Paper: paper})
			if err != nil {
				t.Fatalf("%s %s: %v", f, paper, err)
			}
			n := diagramCrossings(dg)
			total += n
			lines = append(lines, fmt.Sprintf("%-32s %s  %2d pages  %3d crossings", f, paper, len(dg.Pages), n))
			if testing.Verbose() {
				for i := range dg.Pages {
					p := &dg.Pages[i]
					for _, c := range crossingPoints(p) {
						lines = append(lines, fmt.Sprintf("    page %d: %s→%s crosses %s→%s at %v", p.Number,
							p.Arrows[c.a].From, p.Arrows[c.a].To, p.Arrows[c.b].From, p.Arrows[c.b].To, c.Point))
					}
				}
			}
			for _, s := range qualityFaults(d, dg, m) {
				faults = append(faults, f+" "+paper+": "+s)
			}
		}
	}
	return total, lines, faults
}

// TestLabelsAtLeastSevenPoints checks the size decision labels and
// connector letters are set at: official-layout.md prints nothing on a
// page below 7 pt.
func TestLabelsAtLeastSevenPoints(t *testing.T) {
	if LabelSize < minLabelSize {
		t.Errorf("labels are set at %v pt, below %v pt", LabelSize, minLabelSize)
	}
}

// TestOfficeCrossings reports the crossings on the six office documents
// (go test -run TestOfficeCrossings -v ./layout) and holds them to a
// quarter of what they were before routing counted crossings.
func TestOfficeCrossings(t *testing.T) {
	total, lines, faults := officeReport(t)
	t.Logf("crossings on the six office documents, A4 and F4:\n%s\ntotal %d (before: %d)", strings.Join(lines, "\n"), total, crossingsBefore)
	if total > crossingsBefore/4 {
		t.Errorf("%d crossings on the six office documents, more than a quarter of the %d before", total, crossingsBefore)
	}
	sort.Strings(faults)
	for _, f := range faults {
		t.Error(f)
	}
}

// TestSameRoutesOnA4AndF4 checks that a page whose rows are the same on
// A4 and on F4 has the same routes on both: routes depend on the rows
// and columns of a page, not on the width of the paper.
func TestSameRoutesOnA4AndF4(t *testing.T) {
	names, docs := corpus(t)
	compared := 0
	for i, d := range docs {
		a4, err := Layout(d, &Options{Paper: esop.PaperA4})
		if err != nil {
			t.Fatal(err)
		}
		f4, err := Layout(d, &Options{Paper: esop.PaperF4})
		if err != nil {
			t.Fatal(err)
		}
		for pi := range min(len(a4.Pages), len(f4.Pages)) {
			pa, pf := &a4.Pages[pi], &f4.Pages[pi]
			if !sameRows(pa, pf) {
				break
			}
			compared++
			sa, sf := sigText(routeSignature(a4.Columns, pa)), sigText(routeSignature(f4.Columns, pf))
			if !slices.Equal(sa, sf) {
				t.Errorf("%s page %d routes differ:\n  A4 %s\n  F4 %s", names[i], pa.Number,
					strings.Join(sa, "\n     "), strings.Join(sf, "\n     "))
			}
		}
	}
	if compared < 100 {
		t.Errorf("only %d pages had the same rows on A4 and F4", compared)
	}
}

// besideRise reports whether label l of arrow a, which leaves a side of
// its diamond in row r and turns up or down within the diamond's column,
// stands in the cell of that column in the row next to r, which is not
// the arrow's target, beside that run (riseCell).
func besideRise(dg *Diagram, p *Page, a Arrow, r Row, l Rect) bool {
	if len(a.Points) < 3 || a.Points[0].Y != a.Points[1].Y || a.Points[1].X != a.Points[2].X {
		return false
	}
	x, y1, y2 := a.Points[1].X, min(a.Points[1].Y, a.Points[2].Y), max(a.Points[1].Y, a.Points[2].Y)
	for k, row := range p.Rows {
		if row.Step != r.Step {
			continue
		}
		next := k + 1
		if a.Points[2].Y < a.Points[1].Y {
			next = k - 1
		}
		if next < 0 || next >= len(p.Rows) {
			return false
		}
		nr := p.Rows[next]
		if a.To == nr.Step || l.Y < y1-tol || l.Y+l.H > y2+tol {
			return false
		}
		if d := min(math.Abs(l.X-x), math.Abs(l.X+l.W-x)); d > alongVertOff+labelGap+0.05 {
			return false
		}
		for _, col := range dg.Columns {
			if col.Kind == "actor" && x > col.X && x < col.X+col.W && within(l, Rect{X: col.X, Y: nr.Y, W: col.W, H: nr.H}) {
				return true
			}
		}
	}
	return false
}

// besideTurn reports whether label l of arrow a stands in the cell of an
// actor column in row r beside the arrow's second run, which turns up or
// down where the first, leaving a side of its diamond, ends: the whole
// label within the run's length, no farther from it than alongVertOff
// and a little (labelBeyondTurn).
func besideTurn(dg *Diagram, a Arrow, r Row, l Rect) bool {
	if len(a.Points) < 3 || a.Points[0].Y != a.Points[1].Y || a.Points[1].X != a.Points[2].X {
		return false
	}
	x, y1, y2 := a.Points[1].X, min(a.Points[1].Y, a.Points[2].Y), max(a.Points[1].Y, a.Points[2].Y)
	if l.Y < y1-tol || l.Y+l.H > y2+tol {
		return false
	}
	if d := min(math.Abs(l.X-x), math.Abs(l.X+l.W-x)); d > alongVertOff+labelGap+0.05 {
		return false
	}
	for _, col := range dg.Columns {
		if col.Kind == "actor" && within(l, Rect{X: col.X, Y: r.Y, W: col.W, H: r.H}) {
			return true
		}
	}
	return false
}

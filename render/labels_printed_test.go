package render_test

import (
	"math"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
	"github.com/esop-malang/esop/render"
)

// TestPrintedLabelsClear measures, with the printed fonts, what the
// reviewers of issue 9 read on the decisions' labels over the samples,
// the edge cases and the office documents on A4 and F4, and bounds it
// where session 18 left it (docs/benchmarks.md): labels nearer than 0.8
// mm to a pelaksana rule (155 before the labels' air and 0.8 mm from
// their cell's rules, 48 since, 30 since labels beside the other exit's
// drop lay the print out again, 27 since a bottom label that would fill
// its room takes a line more, 29 with labels beside their vertex: the
// three at 0.62–0.63 mm gone, four at 0.79–0.80 mm, the cell's
// labelRuleGap to a rounding, come), labels within 0.6 mm of the vertical run
// they name (26 before, 12 since, 13 with sample 14 on F4 laid out once,
// 9 since labels planned 0.54–0.8 mm from their run breathe too), labels
// 1.0 mm from it (2 before, 277 since, 318, 395, 413, 392 once a label
// over its run breathes off the run rather than its rise; counted as 1.0
// mm or more since session 24: 537, 565 once a label over the stub of an
// exit turning in an outer channel keeps its place on the stub as the
// gutters open, labelAnchorX; 569 once a print with labels squeezed
// against their run is laid out again with their pelaksana wider,
// airierLabels), within 0.75 mm of it (45, 24 since, 6 since; within 0.6
// mm 9 → 4, nearer than 0.8 mm to a rule 29 → 18, 16 once a print with
// labels at their cell's edge is laid out again with their pelaksana
// wider, labelsOffRules: nearer than 0.85 mm 51 → 28; 13 and 25 since a
// planned place at the cell's edge costs ruleTightCost), and the
// flowchart pages (196).
func TestPrintedLabelsClear(t *testing.T) {
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	nearRule, nearLine, airy, squeezed, pages := 0, 0, 0, 0, 0
	for _, f := range fixtureFiles(samplesGlob, edgeGlob, officeGlob) {
		d := readDoc(t, f)
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			p, err := r.Layout(d, &render.Options{Paper: paper})
			if err != nil {
				t.Fatalf("%s %s: %v", f, paper, err)
			}
			var rules []float64
			for _, c := range p.Flow.Columns {
				if c.Kind == "actor" {
					if len(rules) == 0 {
						rules = append(rules, c.X)
					}
					rules = append(rules, c.X+c.W)
				}
			}
			pages += len(p.Flow.Pages)
			for _, pg := range p.Flow.Pages {
				for _, a := range pg.Arrows {
					l := a.Label
					if l == nil {
						continue
					}
					if ruleDist(l.Rect, rules) < 0.8 {
						nearRule++
					}
					if g, ok := lineGap(l.Rect, a.Points); ok {
						switch {
						case g < 0.6:
							nearLine++
						case g > 0.95:
							airy++
						}
						if g < 0.75 {
							squeezed++
						}
					}
				}
			}
		}
	}
	t.Logf("labels nearer than 0.8 mm to a rule %d, within 0.6 mm of their line %d, within 0.75 mm %d, 1.0 mm or more from it %d; %d pages", nearRule, nearLine, squeezed, airy, pages)
	if nearRule > 13 || nearLine > 4 || squeezed > 6 || airy < 565 || pages > 196 {
		t.Errorf("labels nearer than 0.8 mm to a rule %d (at most 13), within 0.6 mm of their line %d (at most 4), within 0.75 mm %d (at most 6), 1.0 mm or more from it %d (at least 565); %d pages (at most 196)", nearRule, nearLine, squeezed, airy, pages)
	}
}

// ruleDist returns how far the sides of r stand from the nearest of the
// rules at xs.
func ruleDist(r layout.Rect, xs []float64) float64 {
	best := math.Inf(1)
	for _, x := range xs {
		best = min(best, math.Abs(r.X-x), math.Abs(r.X+r.W-x))
	}
	return best
}

// lineGap returns how far r stands beside a vertical run of pts that it
// overlaps in height, and whether there is one.
func lineGap(r layout.Rect, pts []layout.Point) (float64, bool) {
	best, ok := math.Inf(1), false
	for k := 0; k+1 < len(pts); k++ {
		s, e := pts[k], pts[k+1]
		if s.X != e.X || r.Y > max(s.Y, e.Y) || r.Y+r.H < min(s.Y, e.Y) {
			continue
		}
		best, ok = min(best, math.Abs(r.X-s.X), math.Abs(r.X+r.W-s.X)), true
	}
	return best, ok
}

package layout

import (
	"math"
	"testing"
)

// TestRunsOffRowRules: an arrow from one row to a step in another column
// of the next dropped 2 mm out of its symbol and ran along the band about
// 2.3 mm above the row's rule: "runs along the rule" (both sample
// reviewers of session 14). Where the page has room under its last row,
// openRows stretches the bands of such runs, the row's band on the other
// side of its symbols as much. Over the fixtures (A4 and F4),
// horizontal runs of 5 mm or more within 3.5 mm of a row's rule: 113
// before, 42 since (34 when the bands of connectors breathed too: their rows
// 17 mm tall, two reviewers); no page is longer than its frame, the rows stay
// in order and each symbol keeps its place in its row (checkDiagram).
func TestRunsOffRowRules(t *testing.T) {
	names, docs := fixtures(t, false)
	near, all := 0, 0
	eachPrintOf(t, names, docs, func(name, paper string, dg *Diagram) {
		for _, p := range dg.Pages {
			var ys []float64
			for _, r := range p.Rules {
				if r.A.Y == r.B.Y {
					ys = append(ys, r.A.Y)
				}
			}
			for _, a := range p.Arrows {
				for j := 1; j < len(a.Points); j++ {
					s, e := a.Points[j-1], a.Points[j]
					if s.Y != e.Y || math.Abs(s.X-e.X) < runAlongMin {
						continue
					}
					all++
					d := math.Inf(1)
					for _, y := range ys {
						d = min(d, math.Abs(s.Y-y))
					}
					if d < 3.5 {
						near++
					}
				}
			}
		}
	})
	t.Logf("%d of %d horizontal runs of 5 mm or more within 3.5 mm of a rule", near, all)
	if near > 42 {
		t.Errorf("%d horizontal runs within 3.5 mm of a rule, want at most 42 (113 before openRows)", near)
	}
}

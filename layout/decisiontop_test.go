package layout

import (
	"testing"

	"github.com/esop-malang/esop"
)

// TestDiamondTopOnce: a reviewer marked two arrowheads entering the top
// of a diamond 2 mm either side of its vertex, on its slanted edges
// (office-200-steps on F4, pages 7, 14 and 21): they read as drawn
// askew. A diamond's top takes one arrow; a second takes a side vertex
// that no exit holds. Over the samples, the office documents and the edge
// documents, A4 and F4, no diamond is entered twice at its top (3 were).
func TestDiamondTopOnce(t *testing.T) {
	names, docs := fixtures(t, true)
	for i, d := range docs {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			dg := mustLayout(t, d, &Options{Paper: paper})
			for _, p := range dg.Pages {
				for _, s := range p.Symbols {
					if s.Kind != Decision {
						continue
					}
					var at []Point
					for _, a := range p.Arrows {
						q := a.Points[len(a.Points)-1]
						if q.Y < s.Y+s.H/2-tol && q.X >= s.X-tol && q.X <= s.X+s.W+tol && q.Y >= s.Y-tol {
							at = append(at, q)
						}
					}
					if len(at) > 1 {
						t.Errorf("%s %s page %d: %d arrows enter the top of %s, at %v", names[i], paper, p.Number, len(at), s.Step, at)
					}
				}
			}
		}
	}
}

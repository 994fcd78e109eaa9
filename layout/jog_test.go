package layout

import (
	"math"
	"testing"
)

// TestRunsStraightIntoConnectors: where neither underRuns nor trackMoves
// could put an off-page connector and its arrow's run on one line, the
// arrow jogged a millimetre aside along the band just before (or after)
// its connector: "a dog-leg just before B" (the sample reviewers of
// session 13). straightenRuns moves such a run onto its connector's line
// where the drawing there is no worse. Over the fixtures with the edge
// cases (A4 and F4), arrows with such a jog: 6 before, 5 since; with the
// fonts of the print, 6 → 5 over the samples and the office's SOPs (02 on
// A4 straight; the others' runs would pass 1 mm from a symbol, or leave
// a stub too short for its arrowhead).
func TestRunsStraightIntoConnectors(t *testing.T) {
	jogs := 0
	eachFixtureArrow(t, true, func(name, paper string, _ *Diagram, p *Page, a Arrow) {
		if !touchesConnector(p, a) {
			return
		}
		if i := connectorJog(a.Points); i >= 0 {
			jogs++
			t.Logf("%s %s page %d: %v jogs at %v", name, paper, p.Number, a.Points, a.Points[i])
		}
	})
	if jogs > 5 {
		t.Errorf("%d arrows jog beside their connector, want at most 5", jogs)
	}
}

// connectorJog returns the index of the corner where pts, coming out of
// (or going into) a connector, steps less than jogMax aside between two
// vertical pieces going the same way; -1 where it does not.
func connectorJog(pts []Point) int {
	for j := 3; j < len(pts); j++ {
		o, q, r, s := pts[j-3], pts[j-2], pts[j-1], pts[j]
		if o.X == q.X && q.Y == r.Y && math.Abs(q.X-r.X) < jogMax && r.X == s.X && (o.Y-q.Y)*(r.Y-s.Y) > 0 {
			return j - 2
		}
	}
	return -1
}

package layout

import (
	"math"
	"testing"
)

// TestRunsKeepOffRules: a vertical run in a channel stood in the middle
// of the room the channel left it between a symbol's clearance and the
// column rule's gap: about 2.2 mm beside the rule in a 20.5 mm column,
// read as a doubled rule by every reviewer since session 7 ("the loop
// runs 2 mm beside the rule for 113 mm", sample 09). Where that room
// ends at the symbol's clearance on one side, the runs stand against it
// now (spreadHug), as far from the rule as the channel lets them; the
// horizontal runs of a band likewise against the symbols' stubs, away
// from the row's rule. A run to or from a connector keeps the middle,
// where its connector stands over it (underRuns). Over the fixtures (A4
// and F4), vertical runs of 15 mm or more of arrows without connectors
// nearer than 2.45 mm to a pelaksana column's rule: 86 of 540 before, 5
// of 552 since (two runs sharing a channel, or a channel bounded by a
// label on its symbol's side).
func TestRunsKeepOffRules(t *testing.T) {
	names, docs := fixtures(t, true)
	near, all := 0, 0
	eachPrintOf(t, names, docs, func(name, paper string, dg *Diagram) {
		var xs []float64
		for _, c := range dg.Columns {
			if c.Kind == colActor {
				xs = append(xs, c.X, c.X+c.W)
			}
		}
		for _, p := range dg.Pages {
			for _, a := range p.Arrows {
				if touchesConnector(&p, a) {
					continue
				}
				for j := 1; j < len(a.Points); j++ {
					s, e := a.Points[j-1], a.Points[j]
					if s.X != e.X || math.Abs(s.Y-e.Y) < 15 {
						continue
					}
					all++
					for _, x := range xs {
						if d := math.Abs(s.X - x); d < 2.45 {
							near++
							t.Logf("%s %s page %d: %s→%s runs %.0f mm %.2f mm beside a rule", name, paper, p.Number, a.From, a.To, math.Abs(s.Y-e.Y), d)
							break
						}
					}
				}
			}
		}
	})
	t.Logf("%d of %d long vertical runs without connectors nearer than 2.45 mm to a rule", near, all)
	if near > 5 {
		t.Errorf("%d long vertical runs nearer than 2.45 mm to a rule, want at most 5 (86 before)", near)
	}
}

// touchesConnector reports whether arrow a of p starts or ends at one of
// its off-page connectors.
func touchesConnector(p *Page, a Arrow) bool {
	for _, c := range p.Connectors {
		if inRect(a.Points[0], c.Rect) || inRect(a.Points[len(a.Points)-1], c.Rect) {
			return true
		}
	}
	return false
}

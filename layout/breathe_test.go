package layout

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
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

// TestDropRoom: sample 21 on F4 (one pelaksana, rows of two lines of
// text and a box each, a third of the page free) stood its boxes 2 mm
// from their rows' rules, the arrows between them heads on the rules
// ("the symbols nearly touch the row rules … the arrowheads sit on the
// row rules", a reviewer of session 31). openRows now gives an arrow
// dropping straight across a rule dropRoomWant on each side of it where
// the page has the room, a box still in the middle of its row.
func TestDropRoom(t *testing.T) {
	d := readDocument(t, filepath.Join("..", "sampledata", "sops", "21-pemeliharaan-peralatan-bengkel.json"))
	dg := mustLayout(t, d, &Options{Paper: esop.PaperF4})
	drops := 0
	for pi := range dg.Pages {
		p := &dg.Pages[pi]
		for _, a := range p.Arrows {
			n := len(a.Points)
			q, e := a.Points[n-2], a.Points[n-1]
			s, f := a.Points[0], a.Points[1]
			if n != 2 || q.X != e.X || s.Y >= f.Y {
				continue // a straight drop from a symbol's bottom into the next one's top
			}
			for _, r := range p.Rows {
				rule := r.Y
				if rule <= s.Y || rule >= e.Y {
					continue
				}
				drops++
				if above, below := rule-s.Y, e.Y-rule; above < dropRoomWant-tol || below < dropRoomWant-tol {
					t.Errorf("page %d: the arrow %s→%s crosses its rule %.2f mm under the symbol it leaves and %.2f mm over the one it enters, want %.1f", p.Number, a.From, a.To, above, below, dropRoomWant)
				}
			}
		}
	}
	if drops < 4 {
		t.Fatalf("%d straight drops across a rule: not the case this test is for", drops)
	}
}

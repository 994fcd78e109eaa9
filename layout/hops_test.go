package layout

import (
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
)

// TestHopsAtCrossings: where two arrows cross (the routes avoid it where
// any route can), the arrow crossing with a horizontal run hops over the
// other (Arrow.Hops): every reviewer of session 11 read the unbridged
// crossings of sample 05 (A4, page 3) and sample 14 as junctions and
// asked for a line-hop. Over the fixtures every crossing has its hop, on
// a horizontal run of its own arrow and a vertical run of another, and an
// arrow without a crossing has none.
func TestHopsAtCrossings(t *testing.T) {
	d := readDocument(t, filepath.Join("..", "sampledata", "sops", "14-mediasi-hubungan-industrial.json"))
	dg := mustLayout(t, d, &Options{Paper: esop.PaperA4})
	hops := 0
	for _, p := range dg.Pages {
		for _, a := range p.Arrows {
			for _, h := range a.Hops {
				hops++
				t.Logf("sample 14 A4 page %d: %s → %s hops at %v", p.Number, a.From, a.To, h)
			}
		}
	}
	if hops != 1 {
		t.Errorf("sample 14 A4: %d hops, want 1 (its one crossing)", hops)
	}
	names, docs := fixtures(t, true)
	total, crossings := 0, 0
	eachPrintOf(t, names, docs, func(name, paper string, dg *Diagram) {
		crossings += diagramCrossings(dg)
		for _, p := range dg.Pages {
			for ai, a := range p.Arrows {
				for _, h := range a.Hops {
					total++
					if !onRun(a.Points, h, true) {
						t.Errorf("%s %s page %d: hop %v not on a horizontal run of %s → %s", name, paper, p.Number, h, a.From, a.To)
					}
					crossed := false
					for bi, b := range p.Arrows {
						crossed = crossed || bi != ai && onRun(b.Points, h, false)
					}
					if !crossed {
						t.Errorf("%s %s page %d: hop %v of %s → %s crosses no other arrow", name, paper, p.Number, h, a.From, a.To)
					}
				}
			}
		}
	})
	if total != crossings || crossings == 0 {
		t.Errorf("%d hops over the fixtures, %d crossings", total, crossings)
	}
}

// onRun reports whether p lies strictly inside a horizontal (or, not
// horizontal, a vertical) run of pts.
func onRun(pts []Point, p Point, horizontal bool) bool {
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		if horizontal && a.Y == b.Y && a.Y == p.Y && p.X > min(a.X, b.X) && p.X < max(a.X, b.X) ||
			!horizontal && a.X == b.X && a.X == p.X && p.Y > min(a.Y, b.Y) && p.Y < max(a.Y, b.Y) {
			return true
		}
	}
	return false
}

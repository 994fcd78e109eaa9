package layout

import (
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
)

// TestDecisionRowLow: a reviewer marked decision rows of 44–48 mm for a
// diamond of 8 mm and two lines of activity. The labels stacked under
// the diamond asked room below it, and the diamond stood in the middle
// of its row with as much empty room above. Now the diamond stands
// higher: in sample 19 on F4 the row of t3 ("Tidak memenuhi syarat" and
// "Memenuhi syarat" under it) was 47.6 mm before and at most 34 after,
// the diamond nearer the top than the bottom, its labels still in its
// row (TestProperties keeps them clear of the diamond and the arrows).
// Since "Tidak memenuhi syarat" stands along its own run in the next
// column (beyondPlans) the row of sample 19 no longer shows the case;
// sample 14's m5 on A4 does ("Sepakat" under the diamond beside the
// bottom exit; "Tidak sepakat", once under it across that exit, stands
// beside its own turn in the next column since labelBeyondTurn). A
// process row, whose room is the same above and
// below, keeps its symbol in the middle.
func TestDecisionRowLow(t *testing.T) {
	d := readDocument(t, filepath.Join("..", "sampledata", "sops", "14-mediasi-hubungan-industrial.json"))
	dg := mustLayout(t, d, &Options{Paper: esop.PaperA4})
	seen := false
	for _, p := range dg.Pages {
		for _, r := range p.Rows {
			sym := pageSymbol(&p, r.Step)
			if sym == nil {
				t.Fatalf("no symbol for row %s", r.Step)
			}
			mid, rowMid := sym.Y+sym.H/2, r.Y+r.H/2
			if r.Step != "m5" {
				if sym.Kind == Process && abs(mid-rowMid) > tol {
					t.Errorf("process %s %.1f mm off the middle of its row", r.Step, mid-rowMid)
				}
				continue
			}
			seen = true
			t.Logf("row m5 %.1f mm high, the diamond %.1f mm above its middle", r.H, rowMid-mid)
			if r.H > 34 {
				t.Errorf("row m5 is %.1f mm high, want at most 34", r.H)
			}
			if mid >= rowMid-1 {
				t.Errorf("the diamond of m5 stands at %.1f mm, the row's middle at %.1f: not higher", mid, rowMid)
			}
			under := false
			for _, a := range p.Arrows {
				if a.From != "m5" || a.Label == nil {
					continue
				}
				l := a.Label.Rect
				if l.Y < r.Y || l.Y+l.H > r.Y+r.H {
					t.Errorf("label %q %v leaves its row (%.1f–%.1f)", a.Label.Text, l, r.Y, r.Y+r.H)
				}
				under = under || l.Y+l.H > sym.Y+sym.H
			}
			if !under {
				t.Errorf("no label of m5 reaches under its diamond %v: the row no longer shows the case", sym.Rect)
			}
		}
	}
	if !seen {
		t.Fatal("no row m5")
	}
}

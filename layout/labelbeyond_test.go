package layout

import (
	"testing"

	"github.com/esop-malang/esop"
)

// TestLabelBeyondRule: in sample 12 the label "Tidak memenuhi syarat" of
// z8, whose exit leaves the diamond's left vertex and runs through the
// whole column of the Kepala Bidang to a channel beyond it, stood under
// the diamond in three lines, beside the bottom exit and its label
// "Memenuhi syarat": a reader could not tell which exit each named. Now
// it stands over its own run in the next column (beyondPlans), in two
// lines, and only "Memenuhi syarat" stands under the diamond.
func TestLabelBeyondRule(t *testing.T) {
	samplePrints(t, "12-izin-lpk.json", func(paper string, d *esop.Document, dg *Diagram) {
		found := false
		for _, p := range dg.Pages {
			var sym Symbol
			for _, s := range p.Symbols {
				if s.Step == "z8" {
					sym = s
				}
			}
			if sym.Step == "" {
				continue
			}
			for _, a := range p.Arrows {
				if a.From != "z8" || a.Label == nil || a.Label.Text != "Tidak memenuhi syarat" {
					continue
				}
				found = true
				l := a.Label.Rect
				own := dg.Columns[2+actorIndex(d, "kasi")]
				left := dg.Columns[2+actorIndex(d, "kabid")]
				if !(l.X >= left.X && l.X+l.W <= left.X+left.W) || l.X+l.W > own.X {
					t.Errorf("%s: label %v is not in the column left of its diamond (%.1f–%.1f)", paper, l, left.X, left.X+left.W)
				}
				if a.Points[0].Y != a.Points[1].Y || a.Points[1].X > l.X {
					t.Errorf("%s: the exit %v does not run under the whole label %v", paper, a.Points[:2], l)
				}
				if y := a.Points[0].Y; l.Y+l.H > y || y-(l.Y+l.H) > labelGap+0.05 {
					t.Errorf("%s: label %v does not stand right over its run at %.2f", paper, l, y)
				}
				if len(a.Label.Lines) > 2 {
					t.Errorf("%s: label in %d lines %q", paper, len(a.Label.Lines), a.Label.Lines)
				}
			}
			under := 0
			for _, a := range p.Arrows {
				if a.From == "z8" && a.Label != nil && a.Label.Y >= sym.Y+sym.H/2 && a.Label.X < sym.X+sym.W && a.Label.X+a.Label.W > sym.X {
					under++
				}
			}
			if under != 1 {
				t.Errorf("%s: %d labels of z8 under its diamond, want 1 (\"Memenuhi syarat\")", paper, under)
			}
		}
		if !found {
			t.Fatalf("%s: no label \"Tidak memenuhi syarat\" of z8", paper)
		}
	})
}

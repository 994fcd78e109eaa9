package layout

import (
	"path/filepath"
	"testing"
)

// TestClearLabelsWitness: in sample 03 the exit "Tidak tersedia" of p2
// left its diamond by the left vertex for the channel beside the
// Bendahara's column, a stub of 2 mm, and its label stood in two lines
// over the diamond's top beside the arrow coming in from p1 (the fault
// a reviewer marked in samples 04, 05 and 14). The page is laid out
// again with that exit run on through the next column (withClearLabels),
// its label in one line over that run, nearer it than any other arrow.
func TestClearLabelsWitness(t *testing.T) {
	path := filepath.Join("..", "sampledata", "sops", "03-perjalanan-dinas.json")
	eachArrow(t, path, "p2", "p15", func(paper string, dg *Diagram, p *Page, a Arrow) bool {
		src := pageSymbol(p, "p2")
		if src == nil {
			return false
		}
		pts, l := a.Points, a.Label
		if l == nil || len(pts) < 2 || pts[0].Y != pts[1].Y || pts[1].X >= pts[0].X {
			t.Errorf("%s: p2→p15 %v does not leave by the left vertex along its row", paper, pts)
			return true
		}
		col := dg.Columns[2+actorIndex(readDocument(t, path), "pptk")]
		if pts[1].X > col.X+col.W {
			t.Errorf("%s: p2→p15 turns at x %.2f, in its own column: want it past the column %.1f–%.1f beside", paper, pts[1].X, col.X, col.X+col.W)
		}
		if len(l.Lines) != 1 || l.Y+l.H > pts[0].Y || l.X < col.X || l.X+l.W > col.X+col.W {
			t.Errorf("%s: label %q %v, want one line over the run in the column %.1f–%.1f", paper, l.Lines, l.Rect, col.X, col.X+col.W)
		}
		for _, s := range ambiguousLabels(&Diagram{Pages: []Page{*p}}) {
			t.Errorf("%s: %s", paper, s)
		}
		return true
	})
}

package layout

import (
	"path/filepath"
	"testing"

	esop "github.com/esop-malang/esop"
)

// runsBesideRules returns how many vertical runs of arrows on p longer
// than 5 mm stand within 3.5 mm of a vertical rule of the table, and
// their length.
func runsBesideRules(p *Page) (int, float64) {
	return runsNearRules(p, true, 3.5, 5)
}

// runsNearRules returns how many runs of arrows on p, vertical or
// horizontal, longer than least stand nearer than near to a rule of the
// table running the same way, and their length.
func runsNearRules(p *Page, vertical bool, near, least float64) (int, float64) {
	n, l := 0, 0.0
	for _, a := range p.Arrows {
		for k := 0; k+1 < len(a.Points); k++ {
			u, v := a.Points[k], a.Points[k+1]
			at, along := u.Y, abs(u.X-v.X)
			if vertical {
				at, along = u.X, abs(u.Y-v.Y)
			}
			if (u.X == v.X) != vertical || along <= least {
				continue
			}
			for _, r := range p.Rules {
				rat := r.A.Y
				if vertical {
					rat = r.A.X
				}
				if (r.A.X == r.B.X) == vertical && abs(rat-at) < near {
					n++
					l += along
					break
				}
			}
		}
	}
	return n, l
}

// TestMidRuns: an arrow routed through a channel ran 2–2.5 mm beside the
// column's rule, where the column beside it is empty over the rows it
// passes (sample 04 on A4, page 3: connector B down to row 14, beside the
// Pejabat Pelaksana's rule from row 8 to row 14, a reviewer's fault). It
// now runs down the middle of that column (midRuns). Over the fixtures
// (A4 and F4) the vertical runs longer than 5 mm within 3.5 mm of a
// column rule were 303 (14,104 mm); 135 since, 126 once diamonds rise
// from a free top (riseLoops), 118 since a run may end in an
// out-connector alone in the middle of its column (midFree).
func TestMidRuns(t *testing.T) {
	path := filepath.Join("..", "sampledata", "sops", "04-spp-spm.json")
	d := readDocument(t, path)
	col := actorIndex(d, "pptk")
	eachArrow(t, path, "k5", "k14", func(paper string, dg *Diagram, p *Page, a Arrow) bool {
		if pageSymbol(p, "k14") == nil {
			return false
		}
		c := dg.Columns[2+col]
		mid := false
		for k := 0; k+1 < len(a.Points); k++ {
			u, v := a.Points[k], a.Points[k+1]
			if u.X == v.X && abs(u.Y-v.Y) > 30 && abs(u.X-c.Middle) < 0.05 {
				mid = true
			}
		}
		if !mid {
			t.Errorf("%s page %d: k5→k14 runs %v, want its long run down the middle of the column %.1f–%.1f", paper, p.Number, a.Points, c.X, c.X+c.W)
		}
		return true
	})

	n, l := 0, 0.0
	eachFixturePage(t, func(_, _ string, _ *esop.Document, p *Page) {
		k, m := runsBesideRules(p)
		n, l = n+k, l+m
	})
	t.Logf("%d vertical runs (%.0f mm) within 3.5 mm of a column rule", n, l)
	// 128 since a diamond's top only receives: the loops that rose from
	// it leave by a side vertex into the channel beside it; 129 since a
	// connector does not stand where another letter of its band stood on
	// the page before (markTaken: sample 12's D on A4 page 4).
	if n > 129 {
		t.Errorf("%d vertical runs within 3.5 mm of a column rule, want at most 129 (303 before midRuns)", n)
	}
}

// TestRunIntoItsConnector: sample 12 on A4, page 3, "Tidak memenuhi
// syarat" leaves the diamond of row 8 for connector D, five columns to
// the left. midRuns would not put its run in the middle of the column
// where D stands, and the run went down beside that column's rule, then
// jogged into D; a column whose out-connector stands alone in its middle
// now takes the run, which drops straight into the connector (midFree),
// and of the columns that spare the arrow its crossings the one with the
// fewest bends and shortest arrows holds D (straighterPlaced).
func TestRunIntoItsConnector(t *testing.T) {
	path := filepath.Join("..", "sampledata", "sops", "12-izin-lpk.json")
	eachArrow(t, path, "z8", "z15", func(paper string, dg *Diagram, p *Page, a Arrow) bool {
		if pageRow(p, "z8").Step == "" {
			return false // the arrow from connector D on the next page
		}
		n := len(a.Points)
		last, before := a.Points[n-1], a.Points[n-2]
		if paper == esop.PaperA4 && (n != 3 || last.X != before.X) {
			t.Errorf("%s page %d: z8→D %v does not drop straight into its connector after one turn", paper, p.Number, a.Points)
		}
		for _, c := range dg.Columns {
			if c.Kind == "actor" && last.X > c.X && last.X < c.X+c.W && abs(last.X-c.Middle) > 0.01 {
				t.Errorf("%s page %d: z8→D enters its connector %.2f mm off its column's middle", paper, p.Number, last.X-c.Middle)
			}
		}
		return true
	})
}

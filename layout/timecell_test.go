package layout

import (
	"strings"
	"testing"
)

// TestTimeKeepsItsUnit: a reviewer reads "1 / minggu" or "30 / menit",
// a number on one line and its unit on the next, as a fault of the
// print. The WAKTU column is never narrower than a number with its unit
// (the nine pelaksana of an office document on A4 made it so), on the
// whole corpus and the office documents, A4 and F4.
func TestTimeKeepsItsUnit(t *testing.T) {
	eachPrint(t, func(name, paper string, dg *Diagram) {
		var col Column
		for _, c := range dg.Columns {
			if c.Kind == colTime {
				col = c
			}
		}
		for pi := range dg.Pages {
			p := &dg.Pages[pi]
			for _, c := range p.Cells {
				if abs(c.X-col.X) > tol || len(c.Lines) < 2 || c.Y < p.Rows[0].Y-tol {
					continue
				}
				for _, l := range c.Lines[:len(c.Lines)-1] {
					if f := strings.Fields(l); len(f) > 0 && strings.Trim(f[len(f)-1], "0123456789,.") == "" {
						t.Errorf("%s %s page %d: WAKTU %q", name, paper, p.Number, strings.Join(c.Lines, " / "))
					}
				}
			}
		}
	})
}

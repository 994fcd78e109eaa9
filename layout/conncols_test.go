package layout

import (
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
)

// sampleCrossingsBefore is the number of arrow crossings over the sample
// book's flowcharts, A4 and F4 together, while a connector always stood
// at the column of the step its arrow meets on its page (commit
// e9cf38a): 24, all but one a rework loop entering from a connector
// below the steps and running up through the forward arrows.
const sampleCrossingsBefore = 24

// sampleCrossingsMost is the most crossings allowed now that a
// connector may stand at another column (connectorColumns): 2 in sample
// 05 (Renja), one a paper, where the loop back from row 11 to row 5
// enters below the steps and no column takes it past the arrow from row
// 7 to row 8, which spans the pelaksana from Kepala Dinas to the first;
// 1 on a full page of sample 12 on F4, where no other column leaves room
// for the route on A4, which decides for F4.
const sampleCrossingsMost = 3

// TestConnectorColumns: a rework loop from a later page enters from its
// connector below the steps. Standing under the column of the step it
// goes back to, its arrow ran up through every forward arrow between
// ("Pengesahan peraturan perusahaan", the loop from row 8 to row 1 cut
// the arrow from row 2 to row 3). Standing under the column the loop
// leaves on the next page, its arrow runs up the table's right side and
// across above the forward arrows: none crossed, and the letter stands
// in the same column on both pages.
func TestConnectorColumns(t *testing.T) {
	samples, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, d := range samples {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			dg := mustLayout(t, d, &Options{Paper: paper})
			n := diagramCrossings(dg)
			total += n
			if n > 0 {
				t.Logf("%s %s: %d crossings", d.Title, paper, n)
			}
		}
	}
	t.Logf("%d crossings over the samples (%d before)", total, sampleCrossingsBefore)
	if total > sampleCrossingsMost {
		t.Errorf("%d crossings over the samples, more than %d (%d before)", total, sampleCrossingsMost, sampleCrossingsBefore)
	}

	d := readDocument(t, filepath.Join("..", "sampledata", "sops", "15-pengesahan-peraturan-perusahaan.json"))
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		dg := mustLayout(t, d, &Options{Paper: paper})
		if n := diagramCrossings(dg); n != 0 {
			t.Errorf("%s: %d crossings", paper, n)
		}
		// The loop from row 8 back to row 1 (e8 → e1): its two connectors
		// in one column.
		cols := map[bool]int{}
		for _, p := range dg.Pages {
			for _, c := range p.Connectors {
				if c.From == "e8" && c.To == "e1" {
					cols[c.In] = columnAt(dg, c.X+c.W/2)
				}
			}
		}
		if len(cols) != 2 || cols[true] != cols[false] {
			t.Errorf("%s: the connectors of e8 → e1 in columns %v (in, out), not one", paper, cols)
		}
	}
}

// columnAt returns the index of the column of dg holding x, or -1.
func columnAt(dg *Diagram, x float64) int {
	for i, c := range dg.Columns {
		if x >= c.X && x < c.X+c.W {
			return i
		}
	}
	return -1
}

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
// connector may stand at another column (connectorColumns) and a rework
// loop's connector in the other band where the band taught crosses
// (flipLoops): none over the sample book then, 2 before (sample 05,
// Renja, the loop back from row 11 to row 5 past the arrow from row 7 to
// row 8, which spans the pelaksana from Kepala Dinas to the first).
// Since arrows to the next row come in by a side (bendElbows) the rows
// are lower and sample 05 takes three pages instead of four: its last
// page holds rows 9 to 15, where "Sesuai" from row 9 into row 12's side
// must cross the exit of row 11's diamond down to its connector below
// the rows whatever channels the two take (1, on A4). Since a diamond's
// bottom goes to the exit straight below it (swapExits), sample 14
// (Mediasi) holds its ten rows on one page instead of two on A4 and F4,
// where the arrow from row 6 down to row 9 must cross the one from row 7
// to row 8's diamond (the page break had spared it, for two pairs of
// connectors): 3.
const sampleCrossingsMost = 3

// TestConnectorColumns: a rework loop from a later page entered from its
// connector below the steps, and standing under the column of the step
// it goes back to, its arrow ran up through every forward arrow between
// ("Pengesahan peraturan perusahaan", the loop from row 8 to row 1 cut
// the arrow from row 2 to row 3). A connector may stand at another
// column where its arrow crosses less (connectorColumns), and a loop's
// pair now stands as workshops teach it, out below the rows of its
// decision's page and in above those of its step's: over the samples no
// arrows cross.
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
		// The loop from row 8 back to row 1 (e8 → e1) leaves its page
		// from below the rows and enters page 1 from above them, the
		// in-connector beside the column of row 1, the start, its arrow
		// down and into the start's side (startFromTop: straight down
		// into the start's top, the chart seemed to begin at the
		// connector; a reviewer of session 12).
		for _, p := range dg.Pages {
			for _, c := range p.Connectors {
				if c.From != "e8" || c.To != "e1" {
					continue
				}
				above := c.In
				own := 2 + actorIndex(d, d.Steps[d.StepIndex("e1")].Actor)
				if got := columnAt(dg, c.X+c.W/2); c.In && got != own-1 && got != own+1 {
					t.Errorf("%s page %d: connector %s of e8 → e1 in column %d, want beside %d, row 1's", paper, p.Number, c.Letter, got, own)
				}
				if c.In && startFromTop(&p, "e1") {
					t.Errorf("%s page %d: the arrow of connector %s comes into the top of the start e1", paper, p.Number, c.Letter)
				}
				if first := p.Rows[0]; above != (c.Y+c.H <= first.Y) {
					t.Errorf("%s page %d: connector %s of e8 → e1 (in %v) in the wrong band", paper, p.Number, c.Letter, c.In)
				}
			}
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

// astrayMost bounds the connectors over the fixtures (A4 and F4) that
// stand right under or over a symbol of the next row that their arrow
// does not join: 16 before connectorColumns moved them, 3 with the
// columns beside their own, 2 once every column is tried (sample 05 and
// 19 on A4, where none keeps the arrows as clear), 1 since pages are laid
// out with crossings dearer too (withDearCrossings: sample 05's A), none
// since a connector in line with another arrow's run moves toward its own
// (connectorInLine: sample 19's A, off row 7's box).
const astrayMost = 0

// TestConnectorsInLineWithTheirOwn: an off-page connector standing right
// under a symbol its arrow does not join reads as that symbol's exit
// (sample 05: "the end of row 15 appears to flow on to connector A", a
// reviewer's most serious fault; sample 03 on A4: A under the box of row
// 8, whose own arrow goes to B beside it). Such a connector moves to a
// column beside its own where the page gets no worse (connectorColumns,
// clearerPlaced). Sample 05's A stayed under row 15's end terminator
// (every other column cost a crossing, the router taking the channel
// beside row 13's arrow) until pages were laid out with crossings dearer
// too (withDearCrossings): it stands in its step's column now, on A4 and
// F4.
func TestConnectorsInLineWithTheirOwn(t *testing.T) {
	names, docs := fixtures(t, true)
	n := 0
	for i, d := range docs {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			dg := mustLayout(t, d, &Options{Paper: paper})
			for pi := range dg.Pages {
				p := &dg.Pages[pi]
				for ci := range p.Connectors {
					c := &p.Connectors[ci]
					if !astrayConnector(p, c) {
						continue
					}
					n++
					t.Logf("%s %s page %d: connector %s (%s→%s) in line with a symbol it does not join", names[i], paper, p.Number, c.Letter, c.From, c.To)
					if names[i] == "sample Pelaksanaan Perjalanan Dinas" && paper == esop.PaperA4 ||
						names[i] == "sample Penyusunan Rencana Kerja (Renja) Perangkat Daerah" {
						t.Errorf("%s on %s page %d: connector %s stands astray", names[i], paper, p.Number, c.Letter)
					}
				}
			}
		}
	}
	t.Logf("%d connectors in line with a symbol they do not join (16 before)", n)
	if n > astrayMost {
		t.Errorf("%d connectors in line with a symbol they do not join, want at most %d", n, astrayMost)
	}
}

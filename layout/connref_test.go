package layout

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestConnectorRefs: a connector whose pair is not across the page's turn
// names, in its band's KEGIATAN cell, the activity its arrow comes from or
// goes to (connectorRefs). The reviewer of session 11 read the
// in-connector of a rework loop over row 1 as the chart's entry point
// (samples 04, 05, 12, 15, 17), found no B on page 3 of samples 12 and 20
// where B left page 2 for page 4 ("serious"), and asked for a page
// reference on office-plt's loop-back connectors; the office reviewer of
// the second pass, once they had words, asked for them on C and D of the
// same pages too. Sample 12 on A4: A (the loop from activity 14 back to
// 1) and B ("Perlu perbaikan", from 5 over page 3 to 14) are named on
// both their pages, and so are the letters beside them in their bands; C
// alone over page 2's rows, from the foot of page 1, is not. checkRefs
// holds the rule over every print of the property and soak tests.
func TestConnectorRefs(t *testing.T) {
	d := readDocument(t, filepath.Join("..", "sampledata", "sops", "12-izin-lpk.json"))
	dg := mustLayout(t, d, &Options{Paper: esop.PaperA4})
	var got []string
	for _, p := range dg.Pages {
		for _, r := range p.Refs {
			band := "under"
			if r.Y < p.Rows[0].Y {
				band = "over"
			}
			got = append(got, strings.Join([]string{"page", string(rune('0' + p.Number)), band, strings.Join(r.Lines, " ")}, " "))
		}
	}
	want := []string{
		"page 1 over A dari kegiatan 14",
		"page 1 under B ke kegiatan 14, C ke kegiatan 7",
		"page 2 under D ke kegiatan 15, E ke kegiatan 13",
		"page 3 over E dari kegiatan 12, D dari kegiatan 8, B dari kegiatan 5",
		"page 3 under A ke kegiatan 1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("sample 12 A4 references:\n got %q\nwant %q", got, want)
	}

	names, docs := fixtures(t, true)
	refs, conns := 0, 0
	eachPrintOf(t, names, docs, func(name, paper string, dg *Diagram) {
		for _, p := range dg.Pages {
			conns += len(p.Connectors)
			for _, r := range p.Refs {
				refs += strings.Count(strings.Join(r.Lines, " "), ",") + 1
			}
		}
		d := docs[slices.Index(names, name)]
		first, later := targets(d, nil)
		checkDiagram(t, name+" "+paper, d, dg, ApproxMeasure(), first, later)
	})
	t.Logf("%d of %d connectors over the fixtures name their arrow's other end", refs, conns)
	if refs == 0 {
		t.Error("no connector named over the fixtures")
	}
}

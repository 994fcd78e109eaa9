package layout

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestConnectorRefs: each connector names, in its band's KEGIATAN cell,
// the activity its arrow comes from or goes to (connectorRefs), the
// letters in their order. The reviewers of session 11 read the
// in-connector of a rework loop over row 1 as the chart's entry point
// (samples 04, 05, 12, 15, 17), found no B on page 3 of samples 12 and 20
// where B left page 2 for page 4 ("serious"), asked for a reference on
// office-plt's loop-back connectors, then for words on the letters beside
// them, then on every connector, and for the letters in order; the
// office reviewer of session 12 read the words at 7 pt as KEGIATAN text
// below its size (official-layout.md), and every band of the fixtures
// that holds them at the body size has them so. Sample 12 on A4, every
// band; checkRefs holds the rule over every print of the property and
// soak tests.
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
		"page 2 over C dari kegiatan 6",
		"page 2 under D ke kegiatan 15, E ke kegiatan 13",
		"page 3 over E dari kegiatan 12, D dari kegiatan 8, B dari kegiatan 5", // the band grows to three lines (refsHeight)
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
				if r.Size != dg.BodySize {
					t.Errorf("%s %s page %d: %q at %.0f pt, want the body size %.0f", name, paper, p.Number, r.Lines, r.Size, dg.BodySize)
				}
			}
		}
		d := docs[slices.Index(names, name)]
		first, later := targets(d, nil)
		checkDiagram(t, name+" "+paper, d, dg, ApproxMeasure(), first, later)
	})
	t.Logf("%d of %d connectors over the fixtures name their arrow's other end", refs, conns)
	if refs != conns {
		t.Errorf("%d of %d connectors named over the fixtures, want every one", refs, conns)
	}
}

// TestRefsFollowMovedConnectors: alignConnectors may move a connector
// over its run past another of its band; the band's words, written
// before it, stood in the old order. They are written once every
// connector has its last place (connectorRefs runs last). Generated
// seed 20 #282, page 4: "F ke kegiatan 8, H ke kegiatan 13" stood over
// H, F.
func TestRefsFollowMovedConnectors(t *testing.T) {
	checkSoakCases(t, []soakCase{{20, 282, false}})
}

package layout

import (
	"math"
	"testing"

	"github.com/esop-malang/esop"
)

// TestTracksBesideTheirLabel: in office-plt-loop-back, page 1, the
// "Lengkap" exit of p2 turned down 2.2 mm right of the rule between
// Petugas Front Office and the Tim Profesi, 2.8 mm beside the run of
// connector A into p4, both kept out of the label's zone although only
// A's run passes its level (the reviewer of sessions 22–24's one
// must-fix). With a track that does not pass its own exit's label free
// to stand in the label's zone where that sets the channel's tracks
// farther apart (ownTracks), the run turns down in the Front Office's own
// column, 3 mm or more from the rule and from A, on A4 and F4.
func TestTracksBesideTheirLabel(t *testing.T) {
	d := readDocument(t, "testdata/office-plt-loop-back.json")
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		dg, err := Layout(d, &Options{Paper: paper})
		if err != nil {
			t.Fatal(err)
		}
		var rule float64
		for _, c := range dg.Columns {
			if c.Actor == "verif" {
				rule = c.X
			}
		}
		var lengkap, conn float64
		for _, a := range dg.Pages[0].Arrows {
			switch {
			case a.From == "p2" && a.To == "p4" && len(a.Points) > 2:
				lengkap = a.Points[1].X
			case a.To == "p4" && a.From == "p11":
				conn = a.Points[0].X
			}
		}
		if lengkap == 0 || conn == 0 {
			t.Fatalf("%s: the arrows p2→p4 and p11→p4 not found on page 1", paper)
		}
		if lengkap > rule-3 {
			t.Errorf("%s: \"Lengkap\" turns down at %.2f mm, the rule at %.2f (want it 3 mm or more left of the rule, in the Front Office's column)", paper, lengkap, rule)
		}
		if g := math.Abs(conn - lengkap); g < 3.5 {
			t.Errorf("%s: connector A's run %.2f mm beside \"Lengkap\"'s", paper, g)
		}
	}
}

package layout

import (
	"path/filepath"
	"testing"
)

// TestLaneDrop: in sample 14 on A4 the arrow from m6 to the end m9 came
// onto the last page by connector A, which stood right over m9 in the
// Mediator's column with nothing between them; it ran left into a
// channel, down and back into m9's side (a reviewer's "needless detour").
// Now such an arrow drops straight down into its step's top (routeDirect,
// laneFree). Since arrows to the next row come in by a side (bendElbows)
// sample 14's pages break elsewhere; the case is office-plt-loop-back's
// p6→p8, which comes onto page 2 by connector C
// over p8's column, the row of p7 between them empty there. Over the
// corpus such drops are kept only where they cross no other arrow
// (crossedLanes), which TestOfficeCrossings and the property test hold.
func TestLaneDrop(t *testing.T) {
	eachArrow(t, filepath.Join("testdata", "office-plt-loop-back.json"), "p6", "p8", func(paper string, _ *Diagram, p *Page, a Arrow) bool {
		var conn *Connector
		for i := range p.Connectors {
			if p.Connectors[i].From == "p6" && p.Connectors[i].To == "p8" && p.Connectors[i].In {
				conn = &p.Connectors[i]
			}
		}
		if conn == nil {
			return false // the page the arrow leaves
		}
		if len(a.Points) != 2 || a.Points[0].X != a.Points[1].X {
			t.Errorf("%s page %d: p6→p8 from connector %s runs %v, want straight down", paper, p.Number, conn.Letter, a.Points)
		}
		between := 0
		for _, r := range p.Rows {
			if r.Y > conn.Y && r.Y+r.H < a.Points[1].Y {
				between++
			}
		}
		if between == 0 {
			t.Errorf("%s page %d: no row between connector %s and p8: the case is lost", paper, p.Number, conn.Letter)
		}
		return true
	})
}

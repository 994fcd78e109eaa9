package layout

import (
	"testing"

	"github.com/esop-malang/esop"
)

// TestLaneDrop: in sample 14 on A4 the arrow from m6 to the end m9 comes
// onto the last page by connector A, which stands right over m9 in the
// Mediator's column with nothing between them; it ran left into a
// channel, down and back into m9's side (a reviewer's "needless detour").
// Now it drops straight down into m9's top (routeDirect, laneFree). Over
// the corpus such drops are kept only where they cross no other arrow
// (crossedLanes), which TestOfficeCrossings and the property test hold.
func TestLaneDrop(t *testing.T) {
	samplePrints(t, "14-mediasi-hubungan-industrial.json", func(paper string, _ *esop.Document, dg *Diagram) {
		found := false
		for _, p := range dg.Pages {
			for _, a := range p.Arrows {
				if a.From != "m6" || a.To != "m9" {
					continue
				}
				var conn *Connector
				for i := range p.Connectors {
					if p.Connectors[i].From == "m6" && p.Connectors[i].To == "m9" && p.Connectors[i].In {
						conn = &p.Connectors[i]
					}
				}
				if conn == nil {
					continue // the page the arrow leaves
				}
				found = true
				if len(a.Points) != 2 || a.Points[0].X != a.Points[1].X {
					t.Errorf("%s page %d: m6→m9 from connector %s runs %v, want straight down", paper, p.Number, conn.Letter, a.Points)
				}
			}
		}
		if !found {
			t.Fatalf("%s: no page where m6→m9 comes in by a connector", paper)
		}
	})
}

package layout

import (
	"path/filepath"
	"testing"
)

// TestLanes: on the last page of sample 12 (A4) connectors B and D both
// stood for the Staf Pelaksana column, side by side about its middle, and
// B's arrow to the step straight below went out along the band, down the
// channel and back into the step's top, as a reviewer marked. Laid out
// with lanes (withLanes), B stands in the column's middle and its arrow
// drops straight into the step, on A4 and F4; D stands beside it.
func TestLanes(t *testing.T) {
	path := filepath.Join("..", "sampledata", "sops", "12-izin-lpk.json")
	eachArrow(t, path, "z5", "z14", func(paper string, dg *Diagram, p *Page, a Arrow) bool {
		if pageRow(p, "z5").Step != "" || pageRow(p, "z14").Step == "" {
			return false // the arrow is drawn from the connector on z14's page
		}
		if len(a.Points) != 2 || a.Points[0].X != a.Points[1].X {
			t.Errorf("%s page %d: the arrow from connector to z14 is not straight: %v", paper, p.Number, a.Points)
		}
		s := pageSymbol(p, "z14")
		if d := abs(s.X + s.W/2 - a.Points[0].X); d > 0.01 {
			t.Errorf("%s: the arrow enters z14 %.2f mm from its middle", paper, d)
		}
		return true
	})
}

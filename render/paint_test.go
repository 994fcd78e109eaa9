package render

import (
	"testing"

	"github.com/esop-malang/esop/layout"
)

// TestPentagonPointsTheWayOfItsArrow: an off-page connector points down
// (its point at the bottom of its box), or up when its arrow runs up the
// page (layout.Connector.Up), the same box either way.
func TestPentagonPointsTheWayOfItsArrow(t *testing.T) {
	r := layout.Rect{X: 10, Y: 20, W: 5, H: 5}
	for _, up := range []bool{false, true} {
		pts := pentagonPoints(r, up)
		if len(pts) != 5 {
			t.Fatalf("up %v: %d points", up, len(pts))
		}
		apex := pts[3]
		wantY := r.Y + r.H
		if up {
			wantY = r.Y
		}
		if apex.X != r.X+r.W/2 || apex.Y != wantY {
			t.Errorf("up %v: point at %v, want (%v, %v)", up, apex, r.X+r.W/2, wantY)
		}
		for _, p := range pts {
			if p.X < r.X || p.X > r.X+r.W || p.Y < r.Y || p.Y > r.Y+r.H {
				t.Errorf("up %v: corner %v outside the box %v", up, p, r)
			}
		}
	}
}

// TestConnectorLetterClearOfItsHead: the capital letter of an off-page
// connector stands a millimetre or more under the flat side an arrow
// enters (its head's tip touching that side), and within the square
// body, for a pentagon pointing down and one pointing up.
func TestConnectorLetterClearOfItsHead(t *testing.T) {
	cap := layout.CapHeight * connectorLetterSize * layout.PointMM
	for _, up := range []bool{false, true} {
		c := layout.Connector{Letter: "A", Up: up, Rect: layout.Rect{X: 10, Y: 20, W: 5, H: 5}}
		mid := connectorLetterMid(c)
		top, foot := mid-cap/2, mid+cap/2
		flat, bodyEnd := c.Y, c.Y+c.H*pentagonBody // the flat side and where the point begins
		clear := top - flat
		inBody := bodyEnd - foot
		if up {
			flat, bodyEnd = c.Y+c.H, c.Y+c.H*(1-pentagonBody)
			clear, inBody = flat-foot, top-bodyEnd
		}
		if clear < 1.0 {
			t.Errorf("up=%v: the letter stands %.2f mm from the flat side, want 1 mm or more", up, clear)
		}
		if inBody < 0 {
			t.Errorf("up=%v: the letter reaches %.2f mm into the point", up, -inBody)
		}
	}
}

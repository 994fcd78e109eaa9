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

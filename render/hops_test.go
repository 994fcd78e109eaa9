package render

import (
	"testing"

	"github.com/esop-malang/esop/layout"
)

// TestArrowHopsOverACrossing: an arrow is drawn with a half circle of
// layout.HopRadius over each of its hops (layout.Arrow.Hops), whichever
// way its horizontal run goes, its other points as they were.
func TestArrowHopsOverACrossing(t *testing.T) {
	r := layout.HopRadius
	for _, tc := range []struct {
		name string
		pts  []layout.Point
	}{
		{"rightwards", []layout.Point{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 5}}},
		{"leftwards", []layout.Point{{X: 10, Y: 5}, {X: 10, Y: 0}, {X: 0, Y: 0}}},
	} {
		got := withHops(tc.pts, []layout.Point{{X: 5, Y: 0}})
		if len(got) <= len(tc.pts) {
			t.Fatalf("%s: %v, no hop", tc.name, got)
		}
		if got[0] != tc.pts[0] || got[len(got)-1] != tc.pts[len(tc.pts)-1] {
			t.Errorf("%s: ends %v, %v, want %v, %v", tc.name, got[0], got[len(got)-1], tc.pts[0], tc.pts[len(tc.pts)-1])
		}
		top := 0.0
		for _, p := range got {
			if p.Y < 0 {
				top = min(top, p.Y)
				if p.X < 5-r-1e-9 || p.X > 5+r+1e-9 {
					t.Errorf("%s: point %v of the hop off its half circle", tc.name, p)
				}
			}
		}
		if top > -r+1e-9 {
			t.Errorf("%s: the hop rises %.2f mm, want %.2f", tc.name, -top, r)
		}
	}
	if got := withHops([]layout.Point{{X: 0, Y: 0}, {X: 10, Y: 0}}, []layout.Point{{X: 0.5, Y: 0}}); len(got) != 2 {
		t.Errorf("a hop nearer the run's end than its radius was drawn: %v", got)
	}
}

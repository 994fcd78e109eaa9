package layout

import "testing"

// TestLabelsOffTheirDiamond: a side exit's label was planned with its
// corner 0.35 mm square to the diamond's slope, "jammed against the
// diamond" in twelve samples (the A4 sample reviewer of session 13).
// breatheSlope moves it a little away where it may. Over the fixtures
// (A4 and F4), labels nearer than 0.5 mm to their diamond's outline: 83
// before, 2 since (office-plt's "Lengkap" beside the bottom exit, held
// by the rule and the other label); 3 since the decisions' columns keep
// room for their labels (labelAir): sample 02 on F4 sets "Ditolak" over
// its run beside the left vertex, where the column was too narrow for it
// before and it stood over the turn in the next column.
func TestLabelsOffTheirDiamond(t *testing.T) {
	names, docs := fixtures(t, false)
	near := 0
	eachPrintOf(t, names, docs, func(name, paper string, dg *Diagram) {
		for _, p := range dg.Pages {
			sym := map[string]Symbol{}
			for _, s := range p.Symbols {
				sym[s.Step] = s
			}
			for _, a := range p.Arrows {
				s, ok := sym[a.From]
				if a.Label == nil || !ok || s.Kind != Decision {
					continue
				}
				if d := diamondDist(a.Label.Rect, s.Rect); d < 0.5 {
					near++
					t.Logf("%s %s page %d: %q %.2f mm from its diamond", name, paper, p.Number, a.Label.Text, d)
				}
			}
		}
	})
	if near > 3 {
		t.Errorf("%d labels nearer than 0.5 mm to their diamond, want at most 3 (83 before)", near)
	}
}

func TestDiamondDist(t *testing.T) {
	d := Rect{X: 0, Y: 0, W: 10, H: 8} // vertices (5,0) (10,4) (5,8) (0,4)
	for _, c := range []struct {
		r    Rect
		want float64
	}{
		{Rect{X: 9, Y: 3, W: 2, H: 2}, 0},     // over the right vertex
		{Rect{X: 11, Y: 3, W: 2, H: 2}, 1},    // right of the right vertex
		{Rect{X: 4, Y: 9, W: 2, H: 1}, 1},     // under the bottom vertex
		{Rect{X: 8, Y: 0, W: 2, H: 1}, 1.093}, // over the upper right slope: corner (8,1) square to it, 7/√41
	} {
		if got := diamondDist(c.r, d); got < c.want-0.01 || got > c.want+0.01 {
			t.Errorf("diamondDist(%v) = %.3f, want %.3f", c.r, got, c.want)
		}
	}
}

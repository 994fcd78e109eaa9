package layout

import "testing"

// TestCrossingsOffSymbolsByConnectors lays out the generated document in
// which connector H's loop (s13→s12) rose 1.0 mm beside the right
// vertex of diamond 12 and crossed its "Ya" exit there, reading as a
// junction, with 10 mm of the column empty beyond the exit's run (soak
// seed 63 #120, page 2). easeCrossings moves H along its band until the
// two arrows cross away from every symbol, its stub crossRoom from the
// exit's run.
func TestCrossingsOffSymbolsByConnectors(t *testing.T) {
	checkSoakCases(t, []soakCase{{63, 120, false}})
	d := generatedDocuments(t, 63, 121)[120]
	dg := mustLayout(t, d, nil)
	p := &dg.Pages[1]
	var loop, exit *Arrow
	for i := range p.Arrows {
		switch a := &p.Arrows[i]; a.From + "→" + a.To {
		case "s13→s12":
			loop = a
		case "s12→s11":
			exit = a
		}
	}
	if loop == nil || exit == nil {
		t.Fatalf("page 2 lacks the arrows s13→s12 and s12→s11")
	}
	if n := polyCrossings(loop.Points, exit.Points); n != 1 {
		t.Errorf("s13→s12 and s12→s11 cross %d times, want once", n)
	}
	if d := polyParallelDist(loop.Points, exit.Points); d < crossRoom-0.005 {
		t.Errorf("s13→s12 runs %.2f mm beside s12→s11, want at least %.1f", d, crossRoom)
	}
	if len(exit.Hops)+len(loop.Hops) != 1 {
		t.Errorf("hops %v and %v, want one where the two cross", exit.Hops, loop.Hops)
	}
}

// TestSigPlaceOf: the places easeCrossings keeps a stub in are
// routeSignature's: a symbol's width, the half columns either side.
func TestSigPlaceOf(t *testing.T) {
	cols := []Column{
		{Kind: colNo, X: 10, W: 8},
		{Kind: colActor, X: 18, W: 20, Middle: 28},
		{Kind: colActor, X: 38, W: 30, Middle: 53},
		{Kind: colRequirements, X: 68, W: 20},
	}
	for _, c := range []struct {
		x    float64
		want int
	}{
		{15, -1}, {19, 0}, {28, 1}, {33.5, 1}, {34, 2}, {40, 2}, {53, 3}, {60, 4}, {67.9, 4}, {70, -1},
	} {
		if got := sigPlaceOf(cols, 11, c.x); got != c.want {
			t.Errorf("sigPlaceOf(%.1f) = %d, want %d", c.x, got, c.want)
		}
	}
}

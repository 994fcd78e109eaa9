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

// TestEaseCrossingsCountsThePage: a move that takes the stub's crossing
// off symbol S but brings connector C within crossingNear of two
// crossings of other arrows (X×Y, X×Z) is refused (a review of
// easeCrossings found the arrow's own crossings alone counted).
func TestEaseCrossingsCountsThePage(t *testing.T) {
	p := &Page{
		Symbols: []Symbol{{Step: "S", Kind: Process, Rect: Rect{X: 30, Y: 30, W: 20, H: 10}}},
		Connectors: []Connector{{Letter: "C", In: true, Up: true, From: "P", To: "Q",
			Rect: Rect{X: 48.5, Y: 63, W: 8, H: 5}}},
		Arrows: []Arrow{
			{From: "P", To: "Q", Points: []Point{{52.5, 63}, {52.5, 35}, {70, 35}, {70, 15}}},
			{From: "S", To: "B", Points: []Point{{50, 37}, {75, 37}, {75, 50}}},
			{From: "X1", To: "X2", Points: []Point{{59.6, 58}, {59.6, 72}}},
			{From: "Y1", To: "Y2", Points: []Point{{58.6, 65}, {72, 65}}},
			{From: "Z1", To: "Z2", Points: []Point{{58.6, 62}, {72, 62}}},
		},
	}
	cols := []Column{{Kind: colActor, X: 0, W: 80, Middle: 40}}
	_, before := arrowCrossings(p)
	easeCrossings(p, cols, actorRulesOf(cols))
	p.crossKnown = false
	if _, after := arrowCrossings(p); after > before {
		t.Errorf("crossings near a symbol or connector %d → %d (connector at %.2f)", before, after, p.Connectors[0].X)
	}
}

// TestEaseCrossingsKeepsOffLabels: connector C does not move onto the
// label "Tidak" 0.3 mm right of it, whatever crossing it would clear.
func TestEaseCrossingsKeepsOffLabels(t *testing.T) {
	old := Rect{X: 48.5, Y: 63, W: 8, H: 5}
	p := &Page{
		Symbols:    []Symbol{{Step: "S", Kind: Process, Rect: Rect{X: 30, Y: 30, W: 20, H: 10}}},
		Connectors: []Connector{{Letter: "C", In: true, Up: true, From: "P", To: "Q", Rect: old}},
		Arrows: []Arrow{
			{From: "P", To: "Q", Points: []Point{{52.5, 63}, {52.5, 35}, {70, 35}, {70, 15}}},
			{From: "S", To: "B", Points: []Point{{50, 37}, {75, 37}, {75, 50}}},
			{From: "L1", To: "L2", Points: []Point{{66, 58}, {66, 72}}, Label: &Label{Text: "Tidak", Rect: Rect{X: 56.8, Y: 64, W: 7, H: 3}}},
		},
	}
	cols := []Column{{Kind: colActor, X: 0, W: 80, Middle: 40}}
	easeCrossings(p, cols, actorRulesOf(cols))
	c, l := p.Connectors[0].Rect, p.Arrows[2].Label.Rect
	if d := rectDist(c, l); d < rectDist(old, l)-0.005 {
		t.Errorf("connector moved to %v, %.2f mm from label %v (was %.2f)", c, d, l, rectDist(old, l))
	}
}

// TestHopsWhereArrowsCross lays out the generated documents in which a
// hop stood where a crossing had been before the passes after markHops
// moved a piece (alignConnectors, easeConnectors, centreExits), drawn
// over empty paper while the crossing it stood for had none (soak seeds
// 20 #282, 26 #27, 38 #169, 40 #4): every hop now stands at a crossing,
// and every crossing has one (checkHops, remarkHops).
func TestHopsWhereArrowsCross(t *testing.T) {
	checkSoakCases(t, []soakCase{{20, 282, false}, {26, 27, false}, {38, 169, false}, {40, 4, false}})
}

package layout

import "testing"

// TestEaseLabels: a label 0.8 mm from its column's rule, its arrow's run
// 3 mm away on its other side, moves to labelRuleWant from the rule (the
// gap on its other side shared, never taken: the run stands nearer it no
// more than the rule does); a label 0.6 mm from its own run keeps its
// place; one that would come as near another arrow as its own stays.
func TestEaseLabels(t *testing.T) {
	rule := Line{Point{50, 0}, Point{50, 100}}
	label := func(x float64) *Label { return &Label{Text: "Tidak sesuai", Rect: Rect{X: x, Y: 40, W: 10, H: 3}} }
	run := func(x float64) Arrow { return Arrow{From: "a", To: "b", Points: []Point{{x, 30}, {x, 60}}} }

	roomy := run(63.8) // 3 mm right of the label
	roomy.Label = label(50.8)
	p := Page{Rules: []Line{rule}, Arrows: []Arrow{roomy}}
	easeLabels(&p, []float64{rule.A.X})
	if got := p.Arrows[0].Label.X - rule.A.X; abs(got-labelRuleWant) > 0.011 {
		t.Errorf("a label with room on its other side stands %.2f mm from the rule, want %.2f", got, labelRuleWant)
	}

	tight := run(61.4) // 0.6 mm right of the label
	tight.Label = label(50.8)
	p = Page{Rules: []Line{rule}, Arrows: []Arrow{tight}}
	easeLabels(&p, []float64{rule.A.X})
	if got := p.Arrows[0].Label.X; got != 50.8 {
		t.Errorf("a label 0.6 mm from its own run moved to %.2f", got)
	}

	// Over its own horizontal run (1 mm under it), another arrow's run
	// 1.7 mm to its right: moved more than 0.2 mm, the label would stand
	// as near that run as its own (ambiguousOn's alongMargin); the rule's
	// own guard would let it go to 0.45.
	own := Arrow{From: "a", To: "b", Points: []Point{{40, 44}, {75, 44}}}
	own.Label = label(50.8)
	other := Arrow{From: "c", To: "d", Points: []Point{{62.5, 30}, {62.5, 60}}}
	p = Page{Rules: []Line{rule}, Arrows: []Arrow{own, other}}
	before := 0
	ambiguousOn(&p, func(_, _ Arrow, _, _ float64) { before++ })
	easeLabels(&p, []float64{rule.A.X})
	after := 0
	ambiguousOn(&p, func(_, _ Arrow, _, _ float64) { after++ })
	if moved := p.Arrows[0].Label.X - 50.8; before != 0 || after != 0 || moved < 0.05 || moved > 0.2+0.011 {
		t.Errorf("label beside another run: ambiguous %d → %d, moved %.2f mm, want none ambiguous and a move of 0.05–0.2 mm", before, after, moved)
	}
}

package layout

// Labels eased off the column rules, on the printed page.
//
// A label keeps labelRuleGap (0.8 mm) from the rules of its cell while
// the pages are laid out: that is what lets a label of a decision in a
// narrow column stand whole beside its vertex. Once the page is final
// (its gutters open, its rows given air), a label standing that near a
// rule often has room on its other side: "Memenuhi standar" 0.63 mm from
// the Tim Profesi's rule (office-plt-loop-back on A4), "Tidak sesuai"
// 0.5–0.8 mm from theirs (samples 11, 13, 18), "nearly cut" to each of
// this session's reviewers. easeLabels moves such a label away from the
// rule, up to labelRuleWant from it, as far as nothing then stands nearer
// the label than the rule does, or than it stood before: the gap on its
// other side is shared, never taken.

// labelRuleWant is how far from a column rule easeLabels sets a label
// where the room on its other side allows.
const labelRuleWant = 1.3

// labelEaseStep is the grid easeLabels moves a label on.
const labelEaseStep = 0.05

// easeLabels moves each label of p nearer than labelRuleWant to a
// vertical rule away from it (see above).
func easeLabels(p *Page) {
	for ai := range p.Arrows {
		lb := p.Arrows[ai].Label
		if lb == nil {
			continue
		}
		r := lb.Rect
		d, dir := ruleBeside(p, r)
		if dir == 0 || d >= labelRuleWant-1e-9 {
			continue
		}
		// The largest move on the grid, at most to labelRuleWant, after
		// which nothing stands nearer the label than min(what stood there
		// before, the rule's new distance).
		for k := int((labelRuleWant - d) / labelEaseStep); k > 0; k-- {
			delta := float64(k) * labelEaseStep
			moved := r
			moved.X = round2(r.X + dir*delta)
			if easeFree(p, ai, r, moved, d+delta) {
				lb.Rect = moved
				break
			}
		}
	}
}

// ruleBeside returns the distance from r to the nearest vertical rule of p
// beside it (its y-range overlapping r's), and the direction away from
// that rule (+1 right, -1 left; 0 for none within labelRuleWant).
func ruleBeside(p *Page, r Rect) (float64, float64) {
	best, dir := labelRuleWant, 0.0
	for _, ln := range p.Rules {
		if ln.A.X != ln.B.X {
			continue
		}
		y1, y2 := ordered(ln.A.Y, ln.B.Y)
		if y2 <= r.Y || y1 >= r.Y+r.H {
			continue
		}
		x := ln.A.X
		switch {
		case x <= r.X && r.X-x < best:
			best, dir = r.X-x, 1
		case x >= r.X+r.W && x-(r.X+r.W) < best:
			best, dir = x-(r.X+r.W), -1
		}
	}
	return best, dir
}

// easeFree reports whether the label of arrow ai of p, moved from r to
// moved, stands from every rule, arrow, symbol (a diamond by its sides),
// connector and other label of p at least the lesser of least and its
// distance from r, and as near no other arrow as its own where it did not
// before (ambiguousOn).
func easeFree(p *Page, ai int, r, moved Rect, least float64) bool {
	ok := func(before, after float64) bool { return after >= min(before, least)-1e-9 }
	for _, ln := range p.Rules {
		if !ok(rectSegDist(r, ln.A, ln.B), rectSegDist(moved, ln.A, ln.B)) {
			return false
		}
	}
	own, ownMoved := polyRectDist(p.Arrows[ai].Points, r), polyRectDist(p.Arrows[ai].Points, moved)
	for k := range p.Arrows {
		a := &p.Arrows[k]
		before, after := polyRectDist(a.Points, r), polyRectDist(a.Points, moved)
		if !ok(before, after) || k != ai && before >= own+alongMargin && after < ownMoved+alongMargin {
			return false
		}
		if k != ai && a.Label != nil && !ok(rectDist(a.Label.Rect, r), rectDist(a.Label.Rect, moved)) {
			return false
		}
	}
	for _, s := range p.Symbols {
		dist := rectDist
		if s.Kind == Decision {
			dist = func(d, l Rect) float64 { return diamondDist(l, d) }
		}
		if !ok(dist(s.Rect, r), dist(s.Rect, moved)) {
			return false
		}
	}
	for _, c := range p.Connectors {
		if !ok(rectDist(c.Rect, r), rectDist(c.Rect, moved)) {
			return false
		}
	}
	return true
}

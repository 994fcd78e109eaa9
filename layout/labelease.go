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

// easeLabels moves each label of p nearer than labelRuleWant to a rule
// of the pelaksana columns (rules, their x) away from it (see above). The
// labels stand in those columns, whose rules run the table's height: the
// table's other rules are as far from a label moved along its row.
func easeLabels(p *Page, rules []float64) {
	for ai := range p.Arrows {
		lb := p.Arrows[ai].Label
		if lb == nil {
			continue
		}
		r := lb.Rect
		d, dir := ruleBeside(rules, r)
		if dir == 0 || d >= labelRuleWant-1e-9 {
			continue
		}
		// The largest move on the grid, at most to labelRuleWant, after
		// which nothing stands nearer the label than min(what stood there
		// before, the rule's new distance).
		move := func(k int) Rect {
			moved := r
			moved.X = round2(r.X + dir*float64(k)*labelEaseStep)
			return moved
		}
		free := func(k int) bool { return easeFree(p, rules, ai, r, move(k), d+float64(k)*labelEaseStep) }
		// By bisection on the grid: a longer move is free only where
		// a shorter one is (it brings the label nearer the same things).
		// The shortest move first: most labels that near a rule stand as
		// near their own arrow or diamond, and go nowhere.
		lo, hi := 1, int((labelRuleWant-d)/labelEaseStep) // lo free, hi the longest tried
		if hi < 1 || !free(1) {
			continue
		}
		if free(hi) {
			lo = hi
		}
		for hi-lo > 1 {
			if mid := (lo + hi) / 2; free(mid) {
				lo = mid
			} else {
				hi = mid
			}
		}
		lb.Rect = move(lo)
	}
}

// ruleBeside returns the distance from r to the nearest of rules (x of
// vertical rules) beside it, and the direction away from that rule (+1
// right, -1 left; 0 for none within labelRuleWant).
func ruleBeside(rules []float64, r Rect) (float64, float64) {
	best, dir := labelRuleWant, 0.0
	for _, x := range rules {
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
// moved, stands from every rule of rules, arrow, symbol (a diamond by its sides),
// connector and other label of p at least the lesser of least and its
// distance from r, and as near no other arrow as its own where it did not
// before (ambiguousOn).
func easeFree(p *Page, rules []float64, ai int, r, moved Rect, least float64) bool {
	ok := func(before, after float64) bool { return after >= min(before, least)-1e-9 }
	for _, x := range rules {
		if !ok(gap(x, x, r.X, r.X+r.W), gap(x, x, moved.X, moved.X+moved.W)) {
			return false
		}
	}
	own, ownMoved := polyRectDist(p.Arrows[ai].Points, r), polyRectDist(p.Arrows[ai].Points, moved)
	for k := range p.Arrows {
		a := &p.Arrows[k]
		before, after := polyRectDist(a.Points, r), polyRectDist(a.Points, moved)
		if !ok(before, after) || k != ai && !asNearAsOwn(before, own) && asNearAsOwn(after, ownMoved) {
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

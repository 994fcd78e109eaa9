package layout

import "math"

// Exits back at the middle of their box, on the printed page.
//
// bottomAside moves a box's bottom exit lineAside (3 mm) toward where it
// turns when the drop down the middle of its column would stand in line
// with another arrow's vertical run just below: the reader would take
// the two for one line. It decides on the sketch, where an off-page
// connector stands over the column of the step it stands for; once
// underRuns or alignConnectors has moved the connector under its run in
// another column, nothing stands in line any more, and the exit left its
// box 3 mm off the middle "for no visible reason" (sample 16 on A4, row
// 4, whose drop stood in the sketch over connector A's stub; both
// reviewers of session 16). centreExits looks at the printed page: an
// exit so moved goes back to its box's middle where no other arrow's
// vertical run stands in line with its drop within centreInLine below
// its turn, with no symbol between, and the arrow is no worse for it
// (alignNoWorse).

// centreInLine is how far below the turn of a box's bottom exit another
// arrow's vertical run along the same line still reads as going on from
// it: the sketch's inLineLevels, three half-rows and more.
const centreInLine = 15.0

// centreExits moves the bottom exits of p's boxes that leave lineAside
// off the middle back to it, where that stands in line with nothing and
// is no worse. rules are the x of the pelaksana columns' rules.
func centreExits(p *Page, rules []float64) {
	for si := range p.Symbols {
		s := &p.Symbols[si]
		if s.Kind == Decision {
			continue
		}
		cx, bottom := round2(s.X+s.W/2), s.Y+s.H
		for ai := range p.Arrows {
			a := &p.Arrows[ai]
			pts := a.Points
			if a.From != s.Step || len(pts) < 3 || math.Abs(pts[0].Y-bottom) > 0.02 {
				continue
			}
			q0, q1, q2 := pts[0], pts[1], pts[2]
			off := q0.X - cx
			if math.Abs(off) < 0.5 || math.Abs(off) > lineAside+0.01 || q1.X != q0.X || q2.Y != q1.Y || (q2.X-q1.X)*off <= 0 {
				continue // not an elbow moved toward its turn
			}
			if len(a.Hops) > 0 || centreInLineBelow(p, ai, cx, q1.Y) {
				continue
			}
			next := append([]Point{{X: cx, Y: q0.Y}, {X: cx, Y: q1.Y}}, pts[2:]...)
			if !alignNoWorse(p, ai, next, rules) {
				continue
			}
			a.Points = simplify(next)
		}
	}
}

// centreInLineBelow reports whether a vertical piece of another arrow of
// p than ai stands at x and begins less than centreInLine below y, with
// no symbol or connector between.
func centreInLineBelow(p *Page, ai int, x, y float64) bool {
	for k := range p.Arrows {
		if k == ai {
			continue
		}
		pts := p.Arrows[k].Points
		for j := 1; j < len(pts); j++ {
			a, b := pts[j-1], pts[j]
			if a.X != b.X || math.Abs(a.X-x) > 0.5 {
				continue
			}
			top := min(a.Y, b.Y)
			if top < y-0.01 || top-y >= centreInLine {
				continue
			}
			between := Rect{X: x - 0.25, Y: y, W: 0.5, H: top - y}
			if !nodeIn(p, between) {
				return true
			}
		}
	}
	return false
}

// nodeIn reports whether a symbol or connector of p overlaps r.
func nodeIn(p *Page, r Rect) bool {
	for _, n := range nodeRects(p) {
		if overlaps(n, r) {
			return true
		}
	}
	return false
}

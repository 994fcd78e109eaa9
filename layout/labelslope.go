package layout

import "math"

// A side exit's label stands as near its run as the diamond's slope
// leaves it room (sidePlans): its corner nearest the diamond keeps
// labelClear from the slope across and up, about 0.35 mm square to it,
// which the sample reviewers of session 13 measured in twelve of the
// samples as the label "jammed against the diamond". Planning the labels
// with more room beside the slope moves them, and the routes planned
// round them, nearer the rules (tried: labels within 0.8 mm of a rule
// 165 → 207, crossings 3 → 4). breatheSlope moves a label placed so, once
// every label has its place, a little away from the slope where it stays
// free, in its cell, nearer its own arrow than any other and no nearer a
// rule than labelBreathRule (or than it stood).

// slopeWant is the least distance breatheSlope asks between a label and
// its diamond's outline.
const slopeWant = 0.6

// breatheSlope moves every label of out standing nearer than slopeWant to
// the outline of its diamond a little away from it, where it may; runs
// are the page's runs, made when first needed (shared with breathe).
func (pb *pageBuilder) breatheSlope(out []*Label, runs *[]pageRun) {
	for i, l := range out {
		if l == nil {
			continue
		}
		pe := pb.edges[i]
		n := pe.src
		if n.kind != Decision {
			continue
		}
		d := diamondDist(l.Rect, n.rect)
		if d >= slopeWant {
			continue
		}
		if *runs == nil {
			*runs = pb.pageRuns()
		}
		cell := pb.cellIn(n, pb.l.actorColumnAt(l.X+l.W/2))
		others := pb.otherLabels(out, i)
		dx, dy := 1.0, 1.0
		if l.X+l.W/2 < n.rect.X+n.rect.W/2 {
			dx = -1
		}
		if l.Y+l.H/2 < n.rect.Y+n.rect.H/2 {
			dy = -1
		}
		ruleWas := pb.ruleDist(l.Rect)
		for _, mv := range [...][2]float64{{0, 0.3}, {0.3, 0}, {0.2, 0.2}, {0, 0.2}, {0.2, 0}} {
			r := l.Rect
			r.X, r.Y = round2(r.X+dx*mv[0]), round2(r.Y+dy*mv[1])
			if diamondDist(r, n.rect) < d+0.1 || pb.ruleDist(r) < min(labelBreathRule, ruleWas) {
				continue
			}
			if pb.labelFree(r, cell, others) && !ambiguousLabel(r, pe, *runs) {
				out[i] = &Label{Text: l.Text, Lines: l.Lines, Rect: r}
				break
			}
		}
	}
}

// ruleDist returns how far r stands from the nearest rule of the
// pelaksana columns across.
func (pb *pageBuilder) ruleDist(r Rect) float64 {
	d := math.Inf(1)
	n := len(pb.l.lanes.centers)
	for k := 0; k <= n; k++ {
		x := pb.l.lanes.x1
		if k < n {
			x = pb.l.cols[2+k].X
		}
		switch {
		case x <= r.X:
			d = min(d, r.X-x)
		case x >= r.X+r.W:
			d = min(d, x-r.X-r.W)
		default:
			return 0
		}
	}
	return d
}

// diamondDist returns the distance between r and the outline of the
// diamond drawn in d, 0 where they meet.
func diamondDist(r Rect, d Rect) float64 {
	v := [4]Point{{d.X + d.W/2, d.Y}, {d.X + d.W, d.Y + d.H/2}, {d.X + d.W/2, d.Y + d.H}, {d.X, d.Y + d.H/2}}
	corners := [4]Point{{r.X, r.Y}, {r.X + r.W, r.Y}, {r.X + r.W, r.Y + r.H}, {r.X, r.Y + r.H}}
	best := math.Inf(1) // squared: one root at the end, not twenty
	for k := range v {
		a, b := v[k], v[(k+1)%4]
		if segmentMeets(a, b, r) {
			return 0
		}
		dx, dy := rectPointGaps(r, a)
		if e := dx*dx + dy*dy; e < best {
			best = e
		}
		for _, c := range corners {
			if e := pointSegDist2(c, a, b); e < best {
				best = e
			}
		}
	}
	return math.Sqrt(best)
}

// segmentMeets reports whether segment a–b touches rectangle r.
func segmentMeets(a, b Point, r Rect) bool {
	if a.X > b.X {
		a, b = b, a
	}
	// The segment within r's x range, then its y there.
	x1, x2 := a.X, b.X
	if r.X > x1 {
		x1 = r.X
	}
	if to := r.X + r.W; to < x2 {
		x2 = to
	}
	if x1 > x2 {
		return false
	}
	y1, y2 := a.Y, b.Y
	if b.X > a.X {
		y1 = a.Y + (b.Y-a.Y)*(x1-a.X)/(b.X-a.X)
		y2 = a.Y + (b.Y-a.Y)*(x2-a.X)/(b.X-a.X)
	}
	lo, hi := ordered(y1, y2)
	return hi >= r.Y && lo <= r.Y+r.H
}

func rectPointDist(r Rect, p Point) float64 {
	return boxDist(rectPointGaps(r, p))
}

// rectPointGaps returns how far p stands outside r across and down, 0
// for each within r's range.
func rectPointGaps(r Rect, p Point) (dx, dy float64) {
	if d := r.X - p.X; d > 0 {
		dx = d
	} else if d := p.X - r.X - r.W; d > 0 {
		dx = d
	}
	if d := r.Y - p.Y; d > 0 {
		dy = d
	} else if d := p.Y - r.Y - r.H; d > 0 {
		dy = d
	}
	return dx, dy
}

// pointSegDist2 returns the square of the distance between p and the
// segment a–b.
func pointSegDist2(p, a, b Point) float64 {
	ex, ey := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l := ex*ex + ey*ey; l > 0 {
		switch t = ((p.X-a.X)*ex + (p.Y-a.Y)*ey) / l; {
		case t < 0:
			t = 0
		case t > 1:
			t = 1
		}
	}
	x, y := p.X-a.X-t*ex, p.Y-a.Y-t*ey
	return x*x + y*y
}

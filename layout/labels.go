package layout

// Clearances of an exit label, in millimetres.
const (
	labelGap   = 0.4  // between a label and the arrow it names
	labelClear = 0.25 // between a label and anything else
	labelStep  = 0.8  // how far apart the positions along an arrow that are tried
)

// placeLabels gives every decision exit that starts on this page its
// label, next to the arrow as near to the diamond as it finds free room:
// it tries positions along the arrow's runs, on both sides of each, and
// takes the first that no arrow, node or other label touches.
func (pb *pageBuilder) placeLabels() []*Label {
	out := make([]*Label, len(pb.edges))
	var placed []Rect
	for i, pe := range pb.edges {
		if pe.fe.label == "" || pe.src.isConnector() {
			continue
		}
		w, h := pb.labelSize(pe.fe.label)
		r := pb.labelSpot(pe, w, h, placed)
		placed = append(placed, r)
		out[i] = &Label{Text: pe.fe.label, Lines: []string{pe.fe.label}, Rect: r}
	}
	return out
}

// labelSpot returns the first free position for a w × h label along the
// arrow of pe, or the first position tried when none is free.
func (pb *pageBuilder) labelSpot(pe *pedge, w, h float64, placed []Rect) Rect {
	if pe.zone != nil {
		if r := pb.zoneRect(pe, w, h); pb.labelFree(r, placed) {
			return r
		}
	}
	var first Rect
	tried := false
	for s := 0; s+1 < len(pe.pts); s++ {
		a, b := pe.pts[s], pe.pts[s+1]
		length := abs(b.X-a.X) + abs(b.Y-a.Y)
		for t := 0.6; t <= max(0.6, length); t += labelStep {
			for _, r := range besideRun(a, b, t, w, h) {
				r = Rect{X: round2(r.X), Y: round2(r.Y), W: w, H: h}
				if !tried {
					first, tried = r, true
				}
				if pb.labelFree(r, placed) {
					return r
				}
			}
		}
	}
	if r, ok := pb.labelNear(pe, w, h, placed); ok {
		return r
	}
	return first
}

// labelNear looks for free room for a label anywhere near where the arrow
// leaves its diamond, nearest first: the last resort when no place along
// the arrow is free.
func (pb *pageBuilder) labelNear(pe *pedge, w, h float64, placed []Rect) (Rect, bool) {
	a := pe.pts[0]
	best, found, bestD := Rect{}, false, 0.0
	for dy := -8.0; dy <= 8; dy += 0.5 {
		for dx := -w - 16; dx <= 16; dx += 0.5 {
			r := Rect{X: round2(a.X + dx), Y: round2(a.Y + dy), W: w, H: h}
			cx, cy := r.X+w/2, r.Y+h/2
			d := abs(cx-a.X) + abs(cy-a.Y)
			if (!found || d < bestD) && pb.labelFree(r, placed) {
				best, found, bestD = r, true, d
			}
		}
	}
	return best, found
}

// besideRun returns the two places for a label at distance t along the
// run from a to b: above then below a horizontal run, right then left of
// a vertical one.
func besideRun(a, b Point, t, w, h float64) [2]Rect {
	if a.Y == b.Y {
		x := a.X + t
		if b.X < a.X {
			x = a.X - t - w
		}
		return [2]Rect{{X: x, Y: a.Y - labelGap - h, W: w, H: h}, {X: x, Y: a.Y + labelGap, W: w, H: h}}
	}
	y := a.Y + t
	if b.Y < a.Y {
		y = a.Y - t - h
	}
	return [2]Rect{{X: a.X + labelGap, Y: y, W: w, H: h}, {X: a.X - labelGap - w, Y: y, W: w, H: h}}
}

// labelFree reports whether a label at r stays inside the lanes of the
// page's rows and clear of every node, arrow and label placed before.
func (pb *pageBuilder) labelFree(r Rect, placed []Rect) bool {
	ln := &pb.l.lanes
	last := pb.rows[len(pb.rows)-1]
	if r.X < ln.x0+labelClear || r.X+r.W > ln.x1-labelClear ||
		r.Y < pb.rows[0].y+labelClear || r.Y+r.H > last.y+last.h-labelClear {
		return false
	}
	grown := Rect{X: r.X - labelClear, Y: r.Y - labelClear, W: r.W + 2*labelClear, H: r.H + 2*labelClear}
	for _, row := range pb.rows {
		for _, n := range row.nodes {
			if overlaps(grown, n.rect) {
				return false
			}
		}
	}
	for _, p := range placed {
		if overlaps(grown, p) {
			return false
		}
	}
	for _, pe := range pb.edges {
		for i := 0; i+1 < len(pe.pts); i++ {
			if segmentHits(pe.pts[i], pe.pts[i+1], grown) {
				return false
			}
		}
	}
	return true
}

// overlaps reports whether two rectangles share interior.
func overlaps(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// segmentHits reports whether the axis-parallel segment a–b passes
// through the interior of r.
func segmentHits(a, b Point, r Rect) bool {
	x1, x2 := min(a.X, b.X), max(a.X, b.X)
	y1, y2 := min(a.Y, b.Y), max(a.Y, b.Y)
	if x1 == x2 {
		return r.X < x1 && x1 < r.X+r.W && y1 < r.Y+r.H && y2 > r.Y
	}
	return r.Y < y1 && y1 < r.Y+r.H && x1 < r.X+r.W && x2 > r.X
}

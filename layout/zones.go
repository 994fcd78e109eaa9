package layout

// zoneClear is how far vertical tracks keep from a label zone.
const zoneClear = labelClear + 0.15

// exitSide is the side a decision exit left by.
type exitSide struct{ step, side int }

// labelZone is the place kept free for the exit label of a decision: in
// the strip under the diamond beside a bottom exit, or above the run
// that leaves a side vertex. Vertical tracks that pass its level keep
// out of its x range, so that no arrow crosses the label.
type labelZone struct {
	level int // the band under the diamond, or the diamond's row
	x     interval
	below bool // beside a bottom exit, else above a side run
}

// labelSize returns the width and height of an exit label.
func (pb *pageBuilder) labelSize(text string) (w, h float64) {
	return ceil2(pb.l.m.Width(text, LabelSize, false) + 0.8), ceil2(LineHeight(LabelSize))
}

// planLabels reserves a zone for every decision exit's label where the
// channels can keep clear of it: right of a bottom exit, else left of it;
// outward along a side exit.
func (pb *pageBuilder) planLabels() {
	for _, pe := range pb.edges {
		if pe.fe.label == "" || pe.src.isConnector() {
			continue
		}
		for _, z := range pb.zoneCandidates(pe, pe.exit.side) {
			if pb.zoneFits(z) {
				pb.zones = append(pb.zones, z)
				pe.zone = &z
				break
			}
		}
		if pe.zone == nil {
			pb.unplaced = append(pb.unplaced, exitSide{pe.src.step, pe.exit.side})
		}
	}
}

// zoneCandidates returns where the label of a decision exit leaving by
// side may stand, best first: beside a bottom exit, right then left of
// it, in the strip under the diamond; above a side exit, outward from the
// vertex.
func (pb *pageBuilder) zoneCandidates(pe *pedge, side int) []labelZone {
	w, _ := pb.labelSize(pe.fe.label)
	n := pe.src
	switch side {
	case sideBottom:
		level := 2*n.row + 1
		return []labelZone{
			{level, interval{n.cx + labelGap, n.cx + labelGap + w}, true},
			{level, interval{n.cx - labelGap - w, n.cx - labelGap}, true},
		}
	case sideRight:
		vx := n.cx + n.w/2
		return []labelZone{{2 * n.row, interval{vx + labelGap, vx + labelGap + w}, false}}
	}
	vx := n.cx - n.w/2
	return []labelZone{{2 * n.row, interval{vx - labelGap - w, vx - labelGap}, false}}
}

// zoneFits reports whether a zone lies within the lanes and every channel
// it reaches still holds its tracks beside it.
func (pb *pageBuilder) zoneFits(z labelZone) bool {
	ln := &pb.l.lanes
	if z.x.lo < ln.x0+labelClear || z.x.hi > ln.x1-labelClear {
		return false
	}
	pb.zones = append(pb.zones, z)
	defer func() { pb.zones = pb.zones[:len(pb.zones)-1] }()
	for c, tracks := range pb.chanTracks {
		if len(tracks) > 0 && pb.trackXs(c, tracks, true) == nil {
			return false
		}
	}
	return true
}

// forbidden returns where the tracks of channel c must never run: along
// the table rule in its middle, and under a connector whose stub shares a
// band with the channel's runs, where the two would overlap.
func (pb *pageBuilder) forbidden(c int) []interval {
	ch := pb.l.lanes.chans[c]
	var hard []interval
	if ch.hasRule {
		hard = append(hard, interval{ch.rule - ruleGap, ch.rule + ruleGap})
	}
	last := 2*(len(pb.rows)-2) + 1 // the band above a bottom connector band
	for _, line := range []struct {
		nodes []*node
		level int
	}{{pb.topConn, 1}, {pb.botConn, last}} {
		if len(line.nodes) == 0 || pb.covering(c, line.level) == 0 {
			continue
		}
		for _, n := range line.nodes {
			if n.cx > ch.lo-0.5 && n.cx < ch.hi+0.5 {
				hard = append(hard, interval{n.cx - 0.4, n.cx + 0.4})
			}
		}
	}
	return hard
}

// zoneRect returns the label rectangle of a planned zone, once the
// nodes have their place.
func (pb *pageBuilder) zoneRect(pe *pedge, w, h float64) Rect {
	z, r := pe.zone, pe.src.rect
	y := r.Y + r.H + 0.3
	if !z.below {
		y = r.Y + r.H/2 - labelGap - h
	}
	return Rect{X: round2(z.x.lo), Y: round2(y), W: w, H: h}
}

package layout

import (
	"math"
	"slices"
)

// Crossings moved off the symbols.
//
// An arrow that leaves (or enters) a connector drops from it straight
// down (or rises straight up) before its jog along the band. Where that
// stub crosses another arrow's run nearer than crossingNear to a symbol
// or connector, the crossing reads as a junction, hop or no hop: the
// soak's seed 63 #120, connector H's loop rising 1.0 mm beside the right
// vertex of the diamond whose "Ya" exit it crossed, with 10 mm of the
// column empty beyond the exit's run. The routes were chosen by how many
// arrows they cross, not by where on the paper; the connector's place in
// its band is free.

// easeCrossings moves each connector of p whose stub or jog crosses
// another arrow nearer than crossingNear to a symbol or connector along
// its band, within its column and no farther than crossEaseMost, to the
// nearest place where the page has fewer such crossings (those near the
// moved connector counted): its jog keeps its direction and minJog of
// its length, the move keeps the route's place in the table
// (routeSignature's classes: the same column, the same side of its
// middle, in or out of its symbols' width, so that A4 and F4 still route
// alike), the connector keeps connGap from the others and chanClear from
// the symbols, no other arrow and no label comes nearer it, and the
// arrow crosses and touches no more arrows and comes no nearer anything
// (alignNoWorse, nearerLabels, nearerSymbols). Its caller marks the
// page's hops again (remarkHops). cols are the table's columns, rules
// the x of the pelaksana columns' rules.
func easeCrossings(p *Page, cols []Column, rules []float64) {
	moved := false
	for ci := range p.Connectors {
		c := &p.Connectors[ci]
		for ai := range p.Arrows {
			a := &p.Arrows[ai]
			if a.From != c.From || a.To != c.To {
				continue
			}
			if i0, i1, i2, ok := connectorEnd(c.Rect, a.Points); ok && crossEaseOne(p, c, ai, i0, i1, i2, cols, rules) {
				moved = true
			}
		}
	}
	if moved {
		p.crossKnown, p.hopsMoved = false, true // the caller marks the hops again (remarkHops)
	}
}

// crossEaseMost is the farthest easeCrossings moves a connector.
const crossEaseMost = 6.0

// crossEaseOne is easeCrossings for connector c and arrow ai, whose
// points i0 (at the connector), i1 (the stub's end) and i2 (the jog's
// end) are given; it reports whether it moved them.
func crossEaseOne(p *Page, c *Connector, ai, i0, i1, i2 int, cols []Column, rules []float64) bool {
	a := &p.Arrows[ai]
	s, j, q := a.Points[i0], a.Points[i1], a.Points[i2]
	if s.X != j.X || j.Y != q.Y || math.Abs(q.X-j.X) < 0.05 {
		return false // not a stub and a jog
	}
	// Only the stub and the jog move: the crossings of the rest stay.
	before := nearCrossings(p, ai, []Point{s, j, q})
	if before == 0 {
		return false
	}
	if columnOf(rules, c.X+c.W/2, c.W) < 0 {
		return false
	}
	// The page's crossings near a symbol or connector, the moved
	// connector's among them: a move must leave fewer (a review of this
	// pass: the pentagon moved 0.5 mm took one crossing off a symbol and
	// came within crossingNear of two crossings of other arrows).
	p.crossKnown = false
	_, pageNear := arrowCrossings(p)
	// Where it can, the moved stub keeps crossRoom from the other
	// arrows' runs alongside, else the least alignNoWorse allows: a hop
	// 2 mm from the corner after it read as a kink (seed 63 #120).
	for _, room := range []float64{crossRoom, 0} {
		if crossEaseAt(p, c, ai, i0, i1, i2, cols, rules, pageNear, room) {
			return true
		}
	}
	return false
}

// crossRoom is how far from the other arrows' runs alongside it
// easeCrossings first seeks to set a stub it moves.
const crossRoom = 3.0

// crossEaseAt is crossEaseOne seeking a place where the stub stands room
// from the other arrows' runs alongside, or nearer where they stood
// nearer; pageNear is how many of the page's crossings stand near a
// symbol or connector.
func crossEaseAt(p *Page, c *Connector, ai, i0, i1, i2 int, cols []Column, rules []float64, pageNear int, room float64) bool {
	a := &p.Arrows[ai]
	q := a.Points[i2]
	w, x := c.W, c.X+c.W/2
	col := columnOf(rules, x, w)
	lo, hi := rules[col], rules[col+1]
	old := c.Rect
	symW := 0.0
	for k := range p.Symbols {
		symW = max(symW, p.Symbols[k].W)
	}
	for d := 0.25; d <= crossEaseMost+1e-9; d += 0.25 {
		for _, dir := range []float64{1, -1} {
			nx := round2(x + dir*d)
			if nx-w/2 < lo+connRuleClear-0.005 || nx+w/2 > hi-connRuleClear+0.005 {
				continue
			}
			// The jog keeps its direction and minJog of its length.
			if (q.X-nx)*(q.X-x) <= 0 || math.Abs(q.X-nx) < minJog {
				continue
			}
			if sigPlaceOf(cols, symW, nx) != sigPlaceOf(cols, symW, x) || connectorPassed(p, c, x, nx) {
				continue
			}
			moved := Rect{X: round2(nx - w/2), Y: c.Y, W: w, H: c.H}
			if !connectorFree(p, c, moved) || arrowsNearer(p, ai, old, moved) || labelsNearer(p, old, moved) {
				continue
			}
			next := slices.Clone(a.Points)
			next[i0].X, next[i1].X = nx, nx
			if !alignNoWorse(p, ai, next, rules) || nearerLabels(p, a.Points, next) || nearerSymbols(p, a, next) || besideOthers(p, ai, a.Points, next, room) {
				continue
			}
			// The crossings near the connector count where it stands.
			pts := a.Points
			c.Rect, a.Points, p.crossKnown = moved, next, false
			if _, near := arrowCrossings(p); near >= pageNear {
				c.Rect, a.Points, p.crossKnown = old, pts, false
				continue
			}
			return true
		}
	}
	return false
}

// labelsNearer reports whether a label of p comes nearer the connector
// at to than it came to the connector at from, and nearer than
// easeLabelRoom.
func labelsNearer(p *Page, from, to Rect) bool {
	for k := range p.Arrows {
		if l := p.Arrows[k].Label; l != nil {
			if d := rectDist(l.Rect, to); d < easeLabelRoom && d < rectDist(l.Rect, from)-0.005 {
				return true
			}
		}
	}
	return false
}

// besideOthers reports whether the points next, drawn for arrow ai of p
// in place of old, run alongside another arrow nearer than room, at
// another distance than old did.
func besideOthers(p *Page, ai int, old, next []Point, room float64) bool {
	for k := range p.Arrows {
		if k == ai {
			continue
		}
		o := p.Arrows[k].Points
		if d := polyParallelDist(next, o); d < room && math.Abs(d-polyParallelDist(old, o)) > 0.005 {
			return true
		}
	}
	return false
}

// nearCrossings counts where the points pts, drawn for arrow ai of p,
// cross another arrow of p nearer than crossingNear to a symbol or
// connector.
func nearCrossings(p *Page, ai int, pts []Point) int {
	n := 0
	for k := range p.Arrows {
		if k == ai {
			continue
		}
		o := p.Arrows[k].Points
		for i := 1; i < len(pts); i++ {
			for j := 1; j < len(o); j++ {
				if crossesInside(pts[i-1], pts[i], o[j-1], o[j]) {
					if nearShape(p, Point{o[j].X, pts[i].Y}) {
						n++
					}
				} else if crossesInside(o[j-1], o[j], pts[i-1], pts[i]) && nearShape(p, Point{pts[i].X, o[j].Y}) {
					n++
				}
			}
		}
	}
	return n
}

// arrowsNearer reports whether an arrow of p other than ai comes nearer
// the connector at to than it came to the connector at from, and nearer
// than connGap.
func arrowsNearer(p *Page, ai int, from, to Rect) bool {
	for k := range p.Arrows {
		if k == ai {
			continue
		}
		o := p.Arrows[k].Points
		if d := polyRectDist(o, to); d < connGap && d < polyRectDist(o, from)-0.005 {
			return true
		}
	}
	return false
}

// connectorPassed reports whether another connector of c's band stands
// between x and nx: a move past it would change the order the band's
// words name them in.
func connectorPassed(p *Page, c *Connector, x, nx float64) bool {
	lo, hi := min(x, nx), max(x, nx)
	for k := range p.Connectors {
		o := &p.Connectors[k]
		if o != c && math.Abs(o.Y-c.Y) < 0.01 && o.X+o.W/2 >= lo && o.X+o.W/2 <= hi {
			return true
		}
	}
	return false
}

// sigPlaceOf returns where x stands in the table as routeSignature
// classes it: 2k+1 in the width of the symbols of actor column k, 2k in
// the channel left of column k's middle (right of column k-1's), -1
// outside the actor columns. cols are the table's columns, symW the
// width of the page's widest symbol.
func sigPlaceOf(cols []Column, symW, x float64) int {
	k := 0
	for i := range cols {
		c := &cols[i]
		if c.Kind != colActor {
			continue
		}
		if x < c.X {
			return -1 // left of this column, and so of every column right of it
		}
		switch {
		case math.Abs(x-c.Middle) <= symW/2+sigTol:
			return 2*k + 1
		case x < c.Middle:
			return 2 * k
		case x < c.X+c.W:
			return 2*k + 2
		}
		k++
	}
	return -1
}

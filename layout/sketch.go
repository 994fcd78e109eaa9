package layout

import (
	"math"
	"slices"
)

// A sketch is the drawing of a page's arrows reduced to what decides
// whether two of them cross, before any run has its final place: x is
// measured in actor-column widths from the left edge of the first actor
// column, y in levels (row r of the page is level 2r, the band below it
// 2r+1). Routing counts on it the crossings a candidate route would
// cause. Because x is measured in column widths and a symbol's sides
// stand at a fixed fraction of its column, the same rows and columns
// give the same sketch, hence the same routes, on A4 and on F4.
//
// Runs in one band take sub-levels in the order colourBand gives their
// tracks: runs hanging from the row above first, then runs joining both
// rows, then runs rising to the row below, shorter above longer. Runs
// in one channel share its x: their order, chosen later by the tracks,
// is not counted here (nesting them is left to colourChannel).
type sketch struct {
	all   []sketchRun         // every run added, those of arrows removed since among them
	live  []bool              // by index in all: not removed
	h     [][]int32           // the horizontal runs, by bucket (see bucket)
	v     []int32             // the vertical runs
	vx    []float64           // their x, in the order of v: the scans by x (besideRuns, touching) read these alone
	vb    [][]int32           // the vertical runs, in every bucket they span (crossings)
	vc    [][]int32           // the vertical runs in channels, by channel (crossings)
	runs  map[*pedge][2]int32 // where in all the runs of an arrow are
	cross float64             // what a crossing costs: costCrossing, or costCrossingDear (withDearCrossings)
}

// sketchRun is a horizontal run at y from x1 to x2, or a vertical run at
// x from y1 to y2 (x1 == x2), of one arrow. A vertical run in a channel
// knows the channel (ch >= 0) and where its two legs go.
type sketchRun struct {
	e              *pedge
	x1, x2, y1, y2 float64
	ch             int
	ends           [2]sketchEnd
}

// sketchEnd is one end of a run in a channel: its level and whether its
// leg goes left.
type sketchEnd struct {
	y    float64
	left bool
}

func (r sketchRun) vertical() bool { return r.x1 == r.x2 }

// Positions in the sketch, in column widths.
const (
	sketchHalfSymbol = 0.3  // from a column's middle to its symbol's side
	sketchEdge       = 0.12 // from the lanes' outer edges to the outer channels
	sketchNode       = 0.4  // from a level to the top or bottom of its node
	sketchNear       = 0.25 // a crossing this near the end of a run is near the node there
	sketchConnGap    = 0.1  // between connectors that would rather stand at one place
)

// Sub-levels of the runs in a band, by what they join (see colourBand).
const (
	subUpper = -0.35 // hanging from the row above
	subBoth  = -0.1  // joining the row above to the row below
	subLower = 0.15  // rising to the row below
	subSlope = 0.015 // per column width of length: shorter runs lie higher
)

func newSketch(rows, edges int) *sketch {
	n := 2*rows + 1
	return &sketch{all: make([]sketchRun, 0, 6*edges), live: make([]bool, 0, 6*edges),
		h: make([][]int32, n), v: make([]int32, 0, 2*edges), vx: make([]float64, 0, 2*edges), vb: make([][]int32, n), runs: make(map[*pedge][2]int32, edges)}
}

// reset empties s for a page of the given rows, keeping the memory it
// has: a layout sketches every page it tries, one after the other, and
// a new sketch for each was a seventh of what a layout allocated.
func (s *sketch) reset(rows int) {
	n := 2*rows + 1
	s.all, s.live, s.v, s.vx = s.all[:0], s.live[:0], s.v[:0], s.vx[:0]
	s.h, s.vb = levels(s.h, n), levels(s.vb, n)
	for i := range s.vc {
		s.vc[i] = s.vc[i][:0]
	}
	clear(s.runs)
}

// levels returns b emptied for n buckets, keeping the memory it has.
func levels(b [][]int32, n int) [][]int32 {
	if cap(b) < n {
		b = append(b[:cap(b)], make([][]int32, n-cap(b))...)
	}
	b = b[:n]
	for i := range b {
		b[i] = b[i][:0]
	}
	return b
}

// bucket returns the index of the level nearest y.
func (s *sketch) bucket(y float64) int {
	return min(max(int(math.Floor(y+0.5))+1, 0), len(s.h)-1)
}

// add records the runs of an arrow.
func (s *sketch) add(e *pedge, runs []sketchRun) {
	start := int32(len(s.all))
	for _, r := range runs {
		i := int32(len(s.all))
		s.all = append(s.all, r)
		s.live = append(s.live, true)
		if r.vertical() {
			s.v = append(s.v, i)
			s.vx = append(s.vx, r.x1)
			for b := s.bucket(r.y1); b <= s.bucket(r.y2); b++ {
				s.vb[b] = append(s.vb[b], i)
			}
			if r.ch >= 0 {
				for len(s.vc) <= r.ch {
					s.vc = append(s.vc, nil)
				}
				s.vc[r.ch] = append(s.vc[r.ch], i)
			}
		} else {
			// In order of their left ends: a vertical run crosses none of
			// those starting at or right of it (crossingsAdded).
			b := s.bucket(r.y1)
			s.h[b] = insertByX(s.h[b], s.all, i)
		}
	}
	s.runs[e] = [2]int32{start, int32(len(s.all))}
}

// moveVertical sets the x of vertical run i to x.
func (s *sketch) moveVertical(i int32, x float64) {
	s.all[i].x1, s.all[i].x2 = x, x
	if k, ok := slices.BinarySearch(s.v, i); ok { // v holds the vertical runs in the order they were added
		s.vx[k] = x
	}
}

// insertByX inserts run i of all into list, which holds runs in order of
// their x1, after those of the same x1.
func insertByX(list []int32, all []sketchRun, i int32) []int32 {
	k := len(list)
	for k > 0 && all[list[k-1]].x1 > all[i].x1 {
		k--
	}
	return slices.Insert(list, k, i)
}

// remove forgets the runs of an arrow.
func (s *sketch) remove(e *pedge) {
	if r, ok := s.runs[e]; ok {
		for i := r[0]; i < r[1]; i++ {
			s.live[i] = false
		}
		delete(s.runs, e)
	}
}

const sketchEps = 1e-6

// touching reports whether a run of runs (of e) meets a run of another
// arrow in the sketch other than by crossing it: running along it, or
// one ending on the other (midRuns).
func (s *sketch) touching(e *pedge, runs []sketchRun) bool {
	// Only the runs whose levels (buckets) r's own reach, and for a
	// vertical run the vertical ones at its x, can meet it.
	for _, r := range runs {
		lo, hi := s.bucket(r.y1-sketchEps), s.bucket(r.y2+sketchEps)
		for b := lo; b <= hi; b++ {
			for _, i := range s.h[b] {
				if s.meets(e, r, i) {
					return true
				}
			}
			if r.vertical() {
				continue
			}
			for _, i := range s.vb[b] {
				if s.meets(e, r, i) {
					return true
				}
			}
		}
		if !r.vertical() {
			continue
		}
		for k, x := range s.vx {
			if abs(x-r.x1) <= sketchEps && s.meets(e, r, s.v[k]) {
				return true
			}
		}
	}
	return false
}

// meets reports whether run r (of e) meets the run i of another arrow
// other than by crossing it (touching).
func (s *sketch) meets(e *pedge, r sketchRun, i int32) bool {
	o := &s.all[i]
	if !s.live[i] || o.e == e {
		return false
	}
	if r.x2 < o.x1-sketchEps || o.x2 < r.x1-sketchEps || r.y2 < o.y1-sketchEps || o.y2 < r.y1-sketchEps {
		return false // apart
	}
	h, v := r, *o
	if r.vertical() {
		h, v = *o, r
	}
	return r.vertical() == o.vertical() || !crosses(h, v) // along it, or one ending on the other
}

// crosses reports whether horizontal run h and vertical run v cross
// strictly inside both.
func crosses(h, v sketchRun) bool {
	return v.x1 > h.x1+sketchEps && v.x1 < h.x2-sketchEps && h.y1 > v.y1+sketchEps && h.y1 < v.y2-sketchEps
}

// crossings returns the cost of the crossings of the given runs of e
// with the runs of every other arrow in the sketch: s.cross each,
// and costNear more for one near the end of a run along a row, where it
// would stand beside the symbol that run leaves or enters.
func (s *sketch) crossings(e *pedge, runs []sketchRun) float64 {
	return s.crossingsAdded(e, runs, 0, math.Inf(1))
}

// crossingsAdded returns base plus crossings(e, runs), or, once that sum
// reaches at least bound, the sum so far: every crossing adds to it, so
// a route whose cost reaches the bound of the best one found
// (routeCost) is not counted to its end.
func (s *sketch) crossingsAdded(e *pedge, runs []sketchRun, base, bound float64) float64 {
	n := 0.0
	for _, r := range runs {
		if !r.vertical() {
			// A vertical run crossing r spans r's level: it is in r's bucket.
			// crosses(r, v), r's side of it worked out once.
			lo, hi, y := r.x1+sketchEps, r.x2-sketchEps, r.y1
			for _, i := range s.vb[s.bucket(r.y1)] {
				if v := &s.all[i]; v.x1 > lo && v.x1 < hi && y > v.y1+sketchEps && y < v.y2-sketchEps && s.live[i] && v.e != e {
					n += s.crossCost(r, *v)
				}
			}
		} else {
			// crosses(h, r), r's side of it worked out once.
			x, lo, hi := r.x1, r.y1+sketchEps, r.y2-sketchEps
			for b := s.bucket(r.y1); b <= s.bucket(r.y2); b++ {
				for _, i := range s.h[b] {
					h := &s.all[i]
					if x <= h.x1+sketchEps {
						break // neither this run nor those after it reach past r
					}
					if x < h.x2-sketchEps && h.y1 > lo && h.y1 < hi && s.live[i] && h.e != e {
						n += s.crossCost(*h, r)
					}
				}
			}
			if r.ch >= 0 && r.ch < len(s.vc) {
				for _, i := range s.vc[r.ch] {
					if v := &s.all[i]; s.live[i] && v.e != e {
						n += s.sameChannel(r, *v)
					}
				}
			}
		}
		if base+n >= bound {
			return base + n
		}
	}
	return base + n
}

// sameChannel returns the cost of the crossings of two runs in one
// channel in the better of their two orders: a leg of one crosses the
// other when it goes towards the other's side at a level the other
// passes, beside the node that leg goes to (costNear more).
func (s *sketch) sameChannel(a, b sketchRun) float64 {
	count := func(l, r sketchRun) int { // l left of r
		n := 0
		for _, end := range l.ends {
			if !end.left && end.y > r.y1+sketchEps && end.y < r.y2-sketchEps {
				n++
			}
		}
		for _, end := range r.ends {
			if end.left && end.y > l.y1+sketchEps && end.y < l.y2-sketchEps {
				n++
			}
		}
		return n
	}
	return (s.cross + costNear) * float64(min(count(a, b), count(b, a)))
}

// crossCost returns what the crossing of h and v costs.
func (s *sketch) crossCost(h, v sketchRun) float64 {
	if min(v.x1-h.x1, h.x2-v.x1) < sketchNear {
		return s.cross + costNear
	}
	return s.cross
}

// addH appends a horizontal run at y between xa and xb, none when they meet.
func addH(dst []sketchRun, e *pedge, y, xa, xb float64) []sketchRun {
	if math.Abs(xa-xb) < sketchEps {
		return dst
	}
	x1, x2 := ordered(xa, xb)
	return append(dst, sketchRun{e: e, x1: x1, x2: x2, y1: y, y2: y, ch: -1})
}

// addV appends a vertical run at x between ya and yb, none when they meet.
func addV(dst []sketchRun, e *pedge, x, ya, yb float64) []sketchRun {
	if math.Abs(ya-yb) < sketchEps {
		return dst
	}
	y1, y2 := ordered(ya, yb)
	return append(dst, sketchRun{e: e, x1: x, x2: x, y1: y1, y2: y2, ch: -1})
}

// sketchX returns the x of a node's middle in the sketch: a connector
// stands where it would rather stand, over or under the step it stands
// for, which the paper does not change, in the order it has among the
// connectors that would rather stand there too.
func (pb *pageBuilder) sketchX(n *node) float64 {
	if !n.isConnector() {
		return float64(n.col) + 0.5
	}
	if !pb.rt.connX {
		pb.rt.connX = true
		for _, line := range [][]*node{pb.topConn, pb.botConn} {
			for _, c := range line {
				// Among the connectors of its column, in their order: about
				// its middle, or beside the one in its lane (markLanes).
				rank, same := columnRank(line, c)
				off := float64(rank) - float64(same-1)/2
				for _, o := range line {
					if o.lane && o.lcol == c.lcol {
						lane, _ := columnRank(line, o)
						off = float64(rank - lane)
					}
				}
				c.sx = float64(c.lcol) + 0.5 + sketchConnGap*off
			}
		}
	}
	return n.sx
}

// columnRank returns how many connectors of line stand for c's column
// left of c, and how many stand for it in all.
func columnRank(line []*node, c *node) (rank, same int) {
	for _, o := range line {
		if o.lcol == c.lcol {
			same++
			if o.cx < c.cx {
				rank++
			}
		}
	}
	return rank, same
}

// sketchChannel returns the x of channel c in the sketch.
func (pb *pageBuilder) sketchChannel(c int) float64 {
	switch n := len(pb.l.lanes.centers); c {
	case 0:
		return sketchEdge
	case n:
		return float64(n) - sketchEdge
	}
	return float64(c)
}

// bandSub returns the sub-level of a run of the given length in band
// level b joining the row above (up), the row below (low) or both.
func bandSub(b int, up, low bool, length float64) float64 {
	base := subBoth
	switch {
	case up && !low:
		base = subUpper
	case low && !up:
		base = subLower
	}
	if length > 6 {
		length = 6
	}
	return float64(b) + base + subSlope*length
}

// directSketch appends to dst the runs of a direct edge: down from its
// source's bottom, along the band when the two are not one above the
// other, down to its target's top.
func (pb *pageBuilder) directSketch(dst []sketchRun, pe *pedge) []sketchRun {
	xs, xt := pb.sketchX(pe.src), pb.sketchX(pe.dst)
	top, bottom := float64(2*pe.src.row)+sketchNode, float64(2*pe.dst.row)-sketchNode
	if math.Abs(xs-xt) < sketchEps {
		return addV(dst, pe, xs, top, bottom)
	}
	if pe.elbow() {
		level, xe := float64(2*pe.dst.row), xt-sketchHalfSymbol
		if pe.entry.side == sideRight {
			xe = xt + sketchHalfSymbol
		}
		return addH(addV(dst, pe, xs, top, level), pe, level, xs, xe)
	}
	y := bandSub(2*pe.src.row+1, true, true, math.Abs(xs-xt))
	dst = addV(dst, pe, xs, top, y)
	dst = addH(dst, pe, y, xs, xt)
	return addV(dst, pe, xt, y, bottom)
}

// cornerSketch appends the runs of an edge along its diamond's row from
// its side to over its target, then down into the target's top
// (cornerExits).
func (pb *pageBuilder) cornerSketch(dst []sketchRun, pe *pedge) []sketchRun {
	xs, xt := pb.sketchX(pe.src), pb.sketchX(pe.dst)
	level := float64(2 * pe.src.row)
	x0 := xs + sketchHalfSymbol
	if pe.exit.side == sideLeft {
		x0 = xs - sketchHalfSymbol
	}
	dst = addH(dst, pe, level, x0, xt)
	return addV(dst, pe, xt, level, float64(2*pe.dst.row)-sketchNode)
}

// riseSketch appends the runs of an edge up from its source's top to
// its target's row, then along the row into the target's side
// (riseLoops).
func (pb *pageBuilder) riseSketch(dst []sketchRun, pe *pedge) []sketchRun {
	xs, xt := pb.sketchX(pe.src), pb.sketchX(pe.dst)
	level, xe := float64(2*pe.dst.row), xt-sketchHalfSymbol
	if pe.entry.side == sideRight {
		xe = xt + sketchHalfSymbol
	}
	return addH(addV(dst, pe, xs, level, float64(2*pe.src.row)-sketchNode), pe, level, xs, xe)
}

// legSketch appends the runs between a side of n and channel x xc, and
// returns them with the level where the leg meets the channel.
func (pb *pageBuilder) legSketch(dst []sketchRun, pe *pedge, n *node, side int, xc float64) ([]sketchRun, float64) {
	x := pb.sketchX(n)
	level := float64(2 * n.row)
	switch side {
	case sideLeft:
		return addH(dst, pe, level, x-sketchHalfSymbol, xc), level
	case sideRight:
		return addH(dst, pe, level, x+sketchHalfSymbol, xc), level
	case sideBottom:
		y := bandSub(2*n.row+1, true, false, math.Abs(x-xc))
		return addH(addV(dst, pe, x, level+sketchNode, y), pe, y, x, xc), y
	}
	y := bandSub(2*n.row-1, false, true, math.Abs(x-xc))
	return addH(addV(dst, pe, x, y, level-sketchNode), pe, y, x, xc), y
}

// channelSketch appends to dst the runs of an edge leaving src by side
// xs, running in channel c and entering dst by side ns.
func (pb *pageBuilder) channelSketch(dst []sketchRun, pe *pedge, xs, c, ns int) []sketchRun {
	return pb.channelSketchAt(dst, pe, xs, c, pb.sketchChannel(c), ns)
}

// channelSketchAt is channelSketch with the vertical run at xc: its
// channel's, or the middle of a column (midRuns; c is then -1).
func (pb *pageBuilder) channelSketchAt(dst []sketchRun, pe *pedge, xs, c int, xc float64, ns int) []sketchRun {
	dst, ya := pb.legSketch(dst, pe, pe.src, xs, xc)
	dst, yb := pb.legSketch(dst, pe, pe.dst, ns, xc)
	if math.Abs(ya-yb) < sketchEps {
		return dst
	}
	return append(dst, sketchRun{e: pe, x1: xc, x2: xc, y1: min(ya, yb), y2: max(ya, yb), ch: c,
		ends: [2]sketchEnd{{ya, pb.sketchX(pe.src) < xc}, {yb, pb.sketchX(pe.dst) < xc}}})
}

// sketchLength returns the length of runs: column widths across, and
// levels down weighted by costLevel.
func sketchLength(runs []sketchRun) float64 {
	l := 0.0
	for _, r := range runs {
		l += r.x2 - r.x1 + costLevel*(r.y2-r.y1)
	}
	return l
}

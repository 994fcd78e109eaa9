package layout

import (
	"cmp"
	"math"
	"slices"
)

// Spacing of the horizontal tracks in a band, in millimetres.
const (
	stubMin    = 2.0 // shortest stub between a node and a track: room for an arrowhead
	stubWish   = 2.6 // the same where the band has the room: the arrowhead (ArrowHeadLength) after a piece of its line
	crossStub  = 3.1 // the same in a band where arrows cross, so that no crossing stands near a node
	crossClear = 3.1 // from a symbol's side to a run that an arrow at that side crosses
	minRuleGap = 1.6 // the nearest a track runs along a rule, when ruleGap leaves no room
	trackPitch = 1.6 // spacing of tracks asked of a band's height
	trackMax   = 3.0 // widest spacing of tracks in a tall band
	bandMinGap = 4.0 // between two rows' nodes when no track runs between them
	bandEdge   = 1.5 // between a node and the header or the table's end
	horizGap   = 0.6 // between two horizontal runs on one track
)

// chItem is the vertical run of one arrow in a channel, between two
// levels of the page (see sideLevel). Runs whose levels overlap, even at
// one end, take different tracks, so that they neither overlap nor touch.
type chItem struct {
	e      *pedge
	c      int // the channel
	lo, hi int
	track  int
	x      float64
	mid    int   // 1 + the column in whose middle the run stands instead of in the channel (midRuns), or 0
	aside  int   // -1 or 1 where that run stands a quarter of the column left or right of its middle (inLine), else 0
	fork   int32 // its index among the runs fork copies, while it copies them
}

// midX returns the x of run it standing in a column (midRuns): the
// column's middle, or a quarter of its width aside, but within the
// width of its symbols, so that a page routes alike on A4 and F4
// (routeSignature) and the run keeps at least symbolSlack/2 from the
// rule.
func (pb *pageBuilder) midX(it *chItem) float64 {
	k := it.mid - 1
	return round2(pb.l.lanes.centers[k] + float64(pb.midAside(it))*min(pb.l.cols[2+k].W/4, pb.l.lanes.symW/2))
}

// midAside is it.aside, but where the run starts (or ends) at a
// connector and another connector of that band stands on the paper
// under (or over) the column's middle, a quarter of the column towards
// its own connector: a crowded band may set a connector of the column
// beside on the paper where the sketch (midFree) does not see it, and
// the run down the middle then shared that connector's arrow's line
// (the soak: seed 363 #13 with options, two arrows read as a junction).
func (pb *pageBuilder) midAside(it *chItem) int {
	if it.aside != 0 {
		return it.aside
	}
	mid := pb.l.lanes.centers[it.mid-1]
	for _, end := range []*node{it.e.src, it.e.dst} {
		if !end.isConnector() {
			continue
		}
		line := pb.topConn
		if end.row != 0 {
			line = pb.botConn
		}
		for _, c := range line {
			if c != it.e.src && c != it.e.dst && abs(c.cx-mid) < c.w/2 {
				side := 1
				if end.cx < mid {
					side = -1
				}
				if pb.midTaken(it, side) {
					// Another run of the column stands there over levels
					// this one shares: the middle, as the sketch has it
					// (the soak: seed 582 #50 with options, two arrows
					// drawn as one down a quarter of the column).
					return 0
				}
				return side
			}
		}
	}
	return 0
}

// midTaken reports whether another run standing in it's column stands a
// quarter of it aside on side, over levels it shares with it.
func (pb *pageBuilder) midTaken(it *chItem, side int) bool {
	for _, c := range []int{it.mid - 1, it.mid} { // the channels either side of the column
		for _, o := range pb.chans[c] {
			if o != it && o.mid == it.mid && o.aside == side && o.lo <= it.hi && it.lo <= o.hi {
				return true
			}
		}
	}
	return false
}

// midSketchX returns where run it standing in a column is in the sketch.
func midSketchX(it *chItem) float64 {
	return midSketchAt(it.mid-1, it.aside)
}

// midSketchAt returns where a run standing in column k is in the sketch,
// aside as chItem.aside says.
func midSketchAt(k, aside int) float64 {
	return float64(k) + 0.5 + midAside*float64(aside)
}

// midAside is how far aside of its column's middle, in column widths, a
// run in a column stands when in line with another arrow's run (inLine).
const midAside = 0.25

// bandItem is the horizontal run of one arrow in the band between two
// rows, with the stubs that join it to the nodes above and below.
type bandItem struct {
	e            *pedge
	x1, x2       float64 // x1 <= x2
	upper, lower float64 // x of the stub up to the upper row, down to the lower row
	hasUp, hasLo bool
	track        int
	y            float64
	fork         int32 // its index among the band items fork copies, while it copies them
}

// assignChannels gives every vertical run a track in its channel: an
// interval colouring, shorter runs first so that longer ones nest
// outside them, and track 0 on the side where most runs attach.
func (pb *pageBuilder) assignChannels() {
	pb.chanTracks = make([][][]*chItem, len(pb.chans))
	for c, items := range pb.chans {
		pb.chanTracks[c] = colourChannel(inChannel(items))
		for _, it := range items {
			if it.mid > 0 {
				it.x = pb.midX(it)
			}
		}
	}
	pb.planLabels()
	for c, tracks := range pb.chanTracks {
		xs := pb.channelXs(c, tracks)
		for t, track := range tracks {
			for _, it := range track {
				it.x = round2(xs[t])
			}
		}
	}
}

// inChannel returns the runs of items that stand in their channel, not
// in the middle of a column (midRuns).
func inChannel(items []*chItem) []*chItem {
	if !slices.ContainsFunc(items, func(it *chItem) bool { return it.mid > 0 }) {
		return items
	}
	return slices.DeleteFunc(slices.Clone(items), func(it *chItem) bool { return it.mid > 0 })
}

// channelXs returns the x of every track of channel c: the first that
// fits of, from most to least wished for, clear of the sides of symbols
// whose arrows cross them (see nearSymbols) and of label zones, clear of
// label zones, clear of neither, nearer the rules; of these, the first
// whose tracks cross the legs of others no more than the best order of
// the tracks does (see trackOrder), else the first that fits.
func (pb *pageBuilder) channelXs(c int, tracks [][]*chItem) []float64 {
	if len(tracks) == 0 {
		return nil
	}
	xc := pb.l.lanes.chans[c].center()
	order := pb.trackOrder(c, tracks)
	pos := make([]int, len(tracks))
	for i, t := range order {
		pos[t] = i
	}
	least := legCrossings(tracks, pos, xc)
	var first []float64
	for _, try := range []struct{ near, zones, narrow bool }{
		{true, true, false}, {false, true, false}, {true, false, false}, {false, false, false}, {false, false, true},
	} {
		pb.rt.near, pb.rt.narrow = try.near, try.narrow
		xs := pb.trackXs(c, tracks, try.zones)
		pb.rt.near, pb.rt.narrow = false, false
		if xs == nil {
			continue
		}
		if first == nil {
			first = xs
		}
		if legCrossings(tracks, placesOf(xs), xc) <= least {
			return xs
		}
	}
	if first != nil {
		return first
	}
	ch := pb.l.lanes.chans[c]
	return group(len(tracks), ch.lo, ch.hi, trackMax)
}

// placesOf returns the place of every track left to right, from their x.
func placesOf(xs []float64) []int {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(xs[a], xs[b]) })
	pos := make([]int, len(xs))
	for p, t := range idx {
		pos[t] = p
	}
	return pos
}

// trackXs returns the x of every track of channel c, or nil when they do
// not fit. Tracks keep off the hard forbidden places (see forbidden) and,
// with zones, a track whose runs pass the level of a label zone keeps out
// of that zone: all tracks together if they fit so, else only those.
func (pb *pageBuilder) trackXs(c int, tracks [][]*chItem, zones bool) []float64 {
	m := len(tracks)
	if m == 0 {
		return nil
	}
	ch := pb.l.lanes.chans[c]
	hard := pb.forbidden(c)
	var soft []interval
	avoid := make([]bool, m)
	if zones {
		for t, track := range tracks {
			for _, z := range pb.zones {
				if z.x.hi+zoneClear >= ch.lo && z.x.lo-zoneClear <= ch.hi && passes(track, z.lo, z.hi) {
					soft = append(soft, interval{z.x.lo - zoneClear, z.x.hi + zoneClear})
					avoid[t] = true
				}
			}
		}
	}
	order := pb.trackOrder(c, tracks)
	// A run to or from a connector keeps the middle of its stretch, where
	// its connector is placed over (or under) it (underRuns).
	hug := !slices.ContainsFunc(tracks, func(t []*chItem) bool {
		return slices.ContainsFunc(t, func(it *chItem) bool { return it.e.src.isConnector() || it.e.dst.isConnector() })
	})
	xs := spreadHug(m, ch.lo, ch.hi, append(slices.Clone(hard), soft...), trackMax, hug)
	if xs != nil {
		// A track that does not pass a label's levels may stand beside
		// its own exit's label, where all of them out of it would stand
		// crowded (office-plt on A4: "Lengkap"'s run 2.8 mm beside
		// connector A's, both squeezed between the rule and the next
		// column's box, while the room beside the diamond, under the
		// label, stood empty).
		if minGap(xs) < trackRoomy && len(soft) > 0 {
			if own := pb.ownTracks(c, tracks, hard, soft, avoid, order, hug); own != nil && minGap(own) > minGap(xs)+trackRoomyGain {
				return own
			}
		}
		return byOrder(order, nil, xs)
	}
	if len(soft) == 0 {
		return nil
	}
	// Only the tracks that pass a label keep out of it; the others take
	// the room left, away from them.
	var bound int
	for _, a := range avoid {
		if a {
			bound++
		}
	}
	xa := spreadHug(bound, ch.lo, ch.hi, append(slices.Clone(hard), soft...), trackMax, hug)
	if xa == nil {
		return nil
	}
	taken := slices.Clone(hard)
	for _, x := range xa {
		taken = append(taken, interval{x - 0.5, x + 0.5})
	}
	xb := spreadHug(m-bound, ch.lo, ch.hi, taken, trackMax, hug)
	if xb == nil && m > bound {
		return nil
	}
	if xs := inOrder(order, avoid, append(xa, xb...), soft); xs != nil {
		return xs
	}
	return byOrder(order, avoid, append(xa, xb...))
}

// trackRoomy is how far apart the tracks of a channel stand for trackXs
// to keep them all out of a label zone only some of them pass; nearer,
// it lets those that do not pass it stand beside it, where that sets
// them trackRoomyGain farther apart.
const (
	trackRoomy     = 3.5
	trackRoomyGain = 1.0
)

// minGap returns the least distance between two of xs, or +Inf for fewer
// than two.
func minGap(xs []float64) float64 {
	g := math.Inf(1)
	for i := range xs {
		for j := i + 1; j < len(xs); j++ {
			g = min(g, math.Abs(xs[i]-xs[j]))
		}
	}
	return g
}

// ownTracks is trackXs with the tracks that pass no label's levels
// (avoid false) free to stand in the zone of their own exit's label, the
// label chosen (planLabels), and kept out of every other zone the
// channel reaches, the tracks that pass a label out of the soft
// intervals; nil when no such track has its label's zone in the channel,
// or they do not fit.
func (pb *pageBuilder) ownTracks(c int, tracks [][]*chItem, hard, soft []interval, avoid []bool, order []int, hug bool) []float64 {
	ch := pb.l.lanes.chans[c]
	reaches := func(z labelZone) bool { return z.x.hi+zoneClear >= ch.lo && z.x.lo-zoneClear <= ch.hi }
	var own []labelZone
	bound := 0
	for t, track := range tracks {
		if avoid[t] {
			bound++
			continue
		}
		for _, it := range track {
			if p := pb.rt.chosen[it.e]; p != nil && reaches(p.zone) {
				own = append(own, p.zone)
			}
		}
	}
	if len(own) == 0 {
		return nil
	}
	xa := spreadHug(bound, ch.lo, ch.hi, append(slices.Clone(hard), soft...), trackMax, hug)
	if xa == nil && bound > 0 {
		return nil
	}
	taken := slices.Clone(hard)
	for _, x := range xa {
		taken = append(taken, interval{x - 0.5, x + 0.5})
	}
	for _, z := range pb.zones {
		if reaches(z) && !slices.Contains(own, z) {
			taken = append(taken, interval{z.x.lo - zoneClear, z.x.hi + zoneClear})
		}
	}
	xb := spreadHug(len(tracks)-bound, ch.lo, ch.hi, taken, trackMax, hug)
	if xb == nil {
		return nil
	}
	if xs := inOrder(order, avoid, append(xa, xb...), soft); xs != nil {
		return xs
	}
	return byOrder(order, avoid, append(xa, xb...))
}

// inOrder gives the tracks, taken left to right in order, the positions
// xs left to right, when that keeps every track marked in avoid out of
// the soft intervals; else it returns nil.
func inOrder(order []int, avoid []bool, xs []float64, soft []interval) []float64 {
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	out := make([]float64, len(order))
	for i, t := range order {
		out[t] = sorted[i]
		if !avoid[t] {
			continue
		}
		for _, f := range soft {
			if sorted[i] > f.lo && sorted[i] < f.hi {
				return nil
			}
		}
	}
	return out
}

// passes reports whether a run of the track passes a half level from lo
// to hi (see halfLevel).
func passes(track []*chItem, lo, hi int) bool {
	for _, it := range track {
		if halfLevel(it.lo) <= hi && lo <= halfLevel(it.hi) {
			return true
		}
	}
	return false
}

// trackOrder returns the tracks of channel c left to right: track 0
// nearest the side where most of its runs attach, so that longer runs,
// which take higher tracks, pass outside shorter ones; then, while
// swapping two tracks makes fewer legs cross the runs of other tracks,
// swapped.
func (pb *pageBuilder) trackOrder(c int, tracks [][]*chItem) []int {
	m := len(tracks)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	if pb.attachRight(c, inChannel(pb.chans[c])) {
		slices.Reverse(order)
	}
	if m < 2 {
		return order
	}
	if o, ok := pb.rt.orders[orderKey{c, m}]; ok {
		return o
	}
	xc := pb.l.lanes.chans[c].center()
	pos := make([]int, m) // the place of each track, left to right
	for i, t := range order {
		pos[t] = i
	}
	best := legCrossings(tracks, pos, xc)
	for improved := true; improved && best > 0; {
		improved = false
		for a := 0; a < m; a++ {
			for b := a + 1; b < m; b++ {
				pos[a], pos[b] = pos[b], pos[a]
				if n := legCrossings(tracks, pos, xc); n < best {
					best, improved = n, true
				} else {
					pos[a], pos[b] = pos[b], pos[a]
				}
			}
		}
	}
	for t, p := range pos {
		order[p] = t
	}
	if pb.rt.orders == nil {
		pb.rt.orders = map[orderKey][]int{}
	}
	pb.rt.orders[orderKey{c, m}] = order
	return order
}

// orderKey names the order of the tracks of a channel.
type orderKey struct{ c, m int }

// legCrossings weighs the crossings between the legs of the runs of a
// channel and the runs of other tracks they pass, with track t at place
// pos[t] left to right. A leg goes from its run towards the node at its
// end: left when the node stands left of the channel's middle xc. A leg
// along a row, to a symbol's side, crosses beside that symbol, where a
// crossing reads as a junction: it weighs nearWeight; a leg along a band
// one.
func legCrossings(tracks [][]*chItem, pos []int, xc float64) int {
	const nearWeight = 4
	n := 0
	for ta, ra := range tracks {
		for _, a := range ra {
			for _, end := range a.ends() {
				left := end.x < xc
				for tb, rb := range tracks {
					if tb == ta || (pos[tb] < pos[ta]) != left {
						continue
					}
					for _, b := range rb {
						if b.lo < end.level && end.level < b.hi {
							if end.level%2 == 0 {
								n += nearWeight
							} else {
								n++
							}
						}
					}
				}
			}
		}
	}
	return n
}

// runEnd is one end of a vertical run: its level and the x of the node
// its leg goes to.
type runEnd struct {
	level int
	x     float64
}

// ends returns the two ends of a run.
func (it *chItem) ends() [2]runEnd {
	e := it.e
	return [2]runEnd{
		{sideLevel(e.src, e.exit.side), e.src.cx},
		{sideLevel(e.dst, e.entry.side), e.dst.cx},
	}
}

// byOrder gives the tracks, taken left to right in order, the positions
// xs: first those marked in split (from the front of xs), then the
// others, each group left to right.
func byOrder(order []int, split []bool, xs []float64) []float64 {
	out := make([]float64, len(order))
	if split == nil {
		for i, t := range order {
			out[t] = xs[i]
		}
		return out
	}
	var a, b []int
	for _, t := range order {
		if split[t] {
			a = append(a, t)
		} else {
			b = append(b, t)
		}
	}
	na := len(a)
	first, second := slices.Clone(xs[:na]), slices.Clone(xs[na:])
	slices.Sort(first)
	slices.Sort(second)
	for i, t := range a {
		out[t] = first[i]
	}
	for i, t := range b {
		out[t] = second[i]
	}
	return out
}

// colourChannel gives the vertical runs of one channel their tracks.
func colourChannel(items []*chItem) [][]*chItem {
	sorted := slices.Clone(items)
	slices.SortStableFunc(sorted, func(a, b *chItem) int {
		return cmp.Or(cmp.Compare(a.hi-a.lo, b.hi-b.lo), cmp.Compare(a.lo, b.lo), cmp.Compare(a.e.idx, b.e.idx))
	})
	var tracks [][]*chItem
	for _, it := range sorted {
		t := 0
		for t < len(tracks) && !chanFree(tracks[t], it) {
			t++
		}
		if t == len(tracks) {
			tracks = append(tracks, nil)
		}
		tracks[t] = append(tracks[t], it)
		it.track = t
	}
	return tracks
}

// chanFree reports whether run it may share a track with the runs of
// track: none reaches its levels or the level next to them. Two runs one
// level apart on one track stood in line with a gap of half a row, and
// read as one line running on (office-200-steps, row 4: "Lengkap" into
// the box's top over the loop "Kaji ulang" into its side).
func chanFree(track []*chItem, it *chItem) bool {
	for _, o := range track {
		if o.lo <= it.hi+1 && it.lo <= o.hi+1 {
			return false
		}
	}
	return true
}

// attachRight reports whether more runs of channel c attach to the
// symbols or stubs on its right than on its left.
func (pb *pageBuilder) attachRight(c int, items []*chItem) bool {
	xc := pb.l.lanes.chans[c].center()
	score := 0.0
	for _, it := range items {
		for _, end := range []struct {
			n *node
			p *port
		}{{it.e.src, it.e.exit}, {it.e.dst, it.e.entry}} {
			switch end.p.side {
			case sideLeft:
				score++
			case sideRight:
				score--
			default:
				score += math.Copysign(1, end.n.cx-xc)
			}
		}
	}
	return score > 0
}

// interval is a closed range of x or y.
type interval struct{ lo, hi float64 }

// spread places n tracks between lo and hi, outside the forbidden
// intervals (around a table rule, or where a label stands), at most pitch
// apart and grouped about the middle of each free stretch; the stretches
// share the tracks in proportion to their length. It returns nil when the
// tracks do not fit at least 0.5 mm apart.
func spread(n int, lo, hi float64, forbidden []interval, pitch float64) []float64 {
	return spreadHug(n, lo, hi, forbidden, pitch, false)
}

// spreadHug is spread, with hug the tracks of a stretch between lo or hi
// and a forbidden interval standing hugInset from lo or hi, where the
// stretch is that wide (trackXs: towards the symbols' clearance, away
// from the column rules).
func spreadHug(n int, lo, hi float64, forbidden []interval, pitch float64, hug bool) []float64 {
	if n == 0 {
		return nil
	}
	free := freeStretches(lo, hi, forbidden)
	caps, total, room := make([]int, len(free)), 0, 0.0
	for i, f := range free {
		caps[i] = capacity(f.hi - f.lo)
		total += caps[i]
		room += f.hi - f.lo
	}
	if total < n {
		return nil
	}
	counts := shareTracks(n, free, caps, room)
	var out []float64
	for i, f := range free {
		g := group(counts[i], f.lo, f.hi, pitch)
		// A stretch between the channel's end (a symbol's clearance) and
		// a forbidden place (a rule's gap, a label, a connector's line)
		// has its tracks towards the channel's end, hugInset from it: a
		// run beside a column rule reads as a doubled rule (every
		// reviewer since session 7), beside a symbol as its arrow.
		if hug && len(g) > 0 {
			d := 0.0
			switch {
			case f.lo == lo && f.hi < hi:
				d = -max(g[0]-f.lo-hugInset, 0)
			case f.hi == hi && f.lo > lo:
				d = max(f.hi-g[len(g)-1]-hugInset, 0)
			}
			for k := range g {
				g[k] += d
			}
		}
		out = append(out, g...)
	}
	return out
}

// hugInset is how far from lo or hi hugging tracks stand (spreadHug):
// beside a symbol's side, chanClear and this, so that an arrow coming
// into that side shows its line before its head (ArrowHeadLength), which
// a 2 mm stub did not ("the arrowhead fills the stub", the reviewers of
// session 12).
const hugInset = 1.5

// spreadAnyway places the tracks as spreadHug does, dropping the
// forbidden intervals when they leave too little room.
func spreadAnyway(n int, lo, hi float64, forbidden []interval, pitch float64, hug bool) []float64 {
	if xs := spreadHug(n, lo, hi, forbidden, pitch, hug); xs != nil || n == 0 {
		return xs
	}
	return group(n, lo, hi, pitch)
}

// freeStretches returns lo … hi without the forbidden intervals, left to right.
func freeStretches(lo, hi float64, forbidden []interval) []interval {
	return appendFreeStretches(nil, lo, hi, forbidden)
}

// appendFreeStretches appends freeStretches(lo, hi, forbidden) to out.
func appendFreeStretches(out []interval, lo, hi float64, forbidden []interval) []interval {
	var buf [8]interval // a channel's forbidden intervals are few: sorted on the stack
	fs := append(buf[:0], forbidden...)
	slices.SortFunc(fs, func(a, b interval) int { return cmp.Compare(a.lo, b.lo) })
	n := len(out)
	at := lo
	for _, f := range fs {
		if f.lo > at {
			out = append(out, interval{at, min(f.lo, hi)})
		}
		at = max(at, f.hi)
		if at >= hi {
			break
		}
	}
	if at < hi {
		out = append(out, interval{at, hi})
	}
	if len(out) == n && len(forbidden) == 0 {
		out = append(out, interval{lo, hi})
	}
	return out
}

// shareTracks shares n tracks among free stretches in proportion to their
// length, largest remainders first, within their capacities.
func shareTracks(n int, free []interval, caps []int, room float64) []int {
	counts := make([]int, len(free))
	left := n
	for i, f := range free {
		want := 0
		if room > 0 {
			want = int(float64(n) * (f.hi - f.lo) / room)
		}
		counts[i] = min(want, caps[i])
		left -= counts[i]
	}
	for left > 0 {
		best := -1
		for i, f := range free {
			if counts[i] >= caps[i] {
				continue
			}
			if best < 0 || (f.hi-f.lo)/float64(counts[i]+1) > (free[best].hi-free[best].lo)/float64(counts[best]+1) {
				best = i
			}
		}
		counts[best]++
		left--
	}
	return counts
}

// capacity is how many tracks fit in a length, at least 0.5 mm apart.
func capacity(l float64) int {
	if l < 0 {
		return 0
	}
	return int(l/0.5) + 1
}

// group places n tracks evenly about the middle of lo … hi, at most pitch apart.
func group(n int, lo, hi, pitch float64) []float64 {
	if n <= 0 {
		return nil
	}
	if n == 1 {
		return []float64{(lo + hi) / 2}
	}
	p := min((hi-lo)/float64(n-1), pitch)
	start := (lo+hi)/2 - p*float64(n-1)/2
	out := make([]float64, n)
	for i := range out {
		out[i] = start + float64(i)*p
	}
	return out
}

// assignBands collects the horizontal runs of every band and gives each a track.
func (pb *pageBuilder) assignBands() {
	for _, pe := range pb.edges {
		pb.addBandItems(pe)
	}
	for b := range pb.bands {
		colourBand(pb.bands[b])
	}
	pb.markCrossedBands()
}

// portX returns the x of a stub at the top or bottom of n.
func portX(n *node, p *port) float64 { return round2(n.cx + p.off) }

// addBandItems records the horizontal runs of an edge: the jog of a
// direct edge (none when it drops straight), or the runs between a stub
// and the channel.
func (pb *pageBuilder) addBandItems(pe *pedge) {
	if pe.direct {
		if pe.elbow() {
			return // its bend stands in the target's row
		}
		xs, xt := portX(pe.src, pe.exit), portX(pe.dst, pe.entry)
		if abs(xs-xt) < 0.005 {
			return
		}
		pe.bandExit = pb.addBand(pe, pe.src.row, &bandItem{upper: xs, lower: xt, hasUp: true, hasLo: true}, xs, xt)
		return
	}
	if pe.corner || pe.rise {
		return // its runs stand in the rows it joins
	}
	xc := pe.chi.x
	switch pe.exit.side {
	case sideBottom:
		x := portX(pe.src, pe.exit)
		pe.bandExit = pb.addBand(pe, pe.src.row, &bandItem{upper: x, hasUp: true}, x, xc)
	case sideTop:
		x := portX(pe.src, pe.exit)
		pe.bandExit = pb.addBand(pe, pe.src.row-1, &bandItem{lower: x, hasLo: true}, x, xc)
	}
	switch pe.entry.side {
	case sideTop:
		x := portX(pe.dst, pe.entry)
		pe.bandEntry = pb.addBand(pe, pe.dst.row-1, &bandItem{lower: x, hasLo: true}, xc, x)
	case sideBottom:
		x := portX(pe.dst, pe.entry)
		pe.bandEntry = pb.addBand(pe, pe.dst.row, &bandItem{upper: x, hasUp: true}, xc, x)
	}
}

func (pb *pageBuilder) addBand(pe *pedge, band int, it *bandItem, xa, xb float64) *bandItem {
	it.e = pe
	it.x1, it.x2 = min(xa, xb), max(xa, xb)
	pb.bands[band+1] = append(pb.bands[band+1], it)
	return it
}

// colourBand gives every run of a band a track, top to bottom. Where a
// stub hanging from the upper row and a stub rising from the lower row
// share an x, the upper one's run must lie above, or the two stubs would
// overlap; runs that overlap along x take different tracks. Runs joined
// to the upper row go first, the shorter higher, then those joined to
// the lower row, the shorter higher, so that they cross little.
func colourBand(items []*bandItem) {
	if len(items) == 0 {
		return
	}
	class := func(it *bandItem) int {
		switch {
		case it.hasUp && !it.hasLo:
			return 0
		case it.hasUp:
			return 1
		}
		return 2
	}
	order := slices.Clone(items)
	slices.SortStableFunc(order, func(a, b *bandItem) int {
		return cmp.Or(cmp.Compare(class(a), class(b)), cmp.Compare(a.x2-a.x1, b.x2-b.x1),
			cmp.Compare(a.x1, b.x1), cmp.Compare(a.e.idx, b.e.idx))
	})
	above := func(a, b *bandItem) bool { return a != b && a.hasUp && b.hasLo && abs(a.upper-b.lower) < 0.3 }
	done := make([]bool, len(order))
	var tracks [][]*bandItem
	for range order {
		next := -1
		for i := range order {
			if done[i] {
				continue
			}
			if next < 0 {
				next = i // taken if every candidate waits for another (a cycle)
			}
			if !waits(order, done, i, above) {
				next = i
				break
			}
		}
		done[next] = true
		it := order[next]
		t := 0
		for j, o := range order {
			if done[j] && o != it && o.track >= t && above(o, it) {
				t = o.track + 1
			}
		}
		for t < len(tracks) && !bandFree(tracks[t], it) {
			t++
		}
		for t >= len(tracks) {
			tracks = append(tracks, nil)
		}
		tracks[t] = append(tracks[t], it)
		it.track = t
	}
}

// waits reports whether order[i] must wait for another run still unplaced to lie above it.
func waits(order []*bandItem, done []bool, i int, above func(a, b *bandItem) bool) bool {
	for j, o := range order {
		if !done[j] && j != i && above(o, order[i]) {
			return true
		}
	}
	return false
}

func bandFree(track []*bandItem, it *bandItem) bool {
	for _, o := range track {
		if o.x1 < it.x2+horizGap && it.x1 < o.x2+horizGap {
			return false
		}
	}
	return true
}

// ruleGap returns how far tracks keep from a rule: ruleGap, or
// minRuleGap while a channel is too full for it.
func (pb *pageBuilder) ruleGap() float64 {
	if pb.rt.narrow {
		return minRuleGap
	}
	return ruleGap
}

// stubRoom returns the shortest stub between a node and a track of band
// b: longer in a band where arrows cross (see markCrossedBands), so that
// a crossing never stands near a node, where it would read as a junction.
func (pb *pageBuilder) stubRoom(b int) float64 {
	if pb.crossedBand(b) {
		return crossStub
	}
	return stubMin
}

// crossedBand reports whether arrows cross in band b (markCrossedBands).
func (pb *pageBuilder) crossedBand(b int) bool {
	return b+1 < len(pb.rt.crossed) && pb.rt.crossed[b+1]
}

// markCrossedBands notes the bands where an arrow crosses another: a
// vertical run passing through the band, or a stub hanging into it,
// inside the x range of another arrow's run along it.
func (pb *pageBuilder) markCrossedBands() {
	pb.rt.crossed = make([]bool, len(pb.bands))
	for b := range pb.bands {
		pb.rt.crossed[b] = pb.bandCrossed(b - 1)
	}
}

// bandCrossed reports whether an arrow crosses a run of band b.
func (pb *pageBuilder) bandCrossed(b int) bool {
	items := pb.bands[b+1]
	if len(items) == 0 {
		return false
	}
	inside := func(x float64, it *bandItem) bool { return x > it.x1+0.01 && x < it.x2-0.01 }
	level := 2*b + 1
	for _, it := range items {
		for _, ch := range pb.chans {
			for _, ci := range ch {
				if ci.lo <= level && level <= ci.hi && ci != it.e.chi && inside(ci.x, it) {
					return true
				}
			}
		}
		for _, o := range items {
			if o != it && (o.hasUp && inside(o.upper, it) || o.hasLo && inside(o.lower, it)) {
				return true
			}
		}
		for _, pe := range pb.edges {
			if pe.direct && pe.bandExit == nil && pe.src.row <= b && b < pe.dst.row && inside(portX(pe.src, pe.exit), it) {
				return true
			}
			if pe.corner && pe.src.row <= b && b < pe.dst.row && inside(portX(pe.dst, pe.entry), it) {
				return true
			}
			if pe.rise && pe.dst.row <= b && b < pe.src.row && inside(portX(pe.src, pe.exit), it) {
				return true
			}
		}
	}
	return false
}

// trackCount returns the number of tracks in band b.
func (pb *pageBuilder) trackCount(b int) int {
	n := 0
	for _, it := range pb.bands[b+1] {
		n = max(n, it.track+1)
	}
	return n
}

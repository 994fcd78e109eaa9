package layout

import (
	"cmp"
	"math"
	"slices"
)

// Weights of the route costs, in widths of an actor column (see sketch):
// what a level of vertical run, a bend, a crossing, a shared channel and
// a crowded side are worth. A crossing is worth a detour of two and a
// half columns.
const (
	costLevel          = 0.1
	costBend           = 0.15
	costCrossing       = 2.5
	costCrossingDear   = 3.5 // a crossing, on a page laid out again with crossings dearer (withDearCrossings)
	costNear           = 6.0 // more for a crossing beside a symbol, where it would read as a junction
	costShared         = 0.2
	costCrowded        = 0.6  // for each arrow already at a side: a second arrowhead there reads as crowded, a bend less so
	costMixedSide      = 1.2  // for each arrow at a side going the other way (sideCost)
	costFull           = 20.0 // a side with no room for another arrow portSpacing from the others
	costCrowdedChannel = 5.0  // a run beyond what a channel between the narrowest columns holds
	costRetry          = 25.0 // a decision's exit by the side its label found no room at, on a second try
	costBesideOnly     = 1.0  // a side exit to the channel beside its column, its label unclear there (besideOnly)
)

// portSpacing is the distance between two arrows at one side of a
// symbol, so that two arrowheads never crowd it: 4 mm, not the 3 mm
// official-layout.md asks at least, since a reviewer still marked two
// heads 3 mm apart on one side of a 7 mm box as crowded.
const portSpacing = 4.0

// improvePasses is how many times every channel route is chosen again
// once all are known; a pass that changes nothing ends it early.
const improvePasses = 2

// routing is what routing and label placement keep between their steps
// on one page.
type routing struct {
	sk      *sketch               // the arrows routed so far
	chosen  map[*pedge]*labelPlan // where each label stands, once the routes are known
	before  map[*pedge]*labelPlan // where a label moved down its run by staggerLabels was planned first
	lift    []float64             // room kept above the node of each row for labels
	buf     []sketchRun           // the runs of the route being costed
	narrow  bool                  // tracks keep only minRuleGap from rules (see ruleGap)
	crossed []bool                // by band index + 1: arrows cross in the band (see stubRoom)
	near    bool                  // tracks keep crossClear from the sides of symbols beside them (see nearSymbols)
	orders  map[orderKey][]int    // the order of the tracks of each channel (see trackOrder)
	tight   []int                 // by channel: the runs it holds at all
	connX   bool                  // each connector's sx is set (see sketchX)
	routed  int                   // counts the routes placed or changed in a channel (route, improve; pedge.routedAt)
}

// route decides how every edge of the page runs. An edge to the row just
// below leaves its source's bottom and enters its target's top through
// the band between them. Every other edge runs vertically in a channel
// between actor columns: it leaves a symbol's side (or a connector's
// stub), and enters a symbol's side or top (or a connector's stub); of all
// such routes the cheapest is taken, counting length, bends, the
// crossings it causes with the arrows routed before it (see sketch) and
// crowding. A decision's exits are routed first, so that each takes its
// own vertex before other arrows claim a side of the diamond. Once every
// edge has a route, each is routed again knowing all the others, which
// finds the routes whose crossings only the later arrows revealed.
func (pb *pageBuilder) route() {
	pb.stubsOffRules(pb.topConn)
	pb.stubsOffRules(pb.botConn)
	if pb.l.sketch == nil {
		pb.l.sketch = newSketch(len(pb.rows), len(pb.edges))
	}
	pb.rt.sk = pb.l.sketch
	pb.rt.sk.reset(len(pb.rows))
	pb.rt.sk.cross = costCrossing
	if pb.l.dear {
		pb.rt.sk.cross = costCrossingDear
	}
	for _, pe := range pb.edges {
		pe.src.pending++
	}
	var rest []*pedge
	for _, pe := range pb.edges {
		if pb.routeDirect(pe) {
			pb.rt.buf = pb.directSketch(pb.rt.buf[:0], pe)
			pb.rt.sk.add(pe, pb.rt.buf)
		} else {
			rest = append(rest, pe)
		}
	}
	slices.SortStableFunc(rest, func(a, b *pedge) int {
		return cmp.Or(cmp.Compare(pb.routeRank(a), pb.routeRank(b)),
			cmp.Compare(a.span(), b.span()), cmp.Compare(a.idx, b.idx))
	})
	for _, pe := range rest {
		pb.place(pe, pb.bestRoute(pe))
		pb.rt.routed++
		pe.routedAt = pb.rt.routed
	}
	pb.improve(rest, improvePasses)
	pb.bendElbows()
	moved := pb.orderConnectors(pb.topConn)
	moved = pb.orderConnectors(pb.botConn) || moved
	moved = pb.alignStraight(pb.topConn) || moved
	moved = pb.alignStraight(pb.botConn) || moved
	if moved {
		pb.resketch()
		pb.rt.routed++ // the connectors moved: every route is chosen anew
		pb.improve(rest, 1)
	}
	pb.dropLoops(rest)
	pb.cornerExits(rest)
	pb.swapExits()
	pb.longElbows(rest)
	pb.bendElbows() // the sides longElbows left free
	pb.riseLoops(rest)
	pb.midRuns(rest)
	pb.cornerElbows()
}

// cornerElbows lets an arrow from a box or terminator to the next row's
// step in another column, down from its bottom (an elbow into the step's
// side, └──▶, bendElbows, or a jog along the band into its top) leave by
// the side facing that step, run along its row and drop into the step's
// top (──┐ ▼, as
// cornerExits draws a diamond's exit), where its drop down the middle of
// its column stands in line with another arrow's vertical run just
// below or above (inLine). Such an exit had been moved lineAside off the box's
// middle (bottomAside), which every reviewer of session 14 marked: 3 mm
// off the middle of a box 11 mm wide reads as a slip of the pen
// (office-plh-weeks-months, rows 2 and 3 on page 2). Only where no other
// arrow takes that side of the box or the step's top, the corner's drop
// stands in line with no arrow and under no idle symbol, it touches no
// arrow and crosses no more than the elbow; else bottomAside moves the
// exit as before.
func (pb *pageBuilder) cornerElbows() {
	for _, pe := range pb.edges {
		if !pb.cornerable(pe) {
			continue
		}
		src := pe.src
		runs := pb.directSketch(pb.rt.buf[:0], pe)
		pb.rt.buf = runs
		if !pb.inLine(pe, runs, pb.sketchX(src)) {
			continue
		}
		facing := facingSide(src, pe.dst)
		if len(src.users[facing]) == 0 {
			pb.toCorner(pe, false)
			continue
		}
		// The side is taken by the elbow coming into src from the row
		// above (sample 20, row 8: row 7's arrow into its left side, and
		// row 8's to row 9 down to the left): that one turns along its
		// own row into src's top first, when it may, and src's side is
		// free.
		in := src.users[facing][0].e
		if len(src.users[facing]) != 1 || in.dst != src || !in.elbow() || !pb.cornerable(in) || len(src.users[sideTop]) > 0 {
			continue
		}
		if pb.toCorner(in, true) && !pb.toCorner(pe, false) {
			pb.fromCorner(in, facing)
		}
	}
}

// lateCorners tries the corners of cornerElbows again once underRuns has
// moved connectors under (or over) their runs: the sketch drew each
// connector over the step it stands for, and a drop in line with its stub
// there kept its elbow, 1.3 mm off the terminator's middle
// (office-plt-loop-back, row 1, whose drop into row 2's diamond stood in
// line with connector A's stub before A moved under its run in the next
// column). The moved connectors stand in the sketch where they now stand,
// over their runs' channels, and the arrows that may turn along their
// row are tried again.
func (pb *pageBuilder) lateCorners() {
	if len(pb.underMoved) == 0 {
		return
	}
	moved := pb.rt.buf[:0]
	for _, line := range [][]*node{pb.topConn, pb.botConn} {
		for _, n := range line {
			pb.sketchX(n) // the sketch's places, made once
			pe := pb.edgeOf(n)
			if pe == nil || pe.chi == nil || pe.chi.mid > 0 || !slices.Contains(pb.underMoved, n.edge) {
				continue
			}
			n.sx = pb.sketchChannel(pe.chi.c)
			pb.rt.sk.remove(pe)
			moved = pb.channelSketch(moved[:0], pe, pe.exit.side, pe.chi.c, pe.entry.side)
			pb.rt.sk.add(pe, moved)
		}
	}
	pb.rt.buf = moved
	pb.cornerElbows()
}

// cornerable reports whether pe, from a box or terminator to the next
// row's step in another column, down from its bottom, may turn along its
// row into the step's top instead (cornerElbows): no other arrow comes
// into that top.
func (pb *pageBuilder) cornerable(pe *pedge) bool {
	src, dst := pe.src, pe.dst
	return pe.direct && pe.exit.side == sideBottom && dst.row == src.row+1 && abs(src.cx-dst.cx) >= 0.005 && src.kind != Decision &&
		!src.isConnector() && !dst.isConnector() && !slices.ContainsFunc(dst.users[sideTop], func(p *port) bool { return p.e != pe })
}

// facingSide returns the side of src that faces dst.
func facingSide(src, dst *node) int {
	if dst.cx < src.cx {
		return sideLeft
	}
	return sideRight
}

// toCorner makes pe leave its source by the side facing its step, along
// its row and down into the step's top, and keeps that when the side is
// free, the corner crosses no more arrows than before, touches none and
// its drop stands in line with none (whatever was in line before, when
// anyway: the arrow turns to free a side for another's corner); else it
// puts pe back and reports false.
func (pb *pageBuilder) toCorner(pe *pedge, anyway bool) bool {
	src, dst := pe.src, pe.dst
	facing := facingSide(src, dst)
	if len(src.users[facing]) > 0 {
		return false
	}
	runs := pb.directSketch(pb.rt.buf[:0], pe)
	before := pb.rt.sk.crossings(pe, runs)
	inLineBefore := anyway && pb.inLine(pe, runs, pb.sketchX(src))
	entry := pe.entry.side
	pb.rt.sk.remove(pe)
	dropPort(src, pe.exit)
	dropPort(dst, pe.entry)
	pe.direct, pe.corner = false, true
	pe.exit = addPort(src, pe, facing, true)
	pe.entry = addPort(dst, pe, sideTop, false)
	runs = pb.cornerSketch(runs[:0], pe)
	pb.rt.buf = runs
	if pb.rt.sk.crossings(pe, runs) <= before && !pb.rt.sk.touching(pe, runs) && (!pb.inLine(pe, runs, pb.sketchX(dst)) || inLineBefore) {
		pb.rt.sk.add(pe, runs)
		return true
	}
	pb.fromCorner(pe, entry)
	return false
}

// fromCorner puts pe, turned along its row by toCorner (or swapExit),
// back as routeDirect drew it: down from its source's bottom into its
// step by side entry.
func (pb *pageBuilder) fromCorner(pe *pedge, entry int) {
	pb.rt.sk.remove(pe) // its corner's runs, if the sketch has them
	dropPort(pe.src, pe.exit)
	dropPort(pe.dst, pe.entry)
	pe.direct, pe.corner = true, false
	pe.exit = addPort(pe.src, pe, sideBottom, true)
	pe.entry = addPort(pe.dst, pe, entry, false)
	pb.rt.buf = pb.directSketch(pb.rt.buf[:0], pe)
	pb.rt.sk.add(pe, pb.rt.buf)
}

// longElbows lets an arrow to a step rows further down in another
// column leave its source's free bottom, drop down its column to the
// middle of the step's row and come along it into the step's facing
// side, as an elbow to the next row does (└──▶), where it went out by a
// side into the channel beside the rule and down it: sample 14's
// "Ditolak" from the diamond of row 8 to the end of row 10 ran 2.4 mm
// beside the Mediator's rule, its label over the diamond's top, while
// the diamond's bottom was free. Only where nothing stands in the
// source's column between the rows (columnClear) or in the step's row
// between the two (rowClear), no other arrow takes that side of the
// step, the drop is not one that crossed before (noLane), and it crosses
// no more arrows than the channel's route. A connector above the rows
// does the same from its stub (sample 19 on F4, page 3: C, over the Calon
// Transmigran's column, ran along the band under the connectors to the
// channel beside that column's rule and down it, a third line along the
// rule beside B's run, to row 13's step two columns on).
func (pb *pageBuilder) longElbows(rest []*pedge) {
	for _, pe := range rest {
		src, dst := pe.src, pe.dst
		// A connector above the rows has no side: its stub drops, when
		// its column is not its step's (that drop is dropLoops').
		fromConn := src.isConnector() && src.row == 0
		if pe.direct || pe.corner || pe.rise || pe.chi == nil || src.isConnector() && !fromConn || dst.isConnector() ||
			dst.row <= src.row+1 || dst.col == src.col || fromConn && dst.col == src.lcol || !fromConn && len(src.users[sideBottom]) > 0 || slices.Contains(pb.noLane, pe.idx) {
			continue
		}
		if fromConn && abs(src.cx-dst.cx) < dst.w/2+stubWish {
			// A connector that stubsOffRules set off its column's rule
			// beside its step: the elbow's last run into the step's side
			// was 1 mm, no room for its head (the soak: seed 833 #255).
			continue
		}
		pb.intoFacingSide(pe, &pe.direct, sideBottom, pb.directSketch)
	}
}

// intoFacingSide takes pe off its channel (offChannel), *kind set,
// leaving its source by side out, straight along its column to the
// middle of its target's row and along the row into the target's side
// facing the source, where no other arrow takes that side and nothing
// stands in the source's column between the two rows (columnClear) or in
// the target's row between the two (rowClear); it keeps that route when
// it crosses no more arrows than the channel's.
func (pb *pageBuilder) intoFacingSide(pe *pedge, kind *bool, out int, sketch func([]sketchRun, *pedge) []sketchRun) {
	src, dst := pe.src, pe.dst
	side := sideLeft
	if src.cx > dst.cx {
		side = sideRight
	}
	if slices.ContainsFunc(dst.users[side], func(p *port) bool { return p.e != pe }) ||
		!pb.columnClear(src.cx, min(src.row, dst.row), max(src.row, dst.row)) || !pb.rowClear(dst, src.cx) {
		return
	}
	pb.offChannelNoWorse(pe, kind, out, side, sketch)
}

// offChannelNoWorse is offChannel keeping the new route when it crosses
// no more arrows than the channel's.
func (pb *pageBuilder) offChannelNoWorse(pe *pedge, kind *bool, out, in int, sketch func([]sketchRun, *pedge) []sketchRun) {
	old := pe.choice()
	pb.rt.buf = pb.channelSketch(pb.rt.buf[:0], pe, old.exit, old.c, old.entry)
	pb.offChannel(pe, kind, out, in, pb.rt.sk.crossings(pe, pb.rt.buf), sketch)
}

// midRuns lets the vertical run of an arrow routed through a channel
// stand in the middle of a column beside the channel instead, where
// nothing of the page stands in that column over the run's rows: in the
// channel it runs 2–2.5 mm beside the column's rule, which reads as a
// doubled rule (a reviewer's recurring fault: "the leg runs 2 mm beside
// the Pejabat/Bendahara rule from row 8 to row 14", sample 04, where the
// Pejabat's column is empty from row 8 to row 14). It is decided on the
// sketch, so that A4 and F4 route alike: only where neither end of the
// arrow stands in that column, no symbol or connector stands there
// between the run's levels, no other arrow runs along or ends on it
// there, and it crosses no more arrows than in its channel. A decision's
// exit so moved may have its label over (or under) its run in that
// column (beyondPlans).
func (pb *pageBuilder) midRuns(rest []*pedge) {
	for _, pe := range rest {
		it := pe.chi
		if it == nil || pe.direct || pe.corner || pe.rise || pe.src == pe.dst {
			continue
		}
		most := pb.rt.sk.crossings(pe, pb.channelSketch(pb.rt.buf[:0], pe, pe.exit.side, it.c, pe.entry.side))
		for _, k := range []int{it.c - 1, it.c} {
			if k < 0 || k >= len(pb.l.lanes.centers) || !pb.midFree(pe, k) {
				continue
			}
			runs := pb.channelSketchAt(nil, pe, pe.exit.side, -1, float64(k)+0.5, pe.entry.side)
			if pb.rt.sk.crossings(pe, runs) > most || pb.rt.sk.touching(pe, runs) || pb.besideDrop(pe, runs, float64(k)+0.5) {
				continue
			}
			aside := 0
			if pb.inLine(pe, runs, float64(k)+0.5) || pb.underIdle(pe, runs, float64(k)+0.5) {
				// A quarter of the column towards its channel.
				aside = 1
				if k == it.c {
					aside = -1
				}
				x := midSketchAt(k, aside)
				runs = pb.channelSketchAt(nil, pe, pe.exit.side, -1, x, pe.entry.side)
				if pb.rt.sk.crossings(pe, runs) > most || pb.rt.sk.touching(pe, runs) || pb.besideDrop(pe, runs, x) || pb.inLine(pe, runs, x) || pb.underIdle(pe, runs, x) {
					continue
				}
			}
			it.mid, it.aside = k+1, aside
			pb.rt.sk.remove(pe)
			pb.rt.sk.add(pe, runs)
			break
		}
	}
}

// besideDrop reports whether the vertical run of runs (of pe) at x, the
// run midRuns would move, stands beside the run of another arrow from or
// to a connector that shares its column with another of its band, less
// than dropNear apart in the sketch, over levels they share. Such a
// connector stands in the sketch a little off its column's middle
// (sketchX) and may stand on the paper right at it once the band is
// placed: the run moved to that middle then shared the connector's line
// (the soak: seeds 24 #211, 26 #286 and 28 #195 with tight pages, two
// arrows drawn as one).
func (pb *pageBuilder) besideDrop(pe *pedge, runs []sketchRun, x float64) bool {
	return pb.besideRuns(pe, runs, x, dropNear-sketchEps, func(r, o sketchRun) bool {
		if o.y1 >= r.y2-sketchEps || r.y1 >= o.y2-sketchEps {
			return false // no level shared
		}
		c := o.e.src
		if !c.isConnector() {
			c = o.e.dst
		}
		line := pb.topConn
		if c.row != 0 {
			line = pb.botConn
		}
		_, same := columnRank(line, c)
		return c.isConnector() && same > 1
	})
}

// besideRuns reports whether match holds for a vertical run r of runs
// (of pe) at x and a live vertical run o of another arrow within near of
// x in the sketch (inLine, besideDrop).
func (pb *pageBuilder) besideRuns(pe *pedge, runs []sketchRun, x, near float64, match func(r, o sketchRun) bool) bool {
	sk := pb.rt.sk
	for _, r := range runs {
		if !r.vertical() || abs(r.x1-x) > sketchEps {
			continue
		}
		for k, ox := range sk.vx {
			if abs(ox-x) > near {
				continue
			}
			if i := sk.v[k]; sk.live[i] && sk.all[i].e != pe && match(r, sk.all[i]) {
				return true
			}
		}
	}
	return false
}

// dropNear is how near in the sketch (a column is 1) the run midRuns
// moves may not stand beside such a connector's run (besideDrop).
const dropNear = 0.2

// inLineLevels is how near (in levels) the ends of two vertical runs of
// different arrows at one x stand for the two to read as one line, with
// no node between them.
const inLineLevels = 3

// inLine reports whether a vertical run of runs (of pe) at x stands in
// line with a vertical run of another arrow there: one ending within
// inLineLevels of it, with no node between the two. On paper the two
// read as one line: sample 03's "Tidak tersedia" down the middle of the
// Pejabat Pelaksana's column went on from the stub under row 1's
// terminator, which seemed to flow down to connector A.
func (pb *pageBuilder) inLine(pe *pedge, runs []sketchRun, x float64) bool {
	return pb.besideRuns(pe, runs, x, sketchEps, func(r, o sketchRun) bool {
		lo, hi := o.y2, r.y1
		if r.y2 <= o.y1 {
			lo, hi = r.y2, o.y1
		}
		return hi-lo <= inLineLevels && !pb.nodeBetween(x, lo, hi)
	})
}

// underIdle reports whether a vertical run of runs (of pe) at x stands
// within inLineLevels under a symbol no arrow leaves by its bottom, or
// over one no arrow enters by its top, with nothing between: the run
// then reads as that symbol's exit (or entry). office-two-ends, row 7's
// "Visitasi ulang" rose to row 6 down the middle of the Petugas Loket's
// column, 10 mm under row 5's end terminator: the end seemed to have a
// line leaving it.
func (pb *pageBuilder) underIdle(pe *pedge, runs []sketchRun, x float64) bool {
	for _, r := range runs {
		if !r.vertical() || abs(r.x1-x) > sketchEps {
			continue
		}
		for _, row := range pb.rows {
			for _, n := range row.nodes {
				if n == pe.src || n == pe.dst || abs(pb.sketchX(n)-x) >= sketchHalfSymbol {
					continue
				}
				l := float64(2 * n.row)
				if b := l + sketchNode; b <= r.y1+sketchEps && r.y1-b <= inLineLevels && len(n.users[sideBottom]) == 0 && !pb.nodeBetween(x, b, r.y1) {
					return true
				}
				if t := l - sketchNode; t >= r.y2-sketchEps && t-r.y2 <= inLineLevels && len(n.users[sideTop]) == 0 && !pb.nodeBetween(x, r.y2, t) {
					return true
				}
			}
		}
	}
	return false
}

// nodeBetween reports whether a node stands at x of the sketch between
// levels lo and hi.
func (pb *pageBuilder) nodeBetween(x, lo, hi float64) bool {
	for _, row := range pb.rows {
		for _, n := range row.nodes {
			l := float64(2 * n.row)
			if abs(pb.sketchX(n)-x) < sketchHalfSymbol && l-sketchNode >= lo-sketchEps && l+sketchNode <= hi+sketchEps {
				return true
			}
		}
	}
	return false
}

// midFree reports whether the run of pe may stand in the middle of
// column k (midRuns): neither of its ends stands in that column (but a
// connector alone in its middle, which the run then drops from or
// into), and no other symbol or connector stands there between the
// levels of its legs.
func (pb *pageBuilder) midFree(pe *pedge, k int) bool {
	x := float64(k) + 0.5
	in := func(n *node) bool { return abs(pb.sketchX(n)-x) < 0.5 }
	// A connector in the column's middle, alone there, may end (or
	// start) the run: the arrow then drops straight into (or from) it.
	under := pe.dst.isConnector() && abs(pb.sketchX(pe.dst)-x) < 1e-9
	over := pe.src.isConnector() && abs(pb.sketchX(pe.src)-x) < 1e-9
	if in(pe.src) && !over || in(pe.dst) && !under {
		return false
	}
	a, b := sideLevel(pe.src, pe.exit.side), sideLevel(pe.dst, pe.entry.side)
	lo, hi := min(a, b)-1, max(a, b)+1
	for r, row := range pb.rows {
		if 2*r < lo || 2*r > hi {
			continue
		}
		for _, n := range row.nodes {
			if in(n) && n != pe.dst && n != pe.src {
				return false
			}
		}
	}
	return true
}

// swapExits gives the bottom vertex of a diamond to the exit whose step
// stands straight below it in its column, and the arrow to the next row
// in another column the side facing its step, along the row and down
// into the step's top (as cornerExits draws it): routeDirect gave the
// bottom to the arrow to the next row, as the elbow into its step's
// side, and the exit straight below ran out of a side vertex by a stub
// of 2 mm and down the channel beside the column's rule, its label
// left beside the arrowhead entering the diamond's top (sample 04,
// "Tidak sesuai" to connector B; sample 14, "Tidak sepakat" to row 7:
// a reviewer read both as naming the arrow coming in). Only where the
// step of that arrow has no other arrow entering its top, the side
// faces it and nothing else takes it, and the two arrows cross no more
// than before.
func (pb *pageBuilder) swapExits() {
	for _, down := range pb.edges {
		n, dst := down.src, down.dst
		if !down.direct || n.isConnector() || n.kind != Decision || dst.row != n.row+1 || dst.isConnector() || abs(dst.cx-n.cx) < 0.005 ||
			slices.ContainsFunc(dst.users[sideTop], func(p *port) bool { return p.e != down }) {
			continue
		}
		var side *pedge
		for _, pe := range pb.edges {
			if pe.src == n && pe != down && pe.chi != nil && !pe.corner && !pe.rise && pe.dst.row > n.row+1 &&
				!slices.Contains(pb.noLane, pe.idx) && pb.laneFree(n, pe.dst) &&
				!slices.ContainsFunc(pe.dst.users[sideTop], func(p *port) bool { return p.e != pe }) {
				side = pe
			}
		}
		if side == nil {
			continue
		}
		facing := sideLeft
		if dst.cx > n.cx {
			facing = sideRight
		}
		if slices.ContainsFunc(n.users[facing], func(p *port) bool { return p.e != side }) {
			continue
		}
		pb.swapExit(n, down, side, facing)
	}
}

// swapExit makes edge straight leave n's bottom and drop into its step's
// top, and edge down leave n by side facing and come down into its
// step's top (swapExits), and keeps that when the two cross no more
// arrows than before; else it puts both back.
func (pb *pageBuilder) swapExit(n *node, down, straight *pedge, facing int) {
	old := straight.choice()
	runs := pb.directSketch(pb.rt.buf[:0], down)
	before := pb.rt.sk.crossings(down, runs)
	runs = pb.channelSketch(runs[:0], straight, old.exit, old.c, old.entry)
	before += pb.rt.sk.crossings(straight, runs)
	oldEntry := down.entry.side

	pb.unplace(straight)
	pb.rt.sk.remove(down)
	dropPort(n, down.exit)
	dropPort(down.dst, down.entry)
	down.direct, down.corner = false, true
	down.exit = addPort(n, down, facing, true)
	down.entry = addPort(down.dst, down, sideTop, false)
	straight.direct = true
	n.pending--
	straight.exit = addPort(n, straight, sideBottom, true)
	straight.entry = addPort(straight.dst, straight, sideTop, false)

	a := pb.cornerSketch(nil, down)
	b := pb.directSketch(nil, straight)
	after := pb.rt.sk.crossings(down, a) + pb.rt.sk.crossings(straight, b)
	if after <= before {
		pb.rt.sk.add(down, a)
		pb.rt.sk.add(straight, b)
		return
	}
	dropPort(n, straight.exit)
	dropPort(straight.dst, straight.entry)
	straight.direct, straight.exit, straight.entry = false, nil, nil
	n.pending++
	pb.fromCorner(down, oldEntry)
	pb.place(straight, old)
}

// cornerExits lets the side exit of a diamond to a step in a lower row
// of another column run along the diamond's row to over that step and
// drop into its top, as SOPs are drawn by hand, where it went by the
// channel beside the step's column, down, and into its side or top:
// office-two-ends' "Tidak memenuhi syarat" ran 2.4 mm beside the rule
// and came into the terminator's end by a stub its arrowhead filled (a
// reviewer's faults). Only where nothing stands in the step's column
// between the rows, no arrow enters the step's top, the run keeps the
// way the exit leaves, and it crosses no more arrows than the channel's.
func (pb *pageBuilder) cornerExits(rest []*pedge) {
	for _, pe := range rest {
		src, dst := pe.src, pe.dst
		if pe.direct || pe.corner || pe.chi == nil || src.isConnector() || src.kind != Decision || dst.isConnector() ||
			dst.row <= src.row || dst.col == src.col || slices.ContainsFunc(dst.users[sideTop], func(p *port) bool { return p.e != pe }) {
			continue
		}
		side := pe.exit.side
		if side != sideLeft && side != sideRight || (side == sideLeft) != (dst.cx < src.cx) || !pb.columnClear(dst.cx, src.row, dst.row) {
			continue
		}
		pb.offChannelNoWorse(pe, &pe.corner, side, sideTop, pb.cornerSketch)
	}
}

// riseLoops lets a rework loop from a step back to a step of a row above
// in another column leave its step's top, rise in its column to the
// middle of that row and come along it into the facing side, as SOPs
// are drawn by hand (┌──▶ ◇), where it went out by a side into the
// channel beside the column rule, up and back along the row: office-
// nine-pelaksana's "Melengkapi persyaratan" ran 2.3 mm beside the rule
// of Lembaga Pemohon. It is the mirror of an elbow, and comes once the
// elbows have left the tops of the steps that repair free: only where no
// arrow enters the step's top, no other arrow takes that side of the
// target, nothing stands in the step's column between the rows or in
// the target's row between the two, and it crosses no more arrows than
// the channel's route. A diamond does not: its top only receives. Risen
// from its top vertex where the flow came in by a side, the loop, the
// diamond and its bottom exit stood on one vertical line, and the loop
// read as the arrow entering the diamond (sample 04, row 4's "Tidak
// lengkap" up to row 2 over "Lengkap" and row 5's "Sesuai"; a reviewer's
// most serious fault of session 9).
func (pb *pageBuilder) riseLoops(rest []*pedge) {
	for _, pe := range rest {
		src, dst := pe.src, pe.dst
		if pe.direct || pe.corner || pe.chi == nil || src.isConnector() || dst.isConnector() ||
			dst.row >= src.row || dst.col == src.col || len(src.users[sideTop]) > 0 || src.kind == Decision {
			continue
		}
		pb.intoFacingSide(pe, &pe.rise, sideTop, pb.riseSketch)
	}
}

// rowClear reports whether no symbol of n's row but n stands between n
// and x, or within chanClear of x.
func (pb *pageBuilder) rowClear(n *node, x float64) bool {
	lo, hi := min(n.cx, x), max(n.cx, x)
	for _, o := range pb.rows[n.row].nodes {
		if o != n && o.cx+o.w/2+chanClear > lo && o.cx-o.w/2-chanClear < hi {
			return false
		}
	}
	return true
}

// offChannel takes edge pe, routed through a channel, off it: *kind set,
// leaving its source by side out and entering its target by side in,
// drawn in the sketch as sketch draws it; it keeps that route when it
// crosses no more than most and runs along no other arrow, nor ends on
// one (touching: a connector's stub dropping down its column took the
// middle another arrow's elbow or rising loop came down or up), else
// puts the edge back in its channel.
func (pb *pageBuilder) offChannel(pe *pedge, kind *bool, out, in int, most float64, sketch func([]sketchRun, *pedge) []sketchRun) {
	old := pe.choice()
	pb.unplace(pe)
	*kind = true
	pe.src.pending--
	pe.exit = addPort(pe.src, pe, out, true)
	pe.entry = addPort(pe.dst, pe, in, false)
	pb.rt.buf = sketch(pb.rt.buf[:0], pe)
	if pb.rt.sk.crossings(pe, pb.rt.buf) <= most && !pb.rt.sk.touching(pe, pb.rt.buf) {
		pb.rt.sk.add(pe, pb.rt.buf)
		return
	}
	pe.src.pending++
	dropPort(pe.src, pe.exit)
	dropPort(pe.dst, pe.entry)
	*kind, pe.exit, pe.entry = false, nil, nil
	pb.place(pe, old)
}

// dropLoops lets a rework loop entering from a connector above the rows
// drop straight down its column into its step's top, once the arrow of
// the flow into that step came in by a side (bendElbows) and left the
// top free: routeDirect had sent it round by a channel into a side so as
// not to crowd the top ("B detours through the Kepala Bidang column for
// rows 1–5, although the top of the row-5 box is free", a reviewer of
// office-plt-loop-back). Only where nothing stands between them in that
// column (laneFree) and the drop crosses no arrow.
func (pb *pageBuilder) dropLoops(rest []*pedge) {
	for _, pe := range rest {
		src, dst := pe.src, pe.dst
		if !src.isConnector() || src.row != 0 || pe.fe.forward() || pe.direct || len(dst.users[sideTop]) > 0 ||
			slices.Contains(pb.noLane, pe.idx) || !pb.laneFree(src, dst) {
			continue
		}
		pb.offChannel(pe, &pe.direct, sideBottom, sideTop, 0, pb.directSketch) // crossing, back round by its channel
	}
}

// orderConnectors gives the connectors of a band that stand for steps of
// one column, and are as wide as each other, their places in the order
// their arrows run to: so that two arrows leaving them side by side do
// not cross. It reports whether a connector moved.
func (pb *pageBuilder) orderConnectors(line []*node) bool {
	sorted := slices.Clone(line)
	slices.SortStableFunc(sorted, func(a, b *node) int { return cmp.Compare(a.cx, b.cx) })
	moved := false
	for i := 0; i < len(sorted); {
		j := i + 1
		// The connector of a column's lane keeps the middle (markLanes).
		for j < len(sorted) && sorted[j].pref == sorted[i].pref && sorted[j].w == sorted[i].w && !sorted[j].lane && !sorted[i].lane {
			j++
		}
		group := sorted[i:j]
		slots := make([]float64, len(group))
		for k, n := range group {
			slots[k] = n.cx
		}
		byRun := slices.Clone(group)
		slices.SortStableFunc(byRun, func(a, b *node) int {
			return cmp.Or(cmp.Compare(pb.runX(a), pb.runX(b)), cmp.Compare(a.cx, b.cx))
		})
		for k, n := range byRun {
			if n.cx != slots[k] {
				n.cx, moved = slots[k], true
			}
		}
		i = j
	}
	return moved
}

// alignStraight moves a connector of a band whose arrow comes from (or
// goes to) a symbol standing less than its own width aside, together with
// the connectors that touch it, until it stands right under (or over)
// that symbol, when the band has room there: else the arrow jogs a
// millimetre just before the connector, which reads as a mistake. A
// connector already standing so keeps its place. It reports whether a
// connector moved.
func (pb *pageBuilder) alignStraight(line []*node) bool {
	ln := &pb.l.lanes
	lo, hi := ln.x0+1, ln.x1-1
	sorted := slices.Clone(line)
	slices.SortStableFunc(sorted, func(a, b *node) int { return cmp.Compare(a.cx, b.cx) })
	// offset returns how far n stands from the symbol at the other end
	// of its arrow, and whether that symbol is near enough to align on.
	offset := func(n *node) (float64, bool) {
		pe := pb.edgeOf(n)
		if pe == nil {
			return 0, false
		}
		other := pe.src
		if other == n {
			other = pe.dst
		}
		if other.isConnector() {
			return 0, false
		}
		d := round2(other.cx - n.cx)
		return d, abs(d) < n.w
	}
	touch := func(a, b *node) bool { return b.cx-b.w/2-(a.cx+a.w/2) <= connGap+0.01 }
	moved := false
	for i, n := range sorted {
		d, ok := offset(n)
		if !ok || d == 0 {
			continue
		}
		a, b := i, i
		for a > 0 && touch(sorted[a-1], sorted[a]) {
			a--
		}
		for b+1 < len(sorted) && touch(sorted[b], sorted[b+1]) {
			b++
		}
		fits := func(a, b int) bool {
			left, right := sorted[a].cx-sorted[a].w/2+d, sorted[b].cx+sorted[b].w/2+d
			free := left >= lo && right <= hi &&
				(a == 0 || left-(sorted[a-1].cx+sorted[a-1].w/2) >= connGap) &&
				(b+1 == len(sorted) || sorted[b+1].cx-sorted[b+1].w/2-right >= connGap)
			for k := a; k <= b && free; k++ {
				if dk, ok := offset(sorted[k]); k != i && ok && dk == 0 {
					free = false // a connector already straight keeps its place
				}
				for _, ch := range ln.chans {
					if ch.hasRule && abs(sorted[k].cx+d-ch.rule) < minRuleGap {
						free = false
					}
				}
			}
			return free
		}
		if !fits(a, b) {
			// The neighbours in the way move along when their arrows run
			// to no symbol near them (a band set connGapWide apart held a
			// connector 2.9 mm aside of its symbol on F4, not on A4).
			near := func(k int) bool { _, ok := offset(sorted[k]); return ok }
			for d < 0 && a > 0 && sorted[a].cx-sorted[a].w/2+d-(sorted[a-1].cx+sorted[a-1].w/2) < connGap && !near(a-1) {
				a--
			}
			for d > 0 && b+1 < len(sorted) && sorted[b+1].cx-sorted[b+1].w/2-(sorted[b].cx+sorted[b].w/2+d) < connGap && !near(b+1) {
				b++
			}
			if !fits(a, b) {
				continue
			}
		}
		for k := a; k <= b; k++ {
			sorted[k].cx = round2(sorted[k].cx + d)
		}
		moved = true
	}
	return moved
}

// runX returns where the arrow of connector n goes in the sketch: the
// channel it runs in, or the step it drops to or rises from.
func (pb *pageBuilder) runX(n *node) float64 {
	pe := pb.edgeOf(n)
	switch {
	case pe == nil:
		return 0
	case pe.chi != nil:
		return pb.sketchChannel(pe.chi.c)
	case pe.src == n:
		return pb.sketchX(pe.dst)
	}
	return pb.sketchX(pe.src)
}

// edgeOf returns the arrow that starts or ends at connector n.
func (pb *pageBuilder) edgeOf(n *node) *pedge {
	for _, pe := range pb.edges {
		if pe.src == n || pe.dst == n {
			return pe
		}
	}
	return nil
}

// resketch draws the sketch again, once connectors have moved.
func (pb *pageBuilder) resketch() {
	pb.rt.connX = false
	for _, pe := range pb.edges {
		pb.rt.sk.remove(pe)
		if pe.direct {
			pb.rt.buf = pb.directSketch(pb.rt.buf[:0], pe)
			pb.rt.sk.add(pe, pb.rt.buf)
		} else if pe.corner {
			pb.rt.buf = pb.cornerSketch(pb.rt.buf[:0], pe)
			pb.rt.sk.add(pe, pb.rt.buf)
		} else if pe.rise {
			pb.rt.buf = pb.riseSketch(pb.rt.buf[:0], pe)
			pb.rt.sk.add(pe, pb.rt.buf)
		} else if pe.chi.mid > 0 {
			pb.rt.buf = pb.channelSketchAt(pb.rt.buf[:0], pe, pe.exit.side, -1, midSketchX(pe.chi), pe.entry.side)
			pb.rt.sk.add(pe, pb.rt.buf)
		} else {
			pb.rt.buf = pb.channelSketch(pb.rt.buf[:0], pe, pe.exit.side, pe.chi.c, pe.entry.side)
			pb.rt.sk.add(pe, pb.rt.buf)
		}
	}
}

// stubsOffRules moves the connectors of a band that would stand on a
// column rule clear of it: a connector keeps connRuleClear between its
// sides and every rule (the rule would run through the pentagon), and
// so its stub at least minRuleGap from the rule. Left to right each goes
// past the rules it would stand on and connGap from the one before, then
// right to left back inside the lanes. When that leaves two connectors
// too close, the band stays as it was.
func (pb *pageBuilder) stubsOffRules(line []*node) {
	if len(line) == 0 {
		return
	}
	if gap := pb.bandGap(line); gap > connGap {
		if pb.stubsOffRulesAt(line, gap) {
			// Routed otherwise with the connectors closer (buildPageAt).
			pb.connOffRules = pb.connOffRules || len(line) > 1
			return
		}
		// Apart as far as the band allows only where the rules leave
		// the room: else as close as connGap.
		pb.placeLineAt(line, connGap)
	}
	pb.stubsOffRulesAt(line, connGap)
}

// laneRules returns the x of the vertical rules of the actor columns:
// the left of each, and the right of the last.
func (pb *pageBuilder) laneRules() []float64 {
	ln := &pb.l.lanes
	rules := make([]float64, 0, len(ln.centers)+1)
	for k := range ln.centers {
		rules = append(rules, pb.l.cols[2+k].X)
	}
	return append(rules, ln.x1)
}

// connRuleGap returns how far the middle of connector c keeps from a
// rule: its stub minRuleGap, and unless the mode is connStubs its sides
// connRuleClear.
func (pb *pageBuilder) connRuleGap(c *node) float64 {
	if pb.mode == connStubs {
		return minRuleGap + 0.1
	}
	return max(minRuleGap+0.1, c.w/2+connRuleClear)
}

// stubsOffRulesAt is stubsOffRules with connectors kept apart by sep;
// it reports false when the band stays as it was.
func (pb *pageBuilder) stubsOffRulesAt(line []*node, sep float64) bool {
	ln := &pb.l.lanes
	rules := pb.laneRules()
	gap := pb.connRuleGap
	// on returns the rule connector c at x stands too near, if any.
	on := func(c *node, x float64) (float64, bool) {
		for _, r := range rules {
			if abs(x-r) < gap(c)-1e-9 {
				return r, true
			}
		}
		return 0, false
	}
	sorted := slices.Clone(line)
	slices.SortFunc(sorted, func(a, b *node) int { return cmp.Compare(a.cx, b.cx) })
	xs := make([]float64, len(sorted))
	// The connector of a column's lane keeps the middle of its column
	// (markLanes): the others move round it.
	fixed := func(c *node) bool { return c.lane && abs(c.cx-c.pref) < 0.005 }
	for i, c := range sorted {
		x := c.cx
		if fixed(c) {
			xs[i] = x
			continue
		}
		if i > 0 {
			x = max(x, xs[i-1]+(sorted[i-1].w+c.w)/2+sep)
		}
		for r, ok := on(c, x); ok; r, ok = on(c, x) {
			x = r + gap(c)
		}
		xs[i] = x
	}
	for i := len(sorted) - 1; i >= 0; i-- {
		c := sorted[i]
		if fixed(c) {
			continue
		}
		x := min(xs[i], ln.x1-1-c.w/2)
		if i+1 < len(sorted) {
			x = min(x, xs[i+1]-(sorted[i+1].w+c.w)/2-sep)
		}
		for r, ok := on(c, x); ok; r, ok = on(c, x) {
			x = r - gap(c)
		}
		xs[i] = x
	}
	for i, c := range sorted {
		if xs[i]-c.w/2 < ln.x0+1-1e-9 || i > 0 && xs[i]-xs[i-1] < (sorted[i-1].w+c.w)/2+sep-1e-9 {
			return false
		}
	}
	for i, c := range sorted {
		if x := round2(xs[i]); x != c.cx {
			pb.connOffRules = pb.connOffRules || pb.mode != connStubs
			c.cx = x
		}
	}
	return true
}

// improve routes every channel edge again, in the same order, each
// knowing every other, until a pass changes nothing, at most passes times.
func (pb *pageBuilder) improve(rest []*pedge, passes int) {
	for range passes {
		changed := false
		for _, pe := range rest {
			old := pe.choice()
			pb.unplace(pe)
			ch := old
			if pe.routedAt != pb.rt.routed {
				// Some other route changed since this one was chosen.
				ch = pb.bestRoute(pe)
			}
			pb.place(pe, ch)
			if ch != old {
				pb.rt.routed++
				changed = true
			}
			pe.routedAt = pb.rt.routed
		}
		if !changed {
			return
		}
	}
}

// routeRank orders the edges routed through channels: the exits of
// decisions routed first on a second attempt, then those of the other
// decisions, then the rest.
func (pb *pageBuilder) routeRank(pe *pedge) int {
	switch {
	case pb.isFirst(pe):
		return 0
	case pe.src.kind == Decision:
		return 1
	}
	return 2
}

// isFirst reports whether pe leaves a decision whose exits go first.
func (pb *pageBuilder) isFirst(pe *pedge) bool {
	return pe.fe.label != "" && !pe.src.isConnector() && slices.Contains(pb.first, pe.src.step)
}

// span returns how many rows the edge spans on the page.
func (pe *pedge) span() int {
	d := pe.dst.row - pe.src.row
	if d < 0 {
		return -d
	}
	return d
}

// routeDirect routes an edge to the next row straight down through the
// band between the rows, when its source's bottom is free; or to a row
// farther down straight down its column, when it stands in the same
// column and nothing stands between them there (laneFree).
func (pb *pageBuilder) routeDirect(pe *pedge) bool {
	src, dst := pe.src, pe.dst
	if dst.row <= src.row || len(src.users[sideBottom]) > 0 || src.isConnector() && src.row != 0 {
		return false
	}
	if dst.row > src.row+1 && (slices.Contains(pb.noLane, pe.idx) || !pb.laneFree(src, dst)) {
		return false
	}
	if src.isConnector() && !pe.fe.forward() && pb.entering(dst) > 1 {
		// A rework loop entering from another page leaves the top of its
		// step to the arrow of the flow, and comes in by a side as a loop
		// on the page does: two arrowheads on the top read as crowded.
		return false
	}
	pe.direct = true
	src.pending--
	pe.exit = addPort(src, pe, sideBottom, true)
	pe.entry = addPort(dst, pe, sideTop, false)
	return true
}

// elbowSide returns the side by which a direct edge to a step in another
// column of the next row may come in as an elbow, as the regulation's
// sketch draws it (└──▶ ◇): down from its source across the rule, then
// along the middle of the target's row into the side that faces the
// source. An elbow has one bend where the run through the band between
// the rows has two, and no run beside the rule between them (the
// reviewers' "doubled rule": a jog 2.2 mm from it); a band without a run
// is lower (bandNeed), so pages hold more rows. Into a diamond it comes
// to the vertex its exits leave free (bendElbows asks once they have
// their routes). It returns -1 when the edge may not bend so.
func elbowSide(pe *pedge) int {
	src, dst := pe.src, pe.dst
	if !pe.direct || dst.row != src.row+1 || src.isConnector() || dst.isConnector() || abs(src.cx-dst.cx) < 0.005 {
		return -1
	}
	if src.cx > dst.cx {
		return sideRight
	}
	return sideLeft
}

// bendElbows lets a direct edge come into its target by a side
// (elbowSide) once every arrow has its route, where no other arrow takes
// that side and the elbow crosses no more arrows than its run through the
// band: the rework loops that enter by the sides choose first, as
// before. route asks twice: once every arrow has its route, and again
// once longElbows has moved exits off the side vertices of diamonds to
// their bottoms, which leaves those sides free.
func (pb *pageBuilder) bendElbows() {
	for _, pe := range pb.edges {
		side := elbowSide(pe)
		if side < 0 || len(pe.dst.users[side]) > 0 {
			continue
		}
		runs := pb.directSketch(pb.rt.buf[:0], pe)
		through := pb.rt.sk.crossings(pe, runs)
		dropPort(pe.dst, pe.entry)
		pe.entry = addPort(pe.dst, pe, side, false)
		runs = pb.directSketch(runs[:0], pe)
		pb.rt.buf = runs
		if pb.rt.sk.crossings(pe, runs) <= through {
			pb.rt.sk.remove(pe)
			pb.rt.sk.add(pe, runs)
			continue
		}
		dropPort(pe.dst, pe.entry)
		pe.entry = addPort(pe.dst, pe, sideTop, false)
	}
}

// elbow reports whether a direct edge enters its target by a side
// (bendElbows).
func (pe *pedge) elbow() bool {
	return pe.direct && pe.entry != nil && pe.entry.side != sideTop
}

func (n *node) isConnector() bool { return n.step < 0 }

// entering returns how many arrows of the page enter n.
func (pb *pageBuilder) entering(n *node) int {
	k := 0
	for _, pe := range pb.edges {
		if pe.dst == n {
			k++
		}
	}
	return k
}

// crossedLanes returns the edges that drop straight down their column
// past rows between (laneFree) and cross another arrow there: such a
// drop is taken only where it crosses nothing (office-plh-weeks-months:
// "Selaras" straight down to row 6 cut the loop from row 5 back to the
// diamond, which the route by the channel had not).
func (pb *pageBuilder) crossedLanes() []int {
	var out []int
	for _, pe := range pb.edges {
		if !pe.direct || pe.dst.row <= pe.src.row+1 {
			continue
		}
		pb.rt.buf = pb.directSketch(pb.rt.buf[:0], pe)
		if pb.rt.sk.crossings(pe, pb.rt.buf) > 0 {
			out = append(out, pe.idx)
		}
	}
	return out
}

// aloneInColumn reports whether connector c is the only connector of its
// band that stands for its column.
func (pb *pageBuilder) aloneInColumn(c *node) bool {
	for _, o := range pb.rows[c.row].nodes {
		if o != c && abs(o.pref-c.pref) < 0.005 {
			return false
		}
	}
	return true
}

// laneFree reports whether an arrow may drop from src straight down to
// dst in a row below: both stand in the middle of one column, and no
// symbol of the rows between comes within chanClear of that line. A
// connector standing over the step its arrow meets, rows further down
// its column, drew its arrow round by a channel and back into the
// step's side (sample 14 on A4, last page: connector A into the end m9).
func (pb *pageBuilder) laneFree(src, dst *node) bool {
	// A connector drops straight only when it is the only one of its
	// band under or over that column, or the one a page laid out with
	// lanes puts in its middle (markLanes): where two share a column
	// otherwise, which of them stands in its middle depends on the
	// column's width, and the routes of a page must not differ between
	// A4 and F4.
	for _, c := range []*node{src, dst} {
		if c.isConnector() && !c.lane && !pb.aloneInColumn(c) {
			return false
		}
	}
	return abs(src.cx-dst.cx) <= 0.005 && pb.columnClear(src.cx, src.row, dst.row)
}

// columnClear reports whether no symbol of the rows strictly between
// rows from and to comes within chanClear of a vertical line at x.
func (pb *pageBuilder) columnClear(x float64, from, to int) bool {
	for r := from + 1; r < to; r++ {
		for _, n := range pb.rows[r].nodes {
			if abs(n.cx-x) < n.w/2+chanClear {
				return false
			}
		}
	}
	return true
}

// addPort records that an arrow leaves or enters n at side.
func addPort(n *node, pe *pedge, side int, exit bool) *port {
	// An edge holds one exit and one entry at a time: their ports live
	// in the edge, not one allocation for every route tried.
	p := &pe.ports[1]
	if exit {
		p = &pe.ports[0]
	}
	*p = port{e: pe, exit: exit, side: side}
	n.users[side] = append(n.users[side], p)
	return p
}

// exitSides returns the sides an edge may leave n by when it runs in a
// channel: a connector's stub, else either side of a symbol, and for a
// decision its bottom too, but never a diamond vertex that the other exit
// took.
func exitSides(buf *[3]int, n *node) []int {
	out := buf[:0]
	if n.isConnector() {
		if n.row == 0 {
			return append(out, sideBottom)
		}
		return append(out, sideTop)
	}
	if n.kind != Decision {
		return append(out, sideLeft, sideRight, sideBottom)
	}
	for _, s := range [...]int{sideLeft, sideRight, sideBottom} {
		if len(n.users[s]) == 0 {
			out = append(out, s)
		}
	}
	return out
}

// entrySides returns the sides an edge from src may enter n by when it
// comes from a channel: a connector's stub; else a symbol's sides and its
// top, but a diamond's sides only once its own exits have taken their
// vertices, and never a side an exit leaves from.
func entrySides(buf *[3]int, n, src *node) []int {
	out := buf[:0]
	if n.isConnector() {
		if n.row == 0 {
			return append(out, sideBottom)
		}
		return append(out, sideTop)
	}
	if n != src && (n.kind != Decision || n.pending == 0) {
		for _, s := range [...]int{sideLeft, sideRight} {
			if n.kind != Decision || !hasExit(n.users[s]) {
				out = append(out, s)
			}
		}
	}
	return append(out, sideTop)
}

func hasExit(ps []*port) bool {
	for _, p := range ps {
		if p.exit {
			return true
		}
	}
	return false
}

// sideLevel returns the level of a side of n in the vertical order of the
// page: row r is level 2r and the band below it 2r+1. An arrow at a left
// or right side runs at its row's level; one at the top or bottom turns
// in the band above or below.
func sideLevel(n *node, side int) int {
	switch side {
	case sideTop:
		return 2*n.row - 1
	case sideBottom:
		return 2*n.row + 1
	}
	return 2 * n.row
}

// chanAllowed reports whether an arrow at side of n can reach channel c:
// from a left side only the channels to the left, from a right side those
// to the right; from a stub any channel, along a band.
func chanAllowed(n *node, side, c int) bool {
	switch side {
	case sideLeft:
		return c <= n.col
	case sideRight:
		return c >= n.col+1
	}
	return true
}

// channelRoute is a route through a channel: the side it leaves its
// source by, the channel, the side it enters its target by.
type channelRoute struct{ exit, c, entry int }

// choice returns the route an edge routed through a channel has.
func (pe *pedge) choice() channelRoute {
	return channelRoute{pe.exit.side, pe.chi.c, pe.entry.side}
}

// bestRoute returns the cheapest route of an edge through a channel,
// the first of equal ones in the order tried.
func (pb *pageBuilder) bestRoute(pe *pedge) channelRoute {
	best := math.Inf(1)
	var out channelRoute
	var xbuf, nbuf [3]int // the sides, without an allocation per route tried
	for _, xs := range exitSides(&xbuf, pe.src) {
		for _, ns := range entrySides(&nbuf, pe.dst, pe.src) {
			for c := range pb.chans {
				if !chanAllowed(pe.src, xs, c) || !chanAllowed(pe.dst, ns, c) {
					continue
				}
				// No route through c is shorter than straight across to it and back.
				xc := pb.sketchChannel(c)
				if abs(xc-pb.sketchX(pe.src))+abs(xc-pb.sketchX(pe.dst))-2*sketchHalfSymbol >= best {
					continue
				}
				if cost := pb.routeCost(pe, xs, c, ns, best); cost < best-1e-9 {
					best, out = cost, channelRoute{xs, c, ns}
				}
			}
		}
	}
	return out
}

// place gives an edge the route r.
func (pb *pageBuilder) place(pe *pedge, r channelRoute) {
	pe.src.pending--
	pe.exit = addPort(pe.src, pe, r.exit, true)
	pe.entry = addPort(pe.dst, pe, r.entry, false)
	a, b := sideLevel(pe.src, r.exit), sideLevel(pe.dst, r.entry)
	pe.chi = &chItem{e: pe, lo: min(a, b), hi: max(a, b), c: r.c}
	pb.chans[r.c] = append(pb.chans[r.c], pe.chi)
	pb.rt.buf = pb.channelSketch(pb.rt.buf[:0], pe, r.exit, r.c, r.entry)
	pb.rt.sk.add(pe, pb.rt.buf)
}

// unplace takes back the route of an edge routed through a channel.
func (pb *pageBuilder) unplace(pe *pedge) {
	pe.src.pending++
	dropPort(pe.src, pe.exit)
	dropPort(pe.dst, pe.entry)
	c := pe.chi.c
	pb.chans[c] = slices.DeleteFunc(pb.chans[c], func(it *chItem) bool { return it == pe.chi })
	pb.rt.sk.remove(pe)
	pe.exit, pe.entry, pe.chi = nil, nil, nil
}

// dropPort forgets port p of n.
func dropPort(n *node, p *port) {
	n.users[p.side] = slices.DeleteFunc(n.users[p.side], func(q *port) bool { return q == p })
}

// routeCost estimates what a route through channel c costs: its length
// and bends, the crossings it causes, how crowded the sides it uses are
// and the channel it shares, all measured on the sketch or counted, so
// that the paper does not change it. Once the cost reaches bound the
// rest is not counted: the route is not taken.
func (pb *pageBuilder) routeCost(pe *pedge, side, c, entrySide int, bound float64) float64 {
	runs := pb.channelSketch(pb.rt.buf[:0], pe, side, c, entrySide)
	pb.rt.buf = runs
	a, b := sideLevel(pe.src, side), sideLevel(pe.dst, entrySide)
	cost := sketchLength(runs) + costBend*float64(legBends(side)+legBends(entrySide)) +
		sideCost(pe.src, side, true) + sideCost(pe.dst, entrySide, false) +
		pb.channelCost(c, pb.overlapping(c, min(a, b), max(a, b)))
	if !pe.src.isConnector() && slices.Contains(pb.failed, exitSide{pe.src.step, side}) {
		cost += costRetry
	}
	if pb.besideOnly(pe, side, c) {
		cost += costBesideOnly
	}
	if cost >= bound {
		return cost // the crossings, the dearest to count, would only add
	}
	// Counted only while the route may still be the better one: bestRoute
	// keeps a route costing less than bound-1e-9.
	return pb.rt.sk.crossingsAdded(pe, runs, cost, bound-1e-9)
}

// besideOnly reports whether pe leaves its diamond by side vertex side
// for channel c right beside its column, when its label stood as near
// another arrow as its own on the page laid out before (see unclear) and
// finds no place beside the slope low enough to name its run alone.
func (pb *pageBuilder) besideOnly(pe *pedge, side, c int) bool {
	if len(pb.unclear) == 0 || pe.src.isConnector() || !slices.Contains(pb.unclear, exitSide{pe.src.step, side}) {
		return false
	}
	return (side == sideLeft && c == pe.src.col || side == sideRight && c == pe.src.col+1) && !pb.labelRoomBeside(pe, side)
}

// labelRoomBeside reports whether the label of pe, leaving its diamond
// by side vertex side, has a place beside the diamond's slope that
// reaches neither over its top nor, when the bottom vertex has an exit,
// under its bottom.
func (pb *pageBuilder) labelRoomBeside(pe *pedge, side int) bool {
	n := pe.src
	bottom := len(n.users[sideBottom]) > 0
	for _, p := range pb.basePlans(pe, side) {
		if p.t+p.h > n.h/2 {
			continue
		}
		if p.where == labelAbove || p.where == labelBelow && !bottom {
			return true
		}
	}
	return false
}

// channelCost returns what one more run beside k others costs in channel
// c: a little for each; more for each beyond what the narrowest columns
// hold comfortably, one on each side of the rule between two columns and
// one in an outer channel, whatever the paper; much when the channel has
// no room for it at all (half a millimetre from the others, minRuleGap
// from its rule). Only that last depends on millimetres, hence on the
// paper: a channel so full is rare, and on it the papers may differ.
func (pb *pageBuilder) channelCost(c, k int) float64 {
	cost := costShared * float64(k)
	if k == 0 {
		return cost
	}
	roomy := 2
	if c == 0 || c == len(pb.chans)-1 {
		roomy = 1
	}
	if k+1 > roomy {
		cost += costCrowdedChannel
	}
	if pb.rt.tight == nil {
		pb.rt.tight = make([]int, len(pb.chans))
		pb.rt.narrow = true
		var buf [8]interval
		for i, ch := range pb.l.lanes.chans {
			for _, f := range appendFreeStretches(buf[:0], ch.lo, ch.hi, pb.forbidden(i)) {
				pb.rt.tight[i] += capacity(f.hi - f.lo)
			}
		}
		pb.rt.narrow = false
	}
	if k+1 > pb.rt.tight[c] {
		cost += costFull
	}
	return cost
}

// legBends returns the bends between a side and a channel: one from a
// left or right side, two from a top or bottom (down the stub, along the
// band, into the channel).
func legBends(side int) int {
	if side == sideLeft || side == sideRight {
		return 1
	}
	return 2
}

// sideCost returns what one more arrow at side of n, leaving it (exit)
// or entering, costs: a little for every arrow already there, more for
// one going the other way (an arrowhead beside a line leaving reads as
// the flow turning back, sample 09's row 7), much when the side has no
// room left for it portSpacing from the others.
func sideCost(n *node, side int, exit bool) float64 {
	k := len(n.users[side])
	if n.isConnector() {
		return 0
	}
	if k+1 > sideCapacity(n, side) {
		return costFull
	}
	cost := 0.0
	for _, u := range n.users[side] {
		if u.exit == exit {
			cost += costCrowded
		} else {
			cost += costMixedSide
		}
	}
	return cost
}

// sideCapacity returns how many arrows fit at one side of n, portSpacing apart.
func sideCapacity(n *node, side int) int {
	if n.kind == Decision && side == sideTop {
		// Off its vertex an arrowhead meets a diamond's top on a slanted
		// edge, which reads as drawn askew: a second arrow takes a side
		// vertex where one is free.
		return 1
	}
	reach := sideReach(n)
	if side == sideTop || side == sideBottom {
		reach = topReach(n)
	}
	return 1 + int(2*reach/portSpacing+1e-9)
}

// overlapping counts the vertical runs in channel c that share levels with lo … hi.
func (pb *pageBuilder) overlapping(c, lo, hi int) int {
	n := 0
	for _, it := range pb.chans[c] {
		if it.lo <= hi && lo <= it.hi {
			n++
		}
	}
	return n
}

// covering counts the vertical runs in channel c that pass level.
func (pb *pageBuilder) covering(c, level int) int {
	return pb.overlapping(c, level, level)
}

// assignPorts spreads the arrows that meet at one side of a symbol along
// that side, ordered so that they do not cross each other near it. A
// bottom has one exit at its middle (bottomAside); a connector one arrow
// at its middle.
func (pb *pageBuilder) assignPorts() {
	for _, n := range pb.stepNode {
		pb.topPorts(n)
		pb.sidePorts(n, sideLeft)
		pb.sidePorts(n, sideRight)
		oppositeSides(n)
		pb.spaceHeads(n)
		pb.bottomAside(n)
	}
}

// sideApart is how far above and below the middle of a box's sides the
// one arrow at each side stands (oppositeSides).
const sideApart = 1.2

// oppositeSides sets the one arrow at each side of box n sideApart above
// and below the middle instead of both at it, where they made one line
// through the box, in at one side and out at the other (samples 02, 05,
// 15, 17 and three office documents: both reviewers of session 16). The
// arrow from (or to) a higher row goes above; between two alike, the
// arrow coming in.
func oppositeSides(n *node) {
	l, r := n.users[sideLeft], n.users[sideRight]
	if n.kind != Process || len(l) != 1 || len(r) != 1 || l[0].off != 0 || r[0].off != 0 {
		return
	}
	above := func(p *port) int { // 1 when p's other end is above n's row, 0 level, -1 below
		o := sideLevel(p.e.src, p.e.exit.side)
		if p.exit {
			o = sideLevel(p.e.dst, p.e.entry.side)
		}
		return cmp.Compare(2*n.row, o)
	}
	up, down := l[0], r[0]
	if a, b := above(up), above(down); a < b || a == b && up.exit && !down.exit {
		up, down = down, up
	}
	up.off, down.off = -sideApart, sideApart
}

// bottomAside moves the exit leaving the bottom of n (not a decision:
// its bottom is a vertex) lineAside toward where it turns, where the run
// down from the middle stands in line with another arrow's vertical run
// just below (inLine): sample 20 on A4, page 3, row 8's exit dropped
// down the Instruktur's column into row 9's side, and 6 mm under the turn
// the arrow from row 9 came along the band and down into the top vertex
// of row 10's diamond at the same x: row 8 seemed to feed the diamond.
// An exit dropping straight onto its step keeps the middle.
func (pb *pageBuilder) bottomAside(n *node) {
	ps := n.users[sideBottom]
	if n.kind == Decision || len(ps) != 1 || !ps[0].exit {
		return
	}
	p, pe := ps[0], ps[0].e
	to := pe.dst.cx
	switch {
	case pe.corner || pe.rise:
		return
	case pe.direct && abs(to-n.cx) < 0.005:
		return // straight down
	case !pe.direct:
		to = pe.chi.x
	}
	sx := float64(n.col) + 0.5
	run, found := sketchRun{}, false
	if r, ok := pb.rt.sk.runs[pe]; ok {
		for i := r[0]; i < r[1]; i++ {
			if o := pb.rt.sk.all[i]; o.vertical() && abs(o.x1-sx) < sketchEps && abs(o.y1-(float64(2*n.row)+sketchNode)) < sketchEps {
				run, found = o, true
			}
		}
	}
	if !found || !pb.inLine(pe, []sketchRun{run}, sx) {
		return
	}
	p.off = round2(pb.aside(pe, n, sx, float64(2*n.row)+sketchNode, to))
}

// aside returns how far (lineAside, within topReach) the port of pe on n
// moves toward x, and writes the move into the sketch's run of pe at sx
// ending at level y (shiftRun), so that the arrow in line with it stays.
func (pb *pageBuilder) aside(pe *pedge, n *node, sx, y, x float64) float64 {
	d := min(asideReach(n), lineAside)
	if x < n.cx {
		d = -d
	}
	pb.shiftRun(pe, n, sx, y, d)
	return d
}

// shiftRun moves the vertical run of pe at sketch x sx that ends at level
// y, by n's port, d millimetres aside in the sketch: the arrows after it
// then see it out of line with theirs (inLine), and do not move too.
func (pb *pageBuilder) shiftRun(pe *pedge, n *node, sx, y, d float64) {
	r, ok := pb.rt.sk.runs[pe]
	if !ok {
		return
	}
	for i := r[0]; i < r[1]; i++ {
		o := &pb.rt.sk.all[i]
		if o.vertical() && abs(o.x1-sx) < sketchEps && (abs(o.y1-y) < sketchEps || abs(o.y2-y) < sketchEps) {
			pb.rt.sk.moveVertical(i, o.x1+d/pb.l.cols[2+n.col].W)
		}
	}
}

// topPorts orders the arrows entering n's top by where they come from,
// left to right; one coming straight down from above keeps the middle.
func (pb *pageBuilder) topPorts(n *node) {
	ps, offs := pb.topOffsets(n, func(p *port) float64 { return p.e.chi.x })
	for i, p := range ps {
		p.off = round2(offs[i])
	}
}

// topOffsets returns the arrows entering n's top, ordered by where they
// come from (origin of a channel run; a direct arrow from its source),
// and their offsets from n's middle: spread portSpacing apart about the
// middle, one coming straight down from above kept at the middle, else
// all leaning away from a side exit's label where it would break
// (topLean).
func (pb *pageBuilder) topOffsets(n *node, origin func(p *port) float64) ([]*port, []float64) {
	ps := slices.Clone(n.users[sideTop])
	if len(ps) == 0 {
		return nil, nil
	}
	if len(ps) == 1 && ps[0].exit {
		// A loop rising from the top (riseLoops): from the vertex of a
		// diamond, from a box's middle or lineAside toward its step
		// where the middle stands in line with another arrow (riseAside).
		return ps, []float64{pb.riseAside(n, ps[0])}
	}
	from := func(p *port) float64 {
		switch {
		case p.e.direct:
			return p.e.src.cx
		case p.e.corner:
			return p.e.dst.cx // it comes down over n
		case p.e.rise:
			return n.cx // it leaves n straight up
		}
		return origin(p)
	}
	slices.SortStableFunc(ps, func(a, b *port) int {
		return cmp.Or(cmp.Compare(from(a), from(b)), cmp.Compare(a.e.idx, b.e.idx))
	})
	ref, pinned := float64(len(ps)-1)/2, false
	for i, p := range ps {
		if p.e.direct && abs(from(p)-n.cx) < 0.005 {
			ref, pinned = float64(i), true
		}
	}
	offs := spreadPorts(len(ps), ref, topReach(n))
	if len(ps) == 1 && !pinned {
		offs[0] = pb.offLine(n, ps[0], from(ps[0]))
		return ps, offs
	}
	if !pinned {
		lean := pb.topLean(n, offs)
		for i := range offs {
			offs[i] += lean
		}
	}
	return ps, offs
}

// offLine returns where the one arrow p entering the top of n, coming
// from x, enters it: at the middle (a diamond's top vertex: an arrow
// into its slope reads as a mistake), or lineAside toward x where the
// middle stands in line with the vertical run of another arrow ending
// or turning just above in n's column (inLine). On paper the two read as
// one line: office-plh-weeks-months, row 2's bottom exit turned into row
// 3's side and, 5 mm under the turn, the arrow from row 3 came along the
// band and down into row 4's top at the same x; row 2 seemed to flow to
// row 4.
func (pb *pageBuilder) offLine(n *node, p *port, x float64) float64 {
	d := min(asideReach(n), lineAside)
	if n.kind == Decision || abs(x-n.cx) < d+1 {
		return 0 // from (nearly) straight above: a jog of a millimetre reads as a mistake
	}
	sx := float64(n.col) + 0.5
	stub := sketchRun{e: p.e, x1: sx, x2: sx, y1: float64(2*n.row) - 1, y2: float64(2*n.row) - sketchNode}
	if !pb.inLine(p.e, []sketchRun{stub}, sx) {
		return 0
	}
	return pb.aside(p.e, n, sx, stub.y2, x)
}

// riseAside returns where the loop p rising from the top of n (not a
// decision: its top is a vertex) leaves it: at the middle, or lineAside
// toward the step it rises to where the run up from the middle stands in
// line with another arrow's vertical run just above (inLine):
// office-plt-loop-back, row 3's loop back rose to row 2 right under the
// stub leaving row 1's terminator, and row 1 seemed to flow down to row 3.
func (pb *pageBuilder) riseAside(n *node, p *port) float64 {
	if n.kind == Decision {
		return 0
	}
	sx := float64(n.col) + 0.5
	run := sketchRun{e: p.e, x1: sx, x2: sx, y1: float64(2 * p.e.dst.row), y2: float64(2*n.row) - sketchNode}
	if !pb.inLine(p.e, []sketchRun{run}, sx) {
		return 0
	}
	return pb.aside(p.e, n, sx, run.y2, p.e.dst.cx)
}

// lineAside is how far from the middle of a symbol's top an arrow enters
// it where the middle stands in line with another arrow (offLine).
const lineAside = 3.0

// topLean returns how far the arrows entering the top of decision n,
// spread about its middle at offs (two or more, none straight from
// above), move together toward one side, away from the exit whose label
// would stand over that side: as far as topReach allows, and only when
// the label then stands whole over its run and cannot otherwise. Two
// arrowheads at ±1.5 mm leave the label right of the top 1.5 mm less
// room than one at the middle; "Tidak lengkap" in the 200-step document
// on F4 was broken into "Tidak|leng-|kap" for 1.1 mm of it.
func (pb *pageBuilder) topLean(n *node, offs []float64) float64 {
	if n.kind != Decision || len(offs) < 2 {
		return 0
	}
	var exit *pedge
	side := -1
	for _, sd := range []int{sideLeft, sideRight} {
		for _, p := range n.users[sd] {
			if p.exit && p.e.fe.label != "" {
				if exit != nil {
					return 0 // exits on both sides: the middle is fairest
				}
				exit, side = p.e, sd
			}
		}
	}
	if exit == nil {
		return 0
	}
	reach := topReach(n)
	lean := -reach - offs[0]
	if side == sideLeft {
		lean = reach - offs[len(offs)-1]
	}
	if abs(lean) < 0.01 {
		return 0
	}
	stubs := func(shift float64) []float64 {
		out := make([]float64, len(offs))
		for i, o := range offs {
			out[i] = n.cx + o + shift
		}
		return out
	}
	centred, leaned := stubs(0), stubs(lean)
	wholeAt := func(at []float64) bool {
		for _, pl := range pb.basePlans(exit, side) {
			if pl.where != labelAbove {
				continue
			}
			if b, _ := brokenWords(exit.fe.label, pl.lines); b > 0 {
				continue
			}
			if pl.t+pl.h <= n.h/2 || !hitsStub(at, n, pl) {
				return true
			}
		}
		return false
	}
	if wholeAt(centred) || !wholeAt(leaned) {
		return 0
	}
	return lean
}

// spreadPorts returns the offsets of k ports from the middle of a side
// that reaches reach either way: portSpacing apart, the ref-th as near
// the middle as the others allow; closer together, about the middle,
// only when k do not fit so.
func spreadPorts(k int, ref, reach float64) []float64 {
	return spreadPortsTo(make([]float64, 0, k), k, ref, reach)
}

// spreadPortsTo is spreadPorts appending the offsets to out.
func spreadPortsTo(out []float64, k int, ref, reach float64) []float64 {
	out = slices.Grow(out, k)[:len(out)+k]
	offs := out[len(out)-k:]
	sp := portSpacing
	if float64(k-1)*sp > 2*reach {
		sp = 2 * reach / float64(k-1)
		ref = float64(k-1) / 2
	}
	lo, hi := -ref*sp, (float64(k-1)-ref)*sp
	shift := 0.0
	switch {
	case lo < -reach:
		shift = -reach - lo
	case hi > reach:
		shift = reach - hi
	}
	for i := range offs {
		offs[i] = (float64(i)-ref)*sp + shift
	}
	return out
}

// sidePorts orders the arrows at a left or right side of n top to
// bottom: those whose vertical run goes up take the upper ports, the
// nearer run higher; those going down the lower ones, the nearer lower.
func (pb *pageBuilder) sidePorts(n *node, side int) {
	if len(n.users[side]) == 0 {
		return
	}
	ps := append(pb.l.portBuf[:0], n.users[side]...) // sorted here, the side's order kept
	sideX := n.cx - n.w/2
	if side == sideRight {
		sideX = n.cx + n.w/2
	}
	key := func(p *port) (int, float64) {
		other := sideLevel(p.e.src, p.e.exit.side)
		if p.exit {
			other = sideLevel(p.e.dst, p.e.entry.side)
		}
		if p.e.elbow() {
			return 0, abs(p.e.src.cx - sideX) // from above, by the source's column
		}
		if p.e.corner {
			return 1, -abs(p.e.dst.cx - sideX) // to a lower row, by the target's column
		}
		if p.e.rise {
			return 1, -abs(p.e.src.cx - sideX) // from a lower row, by the source's column
		}
		dist := abs(p.e.chi.x - sideX)
		if other < 2*n.row {
			return 0, dist
		}
		return 1, -dist
	}
	slices.SortStableFunc(ps, func(a, b *port) int {
		ga, da := key(a)
		gb, db := key(b)
		return cmp.Or(cmp.Compare(ga, gb), cmp.Compare(da, db), cmp.Compare(a.e.idx, b.e.idx))
	})
	offs := spreadPortsTo(pb.l.offBuf[:0], len(ps), float64(len(ps)-1)/2, sideReach(n))
	for i, p := range ps {
		p.off = round2(offs[i])
	}
	pb.l.portBuf, pb.l.offBuf = ps[:0], offs[:0]
}

// topReach is how far from the middle of n's top an arrow may arrive.
func topReach(n *node) float64 {
	if n.kind == Decision {
		return n.w / 2 * 0.55
	}
	return n.w/2 - 1
}

// asideReach is how far from the middle of n's top or bottom a single
// arrow stands aside, out of another's line (aside): topReach, but on a
// capsule its straight part, a millimetre from where it rounds (3 mm off
// the middle of a capsule 14 mm wide, the start's exit left its rounded
// corner: a reviewer of session 9).
func asideReach(n *node) float64 {
	if n.kind == Terminator {
		return max(min(topReach(n), n.w/2-n.h/2-1), 0)
	}
	return topReach(n)
}

// sideReach is how far from the middle of n's side an arrow may arrive.
func sideReach(n *node) float64 {
	switch n.kind {
	case Decision:
		return n.h / 2 * 0.5
	case Terminator:
		return n.h / 2 * 0.6
	}
	return n.h/2 - 0.8
}

// underRuns moves a connector of a band whose arrow runs down (or up) a
// channel to stand right under (or over) that run, where the band has
// room there: its sides connRuleClear off the rules (unless the page's
// connectors stand on their stubs alone, connStubs) and connGap off its
// neighbours. Where the run stands too near a rule for that, the run
// moves along its channel to where the connector fits, when the channel
// is free there (trackMoves). The arrow then drops straight into the
// connector instead of jogging along the band before it (withUnderRuns).
// Runs once the channels' tracks have their x (assignChannels).
func (pb *pageBuilder) underRuns(line []*node) {
	ln := &pb.l.lanes
	lo, hi := ln.x0+1, ln.x1-1
	clear := pb.connRuleGap
	rules := pb.laneRules()
	fits := func(n *node, x float64) bool {
		if x-n.w/2 < lo || x+n.w/2 > hi {
			return false
		}
		for _, m := range line {
			if m != n && abs(m.cx-x) < (m.w+n.w)/2+connGap {
				return false
			}
		}
		for _, r := range rules {
			if abs(x-r) < clear(n)-1e-9 { // r ± clear(n) itself is taken below, whatever its last bit
				return false
			}
		}
		return true
	}
	all := slices.Equal(pb.under, underAll)
	column := pb.l.actorColumnAt
	// A connector keeps to its column, or moves to the column of a step
	// its arrow joins: else it stands for a pelaksana the arrow never
	// reaches (sample 03 on A4, page 3: A, over the Bendahara's column, its
	// arrow from and to Bendahara steps, moved over the run down the
	// Pejabat Pelaksana's column).
	//
	// Or to the column its run comes down (or goes up), where no other
	// letter of its band stands for that column on the band's other page
	// (its step there is in another column): a connector two columns from
	// its run jogged across them along the band (sample 16, A under the
	// Staf Pelaksana's column, its arrow down the Pemohon's: 25.6 mm, and
	// likewise on the next page), which both reviewers of session 15 put
	// first; but on the next page a letter in the column where another
	// had stood moves to its pair's column (markTaken), and its arrow then
	// jogged instead (sample 11 on A4, page 3).
	otherPage := func(m *node) int {
		fe := pb.l.edges[m.edge]
		if m.conn.In {
			return pb.l.steps[fe.from].col
		}
		return pb.l.steps[fe.to].col
	}
	keeps := func(n *node, x float64) bool {
		fe := pb.l.edges[n.edge]
		c := column(x)
		if c == column(n.cx) || c == n.lcol || c == pb.l.steps[fe.from].col || c == pb.l.steps[fe.to].col {
			return true
		}
		for _, m := range line {
			if m != n && otherPage(m) == c {
				return false
			}
		}
		return true
	}
	for _, n := range line {
		pe := pb.edgeOf(n)
		if pe == nil || pe.direct || pe.corner || pe.rise || pe.chi == nil || !all && !slices.Contains(pb.under, n.edge) {
			continue
		}
		x := round2(pe.chi.x)
		if abs(x-n.cx) < 0.005 {
			continue
		}
		if keeps(n, x) && fits(n, x) {
			n.cx = x
			pb.underMoved = append(pb.underMoved, n.edge)
			continue
		}
		moved := false
	moves:
		for _, r := range rules {
			d := clear(n)
			if r == ln.x0 || r == ln.x1 {
				d = max(d, n.w/2+1) // the lanes' outer edges
			}
			for _, xr := range []float64{round2(r - d), round2(r + d)} {
				if abs(xr-x) < 2*clear(n) && keeps(n, xr) && fits(n, xr) && pb.trackMoves(line, pe.chi, xr) {
					pe.chi.x, n.cx = xr, xr
					pb.underMoved = append(pb.underMoved, n.edge)
					moved = true
					break moves
				}
			}
		}
		if !moved && pb.connectorInLine(n, pe) {
			// Toward its run, as far as its column lets it.
			best := n.cx
			for _, r := range rules {
				side := n.w/2 + connRuleClear // its sides off the rules, whatever the mode
				if r == ln.x0 || r == ln.x1 {
					side = n.w/2 + 1 // the lanes' outer edges
				}
				for _, xr := range []float64{round2(r - side), round2(r + side)} {
					if column(xr) == column(n.cx) && (xr-n.cx)*(x-n.cx) > 0 && abs(xr-n.cx) >= lineAside &&
						abs(xr-x) < abs(best-x) && fits(n, xr) {
						best = xr
					}
				}
			}
			if best != n.cx {
				n.cx = best
				pb.underMoved = append(pb.underMoved, n.edge)
			}
		}
	}
	slices.Sort(pb.underMoved)
}

// underCould reports whether underRuns would move a connector of the
// page as routed (withUnderRuns lays the page out again only then): it
// runs underRuns and puts everything back.
func (pb *pageBuilder) underCould() bool {
	type was struct {
		n   *node
		cx  float64
		it  *chItem
		itx float64
	}
	var saved []was
	for _, line := range [][]*node{pb.topConn, pb.botConn} {
		for _, n := range line {
			w := was{n: n, cx: n.cx}
			if pe := pb.edgeOf(n); pe != nil && pe.chi != nil {
				w.it, w.itx = pe.chi, pe.chi.x
			}
			saved = append(saved, w)
		}
	}
	pb.under = underAll
	pb.underRuns(pb.topConn)
	pb.underRuns(pb.botConn)
	could := len(pb.underMoved) > 0
	pb.under, pb.underMoved = nil, nil
	for _, w := range saved {
		w.n.cx = w.cx
		if w.it != nil {
			w.it.x = w.itx
		}
	}
	return could
}

// connectorInLine reports whether connector n, whose arrow pe comes to it
// along its band from a run elsewhere, stands in line with another
// arrow's vertical run ending or turning just before its band (inLine):
// sample 04 on A4, page 2, B of "Tidak sesuai" stood in its step's column
// right under the diamond of row 5, whose bottom exit "Sesuai" turned
// away in the row below: "Sesuai" read as going to B.
func (pb *pageBuilder) connectorInLine(n *node, pe *pedge) bool {
	// Where n stands, in the sketch: the middle of a column, where the
	// symbols' arrows run (its sketch x is its rank among the connectors
	// of its column, not where it stands).
	k := slices.IndexFunc(pb.l.lanes.centers, func(c float64) bool { return abs(c-n.cx) < 0.3 })
	if k < 0 {
		return false
	}
	sx := float64(k) + 0.5
	l := float64(2 * n.row)
	stub := sketchRun{e: pe, x1: sx, x2: sx, y1: l - 1, y2: l - sketchNode} // from the band above
	if n.row == 0 {
		stub.y1, stub.y2 = l+sketchNode, l+1 // to the band below
	}
	return pb.inLine(pe, []sketchRun{stub}, sx)
}

// trackSlack is how far past its channel's edge (chanClear from the
// symbols beside it) a run may move to stand over its connector
// (trackMoves): sample 19 on F4, page 2, "Tidak lulus" ran 2.3 mm from
// the rule, its connector B under the diamond whose bottom exit "Lulus"
// turned away just above it, and the run would have had to stand 0.2 mm
// past the channel's edge for B to fit under it.
const trackSlack = 0.5

// trackMoves reports whether the channel run it may move to x: within its
// channel (trackSlack past its edges unless the arrow enters the side of
// a symbol beside this channel: sample 02 on A4, page 3, B's run passed
// the box of row 8 on its way to row 10's side three columns away and
// kept to the channel's edge, a 1.2 mm kink under B),
// clear of where no track may run there (forbidden, but for the
// connectors of line, which the caller moves), of the label zones it
// passes, and 1 mm from the other runs of the channel alongside it, with
// none of them between where it stands and x.
func (pb *pageBuilder) trackMoves(line []*node, it *chItem, x float64) bool {
	if it.mid > 0 {
		return false
	}
	ch := pb.l.lanes.chans[it.c]
	slack := trackSlack
	if side, dst := it.e.entry.side, it.e.dst; side == sideLeft && it.c == dst.col || side == sideRight && it.c == dst.col+1 {
		slack = 0 // its arrowhead, in this channel, needs the channel's chanClear
	}
	if x < ch.lo-slack || x > ch.hi+slack {
		return false
	}
	for _, f := range pb.forbidden(it.c) {
		under := slices.ContainsFunc(line, func(n *node) bool { return abs(f.lo+0.4-n.cx) < 0.005 && abs(f.hi-0.4-n.cx) < 0.005 })
		if !under && x > f.lo && x < f.hi {
			return false
		}
	}
	for _, z := range pb.zones {
		if passes([]*chItem{it}, z.lo, z.hi) && x > z.x.lo-zoneClear && x < z.x.hi+zoneClear {
			return false
		}
	}
	a, b := min(it.x, x)-1, max(it.x, x)+1
	for _, o := range pb.chans[it.c] {
		if o != it && o.mid == 0 && o.lo <= it.hi && it.lo <= o.hi && o.x > a && o.x < b {
			return false
		}
	}
	return true
}

package layout

import (
	"math"
	"slices"
)

// Room beside the outer rules of the pelaksana.
//
// A rework loop or a run to an off-page connector that goes round the
// other arrows takes the channel left of the first pelaksana's symbols
// (or right of the last one's): between the rule of KEGIATAN (or of
// KELENGKAPAN) and the symbols' clearance, 2.5 mm wide in the narrowest
// columns, so that such a run stood about 2 mm beside the rule over a
// whole page, "read as a doubled rule" (every reviewer since session 7;
// docs/decisions.md, "Tried in session 13 and not kept"). The text
// columns now give a gutter of up to outerGutter on each side where no
// row grows for it (gutterRoom), and once the pages are laid out as
// before, the outer channels are stretched over it (openGutters): each x
// between the outer rule and the symbols' clearance is mapped linearly
// onto the channel and its gutter, everything else keeps its place. The
// map never brings two things nearer (it only stretches), so every
// route, label and crossing stays as the layout decided it, with the
// outer runs further from their rule and their stubs longer.

// outerGutter is the most the text columns give on each side of the
// pelaksana for the outer channels: outerGutterLeast with one pelaksana
// (its column is wide) or a row that does not fit a page (fitTallRows
// widens its column from the others).
const (
	outerGutter      = 6.0
	outerGutterLeast = 2.5
)

// Where the outer run nearest the rule goes once the gutters are open:
// up to gutterRunWant from the rule, 4 mm (runRuleWant) still reading as
// hugging the table's rule over a long stretch (both reviewers of
// session 16), with gutterRunShare of its channel's gain at most beyond
// runRuleWant, the rest going to its stubs into the symbols' side (all of
// it to the run left 35 of them shorter than stubWish, 6 before).
const (
	gutterRunWant  = 6.0
	gutterRunShare = 0.6
)

// runGain returns how far the outer run nearest the rule, dist from it,
// moves away from it, of the gain of its channel: what brings it
// runRuleWant from the rule, or gutterRunShare of the gain up to
// gutterRunWant, whichever is more.
func runGain(gain, dist float64) float64 {
	first := min(gain, max(0, runRuleWant-dist))
	more := min(gain*gutterRunShare, max(0, gutterRunWant-dist))
	return max(first, more)
}

// takeGutters takes up to 2×outerGutter (2×outerGutterLeast, see there)
// from the widths of the text columns for the pelaksana's gutters, and
// the labels' air of the pelaksana holding decisions (labelAir), each
// column down to the least width at which none of its cells takes more
// lines than the tallest text cell of its row (so that no row grows for
// it), and no less than textLeast, the column with the most to give
// first; the steps' cells of the columns that gave are wrapped again,
// the decisions' columns widened, and the columns placed with half of
// the gutters' share as a gutter on each side.
func (l *layouter) takeGutters(texts [][5]string) {
	n := len(l.d.Actors)
	widths := l.textWidths()
	most := outerGutter
	if n == 1 || l.narrowGutters {
		most = outerGutterLeast
	}
	aws := make([]float64, n)
	for a := range aws {
		aws[a] = l.cols[2+a].W
	}
	air := l.labelAir(aws)
	taken, lines := gutterRoom(l.m, texts, l.body, &widths, l.textLeast, l.steps, 2*most+sum(air), l.opt.memo)
	if taken == 0 {
		return
	}
	// The gutters up to gutterFirst a side first (outerGutterLeast with
	// small gutters), then the decisions' columns, each up to its air,
	// alike, in hundredths of a millimetre (a width off that grid left the
	// last column a hair narrower than its cells were wrapped at), then
	// the gutters again.
	first := min(gutterFirst, most)
	if more := min(max(taken-2*first, 0), sum(air)); more > 0 {
		give := more
		for give > 0.005 {
			var open []int
			for a := range air {
				if air[a] > 0.005 {
					open = append(open, a)
				}
			}
			each := math.Floor(give/float64(max(len(open), 1))*100+1e-6) / 100
			if each < 0.01 {
				break
			}
			for _, a := range open {
				g := min(each, air[a])
				aws[a] += g
				air[a] -= g
				give -= g
			}
		}
		taken -= more - give
	}
	for j := range lines {
		for i, n := range lines[j] {
			if n > 0 {
				l.steps[i].setCell(j+1, n, widths[j]-2*CellPadX)
			}
		}
	}
	gapL := round2(taken / 2)
	l.cols = placeColumns(l.d, l.m, margin, l.paper.W-margin, l.cols[0].W, aws, widths, l.body, gapL, round2(taken-gapL))
	// The symbols keep their size: a narrowest column widened for its
	// labels' air would make every symbol larger, and the rows taller
	// (generated seed 7 #130 on A4: 3.6 mm in all), with the room it was
	// given taken by its own diamond.
	l.lanes = newLanesSized(l.cols, n, l.lanes.symW)
	// The last column takes what the grid leaves over: its cells are
	// wrapped again where its width is not the one they were wrapped at.
	for j := range widths {
		if w := l.cols[l.textCol(j)].W; math.Abs(w-widths[j]) > 1e-9 {
			cc := l.opt.memo.counter(l.m, texts, l.body, j)
			for i := range l.steps {
				st := &l.steps[i]
				st.setCell(j+1, cc.lines(i, w), w-2*CellPadX)
				// A hair narrower than the grid's width, a cell may
				// take a line more: its row grows for it.
				st.textH = max(st.textH, textHeight(st.nLines[j+1], l.body))
			}
		}
	}
}

// notesFromText gives KETERANGAN width from the other text columns
// where its notes make their rows tall (widerNotes), once the gutters and
// the labels' air have taken what the text could give without a row
// growing: the pelaksana keep their widths and their places beside one
// another, moved along with KEGIATAN's width.
func (l *layouter) notesFromText(texts [][5]string) {
	var widths, before [5]float64
	if l.opt.widerNotes {
		widths, before = l.notesWidths(texts, l.opt.notesRoom)
	} else {
		widths = l.textWidths()
		before = widths
	}
	if l.opt.widerOutputs {
		// OUTPUT's rows counted at the widths the notes left.
		steps := l.steps
		if widths != before {
			steps = slices.Clone(l.steps)
			for j := range widths {
				if widths[j] != before[j] {
					lines := l.opt.memo.linesAt(l.m, texts, l.body, j, widths[j])
					for i := range steps {
						steps[i].nLines[j+1] = lines[i]
					}
				}
			}
		}
		l.outputsWidths(texts, &widths, steps, l.opt.outputsRoom)
	}
	if widths == before {
		return
	}
	n := len(l.d.Actors)
	aws := make([]float64, n)
	for a := range aws {
		aws[a] = l.cols[2+a].W
	}
	act, first, last := l.cols[1], l.cols[2], l.cols[1+n]
	gapL := round2(first.X - (act.X + act.W))
	gapR := round2(l.cols[l.textCol(1)].X - (last.X + last.W))
	l.cols = placeColumns(l.d, l.m, margin, l.paper.W-margin, l.cols[0].W, aws, widths, l.body, gapL, gapR)
	l.lanes = newLanesSized(l.cols, n, l.lanes.symW)
	for j := range widths {
		w := l.cols[l.textCol(j)].W
		if math.Abs(w-before[j]) < 1e-9 {
			continue
		}
		cc := l.opt.memo.counter(l.m, texts, l.body, j)
		for i := range l.steps {
			l.steps[i].setCell(j+1, cc.lines(i, w), w-2*CellPadX)
		}
	}
	for i := range l.steps {
		st := &l.steps[i]
		lines := 1
		for _, k := range st.nLines {
			lines = max(lines, k)
		}
		st.textH = textHeight(lines, l.body)
	}
}

// notesWidths returns the widths of the text columns with KETERANGAN
// given width for its notes (widerNotes), and the widths they have.
func (l *layouter) notesWidths(texts [][5]string, room *pageRoom) (widths, before [5]float64) {
	widths = l.textWidths()
	before = widths
	nm := &notesMemo{}
	if l.opt.memo != nil {
		nm = &l.opt.memo.notes
	}
	act := l.activityLeast()
	if nm.made && nm.before == before && nm.least == l.textLeast && nm.act == act && nm.room == room && len(nm.lines) == len(l.steps) && sameLines(nm.lines, l.steps) {
		return nm.widths, before
	}
	natural := l.opt.memo.demands(l.m, texts, l.body, true)[4].natural
	// KEGIATAN kept as wide as a pelaksana unless that leaves a note
	// nearly a word a line (notePairs) where down to noteDonorLeast it
	// would not: the edge document with a loop over three pages on A4,
	// its one note of twelve words in nine lines beside a KEGIATAN of 45
	// mm, where it stood in five beside one of 31.
	widths = heldToPelaksana(before, act, func(w *[5]float64, least float64) {
		widerNotes(l.m, texts, l.body, w, l.textLeast, least, natural, l.steps, room, l.opt.memo)
	}, func(w [5]float64) int { return l.notePairs(texts, w[4]) })
	nm.made, nm.before, nm.least, nm.act, nm.room, nm.widths = true, before, l.textLeast, act, room, widths
	nm.lines = nm.lines[:0]
	for i := range l.steps {
		nm.lines = append(nm.lines, l.steps[i].nLines)
	}
	return widths, before
}

// outputsWidths gives OUTPUT width in widths (widerOutputs), KEGIATAN
// kept as wide as a pelaksana (activityLeast) unless that leaves more
// cells of OUTPUT or its donors nearly a word a line (crowdedAt) than
// down to noteDonorLeast: held, sample 14 on F4 took the width from
// KELENGKAPAN instead, its first cell five lines of a word. (Counting
// only the cells a word a line, sample 07 on A4 set "Kartu AK/I /
// bertanda / tangan" for a KEGIATAN no line shorter.)
func (l *layouter) outputsWidths(texts [][5]string, widths *[5]float64, steps []stepInfo, room *pageRoom) {
	natural := l.opt.memo.demands(l.m, texts, l.body, true)[3].natural
	*widths = heldToPelaksana(*widths, l.activityLeast(), func(w *[5]float64, least float64) {
		widerOutputs(l.m, texts, l.body, w, l.textLeast, least, natural, steps, room, l.opt.memo)
	}, func(w [5]float64) int { return l.crowdedAt(texts, w) })
}

// heldToPelaksana returns the text columns' widths before as widen
// leaves them with KEGIATAN giving width down to act (activityLeast), or
// down to noteDonorLeast where the floor leaves more cells crowded
// (a count of cells nearly a word a line) than that does. The second
// layout of the text is made only where the floor leaves a cell crowded.
func heldToPelaksana(before [5]float64, act float64, widen func(w *[5]float64, least float64), crowded func(w [5]float64) int) [5]float64 {
	held := before
	widen(&held, act)
	if act <= noteDonorLeast || before[0] <= noteDonorLeast+1 {
		return held
	}
	n := crowded(held)
	if n == 0 {
		return held
	}
	free := before
	widen(&free, noteDonorLeast)
	if crowded(free) < n {
		return free
	}
	return held
}

// crowdedAt returns how many cells of KEGIATAN, KELENGKAPAN and OUTPUT
// (widerOutputs' columns) stand in three lines or more, nearly a word a
// line (outputPairs), at the text columns' widths.
func (l *layouter) crowdedAt(texts [][5]string, widths [5]float64) int {
	n := 0
	for _, j := range [...]int{0, 1, 3} {
		l.cellPairs(texts, j, widths[j], func(lines, pairs int) {
			if lines >= 3 && pairs > 0 {
				n++
			}
		})
	}
	return n
}

// notePairs returns by how many lines in all the notes of texts stand
// longer than two words a line in a KETERANGAN w wide (outputPairs).
func (l *layouter) notePairs(texts [][5]string, w float64) int {
	n := 0
	l.cellPairs(texts, 4, w, func(_, pairs int) { n += pairs })
	return n
}

// cellPairs calls fn for every cell of text column j that holds text,
// set in a column w wide: its lines, and by how many it stands longer
// than two words a line (outputPairs).
func (l *layouter) cellPairs(texts [][5]string, j int, w float64, fn func(lines, pairs int)) {
	lines := l.opt.memo.linesAt(l.m, texts, l.body, j, w)
	for i := range texts {
		if texts[i][j] != "" {
			fn(lines[i], outputPairs(wordCount(texts[i][j]), lines[i]))
		}
	}
}

// sameLines reports whether steps' cells take the lines of lines.
func sameLines(lines [][6]int, steps []stepInfo) bool {
	for i := range steps {
		if steps[i].nLines != lines[i] {
			return false
		}
	}
	return true
}

// labelAnchorX returns the x whose move label r of arrow a (one of the
// page's arrows) takes once the gutters are open: its middle's, or the x
// of its arrow's vertical run in an outer channel (lo to a0, b1 to hi) beside it, which it follows
// so as to stay beside it (as labelAnchor keeps a label to its line in
// y; office-plh-weeks-months with wide glyphs: a label beside a rising
// loop kept its place while the loop moved 4.7 mm off toward the rule).
//
// A label over (or under) a horizontal run of its arrow that spans it,
// the stub of a side exit turning up or down that run, takes its
// middle's move: the stub grows with the channel, and a label following
// the run stood squeezed 0.6 mm against it, 3 mm from its diamond (sample
// 07 on F4, row 6, "Tidak sesuai"; a reviewer of session 24).
func labelAnchorX(arrows []Arrow, a *Arrow, r Rect, lo, hi, a0, b1 float64) float64 {
	if overRunWithin(r, a.Points, labelGap+labelBreathOver+0.05) {
		return r.X + r.W/2
	}
	for j := 1; j < len(a.Points); j++ {
		p, q := a.Points[j-1], a.Points[j]
		if outer := p.X > lo && p.X < a0 || p.X > b1 && p.X < hi; p.X != q.X || !outer {
			continue
		}
		if min(p.Y, q.Y) > r.Y+r.H || max(p.Y, q.Y) < r.Y {
			continue
		}
		if d := min(abs(r.X-p.X), abs(r.X+r.W-p.X)); d <= labelNear && !runBetween(arrows, a, r, p.X) {
			return p.X
		}
	}
	return r.X + r.W/2
}

// runBetween reports whether a vertical run of an arrow of arrows other
// than own passes beside label r, between it and x: the label follows
// its own run only where nothing stands between them, for that run and
// the label would move apart over the gutter and the other run cross
// the label (soak seed 331 #160 on A4: "Perlu perbaikan" over channel 0
// beyond its loop's turn 1 mm away, connector A's run 0.4 mm from it
// between them, moved 1.2 mm farther than the label and through it).
func runBetween(arrows []Arrow, own *Arrow, r Rect, x float64) bool {
	lo, hi := r.X+r.W, x
	if x < r.X {
		lo, hi = x, r.X
	}
	for k := range arrows {
		o := &arrows[k]
		if o == own {
			continue
		}
		for j := 1; j < len(o.Points); j++ {
			p, q := o.Points[j-1], o.Points[j]
			if p.X == q.X && p.X > lo && p.X < hi && min(p.Y, q.Y) < r.Y+r.H && max(p.Y, q.Y) > r.Y {
				return true
			}
		}
	}
	return false
}

// textWidths returns the widths of the five text columns, in the order
// of textColumnSpecs.
func (l *layouter) textWidths() (w [5]float64) {
	for j := range w {
		w[j] = l.cols[l.textCol(j)].W
	}
	return w
}

// textCol returns the index in cols of text cell j (0 activity … 4 note).
func (l *layouter) textCol(j int) int {
	if j == 0 {
		return 1
	}
	return len(l.d.Actors) + 1 + j
}

// gutterRoom takes up to want millimetres from the text columns widths
// (see takeGutters), each down to least, and returns what it took and,
// for each column that gave, how many lines each of its cells takes at
// the width it leaves (nil for a column that gave nothing). The cells'
// lines at widths are the steps' (steps[i].nLines[1:]); a cell whose
// every paragraph fits a line at a width takes one line a paragraph (most
// cells of the MUTU BAKU are short), as at any wider width.
func gutterRoom(m Measurer, texts [][5]string, size float64, widths *[5]float64, least [5]float64, steps []stepInfo, want float64, memo *columnsMemo) (float64, [5][]int) {
	var kept [5][]int
	n := len(texts)
	if n == 0 {
		return 0, kept
	}
	if memo == nil {
		memo = &columnsMemo{}
	}
	tallest := make([]int, n)
	for i := range steps {
		for j := 1; j <= 5; j++ {
			tallest[i] = max(tallest[i], steps[i].nLines[j])
		}
	}
	var pm [5]*paraMeasures // the columns measured (parasOf)
	var last *paraMeasures  // the column measured last
	space := m.Width(" ", size, false)
	measure := func(j int) {
		pm[j] = memo.parasOf(m, texts, size, j)
		last = pm[j]
	}
	// atLeast returns the fewest lines cell i of the column measured last
	// can take at width w: a line holds no more than w, and each break
	// drops a space, so a paragraph W wide takes (W+space)/(w+space).
	atLeast := func(i int, w float64) int {
		lines := 0
		for _, pw := range last.widths[last.at[i]:last.at[i+1]] {
			lines += max(1, int(math.Ceil((pw+space)/(w+space)-0.01)))
		}
		return lines
	}
	// bound returns the most steps column j (measured last) may give
	// before a cell's fewest lines pass its row's tallest: fits need not
	// wrap beyond it.
	bound := func(j, most int) int {
		ok := func(k int) bool {
			w := widths[j] - float64(k)*gutterStep - 2*CellPadX
			for i := range texts {
				if texts[i][j] != "" && atLeast(i, w) > tallest[i] {
					return false
				}
			}
			return true
		}
		if ok(most) {
			return most
		}
		lo, hi := 0, most
		for hi-lo > 1 {
			if mid := (lo + hi) / 2; ok(mid) {
				lo = mid
			} else {
				hi = mid
			}
		}
		return lo
	}
	// fits reports whether column j, k steps narrower, keeps every cell
	// within its row's tallest, cell by cell until one does not: first
	// the cells as tall as their row, which are the first to grow. It
	// counts their lines (cellCounter); they are wrapped when the print
	// asks for them (stepLines).
	order := make([]int, 0, n)
	fits := func(j, k int) bool {
		w := widths[j] - float64(k)*gutterStep
		cc := memo.counter(m, texts, size, j)
		for _, i := range order {
			switch {
			case texts[i][j] == "":
			case pm[j].widest[i] <= w-2*CellPadX-0.05:
				if pm[j].paras[i] > tallest[i] {
					return false
				}
			default:
				if cc.lines(i, w) > tallest[i] {
					return false
				}
			}
		}
		return true
	}
	var room [5]int // the most steps each column may give
	for j := range widths {
		room[j] = max(0, int((widths[j]-least[j])/gutterStep+1e-9))
	}
	left := int(math.Round(want / gutterStep)) // steps still wanted
	taken := 0.0
	for left > 0 {
		j := -1
		for c := range room {
			if room[c] > 0 && (j < 0 || room[c] > room[j]) {
				j = c
			}
		}
		if j < 0 {
			break
		}
		most := min(room[j], left)
		room[j] = 0
		measure(j)
		k := bound(j, most)
		order = order[:0]
		for i := range texts {
			if steps[i].nLines[j+1] == tallest[i] {
				order = append(order, i)
			}
		}
		for i := range texts {
			if steps[i].nLines[j+1] != tallest[i] {
				order = append(order, i)
			}
		}
		if !fits(j, k) {
			lo, hi := 0, k // fits(lo), not fits(hi)
			for hi-lo > 1 {
				if mid := (lo + hi) / 2; fits(j, mid) {
					lo = mid
				} else {
					hi = mid
				}
			}
			k = lo
		}
		if k > 0 { // every cell's lines at the width kept
			kept[j] = make([]int, n)
			w := widths[j] - float64(k)*gutterStep
			cc := memo.counter(m, texts, size, j)
			for i := range texts {
				if texts[i][j] != "" {
					kept[j][i] = cc.lines(i, w)
				}
			}
		}
		widths[j] -= float64(k) * gutterStep
		taken += float64(k) * gutterStep
		left -= k
	}
	return taken, kept
}

// gutterStep is the grid of the widths gutterRoom tries.
const gutterStep = 0.25

// gutters returns the gutters of the columns: left of the first
// pelaksana and right of the last.
func gutters(cols []Column) (left, right float64) {
	n := 0
	for _, c := range cols {
		if c.Kind == colActor {
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	act, first, last := cols[1], cols[2], cols[1+n]
	return round2(first.X - (act.X + act.W)), round2(cols[2+n].X - (last.X + last.W))
}

// gutterMap maps the x of the laid-out pages onto the printed ones: a
// monotone piecewise-linear map through its knots, each moving its x by
// a shift; between two knots of one shift every x moves by it (a symbol
// and its arrows' ends alike, on the 0.01 mm grid), elsewhere the map
// stretches, but over the gutters, where nothing is laid out. Nothing
// comes nearer to anything.
type gutterMap struct{ from, by []float64 }

// knot adds a knot of the map: from moves by shift.
func (g *gutterMap) knot(from, shift float64) {
	if k := len(g.from); k > 0 && g.from[k-1] == round2(from) && g.by[k-1] == round2(shift) {
		return // the same knot again
	}
	g.from = append(g.from, round2(from))
	g.by = append(g.by, round2(shift))
}

// sound reports whether the map keeps the order of its knots and
// stretches between them (but over a gutter, where it may be flat).
func (g *gutterMap) sound() bool {
	for i := 1; i < len(g.from); i++ {
		a, b := g.from[i-1], g.from[i]
		// (0.015: the knots stand on the 0.01 mm grid.)
		if b <= a || g.by[i] < g.by[i-1]-0.015 && abs(b+g.by[i]-(a+g.by[i-1])) > 0.015 {
			return false
		}
	}
	return true
}

// delta returns how far x moves. The knots are in order (sound): the
// first at or past x is found by bisection.
func (g gutterMap) delta(x float64) float64 {
	k := len(g.from)
	switch {
	case k == 0 || x <= g.from[0]: // above (or left of) every knot, as most of a page is
		return 0
	case x > g.from[k-1]:
		return g.by[k-1]
	}
	i, _ := slices.BinarySearch(g.from, x)
	if g.by[i] == g.by[i-1] {
		return g.by[i]
	}
	a, b := g.from[i-1], g.from[i]
	return g.by[i-1] + (x-a)*(g.by[i]-g.by[i-1])/(b-a)
}

// x returns where x is printed.
func (g gutterMap) x(x float64) float64 { return shifted(x, g.delta(x)) }

// shifted returns x moved by d, x itself where d is nothing.
func shifted(x, d float64) float64 {
	if d == 0 {
		return x
	}
	return round2(x + d)
}

// point returns where p is printed.
func (g gutterMap) point(p Point) Point { return Point{g.x(p.X), p.Y} }

// span returns where a cell or rule spanning r is printed: both its
// edges mapped.
func (g gutterMap) span(r Rect) Rect {
	x := g.x(r.X)
	r.W = round2(g.x(r.X+r.W) - x)
	r.X = x
	return r
}

// shift returns r moved whole by where its point at x moves: a symbol,
// connector or label keeps its size; the map only stretches, so nothing
// comes nearer to it.
func (g gutterMap) shift(r Rect, x float64) Rect {
	r.X = shifted(r.X, round2(g.delta(x)))
	return r
}

// openGutters stretches the outer channels of the pages over the columns'
// gutters (see above) and returns the columns as printed, the first
// pelaksana wider by its gutter on its left, the last on its right. Where
// an arrow runs along one outer channel and none along the other, the
// first takes up to outerGutter of both gutters, the pelaksana between
// moving over. Where no arrow runs along an outer channel on any page,
// the symbols of its column move outwards by half its gutter, into the
// middle of the column as printed; where one does, they keep their
// place beside the rule, and the runs get all of the gutter: the run
// nearest the rule its part (runGain), then the channel between it and
// the symbols the rest (sample 07 and office-plh on F4: a run beyond its
// exit's label in a wide column, stretched with the whole channel, stood
// 2.8 mm from the rule).
func (l *layouter) openGutters(pages []Page) []Column {
	gapL, gapR := gutters(l.cols)
	if gapL == 0 && gapR == 0 {
		if l.opt.channels == ([2]float64{}) {
			return l.cols
		}
		// No gutters to open, but channelRoom's width for the outer
		// channels counts as gutter all the same (Column.GutterL): the
		// soak's column check read it as a pelaksana 1.4 mm wider than
		// the others (seed 477 #287).
		cols := slices.Clone(l.cols)
		n := len(l.d.Actors)
		cols[2].GutterL, cols[1+n].GutterR = round2(l.opt.channels[0]), round2(l.opt.channels[1])
		return cols
	}
	ln := &l.lanes
	n := len(l.d.Actors)
	x0, a0 := ln.x0, ln.chans[0].hi
	b1, x1 := ln.chans[n].lo, ln.x1
	gainL, gainR, runL, runR, needL, needR := l.outerGains(pages)
	s := gainL - gapL // how far the pelaksana between move right
	make := func(centre bool) gutterMap {
		var g gutterMap
		g.knot(x0-gapL, 0)
		g.knot(x0, -gapL)
		if n == 1 {
			g.knot(a0, s)
			g.knot(b1, s)
		} else {
			sl, sr := 0.0, 0.0
			if centre && !needL {
				sl = round2(gainL / 2)
			}
			if centre && !needR {
				sr = round2(gainR / 2)
			}
			c1, cn := l.cols[3].X, l.cols[1+n].X // the inner rules of the first and the last pelaksana
			if needL {
				// The run nearest the rule gets its part (runGain), its
				// stub into the symbols' side the rest.
				gain := s - sl + gapL
				g.knot(runL, -gapL+runGain(gain, runL-x0))
			}
			g.knot(a0, s-sl)
			g.knot(ln.chans[1].lo, s-sl)
			g.knot(c1, s)
			if cn > c1 {
				g.knot(cn, s)
			}
			g.knot(ln.chans[n-1].hi, s+sr)
			g.knot(b1, s+sr)
			if needR {
				gain := gapR - s - sr
				g.knot(runR, gapR-runGain(gain, x1-runR))
			}
		}
		g.knot(x1, gapR)
		g.knot(x1+gapR, 0)
		return g
	}
	g := make(true)

	if !g.sound() {
		if g = make(false); !g.sound() {
			return l.cols // cannot happen: the outer channels are never empty
		}
	}
	for i := range pages {
		p := &pages[i]
		for k := range p.Cells {
			p.Cells[k].Rect = g.span(p.Cells[k].Rect)
		}
		for k := range p.Rules {
			p.Rules[k].A, p.Rules[k].B = g.point(p.Rules[k].A), g.point(p.Rules[k].B)
		}
		if p.TotalAt.W > 0 {
			p.TotalAt = g.span(p.TotalAt) // over the pelaksana too, where the total is long
		}
		for k := range p.Symbols {
			r := p.Symbols[k].Rect
			p.Symbols[k].Rect = g.shift(r, r.X+r.W/2)
		}
		for k := range p.Connectors {
			c := &p.Connectors[k]
			c.Rect = g.shift(c.Rect, connectorX(p, c))
		}
		// The labels first, every arrow where it was laid out (runBetween).
		for k := range p.Arrows {
			a := &p.Arrows[k]
			if lb := a.Label; lb != nil { // the page's own: moved in place
				lb.Rect = g.shift(lb.Rect, labelAnchorX(p.Arrows, a, lb.Rect, x0+1e-9, x1-1e-9, a0, b1))
			}
		}
		for k := range p.Arrows {
			a := &p.Arrows[k]
			for j := range a.Points {
				a.Points[j] = g.point(a.Points[j])
			}
			for j := range a.Hops {
				a.Hops[j] = g.point(a.Hops[j])
			}
		}
	}
	cols := slices.Clone(l.cols)
	for k := 2; k < 2+n; k++ {
		c := &cols[k]
		right := g.x(c.X + c.W)
		c.X = g.x(c.X)
		if k == 2 {
			c.X = round2(x0 - gapL)
		}
		c.W = round2(right - c.X)
		c.Middle = g.x(ln.centers[k-2])
	}
	// The width channelRoom gave the outer channels counts as gutter (a
	// layouter whose columns could not take it is never kept:
	// widerRemade's sameColumns).
	cols[2].GutterL, cols[1+n].GutterR = round2(gainL+l.opt.channels[0]), round2(gainR+l.opt.channels[1])
	return cols
}

// labelAirSide is how much wider than its labels' need (labelNeed) a
// pelaksana holding a decision is laid out on each side of its diamond,
// where the text gives the room without any row growing (takeGutters):
// a one-word label beside the run down from the bottom vertex, in a
// column just wide enough for it, stood 0.6 mm from the run and from the
// rule (breathe), read as set against the rule.
const labelAirSide = 0.8

// gutterFirst is how much of each gutter the text gives before the
// decisions' columns take their labels' air (takeGutters): an outer run
// 3 mm more from its rule, then labels 0.8 mm more from theirs, then the
// gutters up to outerGutter (chosen over the fixtures from 2 to 6 mm:
// docs/decisions.md, session 17).
const gutterFirst = 3.0

// labelAir returns, per pelaksana of widths aws, how much it would grow
// to give its decisions' labels labelAirSide on each side.
func (l *layouter) labelAir(aws []float64) []float64 {
	needs := labelNeeds(l.d, l.m, l.extra, l.opt.memo)
	air := make([]float64, len(aws))
	for a, need := range needs {
		if need > 0 {
			air[a] = math.Ceil(max(0, need+2*labelAirSide-aws[a])/gutterStep-1e-9) * gutterStep
		}
	}
	return air
}

// outerGains returns the gutters openGutters gives the outer channels of
// pages laid out by l (gutters, where an arrow runs along one outer
// channel and none along the other, the first taking up to outerGutter
// of both), the x of the runs nearest the table's rules in them, and
// whether an arrow runs along each.
func (l *layouter) outerGains(pages []Page) (gainL, gainR, runL, runR float64, needL, needR bool) {
	gapL, gapR := gutters(l.cols)
	ln := &l.lanes
	n := len(l.d.Actors)
	x0, a0 := ln.x0, ln.chans[0].hi
	b1, x1 := ln.chans[n].lo, ln.x1
	// runs returns the x of the vertical pieces of arrows between lo and
	// hi nearest to lo and to hi, on every page; ok is false where none.
	// A run on an end, off it by the 0.01 mm grid, stands on the channel's
	// edge, not in it (generated seed 4 #200 with the soak's options: a
	// run 0.01 mm past the last channel's start asked a knot there that
	// no map could keep, and the gutters stayed shut).
	runs := func(lo, hi float64) (first, last float64, ok bool) {
		first, last = hi, lo
		for _, p := range pages {
			for _, a := range p.Arrows {
				for j := 1; j < len(a.Points); j++ {
					if q, r := a.Points[j-1], a.Points[j]; q.X == r.X && q.Y != r.Y && q.X > lo+0.015 && q.X < hi-0.015 {
						first, last, ok = min(first, q.X), max(last, q.X), true
					}
				}
			}
		}
		return first, last, ok
	}
	runL, _, needL = runs(x0, a0)
	_, runR, needR = runs(b1, x1)
	gainL, gainR = gainsOf(gapL, gapR, needL, needR)
	return gainL, gainR, runL, runR, needL, needR
}

// gainsOf returns what openGutters gives the outer channels of gutters
// gapL and gapR, an arrow running along the left one where needL, along
// the right one where needR.
func gainsOf(gapL, gapR float64, needL, needR bool) (gainL, gainR float64) {
	gainL, gainR = gapL, gapR
	switch all := gapL + gapR; {
	case needL && !needR:
		gainL = min(all, max(gapL, outerGutter))
		gainR = all - gainL
	case needR && !needL:
		gainR = min(all, max(gapR, outerGutter))
		gainL = all - gainR
	}
	return gainL, gainR
}

// connectorX returns the x where the arrow of connector c meets it, on
// the 0.01 mm grid, else the middle of c. A connector as wide as an odd
// number of hundredths (connectorRow: its band's widest letter) has its
// middle 0.005 mm off its arrow's x (geom rounds its left side), and a
// knot of the gutter map at that arrow's run (outerGains' runL) moved
// the two apart by 0.47 mm (generated seed 95 #296 with the soak's
// options): the connector moves as its arrow does.
func connectorX(p *Page, c *Connector) float64 {
	x := c.X + c.W/2
	for _, a := range p.Arrows {
		if a.From != c.From || a.To != c.To || len(a.Points) == 0 {
			continue
		}
		q := a.Points[len(a.Points)-1]
		if c.In {
			q = a.Points[0]
		}
		if abs(q.X-x) < 0.01 && rectPointDist(c.Rect, q) <= 0.02 {
			return q.X
		}
	}
	return x
}

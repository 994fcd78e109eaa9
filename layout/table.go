package layout

import (
	"slices"
	"strings"
)

// Sizes of the drawing in the actor columns, in millimetres.
const (
	chanClear     = 2.0 // from a symbol's side to the nearest vertical track: room for an arrowhead
	edgeClear     = 1.2 // from a lane's outer edge to the nearest vertical track
	chanPitch     = 2.0 // widest spacing of vertical tracks in a channel
	ruleGap       = 2.2 // from a table rule to the nearest track along it: clearly apart when printed
	connH         = 5.0 // height of an off-page connector
	connMinW      = 5.0 // narrowest off-page connector
	connGap       = 1.5 // between two connectors in a band, the least
	connGapWide   = 3.0 // between two connectors in a band that has the room
	connRuleClear = 1.0 // between a connector's side and a column rule: 0.5 read as touching it (session 11)
	connJogClear  = 2.5 // the same for a connector its arrow still jogs to, where the room is (easeConnectors)
	headerMinSize = 8.0 // the smallest a header title is set to keep its words whole
	symbolSlack   = 9.0 // actor column width minus symbol width: both channels
)

// lanes is the geometry of the actor columns shared by every page: where
// the symbols stand and where the vertical channels between them are.
type lanes struct {
	x0, x1  float64   // left edge of the first and right edge of the last actor column
	centers []float64 // centre of each actor column
	symW    float64   // width of every symbol
	chans   []channel // n+1 channels: left of column 0, between columns, right of the last
}

// clone returns a copy of ln sharing nothing with it.
func (ln lanes) clone() lanes {
	ln.centers, ln.chans = slices.Clone(ln.centers), slices.Clone(ln.chans)
	return ln
}

// channel is the band of x between two columns of symbols where vertical
// arrow tracks run. A channel between two actor columns has the table rule
// between them in its middle, which tracks keep away from.
type channel struct {
	lo, hi  float64
	rule    float64
	hasRule bool
}

// center returns the middle of the channel.
func (c channel) center() float64 { return (c.lo + c.hi) / 2 }

func newLanes(cols []Column, n int) lanes {
	// Every symbol is as wide as the narrowest column holds: a column
	// grown for an exit label keeps the room beside its diamond.
	return newLanesSized(cols, n, round2(min(max(narrowestWidth(cols[2:2+n])-symbolSlack, 8), 18)))
}

// newLanesSized is newLanes with symbols symW wide.
func newLanesSized(cols []Column, n int, symW float64) lanes {
	a := cols[2 : 2+n]
	ln := lanes{x0: a[0].X, x1: a[n-1].X + a[n-1].W, symW: symW}
	for _, c := range a {
		ln.centers = append(ln.centers, round2(c.X+c.W/2))
	}
	for c := 0; c <= n; c++ {
		lo, hi := ln.x0+edgeClear, ln.x1-edgeClear
		if c > 0 {
			lo = ln.centers[c-1] + ln.symW/2 + chanClear
		}
		if c < n {
			hi = ln.centers[c] - ln.symW/2 - chanClear
		}
		ch := channel{lo: lo, hi: hi}
		if c > 0 && c < n {
			ch.rule, ch.hasRule = a[c].X, true
		}
		ln.chans = append(ln.chans, ch)
	}
	return ln
}

// symbolSize returns the width and height of a symbol of the given kind.
func (ln *lanes) symbolSize(kind string) (w, h float64) {
	w = ln.symW
	if kind == Decision {
		return w, round2(min(decisionMaxH, w*0.72))
	}
	return w, round2(min(processMaxH, w*0.6))
}

// The tallest a decision's diamond and a process box are drawn.
const (
	decisionMaxH = 10.0
	processMaxH  = 7.0
)

// narrowestWidth returns the width of the narrowest of cols.
func narrowestWidth(cols []Column) float64 {
	w := cols[0].W
	for _, c := range cols[1:] {
		w = min(w, c.W)
	}
	return w
}

// header is the two header rows of the table, the same on every page.
type header struct {
	y1, y2 float64 // bottom of the first row, bottom of the header
	cells  []Cell
	split  []bool // per column: its left rule starts at the second row
}

func newHeader(m Measurer, cols []Column, size float64) header {
	n := len(cols) - 6 // actor columns
	spanW := func(a, b int) float64 { return cols[b].X + cols[b].W - cols[a].X }
	height := func(t headerText) float64 { return float64(len(t.lines))*LineHeight(t.size) + 2*CellPadY }
	// The titles are set for the width they are printed in: the first
	// and the last pelaksana with the least of their gutters that
	// openGutters may leave them (it may give one's to the other, up to
	// outerGutter), both with a single pelaksana.
	gl, gr := gutters(cols)
	if n > 1 {
		gl = max(0, gl+gr-outerGutter)
		gr = gl
	}
	width := func(i int) float64 {
		w := cols[i].W
		if i == 2 {
			w += gl
		}
		if i == n+1 {
			w += gr
		}
		return w
	}

	// KETERANGAN sets the header's size as KET. where it would not stand
	// whole at the body's size, and is printed whole where it stands at
	// the header's size, which another title may have brought lower
	// (samples 03 and 06 on A4, 05 on F4: "KET." over a column that
	// holds the word; a reviewer of session 33).
	titles := make([]string, len(cols))
	for i := range cols {
		titles[i] = cols[i].Title
	}
	note := n + 5
	if full := titles[note]; m.Width(full, size, true)+2*CellPadX > width(note) {
		titles[note] = noteShortName
	}

	// One size for every title: a header whose titles step down from
	// 9 to 8 pt from column to column looks patched. The size is the
	// smallest any title needs to keep its words whole (fitHeader).
	first := make([]headerText, len(cols)) // each title fitted at asked[i]
	asked := make([]float64, len(cols))
	// The size the titles' widest words allow (fitHeader's first step)
	// first: the titles before the one that needs it are not set at the
	// larger size only to be set again.
	for i := range cols {
		size = min(size, wordsSize(m, titles[i], width(i), size))
	}
	for i := range cols {
		asked[i], first[i] = size, fitHeader(m, titles[i], width(i), size)
		size = min(size, first[i].size)
	}
	if full := cols[note].Title; titles[note] != full && m.Width(full, size, true) <= width(note)-2*CellPadX {
		titles[note] = full
		first[note], asked[note] = headerText{[]string{full}, size}, size
	}
	pel := fitHeader(m, "PELAKSANA", spanW(2, n+1)+gl+gr, size)
	mutu := fitHeader(m, "MUTU BAKU", spanW(n+2, n+4), size)
	h1 := ceil2(max(height(pel), height(mutu)))

	texts := make([]headerText, len(cols))
	h2 := 0.0
	for i := range cols {
		if texts[i] = first[i]; asked[i] != size { // fitted at a larger size before the size came down
			texts[i] = fitHeader(m, titles[i], width(i), size)
		}
		if i >= 2 && i < n+5 {
			h2 = max(h2, height(texts[i]))
		} else {
			h2 = max(h2, height(texts[i])-h1)
		}
	}
	h2 = ceil2(h2)
	// A pelaksana's title broken to fill fewer lines stands with its
	// words whole where the header is as tall for another title anyway
	// (sample 04: "Pejabat Pe- / laksana Tek- / nis Kegiatan" beside
	// "Kuasa / Bendahara / Umum / Daerah", a reviewer).
	for i := 2; i < n+2; i++ {
		t := texts[i]
		broken := wordBreaks(cols[i].Title, t.lines)
		if broken == 0 {
			continue
		}
		for _, sz := range []float64{size, t.size} {
			plain := headerText{wrap(m, cols[i].Title, sz, true, width(i)-2*CellPadX), sz}
			if height(plain) <= h2+1e-9 && wordBreaks(cols[i].Title, plain.lines) < broken {
				texts[i] = plain
				break
			}
		}
	}

	y0 := margin
	h := header{y1: round2(y0 + h1), y2: round2(y0 + h1 + h2), split: make([]bool, len(cols))}
	cell := func(x, y, w, hh float64, t headerText) {
		h.cells = append(h.cells, Cell{Rect: Rect{X: x, Y: y, W: round2(w), H: round2(hh)},
			Lines: t.lines, Size: t.size, Bold: true, Align: "center"})
	}
	cell(cols[0].X, y0, cols[0].W, h1+h2, texts[0])
	cell(cols[1].X, y0, cols[1].W, h1+h2, texts[1])
	cell(cols[2].X, y0, spanW(2, n+1), h1, pel)
	cell(cols[n+2].X, y0, spanW(n+2, n+4), h1, mutu)
	cell(cols[n+5].X, y0, cols[n+5].W, h1+h2, texts[n+5])
	for i := 2; i < n+5; i++ {
		cell(cols[i].X, h.y1, cols[i].W, h2, texts[i])
		h.split[i] = i != 2 && i != n+2
	}
	return h
}

// headerSlack is how far into its padding a header title may reach.
const headerSlack = 0.02

// headerText is a header cell's text, wrapped, and its size.
type headerText struct {
	lines []string
	size  float64
}

// fitHeader wraps a header title to a column width at the given size,
// or at a size down to headerMinSize when that keeps a word from
// breaking; below that a word is hyphenated.
func fitHeader(m Measurer, title string, w, size float64) headerText {
	// A slash between words ends its line rather than starting the next:
	// "Tim Profesi Ahli /" over "Tim Penilai Teknis", not "/ Tim Penilai"
	// (office-plt on A4, the reviewer of session 20). It is joined to the
	// word before it by a no-break space while the title is broken.
	if strings.Contains(title, " / ") {
		h := fitHeader(m, strings.ReplaceAll(title, " / ", noBreakSpace+"/ "), w, size)
		for i, line := range h.lines {
			h.lines[i] = strings.ReplaceAll(line, noBreakSpace, " ")
		}
		return h
	}
	size = wordsSize(m, title, w, size)
	// A hair of the padding given: the last column takes what the others
	// leave, to 0.01 mm (placeColumns), and a title exactly as wide as
	// its column's room broke on the rounding (office-200's "KET." as
	// "KET" over "." on A4).
	lines := wrap(m, title, size, true, w-2*CellPadX+headerSlack)
	if len(lines) > 3 {
		// A long actor name: smaller and its words broken to fill the
		// lines, for a header that repeats on every page; unless its
		// words whole take at most one line more ("Kepala / Bidang /
		// Pelatihan / dan Pro- / duktivitas" rather than "Kepala Bi- /
		// dang Pela- / tihan dan / Produktivi- / tas"). An official's
		// position broken in four places ("Kepala Bi- / dang Hubu- / ngan
		// Indus- / trial dan Ja- / minan Sosial", samples 15 and 17 on A4)
		// was a reviewer's fault on every page; a header a line taller
		// costs no page over the fixtures.
		size = headerMinSize
		lines = WrapFilled(m, title, size, true, w-2*CellPadX)
		if plain := wrap(m, title, size, true, w-2*CellPadX); len(plain) <= len(lines)+1 && wordBreaks(title, plain) < wordBreaks(title, lines) {
			lines = plain
		}
	}
	return headerText{lines, size}
}

// wordsSize returns the size a header title is set at in a column w
// wide, from size down to headerMinSize by half points, as long as its
// widest word does not fit (fitHeader sets it there, or smaller).
func wordsSize(m Measurer, title string, w, size float64) float64 {
	widest := 0.0
	for word := range strings.FieldsSeq(title) {
		widest = max(widest, m.Width(word, size, true))
	}
	full := size
	for size > headerMinSize && widest*size/full > w-2*CellPadX {
		size -= 0.5
	}
	return size
}

// wordBreaks weighs the words of title broken between lines (see
// brokenWords).
func wordBreaks(title string, lines []string) int {
	n, _ := brokenWords(title, lines)
	return n
}

// rules returns the ruling lines of a page whose rows end at the given
// y positions (the bottom of every row, in order), with the total row
// below them when total has a height.
func (h *header) rules(cols []Column, rowBottoms []float64, total Rect) []Line {
	x0 := cols[0].X
	last := cols[len(cols)-1]
	x1 := last.X + last.W
	n := len(cols) - 6
	bottom := h.y2
	if len(rowBottoms) > 0 {
		bottom = rowBottoms[len(rowBottoms)-1]
	}
	hline := func(y, a, b float64) Line { return Line{A: Point{a, y}, B: Point{b, y}} }
	vline := func(x, a, b float64) Line { return Line{A: Point{x, a}, B: Point{x, b}} }
	out := make([]Line, 0, 4+len(rowBottoms)+2*len(cols))
	out = append(out,
		hline(margin, x0, x1),
		hline(h.y1, cols[2].X, cols[n+4].X+cols[n+4].W),
		hline(h.y2, x0, x1),
	)
	for _, y := range rowBottoms {
		out = append(out, hline(y, x0, x1))
	}
	for i, c := range cols {
		top := margin
		if h.split[i] {
			top = h.y1
		}
		end := bottom
		if total.H > 0 && (i == 0 || c.X == total.X) {
			end = total.Y + total.H
		}
		out = append(out, vline(c.X, top, end))
	}
	end := bottom
	if total.H > 0 {
		end = total.Y + total.H
		out = append(out, hline(end, x0, x1))
		if right := round2(total.X + total.W); right < x1 {
			out = append(out, vline(right, bottom, end))
		}
	}
	return append(out, vline(x1, margin, end))
}

// table adds the rows and total of the page, and the bottoms of its rows
// for its rules. Its cells and rules are made only for the pages a
// layout keeps (fillTable): pagination and the variants of a page
// (keptAs) build many pages that no one prints, and nothing a layout
// decides reads them.
func (pb *pageBuilder) table(page *Page) {
	l := pb.l
	page.Rows = make([]Row, 0, len(pb.rows))
	page.bottoms = make([]float64, 0, len(pb.rows))
	for _, row := range pb.rows {
		page.bottoms = append(page.bottoms, round2(row.y+row.h))
		if row.step >= 0 {
			page.Rows = append(page.Rows, Row{Step: l.steps[row.step].id, Index: row.step, Y: row.y, H: row.h})
		}
	}
	if pb.e == len(l.steps) && l.total != "" {
		page.TotalAt = l.totalAt
		if pb.wideTotal {
			page.TotalAt = l.totalWide
		}
		page.TotalAt.Y = page.bottoms[len(page.bottoms)-1]
	}
}

// fillTable adds the cells and rules of a page the layout keeps (table).
func (l *layouter) fillTable(page *Page) {
	// Sized up front: appending cell by cell copied the page's cells over
	// and over, the largest cost of laying out a long SOP.
	page.Cells = make([]Cell, 0, len(l.head.cells)+6*len(page.Rows))
	page.Cells = append(page.Cells, l.head.cells...)
	n := len(l.d.Actors)
	textCols := [6]int{0, 1, n + 2, n + 3, n + 4, n + 5}
	hang := HangWidth(l.m, l.body, false)
	for _, row := range page.Rows {
		for j, c := range textCols {
			align := "left"
			if j == 0 || j == 3 {
				align = "center"
			}
			col := l.cols[c]
			page.Cells = append(page.Cells, Cell{Rect: Rect{X: col.X, Y: row.Y, W: col.W, H: row.H},
				Lines: l.stepLines(row.Index, j), Size: l.body, Align: align, Hang: hang})
		}
	}
	page.Rules = l.head.rules(l.cols, page.bottoms, page.TotalAt)
}

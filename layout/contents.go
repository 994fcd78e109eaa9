package layout

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The ruled tables of the book (the Lampiran's list, the contents) and
// the contents themselves.

// tableCol is a column of a ruled table; a column without a width takes
// the room the others leave.
type tableCol struct {
	title string
	w     float64
	align string // "start" (default) or "middle"
}

// table sets ruled tables: a header, rows of wrapped cells, and rows
// spanning the columns from one to the end (a unit's heading).
type table struct {
	m    Measurer
	cols []tableCol
	xs   []float64 // the left edge of each column, and the right edge last
	size float64
}

func newTable(m Measurer, cols []tableCol, left, right, size float64) *table {
	fixed, flex := 0.0, 0
	for _, c := range cols {
		if c.w == 0 {
			flex++
		}
		fixed += c.w
	}
	xs := []float64{left}
	for _, c := range cols {
		w := c.w
		if w == 0 {
			w = (right - left - fixed) / float64(flex)
		}
		xs = append(xs, round2(xs[len(xs)-1]+w))
	}
	return &table{m: m, cols: cols, xs: xs, size: size}
}

func (t *table) lineH() float64 { return LineHeight(t.size) }

// rowHeight returns the height of a row of n lines.
func (t *table) rowHeight(n int) float64 { return float64(n)*t.lineH() + 2*CellPadY + 0.6 }

// cells returns an item placing one row of cells with the rules around it.
func (t *table) cells(texts []string, bold, centred bool) item {
	lines := make([][]string, len(texts))
	n := 1
	for i, s := range texts {
		lines[i] = Wrap(t.m, s, t.size, bold, t.xs[i+1]-t.xs[i]-2*CellPadX)
		n = max(n, len(lines[i]))
	}
	h := t.rowHeight(n)
	return item{h: h, place: func(s *Sheet, y float64) {
		t.rules(s, y, h, 0)
		for i, ls := range lines {
			top := y + CellPadY + 0.3
			if centred {
				top = y + (h-float64(len(ls))*t.lineH())/2
			}
			for j, l := range ls {
				base := round2(Baseline(top, j, t.size))
				if t.cols[i].align == "middle" || centred {
					s.Texts = append(s.Texts, Text{X: round2((t.xs[i] + t.xs[i+1]) / 2), Y: base, S: l, Size: t.size, Bold: bold, Anchor: "middle"})
				} else {
					s.Texts = append(s.Texts, Text{X: t.xs[i] + CellPadX, Y: base, S: l, Size: t.size, Bold: bold, Anchor: "start"})
				}
			}
		}
	}}
}

// rules adds the rules of a row: its top and bottom, the outer sides,
// and the inner column lines, but those within a span from column span.
func (t *table) rules(s *Sheet, y, h float64, span int) {
	l, r := t.xs[0], t.xs[len(t.xs)-1]
	s.Rules = append(s.Rules, hrule(l, r, y, tableRule), hrule(l, r, y+h, tableRule))
	for i, x := range t.xs {
		if span > 0 && i > span && i < len(t.xs)-1 {
			continue
		}
		s.Rules = append(s.Rules, vrule(x, y, y+h, tableRule))
	}
}

func (t *table) header() item {
	titles := make([]string, len(t.cols))
	for i, c := range t.cols {
		titles[i] = c.title
	}
	return t.cells(titles, true, true)
}

func (t *table) row(texts []string) item { return t.cells(texts, false, false) }

// span returns a row whose text runs from column from to the last.
func (t *table) span(from int, text string, bold bool) item {
	lines := Wrap(t.m, text, t.size, bold, t.xs[len(t.xs)-1]-t.xs[from]-2*CellPadX)
	h := t.rowHeight(len(lines))
	return item{h: h, place: func(s *Sheet, y float64) {
		t.rules(s, y, h, from)
		for j, l := range lines {
			s.Texts = append(s.Texts, Text{X: t.xs[from] + CellPadX, Y: round2(Baseline(y+CellPadY+0.3, j, t.size)), S: l, Size: t.size, Bold: bold, Anchor: "start"})
		}
	}}
}

// contentsSheets sets the contents: for each SOP its number, title, unit,
// version, effective and revision dates, and the page it starts on; the
// decision and the contents themselves first.
func (b *bookSetter) contentsSheets() []Sheet {
	size := b.paper
	frame := NewFrame(size, Margin, false, b.m)
	m := contentsMargin
	f := newFlow(m, frame.Bottom)
	f.add(textItem(size.W/2, "DAFTAR ISI", 14, true, "middle", 9))
	for _, l := range WrapBalanced(b.m, upper(BookTitle(b.info)), 10, true, size.W-2*m-40) {
		f.add(textItem(size.W/2, l, 10, true, "middle", 5.5))
	}
	f.space(4)
	cols := []tableCol{
		{title: "NO", w: 10, align: "middle"},
		{title: "NOMOR SOP", w: 44},
		{title: "NAMA SOP"},
		{title: "UNIT KERJA", w: 48},
		{title: "VERSI", w: 14, align: "middle"},
		{title: "TANGGAL EFEKTIF", w: 32},
		{title: "TANGGAL REVISI", w: 32},
		{title: "HALAMAN", w: 20, align: "middle"},
	}
	t := newTable(b.m, cols, m, size.W-m, contentsSize)
	var rows [][]item
	if b.info.Decree != nil {
		title := "Keputusan " + b.issuer() + " Nomor " + b.decreeNumber() + " tentang " + b.subject()
		rows = append(rows, []item{b.frontRow(t, title, b.decreeAt)})
	}
	rows = append(rows, []item{b.frontRow(t, "Daftar Isi", b.contentsAt)})
	for i, e := range b.info.Entries {
		version := "-"
		if e.Version > 0 {
			version = strconv.Itoa(e.Version)
		}
		page := 0
		if b.starts != nil {
			page = b.starts[i]
		}
		rows = append(rows, []item{t.row([]string{strconv.Itoa(i+1) + ".", dash(e.Number), dash(e.Title), dash(e.Unit), version,
			dash(e.Effective.Indonesian()), dash(e.Revised.Indonesian()), strconv.Itoa(page)})})
	}
	f.table(t.header(), rows, nil)
	return f.sheets(frame, "Daftar Isi — "+BookTitle(b.info))
}

// frontRow is a contents row for a part of the front matter: its title
// across the number, title and unit columns, "-" for its version and
// dates, and its page.
func (b *bookSetter) frontRow(t *table, title string, page int) item {
	lines := Wrap(t.m, title, t.size, false, t.xs[4]-t.xs[1]-2*CellPadX)
	h := t.rowHeight(len(lines))
	return item{h: h, place: func(s *Sheet, y float64) {
		l, r := t.xs[0], t.xs[len(t.xs)-1]
		s.Rules = append(s.Rules, hrule(l, r, y, tableRule), hrule(l, r, y+h, tableRule))
		for i, x := range t.xs {
			if i == 2 || i == 3 {
				continue
			}
			s.Rules = append(s.Rules, vrule(x, y, y+h, tableRule))
		}
		top := y + CellPadY + 0.3
		for j, line := range lines {
			s.Texts = append(s.Texts, Text{X: t.xs[1] + CellPadX, Y: round2(Baseline(top, j, t.size)), S: line, Size: t.size, Anchor: "start"})
		}
		base := round2(Baseline(top, 0, t.size))
		for _, c := range []int{4, 5, 6} {
			s.Texts = append(s.Texts, Text{X: round2((t.xs[c] + t.xs[c+1]) / 2), Y: base, S: "-", Size: t.size, Anchor: "middle"})
		}
		s.Texts = append(s.Texts, Text{X: round2((t.xs[7] + t.xs[8]) / 2), Y: base, S: strconv.Itoa(page), Size: t.size, Anchor: "middle"})
	}}
}

// upper sets a title in capitals as the print heads it, keeping each
// run of letters written in mixed capitals as it is written: "(LKjIP)"
// is a name that capitals would change ("LKJIP"), and a reviewer read
// "PENYUSUNAN … (LKJIP)" as a misspelt name. Runs of letters are split
// at anything else ("Pekerja/Serikat" is two words).
func upper(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := 0
	for i, r := range s + " " {
		if unicode.IsLetter(r) {
			continue
		}
		if w := s[start:i]; mixedCapitals(w) {
			b.WriteString(w)
		} else {
			b.WriteString(strings.ToUpper(w))
		}
		if i < len(s) {
			b.WriteRune(r)
		}
		start = i + utf8.RuneLen(r)
	}
	return b.String()
}

// mixedCapitals reports whether word has two capitals or more and a
// small letter: an acronym or name written so on purpose ("LKjIP").
func mixedCapitals(word string) bool {
	caps, small := 0, false
	for _, r := range word {
		if unicode.IsUpper(r) {
			caps++
		}
		small = small || unicode.IsLower(r)
	}
	return caps >= 2 && small
}

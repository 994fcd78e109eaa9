package layout

import (
	"cmp"
	"slices"
	"strconv"
)

// connectorRefs writes, in the KEGIATAN cell of each band of off-page
// connectors (a cell that is otherwise empty), where the arrow of each
// connector of the band comes from or goes to: "A dari kegiatan 14" for
// an in-connector (the activity its arrow comes from), "B ke kegiatan 2"
// for an out-connector (the activity it goes to). Reviewers read a
// rework loop's in-connector over row 1 as the chart's entry point,
// looked for a letter on the next page that skipped it (B of sample 12
// leaves page 2 for page 4), asked for words on the letters beside those
// that had them, and for words on every connector once some had them
// (session 11). The activity's number, not a page's: the same words hold
// in an SOP printed alone, in a book, and on the web page. Where the
// words of a band do not fit it, the letters across the page's turn (out
// under the rows of one page, in over the rows of the next, found by
// turning the page) give way first (refCell). pages are the pages as laid
// out, their letters given; the cells are their Refs.
func (l *layouter) connectorRefs(pages []Page) {
	if !slices.ContainsFunc(pages, func(p Page) bool { return len(p.Connectors) > 0 }) {
		return
	}
	type at struct {
		page  int
		above bool
	}
	where := make(map[string][]at, len(pages))
	for pi := range pages {
		p := &pages[pi]
		if len(p.Rows) == 0 {
			continue // a page holds one row at least; none, no band to write in
		}
		for ci := range p.Connectors {
			c := &p.Connectors[ci]
			where[c.Letter] = append(where[c.Letter], at{pi, c.Y+c.H <= p.Rows[0].Y})
		}
	}
	for pi := range pages {
		p := &pages[pi]
		if len(p.Rows) == 0 || len(p.Connectors) == 0 {
			continue
		}
		first, last := p.Rows[0], p.Rows[len(p.Rows)-1]
		var top, bottom []ref
		for ci := range p.Connectors {
			c := &p.Connectors[ci]
			above := c.Y+c.H <= first.Y
			turned := false
			for _, o := range where[c.Letter] {
				turned = turned || !c.In && !above && o.page == pi+1 && o.above || c.In && above && o.page == pi-1 && !o.above
			}
			r := ref{letter: c.Letter, x: c.X, turned: turned}
			from, to := l.stepIndex(c.From), l.stepIndex(c.To)
			r.full, r.short = refText(c.Letter, c.In, from, to, false), refText(c.Letter, c.In, from, to, true)
			if above {
				top = append(top, r)
			} else {
				bottom = append(bottom, r)
			}
		}
		bandBottom := last.Y + last.H
		if n := len(p.bottoms); n > 0 {
			bandBottom = p.bottoms[n-1]
		}
		l.refCell(p, top, l.head.y2, first.Y)
		l.refCell(p, bottom, last.Y+last.H, bandBottom)
	}
}

// refText is what a band's cell says of a connector of the arrow from
// step from to step to (indices): "A dari kegiatan 14" for an
// in-connector, "B ke kegiatan 2" for an out-connector; short, "A dari
// 14".
func refText(letter string, in bool, from, to int, short bool) string {
	word, step := " ke ", to
	if in {
		word, step = " dari ", from
	}
	if !short {
		word += "kegiatan "
	}
	return letter + word + strconv.Itoa(step+1)
}

// ref is what a band's cell says of one connector.
type ref struct {
	letter      string
	x           float64 // its connector's left edge
	full, short string  // "A dari kegiatan 14", "A dari 14"
	turned      bool    // its pair is across the page's turn
}

// refCell adds to page the cell of the band from y0 to y1 naming where
// the arrows of its connectors come from or go to, in the order their
// pentagons stand from left to right (letters are given in the order a
// reader meets them on the page where a pair is met first, so on the
// other page B may stand left of A: the reviewer of session 18 read
// "A ke kegiatan 2, B ke kegiatan 5" over pentagons B, A as a mismatch),
// each whole on a line: "A dari kegiatan 14, B ke kegiatan 2",
// at the size of the KEGIATAN text it stands among (official-layout.md:
// at least 9 pt, 8 with more than six pelaksana; at LabelSize the office
// reviewer of session 12 read it as KEGIATAN text too small). Where that
// does not fit the band, "A dari 14, B ke 2" (three bands of sample 12
// and 19 on A4); where even that does not, only the letters not across
// the page's turn, in the same two forms; then the same at LabelSize
// (the documents of 200 steps with the wide measurer of the property
// tests); where none is left, nothing.
func (l *layouter) refCell(page *Page, refs []ref, y0, y1 float64) {
	slices.SortFunc(refs, func(a, b ref) int { return cmp.Or(cmp.Compare(a.x, b.x), compareLetter(a.letter, b.letter)) })
	needed := slices.DeleteFunc(slices.Clone(refs), func(r ref) bool { return r.turned })
	// The forms to try, best first: every letter, then those not across
	// the turn, each whole, then short.
	var forms [][]string
	for _, set := range [][]ref{refs, needed} {
		if len(set) == 0 {
			continue
		}
		for _, short := range []bool{false, true} {
			items := make([]string, len(set))
			for i, r := range set {
				items[i] = r.full
				if short {
					items[i] = r.short
				}
			}
			forms = append(forms, items)
		}
	}
	col := l.cols[1]
	for _, size := range []float64{l.body, LabelSize} {
		room := int((y1 - y0 - 2*refPadY + 0.01) / LineHeight(size))
		for _, items := range forms {
			if lines := l.packItems(items, col.W-2*CellPadX, size); len(lines) <= room {
				page.Refs = append(page.Refs, Cell{Rect: Rect{X: col.X, Y: y0, W: col.W, H: round2(y1 - y0)}, Lines: lines, Size: size, Align: "middle"})
				return
			}
		}
	}
}

// compareLetter orders connector letters as they are given: A … Z, AA ….
func compareLetter(a, b string) int {
	return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b))
}

// refPadY is the least room between a band's words and its rules: they
// stand in the band's middle, beside its connectors, and a band is as
// tall as its connectors ask, not as a cell's padding would. 0.4 lets
// two lines at 9 pt stand in a band of 8.5 mm, the height of most.
const refPadY = 0.4

// packItems sets items at size on lines no wider than width, separated by ", ",
// an item broken only where it is wider than a line by itself.
func (l *layouter) packItems(items []string, width, size float64) []string {
	var lines []string
	line := ""
	for i, it := range items {
		if i < len(items)-1 {
			it += ","
		}
		switch {
		case line == "":
			line = it
		case l.m.Width(line+" "+it, size, false) <= width:
			line += " " + it
		default:
			lines = append(lines, line)
			line = it
		}
		if l.m.Width(line, size, false) > width {
			parts := wrap(l.m, line, size, false, width)
			lines = append(lines, parts[:len(parts)-1]...)
			line = parts[len(parts)-1]
		}
	}
	return append(lines, line)
}

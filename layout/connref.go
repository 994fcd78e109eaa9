package layout

import (
	"cmp"
	"slices"
	"strconv"
)

// connectorRefs writes, in the KEGIATAN cell of a band of off-page
// connectors, where the arrow of each connector of the band comes from or
// goes to when its pair is not the one a reader finds by turning the page:
// a rework loop back to an earlier page ("A dari kegiatan 14" over the
// rows of its step's page, "A ke kegiatan 2" under those of its
// decision's), a jump over a page ("B ke kegiatan 14": page 3 of sample
// 12 holds neither end of "Perlu perbaikan", so B leaves page 2 and comes
// back on page 4), and a short loop's pair standing in the other band
// (flipLoops). An arrow from the foot of one page to the top of the next
// needs no words. Reviewers read a loop's in-connector over row 1 as the
// chart's entry point, and looked for a skipped letter on the next page
// (session 11). The activity's number, not a page's: the same words hold
// in an SOP printed alone, in a book, and on the web page. pages are the
// pages as laid out, their letters given; the cells are their Refs.
func (l *layouter) connectorRefs(pages []Page) {
	type at struct {
		page int
		conn *Connector
	}
	pairs := map[string][]at{}
	for pi := range pages {
		for ci := range pages[pi].Connectors {
			c := &pages[pi].Connectors[ci]
			pairs[c.Letter] = append(pairs[c.Letter], at{pi, c})
		}
	}
	number := func(id string) string { return strconv.Itoa(l.d.StepIndex(id) + 1) }
	for pi := range pages {
		p := &pages[pi]
		if len(p.Rows) == 0 || len(p.Connectors) == 0 {
			continue
		}
		first, last := p.Rows[0], p.Rows[len(p.Rows)-1]
		var top, bottom []*Connector
		for ci := range p.Connectors {
			c := &p.Connectors[ci]
			above := c.Y+c.H <= first.Y
			var other *at
			for k := range pairs[c.Letter] {
				if o := &pairs[c.Letter][k]; o.page != pi {
					other = o
				}
			}
			if other == nil {
				continue
			}
			otherFirst := pages[other.page].Rows[0]
			otherAbove := other.conn.Y+other.conn.H <= otherFirst.Y
			turned := !c.In && !above && other.page == pi+1 && otherAbove ||
				c.In && above && other.page == pi-1 && !otherAbove
			if turned {
				continue
			}
			if above {
				top = append(top, c)
			} else {
				bottom = append(bottom, c)
			}
		}
		head := l.head.y2
		bandBottom := last.Y + last.H
		if n := len(p.bottoms); n > 0 {
			bandBottom = p.bottoms[n-1]
		}
		l.refCell(p, top, head, first.Y, number)
		l.refCell(p, bottom, last.Y+last.H, bandBottom, number)
	}
}

// refCell adds to page the cell of the band from y0 to y1 naming where
// the arrows of conns come from or go to, in the order the connectors
// stand, each whole on a line: "A dari kegiatan 14, B ke kegiatan 2";
// where that does not fit the band, "A dari 14, B ke 2" (the two
// documents of 200 steps, with three letters to a band), over the band's
// NO cell too where even that does not.
func (l *layouter) refCell(page *Page, conns []*Connector, y0, y1 float64, number func(string) string) {
	if len(conns) == 0 {
		return
	}
	slices.SortFunc(conns, func(a, b *Connector) int { return cmp.Compare(a.X, b.X) })
	room := int((y1 - y0 - 2*CellPadY + 0.01) / LineHeight(LabelSize))
	var lines []string
	x, w := l.cols[1].X, l.cols[1].W
	for _, form := range []struct {
		word string
		wide bool
	}{{" kegiatan ", false}, {" ", false}, {" ", true}} {
		if form.wide {
			// The band's NO cell too: it is empty.
			x, w = l.cols[0].X, l.cols[0].W+l.cols[1].W
		}
		items := make([]string, 0, len(conns))
		for _, c := range conns {
			if c.In {
				items = append(items, c.Letter+" dari"+form.word+number(c.From))
			} else {
				items = append(items, c.Letter+" ke"+form.word+number(c.To))
			}
		}
		if lines = l.packItems(items, w-2*CellPadX); len(lines) <= room {
			break
		}
	}
	page.Refs = append(page.Refs, Cell{Rect: Rect{X: x, Y: y0, W: round2(w), H: round2(y1 - y0)}, Lines: lines, Size: LabelSize, Align: "left"})
}

// packItems sets items on lines no wider than width, separated by ", ",
// an item broken only where it is wider than a line by itself.
func (l *layouter) packItems(items []string, width float64) []string {
	var lines []string
	line := ""
	for i, it := range items {
		if i < len(items)-1 {
			it += ","
		}
		switch {
		case line == "":
			line = it
		case l.m.Width(line+" "+it, LabelSize, false) <= width:
			line += " " + it
		default:
			lines = append(lines, line)
			line = it
		}
		if l.m.Width(line, LabelSize, false) > width {
			parts := wrap(l.m, line, LabelSize, false, width)
			lines = append(lines, parts[:len(parts)-1]...)
			line = parts[len(parts)-1]
		}
	}
	return append(lines, line)
}

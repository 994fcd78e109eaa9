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
// (flipLoops). Such a band names every letter it holds, and so does a
// band of two letters or more (which of C and D goes to row 7?); a letter
// alone in its band, from the foot of one page to the top of the next,
// needs no words. Reviewers read a loop's in-connector over row 1 as the
// chart's entry point, looked for a skipped letter on the next page, and
// found words on A and B but none on C and D beside them (session 11). The activity's number, not a page's: the same words hold
// in an SOP printed alone, in a book, and on the web page. pages are the
// pages as laid out, their letters given; the cells are their Refs.
func (l *layouter) connectorRefs(pages []Page) {
	type at struct {
		page int
		conn *Connector
	}
	if !slices.ContainsFunc(pages, func(p Page) bool { return len(p.Connectors) > 0 }) {
		return
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
		need := map[*Connector]bool{} // not across the page's turn
		var topNeeds, bottomNeeds bool
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
			need[c] = !turned
			if above {
				top = append(top, c)
				topNeeds = topNeeds || !turned
			} else {
				bottom = append(bottom, c)
				bottomNeeds = bottomNeeds || !turned
			}
		}
		if !topNeeds && len(top) < 2 {
			top = nil
		}
		if !bottomNeeds && len(bottom) < 2 {
			bottom = nil
		}
		head := l.head.y2
		bandBottom := last.Y + last.H
		if n := len(p.bottoms); n > 0 {
			bandBottom = p.bottoms[n-1]
		}
		l.refCell(p, top, need, head, first.Y, number)
		l.refCell(p, bottom, need, last.Y+last.H, bandBottom, number)
	}
}

// refCell adds to page the cell of the band from y0 to y1 naming where
// the arrows of conns come from or go to, in the order the connectors
// stand, each whole on a line: "A dari kegiatan 14, B ke kegiatan 2".
// Where that does not fit the band, "A dari 14, B ke 2" (the two
// documents of 200 steps, with three letters to a band); where even that
// does not, only the connectors of need (those not across the page's
// turn), in the same two forms.
func (l *layouter) refCell(page *Page, conns []*Connector, need map[*Connector]bool, y0, y1 float64, number func(string) string) {
	if len(conns) == 0 {
		return
	}
	slices.SortFunc(conns, func(a, b *Connector) int { return cmp.Compare(a.X, b.X) })
	needed := slices.DeleteFunc(slices.Clone(conns), func(c *Connector) bool { return !need[c] })
	room := int((y1 - y0 - 2*refPadY + 0.01) / LineHeight(LabelSize))
	var lines []string
	x, w := l.cols[1].X, l.cols[1].W
	for _, set := range [][]*Connector{conns, needed} {
		if len(set) == 0 {
			continue
		}
		for _, word := range []string{" kegiatan ", " "} {
			items := make([]string, 0, len(set))
			for _, c := range set {
				if c.In {
					items = append(items, c.Letter+" dari"+word+number(c.From))
				} else {
					items = append(items, c.Letter+" ke"+word+number(c.To))
				}
			}
			if lines = l.packItems(items, w-2*CellPadX); len(lines) <= room {
				break
			}
		}
		if len(lines) <= room {
			break
		}
	}
	page.Refs = append(page.Refs, Cell{Rect: Rect{X: x, Y: y0, W: round2(w), H: round2(y1 - y0)}, Lines: lines, Size: LabelSize, Align: "middle"})
}

// refPadY is the least room between a band's words and its rules: they
// stand in the band's middle, beside its connectors, and a band is as
// tall as its connectors ask, not as a cell's padding would.
const refPadY = 0.5

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

package render

import (
	"github.com/esop-malang/esop/layout"
)

// Mark highlights the row of one step in SVG output, for comparing two
// versions of an SOP.
type Mark struct {
	Change string // "added", "changed", "removed" or "moved": the colour, and the data-change attribute
	Label  string // shown in the margin beside the row and as its tooltip ("diubah"); may be ""
}

// markColours are the band and edge colours of each kind of change. The
// bands are light enough for black text on them to keep a contrast
// above 7:1.
var markColours = map[string][2]string{
	"added":   {"#dcf5dc", "#2e7d32"},
	"changed": {"#fff0c2", "#9a6700"},
	"removed": {"#fde0dd", "#c62828"},
	"moved":   {"#dde9f8", "#1f5fa8"},
}

// drawMarks draws the highlight bands of the marked rows of a page, under
// the table so that its rules, text and symbols stay on top.
func drawMarks(p *svgPainter, d *layout.Diagram, pg *layout.Page, marks map[string]Mark) {
	if len(marks) == 0 || len(d.Columns) == 0 {
		return
	}
	x0 := d.Columns[0].X
	last := d.Columns[len(d.Columns)-1]
	w := last.X + last.W - x0
	for _, r := range pg.Rows {
		m, ok := marks[r.Step]
		if !ok {
			continue
		}
		c, ok := markColours[m.Change]
		if !ok {
			c = markColours["changed"]
		}
		p.group("mark", "data-change", m.Change, "data-row", r.Step)
		if m.Label != "" {
			p.title(m.Label)
		}
		p.fillRect(layout.Rect{X: x0, Y: r.Y, W: w, H: r.H}, c[0])
		p.fillRect(layout.Rect{X: x0, Y: r.Y, W: 1.2, H: r.H}, c[1])
		if m.Label != "" {
			p.text(text(x0-0.8, r.Y+r.H/2+layout.CapHeight*markSize*layout.PointMM/2, m.Label, markSize, true, "end"))
		}
		p.end()
	}
}

// markSize is the text size of a mark's label in points: small enough
// for "dihapus" or "removed" to fit the 10 mm margin. Marks are drawn
// only on the comparison screen, never printed.
const markSize = 5

// fillRect fills a rectangle without an outline.
func (s *svgPainter) fillRect(r layout.Rect, fill string) {
	buf := appendRect(s.appendIndent(s.scratch[:0]), r)
	buf = append(buf, `" fill="`...)
	buf = append(buf, fill...)
	buf = append(buf, "\" stroke=\"none\"/>\n"...)
	s.emit(buf)
}

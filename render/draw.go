package render

import (
	"fmt"
	"image"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/esop-malang/esop/layout"
)

// cellPad is the inner margin of a table cell in millimetres, on the left
// and at the top; the layout leaves at least this much room.
const cellPad = 1.2

// drawCell draws the wrapped lines of a cell: top-aligned, or centred
// both ways for Align "center".
func drawCell(p painter, c layout.Cell) {
	if len(c.Lines) == 0 {
		return
	}
	lh := lineHeight(c.Size)
	ascent := c.Size * ptToMM * 0.905 // Liberation Sans ascender
	top := c.Y + cellPad
	if c.Align == "center" {
		top = c.Y + (c.H-float64(len(c.Lines))*lh)/2 + (lh-c.Size*ptToMM)/2
	}
	for i, l := range c.Lines {
		if l == "" {
			continue
		}
		y := top + float64(i)*lh + ascent
		switch c.Align {
		case "center":
			p.text(c.X+c.W/2, y, l, c.Size, c.Bold, "middle")
		default:
			p.text(c.X+cellPad, y, l, c.Size, c.Bold, "start")
		}
	}
}

// drawFlowPage draws one flowchart page of d.
func drawFlowPage(p painter, d *layout.Diagram, pg *layout.Page, activities map[string]string) {
	p.group("table")
	for _, r := range pg.Rules {
		p.line(r.A, r.B, ruleWidth)
	}
	for _, c := range pg.Cells {
		drawCell(p, c)
	}
	p.end()
	for _, a := range pg.Arrows {
		drawArrow(p, a)
	}
	for _, s := range pg.Symbols {
		drawSymbol(p, s, activities[s.Step])
	}
	for _, c := range pg.Connectors {
		drawConnector(p, c)
	}
	if d.Total != "" && pg.TotalAt.W > 0 {
		p.group("total")
		p.text(pg.TotalAt.X+cellPad, pg.TotalAt.Y+pg.TotalAt.H/2+layout.BodySize*ptToMM*0.35, d.Total, layout.BodySize, true, "start")
		p.end()
	}
}

func drawSymbol(p painter, s layout.Symbol, activity string) {
	p.group("symbol", "data-step", s.Step, "data-symbol", s.Kind)
	if activity != "" {
		p.title(activity)
	}
	switch s.Kind {
	case layout.Terminator:
		p.capsule(s.Rect, symbolWidth)
	case layout.Decision:
		p.shape(diamondPoints(s.Rect), symbolWidth, false)
	default:
		p.shape(rectPoints(s.Rect), symbolWidth, false)
	}
	p.end()
}

func drawArrow(p painter, a layout.Arrow) {
	if len(a.Points) < 2 {
		return
	}
	p.group("arrow", "data-from", a.From, "data-to", a.To)
	p.polyline(a.Points, arrowWidth)
	n := len(a.Points)
	p.shape(arrowHead(a.Points[n-2], a.Points[n-1]), arrowWidth*0.5, true)
	if a.Label != nil {
		drawLabel(p, a.Label)
	}
	p.end()
}

// drawLabel sets the lines of an exit label centred in its rectangle.
func drawLabel(p painter, l *layout.Label) {
	lines := l.Lines
	if len(lines) == 0 {
		lines = []string{l.Text}
	}
	lh := layout.LineHeight(layout.LabelSize)
	top := l.Y + (l.H-float64(len(lines))*lh)/2
	for i, s := range lines {
		p.text(l.X+l.W/2, top+(float64(i)+0.5)*lh+layout.LabelSize*ptToMM*0.35, s, layout.LabelSize, false, "middle")
	}
}

func drawConnector(p painter, c layout.Connector) {
	dir := "out"
	if c.In {
		dir = "in"
	}
	p.group("connector", "data-symbol", layout.OffPage, "data-label", c.Letter, "data-from", c.From, "data-to", c.To, "data-direction", dir)
	p.shape(pentagonPoints(c.Rect), symbolWidth, false)
	// Centre the capital letter (cap height 0.72 em) in the square body of the pentagon.
	const size = layout.LabelSize + 1
	p.text(c.X+c.W/2, c.Y+c.H*0.31+size*ptToMM*0.36, c.Letter, size, true, "middle")
	p.end()
}

// drawIdentityPage draws one page of the identity section.
func drawIdentityPage(p painter, pg *layout.IdentityPage, logo image.Image) {
	p.group("identity")
	for _, r := range pg.Rules {
		p.line(r.A, r.B, ruleWidth)
	}
	for _, c := range pg.Cells {
		drawCell(p, c)
	}
	if pg.Logo.W > 0 {
		if logo != nil {
			p.image(fitImage(pg.Logo, logo), logo)
		} else {
			drawLogoPlaceholder(p, pg.Logo)
		}
	}
	p.end()
}

// drawLogoPlaceholder draws a neutral shield outline: no government
// emblem ships with e-SOP, and an office uploads its own logo.
func drawLogoPlaceholder(p painter, r layout.Rect) {
	w, h := r.W*0.78, r.H
	x := r.X + (r.W-w)/2
	pts := []layout.Point{{X: x, Y: r.Y}, {X: x + w, Y: r.Y}, {X: x + w, Y: r.Y + h*0.55}, {X: x + w/2, Y: r.Y + h}, {X: x, Y: r.Y + h*0.55}}
	p.group("logo-placeholder")
	p.shape(pts, 0.3, false)
	p.text(r.X+r.W/2, r.Y+h*0.45, "LOGO", 7, true, "middle")
	p.end()
}

// fitImage returns the largest rectangle of the image's aspect ratio centred in r.
func fitImage(r layout.Rect, img image.Image) layout.Rect {
	b := img.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return r
	}
	ar := float64(b.Dx()) / float64(b.Dy())
	w, h := r.W, r.W/ar
	if h > r.H {
		h, w = r.H, r.H*ar
	}
	return layout.Rect{X: r.X + (r.W-w)/2, Y: r.Y + (r.H-h)/2, W: w, H: h}
}

// drawFooter prints "Halaman 2 dari 4" at the bottom right and the SOP's
// number and title at the bottom left.
func drawFooter(p painter, paper layout.Size, margin float64, page, pages int, left string) {
	y := paper.H - margin/2 + 1
	p.group("footer")
	if left != "" {
		p.text(margin, y, left, 6.5, false, "start")
	}
	p.text(paper.W-margin, y, fmt.Sprintf("Halaman %d dari %d", page, pages), 6.5, false, "end")
	p.end()
}

// drawQR draws the QR code of url as vector squares in r, with the
// address under it, so that a printed SOP can be checked with a phone.
func drawQR(p painter, r layout.Rect, url string) {
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return // an address too long for a code: the footer still prints it
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	n := float64(len(bits))
	m := r.W / n
	p.group("qr", "data-url", url)
	for y, row := range bits {
		for x, on := range row {
			if on {
				x0, y0 := r.X+float64(x)*m, r.Y+float64(y)*m
				p.shape([]layout.Point{{X: x0, Y: y0}, {X: x0 + m, Y: y0}, {X: x0 + m, Y: y0 + m}, {X: x0, Y: y0 + m}}, 0, true)
			}
		}
	}
	p.text(r.X+r.W/2, r.Y+r.H+3, "Pindai untuk memeriksa keabsahan", 5.5, false, "middle")
	p.end()
}

// footerText is the left footer: the SOP's number and title, shortened.
func footerText(number, title string) string {
	s := title
	if number != "" {
		s = "SOP " + number + " — " + title
	}
	if r := []rune(s); len(r) > 110 {
		s = string(r[:107]) + "..."
	}
	return strings.TrimSpace(s)
}

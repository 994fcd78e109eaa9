package render

import (
	"cmp"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/esop-malang/esop/layout"
)

// text returns a level line of black text.
func text(x, y float64, s string, size float64, bold bool, anchor string) layout.Text {
	return layout.Text{X: x, Y: y, S: s, Size: size, Bold: bold, Anchor: anchor}
}

// drawCell draws the wrapped lines of a cell: from its top-left corner
// within the padding, or centred both ways for Align "center", or
// centred between its top and bottom for Align "middle".
func drawCell(p painter, c layout.Cell) {
	if len(c.Lines) == 0 {
		return
	}
	lh := layout.LineHeight(c.Size)
	top := c.Y + layout.CellPadY
	if c.Align == "center" || c.Align == "middle" {
		top = c.Y + (c.H-float64(len(c.Lines))*lh)/2
	}
	for i, l := range c.Lines {
		if l == "" {
			continue
		}
		y := layout.Baseline(top, i, c.Size)
		x := c.X + layout.CellPadX
		if rest, ok := strings.CutPrefix(l, layout.HangMark); ok {
			l, x = rest, x+c.Hang // a list item's later line, under its first word
		}
		switch c.Align {
		case "center":
			p.text(text(c.X+c.W/2, y, l, c.Size, c.Bold, "middle"))
		default:
			p.text(text(x, y, l, c.Size, c.Bold, "start"))
		}
	}
}

// drawFlowPage draws one flowchart page of d.
func drawFlowPage(p painter, d *layout.Diagram, pg *layout.Page, activities map[string]string) {
	p.group("table")
	frame := rulesFrame(pg.Rules)
	for _, r := range pg.Rules {
		w := innerWidth
		if onFrame(r, frame) {
			w = ruleWidth
		}
		p.line(r.A, r.B, w)
	}
	for _, c := range pg.Cells {
		drawCell(p, c)
	}
	for _, c := range pg.Refs {
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
		t := pg.TotalAt
		lines := d.TotalLines
		if len(lines) == 0 {
			lines = []string{d.Total}
		}
		top := t.Y + (t.H-float64(len(lines))*layout.LineHeight(d.BodySize))/2
		for j, line := range lines {
			p.text(text(t.X+layout.CellPadX, layout.Baseline(top, j, d.BodySize), line, d.BodySize, true, "start"))
		}
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
	p.polyline(withHops(a.Points, a.Hops), arrowWidth)
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
		p.text(text(l.X+l.W/2, layout.Baseline(top, i, layout.LabelSize), s, layout.LabelSize, false, "middle"))
	}
}

func drawConnector(p painter, c layout.Connector) {
	dir := "out"
	if c.In {
		dir = "in"
	}
	p.group("connector", "data-symbol", layout.OffPage, "data-label", c.Letter, "data-from", c.From, "data-to", c.To, "data-direction", dir)
	p.shape(pentagonPoints(c.Rect, c.Up), symbolWidth, false)
	p.text(text(c.X+c.W/2, connectorLetterMid(c)+layout.CapHeight*connectorLetterSize*layout.PointMM/2, c.Letter, connectorLetterSize, true, "middle"))
	p.end()
}

// connectorLetterSize is the size of an off-page connector's letter.
const connectorLetterSize = layout.LabelSize + 1

// connectorLetterMid returns the y of the middle of connector c's capital
// letter: the pentagon's centroid, a little below the middle of its
// square body (pentagonBody), so that the head of an arrow entering its
// top stands clear of the letter. Set in the middle of the body, the
// letter's top stood 0.5 mm under that head's tip ("about 1 pt", a
// reviewer of session 29, every print); at the centroid 1.0 mm, its foot
// still in the body.
func connectorLetterMid(c layout.Connector) float64 {
	// The body's area and middle, the point's (a triangle) and its
	// centroid, from the flat side.
	bodyA, bodyMid := pentagonBody, pentagonBody/2
	pointA, pointMid := (1-pentagonBody)/2, pentagonBody+(1-pentagonBody)/3
	at := (bodyA*bodyMid + pointA*pointMid) / (bodyA + pointA) * c.H
	if c.Up {
		return c.Y + c.H - at
	}
	return c.Y + at
}

// withHops returns the polyline pts with a half circle of
// layout.HopRadius over each point of hops that lies inside one of its
// horizontal runs, where the arrow crosses another (layout.Arrow.Hops).
func withHops(pts, hops []layout.Point) []layout.Point {
	if len(hops) == 0 {
		return pts
	}
	const steps = 8
	r := layout.HopRadius
	out := make([]layout.Point, 0, len(pts)+len(hops)*(steps+1))
	for i, q := range pts {
		out = append(out, q)
		if i+1 == len(pts) || q.Y != pts[i+1].Y {
			continue
		}
		next := pts[i+1]
		dir := 1.0
		if next.X < q.X {
			dir = -1
		}
		var on []layout.Point
		for _, h := range hops {
			if h.Y == q.Y && (h.X-q.X)*dir > r && (next.X-h.X)*dir > r {
				on = append(on, h)
			}
		}
		slices.SortFunc(on, func(a, b layout.Point) int { return cmp.Compare(a.X*dir, b.X*dir) })
		for _, h := range on {
			for k := 0; k <= steps; k++ {
				t := math.Pi * float64(k) / steps
				out = append(out, layout.Point{X: h.X - dir*r*math.Cos(t), Y: h.Y - r*math.Sin(t)})
			}
		}
	}
	return out
}

// rulesFrame returns the rectangle the rules of a table span.
func rulesFrame(rules []layout.Line) layout.Rect {
	if len(rules) == 0 {
		return layout.Rect{}
	}
	x0, y0 := math.Inf(1), math.Inf(1)
	x1, y1 := math.Inf(-1), math.Inf(-1)
	for _, r := range rules {
		x0, x1 = min(x0, r.A.X, r.B.X), max(x1, r.A.X, r.B.X)
		y0, y1 = min(y0, r.A.Y, r.B.Y), max(y1, r.A.Y, r.B.Y)
	}
	return layout.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// onFrame reports whether rule r lies on a side of frame: the table's
// border keeps the weight of every table's rules, its inner rules are
// drawn at half an arrow's, so that an arrow running beside one (2–2.5
// mm off it in a narrow column's channel) does not read as a doubled rule
// (the reviewers of session 11: arrows 0.85 pt and rules 0.71 pt looked
// alike).
func onFrame(r layout.Line, frame layout.Rect) bool {
	const tol = 0.01
	on := func(a, b float64) bool { return math.Abs(a-b) < tol }
	switch {
	case on(r.A.X, r.B.X):
		return on(r.A.X, frame.X) || on(r.A.X, frame.X+frame.W)
	case on(r.A.Y, r.B.Y):
		return on(r.A.Y, frame.Y) || on(r.A.Y, frame.Y+frame.H)
	}
	return false
}

// drawIdentityPage draws one page of the identity section, the logo
// fitted into its room when there is one.
func drawIdentityPage(p painter, pg *layout.IdentityPage, logo image.Image) {
	p.group("identity")
	for _, r := range pg.Rules {
		p.line(r.A, r.B, ruleWidth)
	}
	for _, c := range pg.Cells {
		drawCell(p, c)
	}
	if pg.Logo.W > 0 && logo != nil {
		p.image(FitImage(pg.Logo, logo), logo)
	}
	p.end()
}

// FitImage returns the largest rectangle of the image's aspect ratio
// centred in r: the logo scaled to fit its room, never out of it.
func FitImage(r layout.Rect, img image.Image) layout.Rect {
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

// drawStamp draws the KONSEP mark of a draft across the page, light,
// under everything drawn after it.
func drawStamp(p painter, f *layout.Frame) {
	if f.Draft == nil {
		return
	}
	p.group("draft")
	p.text(f.Draft.Mark)
	p.end()
}

// drawFooter prints "Halaman 2 dari 4" ending at the right margin, the
// SOP's number and title (shortened to fit) at the left, and between
// them, on a draft, "KONSEP — belum disahkan".
func drawFooter(p painter, f *layout.Frame, m layout.Measurer, page, pages int, left string) {
	p.group("footer")
	if left != "" {
		p.text(text(f.Margin, f.FooterY, layout.FitLine(m, left, layout.FooterSize, false, f.FooterLeftWidth(m)), layout.FooterSize, false, "start"))
	}
	if f.Draft != nil {
		p.text(f.Draft.Label)
	}
	p.text(text(f.Paper.W-f.Margin, f.FooterY, fmt.Sprintf("Halaman %d dari %d", page, pages), layout.FooterSize, false, "end"))
	p.end()
}

// drawQR draws the QR code of url as vector squares in r, so that a
// printed SOP can be checked with a phone; the layout prints its
// caption under it.
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
	p.end()
}

// footerText is the left footer: the SOP's number and title, as the
// print sets them (layout.PrintText).
func footerText(number, title string) string {
	s := title
	if number != "" {
		s = "SOP " + number + " — " + title
	}
	return strings.TrimSpace(layout.PrintText(s))
}

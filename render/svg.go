package render

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"image"
	"image/png"
	"io"
	"strconv"

	"github.com/esop-malang/esop/layout"
)

// svgPainter writes SVG elements in millimetre user units.
type svgPainter struct {
	b     *bytes.Buffer
	depth int
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// coord rounds to 0.01 mm, enough for print and stable in golden files.
func coord(v float64) string {
	return strconv.FormatFloat(float64(int64(v*100+sign(v)*0.5))/100, 'f', -1, 64)
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func (s *svgPainter) indent() {
	for range s.depth + 1 {
		s.b.WriteString("  ")
	}
}

func (s *svgPainter) group(class string, attrs ...string) {
	s.indent()
	fmt.Fprintf(s.b, `<g class="%s"`, class)
	for i := 0; i+1 < len(attrs); i += 2 {
		fmt.Fprintf(s.b, ` %s="%s"`, attrs[i], html.EscapeString(attrs[i+1]))
	}
	s.b.WriteString(">\n")
	s.depth++
}

func (s *svgPainter) end() {
	s.depth--
	s.indent()
	s.b.WriteString("</g>\n")
}

func (s *svgPainter) title(t string) {
	s.indent()
	fmt.Fprintf(s.b, "<title>%s</title>\n", html.EscapeString(t))
}

func (s *svgPainter) line(a, b layout.Point, w float64) {
	s.indent()
	fmt.Fprintf(s.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000" stroke-width="%s"/>`+"\n", coord(a.X), coord(a.Y), coord(b.X), coord(b.Y), num(w))
}

func (s *svgPainter) points(pts []layout.Point) string {
	var b bytes.Buffer
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(coord(p.X) + "," + coord(p.Y))
	}
	return b.String()
}

func (s *svgPainter) polyline(pts []layout.Point, w float64) {
	s.indent()
	fmt.Fprintf(s.b, `<polyline points="%s" fill="none" stroke="#000" stroke-width="%s"/>`+"\n", s.points(pts), num(w))
}

func (s *svgPainter) shape(pts []layout.Point, w float64, filled bool) {
	s.indent()
	fill := "#fff"
	if filled {
		fill = "#000"
	}
	fmt.Fprintf(s.b, `<polygon points="%s" fill="%s" stroke="#000" stroke-width="%s"/>`+"\n", s.points(pts), fill, num(w))
}

func (s *svgPainter) capsule(r layout.Rect, w float64) {
	s.indent()
	fmt.Fprintf(s.b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="#fff" stroke="#000" stroke-width="%s"/>`+"\n",
		coord(r.X), coord(r.Y), coord(r.W), coord(r.H), coord(r.H/2), num(w))
}

func (s *svgPainter) text(x, y float64, t string, size float64, bold bool, anchor string) {
	s.indent()
	weight := ""
	if bold {
		weight = ` font-weight="bold"`
	}
	a := ""
	if anchor != "start" {
		a = ` text-anchor="` + anchor + `"`
	}
	fmt.Fprintf(s.b, `<text x="%s" y="%s" font-size="%s"%s%s>%s</text>`+"\n", coord(x), coord(y), coord(size*ptToMM), weight, a, html.EscapeString(t))
}

func (s *svgPainter) image(r layout.Rect, img image.Image) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return
	}
	s.indent()
	fmt.Fprintf(s.b, `<image x="%s" y="%s" width="%s" height="%s" href="data:image/png;base64,%s"/>`+"\n",
		coord(r.X), coord(r.Y), coord(r.W), coord(r.H), base64.StdEncoding.EncodeToString(b.Bytes()))
}

// svgOpen starts an SVG document of the given size. Styling is done with
// presentation attributes only, no <style> element and no style
// attributes, so that the SVG can be inlined in a page whose Content
// Security Policy forbids inline styles. The font is named, not embedded:
// the web application serves it.
func svgOpen(b *bytes.Buffer, w, h float64, title string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s" role="img" aria-label="%s" font-family="%s" fill="#000">`+"\n",
		num(w), num(h), num(w), num(h), html.EscapeString(title), html.EscapeString(FontFamily))
	fmt.Fprintf(b, "  <title>%s</title>\n", html.EscapeString(title))
	fmt.Fprintf(b, `  <rect class="paper" width="%s" height="%s" fill="#fff" stroke="none"/>`+"\n", num(w), num(h))
}

// writeFlowSVG writes flowchart page n (1-based) of the diagram, or all
// pages stacked one under the other when n is 0.
func writeFlowSVG(w io.Writer, d *layout.Diagram, n int, title string, activities map[string]string) error {
	if n < 0 || n > len(d.Pages) {
		return pageError(n, len(d.Pages))
	}
	pages := d.Pages
	if n > 0 {
		pages = d.Pages[n-1 : n]
	}
	var b bytes.Buffer
	const gap = 6.0
	h := float64(len(pages))*d.Paper.H + float64(len(pages)-1)*gap
	svgOpen(&b, d.Paper.W, h, title)
	for i := range pages {
		pg := &pages[i]
		fmt.Fprintf(&b, `  <g class="page" data-page="%d" transform="translate(0 %s)">`+"\n", pg.Number, coord(float64(i)*(d.Paper.H+gap)))
		if i > 0 {
			fmt.Fprintf(&b, `    <rect class="paper" width="%s" height="%s" fill="#fff" stroke="#bbb" stroke-width="0.2"/>`+"\n", num(d.Paper.W), num(d.Paper.H))
		}
		p := &svgPainter{b: &b, depth: 1}
		drawFlowPage(p, d, pg, activities)
		b.WriteString("  </g>\n")
	}
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

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
	"strings"

	"github.com/esop-malang/esop/layout"
)

// svgPainter writes SVG elements in millimetre user units.
type svgPainter struct {
	b       *bytes.Buffer
	depth   int
	scratch []byte // reused for building elements
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// coord rounds to 0.01 mm, enough for print and stable in golden files,
// and writes it as briefly as it goes (12, 12.5, 12.25).
func coord(v float64) string { return string(appendCoord(nil, v)) }

// appendCoord appends coord(v) to b without going through a float
// formatter: SVG output is mostly numbers, and this is its hot path.
func appendCoord(b []byte, v float64) []byte {
	n := int64(v*100 + sign(v)*0.5)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	switch f := n % 100; {
	case f == 0:
	case f%10 == 0:
		b = append(b, '.', byte('0'+f/10))
	default:
		b = append(b, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return b
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
	s.b.WriteString(`<g class="`)
	s.b.WriteString(class)
	s.b.WriteByte('"')
	for i := 0; i+1 < len(attrs); i += 2 {
		s.b.WriteByte(' ')
		s.b.WriteString(attrs[i])
		s.b.WriteString(`="`)
		s.b.WriteString(html.EscapeString(attrs[i+1]))
		s.b.WriteByte('"')
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
	s.b.WriteString("<title>")
	s.b.WriteString(html.EscapeString(t))
	s.b.WriteString("</title>\n")
}

func (s *svgPainter) line(a, b layout.Point, w float64) {
	s.indent()
	buf := s.scratch[:0]
	buf = append(buf, `<line x1="`...)
	buf = appendCoord(buf, a.X)
	buf = append(buf, `" y1="`...)
	buf = appendCoord(buf, a.Y)
	buf = append(buf, `" x2="`...)
	buf = appendCoord(buf, b.X)
	buf = append(buf, `" y2="`...)
	buf = appendCoord(buf, b.Y)
	buf = append(buf, `" stroke="#000" stroke-width="`...)
	buf = strconv.AppendFloat(buf, w, 'f', -1, 64)
	buf = append(buf, "\"/>\n"...)
	s.b.Write(buf)
	s.scratch = buf
}

func (s *svgPainter) polyline(pts []layout.Point, w float64) {
	s.poly("polyline", pts, "none", w)
}

func (s *svgPainter) shape(pts []layout.Point, w float64, filled bool) {
	fill := "#fff"
	if filled {
		fill = "#000"
	}
	s.poly("polygon", pts, fill, w)
}

// poly writes a polyline or polygon element.
func (s *svgPainter) poly(elem string, pts []layout.Point, fill string, w float64) {
	s.indent()
	buf := append(s.scratch[:0], '<')
	buf = append(buf, elem...)
	buf = append(buf, ` points="`...)
	for i, p := range pts {
		if i > 0 {
			buf = append(buf, ' ')
		}
		buf = appendCoord(buf, p.X)
		buf = append(buf, ',')
		buf = appendCoord(buf, p.Y)
	}
	buf = append(buf, `" fill="`...)
	buf = append(buf, fill...)
	buf = append(buf, `" stroke="#000" stroke-width="`...)
	buf = strconv.AppendFloat(buf, w, 'f', -1, 64)
	buf = append(buf, "\"/>\n"...)
	s.b.Write(buf)
	s.scratch = buf
}

func (s *svgPainter) capsule(r layout.Rect, w float64) {
	s.indent()
	fmt.Fprintf(s.b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="#fff" stroke="#000" stroke-width="%s"/>`+"\n",
		coord(r.X), coord(r.Y), coord(r.W), coord(r.H), coord(r.H/2), num(w))
}

func (s *svgPainter) text(t layout.Text) {
	s.indent()
	buf := s.scratch[:0]
	buf = append(buf, `<text x="`...)
	buf = appendCoord(buf, t.X)
	buf = append(buf, `" y="`...)
	buf = appendCoord(buf, t.Y)
	buf = append(buf, `" font-size="`...)
	buf = appendCoord(buf, t.Size*layout.PointMM)
	buf = append(buf, '"')
	if t.Bold {
		buf = append(buf, ` font-weight="bold"`...)
	}
	if t.Anchor != "start" && t.Anchor != "" {
		buf = append(buf, ` text-anchor="`...)
		buf = append(buf, t.Anchor...)
		buf = append(buf, '"')
	}
	if t.Light {
		buf = append(buf, ` fill="#c8c8c8"`...)
	}
	if t.Angle != 0 {
		// SVG turns clockwise on the page for a positive angle.
		buf = append(buf, ` transform="rotate(`...)
		buf = appendCoord(buf, -t.Angle)
		buf = append(buf, ' ')
		buf = appendCoord(buf, t.X)
		buf = append(buf, ' ')
		buf = appendCoord(buf, t.Y)
		buf = append(buf, `)"`...)
	}
	buf = append(buf, '>')
	str := t.S
	if strings.ContainsAny(str, `<>&'"`) {
		str = html.EscapeString(str)
	}
	buf = append(buf, str...)
	buf = append(buf, "</text>\n"...)
	s.b.Write(buf)
	s.scratch = buf
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
// pages stacked one under the other when n is 0, the rows of marks
// highlighted.
func writeFlowSVG(w io.Writer, d *layout.Diagram, n int, title string, activities map[string]string, marks map[string]Mark) error {
	if n < 0 || n > len(d.Pages) {
		return pageError(n, len(d.Pages))
	}
	pages := d.Pages
	if n > 0 {
		pages = d.Pages[n-1 : n]
	}
	var b bytes.Buffer
	b.Grow(20 << 10 * len(pages)) // a page takes 10 to 20 KB; growing the buffer as it fills costs more
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
		drawMarks(p, d, pg, marks)
		drawFlowPage(p, d, pg, activities)
		b.WriteString("  </g>\n")
	}
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

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
	b       *bytes.Buffer
	depth   int
	scratch []byte // reused for building elements
	// The last stroke width written and its digits: a page draws its
	// lines in two or three widths, and the shortest form of a float
	// costs more than the rest of the element.
	widthOf  float64
	widthStr []byte
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
	// The whole millimetres, most under 1000 (a page is 330 mm at most),
	// digit by digit: strconv's general path costs more than the rest.
	switch ip := n / 100; {
	case ip < 10:
		b = append(b, byte('0'+ip))
	case ip < 100:
		b = append(b, byte('0'+ip/10), byte('0'+ip%10))
	case ip < 1000:
		b = append(b, byte('0'+ip/100), byte('0'+ip/10%10), byte('0'+ip%10))
	default:
		b = strconv.AppendInt(b, ip, 10)
	}
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

func (s *svgPainter) indent() { s.emit(s.appendIndent(s.scratch[:0])) }

// emit writes buf, an element built in s.scratch, and keeps its memory
// as the scratch for the next.
func (s *svgPainter) emit(buf []byte) {
	s.b.Write(buf)
	s.scratch = buf
}

// indentSpaces is the indent of the deepest element that is written
// with one copy; deeper ones (none the writers make) take more.
const indentSpaces = "                "

// appendIndent appends the indent of an element at s.depth to b.
func (s *svgPainter) appendIndent(b []byte) []byte {
	n := 2 * (s.depth + 1)
	for n > len(indentSpaces) {
		b = append(b, indentSpaces...)
		n -= len(indentSpaces)
	}
	return append(b, indentSpaces[:n]...)
}

// appendWidth appends the stroke width w as strconv writes it, shortest.
func (s *svgPainter) appendWidth(b []byte, w float64) []byte {
	if s.widthStr == nil || w != s.widthOf {
		s.widthOf, s.widthStr = w, strconv.AppendFloat(s.widthStr[:0], w, 'f', -1, 64)
	}
	return append(b, s.widthStr...)
}

// escaped returns str as html.EscapeString writes it, without its
// replacer's cost where nothing is to escape (nearly every string here).
func escaped(str string) string {
	if needsEscape(str) {
		return html.EscapeString(str)
	}
	return str
}

// needsEscape reports whether str holds a character that SVG text must
// escape (html.EscapeString's five).
func needsEscape(str string) bool {
	for i := 0; i < len(str); i++ {
		switch str[i] {
		case '<', '>', '&', '\'', '"':
			return true
		}
	}
	return false
}

func (s *svgPainter) group(class string, attrs ...string) {
	buf := s.appendIndent(s.scratch[:0])
	buf = append(buf, `<g class="`...)
	buf = append(buf, class...)
	buf = append(buf, '"')
	for i := 0; i+1 < len(attrs); i += 2 {
		buf = append(buf, ' ')
		buf = append(buf, attrs[i]...)
		buf = append(buf, `="`...)
		buf = append(buf, escaped(attrs[i+1])...)
		buf = append(buf, '"')
	}
	buf = append(buf, ">\n"...)
	s.emit(buf)
	s.depth++
}

func (s *svgPainter) end() {
	s.depth--
	buf := append(s.appendIndent(s.scratch[:0]), "</g>\n"...)
	s.emit(buf)
}

func (s *svgPainter) title(t string) {
	buf := append(s.appendIndent(s.scratch[:0]), "<title>"...)
	buf = append(buf, escaped(t)...)
	buf = append(buf, "</title>\n"...)
	s.emit(buf)
}

func (s *svgPainter) line(a, b layout.Point, w float64) {
	buf := s.appendIndent(s.scratch[:0])
	buf = append(buf, `<line x1="`...)
	buf = appendCoord(buf, a.X)
	buf = append(buf, `" y1="`...)
	buf = appendCoord(buf, a.Y)
	buf = append(buf, `" x2="`...)
	buf = appendCoord(buf, b.X)
	buf = append(buf, `" y2="`...)
	buf = appendCoord(buf, b.Y)
	buf = append(buf, `" stroke="#000" stroke-width="`...)
	buf = s.appendWidth(buf, w)
	buf = append(buf, "\"/>\n"...)
	s.emit(buf)
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
	buf := append(s.appendIndent(s.scratch[:0]), '<')
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
	buf = s.appendWidth(buf, w)
	buf = append(buf, "\"/>\n"...)
	s.emit(buf)
}

// appendRect appends a rect element's start and place, up to its height's
// closing quote, to b.
func appendRect(b []byte, r layout.Rect) []byte {
	b = append(b, `<rect x="`...)
	b = appendCoord(b, r.X)
	b = append(b, `" y="`...)
	b = appendCoord(b, r.Y)
	b = append(b, `" width="`...)
	b = appendCoord(b, r.W)
	b = append(b, `" height="`...)
	return appendCoord(b, r.H)
}

func (s *svgPainter) capsule(r layout.Rect, w float64) {
	buf := appendRect(s.appendIndent(s.scratch[:0]), r)
	buf = append(buf, `" rx="`...)
	buf = appendCoord(buf, r.H/2)
	buf = append(buf, `" fill="#fff" stroke="#000" stroke-width="`...)
	buf = s.appendWidth(buf, w)
	buf = append(buf, "\"/>\n"...)
	s.emit(buf)
}

func (s *svgPainter) text(t layout.Text) {
	buf := s.appendIndent(s.scratch[:0])
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
	str := escaped(t.S)
	buf = append(buf, str...)
	buf = append(buf, "</text>\n"...)
	s.emit(buf)
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

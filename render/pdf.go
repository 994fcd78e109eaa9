package render

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/esop-malang/esop/layout"
)

// A small PDF writer for what the pages draw: lines, filled and stroked
// polygons and curves, text in the two embedded fonts (as glyph ids, the
// fonts subset and embedded as CID-keyed TrueType with a ToUnicode map so
// that text can be searched and copied), and images (the logo). It writes
// PDF 1.7 with compressed streams and a cross-reference table.

// mmPt converts millimetres to PDF points.
const mmPt = 72 / 25.4

// pdfDoc is a PDF being written.
type pdfDoc struct {
	w       io.Writer
	buf     bytes.Buffer
	offsets []int // of each object, by number - 1
	pages   []int // page object numbers
	fonts   [2]*pdfFont
	images  map[image.Image]int
	info    [5]string // title, subject, keywords, author, creator
	lang    string
	zw      *zlib.Writer
	zbuf    bytes.Buffer
}

// Object numbers reserved for the document's catalogue, page tree and
// information dictionary.
const (
	objCatalog = 1
	objPages   = 2
	objInfo    = 3
)

// pdfFont is one embedded font and the glyphs its text used.
type pdfFont struct {
	face *face
	name string // resource name, F1 or F2
	obj  int    // object number of the Type0 font
	used map[uint16]rune
}

func newPDF(w io.Writer, fc *fonts) *pdfDoc {
	d := &pdfDoc{w: w, images: map[image.Image]int{}, offsets: make([]int, 3)}
	d.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	d.fonts = [2]*pdfFont{{face: fc.regular, name: "F1", used: map[uint16]rune{}}, {face: fc.bold, name: "F2", used: map[uint16]rune{}}}
	return d
}

// newObject starts object n (0: a new number) and returns its number.
func (d *pdfDoc) newObject(n int) int {
	if n == 0 {
		d.offsets = append(d.offsets, 0)
		n = len(d.offsets)
	}
	d.offsets[n-1] = d.buf.Len()
	fmt.Fprintf(&d.buf, "%d 0 obj\n", n)
	return n
}

func (d *pdfDoc) endObject() { d.buf.WriteString("\nendobj\n") }

// reserve returns a new object number to be written later.
func (d *pdfDoc) reserve() int {
	d.offsets = append(d.offsets, 0)
	return len(d.offsets)
}

// stream writes a stream object with the given dictionary entries,
// compressed.
func (d *pdfDoc) stream(n int, dict string, data []byte) int {
	d.zbuf.Reset()
	if d.zw == nil {
		d.zw, _ = zlib.NewWriterLevel(&d.zbuf, zlib.BestSpeed)
	} else {
		d.zw.Reset(&d.zbuf)
	}
	d.zw.Write(data)
	d.zw.Close()
	n = d.newObject(n)
	fmt.Fprintf(&d.buf, "<< %s /Filter /FlateDecode /Length %d >>\nstream\n", dict, d.zbuf.Len())
	d.buf.Write(d.zbuf.Bytes())
	d.buf.WriteString("\nendstream")
	d.endObject()
	return n
}

// addPage writes a page of w × h millimetres drawn by p.
func (d *pdfDoc) addPage(w, h float64, p *pdfPainter) {
	content := d.stream(0, "", p.b.Bytes())
	var res strings.Builder
	res.WriteString("/Resources << /ProcSet [/PDF /Text /ImageB /ImageC]")
	if p.fonts[0] || p.fonts[1] {
		res.WriteString(" /Font <<")
		for i, f := range d.fonts {
			if p.fonts[i] {
				if f.obj == 0 {
					f.obj = d.reserve()
				}
				fmt.Fprintf(&res, " /%s %d 0 R", f.name, f.obj)
			}
		}
		res.WriteString(" >>")
	}
	if len(p.images) > 0 {
		res.WriteString(" /XObject <<")
		for _, im := range p.images {
			fmt.Fprintf(&res, " /Im%d %d 0 R", im, im)
		}
		res.WriteString(" >>")
	}
	res.WriteString(" >>")
	n := d.newObject(0)
	fmt.Fprintf(&d.buf, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s] %s /Contents %d 0 R >>",
		objPages, pdfNum(w*mmPt), pdfNum(h*mmPt), res.String(), content)
	d.endObject()
	d.pages = append(d.pages, n)
}

// image returns the object number of img, written once per document:
// its colours, and its transparency as a soft mask.
func (d *pdfDoc) image(img image.Image) int {
	if n, ok := d.images[img]; ok {
		return n
	}
	b := img.Bounds()
	rgb := make([]byte, 0, 3*b.Dx()*b.Dy())
	alpha := make([]byte, 0, b.Dx()*b.Dy())
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a < 0xffff {
				opaque = false
			}
			if a > 0 { // un-premultiply
				r, g, bl = r*0xffff/a, g*0xffff/a, bl*0xffff/a
			}
			rgb = append(rgb, byte(r>>8), byte(g>>8), byte(bl>>8))
			alpha = append(alpha, byte(a>>8))
		}
	}
	smask := ""
	if !opaque {
		m := d.stream(0, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8", b.Dx(), b.Dy()), alpha)
		smask = fmt.Sprintf(" /SMask %d 0 R", m)
	}
	n := d.stream(0, fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8%s", b.Dx(), b.Dy(), smask), rgb)
	d.images[img] = n
	return n
}

// close writes the fonts, the page tree, the catalogue, the information
// dictionary and the cross-reference table, and the whole document to w.
func (d *pdfDoc) close() error {
	for _, f := range d.fonts {
		if f.obj != 0 {
			d.writeFont(f)
		}
	}
	d.newObject(objPages)
	d.buf.WriteString("<< /Type /Pages /Kids [")
	for i, p := range d.pages {
		if i > 0 {
			d.buf.WriteByte(' ')
		}
		fmt.Fprintf(&d.buf, "%d 0 R", p)
	}
	fmt.Fprintf(&d.buf, "] /Count %d >>", len(d.pages))
	d.endObject()
	d.newObject(objCatalog)
	fmt.Fprintf(&d.buf, "<< /Type /Catalog /Pages %d 0 R", objPages)
	if d.lang != "" {
		fmt.Fprintf(&d.buf, " /Lang %s", pdfText(d.lang))
	}
	d.buf.WriteString(" >>")
	d.endObject()
	d.newObject(objInfo)
	d.buf.WriteString("<<")
	for i, k := range []string{"Title", "Subject", "Keywords", "Author", "Creator"} {
		if d.info[i] != "" {
			fmt.Fprintf(&d.buf, " /%s %s", k, pdfText(d.info[i]))
		}
	}
	d.buf.WriteString(" /Producer (e-SOP) >>")
	d.endObject()
	xref := d.buf.Len()
	fmt.Fprintf(&d.buf, "xref\n0 %d\n0000000000 65535 f \n", len(d.offsets)+1)
	for _, off := range d.offsets {
		fmt.Fprintf(&d.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&d.buf, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(d.offsets)+1, objCatalog, objInfo, xref)
	_, err := d.w.Write(d.buf.Bytes())
	return err
}

// writeFont writes a font as a Type0 font over a CIDFontType2 of its
// subset, with the widths and the ToUnicode map of its glyphs.
func (d *pdfDoc) writeFont(f *pdfFont) {
	fc := f.face
	gids := make([]uint16, 0, len(f.used))
	for g := range f.used {
		gids = append(gids, g)
	}
	slices.Sort(gids)
	used := make(map[uint16]bool, len(gids))
	for _, g := range gids {
		used[g] = true
	}
	prog := fc.subset(used)
	file := d.stream(0, fmt.Sprintf("/Length1 %d", len(prog)), prog)
	base := subsetTag(gids) + "+" + fc.name
	k := 1000 / fc.upem
	desc := d.newObject(0)
	fmt.Fprintf(&d.buf, "<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [%s %s %s %s] /ItalicAngle 0 /Ascent %s /Descent %s /CapHeight %s /StemV 80 /FontFile2 %d 0 R >>",
		base, pdfNum(fc.bbox[0]*k), pdfNum(fc.bbox[1]*k), pdfNum(fc.bbox[2]*k), pdfNum(fc.bbox[3]*k),
		pdfNum(fc.ascent*k), pdfNum(fc.descent*k), pdfNum(fc.capHeight*k), file)
	d.endObject()
	var w strings.Builder
	for _, g := range gids {
		fmt.Fprintf(&w, "%d [%s] ", g, pdfNum(fc.glyph(f.used[g]).advance*1000))
	}
	cid := d.newObject(0)
	fmt.Fprintf(&d.buf, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 0 /W [%s] /CIDToGIDMap /Identity >>",
		base, desc, w.String())
	d.endObject()
	toUnicode := d.stream(0, "", toUnicodeCMap(gids, f.used))
	d.newObject(f.obj)
	fmt.Fprintf(&d.buf, "<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
		base, cid, toUnicode)
	d.endObject()
}

// subsetTag returns the six capital letters that name a font subset,
// from the glyphs it holds.
func subsetTag(gids []uint16) string {
	h := uint32(2166136261)
	for _, g := range gids {
		h = (h ^ uint32(g)) * 16777619
	}
	var b [6]byte
	for i := range b {
		b[i] = 'A' + byte(h%26)
		h /= 26
	}
	return string(b[:])
}

// toUnicodeCMap maps each glyph to the character it was written for.
func toUnicodeCMap(gids []uint16, used map[uint16]rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(gids); i += 100 {
		chunk := gids[i:min(i+100, len(gids))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&b, "<%04X> <", g)
			r := used[g]
			if g == 0 {
				// .notdef, drawn for every character the font lacks: the
				// replacement character, not the first of them.
				r = unicode.ReplacementChar
			}
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// pdfText returns s as a PDF text string: UTF-16 with its byte order mark.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfNum writes a number briefly, to 0.001.
func pdfNum(v float64) string {
	if math.Abs(v) < 0.0005 {
		return "0"
	}
	return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
}

// pdfPainter draws one page as a PDF content stream. Coordinates are
// millimetres from the top-left corner; the stream's are points from
// the bottom-left.
type pdfPainter struct {
	d      *pdfDoc
	h      float64 // the page's height in millimetres
	b      bytes.Buffer
	fonts  [2]bool // the fonts the page uses
	images []int
	num    []byte
}

func newPDFPainter(d *pdfDoc, h float64) *pdfPainter {
	p := &pdfPainter{d: d, h: h}
	p.b.WriteString("0 J 0 j 10 M\n")
	return p
}

func (p *pdfPainter) group(string, ...string) {}
func (p *pdfPainter) end()                    {}
func (p *pdfPainter) title(string)            {}

// xy writes a point in the stream's coordinates.
func (p *pdfPainter) xy(pt layout.Point) {
	p.n(pt.X * mmPt)
	p.n((p.h - pt.Y) * mmPt)
}

// n writes a number and a space.
func (p *pdfPainter) n(v float64) {
	p.num = strconv.AppendFloat(p.num[:0], math.Round(v*100)/100, 'f', -1, 64)
	p.b.Write(p.num)
	p.b.WriteByte(' ')
}

func (p *pdfPainter) path(pts []layout.Point) {
	for i, pt := range pts {
		p.xy(pt)
		if i == 0 {
			p.b.WriteString("m ")
		} else {
			p.b.WriteString("l ")
		}
	}
}

func (p *pdfPainter) line(a, b layout.Point, w float64) {
	p.polyline([]layout.Point{a, b}, w)
}

func (p *pdfPainter) polyline(pts []layout.Point, w float64) {
	p.n(w * mmPt)
	p.b.WriteString("w 0 G ")
	p.path(pts)
	p.b.WriteString("S\n")
}

// shape fills a polygon white (black when filled) and strokes it, unless w is 0.
func (p *pdfPainter) shape(pts []layout.Point, w float64, filled bool) {
	fill := "1 g "
	if filled {
		fill = "0 g "
	}
	p.b.WriteString(fill)
	if w > 0 {
		p.n(w * mmPt)
		p.b.WriteString("w 0 G ")
	}
	p.path(pts)
	if w > 0 {
		p.b.WriteString("h B\n")
	} else {
		p.b.WriteString("h f\n")
	}
}

// capsule fills white and strokes a rectangle whose ends are half circles.
func (p *pdfPainter) capsule(r layout.Rect, w float64) {
	const k = 0.5523 // Bézier handle of a quarter circle
	rad := min(r.H, r.W) / 2
	x0, x1, y0, y1 := r.X, r.X+r.W, r.Y, r.Y+r.H
	p.b.WriteString("1 g ")
	p.n(w * mmPt)
	p.b.WriteString("w 0 G ")
	curve := func(c1, c2, to layout.Point) {
		p.xy(c1)
		p.xy(c2)
		p.xy(to)
		p.b.WriteString("c ")
	}
	p.xy(layout.Point{X: x0 + rad, Y: y0})
	p.b.WriteString("m ")
	p.xy(layout.Point{X: x1 - rad, Y: y0})
	p.b.WriteString("l ")
	curve(layout.Point{X: x1 - rad + k*rad, Y: y0}, layout.Point{X: x1, Y: y0 + rad - k*rad}, layout.Point{X: x1, Y: y0 + rad})
	curve(layout.Point{X: x1, Y: y1 - rad + k*rad}, layout.Point{X: x1 - rad + k*rad, Y: y1}, layout.Point{X: x1 - rad, Y: y1})
	p.xy(layout.Point{X: x0 + rad, Y: y1})
	p.b.WriteString("l ")
	curve(layout.Point{X: x0 + rad - k*rad, Y: y1}, layout.Point{X: x0, Y: y1 - rad + k*rad}, layout.Point{X: x0, Y: y1 - rad})
	curve(layout.Point{X: x0, Y: y0 + rad - k*rad}, layout.Point{X: x0 + rad - k*rad, Y: y0}, layout.Point{X: x0 + rad, Y: y0})
	p.b.WriteString("h B\n")
}

// text writes a line of text as the glyphs of its font, placed by the
// same advances that measured it.
func (p *pdfPainter) text(t layout.Text) {
	fi := 0
	if t.Bold {
		fi = 1
	}
	f := p.d.fonts[fi]
	p.fonts[fi] = true
	w := f.face.ems(t.S) * t.Size * layout.PointMM
	dx := 0.0
	switch t.Anchor {
	case "middle":
		dx = -w / 2
	case "end":
		dx = -w
	}
	a := t.Angle * math.Pi / 180
	cos, sin := math.Cos(a), math.Sin(a)
	// The start of the line, moved along the turned baseline.
	x, y := t.X+dx*cos, t.Y-dx*sin
	grey := "0 g"
	if t.Light {
		grey = "0.784 g"
	}
	fmt.Fprintf(&p.b, "BT %s /%s %s Tf ", grey, f.name, pdfNum(t.Size))
	p.n(cos)
	p.n(sin)
	p.n(-sin)
	p.n(cos)
	p.n(x * mmPt)
	p.n((p.h - y) * mmPt)
	p.b.WriteString("Tm <")
	for _, r := range t.S {
		g := f.face.glyph(r)
		if _, ok := f.used[g.gid]; !ok {
			f.used[g.gid] = r
		}
		fmt.Fprintf(&p.b, "%04X", g.gid)
	}
	p.b.WriteString("> Tj ET\n")
}

// image draws img over r.
func (p *pdfPainter) image(r layout.Rect, img image.Image) {
	if img.Bounds().Empty() || r.W <= 0 || r.H <= 0 {
		return
	}
	n := p.d.image(img)
	if !slices.Contains(p.images, n) {
		p.images = append(p.images, n)
	}
	p.b.WriteString("q ")
	p.n(r.W * mmPt)
	p.b.WriteString("0 0 ")
	p.n(r.H * mmPt)
	p.xy(layout.Point{X: r.X, Y: r.Y + r.H})
	fmt.Fprintf(&p.b, "cm /Im%d Do Q\n", n)
}

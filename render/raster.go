package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/esop-malang/esop/layout"
)

// rasterPainter draws a page into an image, anti-aliased: the PNG output.
// Every shape is rasterized in its own bounding box, so that the cost
// follows what is drawn, not the size of the page.
type rasterPainter struct {
	img   *image.RGBA
	scale float64 // pixels per millimetre
	fonts *fonts
	r     vector.Rasterizer
	buf   sfnt.Buffer
}

var (
	black = image.NewUniform(color.Black)
	white = image.NewUniform(color.White)
	light = image.NewUniform(lightGrey)
)

// lightGrey is the shade of light text: the KONSEP mark of a draft.
var lightGrey = color.RGBA{R: 0xc8, G: 0xc8, B: 0xc8, A: 0xff}

// newRasterPainter returns a painter on a white page of w × h millimetres at dpi.
func newRasterPainter(w, h, dpi float64, f *fonts) *rasterPainter {
	scale := dpi / 25.4
	img := image.NewRGBA(image.Rect(0, 0, int(math.Round(w*scale)), int(math.Round(h*scale))))
	draw.Draw(img, img.Bounds(), white, image.Point{}, draw.Src)
	return &rasterPainter{img: img, scale: scale, fonts: f}
}

func (p *rasterPainter) group(string, ...string) {}
func (p *rasterPainter) end()                    {}
func (p *rasterPainter) title(string)            {}

// fill rasterizes the closed polygons of pts (in millimetres) in src.
func (p *rasterPainter) fill(polys [][]layout.Point, src image.Image) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, pts := range polys {
		for _, pt := range pts {
			minX, minY = min(minX, pt.X*p.scale), min(minY, pt.Y*p.scale)
			maxX, maxY = max(maxX, pt.X*p.scale), max(maxY, pt.Y*p.scale)
		}
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(p.img.Bounds())
	if box.Empty() {
		return
	}
	p.r.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	for _, pts := range polys {
		for i, pt := range pts {
			x, y := float32(pt.X*p.scale)-ox, float32(pt.Y*p.scale)-oy
			if i == 0 {
				p.r.MoveTo(x, y)
			} else {
				p.r.LineTo(x, y)
			}
		}
		p.r.ClosePath()
	}
	p.r.Draw(p.img, box, src, image.Point{})
}

// segment returns the rectangle of a stroke w wide from a to b, reaching
// ext beyond each end.
func segment(a, b layout.Point, w, ext float64) []layout.Point {
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return nil
	}
	ux, uy := dx/n, dy/n
	a = layout.Point{X: a.X - ux*ext, Y: a.Y - uy*ext}
	b = layout.Point{X: b.X + ux*ext, Y: b.Y + uy*ext}
	nx, ny := -uy*w/2, ux*w/2
	return []layout.Point{{X: a.X + nx, Y: a.Y + ny}, {X: b.X + nx, Y: b.Y + ny}, {X: b.X - nx, Y: b.Y - ny}, {X: a.X - nx, Y: a.Y - ny}}
}

// stroke draws the segments of pts w millimetres wide, their inner joints
// covered, closing the path when closed.
func (p *rasterPainter) stroke(pts []layout.Point, w float64, closed bool) {
	if w <= 0 || len(pts) < 2 {
		return
	}
	w = max(w, 0.75/p.scale) // at least three quarters of a pixel, as a printer's finest line
	n := len(pts) - 1
	if closed {
		n = len(pts)
	}
	polys := make([][]layout.Point, 0, n)
	for i := range n {
		a, b := pts[i], pts[(i+1)%len(pts)]
		ext := w / 2
		if !closed && i == 0 {
			ext = 0
		}
		polys = append(polys, segment(a, b, w, ext))
	}
	// Each polygon on its own, so that overlaps at the joints do not cancel.
	for _, poly := range polys {
		if poly != nil {
			p.fill([][]layout.Point{poly}, black)
		}
	}
}

func (p *rasterPainter) line(a, b layout.Point, w float64) {
	p.stroke([]layout.Point{a, b}, w, false)
}

func (p *rasterPainter) polyline(pts []layout.Point, w float64) { p.stroke(pts, w, false) }

func (p *rasterPainter) shape(pts []layout.Point, w float64, filled bool) {
	src := white
	if filled {
		src = black
	}
	p.fill([][]layout.Point{pts}, src)
	p.stroke(pts, w, true)
}

func (p *rasterPainter) capsule(r layout.Rect, w float64) {
	rad := min(r.H, r.W) / 2
	var pts []layout.Point
	arc := func(cx, cy, from float64) {
		for i := 0; i <= 12; i++ {
			a := from + float64(i)*math.Pi/12
			pts = append(pts, layout.Point{X: cx + rad*math.Cos(a), Y: cy + rad*math.Sin(a)})
		}
	}
	arc(r.X+r.W-rad, r.Y+rad, -math.Pi/2)
	arc(r.X+rad, r.Y+rad, math.Pi/2)
	p.shape(pts, w, false)
}

// text draws the outlines of the glyphs of a line of text.
func (p *rasterPainter) text(t layout.Text) {
	fc := p.fonts.regular
	if t.Bold {
		fc = p.fonts.bold
	}
	em := t.Size * layout.PointMM // millimetres
	w := fc.ems(t.S) * em
	dx := 0.0
	switch t.Anchor {
	case "middle":
		dx = -w / 2
	case "end":
		dx = -w
	}
	a := t.Angle * math.Pi / 180
	cos, sin := math.Cos(a), math.Sin(a)
	// A point (u, v) of the line, u along it and v down from its baseline.
	at := func(u, v float64) layout.Point {
		return layout.Point{X: t.X + u*cos + v*sin, Y: t.Y - u*sin + v*cos}
	}
	// Outlines are loaded at 1024 units an em, then scaled.
	const unit = 1024.0
	k := em / unit
	var polys [][]layout.Point
	pen := dx
	for _, r := range t.S {
		g := fc.glyph(r)
		segs, err := fc.f.LoadGlyph(&p.buf, sfnt.GlyphIndex(g.gid), fixed.I(int(unit)), nil)
		if err == nil {
			polys = appendOutline(polys, segs, func(x, y float64) layout.Point { return at(pen+x*k, y*k) })
		}
		pen += g.advance * em
	}
	if len(polys) == 0 {
		return
	}
	src := black
	if t.Light {
		src = light
	}
	p.fillNonZero(polys, src)
}

// fillNonZero fills contours together, as the glyphs of a font need
// (their counters cut out of their outlines).
func (p *rasterPainter) fillNonZero(polys [][]layout.Point, src image.Image) { p.fill(polys, src) }

// appendOutline appends the contours of a glyph, flattening its curves.
func appendOutline(polys [][]layout.Point, segs sfnt.Segments, at func(x, y float64) layout.Point) [][]layout.Point {
	var cur []layout.Point
	var last [2]float64
	f := func(v fixed.Point26_6) (float64, float64) { return float64(v.X) / 64, float64(v.Y) / 64 }
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if len(cur) > 1 {
				polys = append(polys, cur)
			}
			x, y := f(s.Args[0])
			cur = []layout.Point{at(x, y)}
			last = [2]float64{x, y}
		case sfnt.SegmentOpLineTo:
			x, y := f(s.Args[0])
			cur = append(cur, at(x, y))
			last = [2]float64{x, y}
		case sfnt.SegmentOpQuadTo:
			cx, cy := f(s.Args[0])
			x, y := f(s.Args[1])
			for i := 1; i <= 6; i++ {
				t := float64(i) / 6
				u := 1 - t
				cur = append(cur, at(u*u*last[0]+2*u*t*cx+t*t*x, u*u*last[1]+2*u*t*cy+t*t*y))
			}
			last = [2]float64{x, y}
		case sfnt.SegmentOpCubeTo:
			c1x, c1y := f(s.Args[0])
			c2x, c2y := f(s.Args[1])
			x, y := f(s.Args[2])
			for i := 1; i <= 8; i++ {
				t := float64(i) / 8
				u := 1 - t
				cur = append(cur, at(u*u*u*last[0]+3*u*u*t*c1x+3*u*t*t*c2x+t*t*t*x, u*u*u*last[1]+3*u*u*t*c1y+3*u*t*t*c2y+t*t*t*y))
			}
			last = [2]float64{x, y}
		}
	}
	if len(cur) > 1 {
		polys = append(polys, cur)
	}
	return polys
}

// image draws img scaled over r.
func (p *rasterPainter) image(r layout.Rect, img image.Image) {
	dst := image.Rect(int(math.Round(r.X*p.scale)), int(math.Round(r.Y*p.scale)),
		int(math.Round((r.X+r.W)*p.scale)), int(math.Round((r.Y+r.H)*p.scale)))
	xdraw.CatmullRom.Scale(p.img, dst, img, img.Bounds(), xdraw.Over, nil)
}

// Downscale returns img scaled down (Catmull-Rom), its aspect kept, so that
// neither side is longer than side pixels; img itself when it fits.
func Downscale(img image.Image, side int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= side && h <= side {
		return img
	}
	if w >= h {
		w, h = side, max(1, h*side/w)
	} else {
		w, h = max(1, w*side/h), side
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(out, out.Bounds(), img, b, xdraw.Src, nil)
	return out
}

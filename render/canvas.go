package render

import (
	"image"
	"image/color"

	"github.com/tdewolff/canvas"

	"github.com/esop-malang/esop/layout"
)

// canvasPainter draws on a tdewolff/canvas context with the origin at the
// top-left corner, for the PDF and PNG outputs.
type canvasPainter struct {
	ctx   *canvas.Context
	fonts *fonts
}

func newCanvasPainter(c *canvas.Canvas, f *fonts) *canvasPainter {
	ctx := canvas.NewContext(c)
	ctx.SetCoordSystem(canvas.CartesianIV)
	ctx.SetStrokeColor(color.Black)
	ctx.SetStrokeJoiner(canvas.MiterJoin)
	ctx.SetStrokeCapper(canvas.ButtCap)
	return &canvasPainter{ctx: ctx, fonts: f}
}

func (c *canvasPainter) group(string, ...string) {}
func (c *canvasPainter) end()                    {}
func (c *canvasPainter) title(string)            {}

func (c *canvasPainter) stroke(p *canvas.Path, w float64, fill color.Color) {
	c.ctx.SetStrokeWidth(w)
	c.ctx.SetFillColor(fill)
	c.ctx.SetStrokeColor(color.Black)
	c.ctx.DrawPath(0, 0, p)
}

func (c *canvasPainter) line(a, b layout.Point, w float64) {
	p := &canvas.Path{}
	p.MoveTo(a.X, a.Y)
	p.LineTo(b.X, b.Y)
	c.stroke(p, w, canvas.Transparent)
}

func (c *canvasPainter) polyline(pts []layout.Point, w float64) {
	p := &canvas.Path{}
	for i, pt := range pts {
		if i == 0 {
			p.MoveTo(pt.X, pt.Y)
		} else {
			p.LineTo(pt.X, pt.Y)
		}
	}
	c.stroke(p, w, canvas.Transparent)
}

func (c *canvasPainter) shape(pts []layout.Point, w float64, filled bool) {
	p := &canvas.Path{}
	for i, pt := range pts {
		if i == 0 {
			p.MoveTo(pt.X, pt.Y)
		} else {
			p.LineTo(pt.X, pt.Y)
		}
	}
	p.Close()
	fill := color.Color(color.White)
	if filled {
		fill = color.Black
	}
	c.stroke(p, w, fill)
}

func (c *canvasPainter) capsule(r layout.Rect, w float64) {
	p := canvas.RoundedRectangle(r.W, r.H, r.H/2).Translate(r.X, r.Y)
	c.stroke(p, w, color.White)
}

func (c *canvasPainter) text(x, y float64, s string, size float64, bold bool, anchor string) {
	align := canvas.Left
	switch anchor {
	case "middle":
		align = canvas.Center
	case "end":
		align = canvas.Right
	}
	c.ctx.DrawText(x, y, c.fonts.line(s, size, bold, align))
}

func (c *canvasPainter) image(r layout.Rect, img image.Image) {
	b := img.Bounds()
	if b.Dx() == 0 {
		return
	}
	// DPMM so that the image spans r.W millimetres.
	c.ctx.DrawImage(r.X, r.Y+r.H, img, canvas.DPMM(float64(b.Dx())/r.W))
}

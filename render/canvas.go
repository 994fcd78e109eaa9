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
	fonts *faces
}

func newCanvasPainter(c *canvas.Canvas, f *faces) *canvasPainter {
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

func (c *canvasPainter) text(t layout.Text) {
	align := canvas.Left
	switch t.Anchor {
	case "middle":
		align = canvas.Center
	case "end":
		align = canvas.Right
	}
	line := c.fonts.line(t.S, t.Size, t.Bold, t.Light, align)
	if t.Angle == 0 {
		c.ctx.DrawText(t.X, t.Y, line)
		return
	}
	// The view turns the page's coordinates, whose y runs down: an
	// anticlockwise turn on paper is a negative angle there.
	c.ctx.Push()
	c.ctx.RotateAbout(-t.Angle, t.X, t.Y)
	c.ctx.DrawText(t.X, t.Y, line)
	c.ctx.Pop()
}

// image draws img over r, which has its aspect (see fitImage): canvas
// places an image by its top-left corner in these coordinates.
func (c *canvasPainter) image(r layout.Rect, img image.Image) {
	b := img.Bounds()
	if b.Dx() == 0 || r.W <= 0 {
		return
	}
	// DPMM so that the image spans r.W millimetres.
	c.ctx.DrawImage(r.X, r.Y, img, canvas.DPMM(float64(b.Dx())/r.W))
}

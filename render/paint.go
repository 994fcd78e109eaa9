package render

import (
	"image"
	"math"

	"github.com/esop-malang/esop/layout"
)

// painter is what the page drawings draw on: an SVG document or a
// canvas (PDF, PNG). Coordinates are millimetres from the top-left corner.
type painter interface {
	// group starts a group carrying data attributes (SVG keeps them, the
	// canvas ignores them); end closes it.
	group(class string, attrs ...string)
	end()
	line(a, b layout.Point, width float64)
	polyline(pts []layout.Point, width float64)
	// shape fills (white unless filled) and strokes a closed polygon.
	shape(pts []layout.Point, width float64, filled bool)
	capsule(r layout.Rect, width float64)
	// text draws a line of text (see layout.Text).
	text(t layout.Text)
	image(r layout.Rect, img image.Image)
	// title attaches a tooltip to the current group (SVG only).
	title(s string)
}

const (
	ruleWidth   = layout.RuleWidth // table rules; a flowchart's frame
	innerWidth  = 0.18             // a flowchart table's inner rules, 0.5 pt
	symbolWidth = 0.35             // symbol outlines
	arrowWidth  = 0.35             // arrows, 1 pt: twice the inner rules
)

func rectPoints(r layout.Rect) []layout.Point {
	return []layout.Point{{X: r.X, Y: r.Y}, {X: r.X + r.W, Y: r.Y}, {X: r.X + r.W, Y: r.Y + r.H}, {X: r.X, Y: r.Y + r.H}}
}

func diamondPoints(r layout.Rect) []layout.Point {
	cx, cy := r.X+r.W/2, r.Y+r.H/2
	return []layout.Point{{X: cx, Y: r.Y}, {X: r.X + r.W, Y: cy}, {X: cx, Y: r.Y + r.H}, {X: r.X, Y: cy}}
}

// pentagonPoints returns the off-page connector: a square whose lower
// side is a point, like a home plate; turned over (the point up) when up.
func pentagonPoints(r layout.Rect, up bool) []layout.Point {
	body := r.H * pentagonBody
	if up {
		return []layout.Point{{X: r.X, Y: r.Y + r.H}, {X: r.X + r.W, Y: r.Y + r.H}, {X: r.X + r.W, Y: r.Y + r.H - body},
			{X: r.X + r.W/2, Y: r.Y}, {X: r.X, Y: r.Y + r.H - body}}
	}
	return []layout.Point{{X: r.X, Y: r.Y}, {X: r.X + r.W, Y: r.Y}, {X: r.X + r.W, Y: r.Y + body},
		{X: r.X + r.W/2, Y: r.Y + r.H}, {X: r.X, Y: r.Y + body}}
}

// pentagonBody is the share of an off-page connector's height its square
// body takes; its point takes the rest.
const pentagonBody = 0.62

// arrowHead returns the triangle of an arrowhead whose tip is at tip,
// pointing away from prev.
func arrowHead(prev, tip layout.Point) []layout.Point {
	length, half := layout.ArrowHeadLength, layout.ArrowHeadHalf
	dx, dy := tip.X-prev.X, tip.Y-prev.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		dx, dy, n = 0, 1, 1
	}
	ux, uy := dx/n, dy/n
	bx, by := tip.X-ux*length, tip.Y-uy*length
	return []layout.Point{tip, {X: bx - uy*half, Y: by + ux*half}, {X: bx + uy*half, Y: by - ux*half}}
}

package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// sigTol is how far a corner may stand past a symbol's width or height
// and still count as in line with it (routeSignature).
const sigTol = 0.02

// routeSignature describes the route of every arrow of a page by where
// it runs in the table rather than in millimetres: for each corner, the
// actor column it stands in the width of the symbols of (a stub or a
// direct arrow), else the channel between two columns; and the row it
// stands in the height of the symbols of (a side run), else the band
// between two rows, above the first or below the last. Two papers route
// a page alike when the signatures are equal. Where a connector stands in
// its band is not part of the route: connector columns and gaps differ
// with the paper's width.
func routeSignature(columns []Column, p *Page) []string {
	var cols []Column
	for _, c := range columns {
		if c.Kind == colActor {
			cols = append(cols, c)
		}
	}
	symW := 0.0
	for _, s := range p.Symbols {
		symW = max(symW, s.W)
	}
	xClass := func(x float64) string {
		for k, c := range cols {
			mid := c.Middle
			switch {
			case math.Abs(x-mid) <= symW/2+sigTol:
				return fmt.Sprintf("col%d", k)
			case x >= c.X && x < mid:
				return fmt.Sprintf("ch%d", k)
			case x >= mid && x < c.X+c.W:
				return fmt.Sprintf("ch%d", k+1)
			}
		}
		return "out"
	}
	yClass := func(y float64) string {
		for i, r := range p.Rows {
			if y < r.Y-sigTol || y > r.Y+r.H+sigTol {
				continue
			}
			// The symbol's own middle: a diamond stands off the middle of
			// its row where its labels ask room on one side (measureRows).
			mid, half := r.Y+r.H/2, 0.0
			for _, s := range p.Symbols {
				if s.Step == r.Step {
					mid, half = s.Y+s.H/2, s.H/2
				}
			}
			switch {
			case math.Abs(y-mid) <= half+sigTol:
				return fmt.Sprintf("row%d", i)
			case y < mid && i > 0:
				return fmt.Sprintf("band%d", i-1)
			case y < mid:
				return "top"
			case i < len(p.Rows)-1:
				return fmt.Sprintf("band%d", i)
			}
			return "bottom"
		}
		if y < p.Rows[0].Y {
			return "top"
		}
		return "bottom"
	}
	// Where a connector stands is the business of the band of connectors.
	conn := func(q Point) string {
		for _, k := range p.Connectors {
			if onRectOutline(q, k.Rect) {
				return "connector " + k.Letter
			}
		}
		return ""
	}
	var out []string
	for _, a := range p.Arrows {
		var parts []string
		// The bends of an arrow in its connector's band, between the
		// connector and the first row it reaches, are where the connector
		// stands: its arrow jogs there to the run it joins, or drops
		// straight when the connector stands over (or under) that run.
		first, last := 0, len(a.Points)-1
		if conn(a.Points[0]) != "" {
			band := yClass(a.Points[0].Y)
			for first+1 < last && yClass(a.Points[first+1].Y) == band {
				first++
			}
		}
		if conn(a.Points[last]) != "" {
			band := yClass(a.Points[last].Y)
			for last-1 > first && yClass(a.Points[last-1].Y) == band {
				last--
			}
		}
		for j, q := range a.Points {
			c := xClass(q.X) + "/" + yClass(q.Y)
			if k := conn(q); k != "" && (j == 0 || j == len(a.Points)-1) {
				c = k
			} else if j >= 1 && j <= first || j <= len(a.Points)-2 && j >= last {
				continue
			}
			if len(parts) == 0 || parts[len(parts)-1] != c {
				parts = append(parts, c)
			}
		}
		out = append(out, a.From+"→"+a.To+": "+strings.Join(parts, " "))
	}
	return out
}

// sameRows reports whether two pages hold the same steps.
func sameRows(a, b *Page) bool {
	if len(a.Rows) != len(b.Rows) {
		return false
	}
	for i := range a.Rows {
		if a.Rows[i].Index != b.Rows[i].Index {
			return false
		}
	}
	return true
}

// onRectOutline reports whether p lies on the outline of r's box, within
// sigTol: where an arrow meets an off-page connector.
func onRectOutline(p Point, r Rect) bool {
	dx, dy := math.Abs(p.X-(r.X+r.W/2)), math.Abs(p.Y-(r.Y+r.H/2))
	inX, inY := dx <= r.W/2+sigTol, dy <= r.H/2+sigTol
	return inX && inY && (math.Abs(dx-r.W/2) <= sigTol || math.Abs(dy-r.H/2) <= sigTol)
}

// sameRoutes reports whether the pages b route every arrow as the pages
// a do (routeSignature), the columns of each given.
func sameRoutes(ca []Column, a []Page, cb []Column, b []Page) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameRows(&a[i], &b[i]) || len(a[i].Rows) == 0 {
			return false
		}
		if !slices.Equal(routeSignature(ca, &a[i]), routeSignature(cb, &b[i])) {
			return false
		}
	}
	return true
}

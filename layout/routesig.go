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
// with the paper's width. Each arrow is its from and to, then its places
// (sigPlace), then sigEnd; sigText writes them out.
func routeSignature(columns []Column, p *Page) []sigItem {
	return appendSignature(nil, columns, p)
}

// appendSignature appends the routeSignature of p to dst.
func appendSignature(dst []sigItem, columns []Column, p *Page) []sigItem {
	// The actor columns' edges and middles (a Column copied is most of
	// the signature's cost).
	type actorCol struct{ x, w, mid float64 }
	var colBuf [16]actorCol
	cols := colBuf[:0]
	for i := range columns {
		if c := &columns[i]; c.Kind == colActor {
			cols = append(cols, actorCol{c.X, c.W, c.Middle})
		}
	}
	symW := 0.0
	for i := range p.Symbols {
		symW = max(symW, p.Symbols[i].W)
	}
	xClass := func(x float64) int64 {
		for k := range cols {
			c := &cols[k]
			if x < c.x {
				break // left of this column, and so of every column right of it
			}
			mid := c.mid
			switch {
			case math.Abs(x-mid) <= symW/2+sigTol:
				return sigCol<<sigKindShift | int64(k)
			case x >= c.x && x < mid:
				return sigChannel<<sigKindShift | int64(k)
			case x >= mid && x < c.x+c.w:
				return sigChannel<<sigKindShift | int64(k+1)
			}
		}
		return sigOut << sigKindShift
	}
	// The symbols' middles by row: a diamond stands off the middle of its
	// row where its labels ask room on one side (measureRows).
	type band struct{ mid, half float64 }
	var midBuf [32]band
	mids := midBuf[:0]
	for i := range p.Rows {
		r := &p.Rows[i]
		b := band{r.Y + r.H/2, 0}
		// A step has one symbol, most often the row's own in order.
		if k := i; k < len(p.Symbols) && p.Symbols[k].Step == r.Step {
			s := &p.Symbols[k]
			b = band{s.Y + s.H/2, s.H / 2}
		} else {
			for k := range p.Symbols {
				if s := &p.Symbols[k]; s.Step == r.Step {
					b = band{s.Y + s.H/2, s.H / 2}
					break
				}
			}
		}
		mids = append(mids, b)
	}
	yClass := func(y float64) int64 {
		for i := range p.Rows {
			r := &p.Rows[i]
			if y < r.Y-sigTol {
				break // above this row, and so every row below it: between rows
			}
			if y > r.Y+r.H+sigTol {
				continue
			}
			mid, half := mids[i].mid, mids[i].half
			switch {
			case math.Abs(y-mid) <= half+sigTol:
				return sigRow<<sigKindShift | int64(i)
			case y < mid && i > 0:
				return sigBand<<sigKindShift | int64(i-1)
			case y < mid:
				return sigTop << sigKindShift
			case i < len(p.Rows)-1:
				return sigBand<<sigKindShift | int64(i)
			}
			return sigBottom << sigKindShift
		}
		if y < p.Rows[0].Y {
			return sigTop << sigKindShift
		}
		return sigBottom << sigKindShift
	}
	// Where a connector stands is the business of the band of connectors.
	conn := func(q Point) int {
		for k := range p.Connectors {
			if onRectOutline(q, p.Connectors[k].Rect) {
				return k
			}
		}
		return -1
	}
	size := 0
	for ai := range p.Arrows {
		size += len(p.Arrows[ai].Points) + 2
	}
	out := slices.Grow(dst, size)
	for ai := range p.Arrows {
		a := &p.Arrows[ai]
		out = append(out, sigItem{from: a.From, to: a.To})
		// The bends of an arrow in its connector's band, between the
		// connector and the first row it reaches, are where the connector
		// stands: its arrow jogs there to the run it joins, or drops
		// straight when the connector stands over (or under) that run.
		first, last := 0, len(a.Points)-1
		connFirst, connLast := conn(a.Points[0]), conn(a.Points[last])
		if connFirst >= 0 {
			band := yClass(a.Points[0].Y)
			for first+1 < last && yClass(a.Points[first+1].Y) == band {
				first++
			}
		}
		if connLast >= 0 {
			band := yClass(a.Points[last].Y)
			for last-1 > first && yClass(a.Points[last-1].Y) == band {
				last--
			}
		}
		start := len(out)
		for j, q := range a.Points {
			var c sigItem
			k := -1 // the connector an end meets
			switch j {
			case 0:
				k = connFirst
			case len(a.Points) - 1:
				k = connLast
			}
			if k >= 0 {
				c = sigItem{from: p.Connectors[k].Letter, place: sigConnector}
			} else if j >= 1 && j <= first || j <= len(a.Points)-2 && j >= last {
				continue
			} else {
				c = sigItem{place: xClass(q.X)<<sigAxisShift | yClass(q.Y)}
			}
			if len(out) == start || !sameItem(&out[len(out)-1], &c) {
				out = append(out, c)
			}
		}
		out = append(out, sigItem{place: sigEnd})
	}
	return out
}

// sameItem reports whether two words of a signature are the same, their
// places (most often told apart) first.
func sameItem(a, b *sigItem) bool {
	return a.place == b.place && a.from == b.from && a.to == b.to
}

// sigItem is one word of a route signature: an arrow's ends (from, to),
// a place it runs through (place: the column or channel, shifted by
// sigAxisShift, and the row, band, top or bottom), a connector it meets
// (place sigConnector, its letter in from), or the arrow's end (sigEnd).
type sigItem struct {
	from, to string
	place    int64
}

// The kinds of place in a route signature, shifted by sigKindShift above
// the column's, channel's, row's or band's index.
const (
	sigCol = iota + 1
	sigChannel
	sigOut
	sigRow
	sigBand
	sigTop
	sigBottom

	sigKindShift = 20
	sigAxisShift = 24
	sigConnector = -1
	sigEnd       = -2
)

// sigText writes a route signature out, an arrow a line ("S1→S2: col0/row0
// ch1/row0 connector A"), for messages.
func sigText(sig []sigItem) []string {
	var out []string
	var b strings.Builder
	for _, it := range sig {
		switch {
		case it.place == sigEnd:
			out = append(out, b.String())
			b.Reset()
		case it.place == sigConnector:
			b.WriteString(" connector " + it.from)
		case it.place == 0:
			b.WriteString(it.from + "→" + it.to + ":")
		default:
			b.WriteString(" " + sigPlaceText(it.place>>sigAxisShift) + "/" + sigPlaceText(it.place&(1<<sigAxisShift-1)))
		}
	}
	return out
}

// sigPlaceText writes one axis of a place of a route signature.
func sigPlaceText(v int64) string {
	i := v & (1<<sigKindShift - 1)
	switch v >> sigKindShift {
	case sigCol:
		return fmt.Sprintf("col%d", i)
	case sigChannel:
		return fmt.Sprintf("ch%d", i)
	case sigRow:
		return fmt.Sprintf("row%d", i)
	case sigBand:
		return fmt.Sprintf("band%d", i)
	case sigTop:
		return "top"
	case sigBottom:
		return "bottom"
	}
	return "out"
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
	var sa, sb []sigItem // each page's signatures, in the same buffers
	for i := range a {
		if !sameRows(&a[i], &b[i]) || len(a[i].Rows) == 0 {
			return false
		}
		sa, sb = appendSignature(sa[:0], ca, &a[i]), appendSignature(sb[:0], cb, &b[i])
		if !slices.Equal(sa, sb) {
			return false
		}
	}
	return true
}

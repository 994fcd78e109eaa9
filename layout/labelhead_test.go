package layout

import (
	"fmt"
	"testing"

	"github.com/esop-malang/esop"
)

// arrowHead returns the box of the triangle of the head of a as render
// draws it: ArrowHeadLength along the last run back from the tip,
// ArrowHeadHalf either side of it, less its outline. Worked out here, not with the layout's
// headRect, so that a wrong headRect shows.
func arrowHead(a *Arrow) Rect {
	n := len(a.Points)
	prev, tip := a.Points[n-2], a.Points[n-1]
	l, h := ArrowHeadLength, ArrowHeadHalf+0.1 // with its outline
	var r Rect
	switch {
	case prev.X == tip.X && prev.Y < tip.Y: // down
		r = Rect{X: tip.X - h, Y: tip.Y - l, W: 2 * h, H: l}
	case prev.X == tip.X: // up
		r = Rect{X: tip.X - h, Y: tip.Y, W: 2 * h, H: l}
	case prev.X < tip.X: // right
		r = Rect{X: tip.X - l, Y: tip.Y - h, W: l, H: 2 * h}
	default: // left
		r = Rect{X: tip.X, Y: tip.Y - h, W: l, H: 2 * h}
	}
	return Rect{X: r.X + 0.1, Y: r.Y + 0.1, W: r.W - 0.2, H: r.H - 0.2} // inside its outline
}

// labelsOnHeads returns the decision labels of dg that touch an
// arrowhead: overlap its box.
func labelsOnHeads(dg *Diagram) []string {
	var out []string
	for i := range dg.Pages {
		p := &dg.Pages[i]
		for _, a := range p.Arrows {
			if a.Label == nil {
				continue
			}
			r := a.Label.Rect
			for k := range p.Arrows {
				if overlaps(r, arrowHead(&p.Arrows[k])) {
					out = append(out, fmt.Sprintf("page %d: label %q of %s→%s touches the arrowhead of %s→%s",
						p.Number, a.Label.Text, a.From, a.To, p.Arrows[k].From, p.Arrows[k].To))
				}
			}
		}
	}
	return out
}

// TestLabelsClearOfArrowheads: a decision label never touches an
// arrowhead ("▾Lengkap" where the arrow into the diamond's top ends
// against the label), on the corpus and the office documents, A4 and F4.
func TestLabelsClearOfArrowheads(t *testing.T) {
	eachPrint(t, func(name, paper string, dg *Diagram) {
		for _, s := range labelsOnHeads(dg) {
			t.Errorf("%s %s: %s", name, paper, s)
		}
	})
}

// eachPrint lays out the whole corpus (the office documents with it) on
// A4 and F4 and gives each diagram to check with the document's name and
// paper.
func eachPrint(t *testing.T, check func(name, paper string, dg *Diagram)) {
	t.Helper()
	names, docs := corpus(t)
	eachPrintOf(t, names, docs, check)
}

// eachPrintOf is eachPrint over the documents docs, named names.
func eachPrintOf(t *testing.T, names []string, docs []*esop.Document, check func(name, paper string, dg *Diagram)) {
	t.Helper()
	for i, d := range docs {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			dg, err := Layout(d, &Options{Paper: paper})
			if err != nil {
				t.Fatalf("%s %s: %v", names[i], paper, err)
			}
			check(names[i], paper, dg)
		}
	}
}

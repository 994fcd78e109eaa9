package render

import (
	"image"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
	"github.com/esop-malang/esop/sampledata"
)

// weights records the widths a page drawing strokes its lines with.
type weights struct {
	rules  map[float64]int // table rules by width
	arrows map[float64]int // arrow lines by width
}

func (w *weights) group(string, ...string)                  {}
func (w *weights) end()                                     {}
func (w *weights) line(a, b layout.Point, width float64)    { w.rules[width]++ }
func (w *weights) polyline(_ []layout.Point, width float64) { w.arrows[width]++ }
func (w *weights) shape([]layout.Point, float64, bool)      {}
func (w *weights) capsule(layout.Rect, float64)             {}
func (w *weights) text(layout.Text)                         {}
func (w *weights) image(layout.Rect, image.Image)           {}
func (w *weights) title(string)                             {}

// TestInnerRulesLighterThanArrows: an arrow in a narrow column's channel
// runs 2–2.5 mm beside a column's rule, and with arrows at 0.85 pt and
// rules at 0.71 pt both reviewers of session 11 read such a run as a
// doubled rule (their first fault, in nearly every sample). The
// flowchart's frame keeps the table's rule weight; its inner rules are
// drawn at 0.5 pt and arrows at 1 pt, twice as heavy.
func TestInnerRulesLighterThanArrows(t *testing.T) {
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	dg, err := layout.Layout(docs[8], &layout.Options{Paper: esop.PaperA4}) // 09, WLKP
	if err != nil {
		t.Fatal(err)
	}
	w := &weights{rules: map[float64]int{}, arrows: map[float64]int{}}
	pg := &dg.Pages[0]
	drawFlowPage(w, dg, pg, nil)
	frame := rulesFrame(pg.Rules)
	outer := 0
	for _, r := range pg.Rules {
		if onFrame(r, frame) {
			outer++
		}
	}
	if outer != 4 {
		t.Errorf("%d rules on the table's frame, want its 4 sides", outer)
	}
	if w.rules[layout.RuleWidth] != outer || w.rules[innerWidth] != len(pg.Rules)-outer {
		t.Errorf("rules drawn %v, want %d at %.2f mm (the frame) and %d at %.2f", w.rules, outer, layout.RuleWidth, len(pg.Rules)-outer, innerWidth)
	}
	if len(w.arrows) != 1 || w.arrows[arrowWidth] != len(pg.Arrows) {
		t.Errorf("arrows drawn %v, want %d at %.2f mm", w.arrows, len(pg.Arrows), arrowWidth)
	}
	if arrowWidth < 1.9*innerWidth {
		t.Errorf("arrows %.2f mm, inner rules %.2f: not twice as heavy", arrowWidth, innerWidth)
	}
}

package layout

import (
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
)

// TestNearerInProportion: office-two-ends on F4 brought its labels
// beside their vertices by giving the Verifikator 56 mm for one box and
// one diamond, KEGIATAN coming down from 74 to 42 mm (a reviewer of
// session 32: columns out of proportion). Its labels set in three lines
// ask less: KEGIATAN stays the widest column of the flowchart, and no
// label stands beyond its diamond's column.
func TestNearerInProportion(t *testing.T) {
	d := readDocument(t, filepath.Join("testdata", "office-two-ends.json"))
	dg := mustLayout(t, d, &Options{Paper: esop.PaperF4})
	var act Column
	actors := map[string]Column{}
	for _, c := range dg.Columns {
		switch c.Kind {
		case "activity":
			act = c
		case "actor":
			actors[c.Actor] = c
		}
	}
	for id, c := range actors {
		if w := c.W + c.GutterL + c.GutterR; w > act.W {
			t.Errorf("pelaksana %s is %.1f mm wide, KEGIATAN %.1f mm: want KEGIATAN the wider", id, w, act.W)
		}
	}
	actorOf := map[string]string{}
	for _, s := range d.Steps {
		actorOf[s.ID] = s.Actor
	}
	labels := 0
	for _, p := range dg.Pages {
		for _, a := range p.Arrows {
			if a.Label == nil {
				continue
			}
			labels++
			c := actors[actorOf[a.From]]
			if mid := a.Label.X + a.Label.W/2; mid <= c.X || mid >= c.X+c.W {
				t.Errorf("label %q of %s stands beyond its diamond's column (%.1f–%.1f mm), at %.1f mm", a.Label.Text, a.From, c.X, c.X+c.W, mid)
			}
		}
	}
	if labels < 6 {
		t.Fatalf("%d labels: not the document this test is for", labels)
	}
}

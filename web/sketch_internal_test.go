package web

import (
	"testing"

	"github.com/esop-malang/esop"
)

// TestSketchOf: whatever half-finished state a draft is saved in, its
// sketch is a document the layout accepts, with the rows in their order
// and their ids kept.
func TestSketchOf(t *testing.T) {
	base := func() *esop.Document {
		return &esop.Document{Format: esop.FormatV1, Title: "T", Agency: "A", Unit: "U",
			Actors: []esop.Actor{{ID: "a1", Name: "Pemohon"}, {ID: "a2", Name: "Petugas"}},
			Steps: []esop.Step{{ID: "s1", Activity: "Mengajukan", Actor: "a1"}, {ID: "s2", Activity: "Memeriksa", Actor: "a2"},
				{ID: "s3", Activity: "Menyerahkan", Actor: "a2"}}}
	}
	for _, tc := range []struct {
		name     string
		change   func(d *esop.Document)
		straight bool
	}{
		{"nothing written yet", func(d *esop.Document) {
			d.Title, d.Agency, d.Unit = "", "", ""
			for i := range d.Steps {
				d.Steps[i].Activity, d.Steps[i].Actor = "", ""
			}
			d.Actors[1].Name = ""
		}, false},
		{"a branch to a deleted row", func(d *esop.Document) { d.Steps[1].Decision = &esop.Decision{Yes: "s3", No: "s9"} }, false},
		{"a decision without branches", func(d *esop.Document) { d.Steps[1].Decision = &esop.Decision{} }, false},
		{"the first row decides", func(d *esop.Document) { d.Steps[0].Decision = &esop.Decision{Yes: "s2", No: "s3"} }, false},
		{"a jump to a deleted row", func(d *esop.Document) { d.Steps[0].Next = "s9" }, false},
		{"an actor deleted", func(d *esop.Document) { d.Steps[2].Actor = "a9" }, false},
		{"no actors", func(d *esop.Document) { d.Actors = nil }, false},
		{"the same id twice", func(d *esop.Document) { d.Steps[2].ID = "s1"; d.Actors[1].ID = "a1" }, false},
		{"bad times", func(d *esop.Document) {
			d.Steps[0].Time = &esop.Duration{Value: 2, Unit: "fortnight"}
			d.Steps[1].Time = &esop.Duration{Value: -1, Unit: esop.UnitDay}
			d.Steps[2].Time = &esop.Duration{}
		}, false},
		{"an end that goes on", func(d *esop.Document) { d.Steps[2].End, d.Steps[2].Next = true, "s1" }, false},
		{"an end in the middle", func(d *esop.Document) { d.Steps[0].End = true }, true},
		{"a loop with no way out", func(d *esop.Document) { d.Steps[2].Next = "s1" }, true},
		{"an approval block, a bad category and layout", func(d *esop.Document) {
			d.Approval = &esop.Approval{Position: "Kepala"}
			d.Category, d.Type = "lain", "lain"
			d.Layout = &esop.LayoutHint{Paper: "A9", PageSteps: -2}
			d.LegalBasis = []esop.LegalRef{{Kind: "UU"}}
		}, false},
	} {
		d := base()
		tc.change(d)
		k, straight := sketchOf(d)
		if k == nil {
			t.Errorf("%s: no sketch", tc.name)
			continue
		}
		if ps := esop.Validate(k, esop.ValidateOptions{}); ps.HasErrors() {
			t.Errorf("%s: the sketch has errors: %v", tc.name, ps.Errors())
		}
		if straight != tc.straight {
			t.Errorf("%s: straight %v, want %v", tc.name, straight, tc.straight)
		}
		if len(k.Steps) != len(d.Steps) || k.Steps[1].ID != d.Steps[1].ID {
			t.Errorf("%s: the rows changed: %+v", tc.name, k.Steps)
		}
	}
	if k, _ := sketchOf(&esop.Document{Format: esop.FormatV1}); k != nil {
		t.Error("a document without rows has a sketch")
	}
	// The document itself is never changed.
	d := base()
	d.Steps[0].Next = "s9"
	sketchOf(d)
	if d.Steps[0].Next != "s9" {
		t.Error("sketchOf changed the draft")
	}
}

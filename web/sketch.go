package web

import (
	"fmt"
	"html/template"
	"slices"

	"github.com/esop-malang/esop"
)

// A draft may be saved half-finished, with errors; the layout draws only
// valid documents. The editor's preview, the SOP page of a draft and the
// comparison of versions draw such a draft as a sketch: a copy in which
// what is missing or broken is made neutral (an empty activity drawn as
// "…", a branch to a deleted row left out), or, when the flow itself is
// broken, the rows in order. A sketch is never printed: the PDF and PNG
// of a document with errors are refused.

// sketchOf returns a copy of d that the layout can draw, and whether
// its flow had to be drawn straight (rows in order, no branches). It
// returns nil when there is nothing to draw (no step).
func sketchOf(d *esop.Document) (k *esop.Document, straight bool) {
	if len(d.Steps) == 0 {
		return nil, false
	}
	k = d.Clone()
	k.Format, k.Approval, k.LegalBasis, k.Layout = esop.FormatV1, nil, nil, nil
	k.Title, k.Agency, k.Unit = orDots(k.Title), orDots(k.Agency), orDots(k.Unit)
	if !slices.Contains([]string{"", esop.TypeAdministratif, esop.TypeTeknis}, k.Type) {
		k.Type = ""
	}
	if !slices.Contains([]string{"", esop.CategoryPelayanan, esop.CategoryRutin, esop.CategoryPenugasan}, k.Category) {
		k.Category = ""
	}
	sketchActors(k)
	sketchSteps(k)
	if esop.Validate(k, esop.ValidateOptions{}).HasErrors() {
		straighten(k)
		straight = true
	}
	return k, straight
}

// sketchActors gives every actor a unique id and a name.
func sketchActors(k *esop.Document) {
	if len(k.Actors) == 0 {
		k.Actors = []esop.Actor{{ID: "a1"}}
	}
	seen := map[string]bool{}
	for i := range k.Actors {
		a := &k.Actors[i]
		if a.ID == "" || seen[a.ID] {
			a.ID = freshID(k, "a")
		}
		seen[a.ID] = true
		if a.Name == "" {
			a.Name = fmt.Sprintf("Pelaksana %d", i+1)
		}
	}
}

// sketchSteps gives every step a unique id, an activity and a known
// actor, and drops the references and times that cannot be drawn.
func sketchSteps(k *esop.Document) {
	seen := map[string]bool{}
	for i := range k.Steps {
		s := &k.Steps[i]
		if s.ID == "" || seen[s.ID] {
			s.ID = freshID(k, "s")
		}
		seen[s.ID] = true
		s.Activity = orDots(s.Activity)
		if k.ActorByID(s.Actor) == nil {
			s.Actor = k.Actors[0].ID
		}
		if t := s.Time; t != nil && !drawableTime(t) {
			s.Time = nil
		}
	}
	for i := range k.Steps {
		s := &k.Steps[i]
		if k.StepIndex(s.Next) < 0 {
			s.Next = ""
		}
		if dc := s.Decision; dc != nil && (i == 0 || k.StepIndex(dc.Yes) < 0 || k.StepIndex(dc.No) < 0) {
			s.Decision = nil
		}
		if s.Decision != nil {
			s.Next = ""
		}
		if s.End {
			s.Next, s.Decision = "", nil
		}
	}
}

// drawableTime reports whether the validator accepts a time: an amount
// in a known unit, or a text alone.
func drawableTime(t *esop.Duration) bool {
	if t.IsMeasured() {
		return slices.Contains(esop.TimeUnits, t.Unit)
	}
	return t.Unit == "" && t.Value == 0 && t.Text != ""
}

// straighten draws the rows in order: no jumps, no branches, the last row ends.
func straighten(k *esop.Document) {
	for i := range k.Steps {
		k.Steps[i].Next, k.Steps[i].Decision, k.Steps[i].End = "", nil, false
	}
}

func orDots(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

// sketchIfInvalid returns d itself when it is valid, else its sketch
// (nil when there is nothing to draw) and true.
func sketchIfInvalid(d *esop.Document) (*esop.Document, bool) {
	if !esop.Validate(d, esop.ValidateOptions{}).HasErrors() {
		return d, false
	}
	k, _ := sketchOf(d)
	return k, true
}

// checkPrintable returns nil for a document that may be laid out for print
// (PDF, PNG, the SVG download), and for a draft saved with errors an
// EINVALID error that counts and lists them.
func checkPrintable(d *esop.Document) error {
	errs := esop.Validate(d, esop.ValidateOptions{}).Errors()
	if len(errs) == 0 {
		return nil
	}
	e := esop.InvalidError(errs)
	e.Message = esop.Text{
		ID: fmt.Sprintf("Draf ini masih mempunyai %d kesalahan; cetakannya (PDF, PNG) tersedia setelah kesalahan diperbaiki di editor.", len(errs)),
		EN: fmt.Sprintf("This draft still has %d errors; its prints (PDF, PNG) are available once they are fixed in the editor.", len(errs))}
	return e
}

// drawing is a flowchart for a page: the SVG, and when the document has
// errors the note that says it is a sketch.
type drawing struct {
	SVG    template.HTML
	Sketch string // "" for the real flowchart
	Pages  int    // printed pages of the real flowchart; 0 for a sketch
}

// drawDocument draws d for a page in lang: its flowchart when d is valid,
// else a sketch with a note counting its errors, else (nothing can be
// drawn, or the layout fails) only a note. hash is d's content hash, or "".
func (s *Server) drawDocument(d *esop.Document, hash, lang string) drawing {
	errs := esop.Validate(d, esop.ValidateOptions{}).Errors()
	if len(errs) == 0 {
		c, err := s.laidOut(d, hash, "")
		if err != nil {
			s.log.Error("flowchart layout", "err", err)
			return drawing{Sketch: s.msgs.T(lang, "editor.preview.failed")}
		}
		return drawing{SVG: template.HTML(c.svg), Pages: c.pages.Count()}
	}
	note := s.msgs.T(lang, "sketch.note", len(errs))
	k, straight := sketchOf(d)
	if k == nil {
		return drawing{Sketch: note + " " + s.msgs.T(lang, "sketch.nothing")}
	}
	if straight {
		note += " " + s.msgs.T(lang, "sketch.straight")
	}
	c, err := s.sketchLayout(k)
	if err != nil {
		s.log.Error("sketch layout", "err", err)
		return drawing{Sketch: note + " " + s.msgs.T(lang, "editor.preview.failed")}
	}
	return drawing{SVG: template.HTML(c.svg), Sketch: note}
}

// sketchLayout lays out a sketch; a fault of the layout on such unusual
// input is an error, never a crash of the page.
func (s *Server) sketchLayout(k *esop.Document) (c *cached, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("layout of a sketch: %v", r)
		}
	}()
	return s.laidOut(k, "", "")
}

package esop_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// chain returns a valid document of n steps in a line over the given
// number of actors.
func chain(actors, n int) *esop.Document {
	d := &esop.Document{Format: esop.FormatV1, Title: "Uji", Agency: "Dinas", Unit: "Bidang"}
	for i := range actors {
		d.Actors = append(d.Actors, esop.Actor{ID: fmt.Sprintf("a%d", i), Name: "Petugas"})
	}
	for i := range n {
		d.Steps = append(d.Steps, esop.Step{ID: fmt.Sprintf("s%d", i), Activity: "Memeriksa berkas", Actor: fmt.Sprintf("a%d", i%actors)})
	}
	return d
}

// TestOversizedIsCheap: a document with far more steps than allowed is
// refused at once, without the checks whose cost grows with steps × steps.
func TestOversizedIsCheap(t *testing.T) {
	d := chain(esop.MaxActors+1, 40000)
	ps := esop.Validate(d, esop.ValidateOptions{})
	if len(ps) != 2 || problemAt(t, ps, "steps").Code != "too_many" || problemAt(t, ps, "actors").Code != "too_many" {
		t.Errorf("got %v", ps)
	}
	if ps := esop.Validate(chain(esop.MaxActors, esop.MaxSteps), esop.ValidateOptions{}); ps.HasErrors() {
		t.Errorf("a document at the limits: %v", ps.Errors())
	}
}

// TestRowLimitsShrinkWithActors: the same row is accepted with few
// pelaksana and refused, at the row's path, with many.
func TestRowLimitsShrinkWithActors(t *testing.T) {
	few, many := esop.RowLimitsFor(3), esop.RowLimitsFor(esop.MaxActors)
	if !(few.Activity > many.Activity && few.Note > many.Note && few.Row > many.Row) {
		t.Fatalf("limits do not shrink: %+v, %+v", few, many)
	}
	for _, actors := range []int{3, esop.MaxActors} {
		d := chain(actors, 4)
		d.Steps[1].Activity = "Memeriksa " + strings.Repeat("b", many.Activity)
		ps := esop.Validate(d, esop.ValidateOptions{})
		refused := false
		for _, p := range ps.Errors() {
			refused = refused || p.Path == "steps[1].activity" && p.Code == "too_long"
		}
		if refused != (actors == esop.MaxActors) {
			t.Errorf("%d actors: refused %v: %v", actors, refused, ps.Errors())
		}
	}
	// The five cells of a row together.
	rl := esop.RowLimitsFor(1)
	d := chain(1, 3)
	s := &d.Steps[1]
	s.Activity = strings.Repeat("a", rl.Activity)
	s.Output = strings.Repeat("o", rl.Row-rl.Activity)
	if ps := esop.Validate(d, esop.ValidateOptions{}); ps.HasErrors() {
		t.Errorf("a row at its limit: %v", ps.Errors())
	}
	s.Note = "x"
	if p := problemAt(t, esop.Validate(d, esop.ValidateOptions{}), "steps[1]"); p.Code != "row_too_long" {
		t.Errorf("a row over its limit: %+v", p)
	}
}

// TestCrossingArrows: rejections jumping to one end pass between the
// same rows; more than the connectors of a page break can hold is
// refused at the row below the crowded gap.
func TestCrossingArrows(t *testing.T) {
	rejections := func(actors, k int) *esop.Document {
		d := chain(actors, k+3)
		last := d.Steps[len(d.Steps)-1].ID
		for i := 1; i <= k; i++ {
			d.Steps[i].Decision = &esop.Decision{Yes: d.Steps[i+1].ID, No: last}
		}
		d.Steps[k+1].End = true
		return d
	}
	limit := esop.RowLimitsFor(1).Crossing
	// k decisions: below the last, its "yes" arrow and all k "no" arrows
	// pass between two rows.
	if ps := esop.Validate(rejections(1, limit-1), esop.ValidateOptions{}); ps.HasErrors() {
		t.Errorf("at the limit: %v", ps.Errors())
	}
	ps := esop.Validate(rejections(1, limit), esop.ValidateOptions{})
	p := problemAt(t, ps, fmt.Sprintf("steps[%d]", limit+1))
	if p.Code != "too_many_arrows" || !strings.Contains(p.Message.EN, "connectors") {
		t.Errorf("over the limit: %+v", p)
	}
	if ps := esop.Validate(rejections(4, limit), esop.ValidateOptions{}); ps.HasErrors() {
		t.Errorf("the same with four actors: %v", ps.Errors())
	}
}

func TestCountsAndTimes(t *testing.T) {
	d := chain(2, 3)
	d.Qualifications = make([]string, esop.MaxListItems+1)
	for i := range d.Qualifications {
		d.Qualifications[i] = "S1"
	}
	d.Steps[0].Requirements = strings.Fields(strings.Repeat("KTP ", esop.MaxRequirements+1))
	d.Steps[1].Time = &esop.Duration{Value: esop.MaxTimeValue + 1, Unit: esop.UnitDay}
	d.Steps[2].Time = &esop.Duration{Value: 1e-9, Unit: esop.UnitMinute}
	d.Title = strings.Repeat("J", esop.MaxTitleLen+1)
	ps := esop.Validate(d, esop.ValidateOptions{})
	for path, code := range map[string]string{"qualifications": "too_many", "steps[0].requirements": "too_many",
		"steps[1].time.value": "range", "steps[2].time.value": "range", "title": "too_long"} {
		if p := problemAt(t, ps, path); p.Code != code {
			t.Errorf("%s: got %+v, want %s", path, p, code)
		}
	}
	for _, p := range ps {
		if strings.HasPrefix(p.Path, "qualifications[") {
			t.Errorf("the items of a list over its limit are reported one by one: %v", p)
		}
	}
}

// TestValidateBlankItems: an item holding nothing but spaces is warned
// of with its path; the document is accepted.
func TestValidateBlankItems(t *testing.T) {
	d, ps := esop.DecodeDocument(readExample(t, "ak1-kartu-pencari-kerja.json"))
	if ps.HasErrors() {
		t.Fatal(ps.Errors())
	}
	d.Equipment = []string{"Komputer", " "}
	d.Steps[0].Requirements = []string{"", "KTP"}
	ps = esop.Validate(d, esop.ValidateOptions{})
	if ps.HasErrors() {
		t.Fatalf("errors: %v", ps.Errors())
	}
	var paths []string
	for _, p := range ps {
		if p.Code == "blank_item" {
			paths = append(paths, p.Path)
			if p.Severity != esop.SeverityWarning || p.Message.ID != "butir kosong; tidak dicetak" {
				t.Errorf("problem %+v", p)
			}
		}
	}
	if want := []string{"equipment[1]", "steps[0].requirements[0]"}; !slices.Equal(paths, want) {
		t.Errorf("blank items warned of at %v, want %v", paths, want)
	}
}

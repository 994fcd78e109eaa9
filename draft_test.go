package esop

import (
	"strings"
	"testing"
)

func TestCheckDraftAndSubmit(t *testing.T) {
	valid := &Document{Format: FormatV1, Title: "T", Agency: "A", Unit: "U",
		Actors: []Actor{{ID: "a1", Name: "Petugas"}},
		Steps:  []Step{{ID: "s1", Activity: "Menerima berkas", Actor: "a1"}}}
	if err := CheckDraft(valid); err != nil {
		t.Errorf("a valid draft: %v", err)
	}
	if err := CheckSubmit(valid); err != nil {
		t.Errorf("submitting a valid draft: %v", err)
	}
	half := valid.Clone()
	half.Title = ""
	half.Steps = append(half.Steps, Step{ID: "s2", Actor: "a9"})
	if err := CheckDraft(half); err != nil {
		t.Errorf("a half-finished draft cannot be kept: %v", err)
	}
	err := CheckSubmit(half)
	var e *Error
	if !asErr(err, &e) || e.Code != EINVALID {
		t.Fatalf("submitting a half-finished draft: %v", err)
	}
	n := len(Validate(half, ValidateOptions{}).Errors())
	if len(e.Problems) != n || len(e.Problems.Warnings()) != 0 || !strings.Contains(e.Message.ID, "masih ada") || !strings.Contains(e.Message.EN, "still has") {
		t.Errorf("the refusal lists %d problems (%d errors): %q", len(e.Problems), n, e.Message)
	}
	for name, change := range map[string]func(d *Document){
		"no unit":  func(d *Document) { d.Unit = "" },
		"approved": func(d *Document) { d.Approval = &Approval{Position: "Kepala", Name: "X"} },
		"format":   func(d *Document) { d.Format = "x" },
	} {
		d := valid.Clone()
		change(d)
		err := CheckDraft(d)
		if !asErr(err, &e) || e.Code != EINVALID || len(e.Problems) != 1 || !strings.HasPrefix(e.Message.ID, "Draf tidak dapat disimpan: ") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

package esop_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// withEffort returns minimalDoc with its second step ("Memeriksa
// berkas") given the members extra (`"effort":{...}`).
func withEffort(extra string) string {
	return strings.Replace(withMembers(""), `"activity":"Memeriksa berkas","actor":"a"`, `"activity":"Memeriksa berkas","actor":"a",`+extra, 1)
}

// TestEffortRoundTrip: an effort is read, kept apart from the time, and
// written back as it was, so the content hash of a document without one
// does not change.
func TestEffortRoundTrip(t *testing.T) {
	in := withEffort(`"time":{"value":3,"unit":"day"},"effort":{"value":45,"unit":"minute"}`)
	docs, ps := esop.CheckDocuments([]byte(in), esop.ValidateOptions{})
	if ps.HasErrors() {
		t.Fatal(ps.Errors())
	}
	s := docs[0].Steps[1]
	if s.Effort == nil || *s.Effort != (esop.Duration{Value: 45, Unit: esop.UnitMinute}) || s.Time.Unit != esop.UnitDay {
		t.Fatalf("effort %+v, time %+v", s.Effort, s.Time)
	}
	b, err := json.Marshal(docs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"effort":{"value":45,"unit":"minute"}`) {
		t.Errorf("encoded without its effort: %s", b)
	}
	back, ps := esop.DecodeDocument(b)
	if ps.HasErrors() || esop.ContentHash(back) != esop.ContentHash(docs[0]) {
		t.Errorf("round trip changed the document: %v", ps)
	}
	// A document without efforts encodes no "effort" key at all.
	plain, _ := esop.DecodeDocument([]byte(withMembers("")))
	if b, _ := json.Marshal(plain); strings.Contains(string(b), "effort") {
		t.Errorf("an empty effort is written: %s", b)
	}
}

// TestEffortErrors: an effort in days or another unit, without a unit,
// of zero, as text or longer than a working year is an error at its
// path with an Indonesian and an English message; one longer than the
// step's elapsed time is a warning.
func TestEffortErrors(t *testing.T) {
	tests := []struct {
		name, members, path, code, id string
		warning                       bool
	}{
		{"in days", `"effort":{"value":2,"unit":"day"}`, "steps[1].effort.unit", "effort_unit", `norma waktu dalam "hari" tidak diterima`, false},
		{"in weeks", `"effort":{"value":1,"unit":"week"}`, "steps[1].effort.unit", "effort_unit", `norma waktu dalam "minggu"`, false},
		{"an unknown unit", `"effort":{"value":1,"unit":"fortnight"}`, "steps[1].effort.unit", "effort_unit", `"fortnight"`, false},
		{"no unit", `"effort":{"value":30}`, "steps[1].effort.unit", "required", "satuan norma waktu wajib diisi", false},
		{"zero", `"effort":{"value":0,"unit":"minute"}`, "steps[1].effort.value", "effort_value", "harus lebih dari 0", false},
		{"negative", `"effort":{"value":-5,"unit":"hour"}`, "steps[1].effort.value", "effort_value", "harus lebih dari 0", false},
		{"beyond a working year", `"effort":{"value":1251,"unit":"hour"}`, "steps[1].effort.value", "effort_value", "melebihi satu tahun kerja", false},
		{"longer than its time", `"time":{"value":30,"unit":"minute"},"effort":{"value":1,"unit":"hour"}`, "steps[1].effort", "effort_over_time", "lebih lama dari waktu penyelesaian", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := esop.CheckDocuments([]byte(withEffort(tt.members)), esop.ValidateOptions{})
			p := problemAt(t, ps, tt.path)
			if p.Code != tt.code || !strings.Contains(p.Message.ID, tt.id) || p.Message.EN == "" {
				t.Errorf("got %+v", p)
			}
			if (p.Severity == esop.SeverityWarning) != tt.warning {
				t.Errorf("severity %s", p.Severity)
			}
		})
	}
	// Text is not an effort: the decoder refuses the key.
	_, ps := esop.CheckDocuments([]byte(withEffort(`"effort":{"text":"sebentar"}`)), esop.ValidateOptions{})
	if p := problemAt(t, ps, "steps[1].effort.text"); p.Code != "unknown_key" {
		t.Errorf("text effort: %+v", p)
	}
	_, ps = esop.CheckDocuments([]byte(withEffort(`"effort":"45 menit"`)), esop.ValidateOptions{})
	if p := problemAt(t, ps, "steps[1].effort"); p.Code != "type" {
		t.Errorf("string effort: %+v", p)
	}
}

// TestNormOf: the norma waktu is the effort; else the time when it is
// in minutes or hours, as an estimate; else unknown.
func TestNormOf(t *testing.T) {
	d := func(v float64, u string) *esop.Duration { return &esop.Duration{Value: v, Unit: u} }
	tests := []struct {
		name string
		step esop.Step
		want esop.Norm
	}{
		{"effort in minutes", esop.Step{Effort: d(45, esop.UnitMinute), Time: d(3, esop.UnitDay)}, esop.Norm{Minutes: 45, Known: true}},
		{"effort in hours", esop.Step{Effort: d(1.5, esop.UnitHour)}, esop.Norm{Minutes: 90, Known: true}},
		{"time in minutes", esop.Step{Time: d(30, esop.UnitMinute)}, esop.Norm{Minutes: 30, Estimate: true, Known: true}},
		{"time in hours", esop.Step{Time: d(2, esop.UnitHour)}, esop.Norm{Minutes: 120, Estimate: true, Known: true}},
		{"time in days", esop.Step{Time: d(2, esop.UnitDay)}, esop.Norm{}},
		{"time as text", esop.Step{Time: &esop.Duration{Text: "sesuai jadwal"}}, esop.Norm{}},
		{"nothing", esop.Step{}, esop.Norm{}},
	}
	for _, tt := range tests {
		if got := esop.NormOf(&tt.step); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestDiffEffort: a changed effort is a changed cell of its row.
func TestDiffEffort(t *testing.T) {
	a, _ := esop.DecodeDocument([]byte(withEffort(`"effort":{"value":45,"unit":"minute"}`)))
	b, _ := esop.DecodeDocument([]byte(withEffort(`"effort":{"value":1,"unit":"hour"}`)))
	d := esop.Diff(a, b)
	if len(d.Steps) != 1 || len(d.Steps[0].Cells) != 1 || d.Steps[0].Cells[0] != (esop.CellChange{esop.CellEffort, "45 menit", "1 jam"}) {
		t.Errorf("diff %+v", d.Steps)
	}
}

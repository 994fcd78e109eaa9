package esop

import (
	"fmt"
	"slices"
)

// A step's effort is its norma waktu: the working minutes one person
// spends on one unit of its output (a 3-day "meneliti berkas" may be 45
// minutes of work). It is kept beside the step's time, the elapsed
// standard (Mutu Baku — Waktu), and is what the workload analysis (ABK,
// workload.go) multiplies by the yearly volume. It is given in minutes
// or hours only: a working day has no fixed number of working minutes
// for one task, and an effort in days is almost always an elapsed time
// written in the wrong place.

// EffortUnits are the units an effort may be given in.
var EffortUnits = []string{UnitMinute, UnitHour}

// MaxEffortMinutes is the largest effort accepted for one step: a
// person-year of work (the default WKE, 75,000 minutes). More than that
// for one unit of output is a mistake of unit or of field.
const MaxEffortMinutes = 75000

// Minutes returns an effort, or a time in minutes or hours, in minutes;
// 0 for anything else.
func (t *Duration) Minutes() float64 {
	if !t.IsMeasured() {
		return 0
	}
	switch t.Unit {
	case UnitMinute:
		return t.Value
	case UnitHour:
		return t.Value * 60
	}
	return 0
}

// Norm is where the norma waktu of a step comes from.
type Norm struct {
	Minutes float64
	// Estimate is true when the step has no effort and its elapsed time,
	// given in minutes or hours, stands in for it.
	Estimate bool
	// Known is false when neither gives one: no effort, and a time in
	// days, weeks or months, as text, or none.
	Known bool
}

// NormOf returns the norma waktu of step s: its effort; else its time
// when that is in minutes or hours, marked as an estimate; else unknown.
func NormOf(s *Step) Norm {
	if m := s.Effort.Minutes(); m > 0 {
		return Norm{Minutes: m, Known: true}
	}
	if m := s.Time.Minutes(); m > 0 {
		return Norm{Minutes: m, Estimate: true, Known: true}
	}
	return Norm{}
}

// decodeEffort reads a step's "effort": an object {value, unit}.
func decodeEffort(w walker, m map[string]any, path string) *Duration {
	ev, ok := m["effort"]
	if !ok || ev == nil {
		return nil
	}
	p := joinPath(path, "effort")
	em := w.object(ev, p, "norma waktu/effort")
	if em == nil {
		return nil
	}
	w.keys(em, p, "value", "unit")
	val, _ := w.number(em, "value", p)
	return &Duration{Value: val, Unit: w.str(em, "unit", p)}
}

// effort checks a step's effort: a value above 0 in minutes or hours,
// at most MaxEffortMinutes; and warns when it is longer than the step's
// own elapsed time, which it cannot be.
func (v *validator) effort(p string, e, elapsed *Duration) {
	if e == nil {
		return
	}
	switch {
	case e.Text != "":
		v.c.errorf(p+".text", "effort_text", "norma waktu harus berupa angka dan satuan (menit atau jam), bukan teks",
			"an effort is a value and a unit (minutes or hours), not text")
	case e.Unit == "":
		v.c.errorf(p+".unit", "required", "satuan norma waktu wajib diisi: minute (menit) atau hour (jam)",
			"the unit of the effort is required: minute or hour")
	case !slices.Contains(EffortUnits, e.Unit):
		name := e.Unit
		if n := unitNames[e.Unit].ID; n != "" {
			name = n
		}
		v.c.errorf(p+".unit", "effort_unit", "norma waktu dalam %q tidak diterima: tulis menit atau jam kerja satu orang untuk satu kali kegiatan (minute atau hour); waktu penyelesaian dalam hari diisi pada Waktu",
			"an effort in %q is not accepted: give the working minutes or hours of one person for one occurrence (minute or hour); an elapsed time in days belongs in time", name)
	case e.Value <= 0:
		v.c.errorf(p+".value", "effort_value", "norma waktu harus lebih dari 0", "the effort must be greater than 0")
	case e.Minutes() > MaxEffortMinutes:
		v.c.addText(SeverityError, p+".value", "effort_value", Text{
			ID: fmt.Sprintf("norma waktu %s melebihi satu tahun kerja (%d menit) untuk satu kali kegiatan", e.In("id"), MaxEffortMinutes),
			EN: fmt.Sprintf("an effort of %s is more than a working year (%d minutes) for one occurrence", e.In("en"), MaxEffortMinutes)})
	case elapsed.IsMeasured() && e.Minutes() > elapsed.WorkingMinutes():
		v.c.addText(SeverityWarning, p, "effort_over_time", Text{
			ID: fmt.Sprintf("norma waktu (%s) lebih lama dari waktu penyelesaian (%s); norma waktu adalah waktu kerja, tidak dapat melebihi waktunya", e.In("id"), elapsed.In("id")),
			EN: fmt.Sprintf("the effort (%s) is longer than the elapsed time (%s); an effort is working time and cannot exceed it", e.In("en"), elapsed.In("en"))})
	}
}

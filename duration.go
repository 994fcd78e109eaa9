package esop

import (
	"strconv"
	"strings"
)

// Working-time conversions used only to compare durations of different
// units (a total against a service standard). A working day is 7.5 hours
// (37.5 hours a week, Perpres 21/2023), a week 5 working days, a month 20
// working days. Printed totals are never converted: they are summed per unit.
var workingMinutes = map[string]float64{
	UnitMinute: 1, UnitHour: 60, UnitDay: 450, UnitWeek: 5 * 450, UnitMonth: 20 * 450,
}

var unitNames = map[string]Text{
	UnitMinute: {"menit", "minute"}, UnitHour: {"jam", "hour"}, UnitDay: {"hari", "day"},
	UnitWeek: {"minggu", "week"}, UnitMonth: {"bulan", "month"},
}

// WorkingMinutes returns the duration in working minutes; a duration
// given only as text counts as 0.
func (t *Duration) WorkingMinutes() float64 {
	if t == nil {
		return 0
	}
	return t.Value * workingMinutes[t.Unit]
}

// IsMeasured reports whether the duration has a value and unit that can be summed.
func (t *Duration) IsMeasured() bool { return t != nil && t.Unit != "" && t.Value > 0 }

// Indonesian returns the duration as printed in the WAKTU column: its
// text when one is given, else "2 menit", "0,5 hari".
func (t *Duration) Indonesian() string { return t.In("id") }

// In returns the duration as printed in lang ("id" or "en").
func (t *Duration) In(lang string) string {
	if t == nil {
		return ""
	}
	if t.Text != "" {
		return t.Text
	}
	return formatAmount(t.Value, t.Unit, lang)
}

func formatAmount(v float64, unit, lang string) string {
	num := strconv.FormatFloat(v, 'f', -1, 64)
	name := unitNames[unit].In(lang)
	if name == "" {
		name = unit
	}
	if lang == "id" {
		num = strings.Replace(num, ".", ",", 1)
	} else if v != 1 {
		name += "s"
	}
	return num + " " + name
}

// Total is the sum of the WAKTU column, kept per unit as the printed
// total is ("1 hari 15 menit"): working days, hours and minutes are not
// converted into each other.
type Total struct {
	Sums       map[string]float64 // unit → summed value
	Unmeasured int                // steps whose time is only text or missing
}

// TotalTime sums the measured times of every step of d, per unit.
func TotalTime(d *Document) Total {
	t := Total{Sums: map[string]float64{}}
	for _, s := range d.Steps {
		if s.Time.IsMeasured() {
			t.Sums[s.Time.Unit] += s.Time.Value
		} else {
			t.Unmeasured++
		}
	}
	return t
}

// WorkingMinutes returns the total converted to working minutes, for comparisons only.
func (t Total) WorkingMinutes() float64 {
	var m float64
	for u, v := range t.Sums {
		m += v * workingMinutes[u]
	}
	return m
}

// IsZero reports whether no step has a measured time.
func (t Total) IsZero() bool { return len(t.Sums) == 0 }

// Indonesian returns the total as printed under the flowchart, largest
// unit first: "2 hari 15 menit".
func (t Total) Indonesian() string { return t.In("id") }

// In returns the total in lang ("id" or "en").
func (t Total) In(lang string) string {
	var parts []string
	for i := len(TimeUnits) - 1; i >= 0; i-- {
		if v, ok := t.Sums[TimeUnits[i]]; ok {
			parts = append(parts, formatAmount(v, TimeUnits[i], lang))
		}
	}
	if lang == "en" {
		return strings.Join(parts, ", ")
	}
	return strings.Join(parts, " ")
}

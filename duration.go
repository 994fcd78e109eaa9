package esop

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// compareMinutes are the working minutes by which times of different
// units are compared, as the spec's "The total time" says: a day is 8
// hours, a week 5 days, a month 22 days. They choose the longest path
// and compare a total with a service standard; a printed time or total
// is never converted by them.
var compareMinutes = map[string]float64{
	UnitMinute: 1, UnitHour: 60, UnitDay: 8 * 60, UnitWeek: 5 * 8 * 60, UnitMonth: 22 * 8 * 60,
}

var unitNames = map[string]Text{
	UnitMinute: {"menit", "minute"}, UnitHour: {"jam", "hour"}, UnitDay: {"hari", "day"},
	UnitWeek: {"minggu", "week"}, UnitMonth: {"bulan", "month"},
}

// IsUnitWord reports whether w is the Indonesian name of a time unit as
// times and totals print it ("menit", "jam", "hari", "minggu", "bulan").
func IsUnitWord(w string) bool {
	for _, n := range unitNames {
		if n.ID == w {
			return true
		}
	}
	return false
}

// WorkingMinutes returns the duration in comparison minutes (a day as 8
// hours, a week as 5 days, a month as 22 days); a duration given only as
// text, or none, counts as 0. It is for comparing durations, never for
// printing them.
func (t *Duration) WorkingMinutes() float64 {
	if !t.IsMeasured() {
		return 0
	}
	return t.Value * compareMinutes[t.Unit]
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

// Total is the time of an SOP as the line under its last row (Jumlah
// waktu) and every total of the application give it: the time along the
// longest path from the first step to an end that follows no arrow back
// to the same or an earlier row (NoReworkPath), the most a case takes
// without rework. Exclusive branches are alternatives, never added.
//
// Each unit is summed on its own; minutes are carried into hours (90
// minutes print as "1 jam 30 menit"), but days are never turned into
// weeks nor hours into days, since a working day has no fixed number of
// hours. Steps on the path whose time is only text ("sesuai jadwal") add
// nothing to the sums and are named after them.
type Total struct {
	Sums map[string]float64 // unit → summed value, minutes carried into hours
	Path []int              // the steps of the path, by index
	Text []TextTime         // the steps of the path whose time is only text
}

// TextTime is a step whose time is text rather than a duration.
type TextTime struct {
	Row  int    // the printed number of the step (NO), from 1
	Text string // its time as written
}

// TotalTime returns the total time of d along NoReworkPath. A document
// whose first step reaches no end without going back has no total (the
// zero Total).
func TotalTime(d *Document) Total {
	t := Total{Sums: map[string]float64{}, Path: NoReworkPath(d)}
	for _, i := range t.Path {
		tm := d.Steps[i].Time
		switch {
		case tm.IsMeasured():
			t.Sums[tm.Unit] += tm.Value
		case tm != nil && strings.TrimSpace(tm.Text) != "":
			t.Text = append(t.Text, TextTime{Row: i + 1, Text: strings.TrimSpace(tm.Text)})
		}
	}
	t.carry()
	return t
}

// carry carries minutes into hours and rounds every sum to a millionth,
// so that sums of fractions print as typed (0,3 hari, not 0,30000000004).
func (t *Total) carry() {
	if m, ok := t.Sums[UnitMinute]; ok || t.Sums[UnitHour] != 0 {
		m = round6(m + 60*t.Sums[UnitHour])
		h := math.Floor(m/60 + 1e-9)
		delete(t.Sums, UnitMinute)
		delete(t.Sums, UnitHour)
		if h > 0 {
			t.Sums[UnitHour] = h
		}
		if rest := round6(m - 60*h); rest > 0 {
			t.Sums[UnitMinute] = rest
		}
	}
	for u, v := range t.Sums {
		t.Sums[u] = round6(v)
	}
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// WorkingMinutes returns the total in comparison minutes (a day as 8
// hours, a week as 5 days, a month as 22 days), for comparisons only.
func (t Total) WorkingMinutes() float64 {
	var m float64
	for u, v := range t.Sums {
		m += v * compareMinutes[u]
	}
	return m
}

// IsZero reports whether there is nothing to print: no step on the path
// has a measured time nor a time given as text.
func (t Total) IsZero() bool { return len(t.Sums) == 0 && len(t.Text) == 0 }

// Indonesian returns the total as printed under the flowchart, largest
// unit first: "2 hari 3 jam 15 menit", then the steps whose time is
// text: "2 hari ditambah waktu kegiatan 4 (sesuai jadwal)".
func (t Total) Indonesian() string { return t.In("id") }

// In returns the total in lang ("id" or "en").
func (t Total) In(lang string) string {
	var parts []string
	for i := len(TimeUnits) - 1; i >= 0; i-- {
		if v, ok := t.Sums[TimeUnits[i]]; ok {
			parts = append(parts, formatAmount(v, TimeUnits[i], lang))
		}
	}
	sep := " "
	if lang == "en" {
		sep = ", "
	}
	sums := strings.Join(parts, sep)
	text := t.textSteps(lang)
	switch {
	case text == "":
		return sums
	case sums == "":
		return text
	case lang == "en":
		return sums + " plus " + text
	}
	return sums + " ditambah " + text
}

// Limits of the naming of text times after a total, so that the line
// stays on one line of the page: their texts are quoted for at most
// maxQuoted steps whose texts together are at most maxQuotedRunes long;
// otherwise the steps are named by number (at most maxNamedRows, the
// rest counted) and the reader is sent to the Waktu column.
const (
	maxQuoted      = 3
	maxQuotedRunes = 60
	maxNamedRows   = 8
)

// textSteps names the steps of the path whose time is text: "waktu
// kegiatan 4 (sesuai jadwal) dan 7 (menunggu sidang)"; "" when there are none.
func (t Total) textSteps(lang string) string {
	if len(t.Text) == 0 {
		return ""
	}
	quote := len(t.Text) <= maxQuoted
	runes := 0
	for _, s := range t.Text {
		runes += utf8.RuneCountInString(s.Text)
	}
	quote = quote && runes <= maxQuotedRunes
	var names []string
	for i, s := range t.Text {
		if i == maxNamedRows {
			break
		}
		n := strconv.Itoa(s.Row)
		if quote {
			n += " (" + s.Text + ")"
		}
		names = append(names, n)
	}
	and, of, others, see := " dan ", "waktu kegiatan ", " lainnya", " (lihat kolom Waktu)"
	if lang == "en" {
		and, of, others, see = " and ", "the time of step ", " more", " (see the Waktu column)"
		if len(t.Text) > 1 {
			of = "the time of steps "
		}
	}
	if rest := len(t.Text) - len(names); rest > 0 {
		names = append(names, strconv.Itoa(rest)+others)
	}
	list := names[0]
	if len(names) > 1 {
		list = strings.Join(names[:len(names)-1], ", ") + and + names[len(names)-1]
	}
	if !quote {
		return of + list + see
	}
	return of + list
}

package esop_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/esop-malang/esop"
)

// TestTotalTime checks the total as the spec's "The total time" defines
// it: along the longest path without rework, units compared with a day as
// 8 hours, a week as 5 days and a month as 22 days, each unit summed on
// its own, minutes carried into hours, text times named after the total.
func TestTotalTime(t *testing.T) {
	tests := []struct {
		name   string
		doc    *esop.Document
		id, en string
		path   []int
	}{
		{"minutes carried into hours (not 82 menit)", flowDoc("s1 a 30m", "s2 b 52m"),
			"1 jam 22 menit", "1 hour, 22 minutes", []int{0, 1}},
		{"whole hours (not 600 menit)", flowDoc("s1 a 240m", "s2 b 360m"), "10 jam", "10 hours", []int{0, 1}},
		{"hours and minutes together", flowDoc("s1 a 1.5h", "s2 b 45m", "s3 b 2h"), "4 jam 15 menit", "4 hours, 15 minutes", []int{0, 1, 2}},
		{"hours never turned into days", flowDoc("s1 a 6h", "s2 b 5h"), "11 jam", "11 hours", []int{0, 1}},
		{"days never turned into weeks", flowDoc("s1 a 1w", "s2 b 6d", "s3 b 30m"), "1 minggu 6 hari 30 menit", "1 week, 6 days, 30 minutes", []int{0, 1, 2}},
		{"every unit, largest first", flowDoc("s1 a 15m", "s2 b 1mo", "s3 b 2d", "s4 b 1w", "s5 b 3h"),
			"1 bulan 1 minggu 2 hari 3 jam 15 menit", "1 month, 1 week, 2 days, 3 hours, 15 minutes", []int{0, 1, 2, 3, 4}},
		{"fractions as typed", flowDoc("s1 a 0.1d", "s2 b 0.2d"), "0,3 hari", "0.3 days", []int{0, 1}},
		{"exclusive branches are not added (21, not 23 days)",
			flowDoc("s1 a 1d", "s2 b 1d yes=s3 no=s4", "s3 b 14d next=s5", "s4 b 2d", "s5 b 5d"),
			"21 hari", "21 days", []int{0, 1, 2, 4}},
		{"the longer branch is the no branch", flowDoc("s1 a 1d", "s2 b 1h yes=s3 no=s4", "s3 b 2h next=s5", "s4 b 1d", "s5 b 10m"),
			"2 hari 1 jam 10 menit", "2 days, 1 hour, 10 minutes", []int{0, 1, 3, 4}},
		{"rework is not counted", flowDoc("s1 a 10m", "s2 b 5m", "s3 b 1h yes=s4 no=s2", "s4 b 2h yes=s5 no=s1", "s5 b 15m"),
			"3 jam 30 menit", "3 hours, 30 minutes", []int{0, 1, 2, 3, 4}},
		{"several ends: the longest", flowDoc("s1 a 10m", "s2 b 1h yes=s4 no=s3", "s3 b 3d end", "s4 b 1d", "s5 b 1d"),
			"3 hari 1 jam 10 menit", "3 days, 1 hour, 10 minutes", []int{0, 1, 2}},
		{"several ends: the main one", flowDoc("s1 a 10m", "s2 b 1h yes=s4 no=s3", "s3 b 5m end", "s4 b 1d", "s5 b 1d"),
			"2 hari 1 jam 10 menit", "2 days, 1 hour, 10 minutes", []int{0, 1, 3, 4}},
		{"a day is 8 hours, not 7.5: 1 day beats 7.75 hours", flowDoc("s1 a - yes=s2 no=s3", "s2 b 1d end", "s3 b 7.75h"),
			"1 hari", "1 day", []int{0, 1}},
		{"a day is 8 hours: 9 hours beat 1 day", flowDoc("s1 a - yes=s2 no=s3", "s2 b 1d end", "s3 b 9h"),
			"9 jam", "9 hours", []int{0, 2}},
		{"a week is 5 days: 6 days beat 1 week", flowDoc("s1 a - yes=s2 no=s3", "s2 b 1w end", "s3 b 6d"),
			"6 hari", "6 days", []int{0, 2}},
		{"a month is 22 days, not 20: 1 month beats 21 days", flowDoc("s1 a - yes=s2 no=s3", "s2 b 1mo end", "s3 b 21d"),
			"1 bulan", "1 month", []int{0, 1}},
		{"a text time on the path is named", flowDoc("s1 a 15m", "s2 b text", "s3 b 2d"),
			"2 hari 15 menit ditambah waktu kegiatan 2 (sesuai jadwal)", "2 days, 15 minutes plus the time of step 2 (sesuai jadwal)", []int{0, 1, 2}},
		{"a text time off the path is not", flowDoc("s1 a 15m yes=s2 no=s3", "s2 b text end", "s3 b 2d"),
			"2 hari 15 menit", "2 days, 15 minutes", []int{0, 2}},
		{"only text times", flowDoc("s1 a text", "s2 b -", "s3 b text"),
			"waktu kegiatan 1 (sesuai jadwal) dan 3 (sesuai jadwal)", "the time of steps 1 (sesuai jadwal) and 3 (sesuai jadwal)", []int{0, 1, 2}},
		{"many text times by number", flowDoc("s1 a text", "s2 b text", "s3 b 1h", "s4 b text", "s5 b text"),
			"1 jam ditambah waktu kegiatan 1, 2, 4 dan 5 (lihat kolom Waktu)", "1 hour plus the time of steps 1, 2, 4 and 5 (see the Waktu column)", []int{0, 1, 2, 3, 4}},
		{"steps without a time add nothing", flowDoc("s1 a -", "s2 b 20m"), "20 menit", "20 minutes", []int{0, 1}},
		{"nothing to print", flowDoc("s1 a -", "s2 b -"), "", "", []int{0, 1}},
		{"no end without going back", flowDoc("s1 a 1h", "s2 b 1h next=s1"), "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tot := esop.TotalTime(tt.doc)
			if got := tot.Indonesian(); got != tt.id {
				t.Errorf("id %q, want %q", got, tt.id)
			}
			if got := tot.In("en"); got != tt.en {
				t.Errorf("en %q, want %q", got, tt.en)
			}
			if !slices.Equal(tot.Path, tt.path) {
				t.Errorf("path %v, want %v", tot.Path, tt.path)
			}
			if tot.IsZero() != (tt.id == "") {
				t.Errorf("IsZero %v for %q", tot.IsZero(), tt.id)
			}
		})
	}
}

// TestTotalTimeNamesTheTexts checks that each text time is quoted as
// written, and that a long list is cut with a count, never silently.
func TestTotalTimeNamesTheTexts(t *testing.T) {
	d := flowDoc("s1 a 1d", "s2 b text", "s3 b 2h")
	d.Steps[1].Time.Text = "menunggu jadwal sidang"
	if got := esop.TotalTime(d).Indonesian(); got != "1 hari 2 jam ditambah waktu kegiatan 2 (menunggu jadwal sidang)" {
		t.Errorf("got %q", got)
	}
	d.Steps[0].Time = &esop.Duration{Text: "selama masa pendaftaran yang diumumkan di laman resmi dinas"}
	if got := esop.TotalTime(d).Indonesian(); got != "2 jam ditambah waktu kegiatan 1 dan 2 (lihat kolom Waktu)" {
		t.Errorf("long texts: got %q", got)
	}
	rows := make([]string, 12)
	for i := range rows {
		rows[i] = "s" + string(rune('a'+i)) + " b text"
	}
	if got := esop.TotalTime(flowDoc(rows...)).Indonesian(); got != "waktu kegiatan 1, 2, 3, 4, 5, 6, 7, 8 dan 4 lainnya (lihat kolom Waktu)" {
		t.Errorf("got %q", got)
	}
}

// TestTotalTimeCompares checks the comparison minutes of a total: the
// same 8-hour day, 5-day week and 22-day month that choose the path.
func TestTotalTimeCompares(t *testing.T) {
	tot := esop.TotalTime(flowDoc("s1 a 1mo", "s2 b 1w", "s3 b 1d", "s4 b 1h", "s5 b 1m"))
	if got, want := tot.WorkingMinutes(), float64(22*480+5*480+480+60+1); got != want {
		t.Errorf("WorkingMinutes = %v, want %v", got, want)
	}
	if got := (&esop.Duration{Value: 1.5, Unit: esop.UnitDay}).WorkingMinutes(); got != 720 {
		t.Errorf("1,5 hari = %v minutes", got)
	}
	if got := (&esop.Duration{Text: "sesuai jadwal"}).WorkingMinutes(); got != 0 {
		t.Errorf("a text time = %v minutes", got)
	}
}

// TestServiceStandardUsesTheTotal checks that the validator compares the
// service standard with the total along the longest path, not with the
// sum of every row: exclusive branches are not added together.
func TestServiceStandardUsesTheTotal(t *testing.T) {
	d := flowDoc("s1 a 1d", "s2 b 1d yes=s3 no=s4", "s3 b 14d next=s5", "s4 b 2d", "s5 b 5d")
	d.Category = esop.CategoryPelayanan
	for _, tc := range []struct {
		std  esop.Duration
		warn string
	}{
		{esop.Duration{Value: 21, Unit: esop.UnitDay}, ""},
		{esop.Duration{Value: 1, Unit: esop.UnitMonth}, ""},
		{esop.Duration{Value: 20, Unit: esop.UnitDay}, "jumlah waktu (21 hari) melebihi jangka waktu standar pelayanan (20 hari)"},
		{esop.Duration{Value: 4, Unit: esop.UnitWeek}, "jumlah waktu (21 hari) melebihi jangka waktu standar pelayanan (4 minggu)"},
	} {
		var got string
		for _, p := range esop.Validate(d, esop.ValidateOptions{ServiceStandard: &tc.std}) {
			if p.Code == "over_service_standard" {
				got = p.Message.ID
				if p.Message.EN != "the total time (21 days) exceeds the service standard ("+tc.std.In("en")+")" {
					t.Errorf("en: %q", p.Message.EN)
				}
			}
		}
		if got != tc.warn {
			t.Errorf("standard %s: %q, want %q", tc.std.Indonesian(), got, tc.warn)
		}
	}
}

// BenchmarkTotalTime measures the total of a 500-row SOP with a decision
// every fifth row (one branch skipping ahead, one looping back), as the
// catalogue computes it for every SOP when it is built.
func BenchmarkTotalTime(b *testing.B) {
	rows := make([]string, 500)
	for i := range rows {
		id := "s" + strconv.Itoa(i)
		switch {
		case i%5 == 4 && i+3 < len(rows):
			rows[i] = id + " b 1h yes=s" + strconv.Itoa(i+1) + " no=s" + strconv.Itoa(i-2)
		case i%7 == 0:
			rows[i] = id + " a text"
		default:
			rows[i] = id + " a 25m"
		}
	}
	d := flowDoc(rows...)
	if esop.TotalTime(d).IsZero() {
		b.Fatal("no total")
	}
	b.ReportAllocs()
	for b.Loop() {
		esop.TotalTime(d)
	}
}

package esop_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// The dates of the SKBs as the project's domain notes list them
// (running-and-analysis.md, "Working days"), ranges expanded.
var skbDates = map[int]map[string][]string{
	2025: {
		esop.HolidayLibur: {"01-01", "01-27", "01-29", "03-29", "03-31", "04-01", "04-18", "04-20", "05-01",
			"05-12", "05-29", "06-01", "06-06", "06-27", "08-17", "09-05", "12-25"},
		esop.HolidayCutiBersama: {"01-28", "03-28", "04-02", "04-03", "04-04", "04-07", "05-13", "05-30",
			"06-09", "08-18", "12-26"},
	},
	2026: {
		esop.HolidayLibur: {"01-01", "01-16", "02-17", "03-19", "03-21", "03-22", "04-03", "04-05", "05-01",
			"05-14", "05-27", "05-31", "06-01", "06-16", "08-17", "08-25", "12-25"},
		esop.HolidayCutiBersama: {"02-16", "03-18", "03-20", "03-23", "03-24", "05-15", "05-28", "12-24"},
	},
}

func TestNationalHolidays(t *testing.T) {
	if got := esop.NationalHolidayYears(); !slices.Equal(got, []int{2025, 2026}) {
		t.Errorf("NationalHolidayYears = %v", got)
	}
	for year, kinds := range skbDates {
		hs := esop.NationalHolidays(year)
		got := map[string][]string{}
		for i, h := range hs {
			if ps := h.Validate(); len(ps) != 0 {
				t.Errorf("%d[%d] %+v: %v", year, i, h, ps)
			}
			if h.Date.Year != year {
				t.Errorf("%d[%d]: date %s of another year", year, i, h.Date)
			}
			if i > 0 && !hs[i-1].Date.Before(h.Date) {
				t.Errorf("%d[%d]: %s not after %s", year, i, h.Date, hs[i-1].Date)
			}
			if !strings.HasPrefix(h.Source, "SKB Menteri Agama, Menteri Ketenagakerjaan, dan Menteri PANRB Nomor ") {
				t.Errorf("%d[%d]: source %q", year, i, h.Source)
			}
			got[h.Kind] = append(got[h.Kind], h.Date.String()[5:])
		}
		for kind, want := range kinds {
			if !slices.Equal(got[kind], want) {
				t.Errorf("%d %s:\n got %v\nwant %v", year, kind, got[kind], want)
			}
		}
		if len(hs) != len(kinds[esop.HolidayLibur])+len(kinds[esop.HolidayCutiBersama]) {
			t.Errorf("%d: %d dates", year, len(hs))
		}
	}
	if esop.NationalHolidays(2019) != nil {
		t.Error("a year not shipped has dates")
	}
}

func TestNationalHolidayDetails(t *testing.T) {
	find := func(d string) esop.Holiday {
		for _, h := range esop.NationalHolidays(esop.MustDate(d).Year) {
			if h.Date == esop.MustDate(d) {
				return h
			}
		}
		t.Fatalf("%s not shipped", d)
		return esop.Holiday{}
	}
	tests := []struct{ date, kind, name, source string }{
		{"2025-08-18", esop.HolidayCutiBersama, "Kemerdekaan", "Nomor 933 Tahun 2025, Nomor 1 Tahun 2025, Nomor 3 Tahun 2025"},
		{"2025-08-17", esop.HolidayLibur, "Proklamasi Kemerdekaan", "Nomor 1017 Tahun 2024, Nomor 2 Tahun 2024, Nomor 2 Tahun 2024"},
		{"2025-03-31", esop.HolidayLibur, "Idul Fitri 1446 Hijriah", "Nomor 1017 Tahun 2024"},
		{"2026-03-21", esop.HolidayLibur, "Idul Fitri 1447 Hijriah", "Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025"},
		{"2026-02-16", esop.HolidayCutiBersama, "Cuti Bersama Tahun Baru Imlek 2577 Kongzili", "Nomor 1497 Tahun 2025"},
		{"2026-12-24", esop.HolidayCutiBersama, "Cuti Bersama Kelahiran Yesus Kristus", "Nomor 1497 Tahun 2025"},
	}
	for _, tt := range tests {
		h := find(tt.date)
		if h.Kind != tt.kind || !strings.Contains(h.Name, tt.name) || !strings.Contains(h.Source, tt.source) {
			t.Errorf("%s: %+v", tt.date, h)
		}
	}
}

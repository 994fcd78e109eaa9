package esop_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// wib is the fixed zone of Asia/Jakarta, for writing expectations.
var wib = time.FixedZone("WIB", 7*3600)

// at parses "2026-01-05 10:00" in WIB.
func wibAt(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, wib)
	if err != nil {
		panic(err)
	}
	return t
}

// officeCalendar is the default calendar (Monday to Friday, 08:00–16:00,
// WIB) with the shipped national dates of 2025 and 2026.
func officeCalendar(t testing.TB) *esop.Calendar {
	t.Helper()
	hs := append(esop.NationalHolidays(2025), esop.NationalHolidays(2026)...)
	c, err := esop.NewCalendar(esop.DefaultCalendarSettings(), hs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func measured(v float64, unit string) esop.Duration { return esop.Duration{Value: v, Unit: unit} }

func TestDueWorkingTime(t *testing.T) {
	c := officeCalendar(t)
	tests := []struct {
		name, from string
		d          esop.Duration
		want       string
	}{
		// Minutes and hours count working time only.
		{"minutes within the day", "2026-01-05 10:00", measured(30, "minute"), "2026-01-05 10:30"},
		{"hours ending at closing stay at closing", "2026-01-05 10:00", measured(6, "hour"), "2026-01-05 16:00"},
		{"hours over the evening", "2026-01-05 15:30", measured(1, "hour"), "2026-01-06 08:30"},
		{"hours over the weekend", "2026-01-09 15:00", measured(2, "hour"), "2026-01-12 09:00"},
		{"a full working day of hours", "2026-01-05 08:00", measured(8, "hour"), "2026-01-05 16:00"},
		{"hours across a holiday", "2025-12-31 15:00", measured(2, "hour"), "2026-01-02 09:00"},
		// A start outside working hours counts from the next opening.
		{"start before opening", "2026-01-05 06:00", measured(30, "minute"), "2026-01-05 08:30"},
		{"start after closing", "2026-01-05 17:00", measured(1, "hour"), "2026-01-06 09:00"},
		{"start exactly at closing", "2026-01-05 16:00", measured(1, "day"), "2026-01-07 08:00"},
		{"start on a Saturday", "2026-01-10 10:00", measured(1, "day"), "2026-01-13 08:00"},
		{"start on a holiday", "2026-01-01 09:00", measured(2, "hour"), "2026-01-02 10:00"},
		{"start on cuti bersama", "2026-02-16 09:00", measured(1, "hour"), "2026-02-18 09:00"},
		// N days end at the same clock time N working days later.
		{"one day", "2026-01-05 10:00", measured(1, "day"), "2026-01-06 10:00"},
		{"five days over a weekend", "2026-01-05 10:00", measured(5, "day"), "2026-01-12 10:00"},
		{"a day over New Year", "2025-12-31 10:00", measured(1, "day"), "2026-01-02 10:00"},
		{"a day over cuti bersama and Imlek", "2026-02-13 10:00", measured(1, "day"), "2026-02-18 10:00"},
		{"a day over Nyepi and Lebaran 2026", "2026-03-17 10:00", measured(1, "day"), "2026-03-25 10:00"},
		{"a day over 18 August 2025 (amendment)", "2025-08-15 10:00", measured(1, "day"), "2025-08-19 10:00"},
		// Fractions are fractions of working time.
		{"half a day", "2026-01-05 10:00", measured(0.5, "day"), "2026-01-05 14:00"},
		{"one and a half days", "2026-01-05 10:00", measured(1.5, "day"), "2026-01-06 14:00"},
		{"one and a half days over an evening", "2026-01-05 14:00", measured(1.5, "day"), "2026-01-07 10:00"},
		{"one and a half hours", "2026-01-05 15:00", measured(1.5, "hour"), "2026-01-06 08:30"},
		// A week is five working days.
		{"one week", "2026-01-05 10:00", measured(1, "week"), "2026-01-12 10:00"},
		{"one week over Isra Mikraj", "2026-01-14 10:00", measured(1, "week"), "2026-01-22 10:00"},
		{"half a week", "2026-01-05 10:00", measured(0.5, "week"), "2026-01-07 14:00"},
		// A month ends on the same date, moved forward to a working day.
		{"one month", "2026-01-05 10:00", measured(1, "month"), "2026-02-05 10:00"},
		{"month ending on a Saturday, cuti bersama and Imlek", "2026-01-14 10:00", measured(1, "month"), "2026-02-18 10:00"},
		{"31 January to the end of February", "2025-01-31 10:00", measured(1, "month"), "2025-02-28 10:00"},
		{"31 January to 29 February in a leap year", "2024-01-31 10:00", measured(1, "month"), "2024-02-29 10:00"},
		{"31 March to 30 April", "2026-03-31 10:00", measured(1, "month"), "2026-04-30 10:00"},
		{"month from a Saturday counts from Monday's opening", "2026-01-10 10:00", measured(1, "month"), "2026-02-12 08:00"},
		{"one and a half months: then 11 working days", "2026-01-05 10:00", measured(1.5, "month"), "2026-02-24 10:00"},
		{"two months over the year end", "2025-11-28 09:00", measured(2, "month"), "2026-01-28 09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Due(wibAt(tt.from), tt.d, esop.CountWorking)
			if err != nil {
				t.Fatal(err)
			}
			if want := wibAt(tt.want); !got.Equal(want) {
				t.Errorf("%s + %s = %s, want %s", tt.from, tt.d.Indonesian(), got.Format(time.DateTime), want.Format(time.DateTime))
			}
			if got.Location() != c.Location() {
				t.Errorf("due in %v, want the calendar's zone", got.Location())
			}
		})
	}
}

func TestDueSeconds(t *testing.T) {
	c := officeCalendar(t)
	got, err := c.Due(wibAt("2026-01-05 10:00"), measured(1.5, "minute"), "")
	if err != nil || !got.Equal(wibAt("2026-01-05 10:00").Add(90*time.Second)) {
		t.Errorf("1,5 menit: %v, %v", got, err)
	}
}

func TestDueCalendarDays(t *testing.T) {
	c := officeCalendar(t)
	tests := []struct {
		name, from string
		d          esop.Duration
		want       string
	}{
		{"hours are wall-clock", "2026-01-09 15:00", measured(2, "hour"), "2026-01-09 17:00"},
		{"minutes at night", "2026-01-10 23:50", measured(20, "minute"), "2026-01-11 00:10"},
		{"a day includes Saturday", "2026-01-09 15:00", measured(1, "day"), "2026-01-10 15:00"},
		{"a day includes a holiday", "2025-12-31 10:00", measured(1, "day"), "2026-01-01 10:00"},
		{"half a day is 12 hours", "2026-01-09 15:00", measured(1.5, "day"), "2026-01-11 03:00"},
		{"a week is seven days", "2026-01-09 15:00", measured(1, "week"), "2026-01-16 15:00"},
		{"a month is not moved off a Saturday", "2026-01-14 10:00", measured(1, "month"), "2026-02-14 10:00"},
		{"31 January to 28 February", "2025-01-31 10:00", measured(1, "month"), "2025-02-28 10:00"},
		{"half a month is 15 days", "2026-01-14 10:00", measured(0.5, "month"), "2026-01-29 10:00"},
		{"the start is not moved", "2026-01-10 22:00", measured(30, "minute"), "2026-01-10 22:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Due(wibAt(tt.from), tt.d, esop.CountCalendar)
			if err != nil {
				t.Fatal(err)
			}
			if want := wibAt(tt.want); !got.Equal(want) {
				t.Errorf("%s + %s = %s, want %s", tt.from, tt.d.Indonesian(), got.Format(time.DateTime), want.Format(time.DateTime))
			}
		})
	}
}

func TestDueTimeZones(t *testing.T) {
	// 00:30 UTC on a Monday is 07:30 WIB (before opening), 08:30 WITA and 09:30 WIT.
	from := time.Date(2026, 1, 5, 0, 30, 0, 0, time.UTC)
	for zone, want := range map[string]time.Time{
		esop.ZoneWIB:  time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC),  // 09:00 WIB
		esop.ZoneWITA: time.Date(2026, 1, 5, 1, 30, 0, 0, time.UTC), // 09:30 WITA
		esop.ZoneWIT:  time.Date(2026, 1, 5, 1, 30, 0, 0, time.UTC), // 10:30 WIT
	} {
		s := esop.DefaultCalendarSettings()
		s.Zone = zone
		c, err := esop.NewCalendar(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Due(from, measured(1, "hour"), "")
		if err != nil || !got.Equal(want) {
			t.Errorf("%s: %v, %v; want %v", zone, got, err, want)
		}
	}
}

func TestDueRefused(t *testing.T) {
	c := officeCalendar(t)
	from := wibAt("2026-01-05 10:00")
	tests := []struct {
		name  string
		d     esop.Duration
		count string
		want  string // part of the Indonesian message
	}{
		{"text time", esop.Duration{Text: "sesuai jadwal"}, "", "tidak memiliki tenggat"},
		{"no unit", esop.Duration{Value: 2}, "", "satuan waktu"},
		{"unknown unit", measured(2, "fortnight"), "", "satuan waktu"},
		{"zero", measured(0, "day"), "", "lebih dari 0"},
		{"negative", measured(-1, "hour"), "", "lebih dari 0"},
		{"not a number", measured(math.NaN(), "hour"), "", "lebih dari 0"},
		{"infinite", measured(math.Inf(1), "hour"), "", "lebih dari 0"},
		{"absurd value", measured(1e9, "minute"), "", "terlalu panjang"},
		{"beyond ten years in days", measured(5000, "day"), "", "terlalu panjang"},
		{"beyond ten years in months", measured(200, "month"), "", "terlalu panjang"},
		{"beyond ten years of hours", measured(30000, "hour"), "", "terlalu panjang"},
		{"beyond ten years, calendar", measured(200, "month"), esop.CountCalendar, "terlalu panjang"},
		{"unknown count", measured(1, "day"), "weekdays", "cara menghitung"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Due(from, tt.d, tt.count)
			if esop.ErrorCode(err) != esop.EINVALID || !strings.Contains(esop.ErrorMessage(err, "id"), tt.want) {
				t.Errorf("Due = %v, %v; want EINVALID saying %q", got, err, tt.want)
			}
		})
	}
}

func TestElapsed(t *testing.T) {
	c := officeCalendar(t)
	tests := []struct {
		name, a, b string
		count      string
		want       time.Duration
	}{
		{"within a day", "2026-01-05 09:00", "2026-01-05 11:30", "", 150 * time.Minute},
		{"over a weekend", "2026-01-09 15:00", "2026-01-12 09:00", "", 2 * time.Hour},
		{"evening and night do not count", "2026-01-05 17:00", "2026-01-06 07:00", "", 0},
		{"from before opening", "2026-01-05 06:00", "2026-01-05 09:00", "", time.Hour},
		{"over New Year", "2025-12-31 08:00", "2026-01-02 16:00", "", 16 * time.Hour},
		{"Lebaran 2026: one working day in ten calendar days", "2026-03-16 00:00", "2026-03-26 00:00", "", 24 * time.Hour},
		{"backwards is negative", "2026-01-12 09:00", "2026-01-09 15:00", "", -2 * time.Hour},
		{"calendar count is wall-clock", "2026-01-09 15:00", "2026-01-12 09:00", esop.CountCalendar, 66 * time.Hour},
	}
	for _, tt := range tests {
		if got := c.Elapsed(wibAt(tt.a), wibAt(tt.b), tt.count); got != tt.want {
			t.Errorf("%s: Elapsed = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := c.WorkingMinutesBetween(wibAt("2026-01-09 15:00"), wibAt("2026-01-12 09:00")); got != 120 {
		t.Errorf("WorkingMinutesBetween = %v, want 120", got)
	}
}

func TestWorkingDays(t *testing.T) {
	c := officeCalendar(t)
	for d, want := range map[string]bool{
		"2026-01-05": true,  // Monday
		"2026-01-10": false, // Saturday
		"2026-01-11": false, // Sunday
		"2026-01-01": false, // libur: Tahun Baru
		"2026-02-16": false, // cuti bersama: Imlek
		"2025-08-18": false, // cuti bersama added on 7 August 2025
		"2025-08-19": true,
		"2027-01-04": true, // a Monday of a year not shipped: only the weekdays count
	} {
		if got := c.IsWorkingDay(esop.MustDate(d)); got != want {
			t.Errorf("IsWorkingDay(%s) = %v", d, got)
		}
	}
	for s, want := range map[string]bool{"2026-01-05 07:59": false, "2026-01-05 08:00": true,
		"2026-01-05 15:59": true, "2026-01-05 16:00": false, "2026-01-10 10:00": false} {
		if got := c.IsWorkingTime(wibAt(s)); got != want {
			t.Errorf("IsWorkingTime(%s) = %v", s, got)
		}
	}
	if got := c.NextOpening(wibAt("2026-02-13 16:30")); !got.Equal(wibAt("2026-02-18 08:00")) {
		t.Errorf("NextOpening = %v", got)
	}
	if h, ok := c.Holiday(esop.MustDate("2026-02-16")); !ok || h.Kind != esop.HolidayCutiBersama {
		t.Errorf("Holiday(2026-02-16) = %+v, %v", h, ok)
	}
}

func TestCustomWorkingWeek(t *testing.T) {
	// A six-day office open 07:30–14:00 with a regional holiday.
	s := esop.CalendarSettings{Zone: esop.ZoneWITA, Opens: 7*60 + 30, Closes: 14 * 60,
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}}
	c, err := esop.NewCalendar(s, []esop.Holiday{{Date: esop.MustDate("2026-01-12"), Kind: esop.HolidayDaerah,
		Name: "Hari jadi kota", Source: "Keputusan Wali Kota"}})
	if err != nil {
		t.Fatal(err)
	}
	wita := time.FixedZone("WITA", 8*3600)
	from := time.Date(2026, 1, 9, 13, 0, 0, 0, wita) // Friday 13:00
	got, err := c.Due(from, measured(2, "hour"), "")
	if want := time.Date(2026, 1, 10, 8, 30, 0, 0, wita); err != nil || !got.Equal(want) {
		t.Errorf("Friday 13:00 + 2 jam = %v, %v; want Saturday 08:30", got, err)
	}
	got, _ = c.Due(from, measured(1, "day"), "")
	if want := time.Date(2026, 1, 10, 13, 0, 0, 0, wita); !got.Equal(want) {
		t.Errorf("Friday + 1 hari = %v; want Saturday 13:00", got)
	}
	got, _ = c.Due(time.Date(2026, 1, 10, 9, 0, 0, 0, wita), measured(1, "day"), "")
	if want := time.Date(2026, 1, 13, 9, 0, 0, 0, wita); !got.Equal(want) {
		t.Errorf("Saturday + 1 hari over the regional holiday = %v; want Tuesday 09:00", got)
	}
}

// TestDueProperties checks, for many random starts, that a due in minutes
// or hours lies exactly that much working time after the start, and that
// N days lie N working days (N × 8 hours) after it.
func TestDueProperties(t *testing.T) {
	c := officeCalendar(t)
	r := rand.New(rand.NewPCG(1, 2))
	base := wibAt("2025-01-01 00:00")
	for range 2000 {
		from := base.Add(time.Duration(r.Int64N(int64(700 * 24 * time.Hour))))
		start := c.NextOpening(from)
		n := 1 + r.IntN(3000)
		due, err := c.Due(from, measured(float64(n), "minute"), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := c.WorkingMinutesBetween(from, due); got != float64(n) {
			t.Fatalf("from %v: %d minutes due %v, but %v working minutes between", from, n, due, got)
		}
		if !c.IsWorkingTime(due.Add(-time.Second)) {
			t.Fatalf("from %v: due %v does not end working time", from, due)
		}
		days := 1 + r.IntN(30)
		due, err = c.Due(from, measured(float64(days), "day"), "")
		if err != nil {
			t.Fatal(err)
		}
		if got := c.Elapsed(start, due, ""); got != time.Duration(days)*8*time.Hour {
			t.Fatalf("from %v: %d days due %v, %v of working time", from, days, due, got)
		}
		if clock := func(t time.Time) string { return t.Format("15:04:05") }; clock(due) != clock(start) {
			t.Fatalf("from %v: %d days due %v, not at the clock time of %v", from, days, due, start)
		}
	}
}

func TestCalendarSettingsValidate(t *testing.T) {
	ok := esop.DefaultCalendarSettings()
	if ps := ok.Validate(); len(ps) != 0 {
		t.Fatalf("default settings: %v", ps)
	}
	tests := []struct {
		name string
		edit func(*esop.CalendarSettings)
		path string
	}{
		{"unknown zone", func(s *esop.CalendarSettings) { s.Zone = "Europe/Paris" }, "zone"},
		{"empty zone", func(s *esop.CalendarSettings) { s.Zone = "" }, "zone"},
		{"no working day", func(s *esop.CalendarSettings) { s.Days = nil }, "days"},
		{"repeated day", func(s *esop.CalendarSettings) { s.Days = append(s.Days, time.Monday) }, "days[5]"},
		{"no such weekday", func(s *esop.CalendarSettings) { s.Days = []time.Weekday{9} }, "days[0]"},
		{"closing before opening", func(s *esop.CalendarSettings) { s.Opens, s.Closes = 16*60, 8*60 }, "closes"},
		{"no hours", func(s *esop.CalendarSettings) { s.Closes = s.Opens }, "closes"},
	}
	for _, tt := range tests {
		s := esop.DefaultCalendarSettings()
		tt.edit(&s)
		ps := s.Validate()
		if len(ps) != 1 || ps[0].Path != tt.path {
			t.Errorf("%s: %v; want one problem at %s", tt.name, ps, tt.path)
		}
		_, err := esop.NewCalendar(s, nil)
		var e *esop.Error
		if esop.ErrorCode(err) != esop.EINVALID || !asError(err, &e) || e.Problems[0].Path != "settings."+tt.path {
			t.Errorf("%s: NewCalendar = %v", tt.name, err)
		}
	}
}

func TestHolidayValidate(t *testing.T) {
	good := esop.Holiday{Date: esop.MustDate("2026-05-20"), Kind: esop.HolidayDaerah, Name: "Hari jadi"}
	if ps := good.Validate(); len(ps) != 0 {
		t.Errorf("a regional date without source: %v", ps)
	}
	bad := []esop.Holiday{
		{Kind: esop.HolidayDaerah, Name: "x"},
		{Date: esop.MustDate("2026-05-20"), Kind: "nasional", Name: "x", Source: "y"},
		{Date: esop.MustDate("2026-05-20"), Kind: esop.HolidayLibur, Name: " ", Source: "y"},
		{Date: esop.MustDate("2026-05-20"), Kind: esop.HolidayCutiBersama, Name: "x"},
	}
	paths := []string{"date", "kind", "name", "source"}
	for i, h := range bad {
		if ps := h.Validate(); len(ps) != 1 || ps[0].Path != paths[i] {
			t.Errorf("%+v: %v; want a problem at %s", h, ps, paths[i])
		}
	}
	_, err := esop.NewCalendar(esop.DefaultCalendarSettings(), []esop.Holiday{good, bad[1]})
	var e *esop.Error
	if !asError(err, &e) || len(e.Problems) != 1 || e.Problems[0].Path != "holidays[1].kind" {
		t.Errorf("NewCalendar = %v", err)
	}
}

func TestClockTime(t *testing.T) {
	for s, want := range map[string]esop.ClockTime{"08:00": 480, "07:30": 450, "00:00": 0, "24:00": 1440} {
		got, err := esop.ParseClockTime(s)
		if err != nil || got != want || got.String() != s {
			t.Errorf("ParseClockTime(%q) = %v, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "8:00", "08:0", "08-00", "24:01", "25:00", "08:60", "ab:cd", "-1:00", "+1:00", "08:00:00"} {
		if _, err := esop.ParseClockTime(s); err == nil {
			t.Errorf("ParseClockTime(%q) accepted", s)
		}
	}
}

func TestHolidaysOfYear(t *testing.T) {
	c, err := esop.NewCalendar(esop.DefaultCalendarSettings(), append(esop.NationalHolidays(2026),
		esop.Holiday{Date: esop.MustDate("2026-01-01"), Kind: esop.HolidayDaerah, Name: "duplikat"},
		esop.Holiday{Date: esop.MustDate("2025-12-26"), Kind: esop.HolidayDaerah, Name: "tahun lalu"}))
	if err != nil {
		t.Fatal(err)
	}
	hs := c.Holidays(2026)
	if len(hs) != 26 || hs[0].Kind != esop.HolidayLibur || hs[1].Name != "duplikat" {
		t.Errorf("Holidays(2026): %d dates, first %+v %+v", len(hs), hs[0], hs[1])
	}
	if h, _ := c.Holiday(esop.MustDate("2026-01-01")); h.Kind != esop.HolidayLibur {
		t.Errorf("the first entry of a date wins: %+v", h)
	}
	if !slices.IsSortedFunc(hs, func(a, b esop.Holiday) int { return a.Date.Time().Compare(b.Date.Time()) }) {
		t.Error("Holidays not sorted")
	}
}

func asError(err error, e **esop.Error) bool { return errors.As(err, e) }

// FuzzDue checks that any value and unit either is refused with EINVALID
// or gives a due after the start, as much working time later as a
// duration in minutes or hours says.
func FuzzDue(f *testing.F) {
	f.Add(int64(0), 1.5, "day", false)
	f.Add(int64(3600*24*40+5), 90.0, "minute", true)
	f.Add(int64(-3600*24*300), 2.0, "month", false)
	c := officeCalendar(f)
	base := wibAt("2026-01-01 00:00")
	f.Fuzz(func(t *testing.T, offset int64, v float64, unit string, calendar bool) {
		from := base.Add(time.Duration(offset%(3600*24*800)) * time.Second)
		count := esop.CountWorking
		if calendar {
			count = esop.CountCalendar
		}
		due, err := c.Due(from, esop.Duration{Value: v, Unit: unit}, count)
		if err != nil {
			if esop.ErrorCode(err) != esop.EINVALID {
				t.Fatalf("Due(%v, %v %s) = %v", from, v, unit, err)
			}
			return
		}
		if !due.After(from) && !(v < 1.0/120 && !due.Before(from)) {
			t.Fatalf("Due(%v, %v %s) = %v, not after the start", from, v, unit, due)
		}
		if unit == esop.UnitMinute && !calendar {
			want := (time.Duration(v * float64(time.Minute))).Round(time.Second)
			if got := c.Elapsed(from, due, ""); got != want {
				t.Fatalf("Due(%v, %v minutes) = %v: %v of working time", from, v, due, got)
			}
		}
	})
}

// TestElapsedAgreesWithDayByDay compares the working time between random
// moments up to two years apart with a plain sum over every day, on the
// office calendar and on a six-day week with a duplicated date and a
// holiday on a Sunday.
func TestElapsedAgreesWithDayByDay(t *testing.T) {
	six := esop.CalendarSettings{Zone: esop.ZoneWIB, Opens: 7 * 60, Closes: 13 * 60,
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}}
	hs := append(esop.NationalHolidays(2026),
		esop.Holiday{Date: esop.MustDate("2026-01-01"), Kind: esop.HolidayDaerah, Name: "dua kali"},
		esop.Holiday{Date: esop.MustDate("2026-05-16"), Kind: esop.HolidayDaerah, Name: "Sabtu"},
		esop.Holiday{Date: esop.MustDate("2026-05-17"), Kind: esop.HolidayDaerah, Name: "Minggu"})
	sixCal, err := esop.NewCalendar(six, hs)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, c := range []*esop.Calendar{officeCalendar(t), sixCal} {
		s := c.Settings()
		for range 300 {
			a := wibAt("2025-01-01 00:00").Add(time.Duration(r.Int64N(int64(700 * 24 * time.Hour))))
			b := a.Add(time.Duration(r.Int64N(int64(700 * 24 * time.Hour))))
			var want time.Duration
			for d := esop.DateOf(a); !esop.DateOf(b).Before(d); d = d.AddDate(0, 0, 1) {
				if !c.IsWorkingDay(d) {
					continue
				}
				m := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, wib)
				open, closing := m.Add(time.Duration(s.Opens)*time.Minute), m.Add(time.Duration(s.Closes)*time.Minute)
				if a.After(open) {
					open = a
				}
				if b.Before(closing) {
					closing = b
				}
				if closing.After(open) {
					want += closing.Sub(open)
				}
			}
			if got := c.Elapsed(a, b, ""); got != want {
				t.Fatalf("Elapsed(%v, %v) = %v, want %v", a, b, got, want)
			}
		}
	}
}

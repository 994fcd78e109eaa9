package esop

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Day counts: how an SOP's times are counted when it is run. Front-line
// services staffed on holidays count calendar days; every other SOP
// counts working time (the default).
const (
	CountWorking  = "working"  // hari kerja: only working hours of working days count
	CountCalendar = "calendar" // hari kalender: wall-clock time, every day counts
)

// DayCounts lists the day counts.
var DayCounts = []string{CountWorking, CountCalendar}

// Kinds of non-working dates.
const (
	HolidayLibur       = "libur"        // libur nasional, set by the SKB of three ministers
	HolidayCutiBersama = "cuti_bersama" // cuti bersama, set by the same SKB
	HolidayDaerah      = "daerah"       // a regional holiday or office closure added by the administrator
)

// HolidayKinds lists the kinds of non-working dates.
var HolidayKinds = []string{HolidayLibur, HolidayCutiBersama, HolidayDaerah}

// Time zones of Indonesian offices.
const (
	ZoneWIB  = "Asia/Jakarta"   // Waktu Indonesia Barat, UTC+7
	ZoneWITA = "Asia/Makassar"  // Waktu Indonesia Tengah, UTC+8
	ZoneWIT  = "Asia/Jayapura"  // Waktu Indonesia Timur, UTC+9
	zoneWIB2 = "Asia/Pontianak" // also WIB
)

// Zones lists the time zones a calendar may use.
var Zones = []string{ZoneWIB, ZoneWITA, ZoneWIT, zoneWIB2}

// ZoneLocation returns the location of an Indonesian time zone by its
// IANA name. Indonesia has kept no daylight saving time since 1964 and
// its three zones have had their present offsets since 1988, so they are
// fixed offsets here: the binary needs no time-zone database. Other names
// are refused.
func ZoneLocation(name string) (*time.Location, error) {
	switch name {
	case ZoneWIB, zoneWIB2:
		return time.FixedZone("WIB", 7*3600), nil
	case ZoneWITA:
		return time.FixedZone("WITA", 8*3600), nil
	case ZoneWIT:
		return time.FixedZone("WIT", 9*3600), nil
	}
	return nil, fmt.Errorf("unknown time zone %q", name)
}

// Holiday is a date on which the office does not work: a libur nasional
// or cuti bersama with the SKB that sets it, or a regional date the
// administrator adds. Its JSON is the shape of GET /api/v1/calendar/{year}.
type Holiday struct {
	Date   Date   `json:"date"`
	Kind   string `json:"kind"`   // libur, cuti_bersama or daerah
	Name   string `json:"name"`   // in Indonesian, as the SKB names it
	Source string `json:"source"` // the legal basis (the SKB, a mayor's decision)
}

// Validate returns the problems of h, with paths relative to it: a
// missing date or name, an unknown kind, and a libur or cuti bersama
// without its source (every national date needs its SKB).
func (h *Holiday) Validate() Problems {
	var c collector
	if h.Date.IsZero() {
		c.errorf("date", "required", "tanggal wajib diisi", "the date is required")
	}
	if !slices.Contains(HolidayKinds, h.Kind) {
		c.errorf("kind", "holiday_kind", "jenis hari libur %q tidak dikenal; pilih salah satu dari: %s",
			"unknown kind of holiday %q; use one of: %s", h.Kind, strings.Join(HolidayKinds, ", "))
	}
	if strings.TrimSpace(h.Name) == "" {
		c.errorf("name", "required", "nama hari libur wajib diisi", "the name of the holiday is required")
	}
	if (h.Kind == HolidayLibur || h.Kind == HolidayCutiBersama) && strings.TrimSpace(h.Source) == "" {
		c.errorf("source", "required", "dasar penetapan (SKB) wajib diisi", "the legal basis (SKB) is required")
	}
	return c.list
}

// ClockTime is a time of day in minutes after midnight, written "08:00".
// 24:00 is allowed as a closing time.
type ClockTime int

// ParseClockTime reads "HH:MM" (00:00 to 24:00).
func ParseClockTime(s string) (ClockTime, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	digits := len(h) == 2 && len(m) == 2 && strings.Trim(h+m, "0123456789") == ""
	if !ok || !digits || err1 != nil || err2 != nil || hh > 24 || mm > 59 || (hh == 24 && mm > 0) {
		return 0, fmt.Errorf("not a time of day in the form HH:MM: %q", s)
	}
	return ClockTime(hh*60 + mm), nil
}

// String returns the time as "08:00".
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// MarshalText writes the time as "08:00".
func (c ClockTime) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads "HH:MM".
func (c *ClockTime) UnmarshalText(b []byte) error {
	v, err := ParseClockTime(string(b))
	*c = v
	return err
}

// duration returns the time of day as the time since midnight.
func (c ClockTime) duration() time.Duration { return time.Duration(c) * time.Minute }

// CalendarSettings are an agency's working week: its time zone, the
// weekdays it works and its opening and closing time, the same on every
// working day. The zero value is not valid; start from
// DefaultCalendarSettings.
type CalendarSettings struct {
	Zone   string         `json:"zone"`   // an IANA name from Zones
	Days   []time.Weekday `json:"days"`   // 0 = Sunday … 6 = Saturday
	Opens  ClockTime      `json:"opens"`  // start of working hours
	Closes ClockTime      `json:"closes"` // end of working hours, after Opens
}

// DefaultCalendarSettings returns Monday to Friday, 08:00 to 16:00, WIB.
func DefaultCalendarSettings() CalendarSettings {
	return CalendarSettings{Zone: ZoneWIB, Opens: 8 * 60, Closes: 16 * 60,
		Days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}}
}

// Validate returns the problems of s, with paths relative to it.
func (s *CalendarSettings) Validate() Problems {
	var c collector
	if _, err := ZoneLocation(s.Zone); err != nil {
		c.errorf("zone", "zone", "zona waktu %q tidak dikenal; pilih salah satu dari: %s",
			"unknown time zone %q; use one of: %s", s.Zone, strings.Join(Zones, ", "))
	}
	if len(s.Days) == 0 {
		c.errorf("days", "required", "pilih sedikitnya satu hari kerja", "choose at least one working day")
	}
	for i, d := range s.Days {
		if d < time.Sunday || d > time.Saturday || slices.Index(s.Days, d) < i {
			c.errorf(index("days", i), "weekday", "hari kerja tidak sah atau ganda", "invalid or repeated working day")
		}
	}
	if s.Opens < 0 || s.Closes > 24*60 || s.Opens >= s.Closes {
		c.errorf("closes", "hours", "jam tutup (%s) harus sesudah jam buka (%s)",
			"the closing time (%s) must be after the opening time (%s)", s.Closes, s.Opens)
	}
	return c.list
}

// Calendar is an agency's working time: its settings and its non-working
// dates. It answers when a duration that starts at some moment is due
// and how much working time lies between two moments. A Calendar is
// immutable and safe for concurrent use; build it with NewCalendar.
//
// The rules, for the default day count (CountWorking):
//   - Working time is the hours from opening to closing of working days:
//     working weekdays that are not a Holiday.
//   - A start outside working time counts from the next opening.
//   - Minutes and hours count working time only; a duration that ends
//     exactly at closing time is due at closing time, not at the next opening.
//   - N days (hari kerja) end at the same clock time N working days later.
//   - A week is five working days.
//   - N months end on the same date N months later, at the same clock
//     time; a date the month lacks (31 January + 1 month) is its last day
//     (28 or 29 February); a date that is not a working day moves forward
//     to the next working day.
//   - Fractions are fractions of working time: 1.5 days is one working
//     day and then half a day's working hours; a fraction of a week is
//     that fraction of five days; a fraction of a month is that fraction
//     of 22 working days, counted after the whole months.
//
// With CountCalendar the calendar is not consulted, only its time zone:
// minutes and hours are wall-clock time, N days and weeks end at the same
// clock time N (or 7N) calendar days later, a fraction of a day is that
// fraction of 24 hours, months end on the same date (last day when the
// month lacks it) without moving, and a fraction of a month is that
// fraction of 30 days. The start is not moved either.
type Calendar struct {
	settings CalendarSettings
	loc      *time.Location
	working  [7]bool
	off      map[Date]Holiday
	holidays []Holiday // sorted by date
	offDays  []int64   // day numbers of the non-working dates on working weekdays, sorted, once each
}

// NewCalendar builds the calendar of settings with the given non-working
// dates. A date listed twice (a regional holiday on a national one) keeps
// the first entry for Holiday and lists both in Holidays. It returns
// EINVALID with the problems of the settings ("settings.zone") and of
// each holiday ("holidays[3].kind").
func NewCalendar(settings CalendarSettings, holidays []Holiday) (*Calendar, error) {
	ps := settings.Validate().Prefixed("settings")
	for i := range holidays {
		ps = append(ps, holidays[i].Validate().Prefixed(index("holidays", i))...)
	}
	if ps.HasErrors() {
		e := Errorf(EINVALID, "Kalender kerja tidak sah: %d kesalahan.", "The working calendar is not valid: %d errors.", len(ps))
		e.Problems = ps
		return nil, e
	}
	loc, _ := ZoneLocation(settings.Zone)
	c := &Calendar{settings: settings, loc: loc, off: make(map[Date]Holiday, len(holidays))}
	c.settings.Days = slices.Clone(settings.Days)
	for _, d := range settings.Days {
		c.working[d] = true
	}
	c.holidays = slices.Clone(holidays)
	slices.SortStableFunc(c.holidays, func(a, b Holiday) int { return a.Date.Time().Compare(b.Date.Time()) })
	for _, h := range c.holidays {
		if _, dup := c.off[h.Date]; !dup {
			c.off[h.Date] = h
			if c.working[h.Date.Time().Weekday()] {
				c.offDays = append(c.offDays, dayNumber(h.Date))
			}
		}
	}
	return c, nil
}

// Settings returns the calendar's settings.
func (c *Calendar) Settings() CalendarSettings {
	s := c.settings
	s.Days = slices.Clone(s.Days)
	return s
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Holiday returns the non-working date d, if it is one.
func (c *Calendar) Holiday(d Date) (Holiday, bool) {
	h, ok := c.off[d]
	return h, ok
}

// Holidays returns the non-working dates of a year, by date.
func (c *Calendar) Holidays(year int) []Holiday {
	var out []Holiday
	for _, h := range c.holidays {
		if h.Date.Year == year {
			out = append(out, h)
		}
	}
	return out
}

// IsWorkingDay reports whether d is a working weekday and not a holiday.
func (c *Calendar) IsWorkingDay(d Date) bool {
	_, off := c.off[d]
	return c.working[d.Time().Weekday()] && !off
}

// IsWorkingTime reports whether t falls in working hours (opening
// included, closing excluded) of a working day.
func (c *Calendar) IsWorkingTime(t time.Time) bool {
	t = t.In(c.loc)
	d := DateOf(t)
	open, closing := c.hours(d)
	return c.IsWorkingDay(d) && !t.Before(open) && t.Before(closing)
}

// NextOpening returns t itself when it is working time, else the next
// moment working time starts.
func (c *Calendar) NextOpening(t time.Time) time.Time {
	t = t.In(c.loc)
	d := DateOf(t)
	open, closing := c.hours(d)
	switch {
	case c.IsWorkingDay(d) && t.Before(open):
		return open
	case c.IsWorkingDay(d) && t.Before(closing):
		return t
	}
	open, _ = c.hours(c.nextWorkingDay(d))
	return open
}

// midnight returns the start of day d in the calendar's zone.
func (c *Calendar) midnight(d Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, c.loc)
}

// hours returns the opening and closing moments of day d.
func (c *Calendar) hours(d Date) (open, closing time.Time) {
	m := c.midnight(d)
	return m.Add(c.settings.Opens.duration()), m.Add(c.settings.Closes.duration())
}

// dayLength is the working time of one working day.
func (c *Calendar) dayLength() time.Duration {
	return (c.settings.Closes - c.settings.Opens).duration()
}

// nextWorkingDay returns the first working day after d. It ends: the
// week has a working weekday and the holidays are finite.
func (c *Calendar) nextWorkingDay(d Date) Date {
	for {
		d = d.AddDate(0, 0, 1)
		if c.IsWorkingDay(d) {
			return d
		}
	}
}

// maxDueSpan bounds how far ahead a due may lie, so that an absurd value
// (a million months) is refused instead of looping for ages.
const maxDueSpan = 10 * 366 * 24 * time.Hour

// maxDueValue bounds the value of a time before any arithmetic, so that
// conversions to time.Duration cannot overflow.
const maxDueValue = 1e6

// Weeks and months in working days, for fractions (see Calendar).
const (
	workingDaysPerWeek  = 5
	workingDaysPerMonth = 22
	calendarDaysPerMon  = 30
)

// Due returns when a step that starts at from and has the time d is due,
// counted as count says (CountWorking when empty), by the rules on
// Calendar. The result is in the calendar's zone. It returns EINVALID for
// a time given only as text ("sesuai jadwal": such steps have no due), an
// unknown unit or count, a value that is not a positive number, and a
// due more than ten years ahead.
func (c *Calendar) Due(from time.Time, d Duration, count string) (time.Time, error) {
	if err := checkDueInput(d, count); err != nil {
		return time.Time{}, err
	}
	from = from.In(c.loc)
	var due time.Time
	if count == CountCalendar {
		due = c.calendarDue(from, d)
	} else {
		due = c.workingDue(from, d)
	}
	if due.IsZero() || due.Sub(from) > maxDueSpan {
		return time.Time{}, Errorf(EINVALID, "waktu %s terlalu panjang (lebih dari 10 tahun)",
			"the time %s is too long (more than 10 years)", d.Indonesian())
	}
	return due, nil
}

func checkDueInput(d Duration, count string) error {
	switch {
	case count != "" && !slices.Contains(DayCounts, count):
		return Errorf(EINVALID, "cara menghitung hari %q tidak dikenal (%s)", "unknown day count %q (%s)",
			count, strings.Join(DayCounts, ", "))
	case d.Unit == "" && d.Text != "":
		return Errorf(EINVALID, "waktu %q berupa teks dan tidak memiliki tenggat", "the time %q is text and has no due", d.Text)
	case !slices.Contains(TimeUnits, d.Unit):
		return Errorf(EINVALID, "satuan waktu %q tidak dikenal; pilih salah satu dari: %s",
			"unknown time unit %q; use one of: %s", d.Unit, strings.Join(TimeUnits, ", "))
	case !(d.Value > 0) || math.IsInf(d.Value, 0):
		return Errorf(EINVALID, "waktu harus bilangan lebih dari 0", "the time must be a number greater than 0")
	case d.Value > maxDueValue:
		return Errorf(EINVALID, "waktu %s terlalu panjang", "the time %s is too long", d.Indonesian())
	}
	return nil
}

// workingDue applies the CountWorking rules; it returns the zero time
// when the due would lie beyond maxDueSpan.
func (c *Calendar) workingDue(from time.Time, d Duration) time.Time {
	limit := from.Add(maxDueSpan)
	switch d.Unit {
	case UnitMinute:
		return c.addWorking(from, minutes(d.Value), limit)
	case UnitHour:
		return c.addWorking(from, minutes(d.Value*60), limit)
	case UnitDay:
		return c.addWorkingDays(from, d.Value, limit)
	case UnitWeek:
		return c.addWorkingDays(from, d.Value*workingDaysPerWeek, limit)
	}
	whole, frac := math.Modf(d.Value)
	if whole > maxDueSpan.Hours()/24/28 {
		return time.Time{}
	}
	t := c.NextOpening(from)
	if whole > 0 {
		t = addMonths(t, int(whole))
		if day := DateOf(t); !c.IsWorkingDay(day) {
			t = c.midnight(c.nextWorkingDay(day)).Add(clockOf(t))
		}
	}
	if frac > 0 {
		t = c.addWorkingDays(t, frac*workingDaysPerMonth, limit)
	}
	return t
}

// addWorkingDays adds n working days by the day rule: the whole days
// land on the same clock time, the fraction is that part of a day's
// working hours.
func (c *Calendar) addWorkingDays(from time.Time, n float64, limit time.Time) time.Time {
	whole, frac := math.Modf(n)
	if whole > maxDueSpan.Hours()/24 {
		return time.Time{}
	}
	t := c.NextOpening(from)
	clock, day := clockOf(t), DateOf(t)
	for range int(whole) {
		day = c.nextWorkingDay(day)
	}
	t = c.midnight(day).Add(clock)
	if frac > 0 {
		t = c.addWorking(t, roundSecond(time.Duration(frac*float64(c.dayLength()))), limit)
	}
	return t
}

// addWorking adds working time d to from; it returns the zero time past
// limit. A duration that ends exactly at closing time ends there.
func (c *Calendar) addWorking(from time.Time, d time.Duration, limit time.Time) time.Time {
	t := c.NextOpening(from)
	for {
		_, closing := c.hours(DateOf(t))
		left := closing.Sub(t)
		if d <= left {
			return t.Add(d)
		}
		d -= left
		if t.After(limit) {
			return time.Time{}
		}
		t, _ = c.hours(c.nextWorkingDay(DateOf(t)))
	}
}

// calendarDue applies the CountCalendar rules.
func (c *Calendar) calendarDue(from time.Time, d Duration) time.Time {
	switch d.Unit {
	case UnitMinute:
		return from.Add(minutes(d.Value))
	case UnitHour:
		return from.Add(minutes(d.Value * 60))
	case UnitDay:
		return addCalendarDays(from, d.Value)
	case UnitWeek:
		return addCalendarDays(from, d.Value*7)
	}
	whole, frac := math.Modf(d.Value)
	return addCalendarDays(addMonths(from, int(whole)), frac*calendarDaysPerMon)
}

// addCalendarDays adds n calendar days: the whole days at the same clock
// time, the fraction as that part of 24 hours.
func addCalendarDays(t time.Time, n float64) time.Time {
	whole, frac := math.Modf(n)
	return t.AddDate(0, 0, int(whole)).Add(roundSecond(time.Duration(frac * float64(24*time.Hour))))
}

// addMonths returns t n months later on the same day of the month, or
// on the month's last day when it is shorter (31 January → 28 or 29
// February), at the same clock time.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1).Add(clockOf(t))
}

// clockOf returns the time of day of t.
func clockOf(t time.Time) time.Duration {
	y, m, d := t.Date()
	return t.Sub(time.Date(y, m, d, 0, 0, 0, 0, t.Location()))
}

// minutes converts a number of minutes to a duration, to the second.
func minutes(v float64) time.Duration { return roundSecond(time.Duration(v * float64(time.Minute))) }

func roundSecond(d time.Duration) time.Duration { return d.Round(time.Second) }

// Elapsed returns the time between a and b counted as count says: the
// working time between them (CountWorking, or empty), or the wall-clock
// time (CountCalendar). It is negative when b is before a.
func (c *Calendar) Elapsed(a, b time.Time, count string) time.Duration {
	if count == CountCalendar {
		return b.Sub(a)
	}
	if b.Before(a) {
		return -c.workingBetween(b, a)
	}
	return c.workingBetween(a, b)
}

// WorkingMinutesBetween returns the working time between a and b in
// minutes (negative when b is before a): what SLA shares and the working
// versus waiting time of cases are measured in.
func (c *Calendar) WorkingMinutesBetween(a, b time.Time) float64 {
	return c.Elapsed(a, b, CountWorking).Minutes()
}

// workingBetween returns the working time in [a, b], a not after b: the
// overlaps with working hours of the first and the last day, and whole
// working days between them, counted without walking the days.
func (c *Calendar) workingBetween(a, b time.Time) time.Duration {
	a, b = a.In(c.loc), b.In(c.loc)
	first, last := DateOf(a), DateOf(b)
	if first == last {
		return c.overlap(first, a, b)
	}
	between := c.workingDaysIn(dayNumber(first)+1, dayNumber(last))
	return c.overlap(first, a, b) + time.Duration(between)*c.dayLength() + c.overlap(last, a, b)
}

// overlap returns the working time of day d within [a, b].
func (c *Calendar) overlap(d Date, a, b time.Time) time.Duration {
	if !c.IsWorkingDay(d) {
		return 0
	}
	open, closing := c.hours(d)
	if s, e := later(a, open), earlier(b, closing); e.After(s) {
		return e.Sub(s)
	}
	return 0
}

// workingDaysIn counts the working days with day numbers in [from, to):
// the working weekdays, less the non-working dates among them.
func (c *Calendar) workingDaysIn(from, to int64) int64 {
	if to <= from {
		return 0
	}
	perWeek := int64(0)
	for _, w := range c.working {
		if w {
			perWeek++
		}
	}
	n := (to - from) / 7 * perWeek
	for d := from + (to-from)/7*7; d < to; d++ {
		if c.working[weekdayOf(d)] {
			n++
		}
	}
	lo, _ := slices.BinarySearch(c.offDays, from)
	hi, _ := slices.BinarySearch(c.offDays, to)
	return n - int64(hi-lo)
}

// dayNumber returns the days from 1970-01-01 to d.
func dayNumber(d Date) int64 { return d.Time().Unix() / 86400 }

// weekdayOf returns the weekday of a day number (1970-01-01 was a Thursday).
func weekdayOf(day int64) time.Weekday { return time.Weekday((day%7 + 7 + 4) % 7) }

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

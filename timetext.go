package esop

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Reading a WAKTU (time) or a date as people type it in one box: "2 hari",
// "1,5 jam", "30 menit", "3 x 24 jam", "sesuai jadwal", "15 Januari 2024".
// What cannot be read is never turned into zero or empty: the caller gets
// it back, with a flag saying it was not understood.

// timeUnitWords maps the words people write after a number to a unit,
// in Indonesian and English, with the common abbreviations.
var timeUnitWords = map[string]string{
	"menit": UnitMinute, "mnt": UnitMinute, "min": UnitMinute, "mins": UnitMinute, "minute": UnitMinute, "minutes": UnitMinute,
	"jam": UnitHour, "j": UnitHour, "hour": UnitHour, "hours": UnitHour, "hr": UnitHour, "hrs": UnitHour,
	"hari": UnitDay, "hari kerja": UnitDay, "hk": UnitDay, "day": UnitDay, "days": UnitDay,
	"working day": UnitDay, "working days": UnitDay,
	"minggu": UnitWeek, "pekan": UnitWeek, "mgg": UnitWeek, "week": UnitWeek, "weeks": UnitWeek,
	"bulan": UnitMonth, "bln": UnitMonth, "month": UnitMonth, "months": UnitMonth,
}

// timeNumberWords are the amounts written as words.
var timeNumberWords = map[string]float64{
	"setengah": 0.5, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
	"delapan": 8, "sembilan": 9, "sepuluh": 10, "half": 0.5, "half an": 0.5, "half a": 0.5, "one": 1, "two": 2,
	"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "an": 1, "a": 1,
}

// timeOneWords are the Indonesian "se-" forms meaning one unit: sehari, sejam.
var timeOneWords = map[string]string{
	"semenit": UnitMinute, "sejam": UnitHour, "sehari": UnitDay, "seminggu": UnitWeek, "sepekan": UnitWeek, "sebulan": UnitMonth,
}

// timeTextPhrases start a time that is meant as words, not an amount:
// "sesuai jadwal", "menyesuaikan", "as scheduled".
var timeTextPhrases = []string{"sesuai ", "menyesuaikan", "tentatif", "insidental", "seketika", "as scheduled", "as needed", "as required"}

var (
	timeAmount  = `(\d+(?:[.,]\d+)?)`
	timeTimes   = LazyRegexp(`^` + timeAmount + `\s*[x×]\s*` + timeAmount + `\s*([a-z][a-z ]*?)\.?$`)
	timePlain   = LazyRegexp(`^` + timeAmount + `\s*([a-z][a-z ]*?)\.?$`)
	timeInWords = LazyRegexp(`^([a-z]+(?: an| a)?)\s+([a-z][a-z ]*?)\.?$`)
)

// ParseTimeText reads a time typed in one box, as the WAKTU column is
// written: an amount and a unit ("2 hari", "1,5 jam" with a decimal comma
// or point, "30 menit", "2 minggu", "1 bulan", "dua hari", "sehari",
// "2 days"), a product of two amounts ("3 x 24 jam", kept as typed for
// printing and summed as 72 hours), or words meant as a time ("sesuai
// jadwal"). An empty box gives nil.
//
// It reports ok = false for anything else ("2-3 hari", "paling lama 3
// hari", "0 menit"): the text is then kept as a text time, which prints
// as typed but is not summed; the caller should warn. It never returns a
// zero amount.
func ParseTimeText(s string) (d *Duration, ok bool) {
	typed := strings.Join(strings.Fields(s), " ")
	if typed == "" {
		return nil, true
	}
	low := strings.ToLower(typed)
	if m := timeTimes().FindStringSubmatch(low); m != nil {
		a, b, unit := parseAmount(m[1]), parseAmount(m[2]), timeUnitWords[m[3]]
		if a > 0 && b > 0 && unit != "" {
			return &Duration{Value: roundAmount(a * b), Unit: unit, Text: typed}, true
		}
	}
	if m := timePlain().FindStringSubmatch(low); m != nil {
		if v, unit := parseAmount(m[1]), timeUnitWords[m[2]]; v > 0 && unit != "" {
			return &Duration{Value: v, Unit: unit}, true
		}
	}
	if unit, one := timeOneWords[low]; one {
		return &Duration{Value: 1, Unit: unit}, true
	}
	if m := timeInWords().FindStringSubmatch(low); m != nil {
		if v, unit := timeNumberWords[m[1]], timeUnitWords[m[2]]; v > 0 && unit != "" {
			return &Duration{Value: v, Unit: unit}, true
		}
	}
	for _, p := range timeTextPhrases {
		if strings.HasPrefix(low, p) || low == strings.TrimSpace(p) {
			return &Duration{Text: typed}, true
		}
	}
	return &Duration{Text: typed}, false
}

// parseAmount reads 2, 1,5 or 1.5; it returns 0 for anything else.
func parseAmount(s string) float64 {
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || v < 0 {
		return 0
	}
	return v
}

// roundAmount drops the binary noise of a product (0.1 × 3).
func roundAmount(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// TimeText returns a time as the one-box editor shows it, in lang: its
// text when it has one, else "2 hari", "1,5 jam" ("2 days" in English),
// so that ParseTimeText reads it back to the same value.
func TimeText(d *Duration, lang string) string {
	if d == nil {
		return ""
	}
	if d.Text == "" && !d.IsMeasured() {
		return ""
	}
	return d.In(lang)
}

// monthWords maps Indonesian and English month names and their usual
// abbreviations to months.
var monthWords = func() map[string]time.Month {
	m := map[string]time.Month{"agt": time.August, "agu": time.August, "okt": time.October, "des": time.December, "mei": time.May, "peb": time.February, "pebruari": time.February, "nop": time.November, "nopember": time.November}
	for i, id := range monthsID {
		month := time.Month(i + 1)
		m[strings.ToLower(id)], m[strings.ToLower(id[:3])] = month, month
		en := strings.ToLower(month.String())
		m[en], m[en[:3]] = month, month
	}
	return m
}()

var (
	dateDMY   = LazyRegexp(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	dateWords = LazyRegexp(`^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$`)
)

// ParseDateText reads a date as people type it: 2024-01-15, 15-01-2024,
// 15/01/2024, 15.01.2024 (day first, the Indonesian order), "15 Januari
// 2024", "15 Jan 2024" or "15 January 2024". An empty text is the zero
// Date. A date that does not exist (30 Februari) or any other text is
// an error, in Indonesian and English, that says which forms are read.
func ParseDateText(s string) (Date, error) {
	typed := strings.Join(strings.Fields(s), " ")
	if typed == "" {
		return Date{}, nil
	}
	if d, err := ParseDate(typed); err == nil {
		return d, nil
	}
	low := strings.ToLower(typed)
	var day, month, year int
	if m := dateDMY().FindStringSubmatch(low); m != nil {
		day, _ = strconv.Atoi(m[1])
		month, _ = strconv.Atoi(m[2])
		year, _ = strconv.Atoi(m[3])
	} else if m := dateWords().FindStringSubmatch(low); m != nil && monthWords[m[2]] != 0 {
		day, _ = strconv.Atoi(m[1])
		month = int(monthWords[m[2]])
		year, _ = strconv.Atoi(m[3])
	}
	if d := (Date{year, time.Month(month), day}); month >= 1 && month <= 12 && day >= 1 && d.AddDate(0, 0, 0) == d {
		return d, nil
	}
	return Date{}, Errorf(EINVALID, "tanggal %q tidak terbaca; tulis misalnya 15-01-2024 atau 15 Januari 2024",
		"the date %q cannot be read; write for example 2024-01-15 or 15 January 2024", typed)
}

package esop

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// nationalHolidays holds one file per year, holidays/YYYY.json: a list of
// Holiday objects as the SKB of three ministers (Menteri Agama, Menteri
// Ketenagakerjaan, Menteri PANRB) sets them, amendments included.
//
//go:embed holidays/*.json
var nationalHolidays embed.FS

// NationalHolidayYears returns the years for which national holidays and
// cuti bersama are shipped, in order.
func NationalHolidayYears() []int {
	entries, _ := nationalHolidays.ReadDir("holidays")
	var years []int
	for _, e := range entries {
		if y, err := strconv.Atoi(strings.TrimSuffix(e.Name(), ".json")); err == nil {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	return years
}

// NationalHolidays returns the libur nasional and cuti bersama of year as
// shipped with e-SOP, each with its SKB, by date; nil for a year not
// shipped. They are the starting point of the administrator's list, who
// adds regional dates and later amendments: the dates move every year
// and are never computed.
func NationalHolidays(year int) []Holiday {
	b, err := nationalHolidays.ReadFile(fmt.Sprintf("holidays/%d.json", year))
	if err != nil {
		return nil
	}
	var hs []Holiday
	if err := json.Unmarshal(b, &hs); err != nil {
		panic(fmt.Sprintf("holidays/%d.json: %v", year, err)) // shipped data; the tests read every file
	}
	return hs
}

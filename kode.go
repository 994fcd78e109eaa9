package esop

import (
	"context"
	"regexp"
	"strconv"
	"strings"
)

// The classification code (kode klasifikasi) of an SOP's number, as in
// 560/008/35.73.405/2026: set per unit and inherited downwards (a bidang
// whose SOPs are numbered 560 while its agency uses 800), or chosen for
// one SOP in the editor. The agency's code is the one on the settings
// page; the installation's and then DefaultKode ("800") apply above it.

// kodePattern compiles on first use, not at every start of every command.
var kodePattern = LazyRegexp(`^[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*$`)

// CheckKode validates a classification code: letters and digits joined by
// dots or hyphens (800, 560, 500.15.3), at most 20 characters. An empty
// code means "inherited" and is valid.
func CheckKode(k string) error {
	if k == "" {
		return nil
	}
	if len(k) > 20 || !kodePattern().MatchString(k) {
		return Errorf(EINVALID, "kode klasifikasi %q tidak sah: angka atau huruf, boleh dipisah titik (misalnya 800 atau 500.15.3)",
			"the classification code %q is not valid: digits or letters, dots allowed (e.g. 800 or 500.15.3)", k)
	}
	return nil
}

// InheritedKode returns the classification code that applies to a unit:
// its own (own[unit]), else that of the nearest unit above it that has
// one, else fallback (the installation's, else DefaultKode). byID holds
// every unit.
func InheritedKode(unitID int64, byID map[int64]*Unit, own map[int64]string, fallback string) string {
	for id, n := unitID, 0; id != 0 && n < 64; n++ {
		if k := own[id]; k != "" {
			return k
		}
		u := byID[id]
		if u == nil {
			break
		}
		id = u.ParentID
	}
	if fallback == "" {
		return DefaultKode
	}
	return fallback
}

// HighestCounter returns the highest counter among numbers that fill the
// template for the year with the unit code kodeUnit and any
// classification code, and 0 when none does: numbers given before e-SOP
// (008 to 121 of the year) make the counter continue at 122.
func HighestCounter(template, kodeUnit string, year int, numbers []string) int {
	re := counterPattern(template, kodeUnit, year)
	if re == nil {
		return 0
	}
	highest := 0
	for _, n := range numbers {
		m := re.FindStringSubmatch(strings.TrimSpace(n))
		if m == nil {
			continue
		}
		if c, err := strconv.Atoi(m[1]); err == nil && c > highest && c < 1e9 {
			highest = c
		}
	}
	return highest
}

// counterPattern turns a numbering template into a pattern whose first
// group is the counter.
func counterPattern(template, kodeUnit string, year int) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	last, counter := 0, false
	for _, loc := range numberField().FindAllStringSubmatchIndex(template, -1) {
		b.WriteString(regexp.QuoteMeta(template[last:loc[0]]))
		switch template[loc[2]:loc[3]] {
		case "kode":
			b.WriteString(`[0-9A-Za-z.-]+`)
		case "kode_unit":
			b.WriteString(regexp.QuoteMeta(kodeUnit))
		case "tahun":
			b.WriteString(strconv.Itoa(year))
		case "urut":
			if counter {
				b.WriteString(`\d+`)
			} else {
				b.WriteString(`(\d+)`)
				counter = true
			}
		}
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(template[last:]))
	b.WriteString("$")
	if !counter {
		return nil
	}
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil
	}
	return re
}

// KodeService keeps the classification codes of units and SOPs.
type KodeService interface {
	// UnitKodes returns the code each unit has of its own (not inherited).
	UnitKodes(ctx context.Context) (map[int64]string, error)
	// SetUnitKode sets a unit's code; "" removes it, so that it is
	// inherited again. An agency's code is the one of its settings.
	SetUnitKode(ctx context.Context, unitID int64, kode string) error
	// SOPKode returns the code chosen for an SOP, "" when none is.
	SOPKode(ctx context.Context, sopID int64) (string, error)
	// SetSOPKode chooses the code of an SOP ("" for its unit's).
	SetSOPKode(ctx context.Context, sopID int64, kode string) error
}

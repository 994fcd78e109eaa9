package esop

import (
	"testing"
)

func TestParseTimeText(t *testing.T) {
	for _, tc := range []struct {
		typed string
		want  *Duration
		ok    bool
	}{
		{"", nil, true},
		{"   ", nil, true},
		{"2 hari", &Duration{Value: 2, Unit: UnitDay}, true},
		{"2 Hari", &Duration{Value: 2, Unit: UnitDay}, true},
		{"2hari", &Duration{Value: 2, Unit: UnitDay}, true},
		{"1,5 jam", &Duration{Value: 1.5, Unit: UnitHour}, true},
		{"1.5 jam", &Duration{Value: 1.5, Unit: UnitHour}, true},
		{"0,25 hari kerja", &Duration{Value: 0.25, Unit: UnitDay}, true},
		{"30 menit", &Duration{Value: 30, Unit: UnitMinute}, true},
		{"30 mnt.", &Duration{Value: 30, Unit: UnitMinute}, true},
		{" 15   menit ", &Duration{Value: 15, Unit: UnitMinute}, true},
		{"2 minggu", &Duration{Value: 2, Unit: UnitWeek}, true},
		{"1 pekan", &Duration{Value: 1, Unit: UnitWeek}, true},
		{"1 bulan", &Duration{Value: 1, Unit: UnitMonth}, true},
		{"3 bln", &Duration{Value: 3, Unit: UnitMonth}, true},
		{"dua hari", &Duration{Value: 2, Unit: UnitDay}, true},
		{"setengah jam", &Duration{Value: 0.5, Unit: UnitHour}, true},
		{"sehari", &Duration{Value: 1, Unit: UnitDay}, true},
		{"Seminggu", &Duration{Value: 1, Unit: UnitWeek}, true},
		{"3 x 24 jam", &Duration{Value: 72, Unit: UnitHour, Text: "3 x 24 jam"}, true},
		{"1x24 Jam", &Duration{Value: 24, Unit: UnitHour, Text: "1x24 Jam"}, true},
		{"0,1 x 3 hari", &Duration{Value: 0.3, Unit: UnitDay, Text: "0,1 x 3 hari"}, true},
		{"2 days", &Duration{Value: 2, Unit: UnitDay}, true},
		{"1.5 hours", &Duration{Value: 1.5, Unit: UnitHour}, true},
		{"half an hour", &Duration{Value: 0.5, Unit: UnitHour}, true},
		{"1 working day", &Duration{Value: 1, Unit: UnitDay}, true},
		{"sesuai jadwal", &Duration{Text: "sesuai jadwal"}, true},
		{"Sesuai  jadwal sidang", &Duration{Text: "Sesuai jadwal sidang"}, true},
		{"menyesuaikan", &Duration{Text: "menyesuaikan"}, true},
		{"as scheduled", &Duration{Text: "as scheduled"}, true},
		// Not read: kept as text, flagged.
		{"2-3 hari", &Duration{Text: "2-3 hari"}, false},
		{"paling lama 3 hari", &Duration{Text: "paling lama 3 hari"}, false},
		{"0 menit", &Duration{Text: "0 menit"}, false},
		{"2 detik", &Duration{Text: "2 detik"}, false},
		{"2 hr kerja", &Duration{Text: "2 hr kerja"}, false},
		{"lama", &Duration{Text: "lama"}, false},
		{"1,5,3 jam", &Duration{Text: "1,5,3 jam"}, false},
	} {
		got, ok := ParseTimeText(tc.typed)
		if ok != tc.ok || !sameDuration(got, tc.want) {
			t.Errorf("ParseTimeText(%q) = %+v, %v; want %+v, %v", tc.typed, got, ok, tc.want, tc.ok)
		}
	}
}

// TestTimeTextRoundTrip: what the editor shows a time as is read back to
// the same time, in both languages.
func TestTimeTextRoundTrip(t *testing.T) {
	for _, unit := range TimeUnits {
		for _, v := range []float64{0.5, 1, 1.25, 2, 30, 450} {
			d := &Duration{Value: v, Unit: unit}
			for _, lang := range []string{"id", "en"} {
				shown := TimeText(d, lang)
				got, ok := ParseTimeText(shown)
				if !ok || !sameDuration(got, d) {
					t.Errorf("%+v shown in %s as %q reads back as %+v, %v", d, lang, shown, got, ok)
				}
			}
		}
	}
	for _, d := range []*Duration{nil, {Text: "sesuai jadwal"}, {Value: 72, Unit: UnitHour, Text: "3 x 24 jam"}} {
		got, ok := ParseTimeText(TimeText(d, "id"))
		if !ok || !sameDuration(got, d) {
			t.Errorf("%+v reads back as %+v, %v", d, got, ok)
		}
	}
	if s := TimeText(&Duration{Value: 1.5, Unit: UnitHour}, "id"); s != "1,5 jam" {
		t.Errorf("1.5 hours shown as %q, want 1,5 jam", s)
	}
}

func TestParseDateText(t *testing.T) {
	for _, tc := range []struct {
		typed, want string // want "" with bad: an error
		bad         bool
	}{
		{"", "", false},
		{"2024-01-15", "2024-01-15", false},
		{"15-01-2024", "2024-01-15", false},
		{"15/1/2024", "2024-01-15", false},
		{"5.3.2024", "2024-03-05", false},
		{"15 Januari 2024", "2024-01-15", false},
		{"15 januari  2024", "2024-01-15", false},
		{"1 Agt 2024", "2024-08-01", false},
		{"17 Agustus 1945", "1945-08-17", false},
		{"3 Des. 2025", "2025-12-03", false},
		{"15 January 2024", "2024-01-15", false},
		{"29 Februari 2024", "2024-02-29", false},
		{"29 Februari 2023", "", true},
		{"2024-02-30", "", true},
		{"31/04/2024", "", true},
		{"13/13/2024", "", true},
		{"15 Jantuari 2024", "", true},
		{"kemarin", "", true},
		{"2024", "", true},
	} {
		d, err := ParseDateText(tc.typed)
		if (err != nil) != tc.bad || d.String() != tc.want {
			t.Errorf("ParseDateText(%q) = %q, %v; want %q (error %v)", tc.typed, d, err, tc.want, tc.bad)
		}
		if err != nil {
			var e *Error
			if !asErr(err, &e) || e.Code != EINVALID || e.Message.ID == "" || e.Message.EN == "" {
				t.Errorf("ParseDateText(%q): error %v is not an EINVALID *Error in both languages", tc.typed, err)
			}
		}
	}
}

func asErr(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}

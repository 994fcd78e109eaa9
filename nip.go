package esop

import (
	"strings"
	"time"
)

// NIP is a parsed Nomor Induk Pegawai of 18 digits: date of birth,
// month of appointment as CPNS (TMT), gender and serial number.
type NIP struct {
	Digits      string
	Birth       Date
	Appointment Date // the first day of the TMT month
	Gender      byte // '1' male, '2' female
	Serial      string
}

// ParseNIP parses an NIP written with or without spaces. It returns a
// problem code and message when the NIP is not 18 digits, or its birth
// date or appointment month is not a real date.
func ParseNIP(s string) (NIP, *Text) {
	digits := strings.Join(strings.Fields(s), "")
	if len(digits) != 18 || strings.Trim(digits, "0123456789") != "" {
		return NIP{}, &Text{ID: "NIP harus terdiri atas 18 angka (spasi boleh), misalnya 19680512 199303 1 007",
			EN: "an NIP must have 18 digits (spaces allowed), for example 19680512 199303 1 007"}
	}
	birth, err := time.Parse("20060102", digits[:8])
	if err != nil {
		return NIP{}, &Text{ID: "8 angka pertama NIP (tanggal lahir " + digits[:8] + ") bukan tanggal yang sah",
			EN: "the first 8 digits of the NIP (birth date " + digits[:8] + ") are not a real date"}
	}
	tmt, err := time.Parse("200601", digits[8:14])
	if err != nil {
		return NIP{}, &Text{ID: "angka ke-9 s.d. ke-14 NIP (bulan pengangkatan " + digits[8:14] + ") bukan bulan yang sah",
			EN: "digits 9 to 14 of the NIP (appointment month " + digits[8:14] + ") are not a real month"}
	}
	return NIP{Digits: digits, Birth: DateOf(birth), Appointment: DateOf(tmt), Gender: digits[14], Serial: digits[15:]}, nil
}

// String returns the NIP in its printed form, "19680512 199303 1 007".
func (n NIP) String() string {
	d := n.Digits
	if len(d) != 18 {
		return d
	}
	return d[:8] + " " + d[8:14] + " " + d[14:15] + " " + d[15:]
}

// FormatNIP returns s in the printed form when it is a valid NIP, and s unchanged otherwise.
func FormatNIP(s string) string {
	n, bad := ParseNIP(s)
	if bad != nil {
		return s
	}
	return n.String()
}

// Plausible reports the softer checks of an NIP that real numbers can fail
// (PPPK numbers follow other rules): the gender digit is 1 or 2 and the
// appointment is at least 18 years after birth.
func (n NIP) Plausible() *Text {
	if n.Gender != '1' && n.Gender != '2' {
		return &Text{ID: "angka ke-15 NIP (jenis kelamin) biasanya 1 atau 2",
			EN: "digit 15 of the NIP (gender) is usually 1 or 2"}
	}
	if n.Appointment.Before(n.Birth.AddDate(18, 0, -n.Birth.Day+1)) {
		return &Text{ID: "bulan pengangkatan pada NIP kurang dari 18 tahun setelah tanggal lahir",
			EN: "the appointment month in the NIP is less than 18 years after the birth date"}
	}
	return nil
}

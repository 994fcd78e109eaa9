package esop

import (
	"strconv"
	"strings"
	"unicode"
)

// Cite returns the reference as Dasar Hukum and the Mengingat of a
// decision print it, the way Indonesian legislation cites a regulation:
// "Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014 tentang …". It
// is the one formatting of a legal reference, used by the identity page,
// the web pages and the SOP book.
//
// A reference given as text is returned as written. Otherwise the kind is
// named in full with its issuer (Peraturan Menteri + Menteri
// Ketenagakerjaan gives Peraturan Menteri Ketenagakerjaan); a regional
// regulation without an issuer takes it from government, the document's
// first header line (Peraturan Wali Kota of Pemerintah Kota Malang is
// Peraturan Wali Kota Malang) when the kind belongs to that kind of
// region. A number that already carries the year (KEP.16/MEN/2001) is not
// followed by "Tahun …" again.
func (r LegalRef) Cite(government string) string {
	if r.Text != "" {
		return strings.TrimSpace(r.Text)
	}
	issuer := strings.TrimSpace(r.Issuer)
	if issuer == "" {
		issuer = regionalIssuer(r.Kind, government)
	}
	s := IssuedKind(r.Kind, issuer) + " Nomor " + strings.TrimSpace(r.Number)
	if r.Year != 0 && !NumberCarriesYear(r.Number, r.Year) {
		s += " Tahun " + strconv.Itoa(r.Year)
	}
	if t := strings.TrimSpace(r.Title); t != "" {
		s += " tentang " + t
	}
	return s
}

// kindForms are the words that open the long name of a regulation kind,
// before the office that issues it ("Peraturan" Menteri).
var kindForms = []string{"Surat Edaran", "Peraturan", "Keputusan", "Instruksi"}

// IssuedKind names a regulation kind in full with its issuer: Permen and
// Menteri Ketenagakerjaan give "Peraturan Menteri Ketenagakerjaan";
// Perwali and Wali Kota Malang "Peraturan Wali Kota Malang"; Perda and
// Kota Malang "Peraturan Daerah Kota Malang". An issuer the long name
// already holds is not repeated; without an issuer the long name alone
// is returned.
func IssuedKind(kind, issuer string) string {
	name := KindName(strings.TrimSpace(kind))
	issuer = strings.TrimSpace(issuer)
	if issuer == "" || strings.Contains(fold(name), fold(issuer)) {
		return name
	}
	for _, form := range kindForms {
		office, ok := cutWordPrefix(name, form)
		if ok && office != "" && strings.HasPrefix(fold(issuer), fold(office)) {
			return form + " " + issuer // Peraturan + Menteri Ketenagakerjaan
		}
	}
	return name + " " + issuer // Peraturan Daerah + Kota Malang
}

// fold folds case and drops spaces, so that "Walikota" and "Wali Kota"
// compare equal.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// cutWordPrefix returns s without its first words when they are prefix
// (in any case), and whether they were.
func cutWordPrefix(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	rest := s[len(prefix):]
	if rest != "" && rest[0] != ' ' {
		return s, false
	}
	return strings.TrimSpace(rest), true
}

// regionalIssuer returns the issuer of a regional regulation of the
// region that government ("Pemerintah Kota Malang") governs: Kota Malang
// for a Perda, Wali Kota Malang for a Perwali or Kepwali of a city,
// Bupati … for a Perbup of a regency, Gubernur … for a Pergub of a
// province; "" for any other kind or region.
func regionalIssuer(kind, government string) string {
	region, ok := cutWordPrefix(strings.TrimSpace(government), "Pemerintah")
	if !ok || region == "" {
		return ""
	}
	head := map[string]struct{ level, title string }{
		"Perwali": {"Kota", "Wali Kota"}, "Kepwali": {"Kota", "Wali Kota"},
		"Perbup": {"Kabupaten", "Bupati"}, "Pergub": {"Provinsi", "Gubernur"},
	}
	k := kindOf(kind)
	if k == "Perda" {
		return region // Peraturan Daerah Kota Malang
	}
	h, ok := head[k]
	if !ok {
		return ""
	}
	if name, ok := cutWordPrefix(region, h.level); ok && name != "" {
		return h.title + " " + name
	}
	return ""
}

// NumberCarriesYear reports whether a regulation number already holds its
// year, as ministerial numbers do (KEP.16/MEN/2001, PER.32/MEN/XII/2008):
// the year stands in it as a run of four digits of its own.
func NumberCarriesYear(number string, year int) bool {
	y := strconv.Itoa(year)
	for i := 0; i+len(y) <= len(number); i++ {
		if number[i:i+len(y)] != y {
			continue
		}
		before := i == 0 || !isDigit(number[i-1])
		after := i+len(y) == len(number) || !isDigit(number[i+len(y)])
		if before && after {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

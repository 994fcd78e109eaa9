package esop_test

import (
	"encoding/json"
	"testing"

	"github.com/esop-malang/esop"
)

// TestCite checks the one formatting of a legal reference against the
// citations a Biro Organisasi reviewer expects.
func TestCite(t *testing.T) {
	const malang = "Pemerintah Kota Malang"
	tests := []struct {
		name string
		ref  esop.LegalRef
		gov  string
		want string
	}{
		{"a law needs no issuer", esop.LegalRef{Kind: "UU", Number: "13", Year: 2003, Title: "Ketenagakerjaan"}, malang,
			"Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan"},
		{"a minister's regulation with its issuer", esop.LegalRef{Kind: "Permen", Number: "28", Year: 2014,
			Title: "Tata Cara Pembuatan dan Pengesahan Peraturan Perusahaan", Issuer: "Menteri Ketenagakerjaan"}, malang,
			"Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014 tentang Tata Cara Pembuatan dan Pengesahan Peraturan Perusahaan"},
		{"an issuer without its office", esop.LegalRef{Kind: "Permen", Number: "28", Year: 2014, Issuer: "Ketenagakerjaan"}, "",
			"Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014"},
		{"a number that carries its year", esop.LegalRef{Kind: "Kepmen", Number: "KEP.16/MEN/2001", Year: 2001,
			Title: "Tata Cara Pencatatan Serikat Pekerja/Serikat Buruh", Issuer: "Menteri Tenaga Kerja dan Transmigrasi"}, malang,
			"Keputusan Menteri Tenaga Kerja dan Transmigrasi Nomor KEP.16/MEN/2001 tentang Tata Cara Pencatatan Serikat Pekerja/Serikat Buruh"},
		{"a number with the year inside", esop.LegalRef{Kind: "Permen", Number: "PER.32/MEN/XII/2008", Year: 2008, Issuer: "Menteri Tenaga Kerja dan Transmigrasi"}, "",
			"Peraturan Menteri Tenaga Kerja dan Transmigrasi Nomor PER.32/MEN/XII/2008"},
		{"a number holding other digits", esop.LegalRef{Kind: "Permen", Number: "12008", Year: 2008}, "",
			"Peraturan Menteri Nomor 12008 Tahun 2008"},
		{"the mayor's regulation from its issuer", esop.LegalRef{Kind: "Perwali", Number: "44", Year: 2012, Title: "Uraian Tugas", Issuer: "Wali Kota Malang"}, "",
			"Peraturan Wali Kota Malang Nomor 44 Tahun 2012 tentang Uraian Tugas"},
		{"the mayor's regulation from the government", esop.LegalRef{Kind: "Perwali", Number: "44", Year: 2012}, malang,
			"Peraturan Wali Kota Malang Nomor 44 Tahun 2012"},
		{"the issuer spelt Walikota", esop.LegalRef{Kind: "Perwali", Number: "44", Year: 2012, Issuer: "Walikota Malang"}, "",
			"Peraturan Walikota Malang Nomor 44 Tahun 2012"},
		{"a regional regulation of the city", esop.LegalRef{Kind: "Perda", Number: "7", Year: 2016, Title: "Perangkat Daerah"}, malang,
			"Peraturan Daerah Kota Malang Nomor 7 Tahun 2016 tentang Perangkat Daerah"},
		{"a governor's regulation is not the city's", esop.LegalRef{Kind: "Pergub", Number: "5", Year: 2020}, malang,
			"Peraturan Gubernur Nomor 5 Tahun 2020"},
		{"a governor's regulation with its issuer", esop.LegalRef{Kind: "Pergub", Number: "5", Year: 2020, Issuer: "Gubernur Jawa Timur"}, malang,
			"Peraturan Gubernur Jawa Timur Nomor 5 Tahun 2020"},
		{"a regent's regulation of a regency", esop.LegalRef{Kind: "Perbup", Number: "3", Year: 2019}, "Pemerintah Kabupaten Malang",
			"Peraturan Bupati Malang Nomor 3 Tahun 2019"},
		{"an agency's regulation", esop.LegalRef{Kind: "Perban", Number: "24", Year: 2017, Issuer: "Badan Kepegawaian Negara"}, "",
			"Peraturan Badan Kepegawaian Negara Nomor 24 Tahun 2017"},
		{"an issuer the kind already names", esop.LegalRef{Kind: "Perpres", Number: "29", Year: 2014, Issuer: "Presiden"}, "",
			"Peraturan Presiden Nomor 29 Tahun 2014"},
		{"a long kind name", esop.LegalRef{Kind: "Peraturan Menteri", Number: "1", Year: 2023, Issuer: "Menteri Dalam Negeri"}, "",
			"Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023"},
		{"text as written", esop.LegalRef{Text: " Peraturan Menteri Nomor 28 Tahun 2014 "}, malang,
			"Peraturan Menteri Nomor 28 Tahun 2014"},
	}
	for _, tt := range tests {
		if got := tt.ref.Cite(tt.gov); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestNumberCarriesYear(t *testing.T) {
	for _, tt := range []struct {
		number string
		year   int
		want   bool
	}{
		{"KEP.16/MEN/2001", 2001, true}, {"PER.32/MEN/XII/2008", 2008, true}, {"PER/21/M.PAN/11/2008", 2008, true},
		{"2008/PER/32", 2008, true}, {"28", 2014, false}, {"KEP.16/MEN/2001", 2002, false}, {"120081", 2008, false},
	} {
		if got := esop.NumberCarriesYear(tt.number, tt.year); got != tt.want {
			t.Errorf("%s %d: %v", tt.number, tt.year, got)
		}
	}
}

// TestIssuerRoundTrip checks that issuer is decoded, encoded back and
// refused where it does not belong.
func TestIssuerRoundTrip(t *testing.T) {
	in := []byte(`{"format":"esop.sop/1","title":"T","agency":"A","unit":"U",
		"legalBasis":[{"kind":"Permen","number":"28","year":2014,"title":"Peraturan Perusahaan","issuer":"Menteri Ketenagakerjaan"}],
		"actors":[{"id":"a","name":"Petugas"}],
		"steps":[{"id":"s1","activity":"Menerima berkas","actor":"a","time":{"text":"sesuai jadwal"},"output":"Berkas"}]}`)
	d, ps := esop.DecodeDocument(in)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	if d.LegalBasis[0].Issuer != "Menteri Ketenagakerjaan" {
		t.Errorf("issuer %q", d.LegalBasis[0].Issuer)
	}
	if canonical(t, in) != canonical(t, mustJSON(t, d)) {
		t.Errorf("round trip differs: %s", mustJSON(t, d))
	}
	if c := d.Clone(); c.LegalBasis[0] != d.LegalBasis[0] {
		t.Errorf("clone lost the issuer: %+v", c.LegalBasis[0])
	}
	for _, bad := range []string{`"issuer":7`, `"issuer":"Menteri\u0007"`, `"issuers":"x"`} {
		_, ps := esop.CheckDocuments([]byte(`{"format":"esop.sop/1","title":"T","agency":"A","unit":"U",
			"legalBasis":[{"kind":"Permen","number":"28","year":2014,`+bad+`}],
			"actors":[{"id":"a","name":"Petugas"}],"steps":[{"id":"s1","activity":"Menerima berkas","actor":"a"}]}`), esop.ValidateOptions{})
		if !ps.HasErrors() || ps.Errors()[0].Path[:len("legalBasis[0]")] != "legalBasis[0]" {
			t.Errorf("%s: %v", bad, ps)
		}
	}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

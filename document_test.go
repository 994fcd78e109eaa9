package esop_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/esop-malang/esop"
)

// canonical re-encodes JSON with sorted keys, so documents compare up to key order.
func canonical(t testing.TB, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

func TestRoundTripIsLossless(t *testing.T) {
	for _, name := range []string{"ak1-kartu-pencari-kerja.json", "mediasi-hubungan-industrial.json"} {
		in := readExample(t, name)
		d, ps := esop.DecodeDocument(in)
		if ps.HasErrors() {
			t.Fatal(ps)
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if canonical(t, in) != canonical(t, out) {
			t.Errorf("%s: round trip differs:\n in: %s\nout: %s", name, canonical(t, in), canonical(t, out))
		}
	}
}

func TestRoundTripKeepsBothLegalForms(t *testing.T) {
	in := []byte(`{"format":"esop.sop/1","title":"T","agency":"A","unit":"U",
		"legalBasis":["Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan",{"kind":"UU","number":"13","year":2003}],
		"actors":[{"id":"a","name":"Petugas"}],
		"steps":[{"id":"s1","activity":"Menerima berkas","actor":"a","time":{"text":"sesuai jadwal"},"output":"Berkas"}]}`)
	d, ps := esop.DecodeDocument(in)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	out, _ := json.Marshal(d)
	if canonical(t, in) != canonical(t, out) {
		t.Errorf("round trip differs:\n in: %s\nout: %s", canonical(t, in), out)
	}
	if d.LegalBasis[0].Key() != d.LegalBasis[1].Key() {
		t.Errorf("text and object forms have different keys: %q %q", d.LegalBasis[0].Key(), d.LegalBasis[1].Key())
	}
}

func TestLegalRefParsing(t *testing.T) {
	tests := []struct {
		text         string
		kind, number string
		year         int
		title        string
		issuer       string
	}{
		{"Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan", "UU", "13", 2003, "Ketenagakerjaan", ""},
		{"Peraturan Pemerintah Nomor 35 Tahun 2021 tentang Perjanjian Kerja Waktu Tertentu", "PP", "35", 2021, "Perjanjian Kerja Waktu Tertentu", ""},
		{"Peraturan Menteri Ketenagakerjaan Nomor 39 Tahun 2016 tentang Penempatan Tenaga Kerja", "Permen", "39", 2016, "Penempatan Tenaga Kerja", "Menteri Ketenagakerjaan"},
		{"Peraturan Wali Kota Malang Nomor 44 Tahun 2012", "Perwali", "44", 2012, "", "Wali Kota Malang"},
		{"Peraturan Walikota Malang Nomor 44 Tahun 2012 tentang Uraian Tugas", "Perwali", "44", 2012, "Uraian Tugas", "Wali Kota Malang"},
		{"Keputusan Menteri Tenaga Kerja dan Transmigrasi Nomor KEP.16/MEN/2001 tentang Tata Cara Pencatatan Serikat Pekerja", "Kepmen", "KEP.16/MEN/2001", 2001, "Tata Cara Pencatatan Serikat Pekerja", "Menteri Tenaga Kerja dan Transmigrasi"},
		{"Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja", "Perppu", "2", 2022, "Cipta Kerja", ""},
		{"UU No. 25 Tahun 2009 tentang Pelayanan Publik", "UU", "25", 2009, "Pelayanan Publik", ""},
		{"Permenaker Nomor 17 Tahun 2016", "Permen", "17", 2016, "", "Menteri Ketenagakerjaan"},
		{"Permenakertrans Nomor PER.14/MEN/IV/2006", "Permen", "PER.14/MEN/IV/2006", 2006, "", "Menteri Tenaga Kerja dan Transmigrasi"},
		{"Peraturan Daerah Kota Malang Nomor 7 Tahun 2016 tentang Perangkat Daerah", "Perda", "7", 2016, "Perangkat Daerah", "Kota Malang"},
		{"Peraturan Badan Kepegawaian Negara Nomor 24 Tahun 2017", "Perban", "24", 2017, "", "Badan Kepegawaian Negara"},
	}
	for _, tt := range tests {
		got := esop.LegalRef{Text: tt.text}.Structured()
		want := esop.LegalRef{Kind: tt.kind, Number: tt.number, Year: tt.year, Title: tt.title, Issuer: tt.issuer}
		if got != want {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.text, got, want)
		}
	}
	if got := (esop.LegalRef{Text: "Pedoman internal dinas"}).Structured(); got.Text == "" {
		t.Errorf("free text was parsed: %+v", got)
	}
	a := esop.LegalRef{Kind: "uu", Number: "013", Year: 2003}
	b := esop.LegalRef{Text: "Undang-Undang Nomor 13 Tahun 2003"}
	if a.Key() != b.Key() {
		t.Errorf("keys differ: %q %q", a.Key(), b.Key())
	}
	if s := (esop.LegalRef{Kind: "Permen", Number: "39", Year: 2016, Title: "Penempatan Tenaga Kerja"}).String(); s != "Peraturan Menteri Nomor 39 Tahun 2016 tentang Penempatan Tenaga Kerja" {
		t.Errorf("String = %q", s)
	}
}

func TestNIP(t *testing.T) {
	n, bad := esop.ParseNIP("196805121993031007")
	if bad != nil {
		t.Fatal(bad)
	}
	if n.String() != "19680512 199303 1 007" || n.Birth != esop.MustDate("1968-05-12") || n.Appointment != esop.MustDate("1993-03-01") {
		t.Errorf("got %+v", n)
	}
	for _, s := range []string{"", "1968051219930310071", "19680512 199303 1 00x", "19680230 199303 1 007", "19680512 199300 1 007"} {
		if _, bad := esop.ParseNIP(s); bad == nil {
			t.Errorf("%q accepted", s)
		}
	}
	if soft := (esop.NIP{Birth: esop.MustDate("1990-01-01"), Appointment: esop.MustDate("2000-01-01"), Gender: '1'}).Plausible(); soft == nil {
		t.Error("appointment at 10 years old is plausible")
	}
}

func TestDatesAndDurations(t *testing.T) {
	if s := esop.MustDate("2024-01-15").Indonesian(); s != "15 Januari 2024" {
		t.Errorf("got %q", s)
	}
	if s := (&esop.Duration{Value: 0.5, Unit: "day"}).Indonesian(); s != "0,5 hari" {
		t.Errorf("got %q", s)
	}
	if s := (&esop.Duration{Value: 2, Unit: "hour"}).In("en"); s != "2 hours" {
		t.Errorf("got %q", s)
	}
	d := &esop.Document{Steps: []esop.Step{
		{Time: &esop.Duration{Value: 1, Unit: "day"}}, {Time: &esop.Duration{Value: 15, Unit: "minute"}},
		{Time: &esop.Duration{Text: "sesuai jadwal"}}, {Time: &esop.Duration{Value: 2, Unit: "day"}},
	}}
	tot := esop.TotalTime(d)
	if s := tot.Indonesian(); s != "3 hari 15 menit ditambah waktu kegiatan 3 (sesuai jadwal)" || len(tot.Text) != 1 {
		t.Errorf("total %q, text times %v", s, tot.Text)
	}
}

func TestContentHashIgnoresKeyOrder(t *testing.T) {
	a, _ := esop.DecodeDocument([]byte(`{"format":"esop.sop/1","title":"T","agency":"A","unit":"U","actors":[{"id":"a","name":"P"}],"steps":[{"id":"s","activity":"Menerima","actor":"a"}]}`))
	b, _ := esop.DecodeDocument([]byte(`{"steps":[{"actor":"a","activity":"Menerima","id":"s"}],"actors":[{"name":"P","id":"a"}],"unit":"U","agency":"A","title":"T","format":"esop.sop/1"}`))
	if esop.ContentHash(a) != esop.ContentHash(b) {
		t.Error("hash depends on key order")
	}
	b.Title = "T2"
	if esop.ContentHash(a) == esop.ContentHash(b) {
		t.Error("hash ignores content")
	}
	if !bytes.Equal([]byte(esop.ContentHash(a)), []byte(esop.ContentHash(a.Clone()))) {
		t.Error("clone changes the hash")
	}
}

// TestSuccessorsBy: the successors found through StepIndexes are those
// Successors finds step by step, where an id is named twice (the first
// step of it) or not at all (left out), and on a branching sample.
func TestSuccessorsBy(t *testing.T) {
	d := &esop.Document{Steps: []esop.Step{
		{ID: "a", Decision: &esop.Decision{Yes: "c", No: "x"}},
		{ID: "b", Next: "a"},
		{ID: "c"},
		{ID: "c", End: true},
	}}
	docs := []*esop.Document{d, sampleDoc(t, "Pelaksanaan Perjalanan Dinas")}
	for _, doc := range docs {
		index := doc.StepIndexes()
		for i := range doc.Steps {
			got, want := doc.SuccessorsBy(i, index), doc.Successors(i)
			if len(got) != len(want) {
				t.Fatalf("step %d: %v, Successors %v", i, got, want)
			}
			for k := range got {
				if got[k] != want[k] {
					t.Fatalf("step %d: %v, Successors %v", i, got, want)
				}
			}
		}
	}
	if got := d.SuccessorsBy(0, d.StepIndexes()); len(got) != 1 || got[0] != 2 {
		t.Errorf("the decision's successors %v, want [2]: the first step c, the unknown x left out", got)
	}
}

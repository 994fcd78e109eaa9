package book_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/book"
	"github.com/esop-malang/esop/internal/testdb"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlstore"
)

// sampleDB opens a database holding the sample organisation and SOPs,
// on a day when they are in force.
func sampleDB(t *testing.T) *sqlstore.DB {
	return testdb.Sample(t, func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) })
}

// inForce returns the sample SOPs in force on day, of one unit or all.
func inForce(t *testing.T, day esop.Date, unit string) []string {
	t.Helper()
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range docs {
		if d.Approval != nil && !d.Dates.Effective.IsZero() && !day.Before(d.Dates.Effective) && (unit == "" || d.Unit == unit) {
			out = append(out, d.Number)
		}
	}
	slices.Sort(out)
	return out
}

func numbers(b *book.Book) []string {
	var out []string
	for _, d := range b.Documents() {
		out = append(out, d.Number)
	}
	slices.Sort(out)
	return out
}

func TestAgencyBook(t *testing.T) {
	db := sampleDB(t)
	day := esop.MustDate("2026-11-20")
	office := esop.OfficeContact{Address: "Jalan Contoh Nomor 1, Malang 65111", Phone: "(0341) 123456", Email: "disnaker@example.go.id", Website: "disnaker.example.go.id"}
	must(t, db.PutOfficeContact(context.Background(), agencyID(t, db, "Dinas Ketenagakerjaan dan Transmigrasi"), office))
	b, err := book.Gather(context.Background(), db, book.Options{Date: day, DecreeNumber: "188.45/017/35.73.405/2026"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := numbers(b), inForce(t, day, ""); !slices.Equal(got, want) || len(got) < 15 {
		t.Errorf("SOPs %v, want those in force %v", got, want)
	}
	info := b.Info
	if info.Government != "Pemerintah Kota Malang" || info.Agency != "Dinas Ketenagakerjaan dan Transmigrasi" || info.Unit != "" || info.Year != 2026 {
		t.Errorf("info %+v", info)
	}
	if o := info.Office; o.Address != office.Address || o.Phone != office.Phone || o.Email != office.Email || o.Website != office.Website {
		t.Errorf("office %+v, want the agency's settings %+v", o, office)
	}
	// The SOPs in the order of the organisation: the Sekretariat and its
	// subbagian first, the UPT last.
	var units []string
	for _, e := range info.Entries {
		if len(units) == 0 || units[len(units)-1] != e.Unit {
			units = append(units, e.Unit)
		}
		if e.Version != 1 || e.Number == "" || e.Effective.IsZero() {
			t.Errorf("entry %+v", e)
		}
	}
	want := []string{"Sekretariat", "Subbagian Keuangan", "Bidang Penempatan dan Perluasan Kerja", "Bidang Pelatihan dan Produktivitas",
		"Bidang Hubungan Industrial dan Jaminan Sosial", "Bidang Transmigrasi", "UPT Balai Latihan Kerja"}
	if !slices.Equal(units, want) {
		t.Errorf("units in the order %v, want %v", units, want)
	}
	d := info.Decree
	if d.Number != "188.45/017/35.73.405/2026" || d.Date != day || d.Issuer != "Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang" {
		t.Errorf("decree %+v", d)
	}
	if s := d.Signer; s == nil || s.Name != "Drs. Contoh Pejabat, M.Si." || s.Capacity != "" || s.Rank != "Pembina Utama Muda (IV/c)" ||
		s.NIP != "196805121993031007" || s.Position != d.Issuer {
		t.Errorf("signer %+v", d.Signer)
	}
	legal := strings.Join(d.Legal, "\n")
	for _, want := range []string{
		// A second amendment: "beberapa kali diubah terakhir dengan", as
		// legislation cites it.
		"Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 9 Tahun 2015 tentang Perubahan Kedua atas Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
		"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;",
		"Peraturan Wali Kota Malang Nomor 44 Tahun 2012 tentang Uraian Tugas Pokok, Fungsi, dan Tata Kerja Dinas Ketenagakerjaan dan Transmigrasi;",
	} {
		if !strings.Contains(legal, want) {
			t.Errorf("Mengingat lacks %q:\n%s", want, legal)
		}
	}
	if strings.Count(legal, "Nomor 35 Tahun 2012") != 1 || !strings.HasPrefix(d.Legal[0], "Undang-Undang") || !strings.HasPrefix(d.Legal[len(d.Legal)-1], "Peraturan Wali Kota") {
		t.Errorf("Mengingat out of the order of the hierarchy, or repeated:\n%s", legal)
	}
}

func TestUnitBookAndPlt(t *testing.T) {
	db := sampleDB(t)
	ctx := context.Background()
	// A day within the Plt of the Kepala Dinas: the Sekretaris signs as Plt.
	day := esop.MustDate("2025-08-20")
	b, err := book.Gather(ctx, db, book.Options{Unit: "sekretariat", Date: day})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := numbers(b), inForce(t, day, "Sekretariat"); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("SOPs %v, want %v", got, want)
	}
	if b.Info.Unit != "Sekretariat" || b.Info.Agency != "Dinas Ketenagakerjaan dan Transmigrasi" {
		t.Errorf("info %+v", b.Info)
	}
	if s := b.Info.Decree.Signer; s == nil || s.Name != "Dra. Contoh Sekretaris, M.M." || s.Capacity != esop.CapacityPlt {
		t.Errorf("signer on %s: %+v", day, s)
	}
	if b.Info.Decree.Number != "" {
		t.Errorf("number %q", b.Info.Decree.Number)
	}
	// By name, case folded.
	if b, err := book.Gather(ctx, db, book.Options{Unit: "bidang penempatan dan perluasan kerja", Date: esop.MustDate("2026-11-20")}); err != nil ||
		b.Info.Unit != "Bidang Penempatan dan Perluasan Kerja" {
		t.Errorf("by name: %v", err)
	}
	for _, o := range []book.Options{
		{Unit: "tidak-ada", Date: day},
		{Unit: "Seksi Produktivitas", Date: day}, // no SOP of its own
		{Date: esop.MustDate("2000-01-01")},
	} {
		if _, err := book.Gather(ctx, db, o); esop.ErrorCode(err) != esop.ENOTFOUND {
			t.Errorf("%+v: %v, want ENOTFOUND", o, err)
		}
	}
}

func TestLegalBasis(t *testing.T) {
	docs := []*esop.Document{
		{LegalBasis: []esop.LegalRef{{Kind: "UU", Number: "13", Year: 2003}, {Text: "Peraturan Daerah Kota Malang Nomor 6 Tahun 2012 tentang Perangkat Daerah"}}},
		{LegalBasis: []esop.LegalRef{{Text: "Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan"}, {Kind: "PP", Number: "31", Year: 2006}, {Kind: "UU", Number: "39", Year: 2004}}},
	}
	regs := []*esop.Regulation{
		{Kind: "UU", Number: "13", Year: 2003, Title: "Ketenagakerjaan", Status: esop.RegulationAmended, ChangedBy: "UU 6/2023"},
		{Kind: "UU", Number: "39", Year: 2004, Title: "Penempatan", Status: esop.RegulationRevoked, ChangedBy: "UU 18/2017"},
	}
	got := book.LegalBasis(docs, regs, "Pemerintah Kota Malang")
	want := []string{
		"Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023;", // cited by both
		"Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;",
		"Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
		"Undang-Undang Nomor 30 Tahun 2014 tentang Administrasi Pemerintahan;",
		"Peraturan Menteri Dalam Negeri Nomor 52 Tahun 2011 tentang Standar Operasional Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota;",
		"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;",
		"Peraturan Daerah Kota Malang Nomor 6 Tahun 2012 tentang Perangkat Daerah;", // regional: cited by one is enough
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLegalBasisFromTheRegister checks that the register completes a
// citation with the issuer and title it leaves out, that the amending
// regulation is cited in full from it, and that a number carrying its
// year is not followed by the year again.
func TestLegalBasisFromTheRegister(t *testing.T) {
	docs := []*esop.Document{
		{LegalBasis: []esop.LegalRef{{Kind: "Permen", Number: "28", Year: 2014}, {Kind: "Kepmen", Number: "KEP.16/MEN/2001", Year: 2001}, {Kind: "Perwali", Number: "44", Year: 2012}}},
		{LegalBasis: []esop.LegalRef{{Text: "Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014"}, {Kind: "Kepmen", Number: "KEP.16/MEN/2001", Year: 2001},
			{Kind: "Permen", Number: "PER.17/MEN/VII/2007", Year: 2007, Issuer: "Menteri Tenaga Kerja dan Transmigrasi"}}},
	}
	regs := []*esop.Regulation{
		{Kind: "Permen", Number: "28", Year: 2014, Title: "Peraturan Perusahaan", Issuer: "Menteri Ketenagakerjaan",
			Status: esop.RegulationAmended, ChangedBy: "Permenaker 1/2020"},
		{Kind: "Permen", Number: "1", Year: 2020, Title: "Perubahan atas Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014", Status: esop.RegulationInForce},
		{Kind: "Kepmen", Number: "KEP.16/MEN/2001", Year: 2001, Title: "Pencatatan Serikat Pekerja", Issuer: "Menteri Tenaga Kerja dan Transmigrasi"},
		{Kind: "Perwali", Number: "44", Year: 2012, Title: "Uraian Tugas", Issuer: "Wali Kota Malang", Status: esop.RegulationAmended, ChangedBy: "Perwali 9/2019"},
		{Kind: "Permen", Number: "PER.17/MEN/VII/2007", Year: 2007, Status: esop.RegulationRevoked, ChangedBy: "Permenaker 17/2016"},
	}
	got := strings.Join(book.LegalBasis(docs, regs, "Pemerintah Kota Malang"), "\n")
	for _, want := range []string{
		"Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014 tentang Peraturan Perusahaan sebagaimana telah diubah dengan " +
			"Peraturan Menteri Ketenagakerjaan Nomor 1 Tahun 2020 tentang Perubahan atas Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014;",
		"Keputusan Menteri Tenaga Kerja dan Transmigrasi Nomor KEP.16/MEN/2001 tentang Pencatatan Serikat Pekerja;",
		"Peraturan Wali Kota Malang Nomor 44 Tahun 2012 tentang Uraian Tugas sebagaimana telah diubah dengan Peraturan Wali Kota Malang Nomor 9 Tahun 2019;",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Tahun 2001 ") || strings.Contains(got, "PER.17") || strings.Count(got, "Nomor 28 Tahun 2014 tentang Peraturan Perusahaan") != 1 {
		t.Errorf("a doubled year, a revoked regulation or a repeated one:\n%s", got)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// agencyID returns the id of the perangkat daerah of that name.
func agencyID(t *testing.T, db *sqlstore.DB, name string) int64 {
	t.Helper()
	units, err := db.FindUnits(context.Background(), esop.UnitFilter{})
	must(t, err)
	for _, u := range units {
		if u.Name == name && u.Kind == esop.UnitPerangkatDaerah {
			return u.ID
		}
	}
	t.Fatalf("no agency %q", name)
	return 0
}

package export

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/xuri/excelize/v2"
)

func docJSON(t testing.TB, d *esop.Document) string {
	t.Helper()
	b, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSOPWorkbookRoundTrip: every sample written as the SOP workbook and
// read back is the same document, and the workbook opens in excelize
// with the layout of the official form.
func TestSOPWorkbookRoundTrip(t *testing.T) {
	for _, s := range samples(t) {
		t.Run(s.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSOPXLSX(&b, s.doc); err != nil {
				t.Fatal(err)
			}
			got, ps := ReadSOPWorkbook(b.Bytes(), esop.ValidateOptions{})
			if ps.HasErrors() || got == nil {
				t.Fatalf("problems: %v", ps)
			}
			if a, w := docJSON(t, got), docJSON(t, s.doc); a != w {
				t.Errorf("the document changed through the workbook:\n%s", firstDiff(w, a))
			}
			f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if v, _ := f.GetCellValue(SheetActivities, "B1"); v != hActivity {
				t.Errorf("B1 %q", v)
			}
			if v, _ := f.GetCellValue(SheetActivities, "C2"); v != s.doc.Actors[0].Name {
				t.Errorf("C2 %q, want the first pelaksana", v)
			}
			rows, _ := f.GetRows(SheetActivities)
			if len(rows) != headerRows+len(s.doc.Steps) {
				t.Errorf("%d rows for %d steps", len(rows), len(s.doc.Steps))
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "want " + al[i] + "\n got " + bl[i]
		}
	}
	return "lengths differ"
}

// TestSOPWorkbookFromExcel: a workbook made by another program (excelize:
// shared strings, a date typed as a date, numbers) in the official layout
// without the optional columns reads into the document it describes;
// pelaksana ids are made from the names.
func TestSOPWorkbookFromExcel(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", SheetIdentity)
	f.NewSheet(SheetActivities)
	id := [][]any{
		{"Nomor SOP", "800/1/2025"}, {"Nama SOP", "Pelayanan Contoh"}, {"Perangkat Daerah", "Dinas Contoh"}, {"Unit", "Bidang Satu"},
		{"Tanggal Efektif", 45672}, {"Disahkan oleh: Jabatan", "Kepala Dinas Contoh"}, {"Disahkan oleh: Nama", "Budi"},
		{"Dasar Hukum", "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"},
		{"Dasar Hukum", "", "Perwali", "44", 2012, "Uraian Tugas"},
	}
	for i, row := range id {
		f.SetSheetRow(SheetIdentity, "A"+itoa(i+1), &row)
	}
	act := [][]any{
		{"NO", "KEGIATAN", "PELAKSANA", "", "MUTU BAKU", "", "", "KETERANGAN", "KEPUTUSAN"},
		{"", "", "Pemohon", "Petugas Loket", "KELENGKAPAN", "WAKTU", "OUTPUT", "", "YA", "TIDAK"},
		{1, "Menyerahkan berkas", "X", "", "KTP\nKK", "2 menit", "Berkas"},
		{2, "Memeriksa berkas", "", "x", "Berkas", "5 menit", "Berkas terperiksa", "", "Lengkap: 3", 1},
		{3, "Menerbitkan surat", "", "X", "Berkas lengkap", "1 hari", "Surat"},
	}
	for i, row := range act {
		f.SetSheetRow(SheetActivities, "A"+itoa(i+1), &row)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	d, ps := ReadSOPWorkbook(b.Bytes(), esop.ValidateOptions{})
	if d == nil {
		t.Fatalf("problems: %v", ps)
	}
	if d.Dates.Effective.String() != "2025-01-15" || d.Approval == nil || d.Approval.Name != "Budi" || len(d.LegalBasis) != 2 ||
		d.LegalBasis[1].Kind != "Perwali" || d.LegalBasis[1].Year != 2012 || d.LegalBasis[0].Text == "" {
		t.Errorf("identity: %s", docJSON(t, d))
	}
	if len(d.Actors) != 2 || d.Actors[1].ID != "petugas-loket" || len(d.Steps) != 3 || d.Steps[1].Actor != "petugas-loket" ||
		d.Steps[1].Decision == nil || d.Steps[1].Decision.Yes != "s3" || d.Steps[1].Decision.YesLabel != "Lengkap" || d.Steps[1].Decision.No != "s1" ||
		len(d.Steps[0].Requirements) != 2 || d.Steps[2].Time.Value != 1 || d.Steps[2].Time.Unit != esop.UnitDay {
		t.Errorf("activities: %s", docJSON(t, d))
	}
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n/10)) + string(rune('0'+n%10)))
}

// TestSOPWorkbookProblems: each problem names its sheet, row and column,
// in Indonesian and in English, and nothing is returned.
func TestSOPWorkbookProblems(t *testing.T) {
	d := samples(t)[0].doc.Clone()
	wb := SOPWorkbook(d)
	act := wb.sheets[1]
	c := newActivityColumns(len(d.Actors))
	act.Set(c.actor0+1, 4, "X", 0)       // row 2 of the table: two pelaksana marked
	act.Set(c.effort, 5, "lama", 0)      // not a duration
	act.Set(c.next, 6, 99, 0)            // no such row
	act.Set(c.activity, 3, nil, 0)       // no activity: the validator's error
	wb.sheets[0].Set(1, 200, "Warna", 0) // an unknown field
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		t.Fatal(err)
	}
	got, ps := ReadSOPWorkbook(b.Bytes(), esop.ValidateOptions{})
	if got != nil {
		t.Fatal("a workbook with errors gave a document")
	}
	var id, en []string
	for _, p := range ps.Errors() {
		id, en = append(id, p.Format("id")), append(en, p.Format("en"))
	}
	all := strings.Join(id, "\n")
	for _, want := range []string{
		"lembar Identitas, baris 200, kolom A: isian \"Warna\" tidak dikenal",
		"lembar Kegiatan, baris 4, kolom C (PELAKSANA): tandai tepat satu kolom pelaksana (ada 2)",
		"lembar Kegiatan, baris 5, kolom " + ColumnName(c.effort) + " (NORMA WAKTU): \"lama\" bukan lama waktu",
		"lembar Kegiatan, baris 6, kolom " + ColumnName(c.next) + " (LANJUT KE): tidak ada baris dengan NO \"99\"",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
	if !strings.Contains(strings.Join(en, "\n"), "sheet Kegiatan, row 6, column "+ColumnName(c.next)+" (LANJUT KE): there is no row with NO \"99\"") {
		t.Errorf("English:\n%s", strings.Join(en, "\n"))
	}
	// The validator's errors are placed too: a step without its activity.
	wb = SOPWorkbook(d)
	wb.sheets[1].Set(c.activity, 3, nil, 0)
	b.Reset()
	wb.Write(&b)
	_, ps = ReadSOPWorkbook(b.Bytes(), esop.ValidateOptions{})
	if len(ps.Errors()) == 0 || !strings.HasPrefix(ps.Errors()[0].Format("id"), "lembar Kegiatan, baris 3, kolom B (KEGIATAN): ") {
		t.Errorf("validator's error: %v", ps.Errors())
	}
	// Not a workbook at all.
	if _, ps := ReadSOPWorkbook([]byte("PK\x03\x04 nonsense"), esop.ValidateOptions{}); !ps.HasErrors() || !strings.Contains(ps[0].Format("id"), "bukan buku kerja Excel") {
		t.Errorf("nonsense: %v", ps)
	}
}

// TestSOPTemplate: the template has both sheets, the instructions, three
// pelaksana columns; read back as it is, it is refused with its empty
// fields named.
func TestSOPTemplate(t *testing.T) {
	var b bytes.Buffer
	if err := WriteSOPTemplate(&b); err != nil {
		t.Fatal(err)
	}
	sheets, err := ReadWorkbook(b.Bytes())
	if err != nil || len(sheets) != 3 || sheets[2].Name != SheetHelp || sheets[1].Get(5, 2) != "Pelaksana 3" {
		t.Fatalf("%v %d sheets", err, len(sheets))
	}
	d, ps := ReadSOPWorkbook(b.Bytes(), esop.ValidateOptions{})
	if d != nil || !ps.HasErrors() {
		t.Fatal("the empty template was accepted")
	}
	if !strings.Contains(ps.Errors()[0].Format("id"), "lembar") {
		t.Errorf("%v", ps)
	}
}

// FuzzReadWorkbook: the reader never panics nor holds more than its
// limits, whatever the bytes; the corpus is in testdata/fuzz.
func FuzzReadWorkbook(f *testing.F) {
	var b bytes.Buffer
	d := samples(f)[0].doc
	if err := WriteSOPXLSX(&b, d); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	b.Reset()
	WriteSOPTemplate(&b)
	f.Add(b.Bytes())
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.xlsx"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	// Lower limits, so that an input that inflates does not take seconds.
	defer func(p, t, c int) { maxPartBytes, maxTotalBytes, maxReadCells = p, t, c }(maxPartBytes, maxTotalBytes, maxReadCells)
	maxPartBytes, maxTotalBytes, maxReadCells = 1<<20, 2<<20, 20000
	f.Fuzz(func(t *testing.T, data []byte) {
		sheets, err := ReadWorkbook(data)
		if err == nil {
			cells := 0
			for _, s := range sheets {
				for _, r := range s.Cells {
					cells += len(r)
				}
			}
			if cells > maxReadCells {
				t.Fatalf("%d cells", cells)
			}
		}
		ReadSOPWorkbook(data, esop.ValidateOptions{})
	})
}

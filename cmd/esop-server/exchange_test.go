package main

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportBPMN: export --format bpmn writes one BPMN 2.0 file per SOP
// named like the JSON export, with a lane per pelaksana; an unknown
// format is refused before anything is written.
func TestExportBPMN(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if r := esopRun(t, nil, "import", "--db", db, example("ak1-kartu-pencari-kerja.json")); r.code != 0 {
		t.Fatalf("import: %q", r.stderr)
	}
	out := filepath.Join(dir, "out")
	r := esopRun(t, nil, "export", "--db", db, "--out", out, "--format", "bpmn")
	if r.code != 0 {
		t.Fatalf("export: %d %q", r.code, r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*"))
	if len(files) != 1 || !strings.HasSuffix(files[0], "-800-012-35.73.405-2024.bpmn") {
		t.Fatalf("files %v", files)
	}
	b, _ := os.ReadFile(files[0])
	var defs struct {
		Process struct {
			Lanes []struct {
				Name string `xml:"name,attr"`
			} `xml:"laneSet>lane"`
			Flows []struct{} `xml:"sequenceFlow"`
		} `xml:"process"`
	}
	if err := xml.Unmarshal(b, &defs); err != nil {
		t.Fatal(err)
	}
	if len(defs.Process.Lanes) != 3 || defs.Process.Lanes[1].Name != "Petugas Loket Pelayanan" || len(defs.Process.Flows) != 9 {
		t.Errorf("lanes %+v, %d flows", defs.Process.Lanes, len(defs.Process.Flows))
	}
	r = esopRun(t, nil, "export", "--db", db, "--out", filepath.Join(dir, "none"), "--format", "visio")
	if r.code != 2 || !strings.Contains(r.stderr, `format "visio" tidak dikenal`) {
		t.Errorf("unknown format: %d %q", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "none")); !os.IsNotExist(err) {
		t.Error("an unknown format made the output folder")
	}
}

// TestExcelRoundTrip: export --format xlsx, import of the workbooks into
// a new database and export as JSON give the documents imported first;
// --template writes the empty workbook; a workbook with a mistake is
// refused with its sheet, row and column, nothing imported.
func TestExcelRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	files := []string{example("ak1-kartu-pencari-kerja.json"), example("mediasi-hubungan-industrial.json")}
	if r := esopRun(t, nil, append([]string{"import", "--db", db}, files...)...); r.code != 0 {
		t.Fatalf("import: %q", r.stderr)
	}
	xl := filepath.Join(dir, "xlsx")
	if r := esopRun(t, nil, "export", "--db", db, "--out", xl, "--format", "xlsx"); r.code != 0 {
		t.Fatalf("export xlsx: %q", r.stderr)
	}
	books, _ := filepath.Glob(filepath.Join(xl, "*.xlsx"))
	if len(books) != 2 {
		t.Fatalf("workbooks %v", books)
	}
	db2 := filepath.Join(dir, "b.db")
	if r := esopRun(t, nil, append([]string{"import", "--db", db2}, books...)...); r.code != 0 || !strings.Contains(r.stdout, "Diimpor 2 SOP dari 2 berkas") {
		t.Fatalf("import xlsx: %d %q %q", r.code, r.stdout, r.stderr)
	}
	js := filepath.Join(dir, "json")
	if r := esopRun(t, nil, "export", "--db", db2, "--out", js); r.code != 0 {
		t.Fatalf("export: %q", r.stderr)
	}
	again, _ := filepath.Glob(filepath.Join(js, "*.json"))
	if len(again) != 2 {
		t.Fatalf("exported %v", again)
	}
	for i, f := range files {
		in, _ := os.ReadFile(f)
		ex, _ := os.ReadFile(again[i])
		if canon(t, in) != canon(t, ex) {
			t.Errorf("%s changed through Excel", f)
		}
	}
	r := esopRun(t, nil, "export", "--template", "--out", dir)
	tpl := filepath.Join(dir, "templat-sop.xlsx")
	if _, err := os.Stat(tpl); r.code != 0 || err != nil {
		t.Fatalf("template: %d %q %v", r.code, r.stderr, err)
	}
	// The template as it is: refused, each problem placed.
	db3 := filepath.Join(dir, "c.db")
	r = esopRun(t, nil, "import", "--db", db3, tpl)
	if r.code != 1 || !strings.Contains(r.stderr, "templat-sop.xlsx: lembar ") || !strings.Contains(r.stderr, "Tidak ada yang diimpor") {
		t.Errorf("template imported: %d %q", r.code, r.stderr)
	}
	r = esopRun(t, map[string]string{"ESOP_LANG": "en"}, "import", "--db", db3, tpl)
	if r.code != 1 || !strings.Contains(r.stderr, "templat-sop.xlsx: sheet ") {
		t.Errorf("English: %q", r.stderr)
	}
}

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

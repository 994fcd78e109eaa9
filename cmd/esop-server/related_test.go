package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// plainText returns the text of a PDF in reading order with every space
// and hyphen dropped, so that a check does not depend on where lines
// break; it skips the test without pdftotext outside CI.
func plainText(t *testing.T, file string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing; .ci/run must install it")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	out, err := exec.Command(tool, file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer(" ", "", "\n", "", "-", "", "\u00ad", "").Replace(string(out))
}

func squeeze(s string) string { return strings.NewReplacer(" ", "", "-", "").Replace(s) }

// TestRenderRelatedFromDB checks that Keterkaitan is printed with the
// number and title of the SOP it names when the SOP is printed from the
// database or with --db, and as written from a file alone.
func TestRenderRelatedFromDB(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "esop.db")
	env := map[string]string{"ESOP_DB": db}
	if r := esopRun(t, env, "demo"); r.code != 0 {
		t.Fatalf("demo: %s", r.stderr)
	}
	resolved := squeeze("SOP Pelayanan Informasi Lowongan Kerja Nomor 560/041/35.73.405/2026")
	unknown := squeeze("SOP Pelaporan Pencari Kerja Enam Bulanan")
	for _, tc := range []struct {
		name string
		args []string
		want bool
	}{
		{"a stored SOP", []string{"render", "--out", filepath.Join(dir, "a.pdf"), "800/012/35.73.405/2024"}, true},
		{"a file with --db", []string{"render", "--db", db, "--out", filepath.Join(dir, "b.pdf"), example("ak1-kartu-pencari-kerja.json")}, true},
		{"a file alone", []string{"render", "--out", filepath.Join(dir, "c.pdf"), example("ak1-kartu-pencari-kerja.json")}, false},
	} {
		r := esopRun(t, env, tc.args...)
		if r.code != 0 {
			t.Fatalf("%s: %d %s", tc.name, r.code, r.stderr)
		}
		text := plainText(t, tc.args[len(tc.args)-2])
		if strings.Contains(text, resolved) != tc.want || !strings.Contains(text, unknown) {
			t.Errorf("%s: resolved %v, want %v; the unknown SOP as written: %v", tc.name, strings.Contains(text, resolved), tc.want, strings.Contains(text, unknown))
		}
	}
}

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/book"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sqlite"
)

// pdfText returns the text of each page of a PDF file, or skips the test
// when poppler-utils are not installed (outside CI).
func pdfText(t *testing.T, file string) []string {
	t.Helper()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing; .ci/run must install it")
		}
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	out, err := exec.Command(pdftotext, "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1]
}

// sopPages returns the number of printed pages of the SOPs of the book
// that Gather makes with these options.
func sopPages(t *testing.T, dsn string, o book.Options) (pages, sops int) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b, err := book.Gather(ctx, db, o)
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range b.Documents() {
		p, err := r.Layout(d, nil)
		if err != nil {
			t.Fatal(err)
		}
		pages += p.Count()
	}
	return pages, len(b.Versions)
}

// TestRenderBook renders the sample book with the head of office's
// decision: cover, decision pages, contents pages and the SOP pages,
// numbered across the book.
func TestRenderBook(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "esop.db")
	env := map[string]string{"ESOP_DB": db}
	if r := esopRun(t, env, "demo"); r.code != 0 {
		t.Fatalf("demo: %s", r.stderr)
	}
	out := filepath.Join(dir, "buku.pdf")
	r := esopRun(t, env, "render", "--book", "--date", "2026-11-20", "--decree-number", "188.45/017/35.73.405/2026", "--out", out)
	if r.code != 0 || !strings.Contains(r.stderr, "Buku berisi") {
		t.Fatalf("render --book: %d %s", r.code, r.stderr)
	}
	pages := pdfText(t, out)
	sops, n := sopPages(t, db, book.Options{Date: esop.MustDate("2026-11-20")})
	decision, contents := 0, 0
	for i, p := range pages {
		if i > 0 && !strings.Contains(p, fmt.Sprintf("Halaman %d dari %d", i+1, len(pages))) {
			t.Errorf("page %d is not numbered in the book", i+1)
		}
		switch {
		case strings.Contains(p, "Daftar Isi — Standar Operasional Prosedur"):
			contents++
		case strings.Contains(p, "Keputusan Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang Nomor 188.45/017/35.73.405/2026"):
			decision++
		}
	}
	if decision < 2 || contents < 1 || len(pages) != 1+decision+contents+sops {
		t.Errorf("%d pages, want cover + %d decision pages + %d contents pages + %d SOP pages", len(pages), decision, contents, sops)
	}
	text := strings.Join(strings.Fields(strings.Join(pages[1:1+decision], "\n")), " ")
	for _, want := range []string{"NOMOR 188.45/017/35.73.405/2026", "Menimbang", "Mengingat",
		"Peraturan Wali Kota Malang Nomor 44 Tahun 2012", "MEMUTUSKAN:", "sebanyak " + strconv.Itoa(n) + " (",
		"Ditetapkan di Malang", "pada tanggal 20 November 2026", "Drs. Contoh Pejabat, M.Si.", "NIP. 19680512 199303 1 007"} {
		if !strings.Contains(text, want) {
			t.Errorf("the decision lacks %q", want)
		}
	}

	// A unit's book on a day within the Plt of the Kepala Dinas, the
	// number left to complete by hand.
	r = esopRun(t, env, "render", "--book", "--unit", "sekretariat", "--date", "2025-08-20", "--out", out)
	if r.code != 0 {
		t.Fatalf("render --book --unit: %d %s", r.code, r.stderr)
	}
	pages = pdfText(t, out)
	sops, _ = sopPages(t, db, book.Options{Unit: "sekretariat", Date: esop.MustDate("2025-08-20")})
	text = strings.Join(strings.Fields(strings.Join(pages, "\n")), " ")
	for _, want := range []string{"NOMOR …/…/…", "PADA SEKRETARIAT DINAS KETENAGAKERJAAN DAN TRANSMIGRASI KOTA MALANG",
		"Plt. KEPALA DINAS KETENAGAKERJAAN DAN TRANSMIGRASI KOTA MALANG,", "Dra. Contoh Sekretaris, M.M.", "pada tanggal 20 Agustus 2025"} {
		if !strings.Contains(text, want) {
			t.Errorf("the unit's book lacks %q", want)
		}
	}
	if strings.Contains(text, "Bidang Penempatan") || !regexp.MustCompile(`Halaman \d+ dari `+strconv.Itoa(len(pages))).MatchString(text) {
		t.Error("the unit's book holds another unit's SOP, or is not numbered")
	}
	if len(pages) < 4+sops {
		t.Errorf("%d pages for %d SOP pages", len(pages), sops)
	}

	for _, args := range [][]string{
		{"--date", "20-11-2026"},
		{"--unit", "tidak-ada"},
		{"--date", "2000-01-01"},
	} {
		r := esopRun(t, env, append([]string{"render", "--book", "--out", out}, args...)...)
		if r.code != 1 || r.stderr == "" {
			t.Errorf("%v: %d %q", args, r.code, r.stderr)
		}
	}
}

package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// getPDF fetches a path and returns the status, content type and body.
func (e *env) getPDF(c *http.Client, path string) (int, string, []byte) {
	e.t.Helper()
	res, err := c.Get(e.srv.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), b
}

// TestBookPDF: the SOP book is public, a PDF, linked from the catalogue
// with the chosen unit, and a unit's book holds that unit's SOPs only.
func TestBookPDF(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	anon := e.client("")
	status, ctype, body := e.getPDF(anon, "/book.pdf")
	if status != http.StatusOK || ctype != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Fatalf("/book.pdf: %d %q %.20q", status, ctype, body)
	}
	if _, _, again := e.getPDF(anon, "/book.pdf"); !bytes.Equal(again, body) {
		t.Error("the same book twice differs")
	}
	const unit = "Bidang Hubungan Industrial dan Jaminan Sosial"
	status, ctype, unitBook := e.getPDF(anon, "/book.pdf?unit="+url.QueryEscape(unit))
	if status != http.StatusOK || ctype != "application/pdf" || !bytes.HasPrefix(unitBook, []byte("%PDF-")) || len(unitBook) >= len(body) {
		t.Fatalf("a unit's book: %d %q, %d bytes (the whole book %d)", status, ctype, len(unitBook), len(body))
	}
	for path, want := range map[string]int{"/book.pdf?unit=tidak-ada": 404, "/book.pdf?unit=seksi-produktivitas": 404, "/book.pdf?paper=B5": 422} {
		if status, _, _ := e.getPDF(anon, path); status != want {
			t.Errorf("%s: %d, want %d", path, status, want)
		}
	}

	// The catalogue links to the book, with the unit chosen.
	if _, page := e.get(anon, "/"); !strings.Contains(page, `href="/book.pdf"`) || !strings.Contains(page, "Unduh buku SOP (PDF)") {
		t.Error("the catalogue does not link to the book")
	}
	if _, page := e.get(anon, "/?unit="+url.QueryEscape(unit)); !strings.Contains(page, `href="/book.pdf?unit=Bidang%20Hubungan%20Industrial%20dan%20Jaminan%20Sosial"`) {
		t.Error("the catalogue of a unit does not link to the unit's book")
	}

	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing; .ci/run must install it")
		}
		t.Skip("pdftotext is not installed; the text of the book is not checked")
	}
	file := filepath.Join(t.TempDir(), "book.pdf")
	if err := os.WriteFile(file, unitBook, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	sops, _, err := e.db.FindSOPs(context.Background(), esop.SOPFilter{})
	if err != nil {
		t.Fatal(err)
	}
	mine := 0
	for _, s := range sops {
		inForce := s.Current != nil && s.Number != ""
		switch {
		case s.Unit == unit && inForce:
			mine++
			if !strings.Contains(text, s.Number) {
				t.Errorf("the unit's book lacks %s %s", s.Number, s.Title)
			}
		case s.Number != "" && strings.Contains(text, s.Number):
			t.Errorf("the book of %s holds %s of %s", unit, s.Number, s.Unit)
		}
	}
	for _, want := range []string{"KEPUTUSAN KEPALA DINAS KETENAGAKERJAAN DAN TRANSMIGRASI KOTA MALANG", "PADA BIDANG HUBUNGAN INDUSTRIAL DAN JAMINAN SOSIAL",
		"DAFTAR ISI", "Drs. Contoh Pejabat, M.Si.", "pada tanggal 20 November 2026",
		"Pindai untuk memeriksa keabsahan"} { // the SOPs carry their verification code, as their own PDFs do
		if !strings.Contains(text, want) {
			t.Errorf("the unit's book lacks %q", want)
		}
	}
	if mine < 2 {
		t.Errorf("only %d SOPs of %s in force", mine, unit)
	}
}

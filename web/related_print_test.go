package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestPrintResolvesRelated checks that the printed Keterkaitan names the
// stored SOP with its number and title, and leaves an entry naming none
// as written.
func TestPrintResolvesRelated(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sop := e.sop("Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)")
	res := e.do(e.newClient(), http.MethodGet, fmt.Sprintf("/sops/%d/document.pdf", sop.ID), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("print: %s", gist(res))
	}
	text := pdfText(t, []byte(res.body))
	if text == "" {
		return // no pdftotext outside CI
	}
	flat := strings.NewReplacer(" ", "", "-", "", "\u00ad", "").Replace(text)
	for _, want := range []string{"SOP Pelayanan Informasi Lowongan Kerja Nomor 560/041/35.73.405/2026", "SOP Pelaporan Pencari Kerja Enam Bulanan",
		"Peraturan Menteri Ketenagakerjaan Nomor 39 Tahun 2016"} {
		if !strings.Contains(flat, strings.NewReplacer(" ", "", "-", "").Replace(want)) {
			t.Errorf("the print lacks %q", want)
		}
	}
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestPagesListItemsWithoutTheirAuthorsMarkers: the SOP page and the
// review screen number a list's items once and show KELENGKAPAN without
// the numbers or bullets their author typed, as the print does.
func TestPagesListItemsWithoutTheirAuthorsMarkers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := &esop.Document{Format: esop.FormatV1, Title: "Pelayanan Uji Daftar", Government: "Pemerintah Kota Malang",
		Agency: "Dinas Ketenagakerjaan dan Transmigrasi", Unit: unitPenta, Category: esop.CategoryRutin,
		LegalBasis:     []esop.LegalRef{{Text: "1. Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan"}},
		Qualifications: []string{"1. Memahami ketentuan", "2) Mampu mengoperasikan komputer"},
		Equipment:      []string{"- Komputer", " ", "• Printer"},
		Records:        []string{"a. Buku register"},
		Actors:         []esop.Actor{{ID: "a", Name: "Petugas"}, {ID: "b", Name: "Kepala Seksi"}},
		Steps: []esop.Step{
			{ID: "s1", Activity: "Menerima berkas", Actor: "a", Requirements: []string{"1. KTP asli", "2. Kartu keluarga"},
				Time: &esop.Duration{Value: 5, Unit: esop.UnitMinute}, Output: "Berkas"},
			{ID: "s2", Activity: "2. Memeriksa berkas", Actor: "b", Time: &esop.Duration{Value: 1, Unit: esop.UnitHour}, Output: "Berkas terperiksa"},
		}}
	saved, err := e.db.SaveDraft(context.Background(), 0, d, 0, "penyusun")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fmt.Sprintf("/sops/%d", saved.SOPID), fmt.Sprintf("/sops/%d/review", saved.SOPID)} {
		res := e.do(e.session("penyusun"), http.MethodGet, path, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", path, gist(res))
		}
		page := unescaped(res.body)
		for _, want := range []string{"<li>Undang-Undang Nomor 13", "<li>Memahami ketentuan</li>", "<li>Mampu mengoperasikan komputer</li>",
			"<li>Komputer</li>", "<li>Printer</li>", "<li>Buku register</li>"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", path, want)
			}
		}
		if strings.Contains(page, "<li> </li>") || strings.Contains(page, "<li></li>") {
			t.Errorf("%s shows an empty item", path)
		}
		if !strings.Contains(page, "<td>Memeriksa berkas</td>") && !strings.Contains(page, "<td>Memeriksa berkas<br>") {
			t.Errorf("%s shows KEGIATAN with its author's number", path)
		}
		if strings.Contains(path, "review") {
			continue
		}
		if !strings.Contains(page, "<td>KTP asli, Kartu keluarga</td>") {
			t.Errorf("%s does not show KELENGKAPAN without its numbers", path)
		}
	}
}

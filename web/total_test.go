package web_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestTotalTimeEverywhere checks that the SOP page, the catalogue and the
// API give the one total time (esop.TotalTime): the mediation SOP's
// rejection branch (mediation fails, a recommendation) and its agreement
// branch are alternatives, so the total is 31 days and 15 minutes, not
// the 35 days and 15 minutes of every row added up.
func TestTotalTimeEverywhere(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const title = "Penyelesaian Perselisihan Hubungan Industrial melalui Mediasi"
	sop := e.sop(title)
	c := e.newClient()

	page := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d", sop.ID), nil)
	if !strings.Contains(page.body, "31 hari 15 menit") || strings.Contains(page.body, "35 hari") {
		t.Error("the SOP page does not show the total along the longest path")
	}
	if cat := e.do(c, http.MethodGet, "/", nil); !strings.Contains(cat.body, "31 hari 15 menit") {
		t.Error("the catalogue does not show the total along the longest path")
	}
	type listed struct {
		Title     string
		TotalTime *struct {
			Text      string
			Units     map[string]float64
			Path      []int
			TextSteps []int
		} `json:"totalTime"`
	}
	var list struct {
		SOPs []listed `json:"sops"`
	}
	for _, lang := range []string{"id", "en"} {
		e.apiJSON(c, http.MethodGet, "/api/v1/sops", "", nil, &list, "Accept-Language", lang)
		i := slices.IndexFunc(list.SOPs, func(s listed) bool { return s.Title == title })
		if i < 0 || list.SOPs[i].TotalTime == nil {
			t.Fatalf("%s: the API lists no total for %q", lang, title)
		}
		tt := list.SOPs[i].TotalTime
		want := map[string]string{"id": "31 hari 15 menit", "en": "31 days, 15 minutes"}[lang]
		if tt.Text != want || tt.Units["day"] != 31 || tt.Units["minute"] != 15 || len(tt.Units) != 2 || len(tt.Path) == 0 || tt.Path[0] != 1 {
			t.Errorf("%s: API total %+v, want %q", lang, tt, want)
		}
	}
}

// TestLegalBasisCited checks that the SOP page cites Dasar Hukum as the
// print does: with the issuer, and a regional regulation with its region.
func TestLegalBasisCited(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sop := e.sop("Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)")
	page := e.do(e.newClient(), http.MethodGet, fmt.Sprintf("/sops/%d", sop.ID), nil)
	for _, want := range []string{
		"<li>Peraturan Menteri Ketenagakerjaan Nomor 39 Tahun 2016 tentang Penempatan Tenaga Kerja</li>",
		"<li>Peraturan Wali Kota Malang Nomor 44 Tahun 2012 tentang Uraian Tugas Pokok, Fungsi, dan Tata Kerja Dinas Ketenagakerjaan dan Transmigrasi</li>",
	} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the SOP page lacks %q", want)
		}
	}
}

package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/esop-malang/esop"
)

// TestStatsPage: the dashboard of the head of office, a unit's head and
// an official's own record show the figures of the cases run, with each
// chart's title and description and the same figures in a table; the
// XLSX holds the tables; another's record is not found.
func TestStatsPage(t *testing.T) {
	t.Parallel()
	e := runEnvOf(t, newEnv(t))
	done := e.runCasesThrough(t, 3, func(i, k int) time.Duration {
		if i == 1 {
			return 3 * time.Hour
		}
		return 10 * time.Minute
	})
	var total int64
	for _, n := range done {
		total += n
	}
	get := func(user, path string, want int) string {
		t.Helper()
		res := e.do(e.session(user), http.MethodGet, path, nil)
		if res.StatusCode != want {
			t.Fatalf("%s as %s: %d, want %d: %s", path, user, res.StatusCode, want, gist(res))
		}
		return res.body
	}
	page := get("kadis", "/stats?from=2026-11&to=2026-11", http.StatusOK)
	for _, want := range []string{
		`<svg class="stats-chart"`, `<title id="trend-title">Tugas selesai per bulan: tepat waktu dan terlambat</title>`,
		`<desc id="trend-desc">2026-11: ` + strconv.FormatInt(total, 10) + ` tugas`,
		`<title id="late-title">`, `<th scope="row">2026-11</th>`, "Kegiatan yang paling sering terlambat",
		"SOP yang paling sering terlambat", "3 diterima, 3 selesai, 0 dibatalkan", `href="/stats.xlsx?from=2026-11&amp;to=2026-11"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the head of office's page lacks %q", want)
		}
	}
	if strings.Count(page, "<svg") != strings.Count(page, "<title id=") {
		t.Error("a chart without its title")
	}
	// The unit's head: the unit's figures; a unit of another head: refused.
	if page := get("kabidhi", "/stats?unit=bidang-hi&from=2026-11&to=2026-11", http.StatusOK); !strings.Contains(page, "Kinerja SOP — Bidang Hubungan Industrial") {
		t.Errorf("the unit head's page: %.300s", page)
	}
	get("kabidhi", "/stats?unit=bidang-penta", http.StatusForbidden)
	// The official's own record, without the SOPs' table; not another's.
	own := get("mediator", "/stats?from=2026-11&to=2026-11", http.StatusOK)
	if !strings.Contains(own, "Catatan kinerja saya") || strings.Contains(own, "SOP yang paling sering terlambat") ||
		!strings.Contains(own, "<dd>"+strconv.FormatInt(done["mediator"], 10)+"</dd>") {
		t.Errorf("the mediator's own record: %.2000s", own)
	}
	get("mediator", "/stats?employee=999999", http.StatusNotFound)
	get("mediator", "/stats?from=2026-13", http.StatusUnprocessableEntity)
	// The heat view: the SOP's flowchart with its rows banded by late share.
	heat := get("kadis", "/stats/sops/"+strconv.FormatInt(e.sopID, 10)+"/heat?from=2026-11&to=2026-11", http.StatusOK)
	if !strings.Contains(heat, `data-row="b1"`) || !strings.Contains(heat, "data-change=") || !strings.Contains(heat, "Peta keterlambatan") {
		t.Errorf("heat view: %.500s", heat)
	}
	if !strings.Contains(page, "/heat?from=2026-11&amp;to=2026-11") {
		t.Error("the dashboard does not link the heat view")
	}
	get("kadis", "/stats/sops/999999/heat", http.StatusNotFound)
	// The export.
	res := e.do(e.session("kadis"), http.MethodGet, "/stats.xlsx?from=2026-11&to=2026-11", nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.body, "PK") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "kinerja-kantor-2026-11-2026-11.xlsx") {
		t.Errorf("xlsx: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
	}
}

// TestBrowserStats: the dashboard at 1366 and 360 px in Chromium: axe-core
// finds nothing serious and the phone does not scroll sideways.
func TestBrowserStats(t *testing.T) {
	e := runEnvOf(t, newEnv(t))
	e.runCasesThrough(t, 3, func(i, k int) time.Duration { return time.Duration(10+i*100) * time.Minute })
	b := newBrowser(t, e.srv.URL)
	b.as(e.env, "kadis")
	page := "/stats?from=2026-11&to=2026-11"
	b.do("office screen", chromedp.EmulateViewport(1366, 768))
	b.open(page, 200)
	b.audit(page)
	b.screenshot("stats-1366.png", "")
	heat := "/stats/sops/" + strconv.FormatInt(e.sopID, 10) + "/heat?from=2026-11&to=2026-11"
	b.open(heat, 200)
	b.audit(heat)
	b.screenshot("heat-1366.png", "")
	b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	b.open(page, 200)
	b.noSideways(page + " at 360 px")
	b.screenshot("stats-360.png", "")
}

// TestServicePerformance: the public page of a service in force shows
// last month's cases finished and the share on time, without names; a
// month without finished cases shows nothing.
func TestServicePerformance(t *testing.T) {
	t.Parallel()
	e := runEnvOf(t, newEnv(t))
	path := "/sops/" + strconv.FormatInt(e.sopID, 10)
	// (signed in: the anonymous page is kept for the day once rendered)
	if res := e.do(e.session("pelaksana"), http.MethodGet, path, nil); strings.Contains(res.body, "service-performance") {
		t.Error("figures without any case")
	}
	// Two cases in October 2026 (the test clock is 20 November), one late.
	e.runCasesFrom(t, time.Date(2026, 10, 5, 1, 0, 0, 0, time.UTC), 2, func(i, k int) time.Duration {
		if i == 1 {
			return 20 * time.Hour
		}
		return 10 * time.Minute
	})
	res := e.do(e.newClient(), http.MethodGet, path, nil)
	want := "Kinerja layanan bulan 2026-10: 2 permohonan selesai, 50 % tepat waktu (1 dari 2 yang memiliki mutu baku waktu)."
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, want) {
		t.Errorf("public page: %d, want %q in %s", res.StatusCode, want, gist(res))
	}
	if strings.Contains(res.body, "mediator") || strings.Contains(res.body, "Pengguna") {
		t.Error("the public page names people")
	}
}

// TestMonitoringFromEvidence: the six-monthly monitoring form of an SOP
// shows the period's figures and proposes its result against the
// on-time target (90 % by default), with the figures and the steps late
// most often written into Catatan; the assessor's choice is what is saved.
func TestMonitoringFromEvidence(t *testing.T) {
	t.Parallel()
	e := runEnvOf(t, newEnv(t))
	path := "/sops/" + strconv.FormatInt(e.sopID, 10) + "/monitoring?period=2026-S2"
	if res := e.do(e.session("pengesah"), http.MethodGet, path, nil); res.StatusCode != http.StatusOK || strings.Contains(res.body, "monev-evidence") {
		t.Fatalf("without cases: %d, evidence shown: %v", res.StatusCode, strings.Contains(res.body, "monev-evidence"))
	}
	e.runCasesThrough(t, 2, func(i, k int) time.Duration {
		if i == 1 {
			return 20 * time.Hour
		}
		return 10 * time.Minute
	})
	res := e.do(e.session("pengesah"), http.MethodGet, path, nil)
	for _, want := range []string{
		"Bukti dari kasus periode ini:</strong> 2 kasus selesai, 50 % tepat waktu (1 dari 2).",
		"Usulan menurut target ketepatan waktu: Tidak berjalan dengan baik.",
		`value="tidak-baik" checked`,
		"Bukti kasus 2026-07 s.d. 2026-12: 2 kasus selesai, 50 % tepat waktu (1 dari 2; target 90 %)",
		"Kegiatan yang paling sering terlambat:",
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the monitoring form lacks %q", want)
		}
	}
	// The evaluation shows the steps late most often beside its criteria.
	eval := e.do(e.session("pengesah"), http.MethodGet, "/sops/"+strconv.FormatInt(e.sopID, 10)+"/evaluation?period=2026-S2", nil)
	if !strings.Contains(eval.body, "Kegiatan yang paling sering terlambat pada periode ini") || !strings.Contains(eval.body, "terlambat dari") {
		t.Errorf("the evaluation lacks the late steps: %s", gist(eval))
	}
	// Choosing against the proposal needs a reason, which goes into the notes.
	c := e.session("pengesah")
	post := "/sops/" + strconv.FormatInt(e.sopID, 10) + "/monitoring"
	res = e.postForm(c, post, monitoringForm("result", "baik", "proposed", "tidak-baik", "notes", "Catatan penilai."))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "penilaian berbeda dari usulan (Tidak berjalan dengan baik): tuliskan alasannya") {
		t.Errorf("override without a reason: %d %s", res.StatusCode, gist(res))
	}
	res = e.postForm(c, post, monitoringForm("result", "baik", "proposed", "tidak-baik", "notes", "Catatan penilai.",
		"override", "Keterlambatan karena libur panjang, bukan prosedur."))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("override with a reason: %d %s", res.StatusCode, gist(res))
	}
	list, err := e.db.FindMonitorings(context.Background(), esop.MonevFilter{SOPID: e.sopID})
	if err != nil || len(list) != 1 || list[0].Result != esop.ResultGood ||
		list[0].Notes != "Catatan penilai.\nPenilaian berbeda dari usulan berdasarkan bukti (Tidak berjalan dengan baik): Keterlambatan karena libur panjang, bukan prosedur." {
		t.Fatalf("stored %+v %v", list, err)
	}
	// The administrator lowers the target over the API (a share in
	// (0, 1]; others may read it, not set it); it proposes the other result.
	var ae apiError
	mustStatus(t, e.apiJSON(http.DefaultClient, http.MethodPut, "/api/v1/stats/settings", e.bearer("admin"), map[string]any{"monevTarget": 90}, &ae), http.StatusUnprocessableEntity)
	if len(ae.Errors) != 1 || ae.Errors[0].Path != "monevTarget" {
		t.Errorf("a target of 90 (not a share): %+v", ae)
	}
	mustStatus(t, e.apiJSON(http.DefaultClient, http.MethodPut, "/api/v1/stats/settings", e.bearer("pengesah"), map[string]any{"monevTarget": 0.5}, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(http.DefaultClient, http.MethodPut, "/api/v1/stats/settings", e.bearer("admin"), map[string]any{"monevTarget": 0.5}, nil), http.StatusOK)
	var got struct{ MonevTarget float64 }
	mustStatus(t, e.apiJSON(http.DefaultClient, http.MethodGet, "/api/v1/stats/settings", e.bearer("pengesah"), nil, &got), http.StatusOK)
	if got.MonevTarget != 0.5 {
		t.Errorf("target read back: %v", got.MonevTarget)
	}
	if res := e.do(e.session("pengesah"), http.MethodGet, path+"&x=1", nil); !strings.Contains(res.body, `name="proposed" value="baik"`) {
		t.Error("a target of 50 % does not propose running well")
	}
}

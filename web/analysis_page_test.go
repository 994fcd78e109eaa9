package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/esop-malang/esop"
)

// TestWorkloadPage: the head of Bidang HI reads the unit's workload page,
// with the figures of the API (the mediator at 150,000 minutes a year
// once 1,000 PKB registrations are entered: 2 needed, 1 in post, EJ 2,00,
// A, beban berlebih) and each task behind them; in English by the switch;
// others are refused.
func TestWorkloadPage(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	vol := fmt.Sprintf("/api/v1/sops/%d/volume", e.sopID)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPut, vol, e.bearer("kabidhi"), map[string]any{"year": 2026, "volume": 1000}, nil), http.StatusOK)
	c := e.session("kabidhi")
	res := e.do(c, http.MethodGet, "/analysis/workload?unit=bidang-hi&year=2026", nil)
	body := unescaped(res.body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("page: %s", gist(res))
	}
	i := strings.Index(body, "Mediator Hubungan Industrial")
	if i < 0 {
		t.Fatalf("no mediator row: %s", gist(res))
	}
	row := body[i:min(len(body), i+1500)]
	for _, want := range []string{"150.000", "2 <small>(2,00)</small>", "2,00", "beban berlebih", "kebutuhan 2,00 orang, ada 1 orang"} {
		if !strings.Contains(row, want) {
			t.Errorf("the mediator's row lacks %q: %s", want, row)
		}
	}
	for _, want := range []string{"Analisis beban kerja — Bidang Hubungan Industrial", "75.000 menit per tahun", "PermenPANRB No. 1 Tahun 2020",
		"0,5 atau lebih ke atas", "Memeriksa kelengkapan berkas permohonan"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	en := e.do(c, http.MethodGet, "/analysis/workload?unit=bidang-hi&year=2026", nil, "Cookie", "lang=en")
	if !strings.Contains(unescaped(en.body), "Workload analysis") || !strings.Contains(unescaped(en.body), "overloaded") {
		t.Errorf("not in English: %s", gist(en))
	}
	for _, tc := range []struct{ user, query string }{{"kabidhi", "unit=bidang-penta"}, {"mediator", "unit=bidang-hi"}, {"kabidhi", ""}} {
		if res := e.do(e.session(tc.user), http.MethodGet, "/analysis/workload?"+tc.query, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s %s: %d", tc.user, tc.query, res.StatusCode)
		}
	}
}

// TestBrowserWorkload: the page at 1366 and 360 px in Chromium: axe-core
// finds nothing serious, the phone does not scroll sideways (the table
// scrolls in its own box), and the tasks open.
func TestBrowserWorkload(t *testing.T) {
	e := newRunEnv(t)
	ctx := esop.WithActor(context.Background(), "kabidhi", "127.0.0.1")
	if _, err := e.db.SetSOPVolume(ctx, e.sopID, 2026, 1000); err != nil { // the mediator overloaded: a red bar past the one in post
		t.Fatal(err)
	}
	b := newBrowser(t, e.srv.URL)
	b.as(e.env, "kabidhi")
	page := "/analysis/workload?unit=bidang-hi&year=2026"
	b.do("office screen", chromedp.EmulateViewport(1366, 768))
	b.open(page, 200)
	b.audit(page)
	b.do("open the tasks", chromedp.Click(chromedp.CSS("tr.tasks summary")))
	b.screenshot("workload-1366.png", "")
	b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	b.open(page, 200)
	b.noSideways(page + " at 360 px")
	b.screenshot("workload-360.png", "")
}

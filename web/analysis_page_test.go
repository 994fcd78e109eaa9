package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/esop-malang/esop"
	"github.com/xuri/excelize/v2"
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

	// On the phone the head types a negative volume for the PKB SOP, reads
	// the message beside the field, then enters 1.200: saved and shown.
	vol := fmt.Sprintf("#vv-%d", e.sopID)
	submit := chromedp.CSS(fmt.Sprintf(`form[action="/analysis/workload/sops/%d/volume"] button[type="submit"]`, e.sopID))
	clear := chromedp.Evaluate[chromedp.Void](`document.querySelector("` + vol + `").value = ""`)
	b.do("type a negative volume", clear, chromedp.SendKeys(chromedp.CSS(vol), "-5"))
	if res := b.load("save it", chromedp.Click(submit)); res.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a negative volume: status %d", res.Status)
	}
	if msg := eval[string](b, "the message", fmt.Sprintf(`document.querySelector("#ev-%d").innerText`, e.sopID)); !strings.Contains(msg, "volume tidak boleh negatif") {
		t.Errorf("beside the volume: %q", msg)
	}
	if typed := eval[string](b, "what was typed", `document.querySelector("`+vol+`").value`); typed != "-5" {
		t.Errorf("typed %q is not kept", typed)
	}
	b.checkConsole(page+" refused", "status of 422") // the page itself, as it should be
	b.audit(page + " refused")
	b.noSideways(page + " refused at 360 px")
	b.do("type 1.200", clear, chromedp.SendKeys(chromedp.CSS(vol), "1.200"))
	if res := b.load("save it again", chromedp.Click(submit)); res.Status != http.StatusOK {
		t.Fatalf("1.200: status %d", res.Status)
	}
	if saved := eval[string](b, "the notice", `(document.querySelector(".ok-msg")||{}).innerText||""`); saved != "Volume disimpan." {
		t.Errorf("after saving: %q at %s", saved, b.location())
	}
	if v := eval[string](b, "the value shown", `document.querySelector("`+vol+`").value`); v != "1200" {
		t.Errorf("volume shown %q", v)
	}
	b.screenshot("workload-volume-360.png", "")
}

// TestWorkloadVolumeForm: the head of Bidang HI enters the PKB SOP's
// volume on the workload page ("1.000", written as the office writes
// numbers): saved, audited under the head's name and shown in the
// mediator's figures; a negative volume, one that is not a number and a
// year out of range come back with the message beside the field and
// what was typed kept, nothing stored; the head of another unit and a
// mediator are refused.
func TestWorkloadVolumeForm(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	c := e.session("kabidhi")
	page := e.do(c, http.MethodGet, "/analysis/workload?unit=bidang-hi&year=2026", nil)
	action := fmt.Sprintf("/analysis/workload/sops/%d/volume", e.sopID)
	if !strings.Contains(page.body, `action="`+action+`"`) || !strings.Contains(unescaped(page.body), "Terukur: 0 kasus pada tahun 2026.") {
		t.Fatalf("no volume form for the PKB SOP: %s", gist(page))
	}
	form := func(year, volume string) url.Values {
		return url.Values{"unit": {"bidang-hi"}, "shown": {"2026"}, "year": {year}, "volume": {volume}}
	}
	res := e.postForm(c, action, form("2026", "1.000"))
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/analysis/workload?") ||
		!strings.Contains(res.Header.Get("Location"), "unit=bidang-hi") || !strings.Contains(res.Header.Get("Location"), "year=2026") {
		t.Fatalf("save: %s", gist(res))
	}
	after := e.do(c, http.MethodGet, res.Header.Get("Location"), nil)
	body := unescaped(after.body)
	if !strings.Contains(body, "Volume disimpan.") || !strings.Contains(body, `value="1000"`) {
		t.Errorf("after saving: %s", gist(after))
	}
	if i := strings.Index(body, "Mediator Hubungan Industrial"); i < 0 || !strings.Contains(body[i:i+1500], "150.000") {
		t.Errorf("the mediator's load does not follow the volume entered")
	}
	stored := func() float64 {
		t.Helper()
		vols, err := e.db.SOPVolumes(context.Background(), 2026)
		if err != nil || vols[e.sopID].Entered == nil {
			t.Fatalf("volumes %v, %v", vols, err)
		}
		return *vols[e.sopID].Entered
	}
	if stored() != 1000 {
		t.Errorf("stored %v", stored())
	}
	entries, _, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Entity: esop.EntitySOPVolume})
	if err != nil || len(entries) != 1 || entries[0].Actor != "kabidhi" {
		t.Errorf("audit: %v %v", entries, err)
	}

	for _, tc := range []struct{ year, volume, field, msg string }{
		{"2026", "-5", "ev", "volume tidak boleh negatif"},
		{"2026", "banyak", "ev", "volume harus bilangan bulat"},
		{"2026", "2,5", "ev", "volume harus bilangan bulat"},
		{"1999", "300", "ey", "tahun 1999 di luar jangkauan"},
		{"dua ribu", "300", "ey", "tahun harus bilangan"},
	} {
		res := e.postForm(c, action, form(tc.year, tc.volume))
		body := unescaped(res.body)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s/%s: %s", tc.year, tc.volume, gist(res))
			continue
		}
		id := fmt.Sprintf(`<div id="%s-%d">`, tc.field, e.sopID)
		i := strings.Index(body, id)
		if i < 0 || !strings.Contains(body[i:min(len(body), i+300)], tc.msg) {
			t.Errorf("%s/%s: %q not beside its field", tc.year, tc.volume, tc.msg)
		}
		if !strings.Contains(body, `value="`+tc.volume+`"`) || !strings.Contains(body, `value="`+tc.year+`"`) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("%s/%s: what was typed is not kept", tc.year, tc.volume)
		}
	}
	if stored() != 1000 {
		t.Errorf("a refused volume changed the stored one: %v", stored())
	}
	if res := e.postForm(c, action, form("2026", "1.000"), "Cookie", "lang=en"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("again: %s", gist(res))
	}
	if res := e.postForm(c, action, form("2026", "-1"), "Cookie", "lang=en"); !strings.Contains(unescaped(res.body), "the volume cannot be negative") {
		t.Errorf("not in English: %s", gist(res))
	}
	// The head of Bidang Penempatan heads another unit.
	if err := e.db.CreateUser(esop.WithActor(context.Background(), "admin", "127.0.0.1"), &esop.User{Username: "kabidpenta", Name: "Kabid Penta",
		EmployeeID: mustEmployee(t, e, "19750822 200003 1 002"), Grants: []esop.Grant{{Role: esop.RolePelaksana, UnitID: e.unitID("bidang-penta")}}}, testPassword); err != nil {
		t.Fatal(err)
	}
	if res := e.do(e.session("kabidpenta"), http.MethodGet, "/analysis/workload?unit=bidang-penta&year=2026", nil); res.StatusCode != http.StatusOK ||
		strings.Contains(res.body, `action="`+action+`"`) {
		t.Errorf("the head of Penta sees a form for the PKB SOP: %s", gist(res))
	}
	for _, user := range []string{"kabidpenta", "mediator"} {
		if res := e.postForm(e.session(user), action, form("2026", "7")); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %s", user, gist(res))
		}
	}
	if stored() != 1000 {
		t.Errorf("a refused user changed the volume: %v", stored())
	}
}

// TestWorkloadXLSX: the page links the ABK form of its unit and year;
// the download holds the mediator's tasks and total (150,000 minutes
// once 1,000 PKB registrations are entered: kebutuhan 2, 1 in post, EJ
// 2, A, beban berlebih); others are refused as on the page.
func TestWorkloadXLSX(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPut, fmt.Sprintf("/api/v1/sops/%d/volume", e.sopID), e.bearer("kabidhi"),
		map[string]any{"year": 2026, "volume": 1000}, nil), http.StatusOK)
	c := e.session("kabidhi")
	if page := e.do(c, http.MethodGet, "/analysis/workload?unit=bidang-hi&year=2026", nil); !strings.Contains(page.body, `href="/analysis/workload.xlsx?unit=bidang-hi&amp;year=2026"`) {
		t.Errorf("no link to the XLSX: %s", gist(page))
	}
	res := e.do(c, http.MethodGet, "/analysis/workload.xlsx?unit=bidang-hi&year=2026", nil)
	if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "abk-bidang-hi-2026.xlsx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	f := openXLSX(t, res)
	rows, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var tasks int
	var total []string
	for _, r := range rows[4:] {
		if len(r) > 0 && r[0] == "Mediator Hubungan Industrial" && r[5] == "1000" {
			tasks++
		}
		if len(r) > 0 && r[0] == "Jumlah Mediator Hubungan Industrial" {
			total = r
		}
	}
	if tasks < 4 || len(total) < 13 || total[6] != "2" || total[7] != "2" || total[8] != "150000" || total[9] != "1" || total[10] != "2" ||
		total[11] != "A" || total[12] != "beban berlebih" {
		t.Errorf("mediator: %d PKB tasks, total %q", tasks, total)
	}
	for _, tc := range []struct{ user, query string }{{"kabidhi", "unit=bidang-penta"}, {"mediator", "unit=bidang-hi"}, {"kabidhi", ""}} {
		if res := e.do(e.session(tc.user), http.MethodGet, "/analysis/workload.xlsx?"+tc.query, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s %s: %d", tc.user, tc.query, res.StatusCode)
		}
	}
}

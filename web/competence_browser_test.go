package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/esop-malang/esop"
)

// TestBrowserCompetenceAndOverlap: in Chromium at 1366 and 360 px, the
// head of Bidang Penta reaches the analyses from the menu, reads the gap
// chart and the training needs, enters a certificate with a mistake (the
// form says which field, keeps what was typed), corrects it, and the
// administrator dismisses an overlap finding with a reason; axe-core
// finds nothing serious on any of the screens and none scrolls sideways
// on a phone.
func TestBrowserCompetenceAndOverlap(t *testing.T) {
	e := newRunEnv(t)
	ctx := esop.WithActor(context.Background(), "admin", "127.0.0.1")
	emp, err := e.db.FindEmployeeByNIP(ctx, nipPengantar)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.CreateUser(ctx, &esop.User{Username: "kabidpenta", Name: "Kabid Penta", EmployeeID: mustEmployee(t, e, "19750822 200003 1 002"),
		Grants: []esop.Grant{{Role: esop.RolePelaksana, UnitID: e.unitID("bidang-penta")}}}, testPassword); err != nil {
		t.Fatal(err)
	}
	exp := esop.MustDate("2026-12-31")
	if err := e.db.CreateCompetenceRecord(ctx, &esop.CompetenceRecord{EmployeeID: emp.ID, Type: esop.RecordTraining, Title: "Bimtek Aplikasi SIAPkerja",
		Kind: esop.CompetenceTeknis, Date: esop.MustDate("2025-02-01"), Expiry: &exp}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e.srv.URL)
	b.as(e.env, "kabidpenta")
	b.do("office screen", chromedp.EmulateViewport(1366, 768))
	b.open("/dashboard", 200)
	b.load("open the menu Analisis", chromedp.Click(chromedp.CSS(`header nav a[href="/analysis"]`)))
	b.load("choose competence", chromedp.Click(chromedp.CSS(`main a[href^="/analysis/competence"]`)))
	page := "/analysis/competence?unit=bidang-penta"
	if got := b.location(); got != page {
		t.Errorf("the menu led the head of Bidang Penta to %s", got)
	}
	b.audit(page)
	if got := eval[string](b, "chart", `document.querySelector("figure.gap-chart svg desc").textContent`); !strings.Contains(got, "Pengantar Kerja") {
		t.Errorf("the chart's description: %q", got)
	}
	if n := eval[int](b, "needs", `document.querySelectorAll("#needs tbody tr").length`); n < 2 {
		t.Errorf("%d training needs", n)
	}
	b.screenshot("competence-1366.png", "")

	// The Pengantar Kerja's records: a certificate without its issuer.
	records := "/analysis/competence/employees/" + emp.NIP
	b.load("open the records", chromedp.Click(chromedp.CSS(`a[href="`+records+`"]`)))
	b.do("fill the certificate", chromedp.Click(chromedp.CSS(`input[name="type"][value="certificate"]`)),
		chromedp.SendKeys(chromedp.CSS("#r-title"), "Sertifikat Pengantar Kerja"),
		chromedp.SetValue(chromedp.CSS("#r-date"), "2024-03-01"))
	res := b.load("save", chromedp.Click(chromedp.CSS("#record-submit")))
	if res.Status != 422 {
		t.Fatalf("a certificate without issuer: %d", res.Status)
	}
	b.checkConsole(records+" (refused)", "422")
	b.audit(records + " (refused)")
	if got := eval[string](b, "issuer problem", `document.querySelector("#e-issuer").textContent`); !strings.Contains(got, "penerbit") {
		t.Errorf("beside the issuer: %q", got)
	}
	if got := eval[string](b, "kept title", `document.querySelector("#r-title").value`); got != "Sertifikat Pengantar Kerja" {
		t.Errorf("the title typed was lost: %q", got)
	}
	b.do("add the issuer", chromedp.SendKeys(chromedp.CSS("#r-issuer"), "Kementerian Ketenagakerjaan"))
	b.load("save again", chromedp.Click(chromedp.CSS("#record-submit")))
	if n := eval[int](b, "records", `document.querySelectorAll("#records tbody tr").length`); n != 2 {
		t.Errorf("%d records listed", n)
	}
	b.audit(records)
	b.open(page, 200)
	if got := eval[string](b, "status", `[...document.querySelectorAll(".position-competence li")].map(li => li.textContent).join("|")`); !strings.Contains(got, "Sertifikat Pengantar Kerja") {
		t.Errorf("the certificate meets nothing: %.300s", got)
	}

	// Overlap, as the administrator.
	b.as(e.env, "admin")
	b.open("/analysis/overlap", 200)
	b.audit("/analysis/overlap")
	b.do("give a reason", chromedp.SendKeys(chromedp.CSS("form.dismiss input[name=reason]"), "Tahap berbeda: penerimaan dan verifikasi"))
	b.load("dismiss", chromedp.Click(chromedp.CSS("form.dismiss button")))
	if got := eval[string](b, "dismissed", `(document.querySelector("#dismissed") || {}).textContent || ""`); got == "" {
		t.Error("no dismissed finding after dismissing")
	}
	b.open("/analysis/overlap?matrix=all", 200)
	b.audit("/analysis/overlap?matrix=all")

	// Printed: the findings and the matrix, without the forms and menus.
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	type shown struct{ Forms, Nav, Matrix, Findings int }
	got := eval[shown](b, "printed", `(() => { const vis = s => [...document.querySelectorAll(s)].filter(e => getComputedStyle(e).display !== "none" && e.offsetParent !== null).length;
		return {forms: vis("main form"), nav: vis("nav"), matrix: vis("#matrix"), findings: vis("section.finding")}; })()`)
	if got.Forms != 0 || got.Nav != 0 || got.Matrix != 1 || got.Findings == 0 {
		t.Errorf("printed overlap page: %+v", got)
	}
	b.open(page, 200)
	if n := eval[int](b, "printed chart", `[...document.querySelectorAll("figure.gap-chart svg, #gap-figures, #needs")].filter(e => e.offsetParent !== null || e.tagName === "svg").length`); n != 3 {
		t.Errorf("printed competence page shows %d of chart, figures and needs", n)
	}
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}

	b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	for _, p := range []string{page, records, "/analysis/overlap", "/analysis"} {
		b.open(p, 200)
		b.noSideways(p + " at 360 px")
	}
	b.screenshot("overlap-360.png", "")
}

// mustEmployee returns the id of the employee of nip.
func mustEmployee(t *testing.T, e *runEnv, nip string) int64 {
	t.Helper()
	emp, err := e.db.FindEmployeeByNIP(context.Background(), nip)
	if err != nil {
		t.Fatal(err)
	}
	return emp.ID
}

package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserServiceStandards: in Chromium at 1366 and 360 px, an author
// of Bidang Penempatan goes from the dashboard to the register, opens the
// AK/I standard and reads the check beside it (the SOP's 20 minutes
// exceed the published 15), types a time that is not a number (the form
// says so beside the field and keeps what was typed), corrects it to 20
// minutes and the check agrees; the public reaches the service's page
// from the SOP page, in Indonesian and English. axe-core finds nothing
// serious on any screen and none scrolls sideways on a phone.
func TestBrowserServiceStandards(t *testing.T) {
	e := newEnv(t)
	ak := e.sop(akSample)
	std, err := e.db.FindServiceStandardBySOP(context.Background(), ak.ID)
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e.srv.URL)
	b.signIn(e, "penyusun")
	b.do("office screen", chromedp.EmulateViewport(1366, 768))
	b.open("/dashboard", 200)
	if got := eval[string](b, "card", `[...document.querySelectorAll("section.mismatch h2")].map(h => h.textContent).join("|")`); !strings.Contains(got, "Bidang Penempatan") {
		t.Errorf("the dashboard's mismatch cards: %q", got)
	}
	b.load("open the register", chromedp.Click(chromedp.CSS(`main a[href="/standar-pelayanan"]`)))
	b.audit("/standar-pelayanan")
	edit := fmt.Sprintf("/standar-pelayanan/%d", std.ID)
	b.load("open the AK/I standard", chromedp.Click(chromedp.CSS(`main a[href="`+edit+`"]`)))
	b.audit(edit)
	if got := eval[string](b, "check", `document.querySelector(".standard-check").textContent`); !strings.Contains(got, "melebihi jangka waktu standar pelayanan (15 menit)") {
		t.Errorf("the check beside the form: %q", got)
	}
	b.screenshot("standard-1366.png", "")

	b.do("type a time that is not a number", chromedp.SetValue(chromedp.CSS("#f-durationValue"), "dua puluh"))
	res := b.load("save", chromedp.Click(chromedp.CSS("#standard-save")))
	if res.Status != 422 {
		t.Fatalf("a time that is not a number: %d", res.Status)
	}
	b.checkConsole(edit+" (refused)", "422")
	b.audit(edit + " (refused)")
	if got := eval[string](b, "beside the time", `document.querySelector("#e-duration-value").textContent`); !strings.Contains(got, "harus angka") {
		t.Errorf("beside the time: %q", got)
	}
	if got := eval[string](b, "kept", `document.querySelector("#f-durationValue").value`); got != "dua puluh" {
		t.Errorf("what was typed was lost: %q", got)
	}
	b.do("correct it", chromedp.SetValue(chromedp.CSS("#f-durationValue"), "20"))
	b.load("save again", chromedp.Click(chromedp.CSS("#standard-save")))
	if got := eval[string](b, "check", `document.querySelector(".standard-check").textContent`); !strings.Contains(got, "Standar ini sesuai dengan SOP-nya.") {
		t.Errorf("after the correction: %q", got)
	}

	// The public: from the SOP page to the service's page, printable.
	b.signIn(e, "")
	b.open(fmt.Sprintf("/sops/%d", ak.ID), 200)
	b.load("open the service standard", chromedp.Click(chromedp.CSS("#service-standard")))
	public := fmt.Sprintf("/layanan/%d", std.ID)
	if got := b.location(); got != public {
		t.Errorf("the SOP page led to %s", got)
	}
	b.audit(public)
	if n := eval[int](b, "components", `document.querySelectorAll("dl.components dt").length`); n != 14 {
		t.Errorf("%d components on the public page", n)
	}
	b.load("English", chromedp.Click(chromedp.CSS(`button[name="lang"][value="en"]`)))
	if got := eval[string](b, "maklumat", `document.querySelector(".maklumat h2").textContent`); !strings.Contains(got, "Service pledge") {
		t.Errorf("in English: %q", got)
	}
	b.audit(public + " (English)")

	// A phone.
	b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	for _, p := range []struct{ user, path string }{{"", public}, {"penyusun", "/standar-pelayanan"}, {"penyusun", edit}, {"penyusun", "/standar-pelayanan/new"}} {
		b.signIn(e, p.user)
		b.open(p.path, 200)
		b.audit(p.path + " at 360 px")
		if w := eval[int](b, "width", `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s scrolls sideways at 360 px: %d px; %s", p.path, w, eval[string](b, "widest", widestJS))
		}
	}
}

// standardOf returns the id of the service standard of an SOP.
func standardOf(t *testing.T, e *env, sopID int64) int64 {
	t.Helper()
	std, err := e.db.FindServiceStandardBySOP(context.Background(), sopID)
	if err != nil {
		t.Fatal(err)
	}
	return std.ID
}

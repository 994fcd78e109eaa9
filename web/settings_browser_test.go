package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSettings opens the settings page in Chromium: choosing an
// agency with the form (no script needed) shows its form, saving it comes
// back to it, and axe-core finds nothing on the page or on the users page
// with its e-mail fields.
func TestBrowserSettings(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	b.login("admin")
	b.open("/admin/settings", 200)
	b.checkConsole("the settings page")
	b.audit("/admin/settings")
	agency := e.unitID("disnakertrans")
	b.load("choose the agency", chromedp.SetValue(chromedp.CSS(`#scope`), fmt.Sprint(agency)),
		chromedp.Click(chromedp.CSS(`form[method="get"] button[type="submit"]`)))
	if want := fmt.Sprintf("/admin/settings?agency=%d", agency); b.location() != want {
		t.Fatalf("choosing the agency led to %s, want %s", b.location(), want)
	}
	b.load("save the agency's period", chromedp.SetValue(chromedp.CSS(`#s-months`), "18"),
		chromedp.Click(chromedp.CSS(`main form[method="post"] button[type="submit"]`)))
	if want := fmt.Sprintf("/admin/settings?agency=%d", agency); b.location() != want {
		t.Fatalf("saving led to %s, want %s", b.location(), want)
	}
	if got := eval[string](b, "months", `document.querySelector("#s-months").value`); got != "18" {
		t.Errorf("the saved period shows %q", got)
	}
	b.audit("/admin/settings of an agency")
	b.open("/admin/users", 200)
	b.audit("/admin/users")

	// On a phone (360 px): the monitoring target refused with its message
	// at the field, then saved; the page never scrolls sideways.
	b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	b.open("/admin/settings", 200)
	narrow := func(what string) {
		t.Helper()
		if w := eval[int](b, "width", `document.documentElement.scrollWidth`); w > 360 {
			t.Errorf("%s: %d px wide in a 360 px window; %s", what, w, eval[string](b, "widest", widestJS))
		}
	}
	narrow("the settings page")
	res := b.load("a target above 1", chromedp.SetValue(chromedp.CSS(`#p-target`), "1,5"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/settings/monitoring"] button[type="submit"]`)))
	if res.Status != 422 {
		t.Errorf("a target above 1: %d, want 422", res.Status)
	}
	if got := eval[string](b, "problem", `document.querySelector("#p-target-err").innerText`); !strings.Contains(got, "lebih dari 0 sampai 1") {
		t.Errorf("the target's problem shows %q", got)
	}
	if got := eval[string](b, "invalid", `document.querySelector("#p-target").getAttribute("aria-invalid") || ""`); got != "true" {
		t.Errorf("the target is not marked invalid: %q", got)
	}
	narrow("the refused target")
	b.checkConsole("the refused target", "status of 422")
	b.audit("/admin/settings with a refused target")
	b.load("a target of 0,8", chromedp.SetValue(chromedp.CSS(`#p-target`), "0,8"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/settings/monitoring"] button[type="submit"]`)))
	if got := eval[string](b, "target", `document.querySelector("#p-target").value`); b.location() != "/admin/settings#params" || got != "0,8" {
		t.Errorf("saving the target led to %s showing %q", b.location(), got)
	}
	narrow("the saved target")
}

package web_test

import (
	"fmt"
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
}

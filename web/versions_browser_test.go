package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserNewVersion: on the SOP page "Mulai versi baru" opens a box
// asking why; the browser does not send it empty; with a reason the
// editor of the new version opens, and the history shows the reason, at
// 1366 px and on a 360 px phone without sideways scrolling of the page.
// The editor shows the classification code box (issue 10 point 11).
func TestBrowserNewVersion(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	sop := e.sop(akSample).ID
	b.login("penyusun")
	b.open(fmt.Sprintf("/sops/%d", sop), 200)
	if eval[bool](b, "the reason box before opening", `document.querySelector("#nv-note").checkVisibility()`) {
		t.Error("the reason box shows before the button is pressed")
	}
	b.do("open the new version box", chromedp.Click(chromedp.CSS(`details.newversion summary`)))
	if !eval[bool](b, "the reason box", `document.querySelector("#nv-note").checkVisibility()`) {
		t.Fatal("pressing the button shows no reason box")
	}
	// Empty, the form is not sent.
	b.do("send it empty", chromedp.Click(chromedp.CSS(`details.newversion button[type="submit"]`)))
	if loc := b.location(); loc != fmt.Sprintf("/sops/%d", sop) {
		t.Fatalf("an empty reason was sent: %s", loc)
	}
	if e.reload(sop).Draft != nil {
		t.Fatal("a version was started without a reason")
	}
	b.audit("the SOP page with the new version box")
	b.do("type the reason", chromedp.SendKeys(chromedp.CSS("#nv-note"), "Penyesuaian formulir AK/I 2026"))
	b.load("start the version", chromedp.Click(chromedp.CSS(`details.newversion button[type="submit"]`)))
	if loc := b.location(); loc != fmt.Sprintf("/sops/%d/edit", sop) {
		t.Fatalf("starting led to %s", loc)
	}
	// The editor of the new version offers the classification code, the
	// unit's as its placeholder, and says the number is given at approval.
	if got := eval[string](b, "the code box", `document.querySelector("#f-kode").placeholder + " | " + document.querySelector("#h-kode").textContent + " | " + document.querySelector("#h-number").textContent`); !strings.Contains(got, "800 | ") ||
		!strings.Contains(got, "kode unit: 800") || !strings.Contains(got, "diberikan otomatis saat pengesahan") {
		t.Errorf("the editor's numbering boxes say %q", got)
	}
	b.do("office screen", chromedp.EmulateViewport(1366, 768))
	b.open(fmt.Sprintf("/sops/%d/versions", sop), 200)
	if got := eval[string](b, "the reason", `document.querySelector("#v2 .reason").textContent`); !strings.Contains(got, "Penyesuaian formulir AK/I 2026") {
		t.Errorf("the history shows the reason %q", got)
	}
	b.screenshot("versions-1366.png", "")
	b.audit("the versions page")
	b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	b.open(fmt.Sprintf("/sops/%d/versions", sop), 200)
	b.noSideways("the versions page at 360 px")
	b.screenshot("versions-360.png", "")
	b.checkConsole("the versions page")
}

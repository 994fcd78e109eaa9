package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/esop-malang/esop/render"
)

// TestBrowserConfirm: in Chromium, "Sahkan SOP" leads to a page that asks
// again; "Ya, sahkan SOP" approves and the review screen says so. The
// verification form at /v leads to the code's page.
func TestBrowserConfirm(t *testing.T) {
	e := newEnv(t)
	kadis, err := e.db.FindEmployeeByNIP(context.Background(), kadisNIP)
	if err != nil {
		t.Fatal(err)
	}
	u := e.user("pengesah")
	u.EmployeeID = kadis.ID
	if err := e.db.UpdateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	id := reviewedDraft(t, e)
	b := newBrowser(t, e.srv.URL)
	b.signIn(e, "pengesah")
	review := fmt.Sprintf("/sops/%d/review", id)
	b.open(review, 200)
	b.load(`click "Sahkan SOP"`, chromedp.Click(chromedp.CSS(`form input[name="action"][value="approve"] ~ button[type="submit"]`)))
	if got := eval[string](b, "question", `(document.querySelector('main [role="alert"]') || {}).textContent || ""`); !strings.Contains(got, "Sahkan SOP ini sekarang?") {
		t.Fatalf("after Sahkan SOP the page at %s says %q", b.location(), got)
	}
	if s := e.reload(id); s.Current != nil || s.Pending != nil {
		t.Fatal("approved before the confirmation")
	}
	b.audit("the approval's confirmation")
	b.screenshot("confirm-approve.png", "main")
	b.load("confirm", chromedp.Click(chromedp.CSS("#confirm-yes")))
	if loc := b.location(); loc != review+"?done=approve" {
		t.Fatalf("the confirmation led to %s", loc)
	}
	if got := eval[string](b, "flash", `(document.querySelector('#done[role="status"]') || {}).textContent || ""`); got != "SOP disahkan." {
		t.Errorf("after approving the screen says %q", got)
	}

	b.open("/v", 200)
	b.audit("/v")
	code := render.VerifyCode(e.sop(akSample).Current.Document)
	b.do("type the code", chromedp.SendKeys(chromedp.CSS("#v-code"), strings.ToUpper(code)))
	b.load("check", chromedp.Click(chromedp.CSS(`form[action="/v"] button`)))
	if loc := b.location(); loc != "/v/"+code {
		t.Errorf("the form led to %s, want /v/%s", loc, code)
	}
}

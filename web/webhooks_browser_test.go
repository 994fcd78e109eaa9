package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserWebhooks: the administrator registers a webhook on the page,
// clicking what it offers; the page shows the secret once, in a field to
// copy, and passes axe-core before and after, in Indonesian.
func TestBrowserWebhooks(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	b.signIn(e, "admin")
	b.open("/admin", 200)
	b.load("follow the menu", chromedp.Click(chromedp.CSS(`nav.subnav a[href="/admin/webhooks"]`)))
	if loc := b.location(); loc != "/admin/webhooks" {
		t.Fatalf("the menu led to %s", loc)
	}
	b.audit("/admin/webhooks")
	b.do("fill the form",
		chromedp.SendKeys(chromedp.CSS("#wh-url"), "https://sistem.malangkota.go.id/esop"),
		chromedp.Click(chromedp.CSS(`#wh-ev-sop\.approved`)),
		chromedp.Click(chromedp.CSS(`#wh-ev-case\.finished`)))
	res := b.load("register", chromedp.Click(chromedp.CSS(`form[action="/admin/webhooks"] button[type="submit"]`)))
	if res.Status != 201 {
		t.Fatalf("register: status %d", res.Status)
	}
	secret := eval[string](b, "secret", `(document.querySelector("#wh-secret") || {}).value || ""`)
	if len(secret) != 64 || strings.Trim(secret, "0123456789abcdef") != "" {
		t.Errorf("the secret shown: %q", secret)
	}
	if got := eval[string](b, "list", `document.querySelector("main table.list").textContent`); !strings.Contains(got, "sop.approved") || !strings.Contains(got, "case.finished") {
		t.Errorf("the list after registering: %q", got)
	}
	b.audit("/admin/webhooks (registered)")
	b.screenshot("admin-webhooks.png", "main")
	b.open("/admin/webhooks", 200)
	if n := eval[int](b, "secret again", `document.querySelectorAll("#wh-secret").length`); n != 0 {
		t.Error("the secret is shown again")
	}
}

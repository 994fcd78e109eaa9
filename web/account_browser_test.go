package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/esop-malang/esop"
)

// TestBrowserAccount uses the account page in Chromium: reached from the
// page header, clean for axe-core, a token revoked with its Cabut button
// (a same-origin form the cross-origin protection lets through) and the
// password changed with the browser still signed in afterwards.
func TestBrowserAccount(t *testing.T) {
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
	tok, keep := e.newToken("pengesah", testPassword), e.newToken("pengesah", testPassword)
	b := newBrowser(t, e.srv.URL)
	b.login("pengesah")
	b.load("follow the header link", chromedp.Click(chromedp.CSS(`header a[href="/account"]`)))
	if b.location() != "/account" {
		t.Fatalf("the header link led to %s", b.location())
	}
	b.audit("/account")

	b.load("revoke a token", chromedp.Click(chromedp.CSS(`form[action="/account/tokens/`+esop.TokenID(tok)+`/revoke"] button`)))
	if b.location() != "/account?done=revoked" {
		t.Fatalf("revoking led to %s", b.location())
	}
	if e.tokenWorks(tok) || !e.tokenWorks(keep) {
		t.Error("the wrong token ended")
	}

	const next = "kata-sandi-dari-peramban"
	b.do("fill the password form",
		chromedp.SendKeys(chromedp.CSS("#acc-current"), testPassword),
		chromedp.SendKeys(chromedp.CSS("#acc-new"), next),
		chromedp.SendKeys(chromedp.CSS("#acc-repeat"), next))
	b.load("change the password", chromedp.Click(chromedp.CSS(`form[action="/account/password"] button[type="submit"]`)))
	if b.location() != "/account?done=password" {
		t.Fatalf("changing the password led to %s", b.location())
	}
	if text := eval[string](b, "status", `document.querySelector("main [role=status]").textContent`); !strings.Contains(text, "Kata sandi diganti") {
		t.Errorf("the page says %q", text)
	}
	b.audit("/account after the change")
	if e.tokenWorks(keep) {
		t.Error("an API token outlived the new password")
	}
	b.open("/dashboard", 200) // still signed in, with the renewed session
}

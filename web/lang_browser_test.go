package web_test

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowserIndonesianByDefault: a browser that asks for English
// (Accept-Language: en-US) still gets the Indonesian site; the English
// switch in the header turns the site English, and it stays English on
// the next page.
func TestBrowserIndonesianByDefault(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	if _, err := chromedp.Call(b.ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
		Headers: network.Headers{"Accept-Language": "en-US,en;q=0.9"}}); err != nil {
		t.Fatal(err)
	}
	b.open("/", 200)
	lang := `document.documentElement.lang + " " + document.querySelector("main h1").textContent.trim()`
	if got := eval[string](b, "the catalogue's language", lang); got != "id Katalog SOP" {
		t.Fatalf("an English browser gets %q, want the Indonesian catalogue", got)
	}
	b.load("choose English", chromedp.Click(chromedp.CSS(`form[action="/lang"] button[value="en"]`)))
	if got := eval[string](b, "the catalogue's language", lang); got != "en SOP catalogue" {
		t.Errorf("after choosing English: %q", got)
	}
	b.open("/login", 200)
	if got := eval[string](b, "the login page's language", `document.documentElement.lang`); got != "en" {
		t.Errorf("the choice is not kept: the next page is in %q", got)
	}
	b.checkConsole("the catalogue")
}

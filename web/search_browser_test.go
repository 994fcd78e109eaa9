package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSearch: one search box; a typo finds nothing, says so
// without an empty table and offers the word of the index, which a click
// follows to the results; the everyday name of the AK/I card finds it;
// the administrator's synonyms page passes axe-core.
func TestBrowserSearch(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	b.open("/search", 200)
	if n := eval[int](b, "search boxes", `document.querySelectorAll('main input[type="search"]').length`); n != 1 {
		t.Errorf("the search page has %d search boxes, want one", n)
	}
	b.do("type a typo", chromedp.SendKeys(chromedp.CSS("#q"), "pelatian"))
	b.load("search", chromedp.Click(chromedp.CSS(`form[role="search"] button[type="submit"]`)))
	if n := eval[int](b, "tables", `document.querySelectorAll("main table").length`); n != 0 {
		t.Errorf("an empty result shows %d tables", n)
	}
	if msg := eval[string](b, "message", `(document.querySelector('main .banner[role="status"]') || {}).textContent || ""`); msg == "" {
		t.Error("an empty result says nothing")
	}
	b.screenshot("search-didyoumean.png", "main")
	b.audit("/search?q=pelatian")
	b.load("follow the suggestion", chromedp.Click(chromedp.CSS(`p.suggestion a`)))
	if loc := b.location(); loc != "/search?q=pelatihan" {
		t.Fatalf("the suggestion led to %s", loc)
	}
	if n := eval[int](b, "results", `document.querySelectorAll("main table a[href^='/sops/']").length`); n == 0 {
		t.Error("the suggestion finds nothing")
	}
	b.open("/search?q=kartu+kuning", 200)
	if got := eval[string](b, "first result", `(document.querySelector("main table td.title a") || {}).textContent || ""`); got != akSample {
		t.Errorf("kartu kuning: the first result is %q, want %q", got, akSample)
	}
	b.signIn(e, "admin")
	b.open("/admin/synonyms", 200)
	b.audit("/admin/synonyms")
	b.screenshot("admin-synonyms.png", "main")
}

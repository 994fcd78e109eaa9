package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAudit opens the audit trail in Chromium as an auditor: the
// whole log, a page of SOP changes with their before and after, and the
// same on a narrow screen; axe-core finds nothing on any of them.
func TestBrowserAudit(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	b.login("auditor")
	b.open("/audit", 200)
	b.checkConsole("/audit")
	b.audit("/audit")
	b.open("/audit?entity=sop&action=import", 200)
	if n := eval[int](b, "changes", `document.querySelectorAll("table.audit ul.changes li").length`); n == 0 {
		t.Error("no changed fields shown for the imported SOPs")
	}
	b.audit("/audit of SOP imports")
	b.do("narrow screen", chromedp.EmulateViewport(600, 900))
	b.audit("/audit on a narrow screen")
}

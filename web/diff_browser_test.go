package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserDiff opens the comparison of two versions in Chromium: the
// two flowcharts stand side by side on a wide screen and one under the
// other on a narrow one, the marks are drawn, choosing another pair from
// the version history works, and axe-core finds nothing on either page.
func TestBrowserDiff(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	sop, v1, v2 := newVersionEdited(t, e)
	b.login("penyusun2")

	hist := fmt.Sprintf("/sops/%d/versions", sop.ID)
	b.open(hist, 200)
	b.audit(hist)
	b.load("compare from the history", chromedp.Click(chromedp.CSS(`form[action$="/diff"] button[type="submit"]`)))
	if want := fmt.Sprintf("/sops/%d/diff?from=%d&to=%d", sop.ID, v1.ID, v2.ID); b.location() != want {
		t.Errorf("the history's form led to %s, want %s", b.location(), want)
	}
	b.checkConsole("the comparison")
	b.audit("the comparison")
	b.screenshot("diff.png", "")

	// [left, top] of the two flowchart boxes.
	const boxes = `Array.from(document.querySelectorAll(".compare .flowchart")).map(el => { const r = el.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top)]; })`
	at := eval[[][2]int](b, "flowchart boxes", boxes)
	if len(at) != 2 || at[0][1] != at[1][1] || at[0][0] >= at[1][0] {
		t.Errorf("on a wide screen the flowcharts are at %v, want side by side", at)
	}
	if n := eval[int](b, "marks", `document.querySelectorAll(".compare svg g.mark").length`); n < 6 {
		t.Errorf("%d rows marked in the two flowcharts", n)
	}

	b.do("narrow screen", chromedp.EmulateViewport(600, 900))
	at = eval[[][2]int](b, "flowchart boxes", boxes)
	if len(at) != 2 || at[0][0] != at[1][0] || at[0][1] >= at[1][1] {
		t.Errorf("on a narrow screen the flowcharts are at %v, want one under the other", at)
	}
	b.audit("the comparison on a narrow screen")
}

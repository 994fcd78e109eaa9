package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserMonev runs axe-core on the monitoring and evaluation pages,
// empty, with every problem of a form shown next to its field, and the
// recap, in Chromium.
func TestBrowserMonev(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	id := e.sop(titleInForce).ID
	b.login("pengesah")
	for _, path := range []string{fmt.Sprintf("/sops/%d/monitoring", id), fmt.Sprintf("/sops/%d/evaluation", id)} {
		b.open(path, 200)
		b.audit(path)
		// The form sent empty: the page says what is missing, field by field.
		res := b.load("submit "+path, chromedp.Click(chromedp.CSS(`form.monev-form button[type="submit"]`)))
		if res.Status != 422 {
			t.Fatalf("%s sent empty: status %d, want 422", path, res.Status)
		}
		described := `[...document.querySelectorAll('[aria-invalid="true"]')].filter(f =>
			(f.getAttribute("aria-describedby") || "").split(" ").some(id => { const d = document.getElementById(id); return d && d.querySelector(".field-problems li") })).length`
		if n := eval[int](b, "problems", described); n == 0 {
			t.Errorf("%s sent empty: %d fields marked invalid and described by their problem", path, n)
		}
		b.checkConsole(path+" sent empty", "status of 422") // the page itself, as it should be
		b.audit(path + " with problems")
	}
	b.do("fill the evaluation",
		chromedp.Click(chromedp.CSS(`input[name="conclusion"][value="tetap"]`)))
	for i := 1; i <= 7; i++ {
		b.do("answer", chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="c%d"][value="ya"]`, i))))
	}
	if res := b.load("save the evaluation", chromedp.Click(chromedp.CSS(`form.monev-form button[type="submit"]`))); res.Status != 200 ||
		eval[int](b, "saved", `document.querySelectorAll(".ok-msg").length`) != 1 {
		t.Fatalf("saving the evaluation: status %d at %s", res.Status, b.location())
	}
	b.audit(fmt.Sprintf("/sops/%d/evaluation saved", id))
	b.open("/monev?unit=bidang-hi", 200)
	b.audit("/monev")
	b.open("/dashboard", 200)
	b.audit("/dashboard as pengesah")
}

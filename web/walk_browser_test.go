package web_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserWalkToApproval walks the path of issue 10's "done when" as
// the README tells it, clicking only what the pages offer (no typed
// address but the sign-in page and the catalogue): the administrator
// gives the head of office an account linked to their employee record;
// a clerk on a phone writes an SOP and submits it from the editor; the
// reviewer finds it on the dashboard and reviews it; the head of office
// approves it, confirming; the public finds it in force in the catalogue.
// Each page of the clerk's path fits the phone's width.
func TestBrowserWalkToApproval(t *testing.T) {
	e := newEnv(t)
	const title = "Pelayanan Legalisir Surat Keterangan Kerja"

	// The administrator: Administrasi → Pengguna → a new user linked to
	// the Kepala Dinas' NIP, pengesah of the Dinas.
	b := newBrowser(t, e.srv.URL)
	b.login("admin")
	b.load("open Administrasi", chromedp.Click(chromedp.CSS(`a[href="/admin"]`)))
	b.load("open Pengguna", chromedp.Click(chromedp.CSS(`main a[href="/admin/users"]`)))
	b.do("fill the new user",
		chromedp.SendKeys(chromedp.CSS("#nu-username"), "kadis"),
		chromedp.SendKeys(chromedp.CSS("#nu-password"), testPassword),
		chromedp.SendKeys(chromedp.CSS("#nu-employee"), nipKadis),
		chromedp.SetValue(chromedp.CSS("#g-new-0"), "pengesah"),
		chromedp.SetValue(chromedp.CSS("#gu-new-0"), fmt.Sprint(e.unitID("disnakertrans"))))
	b.load("add the user", chromedp.Click(chromedp.CSS(`form[action="/admin/users"] button[type="submit"]`)))
	if u := e.user("kadis"); u.EmployeeID == 0 || len(u.Grants) != 1 || u.Grants[0].Role != "pengesah" {
		t.Fatalf("the administrator's new account: employee %d, grants %v", u.EmployeeID, u.Grants)
	}
	b.checkConsole("/admin/users after adding kadis")

	// The clerk, on a phone: Dashboard → SOP baru → write → submit.
	c := newBrowser(t, e.srv.URL)
	c.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	fits := func(page string) {
		t.Helper()
		if w := eval[int](c, "width", `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s is %d px wide on a 390 px phone: %s", page, w, eval[string](c, "widest", widestJS))
		}
	}
	c.login("penyusun")
	fits("the dashboard")
	c.load(`click "SOP baru"`, chromedp.Click(chromedp.CSS(`main a[href="/sops/new"]`)))
	fits("the new SOP's editor")
	actorIDs := eval[[]string](c, "actor ids", `[...document.querySelectorAll('input[name$="].id"][name^="actors["]')].map(e => e.value)`)
	c.do("type the title and the actors",
		chromedp.SendKeys(field("title"), title),
		chromedp.SetValue(field("actors[0].name"), "Petugas Pelayanan"),
		chromedp.SetValue(field("actors[1].name"), "Kepala Seksi Penempatan"))
	c.load("add a step", chromedp.Click(chromedp.CSS(`button[name="op"][value="add-step"]`)))
	for i, s := range []struct{ activity, actor, time, output string }{
		{"Menerima dan memeriksa permohonan legalisir", actorIDs[0], "15 menit", "Permohonan diperiksa"},
		{"Menandatangani legalisir surat keterangan", actorIDs[1], "1 hari", "Surat terlegalisir"},
	} {
		c.do(fmt.Sprintf("fill step %d", i+1),
			chromedp.SendKeys(field(fmt.Sprintf("steps[%d].activity", i)), s.activity),
			chromedp.SetValue(field(fmt.Sprintf("steps[%d].actor", i)), s.actor),
			chromedp.SetValue(field(fmt.Sprintf("steps[%d].time", i)), s.time),
			chromedp.SetValue(field(fmt.Sprintf("steps[%d].output", i)), s.output))
	}
	c.load("save", chromedp.Click(chromedp.CSS("#save")))
	m := regexp.MustCompile(`^/sops/(\d+)/edit\?saved=1$`).FindStringSubmatch(c.location())
	if m == nil {
		t.Fatalf("after saving the clerk is at %s; the page says:\n%s", c.location(), clip(eval[string](c, "main", `document.querySelector("main").innerText`), 2000))
	}
	id := m[1]
	fits("the saved draft's editor")
	c.load(`click "Ajukan untuk diperiksa"`, chromedp.Click(chromedp.CSS("#submit-review")))
	if loc := c.location(); !strings.HasPrefix(loc, "/sops/"+id+"/review") {
		t.Fatalf("after submitting the clerk is at %s; the page says:\n%s", loc, clip(eval[string](c, "main", `document.querySelector("main").innerText`), 2000))
	}
	if msg := eval[string](c, "result", `(document.querySelector('main [role="status"]') || {}).textContent || ""`); strings.TrimSpace(msg) == "" {
		t.Error("submitting says nothing of what happened")
	}
	fits("the review page after submitting")
	c.checkConsole("/sops/" + id + "/review after submitting")
	if got := e.reload(atoi(t, id)).Draft.Status; got != "submitted" {
		t.Fatalf("after submitting the draft is %q", got)
	}

	// The reviewer: the dashboard lists it; review it.
	r := newBrowser(t, e.srv.URL)
	r.login("pemeriksa")
	link := fmt.Sprintf(`main a[href="/sops/%s/review"]`, id)
	r.load("open it from the dashboard", chromedp.Click(chromedp.CSS(link)))
	r.load(`click "Periksa"`, chromedp.Click(chromedp.CSS(`form input[name="action"][value="review"] ~ button[type="submit"]`)))
	if got := e.reload(atoi(t, id)).Draft.Status; got != "reviewed" {
		t.Fatalf("after the review the draft is %q; the page says:\n%s", got, clip(eval[string](r, "main", `document.querySelector("main").innerText`), 2000))
	}
	if msg := eval[string](r, "result", `(document.querySelector('main [role="status"]') || {}).textContent || ""`); strings.TrimSpace(msg) == "" {
		t.Error("reviewing says nothing of what happened")
	}
	r.checkConsole("/sops/" + id + "/review after reviewing")

	// The head of office, with the account the administrator made: the
	// dashboard lists it; approve it and confirm.
	h := newBrowser(t, e.srv.URL)
	h.login("kadis")
	h.load("open it from the dashboard", chromedp.Click(chromedp.CSS(link)))
	h.load(`click "Sahkan SOP"`, chromedp.Click(chromedp.CSS(`form input[name="action"][value="approve"] ~ button[type="submit"]`)))
	// A confirmation step: a page (without JavaScript) or a dialog in it.
	for range 2 {
		if e.reload(atoi(t, id)).Current != nil {
			break
		}
		confirm := `main form button[name="confirm"], main dialog[open] button[value="confirm"], main form[action$="/transitions"] button.confirm`
		if !eval[bool](h, "confirm button", fmt.Sprintf(`!!document.querySelector(%s)`, jsString(confirm))) {
			break
		}
		h.load("confirm", chromedp.Click(chromedp.CSS(confirm)))
	}
	approved := e.reload(atoi(t, id))
	if approved.Current == nil || approved.Current.Document.Number == "" {
		t.Fatalf("after approving the SOP is not in force with a number; the page says:\n%s", clip(eval[string](h, "main", `document.querySelector("main").innerText`), 2000))
	}
	h.checkConsole("/sops/" + id + "/review after approving")

	// The public: the catalogue lists it, its page shows the number.
	p := newBrowser(t, e.srv.URL)
	p.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	p.open("/", 200)
	p.load("open it from the catalogue", chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href="/sops/%s"]`, id))))
	if body := eval[string](p, "page", `document.querySelector("main").innerText`); !strings.Contains(body, approved.Current.Document.Number) {
		t.Errorf("the public page does not show the number %s", approved.Current.Document.Number)
	}
	if w := eval[int](p, "width", `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the public page is %d px wide on a 390 px phone", w)
	}
	p.checkConsole("/sops/" + id)
}

// atoi reads an id from a path.
func atoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatalf("not an id: %q", s)
	}
	return n
}

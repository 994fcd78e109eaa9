package web_test

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/esop-malang/esop"
)

// Running an SOP in Chromium: a clerk starts a case of the PKB SOP from
// its page, the tasks go to the mediator, the Kepala Bidang and the
// Kepala Dinas, "Tidak lengkap" takes the loop back, the case ends, and
// the applicant follows it at /lacak; axe-core finds nothing on the
// case page, the inbox and the tracking pages, and at 360 px none of
// them scrolls sideways.

// as signs the tab in as user with a session made in the store (the
// login form itself is tested elsewhere), or signs it out ("").
func (b *browser) as(e *env, user string) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		b.t.Fatalf("clear cookies: %v", err)
	}
	if user == "" {
		return
	}
	yes := true
	if _, err := chromedp.Call(b.ctx, network.SetCookie, network.SetCookieParams{Name: "esop_session", Value: e.sessionToken(user, "web"),
		URL: b.base, Path: "/", HTTPOnly: &yes}); err != nil {
		b.t.Fatalf("sign in as %s: %v", user, err)
	}
}

// completeOpen ticks every requirement of the first completion form on
// the page and presses its button: the decision button with value
// decision ("yes" or "no"), or the only one.
func (b *browser) completeOpen(decision string) {
	b.t.Helper()
	b.do("tick the requirements", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("form.complete-form input[name=checklist]").forEach(c => { c.checked = true; })`))
	button := `form.complete-form button.complete`
	if decision != "" {
		button = fmt.Sprintf(`form.complete-form button[name="decision"][value=%q]`, decision)
	}
	res := b.load("press "+button, chromedp.Click(chromedp.CSS(button)))
	if res.Status != 200 || !strings.Contains(b.location(), "completed=") {
		b.t.Fatalf("completing with %s: %d at %s: %s", button, res.Status, b.location(),
			eval[string](b, "error", `(document.querySelector("#case-error") || {}).textContent || ""`))
	}
}

// stepMarks returns the marks of the flowchart's steps: step → mark.
func (b *browser) stepMarks() map[string]string {
	b.t.Helper()
	return eval[map[string]string](b, "marks", `Object.fromEntries([...document.querySelectorAll(".case-flowchart g[data-mark]")].map(g => [g.dataset.step, g.dataset.mark]))`)
}

func TestBrowserCaseRun(t *testing.T) {
	e := newRunEnv(t)
	b := newBrowser(t, e.srv.URL)
	b.as(e.env, "mediator")

	// The clerk starts a case from the SOP's page.
	b.open(fmt.Sprintf("/sops/%d", e.sopID), 200)
	b.load(`click "Mulai layanan"`, chromedp.Click(chromedp.CSS("#start-case")))
	b.do("fill the applicant", chromedp.SendKeys(chromedp.CSS("#c-name"), "PT Maju Jaya"), chromedp.SendKeys(chromedp.CSS("#c-contact"), "0341 123456"))
	b.load("start", chromedp.Click(chromedp.CSS("#start-submit")))
	m := regexp.MustCompile(`^/cases/(\d+)\?started=1$`).FindStringSubmatch(b.location())
	if m == nil {
		t.Fatalf("starting led to %s", b.location())
	}
	casePath := "/cases/" + m[1]
	code := eval[string](b, "code", `document.querySelector(".case-summary .code").textContent`)
	if got := b.stepMarks(); got["b1"] != "current" || len(got) != 1 {
		t.Errorf("the new case's flowchart marks %v, want b1 current", got)
	}
	b.checkConsole(casePath)

	// The applicant's step is recorded by the clerk; "Tidak lengkap" loops back.
	b.completeOpen("")
	if got := eval[string](b, "decision labels", `[...document.querySelectorAll("form.complete-form button[name=decision]")].map(x => x.textContent).join("|")`); got != "Lengkap|Tidak lengkap" {
		t.Errorf("the decision buttons read %q", got)
	}
	b.completeOpen("no")
	if got := b.stepMarks(); got["b1"] != "current" || got["b2"] != "done" {
		t.Errorf("after the loop back the marks are %v", got)
	}
	if n := eval[int](b, "tasks", `document.querySelectorAll("table.case-tasks tbody tr").length`); n != 3 {
		t.Errorf("after the loop back the case has %d tasks, want 3", n)
	}
	// Tracking while it waits for the applicant.
	b.open("/lacak/"+code, 200)
	if got := eval[string](b, "status", `document.querySelector("#track-status").textContent`); got != "Menunggu pemohon" {
		t.Errorf("tracking while the applicant is asked to complete: %q", got)
	}
	b.open(casePath, 200)
	b.completeOpen("")
	b.completeOpen("yes")

	// Step 3 goes to the Kepala Bidang: the clerk has no form for it; he has it in his inbox.
	if n := eval[int](b, "forms", `document.querySelectorAll("form.complete-form").length`); n != 0 {
		t.Errorf("the mediator can complete the Kepala Bidang's task")
	}
	for _, s := range []struct{ user, decision, step string }{{"kabidhi", "yes", "b3"}, {"mediator", "", "b4"}, {"kabidhi", "", "b5"}, {"kadis", "", "b6"}, {"mediator", "", "b7"}} {
		b.as(e.env, s.user)
		b.open("/tasks", 200)
		link := fmt.Sprintf(`main a[href^="%s#task-"]`, casePath)
		if n := eval[int](b, "inbox", fmt.Sprintf(`document.querySelectorAll(%s).length`, jsString(link))); n != 1 {
			t.Fatalf("%s's inbox holds %d tasks of the case before %s", s.user, n, s.step)
		}
		b.load("open the task", chromedp.Click(chromedp.CSS(link)))
		b.completeOpen(s.decision)
	}
	if got := eval[string](b, "status", `document.querySelector("#case-status").textContent`); got != "Selesai" {
		t.Errorf("the case ends as %q", got)
	}
	if got := b.stepMarks(); got["b7"] != "done" || got["b8"] != "" || got["b1"] != "done" {
		t.Errorf("the finished case's marks: %v", got)
	}
	b.checkConsole(casePath + " done")

	// The applicant, not signed in, follows it by code as typed.
	b.as(e.env, "")
	b.open("/lacak", 200)
	b.do("type the code", chromedp.SendKeys(chromedp.CSS("#track-code"), strings.ToLower(code)))
	b.load("track", chromedp.Click(chromedp.CSS(`form[action="/lacak"] button`)))
	if b.location() != "/lacak/"+code {
		t.Fatalf("the tracking form led to %s", b.location())
	}
	text := eval[string](b, "tracking", `document.querySelector("main").innerText`)
	for _, want := range []string{"Selesai", "Pendaftaran Perjanjian Kerja Bersama", "20 November 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("tracking does not show %q:\n%s", want, text)
		}
	}
	for _, secret := range []string{"PT Maju", "0341", "mediator", "kabidhi", "kadis"} {
		if strings.Contains(text, secret) {
			t.Errorf("tracking shows %q", secret)
		}
	}
	b.checkConsole("/lacak/" + code)
}

// caseScreens prepares two cases for the screen tests — one late and
// waiting for the applicant, one at the mediator's desk — and returns a
// browser signed in as the Kepala Bidang and the pages to look at, with
// the status each answers.
func caseScreens(t *testing.T) (*runEnv, *browser, *esop.CaseRecord, *esop.CaseRecord, []string, map[string]int) {
	e := newRunEnv(t)
	ctx := esop.WithActor(context.Background(), "mediator", "127.0.0.1")
	late, err := e.db.StartCase(ctx, esop.NewCase{SOPID: e.sopID, By: e.user("mediator"), Applicant: esop.Applicant{Name: "PT Terlambat"},
		ReceivedAt: fixedNow.Add(-26 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := e.db.StartCase(ctx, esop.NewCase{SOPID: e.sopID, By: e.user("mediator"), Applicant: esop.Applicant{Name: "Serikat Pekerja Uji"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.CompleteTask(ctx, fresh.ID, 1, esop.Completion{Checklist: e.checklistFor(t, "b1")}, e.user("mediator")); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e.srv.URL)
	b.as(e.env, "kabidhi")
	pages := []string{fmt.Sprintf("/cases/%d", late.ID), "/tasks?unit=bidang-hi", "/lacak", "/lacak/" + esop.FormatTrackingCode(fresh.Code),
		"/lacak/TIDAK-ADA00", fmt.Sprintf("/sops/%d/start", e.sopID), fmt.Sprintf("/sops/%d/run", e.sopID)}
	return e, b, late, fresh, pages, map[string]int{"/lacak/TIDAK-ADA00": 404}
}

// shot takes a full-page screenshot when ESOP_SCREENSHOTS asks for them
// (they take time on a loaded machine).
func (b *browser) shot(name string) {
	b.t.Helper()
	if os.Getenv("ESOP_SCREENSHOTS") != "" {
		b.screenshot(name, "")
	}
}

func shotName(width int, page string) string {
	return fmt.Sprintf("case-%d-%s.png", width, strings.NewReplacer("/", "_", "?", "_", "=", "_").Replace(strings.TrimPrefix(page, "/")))
}

// auditPages opens each page at 1366 px and runs axe-core on it.
func (b *browser) auditPages(pages []string, status map[string]int) {
	b.t.Helper()
	b.do("office screen", chromedp.EmulateViewport(1366, 768))
	for _, p := range pages {
		b.open(p, cmp.Or(status[p], 200))
		b.shot(shotName(1366, p))
		if status[p] == 404 {
			b.checkConsole(p, "404 (Not Found)")
		}
		b.audit(p)
	}
}

// The screens are checked in three tests, each within the browser's
// time limit on a loaded machine.

func TestBrowserCaseScreens(t *testing.T) {
	_, b, _, _, pages, status := caseScreens(t)
	b.auditPages(pages[:4], status)
	// The Kepala Bidang's page of the late case: late, in words as well as colour.
	b.open(pages[0], 200)
	if got := b.stepMarks()["b1"]; got != "current late" {
		t.Errorf("the late case's first step is marked %q", got)
	}
	if got := eval[string](b, "title", `document.querySelector('.case-flowchart g[data-step="b1"] title').textContent`); !strings.HasPrefix(got, "Sedang dikerjakan, Terlambat: ") {
		t.Errorf("the late step's title reads %q", got)
	}
}

func TestBrowserCaseForms(t *testing.T) {
	_, b, _, _, pages, status := caseScreens(t)
	b.auditPages(pages[4:], status)
}

func TestBrowserCaseInbox(t *testing.T) {
	e, b, _, fresh, _, _ := caseScreens(t)
	// The mediator's inbox, late work first, and its count in the navigation.
	b.as(e.env, "mediator")
	b.do("office screen", chromedp.EmulateViewport(1366, 768))
	b.open("/tasks", 200)
	if got := eval[string](b, "first", `document.querySelector("table.inbox tbody tr .sla").textContent`); got != "Terlambat" {
		t.Errorf("the inbox starts with a task %q, want the late one", got)
	}
	if got := eval[string](b, "count", `document.querySelector("#nav-tasks .count").textContent`); !strings.HasPrefix(got, "2") {
		t.Errorf("the navigation counts %q open tasks, want 2", got)
	}
	b.audit("/tasks")
	b.shot("case-1366-tasks-mediator.png")
	b.open(fmt.Sprintf("/cases/%d", fresh.ID), 200)
	b.audit("a case with a task of the user")
	b.shot("case-1366-mine.png")
}

func TestBrowserCasePhone(t *testing.T) {
	e, b, _, fresh, pages, status := caseScreens(t)
	b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	for _, p := range pages {
		b.open(p, cmp.Or(status[p], 200))
		b.noSideways(p + " at 360 px")
		b.shot(shotName(360, p))
	}
	b.as(e.env, "mediator")
	for _, p := range []string{fmt.Sprintf("/cases/%d", fresh.ID), "/tasks"} {
		b.open(p, 200)
		b.noSideways(p + " of the mediator at 360 px")
		b.shot(shotName(360, p+"-mediator"))
	}
}

package web_test

// Tests in a real browser: Debian's Chromium, driven over the DevTools
// protocol with chromedp. They sign in through the login form, write an
// SOP in the editor while the htmx preview redraws the flowchart, save it,
// download its PDF and find it by search; and they run axe-core on the
// main pages and watch the console for script errors and Content Security
// Policy violations.
//
// Where Chromium is missing the tests are skipped, except under CI=true,
// where they fail. Set ESOP_SCREENSHOTS to a directory to keep the
// screenshots they take.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/esop-malang/esop/render"
)

// browserTimeout bounds each browser test, so that a hung browser fails
// the test instead of hanging it.
const browserTimeout = 60 * time.Second

// chromiumPath returns the browser to run, skipping the test when there is
// none (failing it under CI=true, so CI cannot pass by skipping).
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ESOP_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "the browser tests need Chromium: apt-get install chromium (or set ESOP_CHROMIUM to its path)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// browser is one headless Chromium with one tab, and what the tab wrote
// to its console.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string // the test server's URL
	shots string // where screenshots go

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
	dialogs []string
	marks   int
}

// newBrowser starts Chromium for one test, with a fresh profile.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	exe := chromiumPath(t)
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		// Indonesian first, as the office's browsers ask.
		chromedp.Flag("lang", "id-ID"),
		chromedp.Flag("accept-lang", "id-ID,id"),
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(cancelAlloc)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	b := &browser{t: t, ctx: tabCtx, base: base}

	// Collect the console: calls of the console API, uncaught exceptions,
	// and the browser's log, where CSP violations and failed loads go.
	messages := chromedp.Console(tabCtx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	// Answer dialogs, so that one can never block the tab: leaving a page
	// is allowed, any other dialog is recorded as a failure.
	dialogs := chromedp.Events(tabCtx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.mu.Lock()
			if ev.Type != page.DialogTypeBeforeunload {
				b.dialogs = append(b.dialogs, string(ev.Type)+": "+ev.Message)
			}
			b.mu.Unlock()
			chromedp.Call(tabCtx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return b
}

// stepTimeout bounds one action, so that a step that cannot finish (a
// click that loads no page) fails with its name well before the test's
// deadline.
const stepTimeout = 20 * time.Second

// step returns a context for one action and its cancel func.
func (b *browser) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.ctx, stepTimeout)
}

// do runs actions, failing the test with what was being done.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// load runs actions that load a page (a navigation, a click on a submit
// button) and returns the response of the document that lands.
func (b *browser) load(what string, actions ...chromedp.Action[chromedp.Void]) *network.Response {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	res, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if res == nil {
		b.t.Fatalf("%s: no response", what)
	}
	return res
}

// open navigates to path on the test server and checks the status.
func (b *browser) open(path string, status int) *network.Response {
	b.t.Helper()
	res := b.load("open "+path, chromedp.Navigate(b.base+path))
	if int(res.Status) != status {
		b.t.Fatalf("open %s: status %d, want %d", path, res.Status, status)
	}
	return res
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](b *browser, what, expr string, opts ...chromedp.EvaluateOption) T {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// waitFor polls a JavaScript predicate until it is true. On time-out it
// fails, showing debug (an expression evaluated in the page) to tell why.
func (b *browser) waitFor(what, predicate, debug string) {
	b.t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](predicate,
		chromedp.WithPollingTimeout(15*time.Second), chromedp.WithPollingMutation()))
	if err == nil {
		return
	}
	state := "?"
	if debug != "" {
		if s, err2 := chromedp.Run(b.ctx, chromedp.Evaluate[string](debug)); err2 == nil {
			state = s
		}
	}
	b.t.Fatalf("waiting for %s: %v\nin the page: %s", what, err, clip(state, 3000))
}

// location returns the current URL of the tab, without the server.
func (b *browser) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, b.base)
}

// drain returns the console messages of the tab since the last drain. It
// writes a marker to the console and waits for it, so that everything the
// page logged before has been collected.
func (b *browser) drain() []chromedp.ConsoleMessage {
	b.t.Helper()
	b.marks++
	mark := fmt.Sprintf("esop-browser-test-mark-%d", b.marks)
	b.do("console marker", chromedp.Evaluate[chromedp.Void](fmt.Sprintf("console.debug(%q)", mark)))
	for {
		b.mu.Lock()
		for i, m := range b.console {
			if m.Text == mark {
				got := b.console[:i:i]
				b.console = b.console[i+1:]
				dialogs := b.dialogs
				b.dialogs = nil
				b.mu.Unlock()
				for _, d := range dialogs {
					b.t.Errorf("unexpected dialog: %s", d)
				}
				return got
			}
		}
		b.mu.Unlock()
		select {
		case <-b.ctx.Done():
			b.t.Fatalf("console marker %s never arrived: %v", mark, b.ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// problem reports whether a console message is an error: an uncaught
// exception, console.error, an error in the browser's log (a failed load,
// a CSP violation), or anything the browser logs about security.
func problem(m chromedp.ConsoleMessage) bool {
	return m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleError || m.Source == "security"
}

// checkConsole fails the test for every error the page logged since the
// last check, except those whose text holds one of the expected strings.
func (b *browser) checkConsole(page string, expected ...string) {
	b.t.Helper()
	for _, m := range b.drain() {
		if problem(m) && !slices.ContainsFunc(expected, func(x string) bool { return strings.Contains(m.Text, x) }) {
			b.t.Errorf("%s: console %s (source %q, %s:%d): %s", page, m.Type, m.Source, m.URL, m.Line+1, m.Text)
		}
	}
}

// screenshot saves a PNG screenshot as name in $ESOP_SCREENSHOTS, or in a
// temporary directory, and logs where: of the element sel, or of the whole
// page when sel is "".
func (b *browser) screenshot(name string, sel chromedp.CSS) {
	b.t.Helper()
	if b.shots == "" {
		b.shots = os.Getenv("ESOP_SCREENSHOTS")
		if b.shots == "" {
			b.shots = b.t.TempDir()
		} else if err := os.MkdirAll(b.shots, 0o755); err != nil {
			b.t.Fatal(err)
		}
	}
	shot := chromedp.FullScreenshot(100)
	if sel != "" {
		shot = chromedp.Screenshot(sel)
	}
	ctx, cancel := b.step()
	defer cancel()
	img, err := chromedp.Run(ctx, shot)
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(b.shots, name)
	if err := os.WriteFile(p, img, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", p)
}

// login signs in through the login form and lands on the dashboard.
func (b *browser) login(username string) {
	b.t.Helper()
	b.open("/login", 200)
	b.do("fill the login form",
		chromedp.SendKeys(chromedp.CSS("#username"), username),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword))
	res := b.load("submit the login form", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	if res.Status != 200 || b.location() != "/dashboard" {
		b.t.Fatalf("login as %s: landed on %s with status %d, want /dashboard", username, b.location(), res.Status)
	}
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// press clicks the element sel by script, where chromedp.Click moves the
// mouse to where the element stands and clicks there. On the editor the
// live preview is drawn 400 ms after typing (htmx) and can move the
// buttons meanwhile: a click by the mouse then hits nothing, no page
// loads, and the step runs out of time ("add an actor: context deadline
// exceeded", seen under load).
func press(sel string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		found, err := chromedp.Evaluate[bool](fmt.Sprintf(`(b => { if (!b) return false; b.click(); return true })(document.querySelector(%s))`, jsString(sel)))(ctx, t)
		if err == nil && !found {
			err = fmt.Errorf("no element %s", sel)
		}
		return chromedp.Void{}, err
	}
}

// field selects an editor field by its name, a JSON path.
func field(name string) chromedp.CSS { return chromedp.CSS(fmt.Sprintf("[name=%q]", name)) }

// jsString quotes s for JavaScript.
func jsString(s string) string { return fmt.Sprintf("%q", s) }

// previewHTML is a debug expression: the preview pane's HTML.
const previewHTML = `(document.querySelector("#preview") || {}).innerHTML || "(no #preview)"`

func TestBrowserWriteSOP(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	const title = "Pengesahan Dokumen Uji Peramban"

	// Sign in through the form, then open the editor from the dashboard.
	b.login("penyusun")
	b.checkConsole("/dashboard")
	b.load(`click "SOP baru"`, chromedp.Click(chromedp.CSS(`main a[href="/sops/new"]`)))
	if loc := b.location(); loc != "/sops/new" {
		t.Fatalf(`"SOP baru" led to %s`, loc)
	}
	if !eval[bool](b, "htmx loaded", `typeof htmx === "object" && typeof htmx.ajax === "function"`) {
		t.Fatal("htmx did not load on the editor page")
	}

	// The title and the actors; a third actor with the op button.
	b.do("type the title and name the actors",
		chromedp.SendKeys(field("title"), title),
		chromedp.SetValue(field("actors[0].name"), "Pemohon"),
		chromedp.SetValue(field("actors[1].name"), "Petugas Pelayanan"))
	b.load("add an actor", press(`button[name="op"][value="add-actor"]`))
	b.do("name the third actor", chromedp.SetValue(field("actors[2].name"), "Kepala Seksi Penempatan"))
	if got := eval[string](b, "title kept", `document.querySelector('[name="title"]').value`); got != title {
		t.Fatalf("after add-actor the title is %q, want %q", got, title)
	}
	actorIDs := eval[[]string](b, "actor ids", `[...document.querySelectorAll('input[name$="].id"][name^="actors["]')].map(e => e.value)`)
	if len(actorIDs) != 3 {
		t.Fatalf("actor ids after add-actor: %q, want 3", actorIDs)
	}

	// Five steps: four added with the op button, each a round trip.
	for range 4 {
		b.load("add a step", press(`button[name="op"][value="add-step"]`))
	}
	ids := eval[[]string](b, "step ids", `[...document.querySelectorAll('input[name^="steps["][name$="].id"]')].map(e => e.value)`)
	if len(ids) != 5 {
		t.Fatalf("step ids after four add-step: %q, want 5", ids)
	}
	if got := eval[string](b, "actor kept", `document.querySelector('[name="actors[2].name"]').value`); got != "Kepala Seksi Penempatan" {
		t.Fatalf("after add-step the third actor is %q", got)
	}

	// The activity table: step 3 decides, and its "no" loops back to step 1.
	steps := []struct{ activity, actor string }{
		{"Mengajukan permohonan pengesahan dokumen", actorIDs[0]},
		{"Memeriksa kelengkapan berkas permohonan", actorIDs[1]},
		{"Menilai kelengkapan berkas", actorIDs[1]},
		{"Menandatangani surat pengesahan", actorIDs[2]},
		{"Menyerahkan surat pengesahan kepada pemohon", actorIDs[1]},
	}
	for i, s := range steps {
		b.do(fmt.Sprintf("fill step %d", i+1),
			chromedp.SendKeys(field(fmt.Sprintf("steps[%d].activity", i)), s.activity),
			chromedp.SetValue(field(fmt.Sprintf("steps[%d].actor", i)), s.actor),
			chromedp.SetValue(field(fmt.Sprintf("steps[%d].time", i)), "1 menit"),
			chromedp.SetValue(field(fmt.Sprintf("steps[%d].output", i)), "Berkas"))
	}
	b.waitFor("the preview to draw five boxes", `(() => {
		const svg = document.querySelector("#preview svg");
		return !!svg && svg.querySelectorAll("[data-step]").length === 5 && !svg.querySelector('[data-symbol="decision"]');
	})()`, previewHTML)
	b.do("make step 3 a decision",
		chromedp.SetValue(field("steps[2].kind"), "decision"),
		chromedp.SetValue(field("steps[2].decision.yes"), ids[3]),
		chromedp.SetValue(field("steps[2].decision.yesLabel"), "Lengkap"),
		chromedp.SetValue(field("steps[2].decision.no"), ids[0]),
		chromedp.SetValue(field("steps[2].decision.noLabel"), "Tidak lengkap"))

	// The flowchart follows: five symbols, a decision, the loop back.
	flowchart := fmt.Sprintf(`(() => {
		const svg = document.querySelector("#preview svg");
		if (!svg) return false;
		const steps = [...svg.querySelectorAll("[data-step]")].map(g => g.dataset.step);
		return steps.length === 5 && new Set(steps).size === 5 && !!svg.querySelector('[data-step=%s][data-symbol="decision"]') &&
			!!svg.querySelector('[data-from=%s][data-to=%s]') && svg.textContent.includes("Menandatangani");
	})()`, jsString(ids[2]), jsString(ids[2]), jsString(ids[0]))
	b.waitFor("the preview to draw five steps, a decision and the loop back", flowchart, previewHTML)
	// Typing alone (input events, no change event) redraws it too.
	b.do("type more of step 4", chromedp.SendKeys(field("steps[3].activity"), " serta stempel"))
	b.waitFor("the preview to show what was typed", `(document.querySelector("#preview svg") || {textContent: ""}).textContent.includes("stempel")`, previewHTML)
	b.checkConsole("/sops/new, live preview")
	// The preview stays in view beside the last step, where the author types.
	b.do("scroll to the last step", chromedp.ScrollIntoView(field("steps[4].activity")))
	if !eval[bool](b, "preview in view", `(() => {
		const r = document.querySelector("#preview svg").getBoundingClientRect();
		return r.top >= 0 && r.top < innerHeight && r.height > 0;
	})()`) {
		t.Error("the preview is out of view while the last step is edited")
	}

	// An error: the decision's "no" names no step. The list names it as
	// people do, and the preview sketches what it can.
	b.do(`clear the decision's "no"`, chromedp.SetValue(field("steps[2].decision.no"), ""))
	b.waitFor("the list to name the error of row 3's No branch",
		`!!document.querySelector("#preview .sketch-note") && [...document.querySelectorAll("#editor-summary .problem-list li")].some(li => li.textContent.startsWith("Kegiatan 3, cabang Tidak:"))`,
		`document.querySelector("#editor-summary").outerHTML`)
	// Saving keeps the draft as typed, the problem shown next to the field.
	res := b.load("save with an error", press("#save"))
	if res.Status != 200 || !regexp.MustCompile(`^/sops/\d+/edit\?saved=1$`).MatchString(b.location()) {
		t.Errorf("save with an error: status %d at %s, want 200 at /sops/{id}/edit?saved=1", res.Status, b.location())
	}
	if msg := eval[string](b, "field problem", `(() => { const f = document.querySelector('#f-s2-no'); const d = f && f.getAttribute('aria-invalid') === 'true' && document.getElementById(f.getAttribute('aria-describedby')); return d ? d.textContent.trim() : ""; })()`); msg == "" {
		t.Errorf("no problem shown next to the decision's \"no\" after saving; the field reads:\n%s",
			eval[string](b, "field", `document.querySelector('#f-s2-no').parentElement.outerHTML`))
	}
	if msg := eval[string](b, "error count", `document.querySelector('#summary-title').textContent`); !strings.HasPrefix(msg, "1 kesalahan") {
		t.Errorf("the top of the editor says %q after saving with an error", msg)
	}
	if got := eval[string](b, "title kept", `document.querySelector('[name="title"]').value`); got != title {
		t.Fatalf("after the save the title is %q, want %q", got, title)
	}
	b.checkConsole("/sops/new, saved with an error")
	b.screenshot("editor-error.png", "#row-2")
	b.audit("a draft with errors")

	// Fixed, the flowchart is back.
	b.do(`set the decision's "no" again`, chromedp.SetValue(field("steps[2].decision.no"), ids[0]))
	b.waitFor("the flowchart to come back", flowchart, previewHTML)

	// Save: the draft's editor, with the saved message.
	b.load("save", press("#save"))
	m := regexp.MustCompile(`^/sops/(\d+)/edit\?saved=1$`).FindStringSubmatch(b.location())
	if m == nil {
		t.Fatalf("after saving the browser is at %s, want /sops/{id}/edit?saved=1\n%s", b.location(),
			eval[string](b, "errors", `[...document.querySelectorAll(".error-msg, .field-problems")].map(e => e.textContent).join("\n")`))
	}
	id := m[1]
	if msg := eval[string](b, "saved message", `(document.querySelector('main .ok-msg[role="status"]') || {}).textContent || ""`); msg == "" {
		t.Error("no saved message after saving")
	}
	b.waitFor("the saved draft's flowchart", flowchart, previewHTML)
	b.screenshot("editor.png", "")
	b.screenshot("editor-preview.png", ".preview-pane")
	b.audit("/sops/" + id + "/edit?saved=1")

	// The PDF of the draft, fetched by the page with the session's cookie.
	type download struct {
		Status int    `json:"status"`
		Type   string `json:"type"`
		Head   string `json:"head"`
		Size   int    `json:"size"`
	}
	pdf := eval[download](b, "fetch the PDF", fmt.Sprintf(`fetch("/sops/%s/document.pdf?draft=1").then(async r => {
		const buf = await r.arrayBuffer();
		return {status: r.status, type: r.headers.get("Content-Type") || "", size: buf.byteLength,
			head: String.fromCharCode(...new Uint8Array(buf.slice(0, 5)))};
	})`, id), chromedp.EvalAwaitPromise)
	if pdf.Status != 200 || pdf.Head != "%PDF-" || !strings.HasPrefix(pdf.Type, "application/pdf") {
		t.Errorf("the draft's PDF: status %d, type %q, starts with %q (%d bytes); want 200 application/pdf %%PDF-", pdf.Status, pdf.Type, pdf.Head, pdf.Size)
	}
	b.checkConsole("/sops/" + id + "/edit, PDF download")

	// Search finds the draft for its author, by an inflected form of a
	// word of the title (pengesahan, disahkan: the stem sah).
	b.open("/search?q=disahkan", 200)
	link := fmt.Sprintf(`main a[href="/sops/%s"]`, id)
	if got := eval[string](b, "search result", fmt.Sprintf(`(document.querySelector(%s) || {}).textContent || ""`, jsString(link))); got != title {
		t.Errorf("searching for %q: the new draft is not listed (link %q), the results are:\n%s", "disahkan", got,
			eval[string](b, "results", `document.querySelector("main").innerText`))
	}
	b.checkConsole("/search?q=disahkan")

	// Signed out, the same search does not show the draft.
	b.load("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))
	b.open("/search?q=disahkan", 200)
	if n := eval[int](b, "search result", fmt.Sprintf(`document.querySelectorAll(%s).length`, jsString(link))); n != 0 {
		t.Errorf("signed out, searching for %q lists the draft", "disahkan")
	}
	b.checkConsole("/search?q=disahkan, signed out")
}

// axeSource is axe-core, read once.
var axeSource = sync.OnceValues(func() ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "vendor", "axe.min.js"))
})

// audit runs axe-core on the page in the tab, failing the test on every
// serious or critical violation, and checks that htmx loaded and that the
// console holds no error.
func (b *browser) audit(page string) {
	b.t.Helper()
	axe, err := axeSource()
	if err != nil {
		b.t.Fatal(err)
	}
	if !eval[bool](b, "htmx loaded", `typeof htmx === "object"`) {
		b.t.Errorf("%s: htmx did not load", page)
	}
	// Runtime.evaluate is not subject to the page's CSP.
	b.do("inject axe-core", chromedp.Evaluate[chromedp.Void](string(axe)))
	res := eval[axeResult](b, "axe.run on "+page, axeRun, chromedp.EvalAwaitPromise)
	b.t.Logf("%s: axe: %d rules passed, %d violated", page, res.Passes, len(res.Violations))
	if res.Passes == 0 {
		b.t.Errorf("%s: axe-core checked nothing", page)
	}
	for _, v := range res.Violations {
		msg := fmt.Sprintf("%s: axe %s (%s, %d elements): %s, at %s — %s", page, v.ID, v.Impact, v.Count, v.Help, strings.Join(v.Targets, " | "), v.HelpURL)
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Error(msg)
		} else {
			b.t.Log(msg)
		}
	}
	b.checkConsole(page)
}

// axeViolation is one rule that axe-core found broken.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Count   int      `json:"count"`
	Targets []string `json:"targets"`
}

// axeResult is what axe-core found on one page.
type axeResult struct {
	Passes     int            `json:"passes"` // rules that passed, to show that axe did look
	Violations []axeViolation `json:"violations"`
}

const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => ({passes: r.passes.length,
	violations: r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
		count: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => n.target.map(String).join(" "))}))}))`

func TestBrowserAccessibility(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	sop := e.sopID("800/012/35.73.405/2024")

	// The Content Security Policy forbids inline scripts: a script added
	// to the page does not run, and the console watch sees the violation.
	// Scripts evaluated over the DevTools protocol (axe-core) do run.
	res := b.open("/login", 200)
	csp := ""
	for k, v := range res.Headers {
		if strings.EqualFold(k, "Content-Security-Policy") {
			csp = fmt.Sprint(v)
		}
	}
	if !strings.Contains(csp, "script-src 'self'") {
		t.Fatalf("the login page has Content-Security-Policy %q, want script-src 'self'", csp)
	}
	ran := eval[bool](b, "inline script", `(() => {
		const s = document.createElement("script");
		s.textContent = "window.esopInlineRan = true";
		document.head.appendChild(s);
		return window.esopInlineRan === true;
	})()`)
	if ran {
		t.Error("an inline script ran in spite of the Content Security Policy")
	}
	var seen bool
	for _, m := range b.drain() {
		seen = seen || (problem(m) && strings.Contains(m.Text, "Content Security Policy"))
	}
	if !seen {
		t.Error("the console watch did not see the CSP violation of an inline script")
	}
	b.do("evaluate over DevTools", chromedp.Evaluate[chromedp.Void](`window.esopDevtoolsRan = true`))
	if !eval[bool](b, "devtools script", `window.esopDevtoolsRan === true`) {
		t.Fatal("a script evaluated over the DevTools protocol did not run under the CSP")
	}

	inForce, err := e.db.FindSOPByID(context.Background(), sop)
	if err != nil || inForce.Current == nil {
		t.Fatalf("the SOP in force: %v", err)
	}
	verify := "/v/" + render.VerifyCode(inForce.Current.Document)
	b.open(verify, 200)
	b.audit(verify)
	for _, path := range []string{"/", "/search?q=kartu", fmt.Sprintf("/sops/%d", sop), "/login"} {
		b.open(path, 200)
		if path == fmt.Sprintf("/sops/%d", sop) {
			b.screenshot("sop.png", "")
		}
		if n := eval[int](b, "content", `document.querySelectorAll("main table a[href^='/sops/'], main svg [data-step]").length`); n == 0 && path != "/login" {
			t.Errorf("%s: no SOP listed or drawn; the audit would look at an empty page", path)
		}
		b.audit(path)
	}
	// The same in English, chosen with the site's language button.
	b.load("switch to English", chromedp.Click(chromedp.CSS(`button[name="lang"][value="en"]`)))
	if lang := eval[string](b, "lang", `document.documentElement.lang`); lang != "en" || b.location() != "/login" {
		t.Fatalf("the language button led to %s in %q, want /login in en", b.location(), lang)
	}
	b.audit("/login in English")

	b.login("penyusun")
	for _, path := range []string{"/dashboard", "/sops/new", fmt.Sprintf("/sops/%d/review", sop)} {
		b.open(path, 200)
		b.audit(path)
	}
}

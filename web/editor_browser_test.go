package web_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/esop-malang/esop"
)

// The editor in Chromium, on a 1366 px office screen and on a 360 px
// phone: the flowchart stays beside the rows being written, the row
// being edited is marked in it, the page never scrolls sideways, a phone
// jumps to the flowchart and back, and axe-core finds nothing serious.

// viewShot saves a screenshot of what the window shows (not the whole page).
func (b *browser) viewShot(name string) {
	b.t.Helper()
	if b.shots == "" {
		b.shots = os.Getenv("ESOP_SCREENSHOTS")
		if b.shots == "" {
			b.shots = b.t.TempDir()
		} else if err := os.MkdirAll(b.shots, 0o755); err != nil {
			b.t.Fatal(err)
		}
	}
	ctx, cancel := b.step()
	defer cancel()
	img, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(b.shots, name)
	if err := os.WriteFile(p, img, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", p)
}

// noSideways fails the test when the page is wider than the window.
func (b *browser) noSideways(page string) {
	b.t.Helper()
	type widths struct{ Scroll, Client, Inner int }
	w := eval[widths](b, "widths", `({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, inner: innerWidth})`)
	if w.Scroll > w.Client || w.Client > w.Inner {
		wide := eval[string](b, "what is wide", `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest(".flowchart, .scroll")).slice(0, 5).map(e => e.tagName + "." + e.className + "#" + e.id + " " + Math.round(e.getBoundingClientRect().right)).join(", ")`)
		b.t.Errorf("%s: the page scrolls sideways: %d px wide in a %d px window (%s)", page, w.Scroll, w.Client, wide)
	}
}

// paneState is where the preview pane and the marked symbol are.
type paneState struct {
	Position   string   `json:"position"`
	PaneTop    float64  `json:"paneTop"`
	PaneBottom float64  `json:"paneBottom"`
	Height     float64  `json:"height"`
	ScrollY    float64  `json:"scrollY"`
	Marked     []string `json:"marked"`
	SymTop     float64  `json:"symTop"`
	SymBottom  float64  `json:"symBottom"`
	SVGWidth   float64  `json:"svgWidth"`
	BoxWidth   float64  `json:"boxWidth"`
}

const paneStateJS = `(() => {
	const pane = document.querySelector("#preview-pane"), pr = pane.getBoundingClientRect();
	const row = document.querySelector("fieldset.step.editing");
	const g = row && pane.querySelector('#preview svg [data-step="' + row.dataset.step + '"]');
	const r = g ? g.getBoundingClientRect() : {top: -1, bottom: -1};
	const svg = pane.querySelector("#preview svg"), box = pane.querySelector(".flowchart");
	return {position: getComputedStyle(pane).position, paneTop: pr.top, paneBottom: pr.bottom, height: innerHeight, scrollY: scrollY,
		marked: [...pane.querySelectorAll("[data-step].editing")].map(e => e.dataset.step), symTop: r.top, symBottom: r.bottom,
		svgWidth: svg ? svg.getBoundingClientRect().width : 0, boxWidth: box ? box.clientWidth : 0};
})()`

// markedInViewJS is a predicate: the row of step id, and only it, is
// marked in the flowchart, and its symbol is within the preview pane's view.
func markedInViewJS(id string) string {
	return fmt.Sprintf(`(() => { const m = [...document.querySelectorAll("#preview svg [data-step].editing")];
		if (m.length !== 1 || m[0].dataset.step !== %s) return false;
		const r = m[0].getBoundingClientRect(), p = document.querySelector("#preview-pane").getBoundingClientRect();
		return r.top >= p.top && r.bottom <= Math.min(p.bottom, innerHeight); })()`, jsString(id))
}

// newDocument7 is a new SOP's draft with seven rows, nothing written in them yet.
func (e *env) newDocument7() *esop.Document {
	d := &esop.Document{Format: esop.FormatV1, Title: "Pelayanan Uji Tata Letak Editor", Unit: unitPenta, Type: esop.TypeAdministratif,
		Actors: []esop.Actor{{ID: "a1", Name: "Pemohon"}, {ID: "a2", Name: "Petugas Pelayanan"}}}
	for i := range 7 {
		d.Steps = append(d.Steps, esop.Step{ID: fmt.Sprintf("s%d", i+1), Actor: "a1"})
	}
	return d
}

// jsonString returns v as JSON, for a script.
func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// markedJS is a predicate: the row of step id, and only it, is marked in the flowchart.
func markedJS(id string) string {
	return fmt.Sprintf(`(() => { const m = [...document.querySelectorAll("#preview svg [data-step].editing")];
		return m.length === 1 && m[0].dataset.step === %s; })()`, jsString(id))
}

func TestBrowserEditorLayout(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e.srv.URL)
	// Focus events as in a window that has the focus, as the office's has.
	if _, err := chromedp.Call(b.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	// Half-finished work saved earlier: seven rows, nothing written in them yet.
	draft := e.newDocument7()
	res := e.postForm(e.session("penyusun"), "/sops/new", editorForm(draft, "save", 0))
	page := strings.TrimSuffix(res.Header.Get("Location"), "?saved=1")
	if res.StatusCode != 303 || !strings.HasSuffix(page, "/edit") {
		t.Fatalf("save the half-finished draft: %s", gist(res))
	}
	b.login("penyusun")
	b.do("office screen", chromedp.EmulateViewport(1366, 768))
	b.open(page, 200)
	b.noSideways(page + " at 1366 px")
	ids := eval[[]string](b, "step ids", `[...document.querySelectorAll("fieldset.step")].map(f => f.dataset.step)`)
	if len(ids) != 7 {
		t.Fatalf("%d rows, want 7", len(ids))
	}
	// One more row added and deleted again, as authors do.
	b.load("add a step", chromedp.Click(chromedp.CSS(`button[name="op"][value="add-step"]`)))
	b.load("delete it", chromedp.Click(chromedp.CSS(`button[name="op"][value="delete-step:7"]`)))
	if n := eval[int](b, "rows", `document.querySelectorAll("fieldset.step").length`); n != 7 {
		t.Fatalf("%d rows after adding and deleting one", n)
	}
	actors := eval[[]string](b, "actor ids", `[...document.querySelectorAll('input[name^="actors["][name$="].id"]')].map(e => e.value)`)
	// The rows filled in one go (setting many boxes one by one over the
	// DevTools protocol is slow); then typed into, which the preview follows.
	fill := map[string]string{
		"steps[3].kind": "decision", "steps[3].decision.yes": ids[4], "steps[3].decision.no": ids[1], // row 4 decides; "no" goes back to row 2
	}
	times := []string{"5 menit", "1,5 jam", "2 hari", "30 menit", "sesuai jadwal", "1 minggu", "15 menit"}
	for i := range ids {
		fill[fmt.Sprintf("steps[%d].activity", i)] = fmt.Sprintf("Memproses berkas tahap %d", i+1)
		fill[fmt.Sprintf("steps[%d].actor", i)] = actors[i%2]
		fill[fmt.Sprintf("steps[%d].time", i)] = times[i]
		fill[fmt.Sprintf("steps[%d].output", i)] = "Berkas"
	}
	b.do("fill the rows", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const v = %s;
		for (const [name, value] of Object.entries(v)) { document.querySelector('[name="' + name + '"]').value = value; } })()`, jsonString(t, fill))))
	b.do("type in row 7", chromedp.SendKeys(field("steps[6].activity"), " akhir"))
	b.waitFor("the preview to draw seven rows and a decision", fmt.Sprintf(`(() => {
		const svg = document.querySelector("#preview svg");
		return !!svg && svg.querySelectorAll("[data-step]").length === 7 && !!svg.querySelector('[data-step=%s][data-symbol="decision"]') &&
			!document.querySelector("#editor-summary .problem-list li:not(.warn)");
	})()`, jsString(ids[3])), previewHTML)
	b.checkConsole("/sops/new, seven rows")
	if h := eval[float64](b, "form height", `document.querySelector("#editor-form").getBoundingClientRect().height`); h < 3000 {
		t.Logf("the form is only %.0f px tall", h)
	}

	// Writing row 6, far down the form: the flowchart is in view beside it,
	// with row 6 marked and inside the pane's view.
	b.do("go to row 6", chromedp.ScrollIntoView(field("steps[5].activity")), chromedp.Focus(field("steps[5].activity")))
	b.do("type in row 6", chromedp.SendKeys(field("steps[5].activity"), " lanjutan"))
	b.waitFor("the redrawn preview with row 6 marked", fmt.Sprintf(`(() => { const g = document.querySelector('#preview svg [data-step=%s]');
		return !!g && g.classList.contains("editing") && document.querySelector("#preview svg").textContent.includes("lanjutan"); })()`, jsString(ids[5])), previewHTML)
	// The flowchart is redrawn as the author types (and on leaving a
	// box), each time marked again: wait for the mark, not for a moment.
	b.waitFor("row 6 marked, alone, in the pane's view", markedInViewJS(ids[5]), paneStateJS)
	st := eval[paneState](b, "pane", paneStateJS)
	if st.Position != "sticky" || st.ScrollY < 800 || st.PaneTop < 0 || st.PaneTop > 40 || st.PaneBottom > st.Height+1 {
		t.Errorf("at 1366 px the preview is not held in view beside row 6: %+v", st)
	}
	if st.SVGWidth > st.BoxWidth+1 {
		t.Errorf("the flowchart is not fitted to its column: %.0f px in %.0f", st.SVGWidth, st.BoxWidth)
	}
	b.noSideways("/sops/new at 1366 px, row 6")
	b.viewShot("editor-1366.png")
	// Another row moves the mark; a larger view on demand, and back.
	b.do("go to row 2", chromedp.ScrollIntoView(field("steps[1].output")), chromedp.Focus(field("steps[1].output")))
	b.waitFor("row 2 marked, alone, in the pane's view", markedInViewJS(ids[1]), paneStateJS)
	b.do("full size", chromedp.Click(chromedp.CSS(`.preview-tools button[data-zoom="large"]`)))
	if st := eval[paneState](b, "pane", paneStateJS); st.SVGWidth < 1.3*st.BoxWidth {
		t.Errorf("full size is not larger: %.0f px in a %.0f px box", st.SVGWidth, st.BoxWidth)
	}
	b.noSideways("/sops/new at full size")
	b.do("fit", chromedp.Click(chromedp.CSS(`.preview-tools button[data-zoom="fit"]`)))
	if st := eval[paneState](b, "pane", paneStateJS); st.SVGWidth > st.BoxWidth+1 {
		t.Errorf("fitted again: %.0f px in %.0f", st.SVGWidth, st.BoxWidth)
	}

	// Saved with an error: kept, the problem beside its field and named
	// as people do in the list, the flowchart a sketch.
	b.do(`clear the decision's "no"`, chromedp.SetValue(field("steps[3].decision.no"), ""))
	b.waitFor("the list to name the decision's branch", `[...document.querySelectorAll("#editor-summary .problem-list li")].some(li => li.textContent.startsWith("Kegiatan 4, cabang Tidak:")) &&
		document.querySelector("#f-s3-no").getAttribute("aria-invalid") === "true" && !!document.querySelector("#preview .sketch-note")`,
		`document.querySelector("#editor-summary").outerHTML`)
	b.load("save with an error", chromedp.Click(chromedp.CSS("#save")))
	loc := b.location()
	if !strings.HasSuffix(loc, "/edit?saved=1") {
		t.Fatalf("saving with an error led to %s", loc)
	}
	if msg := eval[string](b, "beside", `document.querySelector("#p-steps-3-decision-no").textContent`); !strings.Contains(msg, "cabang keputusan wajib diisi") {
		t.Errorf("beside the decision's no after saving: %q", msg)
	}
	if got := eval[string](b, "time kept", `document.querySelector('[name="steps[1].time"]').value`); got != "1,5 jam" {
		t.Errorf("the time of row 2 reads %q after saving, want 1,5 jam", got)
	}
	b.checkConsole(loc) // axe-core checks this page in TestBrowserWriteSOP, on a phone in TestBrowserEditorPhone
	b.do("to the top", chromedp.Evaluate[chromedp.Void](`scrollTo(0, 0)`))
	b.viewShot("editor-1366-top.png")

	// Fixed: the live preview clears the problem beside its field.
	b.do(`set the decision's "no"`, chromedp.SetValue(field("steps[3].decision.no"), ids[1]))
	b.waitFor("the problem beside the field to go", `document.querySelector("#p-steps-3-decision-no").textContent.trim() === "" &&
		!document.querySelector("#f-s3-no").hasAttribute("aria-invalid") && !document.querySelector("#editor-summary .problem-list li:not(.warn)")`,
		`document.querySelector("#p-steps-3-decision-no").outerHTML`)

}

// TestBrowserEditorPhone: on a 360 px phone the editor is one column,
// nothing scrolls sideways, the flowchart follows the form, a link jumps
// to it and one back to the row being edited. Then a returned draft, on
// the office's screen.
func TestBrowserEditorPhone(t *testing.T) {
	e := newEnv(t)
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Uji Ponsel")
	d.Steps[1].Next, d.Steps[1].End = "", false
	d.Steps[1].Decision = &esop.Decision{Yes: d.Steps[2].ID} // an error: the "no" branch is missing
	res := e.postForm(e.session("penyusun"), "/sops/new", editorForm(d, "save", 0))
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasSuffix(loc, "/edit?saved=1") {
		t.Fatalf("save: %s", gist(res))
	}
	var ids []string
	for _, st := range d.Steps {
		ids = append(ids, st.ID)
	}
	b := newBrowser(t, e.srv.URL)
	if _, err := chromedp.Call(b.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	b.login("penyusun")
	b.do("phone", chromedp.EmulateViewport(360, 740, chromedp.EmulateScale(2)))
	b.open(loc, 200)
	b.noSideways(loc + " at 360 px")
	b.viewShot("editor-360-top.png")
	b.do("edit row 3", chromedp.ScrollIntoView(field("steps[2].output")), chromedp.Focus(field("steps[2].output")))
	b.waitFor("row 3 marked", markedJS(ids[2]), paneStateJS)
	st := eval[paneState](b, "pane", paneStateJS)
	if st.Position == "sticky" {
		t.Errorf("on a phone the preview is sticky: %+v", st)
	}
	b.viewShot("editor-360.png")
	b.do("jump to the flowchart", chromedp.Click(chromedp.CSS(".save-bar a.jump-preview")))
	b.waitFor("the flowchart in view", `(() => { const r = document.querySelector("#preview-title").getBoundingClientRect(); return location.hash === "#preview-title" && r.top >= -2 && r.top < innerHeight / 2; })()`,
		`JSON.stringify(document.querySelector("#preview-title").getBoundingClientRect())`)
	st = eval[paneState](b, "pane", paneStateJS)
	if st.SVGWidth <= st.BoxWidth {
		t.Errorf("on a phone the flowchart is squeezed to %.0f px instead of scrolling in its box", st.SVGWidth)
	}
	if st.SymTop < 0 {
		t.Errorf("the marked row is not in the flowchart: %+v", st)
	}
	if left := eval[float64](b, "box scrolled", `document.querySelector("#preview .flowchart").scrollLeft`); left <= 0 {
		t.Error("the flowchart's box did not scroll sideways to the marked row")
	}
	b.noSideways(loc + " at 360 px, at the flowchart")
	b.viewShot("editor-360-preview.png")
	b.do("back to the row", chromedp.Click(chromedp.CSS("#back-to-row")))
	b.waitFor("row 3 in view", `(() => { const r = document.querySelector("#row-2").getBoundingClientRect(); return location.hash === "#row-2" && r.top >= -5 && r.top < innerHeight; })()`, `location.hash`)
	b.audit(loc + " at 360 px")
	b.open("/sops/new", 200)
	b.noSideways("/sops/new at 360 px")
	b.audit("/sops/new at 360 px")

	// A returned draft on the office's screen: the notes beside their
	// field and row, checked by axe-core too.
	author, reviewer := e.session("penyusun"), e.session("pemeriksa")
	r := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Dikembalikan di Peramban")
	if res := e.postForm(author, "/sops/new", editorForm(r, "submit", 0)); res.StatusCode != 303 {
		t.Fatalf("submit: %s", gist(res))
	}
	s := e.sop(r.Title)
	for path, body := range map[string]string{"title": "Judul terlalu umum", "steps[1]": "Kegiatan ini perlu dipecah"} {
		if res := e.postForm(reviewer, fmt.Sprintf("/sops/%d/comments", s.ID), url.Values{"path": {path}, "body": {body}}); res.StatusCode != 303 {
			t.Fatalf("comment: %s", gist(res))
		}
	}
	if res := e.postForm(reviewer, fmt.Sprintf("/sops/%d/transitions", s.ID), url.Values{"action": {"return"}, "note": {"Perbaiki judul"}}); res.StatusCode != 303 {
		t.Fatalf("return: %s", gist(res))
	}
	b.do("office screen", chromedp.EmulateViewport(1366, 768))
	path := fmt.Sprintf("/sops/%d/edit", s.ID)
	b.open(path, 200)
	if got := eval[string](b, "note beside row 2", `document.querySelector("#row-1 .field-notes").textContent`); !strings.Contains(got, "Kegiatan ini perlu dipecah") {
		t.Errorf("beside row 2: %q", got)
	}
	b.audit(path + " (returned)")
	b.screenshot("editor-returned.png", ".review-notes")
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// The editor from writing to approval: half-finished drafts are kept
// with their problems, submitted from the editor once they are fixed,
// returned with notes shown beside their fields and rows; times and dates
// are read as people type them; problems name rows as people do.

// newDraftWithErrors saves, through the editor, a new SOP with errors:
// no title, a decision whose "no" branch leads nowhere, an empty
// activity. It returns the SOP's id and the document as sent.
func newDraftWithErrors(t *testing.T, e *env, c *http.Client) (int64, *esop.Document) {
	t.Helper()
	d := draftDocument(t, e.sop(akSample), unitPenta, "Tanpa Judul")
	d.Title = ""
	d.Steps[1].Next, d.Steps[1].End = "", false
	d.Steps[1].Decision = &esop.Decision{Yes: d.Steps[2].ID, No: ""}
	d.Steps[2].Activity = ""
	res := e.postForm(c, "/sops/new", editorForm(d, "save", 0))
	m := regexp.MustCompile(`^/sops/(\d+)/edit\?saved=1$`).FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("saving a draft with errors: %s", gist(res))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id, d
}

// summaryCount returns the number of errors the editor's summary heading
// gives, -1 when it gives none.
func summaryCount(body string) int {
	m := regexp.MustCompile(`<h2 id="summary-title">(\d+) (?:kesalahan|errors), \d+ (?:peringatan|warnings)</h2>`).FindStringSubmatch(body)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// besideErrors counts the errors shown beside the fields of the page.
func besideErrors(body string) int {
	n := 0
	for _, m := range regexp.MustCompile(`<ul class="field-problems">(.*?)</ul>`).FindAllStringSubmatch(body, -1) {
		n += strings.Count(m[1], "<li>")
	}
	return n
}

func TestEditorDraftWithErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	id, sent := newDraftWithErrors(t, e, c)

	// Everything typed is stored as typed.
	s := e.reload(id)
	if s.Draft == nil || s.Draft.Status != esop.StatusDraft || s.Draft.Revision != 1 {
		t.Fatalf("stored: %+v", s.Draft)
	}
	got := s.Draft.Document
	if got.Title != "" || got.Steps[2].Activity != "" || got.Steps[1].Decision == nil || got.Steps[1].Decision.Yes != sent.Steps[2].ID ||
		len(got.Steps) != len(sent.Steps) || got.Steps[3].Activity != sent.Steps[3].Activity || got.Steps[0].Output != sent.Steps[0].Output {
		t.Errorf("the draft was not kept as typed: %+v", got)
	}

	// The editor gives it all back, each problem beside its field, named
	// as people name rows in the list, and the counts agree everywhere.
	res := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/edit?saved=1", id), nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Draf tersimpan.") {
		t.Fatalf("the editor of the draft: %s", gist(res))
	}
	if v := fieldProblems(res.body, "title"); len(v) == 0 || v[0] != "wajib diisi" {
		t.Errorf("beside the title: %q", v)
	}
	if v := fieldProblems(res.body, "steps[1].decision.no"); len(v) == 0 || !strings.Contains(v[0], "cabang keputusan wajib diisi") {
		t.Errorf("beside the decision's no: %q", v)
	}
	if v := fieldProblems(res.body, "steps[2].activity"); len(v) == 0 {
		t.Error("no problem beside the empty activity")
	}
	if !strings.Contains(res.body, `<a href="#f-s1-no">Kegiatan 2, cabang Tidak</a>: cabang keputusan wajib diisi`) {
		t.Error("the list does not name the decision's branch as people do")
	}
	list := res.body[strings.Index(res.body, `<ul class="problem-list">`):]
	list = list[:strings.Index(list, "</ul>")]
	if strings.Contains(list, "steps[") || strings.Contains(list, "actors[") {
		t.Errorf("the list shows JSON paths: %s", list)
	}
	errs := len(esop.Validate(got, esop.ValidateOptions{}).Errors())
	if n := summaryCount(res.body); n != errs || listed(res.body) != errs || besideErrors(res.body) != errs {
		t.Errorf("%d errors: the summary says %d, the list has %d, %d are beside fields", errs, n, listed(res.body), besideErrors(res.body))
	}
	if !regexp.MustCompile(fmt.Sprintf(`<p class="counts">%d kesalahan, \d+ peringatan</p>`, errs)).MatchString(res.body) {
		t.Error("the preview's count disagrees with the list")
	}
	if !strings.Contains(res.body, `class="sketch-note"`) || !strings.Contains(res.body, "<svg") {
		t.Error("the preview does not sketch the draft with errors")
	}
	// English names rows the English way.
	res = e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/edit", id), nil, "Cookie", "lang=en")
	if !strings.Contains(res.body, `<a href="#f-s1-no">Step 2, No branch</a>: the decision branch is required`) {
		t.Error("the English list does not name the decision's branch")
	}

	// Saved again, still half done: kept; a stale revision is refused
	// with everything typed still in the form.
	sent.Steps[0].Output = "Formulir terisi"
	res = e.postForm(c, fmt.Sprintf("/sops/%d/edit", id), editorForm(sent, "save", 1))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving again: %s", gist(res))
	}
	res = e.postForm(c, fmt.Sprintf("/sops/%d/edit", id), editorForm(sent, "save", 1))
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, `value="Formulir terisi"`) {
		t.Errorf("a stale save: %s", gist(res))
	}

	// Other pages show the draft with errors without failing.
	for _, path := range []string{fmt.Sprintf("/sops/%d?draft=1", id), fmt.Sprintf("/sops/%d", id), fmt.Sprintf("/sops/%d/versions", id),
		fmt.Sprintf("/sops/%d/review", id), "/dashboard"} {
		res := e.do(c, http.MethodGet, path, nil)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", path, gist(res))
		}
	}
	res = e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d?draft=1", id), nil)
	if !strings.Contains(res.body, fmt.Sprintf("Sketsa: draf masih mempunyai %d kesalahan", errs)) || !strings.Contains(res.body, "<svg") ||
		strings.Contains(res.body, "document.pdf") {
		t.Errorf("the SOP page of the draft: no sketch, or a PDF link: %s", gist(res))
	}
	res = e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/review", id), nil)
	if !strings.Contains(res.body, fmt.Sprintf("Draf ini belum dapat diajukan: masih ada %d kesalahan.", errs)) ||
		!strings.Contains(res.body, fmt.Sprintf(`href="/sops/%d/edit"`, id)) || !strings.Contains(unescaped(res.body), "Kegiatan 2, cabang Tidak: ") {
		t.Errorf("the review screen does not say why the draft cannot be submitted")
	}
	if res := e.do(c, http.MethodGet, "/dashboard", nil); !strings.Contains(res.body, fmt.Sprintf(`href="/sops/%d/edit"`, id)) {
		t.Error("the dashboard does not list the draft")
	}
	for _, path := range []string{"document.pdf", "document.png", "flowchart.svg"} {
		res := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/%s?draft=1", id, path), nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(unescaped(res.body), fmt.Sprintf("Draf ini masih mempunyai %d kesalahan", errs)) {
			t.Errorf("%s of the draft with errors: %s", path, gist(res))
		}
	}
	// The public never sees it.
	if res := e.do(e.newClient(), http.MethodGet, fmt.Sprintf("/sops/%d", id), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("the public sees the draft: %d", res.StatusCode)
	}

	// The API stays strict: a document with errors is refused with every error.
	token := e.bearer("penyusun")
	var out struct {
		Errors []struct {
			Path string `json:"path"`
		} `json:"errors"`
	}
	res = e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/sops", token, got, &out)
	if res.StatusCode != http.StatusUnprocessableEntity || len(out.Errors) != errs {
		t.Errorf("the API's POST of a document with errors: %d with %d errors, want 422 with %d", res.StatusCode, len(out.Errors), errs)
	}
}

func TestEditorSubmit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	id, d := newDraftWithErrors(t, e, c)
	path := fmt.Sprintf("/sops/%d/edit", id)
	if res := e.do(c, http.MethodGet, path, nil); !strings.Contains(res.body, `name="op" value="submit"`) || !strings.Contains(res.body, "Ajukan untuk diperiksa") {
		t.Fatal(`the editor offers no "Ajukan untuk diperiksa"`)
	}

	// Submitting with errors: the draft is saved (what was just typed
	// included), not submitted, and the editor says why.
	d.Steps[0].Note = "Catatan baru"
	res := e.postForm(c, path, editorForm(d, "submit", 1))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "SOP belum dapat diajukan: masih ada") {
		t.Fatalf("submitting a draft with errors: %s", gist(res))
	}
	s := e.reload(id)
	if s.Draft.Status != esop.StatusDraft || s.Draft.Revision != 2 || s.Draft.Document.Steps[0].Note != "Catatan baru" {
		t.Fatalf("after the refused submission: status %s, revision %d, note %q", s.Draft.Status, s.Draft.Revision, s.Draft.Document.Steps[0].Note)
	}
	if !strings.Contains(res.body, `name="revision" value="2"`) || fieldProblems(res.body, "title") == nil || !strings.Contains(res.body, `<details id="problem-list" open>`) {
		t.Error("the refused submission does not show the problems of the saved draft, open, with its new revision")
	}
	// The review screen refuses it too, naming the problems.
	res = e.postForm(c, fmt.Sprintf("/sops/%d/transitions", id), url.Values{"action": {"submit"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "SOP belum dapat diajukan") ||
		!strings.Contains(unescaped(res.body), "Nama SOP: wajib diisi") {
		t.Errorf("submitting from the review screen: %s", gist(res))
	}
	// And the API.
	var apiErr struct {
		Errors []struct {
			Path string `json:"path"`
		} `json:"errors"`
	}
	res = e.apiJSON(e.newClient(), http.MethodPost, fmt.Sprintf("/api/v1/sops/%d/transitions", id), e.bearer("penyusun"), map[string]string{"action": "submit"}, &apiErr)
	errs := len(esop.Validate(e.reload(id).Draft.Document, esop.ValidateOptions{}).Errors())
	if res.StatusCode != http.StatusUnprocessableEntity || len(apiErr.Errors) != errs || apiErr.Errors[0].Path == "" {
		t.Errorf("submitting through the API: %d with %+v, want 422 with the %d errors and their JSON paths", res.StatusCode, apiErr.Errors, errs)
	}

	// Fixed and submitted from the editor: on to the review screen.
	fixed := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Diajukan dari Editor")
	res = e.postForm(c, path, editorForm(fixed, "submit", 2))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != fmt.Sprintf("/sops/%d/review?done=submit", id) {
		t.Fatalf("submitting the fixed draft: %s", gist(res))
	}
	s = e.reload(id)
	if s.Draft.Status != esop.StatusSubmitted || s.Draft.Document.Title != fixed.Title {
		t.Errorf("after submitting: status %s, title %q", s.Draft.Status, s.Draft.Document.Title)
	}
	// Under review the editor leads to the review screen.
	if res := e.do(c, http.MethodGet, path, nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != fmt.Sprintf("/sops/%d/review", id) {
		t.Errorf("the editor of a submitted draft: %s", gist(res))
	}

	// A new SOP can be written and submitted in one go.
	other := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Baru Langsung Diajukan")
	res = e.postForm(c, "/sops/new", editorForm(other, "submit", 0))
	if m := regexp.MustCompile(`^/sops/(\d+)/review\?done=submit$`).FindStringSubmatch(res.Header.Get("Location")); res.StatusCode != http.StatusSeeOther || m == nil {
		t.Errorf("writing and submitting a new SOP: %s", gist(res))
	}
	if s := e.sop(other.Title); s.Draft == nil || s.Draft.Status != esop.StatusSubmitted {
		t.Error("the new SOP was not submitted")
	}
}

func TestEditorLinks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun2")
	s := e.sop(titleDraftHI)
	res := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/edit", s.ID), nil)
	for _, want := range []string{
		fmt.Sprintf(`href="/sops/%d?draft=1"`, s.ID), fmt.Sprintf(`href="/sops/%d/review"`, s.ID), fmt.Sprintf(`href="/sops/%d/versions"`, s.ID),
		`name="op" value="submit"`, "Nomor SOP diberikan otomatis saat pengesahan", `aria-describedby="h-number p-number"`,
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the editor of a draft has no %s", want)
		}
	}
	if strings.Contains(res.body, fmt.Sprintf(`href="/sops/%d"`, s.ID)) {
		t.Error("a draft never approved links to a public page")
	}
	// A new version of an SOP in force links to its public page too.
	inForce := e.sop(titleInForce)
	if res := e.postForm(c, fmt.Sprintf("/sops/%d/versions", inForce.ID), url.Values{"note": {"Revisi"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new version: %s", gist(res))
	}
	res = e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/edit", inForce.ID), nil)
	if !strings.Contains(res.body, fmt.Sprintf(`href="/sops/%d"`, inForce.ID)) {
		t.Error("the editor of a new version has no link to the public page")
	}
	// The editor's links work for the author.
	for _, link := range []string{"?draft=1", "/review", "/versions"} {
		if res := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d%s", inForce.ID, link), nil); res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", link, res.StatusCode)
		}
	}
	// A new SOP's form says how its number comes, and has no links yet.
	res = e.do(e.session("penyusun"), http.MethodGet, "/sops/new", nil)
	if !strings.Contains(res.body, "Nomor SOP diberikan otomatis saat pengesahan") || strings.Contains(res.body, `class="sop-links"`) {
		t.Error("the new SOP form: no number hint, or links to an SOP that does not exist")
	}
}

func TestEditorTimes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Uji Waktu")
	if len(d.Steps) < 5 {
		t.Fatalf("the sample has %d steps", len(d.Steps))
	}
	form := editorForm(d, "save", 0)
	typed := []string{"2 hari", "1,5 jam", "sesuai jadwal", "dua-tiga hr", "3 x 24 jam"}
	for i, v := range typed {
		form.Set(fmt.Sprintf("steps[%d].time", i), v)
	}
	res := e.postForm(c, "/sops/new", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %s", gist(res))
	}
	s := e.sop(d.Title)
	want := []esop.Duration{{Value: 2, Unit: esop.UnitDay}, {Value: 1.5, Unit: esop.UnitHour}, {Text: "sesuai jadwal"},
		{Text: "dua-tiga hr"}, {Value: 72, Unit: esop.UnitHour, Text: "3 x 24 jam"}}
	for i, w := range want {
		if got := s.Draft.Document.Steps[i].Time; got == nil || *got != w {
			t.Errorf("%q stored as %+v, want %+v", typed[i], got, w)
		}
	}
	// The boxes show them back as typed; the unreadable one is warned of.
	res = e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/edit", s.ID), nil)
	for i, v := range typed {
		if !strings.Contains(res.body, fmt.Sprintf(`name="steps[%d].time" value="%s"`, i, v)) {
			t.Errorf("the Waktu box of step %d does not show %q", i+1, v)
		}
	}
	if v := fieldProblems(res.body, "steps[3].time"); len(v) != 1 || !strings.Contains(v[0], "Peringatan: waktu \"dua-tiga hr\" tidak terbaca") {
		t.Errorf("beside the unreadable time: %q", v)
	}
	for _, i := range []int{0, 1, 2, 4} {
		if v := fieldProblems(res.body, fmt.Sprintf("steps[%d].time", i)); len(v) != 0 {
			t.Errorf("a warning beside the time of step %d: %q", i+1, v)
		}
	}
	// A time stored with an amount and a printed text survives a save
	// that does not touch it.
	doc := s.Draft.Document.Clone()
	doc.Steps[0].Time = &esop.Duration{Value: 2, Unit: esop.UnitDay, Text: "2 hari kerja"}
	// So do what running cases need of an actor, which the form does not show.
	doc.Actors[0].External, doc.Actors[1].Position = true, "kasi-penempatan"
	if _, err := e.db.SaveDraft(context.Background(), s.ID, doc, s.Draft.Revision, "penyusun"); err != nil {
		t.Fatal(err)
	}
	s = e.reload(s.ID)
	if res := e.postForm(c, fmt.Sprintf("/sops/%d/edit", s.ID), editorForm(s.Draft.Document, "save", s.Draft.Revision)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save again: %s", gist(res))
	}
	if got := e.reload(s.ID).Draft.Document.Steps[0].Time; got == nil || *got != *doc.Steps[0].Time {
		t.Errorf("an untouched time was rewritten: %+v", got)
	}
	res = e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/edit", s.ID), nil)
	if !strings.Contains(res.body, `name="actors[0].external" value="1"`) || !strings.Contains(res.body, `name="actors[1].position" value="kasi-penempatan"`) {
		t.Error("the form does not carry the actors' position and external mark")
	}
	if a := e.reload(s.ID).Draft.Document.Actors; !a[0].External || a[1].Position != "kasi-penempatan" {
		t.Errorf("saving lost the actors' position or external mark: %+v", a)
	}
}

func TestEditorUnreadableInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Uji Tanggal")
	form := editorForm(d, "save", 0)
	form.Set("dates.created", "15 Januari 2024")
	form.Set("dates.revised", "31/02/2025")
	form.Set("layout.pageSteps", "sepuluh")
	res := e.postForm(c, "/sops/new", form)
	// Saved, but not by a redirect: the form keeps what could not be read.
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "isian yang ditandai tidak terbaca dan belum tersimpan") {
		t.Fatalf("save with an unreadable date: %s", gist(res))
	}
	s := e.sop(d.Title)
	if got := s.Draft.Document.Dates; got.Created != esop.MustDate("2024-01-15") || !got.Revised.IsZero() {
		t.Errorf("stored dates %+v", got)
	}
	if !strings.Contains(res.body, `name="dates.revised" type="date" value="31/02/2025"`) || !strings.Contains(res.body, `name="layout.pageSteps" value="sepuluh"`) {
		t.Error("what could not be read is not kept in its box")
	}
	if v := fieldProblems(res.body, "dates.revised"); len(v) != 1 || !strings.Contains(v[0], `tanggal "31/02/2025" tidak terbaca`) || !strings.Contains(v[0], "belum tersimpan") {
		t.Errorf("beside the unreadable date: %q", v)
	}
	if !strings.Contains(unescaped(res.body), `Baris per halaman</a>: "sepuluh" bukan bilangan bulat`) {
		t.Error("the unreadable number is not listed")
	}
	if !strings.Contains(res.body, fmt.Sprintf(`action="/sops/%d/edit"`, s.ID)) || !strings.Contains(res.body, `name="revision" value="1"`) {
		t.Error("the form does not go on editing the saved draft")
	}
	// Submitting with something unreadable saves, and refuses to submit.
	form.Set("op", "submit")
	form.Set("revision", "1")
	res = e.postForm(c, fmt.Sprintf("/sops/%d/edit", s.ID), form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "belum diajukan: isian yang ditandai tidak terbaca") {
		t.Errorf("submit with an unreadable date: %s", gist(res))
	}
	if s := e.reload(s.ID); s.Draft.Status != esop.StatusDraft || s.Draft.Revision != 2 {
		t.Errorf("after the refused submission: %s, revision %d", s.Draft.Status, s.Draft.Revision)
	}
}

func TestEditorReturnedNotes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var now atomic.Int64
	// Comments and events a second apart, as in life, for "since the last submission".
	now.Store(fixedNow.Unix())
	e.db.Now = func() time.Time { return time.Unix(now.Add(1), 0).UTC() }
	author, reviewer := e.session("penyusun"), e.session("pemeriksa")
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Dikembalikan")
	res := e.postForm(author, "/sops/new", editorForm(d, "submit", 0))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %s", gist(res))
	}
	s := e.sop(d.Title)
	comment := func(path, body string) {
		t.Helper()
		if res := e.postForm(reviewer, fmt.Sprintf("/sops/%d/comments", s.ID), url.Values{"path": {path}, "body": {body}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("comment on %s: %s", path, gist(res))
		}
	}
	comment("title", "Judul terlalu umum")
	comment("steps[1]", "Kegiatan ini perlu dipecah")
	comment("steps[3]", "Baris ini tidak perlu")
	comment("", "Lengkapi dasar hukum")
	// The review screen names what each comment is about as people do.
	res = e.do(reviewer, http.MethodGet, fmt.Sprintf("/sops/%d/review", s.ID), nil)
	if !strings.Contains(res.body, "— Kegiatan 2: Kegiatan ini perlu dipecah") || !strings.Contains(res.body, "— Nama SOP: Judul terlalu umum") ||
		strings.Contains(res.body, "<code>steps[") {
		t.Error("the review screen names the comments' rows by JSON path")
	}
	res = e.postForm(reviewer, fmt.Sprintf("/sops/%d/transitions", s.ID), url.Values{"action": {"return"}, "note": {"Perbaiki judul dan kegiatan 2"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %s", gist(res))
	}

	// The author's editor says why, each note beside what it is about.
	path := fmt.Sprintf("/sops/%d/edit", s.ID)
	res = e.do(author, http.MethodGet, path, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Dikembalikan oleh pemeriksa dengan catatan:") ||
		!strings.Contains(res.body, "Perbaiki judul dan kegiatan 2") {
		t.Fatalf("the returned draft's editor: %s", gist(res))
	}
	noteAfter := func(body, marker, note string) bool {
		i := strings.Index(body, marker)
		if i < 0 {
			return false
		}
		rest := body[i:]
		if j := strings.Index(rest[1:], `<fieldset class="step"`); j >= 0 && strings.HasPrefix(marker, `<fieldset`) {
			rest = rest[:j+1]
		} else if j := strings.Index(rest[1:], ` name="`); j >= 0 && !strings.HasPrefix(marker, `<fieldset`) {
			rest = rest[:j+1]
		}
		return strings.Contains(rest, note)
	}
	if !noteAfter(res.body, `name="title"`, "Catatan pemeriksa (pemeriksa):</strong> Judul terlalu umum") {
		t.Error("the comment on the title is not beside the title")
	}
	if !noteAfter(res.body, `<fieldset class="step" id="row-1"`, "Kegiatan ini perlu dipecah") {
		t.Error("the comment on row 2 is not in row 2")
	}
	if top := res.body[strings.Index(res.body, `<section class="review-notes"`):]; !strings.Contains(top[:strings.Index(top, "</section>")], "Lengkapi dasar hukum") {
		t.Error("the comment on the whole SOP is not with the return note")
	}

	// A row inserted above and another deleted: the comments follow their rows.
	cur := e.reload(s.ID).Draft
	doc := cur.Document.Clone()
	res = e.postForm(author, path, editorForm(doc, "insert-step:0", cur.Revision))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("insert: %s", gist(res))
	}
	edited := cur.Document.Clone()
	edited.Steps = append([]esop.Step{{ID: "s90", Activity: "Menyiapkan formulir", Actor: edited.Steps[0].Actor, Output: "Formulir",
		Time: &esop.Duration{Value: 5, Unit: esop.UnitMinute}}}, edited.Steps...)
	removed := edited.Steps[4].ID
	for i := range edited.Steps {
		if edited.Steps[i].Next == removed {
			edited.Steps[i].Next = ""
		}
	}
	edited.Steps = append(edited.Steps[:4], edited.Steps[5:]...)
	if res := e.postForm(author, path, editorForm(edited, "save", cur.Revision)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %s", gist(res))
	}
	res = e.do(author, http.MethodGet, path, nil)
	if !noteAfter(res.body, `<fieldset class="step" id="row-2"`, "Kegiatan ini perlu dipecah") || noteAfter(res.body, `<fieldset class="step" id="row-1"`, "Kegiatan ini perlu dipecah") {
		t.Error("the comment on the old row 2 did not follow it to row 3")
	}
	if top := res.body[strings.Index(res.body, `<section class="review-notes"`):]; !strings.Contains(top[:strings.Index(top, "</section>")], "Baris ini tidak perlu") ||
		!strings.Contains(top, "baris ini sudah dihapus") {
		t.Error("the comment on the deleted row is not listed at the top as such")
	}

	// Submitted again and returned again: only the new round's notes show.
	if res := e.postForm(author, path, editorForm(edited, "submit", cur.Revision+1)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit again: %s", gist(res))
	}
	comment("steps[0]", "Formulir apa?")
	if res := e.postForm(reviewer, fmt.Sprintf("/sops/%d/transitions", s.ID), url.Values{"action": {"return"}, "note": {"Sebutkan formulirnya"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return again: %s", gist(res))
	}
	res = e.do(author, http.MethodGet, path, nil)
	if !strings.Contains(res.body, "Sebutkan formulirnya") || strings.Contains(res.body, "Perbaiki judul dan kegiatan 2") ||
		strings.Contains(res.body, "Judul terlalu umum") || !noteAfter(res.body, `<fieldset class="step" id="row-0"`, "Formulir apa?") {
		t.Error("after the second return the editor does not show just the second round's notes")
	}
	// A draft never submitted shows no review notes.
	if res := e.do(author, http.MethodGet, "/sops/new", nil); strings.Contains(res.body, `class="review-notes"`) {
		t.Error("a new SOP shows review notes")
	}
}

// TestDraftWithErrorsCompared: the comparison of a new version saved
// with errors against the version in force draws the draft as a sketch.
func TestDraftWithErrorsCompared(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun2")
	s := e.sop(titleInForce)
	if res := e.postForm(c, fmt.Sprintf("/sops/%d/versions", s.ID), url.Values{"note": {"Revisi"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new version: %s", gist(res))
	}
	draft := e.reload(s.ID).Draft
	d := draft.Document.Clone()
	d.Steps[1].Activity = ""
	d.Steps[2].Actor = "a99"
	if res := e.postForm(c, fmt.Sprintf("/sops/%d/edit", s.ID), editorForm(d, "save", draft.Revision)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save with errors: %s", gist(res))
	}
	res := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/diff", s.ID), nil)
	if res.StatusCode != http.StatusOK || strings.Count(res.body, "<svg") != 2 {
		t.Errorf("the comparison with a draft with errors: %s", gist(res))
	}
	// Its SOP page shows the version in force to the public, the sketch to the author.
	if res := e.do(e.newClient(), http.MethodGet, fmt.Sprintf("/sops/%d", s.ID), nil); res.StatusCode != http.StatusOK || strings.Contains(res.body, "Sketsa") {
		t.Errorf("the public page: %s", gist(res))
	}
	if res := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d?draft=1", s.ID), nil); !strings.Contains(res.body, "Sketsa: draf masih mempunyai 2 kesalahan") {
		t.Errorf("the draft's page: %s", gist(res))
	}
}

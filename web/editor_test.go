package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// The SOP editor, its live preview, new versions and import, against the
// real database.

// akSample is the sample SOP of Bidang Penempatan the editor tests copy.
const akSample = "Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)"

// fieldProblems returns the messages shown right after the form control
// named name (an input or a select), before the next control.
func fieldProblems(body, name string) []string {
	i := strings.Index(body, `name="`+name+`"`)
	if i < 0 {
		return nil
	}
	rest := body[i:]
	if j := strings.Index(rest[1:], ` name="`); j >= 0 {
		rest = rest[:j+1]
	}
	var out []string
	for _, m := range regexp.MustCompile(`<ul class="field-problems">((?:<li(?: class="warn")?>[^<]*</li>)+)</ul>`).FindAllStringSubmatch(rest, -1) {
		for _, li := range regexp.MustCompile(`<li(?: class="warn")?>([^<]*)</li>`).FindAllStringSubmatch(m[1], -1) {
			out = append(out, unescaped(li[1]))
		}
	}
	return out
}

func TestEditorNewForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.do(e.session("penyusun"), http.MethodGet, "/sops/new", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s", gist(res))
	}
	for _, want := range []string{
		`action="/sops/new"`, `hx-post="/preview"`, `name="title"`, `name="steps[0].activity"`, `name="actors[0].name" value="Pemohon"`,
		`<option selected>` + unitPenta + `</option>`, `<option>Seksi Penempatan Tenaga Kerja</option>`,
		`name="agency" value="Dinas Ketenagakerjaan dan Transmigrasi"`, `name="government" value="Pemerintah Kota Malang"`,
		`name="op" value="save"`,
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the new SOP form has no %s", want)
		}
	}
	// Only the units the author may write for are offered.
	for _, other := range []string{"Sekretariat", unitHI, "Pemerintah Kota Malang", "Dinas Ketenagakerjaan dan Sosial"} {
		if strings.Contains(res.body, "<option>"+other+"</option>") || strings.Contains(res.body, "<option selected>"+other+"</option>") {
			t.Errorf("the author of %s is offered the unit %s", unitPenta, other)
		}
	}
	if fieldProblems(res.body, "title") != nil {
		t.Error("an empty new form already shows problems")
	}
}

func TestEditorOperations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Uji Operasi Editor")
	steps := func(d *esop.Document) []string {
		var ids []string
		for _, s := range d.Steps {
			ids = append(ids, s.ID)
		}
		return ids
	}
	base := steps(d)
	if len(base) < 4 {
		t.Fatalf("the sample has only %d steps", len(base))
	}
	swap := func(ids []string, i, j int) []string {
		out := slices.Clone(ids)
		out[i], out[j] = out[j], out[i]
		return out
	}
	before := e.countSOPs()
	for _, tc := range []struct {
		op     string
		check  func(ids []string) bool
		actors int
	}{
		{"add-step", func(ids []string) bool {
			return len(ids) == len(base)+1 && slices.Equal(ids[:len(base)], base) && !slices.Contains(base, ids[len(base)])
		}, len(d.Actors)},
		{"insert-step:1", func(ids []string) bool {
			return len(ids) == len(base)+1 && ids[0] == base[0] && !slices.Contains(base, ids[1]) && slices.Equal(ids[2:], base[1:])
		}, len(d.Actors)},
		{"insert-step:0", func(ids []string) bool { return len(ids) == len(base)+1 && slices.Equal(ids[1:], base) }, len(d.Actors)},
		{"up-step:2", func(ids []string) bool { return slices.Equal(ids, swap(base, 1, 2)) }, len(d.Actors)},
		{"down-step:0", func(ids []string) bool { return slices.Equal(ids, swap(base, 0, 1)) }, len(d.Actors)},
		{"delete-step:1", func(ids []string) bool { return slices.Equal(ids, slices.Delete(slices.Clone(base), 1, 2)) }, len(d.Actors)},
		{"up-step:0", func(ids []string) bool { return slices.Equal(ids, base) }, len(d.Actors)},
		{"down-step:" + strconv.Itoa(len(base)-1), func(ids []string) bool { return slices.Equal(ids, base) }, len(d.Actors)},
		{"delete-step:99", func(ids []string) bool { return slices.Equal(ids, base) }, len(d.Actors)},
		{"add-actor", func(ids []string) bool { return slices.Equal(ids, base) }, len(d.Actors) + 1},
		{"preview", func(ids []string) bool { return slices.Equal(ids, base) }, len(d.Actors)},
	} {
		res := e.postForm(c, "/sops/new", editorForm(d, tc.op, 0))
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", tc.op, gist(res))
			continue
		}
		ids := formIDs(stepIDField, res.body)
		if !tc.check(ids) {
			t.Errorf("%s: steps %v (were %v)", tc.op, ids, base)
		}
		if actors := formIDs(actorIDField, res.body); len(actors) != tc.actors {
			t.Errorf("%s: %d actors %v, want %d", tc.op, len(actors), actors, tc.actors)
		}
		if !strings.Contains(res.body, `value="Pelayanan Uji Operasi Editor"`) {
			t.Errorf("%s: the title was lost", tc.op)
		}
	}
	// Deleting a step that others point to leaves the reference for the
	// validator to show, next to the field.
	target := -1
	for i, s := range d.Steps {
		if i > 0 && d.Steps[i-1].Decision == nil && !d.Steps[i-1].End && d.Steps[i-1].Next == "" {
			target = i
			d.Steps[i-1].Next = s.ID
			break
		}
	}
	if target > 0 {
		res := e.postForm(c, "/sops/new", editorForm(d, fmt.Sprintf("delete-step:%d", target), 0))
		if msgs := fieldProblems(res.body, fmt.Sprintf("steps[%d].next", target-1)); len(msgs) == 0 {
			t.Errorf("no problem shown for the dangling next of step %d", target-1)
		}
	}
	if after := e.countSOPs(); after != before {
		t.Errorf("editing operations stored %d SOPs", after-before)
	}
}

func TestEditorSave(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	before := e.countSOPs()
	valid := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Legalisasi Kartu Kuning")

	// A document with errors is refused by nothing: it is saved as typed
	// (TestEditorDraftWithErrors follows it further).
	bad := valid.Clone()
	bad.Title = ""
	bad.Steps[1].Next, bad.Steps[1].End = "", false
	bad.Steps[1].Decision = &esop.Decision{Yes: bad.Steps[2].ID, No: "s99"}
	res := e.postForm(c, "/sops/new", editorForm(bad, "save", 0))
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/edit?saved=1") {
		t.Fatalf("saving a draft with errors: %s", gist(res))
	}
	if e.countSOPs() != before+1 {
		t.Fatal("the draft with errors was not stored")
	}
	before++

	// A unit the author may not write for.
	other := valid.Clone()
	other.Unit = unitHI
	if res := e.postForm(c, "/sops/new", editorForm(other, "save", 0)); res.StatusCode != http.StatusForbidden {
		t.Errorf("save for another unit: %d", res.StatusCode)
	}
	// A number already in use.
	dup := valid.Clone()
	dup.Number = e.sop(titleInForce).Number
	res = e.postForm(c, "/sops/new", editorForm(dup, "save", 0))
	if res.StatusCode != http.StatusConflict || !strings.Contains(unescaped(res.body), dup.Number) {
		t.Errorf("save with a used number: %s", gist(res))
	}
	if e.countSOPs() != before {
		t.Fatal("a refused document was stored")
	}

	// A valid document becomes a draft.
	res = e.postForm(c, "/sops/new", editorForm(valid, "save", 0))
	loc := res.Header.Get("Location")
	m := regexp.MustCompile(`^/sops/(\d+)/edit\?saved=1$`).FindStringSubmatch(loc)
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("valid save: %s", gist(res))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	s := e.reload(id)
	if s.Draft == nil || s.Current != nil || s.Draft.Status != esop.StatusDraft || s.Title != valid.Title || s.Draft.CreatedBy != "penyusun" {
		t.Fatalf("stored: %+v", s)
	}
	if s.Draft.Document.Approval != nil || len(s.Draft.Document.Steps) != len(valid.Steps) {
		t.Error("the stored draft is not the document sent")
	}
	res = e.do(c, http.MethodGet, loc, nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Draf tersimpan.") || !strings.Contains(res.body, `name="revision" value="1"`) {
		t.Errorf("after saving: %s", gist(res))
	}
	// The draft is found by its author, not by the public.
	q := "/search?q=" + url.QueryEscape("legalisasi kartu kuning")
	if res := e.do(c, http.MethodGet, q, nil); !strings.Contains(res.body, valid.Title) {
		t.Error("the author does not find the new draft")
	}
	if res := e.do(e.newClient(), http.MethodGet, q, nil); strings.Contains(res.body, `href="/sops/`+m[1]+`"`) {
		t.Error("the public finds the new draft")
	}
}

func TestEditorStaleRevision(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun2")
	s := e.sop(titleDraftHI)
	path := fmt.Sprintf("/sops/%d/edit", s.ID)
	res := e.do(c, http.MethodGet, path, nil)
	rev := s.Draft.Revision
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, fmt.Sprintf(`name="revision" value="%d"`, rev)) {
		t.Fatalf("edit form: %s", gist(res))
	}
	d := s.Draft.Document.Clone()
	d.Title = "Pencatatan LKS Bipartit (revisi pertama)"
	if res := e.postForm(c, path, editorForm(d, "save", rev)); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"?saved=1" {
		t.Fatalf("first save: %s", gist(res))
	}
	saved := e.reload(s.ID)
	if saved.Draft.Revision != rev+1 || saved.Draft.Document.Title != d.Title || saved.Draft.UpdatedBy != "penyusun2" {
		t.Fatalf("after the first save: revision %d, title %q", saved.Draft.Revision, saved.Draft.Document.Title)
	}
	// Someone who started from the same revision saves later: refused.
	d2 := s.Draft.Document.Clone()
	d2.Title = "Pencatatan LKS Bipartit (revisi kedua)"
	res = e.postForm(c, path, editorForm(d2, "save", rev))
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "draf sudah diubah orang lain") {
		t.Fatalf("stale save: %s", gist(res))
	}
	if !strings.Contains(res.body, `value="Pencatatan LKS Bipartit (revisi kedua)"`) {
		t.Error("the stale edit is not kept in the form for the user to redo")
	}
	now := e.reload(s.ID)
	if now.Draft.Revision != rev+1 || now.Draft.Document.Title != d.Title {
		t.Errorf("the stale save changed the draft: revision %d, title %q", now.Draft.Revision, now.Draft.Document.Title)
	}
	// Saving from the current revision works.
	if res := e.postForm(c, path, editorForm(d2, "save", rev+1)); res.StatusCode != http.StatusSeeOther {
		t.Errorf("save from the current revision: %s", gist(res))
	}
	// An author of another unit cannot save, and the draft stays hidden.
	if res := e.postForm(e.session("penyusun"), path, editorForm(d2, "save", rev+2)); res.StatusCode != http.StatusNotFound {
		t.Errorf("save by an author of another unit: %d", res.StatusCode)
	}
	// Moving the draft to a unit the author may not write for is refused.
	d3 := d2.Clone()
	d3.Unit = unitPenta
	if res := e.postForm(c, path, editorForm(d3, "save", rev+2)); res.StatusCode != http.StatusForbidden {
		t.Errorf("moving the draft to another unit: %d", res.StatusCode)
	}
	if got := e.reload(s.ID); got.Draft.Revision != rev+2 || got.Unit != unitHI {
		t.Errorf("refused saves changed the draft: revision %d, unit %s", got.Draft.Revision, got.Unit)
	}
}

func TestPreview(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pratinjau")
	res := e.postForm(c, "/preview", editorForm(d, "", 0), "HX-Request", "true")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "<svg") || strings.Contains(res.body, "<html") {
		t.Fatalf("valid preview: %s", gist(res))
	}
	if !strings.Contains(res.body, `data-step="`+d.Steps[0].ID+`"`) || !regexp.MustCompile(`>0 kesalahan, \d+ peringatan<`).MatchString(res.body) {
		t.Error("the preview has no flowchart steps or no counts")
	}
	// With errors: a sketch of what can be drawn, and every problem sent
	// again, out of band, for the box beside its field and for the list.
	bad := d.Clone()
	bad.Steps[1].Next = "s99"
	bad.Steps[1].Decision, bad.Steps[1].End = nil, false
	bad.Actors[0].Name = ""
	res = e.postForm(c, "/preview", editorForm(bad, "", 0), "HX-Request", "true")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "<svg") || !strings.Contains(res.body, `class="sketch-note"`) {
		t.Fatalf("invalid preview: %s", gist(res))
	}
	box := regexp.MustCompile(`<div id="p-steps-1-next" class="field-problems-box" data-control="f-s1-next" data-invalid="true" hx-swap-oob="true"><ul class="field-problems"><li>([^<]*)</li>`).FindStringSubmatch(res.body)
	if box == nil || !strings.Contains(box[1], "tidak ada lagi") {
		t.Errorf("no problem box for steps[1].next in the preview's answer: %v", box)
	}
	if !strings.Contains(res.body, `<div id="p-actors-0" class="field-problems-box" data-control="f-actor-0" data-invalid="true" hx-swap-oob="true">`) {
		t.Error("no problem box for the nameless actor")
	}
	// Every box of the form comes back, the empty ones empty, so that a
	// problem fixed disappears from beside its field.
	if n, want := strings.Count(res.body, `class="field-problems-box"`), 2+17+len(bad.Actors)+len(bad.Steps)*12; n != want {
		t.Errorf("%d problem boxes sent, want %d", n, want)
	}
	counts := regexp.MustCompile(`<p class="counts">(\d+) kesalahan, (\d+) peringatan</p>`).FindStringSubmatch(res.body)
	summary := regexp.MustCompile(`<h2 id="summary-title">(\d+) kesalahan, (\d+) peringatan</h2>`).FindStringSubmatch(res.body)
	items := listed(res.body)
	if counts == nil || summary == nil || counts[1] != summary[1] || counts[1] != strconv.Itoa(items) || items < 2 {
		t.Errorf("counts %v, summary %v, %d errors listed: they must agree", counts, summary, items)
	}
	res = e.postForm(c, "/preview", editorForm(bad, "", 0), "Cookie", "lang=en")
	if !strings.Contains(res.body, "Sketch: the draft still has") {
		t.Error("the preview is not in English")
	}
	if e.countSOPs() != 21 {
		t.Error("the preview stored something")
	}
}

func TestStartVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun2")
	s := e.sop(titleInForce)
	if s.Draft != nil {
		t.Fatal("the sample already has a draft")
	}
	page := fmt.Sprintf("/sops/%d", s.ID)
	if res := e.do(c, http.MethodGet, page, nil); !strings.Contains(res.body, fmt.Sprintf(`action="/sops/%d/versions"`, s.ID)) {
		t.Error("no 'new version' button for the author")
	}
	res := e.postForm(c, page+"/versions", url.Values{"note": {"Penyesuaian dengan Permenaker terbaru"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page+"/edit" {
		t.Fatalf("start version: %s", gist(res))
	}
	now := e.reload(s.ID)
	if now.Draft == nil || now.Draft.Seq != 2 || now.Draft.Document.Approval != nil || now.Draft.Note != "Penyesuaian dengan Permenaker terbaru" ||
		now.Current == nil || now.Current.ID != s.Current.ID {
		t.Fatalf("after starting a version: %+v", now)
	}
	res = e.do(c, http.MethodGet, page+"/edit", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `value="`+titleInForce+`"`) {
		t.Errorf("editing the new version: %s", gist(res))
	}
	// The public still sees the version in force; the author can look at the draft.
	if res := e.do(e.newClient(), http.MethodGet, page, nil); res.StatusCode != http.StatusOK || strings.Contains(res.body, `class="banner"`) || strings.Contains(res.body, "?draft=1") {
		t.Errorf("the public page changed: %s", gist(res))
	}
	if res := e.do(c, http.MethodGet, page, nil); !strings.Contains(res.body, page+"?draft=1") {
		t.Error("the author has no link to the draft")
	}
	if res := e.do(c, http.MethodGet, page+"?draft=1", nil); !strings.Contains(res.body, `class="banner"`) {
		t.Error("the draft is shown without the banner")
	}
	// Only one draft at a time; other units' authors may not start one.
	if res := e.postForm(c, page+"/versions", url.Values{"note": {"Lagi"}}); res.StatusCode != http.StatusConflict {
		t.Errorf("second draft: %d", res.StatusCode)
	}
	if res := e.postForm(e.session("penyusun"), fmt.Sprintf("/sops/%d/versions", e.sop(titleInForce2).ID), nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("another unit's author: %d", res.StatusCode)
	}
	// The history lists both versions.
	res = e.do(e.session("auditor"), http.MethodGet, page+"/versions", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "<td>disahkan</td>") || !strings.Contains(res.body, "<td>draf</td>") {
		t.Errorf("history: %s", gist(res))
	}
	if n := strings.Count(res.body, `<tr id="v`); n != 2 {
		t.Errorf("history shows %d versions, want 2", n)
	}
}

// sopJSON returns a document as a file to upload.
func sopJSON(t *testing.T, docs ...*esop.Document) []byte {
	t.Helper()
	var v any = docs
	if len(docs) == 1 {
		v = docs[0]
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	sample := e.sop(akSample)
	good1 := draftDocument(t, sample, unitPenta, "Pelayanan Impor Pertama")
	good2 := draftDocument(t, sample, "Seksi Penempatan Tenaga Kerja", "Pelayanan Impor Kedua")
	bad := draftDocument(t, sample, unitPenta, "Pelayanan Impor Rusak")
	bad.Steps[2].Actor = "a99"
	approved := sample.Current.Document.Clone()
	approved.Number, approved.Title = "560/998/35.73.405/2026", "Pelayanan Impor Bertanda Tangan"
	otherUnit := draftDocument(t, e.sop(titleInForce), unitHI, "Pengesahan Impor Unit Lain")
	dupNumber := draftDocument(t, sample, unitPenta, "Pelayanan Impor Nomor Ganda")
	dupNumber.Number = sample.Number

	before := e.countSOPs()
	for _, tc := range []struct {
		name   string
		files  map[string][]byte
		status int
		want   []string
	}{
		{"a list with one bad document", map[string][]byte{"buku.json": sopJSON(t, good1, bad)}, 422,
			[]string{"buku.json: [1].steps[2].actor", "a99"}},
		{"a file that is not JSON", map[string][]byte{"a.json": sopJSON(t, good1), "b.json": []byte(`{"format": "esop.sop/1",`)}, 422,
			[]string{"b.json: "}},
		{"another unit", map[string][]byte{"a.json": sopJSON(t, good1), "hi.json": sopJSON(t, otherUnit)}, 422,
			[]string{"hi.json: Anda tidak berwenang menyusun SOP untuk unit \"" + unitHI + "\""}},
		{"an approved SOP by an author", map[string][]byte{"sah.json": sopJSON(t, approved)}, 422,
			[]string{"sah.json: SOP \"Pelayanan Impor Bertanda Tangan\" sudah disahkan"}},
		{"a number in use", map[string][]byte{"a.json": sopJSON(t, good1, dupNumber)}, 409,
			[]string{sample.Number, "tidak ada yang diimpor"}},
		{"no file", map[string][]byte{}, 422, []string{"Pilih sekurang-kurangnya satu berkas."}},
	} {
		res := e.upload(c, "/import", "files", tc.files)
		page := unescaped(res.body)
		if res.StatusCode != tc.status || !strings.Contains(page, "Tidak ada yang diimpor") {
			t.Errorf("%s: %d, want %d with 'Tidak ada yang diimpor' (%s)", tc.name, res.StatusCode, tc.status, gist(res))
		}
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: the page does not say %q", tc.name, w)
			}
		}
		if n := e.countSOPs(); n != before {
			t.Fatalf("%s: %d SOPs imported", tc.name, n-before)
		}
	}
	// Valid files: everything is imported, as drafts of the author.
	res := e.upload(c, "/import", "files", map[string][]byte{"satu.json": sopJSON(t, good1), "dua.json": sopJSON(t, good2)})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "2 SOP diimpor") {
		t.Fatalf("valid import: %s", gist(res))
	}
	if n := e.countSOPs(); n != before+2 {
		t.Fatalf("%d SOPs imported, want 2", n-before)
	}
	for _, title := range []string{good1.Title, good2.Title} {
		s := e.sop(title)
		if s.Draft == nil || s.Current != nil || s.Draft.CreatedBy != "penyusun" {
			t.Errorf("%s: not stored as the author's draft", title)
		}
		if !strings.Contains(res.body, fmt.Sprintf(`href="/sops/%d?draft=1"`, s.ID)) {
			t.Errorf("%s: no link in the result", title)
		}
	}
	// An administrator who also writes for the unit may import an approved SOP.
	e.addUser("kepala", "administrator", "penyusun:bidang-penta")
	res = e.upload(e.session("kepala"), "/import", "files", map[string][]byte{"sah.json": sopJSON(t, approved)})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("approved import by an administrator: %s", gist(res))
	}
	if s := e.sop(approved.Title); s.Current == nil || s.Current.Status != esop.StatusApproved {
		t.Error("the approved SOP is not stored as approved")
	}
	if res := e.do(e.newClient(), http.MethodGet, "/search?q="+url.QueryEscape("impor bertanda tangan"), nil); !strings.Contains(res.body, approved.Title) {
		t.Error("the imported SOP in force is not found by search")
	}
}

// listed returns the number of errors (not warnings) in the list of
// problems at the top of the editor, -1 when there is no list.
func listed(body string) int {
	i := strings.Index(body, `<ul class="problem-list">`)
	if i < 0 {
		return -1
	}
	list := body[i:]
	list = list[:strings.Index(list, "</ul>")]
	return strings.Count(list, "<li>")
}

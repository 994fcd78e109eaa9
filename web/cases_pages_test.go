package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// The screens of running SOPs over plain HTTP: a clerk starts a case of
// the PKB SOP from its page, the tasks reach the mediator, the Kepala
// Bidang and the Kepala Dinas, a "Tidak lengkap" loops back, refusals
// are shown in words with their status, the case ends, and tracking
// shows it without names. The same run in Chromium is in
// cases_browser_test.go.

var caseLocation = regexp.MustCompile(`^/cases/(\d+)\?started=1$`)

// startCasePage starts a case through the form as user and returns its page path.
func (e *runEnv) startCasePage(t *testing.T, user string, form url.Values) string {
	t.Helper()
	res := e.postForm(e.session(user), fmt.Sprintf("/sops/%d/start", e.sopID), form)
	m := caseLocation.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("start as %s: %d to %q: %s", user, res.StatusCode, res.Header.Get("Location"), gist(res))
	}
	return "/cases/" + m[1]
}

// openTaskForm returns the action of the first completion form on a case page.
var completeAction = regexp.MustCompile(`action="(/cases/\d+/tasks/(\d+))"`)

func (e *runEnv) completeForm(t *testing.T, user, casePath string) (string, string) {
	t.Helper()
	res := e.do(e.session(user), http.MethodGet, casePath, nil)
	mustStatus(t, res, http.StatusOK)
	m := completeAction.FindStringSubmatch(res.body)
	if m == nil {
		t.Fatalf("%s as %s: no completion form:\n%s", casePath, user, gist(res))
	}
	return m[1], res.body
}

// allChecked returns the checklist of a form with every box ticked.
var checkboxes = regexp.MustCompile(`name="checklist" value="(\d+)"`)

func allChecked(page string, form url.Values) url.Values {
	if form == nil {
		form = url.Values{}
	}
	// Only the first completion form's boxes: the page shows one open task here.
	start := max(strings.Index(page, "complete-form"), 0)
	end := start + max(strings.Index(page[start:], "</form>"), 0)
	for _, m := range checkboxes.FindAllStringSubmatch(page[start:end], -1) {
		form.Add("checklist", m[1])
	}
	return form
}

func TestCasePagesRunACase(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	sopPath := fmt.Sprintf("/sops/%d", e.sopID)

	// "Mulai layanan" on the SOP's page for its unit's staff only.
	for user, want := range map[string]bool{"mediator": true, "penyusun2": true, "penyusun": false, "admin": false, "": false} {
		res := e.do(e.session(user), http.MethodGet, sopPath, nil)
		mustStatus(t, res, http.StatusOK)
		if got := strings.Contains(res.body, `id="start-case"`); got != want {
			t.Errorf("the SOP page as %q: start button %v, want %v", user, got, want)
		}
	}
	res := e.do(e.session("mediator"), http.MethodGet, sopPath+"/start", nil)
	mustStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, `name="received" type="datetime-local"`) || !strings.Contains(res.body, "WIB") {
		t.Errorf("the start form: %s", gist(res))
	}
	mustStatus(t, e.do(e.session("penyusun"), http.MethodGet, sopPath+"/start", nil), http.StatusForbidden)

	// Bad input: a receipt in the future, a date that is not one, a contact without a name.
	for _, tc := range []struct {
		form url.Values
		msg  string
	}{
		{url.Values{"name": {"PT Uji"}, "received": {"2026-11-21T09:00"}}, "belum terjadi"},
		{url.Values{"name": {"PT Uji"}, "received": {"kemarin"}}, "tulis tanggal dan jam penerimaan"},
		{url.Values{"contact": {"0812"}}, "nama pemohon wajib diisi"},
	} {
		res := e.postForm(e.session("mediator"), sopPath+"/start", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, tc.msg) || !strings.Contains(res.body, `aria-invalid="true"`) {
			t.Errorf("start with %v: %d, want 422 saying %q: %s", tc.form, res.StatusCode, tc.msg, gist(res))
		}
		if !strings.Contains(res.body, `value="`+tc.form.Get("name")+`"`) {
			t.Errorf("start with %v: the name typed is lost", tc.form)
		}
	}

	// A clerk starts a case received earlier today (the clock says 16.00
	// WIB): its first step, of 15 minutes, is late already.
	casePath := e.startCasePage(t, "mediator", url.Values{"name": {"PT Maju Jaya"}, "contact": {"hrd@maju.example"}, "received": {"2026-11-20T08:30"}})
	res = e.do(e.session("mediator"), http.MethodGet, casePath+"?started=1", nil)
	mustStatus(t, res, http.StatusOK)
	code := regexp.MustCompile(`<span class="code">([0-9A-Z]{5}-[0-9A-Z]{5})</span>`).FindStringSubmatch(res.body)
	if code == nil || !strings.Contains(res.body, "PT Maju Jaya") || !strings.Contains(res.body, "20/11/2026 08:30 WIB") ||
		!strings.Contains(res.body, `data-step="b1" data-mark="current late"`) || !strings.Contains(res.body, "Menunggu pemohon") ||
		!strings.Contains(res.body, "terlambat 7 jam kerja 15 menit") {
		t.Fatalf("the new case's page: %s", res.body[strings.Index(res.body, "<main"):][:3000])
	}

	// The inbox of the mediator holds the task, with its count in the navigation.
	res = e.do(e.session("mediator"), http.MethodGet, "/tasks", nil)
	mustStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, `href="`+casePath+`#task-1"`) || !regexp.MustCompile(`id="nav-tasks"[^>]*>[^<]*<span class="count">1<`).MatchString(res.body) {
		t.Errorf("the mediator's inbox: %s", gist(res))
	}
	res = e.do(e.session("kadis"), http.MethodGet, "/tasks", nil)
	if strings.Contains(res.body, casePath) || strings.Contains(res.body, `class="count"`) {
		t.Error("the Kepala Dinas has the mediator's task")
	}
	// The Kepala Bidang heads Bidang HI: its open work lists the task and who has it.
	res = e.do(e.session("kabidhi"), http.MethodGet, "/tasks?unit=bidang-hi", nil)
	mustStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, casePath) || !strings.Contains(res.body, "<td>mediator</td>") {
		t.Errorf("Bidang HI's open work: %s", gist(res))
	}
	mustStatus(t, e.do(e.session("mediator"), http.MethodGet, "/tasks?unit=bidang-hi", nil), http.StatusForbidden)

	// Someone else may not complete it: 403 in words; an unchecked requirement: 422, what was typed kept.
	action, page := e.completeForm(t, "mediator", casePath)
	res = e.postForm(e.session("kabidhi"), action, allChecked(page, nil))
	if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "bukan tugas Anda") {
		t.Errorf("completing as the Kepala Bidang: %d %s", res.StatusCode, gist(res))
	}
	res = e.postForm(e.session("mediator"), action, url.Values{"checklist": {"0"}, "output": {"Agenda 17"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Naskah perjanjian kerja bersama tiga rangkap yang ditandatangani para pihak&#34; belum diperiksa ada") ||
		!strings.Contains(res.body, `value="Agenda 17"`) || !strings.Contains(res.body, `value="0" checked`) {
		t.Errorf("completing with a requirement unchecked: %d %s", res.StatusCode, res.body[strings.Index(res.body, `id="case-error"`):][:800])
	}

	// b1 done; b2 "Tidak lengkap" loops back to b1; b1 again; b2 "Lengkap".
	step := func(user, decision string) string {
		t.Helper()
		action, page := e.completeForm(t, user, casePath)
		form := allChecked(page, nil)
		if decision != "" {
			form.Set("decision", decision)
		}
		res := e.postForm(e.session(user), action, form)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("completing %s as %s: %d %s", action, user, res.StatusCode, res.body[strings.Index(res.body, "<main"):][:1500])
		}
		return page
	}
	step("mediator", "")
	page = step("mediator", "no")
	if !strings.Contains(page, `value="yes" class="decide-yes">Lengkap</button>`) || !strings.Contains(page, `value="no" class="decide-no secondary">Tidak lengkap</button>`) {
		t.Errorf("the decision buttons do not carry the step's labels")
	}
	res = e.do(e.session("mediator"), http.MethodGet, casePath, nil)
	if !strings.Contains(res.body, `data-step="b1" data-mark="current"`) || !strings.Contains(res.body, `data-step="b2" data-mark="done"`) ||
		!strings.Contains(res.body, "keputusan: Tidak lengkap") {
		t.Errorf("after the loop back: %s", res.body[strings.Index(res.body, `id="history"`):][:1500])
	}
	// A decision step without a decision: 422 in words.
	step("mediator", "")
	action, page = e.completeForm(t, "mediator", casePath)
	res = e.postForm(e.session("mediator"), action, allChecked(page, nil))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "pilih keputusan: Lengkap atau Tidak lengkap") {
		t.Errorf("no decision: %d %s", res.StatusCode, gist(res))
	}
	step("mediator", "yes")
	// The rest goes to the Kepala Bidang, the mediator, the Kepala Dinas.
	step("kabidhi", "yes")
	step("mediator", "")
	step("kabidhi", "")
	step("kadis", "")
	// Completing the same task twice: 409 in words.
	res = e.postForm(e.session("mediator"), action, url.Values{})
	if res.StatusCode != http.StatusConflict {
		t.Errorf("an old task again: %d", res.StatusCode)
	}
	step("mediator", "")
	res = e.do(e.session("mediator"), http.MethodGet, casePath, nil)
	if !strings.Contains(res.body, `id="case-status" class="case-status status-done">Selesai<`) || completeAction.MatchString(res.body) ||
		!strings.Contains(res.body, "Layanan selesai") {
		t.Errorf("the finished case: %s", gist(res))
	}

	// Tracking: public, no names, no applicant; a code as typed leads there.
	res = e.do(e.session(""), http.MethodGet, "/lacak?code="+url.QueryEscape(strings.ToLower(code[1])), nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/lacak/"+code[1] {
		t.Fatalf("the tracking form: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	res = e.do(e.session(""), http.MethodGet, "/lacak/"+code[1], nil)
	mustStatus(t, res, http.StatusOK)
	if !strings.Contains(res.body, titleInForce2) || !strings.Contains(res.body, `id="track-status">Selesai<`) || !strings.Contains(res.body, "20 November 2026") {
		t.Errorf("tracking: %s", gist(res))
	}
	main := res.body[strings.Index(res.body, "<main"):]
	for _, secret := range []string{"PT Maju", "hrd@maju", "mediator", "kabidhi", "kadis", "Agenda 17", "Pengguna"} {
		if strings.Contains(main, secret) {
			t.Errorf("tracking shows %q", secret)
		}
	}
	for _, bad := range []string{"x", "ABCDEFGHJK", "%3Cscript%3E", strings.Repeat("9", 300)} {
		res := e.do(e.session(""), http.MethodGet, "/lacak/"+bad, nil)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(res.body, "Kode pelacakan tidak dikenal") {
			t.Errorf("/lacak/%s: %d", bad, res.StatusCode)
		}
	}
}

func TestCasePagesCancel(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	casePath := e.startCasePage(t, "mediator", url.Values{"name": {"Serikat Pekerja Uji"}})
	res := e.do(e.session("mediator"), http.MethodGet, casePath, nil)
	if strings.Contains(res.body, "/cancel") {
		t.Error("the mediator is offered to cancel")
	}
	mustStatus(t, e.postForm(e.session("mediator"), casePath+"/cancel", url.Values{"reason": {"Salah catat"}}), http.StatusForbidden)
	res = e.do(e.session("kabidhi"), http.MethodGet, casePath, nil)
	if !strings.Contains(res.body, `action="`+casePath+`/cancel"`) {
		t.Error("the Kepala Bidang is not offered to cancel")
	}
	res = e.postForm(e.session("kabidhi"), casePath+"/cancel", url.Values{"reason": {"  "}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Alasan pembatalan wajib diisi") {
		t.Errorf("cancel without a reason: %d %s", res.StatusCode, gist(res))
	}
	res = e.postForm(e.session("kabidhi"), casePath+"/cancel", url.Values{"reason": {"Pemohon menarik permohonannya"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d %s", res.StatusCode, gist(res))
	}
	res = e.do(e.session("mediator"), http.MethodGet, casePath, nil)
	if !strings.Contains(res.body, "Pemohon menarik permohonannya") || !strings.Contains(res.body, "status-cancelled") || completeAction.MatchString(res.body) {
		t.Errorf("the cancelled case: %s", gist(res))
	}
	res = e.postForm(e.session("kabidhi"), casePath+"/cancel", url.Values{"reason": {"Lagi"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "sudah dibatalkan") {
		t.Errorf("cancel twice: %d", res.StatusCode)
	}
	// The English pages speak English.
	res = e.do(e.session("mediator"), http.MethodGet, casePath, nil, "Cookie", "lang=en")
	if !strings.Contains(res.body, `<html lang="en">`) || !strings.Contains(res.body, "History") || strings.Contains(res.body, "Riwayat") {
		t.Errorf("the case page in English: %s", gist(res))
	}
}

func TestCaseRunSettingsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sop := e.sop(titleInForce).ID
	path := fmt.Sprintf("/sops/%d/run", sop)
	// As shipped: the applicant outside, the Kepala Dinas mapped by the text, the others by name.
	res := e.do(e.session("penyusun2"), http.MethodGet, path, nil)
	mustStatus(t, res, http.StatusOK)
	for _, want := range []string{"Pihak luar (pemohon, perusahaan, instansi lain)</td>", "Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang</td>",
		"Petugas Loket Pelayanan</td>", `<button type="submit">Simpan pengaturan</button>`} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the run settings page lacks %q", want)
		}
	}
	if strings.Contains(res.body, `class="missing"`) {
		t.Error("an actor of the sample SOP is shown without a position")
	}
	// A pelaksana of another unit reads, without a save button; an author of another unit may not.
	res = e.do(e.session("pelaksana"), http.MethodGet, path, nil)
	mustStatus(t, res, http.StatusOK)
	if strings.Contains(res.body, "Simpan pengaturan") || !strings.Contains(res.body, "disabled") {
		t.Error("a pelaksana is offered to change the run settings")
	}
	mustStatus(t, e.postForm(e.session("pelaksana"), path, url.Values{"count": {"calendar"}}), http.StatusForbidden)
	// The loket's steps to the staff position, days counted on the calendar.
	res = e.postForm(e.session("penyusun2"), path, url.Values{"count": {"calendar"}, "actor.loket": {"pos:staf-pelaksana"}, "actor.kabid": {""}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"?saved=1" {
		t.Fatalf("save: %d %s", res.StatusCode, gist(res))
	}
	set, err := e.db.SOPRunSettings(context.Background(), sop)
	if err != nil || set.Count != "calendar" || len(set.Actors) != 1 || *set.Actors["loket"].Position != "staf-pelaksana" {
		t.Fatalf("stored %+v %v", set, err)
	}
	res = e.do(e.session("penyusun2"), http.MethodGet, path+"?saved=1", nil)
	if !strings.Contains(res.body, `value="pos:staf-pelaksana" selected`) || !strings.Contains(res.body, `value="calendar" checked`) {
		t.Error("the saved settings are not shown")
	}
	// Bad input: an unknown day count, in words; nothing stored.
	res = e.postForm(e.session("penyusun2"), path, url.Values{"count": {"lunar"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "lunar") {
		t.Errorf("an unknown count: %d %s", res.StatusCode, gist(res))
	}
	if set, _ := e.db.SOPRunSettings(context.Background(), sop); set.Count != "calendar" {
		t.Errorf("a refused save changed the count to %q", set.Count)
	}
}

// The forms of the case pages refuse a post from another site (the
// middleware's cross-origin protection) and change nothing.
func TestCasePagesCrossSite(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	casePath := e.startCasePage(t, "mediator", url.Values{"name": {"PT Uji"}})
	count := func() int {
		page, err := e.db.FindCases(context.Background(), esop.CaseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return page.Total
	}
	for _, tc := range []struct {
		user, path string
		form       url.Values
	}{
		{"mediator", fmt.Sprintf("/sops/%d/start", e.sopID), url.Values{"name": {"Penyerang"}}},
		{"mediator", casePath + "/tasks/1", url.Values{"checklist": {"0", "1", "2", "3"}}},
		{"kabidhi", casePath + "/cancel", url.Values{"reason": {"Penyerang"}}},
		{"kabidhi", fmt.Sprintf("/sops/%d/run", e.sopID), url.Values{"count": {"calendar"}}},
	} {
		res := e.postForm(e.session(tc.user), tc.path, tc.form, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", tc.path, res.StatusCode)
		}
	}
	if n := count(); n != 1 {
		t.Errorf("%d cases after the cross-site posts, want 1", n)
	}
	res := e.do(e.session("mediator"), http.MethodGet, casePath, nil)
	if !strings.Contains(res.body, "status-open") || strings.Contains(res.body, "Tugas diselesaikan") {
		t.Error("a cross-site post changed the case")
	}
	if set, _ := e.db.SOPRunSettings(context.Background(), e.sopID); set.Count == "calendar" {
		t.Error("a cross-site post changed the run settings")
	}
}

// An SOP whose pelaksana are not all mapped cannot start: the form says
// which, in words, and leads to the run settings.
func TestCasePagesUnmappedSOP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	sop := e.sop("Pengelolaan Surat Masuk dan Disposisi").ID
	res := e.postForm(e.session("pengesah"), fmt.Sprintf("/sops/%d/start", sop), url.Values{"name": {"Kantor Pos"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Kepala Bidang Terkait&#34; belum dipetakan ke jabatan") ||
		strings.Contains(res.body, "actors.kabid") || !strings.Contains(res.body, fmt.Sprintf(`href="/sops/%d/run"`, sop)) {
		t.Errorf("starting an unmapped SOP: %d %s", res.StatusCode, res.body[strings.Index(res.body, "<main"):][:1200])
	}
	if page, _ := e.db.FindCases(context.Background(), esop.CaseFilter{}); page.Total != 0 {
		t.Errorf("%d cases started", page.Total)
	}
}

// Every case screen in both languages: no message key shown as itself,
// no format error.
func TestCasePagesBothLanguages(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	casePath := e.startCasePage(t, "mediator", url.Values{"name": {"PT Dua Bahasa"}})
	code := regexp.MustCompile(`<span class="code">([0-9A-Z-]{11})</span>`).FindStringSubmatch(e.do(e.session("mediator"), http.MethodGet, casePath, nil).body)
	if code == nil {
		t.Fatal("no tracking code on the case page")
	}
	key := regexp.MustCompile(`>\s*(case|lacak|inbox|run|sla|nav)\.[a-z][a-z0-9._-]*\s*<`)
	pages := map[string][]string{
		"mediator": {casePath, "/tasks", fmt.Sprintf("/sops/%d/start", e.sopID), fmt.Sprintf("/sops/%d/run", e.sopID)},
		"kabidhi":  {casePath, "/tasks?unit=bidang-hi"},
		"":         {"/lacak", "/lacak/" + code[1], "/lacak/XXXXX-XXXXX"},
	}
	for user, paths := range pages {
		for _, lang := range []string{"id", "en"} {
			for _, p := range paths {
				res := e.do(e.session(user), http.MethodGet, p, nil, "Cookie", "lang="+lang)
				if !strings.Contains(res.body, `<html lang="`+lang+`">`) {
					t.Errorf("%s as %q in %s: not in that language (%d)", p, user, lang, res.StatusCode)
				}
				if m := key.FindString(res.body); m != "" {
					t.Errorf("%s as %q in %s: a message key is shown: %q", p, user, lang, m)
				}
				if i := strings.Index(res.body, "%!"); i >= 0 {
					t.Errorf("%s as %q in %s: a format error: %s", p, user, lang, res.body[i:min(i+60, len(res.body))])
				}
			}
		}
	}
}

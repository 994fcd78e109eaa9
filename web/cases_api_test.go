package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/esop-malang/esop"
)

// Running SOPs over the API: a case of the sample SOP "Pendaftaran
// Perjanjian Kerja Bersama" (Bidang HI) run by people of the sample
// organisation, each with an account linked to their employee.

// NIPs of the sample organisation.
const (
	nipMediator = "19830703 200903 1 004" // Mediator Hubungan Industrial (Bidang HI)
	nipKabidHI  = "19740630 199903 1 005" // Kepala Bidang HI
	nipKadis    = "19680512 199303 1 007" // Kepala Dinas
)

// runEnv is a test server where the PKB SOP can run: its applicant is
// external, its staff the mediator, its Kepala Seksi's steps the Kepala
// Bidang's, and the Kepala Dinas signs.
type runEnv struct {
	*env
	sopID int64
}

func newRunEnv(t testing.TB) *runEnv {
	t.Helper()
	return runEnvOf(t, newEnv(t))
}

// runEnvOf makes e a running-cases environment (see newRunEnv).
func runEnvOf(t testing.TB, e *env) *runEnv {
	t.Helper()
	ctx := esop.WithActor(context.Background(), "admin", "127.0.0.1")
	for user, nip := range map[string]string{"mediator": nipMediator, "kabidhi": nipKabidHI, "kadis": nipKadis} {
		emp, err := e.db.FindEmployeeByNIP(ctx, nip)
		if err != nil {
			t.Fatal(err)
		}
		role := esop.Grant{Role: esop.RolePelaksana, UnitID: e.unitID("bidang-hi")}
		if user == "kadis" {
			role = esop.Grant{Role: esop.RolePengesah, UnitID: e.unitID("disnakertrans")}
		}
		if err := e.db.CreateUser(ctx, &esop.User{Username: user, Name: "Pengguna " + user, EmployeeID: emp.ID, Grants: []esop.Grant{role}}, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	sop := e.sop(titleInForce2).ID
	yes := true
	pos := func(s string) *string { return &s }
	if err := e.db.SetSOPRunSettings(ctx, sop, &esop.RunSettings{Actors: map[string]esop.ActorSetting{
		"pemohon": {External: &yes}, "staf": {Position: pos("mediator-hi")}, "kasi": {Position: pos("kabid-hi")}, "kadis": {Position: pos("kadis")}}}); err != nil {
		t.Fatal(err)
	}
	return &runEnv{env: e, sopID: sop}
}

// caseOut is a case as the API answers it.
type caseOut struct {
	ID                  int64
	Code                string
	Status              string
	WaitingForApplicant bool
	Due                 *string
	StartedBy           string
	Applicant           *struct{ Name, Contact string }
	Reason              string
	Tasks               []struct {
		ID                   int64
		Step, Activity       string
		Position, RecordedBy string
		External, Delegated  bool
		Assignees            []string
		State, SLA           string
		Decision             string
		CompletedBy          *string
	}
	Events []struct {
		Kind, Actor string
		Task        int64
	}
}

func (c *caseOut) open(t *testing.T) (int64, string, []string) {
	t.Helper()
	for _, task := range c.Tasks {
		if task.State == esop.TaskOpen {
			return task.ID, task.Step, task.Assignees
		}
	}
	t.Fatalf("case %d has no open task (%s)", c.ID, c.Status)
	return 0, "", nil
}

func (e *runEnv) startCase(t *testing.T, user string, body any) (*response, *caseOut) {
	t.Helper()
	var out caseOut
	res := e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/cases", e.bearer(user), body, &out)
	return res, &out
}

// checklistFor returns every requirement of a step of the PKB SOP, checked.
func (e *runEnv) checklistFor(t testing.TB, step string) map[string]bool {
	t.Helper()
	d := e.sop(titleInForce2).Current.Document
	out := map[string]bool{}
	for _, r := range d.Steps[d.StepIndex(step)].Requirements {
		out[r] = true
	}
	return out
}

func (e *runEnv) complete(t *testing.T, user string, c *caseOut, body map[string]any) (*response, *caseOut) {
	t.Helper()
	task, step, _ := c.open(t)
	if body == nil {
		body = map[string]any{}
	}
	if _, ok := body["checklist"]; !ok {
		body["checklist"] = e.checklistFor(t, step)
	}
	var out caseOut
	res := e.apiJSON(e.newClient(), http.MethodPost, fmt.Sprintf("/api/v1/cases/%d/tasks/%d/complete", c.ID, task), e.bearer(user), body, nil)
	if res.StatusCode == http.StatusOK {
		e.apiJSON(e.newClient(), http.MethodGet, fmt.Sprintf("/api/v1/cases/%d", c.ID), e.bearer(user), nil, &out)
	}
	return res, &out
}

func mustStatus(t *testing.T, res *response, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s %s: %d, want %d: %.400s", res.Request.Method, res.Request.URL.Path, res.StatusCode, want, res.body)
	}
}

// errorPaths returns the paths of a 422 answer's problems.
func errorPaths(t *testing.T, res *response) string {
	t.Helper()
	var body struct{ Errors []struct{ Path string } }
	if err := json.Unmarshal([]byte(res.body), &body); err != nil {
		t.Fatalf("%v: %s", err, res.body)
	}
	var paths []string
	for _, p := range body.Errors {
		paths = append(paths, p.Path)
	}
	return strings.Join(paths, ",")
}

func TestCaseAPIRunsAnSOP(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	res, c := e.startCase(t, "mediator", map[string]any{"sop": e.sopID, "applicant": map[string]string{"name": "PT Maju Jaya", "contact": "hrd@maju.example"}})
	mustStatus(t, res, http.StatusCreated)
	if res.Header.Get("Location") != fmt.Sprintf("/api/v1/cases/%d", c.ID) || c.Status != "open" || !c.WaitingForApplicant || c.Due == nil ||
		len(c.Code) != 11 || c.Applicant == nil || c.Applicant.Name != "PT Maju Jaya" || c.StartedBy != "mediator" {
		t.Fatalf("started %+v", c)
	}
	first := c.Tasks[0]
	if first.Step != "b1" || !first.External || first.RecordedBy != "staf" || first.Position != "mediator-hi" ||
		!slices.Equal(first.Assignees, []string{"mediator"}) || first.SLA == "" {
		t.Fatalf("first task %+v", first)
	}
	// The inbox of the mediator holds it; the Kepala Bidang's does not.
	var inbox struct {
		Total int
		Items []struct {
			Step string
			Case struct{ ID int64 }
		}
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/tasks?assignee=me", e.bearer("mediator"), nil, &inbox), http.StatusOK)
	if inbox.Total != 1 || inbox.Items[0].Case.ID != c.ID || inbox.Items[0].Step != "b1" {
		t.Errorf("inbox %+v", inbox)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/tasks", e.bearer("kabidhi"), nil, &inbox), http.StatusOK)
	if inbox.Total != 0 {
		t.Errorf("the Kepala Bidang's inbox %+v", inbox)
	}
	// Someone else may not complete it; the mediator must check every requirement.
	res, _ = e.complete(t, "kabidhi", c, nil)
	mustStatus(t, res, http.StatusForbidden)
	res, _ = e.complete(t, "mediator", c, map[string]any{"checklist": map[string]bool{"Surat permohonan": true}})
	mustStatus(t, res, http.StatusUnprocessableEntity)
	if paths := errorPaths(t, res); paths != "checklist[1],checklist[2],checklist[3]" {
		t.Errorf("unchecked requirements at %q", paths)
	}
	res, c = e.complete(t, "mediator", c, nil)
	mustStatus(t, res, http.StatusOK)
	// b2 decides: without a decision 422; "no" loops back to b1.
	res, _ = e.complete(t, "mediator", c, nil)
	mustStatus(t, res, http.StatusUnprocessableEntity)
	if paths := errorPaths(t, res); paths != "decision" {
		t.Errorf("missing decision at %q", paths)
	}
	res, _ = e.complete(t, "mediator", c, map[string]any{"decision": "mungkin"})
	mustStatus(t, res, http.StatusUnprocessableEntity)
	_, c = e.complete(t, "mediator", c, map[string]any{"decision": "no", "note": "Naskah belum ditandatangani"})
	if id, step, _ := c.open(t); id != 3 || step != "b1" {
		t.Fatalf("after no: task %d at %s", id, step)
	}
	_, c = e.complete(t, "mediator", c, nil)
	_, c = e.complete(t, "mediator", c, map[string]any{"decision": "yes"})
	if _, step, who := c.open(t); step != "b3" || !slices.Equal(who, []string{"kabidhi"}) {
		t.Fatalf("b3 to %v", who)
	}
	for _, step := range []struct{ user, decision string }{{"kabidhi", "yes"}, {"mediator", ""}, {"kabidhi", ""}, {"kadis", ""}, {"mediator", ""}} {
		body := map[string]any{}
		if step.decision != "" {
			body["decision"] = step.decision
		}
		var res *response
		res, c = e.complete(t, step.user, c, body)
		mustStatus(t, res, http.StatusOK)
	}
	if c.Status != "done" || len(c.Tasks) != 9 {
		t.Fatalf("after the last step: %s with %d tasks", c.Status, len(c.Tasks))
	}
	res = e.apiJSON(e.newClient(), http.MethodPost, fmt.Sprintf("/api/v1/cases/%d/tasks/9/complete", c.ID), e.bearer("mediator"), map[string]any{}, nil)
	mustStatus(t, res, http.StatusConflict)
	var kinds []string
	for _, ev := range c.Events {
		kinds = append(kinds, ev.Kind)
	}
	if got := strings.Join(kinds, " "); !strings.HasPrefix(got, "started opened completed opened") || !strings.HasSuffix(got, "completed done") {
		t.Errorf("events %s", got)
	}

	// Who reads the case: its people and the staff of Bidang HI and above; not other units.
	for user, want := range map[string]int{"mediator": 200, "kadis": 200, "penyusun2": 200, "pengesah": 200, "auditor": 200, "admin": 200,
		"penyusun": 403, "pemeriksa": 403} {
		if res := e.apiJSON(e.newClient(), http.MethodGet, fmt.Sprintf("/api/v1/cases/%d", c.ID), e.bearer(user), nil, nil); res.StatusCode != want {
			t.Errorf("GET the case as %s: %d, want %d", user, res.StatusCode, want)
		}
	}
	var list struct {
		Total int
		Items []caseOut
		Next  string
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/cases?status=done&unit=bidang-hi", e.bearer("kabidhi"), nil, &list), http.StatusOK)
	if list.Total != 1 || list.Items[0].ID != c.ID || list.Next != "" {
		t.Errorf("done cases %+v", list)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/cases", e.bearer("penyusun"), nil, &list), http.StatusOK)
	if list.Total != 0 {
		t.Errorf("an author of another unit lists %d cases", list.Total)
	}

	// Tracking: public, by the code as printed or typed; no names, no applicant.
	for _, code := range []string{c.Code, strings.ToLower(c.Code), strings.ReplaceAll(c.Code, "-", " ")} {
		var tr map[string]any
		res := e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/track/"+url.PathEscape(code), "", nil, &tr)
		mustStatus(t, res, http.StatusOK)
		if tr["status"] != "done" || tr["service"] != titleInForce2 || tr["receivedOn"] != "2026-11-20" || tr["closedOn"] == nil {
			t.Errorf("tracking %v", tr)
		}
		for _, secret := range []string{"PT Maju", "hrd@maju", "mediator", "kabidhi", "kadis", "Contoh", "Mediator"} {
			if strings.Contains(res.body, secret) {
				t.Errorf("tracking shows %q: %s", secret, res.body)
			}
		}
	}
}

func TestCaseAPITrackingWhileOpen(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	_, c := e.startCase(t, "mediator", map[string]any{"sop": e.sopID, "applicant": map[string]string{"name": "Serikat Pekerja Uji"}})
	var tr map[string]any
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/track/"+c.Code, "", nil, &tr), http.StatusOK)
	if tr["status"] != "open" || tr["waitingForApplicant"] != true || tr["statusText"] != "Menunggu pemohon" ||
		tr["step"] != "Mengajukan permohonan pendaftaran perjanjian kerja bersama" || tr["expectedOn"] == nil {
		t.Errorf("tracking %v", tr)
	}
	_, c = e.complete(t, "mediator", c, nil)
	res := e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/track/"+c.Code, "", nil, &tr, "Accept-Language", "en")
	mustStatus(t, res, http.StatusOK)
	if tr["waitingForApplicant"] != false || tr["statusText"] != "In progress" || tr["step"] != "Memeriksa kelengkapan berkas permohonan" {
		t.Errorf("tracking %v", tr)
	}
	// Malformed and unknown codes are 404, never 500.
	valid := esop.NewTrackingCode()
	for _, code := range []string{"x", "ABCDEFGHJK", valid[:9] + "U", "%00", strings.Repeat("9", 300), "<script>", valid} {
		if code == c.Code {
			continue
		}
		res := e.do(e.newClient(), http.MethodGet, "/api/v1/track/"+url.PathEscape(code), nil)
		if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusBadRequest {
			t.Errorf("code %q: %d %s", code, res.StatusCode, res.body)
		}
		if code == valid && res.StatusCode != http.StatusNotFound {
			t.Errorf("an unknown valid code: %d", res.StatusCode)
		}
	}
}

func TestCaseAPIBadInput(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	post := func(user string, body any) *response {
		return e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/cases", e.bearer(user), body, nil)
	}
	draft := e.sop(titleDraftHI).ID
	for _, tc := range []struct {
		name, user string
		body       any
		status     int
		paths      string
	}{
		{"unknown SOP id", "mediator", map[string]any{"sop": 999999}, 404, ""},
		{"unknown SOP number", "mediator", map[string]any{"sop": "999/999/2026"}, 404, ""},
		{"a draft, to someone who may not read it", "mediator", map[string]any{"sop": draft}, 404, ""},
		{"a draft, to its author", "penyusun2", map[string]any{"sop": draft}, 422, "sop"},
		{"no SOP", "mediator", map[string]any{}, 422, "sop"},
		{"SOP of the wrong type", "mediator", map[string]any{"sop": true}, 422, "sop"},
		{"receipt in the future", "mediator", map[string]any{"sop": e.sopID, "receivedAt": "2026-11-21T09:00:00+07:00"}, 422, "receivedAt"},
		{"receipt not a time", "mediator", map[string]any{"sop": e.sopID, "receivedAt": "kemarin"}, 422, "receivedAt"},
		{"receipt not RFC 3339", "mediator", map[string]any{"sop": e.sopID, "receivedAt": "2026-11-19 09:00"}, 422, "receivedAt"},
		{"unknown key", "mediator", map[string]any{"sop": e.sopID, "pemohon": "x"}, 422, "pemohon"},
		{"applicant of the wrong type", "mediator", map[string]any{"sop": e.sopID, "applicant": "Budi"}, 422, "applicant"},
		{"a contact without a name", "mediator", map[string]any{"sop": e.sopID, "applicant": map[string]string{"contact": "0812"}}, 422, "applicant.name"},
		{"not staff of the unit nor a holder", "penyusun", map[string]any{"sop": e.sopID}, 403, ""},
		{"not JSON", "mediator", []byte("sop=1"), 422, ""},
	} {
		res := post(tc.user, tc.body)
		if res.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d: %s", tc.name, res.StatusCode, tc.status, res.body)
			continue
		}
		if tc.status == 422 && tc.paths != "" {
			if paths := errorPaths(t, res); paths != tc.paths {
				t.Errorf("%s: errors at %q, want %q", tc.name, paths, tc.paths)
			}
		}
	}
	// By its number, and received earlier: times count from the receipt.
	number := e.sop(titleInForce2).Number
	res, c := e.startCase(t, "kadis", map[string]any{"sop": number, "receivedAt": "2026-11-19T15:45:00+07:00"})
	mustStatus(t, res, http.StatusCreated)
	if c.Tasks[0].ID != 1 || c.Due == nil {
		t.Fatalf("case %+v", c)
	}
	var got struct {
		ReceivedAt string
		Tasks      []struct{ Due string }
	}
	e.apiJSON(e.newClient(), http.MethodGet, fmt.Sprintf("/api/v1/cases/%d", c.ID), e.bearer("kadis"), nil, &got)
	if got.ReceivedAt != "2026-11-19T15:45:00+07:00" || got.Tasks[0].Due != "2026-11-19T16:00:00+07:00" {
		t.Errorf("received %s, first due %s", got.ReceivedAt, got.Tasks[0].Due)
	}
	// Completions: unknown case or task 404, bad body 422, somebody else's 403.
	for _, tc := range []struct {
		path   string
		body   any
		user   string
		status int
	}{
		{"/api/v1/cases/999999/tasks/1/complete", map[string]any{}, "mediator", 404},
		{fmt.Sprintf("/api/v1/cases/%d/tasks/99/complete", c.ID), map[string]any{}, "mediator", 404},
		{fmt.Sprintf("/api/v1/cases/%d/tasks/x/complete", c.ID), map[string]any{}, "mediator", 404},
		{fmt.Sprintf("/api/v1/cases/%d/tasks/1/complete", c.ID), map[string]any{"decision": 1}, "mediator", 422},
		{fmt.Sprintf("/api/v1/cases/%d/tasks/1/complete", c.ID), map[string]any{"checklist": []string{"a"}}, "mediator", 422},
		{fmt.Sprintf("/api/v1/cases/%d/tasks/1/complete", c.ID), map[string]any{"note": strings.Repeat("a", 2001)}, "mediator", 422},
		{fmt.Sprintf("/api/v1/cases/%d/tasks/1/complete", c.ID), map[string]any{}, "kabidhi", 403},
		{fmt.Sprintf("/api/v1/cases/%d/tasks/1/complete", c.ID), map[string]any{}, "admin", 403},
	} {
		if res := e.apiJSON(e.newClient(), http.MethodPost, tc.path, e.bearer(tc.user), tc.body, nil); res.StatusCode != tc.status {
			t.Errorf("POST %s %v as %s: %d, want %d: %s", tc.path, tc.body, tc.user, res.StatusCode, tc.status, res.body)
		}
	}
	// Lists: bad filters are 422, an unknown unit 404.
	for path, status := range map[string]int{
		"/api/v1/cases?status=lost": 422, "/api/v1/cases?sop=x": 422, "/api/v1/cases?limit=0": 422, "/api/v1/cases?cursor=@@": 422,
		"/api/v1/cases?unit=tidak-ada": 404, "/api/v1/tasks?assignee=kadis": 422, "/api/v1/tasks?cursor=abc": 422,
		"/api/v1/tasks?unit=tidak-ada": 404, "/api/v1/tasks?unit=bidang-hi&assignee=me": 422, "/api/v1/cases/abc": 404,
	} {
		if res := e.apiJSON(e.newClient(), http.MethodGet, path, e.bearer("kadis"), nil, nil); res.StatusCode != status {
			t.Errorf("GET %s: %d, want %d: %s", path, res.StatusCode, status, res.body)
		}
	}
}

func TestCaseAPIRacingCompletions(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	_, c := e.startCase(t, "mediator", map[string]any{"sop": e.sopID})
	path := fmt.Sprintf("/api/v1/cases/%d/tasks/1/complete", c.ID)
	token := e.bearer("mediator")
	body := map[string]any{"checklist": e.checklistFor(t, "b1")}
	const n = 16
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = e.apiJSON(e.newClient(), http.MethodPost, path, token, body, nil).StatusCode
		}()
	}
	wg.Wait()
	count := map[int]int{}
	for _, s := range statuses {
		count[s]++
	}
	if count[200] != 1 || count[409] != n-1 {
		t.Fatalf("racing completions answered %v, want one 200 and %d 409", count, n-1)
	}
	var out caseOut
	e.apiJSON(e.newClient(), http.MethodGet, fmt.Sprintf("/api/v1/cases/%d", c.ID), token, nil, &out)
	if len(out.Tasks) != 2 {
		t.Errorf("%d tasks after the race", len(out.Tasks))
	}
}

func TestCaseAPICancel(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	_, c := e.startCase(t, "mediator", map[string]any{"sop": e.sopID})
	cancel := func(user string, body any) *response {
		return e.apiJSON(e.newClient(), http.MethodPost, fmt.Sprintf("/api/v1/cases/%d/cancel", c.ID), e.bearer(user), body, nil)
	}
	mustStatus(t, cancel("mediator", map[string]string{"reason": "x"}), http.StatusForbidden) // not the head
	mustStatus(t, cancel("penyusun2", map[string]string{"reason": "x"}), http.StatusForbidden)
	mustStatus(t, cancel("kabidhi", map[string]string{"reason": " "}), http.StatusUnprocessableEntity)
	mustStatus(t, cancel("kabidhi", map[string]any{"reason": 5}), http.StatusUnprocessableEntity)
	var out caseOut
	res := e.apiJSON(e.newClient(), http.MethodPost, fmt.Sprintf("/api/v1/cases/%d/cancel", c.ID), e.bearer("kabidhi"),
		map[string]string{"reason": "Pemohon mencabut permohonannya"}, &out)
	mustStatus(t, res, http.StatusOK)
	if out.Status != "cancelled" || out.Reason != "Pemohon mencabut permohonannya" || out.Tasks[0].State != "cancelled" {
		t.Errorf("cancelled %+v", out)
	}
	mustStatus(t, cancel("admin", map[string]string{"reason": "lagi"}), http.StatusConflict)
	// An administrator cancels too; the Kepala Dinas heads a unit above.
	_, c = e.startCase(t, "mediator", map[string]any{"sop": e.sopID})
	mustStatus(t, cancel("kadis", map[string]string{"reason": "Ganda"}), http.StatusOK)
	_, c = e.startCase(t, "mediator", map[string]any{"sop": e.sopID})
	mustStatus(t, cancel("admin", map[string]string{"reason": "Salah input"}), http.StatusOK)
}

func TestAbsenceAPIDelegates(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	_, c := e.startCase(t, "mediator", map[string]any{"sop": e.sopID})
	_, c = e.complete(t, "mediator", c, nil)
	_, c = e.complete(t, "mediator", c, map[string]any{"decision": "yes"})
	if _, step, who := c.open(t); step != "b3" || !slices.Equal(who, []string{"kabidhi"}) {
		t.Fatalf("b3 to %v", who)
	}
	absence := map[string]string{"nip": nipKabidHI, "from": "2026-11-20", "to": "2026-11-24", "kind": "dinas_luar"}
	post := func(user string, body any) *response {
		return e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/absences", e.bearer(user), body, nil)
	}
	mustStatus(t, post("mediator", absence), http.StatusForbidden) // not a head
	mustStatus(t, post("penyusun2", absence), http.StatusForbidden)
	for _, tc := range []struct {
		body  map[string]string
		paths string
	}{
		{map[string]string{"nip": nipKabidHI, "from": "2026-11-24", "to": "2026-11-20", "kind": "cuti"}, "to"},
		{map[string]string{"nip": nipKabidHI, "from": "20-11-2026", "to": "2026-11-20", "kind": "cuti"}, "from"},
		{map[string]string{"nip": nipKabidHI, "from": "2026-11-20", "to": "2026-11-20", "kind": "libur"}, "kind"},
		{map[string]string{"nip": "19990101 202001 1 001", "from": "2026-11-20", "to": "2026-11-20", "kind": "cuti"}, "nip"},
	} {
		res := post("kadis", tc.body)
		mustStatus(t, res, http.StatusUnprocessableEntity)
		if paths := errorPaths(t, res); paths != tc.paths {
			t.Errorf("%v: errors at %q, want %q", tc.body, paths, tc.paths)
		}
	}
	var created struct{ ID int64 }
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/absences", e.bearer("kadis"), absence, &created), http.StatusCreated)
	// No Plh for the Kepala Bidang: the task goes up to the Kepala Dinas, delegated.
	var inbox struct {
		Total int
		Items []struct {
			Step      string
			Delegated bool
			Assignees []string
		}
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/tasks?assignee=me", e.bearer("kadis"), nil, &inbox), http.StatusOK)
	if inbox.Total != 1 || inbox.Items[0].Step != "b3" || !inbox.Items[0].Delegated || !slices.Equal(inbox.Items[0].Assignees, []string{"kadis"}) {
		t.Fatalf("the Kepala Dinas's inbox %+v", inbox)
	}
	// The unit's open work, for the head of the unit or above.
	var unit struct{ Total int }
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/tasks?unit=bidang-hi", e.bearer("kadis"), nil, &unit), http.StatusOK)
	if unit.Total != 1 {
		t.Errorf("Bidang HI's open work: %d", unit.Total)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/tasks?unit=bidang-hi", e.bearer("mediator"), nil, nil), http.StatusForbidden)
	var list struct {
		Total int
		Items []struct{ Nip, Kind, CreatedBy string }
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/absences?nip="+url.QueryEscape(nipKabidHI), e.bearer("kadis"), nil, &list), http.StatusOK)
	if list.Total != 1 || list.Items[0].Nip != nipKabidHI || list.Items[0].CreatedBy != "kadis" {
		t.Errorf("absences %+v", list)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/absences", e.bearer("kadis"), nil, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/absences", e.bearer("admin"), nil, nil), http.StatusOK)
	// Removed: the task comes back to the Kepala Bidang.
	path := fmt.Sprintf("/api/v1/absences/%d", created.ID)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodDelete, path, e.bearer("mediator"), nil, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodDelete, path, e.bearer("kadis"), nil, nil), http.StatusNoContent)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodDelete, path, e.bearer("kadis"), nil, nil), http.StatusNotFound)
	var out caseOut
	e.apiJSON(e.newClient(), http.MethodGet, fmt.Sprintf("/api/v1/cases/%d", c.ID), e.bearer("kabidhi"), nil, &out)
	if _, _, who := out.open(t); !slices.Equal(who, []string{"kabidhi"}) {
		t.Errorf("after the absence was removed: %v", who)
	}
	var kinds []string
	for _, ev := range out.Events {
		kinds = append(kinds, ev.Kind)
	}
	if got := strings.Join(kinds, " "); !strings.HasSuffix(got, "opened delegated returned") {
		t.Errorf("events %s", got)
	}
	entries, _, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Entity: esop.EntityAbsence, Oldest: true})
	if err != nil || len(entries) != 2 || entries[0].Actor != "kadis" || entries[1].Action != esop.AuditDelete {
		t.Errorf("audit %+v %v", entries, err)
	}
}

func TestCalendarAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var hs []esop.Holiday
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/calendar/2026", "", nil, &hs), http.StatusOK)
	if len(hs) != len(esop.NationalHolidays(2026)) || hs[0].Date.String() != "2026-01-01" || hs[0].Kind != "libur" || hs[0].Source == "" {
		t.Fatalf("2026: %d dates", len(hs))
	}
	for _, bad := range []string{"/api/v1/calendar/26", "/api/v1/calendar/abcd", "/api/v1/calendar/3000"} {
		mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, bad, "", nil, nil), http.StatusNotFound)
	}
	regional := map[string]string{"date": "2026-04-01", "kind": "daerah", "name": "Hari Jadi Kota Malang"}
	add := func(user string, body any) *response {
		return e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/calendar", e.bearer(user), body, nil)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/calendar", "", regional, nil), http.StatusUnauthorized)
	mustStatus(t, add("pengesah", regional), http.StatusForbidden)
	mustStatus(t, add("admin", regional), http.StatusCreated)
	mustStatus(t, add("admin", regional), http.StatusConflict)
	res := add("admin", map[string]string{"date": "2026-04-31", "kind": "libur", "name": "x"})
	mustStatus(t, res, http.StatusUnprocessableEntity)
	if paths := errorPaths(t, res); paths != "date" {
		t.Errorf("bad date at %q", paths)
	}
	res = add("admin", map[string]string{"date": "2026-04-02", "kind": "cuti_bersama", "name": ""})
	mustStatus(t, res, http.StatusUnprocessableEntity)
	if paths := errorPaths(t, res); paths != "name,source" {
		t.Errorf("errors at %q", paths)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPut, "/api/v1/calendar/dates/2026-04-01", e.bearer("admin"),
		map[string]string{"date": "2026-04-06", "kind": "daerah", "name": "Hari Jadi Kota Malang (diundur)"}, nil), http.StatusOK)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPut, "/api/v1/calendar/dates/2026-04-01", e.bearer("admin"),
		map[string]string{"kind": "daerah", "name": "x"}, nil), http.StatusNotFound)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodDelete, "/api/v1/calendar/dates/2026-04-06", e.bearer("auditor"), nil, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodDelete, "/api/v1/calendar/dates/2026-04-06", e.bearer("admin"), nil, nil), http.StatusNoContent)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodDelete, "/api/v1/calendar/dates/bukan-tanggal", e.bearer("admin"), nil, nil), http.StatusNotFound)
	entries, _, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Entity: esop.EntityHoliday, Actor: "admin", Oldest: true})
	if err != nil || len(entries) != 3 || entries[0].Action != "create" || entries[1].Action != "update" || entries[2].Action != "delete" {
		t.Errorf("audit of the calendar: %+v %v", entries, err)
	}

	// Due dates: Friday 6 March 2026 15:00 WIB + 2 working hours is Monday 09:00.
	var due struct{ Due string }
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/calendar/due?from=2026-03-06T15:00:00%2B07:00&value=2&unit=hour", "", nil, &due), http.StatusOK)
	if due.Due != "2026-03-09T09:00:00+07:00" {
		t.Errorf("due %s", due.Due)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/calendar/due?from=2026-03-06T15:00:00%2B07:00&value=2&unit=day&count=calendar&agency=bidang-hi", "", nil, &due), http.StatusOK)
	if due.Due != "2026-03-08T15:00:00+07:00" {
		t.Errorf("due in calendar days %s", due.Due)
	}
	res = e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/calendar/due?from=kemarin&value=-1&unit=year&count=lunar&agency=tidak-ada", "", nil, nil)
	mustStatus(t, res, http.StatusUnprocessableEntity)
	if paths := errorPaths(t, res); paths != "from,value,unit,count,agency" {
		t.Errorf("bad due request at %q", paths)
	}
	// An agency's working week.
	week := map[string]any{"zone": "Asia/Jakarta", "days": []int{1, 2, 3, 4, 5, 6}, "opens": "07:30", "closes": "14:00"}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPut, "/api/v1/calendar/settings?agency=disnakertrans", e.bearer("pengesah"), week, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPut, "/api/v1/calendar/settings?agency=disnakertrans", e.bearer("admin"), week, nil), http.StatusOK)
	res = e.apiJSON(e.newClient(), http.MethodPut, "/api/v1/calendar/settings?agency=disnakertrans", e.bearer("admin"),
		map[string]any{"zone": "Asia/Tokyo", "days": []int{}, "opens": "14:00", "closes": "07:30"}, nil)
	mustStatus(t, res, http.StatusUnprocessableEntity)
	if paths := errorPaths(t, res); paths != "zone,days,closes" {
		t.Errorf("bad week at %q", paths)
	}
	var settings struct {
		Settings struct {
			Opens string
			Days  []int
		}
		Own bool
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/calendar/settings?agency=bidang-hi", "", nil, &settings), http.StatusOK)
	if !settings.Own || settings.Settings.Opens != "07:30" || len(settings.Settings.Days) != 6 {
		t.Errorf("the Dinas's week, asked by one of its units: %+v", settings)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/calendar/settings", "", nil, &settings), http.StatusOK)
	if settings.Own || settings.Settings.Opens != "08:00" {
		t.Errorf("the installation's week: %+v", settings)
	}
	// Saturday is a working day of the Dinas now, 07:30 to 14:00: Friday
	// 13:00 + 2 hours is Saturday 08:30.
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/calendar/due?from=2026-03-06T13:00:00%2B07:00&value=2&unit=hour&agency=disnakertrans", "", nil, &due), http.StatusOK)
	if due.Due != "2026-03-07T08:30:00+07:00" {
		t.Errorf("due in the Dinas's week %s", due.Due)
	}
}

func TestRunSettingsAPI(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	path := fmt.Sprintf("/api/v1/sops/%d/run-settings", e.sopID)
	var got struct {
		Count    string
		Resolved []struct {
			ID, Position string
			External     bool
		}
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, path, e.bearer("mediator"), nil, &got), http.StatusOK)
	if got.Count != "working" || len(got.Resolved) != 4 || !got.Resolved[0].External || got.Resolved[1].Position != "mediator-hi" {
		t.Errorf("settings %+v", got)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, path, e.bearer("penyusun"), nil, nil), http.StatusForbidden)
	body := map[string]any{"count": "calendar", "actors": map[string]any{"pemohon": map[string]any{"external": true}, "staf": map[string]any{"position": "mediator-hi"},
		"kasi": map[string]any{"position": "kabid-hi"}, "kadis": map[string]any{"position": "kadis"}}}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPut, path, e.bearer("mediator"), body, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPut, path, e.bearer("penyusun2"), body, &got), http.StatusOK) // an author of the unit
	if got.Count != "calendar" {
		t.Errorf("after PUT: %+v", got)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodPut, path, e.bearer("kabidhi"), body, nil), http.StatusOK) // its head
	res := e.apiJSON(e.newClient(), http.MethodPut, path, e.bearer("admin"), map[string]any{"count": "x", "actors": map[string]any{"kasir": map[string]any{}}}, nil)
	mustStatus(t, res, http.StatusUnprocessableEntity)
	if paths := errorPaths(t, res); paths != "count,actors.kasir" {
		t.Errorf("errors at %q", paths)
	}
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/sops/999999/run-settings", e.bearer("admin"), nil, nil), http.StatusNotFound)
}

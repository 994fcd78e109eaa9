package web_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/esop-malang/esop"
)

// The authorization matrix of the routes of running SOPs (see
// TestAuthorizationMatrix): who may start, read, complete and cancel
// cases, see a unit's open work, change the calendar, record absences and
// set how an SOP is run.

const (
	subjCase    = "a case"     // {id} is a case of the in-force SOP of Bidang HI
	subjAbsence = "an absence" // {id} is an absence
)

// runMatrix prepares the subjects of the running routes on the matrix's
// server — the in-force SOP of Bidang HI set to run (its applicant
// external, its Kepala Dinas mapped), a case of it, an absence — and
// returns them, the values of the other path wildcards, and the table.
func runMatrix(t *testing.T, e *env, employeeNIP string) (map[string]string, map[string]string, map[string][]matrixCase) {
	t.Helper()
	ctx := esop.WithActor(context.Background(), "admin", "127.0.0.1")
	sop := e.sop(titleInForce).ID
	yes, kadis := true, "kadis"
	if err := e.db.SetSOPRunSettings(ctx, sop, &esop.RunSettings{Actors: map[string]esop.ActorSetting{
		"pemohon": {External: &yes}, "kadis": {Position: &kadis}}}); err != nil {
		t.Fatal(err)
	}
	c, err := e.db.StartCase(ctx, esop.NewCase{SOPID: sop, By: e.user("admin"), Applicant: esop.Applicant{Name: "PT Uji"}})
	if err != nil {
		t.Fatal(err)
	}
	a := &esop.Absence{NIP: employeeNIP, From: esop.MustDate("2026-12-01"), To: esop.MustDate("2026-12-02"), Kind: esop.AbsenceCuti}
	if err := e.db.CreateAbsence(ctx, a); err != nil {
		t.Fatal(err)
	}
	subjects := map[string]string{subjCase: fmt.Sprint(c.ID), subjAbsence: fmt.Sprint(a.ID)}
	wildcards := map[string]string{"{task}": "1", "{code}": esop.FormatTrackingCode(c.Code), "{year}": "2026", "{date}": "2026-08-17"}
	empty := func(string) any { return map[string]any{} }
	adminOnly := func(code int) expect { return row(st401, code, st403, st403, st403, st403, st403, st403) }
	signedIn := row(st401, st200, st200, st200, st200, st200, st200, st200)
	table := map[string][]matrixCase{
		// Staff of the SOP's unit or above (penyusun2, pengesah, pelaksana
		// of every unit) start cases; an administrator or auditor as such
		// does not.
		"POST /api/v1/cases": {{json: func(string) any { return map[string]any{"sop": sop} },
			want: row(st401, st403, st201, st403, st403, st201, st201, st403)}},
		"GET /api/v1/cases":      {{want: signedIn}, {query: "status=lost", want: row(st401, st422, st422, st422, st422, st422, st422, st422)}},
		"GET /api/v1/cases/{id}": {{subject: subjCase, want: row(st401, st200, st200, st403, st403, st200, st200, st200)}},
		// Only assignees complete; none of the matrix's accounts is one.
		"POST /api/v1/cases/{id}/tasks/{task}/complete": {{subject: subjCase, json: empty, want: row(st401, st403, st403, st403, st403, st403, st403, st403)}},
		// The unit's head or an administrator cancel (the administrator does, once).
		"POST /api/v1/cases/{id}/cancel": {{subject: subjCase, json: func(string) any { return map[string]string{"reason": "Uji matriks"} },
			want: row(st401, st200, st403, st403, st403, st403, st403, st403)}},
		"GET /api/v1/tasks": {{want: signedIn},
			{query: "unit=bidang-hi", want: row(st401, st200, st403, st403, st403, st403, st403, st200)}},
		"GET /api/v1/track/{code}":    {{want: allRoles(st200)}},
		"GET /api/v1/calendar/{year}": {{want: allRoles(st200)}},
		"GET /api/v1/calendar/due": {{query: "from=2026-11-20T09:00:00%2B07:00&value=1&unit=day", want: allRoles(st200)},
			{want: allRoles(st422)}},
		"POST /api/v1/calendar":                {{json: empty, want: adminOnly(st422)}},
		"PUT /api/v1/calendar/dates/{date}":    {{want: adminOnly(st422)}},
		"DELETE /api/v1/calendar/dates/{date}": {{want: adminOnly(st204)}},
		"GET /api/v1/calendar/settings":        {{want: allRoles(st200)}},
		"PUT /api/v1/calendar/settings":        {{want: adminOnly(st422)}},
		// Absences: administrators, or heads of the employee's unit (none here).
		"POST /api/v1/absences": {{json: func(string) any {
			return map[string]string{"nip": employeeNIP, "from": "2026-12-07", "to": "2026-12-08", "kind": "dinas_luar"}
		}, want: adminOnly(st201)}},
		"GET /api/v1/absences":         {{want: adminOnly(st200)}},
		"DELETE /api/v1/absences/{id}": {{subject: subjAbsence, want: adminOnly(st204)}},
		// Run settings: read by those who read the unit's cases (a draft's
		// only by those who read its drafts); set by administrators, the
		// unit's authors and its head.
		// The screens (cases_pages.go) follow the same rules as the API.
		"GET /sops/{id}/start": {{subject: subjInForce, want: row(st303, st403, st200, st403, st403, st200, st200, st403)},
			{subject: subjDraft, want: row(st303, st404, st404, st404, st404, st404, st404, st404)}},
		"POST /sops/{id}/start": {{subject: subjInForce, form: url.Values{"name": {"PT Uji Matriks"}}, want: row(st401, st403, st303, st403, st403, st303, st303, st403)}},
		// Run settings as a page: read and written by the same rules as the API.
		"GET /sops/{id}/run": {{subject: subjInForce, want: row(st303, st200, st200, st403, st403, st200, st200, st200)},
			{subject: subjDraft, want: row(st303, st200, st200, st404, st404, st200, st404, st200)}},
		"POST /sops/{id}/run":           {{subject: subjDraft, form: url.Values{"count": {"working"}}, want: row(st401, st303, st303, st404, st404, st403, st404, st403)}},
		"GET /cases/{id}":               {{subject: subjCase, want: row(st303, st200, st200, st403, st403, st200, st200, st200)}},
		"POST /cases/{id}/tasks/{task}": {{subject: subjCase, form: url.Values{"note": {"x"}}, want: row(st401, st403, st403, st403, st403, st403, st403, st403)}},
		// Without a reason nothing changes (422): the API's cancel, later in the walk, cancels it.
		"POST /cases/{id}/cancel": {{subject: subjCase, form: url.Values{"reason": {""}}, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"GET /tasks": {{want: row(st303, st200, st200, st200, st200, st200, st200, st200)},
			{query: "unit=bidang-hi", want: row(st303, st200, st403, st403, st403, st403, st403, st200)}},
		"GET /lacak":        {{want: allRoles(st200)}, {query: "code=" + url.QueryEscape(esop.FormatTrackingCode(c.Code)), want: allRoles(st303)}, {query: "code=xyz", want: allRoles(st404)}},
		"GET /lacak/{code}": {{want: allRoles(st200)}},
		"GET /api/v1/sops/{id}/run-settings": {
			{subject: subjInForce, want: row(st401, st200, st200, st403, st403, st200, st200, st200)},
			{subject: subjDraft, want: row(st401, st200, st200, st404, st404, st200, st404, st200)},
		},
		"PUT /api/v1/sops/{id}/run-settings": {{subject: subjDraft, want: row(st401, st200, st200, st404, st404, st403, st404, st403)}},
	}
	return subjects, wildcards, table
}

package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// The authorization matrix of the analyses (see TestAuthorizationMatrix):
// a unit's workload and overlaps for administrators and auditors (and its
// head, none of the matrix's accounts: TestWorkloadAPI and
// TestOverlapAPI cover heads); volumes entered by administrators (and
// heads); the WKE read by everyone signed in and set by administrators;
// findings dismissed by administrators (and heads above every step). It
// returns the value of the {finding} wildcard and the table.
func analysisMatrix(t *testing.T, e *env) (map[string]string, map[string][]matrixCase) {
	t.Helper()
	var overlap struct{ Findings []struct{ ID string } }
	mustStatus(t, e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/analysis/overlap", e.bearer("admin"), nil, &overlap), http.StatusOK)
	if len(overlap.Findings) == 0 {
		t.Fatal("the sample book has no overlap finding to test with")
	}
	overall := row(st401, st200, st403, st403, st403, st403, st403, st200)
	pages := row(st303, st200, st403, st403, st403, st403, st403, st200)
	volume := func(string) any { return map[string]any{"year": 2026, "volume": 12} }
	record := func(string) any {
		return map[string]any{"type": "training", "title": "Pelatihan Uji", "kind": "teknis", "date": "2025-01-01"}
	}
	keepers := row(st401, st404, st403, st403, st403, st403, st403, st403) // a record that is not there
	return map[string]string{"{finding}": overlap.Findings[0].ID, "{nip}": "198802152011012006"}, map[string][]matrixCase{
		// The Pengantar Kerja's competence records: kept by administrators
		// (and the head of Bidang Penta: TestCompetenceRecordsAPI), read by
		// auditors too.
		"GET /api/v1/employees/{nip}/competences":   {{want: overall}},
		"GET /analysis/competence/employees/{nip}":  {{want: pages}},
		"POST /analysis/competence/employees/{nip}": {{form: url.Values{"title": {""}}, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"POST /analysis/competence/employees/{nip}/records/{id}/delete": {{subject: subjNoSynonym, form: url.Values{},
			want: row(st401, st404, st403, st403, st403, st403, st403, st403)}},
		// The screens: the menu, competence and overlap with their workbooks.
		"GET /analysis":                 {{want: pages}},
		"GET /analysis/competence":      {{want: pages}, {query: "unit=bidang-penta", want: pages}},
		"GET /analysis/competence.xlsx": {{want: pages}, {query: "unit=bidang-penta", want: pages}},
		"GET /analysis/overlap":         {{want: pages}, {query: "unit=bidang-hi&matrix=all", want: pages}},
		"GET /analysis/overlap.xlsx":    {{want: pages}},
		// Without a reason: 422 for who may dismiss; nothing to restore: 404.
		"POST /analysis/overlap/{finding}/dismiss": {{form: url.Values{"reason": {""}}, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"POST /analysis/overlap/{finding}/restore": {{form: url.Values{}, want: row(st401, st404, st403, st403, st403, st403, st403, st403)}},
		"GET /api/v1/analysis/competence/settings": {{want: row(st401, st200, st200, st200, st200, st200, st200, st200)}},
		"PUT /api/v1/analysis/competence/settings": {{json: func(string) any { return map[string]any{"expiryWindowDays": -1} },
			want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"POST /api/v1/employees/{nip}/competences": {{json: func(string) any { return map[string]any{"title": ""} },
			want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"PUT /api/v1/employees/{nip}/competences/{id}":    {{subject: subjNoSynonym, json: record, want: keepers}},
		"DELETE /api/v1/employees/{nip}/competences/{id}": {{subject: subjNoSynonym, want: keepers}},
		"GET /analysis/workload": {
			{want: row(st303, st200, st403, st403, st403, st403, st403, st200)},
			{query: "unit=bidang-hi&year=1999", want: row(st303, st422, st403, st403, st403, st403, st403, st422)},
		},
		"GET /analysis/workload.xlsx": {{want: pages}, {query: "unit=bidang-hi&year=2026", want: pages}},
		// The page's volume form, empty: 422 for who may enter it.
		"POST /analysis/workload/sops/{id}/volume": {
			{subject: subjInForce, form: url.Values{"year": {"2026"}, "volume": {""}}, want: row(st401, st422, st403, st403, st403, st403, st403, st403)},
			{subject: subjDraft, form: url.Values{"year": {"2026"}, "volume": {""}}, want: row(st401, st422, st403, st404, st404, st403, st404, st403)},
		},
		"GET /api/v1/analysis/workload": {
			{want: overall},
			{query: "unit=bidang-hi&year=2026", want: overall},
			{query: "unit=bidang-hi&year=1999", want: row(st401, st422, st403, st403, st403, st403, st403, st422)},
		},
		"PUT /api/v1/sops/{id}/volume": {
			{subject: subjInForce, json: volume, want: row(st401, st200, st403, st403, st403, st403, st403, st403)},
			// A draft: those who may not read it learn nothing of it.
			{subject: subjDraft, json: volume, want: row(st401, st200, st403, st404, st404, st403, st404, st403)},
		},
		"GET /api/v1/analysis/settings": {{want: row(st401, st200, st200, st200, st200, st200, st200, st200)}},
		"GET /api/v1/stats/settings":    {{want: row(st401, st200, st200, st200, st200, st200, st200, st200)}},
		"PUT /api/v1/stats/settings": {{json: func(string) any { return map[string]any{"monevTarget": 0} },
			want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"PUT /api/v1/analysis/settings": {{json: func(string) any { return map[string]any{"wke": 0} },
			want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"GET /api/v1/analysis/competence": {
			{want: overall},
			{query: "unit=bidang-penta", want: overall},
			{query: "unit=tidak-ada", want: row(st401, st404, st403, st403, st403, st403, st403, st404)},
		},
		"GET /api/v1/analysis/process-matrix": {
			{want: overall},
			{query: "unit=bidang-hi&all=true", want: overall},
			{query: "all=ya", want: row(st401, st422, st403, st403, st403, st403, st403, st422)},
		},
		"GET /api/v1/analysis/overlap": {
			{want: overall},
			{query: "unit=bidang-penta", want: overall},
		},
		// Without a reason: 422 for who may dismiss; nothing to restore: 404.
		"POST /api/v1/analysis/overlap/{finding}/dismissal": {{json: func(string) any { return map[string]any{"reason": ""} },
			want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"DELETE /api/v1/analysis/overlap/{finding}/dismissal": {{want: row(st401, st404, st403, st403, st403, st403, st403, st403)}},
	}
}

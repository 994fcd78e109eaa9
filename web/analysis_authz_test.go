package web_test

// The authorization matrix of the analyses (see TestAuthorizationMatrix):
// a unit's workload for administrators and auditors (and its head, none
// of the matrix's accounts: TestWorkloadAPI covers heads); volumes
// entered by administrators (and heads); the WKE read by everyone signed
// in and set by administrators.
func analysisMatrix() map[string][]matrixCase {
	overall := row(st401, st200, st403, st403, st403, st403, st403, st200)
	volume := func(string) any { return map[string]any{"year": 2026, "volume": 12} }
	return map[string][]matrixCase{
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
		"PUT /api/v1/analysis/settings": {{json: func(string) any { return map[string]any{"wke": 0} },
			want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
	}
}

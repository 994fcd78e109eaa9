package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// subjStandard is the sample standard of Pendaftaran PKB (Bidang HI).
const subjStandard = "a service standard"

// standardMatrix is the authorization matrix of the service standards
// (see TestAuthorizationMatrix): read by everyone while the SOP is
// published; registered and edited by the authors, reviewers and
// approvers of the SOP's unit (and its head) and administrators; checked
// by anyone signed in. It returns the subjects and the table.
func standardMatrix(t *testing.T, e *env) (map[string]string, map[string][]matrixCase) {
	t.Helper()
	pkb := e.sop(titleInForce2)
	std, err := e.db.FindServiceStandardBySOP(context.Background(), pkb.ID)
	if err != nil {
		t.Fatalf("the sample PKB has no standard: %v", err)
	}
	again := func(string) any { return map[string]any{"sop": pkb.ID, "name": "Lagi"} } // incomplete: 422 for who may, else refused
	return map[string]string{subjStandard: fmt.Sprint(std.ID)}, map[string][]matrixCase{
		"POST /api/v1/service-standards": {
			{json: func(string) any { return map[string]any{} }, want: row(st401, st422, st422, st422, st422, st422, st403, st403)},
			{json: again, want: row(st401, st422, st422, st403, st403, st422, st403, st403)},
		},
		"GET /api/v1/service-standards":            {{want: allRoles(st200)}},
		"GET /api/v1/service-standards/{id}":       {{subject: subjStandard, want: allRoles(st200)}},
		"PUT /api/v1/service-standards/{id}":       {{subject: subjStandard, want: row(st401, st422, st422, st403, st403, st422, st403, st403)}}, // no revision: 422
		"GET /api/v1/service-standards/{id}/check": {{subject: subjStandard, want: row(st401, st200, st200, st200, st200, st200, st200, st200)}},

		// The screens: the register for everyone signed in, the form for
		// who may register (an empty form: 422), the public page for all.
		"GET /standar-pelayanan":       {{want: row(st303, st200, st200, st200, st200, st200, st200, st200)}},
		"GET /standar-pelayanan/new":   {{want: row(st303, st200, st200, st200, st200, st200, st403, st403)}},
		"POST /standar-pelayanan/new":  {{want: row(st401, st422, st422, st422, st422, st422, st403, st403)}},
		"GET /standar-pelayanan/{id}":  {{subject: subjStandard, want: row(st303, st200, st200, st200, st200, st200, st200, st200)}},
		"POST /standar-pelayanan/{id}": {{subject: subjStandard, want: row(st401, st422, st422, st403, st403, st422, st403, st403)}},
		"GET /layanan/{id}":            {{subject: subjStandard, want: allRoles(st200)}},
	}
}

type standardAnswer struct {
	ID        int64                  `json:"id"`
	SOP       int64                  `json:"sop"`
	Name      string                 `json:"name"`
	Revision  int                    `json:"revision"`
	Published bool                   `json:"published"`
	Unit      string                 `json:"unit"`
	Comp      esop.ServiceComponents `json:"components"`
}

type checkAnswer struct {
	OK       bool `json:"ok"`
	Findings []struct {
		Component, ComponentName, Message, Step, Expected, Found string
		SOP                                                      int64
	} `json:"findings"`
	Notes []struct{ Component, Message string } `json:"notes"`
}

func validStandard(sop int64) map[string]any {
	return map[string]any{"sop": sop, "name": "Perizinan LPK", "components": map[string]any{
		"requirements": []string{"Nomor Induk Berusaha", "Akta pendirian"}, "procedure": "Sesuai SOP",
		"duration": map[string]any{"value": 14, "unit": "day"}, "cost": "Gratis", "product": "Keputusan izin LPK",
		"complaints": "Loket", "legalBasis": []string{"Peraturan Pemerintah Nomor 31 Tahun 2006"}, "facilities": []string{"Kendaraan dinas"},
		"competence": []string{"Memahami LPK"}, "supervision": "Kepala Bidang", "staffing": 1, "guarantee": "Sesuai standar",
		"safety": "Arsip", "evaluation": "Tahunan"}}
}

// TestServiceStandardAPI: registering, reading, editing and checking a
// standard over the API; a draft SOP, a bad unit and empty components are
// refused with their fields, and nothing is saved.
func TestServiceStandardAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c, admin := e.newClient(), e.bearer("admin")
	var list struct{ Standards []standardAnswer }
	res := e.apiJSON(c, http.MethodGet, "/api/v1/service-standards", "", nil, &list)
	mustStatus(t, res, http.StatusOK)
	if len(list.Standards) != 3 || !list.Standards[0].Published {
		t.Fatalf("sample standards: %+v", list.Standards)
	}
	if strings.Contains(res.body, "createdBy") || strings.Contains(res.body, "sampledata") {
		t.Error("the public learns who wrote the standards")
	}

	// Bad input: 422 with the field, nothing written.
	lpk := e.sopID("560/064/35.73.405/2026")
	draft := e.sop(titleDraftHI).ID
	bad := validStandard(lpk)
	bad["components"].(map[string]any)["duration"] = map[string]any{"value": 3, "unit": "hari"}
	bad["components"].(map[string]any)["cost"] = ""
	bad["components"].(map[string]any)["requirements"] = []string{}
	for _, tc := range []struct {
		name  string
		body  any
		paths []string
	}{
		{"draft SOP", validStandard(draft), []string{"sop"}},
		{"unknown SOP", validStandard(99999), []string{"sop"}},
		{"bad unit, empty components", bad, []string{"components.cost", "components.duration.unit", "components.requirements"}},
		{"a staff count that is not whole", map[string]any{"sop": lpk, "components": map[string]any{"staffing": 1.5}}, []string{"components.staffing"}},
		{"an unknown key", map[string]any{"sop": lpk, "komponen": 1}, []string{"komponen"}},
	} {
		var ae apiError
		res := e.apiJSON(c, http.MethodPost, "/api/v1/service-standards", admin, tc.body, &ae)
		var paths []string
		for _, p := range ae.Errors {
			paths = append(paths, p.Path)
			if p.Message == "" {
				t.Errorf("%s: no message at %s", tc.name, p.Path)
			}
		}
		slices.Sort(paths)
		if res.StatusCode != http.StatusUnprocessableEntity || !slices.Equal(paths, tc.paths) {
			t.Errorf("%s: %d %v, want 422 %v (%s)", tc.name, res.StatusCode, paths, tc.paths, res.body)
		}
	}
	var ae apiError
	e.apiJSON(c, http.MethodPost, "/api/v1/service-standards", admin, validStandard(draft), &ae, "Accept-Language", "en")
	if !strings.Contains(ae.Errors[0].Message, "draft") {
		t.Errorf("English message for a draft: %+v", ae)
	}
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/service-standards", "", nil, &list), http.StatusOK)
	if len(list.Standards) != 3 {
		t.Fatalf("something was saved: %+v", list.Standards)
	}

	// Registered by the administrator; read by anyone; edited from its revision.
	var created struct{ ID int64 }
	res = e.apiJSON(c, http.MethodPost, "/api/v1/service-standards", admin, validStandard(lpk), &created)
	mustStatus(t, res, http.StatusCreated)
	if res.Header.Get("Location") != fmt.Sprintf("/api/v1/service-standards/%d", created.ID) {
		t.Errorf("location %q", res.Header.Get("Location"))
	}
	var got standardAnswer
	mustStatus(t, e.apiJSON(c, http.MethodGet, fmt.Sprintf("/api/v1/service-standards/%d", created.ID), "", nil, &got), http.StatusOK)
	if got.SOP != lpk || got.Revision != 1 || got.Comp.Duration != (esop.ServiceDuration{Value: 14, Unit: "day"}) || got.Unit != "Bidang Pelatihan dan Produktivitas" {
		t.Errorf("read %+v", got)
	}
	edit := validStandard(lpk)
	edit["revision"] = 1
	edit["components"].(map[string]any)["duration"] = map[string]any{"value": 30, "unit": "day"}
	path := fmt.Sprintf("/api/v1/service-standards/%d", created.ID)
	mustStatus(t, e.apiJSON(c, http.MethodPut, path, e.bearer("penyusun2"), edit, nil), http.StatusForbidden) // another unit's author
	mustStatus(t, e.apiJSON(c, http.MethodPut, path, admin, edit, &got), http.StatusOK)
	if got.Revision != 2 || got.Comp.Duration.Value != 30 {
		t.Errorf("edited %+v", got)
	}
	mustStatus(t, e.apiJSON(c, http.MethodPut, path, admin, edit, nil), http.StatusConflict) // revision 1 is stale

	// The check: each finding with its component, what the standard says
	// and what the SOP has; after the edit to 30 days and the SOP's own
	// requirements, none.
	var chk checkAnswer
	ak1, err := e.db.FindServiceStandardBySOP(context.Background(), e.sopID("800/012/35.73.405/2024"))
	if err != nil {
		t.Fatal(err)
	}
	mustStatus(t, e.apiJSON(c, http.MethodGet, fmt.Sprintf("/api/v1/service-standards/%d/check", ak1.ID), admin, nil, &chk), http.StatusOK)
	if chk.OK || len(chk.Findings) != 1 || chk.Findings[0].Component != "duration" || chk.Findings[0].Expected != "15 menit" ||
		chk.Findings[0].Found != "20 menit" || chk.Findings[0].Message != "jumlah waktu SOP (20 menit) melebihi jangka waktu standar pelayanan (15 menit)" ||
		chk.Findings[0].ComponentName != "Jangka waktu pelayanan" {
		t.Errorf("AK/I check %+v", chk)
	}
	mustStatus(t, e.apiJSON(c, http.MethodGet, fmt.Sprintf("/api/v1/service-standards/%d/check", ak1.ID), e.bearer("pelaksana"), nil, &chk,
		"Accept-Language", "en"), http.StatusOK)
	if len(chk.Findings) != 1 || chk.Findings[0].Message != "the SOP's total time (20 minutes) exceeds the service time of the standard (15 minutes)" {
		t.Errorf("in English %+v", chk.Findings)
	}
	edit["components"].(map[string]any)["requirements"] = []string{"Surat keterangan domisili"}
	edit["components"].(map[string]any)["duration"] = map[string]any{"value": 10, "unit": "day"}
	edit["components"].(map[string]any)["staffing"] = 50
	edit["revision"] = 2
	mustStatus(t, e.apiJSON(c, http.MethodPut, path, admin, edit, &got), http.StatusOK)
	mustStatus(t, e.apiJSON(c, http.MethodGet, path+"/check", admin, nil, &chk), http.StatusOK)
	var comps []string
	for _, f := range chk.Findings {
		comps = append(comps, f.Component)
		if f.SOP != lpk || f.Expected == "" || f.Message == "" {
			t.Errorf("finding %+v", f)
		}
	}
	if chk.OK || !slices.Equal(comps, []string{"requirements", "duration", "staffing"}) {
		t.Errorf("LPK check: %+v", chk)
	}
	if i := slices.IndexFunc(chk.Findings, func(f struct {
		Component, ComponentName, Message, Step, Expected, Found string
		SOP                                                      int64
	}) bool {
		return f.Component == "staffing"
	}); i < 0 || chk.Findings[i].Expected != "50" || !strings.Contains(chk.Findings[i].Message, "standar menyebut 50 pelaksana") {
		t.Errorf("staffing finding: %+v", chk.Findings)
	}
	if !slices.ContainsFunc(chk.Notes, func(n struct{ Component, Message string }) bool { return n.Component == "staffing" }) {
		t.Errorf("no note of the missing volume: %+v", chk.Notes)
	}
}

package web_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// workloadBody is the answer of GET /api/v1/analysis/workload.
type workloadBody struct {
	Unit, Rounding, WKEBasis string
	Year                     int
	WKE                      float64
	ReferenceDate            string
	Positions                []struct {
		Position, Name, Unit string
		Tasks                []struct {
			SOP                   int64
			Step, VolumeSource    string
			Row                   int
			EffortMinutes, Volume float64
			Load                  float64
			Estimate, NoNorm      bool
			VolumeEntered         *float64
			VolumeMeasured        int
		}
		Load, Need  float64
		NeedRounded int
		Existing    int
		EJ          *float64
		Grade       string
		Overloaded  bool
	}
}

func (b workloadBody) position(t *testing.T, key string) int {
	t.Helper()
	for i, p := range b.Positions {
		if p.Position == key {
			return i
		}
	}
	t.Fatalf("no position %q in %d", key, len(b.Positions))
	return -1
}

// TestWorkloadAPI: the head of Bidang HI reads the workload of the
// unit's positions; the volumes measured from the year's cases, then
// entered by the head, give each task its load; the WKE set by the
// administrator changes kebutuhan and EJ; others are refused; bad input
// is 422 with its field and nothing is written.
func TestWorkloadAPI(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	ctx := esop.WithActor(context.Background(), "admin", "127.0.0.1")
	for range 2 {
		if _, err := e.db.StartCase(ctx, esop.NewCase{SOPID: e.sopID, By: e.user("kabidhi"), Applicant: esop.Applicant{Name: "PT Uji"}}); err != nil {
			t.Fatal(err)
		}
	}
	c, kabid := e.newClient(), e.bearer("kabidhi")
	get := func(token, query string, want int) workloadBody {
		t.Helper()
		var b workloadBody
		mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/workload"+query, token, nil, &b), want)
		return b
	}
	b := get(kabid, "?unit=bidang-hi&year=2026", http.StatusOK)
	if b.WKE != 75000 || !strings.Contains(b.WKEBasis, "PermenPANRB No. 1 Tahun 2020") || b.Year != 2026 || b.Unit != "bidang-hi" ||
		!strings.Contains(b.Rounding, "0,5 atau lebih ke atas") || b.ReferenceDate != "2026-11-20" {
		t.Errorf("head: %+v", b)
	}
	for _, p := range b.Positions {
		if !strings.Contains(p.Unit, "Hubungan Industrial") && !strings.HasPrefix(p.Unit, "Seksi") {
			t.Errorf("position %s of unit %q is outside Bidang HI", p.Position, p.Unit)
		}
	}
	// Mediator HI performs b2, b4, b7 and b8 of the PKB SOP (30 + 60 + 30
	// + 30 minutes, from their times: estimates), measured twice this year.
	m := b.Positions[b.position(t, "mediator-hi")]
	var pkb float64
	for _, tk := range m.Tasks {
		if tk.SOP == e.sopID {
			if !tk.Estimate || tk.VolumeSource != esop.VolumeMeasured || tk.VolumeMeasured != 2 || tk.VolumeEntered != nil || tk.Load != 2*tk.EffortMinutes {
				t.Errorf("PKB task %+v", tk)
			}
			pkb += tk.EffortMinutes
		}
	}
	if pkb != 150 || m.Existing != 1 {
		t.Fatalf("PKB norm of the mediator %v, existing %d", pkb, m.Existing)
	}

	// The head enters this year's volume: 1,000 cases.
	vol := fmt.Sprintf("/api/v1/sops/%d/volume", e.sopID)
	var put struct {
		SOP, Measured int64
		Year          int
		Volume        float64
	}
	mustStatus(t, e.apiJSON(c, http.MethodPut, vol, kabid, map[string]any{"year": 2026, "volume": 1000}, &put), http.StatusOK)
	if put.SOP != e.sopID || put.Volume != 1000 || put.Measured != 2 || put.Year != 2026 {
		t.Errorf("put: %+v", put)
	}
	b = get(kabid, "?unit=bidang-hi&year=2026", http.StatusOK)
	m = b.Positions[b.position(t, "mediator-hi")]
	for _, tk := range m.Tasks {
		if tk.SOP == e.sopID && (tk.Volume != 1000 || tk.VolumeSource != esop.VolumeEntered || tk.VolumeMeasured != 2) {
			t.Errorf("after entering: %+v", tk)
		}
	}
	// 150,000 minutes a year from PKB (the mediation SOP has no volume):
	// kebutuhan 2.0, with one in post EJ 2.0, A, beban berlebih.
	if m.Load != 150000 || m.Need != 2 || m.NeedRounded != 2 || m.EJ == nil || *m.EJ != 2 || m.Grade != "A" || !m.Overloaded {
		t.Errorf("mediator: load %v need %v (%d) EJ %v %s %v", m.Load, m.Need, m.NeedRounded, m.EJ, m.Grade, m.Overloaded)
	}
	// The Kepala Dinas heads the Dinas above; an auditor and the administrator read every unit.
	get(e.bearer("kadis"), "?unit=bidang-hi", http.StatusOK)
	get(e.bearer("auditor"), "?unit=bidang-hi", http.StatusOK)
	if all := get(e.bearer("admin"), "", http.StatusOK); len(all.Positions) <= len(b.Positions) {
		t.Errorf("the whole office has %d positions, Bidang HI %d", len(all.Positions), len(b.Positions))
	}
	// Refused: another unit, the whole office, a non-head, an unknown unit.
	get(kabid, "?unit=bidang-penta", http.StatusForbidden)
	get(kabid, "", http.StatusForbidden)
	get(e.bearer("mediator"), "?unit=bidang-hi", http.StatusForbidden)
	get(kabid, "?unit=tidak-ada", http.StatusForbidden)
	get(e.bearer("admin"), "?unit=tidak-ada", http.StatusNotFound)
	ak := fmt.Sprintf("/api/v1/sops/%d/volume", e.sop(akSample).ID)
	mustStatus(t, e.apiJSON(c, http.MethodPut, ak, kabid, map[string]any{"year": 2026, "volume": 5}, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(c, http.MethodPut, vol, e.bearer("mediator"), map[string]any{"year": 2026, "volume": 5}, nil), http.StatusForbidden)

	// Bad input: 422 with the field, in Indonesian; nothing written.
	for _, tc := range []struct {
		body any
		path string
		id   string
	}{
		{map[string]any{"year": 2026, "volume": -5}, "volume", "tidak boleh negatif"},
		{map[string]any{"year": 2026, "volume": "banyak"}, "volume", "jenis nilainya salah"},
		{map[string]any{"year": 2026, "volume": 2.5}, "volume", "bilangan bulat"},
		{map[string]any{"year": 1990, "volume": 5}, "year", "di luar jangkauan"},
		{map[string]any{"year": 2026}, "volume", "wajib diisi"},
		{map[string]any{"volume": 5}, "year", "wajib diisi"},
		{map[string]any{"year": 2026, "volume": 5, "unit": "x"}, "unit", "tidak dikenal"},
	} {
		var ae apiError
		mustStatus(t, e.apiJSON(c, http.MethodPut, vol, kabid, tc.body, &ae), http.StatusUnprocessableEntity)
		if len(ae.Errors) != 1 || ae.Errors[0].Path != tc.path || !strings.Contains(ae.Errors[0].Message, tc.id) {
			t.Errorf("%v: %+v", tc.body, ae)
		}
	}
	for _, q := range []string{"?unit=bidang-hi&year=abc", "?unit=bidang-hi&year=1999", "?unit=bidang-hi&year=2030"} {
		var ae apiError
		mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/workload"+q, kabid, nil, &ae), http.StatusUnprocessableEntity)
		if len(ae.Errors) != 1 || ae.Errors[0].Path != "year" {
			t.Errorf("%s: %+v", q, ae)
		}
	}
	if vols, _ := e.db.SOPVolumes(ctx, 2026); vols[e.sopID].Entered == nil || *vols[e.sopID].Entered != 1000 {
		t.Errorf("a refused volume was written: %+v", vols[e.sopID])
	}

	// The administrator sets the WKE with its basis; kebutuhan and EJ follow.
	admin := e.bearer("admin")
	var ae apiError
	mustStatus(t, e.apiJSON(c, http.MethodPut, "/api/v1/analysis/settings", admin, map[string]any{"wke": 10, "basis": ""}, &ae), http.StatusUnprocessableEntity)
	if len(ae.Errors) != 2 || ae.Errors[0].Path != "wke" || ae.Errors[1].Path != "basis" {
		t.Errorf("bad settings: %+v", ae)
	}
	mustStatus(t, e.apiJSON(c, http.MethodPut, "/api/v1/analysis/settings", kabid, map[string]any{"wke": 78000, "basis": "x"}, nil), http.StatusForbidden)
	basis := "Perka BKN No. 19 Tahun 2011: 1.200 jam"
	mustStatus(t, e.apiJSON(c, http.MethodPut, "/api/v1/analysis/settings", admin, map[string]any{"wke": 72000, "basis": basis}, nil), http.StatusOK)
	b = get(kabid, "?unit=bidang-hi&year=2026", http.StatusOK)
	m = b.Positions[b.position(t, "mediator-hi")]
	if b.WKE != 72000 || b.WKEBasis != basis || math.Abs(m.Need-150000.0/72000) > 1e-12 || *m.EJ != m.Need {
		t.Errorf("with WKE 72,000: %v %q need %v EJ %v", b.WKE, b.WKEBasis, m.Need, *m.EJ)
	}
	var s struct {
		WKE   float64
		Basis string
	}
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/settings", e.bearer("mediator"), nil, &s), http.StatusOK)
	if s.WKE != 72000 || s.Basis != basis {
		t.Errorf("settings read back: %+v", s)
	}
	// Both changes are in the audit trail.
	if _, n, _ := e.db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySOPVolume}); n != 1 {
		t.Errorf("%d volume entries in the audit trail", n)
	}
	if _, n, _ := e.db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySetting, EntityID: "analysis.workload"}); n != 1 {
		t.Errorf("%d WKE entries in the audit trail", n)
	}
}

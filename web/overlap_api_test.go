package web_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// overlapBody is the answer of GET /api/v1/analysis/overlap.
type overlapBody struct {
	Unit     string
	Findings []overlapFinding
}

type overlapFinding struct {
	ID, Kind, Key, Reason, DismissedBy string
	Dismissed                          bool
	Steps                              []struct {
		SOP                                    int64
		Step, Unit, Position, Activity, Output string
	}
}

// TestOverlapAPI: the office's findings over the sample book (the same
// checking of berkas by the loket, a staff member and the
// pengadministrasi kepegawaian); a unit's head sees those touching the
// unit and dismisses, with a reason, one whose steps are all below it,
// not one reaching other units; the dismissal is kept, audited, refused
// twice and restored; bad input is 422 with its field.
func TestOverlapAPI(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	c := e.newClient()
	get := func(token, query string, want int) overlapBody {
		t.Helper()
		var b overlapBody
		mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/overlap"+query, token, nil, &b), want)
		return b
	}
	all := get(e.bearer("admin"), "", http.StatusOK)
	i := slices.IndexFunc(all.Findings, func(f overlapFinding) bool {
		return f.Kind == esop.OverlapAction && f.Key == "periksa lengkap berkas"
	})
	if i < 0 {
		t.Fatalf("no finding of the same checking of berkas in %d findings", len(all.Findings))
	}
	check := all.Findings[i]
	positions := map[string]bool{}
	for _, s := range check.Steps {
		positions[s.Position] = true
		if !strings.HasPrefix(s.Activity, "Memeriksa kelengkapan berkas") || s.Unit == "" {
			t.Errorf("step %+v", s)
		}
	}
	if !positions["petugas-loket"] || !positions["pengadministrasi-kepegawaian"] || len(check.ID) != 16 || check.Dismissed {
		t.Errorf("finding %+v", check)
	}
	// The head of Bidang HI: only the findings with a step in it or below.
	kabid := e.bearer("kabidhi")
	hi := get(kabid, "?unit=bidang-hi", http.StatusOK)
	if hi.Unit != "bidang-hi" || len(hi.Findings) == 0 || len(hi.Findings) >= len(all.Findings) {
		t.Fatalf("%d findings for Bidang HI of %d", len(hi.Findings), len(all.Findings))
	}
	inHI := func(unit string) bool {
		return strings.Contains(unit, "Hubungan Industrial") || strings.Contains(unit, "Persyaratan Kerja") ||
			strings.Contains(unit, "Perselisihan") || strings.Contains(unit, "Kelembagaan dan Jaminan Sosial")
	}
	var own, wide string
	for _, f := range hi.Findings {
		n := 0
		for _, s := range f.Steps {
			if inHI(s.Unit) {
				n++
			}
		}
		switch {
		case n == 0:
			t.Errorf("finding %s has no step in Bidang HI: %+v", f.ID, f.Steps)
		case n == len(f.Steps) && own == "":
			own = f.ID
		case n < len(f.Steps) && wide == "":
			wide = f.ID
		}
	}
	if own == "" || wide == "" {
		t.Fatalf("want a finding inside Bidang HI and one reaching beyond it: %+v", hi.Findings)
	}
	get(kabid, "", http.StatusForbidden)
	get(kabid, "?unit=bidang-penta", http.StatusForbidden)
	get(e.bearer("mediator"), "?unit=bidang-hi", http.StatusForbidden)

	path := func(id string) string { return "/api/v1/analysis/overlap/" + id + "/dismissal" }
	reason := map[string]any{"reason": "Tahap yang berbeda dalam alur yang berbeda"}
	// Not the head of every step's unit; not a head at all; no such finding.
	mustStatus(t, e.apiJSON(c, http.MethodPost, path(wide), kabid, reason, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(c, http.MethodPost, path(own), e.bearer("mediator"), reason, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(c, http.MethodPost, path("0000000000000000"), kabid, reason, nil), http.StatusNotFound)
	for _, tc := range []struct {
		body any
		path string
	}{{map[string]any{"reason": "  "}, "reason"}, {map[string]any{"reason": strings.Repeat("x", 1001)}, "reason"},
		{map[string]any{"reason": 5}, "reason"}, {map[string]any{"reason": "x", "why": "y"}, "why"}} {
		var ae apiError
		mustStatus(t, e.apiJSON(c, http.MethodPost, path(own), kabid, tc.body, &ae), http.StatusUnprocessableEntity)
		if len(ae.Errors) != 1 || ae.Errors[0].Path != tc.path || ae.Errors[0].Message == "" {
			t.Errorf("%v: %+v", tc.body, ae)
		}
	}
	mustStatus(t, e.apiJSON(c, http.MethodPost, path(own), kabid, reason, nil), http.StatusCreated)
	mustStatus(t, e.apiJSON(c, http.MethodPost, path(own), kabid, reason, nil), http.StatusConflict)
	hi = get(kabid, "?unit=bidang-hi", http.StatusOK)
	for _, f := range hi.Findings {
		if f.Dismissed != (f.ID == own) {
			t.Errorf("finding %s dismissed %v", f.ID, f.Dismissed)
		}
		if f.ID == own && (f.Reason != reason["reason"] || f.DismissedBy != "kabidhi") {
			t.Errorf("dismissed finding %+v", f)
		}
	}
	// The Kepala Dinas (head above every unit) restores it; the trail has both.
	mustStatus(t, e.apiJSON(c, http.MethodDelete, path(own), e.bearer("kadis"), nil, nil), http.StatusNoContent)
	mustStatus(t, e.apiJSON(c, http.MethodDelete, path(own), e.bearer("kadis"), nil, nil), http.StatusNotFound)
	list, n, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Entity: esop.EntityFinding, EntityID: own, Oldest: true})
	if err != nil || n != 2 || list[0].Actor != "kabidhi" || list[1].Actor != "kadis" || list[1].Action != esop.AuditDelete {
		t.Errorf("audit %v %d %+v", err, n, list)
	}
}

package web_test

import (
	"net/http"
	"slices"
	"testing"
)

// positionCompetence is a position of GET /api/v1/analysis/competence.
type positionCompetence struct {
	Position    string
	Existing    int
	Competences []struct {
		Text, Kind string
		Steps      int
		SOPs       []struct {
			SOP  int64
			Rows []int
		}
	}
}

// TestCompetenceAPI: the competences of Bidang Penta's positions come
// from the Kualifikasi Pelaksana of the SOPs their steps are in; the
// Pengantar Kerja needs the certificate line of the AK/I card SOP, which
// names it; a head of another unit is refused.
func TestCompetenceAPI(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	var b struct {
		Unit      string
		Positions []positionCompetence
		Demand    []struct {
			Text      string
			Positions []string
			Steps     int
		}
	}
	c := e.newClient()
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/competence?unit=bidang-penta", e.bearer("auditor"), nil, &b), http.StatusOK)
	i := slices.IndexFunc(b.Positions, func(p positionCompetence) bool {
		return p.Position == "pengantar-kerja"
	})
	if b.Unit != "bidang-penta" || i < 0 {
		t.Fatalf("answer %+v", b)
	}
	ak := e.sop(akSample).ID
	found := false
	for _, comp := range b.Positions[i].Competences {
		if comp.Text == "Pengantar Kerja bersertifikat untuk penandatanganan kartu" {
			found = comp.Kind == "teknis" && len(comp.SOPs) == 1 && comp.SOPs[0].SOP == ak && comp.Steps == len(comp.SOPs[0].Rows) && comp.Steps > 0
		}
	}
	if !found {
		t.Errorf("the Pengantar Kerja lacks the AK/I certificate: %+v", b.Positions[i].Competences)
	}
	if len(b.Demand) == 0 || b.Demand[0].Steps < b.Demand[len(b.Demand)-1].Steps {
		t.Errorf("demand not ordered by steps: %+v", b.Demand)
	}
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/competence?unit=bidang-penta", e.bearer("kabidhi"), nil, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/analysis/competence?unit=bidang-hi", e.bearer("kabidhi"), nil, nil), http.StatusOK)
}

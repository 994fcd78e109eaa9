package api

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// Overlap of duties over the API (issue 13): the findings over the SOPs
// in force, for the whole office or the steps of one unit, and their
// dismissal with a reason. Reading follows esop.PermAnalyse; dismissing
// needs esop.PermDismissFinding for the unit of every step the finding
// names (an administrator, or the head of a unit above them all).

// overlapInputs reads what the findings and the matrix are computed from:
// the SOPs in force, the positions of today, the units and the dismissals.
type overlapInputs struct {
	sops      []esop.AnalysisSOP
	positions map[string]esop.PositionInfo
	units     []*esop.Unit
	names     map[int64]string
	dismissed map[string]esop.Dismissal
}

func (s *API) readOverlapInputs(ctx context.Context) (*overlapInputs, error) {
	sops, err := s.store.AnalysisSOPs(ctx)
	if err != nil {
		return nil, err
	}
	infos, err := s.PositionInfos(ctx, nil, s.Today())
	if err != nil {
		return nil, err
	}
	in := &overlapInputs{sops: sops, positions: make(map[string]esop.PositionInfo, len(infos))}
	for _, p := range infos {
		in.positions[p.Key] = p
	}
	if in.units, err = s.AllUnits(ctx); err != nil {
		return nil, err
	}
	in.names = make(map[int64]string, len(in.units))
	for _, u := range in.units {
		in.names[u.ID] = u.Name
	}
	if in.dismissed, err = s.store.Dismissals(ctx); err != nil {
		return nil, err
	}
	return in, nil
}

// Overlaps computes every finding, the dismissals applied.
func (s *API) Overlaps(ctx context.Context) ([]esop.Finding, error) {
	in, err := s.readOverlapInputs(ctx)
	if err != nil {
		return nil, err
	}
	return esop.FindOverlaps(in.sops, in.positions, in.names, in.dismissed), nil
}

func (s *API) apiOverlap(w http.ResponseWriter, r *http.Request, rq *Request) error {
	unit, units, err := s.AnalysisScope(r.Context(), rq.User, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	fs, err := s.Overlaps(r.Context())
	if err != nil {
		return err
	}
	if units != nil {
		fs = slices.DeleteFunc(fs, func(f esop.Finding) bool {
			return !slices.ContainsFunc(f.Steps, func(st esop.FindingStep) bool { return units[st.UnitID] })
		})
	}
	body := map[string]any{"findings": fs}
	if unit != nil {
		body["unit"] = unit.Key
	}
	if fs == nil {
		body["findings"] = []esop.Finding{}
	}
	httpx.WriteJSON(w, http.StatusOK, body)
	return nil
}

var errNoFinding = esop.Errorf(esop.ENOTFOUND, "Temuan tidak ditemukan.", "Finding not found.")

// Finding returns the finding of the path's {id} that u may dismiss.
func (s *API) Finding(r *http.Request, u *esop.User) (*esop.Finding, error) {
	if ok, err := s.MaySomewhere(r.Context(), u, esop.PermDismissFinding); err != nil || !ok {
		return nil, httpx.FirstErr(err, httpx.ErrForbidden)
	}
	id := r.PathValue("finding")
	fs, err := s.Overlaps(r.Context())
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(fs, func(f esop.Finding) bool { return f.ID == id })
	if i < 0 {
		return nil, errNoFinding
	}
	f := &fs[i]
	for _, st := range f.Steps {
		ok, err := s.MayIn(r.Context(), u, esop.PermDismissFinding, st.UnitID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, esop.Errorf(esop.EFORBIDDEN, "Hanya administrator atau kepala unit di atas semua langkah temuan ini yang dapat mengabaikannya.",
				"Only an administrator or the head of a unit above every step of this finding can dismiss it.")
		}
	}
	return f, nil
}

// apiDismissFinding records that a finding is not a problem: {reason}.
func (s *API) apiDismissFinding(w http.ResponseWriter, r *http.Request, rq *Request) error {
	f, err := s.Finding(r, rq.User)
	if err != nil {
		return err
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	reason := strings.TrimSpace(in.Reason)
	if err := s.store.DismissFinding(r.Context(), esop.Dismissal{ID: f.ID, Kind: f.Kind, Reason: reason}); err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"id": f.ID, "kind": f.Kind, "dismissed": true, "reason": reason})
	return nil
}

// apiRestoreFinding removes a dismissal.
func (s *API) apiRestoreFinding(w http.ResponseWriter, r *http.Request, rq *Request) error {
	f, err := s.Finding(r, rq.User)
	if err != nil {
		return err
	}
	if err := s.store.RestoreFinding(r.Context(), f.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// OverlapData gathers the findings of units (all when nil) and the
// matrix, from one reading of the SOPs in force and the organisation.
func (s *API) OverlapData(ctx context.Context, units map[int64]bool) ([]esop.Finding, esop.ProcessMatrix, error) {
	in, err := s.readOverlapInputs(ctx)
	if err != nil {
		return nil, esop.ProcessMatrix{}, err
	}
	fs := esop.FindOverlaps(in.sops, in.positions, in.names, in.dismissed)
	if units != nil {
		fs = slices.DeleteFunc(fs, func(f esop.Finding) bool {
			return !slices.ContainsFunc(f.Steps, func(st esop.FindingStep) bool { return units[st.UnitID] })
		})
	}
	return fs, esop.BuildProcessMatrix(in.sops, in.positions, in.units).Only(units, 1), nil
}

// apiProcessMatrix answers GET /api/v1/analysis/process-matrix?unit=&all=:
// the process × unit matrix of the unit's processes (rows with a step in
// it or below), only those of several units unless all=true. Who: as the
// overlap.
func (s *API) apiProcessMatrix(w http.ResponseWriter, r *http.Request, rq *Request) error {
	unit, units, err := s.AnalysisScope(r.Context(), rq.User, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	all := false
	switch r.URL.Query().Get("all") {
	case "", "false":
	case "true":
		all = true
	default:
		return httpx.Invalid("all", "all harus true atau false", "all must be true or false")
	}
	_, m, err := s.OverlapData(r.Context(), units)
	if err != nil {
		return err
	}
	if !all {
		m = m.Only(nil, 2)
	}
	body := map[string]any{"units": m.Units, "rows": m.Rows}
	if unit != nil {
		body["unit"] = unit.Key
	}
	httpx.WriteJSON(w, http.StatusOK, body)
	return nil
}

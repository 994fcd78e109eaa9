package api

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/access"
	"github.com/esop-malang/esop/internal/httpx"
)

// The analyses of issue 13 over the API: the workload (ABK) of a unit's
// positions in a year, the yearly volumes the units enter, and the
// settings of the analysis (WKE with its legal basis). Who may read an
// analysis: administrators and auditors for any unit or the whole
// office; the head (definitif, Plt or Plh, today) of the unit or of a
// unit above it.

// workloadSettingKey is the setting that holds esop.WorkloadSettings as JSON.
const workloadSettingKey = "analysis.workload"

var ErrNotAnalyst = esop.Errorf(esop.EFORBIDDEN,
	"Hanya administrator, auditor atau kepala unit ini yang dapat melihat analisisnya.",
	"Only an administrator, an auditor or the head of this unit can see its analysis.")

// WorkloadSettings returns the stored settings, or the defaults.
func (s *API) WorkloadSettings(ctx context.Context) (esop.WorkloadSettings, error) {
	raw, err := s.store.Setting(ctx, workloadSettingKey)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return esop.DefaultWorkloadSettings(), nil
	}
	if err != nil {
		return esop.WorkloadSettings{}, err
	}
	var ws esop.WorkloadSettings
	if err := json.Unmarshal([]byte(raw), &ws); err != nil || ws.Validate().HasErrors() {
		s.log.Warn("stored workload settings unreadable; using the defaults", "err", err)
		return esop.DefaultWorkloadSettings(), nil
	}
	return ws, nil
}

// AnalysisScope reads ?unit= and checks that u may see its analyses
// (esop.PermAnalyse): the unit (nil for the whole office, which needs a
// grant for every unit) and the ids of it and every unit below it.
func (s *API) AnalysisScope(ctx context.Context, u *esop.User, key string) (*esop.Unit, map[int64]bool, error) {
	if key == "" {
		if !esop.May(esop.Subject{User: u}, esop.PermAnalyse, esop.Scope{}) {
			return nil, nil, ErrNotAnalyst
		}
		return nil, nil, nil
	}
	unit, err := s.UnitByKey(ctx, key)
	if err != nil {
		if esop.May(esop.Subject{User: u}, esop.PermAnalyse, esop.Scope{}) {
			return nil, nil, err
		}
		return nil, nil, httpx.FirstErr(nonNotFound(err), ErrNotAnalyst) // an unknown unit tells nothing to others
	}
	ok, err := s.MayIn(ctx, u, esop.PermAnalyse, unit.ID)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, ErrNotAnalyst
	}
	units, err := s.AllUnits(ctx)
	if err != nil {
		return nil, nil, err
	}
	return unit, access.Subtree(units, unit.ID), nil
}

// nonNotFound returns err unless it is ENOTFOUND.
func nonNotFound(err error) error {
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil
	}
	return err
}

// AnalysisYear reads ?year=: this year when absent; 422 for anything
// that is not a year from esop.MinVolumeAge to next year.
func (s *API) AnalysisYear(r *http.Request) (int, error) {
	today := s.Today()
	raw := strings.TrimSpace(r.URL.Query().Get("year"))
	if raw == "" {
		return today.Year, nil
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < esop.MinVolumeAge || y > today.Year+1 {
		return 0, httpx.Invalid("year", "tahun harus bilangan dari "+strconv.Itoa(esop.MinVolumeAge)+" sampai "+strconv.Itoa(today.Year+1),
			"the year must be a number from "+strconv.Itoa(esop.MinVolumeAge)+" to "+strconv.Itoa(today.Year+1))
	}
	return y, nil
}

// WorkloadAnswer is the body of GET /api/v1/analysis/workload.
type WorkloadAnswer struct {
	Unit     string   `json:"unit,omitempty"`
	Rounding string   `json:"rounding"`
	RefDate  string   `json:"referenceDate"` // the day whose holders count as existing
	Sums     struct { // the unit's totals
		Load        float64 `json:"load"`
		Need        float64 `json:"need"`
		NeedRounded int     `json:"needRounded"`
		Existing    int     `json:"existing"`
	} `json:"totals"`
	esop.Workload
}

// Workload computes the ABK of the positions of units (every position
// when units is nil) in year.
func (s *API) Workload(ctx context.Context, units map[int64]bool, year int) (*WorkloadAnswer, error) {
	ws, err := s.WorkloadSettings(ctx)
	if err != nil {
		return nil, err
	}
	// Pegawai existing: the definitive holders today, or on the last day
	// of a past year.
	ref := s.Today()
	if year < ref.Year {
		ref = esop.MustDate(strconv.Itoa(year) + "-12-31")
	}
	sops, err := s.store.AnalysisSOPs(ctx)
	if err != nil {
		return nil, err
	}
	vols, err := s.store.SOPVolumes(ctx, year)
	if err != nil {
		return nil, err
	}
	positions, err := s.PositionInfos(ctx, units, ref)
	if err != nil {
		return nil, err
	}
	w := esop.ComputeWorkload(sops, positions, vols, ws.WKE)
	w.Year, w.Basis = year, ws.Basis
	if units != nil { // the unmapped pelaksana of the unit's own SOPs
		w.Unmapped = slices.DeleteFunc(w.Unmapped, func(a esop.UnmappedActor) bool {
			i := slices.IndexFunc(sops, func(s esop.AnalysisSOP) bool { return s.ID == a.SOPID })
			return i < 0 || !units[sops[i].UnitID]
		})
	}
	a := &WorkloadAnswer{Workload: w, RefDate: ref.String()}
	for _, p := range w.Positions {
		a.Sums.Load += p.Load
		a.Sums.Existing += p.Existing
	}
	a.Sums.Need = a.Sums.Load / ws.WKE
	a.Sums.NeedRounded = esop.RoundNeed(a.Sums.Need)
	return a, nil
}

// PositionInfos returns the positions valid on day in units (all when
// nil), in the order of the organisation, with their definitive holders.
func (s *API) PositionInfos(ctx context.Context, units map[int64]bool, day esop.Date) ([]esop.PositionInfo, error) {
	ps, err := s.store.FindPositions(ctx, esop.PositionFilter{On: day})
	if err != nil {
		return nil, err
	}
	as, err := s.store.FindAssignments(ctx, esop.AssignmentFilter{On: day})
	if err != nil {
		return nil, err
	}
	all, err := s.OrgUnits(ctx)
	if err != nil {
		return nil, err
	}
	holders := map[int64]map[int64]bool{}
	for _, a := range as {
		if a.Capacity != esop.CapacityDefinitif {
			continue // a Plt or Plh holds another post of their own
		}
		if holders[a.PositionID] == nil {
			holders[a.PositionID] = map[int64]bool{}
		}
		holders[a.PositionID][a.EmployeeID] = true
	}
	var out []esop.PositionInfo
	for _, p := range ps {
		if units != nil && !units[p.UnitID] {
			continue
		}
		info := esop.PositionInfo{Key: p.Key, Name: p.Name, UnitID: p.UnitID, Existing: len(holders[p.ID])}
		if u := all[p.UnitID]; u != nil {
			info.UnitName = u.Name
		}
		out = append(out, info)
	}
	return out, nil
}

func (s *API) apiWorkload(w http.ResponseWriter, r *http.Request, rq *Request) error {
	unit, units, err := s.AnalysisScope(r.Context(), rq.User, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	year, err := s.AnalysisYear(r)
	if err != nil {
		return err
	}
	a, err := s.Workload(r.Context(), units, year)
	if err != nil {
		return err
	}
	if unit != nil {
		a.Unit = unit.Key
	}
	a.Rounding = esop.WorkloadRounding.In(rq.Lang)
	httpx.WriteJSON(w, http.StatusOK, a)
	return nil
}

// apiPutVolume stores the volume of an SOP in a year: administrators and
// the head of the SOP's unit (or of a unit above it).
func (s *API) apiPutVolume(w http.ResponseWriter, r *http.Request, rq *Request) error {
	sop, err := s.VolumeSOP(r, rq.User)
	if err != nil {
		return err
	}
	var in struct {
		Year   *int     `json:"year"`
		Volume *float64 `json:"volume"`
	}
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	v, err := s.PutVolume(r.Context(), sop, in.Year, in.Volume)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"sop": sop.ID, "year": v.Year, "volume": v.Entered, "measured": v.Measured})
	return nil
}

func (s *API) apiAnalysisSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	ws, err := s.WorkloadSettings(r.Context())
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, ws)
	return nil
}

// apiPutAnalysisSettings sets the WKE and its legal basis (administrators; audited as a setting).
func (s *API) apiPutAnalysisSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	var in struct {
		WKE   *float64 `json:"wke"`
		Basis string   `json:"basis"`
	}
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	ws := esop.WorkloadSettings{Basis: in.Basis}
	if in.WKE != nil {
		ws.WKE = *in.WKE
	}
	ws, err := s.SetWorkloadSettings(r.Context(), ws)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, ws)
	return nil
}

// SetWorkloadSettings checks and stores the WKE and its legal basis (the
// basis trimmed), for the API and the settings page alike: EINVALID with
// the problems of esop.WorkloadSettings.Validate; the store audits the
// change. It returns what is stored.
func (s *API) SetWorkloadSettings(ctx context.Context, ws esop.WorkloadSettings) (esop.WorkloadSettings, error) {
	ws.Basis = strings.TrimSpace(ws.Basis)
	if ps := ws.Validate(); len(ps) > 0 {
		e := esop.Errorf(esop.EINVALID, "Pengaturan analisis tidak sah.", "The analysis settings are not valid.")
		e.Problems = ps
		return ws, e
	}
	b, err := json.Marshal(ws)
	if err != nil {
		return ws, err
	}
	return ws, s.store.PutSetting(ctx, workloadSettingKey, string(b))
}

// VolumeSOP returns the SOP of the path whose volume rq's user enters:
// 404 for an unknown one, 403 unless esop.PermEnterVolume holds in its unit.
func (s *API) VolumeSOP(r *http.Request, u *esop.User) (*esop.SOP, error) {
	id, err := httpx.PathID(r)
	if err != nil {
		return nil, access.ErrNoSOP
	}
	sop, err := s.store.FindSOPByID(r.Context(), id)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil, access.ErrNoSOP
	}
	if err != nil {
		return nil, err
	}
	if ok, err := s.May(r.Context(), u, esop.PermEnterVolume, sop.Unit); err != nil || !ok {
		return nil, httpx.FirstErr(err, s.Refuse(r.Context(), u, sop))
	}
	return sop, nil
}

// PutVolume checks that year and volume are given and stores them (the
// store validates them by esop.ValidateVolume and audits the change),
// for the API and the page alike.
func (s *API) PutVolume(ctx context.Context, sop *esop.SOP, year *int, volume *float64) (esop.SOPVolume, error) {
	switch {
	case year == nil:
		return esop.SOPVolume{}, httpx.Invalid("year", "tahun wajib diisi", "the year is required")
	case volume == nil:
		return esop.SOPVolume{}, httpx.Invalid("volume", "volume wajib diisi (jumlah satuan hasil per tahun)", "the volume is required (units of output a year)")
	}
	return s.store.SetSOPVolume(ctx, sop.ID, *year, *volume)
}

package api

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// The register of service standards over the API (issue 13 point 4):
// create, list, read, edit and check. Who edits: the staff who write,
// review or approve the SOPs of the standard's unit, its head and the
// administrator (esop.PermServiceStandard). Who reads: everyone, for a
// standard whose SOP is published; otherwise those who read the unit's
// drafts.

var errNoStandard = esop.Errorf(esop.ENOTFOUND, "Standar pelayanan tidak ditemukan.", "Service standard not found.")

var ErrNotStandardEditor = esop.Errorf(esop.EFORBIDDEN,
	"Hanya penyusun, pemeriksa, pengesah atau kepala unit SOP ini dan administrator yang dapat mengubah standar pelayanannya.",
	"Only the authors, reviewers, approvers or head of this SOP's unit and administrators can change its service standard.")

// standardInput is the body of POST and PUT.
type standardInput struct {
	SOP        *int64                 `json:"sop"`
	Name       string                 `json:"name"`
	Maklumat   string                 `json:"maklumat"`
	Components esop.ServiceComponents `json:"components"`
	Revision   *int                   `json:"revision"`
}

// standardJSON is a standard as the API answers it.
type standardJSON struct {
	*esop.ServiceStandard
	SOPNumber string `json:"sopNumber,omitempty"`
	SOPTitle  string `json:"sopTitle"`
	Unit      string `json:"unit"`
	Published bool   `json:"published"` // its SOP has a published version: the public page exists
}

// findingJSON is one finding of a check, its message in the reader's language.
type findingJSON struct {
	Component string `json:"component"`
	Name      string `json:"componentName"`
	Message   string `json:"message"`
	SOP       int64  `json:"sop"`
	Step      string `json:"step,omitempty"`
	Expected  string `json:"expected"`
	Found     string `json:"found"`
}

type noteJSON struct {
	Component string `json:"component"`
	Name      string `json:"componentName"`
	Message   string `json:"message"`
}

type CheckJSON struct {
	OK       bool          `json:"ok"`
	Findings []findingJSON `json:"findings"`
	Notes    []noteJSON    `json:"notes"`
}

func CheckIn(c esop.ServiceCheck, lang string) CheckJSON {
	out := CheckJSON{OK: c.OK, Findings: []findingJSON{}, Notes: []noteJSON{}}
	for _, f := range c.Findings {
		out.Findings = append(out.Findings, findingJSON{f.Component, esop.ServiceComponentNames[f.Component].In(lang), f.Message.In(lang),
			f.SOP, f.Step, f.Expected, f.Found})
	}
	for _, n := range c.Notes {
		out.Notes = append(out.Notes, noteJSON{n.Component, esop.ServiceComponentNames[n.Component].In(lang), n.Message.In(lang)})
	}
	return out
}

// MayEditStandard reports whether u may register or edit the standard of
// an SOP of unit.
func (s *API) MayEditStandard(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return s.May(ctx, u, esop.PermServiceStandard, unit)
}

// MayReadStandard reports whether u may read a standard of sop: anyone
// when the SOP is published, else who reads its unit's drafts or edits
// its standards.
func (s *API) MayReadStandard(ctx context.Context, u *esop.User, sop *esop.SOP) (bool, error) {
	if sop.Published() != nil {
		return true, nil
	}
	if ok, err := s.MayReadDraft(ctx, u, sop.Unit); err != nil || ok {
		return ok, err
	}
	return s.MayEditStandard(ctx, u, sop.Unit)
}

// ReadableStandard returns the standard with the path's id and its SOP,
// or ENOTFOUND when there is none or u may not read it.
func (s *API) ReadableStandard(r *http.Request, u *esop.User) (*esop.ServiceStandard, *esop.SOP, error) {
	id, err := httpx.PathID(r)
	if err != nil {
		return nil, nil, errNoStandard
	}
	std, err := s.store.FindServiceStandard(r.Context(), id)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil, nil, errNoStandard
	}
	if err != nil {
		return nil, nil, err
	}
	sop, err := s.store.FindSOPByID(r.Context(), std.SOPID)
	if err != nil {
		return nil, nil, err
	}
	if ok, err := s.MayReadStandard(r.Context(), u, sop); err != nil || !ok {
		return nil, nil, httpx.FirstErr(err, errNoStandard)
	}
	return std, sop, nil
}

// standardOut is a standard as the API answers it; the public (u nil)
// does not learn who wrote it.
func standardOut(std *esop.ServiceStandard, sop *esop.SOP, u *esop.User) standardJSON {
	if u == nil {
		c := *std
		c.CreatedBy, c.UpdatedBy = "", ""
		std = &c
	}
	return standardJSON{ServiceStandard: std, SOPNumber: sop.NumberInForce(), SOPTitle: sop.TitleInForce(), Unit: sop.Unit,
		Published: sop.Published() != nil}
}

// apiCreateStandard: POST /api/v1/service-standards {sop, name, components} → 201 {id}.
func (s *API) apiCreateStandard(w http.ResponseWriter, r *http.Request, rq *Request) error {
	if ok, err := s.MaySomewhere(r.Context(), rq.User, esop.PermServiceStandard); err != nil || !ok {
		return httpx.FirstErr(err, ErrNotStandardEditor)
	}
	var in standardInput
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	if in.SOP == nil {
		return httpx.Invalid("sop", "SOP wajib dipilih", "the SOP is required")
	}
	sop, err := s.store.FindSOPByID(r.Context(), *in.SOP)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return httpx.Invalid("sop", "SOP tidak ditemukan", "SOP not found")
	}
	if err != nil {
		return err
	}
	if ok, err := s.MayEditStandard(r.Context(), rq.User, sop.Unit); err != nil || !ok {
		if err == nil && sop.Published() == nil {
			if read, err := s.MayReadDraft(r.Context(), rq.User, sop.Unit); err != nil || !read {
				return httpx.FirstErr(err, httpx.Invalid("sop", "SOP tidak ditemukan", "SOP not found")) // a draft does not reveal it exists
			}
		}
		return httpx.FirstErr(err, ErrNotStandardEditor)
	}
	std, err := s.store.CreateServiceStandard(r.Context(), &esop.ServiceStandard{SOPID: sop.ID, Name: in.Name, Maklumat: in.Maklumat, Components: in.Components})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/service-standards/"+strconv.FormatInt(std.ID, 10))
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"id": std.ID, "revision": std.Revision})
	return nil
}

// apiListStandards: GET /api/v1/service-standards → {standards: [...]}, those the reader may read.
func (s *API) apiListStandards(w http.ResponseWriter, r *http.Request, rq *Request) error {
	list, err := s.ReadableStandards(r.Context(), rq.User)
	if err != nil {
		return err
	}
	out := []standardJSON{}
	for _, it := range list {
		out = append(out, standardOut(it.Std, it.SOP, rq.User))
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"standards": out})
	return nil
}

// StandardRow is a standard with its SOP.
type StandardRow struct {
	Std *esop.ServiceStandard
	SOP *esop.SOP
}

// ReadableStandards returns the standards u may read, by name, each
// with its SOP (read one by one: a register holds tens of services, the
// office thousands of SOPs).
func (s *API) ReadableStandards(ctx context.Context, u *esop.User) ([]StandardRow, error) {
	stds, err := s.store.FindServiceStandards(ctx)
	if err != nil {
		return nil, err
	}
	var out []StandardRow
	for _, std := range stds {
		sop, err := s.store.FindSOPByID(ctx, std.SOPID)
		if err != nil {
			return nil, err
		}
		if ok, err := s.MayReadStandard(ctx, u, sop); err != nil {
			return nil, err
		} else if ok {
			out = append(out, StandardRow{std, sop})
		}
	}
	return out, nil
}

func (s *API) apiGetStandard(w http.ResponseWriter, r *http.Request, rq *Request) error {
	std, sop, err := s.ReadableStandard(r, rq.User)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, standardOut(std, sop, rq.User))
	return nil
}

// apiPutStandard: PUT /api/v1/service-standards/{id} {name, maklumat, components, revision} → 200 the standard.
func (s *API) apiPutStandard(w http.ResponseWriter, r *http.Request, rq *Request) error {
	std, sop, err := s.ReadableStandard(r, rq.User)
	if err != nil {
		return err
	}
	if ok, err := s.MayEditStandard(r.Context(), rq.User, sop.Unit); err != nil || !ok {
		return httpx.FirstErr(err, ErrNotStandardEditor)
	}
	var in standardInput
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.Revision == nil:
		return httpx.Invalid("revision", "revisi yang diubah wajib disebut (optimistic locking)", "the revision being edited is required")
	case in.SOP != nil && *in.SOP != std.SOPID:
		return httpx.Invalid("sop", "SOP sebuah standar pelayanan tidak dapat diganti; buat standar baru untuk SOP lain",
			"the SOP of a service standard cannot be changed; create a new standard for another SOP")
	}
	up, err := s.store.UpdateServiceStandard(r.Context(), &esop.ServiceStandard{ID: std.ID, SOPID: std.SOPID, Name: in.Name,
		Maklumat: in.Maklumat, Components: in.Components}, *in.Revision)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, standardOut(up, sop, rq.User))
	return nil
}

// apiCheckStandard: GET /api/v1/service-standards/{id}/check → {ok, findings, notes}.
func (s *API) apiCheckStandard(w http.ResponseWriter, r *http.Request, rq *Request) error {
	std, sop, err := s.ReadableStandard(r, rq.User)
	if err != nil {
		return err
	}
	checks, err := s.CheckStandards(r.Context(), []StandardRow{{std, sop}})
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, CheckIn(checks[std.ID], rq.Lang))
	return nil
}

// StandardDoc returns the document a standard is checked against: the
// SOP's version in force, else the one pending, else its latest.
func StandardDoc(sop *esop.SOP) *esop.Document {
	if v := sop.Published(); v != nil {
		return v.Document
	}
	if v := sop.Latest(); v != nil {
		return v.Document
	}
	return nil
}

// CheckStandards checks each standard against its SOP, the workload
// of this year read once for all of them.
func (s *API) CheckStandards(ctx context.Context, rows []StandardRow) (map[int64]esop.ServiceCheck, error) {
	out := make(map[int64]esop.ServiceCheck, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ws, err := s.WorkloadSettings(ctx)
	if err != nil {
		return nil, err
	}
	year := s.Today().Year
	sops := make([]*esop.SOP, len(rows))
	for i, row := range rows {
		sops[i] = row.SOP
	}
	analysed, err := s.store.AnalysisOf(ctx, sops)
	if err != nil {
		return nil, err
	}
	vols, err := s.store.SOPVolumes(ctx, year)
	if err != nil {
		return nil, err
	}
	positions, err := s.PositionInfos(ctx, nil, s.Today())
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		doc := StandardDoc(row.SOP)
		if doc == nil {
			continue
		}
		st := esop.ServiceStaffing{Year: year}
		if i := slices.IndexFunc(analysed, func(a esop.AnalysisSOP) bool { return a.ID == row.SOP.ID }); i >= 0 {
			a := analysed[i]
			keys := slices.Collect(maps.Values(a.Positions))
			var mine []esop.PositionInfo
			for _, p := range positions {
				if slices.Contains(keys, p.Key) {
					mine = append(mine, p)
				}
			}
			if len(mine) > 0 {
				wl := esop.ComputeWorkload([]esop.AnalysisSOP{a}, mine, vols, ws.WKE)
				st.Known, st.Unmapped = true, len(wl.Unmapped)
				st.Volume, _ = vols[a.ID].Used()
				for _, p := range wl.Positions {
					st.Existing += p.Existing
					st.Need += p.Need
				}
			}
		}
		out[row.Std.ID] = esop.CheckServiceStandard(row.Std, row.SOP.ID, doc, st)
	}
	return out, nil
}

package web

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"github.com/esop-malang/esop"
)

// The register of service standards over the API (issue 13 point 4):
// create, list, read, edit and check. Who edits: the staff who write,
// review or approve the SOPs of the standard's unit, its head and the
// administrator (esop.PermServiceStandard). Who reads: everyone, for a
// standard whose SOP is published; otherwise those who read the unit's
// drafts.

var errNoStandard = esop.Errorf(esop.ENOTFOUND, "Standar pelayanan tidak ditemukan.", "Service standard not found.")

var errNotStandardEditor = esop.Errorf(esop.EFORBIDDEN,
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

type checkJSON struct {
	OK       bool          `json:"ok"`
	Findings []findingJSON `json:"findings"`
	Notes    []noteJSON    `json:"notes"`
}

func checkIn(c esop.ServiceCheck, lang string) checkJSON {
	out := checkJSON{OK: c.OK, Findings: []findingJSON{}, Notes: []noteJSON{}}
	for _, f := range c.Findings {
		out.Findings = append(out.Findings, findingJSON{f.Component, esop.ServiceComponentNames[f.Component].In(lang), f.Message.In(lang),
			f.SOP, f.Step, f.Expected, f.Found})
	}
	for _, n := range c.Notes {
		out.Notes = append(out.Notes, noteJSON{n.Component, esop.ServiceComponentNames[n.Component].In(lang), n.Message.In(lang)})
	}
	return out
}

// mayEditStandard reports whether u may register or edit the standard of
// an SOP of unit.
func (s *Server) mayEditStandard(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return s.may(ctx, u, esop.PermServiceStandard, unit)
}

// mayReadStandard reports whether u may read a standard of sop: anyone
// when the SOP is published, else who reads its unit's drafts or edits
// its standards.
func (s *Server) mayReadStandard(ctx context.Context, u *esop.User, sop *esop.SOP) (bool, error) {
	if sop.Published() != nil {
		return true, nil
	}
	if ok, err := s.mayReadDraft(ctx, u, sop.Unit); err != nil || ok {
		return ok, err
	}
	return s.mayEditStandard(ctx, u, sop.Unit)
}

// readableStandard returns the standard with the path's id and its SOP,
// or ENOTFOUND when there is none or u may not read it.
func (s *Server) readableStandard(r *http.Request, u *esop.User) (*esop.ServiceStandard, *esop.SOP, error) {
	id, err := pathID(r)
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
	if ok, err := s.mayReadStandard(r.Context(), u, sop); err != nil || !ok {
		return nil, nil, firstErr(err, errNoStandard)
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
func (s *Server) apiCreateStandard(w http.ResponseWriter, r *http.Request, rq *request) error {
	if ok, err := s.maySomewhere(r.Context(), rq.user, esop.PermServiceStandard); err != nil || !ok {
		return firstErr(err, errNotStandardEditor)
	}
	var in standardInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if in.SOP == nil {
		return invalid("sop", "SOP wajib dipilih", "the SOP is required")
	}
	sop, err := s.store.FindSOPByID(r.Context(), *in.SOP)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return invalid("sop", "SOP tidak ditemukan", "SOP not found")
	}
	if err != nil {
		return err
	}
	if ok, err := s.mayEditStandard(r.Context(), rq.user, sop.Unit); err != nil || !ok {
		if err == nil && sop.Published() == nil {
			if read, err := s.mayReadDraft(r.Context(), rq.user, sop.Unit); err != nil || !read {
				return firstErr(err, invalid("sop", "SOP tidak ditemukan", "SOP not found")) // a draft does not reveal it exists
			}
		}
		return firstErr(err, errNotStandardEditor)
	}
	std, err := s.store.CreateServiceStandard(r.Context(), &esop.ServiceStandard{SOPID: sop.ID, Name: in.Name, Maklumat: in.Maklumat, Components: in.Components})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/service-standards/"+strconv.FormatInt(std.ID, 10))
	writeJSON(w, http.StatusCreated, map[string]any{"id": std.ID, "revision": std.Revision})
	return nil
}

// apiListStandards: GET /api/v1/service-standards → {standards: [...]}, those the reader may read.
func (s *Server) apiListStandards(w http.ResponseWriter, r *http.Request, rq *request) error {
	list, err := s.readableStandards(r.Context(), rq.user)
	if err != nil {
		return err
	}
	out := []standardJSON{}
	for _, it := range list {
		out = append(out, standardOut(it.std, it.sop, rq.user))
	}
	writeJSON(w, http.StatusOK, map[string]any{"standards": out})
	return nil
}

// standardRow is a standard with its SOP.
type standardRow struct {
	std *esop.ServiceStandard
	sop *esop.SOP
}

// readableStandards returns the standards u may read, by name, each
// with its SOP (read one by one: a register holds tens of services, the
// office thousands of SOPs).
func (s *Server) readableStandards(ctx context.Context, u *esop.User) ([]standardRow, error) {
	stds, err := s.store.FindServiceStandards(ctx)
	if err != nil {
		return nil, err
	}
	var out []standardRow
	for _, std := range stds {
		sop, err := s.store.FindSOPByID(ctx, std.SOPID)
		if err != nil {
			return nil, err
		}
		if ok, err := s.mayReadStandard(ctx, u, sop); err != nil {
			return nil, err
		} else if ok {
			out = append(out, standardRow{std, sop})
		}
	}
	return out, nil
}

func (s *Server) apiGetStandard(w http.ResponseWriter, r *http.Request, rq *request) error {
	std, sop, err := s.readableStandard(r, rq.user)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, standardOut(std, sop, rq.user))
	return nil
}

// apiPutStandard: PUT /api/v1/service-standards/{id} {name, maklumat, components, revision} → 200 the standard.
func (s *Server) apiPutStandard(w http.ResponseWriter, r *http.Request, rq *request) error {
	std, sop, err := s.readableStandard(r, rq.user)
	if err != nil {
		return err
	}
	if ok, err := s.mayEditStandard(r.Context(), rq.user, sop.Unit); err != nil || !ok {
		return firstErr(err, errNotStandardEditor)
	}
	var in standardInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.Revision == nil:
		return invalid("revision", "revisi yang diubah wajib disebut (optimistic locking)", "the revision being edited is required")
	case in.SOP != nil && *in.SOP != std.SOPID:
		return invalid("sop", "SOP sebuah standar pelayanan tidak dapat diganti; buat standar baru untuk SOP lain",
			"the SOP of a service standard cannot be changed; create a new standard for another SOP")
	}
	up, err := s.store.UpdateServiceStandard(r.Context(), &esop.ServiceStandard{ID: std.ID, SOPID: std.SOPID, Name: in.Name,
		Maklumat: in.Maklumat, Components: in.Components}, *in.Revision)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, standardOut(up, sop, rq.user))
	return nil
}

// apiCheckStandard: GET /api/v1/service-standards/{id}/check → {ok, findings, notes}.
func (s *Server) apiCheckStandard(w http.ResponseWriter, r *http.Request, rq *request) error {
	std, sop, err := s.readableStandard(r, rq.user)
	if err != nil {
		return err
	}
	checks, err := s.checkStandards(r.Context(), []standardRow{{std, sop}})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, checkIn(checks[std.ID], rq.lang))
	return nil
}

// standardDoc returns the document a standard is checked against: the
// SOP's version in force, else the one pending, else its latest.
func standardDoc(sop *esop.SOP) *esop.Document {
	if v := sop.Published(); v != nil {
		return v.Document
	}
	if v := sop.Latest(); v != nil {
		return v.Document
	}
	return nil
}

// checkStandards checks each standard against its SOP, the workload
// of this year read once for all of them.
func (s *Server) checkStandards(ctx context.Context, rows []standardRow) (map[int64]esop.ServiceCheck, error) {
	out := make(map[int64]esop.ServiceCheck, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ws, err := s.workloadSettings(ctx)
	if err != nil {
		return nil, err
	}
	year := s.today().Year
	sops := make([]*esop.SOP, len(rows))
	for i, row := range rows {
		sops[i] = row.sop
	}
	analysed, err := s.store.AnalysisOf(ctx, sops)
	if err != nil {
		return nil, err
	}
	vols, err := s.store.SOPVolumes(ctx, year)
	if err != nil {
		return nil, err
	}
	positions, err := s.positionInfos(ctx, nil, s.today())
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		doc := standardDoc(row.sop)
		if doc == nil {
			continue
		}
		st := esop.ServiceStaffing{Year: year}
		if i := slices.IndexFunc(analysed, func(a esop.AnalysisSOP) bool { return a.ID == row.sop.ID }); i >= 0 {
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
		out[row.std.ID] = esop.CheckServiceStandard(row.std, row.sop.ID, doc, st)
	}
	return out, nil
}

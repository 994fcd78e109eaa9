package web

import (
	_ "embed"
	"fmt"
	"net/http"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/api"
)

// The JSON API under /api/v1 is package api; these are the routes whose
// handlers are still the web application's, lent to it (api.Config.Lent)
// and served by its wrapper: bearer token or session cookie, guard, JSON
// errors.

// apiRoute is one entry of the table of lent API routes.
type apiRoute = route

// lend returns h as an API handler: the API's request as the pages' one.
func lend(h func(w http.ResponseWriter, r *http.Request, rq *request) error) api.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, q *api.Request) error {
		return h(w, r, &request{user: q.User, lang: q.Lang})
	}
}

// lentRoutes returns the lent routes for api.Config.
func (s *Server) lentRoutes() []api.Route {
	var out []api.Route
	for _, rt := range s.apiTable() {
		out = append(out, api.Route{Pattern: rt.pattern, Guard: rt.guard, Handle: lend(rt.handle)})
	}
	return out
}

func (s *Server) apiTable() []apiRoute {
	return []apiRoute{
		{"GET /api/v1/sops", public, s.apiList},
		{"POST /api/v1/sops", author, s.apiCreate},
		{"GET /api/v1/sops/{id}", public, s.apiGet},
		{"PUT /api/v1/sops/{id}", author, s.apiPut},
		{"POST /api/v1/sops/{id}/transitions", staff, s.apiTransition},
		{"GET /api/v1/sops/{id}/flowchart.svg", public, s.sopSVG},
		{"GET /api/v1/sops/{id}/document.pdf", public, s.sopPDF},
		{"GET /api/v1/sops/{id}/document.png", public, s.sopPNG},
		{"GET /api/v1/sops/{id}/process.bpmn", public, s.sopBPMN}, // exchange.go

		// The analyses (analysis_api.go): who may read which unit's, and
		// who enters volumes, is checked in the handlers.
		{"GET /api/v1/analysis/process-matrix", staff, s.apiProcessMatrix},
	}
}

// apiSOP is one SOP in the list.
type apiSOP struct {
	ID        int64  `json:"id"`
	Number    string `json:"number,omitempty"`
	Title     string `json:"title"`
	Agency    string `json:"agency"`
	Unit      string `json:"unit"`
	Category  string `json:"category,omitempty"`
	Status    string `json:"status"`
	Version   int    `json:"version"`
	Effective string `json:"effective,omitempty"`
	// TotalTime is the total time of the version listed (esop.TotalTime).
	TotalTime *apiTotal `json:"totalTime,omitempty"`
}

// apiTotal is an SOP's total time: as printed, per unit, and the rows of
// the longest path without rework it follows.
type apiTotal struct {
	Text      string             `json:"text"`
	Units     map[string]float64 `json:"units,omitempty"`
	Path      []int              `json:"path"`
	TextSteps []int              `json:"textSteps,omitempty"`
}

// totalJSON returns the total time of d for the API, nil when there is none.
func totalJSON(d *esop.Document, lang string) *apiTotal {
	t := esop.TotalTime(d)
	if t.IsZero() {
		return nil
	}
	out := &apiTotal{Text: t.In(lang), Units: t.Sums, Path: make([]int, len(t.Path))}
	for i, row := range t.Path {
		out.Path[i] = row + 1
	}
	for _, tt := range t.Text {
		out.TextSteps = append(out.TextSteps, tt.Row)
	}
	return out
}

// apiList lists the SOPs the caller may see: everyone sees those in
// force; users who may read a unit's drafts see its drafts too.
func (s *Server) apiList(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	sops, _, err := s.store.FindSOPs(r.Context(), esop.SOPFilter{Unit: q.Get("unit")})
	if err != nil {
		return err
	}
	var ids map[int64]bool
	if query := strings.TrimSpace(q.Get("q")); query != "" {
		ids = map[int64]bool{}
		hits, err := s.find(r.Context(), rq.user, query, "")
		if err != nil {
			return err
		}
		for _, e := range hits {
			ids[e.ID] = true
		}
	}
	out := []apiSOP{}
	for _, sop := range sops {
		if ids != nil && !ids[sop.ID] {
			continue
		}
		v := s.inForce(sop)
		status := "in_force"
		if v == nil {
			ok, err := s.mayReadDraft(r.Context(), rq.user, sop.Unit)
			if err != nil {
				return err
			}
			if !ok || sop.Latest() == nil {
				continue
			}
			v = sop.Latest()
			status = v.Status
		}
		if st := q.Get("status"); st != "" && st != status {
			continue
		}
		out = append(out, apiSOP{ID: sop.ID, Number: sop.Number, Title: sop.Title, Agency: sop.Agency, Unit: sop.Unit,
			Category: sop.Category, Status: status, Version: v.Seq, Effective: v.Document.Dates.Effective.String(),
			TotalTime: totalJSON(v.Document, rq.lang)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"sops": out, "total": len(out)})
	return nil
}

func etag(v *esop.Version) string { return fmt.Sprintf(`"v%d-r%d"`, v.ID, v.Revision) }

// apiGet returns the version the caller may see as esop.sop/1, with an
// ETag naming the version and revision (the If-Match of a PUT).
func (s *Server) apiGet(w http.ResponseWriter, r *http.Request, rq *request) error {
	sh, err := s.sopVersion(r, rq)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(sh.Version))
	w.Header().Set("X-SOP-Status", sh.Version.Status)
	writeJSON(w, http.StatusOK, sh.Version.Document)
	return nil
}

// readDocument reads an esop.sop/1 document from the request body: at
// most esop.MaxDocumentBytes, 413 beyond it (only that much and one byte
// more is read). A document with errors, of form (a duplicate key, bytes
// that are not UTF-8) or of content (a control character, a text over its
// limit), is answered 422 with every error and its path, and
// readDocument returns nil.
func (s *Server) readDocument(w http.ResponseWriter, r *http.Request, rq *request, sopID int64) (*esop.Document, error) {
	b, err := readBody(w, r, esop.MaxDocumentBytes)
	if err != nil {
		return nil, err
	}
	d, ps := esop.DecodeDocument(b)
	if d != nil && !ps.HasErrors() {
		ps = append(ps, esop.Validate(d, s.validateOptions(r.Context(), sopID))...)
	}
	if ps.HasErrors() {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": problemsJSON(ps.Errors(), rq.lang)})
		return nil, nil
	}
	return d, nil
}

func (s *Server) apiCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.readDocument(w, r, rq, 0)
	if err != nil || d == nil {
		return err
	}
	refusal, err := s.createRefusal(r.Context(), rq.user, d)
	if err != nil {
		return err
	}
	if refusal != "" {
		return errForbidden
	}
	res, err := s.store.ImportDocuments(r.Context(), []*esop.Document{d}, rq.user.Username)
	if err != nil {
		return err
	}
	if err := s.reindex(r.Context(), res[0].SOP.ID); err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/sops/%d", res[0].SOP.ID))
	w.Header().Set("ETag", etag(res[0].Version))
	writeJSON(w, http.StatusCreated, map[string]any{"id": res[0].SOP.ID, "version": res[0].Version.Seq,
		"status": res[0].Version.Status, "warnings": problemsJSON(res[0].Warnings, rq.lang)})
	return nil
}

// apiPut replaces the working draft. It needs If-Match with the ETag the
// client read: a stale one gets 412, and nothing is merged.
func (s *Server) apiPut(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.editable(r, rq)
	if err != nil {
		return err
	}
	if sop.Draft == nil {
		return esop.Errorf(esop.ECONFLICT, "SOP ini tidak mempunyai draf.", "This SOP has no draft.")
	}
	match := r.Header.Get("If-Match")
	if match == "" {
		writeJSON(w, http.StatusPreconditionRequired, map[string]string{"error": s.msgs.T(rq.lang, "api.ifmatch"), "code": "precondition_required"})
		return nil
	}
	if match != etag(sop.Draft) {
		writeJSON(w, http.StatusPreconditionFailed, map[string]string{"error": s.msgs.T(rq.lang, "api.stale"), "code": "precondition_failed"})
		return nil
	}
	d, err := s.readDocument(w, r, rq, sop.ID)
	if err != nil || d == nil {
		return err
	}
	if d.Unit != sop.Unit {
		if ok, err := s.mayEdit(r.Context(), rq.user, d.Unit); err != nil || !ok {
			return firstErr(err, errForbidden)
		}
	}
	v, err := s.store.UpdateDraft(r.Context(), sop.ID, d, sop.Draft.Revision, rq.user.Username)
	if esop.ErrorCode(err) == esop.ECONFLICT {
		writeJSON(w, http.StatusPreconditionFailed, map[string]string{"error": esop.ErrorMessage(err, rq.lang), "code": "precondition_failed"})
		return nil
	}
	if err != nil {
		return err
	}
	if err := s.reindex(r.Context(), sop.ID); err != nil {
		return err
	}
	w.Header().Set("ETag", etag(v))
	writeJSON(w, http.StatusOK, map[string]any{"id": sop.ID, "version": v.Seq, "revision": v.Revision,
		"warnings": problemsJSON(esop.Validate(d, s.validateOptions(r.Context(), sop.ID)).Warnings(), rq.lang)})
	return nil
}

package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/access"
	"github.com/esop-malang/esop/internal/httpx"
)

// SOPs over the API: the list (with search), one SOP as esop.sop/1 with
// its ETag, a new SOP, a new draft (If-Match), and the lifecycle's
// transitions; and the checks the pages share (SOPVersion, SOPFor,
// ApplyTransition).

// Shown is the SOP and the version of it that a request may see.
type Shown struct {
	SOP     *esop.SOP
	Version *esop.Version
	InForce bool // the version is the one in force today
}

// SOPVersion returns the version of SOP {id} to show: the one in force,
// or, for users who may read the unit's drafts, the draft when asked for
// (?draft=1) or when none is in force. Everyone else gets ENOTFOUND, so
// that drafts do not even reveal that they exist.
func (s *API) SOPVersion(r *http.Request, u *esop.User) (*Shown, error) {
	id, err := httpx.PathID(r)
	if err != nil {
		return nil, err
	}
	sop, err := s.store.FindSOPByID(r.Context(), id)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil, access.ErrNoSOP
	}
	if err != nil {
		return nil, err
	}
	current := s.InForce(sop)
	wantDraft := r.URL.Query().Get("draft") == "1"
	if current != nil && !wantDraft {
		return &Shown{SOP: sop, Version: current, InForce: true}, nil
	}
	latest := sop.Latest()
	ok, err := s.MayReadDraft(r.Context(), u, sop.Unit)
	if err != nil {
		return nil, err
	}
	if !ok || latest == nil {
		return nil, access.ErrNoSOP
	}
	return &Shown{SOP: sop, Version: latest, InForce: latest == current}, nil
}

// SOPFor loads SOP {id} for a user whom may allows to act on its unit,
// and refuses anyone else as refuse says (a draft is not revealed).
func (s *API) SOPFor(r *http.Request, u *esop.User, may func(context.Context, *esop.User, string) (bool, error)) (*esop.SOP, error) {
	id, err := httpx.PathID(r)
	if err != nil {
		return nil, err
	}
	sop, err := s.store.FindSOPByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	ok, err := may(r.Context(), u, sop.Unit)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.Refuse(r.Context(), u, sop)
	}
	return sop, nil
}

// ApplyTransition runs a transition for the requester and refreshes the catalogue.
func (s *API) ApplyTransition(r *http.Request, u *esop.User, sop *esop.SOP, t esop.Transition) (*esop.Version, error) {
	a, err := s.Requester(r.Context(), u, sop.Unit)
	if err != nil {
		return nil, err
	}
	v, err := s.store.Transition(r.Context(), sop.ID, a, t)
	if err != nil {
		return nil, err
	}
	s.log.Info("sop transition", "sop", sop.ID, "action", t.Action, "status", v.Status, "by", u.Username)
	return v, s.reindex(r.Context(), sop.ID)
}

// apiTransition is POST /api/v1/sops/{id}/transitions {action, note, effective}.
func (s *API) apiTransition(w http.ResponseWriter, r *http.Request, rq *Request) error {
	sop, err := s.SOPFor(r, rq.User, s.MayReadDraft)
	if err != nil {
		return err
	}
	b, err := httpx.ReadJSON(w, r, 64<<10)
	if err != nil {
		return err
	}
	var in struct {
		Action    string `json:"action"`
		Note      string `json:"note"`
		Effective string `json:"effective"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return esop.Errorf(esop.EINVALID, "Kirim {\"action\", \"note\"} dalam JSON.", "Send {\"action\", \"note\"} as JSON.")
	}
	t := esop.Transition{Action: in.Action, Note: strings.TrimSpace(in.Note)}
	if in.Effective != "" {
		if t.Effective, err = esop.ParseDate(in.Effective); err != nil {
			return esop.Errorf(esop.EINVALID, "Tanggal efektif tidak sah (TTTT-BB-HH).", "The effective date is not valid (YYYY-MM-DD).")
		}
	}
	v, err := s.ApplyTransition(r, rq.User, sop, t)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"id": sop.ID, "version": v.Seq, "status": v.Status,
		"number": v.Document.Number, "effective": v.Document.Dates.Effective.String(), "contentHash": v.ContentHash})
	return nil
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
func (s *API) apiList(w http.ResponseWriter, r *http.Request, rq *Request) error {
	q := r.URL.Query()
	sops, _, err := s.store.FindSOPs(r.Context(), esop.SOPFilter{Unit: q.Get("unit")})
	if err != nil {
		return err
	}
	var ids map[int64]bool
	if query := strings.TrimSpace(q.Get("q")); query != "" {
		ids = map[int64]bool{}
		hits, err := s.search(r.Context(), rq.User, query)
		if err != nil {
			return err
		}
		for _, id := range hits {
			ids[id] = true
		}
	}
	out := []apiSOP{}
	for _, sop := range sops {
		if ids != nil && !ids[sop.ID] {
			continue
		}
		v := s.InForce(sop)
		status := "in_force"
		if v == nil {
			ok, err := s.MayReadDraft(r.Context(), rq.User, sop.Unit)
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
			TotalTime: totalJSON(v.Document, rq.Lang)})
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"sops": out, "total": len(out)})
	return nil
}

func etag(v *esop.Version) string { return fmt.Sprintf(`"v%d-r%d"`, v.ID, v.Revision) }

// apiGet returns the version the caller may see as esop.sop/1, with an
// ETag naming the version and revision (the If-Match of a PUT).
func (s *API) apiGet(w http.ResponseWriter, r *http.Request, rq *Request) error {
	sh, err := s.SOPVersion(r, rq.User)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", etag(sh.Version))
	w.Header().Set("X-SOP-Status", sh.Version.Status)
	httpx.WriteJSON(w, http.StatusOK, sh.Version.Document)
	return nil
}

// readDocument reads an esop.sop/1 document from the request body: at
// most esop.MaxDocumentBytes, 413 beyond it (only that much and one byte
// more is read). A document with errors, of form (a duplicate key, bytes
// that are not UTF-8) or of content (a control character, a text over its
// limit), is answered 422 with every error and its path, and
// readDocument returns nil.
func (s *API) readDocument(w http.ResponseWriter, r *http.Request, rq *Request, sopID int64) (*esop.Document, error) {
	b, err := httpx.ReadBody(w, r, esop.MaxDocumentBytes)
	if err != nil {
		return nil, err
	}
	d, ps := esop.DecodeDocument(b)
	if d != nil && !ps.HasErrors() {
		ps = append(ps, esop.Validate(d, s.validateOptions(r.Context(), sopID))...)
	}
	if ps.HasErrors() {
		httpx.WriteJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": httpx.ProblemsJSON(ps.Errors(), rq.Lang)})
		return nil, nil
	}
	return d, nil
}

func (s *API) apiCreate(w http.ResponseWriter, r *http.Request, rq *Request) error {
	d, err := s.readDocument(w, r, rq, 0)
	if err != nil || d == nil {
		return err
	}
	refusal, err := s.CreateRefusal(r.Context(), rq.User, d)
	if err != nil {
		return err
	}
	if refusal != "" {
		return httpx.ErrForbidden
	}
	res, err := s.store.ImportDocuments(r.Context(), []*esop.Document{d}, rq.User.Username)
	if err != nil {
		return err
	}
	if err := s.reindex(r.Context(), res[0].SOP.ID); err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/sops/%d", res[0].SOP.ID))
	w.Header().Set("ETag", etag(res[0].Version))
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"id": res[0].SOP.ID, "version": res[0].Version.Seq,
		"status": res[0].Version.Status, "warnings": httpx.ProblemsJSON(res[0].Warnings, rq.Lang)})
	return nil
}

// apiPut replaces the working draft. It needs If-Match with the ETag the
// client read: a stale one gets 412, and nothing is merged.
func (s *API) apiPut(w http.ResponseWriter, r *http.Request, rq *Request) error {
	sop, err := s.SOPFor(r, rq.User, s.MayEdit)
	if err != nil {
		return err
	}
	if sop.Draft == nil {
		return esop.Errorf(esop.ECONFLICT, "SOP ini tidak mempunyai draf.", "This SOP has no draft.")
	}
	match := r.Header.Get("If-Match")
	if match == "" {
		httpx.WriteJSON(w, http.StatusPreconditionRequired, map[string]string{"error": s.t(rq.Lang, "api.ifmatch"), "code": "precondition_required"})
		return nil
	}
	if match != etag(sop.Draft) {
		httpx.WriteJSON(w, http.StatusPreconditionFailed, map[string]string{"error": s.t(rq.Lang, "api.stale"), "code": "precondition_failed"})
		return nil
	}
	d, err := s.readDocument(w, r, rq, sop.ID)
	if err != nil || d == nil {
		return err
	}
	if d.Unit != sop.Unit {
		if ok, err := s.MayEdit(r.Context(), rq.User, d.Unit); err != nil || !ok {
			return httpx.FirstErr(err, httpx.ErrForbidden)
		}
	}
	v, err := s.store.UpdateDraft(r.Context(), sop.ID, d, sop.Draft.Revision, rq.User.Username)
	if esop.ErrorCode(err) == esop.ECONFLICT {
		httpx.WriteJSON(w, http.StatusPreconditionFailed, map[string]string{"error": esop.ErrorMessage(err, rq.Lang), "code": "precondition_failed"})
		return nil
	}
	if err != nil {
		return err
	}
	if err := s.reindex(r.Context(), sop.ID); err != nil {
		return err
	}
	w.Header().Set("ETag", etag(v))
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"id": sop.ID, "version": v.Seq, "revision": v.Revision,
		"warnings": httpx.ProblemsJSON(esop.Validate(d, s.validateOptions(r.Context(), sop.ID)).Warnings(), rq.Lang)})
	return nil
}

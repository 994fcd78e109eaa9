package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/esop-malang/esop"
)

// The review screen shows the version under way (draft, submitted,
// returned or reviewed) with its history and the reviewers' comments on
// its fields and rows, and offers each user the lifecycle actions that
// are theirs to take. For an approver it shows exactly what will be
// signed: the document with the signature, dates and number it will get,
// and the content hash that approval freezes.

// reviewView is the view model of the review screen.
type reviewView struct {
	SOP       *esop.SOP
	Version   *esop.Version
	Doc       *esop.Document
	Events    []*esop.Event
	Comments  []*esop.Comment
	ByPath    map[string][]*esop.Comment
	Paths     []pathOption
	Actions   []string // the lifecycle actions this user may take now
	MayRemark bool     // may add comments
	Flowchart template.HTML
	Sketch    string // why the flowchart is a sketch (a draft with errors), or ""
	// Unready lists, named as people name them, the errors that stop an
	// editable draft from being submitted.
	Unready []string
	// Signed is the document as the approval would sign it, for approvers.
	Signed     *esop.Document
	SignedHash string
	SignError  string
	Error      string
	// Done is the action just taken (?done=submit after the redirect), to
	// say what happened; "" when none.
	Done string
	lang string
}

// Label names the field or row a comment is about as people do
// ("Kegiatan 3"), not by its JSON path.
func (v *reviewView) Label(path string) string { return esop.PathLabel(path).In(v.lang) }

// pathOption is a field or row a comment can be attached to.
type pathOption struct {
	Path, Label string
}

// Can reports whether the view offers an action.
func (v *reviewView) Can(action string) bool {
	for _, a := range v.Actions {
		if a == action {
			return true
		}
	}
	return false
}

// reviewable loads SOP {id} and its version under way, for users who may
// read the unit's drafts.
func (s *Server) reviewable(r *http.Request, rq *request) (*esop.SOP, error) {
	return s.sopFor(r, rq, s.mayReadDraft)
}

// allowedActions returns the actions the requester may take on the SOP now.
func allowedActions(sop *esop.SOP, a esop.Requester, authors []string) []string {
	var out []string
	for _, action := range esop.Actions {
		v := sop.Draft
		if action == esop.ActionWithdraw {
			v = sop.Current
			if v == nil {
				v = sop.Pending
			}
		}
		if v == nil {
			continue
		}
		if _, err := esop.NextStatus(v.Status, action); err != nil {
			continue
		}
		// Notes are asked for in the form; check the rights only.
		if err := esop.CheckTransition(a, esop.Transition{Action: action, Note: "-"}, authors); err == nil {
			out = append(out, action)
		}
	}
	return out
}

func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.reviewable(r, rq)
	if err != nil {
		return err
	}
	return s.showReview(w, r, rq, sop, http.StatusOK, "")
}

// doneAction returns the lifecycle action named by ?done= after a
// transition's redirect, or "" for anything else.
func doneAction(r *http.Request) string {
	if d := r.URL.Query().Get("done"); slices.Contains(esop.Actions, d) {
		return d
	}
	return ""
}

func (s *Server) showReview(w http.ResponseWriter, r *http.Request, rq *request, sop *esop.SOP, status int, formErr string) error {
	ctx := r.Context()
	v := &reviewView{SOP: sop, Version: sop.Draft, Error: formErr, ByPath: map[string][]*esop.Comment{}, lang: rq.lang}
	if r.Method == http.MethodGet {
		v.Done = doneAction(r)
	}
	if v.Version == nil {
		v.Version = sop.Latest()
	}
	if v.Version == nil {
		// Withdrawn: the last version, so that the screen says what
		// happened to it rather than that there is nothing.
		versions, err := s.store.FindVersions(ctx, sop.ID)
		if err != nil {
			return err
		}
		if len(versions) == 0 {
			return errNoSOP
		}
		v.Version = versions[len(versions)-1]
	}
	v.Doc = v.Version.Document
	var err error
	if v.Events, err = s.store.FindEvents(ctx, v.Version.ID); err != nil {
		return err
	}
	if v.Comments, err = s.store.FindComments(ctx, v.Version.ID); err != nil {
		return err
	}
	for _, c := range v.Comments {
		v.ByPath[c.Path] = append(v.ByPath[c.Path], c)
	}
	a, err := s.requester(ctx, rq.user, sop.Unit)
	if err != nil {
		return err
	}
	v.Actions = allowedActions(sop, a, authorsFromEvents(v.Version, v.Events))
	v.MayRemark = v.Version.IsEditable() || v.Version.Status == esop.StatusSubmitted || v.Version.Status == esop.StatusReviewed
	if ok, err := s.may(ctx, rq.user, esop.PermComment, sop.Unit); err != nil || !ok {
		v.MayRemark = false
	}
	v.Paths = commentPaths(v.Doc, rq.lang, s)
	dr := s.drawDocument(v.Doc, v.Version.ContentHash, rq.lang)
	v.Flowchart, v.Sketch = dr.SVG, dr.Sketch
	if v.Version.IsEditable() {
		for _, p := range esop.Validate(v.Doc, esop.ValidateOptions{}).Errors() {
			v.Unready = append(v.Unready, p.ForPeople(v.Doc).Labelled(rq.lang))
		}
	}
	if v.Can(esop.ActionApprove) {
		signed, err := s.store.PreviewApproval(ctx, sop.ID, a, esop.Transition{})
		if err != nil {
			v.SignError = esop.ErrorMessage(err, rq.lang)
		} else {
			v.Signed, v.SignedHash = signed, esop.ContentHash(signed)
		}
	}
	s.zoneFor(r, rq, sop.Unit)
	s.renderPage(w, r, rq, status, "review", v)
	return nil
}

// authorsFromEvents lists who created or edited a version.
func authorsFromEvents(v *esop.Version, events []*esop.Event) []string {
	authors := []string{v.CreatedBy, v.UpdatedBy}
	for _, e := range events {
		if e.Action == "create" || e.Action == "edit" {
			authors = append(authors, e.Actor)
		}
	}
	return authors
}

// commentPaths lists the fields and rows a comment can be attached to.
func commentPaths(d *esop.Document, lang string, s *Server) []pathOption {
	T := func(k string) string { return s.msgs.T(lang, k) }
	out := []pathOption{{"", T("review.whole")}, {"title", T("sop.title")}, {"number", T("sop.number")},
		{"legalBasis", T("sop.legalbasis")}, {"qualifications", T("sop.qualifications")}, {"related", T("sop.related")},
		{"equipment", T("sop.equipment")}, {"warning", T("sop.warning")}, {"records", T("sop.records")}, {"actors", T("editor.actors")}}
	for i, st := range d.Steps {
		out = append(out, pathOption{fmt.Sprintf("steps[%d]", i), fmt.Sprintf("%s %d: %s", T("sop.activity"), i+1, st.Activity)})
	}
	return out
}

// transition applies a lifecycle action from the review screen's forms.
func (s *Server) transition(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.reviewable(r, rq)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return esop.Errorf(esop.EINVALID, "Formulir tidak sah.", "The form is not valid.")
	}
	t := esop.Transition{Action: r.PostForm.Get("action"), Note: strings.TrimSpace(r.PostForm.Get("note"))}
	if e := strings.TrimSpace(r.PostForm.Get("effective")); e != "" {
		if t.Effective, err = esop.ParseDate(e); err != nil {
			return s.showReview(w, r, rq, sop, http.StatusUnprocessableEntity, s.msgs.T(rq.lang, "review.baddate"))
		}
	}
	// Approving and withdrawing are asked again, on a page of their own
	// (no script needed): the form's button sends confirm=yes.
	if (t.Action == esop.ActionApprove || t.Action == esop.ActionWithdraw) && r.PostForm.Get("confirm") != "yes" {
		return s.confirmTransition(w, r, rq, sop, t)
	}
	if _, err := s.applyTransition(r, rq, sop, t); err != nil {
		switch esop.ErrorCode(err) {
		case esop.EINVALID, esop.ECONFLICT, esop.EFORBIDDEN:
			return s.showReview(w, r, rq, sop, statusOf(err), esop.ErrorMessage(err, rq.lang))
		}
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/sops/%d/review?done=%s", sop.ID, t.Action), http.StatusSeeOther)
	return nil
}

// applyTransition runs a transition for the requester and refreshes the
// catalogue (api.ApplyTransition).
func (s *Server) applyTransition(r *http.Request, rq *request, sop *esop.SOP, t esop.Transition) (*esop.Version, error) {
	return s.api.ApplyTransition(r, rq.user, sop, t)
}

// addComment records a reviewer's comment on a field or row.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.reviewable(r, rq)
	if err != nil {
		return err
	}
	ok, err := s.may(r.Context(), rq.user, esop.PermComment, sop.Unit)
	if err != nil {
		return err
	}
	if !ok {
		return errForbidden
	}
	if sop.Draft == nil {
		return s.showReview(w, r, rq, sop, http.StatusConflict, s.msgs.T(rq.lang, "review.nothing"))
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return esop.Errorf(esop.EINVALID, "Formulir tidak sah.", "The form is not valid.")
	}
	c := &esop.Comment{VersionID: sop.Draft.ID, Path: r.PostForm.Get("path"), Body: strings.TrimSpace(r.PostForm.Get("body")), Author: rq.user.Username}
	if err := s.store.AddComment(r.Context(), c); err != nil {
		if code := esop.ErrorCode(err); code == esop.EINVALID || code == esop.ECONFLICT {
			return s.showReview(w, r, rq, sop, statusOf(err), esop.ErrorMessage(err, rq.lang))
		}
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/sops/%d/review#comments", sop.ID), http.StatusSeeOther)
	return nil
}

// confirmView is the view model of the page that asks again before an
// approval or a withdrawal.
type confirmView struct {
	SOP       *esop.SOP
	Doc       *esop.Document // as it will be signed (approval) or as it is in force (withdrawal)
	Action    string
	Note      string
	Effective string // the effective date asked for, as sent
}

// confirmTransition checks an approval or a withdrawal as far as it can
// without making it, showing the review screen with the reason when it
// would be refused, and otherwise a page that asks to confirm it.
func (s *Server) confirmTransition(w http.ResponseWriter, r *http.Request, rq *request, sop *esop.SOP, t esop.Transition) error {
	ctx := r.Context()
	a, err := s.requester(ctx, rq.user, sop.Unit)
	if err != nil {
		return err
	}
	v := &confirmView{SOP: sop, Action: t.Action, Note: t.Note}
	if !t.Effective.IsZero() {
		v.Effective = t.Effective.String()
	}
	switch t.Action {
	case esop.ActionApprove:
		v.Doc, err = s.store.PreviewApproval(ctx, sop.ID, a, t)
	default:
		ver := sop.Current
		if ver == nil {
			ver = sop.Pending
		}
		if ver == nil {
			err = esop.Errorf(esop.ECONFLICT, "Tidak ada versi yang disahkan untuk dicabut.", "There is no approved version to withdraw.")
		} else if _, err = esop.NextStatus(ver.Status, t.Action); err == nil {
			err = esop.CheckTransition(a, t, nil)
			v.Doc = ver.Document
		}
	}
	if err != nil {
		switch esop.ErrorCode(err) {
		case esop.EINVALID, esop.ECONFLICT, esop.EFORBIDDEN:
			return s.showReview(w, r, rq, sop, statusOf(err), esop.ErrorMessage(err, rq.lang))
		}
		return err
	}
	s.renderPage(w, r, rq, http.StatusOK, "confirm", v)
	return nil
}

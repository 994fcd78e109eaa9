package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/esop-malang/esop"
)

// The run settings of an SOP as a page (/sops/{id}/run): who performs
// each pelaksana (a position of the organisation, or a party outside the
// office) and how its times are counted, beside the approved text, with
// the same rules as GET/PUT /api/v1/sops/{id}/run-settings.

// runActorRow is a pelaksana on the run settings page.
type runActorRow struct {
	ID, Name string
	Choice   string // "" (follow the document or the position of the same name), "external" or "pos:KEY"
	Resolved string // what a case started today runs it as, in words
	Missing  bool   // internal, with no position: a case cannot start
}

// runPositionOption is a position to choose.
type runPositionOption struct {
	Key, Name string
}

// runSettingsView is the view model of the run settings page.
type runSettingsView struct {
	SOP       *esop.SOP
	Count     string
	Actors    []runActorRow
	Positions []runPositionOption
	MayWrite  bool
	Saved     bool
	Error     string
	Problems  []string
}

func (s *Server) runSettingsView(r *http.Request, rq *request, sop *esop.SOP) (*runSettingsView, error) {
	ctx := r.Context()
	set, err := s.store.SOPRunSettings(ctx, sop.ID)
	if err != nil {
		return nil, err
	}
	actors, err := s.store.SOPActors(ctx, sop.ID, s.today())
	if err != nil {
		return nil, err
	}
	positions, err := s.store.FindPositions(ctx, esop.PositionFilter{On: s.today()})
	if err != nil {
		return nil, err
	}
	v := &runSettingsView{SOP: sop, Count: set.CountOrDefault(), Saved: r.URL.Query().Get("saved") == "1"}
	names := map[string]string{}
	for _, p := range positions {
		if !p.ValidOn(s.today()) {
			continue
		}
		v.Positions = append(v.Positions, runPositionOption{Key: p.Key, Name: p.Name})
		names[p.Key] = p.Name
	}
	slices.SortFunc(v.Positions, func(a, b runPositionOption) int { return strings.Compare(a.Name, b.Name) })
	for _, a := range actors {
		row := runActorRow{ID: a.ID, Name: a.Name}
		if st, ok := set.Actors[a.ID]; ok {
			switch {
			case st.External != nil && *st.External:
				row.Choice = "external"
			case st.Position != nil && *st.Position != "":
				row.Choice = "pos:" + *st.Position
			}
		}
		switch {
		case a.External:
			row.Resolved = rq.T(s, "run.resolved.external")
		case a.Position != "":
			row.Resolved = cmpOr(names[a.Position], a.Position)
		default:
			row.Resolved, row.Missing = rq.T(s, "run.resolved.none"), true
		}
		v.Actors = append(v.Actors, row)
	}
	if v.MayWrite, err = s.mayWriteRunSettings(r, rq, sop); err != nil {
		return nil, err
	}
	return v, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// mayWriteRunSettings reports whether the user may change them (the
// rule of PUT /api/v1/sops/{id}/run-settings).
func (s *Server) mayWriteRunSettings(r *http.Request, rq *request, sop *esop.SOP) (bool, error) {
	_, err := s.api.RunSettingsSOP(r, rq.user, true)
	switch esop.ErrorCode(err) {
	case "":
		return true, nil
	case esop.EFORBIDDEN, esop.ENOTFOUND:
		return false, nil
	}
	return false, err
}

func (s *Server) runSettingsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.api.RunSettingsSOP(r, rq.user, false)
	if err != nil {
		return err
	}
	v, err := s.runSettingsView(r, rq, sop)
	if err != nil {
		return err
	}
	s.renderPage(w, r, rq, http.StatusOK, "case_settings", v)
	return nil
}

func (s *Server) saveRunSettings(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.api.RunSettingsSOP(r, rq.user, true)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCaseForm)
	if err := r.ParseForm(); err != nil {
		return esop.Errorf(esop.EINVALID, "Formulir tidak dapat dibaca.", "The form cannot be read.")
	}
	set := &esop.RunSettings{Count: r.PostForm.Get("count"), Actors: map[string]esop.ActorSetting{}}
	for key, vals := range r.PostForm {
		id, ok := strings.CutPrefix(key, "actor.")
		if !ok || len(vals) == 0 {
			continue
		}
		yes, no := true, false
		switch choice := vals[0]; {
		case choice == "external":
			set.Actors[id] = esop.ActorSetting{External: &yes}
		case strings.HasPrefix(choice, "pos:"):
			pos := strings.TrimPrefix(choice, "pos:")
			set.Actors[id] = esop.ActorSetting{External: &no, Position: &pos}
		}
	}
	err = s.store.SetSOPRunSettings(r.Context(), sop.ID, set)
	if err == nil {
		s.log.Info("run settings saved", "sop", sop.ID, "by", rq.user.Username)
		http.Redirect(w, r, fmt.Sprintf("/sops/%d/run?saved=1", sop.ID), http.StatusSeeOther)
		return nil
	}
	if esop.ErrorCode(err) != esop.EINVALID {
		return err
	}
	v, verr := s.runSettingsView(r, rq, sop)
	if verr != nil {
		return verr
	}
	v.Error = esop.ErrorMessage(err, rq.lang)
	var e *esop.Error
	if errors.As(err, &e) {
		for _, p := range e.Problems {
			v.Problems = append(v.Problems, p.Message.In(rq.lang))
		}
	}
	s.renderPage(w, r, rq, http.StatusUnprocessableEntity, "case_settings", v)
	return nil
}

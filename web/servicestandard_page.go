package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// The screens of the service standards (issue 13 points 4 and 5): the
// dashboard's card of mismatches per unit, the register, the edit form
// with the check beside it, and the public page of each service.

// unitMismatches is the dashboard's card of one unit: its standards that
// do not agree with their SOPs.
type unitMismatches struct {
	Unit      string
	Standards []standardMismatch
}

type standardMismatch struct {
	ID       int64
	Name     string
	Findings []esop.ServiceFinding
}

// standardMismatches returns, per unit, the standards u looks after (may
// edit, or may analyse the unit) whose check finds a mismatch.
func (s *Server) standardMismatches(ctx context.Context, u *esop.User) ([]unitMismatches, error) {
	rows, err := s.api.ReadableStandards(ctx, u)
	if err != nil {
		return nil, err
	}
	var mine []standardRow
	for _, row := range rows {
		edit, err := s.api.MayEditStandard(ctx, u, row.SOP.Unit)
		if err != nil {
			return nil, err
		}
		analyse := false
		if !edit {
			if analyse, err = s.may(ctx, u, esop.PermAnalyse, row.SOP.Unit); err != nil {
				return nil, err
			}
		}
		if edit || analyse {
			mine = append(mine, row)
		}
	}
	checks, err := s.api.CheckStandards(ctx, mine)
	if err != nil {
		return nil, err
	}
	var out []unitMismatches
	at := map[string]int{}
	for _, row := range mine {
		c, ok := checks[row.Std.ID]
		if !ok || c.OK {
			continue
		}
		i, ok := at[row.SOP.Unit]
		if !ok {
			i = len(out)
			at[row.SOP.Unit] = i
			out = append(out, unitMismatches{Unit: row.SOP.Unit})
		}
		out[i].Standards = append(out[i].Standards, standardMismatch{ID: row.Std.ID, Name: row.Std.Name, Findings: c.Findings})
	}
	return out, nil
}

// In returns a text in the page's language.
func (v view) In(t esop.Text) string { return t.In(v.Lang) }

// Component names a component of a service standard in the page's language.
func (v view) Component(key string) string { return esop.ServiceComponentNames[key].In(v.Lang) }

// standardListView is the view model of the register (/standar-pelayanan).
type standardListView struct {
	Rows    []standardListRow
	MayAdd  bool
	Created int64 // the standard just registered, from ?saved=
}

type standardListRow struct {
	Std       *esop.ServiceStandard
	SOP       *esop.SOP
	Duration  string
	Findings  int
	Checked   bool
	Published bool
}

func (s *Server) standardsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	rows, err := s.api.ReadableStandards(r.Context(), rq.user)
	if err != nil {
		return err
	}
	checks, err := s.api.CheckStandards(r.Context(), rows)
	if err != nil {
		return err
	}
	v := &standardListView{}
	for _, row := range rows {
		c, ok := checks[row.Std.ID]
		v.Rows = append(v.Rows, standardListRow{Std: row.Std, SOP: row.SOP, Duration: row.Std.Components.Duration.Duration().In(rq.lang),
			Findings: len(c.Findings), Checked: ok, Published: row.SOP.Published() != nil})
	}
	if v.MayAdd, err = s.maySomewhere(r.Context(), rq.user, esop.PermServiceStandard); err != nil {
		return err
	}
	s.renderPage(w, r, rq, http.StatusOK, "standards", v)
	return nil
}

// standardForm is the edit form as typed: lists one item a line.
type standardForm struct {
	SOP                                                                  string
	Name, Maklumat                                                       string
	Requirements, LegalBasis, Facilities, Competence                     string
	Procedure, Cost, Product, Complaints, Supervision, Guarantee, Safety string
	Evaluation, DurationValue, DurationUnit, Staffing                    string
	Revision                                                             int
}

func formOf(std *esop.ServiceStandard) standardForm {
	c := std.Components
	f := standardForm{SOP: strconv.FormatInt(std.SOPID, 10), Name: std.Name, Maklumat: std.Maklumat,
		Requirements: strings.Join(c.Requirements, "\n"), LegalBasis: strings.Join(c.LegalBasis, "\n"),
		Facilities: strings.Join(c.Facilities, "\n"), Competence: strings.Join(c.Competence, "\n"),
		Procedure: c.Procedure, Cost: c.Cost, Product: c.Product, Complaints: c.Complaints, Supervision: c.Supervision,
		Guarantee: c.Guarantee, Safety: c.Safety, Evaluation: c.Evaluation, DurationUnit: c.Duration.Unit, Revision: std.Revision}
	if c.Duration.Value > 0 {
		f.DurationValue = strconv.FormatFloat(c.Duration.Value, 'f', -1, 64)
	}
	if c.Staffing > 0 {
		f.Staffing = strconv.Itoa(c.Staffing)
	}
	return f
}

// standard returns the standard the form describes and the problems of
// what could not be read (a number that is not one).
func (f standardForm) standard() (*esop.ServiceStandard, esop.Problems) {
	var ps esop.Problems
	std := &esop.ServiceStandard{Name: f.Name, Maklumat: f.Maklumat, Components: esop.ServiceComponents{
		Requirements: lines(f.Requirements), LegalBasis: lines(f.LegalBasis), Facilities: lines(f.Facilities), Competence: lines(f.Competence),
		Procedure: f.Procedure, Cost: f.Cost, Product: f.Product, Complaints: f.Complaints, Supervision: f.Supervision,
		Guarantee: f.Guarantee, Safety: f.Safety, Evaluation: f.Evaluation, Duration: esop.ServiceDuration{Unit: f.DurationUnit}}}
	std.SOPID, _ = strconv.ParseInt(f.SOP, 10, 64)
	bad := func(path, id, en string) {
		ps = append(ps, esop.Problem{Path: path, Severity: esop.SeverityError, Code: "number", Message: esop.Text{ID: id, EN: en}})
	}
	if v := strings.TrimSpace(strings.Replace(f.DurationValue, ",", ".", 1)); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			bad("components.duration.value", "jangka waktu harus angka, misalnya 15 atau 0,5", "the service time must be a number, for example 15 or 0.5")
		}
		std.Components.Duration.Value = x
	}
	if v := strings.TrimSpace(f.Staffing); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			bad("components.staffing", "jumlah pelaksana harus bilangan bulat", "the number of staff must be a whole number")
			n = 1 // reported once, as not a number
		}
		std.Components.Staffing = n
	}
	return std, ps
}

// standardEditView is the view model of the new and edit forms.
type standardEditView struct {
	Std      *esop.ServiceStandard // nil for a new one
	SOP      *esop.SOP             // of an existing standard
	Form     standardForm
	SOPs     []*esop.SOP // for a new one: published SOPs of units the user edits, without a standard
	Units    []string    // TimeUnits
	MayEdit  bool
	Saved    bool
	Error    string
	Problems map[string][]string
	Check    *checkJSON
}

// At returns the problems of a field.
func (v *standardEditView) At(path string) []string { return v.Problems[path] }

// UnitName names a time unit in the page's language.
func (v *standardEditView) UnitName(lang, unit string) string {
	return strings.TrimPrefix((&esop.Duration{Value: 1, Unit: unit}).In(lang), "1 ")
}

func (v *standardEditView) setError(err error, lang string) {
	v.Error = esop.ErrorMessage(err, lang)
	var e *esop.Error
	if errors.As(err, &e) {
		for _, p := range e.Problems {
			v.Problems[p.Path] = append(v.Problems[p.Path], p.Message.In(lang))
		}
	}
}

func (s *Server) newStandardView() *standardEditView {
	return &standardEditView{Units: esop.TimeUnits, Problems: map[string][]string{}}
}

// candidateSOPs returns the SOPs u may register a standard for: published,
// of a unit u may edit the standards of, without one.
func (s *Server) candidateSOPs(ctx context.Context, u *esop.User) ([]*esop.SOP, error) {
	sops, _, err := s.store.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		return nil, err
	}
	stds, err := s.store.FindServiceStandards(ctx)
	if err != nil {
		return nil, err
	}
	has := map[int64]bool{}
	for _, st := range stds {
		has[st.SOPID] = true
	}
	var out []*esop.SOP
	for _, sop := range sops {
		if sop.Published() == nil || has[sop.ID] {
			continue
		}
		if ok, err := s.api.MayEditStandard(ctx, u, sop.Unit); err != nil {
			return nil, err
		} else if ok {
			out = append(out, sop)
		}
	}
	return out, nil
}

func (s *Server) newStandardForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if ok, err := s.maySomewhere(r.Context(), rq.user, esop.PermServiceStandard); err != nil || !ok {
		return firstErr(err, errNotStandardEditor)
	}
	v := s.newStandardView()
	v.MayEdit = true
	v.Form.SOP = r.URL.Query().Get("sop")
	return s.showStandardForm(w, r, rq, http.StatusOK, v)
}

func (s *Server) showStandardForm(w http.ResponseWriter, r *http.Request, rq *request, status int, v *standardEditView) error {
	if v.Std == nil {
		var err error
		if v.SOPs, err = s.candidateSOPs(r.Context(), rq.user); err != nil {
			return err
		}
	}
	s.renderPage(w, r, rq, status, "standard", v)
	return nil
}

// readStandardForm parses the posted form.
func readStandardForm(w http.ResponseWriter, r *http.Request) (standardForm, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		return standardForm{}, esop.Errorf(esop.EINVALID, "Formulir tidak sah.", "The form is not valid.")
	}
	g := func(k string) string { return r.PostForm.Get(k) }
	f := standardForm{SOP: g("sop"), Name: g("name"), Maklumat: g("maklumat"), Requirements: g("requirements"),
		LegalBasis: g("legalBasis"), Facilities: g("facilities"), Competence: g("competence"), Procedure: g("procedure"),
		Cost: g("cost"), Product: g("product"), Complaints: g("complaints"), Supervision: g("supervision"),
		Guarantee: g("guarantee"), Safety: g("safety"), Evaluation: g("evaluation"), DurationValue: g("durationValue"),
		DurationUnit: g("durationUnit"), Staffing: g("staffing")}
	f.Revision, _ = strconv.Atoi(g("revision"))
	return f, nil
}

// storeStandard saves through save unless the form has problems of its
// own, which are returned with the standard's own problems, unsaved.
func storeStandard(std *esop.ServiceStandard, formPs esop.Problems, save func() error) error {
	if len(formPs) > 0 {
		probe := *std
		probe.Normalize()
		ps := formPs
		for _, p := range probe.Validate() {
			if !slices.ContainsFunc(formPs, func(q esop.Problem) bool { return q.Path == p.Path }) {
				ps = append(ps, p)
			}
		}
		e := esop.Errorf(esop.EINVALID, "Standar pelayanan tidak sah.", "The service standard is not valid.")
		e.Problems = ps
		return e
	}
	return save()
}

func (s *Server) createStandardPost(w http.ResponseWriter, r *http.Request, rq *request) error {
	if ok, err := s.maySomewhere(r.Context(), rq.user, esop.PermServiceStandard); err != nil || !ok {
		return firstErr(err, errNotStandardEditor)
	}
	f, err := readStandardForm(w, r)
	if err != nil {
		return err
	}
	std, formPs := f.standard()
	v := s.newStandardView()
	v.MayEdit, v.Form = true, f
	if std.SOPID > 0 {
		sop, err := s.store.FindSOPByID(r.Context(), std.SOPID)
		if err != nil && esop.ErrorCode(err) != esop.ENOTFOUND {
			return err
		}
		if sop != nil {
			if ok, err := s.api.MayEditStandard(r.Context(), rq.user, sop.Unit); err != nil || !ok {
				return firstErr(err, errNotStandardEditor)
			}
		}
	}
	var created *esop.ServiceStandard
	err = storeStandard(std, formPs, func() (err error) {
		created, err = s.store.CreateServiceStandard(r.Context(), std)
		return err
	})
	switch esop.ErrorCode(err) {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/standar-pelayanan/%d?saved=1", created.ID), http.StatusSeeOther)
		return nil
	case esop.EINVALID, esop.ECONFLICT:
		v.setError(err, rq.lang)
		status := http.StatusUnprocessableEntity
		if esop.ErrorCode(err) == esop.ECONFLICT {
			status = http.StatusConflict
		}
		return s.showStandardForm(w, r, rq, status, v)
	}
	return err
}

// pageStandard returns the standard of the path for a page, as the API's
// readableStandard does, with whether u may edit it.
func (s *Server) pageStandard(r *http.Request, rq *request) (*esop.ServiceStandard, *esop.SOP, bool, error) {
	std, sop, err := s.api.ReadableStandard(r, rq.user)
	if err != nil {
		return nil, nil, false, err
	}
	edit, err := s.api.MayEditStandard(r.Context(), rq.user, sop.Unit)
	return std, sop, edit, err
}

func (s *Server) standardPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	std, sop, edit, err := s.pageStandard(r, rq)
	if err != nil {
		return err
	}
	v := s.newStandardView()
	v.Std, v.SOP, v.MayEdit, v.Form, v.Saved = std, sop, edit, formOf(std), r.URL.Query().Get("saved") == "1"
	if err := s.fillCheck(r, rq, v); err != nil {
		return err
	}
	return s.showStandardForm(w, r, rq, http.StatusOK, v)
}

// fillCheck puts the check of the stored standard beside the form.
func (s *Server) fillCheck(r *http.Request, rq *request, v *standardEditView) error {
	checks, err := s.api.CheckStandards(r.Context(), []standardRow{{Std: v.Std, SOP: v.SOP}})
	if err != nil {
		return err
	}
	if c, ok := checks[v.Std.ID]; ok {
		j := checkIn(c, rq.lang)
		v.Check = &j
	}
	return nil
}

func (s *Server) saveStandardPost(w http.ResponseWriter, r *http.Request, rq *request) error {
	std, sop, edit, err := s.pageStandard(r, rq)
	if err != nil {
		return err
	}
	if !edit {
		return errNotStandardEditor
	}
	f, err := readStandardForm(w, r)
	if err != nil {
		return err
	}
	in, formPs := f.standard()
	in.ID, in.SOPID = std.ID, std.SOPID
	err = storeStandard(in, formPs, func() error {
		_, err := s.store.UpdateServiceStandard(r.Context(), in, f.Revision)
		return err
	})
	switch code := esop.ErrorCode(err); code {
	case "":
		http.Redirect(w, r, fmt.Sprintf("/standar-pelayanan/%d?saved=1", std.ID), http.StatusSeeOther)
		return nil
	case esop.EINVALID, esop.ECONFLICT:
		v := s.newStandardView()
		v.Std, v.SOP, v.MayEdit, v.Form = std, sop, true, f
		v.Form.SOP = strconv.FormatInt(std.SOPID, 10)
		status := http.StatusUnprocessableEntity
		if code == esop.ECONFLICT {
			// Someone saved first: show what is stored now, and say so.
			status, v.Form = http.StatusConflict, formOf(std)
		}
		v.setError(err, rq.lang)
		if err := s.fillCheck(r, rq, v); err != nil {
			return err
		}
		return s.showStandardForm(w, r, rq, status, v)
	}
	return err
}

// publicStandardView is the view model of the public page of a service.
type publicStandardView struct {
	Std      *esop.ServiceStandard
	SOP      *esop.SOP
	Doc      *esop.Document
	Maklumat string
	Duration string
	Signer   *esop.Approval
}

// publicStandardPage is the page of a service for the public (/layanan/{id}):
// the maklumat pelayanan and the fourteen components, printable.
func (s *Server) publicStandardPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	std, sop, err := s.api.ReadableStandard(r, rq.user)
	if err != nil {
		return err
	}
	v := &publicStandardView{Std: std, SOP: sop, Doc: standardDoc(sop), Duration: std.Components.Duration.Duration().In(rq.lang)}
	v.Maklumat = std.Maklumat
	if v.Maklumat == "" {
		v.Maklumat = esop.DefaultMaklumat.In(rq.lang)
	}
	if v.Doc != nil {
		v.Signer = v.Doc.Approval
	}
	s.renderPage(w, r, rq, http.StatusOK, "service", v)
	return nil
}

package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/api"
)

// The page of one employee's competence records
// (/analysis/competence/employees/{nip}): the list, a form to add one and
// a button to delete one. Who: as the API (api/competence_records.go).

// recordsView is the view model of the page.
type recordsView struct {
	Employee *esop.Employee
	Records  []esop.CompetenceRecord
	MayEdit  bool
	In       esop.RecordInput
	Problems map[string][]string
	Error    string
	Done     string
	Types    []string
	Kinds    []string
	Today    string
}

// At returns the messages of a field.
func (v *recordsView) At(field string) []string { return v.Problems[field] }

// Expiry prints an expiry, "—" for none.
func (v *recordsView) Expiry(d *esop.Date) string {
	if d == nil {
		return "—"
	}
	return d.String()
}

func (s *Server) recordsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.showRecords(w, r, rq, http.StatusOK, &recordsView{Done: r.URL.Query().Get("done")})
}

// showRecords renders the page with v's form and messages.
func (s *Server) showRecords(w http.ResponseWriter, r *http.Request, rq *request, status int, v *recordsView) error {
	a, err := s.api.EmployeeFor(r.Context(), rq.user, r.PathValue("nip"))
	if err != nil {
		return err
	}
	list, err := s.store.CompetenceRecords(r.Context(), a.Employee.ID)
	if err != nil {
		return err
	}
	v.Employee, v.Records, v.MayEdit = a.Employee, list, a.Edit
	v.Types, v.Kinds, v.Today = esop.RecordTypes, esop.CompetenceKinds, s.today().String()
	if v.In.Type == "" {
		v.In.Type = esop.RecordTraining
	}
	if v.In.Kind == "" {
		v.In.Kind = esop.CompetenceTeknis
	}
	s.renderPage(w, r, rq, status, "competence_records", v)
	return nil
}

// recordsURL is the address of an employee's records page.
func recordsURL(nip string) string {
	return "/analysis/competence/employees/" + url.PathEscape(nip)
}

// addRecordPost adds a record from the form; a bad one shows the form
// again with each problem beside its field, nothing saved.
func (s *Server) addRecordPost(w http.ResponseWriter, r *http.Request, rq *request) error {
	a, err := s.api.Keeper(r, rq.user)
	if err != nil {
		return err
	}
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	in := esop.RecordInput{Type: f.Get("type"), Title: f.Get("title"), Kind: f.Get("kind"), Issuer: f.Get("issuer"),
		Date: f.Get("date"), Expiry: f.Get("expiry"), Evidence: f.Get("evidence")}
	rec, ps := in.Record(s.today())
	if len(ps) == 0 {
		rec.EmployeeID = a.Employee.ID
		err = s.store.CreateCompetenceRecord(r.Context(), &rec)
	} else {
		err = api.RecordProblems(ps)
	}
	if err == nil {
		http.Redirect(w, r, recordsURL(a.Employee.NIP)+"?done=added", http.StatusSeeOther)
		return nil
	}
	var e *esop.Error
	if !errors.As(err, &e) || e.Code != esop.EINVALID {
		return err
	}
	v := &recordsView{In: in, Problems: map[string][]string{}, Error: e.Message.In(rq.lang)}
	for _, p := range e.Problems {
		v.Problems[p.Path] = append(v.Problems[p.Path], p.Message.In(rq.lang))
	}
	return s.showRecords(w, r, rq, http.StatusUnprocessableEntity, v)
}

// deleteRecordPost deletes a record.
func (s *Server) deleteRecordPost(w http.ResponseWriter, r *http.Request, rq *request) error {
	a, err := s.api.Keeper(r, rq.user)
	if err != nil {
		return err
	}
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return api.ErrNoRecord
	}
	if err := s.store.DeleteCompetenceRecord(r.Context(), a.Employee.ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, recordsURL(a.Employee.NIP)+"?done=deleted", http.StatusSeeOther)
	return nil
}

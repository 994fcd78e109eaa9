package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// Absences over the API: recorded and removed by an administrator or by
// the head of a unit where the employee holds a position (or of a unit
// above it); the store then gives the employee's open tasks to whoever
// acts for them.

var errNotHead = esop.Errorf(esop.EFORBIDDEN, "Hanya administrator atau kepala unit pegawai ini yang dapat mencatat ketidakhadirannya.",
	"Only an administrator or the head of this employee's unit can record their absence.")

// mayRecordAbsence reports whether u may record or remove absences of
// the employee: esop.PermRecordAbsence for a unit where the employee holds
// a position today (an administrator; the head of that unit or of a unit
// above it).
func (s *API) mayRecordAbsence(ctx context.Context, u *esop.User, employeeID int64) (bool, error) {
	if ok, err := s.MayIn(ctx, u, esop.PermRecordAbsence, 0); err != nil || ok {
		return ok, err // an administrator
	}
	if u.EmployeeID == 0 {
		return false, nil
	}
	held, err := s.store.HeldPositions(ctx, employeeID, s.Today())
	if err != nil || len(held) == 0 {
		return false, err
	}
	positions, err := s.store.FindPositions(ctx, esop.PositionFilter{})
	if err != nil {
		return false, err
	}
	for _, p := range positions {
		if !slices.Contains(held, p.Key) {
			continue
		}
		if ok, err := s.MayIn(ctx, u, esop.PermRecordAbsence, p.UnitID); err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

// mayRecordAny reports whether u could record anyone's absence at all:
// an administrator, or the head of some unit.
func (s *API) mayRecordAny(ctx context.Context, u *esop.User) (bool, error) {
	return s.MaySomewhere(ctx, u, esop.PermRecordAbsence)
}

func absenceJSON(a *esop.Absence) map[string]any {
	return map[string]any{"id": a.ID, "nip": esop.FormatNIP(a.NIP), "name": a.Name, "from": a.From, "to": a.To, "kind": a.Kind,
		"createdBy": a.CreatedBy, "createdAt": a.CreatedAt}
}

func (s *API) apiCreateAbsence(w http.ResponseWriter, r *http.Request, rq *Request) error {
	if ok, err := s.mayRecordAny(r.Context(), rq.User); err != nil || !ok {
		return httpx.FirstErr(err, errNotHead)
	}
	var in struct {
		NIP  string `json:"nip"`
		From string `json:"from"`
		To   string `json:"to"`
		Kind string `json:"kind"`
	}
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	a := &esop.Absence{NIP: in.NIP, Kind: in.Kind}
	var ps esop.Problems
	for _, f := range []struct {
		path, value string
		into        *esop.Date
	}{{"from", in.From, &a.From}, {"to", in.To, &a.To}} {
		d, err := esop.ParseDate(f.value)
		if err != nil {
			ps = append(ps, esop.Problem{Path: f.path, Severity: esop.SeverityError, Code: "date", Message: esop.Text{
				ID: fmt.Sprintf("%q bukan tanggal yang sah (TTTT-BB-HH)", f.value), EN: fmt.Sprintf("%q is not a real date (YYYY-MM-DD)", f.value)}})
		}
		*f.into = d
	}
	if len(ps) == 0 {
		ps = a.Validate()
	}
	if ps.HasErrors() {
		e := esop.Errorf(esop.EINVALID, "Ketidakhadiran tidak sah.", "The absence is not valid.")
		e.Problems = ps
		return e
	}
	emp, err := s.store.FindEmployeeByNIP(r.Context(), in.NIP)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return httpx.Invalid("nip", fmt.Sprintf("tidak ada pegawai dengan NIP %q", in.NIP), fmt.Sprintf("no employee has NIP %q", in.NIP))
	}
	if err != nil {
		return err
	}
	if ok, err := s.mayRecordAbsence(r.Context(), rq.User, emp.ID); err != nil || !ok {
		return httpx.FirstErr(err, errNotHead)
	}
	if err := s.store.CreateAbsence(r.Context(), a); err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/absences/%d", a.ID))
	httpx.WriteJSON(w, http.StatusCreated, absenceJSON(a))
	return nil
}

// apiAbsences lists absences: every one for an administrator; those of
// one employee (nip=…) for the head of their unit.
func (s *API) apiAbsences(w http.ResponseWriter, r *http.Request, rq *Request) error {
	f := esop.AbsenceFilter{}
	if nip := r.URL.Query().Get("nip"); nip != "" {
		emp, err := s.store.FindEmployeeByNIP(r.Context(), nip)
		if esop.ErrorCode(err) == esop.ENOTFOUND {
			return httpx.Invalid("nip", fmt.Sprintf("tidak ada pegawai dengan NIP %q", nip), fmt.Sprintf("no employee has NIP %q", nip))
		}
		if err != nil {
			return err
		}
		f.EmployeeID = emp.ID
	}
	var ok bool
	var err error
	if f.EmployeeID != 0 {
		ok, err = s.mayRecordAbsence(r.Context(), rq.User, f.EmployeeID)
	} else {
		ok, err = s.MayIn(r.Context(), rq.User, esop.PermRecordAbsence, 0)
	}
	if err != nil || !ok {
		return httpx.FirstErr(err, errNotHead)
	}
	list, err := s.store.FindAbsences(r.Context(), f)
	if err != nil {
		return err
	}
	out := []map[string]any{}
	for _, a := range list {
		out = append(out, absenceJSON(a))
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"total": len(out), "items": out})
	return nil
}

func (s *API) apiDeleteAbsence(w http.ResponseWriter, r *http.Request, rq *Request) error {
	notFound := esop.Errorf(esop.ENOTFOUND, "Ketidakhadiran tidak ditemukan.", "The absence does not exist.")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return notFound
	}
	if ok, err := s.mayRecordAny(r.Context(), rq.User); err != nil || !ok {
		return httpx.FirstErr(err, errNotHead)
	}
	list, err := s.store.FindAbsences(r.Context(), esop.AbsenceFilter{ID: id})
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return notFound
	}
	if ok, err := s.mayRecordAbsence(r.Context(), rq.User, list[0].EmployeeID); err != nil || !ok {
		return httpx.FirstErr(err, errNotHead)
	}
	if err := s.store.DeleteAbsence(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

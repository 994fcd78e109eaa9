package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// Employees' competence records over the API (issue 13, point 2):
// /api/v1/employees/{nip}/competences. Who keeps an employee's records
// (esop.PermEditCompetence): an administrator, or the head of the unit
// of a position the employee holds today (definitif) or of a unit above
// it. Who reads them: those, the analysts of such a unit
// (esop.PermAnalyse) and the employee.

var (
	errNoEmployee = esop.Errorf(esop.ENOTFOUND, "Pegawai tidak ditemukan.", "Employee not found.")
	errNotKeeper  = esop.Errorf(esop.EFORBIDDEN,
		"Hanya administrator atau kepala unit pegawai ini yang dapat mengubah catatan kompetensinya.",
		"Only an administrator or the head of this employee's unit can change their competence records.")
	ErrNoRecord = esop.Errorf(esop.ENOTFOUND, "Catatan kompetensi tidak ditemukan.", "Competence record not found.")
)

// employeeUnits returns the units of the positions e holds today as definitif.
func (s *API) employeeUnits(ctx context.Context, e *esop.Employee) ([]int64, error) {
	day := s.Today()
	as, err := s.store.FindAssignments(ctx, esop.AssignmentFilter{EmployeeID: e.ID, On: day})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, nil
	}
	ps, err := s.store.FindPositions(ctx, esop.PositionFilter{On: day})
	if err != nil {
		return nil, err
	}
	unit := make(map[int64]int64, len(ps))
	for _, p := range ps {
		unit[p.ID] = p.UnitID
	}
	var out []int64
	for _, a := range as {
		if u, ok := unit[a.PositionID]; ok && a.Capacity == esop.CapacityDefinitif {
			out = append(out, u)
		}
	}
	return out, nil
}

// EmployeeAccess is what u may do with an employee's records.
type EmployeeAccess struct {
	Employee   *esop.Employee
	Units      []int64
	Read, Edit bool
}

// EmployeeFor finds the employee of nip and what u may do with their
// records: ENOTFOUND for an unknown NIP to whoever keeps or analyses
// records somewhere, EFORBIDDEN to anyone else and to whoever may not
// read these.
func (s *API) EmployeeFor(ctx context.Context, u *esop.User, nip string) (*EmployeeAccess, error) {
	e, err := s.store.FindEmployeeByNIP(ctx, nip)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		keeps, err1 := s.MaySomewhere(ctx, u, esop.PermEditCompetence)
		analyses, err2 := s.MaySomewhere(ctx, u, esop.PermAnalyse)
		if err := httpx.FirstErr(err1, err2); err != nil {
			return nil, err
		}
		if keeps || analyses {
			return nil, errNoEmployee
		}
		return nil, errNotKeeper
	}
	if err != nil {
		return nil, err
	}
	units, err := s.employeeUnits(ctx, e)
	if err != nil {
		return nil, err
	}
	a := &EmployeeAccess{Employee: e, Units: units}
	scopes := units
	if len(scopes) == 0 {
		scopes = []int64{0} // no post: the grants for every unit only
	}
	for _, id := range scopes {
		if !a.Edit {
			if a.Edit, err = s.MayIn(ctx, u, esop.PermEditCompetence, id); err != nil {
				return nil, err
			}
		}
		if !a.Read {
			if a.Read, err = s.MayIn(ctx, u, esop.PermAnalyse, id); err != nil {
				return nil, err
			}
		}
	}
	a.Read = a.Read || a.Edit || u != nil && u.EmployeeID == e.ID
	if !a.Read {
		return nil, errNotKeeper
	}
	return a, nil
}

// employeeRecords is the body of GET /api/v1/employees/{nip}/competences.
type employeeRecords struct {
	NIP     string                  `json:"nip"`
	Name    string                  `json:"name"`
	MayEdit bool                    `json:"mayEdit"`
	Records []esop.CompetenceRecord `json:"records"`
}

func (s *API) apiCompetenceRecords(w http.ResponseWriter, r *http.Request, rq *Request) error {
	a, err := s.EmployeeFor(r.Context(), rq.User, r.PathValue("nip"))
	if err != nil {
		return err
	}
	list, err := s.store.CompetenceRecords(r.Context(), a.Employee.ID)
	if err != nil {
		return err
	}
	if list == nil {
		list = []esop.CompetenceRecord{}
	}
	httpx.WriteJSON(w, http.StatusOK, employeeRecords{NIP: a.Employee.NIP, Name: a.Employee.Name, MayEdit: a.Edit, Records: list})
	return nil
}

// RecordProblems wraps the problems of a record in an EINVALID error.
func RecordProblems(ps esop.Problems) error {
	e := esop.Errorf(esop.EINVALID, "Catatan kompetensi tidak sah.", "The competence record is not valid.")
	e.Problems = ps
	return e
}

// Keeper returns the employee of the path's {nip} whose records u may
// change (for the records page too).
func (s *API) Keeper(r *http.Request, u *esop.User) (*EmployeeAccess, error) {
	a, err := s.EmployeeFor(r.Context(), u, r.PathValue("nip"))
	if err != nil {
		return nil, err
	}
	if !a.Edit {
		return nil, errNotKeeper
	}
	return a, nil
}

// readRecord reads a record from the request's JSON body.
func (s *API) readRecord(w http.ResponseWriter, r *http.Request) (esop.CompetenceRecord, error) {
	var in esop.RecordInput
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return esop.CompetenceRecord{}, err
	}
	rec, ps := in.Record(s.Today())
	if len(ps) > 0 {
		return rec, RecordProblems(ps)
	}
	return rec, nil
}

// apiCreateCompetenceRecord: POST a record → 201 with the record.
func (s *API) apiCreateCompetenceRecord(w http.ResponseWriter, r *http.Request, rq *Request) error {
	a, err := s.Keeper(r, rq.User)
	if err != nil {
		return err
	}
	rec, err := s.readRecord(w, r)
	if err != nil {
		return err
	}
	rec.EmployeeID = a.Employee.ID
	if err := s.store.CreateCompetenceRecord(r.Context(), &rec); err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusCreated, rec)
	return nil
}

// recordID parses the path's {id}.
func recordID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, ErrNoRecord
	}
	return id, nil
}

// apiUpdateCompetenceRecord: PUT a whole record → 200 with it.
func (s *API) apiUpdateCompetenceRecord(w http.ResponseWriter, r *http.Request, rq *Request) error {
	a, err := s.Keeper(r, rq.User)
	if err != nil {
		return err
	}
	id, err := recordID(r)
	if err != nil {
		return err
	}
	rec, err := s.readRecord(w, r)
	if err != nil {
		return err
	}
	rec.ID, rec.EmployeeID = id, a.Employee.ID
	if err := s.store.UpdateCompetenceRecord(r.Context(), &rec); err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, rec)
	return nil
}

// apiDeleteCompetenceRecord: DELETE → 204.
func (s *API) apiDeleteCompetenceRecord(w http.ResponseWriter, r *http.Request, rq *Request) error {
	a, err := s.Keeper(r, rq.User)
	if err != nil {
		return err
	}
	id, err := recordID(r)
	if err != nil {
		return err
	}
	if err := s.store.DeleteCompetenceRecord(r.Context(), a.Employee.ID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

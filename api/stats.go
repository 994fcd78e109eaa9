package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/access"
	"github.com/esop-malang/esop/internal/httpx"
)

// Performance figures (issue 12): GET /api/v1/stats. Who reads whose
// figures, by esop.PermReadStats: administrators and auditors for every
// unit (or the units of their grant), the head of a unit (definitif, Plt
// or Plh, today) for it and the units below it; every official their
// own figures (employee= their own, or no filter at all when they may
// read no unit's). Another employee's figures are answered only to who
// may read a unit where that employee holds a post today, and only with
// the work done in the units the reader may read; to anyone else the
// employee does not exist (404).

// statsParams are the query parameters the figures take.
var statsParams = []string{"sop", "unit", "position", "employee", "from", "to", "by"}

var errNoStats = esop.Errorf(esop.EFORBIDDEN,
	"Anda hanya dapat melihat angka kinerja Anda sendiri; angka unit hanya untuk kepala unit, auditor dan administrator.",
	"You can see only your own performance figures; a unit's are for its head, auditors and administrators.")

// StatsScope is a resolved request for figures and what it is about.
type StatsScope struct {
	Query    esop.StatsQuery
	Unit     *esop.Unit     // unit=, or nil
	Employee *esop.Employee // employee=, or nil
	Own      bool           // the reader's own figures
	SOP      *esop.SOP      // sop=, or nil
}

// VisibleStatsUnits returns the units whose figures u may read: nil for
// every unit, else the list (possibly empty).
func (s *API) VisibleStatsUnits(ctx context.Context, u *esop.User) ([]int64, error) {
	if u == nil {
		return []int64{}, nil
	}
	if esop.May(esop.Subject{User: u}, esop.PermReadStats, esop.Scope{}) {
		return nil, nil
	}
	o, err := s.Org(ctx)
	if err != nil {
		return nil, err
	}
	sub, err := s.Subject(ctx, u)
	if err != nil {
		return nil, err
	}
	out := []int64{}
	for _, unit := range o.Units {
		if esop.May(sub, esop.PermReadStats, o.ScopeOf(unit.ID)) {
			out = append(out, unit.ID)
		}
	}
	return out, nil
}

// StatsScopeOf reads and checks the parameters of a request for figures
// by u (see the top of this file). Unknown parameters, bad months or
// numbers are EINVALID; an SOP, unit, position or employee that does not
// exist (or, for an employee, that u may not see) ENOTFOUND.
func (s *API) StatsScopeOf(ctx context.Context, u *esop.User, params url.Values) (*StatsScope, error) {
	for k := range params {
		if !slices.Contains(statsParams, k) {
			return nil, httpx.Invalid(k, fmt.Sprintf("filter %q tidak dikenal; gunakan: %s", k, strings.Join(statsParams, ", ")),
				fmt.Sprintf("unknown filter %q; use: %s", k, strings.Join(statsParams, ", ")))
		}
		if len(params[k]) > 1 {
			return nil, httpx.Invalid(k, fmt.Sprintf("filter %q diberikan lebih dari sekali", k), fmt.Sprintf("filter %q is given more than once", k))
		}
	}
	get := func(k string) string { return strings.TrimSpace(params.Get(k)) }
	sc := &StatsScope{Query: esop.StatsQuery{By: get("by"), Position: get("position")}}
	q := &sc.Query
	q.From, q.To = statsPeriod(s.Today(), get("from"), get("to"))
	id := func(k string) (int64, error) {
		raw := get(k)
		if raw == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n <= 0 {
			return 0, httpx.Invalid(k, fmt.Sprintf("%s harus nomor (id) bilangan bulat positif, bukan %q", k, raw),
				fmt.Sprintf("%s must be a positive whole number (an id), not %q", k, raw))
		}
		return n, nil
	}
	var err error
	if q.SOPID, err = id("sop"); err != nil {
		return nil, err
	}
	if q.EmployeeID, err = id("employee"); err != nil {
		return nil, err
	}
	visible, err := s.VisibleStatsUnits(ctx, u)
	if err != nil {
		return nil, err
	}
	readsUnits := visible == nil || len(visible) > 0
	if q.EmployeeID == 0 && !readsUnits {
		if u.EmployeeID == 0 {
			return nil, errNoStats
		}
		q.EmployeeID = u.EmployeeID // an official without a unit to read: their own figures
	}
	sc.Own = q.EmployeeID != 0 && q.EmployeeID == u.EmployeeID
	units, err := s.AllUnits(ctx)
	if err != nil {
		return nil, err
	}
	if key := get("unit"); key != "" {
		unit, err := s.UnitByKey(ctx, key)
		if err != nil {
			if !readsUnits && !sc.Own {
				return nil, errNoStats
			}
			return nil, err
		}
		if !sc.Own && visible != nil && !slices.Contains(visible, unit.ID) {
			return nil, errNoStats
		}
		sc.Unit = unit
		q.Units = []int64{}
		for id := range access.Subtree(units, unit.ID) {
			q.Units = append(q.Units, id)
		}
		slices.Sort(q.Units)
	} else if !sc.Own {
		q.Units = visible
	}
	if q.EmployeeID != 0 {
		if sc.Employee, err = s.statsEmployee(ctx, q.EmployeeID, sc.Own, visible); err != nil {
			return nil, err
		}
	}
	if q.SOPID != 0 {
		if sc.SOP, err = s.store.FindSOPByID(ctx, q.SOPID); err != nil {
			return nil, err
		}
	}
	if q.Position != "" {
		ps, err := s.store.FindPositions(ctx, esop.PositionFilter{})
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(ps, func(p *esop.Position) bool { return p.Key == q.Position }) {
			return nil, esop.Errorf(esop.ENOTFOUND, "Jabatan %q tidak ditemukan.", "Position %q not found.", q.Position)
		}
	}
	return sc, nil
}

// statsEmployee returns the employee whose figures are asked: the reader
// themself, or one who holds a post today in a unit the reader may read
// (any, when visible is nil); ENOTFOUND otherwise, the same for an
// employee who does not exist as for one the reader may not see.
func (s *API) statsEmployee(ctx context.Context, id int64, own bool, visible []int64) (*esop.Employee, error) {
	notFound := esop.Errorf(esop.ENOTFOUND, "Pegawai %d tidak ditemukan.", "Employee %d not found.", id)
	emps, err := s.store.FindEmployees(ctx)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(emps, func(e *esop.Employee) bool { return e.ID == id })
	if i < 0 {
		return nil, notFound
	}
	if own || visible == nil {
		return emps[i], nil
	}
	as, err := s.store.FindAssignments(ctx, esop.AssignmentFilter{EmployeeID: id, On: s.Today()})
	if err != nil {
		return nil, err
	}
	ps, err := s.store.FindPositions(ctx, esop.PositionFilter{})
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		if k := slices.IndexFunc(ps, func(p *esop.Position) bool { return p.ID == a.PositionID }); k >= 0 && slices.Contains(visible, ps[k].UnitID) {
			return emps[i], nil
		}
	}
	return nil, notFound
}

// statsPeriod returns the months of a period: to this month and from
// eleven months before to when absent. Bad values are passed on for the
// store to refuse with its message.
func statsPeriod(today esop.Date, from, to string) (string, string) {
	if to == "" {
		to = fmt.Sprintf("%04d-%02d", today.Year, today.Month)
	}
	if from == "" {
		if t, err := parseMonth(to); err == nil {
			from = t.AddDate(0, -11, 0).Format("2006-01")
		} else {
			from = to
		}
	}
	return from, to
}

func (s *API) apiStats(w http.ResponseWriter, r *http.Request, rq *Request) error {
	sc, err := s.StatsScopeOf(r.Context(), rq.User, r.URL.Query())
	if err != nil {
		return err
	}
	st, err := s.store.Stats(r.Context(), sc.Query)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, st)
	return nil
}

// parseMonth reads "YYYY-MM" as the first day of the month (UTC).
func parseMonth(s string) (time.Time, error) { return time.Parse("2006-01", s) }

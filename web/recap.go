package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// The recap of monitoring and evaluation per unit and period: the SOPs in
// force of the unit and of the units below it, each with its monitoring
// and evaluation of the period, or the lack of them.

// unitOption is one choice of the unit selector.
type unitOption struct {
	Key      string
	Label    string // the name, indented by its depth in the tree
	Selected bool
}

// recapScope is the unit of a recap and the names of the units it covers.
type recapScope struct {
	Unit    *esop.Unit
	Names   []string // the unit and every unit below it
	Options []unitOption
}

// scopeOf resolves the unit of a recap from its key ("" for the first
// unit the user may see, in tree order): ENOTFOUND for an unknown key,
// EFORBIDDEN for a unit the user may not see.
func (s *Server) scopeOf(ctx context.Context, u *esop.User, key string) (*recapScope, error) {
	sub, err := s.subject(ctx, u)
	if err != nil {
		return nil, err
	}
	if !esop.MaySomewhere(sub, esop.PermRecap) {
		return nil, errForbidden
	}
	o, err := s.org(ctx)
	if err != nil {
		return nil, err
	}
	units := o.Units
	children := map[int64][]*esop.Unit{}
	for _, x := range units {
		children[x.ParentID] = append(children[x.ParentID], x)
	}
	sc := &recapScope{}
	today := s.today()
	for _, x := range units {
		scope := o.ScopeOf(x.ID)
		if !esop.May(sub, esop.PermRecap, scope) {
			if x.Key == key {
				return nil, errForbidden
			}
			continue
		}
		if x.Key == key || key == "" && sc.Unit == nil {
			sc.Unit = x
		}
		if x.ValidOn(today) || x.Key == key {
			sc.Options = append(sc.Options, unitOption{Key: x.Key, Label: strings.Repeat("\u00a0\u00a0", len(scope.Ancestors)) + x.Name})
		}
	}
	if sc.Unit == nil {
		if key == "" {
			return nil, errForbidden
		}
		return nil, esop.Errorf(esop.ENOTFOUND, "Unit %q tidak ditemukan.", "Unit %q not found.", key)
	}
	for i := range sc.Options {
		sc.Options[i].Selected = sc.Options[i].Key == sc.Unit.Key
	}
	// The unit and the units below it, by name, as SOPs name their unit.
	queue := []*esop.Unit{sc.Unit}
	for len(queue) > 0 && len(sc.Names) < len(units) {
		x := queue[0]
		queue = queue[1:]
		if !slices.Contains(sc.Names, x.Name) {
			sc.Names = append(sc.Names, x.Name)
		}
		queue = append(queue, children[x.ID]...)
	}
	return sc, nil
}

// recapRow is one SOP of a recap.
type recapRow struct {
	No         int
	SOP        *esop.SOP
	InForce    bool
	Monitoring *monitoringRow // nil when not monitored in the period
	Evaluation *evaluationRow // nil when not evaluated in the period
}

// recap is the data of a recap page and of its export.
type recap struct {
	Scope     *recapScope
	Period    esop.Period
	Rows      []*recapRow
	Missing   int // SOPs in force without a monitoring in the period
	Evaluated int
	Zone      *time.Location // the time zone of the unit's agency, for the export's times
}

// buildRecap gathers the SOPs of the scope that were in force in period
// p (in force today, from an effective date within or before it), and any
// SOP of the scope with a record for p, with their records.
func (s *Server) buildRecap(ctx context.Context, sc *recapScope, p esop.Period, lang string) (*recap, error) {
	sops, _, err := s.store.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		return nil, err
	}
	f := esop.MonevFilter{Units: sc.Names, Period: p}
	ms, err := s.store.FindMonitorings(ctx, f)
	if err != nil {
		return nil, err
	}
	es, err := s.store.FindEvaluations(ctx, f)
	if err != nil {
		return nil, err
	}
	mon := make(map[int64]*esop.Monitoring, len(ms))
	for _, m := range ms {
		mon[m.SOPID] = m
	}
	ev := make(map[int64]*esop.Evaluation, len(es))
	for _, e := range es {
		ev[e.SOPID] = e
	}
	rc := &recap{Scope: sc, Period: p}
	for _, sop := range sops {
		if !slices.Contains(sc.Names, sop.Unit) {
			continue
		}
		v := s.inForce(sop)
		inForce := v != nil && !p.End().Before(v.Document.Dates.Effective)
		m, e := mon[sop.ID], ev[sop.ID]
		if !inForce && m == nil && e == nil {
			continue
		}
		row := &recapRow{No: len(rc.Rows) + 1, SOP: sop, InForce: inForce}
		if m != nil {
			row.Monitoring = monitoringRowOf(m, lang)
		} else if inForce {
			rc.Missing++
		}
		if e != nil {
			row.Evaluation = evaluationRowOf(e, lang)
			rc.Evaluated++
		}
		rc.Rows = append(rc.Rows, row)
	}
	return rc, nil
}

// recapRequest reads ?unit= and ?period= and builds the recap.
func (s *Server) recapRequest(r *http.Request, rq *request) (*recap, error) {
	q := r.URL.Query()
	sc, err := s.scopeOf(r.Context(), rq.user, q.Get("unit"))
	if err != nil {
		return nil, err
	}
	p, err := s.periodParam(q.Get("period"))
	if err != nil {
		return nil, err
	}
	return s.buildRecap(r.Context(), sc, p, rq.lang)
}

// recapView is the view model of the recap page.
type recapView struct {
	*recap
	Label   string
	Periods []periodOption
	Export  string // the URL of the XLSX export
}

func (s *Server) recapPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	rc, err := s.recapRequest(r, rq)
	if err != nil {
		return err
	}
	q := url.Values{"unit": {rc.Scope.Unit.Key}, "period": {rc.Period.String()}}
	v := &recapView{recap: rc, Label: rc.Period.Label().In(rq.lang), Periods: s.periodOptions(rq.lang, rc.Period),
		Export: "/monev.xlsx?" + q.Encode()}
	s.renderPage(w, r, rq, http.StatusOK, "monev", v)
	return nil
}

// monitoringDue returns the SOPs in force that u may record the
// monitoring of and that have none for the current period, for the
// dashboard.
func (s *Server) monitoringDue(ctx context.Context, u *esop.User, sops []*esop.SOP) ([]*esop.SOP, error) {
	if ok, err := s.maySomewhere(ctx, u, esop.PermRecordMonev); err != nil || !ok {
		return nil, err
	}
	ms, err := s.store.FindMonitorings(ctx, esop.MonevFilter{Period: s.currentPeriod()})
	if err != nil {
		return nil, err
	}
	done := make(map[int64]bool, len(ms))
	for _, m := range ms {
		done[m.SOPID] = true
	}
	may := map[string]bool{}
	var due []*esop.SOP
	for _, sop := range sops {
		if done[sop.ID] || s.inForce(sop) == nil {
			continue
		}
		ok, seen := may[sop.Unit]
		if !seen {
			if ok, err = s.mayRecordMonev(ctx, u, sop.Unit); err != nil {
				return nil, err
			}
			may[sop.Unit] = ok
		}
		if ok {
			due = append(due, sop)
		}
	}
	return due, nil
}

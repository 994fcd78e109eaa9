package web

import (
	"context"
	"sync"

	"github.com/esop-malang/esop"
)

// Authorization: every decision of who may do what is esop.Policy's. The
// handlers ask it through may (for the unit of an SOP, by name) and
// mayIn (by unit id); the organisation, and the units the user heads,
// are loaded at most once per request.

// orgKey is the context key of a request's organisation.
type orgKey struct{}

// orgOnce is a request's organisation and the units its user heads,
// loaded on first use.
type orgOnce struct {
	org      sync.Once
	o        *esop.Org
	orgErr   error
	heads    sync.Once
	h        []int64
	headsErr error
}

// withOrg returns ctx with a place for a request's organisation, so that
// every check of the request shares one load.
func withOrg(ctx context.Context) context.Context {
	return context.WithValue(ctx, orgKey{}, &orgOnce{})
}

// org returns the organisation of the request: the units, as of today.
func (s *Server) org(ctx context.Context) (*esop.Org, error) {
	c, _ := ctx.Value(orgKey{}).(*orgOnce)
	if c == nil {
		return s.loadOrg(ctx)
	}
	c.org.Do(func() { c.o, c.orgErr = s.loadOrg(ctx) })
	return c.o, c.orgErr
}

func (s *Server) loadOrg(ctx context.Context) (*esop.Org, error) {
	units, err := s.store.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		return nil, err
	}
	return esop.NewOrg(units, s.today()), nil
}

// allUnits returns every unit, past ones too, from the request's
// organisation. Do not use it after changing units in the same request.
func (s *Server) allUnits(ctx context.Context) ([]*esop.Unit, error) {
	o, err := s.org(ctx)
	if err != nil {
		return nil, err
	}
	return o.Units, nil
}

// subject returns u as the policy sees them: with the units they head
// today (none for an account not linked to an employee).
func (s *Server) subject(ctx context.Context, u *esop.User) (esop.Subject, error) {
	sub := esop.Subject{User: u}
	if u == nil || u.EmployeeID == 0 {
		return sub, nil
	}
	load := func() ([]int64, error) { return s.store.HeadedUnits(ctx, u.EmployeeID, s.today()) }
	c, _ := ctx.Value(orgKey{}).(*orgOnce)
	var err error
	if c == nil {
		sub.Heads, err = load()
		return sub, err
	}
	c.heads.Do(func() { c.h, c.headsErr = load() })
	sub.Heads = c.h
	return sub, c.headsErr
}

// unitScope returns the scope of the unit named name (the one valid
// today when the name was used more than once).
func (s *Server) unitScope(ctx context.Context, name string) (esop.Scope, error) {
	o, err := s.org(ctx)
	if err != nil {
		return esop.Scope{}, err
	}
	return o.Scope(name), nil
}

// may reports whether u holds permission p for the unit named unit.
func (s *Server) may(ctx context.Context, u *esop.User, p esop.Permission, unit string) (bool, error) {
	if u == nil {
		return false, nil
	}
	sc, err := s.unitScope(ctx, unit)
	if err != nil {
		return false, err
	}
	return s.mayScope(ctx, u, p, sc)
}

// mayIn reports whether u holds permission p for the unit with id.
func (s *Server) mayIn(ctx context.Context, u *esop.User, p esop.Permission, unitID int64) (bool, error) {
	if u == nil {
		return false, nil
	}
	o, err := s.org(ctx)
	if err != nil {
		return false, err
	}
	return s.mayScope(ctx, u, p, o.ScopeOf(unitID))
}

func (s *Server) mayScope(ctx context.Context, u *esop.User, p esop.Permission, sc esop.Scope) (bool, error) {
	if esop.May(esop.Subject{User: u}, p, sc) {
		return true, nil // the roles alone answer, without loading who heads what
	}
	sub, err := s.subject(ctx, u)
	if err != nil {
		return false, err
	}
	return esop.May(sub, p, sc), nil
}

// maySomewhere reports whether u holds permission p for some unit.
func (s *Server) maySomewhere(ctx context.Context, u *esop.User, p esop.Permission) (bool, error) {
	sub, err := s.subject(ctx, u)
	if err != nil {
		return false, err
	}
	return esop.MaySomewhere(sub, p), nil
}

// mayReadDraft reports whether u may read the drafts and history of SOPs
// of unit (esop.PermReadDrafts).
func (s *Server) mayReadDraft(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return s.may(ctx, u, esop.PermReadDrafts, unit)
}

// mayEdit reports whether u may write SOPs of unit (esop.PermEdit).
func (s *Server) mayEdit(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return s.may(ctx, u, esop.PermEdit, unit)
}

// refuse returns the error for a user who may not act on sop: ENOTFOUND
// when no version of it is in force and the user may not read its
// drafts, so that a draft does not reveal that it exists; EFORBIDDEN
// otherwise.
func (s *Server) refuse(ctx context.Context, u *esop.User, sop *esop.SOP) error {
	if s.inForce(sop) == nil {
		ok, err := s.mayReadDraft(ctx, u, sop.Unit)
		if err != nil {
			return err
		}
		if !ok {
			return errNoSOP
		}
	}
	return errForbidden
}

// inForce returns the version of s in force today, or nil.
func (s *Server) inForce(sop *esop.SOP) *esop.Version {
	v := sop.Current
	if v == nil || s.today().Before(v.Document.Dates.Effective) {
		return nil
	}
	return v
}

// requester returns who acts on an SOP of unit, with the unit, its
// ancestors and its agency (the perangkat daerah above it, or the unit
// itself), for the lifecycle rules.
func (s *Server) requester(ctx context.Context, u *esop.User, unit string) (esop.Requester, error) {
	sc, err := s.unitScope(ctx, unit)
	if err != nil {
		return esop.Requester{}, err
	}
	return esop.Requester{User: u, UnitID: sc.UnitID, Ancestors: sc.Ancestors, AgencyID: sc.AgencyID}, nil
}

// Why a user may not create an SOP (createRefusal).
const (
	refuseUnit     = "unit"     // not an author of its unit
	refuseApproved = "approved" // an approved SOP, and not an administrator
)

// createRefusal returns why u may not create the SOP d (by the API or an
// import), or "": an author of its unit may (esop.PermEdit); an SOP that
// is already approved only an administrator who is also an author of the
// unit (esop.PermImportApproved), because an author cannot sign on the
// head of office's behalf: an approved SOP enters through the approval
// workflow, or is imported on the server by its operator (esop import).
func (s *Server) createRefusal(ctx context.Context, u *esop.User, d *esop.Document) (string, error) {
	sc, err := s.unitScope(ctx, d.Unit)
	if err != nil {
		return "", err
	}
	sub := esop.Subject{User: u}
	switch {
	case !esop.May(sub, esop.PermEdit, sc):
		return refuseUnit, nil
	case d.IsApproved() && !esop.May(sub, esop.PermImportApproved, sc):
		return refuseApproved, nil
	}
	return "", nil
}

package web

import (
	"context"

	"github.com/esop-malang/esop"
)

// unitScope returns the id of the unit named name (the one valid today
// when the name was used more than once) and the ids of its ancestors,
// for checking unit-scoped roles. An unknown unit has id 0 and no
// ancestors: only organisation-wide grants cover it.
func (s *Server) unitScope(ctx context.Context, name string) (int64, []int64, error) {
	units, err := s.store.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		return 0, nil, err
	}
	id, ancestors := esop.UnitScope(units, name, s.today())
	return id, ancestors, nil
}

// mayFor reports whether u holds one of roles for the unit named unit.
func (s *Server) mayFor(ctx context.Context, u *esop.User, unit string, roles ...string) (bool, error) {
	if u == nil {
		return false, nil
	}
	id, ancestors, err := s.unitScope(ctx, unit)
	if err != nil {
		return false, err
	}
	for _, role := range roles {
		if u.HasFor(role, id, ancestors) {
			return true, nil
		}
	}
	return false, nil
}

// mayReadDraft reports whether u may read the drafts and history of SOPs
// of unit: auditors everywhere; authors, reviewers and approvers of the unit.
func (s *Server) mayReadDraft(ctx context.Context, u *esop.User, unit string) (bool, error) {
	if u.Has(esop.RoleAuditor) {
		return true, nil
	}
	return s.mayFor(ctx, u, unit, esop.RolePenyusun, esop.RolePemeriksa, esop.RolePengesah)
}

// mayEdit reports whether u may write SOPs of unit: a penyusun of the unit.
func (s *Server) mayEdit(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return s.mayFor(ctx, u, unit, esop.RolePenyusun)
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
	id, ancestors, err := s.unitScope(ctx, unit)
	if err != nil {
		return esop.Requester{}, err
	}
	r := esop.Requester{User: u, UnitID: id, Ancestors: ancestors}
	units, err := s.store.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		return r, err
	}
	kind := map[int64]string{}
	for _, x := range units {
		kind[x.ID] = x.Kind
	}
	for _, a := range append([]int64{id}, ancestors...) {
		if kind[a] == esop.UnitPerangkatDaerah {
			r.AgencyID = a
			break
		}
	}
	return r, nil
}

package web

import (
	"context"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/access"
)

// Authorization: every decision of who may do what is esop.Policy's,
// asked through the Checker of internal/access that the pages share with
// the API (s.access): may (for the unit of an SOP, by name) and mayIn
// (by unit id); the organisation, and the units the user heads, are
// loaded at most once per request (access.WithOrg). The methods below are
// the pages' names for it.

var withOrg = access.WithOrg

func (s *Server) org(ctx context.Context) (*esop.Org, error)         { return s.access.Org(ctx) }
func (s *Server) allUnits(ctx context.Context) ([]*esop.Unit, error) { return s.access.AllUnits(ctx) }
func (s *Server) orgUnits(ctx context.Context) (map[int64]*esop.Unit, error) {
	return s.access.OrgUnits(ctx)
}
func (s *Server) unitByKey(ctx context.Context, key string) (*esop.Unit, error) {
	return s.access.UnitByKey(ctx, key)
}
func (s *Server) subject(ctx context.Context, u *esop.User) (esop.Subject, error) {
	return s.access.Subject(ctx, u)
}
func (s *Server) may(ctx context.Context, u *esop.User, p esop.Permission, unit string) (bool, error) {
	return s.access.May(ctx, u, p, unit)
}
func (s *Server) mayIn(ctx context.Context, u *esop.User, p esop.Permission, unitID int64) (bool, error) {
	return s.access.MayIn(ctx, u, p, unitID)
}
func (s *Server) maySomewhere(ctx context.Context, u *esop.User, p esop.Permission) (bool, error) {
	return s.access.MaySomewhere(ctx, u, p)
}
func (s *Server) mayReadDraft(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return s.access.MayReadDraft(ctx, u, unit)
}
func (s *Server) mayEdit(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return s.access.MayEdit(ctx, u, unit)
}
func (s *Server) refuse(ctx context.Context, u *esop.User, sop *esop.SOP) error {
	return s.access.Refuse(ctx, u, sop)
}
func (s *Server) inForce(sop *esop.SOP) *esop.Version { return s.access.InForce(sop) }
func (s *Server) requester(ctx context.Context, u *esop.User, unit string) (esop.Requester, error) {
	return s.access.Requester(ctx, u, unit)
}
func (s *Server) createRefusal(ctx context.Context, u *esop.User, d *esop.Document) (string, error) {
	return s.access.CreateRefusal(ctx, u, d)
}

// Why a user may not create an SOP (createRefusal).
const (
	refuseUnit     = access.RefuseUnit
	refuseApproved = access.RefuseApproved
)

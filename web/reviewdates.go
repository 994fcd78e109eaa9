package web

import (
	"context"

	"github.com/esop-malang/esop"
)

// reviewsDue returns, of sops, those overdue for review and those due
// within 30 days (esop.ReviewsDue) whose unit u may read or write: an
// auditor's every unit, else the units of u's penyusun, pemeriksa,
// pengesah and pelaksana roles and the units below them.
func (s *Server) reviewsDue(ctx context.Context, u *esop.User, sops []*esop.SOP) (overdue, due []esop.ReviewItem, err error) {
	today := s.today()
	items := esop.ReviewsDue(sops, today)
	if len(items) == 0 {
		return nil, nil, nil
	}
	units, err := s.allUnits(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, it := range items {
		if id, ancestors := esop.UnitScope(units, it.SOP.Unit, today); !u.ReadsUnit(id, ancestors) {
			continue
		}
		if it.State == esop.ReviewOverdue {
			overdue = append(overdue, it)
		} else {
			due = append(due, it)
		}
	}
	return overdue, due, nil
}

package web

import (
	"context"
	"net/http"

	"github.com/esop-malang/esop"
)

// The menu "Analisis": the one list of the analysis screens, shown by the
// layout's navigation (for whoever may analyse some unit), by the index
// page /analysis and as the sub-navigation of every analysis page. A new
// analysis screen (the Standar Pelayanan register, for one) adds its
// entry here and nowhere else.

// analysisEntry is one screen of the menu.
type analysisEntry struct {
	Path string // the screen's address
	Key  string // the message key of its name; Key+".hint" describes it
}

// analysisMenu lists the analysis screens in the order shown.
var analysisMenu = []analysisEntry{
	{Path: "/analysis/workload", Key: "analysis.menu.workload"},
	{Path: "/analysis/competence", Key: "analysis.menu.competence"},
	{Path: "/analysis/overlap", Key: "analysis.menu.overlap"},
	{Path: "/standar-pelayanan", Key: "analysis.menu.standards"}, // issue 13 point 4 (servicestandard_page.go)
}

// AnalysisMenu returns the menu for the templates.
func (view) AnalysisMenu() []analysisEntry { return analysisMenu }

// AnalysisQuery returns what the menu's links add to their address:
// "" for who may read the whole office's analyses, else "?unit=" and
// the first unit the user may analyse (the unit they head, or of their
// grant), whose analyses they are offered.
func (v view) AnalysisQuery() string {
	if v.analysisUnit == nil {
		return ""
	}
	if k := v.analysisUnit(); k != "" {
		return "?unit=" + urlQueryEscape(k)
	}
	return ""
}

// analysisUnit returns the key of the unit whose analyses u is offered
// first: "" when u may read the whole office's.
func (s *Server) analysisUnit(ctx context.Context, u *esop.User) string {
	sub, err := s.subject(ctx, u)
	if err != nil || esop.May(sub, esop.PermAnalyse, esop.Scope{}) {
		return ""
	}
	units, err := s.orgUnits(ctx)
	if err != nil {
		return ""
	}
	ids := append([]int64{}, sub.Heads...)
	for _, g := range u.Grants {
		if g.UnitID != 0 {
			ids = append(ids, g.UnitID)
		}
	}
	for _, id := range ids {
		if un := units[id]; un != nil {
			if ok, err := s.mayIn(ctx, u, esop.PermAnalyse, id); err == nil && ok {
				return un.Key
			}
		}
	}
	return ""
}

// analysisIndex is the page /analysis: the menu with a line on each.
func (s *Server) analysisIndex(w http.ResponseWriter, r *http.Request, rq *request) error {
	ok, err := s.maySomewhere(r.Context(), rq.user, esop.PermAnalyse)
	if err != nil {
		return err
	}
	if !ok {
		return errNotAnalyst
	}
	s.renderPage(w, r, rq, http.StatusOK, "analysis", analysisMenu)
	return nil
}

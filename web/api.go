package web

import (
	"context"
	"net/http"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/api"
)

// The JSON API under /api/v1 is package api. These are the routes whose
// handlers are the web application's, because the pages serve the same
// files (the flowchart, PDF and PNG of an SOP, rendered and cached by the
// pages' renderer, and its BPMN): web lends them to the API
// (api.Config.Lent), which lists them with its own and serves them with
// its wrapper (bearer token or session cookie, guard, JSON errors).

// lend returns h as an API handler: the API's request as the pages' one.
func lend(h func(w http.ResponseWriter, r *http.Request, rq *request) error) api.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, q *api.Request) error {
		return h(w, r, &request{user: q.User, lang: q.Lang})
	}
}

// lentRoutes returns the lent routes for api.Config.
func (s *Server) lentRoutes() []api.Route {
	var out []api.Route
	for _, rt := range s.lentTable() {
		out = append(out, api.Route{Pattern: rt.pattern, Guard: rt.guard, Handle: lend(rt.handle)})
	}
	return out
}

// lentTable is the table of the lent routes.
func (s *Server) lentTable() []route {
	return []route{
		{"GET /api/v1/sops/{id}/flowchart.svg", public, s.sopSVG},
		{"GET /api/v1/sops/{id}/document.pdf", public, s.sopPDF},
		{"GET /api/v1/sops/{id}/document.png", public, s.sopPNG},
		{"GET /api/v1/sops/{id}/process.bpmn", public, s.sopBPMN}, // exchange.go
	}
}

// searchIDs returns the ids of the SOPs matching q, best first (find), for
// the API's list of SOPs (api.Config.Search).
func (s *Server) searchIDs(ctx context.Context, u *esop.User, q string) ([]int64, error) {
	hits, err := s.find(ctx, u, q, "")
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(hits))
	for i, e := range hits {
		ids[i] = e.ID
	}
	return ids, nil
}

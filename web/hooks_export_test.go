package web

import (
	"context"
	"net/http"

	"github.com/esop-malang/esop/api"
)

// Hooks that the tests of package web_test use to hold a request in the
// middle of its work, or to run a handler of their own as the routes run
// theirs.

// SetRelatingHook makes f run before each Keterkaitan entry of an SOP
// page is resolved.
func (s *Server) SetRelatingHook(f func(context.Context)) { s.relating = f }

// PageHandler returns h as a page route is served: time budget, session,
// guard (public) and error page.
func (s *Server) PageHandler(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return s.withBudget(s.wrap(route{"GET /", public, func(w http.ResponseWriter, r *http.Request, _ *request) error { return h(w, r) }}))
}

// APIHandler returns h as an API route is served: time budget, token,
// guard (public) and JSON errors.
func (s *Server) APIHandler(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return s.withBudget(s.api.Wrap(api.Route{Pattern: "GET /", Guard: public, Handle: func(w http.ResponseWriter, r *http.Request, _ *api.Request) error { return h(w, r) }}))
}

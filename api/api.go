// Package api is the JSON API of e-SOP under /api/v1: SOPs as esop.sop/1,
// their lifecycle, running SOPs (cases, tasks, tracking, the working
// calendar, absences), the analyses (workload, competence, overlap),
// performance figures, service standards, tokens and webhooks. It is
// described by openapi.json, served at /api/v1/openapi.json.
//
// The package stands beside package web and does not import it: web
// builds an API with New and mounts its Handler at /api/. What the pages
// and the API share lives below both: internal/httpx (guards, the
// mapping of errors to statuses, reading and writing JSON, the request's
// time budget error), internal/access (who may do what, per request) and
// the store. The few things that are the web application's own (its
// message catalogues, the client's address behind a proxy, the
// validation options, the search index and the sign-in throttle) come in
// through Config; routes whose handlers the pages serve as well (the
// flowchart, PDF, PNG and BPMN of an SOP) are lent by web in Config.Lent
// and listed and guarded with the API's own. The computations the pages
// share with the API (Workload, AnalysisScope, OverlapData, Competence,
// StatsScopeOf, CheckStandards, ReadableCase, SOPVersion,
// ApplyTransition, …) are exported for them.
//
// A client authenticates with a bearer token from POST /api/v1/tokens; a
// browser may also use its session cookie (then the cross-origin
// protection that web puts around every request applies). Every route has
// a guard (httpx.Guard), checked before its handler; checks that depend
// on the record are made in the handler. Errors are answered as JSON
// {error, code} and, for invalid input, the list of problems with their
// paths.
package api

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/access"
	"github.com/esop-malang/esop/internal/httpx"
)

// Request is what a handler knows about the request beyond *http.Request.
type Request struct {
	User *esop.User // nil when not signed in
	Lang string     // of the messages: id or en
}

// HandlerFunc handles one API route; an error it returns is answered as JSON.
type HandlerFunc func(w http.ResponseWriter, r *http.Request, rq *Request) error

// Route is one entry of the API route table.
type Route struct {
	Pattern string // "GET /api/v1/sops/{id}"
	Guard   httpx.Guard
	Handle  HandlerFunc
}

// Store is what the API needs of the database; the web application's
// store (web.Store) offers it and more.
type Store interface {
	access.Store
	esop.SOPService
	esop.LifecycleService
	esop.OrgService
	esop.UserService
	esop.AccountService
	esop.WebhookService // webhooks and their delivery log
	runStore            // running SOPs: cases, calendars, absences (run.go)
	// The analyses: workload, volumes (analysis.go), overlaps (overlap.go).
	esop.AnalysisService
	esop.OverlapService
	esop.CompetenceRecordService // employees' trainings and certificates
	esop.StatsService            // performance figures (stats.go)
	esop.ServiceStandardService  // the register of service standards (servicestandard.go)
	// AnalysisOf reads the given SOPs as AnalysisSOPs reads them all.
	AnalysisOf(ctx context.Context, sops []*esop.SOP) ([]esop.AnalysisSOP, error)
	// Setting returns a stored setting, or ENOTFOUND; PutSetting stores one.
	Setting(ctx context.Context, key string) (string, error)
	PutSetting(ctx context.Context, key, value string) error
}

// Config configures an API.
type Config struct {
	Store  Store
	Access *access.Checker
	Logger *slog.Logger
	// Now is the clock; nil uses time.Now.
	Now func() time.Time
	// T translates a key of the application's message catalogues.
	T func(lang, key string, args ...any) string
	// WithActor returns r telling the store who acts, for the audit log:
	// the user (nil for a visitor) from the client's address.
	WithActor func(r *http.Request, u *esop.User) *http.Request
	// SignIn checks a user name and password for POST /api/v1/tokens
	// through the web application's sign-in throttle and password-check
	// slots, as its login form does: a *httpx.RateLimited error when the
	// attempt must wait, EUNAUTHORIZED for a wrong name or password.
	SignIn func(r *http.Request, username, password string) (*esop.User, error)
	// Search returns the ids of the SOPs matching a query in the web
	// application's catalogue index, best first: those in force, and the
	// drafts of units whose drafts u may read.
	Search func(ctx context.Context, u *esop.User, query string) ([]int64, error)
	// Reindex brings that index up to date after a write to the SOPs ids.
	Reindex func(ctx context.Context, ids ...int64) error
	// ValidateOptions are the options a document of SOP sopID (0 for a
	// new one) is validated with, as the editor validates it.
	ValidateOptions func(ctx context.Context, sopID int64) esop.ValidateOptions
	// Lent are routes served by handlers of the web application, listed
	// and guarded as the API's own.
	Lent []Route
}

type checker = access.Checker

// API is the JSON API. Make one with New.
type API struct {
	*checker        // who may do what
	store           Store
	log             *slog.Logger
	now             func() time.Time
	t               func(lang, key string, args ...any) string
	actor           func(r *http.Request, u *esop.User) *http.Request
	signIn          func(r *http.Request, username, password string) (*esop.User, error)
	search          func(ctx context.Context, u *esop.User, query string) ([]int64, error)
	reindex         func(ctx context.Context, ids ...int64) error
	validateOptions func(ctx context.Context, sopID int64) esop.ValidateOptions
	lent            []Route
}

// New returns the API of cfg. Store, Access and the callbacks T,
// WithActor, SignIn, Search, Reindex and ValidateOptions are required: a
// missing one is a programming error, reported here rather than as a nil
// call in the middle of a request.
func New(cfg Config) *API {
	for name, missing := range map[string]bool{"Store": cfg.Store == nil, "Access": cfg.Access == nil, "T": cfg.T == nil,
		"WithActor": cfg.WithActor == nil, "SignIn": cfg.SignIn == nil, "Search": cfg.Search == nil,
		"Reindex": cfg.Reindex == nil, "ValidateOptions": cfg.ValidateOptions == nil} {
		if missing {
			panic("api.New: Config." + name + " is required")
		}
	}
	a := &API{checker: cfg.Access, store: cfg.Store, log: cfg.Logger, now: cfg.Now, t: cfg.T, actor: cfg.WithActor, signIn: cfg.SignIn,
		search: cfg.Search, reindex: cfg.Reindex, validateOptions: cfg.ValidateOptions, lent: cfg.Lent}
	if a.now == nil {
		a.now = time.Now
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	return a
}

// Routes returns every route of the API with its guard: its own and
// those lent by the web application. The authorization test of web walks
// this same list (web.Server.Routes), so a new route cannot escape it.
func (s *API) Routes() []Route {
	return append(s.table(), s.lent...)
}

func (s *API) table() []Route {
	return []Route{
		// Tokens (tokens.go): a client signs in for one, lists its own and
		// ends the one it uses.
		{"POST /api/v1/tokens", httpx.Public, s.apiToken},
		{"GET /api/v1/tokens", httpx.Staff, s.apiTokens},
		{"DELETE /api/v1/tokens/current", httpx.Staff, s.apiRevokeToken},
		{"GET /api/v1/openapi.json", httpx.Public, s.apiOpenAPI},

		// SOPs and their lifecycle (sops.go); the flowchart, PDF, PNG and
		// BPMN of an SOP are lent by web (Config.Lent).
		{"GET /api/v1/sops", httpx.Public, s.apiList},
		{"POST /api/v1/sops", httpx.Author, s.apiCreate},
		{"GET /api/v1/sops/{id}", httpx.Public, s.apiGet},
		{"PUT /api/v1/sops/{id}", httpx.Author, s.apiPut},
		{"POST /api/v1/sops/{id}/transitions", httpx.Staff, s.apiTransition},

		// Running SOPs: cases and their tasks, tracking, the working
		// calendar, absences, each SOP's run settings (cases.go,
		// calendar.go, absences.go, run.go). Who may act on which case,
		// unit or employee is checked in the handlers.
		{"POST /api/v1/cases", httpx.Staff, s.apiStartCase},
		{"GET /api/v1/cases", httpx.Staff, s.apiListCases},
		{"GET /api/v1/cases/{id}", httpx.Staff, s.apiGetCase},
		{"POST /api/v1/cases/{id}/tasks/{task}/complete", httpx.Staff, s.apiCompleteTask},
		{"POST /api/v1/cases/{id}/cancel", httpx.Staff, s.apiCancelCase},
		{"GET /api/v1/tasks", httpx.Staff, s.apiTasks},
		{"GET /api/v1/track/{code}", httpx.Public, s.apiTrack},
		{"GET /api/v1/calendar/{year}", httpx.Public, s.apiHolidays},
		{"GET /api/v1/calendar/due", httpx.Public, s.apiDue},
		{"POST /api/v1/calendar", httpx.Admin, s.apiAddHoliday},
		{"PUT /api/v1/calendar/dates/{date}", httpx.Admin, s.apiUpdateHoliday},
		{"DELETE /api/v1/calendar/dates/{date}", httpx.Admin, s.apiDeleteHoliday},
		{"GET /api/v1/calendar/settings", httpx.Public, s.apiCalendarSettings},
		{"PUT /api/v1/calendar/settings", httpx.Admin, s.apiSetCalendarSettings},
		{"POST /api/v1/absences", httpx.Staff, s.apiCreateAbsence},
		{"GET /api/v1/absences", httpx.Staff, s.apiAbsences},
		{"DELETE /api/v1/absences/{id}", httpx.Staff, s.apiDeleteAbsence},
		{"GET /api/v1/sops/{id}/run-settings", httpx.Staff, s.apiGetRunSettings},
		{"PUT /api/v1/sops/{id}/run-settings", httpx.Staff, s.apiPutRunSettings},

		// The analyses (analysis.go, overlap.go), performance figures
		// (stats.go) and service standards (servicestandard.go): who may
		// read which unit's, and change what, is checked in the handlers.
		{"GET /api/v1/analysis/workload", httpx.Staff, s.apiWorkload},
		{"PUT /api/v1/sops/{id}/volume", httpx.Staff, s.apiPutVolume},
		{"GET /api/v1/analysis/settings", httpx.Staff, s.apiAnalysisSettings},
		{"PUT /api/v1/analysis/settings", httpx.Admin, s.apiPutAnalysisSettings},
		{"GET /api/v1/analysis/overlap", httpx.Staff, s.apiOverlap},
		{"GET /api/v1/analysis/process-matrix", httpx.Staff, s.apiProcessMatrix},
		{"POST /api/v1/analysis/overlap/{finding}/dismissal", httpx.Staff, s.apiDismissFinding},
		{"DELETE /api/v1/analysis/overlap/{finding}/dismissal", httpx.Staff, s.apiRestoreFinding},
		{"GET /api/v1/analysis/competence", httpx.Staff, s.apiCompetence},
		{"GET /api/v1/analysis/competence/settings", httpx.Staff, s.apiCompetenceSettings},
		{"PUT /api/v1/analysis/competence/settings", httpx.Admin, s.apiPutCompetenceSettings},
		// Employees' competence records (competence_records.go): who keeps
		// and reads whose is checked in the handlers.
		{"GET /api/v1/employees/{nip}/competences", httpx.Staff, s.apiCompetenceRecords},
		{"POST /api/v1/employees/{nip}/competences", httpx.Staff, s.apiCreateCompetenceRecord},
		{"PUT /api/v1/employees/{nip}/competences/{id}", httpx.Staff, s.apiUpdateCompetenceRecord},
		{"DELETE /api/v1/employees/{nip}/competences/{id}", httpx.Staff, s.apiDeleteCompetenceRecord},
		{"GET /api/v1/stats", httpx.Staff, s.apiStats},
		{"POST /api/v1/service-standards", httpx.Staff, s.apiCreateStandard},
		{"GET /api/v1/service-standards", httpx.Public, s.apiListStandards},
		{"GET /api/v1/service-standards/{id}", httpx.Public, s.apiGetStandard},
		{"PUT /api/v1/service-standards/{id}", httpx.Staff, s.apiPutStandard},
		{"GET /api/v1/service-standards/{id}/check", httpx.Staff, s.apiCheckStandard},
		{"GET /api/v1/stats/settings", httpx.Staff, s.apiStatsSettings},
		{"PUT /api/v1/stats/settings", httpx.Admin, s.apiPutStatsSettings},

		// Webhooks (webhooks.go): administrators only.
		{"GET /api/v1/webhooks", httpx.Admin, s.apiWebhooks},
		{"POST /api/v1/webhooks", httpx.Admin, s.apiCreateWebhook},
		{"DELETE /api/v1/webhooks/{id}", httpx.Admin, s.apiDeleteWebhook},
		{"GET /api/v1/webhooks/{id}/deliveries", httpx.Admin, s.apiWebhookDeliveries},
	}
}

// Handler returns the API's handler, to be mounted at /api/: every route
// with its guard, and a JSON 404 for any other address under /api/.
func (s *API) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.Routes() {
		mux.Handle(rt.Pattern, s.Wrap(rt))
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		rq := &Request{Lang: httpx.APILanguage(r, nil)}
		s.apiError(w, rq, esop.Errorf(esop.ENOTFOUND, "Alamat API tidak dikenal.", "Unknown API address."))
	})
	return mux
}

// Wrap authenticates a request by bearer token or session cookie, checks
// the route's guard, and answers errors as JSON.
func (s *API) Wrap(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The organisation is read at most once per request, however
		// many checks the handler makes (internal/access).
		r = r.WithContext(access.WithOrg(r.Context()))
		rq := &Request{}
		token, bearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !bearer {
			if c, err := r.Cookie(httpx.SessionCookie); err == nil {
				token = c.Value
			}
		}
		if token != "" {
			u, err := s.store.FindSession(r.Context(), strings.TrimSpace(token))
			if err != nil && bearer {
				s.apiError(w, &Request{Lang: httpx.APILanguage(r, nil)}, err)
				return
			}
			rq.User = u
		}
		rq.Lang = httpx.APILanguage(r, rq.User)
		r = s.actor(r, rq.User)
		if err := httpx.Allowed(rt.Guard, rq.User); err != nil {
			s.apiError(w, rq, err)
			return
		}
		if err := rt.Handle(w, r, rq); err != nil {
			s.apiError(w, rq, httpx.OverBudget(r, err))
		}
	})
}

// apiError answers an error as JSON: {error, code} and, for invalid
// documents, the list of errors with their paths.
func (s *API) apiError(w http.ResponseWriter, rq *Request, err error) {
	status := httpx.StatusOf(err)
	if status == http.StatusInternalServerError {
		s.log.Error("api request failed", "err", err)
	}
	body := map[string]any{"error": esop.ErrorMessage(err, rq.Lang), "code": esop.ErrorCode(err)}
	var e *esop.Error
	if errors.As(err, &e) && len(e.Problems) > 0 {
		body["errors"] = httpx.ProblemsJSON(e.Problems.Errors(), rq.Lang)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="e-SOP"`)
	}
	httpx.WriteJSON(w, status, body)
}

//go:embed openapi.json
var openapiJSON []byte

func (s *API) apiOpenAPI(w http.ResponseWriter, r *http.Request, _ *Request) error {
	httpx.WriteBuffered(w, http.StatusOK, "application/json", bytes.NewBuffer(openapiJSON))
	return nil
}

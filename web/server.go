// Package web is the web application of e-SOP: the public catalogue and
// SOP pages, the staff area with the SOP editor, and the administration
// of the organisation, regulations and users. Pages are rendered on the
// server with html/template; htmx, vendored and embedded, updates parts
// of a page (the live flowchart preview), and every page works without
// JavaScript.
//
// Every route is in one table (routes) with the check that guards it;
// authorization is decided on the server for every request.
package web

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/api"
	"github.com/esop-malang/esop/internal/access"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/textsearch"
)

// Store is what the web application needs of the database: what the
// JSON API needs (api.Store) and more.
type Store interface {
	api.Store
	esop.RegulationService
	esop.AuditService
	esop.MonevService
	esop.FlagService
	esop.SynonymService
	esop.CatalogueFeed       // the changes other servers made (follow.go)
	esop.LoginCounterService // the login throttle's counters, shared by every server (limiter.go)
	// CloseUnit ends a unit's validity and names its successor;
	// ClosePosition ends a position's.
	CloseUnit(ctx context.Context, id int64, validTo esop.Date, successorID int64) (*esop.Unit, error)
	ClosePosition(ctx context.Context, id int64, validTo esop.Date) (*esop.Position, error)
	esop.NumberingService
	esop.KodeService
	esop.OfficeService
	// FindVersionByHash returns the approved version whose content hash
	// starts with a printed verification code.
	FindVersionByHash(ctx context.Context, prefix string) (*esop.Version, error)
	// PreviewApproval returns the document as an approval would sign it,
	// without storing anything.
	PreviewApproval(ctx context.Context, sopID int64, a esop.Requester, t esop.Transition) (*esop.Document, error)
}

// Config configures a Server.
type Config struct {
	Store    Store
	Renderer *render.Renderer
	Logger   *slog.Logger
	// Secure marks cookies Secure; set it when the site is served over TLS
	// (directly or behind a proxy that terminates TLS).
	Secure bool
	// TrustProxy takes the client's address from the last X-Forwarded-For
	// entry, for a site behind a reverse proxy; leave it off otherwise,
	// or clients could choose their own address.
	TrustProxy bool
	// BaseURL is the site's public address (http or https), printed on
	// every PDF of an approved SOP with the path of its verification
	// page. It never comes from a request: "" prints no verification
	// address. esop serve always sets it (--base-url, or http://ADDR/
	// when it listens on loopback).
	BaseURL string
	// Budget is how long a request may run; past it the request's
	// context is cancelled, its work stops and it is answered 503. Zero
	// means DefaultBudget. LongBudget is the same for the requests that
	// gather many SOPs or records (the SOP book, imports, exports); zero
	// means DefaultLongBudget.
	Budget, LongBudget time.Duration
	// MetricsToken, when set, lets a client that sends it as a bearer
	// token (Authorization: Bearer …, as Prometheus does) read /metrics;
	// administrators signed in read it always, and nobody else.
	MetricsToken string
	Version      string
	// Mail is the mail server of the review reminders, shown to
	// administrators; the zero value means the reminders are off.
	Mail MailStatus
	// Now is the clock; nil uses time.Now.
	Now func() time.Time
}

// Server is the e-SOP web application. Make one with New.
type Server struct {
	store      Store
	renderer   *render.Renderer
	log        *slog.Logger
	secure     bool
	trustProxy bool
	baseURL    string
	version    string
	mail       MailStatus
	now        func() time.Time
	budget     time.Duration // of a request; longBudget of the long ones
	longBudget time.Duration
	metricsKey []byte          // SHA-256 of the metrics token; nil when there is none
	access     *access.Checker // who may do what (authz.go)
	api        *api.API        // the JSON API, mounted at /api/ (package api)

	msgs    messages
	pages   *templates
	static  *staticFiles
	limiter *loginLimiter
	hashes  *hashGate     // the password checks of sign-ins that run at once
	devices *deviceSigner // device cookies of browsers that signed in before
	metrics *metrics
	cache   *lru // laid-out documents
	pageOut *lru // public SOP pages as sent
	index   *catalogueIndex
	follow  follower // the log of catalogue changes (follow.go)
	logo    atomic.Pointer[officeLogo]
	// synonyms are the search synonyms as last read (synonyms.go).
	synonyms atomic.Pointer[[]textsearch.Synonym]
	// synonymsGen counts the readings of synonyms, for the pages made with them.
	synonymsGen atomic.Int64
	// searchOut holds the search pages as sent to visitors not signed in
	// (searchPage), apart from pageOut so that many queries cannot crowd
	// out the SOP pages.
	searchOut *lru

	handlerOnce sync.Once
	handler     http.Handler

	// relating, when set (by tests), is called before each Keterkaitan
	// entry of an SOP page is resolved.
	relating func(context.Context)
}

// New prepares the web application: it parses the templates and the
// message catalogues (failing fast on any error) and builds the search
// index of the catalogue.
func New(ctx context.Context, cfg Config) (*Server, error) {
	s := &Server{store: cfg.Store, renderer: cfg.Renderer, log: cfg.Logger, secure: cfg.Secure, trustProxy: cfg.TrustProxy,
		version: cfg.Version, mail: cfg.Mail, now: cfg.Now, budget: cfg.Budget, longBudget: cfg.LongBudget}
	var err error
	if s.baseURL, err = checkBaseURL(cfg.BaseURL); err != nil {
		return nil, err
	}
	if s.metricsKey, err = metricsKey(cfg.MetricsToken); err != nil {
		return nil, err
	}
	s.budget = cmp.Or(s.budget, DefaultBudget)
	s.longBudget = cmp.Or(s.longBudget, DefaultLongBudget)
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.access = access.New(s.store, s.now)
	if s.msgs, err = loadMessages(); err != nil {
		return nil, err
	}
	if s.static, err = loadStatic(); err != nil {
		return nil, err
	}
	if s.pages, err = parseTemplates(s.msgs, s.static); err != nil {
		return nil, err
	}
	s.api = api.New(api.Config{Store: s.store, Access: s.access, Logger: s.log, Now: s.now, T: s.msgs.T,
		WithActor: s.withActor, SignIn: s.signIn,
		Search: s.searchIDs, Reindex: s.reindex, ValidateOptions: s.validateOptions, Lent: s.lentRoutes()})
	s.limiter = newLoginLimiter(s.store, s.now)
	s.hashes = newHashGate(sharedHashes, trustedHashes, hashWait)
	key, err := loadDeviceKey(ctx, s.store)
	if err != nil {
		return nil, err
	}
	s.devices = &deviceSigner{key: key, now: s.now}
	s.metrics = newMetrics()
	s.cache = newLRU(256)
	s.pageOut = newLRU(512)
	s.metrics.watchCache("layout", s.cache)
	s.metrics.watchCache("page", s.pageOut)
	s.searchOut = newLRU(256)
	s.metrics.watchCache("search", s.searchOut)
	s.index = newCatalogueIndex()
	if err := s.loadLogo(ctx); err != nil {
		return nil, err
	}
	if err := s.startFollowing(ctx); err != nil {
		return nil, err
	}
	if err := s.rebuild(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// ServeHTTP serves the application.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlerOnce.Do(func() { s.handler = s.routes() })
	s.handler.ServeHTTP(w, r)
}

// today returns the current date in Indonesia's western zone (WIB),
// where "in force from its effective date" is judged.
func (s *Server) today() esop.Date { return access.DateIn(s.now()) }

var wib = access.WIB

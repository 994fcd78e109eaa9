package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// sessionCookie is the name of the session cookie.
const sessionCookie = httpx.SessionCookie

// sessionTTL is how long a web session lasts without signing in again.
const sessionTTL = 12 * time.Hour

// request is what a handler knows about the request beyond *http.Request.
type request struct {
	user  *esop.User // nil when not signed in
	lang  string
	token string // the session token, for logging out
	// zone is the time zone of the page's times, set by handlers of pages
	// about one SOP (timezone.go); nil for the site's.
	zone *time.Location
}

// T translates key in the request's language.
func (rq *request) T(s *Server, key string, args ...any) string {
	return s.msgs.T(rq.lang, key, args...)
}

// wrap checks the route's guard and runs its handler, turning its error
// into the right status and page.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := &request{}
		r = r.WithContext(withOrg(r.Context()))
		if c, err := r.Cookie(sessionCookie); err == nil {
			if u, err := s.store.FindSession(r.Context(), c.Value); err == nil {
				rq.user, rq.token = u, c.Value
			}
		}
		rq.lang = language(r, rq.user)
		r = s.withActor(r, rq.user)
		if err := s.allowed(rt.guard, r, rq); err != nil {
			s.fail(w, r, rq, err)
			return
		}
		if err := rt.handle(w, r, rq); err != nil {
			s.fail(w, r, rq, err)
		}
	})
}

// allowed checks a route's guard.
func (s *Server) allowed(g guard, r *http.Request, rq *request) error {
	if g == scrapers {
		return s.mayReadMetrics(r, rq)
	}
	return httpx.Allowed(g, rq.user)
}

// fail answers with the error page; an anonymous visitor asked to sign in
// is sent to the login page instead. Internal errors are logged, and
// their text is never shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	err = overBudget(r, err)
	status := statusOf(err)
	if status == http.StatusUnauthorized && r.Method == http.MethodGet && r.Header.Get("HX-Request") == "" {
		http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	msg := esop.ErrorMessage(err, rq.lang)
	var limited *rateLimited
	if errors.As(err, &limited) {
		w.Header().Set("Retry-After", strconv.Itoa(int(limited.Wait.Seconds())+1))
		status, msg = http.StatusTooManyRequests, limited.Msg.In(rq.lang)
	}
	s.renderPage(w, r, rq, status, "error", errorView{Status: status, Message: msg})
}

// DefaultBudget is how long a request may run unless Config.Budget says
// otherwise; DefaultLongBudget is the same for the requests that gather
// many SOPs or records (longRoutes). Both stay under the write timeout
// of esop serve's HTTP server, so that a request past its budget still
// gets its answer.
const (
	DefaultBudget     = 30 * time.Second
	DefaultLongBudget = 2 * time.Minute
)

// longRoutes are the paths whose requests get the long budget: the SOP
// book, imports of many files, and the exports of the audit trail and of
// the monitoring recap.
var longRoutes = map[string]bool{"/book.pdf": true, "/import": true, "/audit.csv": true, "/monev.xlsx": true}

// withBudget runs every request under a deadline: past its budget the
// request's context is cancelled, so that its database queries and the
// loops that watch the context stop, and the handler answers 503
// (overBudget). A client that goes away cancels it the same way. The
// work stops with the request; nothing is left running behind it.
func (s *Server) withBudget(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		budget := s.budget
		if longRoutes[r.URL.Path] {
			budget = s.longBudget
		}
		ctx, cancel := context.WithTimeout(r.Context(), budget)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && r.Context().Err() == nil {
			s.log.Warn("request over its time budget", "method", r.Method, "path", r.URL.Path, "budget", budget.String())
		}
	})
}

// errorView is the view model of the error page.
type errorView struct {
	Status  int
	Message string
}

// securityHeaders sets the headers every response carries: a Content
// Security Policy with no inline script or style, no framing, no sniffing.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
		"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	size   int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.size += n
	return n, err
}

// observe logs each request (never its query or body, which may hold
// passwords), counts it in the metrics, and turns a panic into a 500.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if sw.status == 0 {
					http.Error(sw, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
				}
			}
			d := time.Since(start)
			s.metrics.observe(r, sw.status, d)
			if sw.status >= 500 || !strings.HasPrefix(r.URL.Path, "/static/") {
				s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "bytes", sw.size, "ms", float64(d.Microseconds())/1000)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/prom"
)

// metrics are the Prometheus metrics of one server, in a registry of its
// own (no global state), with the Go runtime's and the process's figures.
type metrics struct {
	registry *prom.Registry
	requests *prom.CounterVec
	duration *prom.HistogramVec
	handler  http.Handler
}

func newMetrics() *metrics {
	reg := prom.NewRegistry()
	m := &metrics{
		registry: reg,
		requests: reg.NewCounterVec("esop_http_requests_total", "HTTP requests by method and status code.", "method", "code"),
		duration: reg.NewHistogramVec("esop_http_request_duration_seconds", "Time to answer HTTP requests.",
			[]float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}, "method"),
	}
	reg.CollectGo()
	reg.CollectProcess()
	m.handler = reg.Handler()
	return m
}

func (m *metrics) observe(r *http.Request, status int, d time.Duration) {
	method := r.Method
	if method != http.MethodGet && method != http.MethodPost && method != http.MethodPut && method != http.MethodHead {
		method = "OTHER" // keep the label set small whatever clients send
	}
	m.requests.With(method, strconv.Itoa(status)).Inc()
	m.duration.With(method).Observe(d.Seconds())
}

// watchCache counts the lookups of an in-memory cache, found and made,
// as esop_cache_lookups_total{cache=name}.
func (m *metrics) watchCache(name string, c *lru) {
	for result, n := range map[string]*atomic.Int64{"hit": &c.hits, "miss": &c.misses} {
		m.registry.NewCounterFunc("esop_cache_lookups_total", "Lookups in the in-memory caches: hit (served from memory) or miss (made anew).",
			func() float64 { return float64(n.Load()) }, "cache", name, "result", result)
	}
}

// metricsKey returns the SHA-256 of the metrics token, nil without one.
// A token too short to resist guessing is refused.
func metricsKey(token string) ([]byte, error) {
	if token == "" {
		return nil, nil
	}
	if len(token) < minMetricsToken {
		return nil, esop.Errorf(esop.EINVALID,
			"token metrik (--metrics-token, ESOP_METRICS_TOKEN) terlalu pendek: paling sedikit %d karakter acak",
			"the metrics token (--metrics-token, ESOP_METRICS_TOKEN) is too short: at least %d random characters", minMetricsToken)
	}
	sum := sha256.Sum256([]byte(token))
	return sum[:], nil
}

// minMetricsToken is the shortest metrics token accepted.
const minMetricsToken = 16

// mayReadMetrics reports whether a request may read /metrics: it carries
// the configured metrics token, or comes from an administrator. Where
// the request comes from plays no part: behind a proxy on the same
// machine every request would look local.
func (s *Server) mayReadMetrics(r *http.Request, rq *request) error {
	if esop.May(esop.Subject{User: rq.user}, esop.PermAdminister, esop.Scope{}) {
		return nil
	}
	token, bearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if bearer {
		sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
		if s.metricsKey != nil && subtle.ConstantTimeCompare(sum[:], s.metricsKey) == 1 {
			return nil
		}
		return errForbidden
	}
	if rq.user == nil {
		return errSignIn
	}
	return errForbidden
}

func (s *Server) metricsPage(w http.ResponseWriter, r *http.Request, _ *request) error {
	s.metrics.handler.ServeHTTP(w, r)
	return nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request, _ *request) error {
	if _, _, err := s.store.FindSOPs(r.Context(), esopFilterOne); err != nil {
		s.log.Error("health check", "err", err)
		http.Error(w, "database unavailable\n", http.StatusServiceUnavailable)
		return nil
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
	return nil
}

// readyz says whether this server is ready for requests: the database
// answers (the generation of the catalogue, one row), within 2 seconds,
// and the server's catalogue follows the other servers' changes (the log
// of changes was read in the last 10 seconds, when the server follows it).
// A load balancer sends requests only to a ready server; /healthz says
// whether the process should be restarted.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request, _ *request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if _, _, _, err := s.store.CatalogueChanges(ctx, 1<<62); err != nil {
		s.log.Error("readiness check", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return nil
	}
	if s.followBehind() {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("catalogue behind the database\n"))
		return nil
	}
	w.Write([]byte("ready\n"))
	return nil
}

// esopFilterOne asks the store for one SOP, as a cheap health check.
var esopFilterOne = esop.SOPFilter{Limit: 1}

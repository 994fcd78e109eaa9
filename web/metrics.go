package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/esop-malang/esop"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Prometheus metrics of one server, in a registry of its
// own (no global state), with the Go runtime and process collectors.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	handler  http.Handler
}

func newMetrics() *metrics {
	reg := prometheus.NewRegistry()
	m := &metrics{
		registry: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "esop_http_requests_total", Help: "HTTP requests by method and status code.",
		}, []string{"method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "esop_http_request_duration_seconds", Help: "Time to answer HTTP requests.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"method"}),
	}
	reg.MustRegister(m.requests, m.duration, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	return m
}

func (m *metrics) observe(r *http.Request, status int, d time.Duration) {
	method := r.Method
	if method != http.MethodGet && method != http.MethodPost && method != http.MethodPut && method != http.MethodHead {
		method = "OTHER" // keep the label set small whatever clients send
	}
	m.requests.WithLabelValues(method, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(method).Observe(d.Seconds())
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

// esopFilterOne asks the store for one SOP, as a cheap health check.
var esopFilterOne = esop.SOPFilter{Limit: 1}

// Package prom keeps the metrics of a server and writes them in the
// Prometheus text exposition format (version 0.0.4) for /metrics:
// counters and histograms with labels, counters read from a function,
// and the Go runtime's and the process's own figures under the names the
// official client library gives them.
//
// It replaces that library in e-SOP because the library, with protobuf
// and procfs, cost a third of the start-up of every command of the
// binary, `esop version` included (package initialisation that runs
// whether or not the command serves); see docs/decisions.md. It writes
// only the text format, which every Prometheus scrapes.
package prom

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Registry holds the metrics of one server. Its methods are safe for
// concurrent use.
type Registry struct {
	mu         sync.Mutex
	collectors []func(*Emitter)
	kinds      map[string]string // name → "help\x00type", to refuse a clash early
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry { return &Registry{kinds: map[string]string{}} }

// Collect adds a collector: a function that emits samples each time the
// metrics are written.
func (r *Registry) Collect(f func(*Emitter)) {
	r.mu.Lock()
	r.collectors = append(r.collectors, f)
	r.mu.Unlock()
}

// claim records that name is a metric of type typ with help; it panics
// on a second, different claim (a programming mistake, as in the client
// library's MustRegister).
func (r *Registry) claim(name, help, typ string, labels []string) {
	if !validName(name) {
		panic("prom: bad metric name " + strconv.Quote(name))
	}
	for _, l := range labels {
		if !validName(l) || strings.HasPrefix(l, "__") || l == "le" || l == "quantile" {
			panic("prom: bad label name " + strconv.Quote(l))
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	k := help + "\x00" + typ
	if old, ok := r.kinds[name]; ok && old != k {
		panic("prom: " + name + " registered twice with another type or help")
	}
	r.kinds[name] = k
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if !(c == '_' || c == ':' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// CounterVec is a counter with labels.
type CounterVec struct {
	labels []string
	series sync.Map // joined label values → *Counter
}

// Counter counts up.
type Counter struct{ bits atomic.Uint64 }

// Add adds v (≥ 0) to the counter.
func (c *Counter) Add(v float64) {
	if v < 0 {
		panic("prom: a counter cannot go down")
	}
	addFloat(&c.bits, v)
}

// Inc adds one.
func (c *Counter) Inc() { c.Add(1) }

// Value returns the count.
func (c *Counter) Value() float64 { return math.Float64frombits(c.bits.Load()) }

func addFloat(bits *atomic.Uint64, v float64) {
	for {
		old := bits.Load()
		if bits.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
}

// NewCounterVec registers a counter with the given label names.
func (r *Registry) NewCounterVec(name, help string, labels ...string) *CounterVec {
	r.claim(name, help, "counter", labels)
	v := &CounterVec{labels: labels}
	r.Collect(func(e *Emitter) {
		v.series.Range(func(k, c any) bool {
			e.Counter(name, help, c.(*Counter).Value(), pairs(v.labels, splitKey(k.(string)))...)
			return true
		})
	})
	return v
}

// With returns the counter of the label values, in the order of the
// label names.
func (v *CounterVec) With(values ...string) *Counter {
	k := seriesKey(v.labels, values)
	if c, ok := v.series.Load(k); ok {
		return c.(*Counter)
	}
	c, _ := v.series.LoadOrStore(k, &Counter{})
	return c.(*Counter)
}

// HistogramVec is a histogram with labels.
type HistogramVec struct {
	labels  []string
	buckets []float64
	series  sync.Map // joined label values → *Histogram
}

// Histogram counts observations into buckets.
type Histogram struct {
	upper  []float64
	counts []atomic.Uint64 // per bucket, not cumulative; the last is +Inf
	sum    atomic.Uint64   // float64 bits
	mu     sync.RWMutex    // held for reading by Observe, for writing by a scrape, so that it sees whole observations
}

// Observe adds one observation.
func (h *Histogram) Observe(v float64) {
	i, _ := slices.BinarySearch(h.upper, v) // the first bucket whose upper bound is ≥ v
	h.mu.RLock()
	h.counts[i].Add(1)
	addFloat(&h.sum, v)
	h.mu.RUnlock()
}

// NewHistogramVec registers a histogram with the given upper bounds of
// its buckets (increasing) and label names.
func (r *Registry) NewHistogramVec(name, help string, buckets []float64, labels ...string) *HistogramVec {
	r.claim(name, help, "histogram", labels)
	if len(buckets) == 0 || !slices.IsSorted(buckets) || slices.Contains(buckets, math.Inf(1)) || len(slices.Compact(slices.Clone(buckets))) != len(buckets) {
		panic("prom: the buckets of " + name + " must increase and be finite")
	}
	v := &HistogramVec{labels: labels, buckets: slices.Clone(buckets)}
	r.Collect(func(e *Emitter) {
		v.series.Range(func(k, x any) bool {
			h := x.(*Histogram)
			cum := make([]uint64, len(h.counts))
			h.mu.Lock()
			var n uint64
			for i := range h.counts {
				n += h.counts[i].Load()
				cum[i] = n
			}
			sum := math.Float64frombits(h.sum.Load())
			h.mu.Unlock()
			e.Histogram(name, help, h.upper, cum, sum, pairs(v.labels, splitKey(k.(string)))...)
			return true
		})
	})
	return v
}

// With returns the histogram of the label values.
func (v *HistogramVec) With(values ...string) *Histogram {
	k := seriesKey(v.labels, values)
	if h, ok := v.series.Load(k); ok {
		return h.(*Histogram)
	}
	h, _ := v.series.LoadOrStore(k, &Histogram{upper: v.buckets, counts: make([]atomic.Uint64, len(v.buckets)+1)})
	return h.(*Histogram)
}

// NewCounterFunc registers a counter read from f when written, with
// constant labels given as name, value pairs. Several series of one name
// may be registered with different labels.
func (r *Registry) NewCounterFunc(name, help string, f func() float64, labels ...string) {
	if len(labels)%2 != 0 {
		panic("prom: labels come in name, value pairs")
	}
	names := make([]string, 0, len(labels)/2)
	for i := 0; i < len(labels); i += 2 {
		names = append(names, labels[i])
	}
	r.claim(name, help, "counter", names)
	r.Collect(func(e *Emitter) { e.Counter(name, help, f(), labels...) })
}

// seriesKey joins label values; the values may hold any text.
func seriesKey(names, values []string) string {
	if len(values) != len(names) {
		panic(fmt.Sprintf("prom: %d label values for %d labels", len(values), len(names)))
	}
	return strings.Join(values, "\xff")
}

func splitKey(k string) []string { return strings.Split(k, "\xff") }

func pairs(names, values []string) []string {
	if len(names) == 0 {
		return nil
	}
	p := make([]string, 0, 2*len(names))
	for i, n := range names {
		p = append(p, n, values[i])
	}
	return p
}

// Emitter gathers the samples of one scrape.
type Emitter struct {
	families map[string]*family
}

type family struct {
	help, typ string
	series    []series
}

// series is one labelled series: its lines, written together.
type series struct {
	labels string // rendered, sorted by label name, without braces
	lines  []sample
}

type sample struct {
	suffix string // "_bucket", "_sum", …
	extra  string // a label of the sample itself: le="…", quantile="…"
	value  float64
}

func (e *Emitter) add(name, help, typ string, labels []string, lines ...sample) {
	if e.families == nil {
		e.families = map[string]*family{}
	}
	f := e.families[name]
	if f == nil {
		f = &family{help: help, typ: typ}
		e.families[name] = f
	}
	f.series = append(f.series, series{labels: renderLabels(labels), lines: lines})
}

// Gauge emits a gauge sample with labels given as name, value pairs.
func (e *Emitter) Gauge(name, help string, v float64, labels ...string) {
	e.add(name, help, "gauge", labels, sample{value: v})
}

// Counter emits a counter sample.
func (e *Emitter) Counter(name, help string, v float64, labels ...string) {
	e.add(name, help, "counter", labels, sample{value: v})
}

// Histogram emits a histogram: the upper bounds of the buckets and the
// cumulative counts, one more than the bounds (the last is +Inf, the
// count).
func (e *Emitter) Histogram(name, help string, upper []float64, cumulative []uint64, sum float64, labels ...string) {
	lines := make([]sample, 0, len(cumulative)+2)
	for i, n := range cumulative {
		le := math.Inf(1)
		if i < len(upper) {
			le = upper[i]
		}
		lines = append(lines, sample{suffix: "_bucket", extra: `le="` + formatFloat(le) + `"`, value: float64(n)})
	}
	lines = append(lines, sample{suffix: "_sum", value: sum}, sample{suffix: "_count", value: float64(cumulative[len(cumulative)-1])})
	e.add(name, help, "histogram", labels, lines...)
}

// Summary emits a summary: quantiles (q → value), sum and count.
func (e *Emitter) Summary(name, help string, quantiles [][2]float64, sum float64, count uint64, labels ...string) {
	lines := make([]sample, 0, len(quantiles)+2)
	for _, q := range quantiles {
		lines = append(lines, sample{extra: `quantile="` + formatFloat(q[0]) + `"`, value: q[1]})
	}
	lines = append(lines, sample{suffix: "_sum", value: sum}, sample{suffix: "_count", value: float64(count)})
	e.add(name, help, "summary", labels, lines...)
}

// renderLabels renders name, value pairs sorted by name.
func renderLabels(labels []string) string {
	if len(labels) == 0 {
		return ""
	}
	type pair struct{ k, v string }
	ps := make([]pair, 0, len(labels)/2)
	for i := 0; i+1 < len(labels); i += 2 {
		ps = append(ps, pair{labels[i], labels[i+1]})
	}
	slices.SortFunc(ps, func(a, b pair) int { return strings.Compare(a.k, b.k) })
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(p.k)
		b.WriteString(`="`)
		b.WriteString(labelEscaper.Replace(p.v))
		b.WriteByte('"')
	}
	return b.String()
}

var (
	labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
)

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// WriteTo writes every metric in the text format, families sorted by
// name and the series of a family by their labels.
func (r *Registry) WriteTo(w io.Writer) (int64, error) {
	r.mu.Lock()
	collectors := slices.Clone(r.collectors)
	r.mu.Unlock()
	e := &Emitter{}
	for _, c := range collectors {
		c(e)
	}
	names := make([]string, 0, len(e.families))
	for n := range e.families {
		names = append(names, n)
	}
	slices.Sort(names)
	cw := &countWriter{w: w}
	b := bufio.NewWriter(cw)
	for _, n := range names {
		f := e.families[n]
		fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n", n, helpEscaper.Replace(f.help), n, f.typ)
		slices.SortStableFunc(f.series, func(a, b series) int { return strings.Compare(a.labels, b.labels) })
		for _, s := range f.series {
			for _, l := range s.lines {
				b.WriteString(n)
				b.WriteString(l.suffix)
				if s.labels != "" || l.extra != "" {
					b.WriteByte('{')
					b.WriteString(s.labels)
					if s.labels != "" && l.extra != "" {
						b.WriteByte(',')
					}
					b.WriteString(l.extra)
					b.WriteByte('}')
				}
				b.WriteByte(' ')
				b.WriteString(formatFloat(l.value))
				b.WriteByte('\n')
			}
		}
	}
	err := b.Flush()
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ContentType is the media type of the text format.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Handler serves the metrics, gzipped when the client accepts it.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", ContentType)
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(req.Header.Get("Accept-Encoding")) {
			r.WriteTo(w)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		z := gzip.NewWriter(w)
		r.WriteTo(z)
		z.Close()
	})
}

func acceptsGzip(h string) bool {
	for _, part := range strings.Split(h, ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
			return !ok || q != "0" && q != "0.0" && q != "0.00" && q != "0.000"
		}
	}
	return false
}

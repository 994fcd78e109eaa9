package prom

import (
	"bytes"
	"compress/gzip"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// The output is read back with the Prometheus project's own parser of
// the text format (a test-only dependency), which rejects what a
// Prometheus server would.

func parse(t *testing.T, text string) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.LegacyValidation)
	mfs, err := p.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		t.Fatalf("the Prometheus parser: %v\n%s", err, text)
	}
	return mfs
}

func scrape(t *testing.T, r *Registry) string {
	t.Helper()
	var b bytes.Buffer
	n, err := r.WriteTo(&b)
	if err != nil || n != int64(b.Len()) {
		t.Fatalf("WriteTo: %d, %v (%d written)", n, err, b.Len())
	}
	return b.String()
}

func labelsOf(m *dto.Metric) map[string]string {
	l := map[string]string{}
	for _, p := range m.GetLabel() {
		l[p.GetName()] = p.GetValue()
	}
	return l
}

func TestCountersAndHistograms(t *testing.T) {
	r := NewRegistry()
	req := r.NewCounterVec("esop_http_requests_total", "HTTP requests by method and status code.", "method", "code")
	dur := r.NewHistogramVec("esop_http_request_duration_seconds", "Time to answer HTTP requests.", []float64{.001, .01, .1, 1}, "method")
	var hits float64 = 7
	r.NewCounterFunc("esop_cache_lookups_total", "Lookups.\nSecond line with a \\.", func() float64 { return hits }, "cache", "layout", "result", "hit")
	r.NewCounterFunc("esop_cache_lookups_total", "Lookups.\nSecond line with a \\.", func() float64 { return 2 }, "result", "miss", "cache", "layout")

	req.With("GET", "200").Inc()
	req.With("GET", "200").Add(2)
	req.With("POST", "303").Inc()
	req.With(`we"ird\`+"\n", "500").Inc() // label values are escaped
	for _, v := range []float64{0.0005, 0.001, 0.002, 0.05, 0.05, 3} {
		dur.With("GET").Observe(v)
	}
	text := scrape(t, r)
	mfs := parse(t, text)

	if got := len(mfs); got != 3 {
		t.Errorf("%d families", got)
	}
	c := mfs["esop_http_requests_total"]
	if c.GetType() != dto.MetricType_COUNTER || c.GetHelp() != "HTTP requests by method and status code." || len(c.Metric) != 3 {
		t.Fatalf("requests: %v", c)
	}
	counts := map[string]float64{}
	for _, m := range c.Metric {
		l := labelsOf(m)
		counts[l["method"]+" "+l["code"]] = m.GetCounter().GetValue()
	}
	if counts["GET 200"] != 3 || counts["POST 303"] != 1 || counts["we\"ird\\\n 500"] != 1 {
		t.Errorf("counts %v", counts)
	}
	// Labels sorted by name, series by their labels.
	if !strings.Contains(text, `esop_http_requests_total{code="200",method="GET"} 3`+"\n"+`esop_http_requests_total{code="303",method="POST"} 1`) {
		t.Errorf("order of series:\n%s", text)
	}

	h := mfs["esop_http_request_duration_seconds"].Metric[0].GetHistogram()
	if len(h.Bucket) != 5 {
		t.Errorf("%d buckets", len(h.Bucket))
	}
	if h.GetSampleCount() != 6 || math.Abs(h.GetSampleSum()-3.1035) > 1e-9 {
		t.Errorf("count %d, sum %v", h.GetSampleCount(), h.GetSampleSum())
	}
	want := map[float64]uint64{.001: 2, .01: 3, .1: 5, 1: 5, math.Inf(1): 6} // cumulative, an observation on a bound in its bucket
	for _, b := range h.Bucket {
		if b.GetCumulativeCount() != want[b.GetUpperBound()] {
			t.Errorf("le=%v: %d, want %d", b.GetUpperBound(), b.GetCumulativeCount(), want[b.GetUpperBound()])
		}
	}
	if !strings.Contains(text, `esop_http_request_duration_seconds_bucket{method="GET",le="+Inf"} 6`) {
		t.Errorf("no +Inf bucket:\n%s", text)
	}

	l := mfs["esop_cache_lookups_total"]
	if l.GetHelp() != "Lookups.\nSecond line with a \\." || len(l.Metric) != 2 || l.Metric[0].GetCounter().GetValue() != 7 || labelsOf(l.Metric[1])["result"] != "miss" {
		t.Errorf("lookups: %v", l)
	}
	hits = 9 // read when written
	if !strings.Contains(scrape(t, r), `esop_cache_lookups_total{cache="layout",result="hit"} 9`) {
		t.Error("the counter function is not read at each scrape")
	}
}

func TestMistakesPanic(t *testing.T) {
	for name, f := range map[string]func(r *Registry){
		"bad name":          func(r *Registry) { r.NewCounterVec("esop-requests", "h") },
		"bad label":         func(r *Registry) { r.NewCounterVec("x_total", "h", "le") },
		"clash":             func(r *Registry) { r.NewCounterVec("x", "h"); r.NewHistogramVec("x", "h", []float64{1}) },
		"unsorted buckets":  func(r *Registry) { r.NewHistogramVec("x", "h", []float64{1, 0.5}) },
		"infinite bucket":   func(r *Registry) { r.NewHistogramVec("x", "h", []float64{1, math.Inf(1)}) },
		"wrong label count": func(r *Registry) { r.NewCounterVec("x", "h", "a", "b").With("only one") },
		"counter down":      func(r *Registry) { r.NewCounterVec("x", "h").With().Add(-1) },
		"odd label pairs":   func(r *Registry) { r.NewCounterFunc("x", "h", func() float64 { return 0 }, "cache") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f(NewRegistry())
		}()
	}
}

// Observations from many goroutines while scrapes run: nothing is lost
// and every scrape sees whole observations (count = +Inf bucket, sum
// consistent).
func TestConcurrent(t *testing.T) {
	r := NewRegistry()
	c := r.NewCounterVec("c_total", "h", "k")
	h := r.NewHistogramVec("h_seconds", "h", []float64{1, 2})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				c.With([]string{"a", "b"}[i%2]).Inc()
				h.With().Observe(1.5)
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			var b bytes.Buffer
			r.WriteTo(&b)
			p := expfmt.NewTextParser(model.LegacyValidation)
			mfs, err := p.TextToMetricFamilies(&b)
			if err != nil {
				t.Error(err)
				return
			}
			if m := mfs["h_seconds"]; m != nil {
				hh := m.Metric[0].GetHistogram()
				if hh.GetSampleSum() != 1.5*float64(hh.GetSampleCount()) || hh.Bucket[1].GetCumulativeCount() != hh.GetSampleCount() {
					t.Errorf("a scrape saw half an observation: %v", hh)
					return
				}
			}
		}
	}()
	wg.Wait()
	close(done)
	mfs := parse(t, scrape(t, r))
	total := 0.0
	for _, m := range mfs["c_total"].Metric {
		total += m.GetCounter().GetValue()
	}
	if total != 16000 || mfs["h_seconds"].Metric[0].GetHistogram().GetSampleCount() != 16000 {
		t.Errorf("counted %v and %d of 16000", total, mfs["h_seconds"].Metric[0].GetHistogram().GetSampleCount())
	}
}

// The Go runtime's and the process's figures, under the client library's
// names and types.
func TestRuntimeAndProcess(t *testing.T) {
	r := NewRegistry()
	r.CollectGo()
	r.CollectProcess()
	runtime.GC()
	mfs := parse(t, scrape(t, r))
	types := map[string]dto.MetricType{
		"go_goroutines": dto.MetricType_GAUGE, "go_threads": dto.MetricType_GAUGE, "go_info": dto.MetricType_GAUGE,
		"go_gc_duration_seconds": dto.MetricType_SUMMARY, "go_memstats_alloc_bytes": dto.MetricType_GAUGE,
		"go_memstats_alloc_bytes_total": dto.MetricType_COUNTER, "go_memstats_heap_objects": dto.MetricType_GAUGE,
		"go_memstats_sys_bytes": dto.MetricType_GAUGE, "go_memstats_last_gc_time_seconds": dto.MetricType_GAUGE,
		"go_sched_gomaxprocs_threads": dto.MetricType_GAUGE, "go_gc_gogc_percent": dto.MetricType_GAUGE,
	}
	if runtime.GOOS == "linux" {
		for _, n := range []string{"process_cpu_seconds_total", "process_network_receive_bytes_total", "process_network_transmit_bytes_total"} {
			types[n] = dto.MetricType_COUNTER
		}
		for _, n := range []string{"process_resident_memory_bytes", "process_virtual_memory_bytes", "process_start_time_seconds",
			"process_open_fds", "process_max_fds", "process_virtual_memory_max_bytes"} {
			types[n] = dto.MetricType_GAUGE
		}
	}
	value := func(n string) float64 {
		m := mfs[n].Metric[0]
		if g := m.GetGauge(); g != nil {
			return g.GetValue()
		}
		return m.GetCounter().GetValue()
	}
	for n, typ := range types {
		if mfs[n] == nil || mfs[n].GetType() != typ {
			t.Errorf("%s: %v", n, mfs[n])
		}
	}
	if t.Failed() {
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if g := value("go_goroutines"); g < 1 || value("go_memstats_heap_objects") < 100 || value("go_memstats_sys_bytes") < float64(ms.HeapAlloc) ||
		value("go_sched_gomaxprocs_threads") != float64(runtime.GOMAXPROCS(0)) || value("go_gc_gogc_percent") <= 0 {
		t.Errorf("runtime figures: goroutines %v, heap objects %v, sys %v", g, value("go_memstats_heap_objects"), value("go_memstats_sys_bytes"))
	}
	if s := mfs["go_gc_duration_seconds"].Metric[0].GetSummary(); s.GetSampleCount() < 1 || len(s.Quantile) != 5 {
		t.Errorf("GC pauses %v", s)
	}
	if v := labelsOf(mfs["go_info"].Metric[0])["version"]; v != runtime.Version() {
		t.Errorf("go_info version %q", v)
	}
	if runtime.GOOS != "linux" {
		return
	}
	if start, now := value("process_start_time_seconds"), float64(time.Now().Unix()); start > now+1 || start < now-3600 {
		t.Errorf("started at %v", start)
	}
	f, err := os.Open(os.Args[0]) // one more open file is counted
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	open := value("process_open_fds")
	// The kernel counts CPU time in ticks (10 ms): a test process that has
	// used less reads 0 seconds. Work for 30 ms first, so that a figure of
	// 0 means a reading that is wrong, not a process too young.
	for start := time.Now(); time.Since(start) < 30*time.Millisecond; {
	}
	mfs = parse(t, scrape(t, r))
	if value("process_open_fds") != open && value("process_open_fds") < 3 || value("process_resident_memory_bytes") < 1<<20 ||
		value("process_virtual_memory_bytes") < value("process_resident_memory_bytes") || value("process_max_fds") < value("process_open_fds") ||
		value("process_cpu_seconds_total") <= 0 {
		t.Errorf("process figures: fds %v of %v, rss %v, vsz %v, cpu %v", value("process_open_fds"), value("process_max_fds"),
			value("process_resident_memory_bytes"), value("process_virtual_memory_bytes"), value("process_cpu_seconds_total"))
	}
}

func TestSoftLimit(t *testing.T) {
	limits := []byte("Limit                     Soft Limit           Hard Limit           Units     \n" +
		"Max address space         unlimited            unlimited            bytes     \n" +
		"Max open files            1024                 524288               files     \n")
	if n, ok := softLimit(limits, "Max open files"); !ok || n != 1024 {
		t.Errorf("open files %v %v", n, ok)
	}
	if n, ok := softLimit(limits, "Max address space"); !ok || n != math.MaxUint64 {
		t.Errorf("address space %v %v", n, ok)
	}
	if _, ok := softLimit(limits, "Max processes"); ok {
		t.Error("a limit that is not there")
	}
}

func TestHandler(t *testing.T) {
	r := NewRegistry()
	r.NewCounterVec("x_total", "h").With().Inc()
	for _, enc := range []string{"", "gzip", "deflate, gzip;q=1.0", "gzip;q=0", "br"} {
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		w := httptest.NewRecorder()
		r.Handler().ServeHTTP(w, req)
		if ct := w.Header().Get("Content-Type"); ct != "text/plain; version=0.0.4; charset=utf-8" {
			t.Errorf("%q: Content-Type %q", enc, ct)
		}
		body := w.Body.Bytes()
		gz := w.Header().Get("Content-Encoding") == "gzip"
		if gz != (enc == "gzip" || enc == "deflate, gzip;q=1.0") {
			t.Errorf("%q: gzip %v", enc, gz)
		}
		if gz {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		if string(body) != "# HELP x_total h\n# TYPE x_total counter\nx_total 1\n" {
			t.Errorf("%q: %q", enc, body)
		}
	}
}

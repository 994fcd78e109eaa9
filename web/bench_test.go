package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkSOPPage serves the public page of an SOP in force, with its
// inline flowchart, to an anonymous visitor, without the network.
func BenchmarkSOPPage(b *testing.B) {
	e := newEnv(b)
	path := fmt.Sprintf("/sops/%d", e.sopID("800/012/35.73.405/2024"))
	benchGet(b, e, path)
}

// BenchmarkSearch serves a search to a visitor, as kept rendered after
// the first time (web/catalogue.go searchPage).
func BenchmarkSearch(b *testing.B) { benchGet(b, newEnv(b), "/search?q=pengesahan") }

// BenchmarkSearchMade serves a search made anew each time: the search
// itself and its page, without the copy kept for visitors.
func BenchmarkSearchMade(b *testing.B) {
	e := newEnv(b)
	e.app.KeepNoSearchPages()
	benchGet(b, e, "/search?q=pengesahan")
}

func benchGet(b *testing.B, e *env, path string) {
	req := httptest.NewRequest("GET", path, nil)
	req.RemoteAddr = "192.0.2.1:1234"
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w := httptest.NewRecorder()
			e.app.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("status %d", w.Code)
			}
		}
	})
}

// BenchmarkSearchNone serves a search that finds nothing, so that the page
// looks for a spelling that would find more.
func BenchmarkSearchNone(b *testing.B) {
	e := newEnv(b)
	e.app.KeepNoSearchPages()
	benchGet(b, e, "/search?q=pengesahn+qqqzz")
}

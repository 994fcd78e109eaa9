package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// BenchmarkStandardsDashboard2000 is the dashboard of an administrator
// (who looks after every unit's service standards, so every standard is
// checked on it) and the register /standar-pelayanan, over the office of
// analysisBenchEnv: 2,000 SOPs in force besides the sample book's, 500
// positions, the three sample standards; and, for comparison, the
// dashboard of a pelaksana, who looks after no standard.
func BenchmarkStandardsDashboard2000(b *testing.B) {
	e := analysisBenchEnv(b)
	for _, p := range []struct{ name, user, path, want string }{
		{"dashboard", "admin", "/dashboard", "tidak sesuai SOP"},
		{"dashboard-without-standards", "pelaksana", "/dashboard", "Dasbor"}, // no standard to look after: the rest of the dashboard
		{"register", "admin", "/standar-pelayanan", "ketidaksesuaian"},
	} {
		c := e.session(p.user)
		b.Run(p.name, func(b *testing.B) {
			if res := e.do(c, http.MethodGet, p.path, nil); res.StatusCode != http.StatusOK || !strings.Contains(res.body, p.want) {
				b.Fatalf("%s: %d", p.path, res.StatusCode)
			}
			start, n := processCPU(), 0
			b.ResetTimer()
			for b.Loop() {
				if res := e.do(c, http.MethodGet, p.path, nil); res.StatusCode != http.StatusOK {
					b.Fatal(res.StatusCode)
				}
				n++
			}
			if start >= 0 {
				b.ReportMetric((processCPU()-start)*1000/float64(n), "cpu-ms/op")
			}
		})
	}
}

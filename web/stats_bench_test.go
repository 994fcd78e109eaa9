package web_test

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
)

// BenchmarkUnitStats1M: a unit's performance figures over two years and
// 1,000,000 finished tasks (issue 12's speed target: p99 under 200 ms on
// SQLite and PostgreSQL). The unit of the case fixture gets the
// aggregate rows that a million tasks of 20 SOPs of 8 steps, done by 40
// officials (5 per step) over 24 months, leave (storetest.GenerateStatRows),
// and 1,000 open tasks; the figures are then asked over HTTP as the
// dashboards ask them, by step and by month, and the latency of each
// request recorded.
//
//	go test -run '^$' -bench 'UnitStats1M' -benchtime 200x ./web/
func BenchmarkUnitStats1M(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "esop.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	benchUnitStats(b, db)
}

// BenchmarkUnitStats1MPostgres is the same on PostgreSQL.
func BenchmarkUnitStats1MPostgres(b *testing.B) { benchUnitStats(b, openBenchPostgres(b)) }

func benchUnitStats(b *testing.B, db *sqlstore.DB) {
	ctx := context.Background()
	e := newEnvOn(b, db)
	f, err := storetest.NewCaseFixture(ctx, db, 40)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	end := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	rows, err := storetest.GenerateStatRows(ctx, db, storetest.StatLoad{UnitID: f.UnitID, FirstSOP: f.SOPID, SOPs: 20, Steps: 8,
		FirstEmployee: 1, Employees: 40, Months: 24, End: end, Tasks: 1_000_000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	if err := f.GenerateOpenTasks(ctx, db, 1000, end, func(i int) []int64 { return []int64{f.Users[i%40].ID} }); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d aggregate rows for 1,000,000 tasks written in %s", rows, time.Since(start).Round(time.Millisecond))
	for _, tc := range []struct{ name, path, want string }{
		{"api-by-step", "/api/v1/stats?unit=bidang-uji&from=2024-12&to=2026-11&by=step", `"tasks":1000000`},
		{"api-by-month", "/api/v1/stats?unit=bidang-uji&from=2024-12&to=2026-11&by=month", `"tasks":1000000`},
		{"api-by-employee", "/api/v1/stats?unit=bidang-uji&from=2024-12&to=2026-11&by=employee", `"tasks":1000000`},
		{"dashboard-page", "/stats?unit=bidang-uji&from=2024-12&to=2026-11", `<dd>1000000</dd>`},
	} {
		token := e.bearer("admin")
		cookie := e.sessionToken("admin", "web")
		b.Run(tc.name, func(b *testing.B) {
			// A plain client: the latency of the server, without the
			// tests' check of every answer against openapi.json.
			client := &http.Client{}
			var lat []time.Duration
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodGet, e.srv.URL+tc.path, nil)
				if strings.HasPrefix(tc.path, "/api/") {
					req.Header.Set("Authorization", "Bearer "+token)
				} else {
					req.AddCookie(&http.Cookie{Name: "esop_session", Value: cookie})
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				body, err := io.ReadAll(res.Body)
				res.Body.Close()
				lat = append(lat, time.Since(t0))
				if err != nil || res.StatusCode != http.StatusOK || !strings.Contains(string(body), tc.want) {
					b.Fatalf("%s: %d, want %q in %.300s", tc.path, res.StatusCode, tc.want, body)
				}
			}
			slices.Sort(lat)
			pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}

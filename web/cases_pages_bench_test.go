package web_test

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/storetest"
)

// BenchmarkInboxPage100k times the screens of open work with 100,000
// open tasks on SQLite, every one in the inbox of the first user of the
// fixture (the worst inbox) and each also in one of 19 others' (about
// 5,300 each): the page "Tugas saya" (the first 200 tasks by due,
// rendered, with the count in the navigation), the same for an ordinary
// user, a unit's open work for an administrator, and the dashboard
// (whose only cost from running SOPs is the count beside "Tugas saya").
// It reports the 50th and 99th percentile of the whole request, over
// HTTP on the test server.
//
//	go test -run '^$' -bench BenchmarkInboxPage100k -benchtime 200x ./web
func BenchmarkInboxPage100k(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "esop.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e := newEnvOn(b, db)
	f, err := storetest.NewCaseFixture(ctx, db, 20)
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC) // due from the Monday after the test clock on
	const n = 100_000
	if err := f.GenerateOpenTasks(ctx, db, n, at, func(i int) []int64 { return []int64{f.Users[0].ID, f.Users[1+i%19].ID} }); err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct{ name, user, path, want string }{
		{"worst-inbox", f.Users[0].Username, "/tasks", fmt.Sprintf(`<span class="count">%d<`, n)},
		{"ordinary-inbox", f.Users[1].Username, "/tasks", `<span class="count">5264<`},
		{"unit-open-work", "admin", "/tasks?unit=bidang-uji", "100000 tugas terbuka"},
		{"dashboard-worst", f.Users[0].Username, "/dashboard", fmt.Sprintf(`<span class="count">%d<`, n)},
		{"dashboard-no-tasks", "pelaksana", "/dashboard", `id="nav-tasks"`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c := e.session(tc.user)
			var lat []time.Duration
			for b.Loop() {
				start := time.Now()
				res := e.do(c, http.MethodGet, tc.path, nil)
				lat = append(lat, time.Since(start))
				if res.StatusCode != http.StatusOK || !strings.Contains(res.body, tc.want) {
					b.Fatalf("%s as %s: %d, want %q in %s", tc.path, tc.user, res.StatusCode, tc.want, gist(res))
				}
			}
			slices.Sort(lat)
			pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}

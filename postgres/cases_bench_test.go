package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/storetest"
)

// BenchmarkInbox100k and BenchmarkUnitOpenWork100k are the inbox
// benchmarks of ./sqlite on PostgreSQL: a new database holding 100,000
// open tasks of one unit, all in the inbox of one user (the worst case)
// and each in one of 19 others'; the first page (50 by due) with its
// total (target: p99 < 50 ms). The tasks are written once per run (about
// a minute), outside the timer.
func BenchmarkInbox100k(b *testing.B) {
	db, f := inboxDB(b)
	timeQueries(b, func() error {
		page, err := db.FindTasks(context.Background(), esop.TaskFilter{AssigneeID: f.Users[0].ID})
		if err == nil && (page.Total != 100_000 || len(page.Items) != 50) {
			err = fmt.Errorf("total %d, %d items", page.Total, len(page.Items))
		}
		return err
	})
}

func BenchmarkUnitOpenWork100k(b *testing.B) {
	db, f := inboxDB(b)
	timeQueries(b, func() error {
		page, err := db.FindTasks(context.Background(), esop.TaskFilter{UnitID: f.UnitID})
		if err == nil && page.Total != 100_000 {
			err = fmt.Errorf("total %d", page.Total)
		}
		return err
	})
}

func inboxDB(b *testing.B) (interface {
	FindTasks(context.Context, esop.TaskFilter) (*esop.TaskPage, error)
}, *storetest.CaseFixture) {
	b.Helper()
	ctx := context.Background()
	db := open(b)
	f, err := storetest.NewCaseFixture(ctx, db, 20)
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	if err := f.GenerateOpenTasks(ctx, db, 100_000, at, func(i int) []int64 { return []int64{f.Users[0].ID, f.Users[1+i%19].ID} }); err != nil {
		b.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	return db, f
}

// timeQueries runs query b.N times and reports the 50th and 99th
// percentile of its latency.
func timeQueries(b *testing.B, query func() error) {
	b.Helper()
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := query(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

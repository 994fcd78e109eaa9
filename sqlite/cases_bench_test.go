package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
)

// openTasksBench is how many open tasks the inbox benchmarks hold.
const openTasksBench = 100_000

// openTasksDB returns a database holding openTasksBench open tasks of
// one unit, every one in the inbox of the fixture's first user (the worst
// inbox) and each also in one of 19 others' (about 5,300 each). It is
// built once and kept in the temporary folder for later runs.
func openTasksDB(b *testing.B) (*sqlstore.DB, *storetest.CaseFixture) {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("esop-bench-tasks-%d-v1.db", openTasksBench))
	build := false
	if _, err := os.Stat(path); err != nil {
		build = true
		path += ".tmp"
		os.Remove(path)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	var f *storetest.CaseFixture
	if build {
		start := time.Now()
		if f, err = storetest.NewCaseFixture(ctx, db, 20); err != nil {
			b.Fatal(err)
		}
		at := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
		err = f.GenerateOpenTasks(ctx, db, openTasksBench, at, func(i int) []int64 { return []int64{f.Users[0].ID, f.Users[1+i%19].ID} })
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
		if err := os.Rename(path, path[:len(path)-4]); err != nil {
			b.Fatal(err)
		}
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		b.Logf("built %d open tasks in %s", openTasksBench, time.Since(start).Round(time.Millisecond))
		if db, err = sqlite.Open(ctx, path[:len(path)-4]); err != nil {
			b.Fatal(err)
		}
	}
	b.Cleanup(func() { db.Close() })
	users, err := db.FindUsers(ctx)
	if err != nil {
		b.Fatal(err)
	}
	f = &storetest.CaseFixture{}
	for _, u := range users {
		f.Users = append(f.Users, u)
	}
	units, err := db.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		b.Fatal(err)
	}
	for _, u := range units {
		if u.Key == "bidang-uji" {
			f.UnitID = u.ID
		}
	}
	return db, f
}

// timeQueries runs query b.N times and reports the 50th and 99th
// percentile of its latency.
func timeQueries(b *testing.B, query func(i int) error) {
	b.Helper()
	var lat []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if err := query(i); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// BenchmarkInbox100k: the first page (50, by due) of open tasks of a user
// whose inbox holds all 100,000, with the total (target: p99 < 50 ms).
func BenchmarkInbox100k(b *testing.B) {
	db, f := openTasksDB(b)
	ctx := context.Background()
	timeQueries(b, func(int) error {
		page, err := db.FindTasks(ctx, esop.TaskFilter{AssigneeID: f.Users[0].ID})
		if err == nil && (page.Total != openTasksBench || len(page.Items) != 50) {
			err = fmt.Errorf("total %d, %d items", page.Total, len(page.Items))
		}
		return err
	})
}

// BenchmarkInbox100kPage: a page deep in the same inbox, by its cursor.
func BenchmarkInbox100kPage(b *testing.B) {
	db, f := openTasksDB(b)
	ctx := context.Background()
	var cursors []string
	cursor := ""
	for range 40 {
		page, err := db.FindTasks(ctx, esop.TaskFilter{AssigneeID: f.Users[0].ID, Limit: 200, Cursor: cursor})
		if err != nil {
			b.Fatal(err)
		}
		cursor = page.Next
		cursors = append(cursors, cursor)
	}
	timeQueries(b, func(i int) error {
		_, err := db.FindTasks(ctx, esop.TaskFilter{AssigneeID: f.Users[0].ID, Cursor: cursors[i%len(cursors)]})
		return err
	})
}

// BenchmarkInboxOfOne: an ordinary inbox (about 5,300 of the 100,000).
func BenchmarkInboxOfOne(b *testing.B) {
	db, f := openTasksDB(b)
	ctx := context.Background()
	timeQueries(b, func(i int) error {
		_, err := db.FindTasks(ctx, esop.TaskFilter{AssigneeID: f.Users[1+i%19].ID})
		return err
	})
}

// BenchmarkUnitOpenWork100k: the first page of the open work of the unit
// holding all 100,000 open tasks, with the total.
func BenchmarkUnitOpenWork100k(b *testing.B) {
	db, f := openTasksDB(b)
	ctx := context.Background()
	timeQueries(b, func(int) error {
		page, err := db.FindTasks(ctx, esop.TaskFilter{UnitID: f.UnitID})
		if err == nil && page.Total != openTasksBench {
			err = fmt.Errorf("total %d", page.Total)
		}
		return err
	})
}

// BenchmarkDurableCommit is the reference of the completion benchmark:
// single-row INSERT transactions, one after another, on a database opened
// as the application opens it (WAL, synchronous NORMAL, BEGIN IMMEDIATE).
func BenchmarkDurableCommit(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "esop.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SQL().ExecContext(ctx, `CREATE TABLE bench (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		tx, err := db.SQL().BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO bench (at, body) VALUES ($1, $2)`, time.Now().UTC().Format(time.RFC3339Nano), "selesai"); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "commits/s")
}

// completionClients is how many goroutines complete tasks at once
// ($ESOP_BENCH_CLIENTS, default 16).
var completionClients = func() int {
	if n, err := strconv.Atoi(os.Getenv("ESOP_BENCH_CLIENTS")); err == nil && n > 0 {
		return n
	}
	return 16
}()

// BenchmarkCompleteTask16 completes tasks through the store with 16
// goroutines at once, without HTTP: b.N cases started first (outside the
// timer), one completion each.
func BenchmarkCompleteTask16(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "esop.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC) }
	f, err := storetest.NewCaseFixture(ctx, db, 2)
	if err != nil {
		b.Fatal(err)
	}
	ids := make(chan int64, b.N)
	for range b.N {
		rec, err := db.StartCase(ctx, esop.NewCase{SOPID: f.SOPID, By: f.Users[0]})
		if err != nil {
			b.Fatal(err)
		}
		ids <- rec.ID
	}
	close(ids)
	in := esop.Completion{Checklist: map[string]bool{"Berkas": true}}
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range completionClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ids {
				if _, err := db.CompleteTask(ctx, id, 1, in, f.Users[1]); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "completions/s")
}

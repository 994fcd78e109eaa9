package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
)

// BenchmarkCompleteTaskHTTP16 completes tasks over HTTP with 16 clients
// at once on SQLite: b.N cases of the sample PKB SOP are started first
// (outside the timer), each with its first task open for the mediator,
// and the 16 clients then complete one task each per request, as the
// API is used (bearer token, JSON body with the checklist, the case as
// the answer). Compare completions/s with BenchmarkDurableCommit16 and
// ./sqlite's BenchmarkDurableCommit on the same machine.
func BenchmarkCompleteTaskHTTP16(b *testing.B) { benchCompleteHTTP(b, newRunEnv(b)) }

// BenchmarkCompleteTaskHTTP16Postgres is the same on PostgreSQL (a new
// database on the server of ESOP_TEST_POSTGRES); compare it with
// BenchmarkDurableCommit16Postgres.
func BenchmarkCompleteTaskHTTP16Postgres(b *testing.B) {
	benchCompleteHTTP(b, runEnvOf(b, newEnvOn(b, openBenchPostgres(b))))
}

func benchCompleteHTTP(b *testing.B, e *runEnv) {
	ctx := context.Background()
	mediator := e.user("mediator")
	ids := make(chan int64, b.N)
	for range b.N {
		rec, err := e.db.StartCase(ctx, esop.NewCase{SOPID: e.sopID, By: mediator})
		if err != nil {
			b.Fatal(err)
		}
		ids <- rec.ID
	}
	close(ids)
	body, _ := json.Marshal(map[string]any{"checklist": e.checklistFor(b, "b1")})
	token := e.bearer("mediator")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	var wg sync.WaitGroup
	b.ResetTimer()
	start, cpu := time.Now(), startCPU(e.db)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ids {
				req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/v1/cases/%d/tasks/1/complete", e.srv.URL, id), bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				res, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				var buf bytes.Buffer
				buf.ReadFrom(res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Errorf("case %d: %d %s", id, res.StatusCode, buf.String())
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "completions/s")
	cpu.report(b)
}

// cpuUse is the CPU used from a start: the benchmark's process (server,
// client and, on SQLite, the database) and, on PostgreSQL, the backends
// serving the benchmark's database.
type cpuUse struct {
	self float64
	pg   map[int]float64
	db   *sqlstore.DB
}

func startCPU(db *sqlstore.DB) cpuUse {
	c := cpuUse{self: processCPU()}
	if db.Dialect().Name() == "postgres" {
		c.db, c.pg = db, backendCPU(db)
	}
	return c
}

// report adds the CPU per operation since the start: cpu-ms/op for the
// process, pg-cpu-ms/op for the PostgreSQL backends of its database.
func (c cpuUse) report(b *testing.B) {
	b.ReportMetric((processCPU()-c.self)*1000/float64(b.N), "cpu-ms/op")
	if c.db != nil {
		if pg := backendCPUSince(c.db, c.pg); pg >= 0 {
			b.ReportMetric(pg*1000/float64(b.N), "pg-cpu-ms/op")
		}
	}
}

// BenchmarkDurableCommit16 is the reference of the completion benchmark
// measured the same way: 16 goroutines committing single-row INSERT
// transactions on a database opened as the application opens it (WAL,
// synchronous NORMAL, one writer taking the lock at BEGIN).
func BenchmarkDurableCommit16(b *testing.B) {
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "esop.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	benchCommits(b, db)
}

// BenchmarkDurableCommit16Postgres is the raw commit rate of PostgreSQL
// as the application uses it (a pool, one transaction per commit,
// synchronous_commit as the server sets it), for the completions on it.
func BenchmarkDurableCommit16Postgres(b *testing.B) { benchCommits(b, openBenchPostgres(b)) }

func benchCommits(b *testing.B, db *sqlstore.DB) {
	ctx := context.Background()
	idType := "INTEGER" // SQLite's rowid
	if db.Dialect().Name() == "postgres" {
		idType = "BIGSERIAL"
	}
	if _, err := db.SQL().ExecContext(ctx, `CREATE TABLE bench (id `+idType+` PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	work := make(chan struct{}, b.N)
	for range b.N {
		work <- struct{}{}
	}
	close(work)
	var wg sync.WaitGroup
	b.ResetTimer()
	start, cpu := time.Now(), startCPU(db)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range work {
				tx, err := db.SQL().BeginTx(ctx, nil)
				if err != nil {
					b.Error(err)
					return
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO bench (at, body) VALUES ($1, $2)`, time.Now().UTC().Format(time.RFC3339Nano), "selesai"); err != nil {
					b.Error(err)
				}
				if err := tx.Commit(); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "commits/s")
	cpu.report(b)
}

package jobs

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop/postgres"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
)

// database is one database of a test: open opens another handle on it,
// as another server (or the same one after a restart) would.
type database struct {
	dialect string
	open    func(t testing.TB) *sqlstore.DB
}

// databases returns a fresh SQLite database and, when
// ESOP_TEST_POSTGRES is set, a fresh PostgreSQL database, dropped at the
// end of the test.
func databases(t *testing.T) []database {
	dir := t.TempDir()
	list := []database{{"sqlite", func(t testing.TB) *sqlstore.DB {
		return openWith(t, func(ctx context.Context) (*sqlstore.DB, error) {
			return sqlite.Open(ctx, filepath.Join(dir, "esop.db"))
		})
	}}}
	if os.Getenv("ESOP_TEST_POSTGRES") == "" {
		t.Log("ESOP_TEST_POSTGRES is not set: SQLite only")
		return list
	}
	dsn := freshPostgres(t)
	return append(list, database{"postgres", func(t testing.TB) *sqlstore.DB {
		return openWith(t, func(ctx context.Context) (*sqlstore.DB, error) { return postgres.Open(ctx, dsn) })
	}})
}

// each runs fn on every database of databases.
func each(t *testing.T, fn func(t *testing.T, d database)) {
	for _, d := range databases(t) {
		t.Run(d.dialect, func(t *testing.T) { fn(t, d) })
	}
}

// openWith opens a handle with open, creates River's tables and closes
// the handle when the test ends.
func openWith(t testing.TB, open func(context.Context) (*sqlstore.DB, error)) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	db, err := open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := Migrate(ctx, db.SQL(), db.Dialect().Name()); err != nil {
		t.Fatal(err)
	}
	return db
}

// freshPostgres creates a database on the server of ESOP_TEST_POSTGRES
// and returns its address; it is dropped when the test ends.
func freshPostgres(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("ESOP_TEST_POSTGRES")
	root, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "esop_test_" + hex.EncodeToString(b)
	if _, err := root.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		root.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		root.Close()
	})
	u, _ := url.Parse(admin)
	u.Path = "/" + name
	return u.String()
}

// logBuffer is a log that tests read while the queue writes it.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// start makes and starts a queue on db with cfg (DB, Dialect and Store
// filled from db when empty) and stops it when the test ends.
func start(t testing.TB, db *sqlstore.DB, cfg Config) *Queue {
	t.Helper()
	if cfg.DB == nil {
		cfg.DB, cfg.Dialect = db.SQL(), db.Dialect().Name()
	}
	if cfg.Store == nil {
		cfg.Store = db
	}
	q, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stop(t, q) })
	return q
}

// stop stops q (again: stopping twice is harmless).
func stop(t testing.TB, q *Queue) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := q.Stop(ctx); err != nil {
		t.Errorf("stopping the queue: %v", err)
	}
}

// count returns how many jobs of kind are in the table, in states
// (every state when none is given).
func count(t testing.TB, db *sqlstore.DB, kind string, states ...string) int {
	t.Helper()
	q := `SELECT count(*) FROM river_job WHERE kind = $1`
	args := []any{kind}
	if len(states) > 0 {
		q += ` AND state IN ('` + strings.Join(states, `','`) + `')`
	}
	var n int
	if err := db.SQL().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// eventually waits up to timeout for ok, checking every 100 ms.
func eventually(t testing.TB, timeout time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", timeout, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// testLog returns a log that keeps everything, and the handler's text.
func testLog() (*slog.Logger, *logBuffer) {
	var b logBuffer
	return slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug})), &b
}

// leader returns the id of the client leading the database, "" when none.
func leader(t testing.TB, db *sqlstore.DB) string {
	t.Helper()
	var id string
	err := db.SQL().QueryRow(`SELECT leader_id FROM river_leader`).Scan(&id)
	if err != nil && err != sql.ErrNoRows {
		t.Fatal(err)
	}
	return id
}

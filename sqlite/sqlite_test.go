package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/testdb"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
)

func open(t *testing.T) *sqlstore.DB { return testdb.SQLite(t) }

func TestConformance(t *testing.T) { storetest.Run(t, open) }

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(path, []byte("this is not a database, just some notes about SOPs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(context.Background(), path)
	if esop.ErrorCode(err) != esop.EINVALID {
		t.Fatalf("got %v", err)
	}
	if msg := esop.ErrorMessage(err, "id"); msg != "berkas "+path+" bukan basis data SQLite (atau rusak)" {
		t.Errorf("message %q", msg)
	}
	b, _ := os.ReadFile(path)
	if string(b) != "this is not a database, just some notes about SOPs\n" {
		t.Error("the file was changed")
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "esop.db")
	for range 2 {
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		files, _ := filepath.Glob("migrations/*.sql")
		if err := db.SQL().QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(files) || n == 0 {
			t.Fatalf("%d migrations recorded (%v)", n, err)
		}
		db.Close()
	}
}

// BenchmarkImport10000 imports 10,000 generated 15-step documents in one
// all-or-nothing import (target: under 15 s).
func BenchmarkImport10000(b *testing.B) {
	docs := storetest.GenerateDocuments(10000, 15)
	for b.Loop() {
		b.StopTimer()
		db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "esop.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := db.ImportDocuments(context.Background(), docs, "bench"); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// Commits are synced at every commit (FULL) unless $ESOP_SQLITE_SYNC says
// normal, on the writer and the readers alike.
func TestSynchronousSetting(t *testing.T) {
	for _, c := range []struct {
		env  string
		want int // PRAGMA synchronous: 1 NORMAL, 2 FULL
	}{{"", 2}, {"full", 2}, {"normal", 1}, {"NORMAL", 1}, {"nonsense", 2}} {
		t.Setenv("ESOP_SQLITE_SYNC", c.env)
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "esop.db"))
		if err != nil {
			t.Fatal(err)
		}
		var got int
		if err := db.SQL().QueryRowContext(context.Background(), `PRAGMA synchronous`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if got != c.want {
			t.Errorf("ESOP_SQLITE_SYNC=%q: synchronous = %d, want %d", c.env, got, c.want)
		}
	}
}

// The writer keeps savepoint and statement journals in memory
// (temp_store MEMORY); the synchronous setting above is untouched by it.
func TestWriterTempStore(t *testing.T) {
	t.Setenv("ESOP_SQLITE_SYNC", "")
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "esop.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var store, sync int
	if err := db.SQL().QueryRowContext(context.Background(), `PRAGMA temp_store`).Scan(&store); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRowContext(context.Background(), `PRAGMA synchronous`).Scan(&sync); err != nil {
		t.Fatal(err)
	}
	if store != 2 || sync != 2 {
		t.Errorf("writer: temp_store = %d, synchronous = %d; want 2 (MEMORY) and 2 (FULL)", store, sync)
	}
}

// TestCompletionStatements bounds the statements of one task completion
// (storetest.CompletionStatements): 2 to plan it on the readers (the
// case with the calendar's revision, the SOP's run settings and its
// tasks with their assignees, in one query; the next position with its
// holders) and 8
// to write it (the case at its planned revision; the task done; its
// assignees closed; the task opened; its three assignees; the two
// events; the statistics per step and per employee, added at the
// commit), in one transaction: the readers run without one (no BEGIN
// and COMMIT), and a group-commit batch runs without savepoints unless a
// call fails. It was 20 before, with the statistics in one row (each
// assignee and event a statement, the case locked and read apart from
// its update; tasks, assignees, run settings and the calendar's revision
// read apart).
func TestCompletionStatements(t *testing.T) {
	c := sqlite.CountStatements(t)
	storetest.CompletionStatements(t, open(t), c, 10, 1)
}

package postgres_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/postgres"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
)

// adminDSN returns the server named by ESOP_TEST_POSTGRES, or skips.
func adminDSN(t testing.TB) string {
	dsn := os.Getenv("ESOP_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("ESOP_TEST_POSTGRES is not set; set it to postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable to run the PostgreSQL suite")
	}
	return dsn
}

// open creates a fresh database on the test server for one test and drops it afterwards.
func open(t testing.TB) *sqlstore.DB { return storetest.FreshPostgres(t) }

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *sqlstore.DB { return open(t) })
}

func TestServerThatDoesNotAnswer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// Port 1 on loopback refuses at once; the password must not show up.
	_, err := postgres.Open(ctx, "postgres://esop:rahasia@127.0.0.1:1/esop?connect_timeout=2")
	if esop.ErrorCode(err) != esop.EINTERNAL {
		t.Fatalf("got %v", err)
	}
	msg := esop.ErrorMessage(err, "id")
	if msg != "server PostgreSQL di 127.0.0.1:1 tidak menjawab atau menolak sambungan" {
		t.Errorf("message %q", msg)
	}
}

func TestIsDSN(t *testing.T) {
	for dsn, want := range map[string]bool{"postgres://x": true, "postgresql://x": true, "data/esop.db": false, "sqlite:x.db": false} {
		if postgres.IsDSN(dsn) != want {
			t.Errorf("IsDSN(%q) != %v", dsn, want)
		}
	}
}

// BenchmarkImport10000 imports 10,000 generated 15-step documents in one
// all-or-nothing import (target: under 30 s).
func BenchmarkImport10000(b *testing.B) {
	docs := storetest.GenerateDocuments(10000, 15)
	for b.Loop() {
		b.StopTimer()
		db := open(b)
		b.StartTimer()
		if _, err := db.ImportDocuments(context.Background(), docs, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCompletionStatements bounds the statements of one task completion
// (storetest.CompletionStatements): 2 to plan it outside any transaction
// (the case with its tasks; the next position with its holders), 1 to
// write it (the set of the batch, sqlstore caseset.go) and 2 for the
// statistics at the commit. It was 18 statements in 2 transactions
// before; 11 before the case, its task and the task's assignees were
// written by one statement, and the new tasks, assignees and history by
// another; 7 before a batch wrote its completions as one set and the
// case and its tasks were read together.
func TestCompletionStatements(t *testing.T) {
	c := postgres.CountStatements(t)
	storetest.CompletionStatements(t, open(t), c, 5, 1)
}

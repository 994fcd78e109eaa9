package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/storetest"
)

// auditBenchEntries is the size of the chain BenchmarkVerifyAudit1M checks.
const auditBenchEntries = 1_000_000

// BenchmarkVerifyAudit1M verifies an audit chain of 1,000,000 entries on
// SQLite (target: under 10 s). The chain is built once, outside the
// timer, and kept in the temporary folder for later runs; its entries are
// those of storetest.WriteAuditChain.
func BenchmarkVerifyAudit1M(b *testing.B) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("esop-bench-audit-%d-v3.db", auditBenchEntries))
	if _, err := os.Stat(path); err != nil {
		buildAuditChain(b, path, auditBenchEntries)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for b.Loop() {
		brk, head, err := db.VerifyAudit(ctx, nil)
		if err != nil || brk != nil || head.Seq != auditBenchEntries {
			b.Fatalf("break %+v, head %+v, %v", brk, head, err)
		}
	}
	b.ReportMetric(float64(auditBenchEntries)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}

// buildAuditChain writes a valid chain of n entries into a new database
// at path.
func buildAuditChain(b *testing.B, path string, n int) {
	b.Helper()
	start := time.Now()
	tmp := path + ".tmp"
	os.Remove(tmp)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	if err := storetest.WriteAuditChain(ctx, db, n); err != nil {
		b.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	db.Close()
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	os.Remove(tmp + "-wal")
	os.Remove(tmp + "-shm")
	b.Logf("built an audit chain of %d entries in %s (%s)", n, time.Since(start).Round(time.Millisecond), path)
}

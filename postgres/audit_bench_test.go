package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/esop-malang/esop/storetest"
)

// BenchmarkVerifyAudit1M verifies an audit chain of 1,000,000 entries on
// PostgreSQL (target: under 10 s), written into a fresh database outside
// the timer.
func BenchmarkVerifyAudit1M(b *testing.B) {
	const n = 1_000_000
	db := open(b)
	ctx := context.Background()
	start := time.Now()
	if err := storetest.WriteAuditChain(ctx, db, n); err != nil {
		b.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `VACUUM ANALYZE audit_log`); err != nil {
		b.Fatal(err)
	}
	b.Logf("built an audit chain of %d entries in %s", n, time.Since(start).Round(time.Millisecond))
	for b.Loop() {
		brk, head, err := db.VerifyAudit(ctx, nil)
		if err != nil || brk != nil || head.Seq != n {
			b.Fatalf("break %+v, head %+v, %v", brk, head, err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}

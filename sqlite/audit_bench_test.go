package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlite"
)

// auditBenchEntries is the size of the chain BenchmarkVerifyAudit1M checks.
const auditBenchEntries = 1_000_000

// BenchmarkVerifyAudit1M verifies an audit chain of 1,000,000 entries on
// SQLite (target: under 10 s). The chain is built once, outside the
// timer, and kept in the temporary folder for later runs; its entries are
// the size of ordinary changes (a user, a regulation, a unit: about 0.5 KB
// of before and after each).
func BenchmarkVerifyAudit1M(b *testing.B) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("esop-bench-audit-%d-v1.db", auditBenchEntries))
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

// buildAuditChain writes a valid chain of n entries straight into a new
// database at path, in one transaction with a prepared statement.
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
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO audit_log (seq, at, actor, address, action, entity, entity_id, before_data, after_data, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`)
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2025, 1, 2, 8, 0, 0, 0, time.UTC)
	prev := ""
	for i := 1; i <= n; i++ {
		e := esop.AuditEntry{Seq: int64(i), At: at.Add(time.Duration(i) * 3 * time.Second), Actor: fmt.Sprintf("pengguna%03d", i%137),
			Address: fmt.Sprintf("10.20.%d.%d", i%250, i%199), PrevHash: prev}
		switch i % 3 {
		case 0:
			e.Action, e.Entity, e.EntityID = esop.AuditUpdate, esop.EntityUser, fmt.Sprint(i%500)
			e.Before = fmt.Sprintf(`{"id":%d,"username":"pengguna%03d","name":"Pengguna Nomor %d","employeeId":%d,"lang":"id","grants":[{"role":"penyusun","unitId":%d},{"role":"pelaksana"}]}`, i%500, i%137, i, i%900, i%40)
			e.After = fmt.Sprintf(`{"id":%d,"username":"pengguna%03d","name":"Pengguna Nomor %d, S.Kom.","employeeId":%d,"lang":"en","grants":[{"role":"pemeriksa","unitId":%d}]}`, i%500, i%137, i, i%900, i%40)
		case 1:
			e.Action, e.Entity, e.EntityID = esop.AuditStatus, esop.EntityRegulation, fmt.Sprint(i%300)
			e.Before = fmt.Sprintf(`{"id":%d,"key":"permen:%d:2012","kind":"PERMEN","number":"%d","year":2012,"title":"Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan","status":"berlaku"}`, i%300, i%97, i%97)
			e.After = fmt.Sprintf(`{"id":%d,"key":"permen:%d:2012","kind":"PERMEN","number":"%d","year":2012,"title":"Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan","status":"dicabut","changedBy":"Permen PANRB Nomor %d Tahun 2024","changedOn":"2024-03-01"}`, i%300, i%97, i%97, i%50)
		default:
			e.Action, e.Entity, e.EntityID = esop.AuditCreate, esop.EntityUnit, fmt.Sprint(i)
			e.After = fmt.Sprintf(`{"id":%d,"key":"unit-%d","parentId":%d,"kind":"seksi","code":"405.%d","name":"Seksi Penempatan Tenaga Kerja dan Perluasan Kesempatan Kerja Nomor %d","validFrom":"2024-01-01"}`, i, i, i%40, i%90, i)
		}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		if _, err := stmt.ExecContext(ctx, e.Seq, e.At.Format(esop.AuditTimeFormat), e.Actor, e.Address, e.Action, e.Entity, e.EntityID,
			e.Before, e.After, e.PrevHash, e.Hash); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, n, prev); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
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

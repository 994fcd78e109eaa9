package storetest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// WriteAuditChain writes a valid audit chain of n entries straight into
// the empty audit log of db, in one transaction, for the benchmarks of
// verification. The entries are the size of ordinary changes (a user, a
// regulation, a unit: about 0.5 KB of before and after each).
func WriteAuditChain(ctx context.Context, db *sqlstore.DB, n int) error {
	// PostgreSQL is fastest with many rows per statement (fewer round
	// trips); SQLite with one row per prepared statement.
	batch := 500
	if db.Dialect().Name() == "sqlite" {
		batch = 1
	}
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var q strings.Builder
	q.WriteString(`INSERT INTO audit_log (seq, at, actor, address, action, entity, entity_id, before_data, after_data, prev_hash, hash) VALUES `)
	for i := range batch {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(")
		for j := range 11 {
			if j > 0 {
				q.WriteString(", ")
			}
			q.WriteString("$" + strconv.Itoa(i*11+j+1))
		}
		q.WriteString(")")
	}
	stmt, err := tx.PrepareContext(ctx, q.String())
	if err != nil {
		return err
	}
	defer stmt.Close()
	at := time.Date(2025, 1, 2, 8, 0, 0, 0, time.UTC)
	prev := ""
	args := make([]any, 0, 11*batch)
	for i := 1; i <= n; i++ {
		e := benchEntry(i, at.Add(time.Duration(i)*3*time.Second), prev)
		prev = e.Hash
		args = append(args, e.Seq, e.At.Format(esop.AuditTimeFormat), e.Actor, e.Address, e.Action, e.Entity, e.EntityID,
			e.Before, e.After, e.PrevHash, e.Hash)
		if len(args) == cap(args) {
			if _, err := stmt.ExecContext(ctx, args...); err != nil {
				return err
			}
			args = args[:0]
		}
	}
	for ; len(args) > 0; args = args[11:] {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor, address, action, entity, entity_id, before_data, after_data, prev_hash, hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, args[:11]...); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1`, n, prev); err != nil {
		return err
	}
	return tx.Commit()
}

// benchEntry returns entry i of a benchmark chain.
func benchEntry(i int, at time.Time, prev string) *esop.AuditEntry {
	e := &esop.AuditEntry{Seq: int64(i), At: at, Actor: fmt.Sprintf("pengguna%03d", i%137),
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
	return e
}

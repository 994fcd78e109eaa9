package sqlstore

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/esop-malang/esop"
)

// GroupTx exposes groupTx to the tests of group commit.
func (db *DB) GroupTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.groupTx(ctx, 0, fn)
}

// GroupBatches returns how many transactions group commit has run.
func (db *DB) GroupBatches() int64 { return db.runCache().group.batches.Load() }

// GroupWaiting returns how many calls wait for the writer.
func (db *DB) GroupWaiting() int {
	g := &db.runCache().group
	g.lock()
	defer g.unlock()
	return len(g.waiting)
}

// GroupLeaders returns how many batches group commit runs at once.
func (db *DB) GroupLeaders() int { return db.groupLeaders() }

// CalendarUnseeded reads an agency's calendar without seeding the
// holidays first, as the statistics do inside their transaction.
func (db *DB) CalendarUnseeded(ctx context.Context, agencyID int64) (*esop.Calendar, error) {
	var cal *esop.Calendar
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		cal, err = db.calendarIn(ctx, tx, agencyID)
		return err
	})
	return cal, err
}

// TxShard returns the shard of the statistics that the write transaction
// tx adds to: its group commit batch's place, or -1 outside one.
func (db *DB) TxShard(tx *sql.Tx) int {
	if p, ok := db.pending.Load(tx); ok {
		return p.(*auditBatch).shard
	}
	return -2 // not a write transaction of inTx
}

// GroupReruns returns how many batches ran again with savepoints after a
// call failed in their run without.
func (db *DB) GroupReruns() int64 { return db.runCache().group.reruns.Load() }

// RecordInTx records, in the write transaction tx, an audit entry of
// the entity "g" with the id n and a case started in the statistics
// (unit 1, month 2026-03, SOP 1), both kept for the commit as a
// completion's are.
func (db *DB) RecordInTx(ctx context.Context, tx *sql.Tx, n int) error {
	if err := db.audit(ctx, tx, "test", "g", strconv.Itoa(n), nil, map[string]int{"n": n}); err != nil {
		return err
	}
	return upsertCaseStat(ctx, db.deferStats(tx, tx), caseKey{unit: 1, month: "2026-03", sop: 1}, &caseSums{started: 1})
}

// WriteTxRetry exposes inTxRetry to the tests of retried transactions.
func (db *DB) WriteTxRetry(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.inTxRetry(ctx, fn)
}

package sqlstore

import (
	"context"
	"database/sql"
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

package sqlstore

import (
	"context"
	"database/sql"
	"slices"
	"sync"
	"sync/atomic"
)

// Group commit. SQLite has one writer: every write transaction waits for
// the one before it, and each commit pays for its own journal writes
// (and, with synchronous=FULL, its own fsync). Task completions are many
// small transactions arriving at once from many clerks, so they share
// transactions: a call that finds the writer busy queues; the call that
// holds the writer runs everything queued so far in one transaction, each
// call in its own savepoint, and commits once. A call that fails rolls
// back to its savepoint and leaves the others untouched; a commit that
// fails fails them all. Each call is answered only after the commit, so an
// answer of success still means the write is in the database.
//
// There is no goroutine of its own: the first call that finds no leader
// leads, runs one batch (its own call is first in it) and hands the lead
// to the oldest call still waiting.

// maxGroup bounds the calls committed together.
const maxGroup = 64

// groupCommit is the queue of calls waiting for the writer.
type groupCommit struct {
	mu      sync.Mutex
	waiting []*groupCall
	busy    bool         // a leader is running batches
	batches atomic.Int64 // transactions run, for the tests
}

// groupCall is one call of groupTx.
type groupCall struct {
	ctx  context.Context
	fn   func(tx *sql.Tx) error
	err  error
	done chan struct{} // closed when err is final
	lead chan struct{} // sent when this call leads the next batch
}

// groupTx runs fn in a write transaction that it may share with other
// calls of groupTx waiting at the same time (see above). fn must not keep
// state across calls: it runs after the writes of the calls before it in
// the batch, and sees them. It returns when fn's writes are committed, or
// with fn's error or the commit's.
func (db *DB) groupTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	g := &db.runCache().group
	c := &groupCall{ctx: ctx, fn: fn, done: make(chan struct{}), lead: make(chan struct{}, 1)}
	g.lock()
	g.waiting = append(g.waiting, c)
	if g.busy {
		g.unlock()
		select {
		case <-c.done:
			return c.err
		case <-c.lead:
		}
	} else {
		g.busy = true
		g.unlock()
	}
	// c leads, and is first among the waiting.
	g.lock()
	n := min(len(g.waiting), maxGroup)
	batch := slices.Clone(g.waiting[:n])
	g.waiting = slices.Delete(g.waiting, 0, n)
	g.unlock()
	db.runGroup(context.WithoutCancel(ctx), batch)
	g.lock()
	if len(g.waiting) > 0 {
		g.waiting[0].lead <- struct{}{}
	} else {
		g.busy = false
	}
	g.unlock()
	return c.err
}

// runGroup runs a batch of calls in one transaction and answers them.
func (db *DB) runGroup(ctx context.Context, batch []*groupCall) {
	db.runCache().group.batches.Add(1)
	ran := make([]bool, len(batch))
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var audit *auditBatch
		if p, ok := db.pending.Load(tx); ok {
			audit = p.(*auditBatch)
		}
		for i, c := range batch {
			if err := c.ctx.Err(); err != nil {
				c.err = err // its client left before it ran
				continue
			}
			if _, err := tx.ExecContext(ctx, `SAVEPOINT group_call`); err != nil {
				return err
			}
			kept := 0
			if audit != nil {
				kept = len(audit.entries)
			}
			if err := c.fn(tx); err != nil {
				c.err = db.translate(err)
				if audit != nil {
					audit.entries = audit.entries[:kept]
				}
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT group_call`); err != nil {
					return err
				}
			} else {
				ran[i] = true
			}
			if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT group_call`); err != nil {
				return err
			}
		}
		return nil
	})
	for i, c := range batch {
		if err != nil && (ran[i] || c.err == nil) {
			c.err = err // the batch did not commit
		}
		close(c.done)
	}
}

func (g *groupCommit) lock()   { g.mu.Lock() }
func (g *groupCommit) unlock() { g.mu.Unlock() }

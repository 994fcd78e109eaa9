package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
)

// Group commit. SQLite has one writer: every write transaction waits for
// the one before it, and each commit pays for its own journal writes
// (and, with synchronous=FULL, its own fsync). Task completions are many
// small transactions arriving at once from many clerks, so they share
// transactions: a call that finds the writer busy queues; the call that
// holds the writer runs everything queued so far in one transaction and
// commits once. A call that fails leaves the others untouched: the batch
// runs first without savepoints and, when a call fails, again with each
// call in its own savepoint (runGroup); a commit that fails fails them
// all. Each call is answered only after the commit, so an
// answer of success still means the write is in the database.
//
// There is no goroutine of its own: the first call that finds a leader's
// place free leads, runs one batch (its own call is first in it) and
// hands the lead to the oldest call still waiting.
//
// PostgreSQL has many writers, but the completions of one step in one
// month all add to the same row of the statistics, which serialises
// their commits (statbatch.go); there completions are grouped too, by up
// to groupLeaders batches at once, each on its own connection, and a
// batch runs its calls in the order of their keys (case ids), so that
// two batches lock cases in the same order and cannot deadlock.

// maxGroup bounds the calls committed together.
const maxGroup = 64

// groupLeaders is how many batches run at once: one on SQLite (one
// writer), a few on PostgreSQL.
func (db *DB) groupLeaders() int {
	if db.dialect.Name() == "sqlite" {
		return 1
	}
	return pgGroupLeaders
}

// pgGroupLeaders is the number of batches at once on PostgreSQL. Since a
// batch writes its completions together (caseset.go), fewer batches with
// more calls each do more with the same work: with 16 clients over HTTP,
// 1 and 2 leaders gave about 1,500 completions/s against 1,300 with 4
// (docs/benchmarks.md, "Completions written together on PostgreSQL");
// two keep one batch waiting for a row lock from holding up every other
// completion of the server.
const pgGroupLeaders = 2

// groupCommit is the queue of calls waiting for a leader.
type groupCommit struct {
	mu      sync.Mutex
	waiting []*groupCall
	leaders int          // batches running
	places  uint32       // the places of the batches running, a bit each: their shards of the statistics (stats.go)
	batches atomic.Int64 // batches run, for the tests
	reruns  atomic.Int64 // batches run again with savepoints, for the tests
	sets    atomic.Int64 // completions written together (caseset.go), for the tests
}

// GroupCommitStats are the counts of group commit since the database was
// opened, for the tests and for monitoring.
type GroupCommitStats struct {
	Batches   int64 // transactions run
	Reruns    int64 // batches run again with a savepoint per call after a call failed
	SetWrites int64 // completions written together with others' (caseset.go, PostgreSQL)
}

// GroupCommitStats returns the counts of group commit.
func (db *DB) GroupCommitStats() GroupCommitStats {
	g := &db.runCache().group
	return GroupCommitStats{Batches: g.batches.Load(), Reruns: g.reruns.Load(), SetWrites: g.sets.Load()}
}

// groupCall is one call of groupTx.
type groupCall struct {
	ctx  context.Context
	key  int64 // the order within a batch
	fn   func(tx *sql.Tx) error
	set  *setCompletion // a completion the batch may write with others' instead of fn (caseset.go), or nil
	err  error
	done chan struct{} // closed when err is final
	lead chan struct{} // sent when this call leads the next batch
}

// groupTx runs fn in a write transaction that it may share with other
// calls of groupTx waiting at the same time (see above); a batch runs its
// calls in the order of key. fn must not keep state across calls: it
// runs after the writes of the calls before it in the batch, and sees
// them, and it may run twice (a batch rolled back and run again), so
// that each run must start afresh, using nothing read in a run before.
// It returns when fn's writes are committed, or with fn's error or the
// commit's.
func (db *DB) groupTx(ctx context.Context, key int64, fn func(tx *sql.Tx) error) error {
	return db.groupTxSet(ctx, key, nil, fn)
}

// groupTxSet is groupTx for a call that carries a completion planned on a
// snapshot (nil for none), which a batch on PostgreSQL may write together
// with the other calls' (caseset.go) instead of running fn; set.applied
// then says so when groupTxSet returns nil.
func (db *DB) groupTxSet(ctx context.Context, key int64, set *setCompletion, fn func(tx *sql.Tx) error) error {
	g := &db.runCache().group
	c := &groupCall{ctx: ctx, key: key, fn: fn, set: set, done: make(chan struct{}), lead: make(chan struct{}, 1)}
	g.lock()
	if g.leaders < db.groupLeaders() {
		g.leaders++ // nobody waits when a leader's place is free
		g.unlock()
	} else {
		g.waiting = append(g.waiting, c)
		g.unlock()
		select {
		case <-c.done:
			return c.err
		case <-c.lead:
		}
	}
	// c leads (and waits no more): its batch is c and the oldest calls
	// waiting.
	g.lock()
	n := min(len(g.waiting), maxGroup-1)
	batch := append([]*groupCall{c}, g.waiting[:n]...)
	g.waiting = slices.Delete(g.waiting, 0, n)
	place := bits.TrailingZeros32(^g.places) // < groupLeaders: one per batch running
	g.places |= 1 << place
	g.unlock()
	slices.SortStableFunc(batch, func(a, b *groupCall) int { return cmp.Compare(a.key, b.key) })
	db.runGroup(context.WithoutCancel(ctx), batch, place)
	g.lock()
	g.places &^= 1 << place
	if len(g.waiting) > 0 {
		next := g.waiting[0]
		g.waiting = slices.Delete(g.waiting, 0, 1)
		next.lead <- struct{}{}
	} else {
		g.leaders--
	}
	g.unlock()
	return c.err
}

// runGroup runs a batch of calls in one transaction and answers them;
// place is the batch's among those running, its shard of the statistics.
//
// The batch runs first without savepoints (optimistic): a savepoint
// costs a statement on SQLite and a round trip on PostgreSQL for each
// call, and calls seldom fail (a task completed twice, a completion that
// is not allowed). When one fails, the whole transaction is rolled back
// (on PostgreSQL the error has aborted it anyway) and the batch runs
// again with each call in its own savepoint, as described above, so
// that the failing call never undoes the others and every call is
// answered by the run that commits. A call alone in its batch needs no
// second run: the transaction was its savepoint.
func (db *DB) runGroup(ctx context.Context, batch []*groupCall, place int) {
	g := &db.runCache().group
	g.batches.Add(1)
	batch, ran, failed, err := db.runBatch(ctx, batch, place, false)
	if failed {
		g.reruns.Add(1)
		for _, c := range batch {
			c.err = nil // every call runs again (a call whose client left is skipped again)
		}
		batch, ran, _, err = db.runBatch(ctx, batch, place, true)
	}
	for i, c := range batch {
		if err != nil && (ran[i] || c.err == nil) {
			c.err = err // the batch did not commit
		}
		close(c.done)
	}
}

// runBatch runs the calls of batch in one transaction, with a savepoint
// each when savepoints, and commits it. It returns the batch (with the
// calls that joined it on SQLite), which of them ran without an error,
// and the error of the transaction. Without savepoints, a call that
// fails among others rolls the transaction back and runBatch returns
// failed (the calls' errors are then not final).
func (db *DB) runBatch(ctx context.Context, batch []*groupCall, place int, savepoints bool) (_ []*groupCall, ran []bool, failed bool, err error) {
	ran = make([]bool, len(batch))
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var audit *auditBatch
		if p, ok := db.pending.Load(tx); ok {
			audit = p.(*auditBatch) // a new one for each transaction: a run rolled back leaves nothing in it
			audit.shard = place
		}
		// On PostgreSQL a call's savepoint is released by the SAVEPOINT
		// of the next call, in the same round trip (two statements
		// without parameters go as one simple query), and the last one by
		// the commit: one round trip per call instead of two. On SQLite
		// (no round trips) each is released after its call.
		pg, open := db.dialect.Name() == "postgres", false
		for _, c := range batch {
			if c.set != nil {
				c.set.applied = false // a run before this one was rolled back
			}
		}
		if pg && !savepoints {
			// The completions planned on a snapshot, written together
			// (caseset.go); the calls left run their functions below.
			if err := db.writeSets(ctx, tx, batch, ran); err != nil {
				failed = true
				return errRerun
			}
		}
		for i := 0; ; i++ {
			if i == len(batch) {
				// On SQLite the batch stays open while it runs: the calls
				// that queued meanwhile join it (see joining).
				if pg || len(batch) >= maxGroup {
					break
				}
				more := db.joining(maxGroup - len(batch))
				if len(more) == 0 {
					break
				}
				batch, ran = append(batch, more...), append(ran, make([]bool, len(more))...)
			}
			c := batch[i]
			if ran[i] {
				continue // written with the set
			}
			if err := c.ctx.Err(); err != nil {
				c.err = err // its client left before it ran
				continue
			}
			if !savepoints {
				if err := c.fn(tx); err != nil {
					c.err = db.translate(err)
					if i == len(batch)-1 && !slices.Contains(ran, true) {
						// No other call ran: the transaction is its
						// savepoint, and the batch ends with it.
						return c.err
					}
					failed = true
					return errRerun
				}
				ran[i] = true
				continue
			}
			savepoint := `SAVEPOINT group_call`
			if open {
				savepoint = `RELEASE SAVEPOINT group_call; SAVEPOINT group_call`
			}
			if _, err := tx.ExecContext(ctx, savepoint); err != nil {
				return err
			}
			open = true
			kept, keptStats := 0, 0
			if audit != nil {
				kept, keptStats = len(audit.entries), len(audit.stats)
			}
			if err := c.fn(tx); err != nil {
				c.err = db.translate(err)
				if audit != nil {
					audit.entries, audit.stats = audit.entries[:kept], audit.stats[:keptStats]
				}
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT group_call`); err != nil {
					return err
				}
			} else {
				ran[i] = true
			}
			if !pg {
				if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT group_call`); err != nil {
					return err
				}
				open = false
			}
		}
		return nil
	})
	return batch, ran, failed, err
}

// errRerun rolls back a batch run without savepoints in which a call
// failed.
var errRerun = errors.New("a call of the batch failed: run it again with savepoints")

// joining takes up to n of the calls waiting for a leader, oldest first,
// into the batch running. SQLite's one writer runs one batch at a time:
// calls arriving while it runs would otherwise wait for its commit and
// form the next batch, so that with c clients batches alternate at about
// c/2 calls and every commit (its WAL frames and sync, most of a batch's
// time) serves that many. A batch that takes them in commits more calls
// at once; they are answered after its commit, like the others. On
// PostgreSQL a batch is closed when it starts: its calls run in the
// order of their keys, which keeps two batches from deadlocking.
func (db *DB) joining(n int) []*groupCall {
	g := &db.runCache().group
	g.lock()
	defer g.unlock()
	k := min(len(g.waiting), n)
	taken := slices.Clone(g.waiting[:k])
	g.waiting = slices.Delete(g.waiting, 0, k)
	return taken
}

func (g *groupCommit) lock()   { g.mu.Lock() }
func (g *groupCommit) unlock() { g.mu.Unlock() }

package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
)

// Deferred statistics. Every completion adds to a row of stat_steps and
// one of stat_tasks (and the last one of a case to one of stat_cases),
// and the completions of one step in one month all add to the same
// stat_steps row. On PostgreSQL that row
// is locked from a transaction's UPSERT to its commit, so completions
// running side by side wait for one another's commit there, one WAL
// flush after the other. A write transaction therefore collects the
// additions of its calls (statsQuerier) and writes them just before its
// commit, summed by row, every row in one statement, the rows in key
// order (transactions that add to the same rows lock them in the same
// order: no deadlock). Group commit (group.go) drops the additions of a
// call that fails with its savepoint, as it drops its audit entries.

// statDelta is one addition to a row of the aggregates.
type statDelta struct {
	task bool // a task (stat_steps and stat_tasks), else a case (stat_cases)
	tk   taskKey
	ts   *taskSums
	ck   caseKey
	cs   *caseSums
}

// statsQuerier is a transaction that defers its statistics to the
// commit: upsertTaskStat and upsertCaseStat append to batch.
type statsQuerier struct {
	querier
	batch *auditBatch
}

// deferStats returns q, a querier of the write transaction tx, so that
// the statistics it writes are added at the commit (tx must be a
// transaction of inTx or groupTx).
func (db *DB) deferStats(q querier, tx any) querier {
	if p, ok := db.pending.Load(tx); ok {
		return statsQuerier{querier: q, batch: p.(*auditBatch)}
	}
	return q
}

// flushStats writes the deferred additions of the write transaction tx,
// summed by row. On PostgreSQL each table (stat_steps, stat_tasks,
// stat_cases) takes one statement of many rows (one round trip). On
// SQLite, where there is no round trip, each row takes the one-row
// UPSERT run as a statement prepared once on the writer (prepared.go):
// SQLite parses an UPSERT of some 80 columns slowly, and a text per
// number of rows could not be kept prepared; the profile of the
// completion benchmark had this parse at a quarter of the writer's time.
func (db *DB) flushStats(ctx context.Context, tx *sql.Tx, batch *auditBatch) error {
	if len(batch.stats) == 0 {
		return nil
	}
	if db.dialect.Name() == "sqlite" {
		return upsertDeltas(ctx, db.prepare(tx, db.db), batch.stats, 0, true)
	}
	shard := batch.shard
	if shard < 0 { // not a batch of group commit: a shard above theirs (stats.go)
		shard = pgGroupLeaders + rand.IntN(statShards-pgGroupLeaders)
	}
	return upsertDeltas(ctx, tx, batch.stats, shard, false)
}

// upsertDeltas writes deltas summed by row into shard, in key order: each
// row in its own statement when perRow, else each table in one statement.
func upsertDeltas(ctx context.Context, q querier, deltas []statDelta, shard int, perRow bool) error {
	exec := func(one string, keys, cols int, args []any) error {
		if !perRow {
			_, err := q.ExecContext(ctx, multiUpsert(one, keys, cols), args...)
			return err
		}
		for i := range keys {
			if _, err := q.ExecContext(ctx, one, args[i*cols:(i+1)*cols]...); err != nil {
				return err
			}
		}
		return nil
	}
	tasks, steps, cases := map[taskKey]*taskSums{}, map[taskKey]*taskSums{}, map[caseKey]*caseSums{}
	addTask := func(m map[taskKey]*taskSums, k taskKey, s *taskSums) {
		if m[k] == nil {
			m[k] = &taskSums{}
		}
		m[k].add(s)
	}
	for _, d := range deltas {
		if d.task {
			addTask(tasks, d.tk, d.ts)
			addTask(steps, d.tk.steps(), d.ts)
			continue
		}
		if cases[d.ck] == nil {
			cases[d.ck] = &caseSums{}
		}
		cases[d.ck].add(d.cs)
	}
	taskOrder := func(a, b taskKey) int {
		return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(a.month, b.month), cmp.Compare(a.sop, b.sop), cmp.Compare(a.step, b.step),
			cmp.Compare(a.position, b.position), cmp.Compare(a.employee, b.employee))
	}
	if len(steps) > 0 {
		var args []any
		keys := slices.SortedFunc(maps.Keys(steps), taskOrder)
		for _, k := range keys {
			args = append(append(args, k.stepArgs(shard)...), steps[k].args()...)
		}
		if err := exec(stepStatUpsert, len(keys), len(args)/len(keys), args); err != nil {
			return err
		}
	}
	if len(tasks) > 0 {
		var args []any
		keys := slices.SortedFunc(maps.Keys(tasks), taskOrder)
		for _, k := range keys {
			args = append(append(args, k.taskArgs(shard)...), tasks[k].args()...)
		}
		if err := exec(taskStatUpsert, len(keys), len(args)/len(keys), args); err != nil {
			return err
		}
	}
	if len(cases) > 0 {
		var args []any
		keys := slices.SortedFunc(maps.Keys(cases), func(a, b caseKey) int {
			return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(a.month, b.month), cmp.Compare(a.sop, b.sop))
		})
		for _, k := range keys {
			args = append(append(args, k.caseArgs(shard)...), cases[k].args()...)
		}
		if err := exec(caseStatUpsert, len(keys), len(args)/len(keys), args); err != nil {
			return err
		}
	}
	return nil
}

// multiUpsert makes the one-row UPSERT text q (its VALUES the parameters
// $1 … $cols) into one of n rows.
func multiUpsert(q string, n, cols int) string {
	if n == 1 {
		return q
	}
	one := valueRows(1, cols)
	i := strings.Index(q, one)
	if i < 0 {
		panic(fmt.Sprintf("statistics upsert without %s", one))
	}
	return q[:i] + valueRows(n, cols) + q[i+len(one):]
}

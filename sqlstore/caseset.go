package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/esop-malang/esop"
)

// Completions written together. On PostgreSQL a batch of group commit
// (group.go) writes the completions of its calls that were planned on a
// snapshot with one statement for the whole batch instead of two for
// each call: its first part locks the batch's cases in the order of their
// ids and keeps those still at the revision planned on whose task is
// still open; the others write every kept completion — cases, tasks done,
// inbox rows closed, tasks opened, their assignees and the history, each
// kind of row one set-based part whose rows come from arrays (unnest), so
// that the statement's text is the same whatever the batch's size. The work PostgreSQL does for a completion is then mostly the
// rows themselves: measured with pgbench, eight completions written so
// took the time of one written alone ("What PostgreSQL itself allows a
// completion" in docs/benchmarks.md).
//
// The set is the calls at the head of the batch (in the order of their
// cases' ids) up to the first without a plan or on a case already in the
// set; the calls from there on run their own functions after the set, as
// every call did before, so that cases are still locked in the order of
// their ids. A call of the set that is not kept (its case changed since
// its plan, its task no longer open) also runs its own function after
// the set, in the same transaction: it plans again under its case's lock
// and answers a conflict when the task is done. A batch run again with a
// savepoint per call (after a call failed) writes every call by its own
// function; the set is only for the first, optimistic run.

// setCompletion is a completion a batch may write with others: the plan
// of the snapshot and what it writes. applied says that the batch's run
// wrote it; CompleteTask reads it after groupTx returns, when the run
// that set it is the one that committed (runBatch clears it before each
// run).
type setCompletion struct {
	plan    *completion // its writes made (completion.writes)
	by      *esop.User
	now     time.Time
	applied bool
}

// caseSetWrite writes the completions of a set in one statement. Its
// first part (k) locks the set's cases in the order of their ids and
// keeps those still at the revision planned on whose task is still open
// (a case changed after the statement's snapshot is read again when it is
// locked, READ COMMITTED, so that its revision is checked as it is); the
// others write only the kept cases' rows, whose rows come from arrays,
// one per column, so that the text is the same whatever the set's size.
// Every part that writes reads k first (a hashed subplan), so every lock
// is taken, in order, before a row changes. (Locking every case of the
// set, kept or not, would keep the order for a case not kept too, whose
// call locks it after the set; it measured 5-8 % fewer completions a
// second. That rare case is left to PostgreSQL's deadlock detection and
// the batch's second run, with a savepoint per call in the order of the
// cases.) The task's state is read by
// a scalar subquery, a lookup by its key for each case of the set: as a
// join, the planner, counting on the statistics of a table that grows
// all day, may read every open task instead (measured: 4 ms a batch).
// The new rows' foreign keys (assignees to their tasks) are checked at
// the end of the statement.
const caseSetWrite = `WITH v AS (
		SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::bigint[],
			$9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
		AS v(case_id, rev, state, closed_at, closed_by, task_no, tstate, completed_by, completed_at, decision, checklist, output, note)),
	k AS (
		SELECT c.id FROM cases c JOIN v ON c.id = v.case_id
		WHERE c.rev = v.rev
			AND (SELECT t.state FROM case_tasks t WHERE t.case_id = v.case_id AND t.task_no = v.task_no) = 'open'
		ORDER BY c.id FOR UPDATE OF c),
	c AS (
		UPDATE cases SET rev = cases.rev + 1, state = v.state, closed_at = v.closed_at, closed_by = NULLIF(v.closed_by, 0)
		FROM v WHERE cases.id = v.case_id AND v.case_id IN (SELECT id FROM k) RETURNING cases.id),
	t AS (
		UPDATE case_tasks SET state = v.tstate, completed_by = v.completed_by, completed_at = v.completed_at, decision = v.decision,
			checklist = v.checklist, output = v.output, note = v.note, notice_at = '', notice_kind = ''
		FROM v WHERE case_tasks.case_id = v.case_id AND case_tasks.task_no = v.task_no AND case_tasks.state = 'open'
			AND v.case_id IN (SELECT id FROM k) RETURNING 1),
	a AS (
		UPDATE case_task_assignees SET open = 0 FROM v
		WHERE case_task_assignees.case_id = v.case_id AND case_task_assignees.task_no = v.task_no AND v.case_id IN (SELECT id FROM k)),
	nt AS (
		INSERT INTO case_tasks (case_id, task_no, step, activity, actor, position, external, recorded_by,
			unit_id, opened_at, due, sort_due, state, delegated, assignee_key, notice_at, notice_kind)
		SELECT x.c1::bigint, x.c2::integer, x.c3, x.c4, x.c5, x.c6, x.c7::integer, x.c8, x.c9::bigint, x.c10, x.c11, x.c12, x.c13,
			x.c14::integer, x.c15, x.c16, x.c17
		FROM unnest($14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[],
			$22::text[], $23::text[], $24::text[], $25::text[], $26::text[], $27::text[], $28::text[], $29::text[], $30::text[])
			AS x(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17)
		WHERE x.c1::bigint IN (SELECT id FROM k)),
	na AS (
		INSERT INTO case_task_assignees (case_id, task_no, user_id, open, sort_due)
		SELECT x.c1::bigint, x.c2::integer, x.c3::bigint, 1, x.c4
		FROM unnest($31::text[], $32::text[], $33::text[], $34::text[]) AS x(c1, c2, c3, c4)
		WHERE x.c1::bigint IN (SELECT id FROM k)),
	ne AS (
		INSERT INTO case_events (case_id, task_no, kind, actor, at, data)
		SELECT x.c1::bigint, x.c2::integer, x.c3, x.c4, x.c5, x.c6
		FROM unnest($35::text[], $36::text[], $37::text[], $38::text[], $39::text[], $40::text[]) WITH ORDINALITY
			AS x(c1, c2, c3, c4, c5, c6, n)
		WHERE x.c1::bigint IN (SELECT id FROM k) ORDER BY x.n)
	SELECT coalesce((SELECT array_agg(id) FROM k), '{}'), (SELECT count(*) FROM c), (SELECT count(*) FROM t)`

// writeSets writes, in tx, the completions of the calls at the head of
// batch that carry one (see the loop), as described above, and marks them
// ran. A call whose case or task changed since its plan is left to
// its function. An error fails the run: the batch runs again with a
// savepoint per call.
func (db *DB) writeSets(ctx context.Context, tx *sql.Tx, batch []*groupCall, ran []bool) error {
	var (
		idx []int
		s   setArrays
	)
	// The set is the calls of the batch up to the first that has no plan
	// or whose case is in the set already: the batch is in the order of
	// the cases' ids, and the set locks its cases before the calls after
	// it lock theirs, so that two batches lock cases in one order (but for
	// a case of the set not kept, see caseSetWrite).
	for i, c := range batch {
		if c.ctx.Err() != nil {
			continue // its client left: it runs nothing
		}
		if c.set == nil || slices.Contains(s.caseID, c.key) {
			break
		}
		idx = append(idx, i)
		s.add(c.set)
	}
	if len(idx) == 0 {
		return nil
	}
	var (
		ids         []int64
		cases, done int
	)
	if err := tx.QueryRowContext(ctx, caseSetWrite, s.args()...).Scan(&ids, &cases, &done); err != nil {
		return err
	}
	if cases != len(ids) || done != len(ids) {
		return fmt.Errorf("sqlstore: a set of %d completions wrote %d cases and %d tasks", len(ids), cases, done)
	}
	kept := make(map[int64]bool, len(ids))
	for _, id := range ids {
		kept[id] = true
	}
	stats := db.deferStats(tx, tx)
	for _, i := range idx {
		c := batch[i]
		if !kept[c.key] {
			continue
		}
		w, after := c.set.plan.w, c.set.plan.after
		if after.State == esop.CaseDone {
			if err := db.emitWebhook(ctx, tx, esop.EventCaseFinished, caseFinished(after, c.set.now)); err != nil {
				return err
			}
		}
		if err := recordCompletion(ctx, stats, w.tk, w.ts, w.ck, w.cs); err != nil { // stats.go
			return err
		}
		c.set.applied, ran[i] = true, true
	}
	db.runCache().group.sets.Add(int64(len(kept)))
	return nil
}

// caseFinished is the data of the webhook event of a case finished at
// now.
func caseFinished(c *esop.Case, now time.Time) map[string]any {
	return map[string]any{"caseId": c.ID, "code": c.Code, "sopId": c.SOPID,
		"receivedAt": c.ReceivedAt.UTC().Format(time.RFC3339), "finishedAt": now.UTC().Format(time.RFC3339)}
}

// setArrays are the columns of caseSetWrite's arrays.
type setArrays struct {
	caseID, rev, closedBy, taskNo, completedBy                              []int64
	state, closedAt, tstate, completedAt, decision, checklist, output, note []string
	tasks                                                                   [taskColumnsIn][]string
	people                                                                  [4][]string
	events                                                                  [6][]string
}

func (s *setArrays) add(sc *setCompletion) {
	p, w := sc.plan, sc.plan.w
	c, t := p.after, p.task
	s.caseID = append(s.caseID, c.ID)
	s.rev = append(s.rev, p.before.Rev)
	s.state = append(s.state, c.State)
	s.closedAt = append(s.closedAt, storeTime(c.ClosedAt))
	s.closedBy = append(s.closedBy, c.ClosedBy)
	s.taskNo = append(s.taskNo, t.ID)
	s.tstate = append(s.tstate, t.State)
	s.completedBy = append(s.completedBy, sc.by.ID)
	s.completedAt = append(s.completedAt, storeTime(t.CompletedAt))
	s.decision = append(s.decision, t.Decision)
	s.checklist = append(s.checklist, w.checklist)
	s.output = append(s.output, t.Output)
	s.note = append(s.note, t.Note)
	columns(s.tasks[:], w.tasks)
	columns(s.people[:], w.people)
	columns(s.events[:], w.events)
}

// columns appends the values of rows, given row after row, to the
// columns cols, as text.
func columns(cols [][]string, rows []any) {
	for i, v := range rows {
		k := i % len(cols)
		cols[k] = append(cols[k], text(v))
	}
}

// text is a row's value as the text PostgreSQL casts back.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	}
	return fmt.Sprint(v)
}

func (s *setArrays) args() []any {
	args := []any{s.caseID, s.rev, s.state, s.closedAt, s.closedBy, s.taskNo, s.tstate, s.completedBy, s.completedAt,
		s.decision, s.checklist, s.output, s.note}
	for _, group := range [][][]string{s.tasks[:], s.people[:], s.events[:]} {
		for _, col := range group {
			args = append(args, nonNil(col))
		}
	}
	return args
}

// nonNil is col, or an empty array for none (a nil slice is NULL).
func nonNil(col []string) []string {
	if col == nil {
		return []string{}
	}
	return col
}

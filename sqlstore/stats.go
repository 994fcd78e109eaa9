package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

var _ esop.StatsService = (*DB)(nil)

// Performance aggregates (issue 12; tables stat_steps, stat_tasks and
// stat_cases, migration 0016). A completion adds its task to one row of
// stat_steps (unit, month, SOP, step: the dashboards) and one of
// stat_tasks (the same per position and employee: each official's
// record) and, when it ends the case, the case to its row of stat_cases,
// each by one UPSERT in the completion's transaction; a start and a
// cancellation add to the case row of their month. Every row carries its
// times as a histogram in the columns h00 … h63 (esop.StatBucket).
// RebuildStats computes the same rows from the cases, by the same
// functions (taskStat, caseStat), so that the two agree exactly.

// hist is a histogram of times by esop.StatBucket.
type hist [esop.StatBuckets]int64

// histCols lists the histogram columns h00 … h63, each written as format
// with % replaced by the column's name.
func histCols(format string) string {
	parts := make([]string, esop.StatBuckets)
	for b := range parts {
		parts[b] = strings.ReplaceAll(format, "%", fmt.Sprintf("h%02d", b))
	}
	return strings.Join(parts, ", ")
}

// params returns "$from, $from+1, …" for n parameters.
func params(from, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = "$" + strconv.Itoa(from+i)
	}
	return strings.Join(parts, ", ")
}

// taskSumCols are the counts and sums of a row of stat_steps and stat_tasks.
const taskSumCols = `tasks, on_time, late, delegated, external, work_secs, wait_secs, std_secs, over_secs`

// upsertText is the one-row UPSERT adding to a row of table: its
// parameters are the key columns keys, the shard (migration 0021), the
// sums and the histogram, in that order.
func upsertText(table, keys string, sums string) string {
	var set []string
	for _, c := range strings.Split(sums, ", ") {
		set = append(set, c+" = "+table+"."+c+" + excluded."+c)
	}
	nkeys, nsums := len(strings.Split(keys, ", "))+1, len(set)
	set = append(set, histCols("% = "+table+".% + excluded.%"))
	return `INSERT INTO ` + table + ` (` + keys + `, shard, ` + sums + `, ` + histCols("%") + `) VALUES (` +
		params(1, nkeys+nsums+esop.StatBuckets) + `) ON CONFLICT (` + keys + `, shard) DO UPDATE SET ` + strings.Join(set, ", ")
}

// The key columns of the aggregates (without their shard), and the sums
// of a case's row.
const (
	stepStatKeys = `unit_id, month, sop_id, step`
	taskStatKeys = `unit_id, month, sop_id, step, position, employee_id`
	caseStatKeys = `unit_id, month, sop_id`
	caseSumCols  = `started, cancelled, finished, on_time, late, cycle_secs, std_secs`
)

var (
	stepStatUpsert = upsertText("stat_steps", stepStatKeys, taskSumCols)
	taskStatUpsert = upsertText("stat_tasks", taskStatKeys, taskSumCols)
	caseStatUpsert = upsertText("stat_cases", caseStatKeys, caseSumCols)
)

// Shards. A key of the aggregates may have several rows, one per shard,
// which every reader sums (migration 0021): concurrent write transactions
// that add to the same key each add to their own row, so that on
// PostgreSQL none waits for the row lock another holds until its commit.
// A batch of group commit adds to the shard of its leader's place
// (0 … pgGroupLeaders-1, group.go), so batches running at once never share
// a row; another write transaction adds to one of the shards above those,
// at random. SQLite has one writer and no row locks: shard 0 always, as
// RebuildStats writes.
const statShards = 2 * pgGroupLeaders

// stepArgs, taskArgs and caseArgs are the parameters of a row's key and
// shard, for the UPSERTs above.
func (k taskKey) stepArgs(shard int) []any { return []any{k.unit, k.month, k.sop, k.step, shard} }
func (k taskKey) taskArgs(shard int) []any {
	return []any{k.unit, k.month, k.sop, k.step, k.position, k.employee, shard}
}
func (k caseKey) caseArgs(shard int) []any { return []any{k.unit, k.month, k.sop, shard} }

// taskKey is the key of a row of stat_tasks; with position "" and
// employee -1 that of stat_steps.
type taskKey struct {
	unit     int64
	month    string
	sop      int64
	step     string
	position string
	employee int64
}

func (k taskKey) steps() taskKey { k.position, k.employee = "", -1; return k }

// taskSums are the counts and sums of a row of stat_tasks.
type taskSums struct {
	tasks, onTime, late, delegated, external, work, wait, std, over int64
	h                                                               hist
}

func (s *taskSums) add(o *taskSums) {
	s.tasks += o.tasks
	s.onTime += o.onTime
	s.late += o.late
	s.delegated += o.delegated
	s.external += o.external
	s.work += o.work
	s.wait += o.wait
	s.std += o.std
	s.over += o.over
	for b := range s.h {
		s.h[b] += o.h[b]
	}
}

func (s *taskSums) args() []any {
	out := []any{s.tasks, s.onTime, s.late, s.delegated, s.external, s.work, s.wait, s.std, s.over}
	for _, n := range s.h {
		out = append(out, n)
	}
	return out
}

type caseKey struct {
	unit  int64
	month string
	sop   int64
}

type caseSums struct {
	started, cancelled, finished, onTime, late, cycle, std int64
	h                                                      hist
}

func (s *caseSums) add(o *caseSums) {
	s.started += o.started
	s.cancelled += o.cancelled
	s.finished += o.finished
	s.onTime += o.onTime
	s.late += o.late
	s.cycle += o.cycle
	s.std += o.std
	for b := range s.h {
		s.h[b] += o.h[b]
	}
}

func (s *caseSums) args() []any {
	out := []any{s.started, s.cancelled, s.finished, s.onTime, s.late, s.cycle, s.std}
	for _, n := range s.h {
		out = append(out, n)
	}
	return out
}

// statMonth is the month of t in the calendar's zone.
func statMonth(cal *esop.Calendar, t time.Time) string { return t.In(cal.Location()).Format("2006-01") }

// workSecs is the working time from a to b in whole seconds.
func workSecs(cal *esop.Calendar, a, b time.Time) int64 {
	return int64(math.Round(cal.Elapsed(a, b, esop.CountWorking).Seconds()))
}

// taskStat returns the row a done task adds to.
func taskStat(cal *esop.Calendar, unitID, sopID, employeeID int64, t *esop.Task) (taskKey, *taskSums) {
	done := *t.CompletedAt
	secs := max(workSecs(cal, t.OpenedAt, done), 0)
	k := taskKey{unit: unitID, month: statMonth(cal, done), sop: sopID, step: t.Step, position: t.Position, employee: employeeID}
	s := &taskSums{tasks: 1}
	s.h[esop.StatBucket(secs)] = 1
	if t.External {
		s.external, s.wait = 1, secs
	} else {
		s.work = secs
	}
	if t.Delegated {
		s.delegated = 1
	}
	if t.Due != nil {
		s.std = max(workSecs(cal, t.OpenedAt, *t.Due), 0)
		if done.After(*t.Due) {
			s.late, s.over = 1, max(workSecs(cal, *t.Due, done), 0)
		} else {
			s.onTime = 1
		}
	}
	return k, s
}

// caseStat returns the row a finished case adds to.
func caseStat(cal *esop.Calendar, unitID int64, c *esop.Case) (caseKey, *caseSums) {
	closed := *c.ClosedAt
	secs := max(workSecs(cal, c.ReceivedAt, closed), 0)
	k := caseKey{unit: unitID, month: statMonth(cal, closed), sop: c.SOPID}
	s := &caseSums{finished: 1, cycle: secs}
	s.h[esop.StatBucket(secs)] = 1
	if c.Due != nil {
		s.std = max(workSecs(cal, c.ReceivedAt, *c.Due), 0)
		if closed.After(*c.Due) {
			s.late = 1
		} else {
			s.onTime = 1
		}
	}
	return k, s
}

func upsertTaskStat(ctx context.Context, q querier, k taskKey, s *taskSums) error {
	if d, ok := q.(statsQuerier); ok { // added at the commit (statbatch.go)
		d.batch.stats = append(d.batch.stats, statDelta{task: true, tk: k, ts: s})
		return nil
	}
	if _, err := q.ExecContext(ctx, stepStatUpsert, append(k.stepArgs(0), s.args()...)...); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, taskStatUpsert, append(k.taskArgs(0), s.args()...)...)
	return err
}

func upsertCaseStat(ctx context.Context, q querier, k caseKey, s *caseSums) error {
	if d, ok := q.(statsQuerier); ok { // added at the commit (statbatch.go)
		d.batch.stats = append(d.batch.stats, statDelta{ck: k, cs: s})
		return nil
	}
	_, err := q.ExecContext(ctx, caseStatUpsert, append(k.caseArgs(0), s.args()...)...)
	return err
}

// recordStart counts a case started, in the month of its receipt.
func recordStart(ctx context.Context, q querier, rec *esop.CaseRecord, cal *esop.Calendar) error {
	return upsertCaseStat(ctx, q, caseKey{unit: rec.UnitID, month: statMonth(cal, rec.ReceivedAt), sop: rec.SOPID}, &caseSums{started: 1})
}

// completionStat returns what the task t that rec's case just had done
// by by adds to the statistics (per step and per employee), and what the
// case adds when it is done (cs nil when not).
func completionStat(rec *esop.CaseRecord, t *esop.Task, by *esop.User, cal *esop.Calendar) (tk taskKey, ts *taskSums, ck caseKey, cs *caseSums) {
	tk, ts = taskStat(cal, rec.UnitID, rec.SOPID, by.EmployeeID, t)
	if rec.State == esop.CaseDone && rec.ClosedAt != nil {
		ck, cs = caseStat(cal, rec.UnitID, rec.Case)
	}
	return tk, ts, ck, cs
}

// recordCompletion counts a completion (completionStat): two UPSERTs
// (per step, per employee), and a third when the case is done.
func recordCompletion(ctx context.Context, q querier, tk taskKey, ts *taskSums, ck caseKey, cs *caseSums) error {
	if err := upsertTaskStat(ctx, q, tk, ts); err != nil {
		return err
	}
	if cs == nil {
		return nil
	}
	return upsertCaseStat(ctx, q, ck, cs)
}

// recordCancel counts a case cancelled, in the month of its cancellation.
func (db *DB) recordCancel(ctx context.Context, q querier, rec *esop.CaseRecord) error {
	cal, err := db.calendarIn(ctx, q, rec.AgencyID)
	if err != nil {
		return err
	}
	return upsertCaseStat(ctx, q, caseKey{unit: rec.UnitID, month: statMonth(cal, *rec.ClosedAt), sop: rec.SOPID}, &caseSums{cancelled: 1})
}

// RebuildStats recomputes the aggregates from the cases and their tasks,
// with today's calendars, in one transaction.
func (db *DB) RebuildStats(ctx context.Context) error {
	if err := db.seedHolidays(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		tasks, cases, err := db.computeStats(ctx, tx)
		if err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM stat_steps`, `DELETE FROM stat_tasks`, `DELETE FROM stat_cases`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return writeStats(ctx, tx, tasks, cases)
	})
}

// writeStats adds the rows to the aggregates.
func writeStats(ctx context.Context, tx *sql.Tx, tasks map[taskKey]*taskSums, cases map[caseKey]*caseSums) error {
	steps := map[taskKey]*taskSums{}
	for k, s := range tasks {
		sk := k.steps()
		if steps[sk] == nil {
			steps[sk] = &taskSums{}
		}
		steps[sk].add(s)
	}
	write := func(text string, n int, each func(exec func(args ...any) error) error) error {
		st, err := tx.PrepareContext(ctx, text)
		if err != nil {
			return err
		}
		defer st.Close()
		return each(func(args ...any) error { _, err := st.ExecContext(ctx, args...); return err })
	}
	if err := write(stepStatUpsert, len(steps), func(exec func(...any) error) error {
		for k, s := range steps {
			if err := exec(append(k.stepArgs(0), s.args()...)...); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := write(taskStatUpsert, len(tasks), func(exec func(...any) error) error {
		for k, s := range tasks {
			if err := exec(append(k.taskArgs(0), s.args()...)...); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	return write(caseStatUpsert, len(cases), func(exec func(...any) error) error {
		for k, s := range cases {
			if err := exec(append(k.caseArgs(0), s.args()...)...); err != nil {
				return err
			}
		}
		return nil
	})
}

// computeStats computes the aggregate rows from the cases as q sees them.
func (db *DB) computeStats(ctx context.Context, q querier) (map[taskKey]*taskSums, map[caseKey]*caseSums, error) {
	cals := map[int64]*esop.Calendar{}
	calendar := func(agency int64) (*esop.Calendar, error) {
		if c := cals[agency]; c != nil {
			return c, nil
		}
		c, err := db.calendarIn(ctx, q, agency)
		cals[agency] = c
		return c, err
	}
	type caseRow struct {
		c                       esop.Case
		unit, agency            int64
		received, due, closedAt string
	}
	cases := map[caseKey]*caseSums{}
	addCase := func(k caseKey, s *caseSums) {
		if cases[k] == nil {
			cases[k] = &caseSums{}
		}
		cases[k].add(s)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, sop_id, unit_id, agency_id, received_at, due, state, closed_at FROM cases ORDER BY id`)
	if err != nil {
		return nil, nil, err
	}
	var list []caseRow
	for rows.Next() {
		var r caseRow
		if err := rows.Scan(&r.c.ID, &r.c.SOPID, &r.unit, &r.agency, &r.received, &r.due, &r.c.State, &r.closedAt); err != nil {
			rows.Close()
			return nil, nil, err
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	for i := range list {
		r := &list[i]
		cal, err := calendar(r.agency)
		if err != nil {
			return nil, nil, err
		}
		r.c.ReceivedAt, r.c.Due, r.c.ClosedAt = parseTime(r.received), optTime(r.due), optTime(r.closedAt)
		addCase(caseKey{unit: r.unit, month: statMonth(cal, r.c.ReceivedAt), sop: r.c.SOPID}, &caseSums{started: 1})
		switch {
		case r.c.State == esop.CaseCancelled && r.c.ClosedAt != nil:
			addCase(caseKey{unit: r.unit, month: statMonth(cal, *r.c.ClosedAt), sop: r.c.SOPID}, &caseSums{cancelled: 1})
		case r.c.State == esop.CaseDone && r.c.ClosedAt != nil:
			addCase(caseStat(cal, r.unit, &r.c))
		}
	}
	tasks := map[taskKey]*taskSums{}
	rows, err = q.QueryContext(ctx, `SELECT c.unit_id, c.sop_id, c.agency_id, t.step, t.position, t.external, t.delegated,
		t.opened_at, t.due, t.completed_at, COALESCE(u.employee_id, 0)
		FROM case_tasks t JOIN cases c ON c.id = t.case_id LEFT JOIN users u ON u.id = t.completed_by
		WHERE t.state = 'done'`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			t                   esop.Task
			unit, sop, agency   int64
			employee            int64
			external, delegated int
			opened, due, done   string
		)
		if err := rows.Scan(&unit, &sop, &agency, &t.Step, &t.Position, &external, &delegated, &opened, &due, &done, &employee); err != nil {
			return nil, nil, err
		}
		cal, err := calendar(agency)
		if err != nil {
			return nil, nil, err
		}
		t.External, t.Delegated = external != 0, delegated != 0
		t.OpenedAt, t.Due, t.CompletedAt = parseTime(opened), optTime(due), optTime(done)
		if t.CompletedAt == nil {
			continue
		}
		k, s := taskStat(cal, unit, sop, employee, &t)
		if tasks[k] == nil {
			tasks[k] = &taskSums{}
		}
		tasks[k].add(s)
	}
	return tasks, cases, rows.Err()
}

// StatRows returns every row of the aggregates as text, its shards summed
// (a key's figures, whichever shards they were added to), sorted: for the
// tests that compare them with RebuildStats.
func (db *DB) StatRows(ctx context.Context) ([]string, error) {
	var out []string
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		for _, t := range []struct{ table, keys, sums string }{
			{"stat_steps", stepStatKeys, taskSumCols}, {"stat_tasks", taskStatKeys, taskSumCols}, {"stat_cases", caseStatKeys, caseSumCols},
		} {
			table := t.table
			rows, err := tx.QueryContext(ctx, `SELECT `+t.keys+`, `+sumCols(t.sums)+` FROM `+table+` GROUP BY `+t.keys)
			if err != nil {
				return err
			}
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				parts := make([]string, len(vals))
				for i, v := range vals {
					if b, ok := v.([]byte); ok {
						v = string(b)
					}
					parts[i] = fmt.Sprint(v)
				}
				out = append(out, table+"|"+strings.Join(parts, "|"))
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

var statMonthRE = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// checkStatsQuery returns the problems of q's period and grouping.
func checkStatsQuery(q *esop.StatsQuery) error {
	var ps esop.Problems
	bad := func(path, code, id, en string) {
		ps = append(ps, esop.Problem{Path: path, Severity: esop.SeverityError, Code: code, Message: esop.Text{ID: id, EN: en}})
	}
	for _, f := range []struct{ path, v string }{{"from", q.From}, {"to", q.To}} {
		if !statMonthRE.MatchString(f.v) {
			bad(f.path, "month", fmt.Sprintf("bulan %q tidak sah: tulis TTTT-BB, misalnya 2026-01", f.v),
				fmt.Sprintf("month %q is not valid: write YYYY-MM, e.g. 2026-01", f.v))
		}
	}
	if len(ps) == 0 && q.To < q.From {
		bad("to", "before_from", fmt.Sprintf("bulan akhir %s sebelum bulan awal %s", q.To, q.From),
			fmt.Sprintf("the last month %s is before the first %s", q.To, q.From))
	}
	if q.By == "" {
		q.By = esop.StatsByStep
	}
	if !slices.Contains(esop.StatsGroupings, q.By) {
		bad("by", "grouping", fmt.Sprintf("pengelompokan %q tidak dikenal; pilih salah satu dari: %s", q.By, strings.Join(esop.StatsGroupings, ", ")),
			fmt.Sprintf("unknown grouping %q; use one of: %s", q.By, strings.Join(esop.StatsGroupings, ", ")))
	}
	if len(ps) == 0 {
		return nil
	}
	e := esop.Errorf(esop.EINVALID, "Permintaan angka kinerja tidak sah.", "The request for performance figures is not valid.")
	e.Problems = ps
	return e
}

// statGroupCols are the columns of stat_tasks a grouping groups by: a
// number and a text (constants where the grouping has none).
var statGroupCols = map[string]string{
	esop.StatsByStep:     `sop_id, step`,
	esop.StatsByPosition: `CAST(0 AS BIGINT), position`,
	esop.StatsByEmployee: `employee_id, CAST('' AS TEXT)`,
	esop.StatsByMonth:    `CAST(0 AS BIGINT), month`,
	esop.StatsBySOP:      `sop_id, CAST('' AS TEXT)`,
}

// statGroup is a group as it is summed.
type statGroup struct {
	num  int64
	text string
	sums taskSums
	cs   *caseSums
}

// histogram turns the columns' counts into an esop.Histogram.
func (h *hist) histogram() esop.Histogram {
	out := esop.Histogram{}
	for b, n := range h {
		if n > 0 {
			out[b] = n
		}
	}
	return out
}

// sumCols are the sums of the columns cols and of the histogram.
func sumCols(cols string) string {
	var parts []string
	for _, c := range strings.Split(cols, ", ") {
		parts = append(parts, "CAST(sum("+c+") AS BIGINT)")
	}
	return strings.Join(parts, ", ") + ", " + histCols("CAST(sum(%) AS BIGINT)")
}

// Stats answers performance figures from the aggregates; see esop.StatsService.
func (db *DB) Stats(ctx context.Context, q esop.StatsQuery) (*esop.Stats, error) {
	if err := checkStatsQuery(&q); err != nil {
		return nil, err
	}
	if err := db.seedHolidays(ctx); err != nil { // the calendars of the open work's SLA
		return nil, err
	}
	if q.Now.IsZero() {
		q.Now = db.now()
	}
	conds, args := []string{"month >= $1", "month <= $2"}, []any{q.From, q.To}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	var caseConds []string
	if q.Units != nil {
		c := "unit_id IN (" + idList(q.Units) + ")"
		if len(q.Units) == 0 {
			c = "1 = 0"
		}
		conds = append(conds, c)
	}
	if q.SOPID != 0 {
		conds = append(conds, "sop_id = "+arg(q.SOPID))
	}
	caseConds, caseArgs := slices.Clone(conds), slices.Clone(args)
	perPerson := q.Position != "" || q.EmployeeID != 0
	if q.Position != "" {
		conds = append(conds, "position = "+arg(q.Position))
	}
	if q.EmployeeID != 0 {
		conds = append(conds, "employee_id = "+arg(q.EmployeeID))
	}
	out := &esop.Stats{From: q.From, To: q.To, By: q.By, Groups: []esop.StatsGroup{}}
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		groups := map[[2]string]*statGroup{}
		var order [][2]string
		group := func(num int64, text string) *statGroup {
			k := [2]string{strconv.FormatInt(num, 10), text}
			g := groups[k]
			if g == nil {
				g = &statGroup{num: num, text: text}
				groups[k] = g
				order = append(order, k)
			}
			return g
		}
		total := &statGroup{}
		// The dashboards' figures come from stat_steps; those of people
		// and positions from stat_tasks.
		table := "stat_steps"
		if perPerson || q.By == esop.StatsByPosition || q.By == esop.StatsByEmployee {
			table = "stat_tasks"
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+statGroupCols[q.By]+`, `+sumCols(taskSumCols)+`
			FROM `+table+` WHERE `+strings.Join(conds, " AND ")+` GROUP BY 1, 2`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var (
				num  int64
				text string
				s    taskSums
			)
			dest := []any{&num, &text, &s.tasks, &s.onTime, &s.late, &s.delegated, &s.external, &s.work, &s.wait, &s.std, &s.over}
			for b := range s.h {
				dest = append(dest, &s.h[b])
			}
			if err := rows.Scan(dest...); err != nil {
				rows.Close()
				return err
			}
			group(num, text).sums.add(&s)
			total.sums.add(&s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if !perPerson && (!q.GroupsOnly || q.By == esop.StatsByMonth || q.By == esop.StatsBySOP) {
			if err := db.caseFigures(ctx, tx, q.By, caseConds, caseArgs, out, group); err != nil {
				return err
			}
		}
		slices.SortFunc(order, func(a, b [2]string) int {
			if a[0] != b[0] {
				x, _ := strconv.ParseInt(a[0], 10, 64)
				y, _ := strconv.ParseInt(b[0], 10, 64)
				return int(x - y)
			}
			return strings.Compare(a[1], b[1])
		})
		labels, err := db.statLabels(ctx, tx, q.By, groups)
		if err != nil {
			return err
		}
		out.Tasks = groupFigures(total, total.sums.late)
		out.Tasks.Key, out.Tasks.Label = "", ""
		for _, k := range order {
			g := groups[k]
			f := groupFigures(g, total.sums.late)
			f.Label = labels[k]
			switch q.By {
			case esop.StatsByStep:
				f.Key, f.SOPID, f.Step = fmt.Sprintf("%d/%s", g.num, g.text), g.num, g.text
			case esop.StatsBySOP:
				f.Key, f.SOPID = strconv.FormatInt(g.num, 10), g.num
			case esop.StatsByEmployee:
				f.Key = strconv.FormatInt(g.num, 10)
			default:
				f.Key = g.text
			}
			if f.Label == "" {
				f.Label = f.Key
			}
			out.Groups = append(out.Groups, f)
		}
		if q.GroupsOnly {
			return nil
		}
		return db.openFigures(ctx, tx, q, &out.Open)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// groupFigures turns sums into figures; lateAll is the late tasks of the
// whole answer.
func groupFigures(g *statGroup, lateAll int64) esop.StatsGroup {
	s := g.sums
	h := s.h.histogram()
	f := esop.StatsGroup{Tasks: s.tasks, OnTime: s.onTime, Late: s.late, Delegated: s.delegated, External: s.external,
		OnTimeShare: share(s.onTime, s.onTime+s.late), LateShare: share(s.late, lateAll),
		MedianMinutes: h.Quantile(0.5), P90Minutes: h.Quantile(0.9),
		StandardMinutes: minutesOf(s.std, s.onTime+s.late),
		WorkingMinutes:  minutesOf(s.work, 1), WaitingMinutes: minutesOf(s.wait, 1), OverdueMinutes: minutesOf(s.over, 1)}
	if g.cs != nil {
		f.Cases = &esop.CaseFigures{Started: g.cs.started, Finished: g.cs.finished, OnTime: g.cs.onTime, Late: g.cs.late, Cancelled: g.cs.cancelled}
	}
	return f
}

func share(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return math.Round(float64(a)/float64(b)*10000) / 10000
}

// minutesOf is secs/n in minutes, to a tenth; 0 when n is 0.
func minutesOf(secs, n int64) float64 {
	if n == 0 {
		return 0
	}
	return math.Round(float64(secs)/float64(n)/6) / 10
}

// caseFigures adds the case figures of the period: in total, and per
// group by month or SOP.
func (db *DB) caseFigures(ctx context.Context, tx *sql.Tx, by string, conds []string, args []any, out *esop.Stats,
	group func(int64, string) *statGroup) error {
	cols := `CAST(0 AS BIGINT), CAST('' AS TEXT)`
	switch by {
	case esop.StatsByMonth:
		cols = statGroupCols[by]
	case esop.StatsBySOP:
		cols = statGroupCols[by]
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+cols+`, `+sumCols(caseSumCols)+`
		FROM stat_cases WHERE `+strings.Join(conds, " AND ")+` GROUP BY 1, 2`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var total caseSums
	for rows.Next() {
		var (
			num  int64
			text string
			s    caseSums
		)
		dest := []any{&num, &text, &s.started, &s.cancelled, &s.finished, &s.onTime, &s.late, &s.cycle, &s.std}
		for b := range s.h {
			dest = append(dest, &s.h[b])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		total.add(&s)
		if by == esop.StatsByMonth || by == esop.StatsBySOP {
			g := group(num, text)
			if g.cs == nil {
				g.cs = &caseSums{}
			}
			g.cs.add(&s)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	hist := total.h.histogram()
	out.Cases = &esop.CaseFigures{Started: total.started, Finished: total.finished, OnTime: total.onTime, Late: total.late, Cancelled: total.cancelled}
	out.CycleTime = &esop.TimeFigures{Median: hist.Quantile(0.5), P90: hist.Quantile(0.9),
		Standard: minutesOf(total.std, total.onTime+total.late), Count: total.finished}
	return nil
}

// statLabels names the groups: an SOP's step by the SOP's title and the
// step's Kegiatan in its latest version in force, a position by its
// name, an employee by name, an SOP by title; months by themselves.
func (db *DB) statLabels(ctx context.Context, tx *sql.Tx, by string, groups map[[2]string]*statGroup) (map[[2]string]string, error) {
	out := map[[2]string]string{}
	if len(groups) == 0 {
		return out, nil
	}
	var nums []int64
	var texts []string
	for _, g := range groups {
		nums, texts = append(nums, g.num), append(texts, g.text)
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)
	names := map[string]string{}
	read := func(query string, args ...any) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			names[k] = v
		}
		return rows.Err()
	}
	switch by {
	case esop.StatsByStep, esop.StatsBySOP:
		if err := read(`SELECT CAST(id AS TEXT), title FROM sops WHERE id IN (` + idList(nums) + `)`); err != nil {
			return nil, err
		}
		steps := map[int64]map[string]string{}
		if by == esop.StatsByStep {
			versions := map[string]string{}
			rows, err := tx.QueryContext(ctx, `SELECT sop_id, max(id) FROM sop_versions WHERE sop_id IN (`+idList(nums)+`)
				AND status IN ('approved', 'superseded', 'withdrawn') GROUP BY sop_id`)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var sop, v int64
				if err := rows.Scan(&sop, &v); err != nil {
					rows.Close()
					return nil, err
				}
				versions[strconv.FormatInt(sop, 10)] = strconv.FormatInt(v, 10)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
			for sop, v := range versions {
				id, _ := strconv.ParseInt(v, 10, 64)
				doc, err := db.versionDoc(ctx, tx, id)
				if err != nil {
					return nil, err
				}
				n, _ := strconv.ParseInt(sop, 10, 64)
				steps[n] = map[string]string{}
				for _, s := range doc.Steps {
					steps[n][s.ID] = s.Activity
				}
			}
		}
		for k, g := range groups {
			title := names[strconv.FormatInt(g.num, 10)]
			if by == esop.StatsBySOP {
				out[k] = title
				continue
			}
			activity := steps[g.num][g.text]
			if activity == "" {
				activity = g.text
			}
			out[k] = activity
		}
	case esop.StatsByPosition:
		if err := read(`SELECT key, name FROM positions WHERE key IN (` + textList(texts) + `) ORDER BY id`); err != nil {
			return nil, err
		}
		for k, g := range groups {
			out[k] = names[g.text]
		}
	case esop.StatsByEmployee:
		if err := read(`SELECT CAST(id AS TEXT), name FROM employees WHERE id IN (` + idList(nums) + `)`); err != nil {
			return nil, err
		}
		for k, g := range groups {
			out[k] = names[strconv.FormatInt(g.num, 10)]
		}
	}
	return out, nil
}

// textList quotes texts for an IN list (a quote doubled).
func textList(texts []string) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = "'" + strings.ReplaceAll(t, "'", "''") + "'"
	}
	return strings.Join(q, ",")
}

// openFigures counts the open tasks of q's scope by their SLA now.
func (db *DB) openFigures(ctx context.Context, tx *sql.Tx, q esop.StatsQuery, out *esop.OpenFigures) error {
	conds, args := []string{"t.state = 'open'"}, []any{}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	if q.Units != nil {
		if len(q.Units) == 0 {
			return nil
		}
		conds = append(conds, "t.unit_id IN ("+idList(q.Units)+")")
	}
	if q.SOPID != 0 {
		conds = append(conds, "c.sop_id = "+arg(q.SOPID))
	}
	if q.Position != "" {
		conds = append(conds, "t.position = "+arg(q.Position))
	}
	if q.EmployeeID != 0 {
		conds = append(conds, `EXISTS (SELECT 1 FROM case_task_assignees a JOIN users u ON u.id = a.user_id
			WHERE a.case_id = t.case_id AND a.task_no = t.task_no AND a.open = 1 AND u.employee_id = `+arg(q.EmployeeID)+`)`)
	}
	rows, err := tx.QueryContext(ctx, `SELECT t.opened_at, t.due, c.day_count, c.agency_id FROM case_tasks t
		JOIN cases c ON c.id = t.case_id WHERE `+strings.Join(conds, " AND "), args...)
	if err != nil {
		return err
	}
	type open struct {
		opened, due, count string
		agency             int64
	}
	var list []open
	for rows.Next() {
		var o open
		if err := rows.Scan(&o.opened, &o.due, &o.count, &o.agency); err != nil {
			rows.Close()
			return err
		}
		list = append(list, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	cals := map[int64]*esop.Calendar{}
	for _, o := range list {
		cal := cals[o.agency]
		if cal == nil {
			if cal, err = db.calendarIn(ctx, tx, o.agency); err != nil {
				return err
			}
			cals[o.agency] = cal
		}
		var due time.Time
		if o.due != "" {
			due = parseTime(o.due)
		}
		switch cal.SLAState(parseTime(o.opened), due, q.Now, o.count) {
		case esop.SLABreached:
			out.Breached++
		case esop.SLAAtRisk:
			out.AtRisk++
		default:
			out.OnTrack++
		}
	}
	return nil
}

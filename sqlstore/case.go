package sqlstore

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

var _ esop.CaseService = (*DB)(nil)

// Cases run on the pure engine (esop.Process); the store adds the ids,
// the tracking code, the people and the history, and keeps every change
// of a case in one transaction that holds the case's row: SELECT … FOR
// UPDATE on PostgreSQL, the single writer (BEGIN IMMEDIATE) on SQLite.
//
// A completion is first planned on a snapshot from the readers — the
// engine's step and the assignment of the next task need only reads —
// and then written in a short transaction that locks the case and checks
// that its revision (cases.rev, which every change raises) is still the
// one planned on; if not, it plans again under the lock. So racing
// completions of one task give exactly one success, the others ECONFLICT,
// and the write lock of SQLite is held only for the writes.

// noDue sorts tasks without a due after every other.
const noDue = "9999"

// Page sizes of the lists.
const (
	defaultPage = 50
	maxPage     = 200
)

const (
	caseColumns = `c.id, c.code, c.sop_id, c.version_id, c.unit_id, c.agency_id, c.day_count, c.applicant_name,
	c.applicant_contact, c.received_at, c.due, c.state, c.closed_at, c.closed_by, c.reason, c.rev,
	s.title, s.number, su.username, cu.username`
	caseFrom = `
	FROM cases c JOIN sops s ON s.id = c.sop_id JOIN users su ON su.id = c.started_by LEFT JOIN users cu ON cu.id = c.closed_by`
	caseSelect = `SELECT ` + caseColumns + caseFrom
)

// loadCases returns the cases matching where, with their tasks,
// assignees and people, in the order of the query.
func loadCases(ctx context.Context, q querier, where string, args ...any) ([]*esop.CaseRecord, error) {
	rows, err := q.QueryContext(ctx, caseSelect+` WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	var list []*esop.CaseRecord
	for rows.Next() {
		r, err := scanCase(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(list) == 0 {
		return list, err
	}
	return list, attachTasks(ctx, q, list)
}

func scanCase(r interface{ Scan(...any) error }, extra ...any) (*esop.CaseRecord, error) {
	var (
		c                               esop.Case
		rec                             = esop.CaseRecord{Case: &c, People: map[int64]string{}}
		received, due, closedAt         string
		closedBy                        sql.NullInt64
		number, closedByName            sql.NullString
		applicantName, applicantContact string
	)
	if err := r.Scan(append([]any{&c.ID, &c.Code, &c.SOPID, &c.VersionID, &rec.UnitID, &rec.AgencyID, &c.Count, &applicantName, &applicantContact,
		&received, &due, &c.State, &closedAt, &closedBy, &c.Reason, &rec.Rev, &rec.SOPTitle, &number, &rec.StartedBy, &closedByName}, extra...)...); err != nil {
		return nil, err
	}
	rec.SOPNumber, rec.Applicant = number.String, esop.Applicant{Name: applicantName, Contact: applicantContact}
	c.ReceivedAt, c.Due, c.ClosedAt = parseTime(received), optTime(due), optTime(closedAt)
	c.ClosedBy = closedBy.Int64
	if closedBy.Valid {
		rec.People[closedBy.Int64] = closedByName.String
	}
	c.Tasks = []esop.Task{}
	return &rec, nil
}

// optTime reads an optional stored time ("" for none).
func optTime(s string) *time.Time {
	if s == "" {
		return nil
	}
	t := parseTime(s)
	return &t
}

func storeTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return formatTime(*t)
}

// idList joins ids read from the database for an IN list.
func idList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

const taskColumns = `t.case_id, t.task_no, t.step, t.activity, t.actor, t.position, t.external, t.recorded_by, t.opened_at, t.due,
	t.state, t.delegated, t.completed_by, t.completed_at, t.decision, t.checklist, t.output, t.note, tu.username`

func scanTask(r interface{ Scan(...any) error }, extra ...any) (caseID int64, t esop.Task, doneBy string, err error) {
	var (
		external, delegated               int
		opened, due, completedAt, checked string
		completedBy                       sql.NullInt64
		completedName                     sql.NullString
	)
	dest := append([]any{&caseID, &t.ID, &t.Step, &t.Activity, &t.Actor, &t.Position, &external, &t.RecordedBy, &opened, &due,
		&t.State, &delegated, &completedBy, &completedAt, &t.Decision, &checked, &t.Output, &t.Note, &completedName}, extra...)
	if err = r.Scan(dest...); err != nil {
		return
	}
	t.External, t.Delegated = external != 0, delegated != 0
	t.OpenedAt, t.Due, t.CompletedAt = parseTime(opened), optTime(due), optTime(completedAt)
	t.CompletedBy, t.Assignees = completedBy.Int64, []int64{}
	if checked != "" {
		if err = json.Unmarshal([]byte(checked), &t.Checklist); err != nil {
			return
		}
	}
	return caseID, t, completedName.String, nil
}

// attachTasks loads the tasks and assignees of the cases in list, in one
// query: a row per task and assignee (a task without assignees once).
func attachTasks(ctx context.Context, q querier, list []*esop.CaseRecord) error {
	byID := make(map[int64]*esop.CaseRecord, len(list))
	ids := make([]int64, 0, len(list))
	for _, r := range list {
		byID[r.ID] = r
		ids = append(ids, r.ID)
	}
	cond, args := caseCond("t.case_id", ids)
	rows, err := q.QueryContext(ctx, `SELECT `+taskColumns+`, a.user_id, au.username FROM case_tasks t
		LEFT JOIN users tu ON tu.id = t.completed_by
		LEFT JOIN case_task_assignees a ON a.case_id = t.case_id AND a.task_no = t.task_no
		LEFT JOIN users au ON au.id = a.user_id
		WHERE `+cond+` ORDER BY t.case_id, t.task_no, a.user_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		last     *esop.CaseRecord
		lastTask int64
	)
	for rows.Next() {
		var (
			userID sql.NullInt64
			name   sql.NullString
		)
		caseID, t, doneBy, err := scanTask(rows, &userID, &name)
		if err != nil {
			return err
		}
		r := byID[caseID]
		addTaskRow(r, r != last || t.ID != lastTask, t, doneBy, userID, name)
		last, lastTask = r, t.ID
	}
	return rows.Err()
}

// addTaskRow adds a row of a query of tasks and their assignees (a row
// per task and assignee, a task's rows one after another) to r: the task
// on its first row, and the row's assignee.
func addTaskRow(r *esop.CaseRecord, first bool, t esop.Task, doneBy string, userID sql.NullInt64, name sql.NullString) {
	if first {
		if t.CompletedBy != 0 {
			r.People[t.CompletedBy] = doneBy
		}
		r.Tasks = append(r.Tasks, t)
	}
	if userID.Valid && name.Valid {
		k := len(r.Tasks) - 1
		r.Tasks[k].Assignees = append(r.Tasks[k].Assignees, userID.Int64)
		r.People[userID.Int64] = name.String
	}
}

// caseCond selects the rows of the cases ids by column col: one case by
// a parameter (a fixed text, prepared once), several by a list.
func caseCond(col string, ids []int64) (string, []any) {
	if len(ids) == 1 {
		return col + " = $1", []any{ids[0]}
	}
	return col + " IN (" + idList(ids) + ")", nil
}

func taskIndex(c *esop.Case, id int64) int {
	return slices.IndexFunc(c.Tasks, func(t esop.Task) bool { return t.ID == id })
}

func loadCase(ctx context.Context, q querier, id int64) (*esop.CaseRecord, error) {
	list, err := loadCases(ctx, q, `c.id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("Kasus", "Case", id)
	}
	return list[0], nil
}

// FindCase returns a case by id.
func (db *DB) FindCase(ctx context.Context, id int64) (*esop.CaseRecord, error) {
	db.warm(ctx, db.read)
	var rec *esop.CaseRecord
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		rec, err = loadCase(ctx, db.prepare(tx, db.read), id)
		return err
	})
	return rec, err
}

// FindCaseByCode returns a case by its tracking code (canonical form).
func (db *DB) FindCaseByCode(ctx context.Context, code string) (*esop.CaseRecord, error) {
	var rec *esop.CaseRecord
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		list, err := loadCases(ctx, tx, `c.code = $1`, code)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return notFound("Kasus dengan kode", "Case with code", code)
		}
		rec = list[0]
		return nil
	})
	return rec, err
}

// versionDoc returns the document of an approved version, from the
// cache (approved versions never change).
func (db *DB) versionDoc(ctx context.Context, q querier, versionID int64) (*esop.Document, error) {
	c := db.runCache()
	if d, ok := c.docs.Load(versionID); ok {
		return d.(*esop.Document), nil
	}
	var raw, status string
	if err := q.QueryRowContext(ctx, `SELECT document, status FROM sop_versions WHERE id = $1`, versionID).Scan(&raw, &status); err != nil {
		return nil, err
	}
	var d esop.Document
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return nil, fmt.Errorf("version %d: stored document: %w", versionID, err)
	}
	if status == esop.StatusApproved || status == esop.StatusSuperseded || status == esop.StatusWithdrawn {
		c.docs.Store(versionID, &d)
	}
	return &d, nil
}

// process returns the engine of a case: its version's document, its
// agency's calendar, its day count and the SOP's actors as mapped today.
func (db *DB) process(ctx context.Context, q querier, c *esop.CaseRecord, day esop.Date) (*esop.Process, error) {
	return db.processWith(ctx, q, c, day, nil)
}

// planFacts are what the engine of a case needs besides the case, read
// with the case (loadPlanCase) to save their own queries.
type planFacts struct {
	calRev   int64          // calendar_revision
	settings sql.NullString // the SOP's run settings as stored
}

// planCaseSelect reads a case, the facts of its engine, and its tasks
// with their assignees: a row per task and assignee, the case's columns
// on each.
const planCaseSelect = `SELECT ` + caseColumns + `, (SELECT rev FROM calendar_revision WHERE id = 1),
	(SELECT settings FROM sop_run_settings r WHERE r.sop_id = c.sop_id), ` + taskColumns + `, a.user_id, au.username` + caseFrom + `
	JOIN case_tasks t ON t.case_id = c.id
	LEFT JOIN users tu ON tu.id = t.completed_by
	LEFT JOIN case_task_assignees a ON a.case_id = t.case_id AND a.task_no = t.task_no
	LEFT JOIN users au ON au.id = a.user_id
	WHERE c.id = $1 ORDER BY t.task_no, a.user_id`

// loadPlanCase loads a case with its tasks, and the facts of its engine:
// in one query (planCaseSelect), whose rows scanCase and scanTask read
// together (the first's Scan runs the second, whose Scan scans the row
// into the destinations of both); in two when the case is not found
// that way (no such case, or none of its tasks), for their errors.
func loadPlanCase(ctx context.Context, q querier, id int64) (*esop.CaseRecord, *planFacts, error) {
	rows, err := q.QueryContext(ctx, planCaseSelect, id)
	if err != nil {
		return nil, nil, err
	}
	var (
		rec      *esop.CaseRecord
		f        planFacts
		lastTask int64
	)
	for rows.Next() {
		var (
			t      esop.Task
			doneBy string
			userID sql.NullInt64
			name   sql.NullString
		)
		r, err := scanCase(scanFunc(func(caseDest ...any) (err error) {
			_, t, doneBy, err = scanTask(scanFunc(func(taskDest ...any) error {
				return rows.Scan(append(caseDest, taskDest...)...)
			}), &userID, &name)
			return err
		}), &f.calRev, &f.settings)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		if rec == nil {
			rec = r
		}
		addTaskRow(rec, len(rec.Tasks) == 0 || t.ID != lastTask, t, doneBy, userID, name)
		lastTask = t.ID
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if rec != nil {
		return rec, &f, nil
	}
	return loadPlanCaseApart(ctx, q, id)
}

// loadPlanCaseApart is loadPlanCase in two queries: the case, then its
// tasks.
func loadPlanCaseApart(ctx context.Context, q querier, id int64) (*esop.CaseRecord, *planFacts, error) {
	var f planFacts
	rec, err := scanCase(q.QueryRowContext(ctx, `SELECT `+caseColumns+`, (SELECT rev FROM calendar_revision WHERE id = 1),
		(SELECT settings FROM sop_run_settings r WHERE r.sop_id = c.sop_id)`+caseFrom+` WHERE c.id = $1`, id), &f.calRev, &f.settings)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, notFound("Kasus", "Case", id)
	}
	if err != nil {
		return nil, nil, err
	}
	return rec, &f, attachTasks(ctx, q, []*esop.CaseRecord{rec})
}

// processWith is process with the facts read already (nil: read them).
func (db *DB) processWith(ctx context.Context, q querier, c *esop.CaseRecord, day esop.Date, f *planFacts) (*esop.Process, error) {
	doc, err := db.versionDoc(ctx, q, c.VersionID)
	if err != nil {
		return nil, err
	}
	var (
		cal      *esop.Calendar
		settings *esop.RunSettings
	)
	if f == nil {
		if cal, err = db.calendarIn(ctx, q, c.AgencyID); err != nil {
			return nil, err
		}
		if settings, err = runSettingsIn(ctx, q, c.SOPID); err != nil {
			return nil, err
		}
	} else {
		if cal, err = db.calendarAt(ctx, q, c.AgencyID, f.calRev); err != nil {
			return nil, err
		}
		if settings, err = parseRunSettings(c.SOPID, f.settings); err != nil {
			return nil, err
		}
	}
	ext, pos, err := resolveActorsWith(ctx, q, settings, doc, day)
	if err != nil {
		return nil, err
	}
	return &esop.Process{Doc: doc, Calendar: cal, Count: c.Count, External: ext, Positions: pos}, nil
}

// caseEvent is an event to append.
type caseEvent struct {
	kind   string
	taskNo int64
	actor  string
	data   map[string]any
}

func insertEvents(ctx context.Context, q querier, caseID int64, at time.Time, events []caseEvent) error {
	rows, err := eventRows(caseID, at, events)
	if err != nil {
		return err
	}
	return execEventRows(ctx, q, rows)
}

// eventRows returns the rows of events to append, the arguments of
// execEventRows.
func eventRows(caseID int64, at time.Time, events []caseEvent) ([]any, error) {
	args := make([]any, 0, 6*len(events))
	when := formatTime(at)
	for _, e := range events {
		data := ""
		if len(e.data) > 0 {
			b, err := json.Marshal(e.data)
			if err != nil {
				return nil, err
			}
			data = string(b)
		}
		args = append(args, caseID, e.taskNo, e.kind, e.actor, when, data)
	}
	return args, nil
}

// execEventRows appends the rows of eventRows: one statement for all the
// rows (a round trip less per row on PostgreSQL; the texts are few, one
// per number of rows).
func execEventRows(ctx context.Context, q querier, rows []any) error {
	if len(rows) == 0 {
		return nil
	}
	_, err := q.ExecContext(ctx, `INSERT INTO case_events (case_id, task_no, kind, actor, at, data) VALUES `+valueRows(len(rows)/6, 6), rows...)
	return err
}

// valueRows returns the VALUES rows of a multi-row INSERT of n rows of
// cols parameters each: ($1, $2), ($3, $4) ….
func valueRows(n, cols int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(i*cols + j + 1))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// CaseEvents returns the history of a case, oldest first.
func (db *DB) CaseEvents(ctx context.Context, caseID int64) ([]esop.CaseEvent, error) {
	var list []esop.CaseEvent
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE id = $1`, caseID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("Kasus", "Case", caseID)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, kind, task_no, actor, at, data FROM case_events WHERE case_id = $1 ORDER BY id`, caseID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				e        esop.CaseEvent
				at, data string
			)
			if err := rows.Scan(&e.ID, &e.Kind, &e.TaskID, &e.Actor, &at, &data); err != nil {
				return err
			}
			e.At = parseTime(at)
			if data != "" {
				if err := json.Unmarshal([]byte(data), &e.Data); err != nil {
					return err
				}
			}
			list = append(list, e)
		}
		return rows.Err()
	})
	return list, err
}

// openedTask is a task the engine opened, with who does it.
type openedTask struct {
	task   esop.Task
	acting acting
}

// assignNew finds who does each task the engine opened after the first
// `known` tasks of c, on day.
func assignNew(ctx context.Context, q querier, c *esop.Case, known int, day esop.Date) ([]openedTask, error) {
	var out []openedTask
	for _, t := range c.Tasks[known:] {
		a, err := actingFor(ctx, q, t.Position, day)
		if err != nil {
			return nil, err
		}
		out = append(out, openedTask{task: t, acting: a})
	}
	return out, nil
}

// insertTasks writes new tasks and their assignees: one statement for
// the tasks and one for all their assignees.
func insertTasks(ctx context.Context, q querier, rec *esop.CaseRecord, cal *esop.Calendar, opened []openedTask) error {
	tasks, people := taskRows(rec, cal, opened)
	return execTaskRows(ctx, q, tasks, people)
}

// taskColumnsIn is the number of columns insertTasks writes per task.
const taskColumnsIn = 17

// taskRows returns the rows of new tasks and of their assignees, the
// arguments of execTaskRows.
func taskRows(rec *esop.CaseRecord, cal *esop.Calendar, opened []openedTask) (tasks, people []any) {
	if len(opened) == 0 {
		return nil, nil
	}
	tasks = make([]any, 0, taskColumnsIn*len(opened))
	for _, o := range opened {
		t := o.task
		sortDue, noticeAt, noticeKind := noDue, "", ""
		if t.Due != nil {
			sortDue = formatTime(*t.Due)
			noticeAt, noticeKind = formatTime(cal.AtRiskAt(t.OpenedAt, *t.Due, rec.Count)), esop.NoticeAtRisk
		}
		tasks = append(tasks, rec.ID, t.ID, t.Step, t.Activity, t.Actor, t.Position, boolInt(t.External), t.RecordedBy, rec.UnitID,
			formatTime(t.OpenedAt), storeTime(t.Due), sortDue, t.State, boolInt(o.acting.Delegated), o.acting.key(), noticeAt, noticeKind)
		for _, u := range o.acting.Users {
			people = append(people, rec.ID, t.ID, u, sortDue)
		}
	}
	return tasks, people
}

// execTaskRows writes the rows of taskRows.
func execTaskRows(ctx context.Context, q querier, tasks, people []any) error {
	if len(tasks) == 0 {
		return nil
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO case_tasks (case_id, task_no, step, activity, actor, position, external, recorded_by,
		unit_id, opened_at, due, sort_due, state, delegated, assignee_key, notice_at, notice_kind) VALUES `+valueRows(len(tasks)/taskColumnsIn, taskColumnsIn), tasks...); err != nil {
		return err
	}
	return insertAssigneeRows(ctx, q, people)
}

func insertAssignees(ctx context.Context, q querier, caseID, taskNo int64, sortDue string, users []int64) error {
	rows := make([]any, 0, 4*len(users))
	for _, u := range users {
		rows = append(rows, caseID, taskNo, u, sortDue)
	}
	return insertAssigneeRows(ctx, q, rows)
}

// insertAssigneeRows writes open assignees, given as (case, task, user,
// sort due) after one another, in one statement.
func insertAssigneeRows(ctx context.Context, q querier, rows []any) error {
	if len(rows) == 0 {
		return nil
	}
	n := len(rows) / 4
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "($%d, $%d, $%d, 1, $%d)", 4*i+1, 4*i+2, 4*i+3, 4*i+4)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO case_task_assignees (case_id, task_no, user_id, open, sort_due) VALUES `+b.String(), rows...)
	return err
}

// openEvents are the events of tasks opening: opened, and delegated
// when the task goes to someone acting for an absent holder.
func openEvents(opened []openedTask) []caseEvent {
	var out []caseEvent
	for _, o := range opened {
		data := map[string]any{"assignees": names(o.acting), "step": o.task.Step}
		if o.task.External {
			data["external"] = true
		}
		out = append(out, caseEvent{kind: esop.EventOpened, taskNo: o.task.ID, data: data})
		if o.acting.Delegated {
			out = append(out, caseEvent{kind: esop.EventDelegated, taskNo: o.task.ID, data: map[string]any{"assignees": names(o.acting)}})
		}
	}
	return out
}

func names(a acting) []string {
	out := make([]string, 0, len(a.Users))
	for _, id := range a.Users {
		out = append(out, a.Names[id])
	}
	return out
}

// applyOpened puts the assignees of the opened tasks into the record.
func applyOpened(rec *esop.CaseRecord, opened []openedTask) {
	for _, o := range opened {
		if k := taskIndex(rec.Case, o.task.ID); k >= 0 {
			rec.Tasks[k].Assignees = slices.Clone(o.acting.Users)
			rec.Tasks[k].Delegated = o.acting.Delegated
		}
		maps.Copy(rec.People, o.acting.Names)
	}
}

// StartCase starts a case.
func (db *DB) StartCase(ctx context.Context, in esop.NewCase) (*esop.CaseRecord, error) {
	if in.By == nil {
		return nil, esop.Errorf(esop.EUNAUTHORIZED, "Masuk terlebih dahulu.", "Sign in first.")
	}
	if err := db.seedHolidays(ctx); err != nil {
		return nil, err
	}
	now := db.now()
	received, err := checkReceipt(in.ReceivedAt, now)
	if err != nil {
		return nil, err
	}
	in.Applicant.Name, in.Applicant.Contact = strings.TrimSpace(in.Applicant.Name), strings.TrimSpace(in.Applicant.Contact)
	if ps := in.Applicant.Validate().Prefixed("applicant"); ps.HasErrors() {
		e := esop.Errorf(esop.EINVALID, "Data pemohon tidak sah.", "The applicant's data are not valid.")
		e.Problems = ps
		return nil, e
	}
	db.warm(ctx, db.db)
	for range 3 {
		var rec *esop.CaseRecord
		err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
			rec, err = db.startCase(ctx, db.prepare(tx, db.db), in, received, now)
			return err
		})
		if !errors.Is(err, errCodeTaken) {
			return rec, err
		}
	}
	return nil, esop.Errorf(esop.EINTERNAL, "Kode pelacakan tidak dapat dibuat; coba lagi.", "No tracking code could be drawn; try again.")
}

// errCodeTaken says a drawn tracking code was in use: draw again.
var errCodeTaken = errors.New("tracking code taken")

// maxReceiptSkew is how far ahead of the server's clock a receipt may
// be (a client's clock running fast); it is then taken as now.
const maxReceiptSkew = time.Minute

func checkReceipt(at, now time.Time) (time.Time, error) {
	switch {
	case at.IsZero():
		return now, nil
	case at.After(now.Add(maxReceiptSkew)):
		e := esop.Errorf(esop.EINVALID, "Waktu penerimaan tidak boleh di masa depan.", "The time of receipt cannot be in the future.")
		e.Problems = esop.Problems{{Path: "receivedAt", Severity: esop.SeverityError, Code: "future",
			Message: esop.Text{ID: "waktu penerimaan " + at.UTC().Format(time.RFC3339) + " belum terjadi",
				EN: "the time of receipt " + at.UTC().Format(time.RFC3339) + " has not come yet"}}}
		return time.Time{}, e
	case at.After(now):
		return now, nil
	}
	return at.UTC().Round(time.Microsecond), nil
}

func (db *DB) startCase(ctx context.Context, tx querier, in esop.NewCase, received, now time.Time) (*esop.CaseRecord, error) {
	sop, err := sopRow(ctx, tx, in.SOPID)
	if err != nil {
		return nil, err
	}
	day := esop.Today(received)
	var versionID int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM sop_versions WHERE sop_id = $1 AND status IN ('approved', 'superseded')
		AND effective <> '' AND effective <= $2 ORDER BY effective DESC, seq DESC LIMIT 1`, sop.ID, day.String()).Scan(&versionID)
	if errors.Is(err, sql.ErrNoRows) {
		e := esop.Errorf(esop.EINVALID, "SOP %q tidak berlaku pada %s: kasus hanya dapat dijalankan dengan SOP yang berlaku.",
			"SOP %q is not in force on %s: cases run only SOPs in force.", sop.Title, day.Indonesian())
		e.Problems = esop.Problems{{Path: "sop", Severity: esop.SeverityError, Code: "not_in_force", Message: e.Message}}
		return nil, e
	}
	if err != nil {
		return nil, err
	}
	units, err := allUnits(ctx, tx)
	if err != nil {
		return nil, err
	}
	unitID, ancestors := esop.UnitScope(units, sop.Unit, db.today())
	rec := &esop.CaseRecord{SOPTitle: sop.Title, SOPNumber: sop.Number, UnitID: unitID, AgencyID: agencyOf(units, unitID, ancestors),
		Applicant: in.Applicant, StartedBy: in.By.Username, People: map[int64]string{}}
	rec.Case = &esop.Case{SOPID: sop.ID, VersionID: versionID}
	settings, err := runSettingsIn(ctx, tx, sop.ID)
	if err != nil {
		return nil, err
	}
	rec.Count = settings.CountOrDefault()
	p, err := db.process(ctx, tx, rec, db.today())
	if err != nil {
		return nil, err
	}
	if err := checkPositions(ctx, tx, p, db.today()); err != nil {
		return nil, err
	}
	c, err := p.Start(received)
	if err != nil {
		return nil, err
	}
	c.SOPID, c.VersionID, c.Code = sop.ID, versionID, esop.NewTrackingCode()
	rec.Case, rec.Rev = c, 1
	err = tx.QueryRowContext(ctx, `INSERT INTO cases (code, sop_id, version_id, unit_id, agency_id, day_count, applicant_name,
		applicant_contact, received_at, due, state, started_by, created_at, rev)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1) RETURNING id`,
		c.Code, c.SOPID, c.VersionID, rec.UnitID, rec.AgencyID, c.Count, in.Applicant.Name, in.Applicant.Contact,
		formatTime(c.ReceivedAt), storeTime(c.Due), c.State, in.By.ID, formatTime(now)).Scan(&c.ID)
	if db.dialect.IsUnique(err) {
		return nil, errCodeTaken
	}
	if err != nil {
		return nil, err
	}
	opened, err := assignNew(ctx, tx, c, 0, db.today())
	if err != nil {
		return nil, err
	}
	if err := insertTasks(ctx, tx, rec, p.Calendar, opened); err != nil {
		return nil, err
	}
	applyOpened(rec, opened)
	rec.People[in.By.ID], rec.Calendar = in.By.Username, p.Calendar
	if err := recordStart(ctx, tx, rec, p.Calendar); err != nil { // stats.go
		return nil, err
	}
	events := append([]caseEvent{{kind: esop.EventStarted, actor: in.By.Username,
		data: map[string]any{"version": versionID, "receivedAt": formatTime(c.ReceivedAt)}}}, openEvents(opened)...)
	return rec, insertEvents(ctx, tx, c.ID, now, events)
}

func allUnits(ctx context.Context, q querier) ([]*esop.Unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, key, parent_id, kind, name, valid_from, valid_to FROM units ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*esop.Unit
	for rows.Next() {
		var (
			u        esop.Unit
			parent   sql.NullInt64
			from, to string
		)
		if err := rows.Scan(&u.ID, &u.Key, &parent, &u.Kind, &u.Name, &from, &to); err != nil {
			return nil, err
		}
		u.ParentID, u.ValidFrom, u.ValidTo = parent.Int64, parseDate(from), parseDate(to)
		list = append(list, &u)
	}
	return list, rows.Err()
}

// agencyOf returns the perangkat daerah among a unit and its ancestors
// (nearest first), else the unit itself.
func agencyOf(units []*esop.Unit, unitID int64, ancestors []int64) int64 {
	kind := map[int64]string{}
	for _, u := range units {
		kind[u.ID] = u.Kind
	}
	for _, id := range append([]int64{unitID}, ancestors...) {
		if kind[id] == esop.UnitPerangkatDaerah {
			return id
		}
	}
	return unitID
}

// checkPositions refuses to run an SOP whose internal actors with steps
// are not all mapped to a position that exists on day: their tasks
// would have nobody to do them.
func checkPositions(ctx context.Context, q querier, p *esop.Process, day esop.Date) error {
	var ps esop.Problems
	internal := 0
	for _, a := range p.Doc.Actors {
		if p.External[a.ID] || !slices.ContainsFunc(p.Doc.Steps, func(s esop.Step) bool { return s.Actor == a.ID }) {
			continue
		}
		internal++
		key := p.Positions[a.ID]
		if key == "" {
			ps = append(ps, esop.Problem{Path: "actors." + a.ID, Severity: esop.SeverityError, Code: "no_position", Message: esop.Text{
				ID: fmt.Sprintf("pelaksana %q belum dipetakan ke jabatan: atur jabatannya pada pengaturan pelaksanaan SOP", a.Name),
				EN: fmt.Sprintf("actor %q is not mapped to a position: set its position in the SOP's run settings", a.Name)}})
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM positions WHERE key = $1
			AND (valid_from = '' OR valid_from <= $2) AND (valid_to = '' OR valid_to >= $2)`, key, day.String()).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			ps = append(ps, esop.Problem{Path: "actors." + a.ID, Severity: esop.SeverityError, Code: "unknown_position", Message: esop.Text{
				ID: fmt.Sprintf("jabatan %q dari pelaksana %q tidak ada atau tidak berlaku lagi", key, a.Name),
				EN: fmt.Sprintf("position %q of actor %q does not exist or is no longer valid", key, a.Name)}})
		}
	}
	if internal == 0 {
		ps = append(ps, esop.Problem{Path: "actors", Severity: esop.SeverityError, Code: "no_internal_actor", Message: esop.Text{
			ID: "SOP ini tidak mempunyai pelaksana dari dalam kantor", EN: "the SOP has no actor inside the office"}})
	}
	if len(ps) == 0 {
		return nil
	}
	e := esop.Errorf(esop.EINVALID, "SOP ini belum dapat dijalankan: pelaksananya belum dipetakan ke jabatan.",
		"This SOP cannot be run yet: its actors are not mapped to positions.")
	e.Problems = ps
	return e
}

// completion is a planned completion: the case as read, the engine's
// result, and who does the tasks it opens.
type completion struct {
	before *esop.CaseRecord
	after  *esop.Case
	cal    *esop.Calendar
	opened []openedTask
	task   esop.Task
	w      *completionWrites // made once (writes)
}

// completionWrites is what a planned completion writes, made from the
// plan alone: for a plan of the snapshot before the write transaction,
// so that the writer (one at a time on SQLite) spends its time on the
// statements only, not on encoding the history's JSON, the tasks' dues
// and notices or the statistics.
type completionWrites struct {
	rec                   *esop.CaseRecord // the case after the completion, as answered
	checklist             string
	tasks, people, events []any // the rows of execTaskRows and execEventRows
	tk                    taskKey
	ts                    *taskSums
	ck                    caseKey
	cs                    *caseSums // nil unless the completion ends the case
}

// writes returns what the completion planned writes when it is made by by
// at now (the same for every run of one call: a plan is one call's).
func (p *completion) writes(by *esop.User, now time.Time) (*completionWrites, error) {
	if p.w != nil {
		return p.w, nil
	}
	t, c := p.task, p.after
	w := &completionWrites{}
	if len(t.Checklist) > 0 {
		b, err := json.Marshal(t.Checklist)
		if err != nil {
			return nil, err
		}
		w.checklist = string(b)
	}
	rec := *p.before
	rec.Case, rec.People, rec.Rev = c, maps.Clone(p.before.People), p.before.Rev+1
	w.tasks, w.people = taskRows(&rec, p.cal, p.opened)
	applyOpened(&rec, p.opened)
	rec.People[by.ID], rec.Calendar = by.Username, p.cal
	data := map[string]any{}
	if t.Decision != "" {
		data["decision"] = t.Decision
	}
	if t.Output != "" {
		data["output"] = t.Output
	}
	events := append([]caseEvent{{kind: esop.EventCompleted, taskNo: t.ID, actor: by.Username, data: data}}, openEvents(p.opened)...)
	if c.State == esop.CaseDone {
		events = append(events, caseEvent{kind: esop.EventDone, actor: by.Username})
	}
	var err error
	if w.events, err = eventRows(c.ID, now, events); err != nil {
		return nil, err
	}
	w.tk, w.ts, w.ck, w.cs = completionStat(&rec, &t, by, p.cal) // stats.go
	w.rec = &rec
	p.w = w
	return w, nil
}

// planCompletion runs the engine for a completion on the state q sees.
func (db *DB) planCompletion(ctx context.Context, q querier, caseID, taskID int64, in esop.Completion, by *esop.User, now time.Time) (*completion, error) {
	rec, facts, err := loadPlanCase(ctx, q, caseID)
	if err != nil {
		return nil, err
	}
	k := taskIndex(rec.Case, taskID)
	if k < 0 {
		return nil, esop.Errorf(esop.ENOTFOUND, "tugas %d tidak ada pada kasus ini", "there is no task %d in this case", taskID)
	}
	if !slices.Contains(rec.Tasks[k].Assignees, by.ID) {
		return nil, esop.Errorf(esop.EFORBIDDEN, "Tugas ini bukan tugas Anda.", "This task is not assigned to you.")
	}
	p, err := db.processWith(ctx, q, rec, db.today(), facts)
	if err != nil {
		return nil, err
	}
	after, err := p.Complete(rec.Case, taskID, in, by.ID, now)
	if err != nil {
		return nil, err
	}
	opened, err := assignNew(ctx, q, after, len(rec.Tasks), db.today())
	if err != nil {
		return nil, err
	}
	return &completion{before: rec, after: after, cal: p.Calendar, opened: opened, task: after.Tasks[k]}, nil
}

// lockCase locks a case's row until the transaction ends and returns its
// revision.
func (db *DB) lockCase(ctx context.Context, tx querier, caseID int64) (int64, error) {
	q := `SELECT rev FROM cases WHERE id = $1`
	if db.dialect.Name() != "sqlite" { // SQLite's writer holds the whole database already
		q += ` FOR UPDATE`
	}
	var rev int64
	err := tx.QueryRowContext(ctx, q, caseID).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("Kasus", "Case", caseID)
	}
	return rev, err
}

// CompleteTask completes a task; see esop.CaseService.
func (db *DB) CompleteTask(ctx context.Context, caseID, taskID int64, in esop.Completion, by *esop.User) (*esop.CaseRecord, error) {
	if by == nil {
		return nil, esop.Errorf(esop.EUNAUTHORIZED, "Masuk terlebih dahulu.", "Sign in first.")
	}
	if err := db.seedHolidays(ctx); err != nil {
		return nil, err
	}
	db.warm(ctx, db.read)
	db.warm(ctx, db.db)
	now := db.now()
	var plan *completion
	err := db.snapshot(ctx, func(q querier) (err error) {
		plan, err = db.planCompletion(ctx, q, caseID, taskID, in, by, now)
		return err
	})
	switch esop.ErrorCode(err) {
	case "":
		// What it writes is made now, outside the writer.
		if _, err := plan.writes(by, now); err != nil {
			return nil, err
		}
	case esop.EFORBIDDEN, esop.EINTERNAL:
		plan = nil // the snapshot may be behind (a task just given to this user): decide under the lock
	default:
		return nil, err // a task done stays done; a bad completion stays bad
	}
	var (
		rec *esop.CaseRecord
		set *setCompletion
	)
	if plan != nil {
		set = &setCompletion{plan: plan, by: by, now: now} // written with others' on PostgreSQL (caseset.go)
	}
	// Completions arriving together commit together (group.go), their
	// statistics summed at the commit (statbatch.go). The function may
	// run twice, in a batch rolled back and again (group.go): it starts
	// from the plan of the snapshot each time, never from one made in a
	// run rolled back (made on writes that were undone, at a revision
	// that another write may reach with other changes): plan is only
	// read in it.
	err = db.groupTxSet(ctx, caseID, set, func(raw *sql.Tx) (err error) {
		// A client that leaves must not interrupt a statement of a
		// transaction that other completions share (SQLite rolls the
		// whole transaction back when a write is interrupted).
		ctx := context.WithoutCancel(ctx)
		rec = nil
		tx := db.deferStats(db.prepare(raw, db.db), raw)
		if plan != nil {
			// The plan holds when the case is still at the revision it
			// was planned on: the first write checks it (and on
			// PostgreSQL locks the case's row), before anything changes.
			if rec, err = db.applyCompletion(ctx, tx, plan, by, now); !errors.Is(err, errStale) {
				return err
			}
		}
		// The case changed since (or the snapshot could not decide):
		// plan again on the case locked.
		if _, err := db.lockCase(ctx, tx, caseID); err != nil {
			return err
		}
		locked, err := db.planCompletion(ctx, tx, caseID, taskID, in, by, now)
		if err != nil {
			return err
		}
		rec, err = db.applyCompletion(ctx, tx, locked, by, now)
		if errors.Is(err, errStale) { // the case is locked: it cannot have changed
			err = esop.Errorf(esop.EINTERNAL, "kasus %d berubah di tengah penyelesaian", "case %d changed during the completion", caseID)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if set != nil && set.applied {
		return plan.w.rec, nil // the batch wrote it with others' (caseset.go)
	}
	return rec, nil
}

// errStale says that a case is no longer at the revision a completion
// was planned on; nothing was written.
var errStale = errors.New("case changed since the plan")

// applyCompletion writes a planned completion: the case first, on the
// condition that it is still at the planned revision (errStale, nothing
// written, when not), then the task done, the tasks opened with their
// assignees, the history and the statistics, each kind of row in one
// statement.
func (db *DB) applyCompletion(ctx context.Context, tx querier, p *completion, by *esop.User, now time.Time) (*esop.CaseRecord, error) {
	w, err := p.writes(by, now)
	if err != nil {
		return nil, err
	}
	if err := db.closeTask(ctx, tx, p, by, w.checklist); err != nil {
		return nil, err
	}
	// The new rows (tasks, their assignees, the history) in one statement
	// on PostgreSQL (combine.go).
	cw := db.combineWrites(tx)
	if err := execTaskRows(ctx, cw, w.tasks, w.people); err != nil {
		return nil, err
	}
	if c := p.after; c.State == esop.CaseDone {
		if err := db.emitWebhook(ctx, tx, esop.EventCaseFinished, caseFinished(c, now)); err != nil {
			return nil, err
		}
	}
	if err := execEventRows(ctx, cw, w.events); err != nil {
		return nil, err
	}
	if err := flushWrites(ctx, cw); err != nil {
		return nil, err
	}
	// Added at the commit of the batch, summed (statbatch.go): the
	// aggregates' row of a step is the one every completion of that
	// step in the month updates.
	if err := recordCompletion(ctx, tx, w.tk, w.ts, w.ck, w.cs); err != nil { // stats.go
		return nil, err
	}
	return w.rec, nil
}

// closeTask writes the first part of a completion: the case at its next
// revision, on the condition that it is still at the planned one
// (errStale, nothing written, when not), and the task done with its
// assignees' inbox rows closed, on the condition that it is still open
// (a conflict when not). SQLite runs three statements; PostgreSQL one,
// whose parts each run only when the one before wrote its row (one round
// trip instead of three; the parts of one statement see one snapshot,
// and an UPDATE re-checks its condition on a row changed since, as the
// separate statements did).
func (db *DB) closeTask(ctx context.Context, tx querier, p *completion, by *esop.User, checklist string) error {
	t, c := p.task, p.after
	done := func() error {
		return esop.Errorf(esop.ECONFLICT, "tugas %q sudah diselesaikan", "the task %q is already completed", t.Activity)
	}
	if db.dialect.Name() == "postgres" {
		var cases, tasks int
		if err := tx.QueryRowContext(ctx, `WITH c AS (
				UPDATE cases SET rev = rev + 1, state = $1, closed_at = $2, closed_by = $3 WHERE id = $4 AND rev = $5 RETURNING id),
			t AS (
				UPDATE case_tasks SET state = $6, completed_by = $7, completed_at = $8, decision = $9, checklist = $10,
					output = $11, note = $12, notice_at = '', notice_kind = ''
				WHERE case_id = $4 AND task_no = $13 AND state = 'open' AND EXISTS (SELECT 1 FROM c) RETURNING task_no),
			a AS (
				UPDATE case_task_assignees SET open = 0 WHERE case_id = $4 AND task_no = $13 AND EXISTS (SELECT 1 FROM t))
			SELECT (SELECT count(*) FROM c), (SELECT count(*) FROM t)`,
			c.State, storeTime(c.ClosedAt), nullInt64(c.ClosedBy), c.ID, p.before.Rev,
			t.State, by.ID, storeTime(t.CompletedAt), t.Decision, checklist, t.Output, t.Note, t.ID).Scan(&cases, &tasks); err != nil {
			return err
		}
		switch {
		case cases != 1:
			return errStale
		case tasks != 1:
			return done() // the case's row is written: the caller's transaction or savepoint is rolled back
		}
		return nil
	}
	// A case that stays open changes only its revision: its state is not
	// written again, so that SQLite leaves the index by state untouched
	// (an UPDATE rewrites the entries of every index on a column it sets).
	var (
		res sql.Result
		err error
	)
	if c.State == p.before.State {
		res, err = tx.ExecContext(ctx, `UPDATE cases SET rev = rev + 1 WHERE id = $1 AND rev = $2`, c.ID, p.before.Rev)
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE cases SET rev = rev + 1, state = $1, closed_at = $2, closed_by = $3 WHERE id = $4 AND rev = $5`,
			c.State, storeTime(c.ClosedAt), nullInt64(c.ClosedBy), c.ID, p.before.Rev)
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return firstError(err, errStale)
	}
	res, err = tx.ExecContext(ctx, `UPDATE case_tasks SET state = $1, completed_by = $2, completed_at = $3, decision = $4, checklist = $5,
		output = $6, note = $7, notice_at = '', notice_kind = '' WHERE case_id = $8 AND task_no = $9 AND state = 'open'`,
		t.State, by.ID, storeTime(t.CompletedAt), t.Decision, checklist, t.Output, t.Note, c.ID, t.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return firstError(err, done())
	}
	_, err = tx.ExecContext(ctx, `UPDATE case_task_assignees SET open = 0 WHERE case_id = $1 AND task_no = $2`, c.ID, t.ID)
	return err
}

// CancelCase cancels an open case.
func (db *DB) CancelCase(ctx context.Context, caseID int64, reason string, by *esop.User) (*esop.CaseRecord, error) {
	if by == nil {
		return nil, esop.Errorf(esop.EUNAUTHORIZED, "Masuk terlebih dahulu.", "Sign in first.")
	}
	now := db.now()
	var rec *esop.CaseRecord
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := db.lockCase(ctx, tx, caseID); err != nil {
			return err
		}
		before, err := loadCase(ctx, tx, caseID)
		if err != nil {
			return err
		}
		p := &esop.Process{} // Cancel needs no document or calendar
		c, err := p.Cancel(before.Case, reason, by.ID, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE case_tasks SET state = 'cancelled', notice_at = '', notice_kind = ''
			WHERE case_id = $1 AND state = 'open'`, caseID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE case_task_assignees SET open = 0 WHERE case_id = $1 AND open = 1`, caseID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET rev = rev + 1, state = $1, closed_at = $2, closed_by = $3, reason = $4 WHERE id = $5`,
			c.State, storeTime(c.ClosedAt), by.ID, c.Reason, caseID); err != nil {
			return err
		}
		r := *before
		r.Case, r.Rev, r.People = c, before.Rev+1, maps.Clone(before.People)
		r.People[by.ID] = by.Username
		rec = &r
		if err := db.recordCancel(ctx, tx, rec); err != nil { // stats.go
			return err
		}
		return insertEvents(ctx, tx, caseID, now, []caseEvent{{kind: esop.EventCancelled, actor: by.Username, data: map[string]any{"reason": c.Reason}}})
	})
	return rec, err
}

// encodeCursor and decodeCursor make the keys of the last item of a page
// into an opaque token and back.
func encodeCursor(parts ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join(parts, "|")))
}

func decodeCursor(cursor string, n int) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	parts := strings.Split(string(b), "|")
	if err != nil || len(parts) != n {
		return nil, badCursor()
	}
	return parts, nil
}

func badCursor() error {
	e := esop.Errorf(esop.EINVALID, "Penanda halaman (cursor) tidak sah.", "The page cursor is not valid.")
	e.Problems = esop.Problems{{Path: "cursor", Severity: esop.SeverityError, Code: "cursor", Message: e.Message}}
	return e
}

// cursorInts reads the whole numbers of a cursor's parts.
func cursorInts(parts ...string) ([]int64, error) {
	out := make([]int64, len(parts))
	for i, p := range parts {
		v, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return nil, badCursor()
		}
		out[i] = v
	}
	return out, nil
}

func pageSize(n int) int {
	switch {
	case n <= 0:
		return defaultPage
	case n > maxPage:
		return maxPage
	}
	return n
}

// FindCases returns a page of cases, newest first.
func (db *DB) FindCases(ctx context.Context, f esop.CaseFilter) (*esop.CasePage, error) {
	conds, args := []string{"1 = 1"}, []any{}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	if f.SOPID != 0 {
		conds = append(conds, "c.sop_id = "+arg(f.SOPID))
	}
	if f.State != "" {
		conds = append(conds, "c.state = "+arg(f.State))
	}
	if f.UnitID != 0 {
		conds = append(conds, "c.unit_id = "+arg(f.UnitID))
	}
	if f.Units != nil {
		if len(f.Units) == 0 {
			conds = append(conds, "1 = 0")
		} else {
			conds = append(conds, "c.unit_id IN ("+idList(f.Units)+")")
		}
	}
	where := strings.Join(conds, " AND ")
	pageWhere, pageArgs := where, slices.Clone(args)
	if f.Cursor != "" {
		parts, err := decodeCursor(f.Cursor, 1)
		if err != nil {
			return nil, err
		}
		last, err := cursorInts(parts...)
		if err != nil {
			return nil, err
		}
		pageArgs = append(pageArgs, last[0])
		pageWhere += " AND c.id < $" + strconv.Itoa(len(pageArgs))
	}
	n := pageSize(f.Limit)
	page := &esop.CasePage{Items: []*esop.CaseRecord{}}
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cases c WHERE `+where, args...).Scan(&page.Total); err != nil {
			return err
		}
		list, err := loadCases(ctx, tx, pageWhere+fmt.Sprintf(` ORDER BY c.id DESC LIMIT %d`, n+1), pageArgs...)
		if err != nil {
			return err
		}
		if len(list) > n {
			list = list[:n]
			page.Next = encodeCursor(strconv.FormatInt(list[n-1].ID, 10))
		}
		page.Items = append(page.Items, list...)
		return nil
	})
	return page, err
}

const taskItemSelect = `SELECT ` + taskColumns + `, c.code, c.sop_id, s.title, c.received_at, c.day_count, c.agency_id, t.sort_due
	FROM case_tasks t JOIN cases c ON c.id = t.case_id JOIN sops s ON s.id = c.sop_id LEFT JOIN users tu ON tu.id = t.completed_by`

// FindTasks returns a page of open tasks by due date: an assignee's
// (through the inbox index of case_task_assignees) or those of a unit's
// cases.
func (db *DB) FindTasks(ctx context.Context, f esop.TaskFilter) (*esop.TaskPage, error) {
	var (
		count, q string
		args     []any
	)
	switch {
	case f.AssigneeID != 0:
		count = `SELECT count(*) FROM case_task_assignees a WHERE a.user_id = $1 AND a.open = 1`
		q = `SELECT ` + taskColumns + `, c.code, c.sop_id, s.title, c.received_at, c.day_count, c.agency_id, a.sort_due
			FROM case_task_assignees a JOIN case_tasks t ON t.case_id = a.case_id AND t.task_no = a.task_no
			JOIN cases c ON c.id = t.case_id JOIN sops s ON s.id = c.sop_id LEFT JOIN users tu ON tu.id = t.completed_by
			WHERE a.user_id = $1 AND a.open = 1`
		args = []any{f.AssigneeID}
		if f.Cursor != "" {
			q += ` AND (a.sort_due, a.case_id, a.task_no) > ($2, $3, $4)`
		}
		q += ` ORDER BY a.sort_due, a.case_id, a.task_no`
	case f.UnitID != 0:
		count = `SELECT count(*) FROM case_tasks t WHERE t.unit_id = $1 AND t.state = 'open'`
		q = taskItemSelect + ` WHERE t.unit_id = $1 AND t.state = 'open'`
		args = []any{f.UnitID}
		if f.Cursor != "" {
			q += ` AND (t.sort_due, t.case_id, t.task_no) > ($2, $3, $4)`
		}
		q += ` ORDER BY t.sort_due, t.case_id, t.task_no`
	default:
		return nil, esop.Errorf(esop.EINVALID, "Pilih penerima tugas atau unit.", "Choose an assignee or a unit.")
	}
	pageArgs := slices.Clone(args)
	if f.Cursor != "" {
		parts, err := decodeCursor(f.Cursor, 3)
		if err != nil {
			return nil, err
		}
		keys, err := cursorInts(parts[1:]...)
		if err != nil {
			return nil, err
		}
		pageArgs = append(pageArgs, parts[0], keys[0], keys[1])
	}
	n := pageSize(f.Limit)
	q += fmt.Sprintf(` LIMIT %d`, n+1)
	page := &esop.TaskPage{Items: []*esop.TaskItem{}, People: map[int64]string{}}
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, count, args...).Scan(&page.Total); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, q, pageArgs...)
		if err != nil {
			return err
		}
		var sortKeys []string
		for rows.Next() {
			var (
				it       esop.TaskItem
				received string
				sortDue  string
			)
			caseID, t, _, err := scanTask(rows, &it.Code, &it.SOPID, &it.SOPTitle, &received, &it.Count, &it.AgencyID, &sortDue)
			if err != nil {
				rows.Close()
				return err
			}
			it.Task, it.CaseID, it.ReceivedAt = t, caseID, parseTime(received)
			page.Items = append(page.Items, &it)
			sortKeys = append(sortKeys, sortDue)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(page.Items) > n {
			page.Items = page.Items[:n]
			last := page.Items[n-1]
			page.Next = encodeCursor(sortKeys[n-1], strconv.FormatInt(last.CaseID, 10), strconv.FormatInt(last.ID, 10))
		}
		return attachItemAssignees(ctx, tx, page)
	})
	return page, err
}

// attachItemAssignees loads the assignees of the open tasks of a page.
func attachItemAssignees(ctx context.Context, q querier, page *esop.TaskPage) error {
	if len(page.Items) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(page.Items))
	byKey := map[[2]int64]*esop.TaskItem{}
	for _, it := range page.Items {
		ids = append(ids, it.CaseID)
		byKey[[2]int64{it.CaseID, it.ID}] = it
	}
	rows, err := q.QueryContext(ctx, `SELECT a.case_id, a.task_no, a.user_id, u.username FROM case_task_assignees a
		JOIN users u ON u.id = a.user_id WHERE a.case_id IN (`+idList(ids)+`) AND a.open = 1 ORDER BY a.case_id, a.task_no, a.user_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			caseID, taskNo, userID int64
			name                   string
		)
		if err := rows.Scan(&caseID, &taskNo, &userID, &name); err != nil {
			return err
		}
		if it := byKey[[2]int64{caseID, taskNo}]; it != nil {
			it.Assignees = append(it.Assignees, userID)
			page.People[userID] = name
		}
	}
	return rows.Err()
}

// ReassignOpenTasks gives every open task to whoever acts for its
// position on day.
func (db *DB) ReassignOpenTasks(ctx context.Context, day esop.Date) (int, error) {
	var n int
	err := db.inTxRetry(ctx, func(tx *sql.Tx) (err error) {
		n, err = db.reassign(ctx, tx, day)
		return err
	})
	return n, err
}

// moved is an open task whose assignees change.
type moved struct {
	caseID, taskNo int64
	sortDue        string
	wasDelegated   bool
}

// reassign moves the open tasks whose assignees differ from who acts for
// their position on day, position by position, and records each move.
func (db *DB) reassign(ctx context.Context, tx *sql.Tx, day esop.Date) (int, error) {
	// Positions in order, and each position's cases in order, so that two
	// reassignments at once lock cases in the same order.
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT position FROM case_tasks WHERE state = 'open' ORDER BY position`)
	if err != nil {
		return 0, err
	}
	var positions []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return 0, err
		}
		positions = append(positions, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	total, now := 0, db.now()
	for _, pos := range positions {
		a, err := actingFor(ctx, tx, pos, day)
		if err != nil {
			return total, err
		}
		list, err := tasksToMove(ctx, tx, pos, a.key())
		if err != nil {
			return total, err
		}
		for _, m := range list {
			ok, err := db.moveTask(ctx, tx, m, a, now)
			if err != nil {
				return total, err
			}
			if ok {
				total++
			}
		}
	}
	return total, nil
}

func tasksToMove(ctx context.Context, q querier, position, key string) ([]moved, error) {
	rows, err := q.QueryContext(ctx, `SELECT case_id, task_no, sort_due, delegated FROM case_tasks
		WHERE state = 'open' AND position = $1 AND assignee_key <> $2 ORDER BY case_id, task_no`, position, key)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []moved
	for rows.Next() {
		var (
			m         moved
			delegated int
		)
		if err := rows.Scan(&m.caseID, &m.taskNo, &m.sortDue, &delegated); err != nil {
			return nil, err
		}
		m.wasDelegated = delegated != 0
		list = append(list, m)
	}
	return list, rows.Err()
}

// moveTask gives an open task to the users of a, under the lock of its
// case; it reports false, changing nothing, when the task was completed
// or cancelled since it was listed.
func (db *DB) moveTask(ctx context.Context, tx *sql.Tx, m moved, a acting, now time.Time) (bool, error) {
	if _, err := db.lockCase(ctx, tx, m.caseID); err != nil {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE case_tasks SET delegated = $1, assignee_key = $2 WHERE case_id = $3 AND task_no = $4 AND state = 'open'`,
		boolInt(a.Delegated), a.key(), m.caseID, m.taskNo)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM case_task_assignees WHERE case_id = $1 AND task_no = $2`, m.caseID, m.taskNo); err != nil {
		return false, err
	}
	if err := insertAssignees(ctx, tx, m.caseID, m.taskNo, m.sortDue, a.Users); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cases SET rev = rev + 1 WHERE id = $1`, m.caseID); err != nil {
		return false, err
	}
	kind := esop.EventReassigned
	switch {
	case a.Delegated:
		kind = esop.EventDelegated
	case m.wasDelegated:
		kind = esop.EventReturned
	}
	return true, insertEvents(ctx, tx, m.caseID, now, []caseEvent{{kind: kind, taskNo: m.taskNo, data: map[string]any{"assignees": names(a)}}})
}

// TasksNeedingNotice returns the open tasks whose SLA notice is due.
func (db *DB) TasksNeedingNotice(ctx context.Context, now time.Time, limit int) ([]*esop.TaskNotice, error) {
	var list []*esop.TaskNotice
	at := formatTime(now)
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT t.case_id, t.task_no, t.notice_kind, t.due, t.activity, c.code, s.title
			FROM case_tasks t JOIN cases c ON c.id = t.case_id JOIN sops s ON s.id = c.sop_id
			WHERE t.state = 'open' AND t.notice_at <> '' AND t.notice_at <= $1 ORDER BY t.notice_at, t.case_id, t.task_no LIMIT $2`,
			at, pageSize(limit))
		if err != nil {
			return err
		}
		for rows.Next() {
			var (
				n   esop.TaskNotice
				due string
			)
			if err := rows.Scan(&n.CaseID, &n.TaskID, &n.Kind, &due, &n.Activity, &n.Code, &n.SOPTitle); err != nil {
				rows.Close()
				return err
			}
			n.Due = parseTime(due)
			if due <= at {
				n.Kind = esop.NoticeBreached // past due already: the at-risk notice is moot
			}
			list = append(list, &n)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(list) == 0 {
			return err
		}
		if err := attachRecipients(ctx, tx, list); err != nil {
			return err
		}
		return attachHeads(ctx, tx, list, esop.Today(now))
	})
	return list, err
}

// attachHeads adds to each notice the head of the case's unit as it
// stands on day (the definitif head, or the Plt/Plh acting for an absent
// or vacant one, else the head of the unit above), so that the unit's
// head is told of late work as well as its assignees.
func attachHeads(ctx context.Context, q querier, list []*esop.TaskNotice, day esop.Date) error {
	ids := make([]int64, 0, len(list))
	for _, n := range list {
		ids = append(ids, n.CaseID)
	}
	unitOf := map[int64]int64{}
	rows, err := q.QueryContext(ctx, `SELECT id, unit_id FROM cases WHERE id IN (`+idList(ids)+`)`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c, u int64
		if err := rows.Scan(&c, &u); err != nil {
			rows.Close()
			return err
		}
		unitOf[c] = u
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	heads := map[int64][]*esop.User{} // by unit
	for _, n := range list {
		unit := unitOf[n.CaseID]
		users, ok := heads[unit]
		if !ok {
			if users, err = unitHeads(ctx, q, unit, day); err != nil {
				return err
			}
			heads[unit] = users
		}
		for _, u := range users {
			if !slices.ContainsFunc(n.Recipients, func(r *esop.User) bool { return r.ID == u.ID }) {
				n.Recipients = append(n.Recipients, u)
			}
		}
	}
	return nil
}

// unitHeads returns the accounts of who heads a unit on day.
func unitHeads(ctx context.Context, q querier, unitID int64, day esop.Date) ([]*esop.User, error) {
	head, ok, err := headOf(ctx, q, unitID, day)
	if err != nil {
		return nil, err
	}
	if !ok {
		if head, ok, err = superiorOf(ctx, q, orgPosition{UnitID: unitID}, day); err != nil || !ok {
			return nil, err
		}
	}
	a, err := actingAt(ctx, q, head, day, nil, nil)
	if err != nil || len(a.Users) == 0 {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, username, name, email FROM users WHERE id IN (`+idList(a.Users)+`) ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*esop.User
	for rows.Next() {
		var u esop.User
		if err := rows.Scan(&u.ID, &u.Username, &u.Name, &u.Email); err != nil {
			return nil, err
		}
		out = append(out, &u)
	}
	return out, rows.Err()
}

func attachRecipients(ctx context.Context, q querier, list []*esop.TaskNotice) error {
	ids := make([]int64, 0, len(list))
	byKey := map[[2]int64]*esop.TaskNotice{}
	for _, n := range list {
		ids = append(ids, n.CaseID)
		byKey[[2]int64{n.CaseID, n.TaskID}] = n
	}
	rows, err := q.QueryContext(ctx, `SELECT a.case_id, a.task_no, u.id, u.username, u.name, u.email FROM case_task_assignees a
		JOIN users u ON u.id = a.user_id WHERE a.case_id IN (`+idList(ids)+`) AND a.open = 1 ORDER BY a.case_id, a.task_no, u.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			caseID, taskNo int64
			u              esop.User
		)
		if err := rows.Scan(&caseID, &taskNo, &u.ID, &u.Username, &u.Name, &u.Email); err != nil {
			return err
		}
		if n := byKey[[2]int64{caseID, taskNo}]; n != nil {
			n.Recipients = append(n.Recipients, &u)
		}
	}
	return rows.Err()
}

// emitBreach records the webhook event of a task past its due.
func (db *DB) emitBreach(ctx context.Context, tx *sql.Tx, caseID, taskID int64) error {
	var code, activity, due string
	var sopID int64
	if err := tx.QueryRowContext(ctx, `SELECT c.code, c.sop_id, t.activity, t.due FROM cases c JOIN case_tasks t ON t.case_id = c.id
		WHERE c.id = $1 AND t.task_no = $2`, caseID, taskID).Scan(&code, &sopID, &activity, &due); err != nil {
		return err
	}
	return db.emitWebhook(ctx, tx, esop.EventCaseBreached, map[string]any{"caseId": caseID, "code": code, "sopId": sopID,
		"taskId": taskID, "activity": activity, "due": due})
}

// MarkNoticed records that a task's SLA notice of kind was sent: after
// the at-risk notice the breach is the next one, after the breach none.
func (db *DB) MarkNoticed(ctx context.Context, caseID, taskID int64, kind string) error {
	if kind != esop.NoticeAtRisk && kind != esop.NoticeBreached {
		return esop.Errorf(esop.EINVALID, "jenis pemberitahuan %q tidak dikenal (at_risk, breached)", "unknown notice kind %q (at_risk, breached)", kind)
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		q := `UPDATE case_tasks SET notice_at = '', notice_kind = '' WHERE case_id = $1 AND task_no = $2`
		if kind == esop.NoticeAtRisk {
			q = `UPDATE case_tasks SET notice_at = due, notice_kind = 'breached' WHERE case_id = $1 AND task_no = $2 AND notice_kind = 'at_risk'`
		}
		res, err := tx.ExecContext(ctx, q, caseID, taskID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			if err == nil && kind == esop.NoticeBreached {
				err = db.emitBreach(ctx, tx, caseID, taskID)
			}
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM case_tasks WHERE case_id = $1 AND task_no = $2`, caseID, taskID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("Tugas", "Task", fmt.Sprintf("%d/%d", caseID, taskID))
		}
		return nil // the at-risk notice of a task already past it: nothing to change
	})
}

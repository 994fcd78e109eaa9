package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"slices"
	"time"

	"github.com/esop-malang/esop"
)

// A realistic history of cases for demonstrations and benchmarks (issue
// 12, `esop demo --cases N`): cases of the SOPs in force received over
// some months, each run by the pure engine (esop.Process) with its step
// times drawn from the step's standard with a long tail, loops back taken
// now and then, the tasks given to whoever acts for their position on the
// day (so that the absences recorded send work to the Plt, Plh or
// superior, marked delegated), some cases cancelled and the latest still
// open. The cases are written in batches straight into the tables, as
// the store would have written them one by one, and the performance
// aggregates are rebuilt at the end.

// HistoryOptions says what history to generate.
type HistoryOptions struct {
	Cases  int       // how many cases
	Months int       // received over the months before End (default 12)
	Seed   uint64    // the same seed, database and End give the same history
	End    time.Time // the clock; zero: the store's
	// Progress, when set, is called after each batch with the cases written.
	Progress func(written int)
}

// HistorySummary is what GenerateHistory did.
type HistorySummary struct {
	SOPs      []string // the titles of the SOPs run
	Skipped   []string // SOPs in force that cannot run (pelaksana not mapped), with why
	Accounts  int      // accounts created for employees holding a post
	Absences  int
	Cases     int
	Done      int
	Cancelled int
	Open      int
	Tasks     int
	Late      int // tasks done after their due
	Delegated int
	Loops     int // decisions that sent work back
}

// historyBatch is how many cases one transaction writes.
const historyBatch = 500

// runnable is an SOP the history runs.
type runnable struct {
	proc       *esop.Process
	rec        esop.CaseRecord // the template: SOP, version, unit, agency, count
	bottleneck int             // the step that is slow in this office
}

// simCase is a generated case with who did what.
type simCase struct {
	rec     esop.CaseRecord
	acting  map[int64]acting // task id → who it was given to
	started int64
	cal     *esop.Calendar
}

// GenerateHistory writes o.Cases cases; see HistoryOptions.
func (db *DB) GenerateHistory(ctx context.Context, o HistoryOptions) (*HistorySummary, error) {
	if o.Cases < 0 || o.Cases > 10_000_000 {
		return nil, esop.Errorf(esop.EINVALID, "jumlah kasus harus 0 sampai 10.000.000", "the number of cases must be 0 to 10,000,000")
	}
	if o.Months == 0 {
		o.Months = 12
	}
	if o.Months < 1 || o.Months > 120 {
		return nil, esop.Errorf(esop.EINVALID, "jumlah bulan harus 1 sampai 120", "the number of months must be 1 to 120")
	}
	if err := db.seedHolidays(ctx); err != nil {
		return nil, err
	}
	end := o.End
	if end.IsZero() {
		end = db.now()
	}
	end = end.UTC().Round(time.Microsecond)
	begin := end.AddDate(0, -o.Months, 0)
	rng := mrand.New(mrand.NewPCG(o.Seed, 0x5e0_2026))
	sum := &HistorySummary{}
	var err error
	if sum.Accounts, err = db.historyAccounts(ctx, esop.Today(end)); err != nil {
		return nil, err
	}
	sops, err := db.runnables(ctx, esop.Today(end), rng, sum)
	if err != nil {
		return nil, err
	}
	if len(sops) == 0 || o.Cases == 0 {
		return sum, nil
	}
	if sum.Absences, err = db.historyAbsences(ctx, sops, begin, end, rng); err != nil {
		return nil, err
	}
	var existing int64
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM cases`).Scan(&existing); err != nil {
		return nil, err
	}
	codes := mrand.New(mrand.NewPCG(o.Seed^uint64(existing), 0xc0de))
	var users []int64
	if err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		users, err = queryIDs(ctx, tx, `SELECT id FROM users WHERE disabled = 0 ORDER BY id`)
		return err
	}); err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, esop.Errorf(esop.EINVALID, "belum ada akun pengguna", "there are no user accounts")
	}
	sim := &simulator{db: db, end: end, rng: rng, cache: map[string]acting{}, fallback: users[0], sum: sum}
	// Receipts in time order, so that case ids grow with time as they would.
	received := make([]time.Time, o.Cases)
	span := end.Sub(begin)
	for i := range received {
		received[i] = begin.Add(time.Duration(rng.Int64N(int64(span)))).Round(time.Second)
	}
	slices.SortFunc(received, func(a, b time.Time) int { return a.Compare(b) })
	for start := 0; start < o.Cases; start += historyBatch {
		n := min(historyBatch, o.Cases-start)
		batch := make([]*simCase, 0, n)
		err := db.readTx(ctx, func(tx *sql.Tx) error {
			for k := range n {
				r := &sops[rng.IntN(len(sops))]
				c, err := sim.run(ctx, tx, r, received[start+k])
				if err != nil {
					return err
				}
				c.rec.Code = esop.TrackingCodeFrom(codes.Uint64())
				batch = append(batch, c)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if err := db.inTx(ctx, func(tx *sql.Tx) error { return writeHistory(ctx, tx, batch, end) }); err != nil {
			return nil, err
		}
		if o.Progress != nil {
			o.Progress(start + n)
		}
	}
	return sum, db.RebuildStats(ctx)
}

// historyAccounts gives an account (role pelaksana in the unit of their
// post, a random password nobody knows) to every employee who holds a
// post on day and has none, so that tasks can go to them; it returns how
// many it created.
func (db *DB) historyAccounts(ctx context.Context, day esop.Date) (int, error) {
	type emp struct {
		id         int64
		nip, name  string
		unit       int64
		hasAccount bool
	}
	var list []emp
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.nip, e.name, min(p.unit_id),
			(SELECT count(*) FROM users u WHERE u.employee_id = e.id)
			FROM employees e JOIN assignments a ON a.employee_id = e.id JOIN positions p ON p.id = a.position_id
			WHERE (a.date_from = '' OR a.date_from <= $1) AND (a.date_to = '' OR a.date_to >= $1)
			GROUP BY e.id, e.nip, e.name ORDER BY e.id`, day.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				e emp
				n int
			)
			if err := rows.Scan(&e.id, &e.nip, &e.name, &e.unit, &n); err != nil {
				return err
			}
			e.hasAccount = n > 0
			list = append(list, e)
		}
		return rows.Err()
	})
	if err != nil {
		return 0, err
	}
	made := 0
	for _, e := range list {
		if e.hasAccount {
			continue
		}
		var b [18]byte
		_, _ = rand.Read(b[:])
		u := &esop.User{Username: "pegawai-" + e.nip[len(e.nip)-6:], Name: e.name, EmployeeID: e.id,
			Grants: []esop.Grant{{Role: esop.RolePelaksana, UnitID: e.unit}}}
		if err := db.CreateUser(esop.WithActor(ctx, "demo", ""), u, hex.EncodeToString(b[:])); err != nil {
			if esop.ErrorCode(err) == esop.ECONFLICT {
				continue // the name is taken: the employee keeps no account
			}
			return made, err
		}
		made++
	}
	return made, nil
}

// runnables returns the SOPs in force on day that can run: their engine,
// as StartCase would build it.
func (db *DB) runnables(ctx context.Context, day esop.Date, rng *mrand.Rand, sum *HistorySummary) ([]runnable, error) {
	var out []runnable
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT s.id, max(v.id) FROM sops s JOIN sop_versions v ON v.sop_id = s.id
			WHERE v.status IN ('approved', 'superseded') AND v.effective <> '' AND v.effective <= $1 GROUP BY s.id ORDER BY s.id`, day.String())
		if err != nil {
			return err
		}
		var ids [][2]int64
		for rows.Next() {
			var id [2]int64
			if err := rows.Scan(&id[0], &id[1]); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		units, err := allUnits(ctx, tx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			sop, err := sopRow(ctx, tx, id[0])
			if err != nil {
				return err
			}
			// the version in force that day (the newest effective one)
			if err := tx.QueryRowContext(ctx, `SELECT id FROM sop_versions WHERE sop_id = $1 AND status IN ('approved', 'superseded')
				AND effective <> '' AND effective <= $2 ORDER BY effective DESC, seq DESC LIMIT 1`, sop.ID, day.String()).Scan(&id[1]); err != nil {
				return err
			}
			unitID, ancestors := esop.UnitScope(units, sop.Unit, day)
			r := runnable{rec: esop.CaseRecord{SOPTitle: sop.Title, SOPNumber: sop.Number, UnitID: unitID,
				AgencyID: agencyOf(units, unitID, ancestors), People: map[int64]string{}}}
			r.rec.Case = &esop.Case{SOPID: sop.ID, VersionID: id[1]}
			settings, err := runSettingsIn(ctx, tx, sop.ID)
			if err != nil {
				return err
			}
			r.rec.Count = settings.CountOrDefault()
			if r.proc, err = db.process(ctx, tx, &r.rec, day); err != nil {
				return err
			}
			if err := checkPositions(ctx, tx, r.proc, day); err != nil {
				sum.Skipped = append(sum.Skipped, sop.Title+": "+esop.ErrorMessage(err, "id"))
				continue
			}
			r.bottleneck = rng.IntN(len(r.proc.Doc.Steps))
			out = append(out, r)
			sum.SOPs = append(sum.SOPs, sop.Title)
		}
		return nil
	})
	return out, err
}

// historyAbsences records, for each month of the period, an absence of
// three to six days of one of the employees who hold the posts the SOPs
// run by, and returns how many.
func (db *DB) historyAbsences(ctx context.Context, sops []runnable, begin, end time.Time, rng *mrand.Rand) (int, error) {
	keys := map[string]bool{}
	for _, r := range sops {
		for _, p := range r.proc.Positions {
			if p != "" {
				keys[p] = true
			}
		}
	}
	var nips []string
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT e.nip FROM employees e JOIN assignments a ON a.employee_id = e.id
			JOIN positions p ON p.id = a.position_id WHERE a.capacity = 'definitif' AND p.key IN (`+textList(slices.Sorted(mapKeys(keys)))+`)
			ORDER BY e.nip`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			nips = append(nips, n)
		}
		return rows.Err()
	})
	if err != nil || len(nips) == 0 {
		return 0, err
	}
	made := 0
	actx := esop.WithActor(ctx, "demo", "")
	for m := begin; m.Before(end); m = m.AddDate(0, 1, 0) {
		from := esop.Today(m.Add(time.Duration(rng.IntN(20*24)) * time.Hour))
		a := &esop.Absence{NIP: nips[rng.IntN(len(nips))], From: from, To: from.AddDate(0, 0, 3+rng.IntN(4)),
			Kind: esop.AbsenceKinds[rng.IntN(len(esop.AbsenceKinds))]}
		if err := db.CreateAbsence(actx, a); err != nil {
			return made, err
		}
		made++
	}
	return made, nil
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// simulator runs cases on the engine.
type simulator struct {
	db       *DB
	end      time.Time
	rng      *mrand.Rand
	cache    map[string]acting // position|day → who acts
	fallback int64             // the user of a task nobody acts for (the first account)
	sum      *HistorySummary
}

// who returns who acts for a position on day, from the cache.
func (s *simulator) who(ctx context.Context, q querier, position string, day esop.Date) (acting, error) {
	k := position + "|" + day.String()
	if a, ok := s.cache[k]; ok {
		return a, nil
	}
	a, err := actingFor(ctx, q, position, day)
	if err != nil {
		return a, err
	}
	if len(a.Users) == 0 {
		a.Users = []int64{s.fallback}
	}
	s.cache[k] = a
	return a, nil
}

// factor draws how long a task takes against its standard: lognormal
// with its median at 0.55 of the standard (about one in five late), at
// 1.05 on the office's bottleneck step (about half late), and with a
// wider spread on the applicant's steps.
func (s *simulator) factor(bottleneck, external bool) float64 {
	mu, sigma := math.Log(0.55), 0.75
	switch {
	case bottleneck:
		mu, sigma = math.Log(1.05), 0.7
	case external:
		mu, sigma = math.Log(0.7), 1.0
	}
	return math.Exp(mu + sigma*s.rng.NormFloat64())
}

// run generates one case of r received at received.
func (s *simulator) run(ctx context.Context, q querier, r *runnable, received time.Time) (*simCase, error) {
	p := r.proc
	received = p.Calendar.NextOpening(received).UTC().Round(time.Microsecond)
	if received.After(s.end) {
		received = s.end
	}
	c, err := p.Start(received)
	if err != nil {
		return nil, err
	}
	c.SOPID, c.VersionID = r.rec.SOPID, r.rec.VersionID
	sc := &simCase{rec: r.rec, acting: map[int64]acting{}, cal: p.Calendar}
	sc.rec.Case = c
	if err := s.assign(ctx, q, sc, 0); err != nil {
		return nil, err
	}
	sc.started = sc.acting[1].Users[0]
	loops := 0
	for c.State == esop.CaseOpen {
		t := c.Tasks[len(c.Tasks)-1]
		i := p.Doc.StepIndex(t.Step)
		std := 30.0
		if t.Due != nil {
			std = max(p.Calendar.WorkingMinutesBetween(t.OpenedAt, *t.Due), 1)
		}
		minutes := max(std*s.factor(i == r.bottleneck, t.External), 1)
		at, err := p.Calendar.Due(t.OpenedAt, esop.Duration{Value: math.Round(minutes*10) / 10, Unit: esop.UnitMinute}, esop.CountWorking)
		if err != nil {
			return nil, err
		}
		at = at.UTC().Round(time.Microsecond)
		if at.After(s.end) {
			break // still open at the end of the period
		}
		a := sc.acting[t.ID]
		by := a.Users[s.rng.IntN(len(a.Users))]
		if len(c.Tasks) > 1 && s.rng.IntN(1000) < 3 {
			if c, err = p.Cancel(c, "Permohonan ditarik kembali oleh pemohon", by, at); err != nil {
				return nil, err
			}
			sc.rec.Case = c
			break
		}
		in := esop.Completion{}
		step := &p.Doc.Steps[i]
		if step.Decision != nil {
			in.Decision = esop.DecisionYes
			if loops < 2 && s.rng.IntN(100) < 12 {
				in.Decision = esop.DecisionNo
				loops++
			}
		}
		if len(step.Requirements) > 0 {
			in.Checklist = map[string]bool{}
			for _, req := range step.Requirements {
				in.Checklist[req] = true
			}
		}
		known := len(c.Tasks)
		if c, err = p.Complete(c, t.ID, in, by, at); err != nil {
			return nil, err
		}
		sc.rec.Case = c
		if t.Due != nil && at.After(*t.Due) {
			s.sum.Late++
		}
		if a.Delegated {
			s.sum.Delegated++
		}
		s.sum.Tasks++
		if err := s.assign(ctx, q, sc, known); err != nil {
			return nil, err
		}
	}
	s.sum.Cases++
	s.sum.Loops += loops
	switch c.State {
	case esop.CaseDone:
		s.sum.Done++
	case esop.CaseCancelled:
		s.sum.Cancelled++
	default:
		s.sum.Open++
	}
	return sc, nil
}

// assign gives the tasks opened after the first known to who acts for
// their position on the day they open.
func (s *simulator) assign(ctx context.Context, q querier, sc *simCase, known int) error {
	for k := known; k < len(sc.rec.Tasks); k++ {
		t := &sc.rec.Tasks[k]
		a, err := s.who(ctx, q, t.Position, esop.Today(t.OpenedAt))
		if err != nil {
			return err
		}
		sc.acting[t.ID] = a
		t.Assignees, t.Delegated = a.Users, a.Delegated
	}
	return nil
}

// writeHistory inserts a batch of generated cases with their tasks,
// assignees and history.
func writeHistory(ctx context.Context, tx *sql.Tx, batch []*simCase, now time.Time) error {
	prep := func(q string) (*sql.Stmt, error) { return tx.PrepareContext(ctx, q) }
	insCase, err := prep(`INSERT INTO cases (code, sop_id, version_id, unit_id, agency_id, day_count, received_at, due, state,
		closed_at, closed_by, reason, started_by, created_at, rev) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
		RETURNING id`)
	if err != nil {
		return err
	}
	defer insCase.Close()
	insTask, err := prep(`INSERT INTO case_tasks (case_id, task_no, step, activity, actor, position, external, recorded_by, unit_id,
		opened_at, due, sort_due, state, delegated, assignee_key, completed_by, completed_at, decision, checklist, notice_at, notice_kind)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`)
	if err != nil {
		return err
	}
	defer insTask.Close()
	insAssignee, err := prep(`INSERT INTO case_task_assignees (case_id, task_no, user_id, open, sort_due) VALUES ($1, $2, $3, $4, $5)`)
	if err != nil {
		return err
	}
	defer insAssignee.Close()
	insEvent, err := prep(`INSERT INTO case_events (case_id, task_no, kind, actor, at, data) VALUES ($1, $2, $3, $4, $5, $6)`)
	if err != nil {
		return err
	}
	defer insEvent.Close()
	names := map[int64]string{}
	name := func(id int64) (string, error) {
		if n, ok := names[id]; ok {
			return n, nil
		}
		var n string
		err := tx.QueryRowContext(ctx, `SELECT username FROM users WHERE id = $1`, id).Scan(&n)
		names[id] = n
		return n, err
	}
	event := func(caseID, task int64, kind, actor string, at time.Time, data map[string]any) error {
		raw := ""
		if len(data) > 0 {
			b, err := json.Marshal(data)
			if err != nil {
				return err
			}
			raw = string(b)
		}
		_, err := insEvent.ExecContext(ctx, caseID, task, kind, actor, formatTime(at), raw)
		return err
	}
	for _, sc := range batch {
		c := sc.rec.Case
		starter, err := name(sc.started)
		if err != nil {
			return err
		}
		rev := 1 + len(c.Tasks)
		if err := insCase.QueryRowContext(ctx, c.Code, c.SOPID, c.VersionID, sc.rec.UnitID, sc.rec.AgencyID, c.Count,
			formatTime(c.ReceivedAt), storeTime(c.Due), c.State, storeTime(c.ClosedAt), nullInt64(c.ClosedBy), c.Reason,
			sc.started, formatTime(c.ReceivedAt), rev).Scan(&c.ID); err != nil {
			return fmt.Errorf("case %s: %w", c.Code, err)
		}
		if err := event(c.ID, 0, esop.EventStarted, starter, c.ReceivedAt, map[string]any{"version": c.VersionID,
			"receivedAt": formatTime(c.ReceivedAt)}); err != nil {
			return err
		}
		for _, t := range c.Tasks {
			a := sc.acting[t.ID]
			sortDue, noticeAt, noticeKind := noDue, "", ""
			if t.Due != nil {
				sortDue = formatTime(*t.Due)
				if t.State == esop.TaskOpen {
					noticeAt, noticeKind = formatTime(sc.cal.AtRiskAt(t.OpenedAt, *t.Due, c.Count)), esop.NoticeAtRisk
				}
			}
			checklist := ""
			if len(t.Checklist) > 0 {
				b, _ := json.Marshal(t.Checklist)
				checklist = string(b)
			}
			if _, err := insTask.ExecContext(ctx, c.ID, t.ID, t.Step, t.Activity, t.Actor, t.Position, boolInt(t.External), t.RecordedBy,
				sc.rec.UnitID, formatTime(t.OpenedAt), storeTime(t.Due), sortDue, t.State, boolInt(a.Delegated), a.key(),
				nullInt64(t.CompletedBy), storeTime(t.CompletedAt), t.Decision, checklist, noticeAt, noticeKind); err != nil {
				return err
			}
			open := boolInt(t.State == esop.TaskOpen)
			var assigned []string
			for _, u := range a.Users {
				if _, err := insAssignee.ExecContext(ctx, c.ID, t.ID, u, open, sortDue); err != nil {
					return err
				}
				n, err := name(u)
				if err != nil {
					return err
				}
				assigned = append(assigned, n)
			}
			data := map[string]any{"assignees": assigned, "step": t.Step}
			if t.External {
				data["external"] = true
			}
			if err := event(c.ID, t.ID, esop.EventOpened, "", t.OpenedAt, data); err != nil {
				return err
			}
			if a.Delegated {
				if err := event(c.ID, t.ID, esop.EventDelegated, "", t.OpenedAt, map[string]any{"assignees": assigned}); err != nil {
					return err
				}
			}
			if t.State == esop.TaskDone {
				by, err := name(t.CompletedBy)
				if err != nil {
					return err
				}
				var data map[string]any
				if t.Decision != "" {
					data = map[string]any{"decision": t.Decision}
				}
				if err := event(c.ID, t.ID, esop.EventCompleted, by, *t.CompletedAt, data); err != nil {
					return err
				}
			}
		}
		switch c.State {
		case esop.CaseDone, esop.CaseCancelled:
			by, err := name(c.ClosedBy)
			if err != nil {
				return err
			}
			var data map[string]any
			if c.State == esop.CaseCancelled {
				data = map[string]any{"reason": c.Reason}
			}
			if err := event(c.ID, 0, map[string]string{esop.CaseDone: esop.EventDone, esop.CaseCancelled: esop.EventCancelled}[c.State],
				by, *c.ClosedAt, data); err != nil {
				return err
			}
		}
	}
	return nil
}

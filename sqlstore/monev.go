package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

var _ esop.MonevService = (*DB)(nil)

const monitoringColumns = `m.id, m.sop_id, m.version_id, m.period, m.result, m.notes, m.actions, m.assessed_on, m.assessor, m.assessor_name,
	m.revision, m.created_at, m.updated_at`

const evaluationColumns = `e.id, e.sop_id, e.version_id, e.period, e.c1, e.c2, e.c3, e.c4, e.c5, e.c6, e.c7, e.conclusion, e.notes,
	e.assessed_on, e.assessor, e.assessor_name, e.draft_id, e.revision, e.created_at, e.updated_at`

// monevSOP takes the row of SOP sopID for the rest of tx, so that two
// saves for one SOP run one after the other (PostgreSQL holds the row
// lock until the commit; SQLite has a single writer anyway), and returns
// the SOP with its versions: ENOTFOUND for an unknown SOP, ECONFLICT when
// no version of it is in force, as only SOPs in force are monitored and
// evaluated.
func (db *DB) monevSOP(ctx context.Context, tx *sql.Tx, sopID int64) (*esop.SOP, error) {
	res, err := tx.ExecContext(ctx, `UPDATE sops SET updated_at = updated_at WHERE id = $1`, sopID)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, notFound("SOP", "SOP", sopID)
	}
	s, err := findSOP(ctx, tx, db.today(), `s.id = $1`, sopID)
	if err != nil {
		return nil, err
	}
	if s.Current == nil {
		return nil, esop.Errorf(esop.ECONFLICT, "SOP ini belum atau tidak lagi berlaku; hanya SOP yang berlaku yang dimonitor dan dievaluasi",
			"this SOP is not in force; only SOPs in force are monitored and evaluated")
	}
	return s, nil
}

func staleMonev(what esop.Text, p esop.Period) error {
	return &esop.Error{Code: esop.ECONFLICT, Message: esop.Text{
		ID: fmt.Sprintf("%s SOP ini untuk periode %s sudah diubah orang lain; muat ulang lalu ulangi perubahan Anda", what.ID, p),
		EN: fmt.Sprintf("The %s of this SOP for period %s was changed by someone else; reload and redo your change", what.EN, p)}}
}

var (
	textMonitoring = esop.Text{ID: "Monitoring", EN: "monitoring"}
	textEvaluation = esop.Text{ID: "Evaluasi", EN: "evaluation"}
)

func monevConflict(what esop.Text, p esop.Period) error {
	return &esop.Error{Code: esop.ECONFLICT, Message: esop.Text{
		ID: fmt.Sprintf("%s SOP ini untuk periode %s sudah dicatat; muat ulang halaman untuk memperbaikinya", what.ID, p),
		EN: fmt.Sprintf("The %s of this SOP for period %s has already been recorded; reload the page to correct it", what.EN, p)}}
}

// SaveMonitoring records or corrects the monitoring of an SOP for a period.
func (db *DB) SaveMonitoring(ctx context.Context, m *esop.Monitoring) error {
	if ps := m.Validate(db.today()); ps.HasErrors() {
		return esop.InvalidError(ps)
	}
	now := db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		s, err := db.monevSOP(ctx, tx, m.SOPID)
		if err != nil {
			return err
		}
		versionID := s.Current.ID
		if m.Revision == 0 {
			err := tx.QueryRowContext(ctx, `INSERT INTO monitorings (sop_id, version_id, period, result, notes, actions, assessed_on,
				assessor, assessor_name, revision, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) RETURNING id`,
				m.SOPID, versionID, m.Period.String(), m.Result, m.Notes, m.Actions, m.AssessedOn.String(),
				m.Assessor.Username, m.Assessor.Name, formatTime(now)).Scan(&m.ID)
			if db.dialect.IsUnique(err) {
				return monevConflict(textMonitoring, m.Period)
			}
			if err != nil {
				return err
			}
			m.VersionID, m.Revision, m.CreatedAt, m.UpdatedAt = versionID, 1, now, now
			return db.auditMonev(ctx, tx, esop.AuditCreate, esop.EntityMonitoring, m.ID, nil, m)
		}
		old, err := findMonitoring(ctx, tx, m.SOPID, m.Period)
		if err != nil {
			return err
		}
		if old.Revision != m.Revision {
			return staleMonev(textMonitoring, m.Period)
		}
		res, err := tx.ExecContext(ctx, `UPDATE monitorings SET version_id = $1, result = $2, notes = $3, actions = $4, assessed_on = $5,
			assessor = $6, assessor_name = $7, revision = revision + 1, updated_at = $8 WHERE id = $9 AND revision = $10`,
			versionID, m.Result, m.Notes, m.Actions, m.AssessedOn.String(), m.Assessor.Username, m.Assessor.Name, formatTime(now), old.ID, m.Revision)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return staleMonev(textMonitoring, m.Period)
		}
		m.ID, m.VersionID, m.Revision, m.CreatedAt, m.UpdatedAt = old.ID, versionID, old.Revision+1, old.CreatedAt, now
		return db.auditMonev(ctx, tx, esop.AuditUpdate, esop.EntityMonitoring, m.ID, old, m)
	})
}

func findMonitoring(ctx context.Context, tx *sql.Tx, sopID int64, p esop.Period) (*esop.Monitoring, error) {
	m, err := scanMonitoring(tx.QueryRowContext(ctx, `SELECT `+monitoringColumns+` FROM monitorings m WHERE m.sop_id = $1 AND m.period = $2`,
		sopID, p.String()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Monitoring periode "+p.String()+" untuk SOP", "Monitoring of period "+p.String()+" for SOP", sopID)
	}
	return m, err
}

func scanMonitoring(r interface{ Scan(...any) error }) (*esop.Monitoring, error) {
	var (
		m                            esop.Monitoring
		period, on, created, updated string
	)
	if err := r.Scan(&m.ID, &m.SOPID, &m.VersionID, &period, &m.Result, &m.Notes, &m.Actions, &on, &m.Assessor.Username, &m.Assessor.Name,
		&m.Revision, &created, &updated); err != nil {
		return nil, err
	}
	m.Period, _ = esop.ParsePeriod(period)
	m.AssessedOn, m.CreatedAt, m.UpdatedAt = parseDate(on), parseTime(created), parseTime(updated)
	return &m, nil
}

// SaveEvaluation records or corrects the evaluation of an SOP for a
// period; a revision opens (or finds) the SOP's draft once.
func (db *DB) SaveEvaluation(ctx context.Context, e *esop.Evaluation) error {
	if ps := e.Validate(db.today()); ps.HasErrors() {
		return esop.InvalidError(ps)
	}
	now := db.now()
	var a [7]int
	for i, yes := range e.Answers {
		if yes {
			a[i] = 1
		}
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		s, err := db.monevSOP(ctx, tx, e.SOPID)
		if err != nil {
			return err
		}
		versionID := s.Current.ID
		if e.Revision == 0 {
			err := tx.QueryRowContext(ctx, `INSERT INTO evaluations (sop_id, version_id, period, c1, c2, c3, c4, c5, c6, c7, conclusion, notes,
				assessed_on, assessor, assessor_name, revision, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $16) RETURNING id`,
				e.SOPID, versionID, e.Period.String(), a[0], a[1], a[2], a[3], a[4], a[5], a[6], e.Conclusion, e.Notes,
				e.AssessedOn.String(), e.Assessor.Username, e.Assessor.Name, formatTime(now)).Scan(&e.ID)
			if db.dialect.IsUnique(err) {
				return monevConflict(textEvaluation, e.Period)
			}
			if err != nil {
				return err
			}
			e.VersionID, e.Revision, e.CreatedAt, e.UpdatedAt, e.DraftID = versionID, 1, now, now, 0
			if err := db.auditMonev(ctx, tx, esop.AuditCreate, esop.EntityEvaluation, e.ID, nil, e); err != nil {
				return err
			}
			return db.openRevision(ctx, tx, s, e)
		}
		old, err := findEvaluation(ctx, tx, e.SOPID, e.Period)
		if err != nil {
			return err
		}
		if old.Revision != e.Revision {
			return staleMonev(textEvaluation, e.Period)
		}
		res, err := tx.ExecContext(ctx, `UPDATE evaluations SET version_id = $1, c1 = $2, c2 = $3, c3 = $4, c4 = $5, c5 = $6, c6 = $7, c7 = $8,
			conclusion = $9, notes = $10, assessed_on = $11, assessor = $12, assessor_name = $13, revision = revision + 1, updated_at = $14
			WHERE id = $15 AND revision = $16`,
			versionID, a[0], a[1], a[2], a[3], a[4], a[5], a[6], e.Conclusion, e.Notes, e.AssessedOn.String(),
			e.Assessor.Username, e.Assessor.Name, formatTime(now), old.ID, e.Revision)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return staleMonev(textEvaluation, e.Period)
		}
		e.ID, e.VersionID, e.Revision, e.CreatedAt, e.UpdatedAt, e.DraftID = old.ID, versionID, old.Revision+1, old.CreatedAt, now, old.DraftID
		if err := db.auditMonev(ctx, tx, esop.AuditUpdate, esop.EntityEvaluation, e.ID, old, e); err != nil {
			return err
		}
		return db.openRevision(ctx, tx, s, e)
	})
}

// openRevision gives an evaluation that concludes on a revision, and has
// no draft yet, its draft, in the transaction that stores it: the draft
// the SOP already has, or a new one (as StartVersion opens it) whose note
// names the evaluation. An evaluation thus opens a draft at most once,
// and the evaluation and its draft commit together or not at all.
func (db *DB) openRevision(ctx context.Context, tx *sql.Tx, s *esop.SOP, e *esop.Evaluation) error {
	if e.Conclusion != esop.ConclusionRevise || e.DraftID != 0 {
		return nil
	}
	if s.Draft != nil {
		e.DraftID = s.Draft.ID
	} else {
		by := e.Assessor.Name
		if by == "" {
			by = e.Assessor.Username
		}
		v, err := db.startVersion(ctx, tx, e.SOPID, fmt.Sprintf("Revisi menurut evaluasi SOP periode %s (evaluasi no. %d oleh %s)", e.Period, e.ID, by),
			e.Assessor.Username)
		if db.dialect.IsUnique(err) {
			// An author opened a version of this SOP at the same moment.
			return esop.Errorf(esop.ECONFLICT, "SOP ini baru saja mendapat draf baru; simpan evaluasi sekali lagi untuk menautkannya",
				"a new draft of this SOP was opened just now; save the evaluation once more to link it")
		}
		if err != nil {
			return err
		}
		e.DraftID = v.ID
	}
	if _, err := tx.ExecContext(ctx, `UPDATE evaluations SET draft_id = $1 WHERE id = $2`, e.DraftID, e.ID); err != nil {
		return err
	}
	return db.auditMonev(ctx, tx, esop.AuditUpdate, esop.EntityEvaluation, e.ID, map[string]any{"DraftID": nil}, map[string]int64{"DraftID": e.DraftID})
}

func findEvaluation(ctx context.Context, tx *sql.Tx, sopID int64, p esop.Period) (*esop.Evaluation, error) {
	e, err := scanEvaluation(tx.QueryRowContext(ctx, `SELECT `+evaluationColumns+` FROM evaluations e WHERE e.sop_id = $1 AND e.period = $2`,
		sopID, p.String()))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Evaluasi periode "+p.String()+" untuk SOP", "Evaluation of period "+p.String()+" for SOP", sopID)
	}
	return e, err
}

func scanEvaluation(r interface{ Scan(...any) error }) (*esop.Evaluation, error) {
	var (
		e                            esop.Evaluation
		a                            [7]int
		draft                        sql.NullInt64
		period, on, created, updated string
	)
	if err := r.Scan(&e.ID, &e.SOPID, &e.VersionID, &period, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6], &e.Conclusion, &e.Notes,
		&on, &e.Assessor.Username, &e.Assessor.Name, &draft, &e.Revision, &created, &updated); err != nil {
		return nil, err
	}
	for i, v := range a {
		e.Answers[i] = v == 1
	}
	e.Period, _ = esop.ParsePeriod(period)
	e.AssessedOn, e.DraftID, e.CreatedAt, e.UpdatedAt = parseDate(on), draft.Int64, parseTime(created), parseTime(updated)
	return &e, nil
}

// monevWhere returns the conditions of f on a table aliased t joined
// with sops s.
func monevWhere(f esop.MonevFilter, t string) (string, []any) {
	conds := []string{"1 = 1"}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.SOPID != 0 {
		conds = append(conds, t+".sop_id = "+arg(f.SOPID))
	}
	if !f.Period.IsZero() {
		conds = append(conds, t+".period = "+arg(f.Period.String()))
	}
	if len(f.Units) > 0 {
		ps := make([]string, len(f.Units))
		for i, u := range f.Units {
			ps[i] = arg(u)
		}
		conds = append(conds, "s.unit IN ("+strings.Join(ps, ", ")+")")
	}
	return strings.Join(conds, " AND "), args
}

// FindMonitorings returns the monitorings matching f.
func (db *DB) FindMonitorings(ctx context.Context, f esop.MonevFilter) ([]*esop.Monitoring, error) {
	var list []*esop.Monitoring
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		where, args := monevWhere(f, "m")
		rows, err := tx.QueryContext(ctx, `SELECT `+monitoringColumns+` FROM monitorings m JOIN sops s ON s.id = m.sop_id
			WHERE `+where+` ORDER BY m.period DESC, (s.number IS NULL), s.number, s.title, m.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanMonitoring(rows)
			if err != nil {
				return err
			}
			list = append(list, m)
		}
		return rows.Err()
	})
	return list, err
}

// FindEvaluations returns the evaluations matching f.
func (db *DB) FindEvaluations(ctx context.Context, f esop.MonevFilter) ([]*esop.Evaluation, error) {
	var list []*esop.Evaluation
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		where, args := monevWhere(f, "e")
		rows, err := tx.QueryContext(ctx, `SELECT `+evaluationColumns+` FROM evaluations e JOIN sops s ON s.id = e.sop_id
			WHERE `+where+` ORDER BY e.period DESC, (s.number IS NULL), s.number, s.title, e.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanEvaluation(rows)
			if err != nil {
				return err
			}
			list = append(list, e)
		}
		return rows.Err()
	})
	return list, err
}

// auditMonev records a change in the audit trail, in the transaction of the change.
func (db *DB) auditMonev(ctx context.Context, tx *sql.Tx, action, entity string, id int64, before, after any) error {
	return db.audit(ctx, tx, action, entity, strconv.FormatInt(id, 10), before, after)
}

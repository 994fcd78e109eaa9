package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

var _ esop.AbsenceService = (*DB)(nil)

// auditAbsence is what the audit trail keeps of an absence.
func auditAbsence(a *esop.Absence) map[string]any {
	return map[string]any{"nip": a.NIP, "name": a.Name, "from": a.From.String(), "to": a.To.String(), "kind": a.Kind}
}

// CreateAbsence records an employee's absence and, in the same
// transaction, gives the open tasks to whoever acts for their positions
// today.
func (db *DB) CreateAbsence(ctx context.Context, a *esop.Absence) error {
	if ps := a.Validate(); ps.HasErrors() {
		e := esop.Errorf(esop.EINVALID, "Ketidakhadiran tidak sah.", "The absence is not valid.")
		e.Problems = ps
		return e
	}
	nip := strings.Join(strings.Fields(a.NIP), "")
	return db.inTxRetry(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id, nip, name FROM employees WHERE nip = $1`, nip).Scan(&a.EmployeeID, &a.NIP, &a.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Pegawai dengan NIP", "Employee with NIP", a.NIP)
		}
		if err != nil {
			return err
		}
		a.CreatedAt = db.now()
		a.CreatedBy, _ = esop.ActorFrom(ctx)
		if err := tx.QueryRowContext(ctx, `INSERT INTO absences (employee_id, date_from, date_to, kind, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			a.EmployeeID, a.From.String(), a.To.String(), a.Kind, a.CreatedBy, formatTime(a.CreatedAt)).Scan(&a.ID); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, esop.AuditCreate, esop.EntityAbsence, auditID(a.ID), nil, auditAbsence(a)); err != nil {
			return err
		}
		_, err = db.reassign(ctx, tx, db.today())
		return err
	})
}

// FindAbsences returns the absences matching f, latest first.
func (db *DB) FindAbsences(ctx context.Context, f esop.AbsenceFilter) ([]*esop.Absence, error) {
	conds, args := []string{"1 = 1"}, []any{}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	if f.ID != 0 {
		conds = append(conds, "b.id = "+arg(f.ID))
	}
	if f.EmployeeID != 0 {
		conds = append(conds, "b.employee_id = "+arg(f.EmployeeID))
	}
	if !f.On.IsZero() {
		p := arg(f.On.String())
		conds = append(conds, "b.date_from <= "+p+" AND b.date_to >= "+p)
	}
	var list []*esop.Absence
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		list, err = queryAbsences(ctx, tx, strings.Join(conds, " AND "), args...)
		return err
	})
	return list, err
}

func queryAbsences(ctx context.Context, q querier, where string, args ...any) ([]*esop.Absence, error) {
	rows, err := q.QueryContext(ctx, `SELECT b.id, b.employee_id, e.nip, e.name, b.date_from, b.date_to, b.kind, b.created_by, b.created_at
		FROM absences b JOIN employees e ON e.id = b.employee_id WHERE `+where+` ORDER BY b.date_from DESC, b.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*esop.Absence
	for rows.Next() {
		var (
			a                 esop.Absence
			from, to, created string
		)
		if err := rows.Scan(&a.ID, &a.EmployeeID, &a.NIP, &a.Name, &from, &to, &a.Kind, &a.CreatedBy, &created); err != nil {
			return nil, err
		}
		a.From, a.To, a.CreatedAt = parseDate(from), parseDate(to), parseTime(created)
		list = append(list, &a)
	}
	return list, rows.Err()
}

// DeleteAbsence removes an absence (recorded by mistake, or cut short)
// and gives the open tasks back to whoever acts today.
func (db *DB) DeleteAbsence(ctx context.Context, id int64) error {
	return db.inTxRetry(ctx, func(tx *sql.Tx) error {
		list, err := queryAbsences(ctx, tx, "b.id = $1", id)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return notFound("Ketidakhadiran", "Absence", id)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM absences WHERE id = $1`, id); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, esop.AuditDelete, esop.EntityAbsence, auditID(id), auditAbsence(list[0]), nil); err != nil {
			return err
		}
		_, err = db.reassign(ctx, tx, db.today())
		return err
	})
}

package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/esop-malang/esop"
)

// Employees' competence records (esop.CompetenceRecordService): every
// change checked, in one transaction with its audit entry.

var _ esop.CompetenceRecordService = (*DB)(nil)

// recordSnap is a record as the audit trail keeps it.
type recordSnap struct {
	NIP      string `json:"nip"`
	Type     string `json:"type"`
	Title    string `json:"title"`
	Kind     string `json:"kind"`
	Issuer   string `json:"issuer,omitempty"`
	Date     string `json:"date"`
	Expiry   string `json:"expiry,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

func snapRecord(r *esop.CompetenceRecord) recordSnap {
	return recordSnap{NIP: r.NIP, Type: r.Type, Title: r.Title, Kind: r.Kind, Issuer: r.Issuer, Date: r.Date.String(),
		Expiry: expiryText(r.Expiry), Evidence: r.Evidence}
}

func expiryText(d *esop.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

const recordColumns = `r.id, r.employee_id, e.nip, r.type, r.title, r.kind, r.issuer, r.held_on, r.expires_on, r.evidence, r.updated_by, r.updated_at`

func scanRecord(rows interface{ Scan(...any) error }) (esop.CompetenceRecord, error) {
	var (
		r                 esop.CompetenceRecord
		held, expires, at string
	)
	if err := rows.Scan(&r.ID, &r.EmployeeID, &r.NIP, &r.Type, &r.Title, &r.Kind, &r.Issuer, &held, &expires, &r.Evidence, &r.UpdatedBy, &at); err != nil {
		return r, err
	}
	r.Date, _ = esop.ParseDate(held)
	if d, err := esop.ParseDate(expires); err == nil {
		r.Expiry = &d
	}
	r.UpdatedAt = parseTime(at)
	return r, nil
}

func queryRecords(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]esop.CompetenceRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+recordColumns+` FROM competence_records r JOIN employees e ON e.id = r.employee_id `+
		where+` ORDER BY r.employee_id, r.held_on DESC, r.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []esop.CompetenceRecord
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CompetenceRecords returns an employee's records, newest first.
func (db *DB) CompetenceRecords(ctx context.Context, employeeID int64) ([]esop.CompetenceRecord, error) {
	var out []esop.CompetenceRecord
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryRecords(ctx, tx, `WHERE r.employee_id = $1`, employeeID)
		return err
	})
	return out, err
}

// AllCompetenceRecords returns every record by employee id.
func (db *DB) AllCompetenceRecords(ctx context.Context) (map[int64][]esop.CompetenceRecord, error) {
	out := map[int64][]esop.CompetenceRecord{}
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		list, err := queryRecords(ctx, tx, ``)
		for _, r := range list {
			out[r.EmployeeID] = append(out[r.EmployeeID], r)
		}
		return err
	})
	return out, err
}

// checkRecord normalises and validates r.
func (db *DB) checkRecord(r *esop.CompetenceRecord) error {
	r.Normalize()
	if ps := r.Validate(db.today()); len(ps) > 0 {
		e := esop.Errorf(esop.EINVALID, "Catatan kompetensi tidak sah.", "The competence record is not valid.")
		e.Problems = ps
		return e
	}
	return nil
}

// employeeNIP returns the NIP of an employee, ENOTFOUND when there is none.
func employeeNIP(ctx context.Context, tx *sql.Tx, id int64) (string, error) {
	var nip string
	err := tx.QueryRowContext(ctx, `SELECT nip FROM employees WHERE id = $1`, id).Scan(&nip)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("Pegawai", "Employee", id)
	}
	return nip, err
}

// CreateCompetenceRecord stores a new record; audited.
func (db *DB) CreateCompetenceRecord(ctx context.Context, r *esop.CompetenceRecord) error {
	if err := db.checkRecord(r); err != nil {
		return err
	}
	actor, _ := esop.ActorFrom(ctx)
	return db.inTx(ctx, func(tx *sql.Tx) error {
		nip, err := employeeNIP(ctx, tx, r.EmployeeID)
		if err != nil {
			return err
		}
		now := db.now()
		if err := tx.QueryRowContext(ctx, `INSERT INTO competence_records
			(employee_id, type, title, kind, issuer, held_on, expires_on, evidence, updated_by, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			r.EmployeeID, r.Type, r.Title, r.Kind, r.Issuer, r.Date.String(), expiryText(r.Expiry), r.Evidence, actor, formatTime(now)).Scan(&r.ID); err != nil {
			return err
		}
		r.NIP, r.UpdatedBy, r.UpdatedAt = nip, actor, now
		return db.audit(ctx, tx, esop.AuditCreate, esop.EntityCompetenceRecord, strconv.FormatInt(r.ID, 10), nil, snapRecord(r))
	})
}

// oldRecord reads the record id of an employee in tx.
func oldRecord(ctx context.Context, tx *sql.Tx, employeeID, id int64) (esop.CompetenceRecord, error) {
	list, err := queryRecords(ctx, tx, `WHERE r.id = $1 AND r.employee_id = $2`, id, employeeID)
	if err != nil {
		return esop.CompetenceRecord{}, err
	}
	if len(list) == 0 {
		return esop.CompetenceRecord{}, notFound("Catatan kompetensi", "Competence record", id)
	}
	return list[0], nil
}

// UpdateCompetenceRecord replaces a record of the employee; audited with
// the record before and after.
func (db *DB) UpdateCompetenceRecord(ctx context.Context, r *esop.CompetenceRecord) error {
	if err := db.checkRecord(r); err != nil {
		return err
	}
	actor, _ := esop.ActorFrom(ctx)
	return db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := oldRecord(ctx, tx, r.EmployeeID, r.ID)
		if err != nil {
			return err
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE competence_records SET type = $1, title = $2, kind = $3, issuer = $4, held_on = $5,
			expires_on = $6, evidence = $7, updated_by = $8, updated_at = $9 WHERE id = $10`,
			r.Type, r.Title, r.Kind, r.Issuer, r.Date.String(), expiryText(r.Expiry), r.Evidence, actor, formatTime(now), r.ID); err != nil {
			return err
		}
		r.NIP, r.UpdatedBy, r.UpdatedAt = old.NIP, actor, now
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntityCompetenceRecord, strconv.FormatInt(r.ID, 10), snapRecord(&old), snapRecord(r))
	})
}

// DeleteCompetenceRecord removes a record of the employee; audited.
func (db *DB) DeleteCompetenceRecord(ctx context.Context, employeeID, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := oldRecord(ctx, tx, employeeID, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM competence_records WHERE id = $1`, id); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditDelete, esop.EntityCompetenceRecord, strconv.FormatInt(id, 10), snapRecord(&old), nil)
	})
}

package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/esop-malang/esop"
)

// CloseUnit ends a unit's validity on the given day and names the unit
// that took it over (0 for none), as when an office is renamed or merged:
// SOPs signed under the old name keep it, and the tree on later days shows
// the successor. EINVALID when the day is before the unit began or the
// successor is the unit itself or does not exist.
func (db *DB) CloseUnit(ctx context.Context, id int64, validTo esop.Date, successorID int64) (*esop.Unit, error) {
	var u *esop.Unit
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := findUnit(ctx, tx, id)
		if err != nil {
			return err
		}
		if validTo.IsZero() || validTo.Before(old.ValidFrom) {
			return esop.Errorf(esop.EINVALID, "tanggal berakhir unit wajib diisi dan tidak boleh sebelum unit berlaku", "the unit's end date is required and cannot be before the unit began")
		}
		if successorID == id {
			return esop.Errorf(esop.EINVALID, "unit tidak dapat menggantikan dirinya sendiri", "a unit cannot succeed itself")
		}
		if successorID != 0 {
			if _, err := findUnit(ctx, tx, successorID); err != nil {
				return esop.Errorf(esop.EINVALID, "unit pengganti tidak ada", "the successor unit does not exist")
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET valid_to = $1, successor_id = $2 WHERE id = $3`, validTo.String(), nullInt64(successorID), id); err != nil {
			return err
		}
		u = &esop.Unit{}
		*u = *old
		u.ValidTo, u.SuccessorID = validTo, successorID
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntityUnit, auditID(id), auditUnit(old), auditUnit(u))
	})
	return u, err
}

func findUnit(ctx context.Context, tx *sql.Tx, id int64) (*esop.Unit, error) {
	var (
		u            esop.Unit
		parent, succ sql.NullInt64
		from, to     string
	)
	err := tx.QueryRowContext(ctx, `SELECT id, key, parent_id, kind, code, name, valid_from, valid_to, successor_id FROM units WHERE id = $1`, id).
		Scan(&u.ID, &u.Key, &parent, &u.Kind, &u.Code, &u.Name, &from, &to, &succ)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Unit", "Unit", id)
	}
	if err != nil {
		return nil, err
	}
	u.ParentID, u.SuccessorID, u.ValidFrom, u.ValidTo = parent.Int64, succ.Int64, parseDate(from), parseDate(to)
	return &u, nil
}

// ClosePosition ends a position's validity on the given day, as when a
// jabatan is renamed or abolished.
func (db *DB) ClosePosition(ctx context.Context, id int64, validTo esop.Date) (*esop.Position, error) {
	var p *esop.Position
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var (
			old      esop.Position
			from, to string
		)
		err := tx.QueryRowContext(ctx, `SELECT id, key, unit_id, name, kind, valid_from, valid_to FROM positions WHERE id = $1`, id).
			Scan(&old.ID, &old.Key, &old.UnitID, &old.Name, &old.Kind, &from, &to)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Jabatan", "Position", id)
		}
		if err != nil {
			return err
		}
		old.ValidFrom, old.ValidTo = parseDate(from), parseDate(to)
		if validTo.IsZero() || validTo.Before(old.ValidFrom) {
			return esop.Errorf(esop.EINVALID, "tanggal berakhir jabatan wajib diisi dan tidak boleh sebelum jabatan berlaku", "the position's end date is required and cannot be before the position began")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE positions SET valid_to = $1 WHERE id = $2`, validTo.String(), id); err != nil {
			return err
		}
		np := old
		np.ValidTo = validTo
		p = &np
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntityPosition, auditID(id), auditPosition(&old), auditPosition(p))
	})
	return p, err
}

package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

var _ esop.KodeService = (*DB)(nil)

// A unit's classification code is the setting numbering.kode:<unit id>,
// the key an agency's code has always had: the agency's code on the
// settings page and a bidang's code on the units page are one family, and
// the nearest one above an SOP's unit applies.

// unitKodes reads the codes units have of their own.
func unitKodes(ctx context.Context, q querier) (map[int64]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings WHERE key LIKE $1`, esop.SettingNumberKode+":%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	own := map[int64]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(k, esop.SettingNumberKode+":"), 10, 64)
		if err == nil && v != "" {
			own[id] = v
		}
	}
	return own, rows.Err()
}

// UnitKodes returns the code each unit has of its own.
func (db *DB) UnitKodes(ctx context.Context) (map[int64]string, error) {
	var own map[int64]string
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		own, err = unitKodes(ctx, tx)
		return err
	})
	return own, err
}

// SetUnitKode sets a unit's own classification code ("" removes it),
// audited as the setting it is.
func (db *DB) SetUnitKode(ctx context.Context, unitID int64, kode string) error {
	if err := esop.CheckKode(kode); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM units WHERE id = $1`, unitID).Scan(&n); err != nil {
			return err
		}
		if n == 0 || unitID == 0 {
			return notFound("Unit", "Unit", unitID)
		}
		return db.replaceSetting(ctx, tx, esop.AgencyKey(esop.SettingNumberKode, unitID), kode)
	})
}

// SOPKode returns the code chosen for an SOP.
func (db *DB) SOPKode(ctx context.Context, sopID int64) (string, error) {
	var k string
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT kode FROM sops WHERE id = $1`, sopID).Scan(&k)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("SOP", "SOP", sopID)
		}
		return err
	})
	return k, err
}

// SetSOPKode chooses the code of an SOP ("" for its unit's), audited with
// the SOP.
func (db *DB) SetSOPKode(ctx context.Context, sopID int64, kode string) error {
	if err := esop.CheckKode(kode); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, `SELECT kode FROM sops WHERE id = $1`, sopID).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("SOP", "SOP", sopID)
		}
		if err != nil || old == kode {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sops SET kode = $1 WHERE id = $2`, kode, sopID); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntitySOP, auditID(sopID), map[string]string{"kode": old}, map[string]string{"kode": kode})
	})
}

// kodeFor returns the classification code of an SOP's number: the one
// chosen for it, else its unit's or the nearest above it (its agency's
// among them), else fallback (the installation's, else 800).
func kodeFor(ctx context.Context, tx *sql.Tx, sopID, unitID int64, fallback string) (string, error) {
	var k string
	if err := tx.QueryRowContext(ctx, `SELECT kode FROM sops WHERE id = $1`, sopID).Scan(&k); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	if k != "" {
		return k, nil
	}
	own, err := unitKodes(ctx, tx)
	if err != nil {
		return "", err
	}
	byID := map[int64]*esop.Unit{}
	rows, err := tx.QueryContext(ctx, `SELECT id, parent_id FROM units`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			u      esop.Unit
			parent sql.NullInt64
		)
		if err := rows.Scan(&u.ID, &parent); err != nil {
			return "", err
		}
		u.ParentID = parent.Int64
		byID[u.ID] = &u
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return esop.InheritedKode(unitID, byID, own, fallback), nil
}

// highestStored returns the highest counter of the year among the numbers
// stored that fill the template with the agency's unit code.
func highestStored(ctx context.Context, tx *sql.Tx, template, kodeUnit string, year int) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT number FROM sops WHERE number LIKE $1`, "%"+strconv.Itoa(year)+"%")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var numbers []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
		numbers = append(numbers, n)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	return esop.HighestCounter(template, kodeUnit, year, numbers), nil
}

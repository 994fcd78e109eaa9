package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/esop-malang/esop"
)

// Setting returns the value of a setting, or ENOTFOUND.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Pengaturan", "Setting", key)
		}
		return err
	})
	return v, err
}

// PutSetting stores the value of a setting, replacing any earlier one.
func (db *DB) PutSetting(ctx context.Context, key, value string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTime(db.now())
		var old string
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)`, key, value, now); err != nil {
				return err
			}
			if err := logSettingChange(ctx, tx); err != nil {
				return err
			}
			return db.audit(ctx, tx, esop.AuditCreate, esop.EntitySetting, key, nil, auditSetting(key, value))
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE settings SET value = $1, updated_at = $2 WHERE key = $3`, value, now, key); err != nil {
			return err
		}
		if err := logSettingChange(ctx, tx); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntitySetting, key, auditSetting(key, old), auditSetting(key, value))
	})
}

var _ esop.OfficeService = (*DB)(nil)

// OfficeContact returns the office contact stored for an agency; fields
// not set are empty. Agency 0 (the installation) has none.
func (db *DB) OfficeContact(ctx context.Context, agencyID int64) (esop.OfficeContact, error) {
	var c esop.OfficeContact
	if agencyID == 0 {
		return c, nil
	}
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		keys := make([]any, len(esop.OfficeKeys))
		for i, k := range esop.OfficeKeys {
			keys[i] = esop.AgencyKey(k, agencyID)
		}
		rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings WHERE key IN ($1, $2, $3, $4)`, keys...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			for _, base := range esop.OfficeKeys {
				if k == esop.AgencyKey(base, agencyID) {
					c.Set(base, v)
				}
			}
		}
		return rows.Err()
	})
	return c, err
}

// PutOfficeContact replaces an agency's office contact in one
// transaction: a field set is stored, an empty one removed; each change
// is audited. The office belongs to an agency, so agency 0 (the
// installation) and any unit that is not a perangkat daerah are refused
// with EINVALID.
func (db *DB) PutOfficeContact(ctx context.Context, agencyID int64, c esop.OfficeContact) error {
	c = c.Clean()
	if err := c.Check(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var kind string
		err := tx.QueryRowContext(ctx, `SELECT kind FROM units WHERE id = $1`, agencyID).Scan(&kind)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && kind != esop.UnitPerangkatDaerah) {
			return esop.Errorf(esop.EINVALID, "alamat kantor hanya untuk perangkat daerah; unit %d bukan perangkat daerah",
				"an office address belongs to an agency; unit %d is not a perangkat daerah", agencyID)
		}
		if err != nil {
			return err
		}
		values := c.Values()
		for _, base := range esop.OfficeKeys {
			if err := db.replaceSetting(ctx, tx, esop.AgencyKey(base, agencyID), values[base]); err != nil {
				return err
			}
		}
		return nil
	})
}

// replaceSetting stores value under key, or removes the key when value
// is empty, auditing a change; an unchanged value is left alone.
func (db *DB) replaceSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	var old string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&old)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	now := formatTime(db.now())
	switch {
	case exists && value == old, !exists && value == "":
		return nil
	}
	if err := logSettingChange(ctx, tx); err != nil {
		return err
	}
	switch {
	case value == "":
		if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = $1`, key); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditDelete, esop.EntitySetting, key, auditSetting(key, old), nil)
	case exists:
		if _, err := tx.ExecContext(ctx, `UPDATE settings SET value = $1, updated_at = $2 WHERE key = $3`, value, now, key); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntitySetting, key, auditSetting(key, old), auditSetting(key, value))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)`, key, value, now); err != nil {
		return err
	}
	return db.audit(ctx, tx, esop.AuditCreate, esop.EntitySetting, key, nil, auditSetting(key, value))
}

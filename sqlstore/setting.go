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
			return db.audit(ctx, tx, esop.AuditCreate, esop.EntitySetting, key, nil, auditSetting(key, value))
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE settings SET value = $1, updated_at = $2 WHERE key = $3`, value, now, key); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntitySetting, key, auditSetting(key, old), auditSetting(key, value))
	})
}

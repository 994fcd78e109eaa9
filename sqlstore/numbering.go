package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/esop-malang/esop"
)

var _ esop.NumberingService = (*DB)(nil)

// ownNumbering reads the numbering settings stored for one scope (agency
// 0: the installation). Values that are empty or not valid (written
// behind the store's back) count as not set.
func ownNumbering(ctx context.Context, tx *sql.Tx, agencyID int64) (esop.NumberingConfig, error) {
	var c esop.NumberingConfig
	keys := esop.NumberingKeys
	rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings WHERE key IN ($1, $2, $3)`,
		esop.AgencyKey(keys[0], agencyID), esop.AgencyKey(keys[1], agencyID), esop.AgencyKey(keys[2], agencyID))
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return c, err
		}
		switch k {
		case esop.AgencyKey(esop.SettingNumberTemplate, agencyID):
			if esop.CheckNumberTemplate(v) == nil {
				c.Template = v
			}
		case esop.AgencyKey(esop.SettingNumberKode, agencyID):
			c.Kode = v
		case esop.AgencyKey(esop.SettingReviewMonths, agencyID):
			if m, err := strconv.Atoi(v); err == nil && m >= 1 && m <= esop.MaxReviewMonths {
				c.ReviewMonths = m
			}
		}
	}
	return c, rows.Err()
}

// NumberingConfig returns the numbering template, classification code and
// review period that apply to an agency: its own settings, else the
// installation's, else the defaults.
func (db *DB) NumberingConfig(ctx context.Context, agencyID int64) (esop.NumberingConfig, error) {
	var c esop.NumberingConfig
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		c, err = db.numbering(ctx, tx, agencyID)
		return err
	})
	return c, err
}

// OwnNumberingConfig returns the settings stored for one scope only
// (agency 0: the installation); fields not set are zero.
func (db *DB) OwnNumberingConfig(ctx context.Context, agencyID int64) (esop.NumberingConfig, error) {
	var c esop.NumberingConfig
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		c, err = ownNumbering(ctx, tx, agencyID)
		return err
	})
	return c, err
}

// PutNumberingConfig replaces the numbering settings of one scope (agency
// 0: the installation) in one transaction: a field set is stored, a zero
// field removed so that it is inherited again. Each change is audited.
func (db *DB) PutNumberingConfig(ctx context.Context, agencyID int64, c esop.NumberingConfig) error {
	if err := c.Check(); err != nil {
		return err
	}
	values := map[string]string{esop.SettingNumberTemplate: c.Template, esop.SettingNumberKode: c.Kode}
	if c.ReviewMonths != 0 {
		values[esop.SettingReviewMonths] = strconv.Itoa(c.ReviewMonths)
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if agencyID != 0 {
			var kind string
			err := tx.QueryRowContext(ctx, `SELECT kind FROM units WHERE id = $1`, agencyID).Scan(&kind)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && kind != esop.UnitPerangkatDaerah) {
				return esop.Errorf(esop.EINVALID, "unit %d bukan perangkat daerah", "unit %d is not a perangkat daerah", agencyID)
			}
			if err != nil {
				return err
			}
		}
		now := formatTime(db.now())
		for _, base := range esop.NumberingKeys {
			key, value := esop.AgencyKey(base, agencyID), values[base]
			var old string
			err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&old)
			exists := err == nil
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			err = nil
			switch {
			case exists && value == old:
			case exists && value == "":
				if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = $1`, key); err != nil {
					return err
				}
				err = db.audit(ctx, tx, esop.AuditDelete, esop.EntitySetting, key, auditSetting(key, old), nil)
			case exists:
				if _, err := tx.ExecContext(ctx, `UPDATE settings SET value = $1, updated_at = $2 WHERE key = $3`, value, now, key); err != nil {
					return err
				}
				err = db.audit(ctx, tx, esop.AuditUpdate, esop.EntitySetting, key, auditSetting(key, old), auditSetting(key, value))
			case value != "":
				if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)`, key, value, now); err != nil {
					return err
				}
				err = db.audit(ctx, tx, esop.AuditCreate, esop.EntitySetting, key, nil, auditSetting(key, value))
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

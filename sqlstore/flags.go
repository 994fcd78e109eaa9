package sqlstore

import (
	"context"
	"database/sql"

	"github.com/esop-malang/esop"
)

var _ esop.FlagService = (*DB)(nil)

// flagCiting flags every SOP with an approved version (in force or due to
// be) that cites the regulation, unless it is flagged for it already.
func (db *DB) flagCiting(ctx context.Context, tx *sql.Tx, r *esop.Regulation) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT v.sop_id FROM version_regulations vr JOIN sop_versions v ON v.id = vr.version_id
		WHERE vr.regulation_id = $1 AND v.status = 'approved'
		AND NOT EXISTS (SELECT 1 FROM sop_flags f WHERE f.sop_id = v.sop_id AND f.regulation_id = $1 AND f.cleared_at = '')`, r.ID)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	now := formatTime(db.now())
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sop_flags (sop_id, regulation_id, status, changed_by, changed_on, flagged_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, id, r.ID, r.Status, r.ChangedBy, r.ChangedOn.String(), now); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, esop.AuditFlag, esop.EntitySOP, auditID(id), nil, map[string]any{"flag": map[string]any{
			"regulationId": r.ID, "regulation": r.Ref().String(), "status": r.Status, "changedBy": r.ChangedBy, "changedOn": r.ChangedOn.String()}}); err != nil {
			return err
		}
	}
	return nil
}

// clearFlags clears the open flags of an SOP, when a new version is approved.
func (db *DB) clearFlags(ctx context.Context, tx *sql.Tx, sopID int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE sop_flags SET cleared_at = $1 WHERE sop_id = $2 AND cleared_at = ''`, formatTime(db.now()), sopID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return db.audit(ctx, tx, esop.AuditClearFlags, esop.EntitySOP, auditID(sopID), map[string]any{"openFlags": n}, map[string]any{"openFlags": 0})
	}
	return nil
}

// FindFlags returns the open flags.
func (db *DB) FindFlags(ctx context.Context, sopID int64) ([]*esop.Flag, error) {
	var list []*esop.Flag
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		q := `SELECT f.id, f.sop_id, s.title, f.regulation_id, r.kind, r.number, r.year, r.title, f.status, f.changed_by, f.changed_on, f.flagged_at
			FROM sop_flags f JOIN sops s ON s.id = f.sop_id JOIN regulations r ON r.id = f.regulation_id
			WHERE f.cleared_at = '' AND ($1 = 0 OR f.sop_id = $1) ORDER BY f.flagged_at DESC, f.id DESC`
		rows, err := tx.QueryContext(ctx, q, sopID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				f             esop.Flag
				reg           esop.Regulation
				on, flaggedAt string
			)
			if err := rows.Scan(&f.ID, &f.SOPID, &f.SOPTitle, &f.RegulationID, &reg.Kind, &reg.Number, &reg.Year, &reg.Title,
				&f.Status, &f.ChangedBy, &on, &flaggedAt); err != nil {
				return err
			}
			f.Regulation, f.ChangedOn, f.FlaggedAt = reg.Ref().String(), parseDate(on), parseTime(flaggedAt)
			list = append(list, &f)
		}
		return rows.Err()
	})
	return list, err
}

package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/esop-malang/esop"
)

// Dismissals of overlap findings (esop.OverlapService): a finding is
// computed, never stored; what is stored is that someone judged it no
// problem, and why, under the finding's id.

// dismissalRecord is a dismissal as the audit trail keeps it.
type dismissalRecord struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// DismissFinding records a dismissal with its reason; audited.
func (db *DB) DismissFinding(ctx context.Context, d esop.Dismissal) error {
	d.Reason = strings.TrimSpace(d.Reason)
	if ps := esop.ValidateDismissal(d.Reason); len(ps) > 0 {
		e := esop.Errorf(esop.EINVALID, "Alasan tidak sah.", "The reason is not valid.")
		e.Problems = ps
		return e
	}
	if d.ID == "" {
		return esop.Errorf(esop.EINVALID, "Temuan tanpa id.", "A finding without an id.")
	}
	actor, _ := esop.ActorFrom(ctx)
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM overlap_dismissals WHERE id = $1`, d.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return esop.Errorf(esop.ECONFLICT, "Temuan ini sudah diabaikan.", "This finding is dismissed already.")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO overlap_dismissals (id, kind, reason, dismissed_by, dismissed_at) VALUES ($1, $2, $3, $4, $5)`,
			d.ID, d.Kind, d.Reason, actor, formatTime(db.now())); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditCreate, esop.EntityFinding, d.ID, nil, dismissalRecord{d.ID, d.Kind, d.Reason})
	})
}

// RestoreFinding removes a dismissal; audited.
func (db *DB) RestoreFinding(ctx context.Context, id string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var old dismissalRecord
		err := tx.QueryRowContext(ctx, `SELECT id, kind, reason FROM overlap_dismissals WHERE id = $1`, id).Scan(&old.ID, &old.Kind, &old.Reason)
		if errors.Is(err, sql.ErrNoRows) {
			return esop.Errorf(esop.ENOTFOUND, "Temuan ini tidak diabaikan.", "This finding is not dismissed.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM overlap_dismissals WHERE id = $1`, id); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditDelete, esop.EntityFinding, id, old, nil)
	})
}

// Dismissals returns every dismissal by finding id.
func (db *DB) Dismissals(ctx context.Context) (map[string]esop.Dismissal, error) {
	out := map[string]esop.Dismissal{}
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, kind, reason, dismissed_by, dismissed_at FROM overlap_dismissals`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				d  esop.Dismissal
				at string
			)
			if err := rows.Scan(&d.ID, &d.Kind, &d.Reason, &d.By, &at); err != nil {
				return err
			}
			d.At = parseTime(at)
			out[d.ID] = d
		}
		return rows.Err()
	})
	return out, err
}

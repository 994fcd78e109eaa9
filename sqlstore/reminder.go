package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/esop-malang/esop"
)

// RemindersSince returns the review reminders sent at or after since,
// oldest first.
func (db *DB) RemindersSince(ctx context.Context, since time.Time) ([]esop.ReminderSent, error) {
	var list []esop.ReminderSent
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT sop_id, username, kind, sent_at FROM reminders_sent WHERE sent_at >= $1 ORDER BY sent_at, sop_id, username`,
			formatTime(since))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				r  esop.ReminderSent
				at string
			)
			if err := rows.Scan(&r.SOPID, &r.Username, &r.Kind, &at); err != nil {
				return err
			}
			r.SentAt = parseTime(at)
			list = append(list, r)
		}
		return rows.Err()
	})
	return list, err
}

// RecordReminders records review reminders that were sent, in one
// transaction, each with an audit entry on its SOP (the recipient and
// the kind; never the message).
func (db *DB) RecordReminders(ctx context.Context, list []esop.ReminderSent) error {
	if len(list) == 0 {
		return nil
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for _, r := range list {
			if r.SentAt.IsZero() {
				r.SentAt = db.now()
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO reminders_sent (sop_id, username, kind, sent_at) VALUES ($1, $2, $3, $4)`,
				r.SOPID, r.Username, r.Kind, formatTime(r.SentAt)); err != nil {
				return err
			}
			if err := db.audit(ctx, tx, esop.AuditRemind, esop.EntitySOP, auditID(r.SOPID), nil,
				map[string]any{"username": r.Username, "kind": r.Kind}); err != nil {
				return err
			}
		}
		return nil
	})
}

package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// webhookSnap is what the audit trail records of a webhook: never its
// secret.
type webhookSnap struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
}

// CreateWebhook implements esop.WebhookService.
func (db *DB) CreateWebhook(ctx context.Context, rawURL string, events []string) (*esop.Webhook, error) {
	u, evs, err := esop.CheckWebhook(rawURL, events)
	if err != nil {
		return nil, err
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	actor, _ := esop.ActorFrom(ctx)
	w := &esop.Webhook{URL: u, Events: evs, Secret: hex.EncodeToString(secret), CreatedBy: actor, CreatedAt: db.now()}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO webhooks (url, events, secret, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			w.URL, strings.Join(w.Events, ","), w.Secret, w.CreatedBy, formatTime(w.CreatedAt)).Scan(&w.ID); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditCreate, esop.EntityWebhook, strconv.FormatInt(w.ID, 10), nil, webhookSnap{w.URL, w.Events})
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// FindWebhooks implements esop.WebhookService.
func (db *DB) FindWebhooks(ctx context.Context) ([]*esop.Webhook, error) {
	var out []*esop.Webhook
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, url, events, created_by, created_at FROM webhooks WHERE deleted_at = '' ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			w := &esop.Webhook{}
			var events, created string
			if err := rows.Scan(&w.ID, &w.URL, &events, &w.CreatedBy, &created); err != nil {
				return err
			}
			w.Events, w.CreatedAt = strings.Split(events, ","), parseTime(created)
			out = append(out, w)
		}
		return rows.Err()
	})
	return out, err
}

// DeleteWebhook implements esop.WebhookService.
func (db *DB) DeleteWebhook(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var old webhookSnap
		var events string
		err := tx.QueryRowContext(ctx, `SELECT url, events FROM webhooks WHERE id = $1 AND deleted_at = ''`, id).Scan(&old.URL, &events)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Webhook", "Webhook", id)
		}
		if err != nil {
			return err
		}
		old.Events = strings.Split(events, ",")
		now := formatTime(db.now())
		if _, err := tx.ExecContext(ctx, `UPDATE webhooks SET deleted_at = $1 WHERE id = $2`, now, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET status = 'failed', last_error = 'webhook deleted', updated_at = $1
			WHERE webhook_id = $2 AND status = 'pending'`, now, id); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditDelete, esop.EntityWebhook, strconv.FormatInt(id, 10), old, nil)
	})
}

// FindDeliveries implements esop.WebhookService.
func (db *DB) FindDeliveries(ctx context.Context, webhookID int64, limit int) ([]*esop.WebhookDelivery, error) {
	var out []*esop.WebhookDelivery
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries
			WHERE ($1 = 0 OR webhook_id = $1) ORDER BY id DESC LIMIT $2`, webhookID, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := scanDelivery(rows)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	return out, err
}

const deliveryColumns = `id, webhook_id, event, payload, status, attempts, last_code, last_error, created_at, updated_at`

func scanDelivery(r interface{ Scan(...any) error }) (*esop.WebhookDelivery, error) {
	d := &esop.WebhookDelivery{}
	var created, updated string
	if err := r.Scan(&d.ID, &d.WebhookID, &d.Event, &d.Payload, &d.Status, &d.Attempts, &d.LastCode, &d.LastError, &created, &updated); err != nil {
		return nil, err
	}
	d.CreatedAt, d.UpdatedAt = parseTime(created), parseTime(updated)
	return d, nil
}

// emitWebhook records event for every webhook subscribed to it, in the
// transaction of the change that caused it, so that the event is delivered
// exactly when the change is committed. data becomes the payload's event
// data, beside the event's name and time.
func (db *DB) emitWebhook(ctx context.Context, tx querier, event string, data map[string]any) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, events FROM webhooks WHERE deleted_at = ''`)
	if err != nil {
		return err
	}
	var hooks []int64
	for rows.Next() {
		var id int64
		var events string
		if err := rows.Scan(&id, &events); err != nil {
			rows.Close()
			return err
		}
		for _, e := range strings.Split(events, ",") {
			if e == event {
				hooks = append(hooks, id)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(hooks) == 0 {
		return err
	}
	now := db.now()
	for _, id := range hooks {
		var did int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO webhook_deliveries (webhook_id, event, payload, status, created_at, updated_at)
			VALUES ($1, $2, '', 'pending', $3, $3) RETURNING id`, id, event, formatTime(now)).Scan(&did); err != nil {
			return err
		}
		body, err := json.Marshal(map[string]any{"id": did, "event": event, "occurredAt": now.Format(time.RFC3339), "data": data})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET payload = $1 WHERE id = $2`, string(body), did); err != nil {
			return err
		}
	}
	return nil
}

// PendingDeliveries returns the IDs of up to limit deliveries not yet
// delivered nor given up, oldest first, for the job queue.
func (db *DB) PendingDeliveries(ctx context.Context, limit int) ([]int64, error) {
	var out []int64
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryIDs(ctx, tx, `SELECT id FROM webhook_deliveries WHERE status = 'pending' ORDER BY id LIMIT $1`, limit)
		return err
	})
	return out, err
}

// DeliveryTarget returns a delivery with the URL and secret of its
// webhook, for the job that sends it.
func (db *DB) DeliveryTarget(ctx context.Context, id int64) (d *esop.WebhookDelivery, url, secret string, err error) {
	err = db.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = scanDelivery(tx.QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Pengiriman webhook", "Webhook delivery", id)
		}
		if err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT url, secret FROM webhooks WHERE id = $1`, d.WebhookID).Scan(&url, &secret)
	})
	return d, url, secret, err
}

// RecordDelivery records an attempt of a pending delivery: its HTTP
// status (0 when none came) and error, and its new status (pending while
// it will be tried again).
func (db *DB) RecordDelivery(ctx context.Context, id int64, code int, errText, status string) error {
	if len(errText) > 500 {
		errText = errText[:500]
	}
	return db.run(ctx, db.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET attempts = attempts + 1, last_code = $1, last_error = $2, status = $3, updated_at = $4
			WHERE id = $5 AND status = 'pending'`, code, errText, status, formatTime(db.now()), id)
		return err
	})
}

-- Webhooks (issue 14, point 7): receivers an administrator registered for
-- events, and the log of every delivery. The secret signs the deliveries
-- (HMAC-SHA256); it is shown once when the webhook is made and never
-- again, but must be kept here to sign: a copy of the database holds it.
CREATE TABLE webhooks (
	id         INTEGER PRIMARY KEY,
	url        TEXT NOT NULL,
	events     TEXT NOT NULL,        -- the events, comma-separated
	secret     TEXT NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	deleted_at TEXT NOT NULL DEFAULT '' -- a deleted webhook keeps its log
);

-- One row per event and webhook, written in the transaction of the change
-- that caused the event (an outbox): the job queue delivers the pending
-- ones and records each attempt.
CREATE TABLE webhook_deliveries (
	id         INTEGER PRIMARY KEY,
	webhook_id INTEGER NOT NULL REFERENCES webhooks(id),
	event      TEXT NOT NULL,
	payload    TEXT NOT NULL,
	status     TEXT NOT NULL,        -- pending, delivered, failed
	attempts   INTEGER NOT NULL DEFAULT 0,
	last_code  INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(status, id);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries(webhook_id, id);

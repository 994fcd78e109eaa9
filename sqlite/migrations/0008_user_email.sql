-- The e-mail address a user's review reminders go to ('' for none).
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- The review reminders sent: at most one per SOP and user in 7 days.
CREATE TABLE reminders_sent (
	sop_id   INTEGER NOT NULL REFERENCES sops(id),
	username TEXT NOT NULL,
	kind     TEXT NOT NULL,
	sent_at  TEXT NOT NULL
);
CREATE INDEX reminders_sent_at ON reminders_sent(sent_at);

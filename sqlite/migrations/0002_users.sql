CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	employee_id   INTEGER REFERENCES employees(id),
	lang          TEXT NOT NULL DEFAULT '',
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL
);

CREATE TABLE user_grants (
	user_id INTEGER NOT NULL REFERENCES users(id),
	role    TEXT NOT NULL,
	unit_id INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (user_id, role, unit_id)
);

-- Only a SHA-256 hash of each session token is stored, so a copy of the
-- database does not let anyone sign in.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id),
	kind       TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

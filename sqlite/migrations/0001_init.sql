CREATE TABLE units (
	id           INTEGER PRIMARY KEY,
	key          TEXT NOT NULL UNIQUE,
	parent_id    INTEGER REFERENCES units(id),
	kind         TEXT NOT NULL,
	code         TEXT NOT NULL DEFAULT '',
	name         TEXT NOT NULL,
	valid_from   TEXT NOT NULL DEFAULT '',
	valid_to     TEXT NOT NULL DEFAULT '',
	successor_id INTEGER REFERENCES units(id)
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE positions (
	id         INTEGER PRIMARY KEY,
	key        TEXT NOT NULL UNIQUE,
	unit_id    INTEGER NOT NULL REFERENCES units(id),
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL DEFAULT '',
	valid_from TEXT NOT NULL DEFAULT '',
	valid_to   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX positions_unit ON positions(unit_id);

CREATE TABLE employees (
	id    INTEGER PRIMARY KEY,
	nip   TEXT NOT NULL UNIQUE,
	name  TEXT NOT NULL,
	rank  TEXT NOT NULL DEFAULT '',
	grade TEXT NOT NULL DEFAULT ''
);

CREATE TABLE assignments (
	id          INTEGER PRIMARY KEY,
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	position_id INTEGER NOT NULL REFERENCES positions(id),
	capacity    TEXT NOT NULL,
	date_from   TEXT NOT NULL DEFAULT '',
	date_to     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assignments_position ON assignments(position_id);
CREATE INDEX assignments_employee ON assignments(employee_id);

CREATE TABLE regulations (
	id         INTEGER PRIMARY KEY,
	key        TEXT NOT NULL UNIQUE,
	kind       TEXT NOT NULL DEFAULT '',
	number     TEXT NOT NULL DEFAULT '',
	year       INTEGER NOT NULL DEFAULT 0,
	title      TEXT NOT NULL DEFAULT '',
	status     TEXT NOT NULL DEFAULT 'berlaku',
	changed_by TEXT NOT NULL DEFAULT '',
	changed_on TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE sops (
	id         INTEGER PRIMARY KEY,
	number     TEXT UNIQUE,
	title      TEXT NOT NULL,
	agency     TEXT NOT NULL,
	unit       TEXT NOT NULL,
	category   TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE sop_versions (
	id           INTEGER PRIMARY KEY,
	sop_id       INTEGER NOT NULL REFERENCES sops(id),
	seq          INTEGER NOT NULL,
	status       TEXT NOT NULL,
	document     TEXT NOT NULL,
	content_hash TEXT NOT NULL,
	revision     INTEGER NOT NULL DEFAULT 1,
	note         TEXT NOT NULL DEFAULT '',
	created_by   TEXT NOT NULL DEFAULT '',
	updated_by   TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	UNIQUE (sop_id, seq)
);
CREATE INDEX sop_versions_status ON sop_versions(status);

CREATE TABLE version_regulations (
	version_id    INTEGER NOT NULL REFERENCES sop_versions(id),
	position      INTEGER NOT NULL,
	regulation_id INTEGER NOT NULL REFERENCES regulations(id),
	PRIMARY KEY (version_id, position)
);
CREATE INDEX version_regulations_regulation ON version_regulations(regulation_id);

-- A version that has left the draft stage never changes its content again;
-- the store checks this too, the trigger guards against any other writer.
CREATE TRIGGER sop_versions_frozen BEFORE UPDATE OF document, content_hash ON sop_versions
WHEN OLD.status NOT IN ('draft', 'returned')
BEGIN
	SELECT RAISE(ABORT, 'esop: version is frozen');
END;

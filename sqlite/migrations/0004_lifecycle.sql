-- The lifecycle of versions: what happened to each (events), reviewers'
-- comments, the counters of SOP numbers, and the columns that let the
-- store find the version in force without reading documents.
ALTER TABLE sop_versions ADD COLUMN effective TEXT NOT NULL DEFAULT '';
ALTER TABLE sop_versions ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';
UPDATE sop_versions SET effective = COALESCE(json_extract(document, '$.dates.effective'), '') WHERE status = 'approved';

CREATE TABLE version_events (
	id          INTEGER PRIMARY KEY,
	version_id  INTEGER NOT NULL REFERENCES sop_versions(id),
	action      TEXT NOT NULL,
	from_status TEXT NOT NULL DEFAULT '',
	to_status   TEXT NOT NULL DEFAULT '',
	actor       TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	at          TEXT NOT NULL
);
CREATE INDEX version_events_version ON version_events(version_id);

CREATE TABLE review_comments (
	id         INTEGER PRIMARY KEY,
	version_id INTEGER NOT NULL REFERENCES sop_versions(id),
	path       TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL,
	author     TEXT NOT NULL,
	at         TEXT NOT NULL
);
CREATE INDEX review_comments_version ON review_comments(version_id);

-- One counter per agency and year; a number once given is never given again.
CREATE TABLE number_counters (
	scope TEXT NOT NULL,
	year  INTEGER NOT NULL,
	last  INTEGER NOT NULL,
	PRIMARY KEY (scope, year)
);

-- Approval writes the signature, number and dates into the reviewed
-- document as it freezes it; nothing else may change a version that left
-- the draft stage.
DROP TRIGGER sop_versions_frozen;
CREATE TRIGGER sop_versions_frozen BEFORE UPDATE OF document, content_hash ON sop_versions
WHEN OLD.status NOT IN ('draft', 'returned') AND NOT (OLD.status = 'reviewed' AND NEW.status = 'approved')
BEGIN
	SELECT RAISE(ABORT, 'esop: version is frozen');
END;

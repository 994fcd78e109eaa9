-- The analyses of issue 13. The volume of an SOP in a year as its unit
-- entered it (units of output a year; the measured volume is counted from
-- the cases, never stored), and the overlap findings dismissed with a
-- reason (a finding's id is a hash of its kind and steps, so a dismissal
-- outlives the computation that found it).
CREATE TABLE sop_volumes (
	sop_id     INTEGER NOT NULL REFERENCES sops(id),
	year       INTEGER NOT NULL,
	volume     INTEGER NOT NULL CHECK (volume >= 0),
	updated_by TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	PRIMARY KEY (sop_id, year)
);

CREATE TABLE overlap_dismissals (
	id           TEXT PRIMARY KEY,
	kind         TEXT NOT NULL,
	reason       TEXT NOT NULL,
	dismissed_by TEXT NOT NULL DEFAULT '',
	dismissed_at TEXT NOT NULL
);

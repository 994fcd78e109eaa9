-- Monitoring and evaluation of the SOPs in force (Permenpan RB 35/2012):
-- one monitoring (Tabel 7) and one evaluation per SOP and half-year
-- period ("2026-S1", "2026-S2"). The assessor's user name and name are
-- kept as they were when recorded: they are the paraf penilai.
CREATE TABLE monitorings (
	id            INTEGER PRIMARY KEY,
	sop_id        INTEGER NOT NULL REFERENCES sops(id),
	version_id    INTEGER NOT NULL REFERENCES sop_versions(id),
	period        TEXT NOT NULL,
	result        TEXT NOT NULL CHECK (result IN ('baik', 'tidak-baik')),
	notes         TEXT NOT NULL DEFAULT '',
	actions       TEXT NOT NULL DEFAULT '',
	assessed_on   TEXT NOT NULL,
	assessor      TEXT NOT NULL,
	assessor_name TEXT NOT NULL DEFAULT '',
	revision      INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	UNIQUE (sop_id, period)
);
CREATE INDEX monitorings_period ON monitorings(period);

CREATE TABLE evaluations (
	id            INTEGER PRIMARY KEY,
	sop_id        INTEGER NOT NULL REFERENCES sops(id),
	version_id    INTEGER NOT NULL REFERENCES sop_versions(id),
	period        TEXT NOT NULL,
	c1            INTEGER NOT NULL CHECK (c1 IN (0, 1)),
	c2            INTEGER NOT NULL CHECK (c2 IN (0, 1)),
	c3            INTEGER NOT NULL CHECK (c3 IN (0, 1)),
	c4            INTEGER NOT NULL CHECK (c4 IN (0, 1)),
	c5            INTEGER NOT NULL CHECK (c5 IN (0, 1)),
	c6            INTEGER NOT NULL CHECK (c6 IN (0, 1)),
	c7            INTEGER NOT NULL CHECK (c7 IN (0, 1)),
	conclusion    TEXT NOT NULL CHECK (conclusion IN ('tetap', 'revisi', 'ganti', 'cabut')),
	notes         TEXT NOT NULL DEFAULT '',
	assessed_on   TEXT NOT NULL,
	assessor      TEXT NOT NULL,
	assessor_name TEXT NOT NULL DEFAULT '',
	draft_id      INTEGER REFERENCES sop_versions(id),
	revision      INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	UNIQUE (sop_id, period)
);
CREATE INDEX evaluations_period ON evaluations(period);

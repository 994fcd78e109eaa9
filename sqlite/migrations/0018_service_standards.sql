-- The register of service standards (standar pelayanan, PermenPANRB
-- 15/2014; issue 13 point 4): one standard per SOP, its fourteen
-- components as JSON (esop.ServiceComponents), a revision counted per
-- save for optimistic locking; every save is audited with the standard
-- before and after.
CREATE TABLE service_standards (
	id         INTEGER PRIMARY KEY,
	sop_id     INTEGER NOT NULL UNIQUE REFERENCES sops(id),
	name       TEXT NOT NULL,
	maklumat   TEXT NOT NULL DEFAULT '',
	components TEXT NOT NULL,
	revision   INTEGER NOT NULL DEFAULT 1,
	created_by TEXT NOT NULL DEFAULT '',
	updated_by TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

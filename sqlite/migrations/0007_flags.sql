-- SOPs that need review (perlu ditinjau) because a regulation they cite
-- was amended or revoked; a flag is cleared when a new version of the
-- SOP is approved.
CREATE TABLE sop_flags (
	id            INTEGER PRIMARY KEY,
	sop_id        INTEGER NOT NULL REFERENCES sops(id),
	regulation_id INTEGER NOT NULL REFERENCES regulations(id),
	status        TEXT NOT NULL,
	changed_by    TEXT NOT NULL DEFAULT '',
	changed_on    TEXT NOT NULL DEFAULT '',
	flagged_at    TEXT NOT NULL,
	cleared_at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sop_flags_sop ON sop_flags(sop_id);

-- Several servers on one database (issue 14, point 1).
--
-- The catalogue and search index of every server follow the changes of
-- the others through this log: each write to an SOP, one of its versions
-- or the search synonyms takes the next generation number from the one
-- row of catalogue_generation and records which SOP it changed (0: the
-- synonyms, after which a server rebuilds everything). A server polls the
-- generation and reindexes the SOPs changed since the one it has. The
-- counter's row is locked by a writer until it commits, so generations
-- commit in order and a reader never skips one committed late.
CREATE TABLE catalogue_generation (
	id  INTEGER PRIMARY KEY CHECK (id = 1),
	gen INTEGER NOT NULL
);
INSERT INTO catalogue_generation (id, gen) VALUES (1, 0);

CREATE TABLE catalogue_changes (
	gen    INTEGER PRIMARY KEY,
	sop_id INTEGER NOT NULL
);

CREATE TRIGGER sops_changed_insert AFTER INSERT ON sops
BEGIN
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1;
	INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, NEW.id FROM catalogue_generation WHERE id = 1;
END;
CREATE TRIGGER sops_changed_update AFTER UPDATE ON sops
BEGIN
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1;
	INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, NEW.id FROM catalogue_generation WHERE id = 1;
END;
CREATE TRIGGER sops_changed_delete AFTER DELETE ON sops
BEGIN
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1;
	INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, OLD.id FROM catalogue_generation WHERE id = 1;
END;
CREATE TRIGGER sop_versions_changed_insert AFTER INSERT ON sop_versions
BEGIN
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1;
	INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, NEW.sop_id FROM catalogue_generation WHERE id = 1;
END;
CREATE TRIGGER sop_versions_changed_update AFTER UPDATE ON sop_versions
BEGIN
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1;
	INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, NEW.sop_id FROM catalogue_generation WHERE id = 1;
END;
CREATE TRIGGER sop_versions_changed_delete AFTER DELETE ON sop_versions
BEGIN
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1;
	INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, OLD.sop_id FROM catalogue_generation WHERE id = 1;
END;
CREATE TRIGGER synonyms_changed_insert AFTER INSERT ON synonyms
BEGIN
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1;
	INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, 0 FROM catalogue_generation WHERE id = 1;
END;
CREATE TRIGGER synonyms_changed_update AFTER UPDATE ON synonyms
BEGIN
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1;
	INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, 0 FROM catalogue_generation WHERE id = 1;
END;
CREATE TRIGGER synonyms_changed_delete AFTER DELETE ON synonyms
BEGIN
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1;
	INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, 0 FROM catalogue_generation WHERE id = 1;
END;

-- The counters of the login throttle (web/limiter.go), shared by every
-- server: kind 0 an account, 1 a client address, 2 a device cookie.
-- n failures not yet forgotten at last_at; expires_at is when all are
-- forgotten, after which the row is deleted.
CREATE TABLE login_counters (
	kind       INTEGER NOT NULL,
	name       TEXT NOT NULL,
	n          INTEGER NOT NULL,
	last_at    TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	PRIMARY KEY (kind, name)
);
CREATE INDEX login_counters_expires ON login_counters(expires_at);

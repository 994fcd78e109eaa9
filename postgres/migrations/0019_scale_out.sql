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
	gen BIGINT NOT NULL
);
INSERT INTO catalogue_generation (id, gen) VALUES (1, 0);

CREATE TABLE catalogue_changes (
	gen    BIGINT PRIMARY KEY,
	sop_id BIGINT NOT NULL
);

CREATE FUNCTION catalogue_changed() RETURNS trigger AS $$
DECLARE
	g   BIGINT;
	sop BIGINT;
BEGIN
	IF TG_TABLE_NAME = 'synonyms' THEN
		sop := 0;
	ELSIF TG_TABLE_NAME = 'sops' THEN
		IF TG_OP = 'DELETE' THEN sop := OLD.id; ELSE sop := NEW.id; END IF;
	ELSE
		IF TG_OP = 'DELETE' THEN sop := OLD.sop_id; ELSE sop := NEW.sop_id; END IF;
	END IF;
	UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1 RETURNING gen INTO g;
	INSERT INTO catalogue_changes (gen, sop_id) VALUES (g, sop);
	RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER sops_changed AFTER INSERT OR UPDATE OR DELETE ON sops
FOR EACH ROW EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER sop_versions_changed AFTER INSERT OR UPDATE OR DELETE ON sop_versions
FOR EACH ROW EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER synonyms_changed AFTER INSERT OR UPDATE OR DELETE ON synonyms
FOR EACH ROW EXECUTE FUNCTION catalogue_changed();

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

-- The audit trail: every change to every record, append-only and hash-chained
-- (see audit.go at the module root for the hash). seq is assigned from
-- audit_head, whose row each writing transaction locks and updates, so
-- that concurrent writers cannot fork the chain and entries are numbered
-- without gaps in commit order.
CREATE TABLE audit_log (
	seq         BIGINT PRIMARY KEY,
	at          TEXT NOT NULL,
	actor       TEXT NOT NULL DEFAULT '',
	address     TEXT NOT NULL DEFAULT '',
	action      TEXT NOT NULL,
	entity      TEXT NOT NULL,
	entity_id   TEXT NOT NULL DEFAULT '',
	before_data TEXT NOT NULL DEFAULT '',
	after_data  TEXT NOT NULL DEFAULT '',
	prev_hash   TEXT NOT NULL,
	hash        TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor);
CREATE INDEX audit_log_at ON audit_log(at);

-- The end of the chain: its last sequence number and hash, one row.
CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- The application never changes or removes an entry; these triggers refuse
-- it from anyone else too. Someone who disables them can still rewrite
-- the table, which is what the hash chain and `esop audit verify` are for.
CREATE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN
	IF TG_TABLE_NAME = 'audit_head' AND TG_OP = 'UPDATE' THEN
		IF NEW.seq >= OLD.seq THEN
			RETURN NEW;
		END IF;
	END IF;
	RAISE EXCEPTION 'esop: the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- What the owner of a session or API token sees of it on their account
-- page: the first characters of the secret, to recognise it ('' for
-- tokens issued before), and when it was last used, to within ten
-- minutes ('' for never). The secret itself is still kept only hashed.
ALTER TABLE sessions ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN last_used_at TEXT NOT NULL DEFAULT '';

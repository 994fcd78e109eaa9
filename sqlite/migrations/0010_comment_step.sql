-- A reviewer's comment on a row keeps the id of the step it is about, so
-- that the editor still shows it beside that row after the author has
-- inserted, moved or deleted rows above it ('' for comments on a field,
-- on the whole version, or made before this column existed).
ALTER TABLE review_comments ADD COLUMN step TEXT NOT NULL DEFAULT '';

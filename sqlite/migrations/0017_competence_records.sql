-- Employees' competence records (issue 13, point 2): the trainings they
-- attended and the certificates they hold, each of a kind of PermenPANRB
-- 38/2017, with the day obtained and, for what lapses, the day it
-- expires ('' when it does not). Matched against the competences their
-- positions need to give the gaps and the training needs.
CREATE TABLE competence_records (
	id          INTEGER PRIMARY KEY,
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	type        TEXT NOT NULL CHECK (type IN ('training', 'certificate')),
	title       TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('teknis', 'manajerial', 'sosial-kultural')),
	issuer      TEXT NOT NULL DEFAULT '',
	held_on     TEXT NOT NULL,
	expires_on  TEXT NOT NULL DEFAULT '',
	evidence    TEXT NOT NULL DEFAULT '',
	updated_by  TEXT NOT NULL DEFAULT '',
	updated_at  TEXT NOT NULL
);
CREATE INDEX competence_records_employee ON competence_records (employee_id);

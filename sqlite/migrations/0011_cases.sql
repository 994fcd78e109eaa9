-- Running SOPs: the working calendars, absences, each SOP's operational
-- settings, and the cases with their tasks, assignees and history.

-- An agency's working week (agency_id 0: the installation's default).
CREATE TABLE calendar_settings (
	agency_id  INTEGER PRIMARY KEY,
	zone       TEXT NOT NULL,
	days       TEXT NOT NULL, -- weekdays as digits, 0 = Sunday: "12345"
	opens      TEXT NOT NULL, -- "08:00"
	closes     TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- Non-working dates: libur nasional and cuti bersama (seeded from the
-- shipped SKB data, one year at a time, recorded in holiday_years) and
-- regional dates the administrator adds.
CREATE TABLE holidays (
	date   TEXT PRIMARY KEY,
	kind   TEXT NOT NULL CHECK (kind IN ('libur', 'cuti_bersama', 'daerah')),
	name   TEXT NOT NULL,
	source TEXT NOT NULL DEFAULT ''
);
CREATE TABLE holiday_years (
	year      INTEGER PRIMARY KEY,
	seeded_at TEXT NOT NULL
);
-- Grows with every change of a calendar, so that servers know when to
-- reload the one they keep in memory.
CREATE TABLE calendar_revision (
	id  INTEGER PRIMARY KEY CHECK (id = 1),
	rev INTEGER NOT NULL
);
INSERT INTO calendar_revision (id, rev) VALUES (1, 0);

CREATE TABLE absences (
	id          INTEGER PRIMARY KEY,
	employee_id INTEGER NOT NULL REFERENCES employees(id),
	date_from   TEXT NOT NULL,
	date_to     TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('cuti', 'dinas_luar', 'sakit')),
	created_by  TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
);
CREATE INDEX absences_employee ON absences(employee_id, date_to);

-- How an SOP is run, beside its versions: the approved text never
-- changes for it (esop.RunSettings as JSON).
CREATE TABLE sop_run_settings (
	sop_id     INTEGER PRIMARY KEY REFERENCES sops(id),
	settings   TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE cases (
	id                INTEGER PRIMARY KEY,
	code              TEXT NOT NULL UNIQUE,
	sop_id            INTEGER NOT NULL REFERENCES sops(id),
	version_id        INTEGER NOT NULL REFERENCES sop_versions(id),
	unit_id           INTEGER NOT NULL DEFAULT 0,
	agency_id         INTEGER NOT NULL DEFAULT 0,
	day_count         TEXT NOT NULL,
	applicant_name    TEXT NOT NULL DEFAULT '',
	applicant_contact TEXT NOT NULL DEFAULT '',
	received_at       TEXT NOT NULL,
	due               TEXT NOT NULL DEFAULT '',
	state             TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
	closed_at         TEXT NOT NULL DEFAULT '',
	closed_by         INTEGER REFERENCES users(id),
	reason            TEXT NOT NULL DEFAULT '',
	started_by        INTEGER NOT NULL REFERENCES users(id),
	created_at        TEXT NOT NULL,
	rev               INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_sop ON cases(sop_id, id);
CREATE INDEX cases_unit ON cases(unit_id, id);
CREATE INDEX cases_state ON cases(state, id);

-- One row per task. sort_due is the due, or '9999' when the step has
-- none, so that open work orders by due with those last; assignee_key
-- names the assignees and the delegation, to find the tasks a change of
-- the organisation moves; notice_at is when the next SLA notice is due.
CREATE TABLE case_tasks (
	case_id      INTEGER NOT NULL REFERENCES cases(id),
	task_no      INTEGER NOT NULL,
	step         TEXT NOT NULL,
	activity     TEXT NOT NULL,
	actor        TEXT NOT NULL,
	position     TEXT NOT NULL DEFAULT '',
	external     INTEGER NOT NULL DEFAULT 0,
	recorded_by  TEXT NOT NULL DEFAULT '',
	unit_id      INTEGER NOT NULL DEFAULT 0,
	opened_at    TEXT NOT NULL,
	due          TEXT NOT NULL DEFAULT '',
	sort_due     TEXT NOT NULL,
	state        TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
	delegated    INTEGER NOT NULL DEFAULT 0,
	assignee_key TEXT NOT NULL DEFAULT '',
	completed_by INTEGER REFERENCES users(id),
	completed_at TEXT NOT NULL DEFAULT '',
	decision     TEXT NOT NULL DEFAULT '',
	checklist    TEXT NOT NULL DEFAULT '',
	output       TEXT NOT NULL DEFAULT '',
	note         TEXT NOT NULL DEFAULT '',
	notice_at    TEXT NOT NULL DEFAULT '',
	notice_kind  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (case_id, task_no)
);
CREATE INDEX case_tasks_unit_open ON case_tasks(unit_id, sort_due, case_id, task_no) WHERE state = 'open';
CREATE INDEX case_tasks_position_open ON case_tasks(position, assignee_key) WHERE state = 'open';
CREATE INDEX case_tasks_notice ON case_tasks(notice_at) WHERE state = 'open' AND notice_at <> '';

-- Who may do each task; kept (open = 0) once the task is closed.
CREATE TABLE case_task_assignees (
	case_id  INTEGER NOT NULL,
	task_no  INTEGER NOT NULL,
	user_id  INTEGER NOT NULL REFERENCES users(id),
	open     INTEGER NOT NULL DEFAULT 1,
	sort_due TEXT NOT NULL,
	PRIMARY KEY (case_id, task_no, user_id),
	FOREIGN KEY (case_id, task_no) REFERENCES case_tasks(case_id, task_no)
);
CREATE INDEX case_task_assignees_inbox ON case_task_assignees(user_id, sort_due, case_id, task_no) WHERE open = 1;

-- The history of each case, append-only: who did what and when.
CREATE TABLE case_events (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id),
	task_no INTEGER NOT NULL DEFAULT 0,
	kind    TEXT NOT NULL,
	actor   TEXT NOT NULL DEFAULT '',
	at      TEXT NOT NULL,
	data    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id, id);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
	SELECT RAISE(ABORT, 'esop: case events are append-only');
END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
	SELECT RAISE(ABORT, 'esop: case events are append-only');
END;

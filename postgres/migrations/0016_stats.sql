-- Performance figures kept up to date as tasks complete (issue 12), so
-- that a dashboard never scans the tasks: per unit, month, SOP, step,
-- position and employee, and per bucket of time on a log scale (four
-- buckets per doubling of 1 + working minutes: see esop.StatBucket), the
-- counts and sums of the tasks done. Times are working seconds as the
-- agency's calendar counts them. Rebuilt from the cases by RebuildStats.
CREATE TABLE stat_tasks (
	unit_id     BIGINT NOT NULL,  -- the case's unit
	month       TEXT NOT NULL,    -- YYYY-MM of completion, in the agency's zone
	sop_id      BIGINT NOT NULL,
	step        TEXT NOT NULL,
	position    TEXT NOT NULL,
	employee_id BIGINT NOT NULL, -- of who completed it; 0 for an account without one
	bucket      INTEGER NOT NULL, -- esop.StatBucket of the task's working time
	tasks       BIGINT NOT NULL,
	on_time     BIGINT NOT NULL, -- done by the due
	late        BIGINT NOT NULL, -- done after it (tasks without a time are neither)
	delegated   BIGINT NOT NULL, -- done by a Plt/Plh or superior for an absent holder
	external    BIGINT NOT NULL, -- steps of the applicant (waiting, not working)
	work_secs   BIGINT NOT NULL, -- working time of the internal tasks
	wait_secs   BIGINT NOT NULL, -- working time of the external tasks
	std_secs    BIGINT NOT NULL, -- the standard (opening to due) of the timed tasks
	over_secs   BIGINT NOT NULL, -- working time past the due of the late tasks
	PRIMARY KEY (unit_id, month, sop_id, step, position, employee_id, bucket)
);
CREATE INDEX stat_tasks_employee ON stat_tasks(employee_id, month);

-- Cases: bucket -1 holds the cases started (by month of receipt) and
-- cancelled (by month of cancellation); the other buckets the cases
-- finished in the month by their cycle time.
CREATE TABLE stat_cases (
	unit_id    BIGINT NOT NULL,
	month      TEXT NOT NULL,
	sop_id     BIGINT NOT NULL,
	bucket     INTEGER NOT NULL,
	started    BIGINT NOT NULL,
	cancelled  BIGINT NOT NULL,
	finished   BIGINT NOT NULL,
	on_time    BIGINT NOT NULL,
	late       BIGINT NOT NULL,
	cycle_secs BIGINT NOT NULL,
	std_secs   BIGINT NOT NULL,
	PRIMARY KEY (unit_id, month, sop_id, bucket)
);

-- Shards of the performance aggregates (issue 11, completion speed).
-- The completions of one step in one month all added to one row of
-- stat_steps (and of one official to one of stat_tasks, the cases of one
-- SOP to one of stat_cases). On PostgreSQL that row stays locked from a
-- transaction's UPSERT to its commit, so transactions running side by
-- side waited for each other's WAL flush there, one after the other. A
-- key may now have several rows, one per shard; each concurrent batch of
-- completions adds to its own shard, and every reader sums the shards
-- (the dashboards already sum rows with GROUP BY). RebuildStats writes
-- shard 0. SQLite (one writer) always writes shard 0.

ALTER TABLE stat_steps ADD COLUMN shard SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE stat_steps DROP CONSTRAINT stat_steps_pkey;
ALTER TABLE stat_steps ADD PRIMARY KEY (unit_id, month, sop_id, step, shard);

ALTER TABLE stat_tasks ADD COLUMN shard SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE stat_tasks DROP CONSTRAINT stat_tasks_pkey;
ALTER TABLE stat_tasks ADD PRIMARY KEY (unit_id, month, sop_id, step, position, employee_id, shard);

ALTER TABLE stat_cases ADD COLUMN shard SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE stat_cases DROP CONSTRAINT stat_cases_pkey;
ALTER TABLE stat_cases ADD PRIMARY KEY (unit_id, month, sop_id, shard);

package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/esop-malang/esop/jobs"
	"github.com/esop-malang/esop/remind"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/web"
)

// migrateJobs creates or updates the job queue's tables in db.
func migrateJobs(ctx context.Context, db *sqlstore.DB) error {
	return jobs.Migrate(ctx, db.SQL(), db.Dialect().Name())
}

// startJobs starts the job queue of this server on db: the hourly sweep
// of superseded versions (after which app's catalogue follows), the
// review reminders and SLA notices by e-mail when mail is set, and the
// daily hand-over of tasks. Stop it before db closes.
func startJobs(ctx context.Context, db *sqlstore.DB, app *web.Server, mail remind.SMTP, base string, log *slog.Logger) (*jobs.Queue, error) {
	q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: db.Dialect().Name(), Store: db, Cases: db,
		SMTP: mail, BaseURL: base, Refresh: app.Refresh, Log: log, Webhooks: db})
	if err != nil {
		return nil, err
	}
	return q, q.Start(ctx)
}

// stopJobs stops the queue, leaving the jobs running 20 s to finish.
func stopJobs(q *jobs.Queue, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := q.Stop(ctx); err != nil {
		log.Error("stopping the job queue", "err", err)
	}
}

// refreshCatalogue rebuilds this server's catalogue every hour, for the
// versions that came into force by date (the changes of other servers
// come every 250 ms: web.Server.FollowChanges). It is this server's cache, not work on the
// database: every server does it for itself, so it is not a job (a job
// runs on one server).
func refreshCatalogue(ctx context.Context, app *web.Server, log *slog.Logger) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := app.Refresh(ctx); err != nil && ctx.Err() == nil {
			log.Error("refreshing the catalogue", "err", err)
		}
	}
}

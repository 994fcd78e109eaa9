// Package jobs runs the background work of e-SOP — the hourly sweep of
// superseded versions, the daily review reminders, the SLA notices of
// running cases and the daily hand-over of tasks of absent staff — on a
// durable job queue, github.com/riverqueue/river, kept in the
// application's own database: SQLite (driver riversqlite) or PostgreSQL
// (driver riverdatabasesql, over the same database/sql pool the store
// uses).
//
// A job is a row in River's tables (river_job and its companions,
// created by Migrate), so work inserted before a stop is done after the
// next start. The periodic jobs are inserted only by the elected leader
// of the servers sharing a database, and each is unique for its period,
// so it runs once however many servers there are and however often they
// restart. Each e-mail is a job of its own, unique for what it says and
// retried with backoff when the mail server fails.
//
// The package answers no request and knows no HTTP; `esop serve` starts a
// Queue beside the web server and stops it before the database closes.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/remind"
)

// Store is what the jobs need of the database in every installation: the
// sweep of superseded versions and what the review reminders read and
// record.
type Store interface {
	remind.Store
	// SweepSuperseded marks as superseded every approved version that a
	// later one has replaced by now, and returns how many it marked.
	SweepSuperseded(ctx context.Context) (int, error)
}

// CaseStore is what the jobs need of the running cases: the SLA notices
// due and the daily hand-over of tasks. sqlstore.DB implements it.
type CaseStore interface {
	// TasksNeedingNotice returns up to limit open tasks whose at-risk or
	// breach notice is due at now, oldest first, each with the people to
	// tell and their addresses.
	TasksNeedingNotice(ctx context.Context, now time.Time, limit int) ([]*esop.TaskNotice, error)
	// MarkNoticed records that the notice of kind of a task was handed
	// to the queue, so that TasksNeedingNotice does not return it again
	// (after the at-risk notice, the breach is the next one).
	MarkNoticed(ctx context.Context, caseID, taskID int64, kind string) error
	// ReassignOpenTasks gives every open task to whoever acts for its
	// position on day and returns how many tasks moved.
	ReassignOpenTasks(ctx context.Context, day esop.Date) (int, error)
}

// Config is what a Queue is made of.
type Config struct {
	// DB is the application's database: on SQLite its one writer
	// connection (sqlstore.DB.SQL), so that River's writes queue with the
	// application's instead of failing as busy; on PostgreSQL its pool.
	DB *sql.DB
	// Dialect is "sqlite" or "postgres".
	Dialect string
	// Store is swept and read by the jobs; required.
	Store Store
	// Cases, when not nil, gets the SLA notices (with SMTP set) and the
	// daily hand-over of tasks.
	Cases CaseStore
	// SMTP is the mail server; unset turns the e-mails off (the review
	// reminders and SLA notices are then not even chosen).
	SMTP remind.SMTP
	// BaseURL is the site's public address, linked from the e-mails.
	BaseURL string
	// Refresh, when not nil, is called after a sweep superseded versions
	// (the web catalogue of this server follows at once).
	Refresh func(context.Context) error
	// Log receives what the jobs did; nil discards it. River's own
	// messages go to it from level Warn up.
	Log *slog.Logger
	// Now is the clock of the jobs' own decisions (which day it is, what
	// is due); nil is time.Now. River keeps its own time.
	Now func() time.Time
	// ID names this server among those sharing the database; "" lets
	// River make one from the host name and the time.
	ID string
	// Webhooks, when not nil, delivers the webhook events it records
	// (webhook.go), and the SLA scan runs even without e-mail, for the
	// breach events.
	Webhooks WebhookStore
	// WebhookBackoff replaces DefaultWebhookBackoff (tests).
	WebhookBackoff []time.Duration
	// WebhookAllowLoopback lets deliveries go to this machine (tests,
	// or a receiver on the same host); off, they are refused.
	WebhookAllowLoopback bool
	// Poll tunes how often the queue looks for work; zero values take
	// the dialect's defaults (DefaultPoll).
	Poll Poll
}

// Poll is how often a Queue looks in its tables for work it did not
// insert itself (a retry coming due, a job another server inserted).
// Jobs this server inserts are fetched at once, without waiting.
type Poll struct {
	// Interval is the longest wait between two fetches.
	Interval time.Duration
	// Cooldown is the shortest wait between two fetches.
	Cooldown time.Duration
}

// DefaultPoll returns the polling of a dialect. SQLite has one writer
// connection, shared with the application, and one server: only retries
// come due without a local insert, and the scheduler finds those every
// 5 s anyway, so a fetch every 5 s (at most one each 250 ms) is enough
// and leaves the connection to the application. PostgreSQL has a pool
// and possibly other servers inserting, and riverdatabasesql cannot
// LISTEN: River's defaults, a fetch every second, at most one each
// 100 ms.
func DefaultPoll(dialect string) Poll {
	if dialect == "sqlite" {
		return Poll{Interval: 5 * time.Second, Cooldown: 250 * time.Millisecond}
	}
	return Poll{Interval: river.FetchPollIntervalDefault, Cooldown: river.FetchCooldownDefault}
}

// Queue is the job queue of one server. Make it with New, then Start it;
// Stop it before the database closes.
type Queue struct {
	cfg    Config
	client *river.Client[*sql.Tx]
	log    *slog.Logger

	webhookOnce sync.Once
	webhooks    *http.Client // webhookClient
}

// Queue settings. One queue, a few workers: the work is small (a sweep,
// a query, an e-mail) and SQLite has one writer.
const (
	queueName   = river.QueueDefault
	workers     = 4
	mailTries   = 12 // River's backoff (attempt⁴ s) spreads 12 tries over about 11 hours
	mailTimeout = 3 * time.Minute
	stopTimeout = 10 * time.Second
)

// driver returns River's driver for the dialect.
func driver(db *sql.DB, dialect string) (riverdriver.Driver[*sql.Tx], error) {
	switch dialect {
	case "sqlite":
		return riversqlite.New(db), nil
	case "postgres":
		return riverdatabasesql.New(db), nil
	}
	return nil, fmt.Errorf("jobs: unknown dialect %q (sqlite, postgres)", dialect)
}

// New makes the queue of cfg, with its workers and periodic jobs. The
// tables must exist (Migrate).
func New(cfg Config) (*Queue, error) {
	if cfg.DB == nil || cfg.Store == nil {
		return nil, errors.New("jobs: Config.DB and Config.Store are required")
	}
	drv, err := driver(cfg.DB, cfg.Dialect)
	if err != nil {
		return nil, err
	}
	q := &Queue{cfg: cfg, log: cfg.Log}
	if q.log == nil {
		q.log = slog.New(slog.DiscardHandler)
	}
	poll := cfg.Poll
	def := DefaultPoll(cfg.Dialect)
	if poll.Interval == 0 {
		poll.Interval = def.Interval
	}
	if poll.Cooldown == 0 {
		poll.Cooldown = min(def.Cooldown, poll.Interval)
	}
	w := river.NewWorkers()
	q.addWorkers(w)
	q.client, err = river.NewClient(drv, &river.Config{
		ID:                cfg.ID,
		Logger:            slog.New(atLeast{q.log.Handler(), slog.LevelWarn}),
		Queues:            map[string]river.QueueConfig{queueName: {MaxWorkers: workers}},
		Workers:           w,
		PeriodicJobs:      q.periodicJobs(),
		FetchPollInterval: poll.Interval,
		FetchCooldown:     poll.Cooldown,
		// A job still running 10 s after the server is told to stop is
		// cancelled; it runs again after the next start.
		SoftStopTimeout: stopTimeout,
	})
	if err != nil {
		return nil, err
	}
	return q, nil
}

// addWorkers registers the worker of every kind of job.
func (q *Queue) addWorkers(w *river.Workers) {
	river.AddWorker(w, &sweepWorker{q: q})
	river.AddWorker(w, &reviewPlanWorker{q: q})
	river.AddWorker(w, &reviewMailWorker{q: q})
	river.AddWorker(w, &slaScanWorker{q: q})
	river.AddWorker(w, &slaMailWorker{q: q})
	river.AddWorker(w, &reassignWorker{q: q})
	river.AddWorker(w, &webhookDispatchWorker{q: q})
	river.AddWorker(w, &webhookDeliverWorker{q: q})
}

// Start starts working jobs until Stop is called, and logs that the queue
// started and which work it does. The queue outlives ctx (which only
// carries its values): stop it with Stop, so that the jobs running get
// their time to finish before the database closes.
func (q *Queue) Start(ctx context.Context) error {
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	q.log.Info("job queue started", "db", q.cfg.Dialect, "poll", q.pollInterval(), "periodic", q.periodicNames())
	if q.cfg.SMTP.Enabled() {
		q.log.Info("e-mail reminders of review dates are on", "smtp", q.cfg.SMTP, "base_url", q.cfg.BaseURL)
	} else {
		q.log.Info("e-mail reminders of review dates are off: ESOP_SMTP_ADDR is not set")
	}
	return nil
}

// Stop stops taking jobs and waits for those running, at most 10 s
// before cancelling them (they run again after the next start), or until
// ctx ends.
func (q *Queue) Stop(ctx context.Context) error {
	err := q.client.Stop(ctx)
	if err == nil {
		q.log.Info("job queue stopped")
	}
	return err
}

func (q *Queue) pollInterval() time.Duration {
	if q.cfg.Poll.Interval != 0 {
		return q.cfg.Poll.Interval
	}
	return DefaultPoll(q.cfg.Dialect).Interval
}

func (q *Queue) now() time.Time {
	if q.cfg.Now != nil {
		return q.cfg.Now()
	}
	return time.Now()
}

// Migrate creates or updates River's tables in the database (river_job,
// river_leader, river_queue, river_client, river_migration and their
// companions). It is safe to run at every start; on PostgreSQL servers
// starting together take turns.
func Migrate(ctx context.Context, db *sql.DB, dialect string) error {
	drv, err := driver(db, dialect)
	if err != nil {
		return err
	}
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	if dialect == "postgres" {
		unlock, err := advisoryLock(ctx, db)
		if err != nil {
			return err
		}
		defer unlock()
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("job queue tables: %w", err)
	}
	return nil
}

// migrateLock is the PostgreSQL advisory lock that servers migrating at
// the same time take turns on ("esop-jobs" in ASCII).
const migrateLock = 0x65736f702d6a6f62

// advisoryLock holds migrateLock on a connection of its own until unlock.
func advisoryLock(ctx context.Context, db *sql.DB) (unlock func(), err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLock)); err != nil {
		conn.Close()
		return nil, err
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrateLock))
		conn.Close()
	}, nil
}

// atLeast passes on the records of its handler from level min up.
type atLeast struct {
	slog.Handler
	min slog.Level
}

func (h atLeast) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h atLeast) WithAttrs(a []slog.Attr) slog.Handler {
	return atLeast{h.Handler.WithAttrs(a), h.min}
}

func (h atLeast) WithGroup(name string) slog.Handler {
	return atLeast{h.Handler.WithGroup(name), h.min}
}

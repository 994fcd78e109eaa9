package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/esop-malang/esop"
)

// ReassignArgs is the daily job that gives the open tasks of staff away
// that day (leave, travel, sickness) to whoever acts for them, and back
// when they return. It is unique for its day in WIB.
type ReassignArgs struct {
	Day string `json:"day"` // YYYY-MM-DD, WIB
}

// Kind returns "reassign_tasks".
func (ReassignArgs) Kind() string { return "reassign_tasks" }

// InsertOpts makes the hand-over unique for its day.
func (ReassignArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type reassignWorker struct {
	river.WorkerDefaults[ReassignArgs]
	q *Queue
}

// Work hands over the tasks as of today (which, for a job that waited,
// may be after the day it was queued for).
func (w *reassignWorker) Work(ctx context.Context, job *river.Job[ReassignArgs]) error {
	n, err := w.q.cfg.Cases.ReassignOpenTasks(ctx, esop.Today(w.q.now()))
	if err != nil {
		return err
	}
	if n > 0 {
		w.q.log.Info("open tasks handed over", "count", n)
	}
	return nil
}

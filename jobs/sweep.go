package jobs

import (
	"context"

	"github.com/riverqueue/river"
)

// SweepArgs is the hourly job that brings the SOPs in force up to date:
// an approved version whose effective date has come supersedes the one
// before it. It is unique for the hour.
type SweepArgs struct{}

// Kind returns "sweep_superseded".
func (SweepArgs) Kind() string { return "sweep_superseded" }

// InsertOpts makes the sweep unique for its hour.
func (SweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: SweepEvery}}
}

// pruner is a store that keeps a log of catalogue changes and the login
// counters (sqlstore.DB): the sweep prunes both, once an hour across the
// servers.
type pruner interface {
	PruneCatalogueChanges(ctx context.Context) error
}

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	q *Queue
}

// Work sweeps, then, when versions were superseded, refreshes this
// server's catalogue. A failed refresh is logged, not retried: the sweep
// is done, and the catalogue is rebuilt every hour anyway.
func (w *sweepWorker) Work(ctx context.Context, job *river.Job[SweepArgs]) error {
	if p, ok := w.q.cfg.Store.(pruner); ok {
		if err := p.PruneCatalogueChanges(ctx); err != nil {
			return err
		}
	}
	n, err := w.q.cfg.Store.SweepSuperseded(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	w.q.log.Info("versions superseded", "count", n)
	if w.q.cfg.Refresh != nil {
		if err := w.q.cfg.Refresh(ctx); err != nil && ctx.Err() == nil {
			w.q.log.Error("refreshing the catalogue", "err", err)
		}
	}
	return nil
}

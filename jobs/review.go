package jobs

import (
	"context"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/esop-malang/esop/remind"
)

// ReviewPlanArgs is the daily job that chooses the review reminders due
// (remind.Reminder.Plan) and queues one ReviewMailArgs job per message.
// It is unique for its day in WIB, so a restart or a new leader on the
// same day does not choose again.
type ReviewPlanArgs struct {
	Day string `json:"day"` // YYYY-MM-DD, WIB
}

// Kind returns "review_plan".
func (ReviewPlanArgs) Kind() string { return "review_plan" }

// InsertOpts makes the plan unique for its day.
func (ReviewPlanArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ReviewMailArgs is one review reminder e-mail: to a user, about SOPs.
// It is unique for the user, the SOPs and the week (River's 7-day period),
// and retried with backoff while the mail server fails. The lasting
// once-in-7-days rule is the store's record of what was sent, which Send
// checks again when the job runs.
type ReviewMailArgs struct {
	Username string  `json:"username" river:"unique"`
	SOPIDs   []int64 `json:"sop_ids" river:"unique"`
}

// Kind returns "review_mail".
func (ReviewMailArgs) Kind() string { return "review_mail" }

// InsertOpts makes the message unique for the week and tries it up to
// 12 times.
func (ReviewMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: mailTries,
		UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: remind.IntervalDays * 24 * time.Hour}}
}

// reminder returns the review reminders of the queue.
func (q *Queue) reminder() *remind.Reminder {
	return &remind.Reminder{Store: q.cfg.Store, SMTP: q.cfg.SMTP, BaseURL: q.cfg.BaseURL, Log: q.log, Now: q.cfg.Now}
}

type reviewPlanWorker struct {
	river.WorkerDefaults[ReviewPlanArgs]
	q *Queue
}

// Work chooses the reminders and queues their messages.
func (w *reviewPlanWorker) Work(ctx context.Context, job *river.Job[ReviewPlanArgs]) error {
	list, rep, err := w.q.reminder().Plan(ctx)
	if err != nil {
		return err
	}
	queued, dup := 0, 0
	for _, m := range list {
		ids := slices.Clone(m.SOPIDs)
		slices.Sort(ids)
		res, err := w.q.client.Insert(ctx, ReviewMailArgs{Username: m.Username, SOPIDs: ids}, nil)
		if err != nil {
			return err
		}
		if res.UniqueSkippedAsDuplicate {
			dup++
		} else {
			queued++
		}
	}
	w.q.log.Info("review reminders", "due", rep.Due, "messages", queued, "already_queued", dup, "users_without_address", rep.NoAddress)
	return nil
}

type reviewMailWorker struct {
	river.WorkerDefaults[ReviewMailArgs]
	q *Queue
}

// Timeout leaves the mail server its own time limit (2 minutes).
func (w *reviewMailWorker) Timeout(*river.Job[ReviewMailArgs]) time.Duration { return mailTimeout }

// Work sends the message as things stand now; an error (the mail server
// refusing or unreachable) makes River try again later.
func (w *reviewMailWorker) Work(ctx context.Context, job *river.Job[ReviewMailArgs]) error {
	_, err := w.q.reminder().Send(ctx, remind.Message{Username: job.Args.Username, SOPIDs: job.Args.SOPIDs})
	return err
}

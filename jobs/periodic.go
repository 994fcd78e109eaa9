package jobs

import (
	"time"

	"github.com/riverqueue/river"

	"github.com/esop-malang/esop"
)

// Daily is the schedule of a job run once a day at Hour:Minute WIB.
type Daily struct{ Hour, Minute int }

// Next returns the first Hour:Minute WIB after now: today's if it is
// still to come, else tomorrow's.
func (d Daily) Next(now time.Time) time.Time {
	local := now.In(esop.Jakarta)
	next := time.Date(local.Year(), local.Month(), local.Day(), d.Hour, d.Minute, 0, 0, esop.Jakarta)
	if !next.After(now) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// The schedules of the periodic jobs.
var (
	// ReviewTime is when the review reminders are chosen: 07:00 WIB,
	// when the working day begins.
	ReviewTime = Daily{Hour: 7}
	// ReassignTime is when the tasks of staff away that day are handed
	// over: just after the day begins in WIB.
	ReassignTime = Daily{Hour: 0, Minute: 5}
)

// Intervals of the periodic jobs that are not daily.
const (
	SweepEvery   = time.Hour
	SLAScanEvery = time.Minute
)

// periodic is one periodic job: its schedule and the arguments of the
// job it inserts.
type periodic struct {
	schedule river.PeriodicSchedule
	args     func() river.JobArgs
}

// periodic returns the periodic jobs of the queue: the sweep always; the
// review reminders when e-mail is on; the SLA scan when there are cases
// and e-mail or webhooks; the webhook dispatch with webhooks; the
// hand-over of tasks when there are cases.
func (q *Queue) periodic() []periodic {
	day := func() string { return esop.Today(q.now()).String() }
	list := []periodic{{river.PeriodicInterval(SweepEvery), func() river.JobArgs { return SweepArgs{} }}}
	if q.cfg.SMTP.Enabled() {
		list = append(list, periodic{ReviewTime, func() river.JobArgs { return ReviewPlanArgs{Day: day()} }})
	}
	if q.cfg.Cases != nil && (q.cfg.SMTP.Enabled() || q.cfg.Webhooks != nil) {
		list = append(list, periodic{river.PeriodicInterval(SLAScanEvery), func() river.JobArgs { return SLAScanArgs{} }})
	}
	if q.cfg.Webhooks != nil {
		list = append(list, periodic{river.PeriodicInterval(WebhookDispatchEvery), func() river.JobArgs { return WebhookDispatchArgs{} }})
	}
	if q.cfg.Cases != nil {
		list = append(list, periodic{ReassignTime, func() river.JobArgs { return ReassignArgs{Day: day()} }})
	}
	return list
}

// periodicJobs returns the periodic jobs for River. Every server of a
// database declares the same ones; only the elected leader inserts them,
// at once when it becomes leader (RunOnStart) and then on schedule. Each
// job is unique for its period (the hour, the minute, the day in WIB:
// see each job's InsertOpts), so a new leader or a restart within the
// period finds it done and inserts nothing.
func (q *Queue) periodicJobs() []*river.PeriodicJob {
	var list []*river.PeriodicJob
	for _, p := range q.periodic() {
		list = append(list, river.NewPeriodicJob(p.schedule, func() (river.JobArgs, *river.InsertOpts) { return p.args(), nil },
			&river.PeriodicJobOpts{ID: p.args().Kind(), RunOnStart: true}))
	}
	return list
}

// periodicNames returns the kinds of the periodic jobs, for the log.
func (q *Queue) periodicNames() []string {
	var names []string
	for _, p := range q.periodic() {
		names = append(names, p.args().Kind())
	}
	return names
}

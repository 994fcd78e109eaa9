package esop

import "time"

// SLA states of a task or case against its time standard (mutu baku waktu).
const (
	SLAOnTrack  = "on_track" // less than AtRiskShare of its time used, or finished in time
	SLAAtRisk   = "at_risk"  // at least AtRiskShare of its time used, not yet due
	SLABreached = "breached" // past its due, or finished after it
)

// AtRiskShare is the share of its time after which an unfinished task or
// case is at risk.
const AtRiskShare = 0.8

// SLAState returns the state at now of work that started at start and is
// due at due, with time counted as count says (CountWorking: working time
// only). Work without a due (a text time) is on track. The share is of
// time, so a task due in three working days is at risk once 80 % of
// those days' working hours have passed, whatever the evenings and
// holidays between.
func (c *Calendar) SLAState(start, due, now time.Time, count string) string {
	switch {
	case due.IsZero():
		return SLAOnTrack
	case now.After(due):
		return SLABreached
	}
	used, allowed := c.Elapsed(start, now, count), c.Elapsed(start, due, count)
	if float64(used) >= AtRiskShare*float64(allowed) {
		return SLAAtRisk
	}
	return SLAOnTrack
}

// AtRiskAt returns the moment work that started at start and is due at
// due becomes at risk: when AtRiskShare of its time is used. The job
// queue schedules its reminder then, and its breach at due.
func (c *Calendar) AtRiskAt(start, due time.Time, count string) time.Time {
	allowed := c.Elapsed(start, due, count)
	share := time.Duration(AtRiskShare * float64(allowed)).Round(time.Second)
	if count == CountCalendar {
		return start.Add(share).In(c.loc)
	}
	if allowed <= 0 {
		return due.In(c.loc)
	}
	return c.addWorking(start, share, due)
}

// finishedSLA is the state of work finished at end: breached when it
// finished after its due, else on track.
func finishedSLA(due *time.Time, end time.Time) string {
	if due != nil && end.After(*due) {
		return SLABreached
	}
	return SLAOnTrack
}

// UpdateSLA sets the SLA of the case and of each of its tasks as of now.
// Open work is judged at now by SLAState; finished work (a completed
// task, a closed case, the tasks a cancellation closed) by whether it
// finished after its due.
func (c *Case) UpdateSLA(cal *Calendar, now time.Time) {
	for k := range c.Tasks {
		t := &c.Tasks[k]
		switch {
		case t.State == TaskDone && t.CompletedAt != nil:
			t.SLA = finishedSLA(t.Due, *t.CompletedAt)
		case t.State != TaskOpen && c.ClosedAt != nil:
			t.SLA = finishedSLA(t.Due, *c.ClosedAt)
		default:
			t.SLA = cal.SLAState(t.OpenedAt, deref(t.Due), now, c.Count)
		}
	}
	if c.State != CaseOpen && c.ClosedAt != nil {
		c.SLA = finishedSLA(c.Due, *c.ClosedAt)
	} else {
		c.SLA = cal.SLAState(c.ReceivedAt, deref(c.Due), now, c.Count)
	}
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

package esop_test

import (
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

func TestSLAState(t *testing.T) {
	c := officeCalendar(t)
	// One working day from Friday 15:00: due Monday 15:00, 8 working hours.
	start, due := wibAt("2026-01-09 15:00"), wibAt("2026-01-12 15:00")
	tests := []struct {
		name, now, count, want string
	}{
		{"just started", "2026-01-09 15:30", "", esop.SLAOnTrack},
		{"the weekend does not count", "2026-01-11 23:00", "", esop.SLAOnTrack},
		{"Monday morning: 2 of 8 hours", "2026-01-12 09:00", "", esop.SLAOnTrack},
		{"a minute before 80 %", "2026-01-12 13:23", "", esop.SLAOnTrack},
		{"80 % used", "2026-01-12 13:24", "", esop.SLAAtRisk},
		{"at the due", "2026-01-12 15:00", "", esop.SLAAtRisk},
		{"after the due", "2026-01-12 15:01", "", esop.SLABreached},
		{"wall-clock: 68 of 72 hours", "2026-01-12 11:00", esop.CountCalendar, esop.SLAAtRisk},
		{"wall-clock: 18 of 72 hours", "2026-01-10 09:00", esop.CountCalendar, esop.SLAOnTrack},
	}
	for _, tt := range tests {
		if got := c.SLAState(start, due, wibAt(tt.now), tt.count); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
	if got := c.SLAState(start, time.Time{}, wibAt("2030-01-01 00:00"), ""); got != esop.SLAOnTrack {
		t.Errorf("no due: %s", got)
	}
}

func TestAtRiskAt(t *testing.T) {
	c := officeCalendar(t)
	start, due := wibAt("2026-01-09 15:00"), wibAt("2026-01-12 15:00")
	if got := c.AtRiskAt(start, due, ""); !got.Equal(wibAt("2026-01-12 13:24")) {
		t.Errorf("working: %v", got)
	}
	if got := c.AtRiskAt(start, due, esop.CountCalendar); !got.Equal(start.Add(time.Duration(0.8 * 72 * float64(time.Hour)))) {
		t.Errorf("calendar: %v", got)
	}
	// Agrees with SLAState: at risk from that moment, not a second before.
	for _, d := range []esop.Duration{measured(3, "day"), measured(90, "minute"), measured(1, "month")} {
		from := wibAt("2026-02-12 14:10")
		due, _ := c.Due(from, d, "")
		risk := c.AtRiskAt(from, due, "")
		if c.SLAState(from, due, risk, "") != esop.SLAAtRisk || c.SLAState(from, due, risk.Add(-time.Second), "") != esop.SLAOnTrack {
			t.Errorf("%s: at risk at %v, due %v", d.Indonesian(), risk, due)
		}
	}
	if got := c.AtRiskAt(due, due, ""); !got.Equal(due) {
		t.Errorf("no time at all: %v", got)
	}
}

func TestCaseUpdateSLA(t *testing.T) {
	p := mediasi(t)
	c, _ := p.Start(wibAt("2026-01-05 09:00"))
	// m1 (15 minutes, due 09:15) completed at 09:30: late.
	c, err := p.Complete(c, 1, esop.Completion{Checklist: checkedAll(p, "m1")}, 7, wibAt("2026-01-05 09:30"))
	if err != nil {
		t.Fatal(err)
	}
	// m2 (1 day from 09:30) judged on Tuesday 08:00: 6.5 + 0 of 8 hours used.
	c.UpdateSLA(p.Calendar, wibAt("2026-01-06 08:00"))
	if c.Tasks[0].SLA != esop.SLABreached || c.Tasks[1].SLA != esop.SLAAtRisk || c.SLA != esop.SLAOnTrack {
		t.Errorf("SLA: m1 %s, m2 %s, case %s", c.Tasks[0].SLA, c.Tasks[1].SLA, c.SLA)
	}
	c.UpdateSLA(p.Calendar, wibAt("2026-01-06 09:31"))
	if c.Tasks[1].SLA != esop.SLABreached {
		t.Errorf("m2 after its due: %s", c.Tasks[1].SLA)
	}
	// Cancelled after the case's due: the case breached its standard,
	// the task the cancellation closed too.
	c, _ = p.Cancel(c, "para pihak berdamai", 7, wibAt("2026-03-02 09:00"))
	c.UpdateSLA(p.Calendar, wibAt("2026-01-05 10:00"))
	if c.SLA != esop.SLABreached || c.Tasks[1].SLA != esop.SLABreached {
		t.Errorf("cancelled late: case %s, m2 %s", c.SLA, c.Tasks[1].SLA)
	}
	// A task completed in time is on track, however late it is judged.
	c, _ = p.Start(wibAt("2026-01-05 09:00"))
	c, _ = p.Complete(c, 1, esop.Completion{Checklist: checkedAll(p, "m1")}, 7, wibAt("2026-01-05 09:14"))
	c.UpdateSLA(p.Calendar, wibAt("2027-01-01 00:00"))
	if c.Tasks[0].SLA != esop.SLAOnTrack || c.SLA != esop.SLABreached {
		t.Errorf("m1 in time %s, case open a year %s", c.Tasks[0].SLA, c.SLA)
	}
}

func checkedAll(p *esop.Process, stepID string) map[string]bool {
	m := map[string]bool{}
	for _, r := range p.Doc.Steps[p.Doc.StepIndex(stepID)].Requirements {
		m[r] = true
	}
	return m
}

// BenchmarkDue is the due of a 3-day step: what opening a task costs.
func BenchmarkDue(b *testing.B) {
	c := officeCalendar(b)
	from := wibAt("2026-03-16 14:10")
	for b.Loop() {
		if _, err := c.Due(from, measured(3, "day"), ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSLAState judges a task open over the Lebaran weeks of 2026:
// what the SLA sweep pays per open task.
func BenchmarkSLAState(b *testing.B) {
	c := officeCalendar(b)
	start, due, now := wibAt("2026-03-10 09:00"), wibAt("2026-04-10 09:00"), wibAt("2026-04-01 11:00")
	for b.Loop() {
		c.SLAState(start, due, now, "")
	}
}

// BenchmarkCaseRun starts a mediation case and completes its eight tasks.
func BenchmarkCaseRun(b *testing.B) {
	p := mediasi(b)
	for b.Loop() {
		c, err := p.Start(wibAt("2026-01-05 09:00"))
		if err != nil {
			b.Fatal(err)
		}
		for c.State == esop.CaseOpen {
			tk := c.OpenTasks()[0]
			in := esop.Completion{Checklist: checkedAll(p, tk.Step)}
			if p.Doc.Steps[p.Doc.StepIndex(tk.Step)].Decision != nil {
				in.Decision = esop.DecisionNo
			}
			if c, err = p.Complete(c, tk.ID, in, 7, tk.OpenedAt.Add(time.Hour)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

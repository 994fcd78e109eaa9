package api

import (
	"context"
	"slices"
	"time"

	"github.com/esop-malang/esop"
)

// Running SOPs over the API: what the store must offer, who may do what
// (decided here, on the server, for every request), and the JSON shapes
// shared by the case, task, calendar and absence routes.

// runStore is what running SOPs need of the store.
type runStore interface {
	esop.CaseService
	esop.CalendarService
	esop.AbsenceService
	esop.RunSettingsService
	// HeldPositions returns the keys of the positions an employee holds
	// on day; HeadedUnits the units whose head position they hold.
	HeldPositions(ctx context.Context, employeeID int64, day esop.Date) ([]string, error)
	HeadedUnits(ctx context.Context, employeeID int64, day esop.Date) ([]int64, error)
	// SOPActors returns an SOP's actors as a case started on day runs them.
	SOPActors(ctx context.Context, sopID int64, day esop.Date) ([]esop.Actor, error)
}

// mayReadCase reports whether u may see a case with its applicant: those
// who read its unit's cases (esop.PermReadCases), and whoever started it
// or was given one of its tasks.
func (s *API) mayReadCase(ctx context.Context, u *esop.User, rec *esop.CaseRecord) (bool, error) {
	if u == nil {
		return false, nil
	}
	for _, t := range rec.Tasks {
		if slices.Contains(t.Assignees, u.ID) {
			return true, nil
		}
	}
	if rec.StartedBy == u.Username {
		return true, nil
	}
	return s.MayIn(ctx, u, esop.PermReadCases, rec.UnitID)
}

// casesUnits returns the units whose cases u may list (nil: every unit):
// those where u holds esop.PermReadCases.
func (s *API) casesUnits(ctx context.Context, u *esop.User) ([]int64, error) {
	o, err := s.Org(ctx)
	if err != nil {
		return nil, err
	}
	sub, err := s.Subject(ctx, u)
	if err != nil {
		return nil, err
	}
	if esop.May(sub, esop.PermReadCases, esop.Scope{}) {
		return nil, nil // a grant for every unit
	}
	out := []int64{}
	for _, x := range o.Units {
		if esop.May(sub, esop.PermReadCases, o.ScopeOf(x.ID)) {
			out = append(out, x.ID)
		}
	}
	slices.Sort(out)
	return out, nil
}

// ----- JSON shapes -----

// apiTask is a task as the API shows it.
type apiTask struct {
	ID          int64           `json:"id"`
	Step        string          `json:"step"`
	Activity    string          `json:"activity"`
	Actor       string          `json:"actor"`
	Position    string          `json:"position"`
	External    bool            `json:"external"`
	RecordedBy  string          `json:"recordedBy,omitempty"`
	Assignees   []string        `json:"assignees"`
	Delegated   bool            `json:"delegated"`
	OpenedAt    time.Time       `json:"openedAt"`
	Due         *time.Time      `json:"due"`
	State       string          `json:"state"`
	CompletedBy *string         `json:"completedBy"`
	CompletedAt *time.Time      `json:"completedAt"`
	Decision    string          `json:"decision,omitempty"`
	Checklist   map[string]bool `json:"checklist,omitempty"`
	Output      string          `json:"output,omitempty"`
	Note        string          `json:"note,omitempty"`
	SLA         string          `json:"sla"`
}

// apiCase is a case as the API shows it.
type apiCase struct {
	ID                  int64           `json:"id"`
	Code                string          `json:"code"`
	Status              string          `json:"status"`
	WaitingForApplicant bool            `json:"waitingForApplicant"`
	SOP                 apiCaseSOP      `json:"sop"`
	UnitID              int64           `json:"unitId"`
	Count               string          `json:"count"`
	ReceivedAt          time.Time       `json:"receivedAt"`
	Due                 *time.Time      `json:"due"`
	ClosedAt            *time.Time      `json:"closedAt,omitempty"`
	ClosedBy            *string         `json:"closedBy,omitempty"`
	Reason              string          `json:"reason,omitempty"`
	SLA                 string          `json:"sla"`
	Applicant           *esop.Applicant `json:"applicant,omitempty"`
	StartedBy           string          `json:"startedBy"`
	Tasks               []apiTask       `json:"tasks"`
	Events              []apiEvent      `json:"events,omitempty"`
}

type apiCaseSOP struct {
	ID        int64  `json:"id"`
	Number    string `json:"number,omitempty"`
	Title     string `json:"title"`
	VersionID int64  `json:"versionId"`
}

type apiEvent struct {
	Kind   string         `json:"kind"`
	Task   int64          `json:"task,omitempty"`
	Actor  string         `json:"actor"`
	At     time.Time      `json:"at"`
	Detail map[string]any `json:"detail,omitempty"`
}

// inZone returns t in loc, or nil.
func inZone(t *time.Time, loc *time.Location) *time.Time {
	if t == nil {
		return nil
	}
	v := t.In(loc)
	return &v
}

func taskJSON(t esop.Task, people map[int64]string, loc *time.Location) apiTask {
	out := apiTask{ID: t.ID, Step: t.Step, Activity: t.Activity, Actor: t.Actor, Position: t.Position, External: t.External,
		RecordedBy: t.RecordedBy, Assignees: []string{}, Delegated: t.Delegated, OpenedAt: t.OpenedAt.In(loc), Due: inZone(t.Due, loc),
		State: t.State, CompletedAt: inZone(t.CompletedAt, loc), Decision: t.Decision, Checklist: t.Checklist, Output: t.Output,
		Note: t.Note, SLA: t.SLA}
	for _, id := range t.Assignees {
		out.Assignees = append(out.Assignees, people[id])
	}
	if t.CompletedBy != 0 {
		name := people[t.CompletedBy]
		out.CompletedBy = &name
	}
	return out
}

// caseJSON returns the case for the API, its SLA judged now in its
// agency's calendar; withApplicant adds the applicant's data.
func (s *API) caseJSON(ctx context.Context, rec *esop.CaseRecord, withApplicant bool) (apiCase, error) {
	cal := rec.Calendar
	if cal == nil {
		var err error
		if cal, err = s.store.Calendar(ctx, rec.AgencyID); err != nil {
			return apiCase{}, err
		}
	}
	c := rec.Clone()
	c.UpdateSLA(cal, s.now())
	loc := cal.Location()
	out := apiCase{ID: c.ID, Code: esop.FormatTrackingCode(c.Code), Status: c.State, WaitingForApplicant: c.WaitsForApplicant(),
		SOP: apiCaseSOP{ID: c.SOPID, Number: rec.SOPNumber, Title: rec.SOPTitle, VersionID: c.VersionID}, UnitID: rec.UnitID,
		Count: c.Count, ReceivedAt: c.ReceivedAt.In(loc), Due: inZone(c.Due, loc), ClosedAt: inZone(c.ClosedAt, loc),
		Reason: c.Reason, SLA: c.SLA, StartedBy: rec.StartedBy, Tasks: []apiTask{}}
	if c.ClosedBy != 0 {
		name := rec.People[c.ClosedBy]
		out.ClosedBy = &name
	}
	if withApplicant && rec.Applicant.Name != "" {
		a := rec.Applicant
		out.Applicant = &a
	}
	for _, t := range c.Tasks {
		out.Tasks = append(out.Tasks, taskJSON(t, rec.People, loc))
	}
	return out, nil
}

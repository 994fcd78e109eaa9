package esop

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Case states.
const (
	CaseOpen      = "open"      // work is under way
	CaseDone      = "done"      // an end of the flow was reached
	CaseCancelled = "cancelled" // stopped before an end, with a reason
)

// Task states.
const (
	TaskOpen      = "open"
	TaskDone      = "done"
	TaskCancelled = "cancelled" // still open when its case was cancelled
)

// The two answers of a decision step.
const (
	DecisionYes = "yes"
	DecisionNo  = "no"
)

// Case is one run of an SOP: a request received on a day, worked through
// the flowchart of the SOP version in force that day, one task per step
// taken. The engine (Process) fills the flow; the store fills the ids,
// the tracking code and the people.
type Case struct {
	ID         int64      `json:"id"`
	Code       string     `json:"code"`      // tracking code (NewTrackingCode), unique
	SOPID      int64      `json:"sopId"`     // the SOP
	VersionID  int64      `json:"versionId"` // the version in force on the day of receipt
	Count      string     `json:"count"`     // CountWorking or CountCalendar, as the SOP counts its times
	ReceivedAt time.Time  `json:"receivedAt"`
	Due        *time.Time `json:"due,omitempty"` // along NoReworkPath; nil when no step on it has a measured time
	State      string     `json:"state"`         // CaseOpen, CaseDone or CaseCancelled
	ClosedAt   *time.Time `json:"closedAt,omitempty"`
	ClosedBy   int64      `json:"closedBy,omitempty"` // the user who completed the end or cancelled
	Reason     string     `json:"reason,omitempty"`   // why the case was cancelled
	Tasks      []Task     `json:"tasks"`              // in the order they opened
	SLA        string     `json:"sla,omitempty"`      // set by UpdateSLA, not stored
}

// Task is one step of the flowchart to be done in a case. A step taken
// twice (after a loop back for rework) is two tasks.
type Task struct {
	ID       int64  `json:"id"`       // 1, 2, … in the order the case's tasks opened
	Step     string `json:"step"`     // the step's id in the SOP version
	Activity string `json:"activity"` // the step's Kegiatan
	Actor    string `json:"actor"`    // the pelaksana column of the step
	// Position is the organisation's position (its key) whose holders do
	// the task: the actor's, or for an external step the position of
	// RecordedBy. Empty when the SOP does not name one.
	Position string `json:"position,omitempty"`
	// External marks a step of a party outside the office (the
	// applicant): tracking shows the case as waiting for the applicant.
	External bool `json:"external,omitempty"`
	// RecordedBy is, for an external step, the internal actor whose staff
	// records it: the actor of the previous internal step, or for a first
	// step the first internal actor after it.
	RecordedBy string `json:"recordedBy,omitempty"`
	// Assignees are the users who may do the task, and Delegated says they
	// act for an absent holder (Plt, Plh or the direct superior); the store
	// sets both from the organisation on the day. The engine leaves them empty.
	Assignees   []int64         `json:"assignees"`
	Delegated   bool            `json:"delegated"`
	OpenedAt    time.Time       `json:"openedAt"`
	Due         *time.Time      `json:"due,omitempty"` // nil for a step without a measured time
	State       string          `json:"state"`         // TaskOpen, TaskDone or TaskCancelled
	CompletedBy int64           `json:"completedBy,omitempty"`
	CompletedAt *time.Time      `json:"completedAt,omitempty"`
	Decision    string          `json:"decision,omitempty"`  // DecisionYes or DecisionNo, on a decision step
	Checklist   map[string]bool `json:"checklist,omitempty"` // requirement → present, on a step with kelengkapan
	Output      string          `json:"output,omitempty"`
	Note        string          `json:"note,omitempty"`
	SLA         string          `json:"sla,omitempty"` // set by UpdateSLA, not stored
}

// Completion is what the person who completes a task gives.
type Completion struct {
	Decision  string          `json:"decision,omitempty"`  // yes or no; required on a decision step, refused elsewhere
	Checklist map[string]bool `json:"checklist,omitempty"` // every requirement of the step, each true
	Output    string          `json:"output,omitempty"`    // what was produced (a number, a reference)
	Note      string          `json:"note,omitempty"`
}

// Process runs cases of one SOP version: it opens the first task when a
// case starts and the next tasks as tasks are completed, following next,
// decision and loops back exactly as the flowchart draws them. It is
// pure: the clock, the user and the calendar are passed in, and the
// case given is never changed (a changed copy is returned).
type Process struct {
	Doc      *Document // the SOP version's content, valid by Validate
	Calendar *Calendar // the agency's working calendar
	Count    string    // CountWorking (default when empty) or CountCalendar
	// External holds the ids of the actors outside the office, and
	// Positions maps actor ids to the organisation's position keys. An
	// empty map is taken from the document's actors (their external and
	// position keys); the store passes its own, with every actor, when an
	// office has mapped the actors per SOP.
	External  map[string]bool
	Positions map[string]string
}

// isExternal reports whether actor a is outside the office: by External,
// or by the document when External is empty.
func (p *Process) isExternal(a string) bool {
	if len(p.External) > 0 {
		return p.External[a]
	}
	if x := p.Doc.ActorByID(a); x != nil {
		return x.External
	}
	return false
}

// position returns the position key of actor a: by Positions, or by the
// document when Positions is empty.
func (p *Process) position(a string) string {
	if len(p.Positions) > 0 {
		return p.Positions[a]
	}
	if x := p.Doc.ActorByID(a); x != nil {
		return x.Position
	}
	return ""
}

// Start returns a new open case received at receivedAt, with the first
// step's task open and the case's due along NoReworkPath. It returns
// EINVALID when the document has no steps, the day count is unknown or a
// time is too long to have a due, and EINTERNAL without a calendar.
func (p *Process) Start(receivedAt time.Time) (*Case, error) {
	switch {
	case p.Doc == nil || len(p.Doc.Steps) == 0:
		return nil, Errorf(EINVALID, "SOP tidak memiliki kegiatan", "the SOP has no steps")
	case !slices.Contains(DayCounts, p.count()):
		return nil, Errorf(EINVALID, "cara menghitung hari %q tidak dikenal (%s)", "unknown day count %q (%s)",
			p.Count, strings.Join(DayCounts, ", "))
	case p.Calendar == nil:
		return nil, Errorf(EINTERNAL, "kalender kerja belum diatur", "no working calendar is set")
	}
	c := &Case{Count: p.count(), ReceivedAt: receivedAt, State: CaseOpen, Tasks: []Task{}}
	due, err := p.CaseDue(receivedAt)
	if err != nil {
		return nil, err
	}
	c.Due = due
	if err := p.open(c, 0, p.firstInternalAfter(0), receivedAt); err != nil {
		return nil, err
	}
	return c, nil
}

// CaseDue returns when a case received at receivedAt is due: the times of
// the steps on NoReworkPath applied one after the other from receipt by
// the calendar's rules. Text times add nothing; nil when no step on the
// path has a measured time.
func (p *Process) CaseDue(receivedAt time.Time) (*time.Time, error) {
	t, measured := receivedAt, false
	for _, i := range NoReworkPath(p.Doc) {
		d := p.Doc.Steps[i].Time
		if !d.IsMeasured() {
			continue
		}
		next, err := p.Calendar.Due(t, *d, p.count())
		if err != nil {
			return nil, err
		}
		t, measured = next, true
	}
	if !measured {
		return nil, nil
	}
	return &t, nil
}

// Complete returns the case with task taskID done by user by at the
// moment at, and the next task open: the decision's branch, the step's
// next, or the following row; completing an end closes the case as done.
//
// It returns ECONFLICT when the case is not open or the task is not open
// (a task is never completed twice), ENOTFOUND for an unknown task, and
// EINVALID with a problem per field when a decision step has no decision
// (or another step has one), a requirement of the step is not checked,
// the checklist names something the step does not require, or at is
// before the task opened.
func (p *Process) Complete(c *Case, taskID int64, in Completion, by int64, at time.Time) (*Case, error) {
	t, i, err := p.openTask(c, taskID)
	if err != nil {
		return nil, err
	}
	if ps := p.checkCompletion(i, t, in, at); ps.HasErrors() {
		e := Errorf(EINVALID, "Kegiatan %q belum dapat diselesaikan.", "Step %q cannot be completed yet.", t.Activity)
		e.Problems = ps
		return nil, e
	}
	next, err := p.following(i, in.Decision)
	if err != nil {
		return nil, err
	}
	out := c.Clone()
	done := &out.Tasks[slices.IndexFunc(out.Tasks, func(x Task) bool { return x.ID == taskID })]
	done.State, done.CompletedBy, done.CompletedAt = TaskDone, by, &at
	done.Decision, done.Checklist = in.Decision, maps.Clone(in.Checklist)
	done.Output, done.Note = strings.TrimSpace(in.Output), strings.TrimSpace(in.Note)
	if next < 0 {
		out.State, out.ClosedAt, out.ClosedBy = CaseDone, &at, by
		return out, nil
	}
	recorder := done.Actor
	if done.External {
		recorder = done.RecordedBy
	}
	if err := p.open(out, next, recorder, at); err != nil {
		return nil, err
	}
	return out, nil
}

// Cancel returns the case cancelled by user by at the moment at for
// reason, its open tasks closed as cancelled. It returns ECONFLICT when
// the case is not open and EINVALID (path "reason") without a reason.
func (p *Process) Cancel(c *Case, reason string, by int64, at time.Time) (*Case, error) {
	if c.State != CaseOpen {
		return nil, caseClosed(c)
	}
	if strings.TrimSpace(reason) == "" {
		e := Errorf(EINVALID, "Alasan pembatalan wajib diisi.", "A reason for the cancellation is required.")
		e.Problems = Problems{{Path: "reason", Severity: SeverityError, Code: "required",
			Message: Text{"alasan pembatalan wajib diisi", "a reason for the cancellation is required"}}}
		return nil, e
	}
	out := c.Clone()
	out.State, out.ClosedAt, out.ClosedBy, out.Reason = CaseCancelled, &at, by, strings.TrimSpace(reason)
	for k := range out.Tasks {
		if out.Tasks[k].State == TaskOpen {
			out.Tasks[k].State = TaskCancelled
		}
	}
	return out, nil
}

// OpenTasks returns the case's open tasks.
func (c *Case) OpenTasks() []Task {
	var out []Task
	for _, t := range c.Tasks {
		if t.State == TaskOpen {
			out = append(out, t)
		}
	}
	return out
}

// WaitsForApplicant reports whether the open case waits for a party
// outside the office: every open task is an external step.
func (c *Case) WaitsForApplicant() bool {
	open := c.OpenTasks()
	return c.State == CaseOpen && len(open) > 0 &&
		!slices.ContainsFunc(open, func(t Task) bool { return !t.External })
}

// Clone returns a deep copy of c.
func (c *Case) Clone() *Case {
	out := *c
	out.Due, out.ClosedAt = clonePtr(c.Due), clonePtr(c.ClosedAt)
	out.Tasks = make([]Task, len(c.Tasks))
	for k, t := range c.Tasks {
		t.Assignees = slices.Clone(t.Assignees)
		t.Checklist = maps.Clone(t.Checklist)
		t.Due, t.CompletedAt = clonePtr(t.Due), clonePtr(t.CompletedAt)
		out.Tasks[k] = t
	}
	return &out
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func (p *Process) count() string {
	if p.Count == "" {
		return CountWorking
	}
	return p.Count
}

// open appends the open task of step i, opened at at; recorder is the
// internal actor who records it when the step is external.
func (p *Process) open(c *Case, i int, recorder string, at time.Time) error {
	s := &p.Doc.Steps[i]
	t := Task{ID: int64(len(c.Tasks) + 1), Step: s.ID, Activity: s.Activity, Actor: s.Actor,
		Position: p.position(s.Actor), External: p.isExternal(s.Actor), Assignees: []int64{},
		OpenedAt: at, State: TaskOpen}
	if t.External {
		t.RecordedBy, t.Position = recorder, p.position(recorder)
	}
	if s.Time.IsMeasured() {
		due, err := p.Calendar.Due(at, *s.Time, p.count())
		if err != nil {
			return err
		}
		t.Due = &due
	}
	c.Tasks = append(c.Tasks, t)
	return nil
}

// firstInternalAfter returns the actor of the first internal step met
// going forward from step i (breadth first, in row order), or "" when
// the SOP has none.
func (p *Process) firstInternalAfter(i int) string {
	seen := map[int]bool{i: true}
	for queue := []int{i}; len(queue) > 0; queue = queue[1:] {
		j := queue[0]
		if a := p.Doc.Steps[j].Actor; !p.isExternal(a) {
			return a
		}
		for _, k := range p.Doc.Successors(j) {
			if !seen[k] {
				seen[k] = true
				queue = append(queue, k)
			}
		}
	}
	return ""
}

// openTask finds the open task taskID of an open case and its step's index.
func (p *Process) openTask(c *Case, taskID int64) (*Task, int, error) {
	if c.State != CaseOpen {
		return nil, 0, caseClosed(c)
	}
	k := slices.IndexFunc(c.Tasks, func(t Task) bool { return t.ID == taskID })
	if k < 0 {
		return nil, 0, Errorf(ENOTFOUND, "tugas %d tidak ada pada kasus ini", "there is no task %d in this case", taskID)
	}
	t := &c.Tasks[k]
	if t.State != TaskOpen {
		return nil, 0, Errorf(ECONFLICT, "tugas %q sudah diselesaikan", "the task %q is already completed", t.Activity)
	}
	i := p.Doc.StepIndex(t.Step)
	if i < 0 {
		return nil, 0, Errorf(EINTERNAL, "kegiatan %q tidak ada pada versi SOP ini", "step %q is not in this SOP version", t.Step)
	}
	return t, i, nil
}

func caseClosed(c *Case) *Error {
	if c.State == CaseCancelled {
		return Errorf(ECONFLICT, "kasus ini sudah dibatalkan", "this case has been cancelled")
	}
	return Errorf(ECONFLICT, "kasus ini sudah selesai", "this case is already done")
}

// checkCompletion returns the problems of completing task t of step i
// with in at the moment at.
func (p *Process) checkCompletion(i int, t *Task, in Completion, at time.Time) Problems {
	s := &p.Doc.Steps[i]
	var c collector
	switch {
	case s.Decision != nil && in.Decision == "":
		yes, no := s.Decision.Labels()
		c.errorf("decision", "required", "pilih keputusan: %s atau %s", "choose the decision: %s or %s", yes, no)
	case s.Decision != nil && in.Decision != DecisionYes && in.Decision != DecisionNo:
		c.errorf("decision", "decision", "keputusan %q tidak dikenal (yes atau no)", "unknown decision %q (yes or no)", in.Decision)
	case s.Decision == nil && in.Decision != "":
		c.errorf("decision", "not_decision", "kegiatan ini bukan keputusan", "this step is not a decision")
	}
	for k, r := range s.Requirements {
		if !in.Checklist[r] {
			c.errorf(index("checklist", k), "unchecked", "kelengkapan %q belum diperiksa ada", "requirement %q is not checked as present", r)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(in.Checklist)) {
		if !slices.Contains(s.Requirements, key) {
			c.errorf("checklist", "unknown_requirement", "%q bukan kelengkapan kegiatan ini", "%q is not a requirement of this step", key)
		}
	}
	if at.Before(t.OpenedAt) {
		c.errorf("completedAt", "before_open", "waktu selesai sebelum tugas dibuka (%s)", "completed before the task opened (%s)",
			t.OpenedAt.Format(time.RFC3339))
	}
	return c.list
}

// following returns the step after step i given the decision, or -1 when
// step i ends the flow.
func (p *Process) following(i int, decision string) (int, error) {
	d := p.Doc
	s := &d.Steps[i]
	var next int
	switch {
	case s.Decision != nil && decision == DecisionYes:
		next = d.StepIndex(s.Decision.Yes)
	case s.Decision != nil:
		next = d.StepIndex(s.Decision.No)
	case d.IsEnd(i):
		return -1, nil
	default:
		next = -1
		if succ := d.Successors(i); len(succ) == 1 {
			next = succ[0]
		}
	}
	if next < 0 {
		return 0, &Error{Code: EINTERNAL, Message: Text{ID: fmt.Sprintf("alur SOP terputus setelah kegiatan %q", s.ID),
			EN: fmt.Sprintf("the SOP's flow breaks off after step %q", s.ID)}}
	}
	return next, nil
}

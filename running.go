package esop

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Running SOPs: what the store keeps around the pure engine (Process) —
// cases with their applicant and people, the working calendar of each
// agency, absences, and each SOP's operational settings — and the
// services that keep them.

// Entities of the audit trail for the records of running SOPs. Case
// events are not in the audit trail: each case keeps its own append-only
// history (CaseEvent).
const (
	EntityHoliday     = "holiday"      // a non-working date; EntityID is the date
	EntityCalendar    = "calendar"     // an agency's working week; EntityID is the unit key ("" for the installation)
	EntityAbsence     = "absence"      // an employee's absence
	EntitySOPSettings = "sop_settings" // how an SOP is run (actors' positions, day count); EntityID is the SOP's id
)

// Kinds of absence of an employee.
const (
	AbsenceCuti       = "cuti"       // leave
	AbsenceDinasLuar  = "dinas_luar" // official travel
	AbsenceSakit      = "sakit"      // sick
	maxAbsenceDays    = 366          // an absence longer than a year is a typing error
	maxApplicantChars = 200
)

// AbsenceKinds lists the kinds of absence.
var AbsenceKinds = []string{AbsenceCuti, AbsenceDinasLuar, AbsenceSakit}

// Absence is an employee away from work from From to To, both included.
// While away, the open and new tasks of the positions they hold go to
// the position's Plt or Plh for those dates, else to the direct superior
// (the head of the unit above), marked delegated; they come back when
// the absence ends.
type Absence struct {
	ID         int64     `json:"id"`
	EmployeeID int64     `json:"-"`
	NIP        string    `json:"nip"` // 18 digits
	Name       string    `json:"name,omitempty"`
	From       Date      `json:"from"`
	To         Date      `json:"to"`
	Kind       string    `json:"kind"`
	CreatedBy  string    `json:"createdBy,omitempty"`
	CreatedAt  time.Time `json:"createdAt"`
}

// Covers reports whether the absence includes day d.
func (a *Absence) Covers(d Date) bool { return !d.Before(a.From) && !a.To.Before(d) }

// Validate returns the problems of a, with paths relative to it: a
// missing or inverted period, one longer than a year, an unknown kind.
func (a *Absence) Validate() Problems {
	var c collector
	if a.From.IsZero() {
		c.errorf("from", "required", "tanggal mulai wajib diisi", "the first day is required")
	}
	if a.To.IsZero() {
		c.errorf("to", "required", "tanggal selesai wajib diisi", "the last day is required")
	}
	if !a.From.IsZero() && !a.To.IsZero() {
		switch {
		case a.To.Before(a.From):
			c.errorf("to", "before_from", "tanggal selesai (%s) sebelum tanggal mulai (%s)",
				"the last day (%s) is before the first (%s)", a.To, a.From)
		case a.To.Time().Sub(a.From.Time()) >= maxAbsenceDays*24*time.Hour:
			c.errorf("to", "too_long", "ketidakhadiran paling lama %d hari", "an absence lasts at most %d days", maxAbsenceDays)
		}
	}
	if !slices.Contains(AbsenceKinds, a.Kind) {
		c.errorf("kind", "absence_kind", "jenis ketidakhadiran %q tidak dikenal; pilih salah satu dari: %s",
			"unknown kind of absence %q; use one of: %s", a.Kind, strings.Join(AbsenceKinds, ", "))
	}
	return c.list
}

// AbsenceFilter selects absences.
type AbsenceFilter struct {
	ID         int64
	EmployeeID int64
	On         Date // covering this day; zero: any
}

// ActorSetting is how an office runs one pelaksana of an SOP, where the
// approved text says nothing or something else: the position that
// performs it and whether it is outside the office. Nil fields follow
// the document.
type ActorSetting struct {
	Position *string `json:"position,omitempty"`
	External *bool   `json:"external,omitempty"`
}

// RunSettings are an SOP's operational settings, kept beside its
// versions so that the approved text does not change: how its times are
// counted (CountWorking or CountCalendar) and its actors' positions.
type RunSettings struct {
	Count  string                  `json:"count"`
	Actors map[string]ActorSetting `json:"actors"`
}

// Validate returns the problems of s against the document d whose actors
// it maps: an unknown day count, an actor that is not in d.
func (s *RunSettings) Validate(d *Document) Problems {
	var c collector
	if s.Count != "" && !slices.Contains(DayCounts, s.Count) {
		c.errorf("count", "day_count", "cara menghitung hari %q tidak dikenal; pilih salah satu dari: %s",
			"unknown day count %q; use one of: %s", s.Count, strings.Join(DayCounts, ", "))
	}
	for _, id := range sortedKeys(s.Actors) {
		if d != nil && d.ActorByID(id) == nil {
			c.errorf("actors."+id, "unknown_actor", "pelaksana %q tidak ada pada SOP ini", "the SOP has no actor %q", id)
		}
	}
	return c.list
}

// Resolve returns the maps of Process for document d: the document's
// actors with s's settings over them. position, when not nil, names the
// position of an internal actor that neither s nor d maps (a fallback
// such as the position of the same name); a setting of "" means no
// position and is not filled.
func (s *RunSettings) Resolve(d *Document, position func(a *Actor) string) (external map[string]bool, positions map[string]string) {
	external, positions = map[string]bool{}, map[string]string{}
	for i := range d.Actors {
		a := d.Actors[i]
		set := s.Actors[a.ID]
		if set.External != nil {
			a.External = *set.External
		}
		if set.Position != nil {
			a.Position = *set.Position
		}
		if a.Position == "" && set.Position == nil && !a.External && position != nil {
			a.Position = position(&a)
		}
		external[a.ID], positions[a.ID] = a.External, a.Position
	}
	return external, positions
}

// CountOrDefault returns the day count, CountWorking when none is set.
func (s *RunSettings) CountOrDefault() string {
	if s == nil || s.Count == "" {
		return CountWorking
	}
	return s.Count
}

// Applicant is who asked for a case: a name and a way to reach them. It
// is personal data: shown to the staff of the case, never by tracking.
type Applicant struct {
	Name    string `json:"name"`
	Contact string `json:"contact,omitempty"`
}

// Validate returns the problems of a: a contact without a name, or text
// too long.
func (a *Applicant) Validate() Problems {
	var c collector
	if strings.TrimSpace(a.Name) == "" && strings.TrimSpace(a.Contact) != "" {
		c.errorf("name", "required", "nama pemohon wajib diisi bila kontaknya diisi", "the applicant's name is required with a contact")
	}
	if len([]rune(a.Name)) > maxApplicantChars {
		c.errorf("name", "too_long", "nama pemohon paling panjang %d karakter", "the applicant's name has at most %d characters", maxApplicantChars)
	}
	if len([]rune(a.Contact)) > maxApplicantChars {
		c.errorf("contact", "too_long", "kontak pemohon paling panjang %d karakter", "the applicant's contact has at most %d characters", maxApplicantChars)
	}
	return c.list
}

// Kinds of case events.
const (
	EventStarted    = "started"    // the case was received
	EventOpened     = "opened"     // a task opened
	EventCompleted  = "completed"  // a task was completed
	EventDelegated  = "delegated"  // a task went to a Plt/Plh or the superior, a holder being away
	EventReturned   = "returned"   // a delegated task came back to the position's holders
	EventReassigned = "reassigned" // a task went to other holders (the position changed hands)
	EventDone       = "done"       // an end was reached
	EventCancelled  = "cancelled"  // the case was cancelled
)

// CaseEvent is one entry of a case's history, kept append-only: what
// happened, to which task (0 for the case), by whom ("" for the system)
// and when, with details (the decision, the new assignees).
type CaseEvent struct {
	ID     int64          `json:"id"`
	Kind   string         `json:"kind"`
	TaskID int64          `json:"task,omitempty"`
	Actor  string         `json:"actor"`
	At     time.Time      `json:"at"`
	Data   map[string]any `json:"data,omitempty"`
}

// CaseRecord is a case as the store keeps it: the engine's Case and what
// is around it.
type CaseRecord struct {
	*Case
	SOPTitle  string
	SOPNumber string
	UnitID    int64 // the unit of the SOP when the case started
	AgencyID  int64 // the perangkat daerah above it, whose calendar counts the times
	Applicant Applicant
	StartedBy string
	// People names the users the case refers to (assignees, who completed
	// or closed): user id → user name.
	People map[int64]string
	Rev    int64 // grows with every change of the case
	// Calendar is the agency's calendar the store ran the case with,
	// when it had it at hand (starting, completing); nil otherwise.
	Calendar *Calendar
}

// NewCase is what starting a case takes.
type NewCase struct {
	SOPID      int64
	Applicant  Applicant
	ReceivedAt time.Time // zero: now
	By         *User
}

// CaseFilter selects cases. Units, when not nil, limits the cases to
// those of these units (the units a user may read).
type CaseFilter struct {
	SOPID  int64
	State  string
	UnitID int64
	Units  []int64
	Cursor string // from the Next of the previous page
	Limit  int    // default 50, at most 200
}

// CasePage is one page of cases, newest first.
type CasePage struct {
	Total int
	Items []*CaseRecord
	Next  string // "" on the last page
}

// TaskFilter selects open tasks: those of an assignee, or those of the
// cases of a unit.
type TaskFilter struct {
	AssigneeID int64
	UnitID     int64
	Cursor     string
	Limit      int // default 50, at most 200
}

// TaskItem is an open task with the case it belongs to.
type TaskItem struct {
	Task
	CaseID     int64
	Code       string
	SOPID      int64
	SOPTitle   string
	ReceivedAt time.Time
	Count      string
	AgencyID   int64 // whose calendar counts the case's times
}

// TaskPage is one page of open tasks by due date (tasks without one last).
type TaskPage struct {
	Total  int
	Items  []*TaskItem
	People map[int64]string
	Next   string
}

// Kinds of SLA notices.
const (
	NoticeAtRisk   = SLAAtRisk
	NoticeBreached = SLABreached
)

// TaskNotice is an open task whose SLA notice is due: at risk (80 % of
// its time used) or breached (past its due). The job queue e-mails the
// recipients and then calls MarkNoticed.
type TaskNotice struct {
	CaseID     int64
	TaskID     int64
	Kind       string // NoticeAtRisk or NoticeBreached
	Code       string
	SOPTitle   string
	Activity   string
	Due        time.Time
	Recipients []*User // the assignees and the head of the case's unit, with their e-mail addresses
}

// CaseService keeps running cases.
type CaseService interface {
	// StartCase starts a case of the SOP version in force on the day of
	// receipt. EINVALID for a receipt in the future, an actor without a
	// position, or no version in force that day (Problems name the field);
	// ENOTFOUND for an unknown SOP.
	StartCase(ctx context.Context, in NewCase) (*CaseRecord, error)
	// FindCase returns ENOTFOUND for an unknown id; FindCaseByCode for an
	// unknown tracking code (in canonical form).
	FindCase(ctx context.Context, id int64) (*CaseRecord, error)
	FindCaseByCode(ctx context.Context, code string) (*CaseRecord, error)
	// FindCases returns the cases matching f, newest first.
	FindCases(ctx context.Context, f CaseFilter) (*CasePage, error)
	// CaseEvents returns a case's history, oldest first.
	CaseEvents(ctx context.Context, caseID int64) ([]CaseEvent, error)
	// CompleteTask completes a task as user by, locking the case:
	// EFORBIDDEN when by is not an assignee, ECONFLICT when the task or
	// the case is not open (of racing completions exactly one succeeds),
	// EINVALID as Process.Complete.
	CompleteTask(ctx context.Context, caseID, taskID int64, in Completion, by *User) (*CaseRecord, error)
	// CancelCase cancels an open case with a reason (ECONFLICT when it is
	// not open, EINVALID without a reason). Who may cancel is the caller's
	// check.
	CancelCase(ctx context.Context, caseID int64, reason string, by *User) (*CaseRecord, error)
	// FindTasks returns open tasks by due date.
	FindTasks(ctx context.Context, f TaskFilter) (*TaskPage, error)
	// ReassignOpenTasks gives every open task to whoever acts for its
	// position on day (absences starting or ending, assignments changing)
	// and records the moves as case events; it returns how many tasks
	// moved. The job queue calls it when a day starts; recording or
	// removing an absence calls it too.
	ReassignOpenTasks(ctx context.Context, day Date) (int, error)
	// TasksNeedingNotice returns up to limit open tasks whose at-risk or
	// breach notice is due at now, oldest first; MarkNoticed records that
	// the notice of kind was sent, so that it is not returned again.
	TasksNeedingNotice(ctx context.Context, now time.Time, limit int) ([]*TaskNotice, error)
	MarkNoticed(ctx context.Context, caseID, taskID int64, kind string) error
}

// CalendarService keeps the working calendars.
type CalendarService interface {
	// Calendar returns the working calendar of an agency (a unit id; 0
	// for the installation's default): its settings, or the
	// installation's, or DefaultCalendarSettings, with every holiday.
	Calendar(ctx context.Context, agencyID int64) (*Calendar, error)
	// CalendarSettings returns the settings stored for an agency (0: the
	// installation) and whether any are stored.
	CalendarSettings(ctx context.Context, agencyID int64) (CalendarSettings, bool, error)
	// SetCalendarSettings stores an agency's working week (EINVALID with
	// the problems), audited.
	SetCalendarSettings(ctx context.Context, agencyID int64, s CalendarSettings) error
	// Holidays returns the non-working dates of a year, by date. The
	// national dates of the shipped years are there from the first use.
	Holidays(ctx context.Context, year int) ([]Holiday, error)
	// AddHoliday adds a date (EINVALID, ECONFLICT when the date is
	// listed); UpdateHoliday replaces the entry of a date (ENOTFOUND);
	// DeleteHoliday removes it (ENOTFOUND). All audited.
	AddHoliday(ctx context.Context, h Holiday) error
	UpdateHoliday(ctx context.Context, date Date, h Holiday) error
	DeleteHoliday(ctx context.Context, date Date) error
}

// AbsenceService keeps employees' absences. Changes are audited.
type AbsenceService interface {
	// CreateAbsence records an absence (EINVALID; ENOTFOUND for an unknown NIP).
	CreateAbsence(ctx context.Context, a *Absence) error
	FindAbsences(ctx context.Context, f AbsenceFilter) ([]*Absence, error)
	// DeleteAbsence removes an absence (ENOTFOUND).
	DeleteAbsence(ctx context.Context, id int64) error
}

// RunSettingsService keeps the operational settings of SOPs.
type RunSettingsService interface {
	// SOPRunSettings returns the settings of an SOP (empty when none are stored).
	SOPRunSettings(ctx context.Context, sopID int64) (*RunSettings, error)
	// SetSOPRunSettings stores them, checked against the SOP's latest
	// version (EINVALID), audited.
	SetSOPRunSettings(ctx context.Context, sopID int64, s *RunSettings) error
}

// ActingHolder is an employee holding a position on a day, as the choice
// of a task's assignees sees them.
type ActingHolder struct {
	EmployeeID int64
	Capacity   string  // definitif, plt or plh
	Absent     bool    // away that day
	Users      []int64 // the enabled accounts linked to the employee
}

// ChooseActing returns who does a position's tasks on a day, from its
// holders that day: the definitif holders who are not away; when none is
// present, the Plt and Plh who are not away (the Plt of a vacant
// position, the Plh appointed for an absent holder's dates). Delegated is
// true when the work goes to a Plt or Plh because a definitif holder is
// away. ok is false when nobody present holds the position: the work
// then goes to the direct superior, delegated.
func ChooseActing(holders []ActingHolder) (users []int64, delegated, ok bool) {
	var standIns []int64
	away := false
	for _, h := range holders {
		switch {
		case h.Absent:
			away = away || h.Capacity == CapacityDefinitif
		case h.Capacity == CapacityDefinitif:
			users = append(users, h.Users...)
		default:
			standIns = append(standIns, h.Users...)
		}
	}
	if len(users) == 0 {
		users, delegated = standIns, away
	}
	slices.Sort(users)
	users = slices.Compact(users)
	return users, delegated && len(users) > 0, len(users) > 0
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
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

// runBodyLimit is the largest JSON body of the running routes.
const runBodyLimit = 64 << 10

// decodeBody reads a small JSON object into v: unknown keys and values of
// the wrong type are refused (422) with the key's path, as a document's
// are.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	b, err := readJSON(w, r, runBodyLimit)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if err == nil {
		if dec.More() {
			err = errors.New("extra data")
		} else {
			return nil
		}
	}
	p := esop.Problem{Severity: esop.SeverityError, Code: "json",
		Message: esop.Text{ID: "isi permintaan bukan objek JSON yang sah", EN: "the request body is not a valid JSON object"}}
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr):
		p.Path, p.Code = typeErr.Field, "type"
		p.Message = esop.Text{ID: "jenis nilainya salah (" + typeErr.Value + ")", EN: "wrong type of value (" + typeErr.Value + ")"}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		p.Path, p.Code = strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "unknown_key"
		p.Message = esop.Text{ID: "kunci ini tidak dikenal", EN: "unknown key"}
	}
	e := esop.Errorf(esop.EINVALID, "Isi permintaan tidak sah.", "The request body is not valid.")
	e.Problems = esop.Problems{p}
	return e
}

// invalid returns an EINVALID error with one problem at path.
func invalid(path, id, en string) error {
	e := &esop.Error{Code: esop.EINVALID, Message: esop.Text{ID: "Permintaan tidak sah: " + id + ".", EN: "The request is not valid: " + en + "."}}
	e.Problems = esop.Problems{{Path: path, Severity: esop.SeverityError, Code: "invalid", Message: esop.Text{ID: id, EN: en}}}
	return e
}

// orgUnits returns the units by id (the request's organisation).
func (s *Server) orgUnits(ctx context.Context) (map[int64]*esop.Unit, error) {
	o, err := s.org(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*esop.Unit, len(o.Units))
	for _, u := range o.Units {
		byID[u.ID] = u
	}
	return byID, nil
}

// unitByKey returns the unit with the given key, ENOTFOUND otherwise.
func (s *Server) unitByKey(ctx context.Context, key string) (*esop.Unit, error) {
	o, err := s.org(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range o.Units {
		if u.Key == key {
			return u, nil
		}
	}
	return nil, esop.Errorf(esop.ENOTFOUND, "Unit %q tidak ditemukan.", "Unit %q not found.", key)
}

// lineage returns the unit with id and the units above it, nearest first.
func lineage(units map[int64]*esop.Unit, id int64) []int64 {
	out := []int64{id}
	for u := units[id]; u != nil && u.ParentID != 0 && len(out) < 32; u = units[u.ParentID] {
		out = append(out, u.ParentID)
	}
	return out
}

// mayReadCase reports whether u may see a case with its applicant: those
// who read its unit's cases (esop.PermReadCases), and whoever started it
// or was given one of its tasks.
func (s *Server) mayReadCase(ctx context.Context, u *esop.User, rec *esop.CaseRecord) (bool, error) {
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
	return s.mayIn(ctx, u, esop.PermReadCases, rec.UnitID)
}

// casesUnits returns the units whose cases u may list (nil: every unit):
// those where u holds esop.PermReadCases.
func (s *Server) casesUnits(ctx context.Context, u *esop.User) ([]int64, error) {
	o, err := s.org(ctx)
	if err != nil {
		return nil, err
	}
	sub, err := s.subject(ctx, u)
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
func (s *Server) caseJSON(ctx context.Context, rec *esop.CaseRecord, withApplicant bool) (apiCase, error) {
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

// parseLimit reads the limit of a list (1 to 200; default 50).
func parseLimit(q string) (int, error) {
	if q == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(q)
	if err != nil || n < 1 || n > 200 {
		return 0, invalid("limit", "limit harus bilangan bulat 1 sampai 200", "limit must be a whole number from 1 to 200")
	}
	return n, nil
}

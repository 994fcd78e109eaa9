package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/access"
	"github.com/esop-malang/esop/internal/httpx"
)

// The cases of running SOPs: start, read, list, complete a task, cancel;
// the open tasks of a user or a unit; public tracking by code; and each
// SOP's run settings.

// Limits of the free text of a completion.
const (
	MaxOutputChars = 500
	MaxNoteChars   = 2000
)

var errNoCase = esop.Errorf(esop.ENOTFOUND, "Kasus tidak ditemukan.", "The case does not exist.")

// caseID reads the {id} of a case route.
func caseID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNoCase
	}
	return id, nil
}

// sopOf reads the sop of a new case: its id (a number) or its Nomor SOP
// (a string).
func (s *API) sopOf(r *http.Request, raw json.RawMessage) (*esop.SOP, error) {
	var (
		id     int64
		number string
	)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return nil, httpx.Invalid("sop", "sop wajib diisi: id atau nomor SOP", "sop is required: the SOP's id or number")
	case json.Unmarshal(raw, &id) == nil && id > 0:
		return s.store.FindSOPByID(r.Context(), id)
	case json.Unmarshal(raw, &number) == nil && strings.TrimSpace(number) != "":
		return s.store.FindSOPByNumber(r.Context(), strings.TrimSpace(number))
	}
	return nil, httpx.Invalid("sop", "sop harus id SOP (bilangan) atau nomor SOP (teks)", "sop must be the SOP's id (a number) or its number (text)")
}

// MayStart reports whether u may start a case of sop: staff of its unit
// (penyusun, pemeriksa, pengesah or pelaksana of it or of a unit above)
// or a holder, today, of a position one of its actors maps to.
func (s *API) MayStart(r *http.Request, u *esop.User, sop *esop.SOP) (bool, error) {
	ok, err := s.May(r.Context(), u, esop.PermStartCase, sop.Unit)
	if err != nil || ok || u.EmployeeID == 0 {
		return ok, err
	}
	held, err := s.store.HeldPositions(r.Context(), u.EmployeeID, s.Today())
	if err != nil || len(held) == 0 {
		return false, err
	}
	actors, err := s.store.SOPActors(r.Context(), sop.ID, s.Today())
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(actors, func(a esop.Actor) bool { return !a.External && a.Position != "" && slices.Contains(held, a.Position) }), nil
}

func (s *API) apiStartCase(w http.ResponseWriter, r *http.Request, rq *Request) error {
	var in struct {
		SOP        json.RawMessage `json:"sop"`
		Applicant  *esop.Applicant `json:"applicant"`
		ReceivedAt *string         `json:"receivedAt"`
	}
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	sop, err := s.sopOf(r, in.SOP)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return access.ErrNoSOP
	}
	if err != nil {
		return err
	}
	if sop.Current == nil && sop.Pending == nil {
		// Never approved: a draft, which only its readers may know of.
		if ok, err := s.MayReadDraft(r.Context(), rq.User, sop.Unit); err != nil || !ok {
			return httpx.FirstErr(err, access.ErrNoSOP)
		}
	}
	if ok, err := s.MayStart(r, rq.User, sop); err != nil || !ok {
		return httpx.FirstErr(err, httpx.ErrForbidden)
	}
	nc := esop.NewCase{SOPID: sop.ID, By: rq.User}
	if in.Applicant != nil {
		nc.Applicant = *in.Applicant
	}
	if in.ReceivedAt != nil {
		if nc.ReceivedAt, err = time.Parse(time.RFC3339, *in.ReceivedAt); err != nil {
			return httpx.Invalid("receivedAt", fmt.Sprintf("%q bukan waktu RFC 3339 (misalnya 2026-03-02T09:00:00+07:00)", *in.ReceivedAt),
				fmt.Sprintf("%q is not an RFC 3339 time (for example 2026-03-02T09:00:00+07:00)", *in.ReceivedAt))
		}
	}
	rec, err := s.store.StartCase(r.Context(), nc)
	if err != nil {
		return err
	}
	out, err := s.caseJSON(r.Context(), rec, true)
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/cases/%d", rec.ID))
	httpx.WriteJSON(w, http.StatusCreated, out)
	return nil
}

// ReadableCase returns case {id} when u may read it (for the case pages too).
func (s *API) ReadableCase(r *http.Request, u *esop.User) (*esop.CaseRecord, error) {
	id, err := caseID(r)
	if err != nil {
		return nil, err
	}
	rec, err := s.store.FindCase(r.Context(), id)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil, errNoCase
	}
	if err != nil {
		return nil, err
	}
	if ok, err := s.mayReadCase(r.Context(), u, rec); err != nil || !ok {
		return nil, httpx.FirstErr(err, httpx.ErrForbidden)
	}
	return rec, nil
}

func (s *API) apiGetCase(w http.ResponseWriter, r *http.Request, rq *Request) error {
	rec, err := s.ReadableCase(r, rq.User)
	if err != nil {
		return err
	}
	out, err := s.caseJSON(r.Context(), rec, true)
	if err != nil {
		return err
	}
	events, err := s.store.CaseEvents(r.Context(), rec.ID)
	if err != nil {
		return err
	}
	cal, err := s.store.Calendar(r.Context(), rec.AgencyID)
	if err != nil {
		return err
	}
	for _, e := range events {
		out.Events = append(out.Events, apiEvent{Kind: e.Kind, Task: e.TaskID, Actor: e.Actor, At: e.At.In(cal.Location()), Detail: e.Data})
	}
	httpx.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (s *API) apiListCases(w http.ResponseWriter, r *http.Request, rq *Request) error {
	q := r.URL.Query()
	f := esop.CaseFilter{Cursor: q.Get("cursor")}
	var err error
	if v := q.Get("sop"); v != "" {
		if f.SOPID, err = strconv.ParseInt(v, 10, 64); err != nil || f.SOPID <= 0 {
			return httpx.Invalid("sop", "sop harus id SOP", "sop must be an SOP's id")
		}
	}
	if v := q.Get("status"); v != "" {
		if !slices.Contains([]string{esop.CaseOpen, esop.CaseDone, esop.CaseCancelled}, v) {
			return httpx.Invalid("status", "status harus open, done atau cancelled", "status must be open, done or cancelled")
		}
		f.State = v
	}
	if v := q.Get("unit"); v != "" {
		u, err := s.UnitByKey(r.Context(), v)
		if err != nil {
			return err
		}
		f.UnitID = u.ID
	}
	if f.Limit, err = httpx.ParseLimit(q.Get("limit")); err != nil {
		return err
	}
	if f.Units, err = s.casesUnits(r.Context(), rq.User); err != nil {
		return err
	}
	page, err := s.store.FindCases(r.Context(), f)
	if err != nil {
		return err
	}
	items := []apiCase{}
	cals := map[int64]*esop.Calendar{} // by agency, for the page
	for _, rec := range page.Items {
		if rec.Calendar = cals[rec.AgencyID]; rec.Calendar == nil {
			if rec.Calendar, err = s.store.Calendar(r.Context(), rec.AgencyID); err != nil {
				return err
			}
			cals[rec.AgencyID] = rec.Calendar
		}
		c, err := s.caseJSON(r.Context(), rec, true)
		if err != nil {
			return err
		}
		items = append(items, c)
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"total": page.Total, "items": items, "next": page.Next})
	return nil
}

func (s *API) apiCompleteTask(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id, err := caseID(r)
	if err != nil {
		return err
	}
	task, err := strconv.ParseInt(r.PathValue("task"), 10, 64)
	if err != nil || task <= 0 {
		return esop.Errorf(esop.ENOTFOUND, "Tugas tidak ditemukan.", "The task does not exist.")
	}
	var in esop.Completion
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case utf8.RuneCountInString(in.Output) > MaxOutputChars:
		return httpx.Invalid("output", fmt.Sprintf("output paling panjang %d karakter", MaxOutputChars), fmt.Sprintf("output has at most %d characters", MaxOutputChars))
	case utf8.RuneCountInString(in.Note) > MaxNoteChars:
		return httpx.Invalid("note", fmt.Sprintf("catatan paling panjang %d karakter", MaxNoteChars), fmt.Sprintf("a note has at most %d characters", MaxNoteChars))
	}
	rec, err := s.store.CompleteTask(r.Context(), id, task, in, rq.User)
	if err != nil {
		return err
	}
	out, err := s.caseJSON(r.Context(), rec, true)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, out)
	return nil
}

func (s *API) apiCancelCase(w http.ResponseWriter, r *http.Request, rq *Request) error {
	rec, err := s.ReadableCase(r, rq.User)
	if err != nil {
		return err
	}
	if ok, err := s.MayIn(r.Context(), rq.User, esop.PermCancelCase, rec.UnitID); err != nil || !ok {
		return httpx.FirstErr(err, esop.Errorf(esop.EFORBIDDEN, "Hanya kepala unit atau administrator yang dapat membatalkan kasus.",
			"Only the head of the unit or an administrator can cancel a case."))
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	if utf8.RuneCountInString(in.Reason) > MaxNoteChars {
		return httpx.Invalid("reason", fmt.Sprintf("alasan paling panjang %d karakter", MaxNoteChars), fmt.Sprintf("the reason has at most %d characters", MaxNoteChars))
	}
	rec, err = s.store.CancelCase(r.Context(), rec.ID, in.Reason, rq.User)
	if err != nil {
		return err
	}
	out, err := s.caseJSON(r.Context(), rec, true)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, out)
	return nil
}

// apiTaskItem is an open task in a list, with its case.
type apiTaskItem struct {
	apiTask
	Case apiTaskCase `json:"case"`
}

type apiTaskCase struct {
	ID         int64      `json:"id"`
	Code       string     `json:"code"`
	SOP        apiCaseSOP `json:"sop"`
	ReceivedAt time.Time  `json:"receivedAt"`
}

// apiTasks lists open tasks by due date: the caller's own (assignee=me,
// the default) or, for the head of a unit (or of a unit above it), an
// administrator or an auditor, those of a unit's cases (unit=KEY).
func (s *API) apiTasks(w http.ResponseWriter, r *http.Request, rq *Request) error {
	q := r.URL.Query()
	f := esop.TaskFilter{Cursor: q.Get("cursor")}
	var err error
	if f.Limit, err = httpx.ParseLimit(q.Get("limit")); err != nil {
		return err
	}
	unit, assignee := q.Get("unit"), q.Get("assignee")
	switch {
	case unit != "" && assignee != "":
		return httpx.Invalid("unit", "pilih assignee=me atau unit, tidak keduanya", "use assignee=me or unit, not both")
	case unit != "":
		u, err := s.UnitByKey(r.Context(), unit)
		if err != nil {
			return err
		}
		if ok, err := s.MayIn(r.Context(), rq.User, esop.PermUnitWork, u.ID); err != nil || !ok {
			return httpx.FirstErr(err, esop.Errorf(esop.EFORBIDDEN, "Hanya kepala unit yang dapat melihat pekerjaan terbuka unitnya.",
				"Only the head of a unit can see its open work."))
		}
		f.UnitID = u.ID
	case assignee == "" || assignee == "me":
		f.AssigneeID = rq.User.ID
	default:
		return httpx.Invalid("assignee", "assignee hanya dapat bernilai me", "assignee can only be me")
	}
	page, err := s.store.FindTasks(r.Context(), f)
	if err != nil {
		return err
	}
	items := []apiTaskItem{}
	cals := map[int64]*esop.Calendar{} // by agency, for the page
	for _, it := range page.Items {
		cal := cals[it.AgencyID]
		if cal == nil {
			if cal, err = s.store.Calendar(r.Context(), it.AgencyID); err != nil {
				return err
			}
			cals[it.AgencyID] = cal
		}
		t := it.Task
		t.SLA = cal.SLAState(t.OpenedAt, DerefTime(t.Due), s.now(), it.Count)
		items = append(items, apiTaskItem{apiTask: taskJSON(t, page.People, cal.Location()), Case: apiTaskCase{ID: it.CaseID,
			Code: esop.FormatTrackingCode(it.Code), SOP: apiCaseSOP{ID: it.SOPID, Title: it.SOPTitle}, ReceivedAt: it.ReceivedAt.In(cal.Location())}})
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"total": page.Total, "items": items, "next": page.Next})
	return nil
}

func DerefTime(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

var ErrNoTrackingCode = esop.Errorf(esop.ENOTFOUND, "Kode pelacakan tidak dikenal. Periksa kembali kode pada tanda terima Anda.",
	"Unknown tracking code. Check the code on your receipt.")

// apiTrack tells anyone holding a tracking code how their application
// stands: the service, the status, the step under way, and the dates of
// receipt and of expected completion; never the names of staff or the
// applicant's data. A code that is malformed or unknown is 404 alike.
func (s *API) apiTrack(w http.ResponseWriter, r *http.Request, rq *Request) error {
	code, err := esop.ParseTrackingCode(r.PathValue("code"))
	if err != nil {
		return ErrNoTrackingCode
	}
	rec, err := s.store.FindCaseByCode(r.Context(), code)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return ErrNoTrackingCode
	}
	if err != nil {
		return err
	}
	cal, err := s.store.Calendar(r.Context(), rec.AgencyID)
	if err != nil {
		return err
	}
	day := func(t *time.Time) *string {
		if t == nil {
			return nil
		}
		d := esop.DateOf(t.In(cal.Location())).String()
		return &d
	}
	status := rec.State
	var text string
	switch {
	case rec.State == esop.CaseDone:
		text = s.t(rq.Lang, "track.done")
	case rec.State == esop.CaseCancelled:
		text = s.t(rq.Lang, "track.cancelled")
	case rec.WaitsForApplicant():
		text = s.t(rq.Lang, "track.waiting")
	default:
		text = s.t(rq.Lang, "track.open")
	}
	var step string
	if open := rec.OpenTasks(); len(open) > 0 {
		step = open[0].Activity
	}
	received := rec.ReceivedAt
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"code": esop.FormatTrackingCode(rec.Code), "service": rec.SOPTitle,
		"status": status, "statusText": text, "waitingForApplicant": rec.WaitsForApplicant(), "step": step,
		"receivedOn": day(&received), "expectedOn": day(rec.Due), "closedOn": day(rec.ClosedAt)})
	return nil
}

// RunSettingsSOP returns SOP {id} for its run settings; the caller must
// read the cases of its unit, or write its SOPs.
func (s *API) RunSettingsSOP(r *http.Request, u *esop.User, write bool) (*esop.SOP, error) {
	id, err := httpx.PathID(r)
	if err != nil {
		return nil, access.ErrNoSOP
	}
	sop, err := s.store.FindSOPByID(r.Context(), id)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil, access.ErrNoSOP
	}
	if err != nil {
		return nil, err
	}
	sc, err := s.UnitScope(r.Context(), sop.Unit)
	if err != nil {
		return nil, err
	}
	if ok, err := s.MayScope(r.Context(), u, esop.PermAdminister, sc); err != nil || ok {
		return sop, err
	}
	if s.InForce(sop) == nil {
		// A draft: only those who may read it learn that it exists.
		if ok, err := s.MayReadDraft(r.Context(), u, sop.Unit); err != nil || !ok {
			return nil, httpx.FirstErr(err, access.ErrNoSOP)
		}
	}
	if ok, err := s.MayEdit(r.Context(), u, sop.Unit); err != nil || ok {
		return sop, err
	}
	perm := esop.PermReadCases
	if write {
		perm = esop.PermRunSettings
	}
	ok, err := s.MayScope(r.Context(), u, perm, sc)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.Refuse(r.Context(), u, sop)
	}
	return sop, nil
}

func (s *API) writeRunSettings(w http.ResponseWriter, r *http.Request, sop *esop.SOP, status int) error {
	set, err := s.store.SOPRunSettings(r.Context(), sop.ID)
	if err != nil {
		return err
	}
	actors, err := s.store.SOPActors(r.Context(), sop.ID, s.Today())
	if err != nil {
		return err
	}
	type actor struct {
		ID       string `json:"id"`
		Name     string `json:"name"`
		Position string `json:"position"`
		External bool   `json:"external"`
	}
	resolved := []actor{}
	for _, a := range actors {
		resolved = append(resolved, actor{a.ID, a.Name, a.Position, a.External})
	}
	httpx.WriteJSON(w, status, map[string]any{"count": set.CountOrDefault(), "actors": set.Actors, "resolved": resolved})
	return nil
}

func (s *API) apiGetRunSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	sop, err := s.RunSettingsSOP(r, rq.User, false)
	if err != nil {
		return err
	}
	return s.writeRunSettings(w, r, sop, http.StatusOK)
}

func (s *API) apiPutRunSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	sop, err := s.RunSettingsSOP(r, rq.User, true)
	if err != nil {
		return err
	}
	var in esop.RunSettings
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	if err := s.store.SetSOPRunSettings(r.Context(), sop.ID, &in); err != nil {
		return err
	}
	return s.writeRunSettings(w, r, sop, http.StatusOK)
}

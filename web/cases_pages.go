package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/esop-malang/esop"
)

// The screens of running SOPs (issue 11): "Mulai layanan" on an SOP in
// force, the case page with its flowchart and tasks, the inbox "Tugas
// saya" and a unit's open work, and public tracking at /lacak. Every
// action goes through the same store calls and the same checks as the
// JSON API (api/cases.go); forms are protected against cross-site
// requests by the middleware (http.CrossOriginProtection).

// maxCaseForm is the largest form body of these pages.
const maxCaseForm = 32 << 10

// whenIn prints a moment in the calendar's zone with the site's one
// formatter (timezone.go): "20/11/2026 16:00 WIB".
func whenIn(_ string, t time.Time, loc *time.Location) string { return formatMoment(loc, t, false) }

// whenPtr is whenIn for an optional moment ("" for none).
func whenPtr(lang string, t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return whenIn(lang, *t, loc)
}

// ----- Mulai layanan -----

// startView is the view model of the form that starts a case.
type startView struct {
	SOP      *esop.SOP
	Total    string
	Zone     string // the calendar's zone, e.g. WIB
	Max      string // the latest receipt the form accepts (now), datetime-local
	Name     string
	Contact  string
	Received string
	Error    string
	Problems map[string][]string // by field: name, contact, received; "" for the form
}

// At returns the problems of a field.
func (v *startView) At(field string) []string { return v.Problems[field] }

// startableSOP returns SOP {id} when it is in force and u may start a
// case of it (the rule of POST /api/v1/cases).
func (s *Server) startableSOP(r *http.Request, rq *request) (*esop.SOP, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, errNoSOP
	}
	sop, err := s.store.FindSOPByID(r.Context(), id)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil, errNoSOP
	}
	if err != nil {
		return nil, err
	}
	if s.inForce(sop) == nil {
		return nil, errNoSOP
	}
	if ok, err := s.api.MayStart(r, rq.user, sop); err != nil || !ok {
		return nil, firstErr(err, esop.Errorf(esop.EFORBIDDEN,
			"Hanya staf unit pemilik SOP ini atau pemegang jabatan pelaksananya yang dapat memulai layanan.",
			"Only staff of the SOP's unit or holders of its actors' positions can start a case of it."))
	}
	return sop, nil
}

// mayStartSOP reports, for the SOP page, whether the signed-in user may
// start a case of an SOP in force.
func (s *Server) mayStartSOP(r *http.Request, u *esop.User, sh *shown) bool {
	if u == nil || !sh.InForce || s.inForce(sh.SOP) == nil {
		return false
	}
	ok, err := s.api.MayStart(r, u, sh.SOP)
	if err != nil {
		s.log.Error("may start", "sop", sh.SOP.ID, "err", err)
	}
	return ok && err == nil
}

// agencyCalendar returns the working calendar of the agency of an SOP's unit.
func (s *Server) agencyCalendar(ctx context.Context, unit string) (*esop.Calendar, error) {
	req, err := s.requester(ctx, nil, unit)
	if err != nil {
		return nil, err
	}
	return s.store.Calendar(ctx, req.AgencyID)
}

func (s *Server) newStartView(r *http.Request, rq *request, sop *esop.SOP) (*startView, error) {
	cal, err := s.agencyCalendar(r.Context(), sop.Unit)
	if err != nil {
		return nil, err
	}
	now := s.now().In(cal.Location())
	v := &startView{SOP: sop, Zone: now.Format("MST"), Max: now.Format("2006-01-02T15:04"), Problems: map[string][]string{}}
	if cur := s.inForce(sop); cur != nil {
		if t := esop.TotalTime(cur.Document); !t.IsZero() {
			v.Total = t.In(rq.lang)
		}
	}
	return v, nil
}

func (s *Server) startCaseForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.startableSOP(r, rq)
	if err != nil {
		return err
	}
	v, err := s.newStartView(r, rq, sop)
	if err != nil {
		return err
	}
	s.renderPage(w, r, rq, http.StatusOK, "case_start", v)
	return nil
}

// startFields maps the paths of the store's problems to the form's fields.
var startFields = map[string]string{"applicant.name": "name", "applicant.contact": "contact", "receivedAt": "received"}

func (s *Server) startCasePost(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.startableSOP(r, rq)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCaseForm)
	if err := r.ParseForm(); err != nil {
		return esop.Errorf(esop.EINVALID, "Formulir tidak dapat dibaca.", "The form cannot be read.")
	}
	v, err := s.newStartView(r, rq, sop)
	if err != nil {
		return err
	}
	v.Name, v.Contact, v.Received = strings.TrimSpace(r.PostForm.Get("name")), strings.TrimSpace(r.PostForm.Get("contact")), strings.TrimSpace(r.PostForm.Get("received"))
	nc := esop.NewCase{SOPID: sop.ID, By: rq.user, Applicant: esop.Applicant{Name: v.Name, Contact: v.Contact}}
	if v.Received != "" {
		cal, err := s.agencyCalendar(r.Context(), sop.Unit)
		if err != nil {
			return err
		}
		t, err := time.ParseInLocation("2006-01-02T15:04", v.Received, cal.Location())
		if err != nil {
			t, err = time.ParseInLocation("2006-01-02T15:04:05", v.Received, cal.Location())
		}
		if err != nil {
			v.Problems["received"] = []string{esop.Text{ID: "tulis tanggal dan jam penerimaan, misalnya 2026-03-02T09:00",
				EN: "give the date and time of receipt, for example 2026-03-02T09:00"}.In(rq.lang)}
			v.Error = esop.Text{ID: "Formulir belum benar; periksa isian yang ditandai.", EN: "The form is not right yet; check the marked fields."}.In(rq.lang)
			s.renderPage(w, r, rq, http.StatusUnprocessableEntity, "case_start", v)
			return nil
		}
		nc.ReceivedAt = t
	}
	rec, err := s.store.StartCase(r.Context(), nc)
	if esop.ErrorCode(err) == esop.EINVALID {
		v.Error = esop.ErrorMessage(err, rq.lang)
		var e *esop.Error
		if errors.As(err, &e) {
			for _, p := range e.Problems {
				f := startFields[p.Path]
				if f == "" {
					v.Problems[""] = append(v.Problems[""], p.Message.In(rq.lang))
					continue
				}
				v.Problems[f] = append(v.Problems[f], p.Message.In(rq.lang))
			}
		}
		s.renderPage(w, r, rq, http.StatusUnprocessableEntity, "case_start", v)
		return nil
	}
	if err != nil {
		return err
	}
	s.log.Info("case started", "case", rec.ID, "sop", sop.ID, "by", rq.user.Username)
	http.Redirect(w, r, fmt.Sprintf("/cases/%d?started=1", rec.ID), http.StatusSeeOther)
	return nil
}

// ----- The case page -----

// Step marks of the flowchart of a case.
const (
	markDone    = "done"
	markCurrent = "current"
	markLate    = "late"
)

// symbolRE finds a step's symbol in render's SVG and its title.
var symbolRE = regexp.MustCompile(`<g class="symbol" data-step="([^"]*)"([^>]*)>(\s*)<title>`)

// markFlowchart colours the steps of a flowchart SVG: each step with a
// mark gets the classes case-done, case-current and/or case-late (the
// stylesheet fills and outlines them differently, so that colour is not
// the only cue) and its title starts with the mark in words, for screen
// readers and the pointer's tooltip.
func markFlowchart(svg []byte, marks map[string][]string, words func(marks []string) string) template.HTML {
	out := symbolRE.ReplaceAllFunc(svg, func(m []byte) []byte {
		sub := symbolRE.FindSubmatch(m)
		step := html.UnescapeString(string(sub[1]))
		ms := marks[step]
		if len(ms) == 0 {
			return m
		}
		classes := "symbol"
		for _, k := range ms {
			classes += " case-" + k
		}
		return fmt.Appendf(nil, `<g class="%s" data-step="%s" data-mark="%s"%s>%s<title>%s: `, classes, sub[1], strings.Join(ms, " "), sub[2], sub[3],
			html.EscapeString(words(ms)))
	})
	return template.HTML(out) // render's own SVG, with classes and escaped text added
}

// caseTaskView is a task of the case page.
type caseTaskView struct {
	esop.Task
	No          int    // the step's number in the SOP
	ActorName   string // the pelaksana column
	Assignees   string // user names, joined
	Opened      string
	Due         string
	Standard    string // the step's time standard, e.g. "2 jam"
	Left        string // working time left, or how late
	Completed   string
	CompletedBy string
	DecisionTxt string // the branch label taken
	StateText   string
	SLAText     string
	Mine        bool // the user is an assignee of this open task
	// The form of an open task of the user.
	Requirements []checkItem
	YesLabel     string
	NoLabel      string
	IsDecision   bool
	FormOutput   string
	FormNote     string
}

// checkItem is a requirement of a step on the form.
type checkItem struct {
	Index   int
	Text    string
	Checked bool
}

// caseEventView is an entry of the history.
type caseEventView struct {
	When   string
	Kind   string // the kind in words
	Actor  string
	Task   string // the task's activity
	Detail string
}

// casePageView is the view model of the case page.
type casePageView struct {
	Rec        *esop.CaseRecord
	Code       string
	Doc        *esop.Document
	Flowchart  template.HTML
	Legend     []legendItem
	Status     string
	SLA        string
	SLAClass   string
	Received   string
	Due        string
	Closed     string
	ClosedBy   string
	CountText  string
	Tasks      []*caseTaskView
	Open       []*caseTaskView // open tasks, the user's first
	Events     []caseEventView
	MayCancel  bool
	Error      string
	ErrorTask  int64
	ErrorCode  int // the HTTP status of the refusal, shown with it
	Problems   []string
	Notice     string
	CancelText string
}

// legendItem is a mark of the flowchart's legend.
type legendItem struct {
	Class, Text string
}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request, rq *request) error {
	rec, err := s.api.ReadableCase(r, rq.user)
	if err != nil {
		return err
	}
	v, err := s.caseView(r, rq, rec)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	switch {
	case q.Get("started") == "1":
		v.Notice = rq.T(s, "case.notice.started", v.Code)
	case q.Get("completed") != "":
		v.Notice = rq.T(s, "case.notice.completed")
	case q.Get("cancelled") == "1":
		v.Notice = rq.T(s, "case.notice.cancelled")
	}
	s.renderPage(w, r, rq, http.StatusOK, "case", v)
	return nil
}

// stepWords returns the words of a step's marks.
func (s *Server) stepWords(lang string) func([]string) string {
	return func(ms []string) string {
		words := make([]string, 0, len(ms))
		for _, m := range ms {
			words = append(words, s.msgs.T(lang, "case.mark."+m))
		}
		return strings.Join(words, ", ")
	}
}

// caseView builds the case page of rec for the user.
func (s *Server) caseView(r *http.Request, rq *request, rec *esop.CaseRecord) (*casePageView, error) {
	ctx := r.Context()
	cal := rec.Calendar
	if cal == nil {
		var err error
		if cal, err = s.store.Calendar(ctx, rec.AgencyID); err != nil {
			return nil, err
		}
	}
	ver, err := s.store.FindVersionByID(ctx, rec.VersionID)
	if err != nil {
		return nil, err
	}
	d := ver.Document
	c := rec.Clone()
	now := s.now()
	c.UpdateSLA(cal, now)
	loc := cal.Location()
	lang := rq.lang
	v := &casePageView{Rec: rec, Code: esop.FormatTrackingCode(c.Code), Doc: d, Received: whenIn(lang, c.ReceivedAt, loc),
		Due: whenPtr(lang, c.Due, loc), Closed: whenPtr(lang, c.ClosedAt, loc), Status: rq.T(s, "case.status."+c.State),
		SLA: rq.T(s, "sla."+c.SLA), SLAClass: c.SLA, CountText: rq.T(s, "case.count."+c.Count)}
	if c.State == esop.CaseOpen && c.WaitsForApplicant() {
		v.Status = rq.T(s, "track.waiting")
	}
	if c.ClosedBy != 0 {
		v.ClosedBy = rec.People[c.ClosedBy]
	}
	marks := map[string][]string{}
	for _, t := range c.Tasks {
		i := d.StepIndex(t.Step)
		tv := &caseTaskView{Task: t, No: i + 1, Opened: whenIn(lang, t.OpenedAt, loc), Due: whenPtr(lang, t.Due, loc),
			Completed: whenPtr(lang, t.CompletedAt, loc), StateText: rq.T(s, "case.task."+t.State), SLAText: rq.T(s, "sla."+t.SLA)}
		if a := d.ActorByID(t.Actor); a != nil {
			tv.ActorName = a.Name
		}
		var names []string
		for _, id := range t.Assignees {
			names = append(names, rec.People[id])
			tv.Mine = tv.Mine || (id == rq.user.ID && t.State == esop.TaskOpen)
		}
		tv.Assignees = strings.Join(names, ", ")
		if t.CompletedBy != 0 {
			tv.CompletedBy = rec.People[t.CompletedBy]
		}
		var step *esop.Step
		if i >= 0 {
			step = &d.Steps[i]
		}
		if step != nil && step.Time != nil {
			tv.Standard = step.Time.In(lang)
		}
		if step != nil && step.Decision != nil {
			tv.IsDecision = true
			tv.YesLabel, tv.NoLabel = step.Decision.Labels()
			switch t.Decision {
			case esop.DecisionYes:
				tv.DecisionTxt = tv.YesLabel
			case esop.DecisionNo:
				tv.DecisionTxt = tv.NoLabel
			}
		}
		if t.State == esop.TaskOpen && t.Due != nil {
			left := cal.Elapsed(now, *t.Due, c.Count)
			if left >= 0 {
				tv.Left = rq.T(s, "case.left", s.spanText(lang, left, cal, c.Count))
			} else {
				tv.Left = rq.T(s, "case.late", s.spanText(lang, -left, cal, c.Count))
			}
		}
		if tv.Mine && step != nil {
			for k, req := range step.Requirements {
				tv.Requirements = append(tv.Requirements, checkItem{Index: k, Text: req})
			}
		}
		// The marks of the step: its latest task decides.
		var m []string
		switch t.State {
		case esop.TaskOpen:
			m = append(m, markCurrent)
		case esop.TaskDone:
			m = append(m, markDone)
		}
		if t.SLA == esop.SLABreached && t.State != esop.TaskCancelled {
			m = append(m, markLate)
		}
		if m != nil {
			marks[t.Step] = m
		}
		v.Tasks = append(v.Tasks, tv)
		if t.State == esop.TaskOpen {
			v.Open = append(v.Open, tv)
		}
	}
	slices.SortStableFunc(v.Open, func(a, b *caseTaskView) int {
		switch {
		case a.Mine && !b.Mine:
			return -1
		case b.Mine && !a.Mine:
			return 1
		}
		return 0
	})
	if dr := s.drawDocument(d, ver.ContentHash, lang); dr.SVG != "" {
		v.Flowchart = markFlowchart([]byte(dr.SVG), marks, s.stepWords(lang))
	}
	for _, m := range []string{markDone, markCurrent, markLate} {
		v.Legend = append(v.Legend, legendItem{Class: "case-" + m, Text: rq.T(s, "case.mark."+m)})
	}
	events, err := s.store.CaseEvents(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	activity := map[int64]string{}
	decisionLabel := map[int64][2]string{}
	for _, tv := range v.Tasks {
		activity[tv.ID] = fmt.Sprintf("%d. %s", tv.No, tv.Activity)
		decisionLabel[tv.ID] = [2]string{tv.YesLabel, tv.NoLabel}
	}
	for _, e := range events {
		ev := caseEventView{When: whenIn(lang, e.At, loc), Kind: rq.T(s, "case.event."+e.Kind), Actor: e.Actor, Task: activity[e.TaskID]}
		if ev.Actor == "" {
			ev.Actor = rq.T(s, "case.system")
		}
		ev.Detail = s.eventDetail(lang, e, decisionLabel[e.TaskID])
		v.Events = append(v.Events, ev)
	}
	if c.State == esop.CaseOpen {
		if v.MayCancel, err = s.mayIn(ctx, rq.user, esop.PermCancelCase, rec.UnitID); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// eventDetail says what an event carries: the decision taken, the
// output, the new assignees, the reason of a cancellation.
func (s *Server) eventDetail(lang string, e esop.CaseEvent, labels [2]string) string {
	var parts []string
	switch e.Data["decision"] {
	case esop.DecisionYes:
		parts = append(parts, s.msgs.T(lang, "case.detail.decision", labels[0]))
	case esop.DecisionNo:
		parts = append(parts, s.msgs.T(lang, "case.detail.decision", labels[1]))
	}
	if o, ok := e.Data["output"].(string); ok && o != "" {
		parts = append(parts, s.msgs.T(lang, "case.detail.output", o))
	}
	if list, ok := e.Data["assignees"].([]any); ok {
		var names []string
		for _, n := range list {
			if s, ok := n.(string); ok {
				names = append(names, s)
			}
		}
		if len(names) > 0 {
			parts = append(parts, s.msgs.T(lang, "case.detail.assignees", strings.Join(names, ", ")))
		}
	}
	if x, ok := e.Data["external"].(bool); ok && x {
		parts = append(parts, s.msgs.T(lang, "case.detail.external"))
	}
	if reason, ok := e.Data["reason"].(string); ok && reason != "" {
		parts = append(parts, s.msgs.T(lang, "case.detail.reason", reason))
	}
	return strings.Join(parts, "; ")
}

// spanText says a span of time in the case's count: working days and
// hours (a working day is the calendar's opening hours), or calendar
// days and hours.
func (s *Server) spanText(lang string, d time.Duration, cal *esop.Calendar, count string) string {
	day := 24 * time.Hour
	dayKey, hourKey := "case.span.days", "case.span.hours"
	if count != esop.CountCalendar {
		set := cal.Settings()
		day = time.Duration(set.Closes-set.Opens) * time.Minute
		dayKey, hourKey = "case.span.workdays", "case.span.workhours"
	}
	if day <= 0 {
		day = 8 * time.Hour
	}
	days := int(d / day)
	rest := d - time.Duration(days)*day
	hours := int(rest / time.Hour)
	mins := int((rest % time.Hour) / time.Minute)
	var parts []string
	if days > 0 {
		parts = append(parts, s.msgs.T(lang, dayKey, days))
	}
	if hours > 0 {
		parts = append(parts, s.msgs.T(lang, hourKey, hours))
	}
	if mins > 0 || len(parts) == 0 {
		parts = append(parts, s.msgs.T(lang, "case.span.minutes", mins))
	}
	return strings.Join(parts, " ")
}

// completeTaskPost completes a task from the case page, through the same
// store call as POST /api/v1/cases/{id}/tasks/{task}/complete. A refusal
// (not the user's task 403, no longer open 409, a missing decision or an
// unchecked requirement 422) shows the case page again with the reason
// and what was typed.
func (s *Server) completeTaskPost(w http.ResponseWriter, r *http.Request, rq *request) error {
	rec, err := s.api.ReadableCase(r, rq.user)
	if err != nil {
		return err
	}
	taskID, err := strconv.ParseInt(r.PathValue("task"), 10, 64)
	if err != nil || taskID <= 0 {
		return esop.Errorf(esop.ENOTFOUND, "Tugas tidak ditemukan.", "The task does not exist.")
	}
	k := slices.IndexFunc(rec.Tasks, func(t esop.Task) bool { return t.ID == taskID })
	if k < 0 {
		return esop.Errorf(esop.ENOTFOUND, "Tugas tidak ditemukan.", "The task does not exist.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCaseForm)
	if err := r.ParseForm(); err != nil {
		return esop.Errorf(esop.EINVALID, "Formulir tidak dapat dibaca.", "The form cannot be read.")
	}
	in := esop.Completion{Decision: r.PostForm.Get("decision"), Output: strings.TrimSpace(r.PostForm.Get("output")),
		Note: strings.TrimSpace(r.PostForm.Get("note"))}
	ver, err := s.store.FindVersionByID(r.Context(), rec.VersionID)
	if err != nil {
		return err
	}
	checked := map[int]bool{}
	if i := ver.Document.StepIndex(rec.Tasks[k].Step); i >= 0 {
		reqs := ver.Document.Steps[i].Requirements
		for _, raw := range r.PostForm["checklist"] {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 0 || n >= len(reqs) {
				continue // not a requirement of the step: the engine asks for the real ones
			}
			if in.Checklist == nil {
				in.Checklist = map[string]bool{}
			}
			in.Checklist[reqs[n]], checked[n] = true, true
		}
	}
	switch {
	case utf8.RuneCountInString(in.Output) > maxOutputChars:
		err = invalid("output", fmt.Sprintf("output paling panjang %d karakter", maxOutputChars), fmt.Sprintf("output has at most %d characters", maxOutputChars))
	case utf8.RuneCountInString(in.Note) > maxNoteChars:
		err = invalid("note", fmt.Sprintf("catatan paling panjang %d karakter", maxNoteChars), fmt.Sprintf("a note has at most %d characters", maxNoteChars))
	default:
		var done *esop.CaseRecord
		done, err = s.store.CompleteTask(r.Context(), rec.ID, taskID, in, rq.user)
		if err == nil {
			s.log.Info("task completed", "case", done.ID, "task", taskID, "by", rq.user.Username)
			http.Redirect(w, r, fmt.Sprintf("/cases/%d?completed=%d", done.ID, taskID), http.StatusSeeOther)
			return nil
		}
	}
	code := esop.ErrorCode(err)
	if code != esop.EINVALID && code != esop.EFORBIDDEN && code != esop.ECONFLICT {
		return err
	}
	// Show the case as it is now, with the refusal and the form as typed.
	if fresh, ferr := s.store.FindCase(r.Context(), rec.ID); ferr == nil {
		rec = fresh
	}
	v, verr := s.caseView(r, rq, rec)
	if verr != nil {
		return verr
	}
	v.Error, v.ErrorTask, v.ErrorCode = s.refusal(rq.lang, err), taskID, statusOf(err)
	for _, tv := range v.Tasks {
		if tv.ID != taskID || !tv.Mine {
			continue
		}
		tv.FormOutput, tv.FormNote = in.Output, in.Note
		for i := range tv.Requirements {
			tv.Requirements[i].Checked = checked[tv.Requirements[i].Index]
		}
	}
	var e *esop.Error
	if errors.As(err, &e) {
		for _, p := range e.Problems {
			v.Problems = append(v.Problems, s.problemText(rq.lang, p))
		}
	}
	s.renderPage(w, r, rq, statusOf(err), "case", v)
	return nil
}

// refusal says in the user's language why an action was refused.
func (s *Server) refusal(lang string, err error) string {
	head := map[string]string{esop.EFORBIDDEN: "case.refused.forbidden", esop.ECONFLICT: "case.refused.conflict", esop.EINVALID: "case.refused.invalid"}[esop.ErrorCode(err)]
	msg := esop.ErrorMessage(err, lang)
	if head == "" {
		return msg
	}
	return s.msgs.T(lang, head) + " " + msg
}

// problemText says a problem of a completion without its JSON path.
func (s *Server) problemText(lang string, p esop.Problem) string {
	return p.Message.In(lang)
}

// cancelCasePost cancels a case with a reason: the unit's head or an
// administrator, as POST /api/v1/cases/{id}/cancel.
func (s *Server) cancelCasePost(w http.ResponseWriter, r *http.Request, rq *request) error {
	rec, err := s.api.ReadableCase(r, rq.user)
	if err != nil {
		return err
	}
	if ok, err := s.mayIn(r.Context(), rq.user, esop.PermCancelCase, rec.UnitID); err != nil || !ok {
		return firstErr(err, esop.Errorf(esop.EFORBIDDEN, "Hanya kepala unit atau administrator yang dapat membatalkan kasus.",
			"Only the head of the unit or an administrator can cancel a case."))
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxCaseForm)
	if err := r.ParseForm(); err != nil {
		return esop.Errorf(esop.EINVALID, "Formulir tidak dapat dibaca.", "The form cannot be read.")
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if utf8.RuneCountInString(reason) > maxNoteChars {
		err = invalid("reason", fmt.Sprintf("alasan paling panjang %d karakter", maxNoteChars), fmt.Sprintf("the reason has at most %d characters", maxNoteChars))
	} else {
		_, err = s.store.CancelCase(r.Context(), rec.ID, reason, rq.user)
	}
	if err == nil {
		s.log.Info("case cancelled", "case", rec.ID, "by", rq.user.Username)
		http.Redirect(w, r, fmt.Sprintf("/cases/%d?cancelled=1", rec.ID), http.StatusSeeOther)
		return nil
	}
	if code := esop.ErrorCode(err); code != esop.EINVALID && code != esop.ECONFLICT {
		return err
	}
	if fresh, ferr := s.store.FindCase(r.Context(), rec.ID); ferr == nil {
		rec = fresh
	}
	v, verr := s.caseView(r, rq, rec)
	if verr != nil {
		return verr
	}
	v.Error, v.ErrorCode, v.CancelText = s.refusal(rq.lang, err), statusOf(err), reason
	s.renderPage(w, r, rq, statusOf(err), "case", v)
	return nil
}

// ----- Tugas saya and a unit's open work -----

// inboxItem is an open task of the inbox.
type inboxItem struct {
	esop.TaskItem
	CodeText  string
	Due       string
	Opened    string
	Received  string
	SLA       string
	SLAText   string
	Assignees string
}

// inboxUnit is a unit whose open work the user may see.
type inboxUnit struct {
	Key, Name string
	Selected  bool
}

// inboxView is the view model of the inbox and of a unit's open work.
type inboxView struct {
	Unit     *esop.Unit // nil: the user's own tasks
	Units    []inboxUnit
	Items    []inboxItem
	Total    int
	Next     string // the next page's URL, or ""
	AtRisk   int
	Breached int
}

// inboxLimit is how many tasks a page of the inbox shows; the order
// (breached, at risk, then by due) holds within a page.
const inboxLimit = 200

func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f := esop.TaskFilter{Cursor: q.Get("cursor"), Limit: inboxLimit}
	v := &inboxView{}
	units, err := s.allUnits(ctx)
	if err != nil {
		return err
	}
	// The units whose open work the user may see (esop.PermUnitWork:
	// their heads, administrators, auditors), those valid today.
	key := q.Get("unit")
	for _, u := range units {
		if !u.ValidTo.IsZero() && u.ValidTo.Before(s.today()) {
			continue
		}
		ok, err := s.mayIn(ctx, rq.user, esop.PermUnitWork, u.ID)
		if err != nil {
			return err
		}
		if ok {
			v.Units = append(v.Units, inboxUnit{Key: u.Key, Name: u.Name, Selected: u.Key == key})
		}
	}
	if key != "" {
		u, err := s.unitByKey(ctx, key)
		if err != nil {
			return err
		}
		if ok, err := s.mayIn(ctx, rq.user, esop.PermUnitWork, u.ID); err != nil || !ok {
			return firstErr(err, esop.Errorf(esop.EFORBIDDEN, "Hanya kepala unit yang dapat melihat pekerjaan terbuka unitnya.",
				"Only the head of a unit can see its open work."))
		}
		v.Unit, f.UnitID = u, u.ID
	} else {
		f.AssigneeID = rq.user.ID
	}
	page, err := s.store.FindTasks(ctx, f)
	if esop.ErrorCode(err) == esop.EINVALID {
		return err
	}
	if err != nil {
		return err
	}
	v.Total = page.Total
	cals := map[int64]*esop.Calendar{}
	now := s.now()
	for _, it := range page.Items {
		cal := cals[it.AgencyID]
		if cal == nil {
			if cal, err = s.store.Calendar(ctx, it.AgencyID); err != nil {
				return err
			}
			cals[it.AgencyID] = cal
		}
		t := it.Task
		t.SLA = cal.SLAState(t.OpenedAt, derefTime(t.Due), now, it.Count)
		loc := cal.Location()
		var names []string
		for _, id := range t.Assignees {
			names = append(names, page.People[id])
		}
		item := inboxItem{TaskItem: *it, CodeText: esop.FormatTrackingCode(it.Code), Due: whenPtr(rq.lang, t.Due, loc),
			Opened: whenIn(rq.lang, t.OpenedAt, loc), Received: whenIn(rq.lang, it.ReceivedAt, loc), SLA: t.SLA,
			SLAText: rq.T(s, "sla."+t.SLA), Assignees: strings.Join(names, ", ")}
		item.Task.SLA = t.SLA
		switch t.SLA {
		case esop.SLABreached:
			v.Breached++
		case esop.SLAAtRisk:
			v.AtRisk++
		}
		v.Items = append(v.Items, item)
	}
	rank := map[string]int{esop.SLABreached: 0, esop.SLAAtRisk: 1}
	slices.SortStableFunc(v.Items, func(a, b inboxItem) int {
		ra, ok := rank[a.SLA]
		if !ok {
			ra = 2
		}
		rb, ok := rank[b.SLA]
		if !ok {
			rb = 2
		}
		return cmp.Compare(ra, rb)
	})
	if page.Next != "" {
		nq := url.Values{"cursor": {page.Next}}
		if key != "" {
			nq.Set("unit", key)
		}
		v.Next = "/tasks?" + nq.Encode()
	}
	if f.AssigneeID != 0 && f.Cursor == "" {
		// The count in the navigation is this page's total: not counted twice.
		r = r.WithContext(context.WithValue(ctx, openTasksKey{}, page.Total))
	}
	s.renderPage(w, r, rq, http.StatusOK, "inbox", v)
	return nil
}

// openTasksKey holds, in a request's context, the user's count of open
// tasks when the handler knows it already.
type openTasksKey struct{}

// openTaskCount returns how many open tasks the user has, for the count
// beside "Tugas saya" in the navigation; 0 when it cannot be read.
func (s *Server) openTaskCount(ctx context.Context, u *esop.User) int {
	if u == nil {
		return 0
	}
	if n, ok := ctx.Value(openTasksKey{}).(int); ok {
		return n
	}
	page, err := s.store.FindTasks(ctx, esop.TaskFilter{AssigneeID: u.ID, Limit: 1})
	if err != nil {
		s.log.Warn("open task count", "err", err)
		return 0
	}
	return page.Total
}

// ----- Public tracking -----

// trackStep is a step of a case as tracking shows it: the activity of
// the SOP (public) and how far it is, never who did it or notes.
type trackStep struct {
	Activity string
	State    string // done, current or waiting (for the applicant)
	Text     string
	On       string // the day it was completed
}

// trackView is the view model of /lacak and /lacak/{code}.
type trackView struct {
	Code     string // as typed, for the form
	Error    string // the code is malformed or unknown: the page is a 404
	Found    bool
	Service  string
	SOPID    int64
	Status   string // open, done, cancelled
	Text     string
	Waiting  bool
	Step     string
	Received string
	Expected string
	Closed   string
	Steps    []trackStep
}

func (s *Server) trackForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	code := strings.TrimSpace(r.URL.Query().Get("code"))
	if code == "" {
		s.renderPage(w, r, rq, http.StatusOK, "lacak", &trackView{})
		return nil
	}
	canon, err := esop.ParseTrackingCode(code)
	if err != nil {
		s.renderPage(w, r, rq, http.StatusNotFound, "lacak", &trackView{Code: code, Error: esop.ErrorMessage(errNoTrackingCode, rq.lang)})
		return nil
	}
	http.Redirect(w, r, "/lacak/"+url.PathEscape(esop.FormatTrackingCode(canon)), http.StatusSeeOther)
	return nil
}

func (s *Server) trackPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	raw := r.PathValue("code")
	notFound := func() error {
		s.renderPage(w, r, rq, http.StatusNotFound, "lacak", &trackView{Code: raw, Error: esop.ErrorMessage(errNoTrackingCode, rq.lang)})
		return nil
	}
	code, err := esop.ParseTrackingCode(raw)
	if err != nil {
		return notFound()
	}
	rec, err := s.store.FindCaseByCode(r.Context(), code)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return notFound()
	}
	if err != nil {
		return err
	}
	cal, err := s.store.Calendar(r.Context(), rec.AgencyID)
	if err != nil {
		return err
	}
	loc := cal.Location()
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return formatDate(rq.lang, esop.DateOf(t.In(loc)))
	}
	received := rec.ReceivedAt
	v := &trackView{Code: esop.FormatTrackingCode(rec.Code), Found: true, Service: rec.SOPTitle, SOPID: rec.SOPID, Status: rec.State,
		Waiting: rec.WaitsForApplicant(), Received: day(&received), Expected: day(rec.Due), Closed: day(rec.ClosedAt)}
	switch {
	case rec.State == esop.CaseDone:
		v.Text = rq.T(s, "track.done")
	case rec.State == esop.CaseCancelled:
		v.Text = rq.T(s, "track.cancelled")
	case v.Waiting:
		v.Text = rq.T(s, "track.waiting")
	default:
		v.Text = rq.T(s, "track.open")
	}
	if open := rec.OpenTasks(); len(open) > 0 {
		v.Step = open[0].Activity
	}
	for _, t := range rec.Tasks {
		st := trackStep{Activity: t.Activity}
		switch {
		case t.State == esop.TaskDone:
			st.State, st.Text, st.On = "done", rq.T(s, "lacak.step.done"), day(t.CompletedAt)
		case t.State == esop.TaskOpen && t.External:
			st.State, st.Text = "waiting", rq.T(s, "track.waiting")
		case t.State == esop.TaskOpen:
			st.State, st.Text = "current", rq.T(s, "lacak.step.current")
		default:
			st.State, st.Text = "cancelled", rq.T(s, "case.task.cancelled")
		}
		v.Steps = append(v.Steps, st)
	}
	s.renderPage(w, r, rq, http.StatusOK, "lacak", v)
	return nil
}

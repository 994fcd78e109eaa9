package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// Monitoring and evaluation of the SOPs in force (Permenpan RB 35/2012):
// per SOP, the six-monthly monitoring form (Tabel 7) and the evaluation
// with its seven Ya/Tidak criteria; per unit and period, a recap page and
// its XLSX export, the evidence that reform and Zona Integritas assessors
// ask for.
//
// Who may do what:
//   - record (and correct) a monitoring or an evaluation: a pemeriksa or
//     pengesah of the SOP's unit (or a unit above it). Not the
//     administrator, whose role is technical, nor the penyusun, who would
//     assess their own work;
//   - read them: those roles, the penyusun of the unit (the actions to be
//     taken are addressed to them), auditors and administrators;
//   - the recap and its export: pemeriksa and pengesah of the unit,
//     auditors and administrators.

// mayRecordMonev reports whether u may record the monev of SOPs of unit.
func (s *Server) mayRecordMonev(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return s.may(ctx, u, esop.PermRecordMonev, unit)
}

// mayReadMonev reports whether u may read the monev of SOPs of unit.
func (s *Server) mayReadMonev(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return s.may(ctx, u, esop.PermReadMonev, unit)
}

// monevSubject is the SOP of a monev page and what the user may do with it.
type monevSubject struct {
	SOP       *esop.SOP
	Version   *esop.Version // in force today, or nil
	MayRecord bool
	// Since is the date the SOP came into force, the effective date of its
	// first approved version (zero when it is not in force): no period
	// before it is offered or accepted.
	Since esop.Date
}

// sinceOf returns the effective date of the first approved version of an
// SOP in force (v): the earliest of its approved and superseded versions.
func (s *Server) sinceOf(ctx context.Context, sop *esop.SOP, v *esop.Version) (esop.Date, error) {
	since := v.Document.Dates.Effective
	versions, err := s.store.FindVersions(ctx, sop.ID)
	if err != nil {
		return since, err
	}
	for _, x := range versions {
		if x.Status != esop.StatusApproved && x.Status != esop.StatusSuperseded || x.Document == nil {
			continue
		}
		if e := x.Document.Dates.Effective; !e.IsZero() && e.Before(since) {
			since = e
		}
	}
	return since, nil
}

// checkSince refuses a period that ends before the SOP came into force.
func (sub *monevSubject) checkSince(p esop.Period) error {
	if sub.Since.IsZero() || !p.Before(esop.PeriodOf(sub.Since)) {
		return nil
	}
	l := p.Label()
	return &esop.Error{Code: esop.EINVALID, Message: esop.Text{
		ID: fmt.Sprintf("%s mendahului berlakunya SOP ini (tanggal efektif %s); pilih periode sejak tanggal itu.", l.ID, sub.Since.Indonesian()),
		EN: fmt.Sprintf("%s is before this SOP came into force (effective %s); choose a period from that date on.", l.EN, sub.Since.English())}}
}

// monevSOP loads SOP {id} for its monitoring or evaluation page. Users
// who may not read its monev are refused as elsewhere (ENOTFOUND when
// nothing of it is public and they may not read its drafts); an SOP not
// in force is shown only to those who may read its drafts.
func (s *Server) monevSOP(r *http.Request, rq *request) (*monevSubject, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	sop, err := s.store.FindSOPByID(r.Context(), id)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil, errNoSOP
	}
	if err != nil {
		return nil, err
	}
	ok, err := s.mayReadMonev(r.Context(), rq.user, sop.Unit)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.refuse(r.Context(), rq.user, sop)
	}
	sub := &monevSubject{SOP: sop, Version: s.inForce(sop)}
	if sub.Version == nil {
		if ok, err := s.mayReadDraft(r.Context(), rq.user, sop.Unit); err != nil || !ok {
			return nil, firstErr(err, errNoSOP)
		}
	}
	if sub.MayRecord, err = s.mayRecordMonev(r.Context(), rq.user, sop.Unit); err != nil {
		return nil, err
	}
	s.zoneFor(r, rq, sop.Unit)
	if sub.Version != nil {
		if sub.Since, err = s.sinceOf(r.Context(), sop, sub.Version); err != nil {
			return nil, err
		}
	}
	return sub, nil
}

// recordable checks that rq may record the monev of the subject now.
func (s *Server) recordable(r *http.Request, rq *request, sub *monevSubject) error {
	if !sub.MayRecord {
		return s.refuse(r.Context(), rq.user, sub.SOP)
	}
	if sub.Version == nil {
		return errNotInForce
	}
	return nil
}

var errNotInForce = esop.Errorf(esop.ECONFLICT, "SOP ini belum atau tidak lagi berlaku; hanya SOP yang berlaku yang dimonitor dan dievaluasi.",
	"This SOP is not in force; only SOPs in force are monitored and evaluated.")

// currentPeriod returns the period of today.
func (s *Server) currentPeriod() esop.Period { return esop.PeriodOf(s.today()) }

// periodParam reads the period of a request (?period= or the form's
// period): the current one when none is given; EINVALID when it is not
// a period or has not started yet.
func (s *Server) periodParam(value string) (esop.Period, error) {
	if strings.TrimSpace(value) == "" {
		return s.currentPeriod(), nil
	}
	p, err := esop.ParsePeriod(value)
	if err != nil {
		return p, err
	}
	if s.currentPeriod().Before(p) {
		return p, esop.Errorf(esop.EINVALID, "Periode %s belum dimulai.", "Period %s has not started yet.", p)
	}
	return p, nil
}

// periodOption is one choice of the period selector.
type periodOption struct {
	Value    string
	Label    string
	Selected bool
}

// periodOptions returns the current period, the three before it and any
// other period in have, newest first, with p selected.
func (s *Server) periodOptions(lang string, p esop.Period, have ...esop.Period) []periodOption {
	list := []esop.Period{s.currentPeriod()}
	for range 3 {
		list = append(list, list[len(list)-1].Prev())
	}
	return s.periodList(lang, p, list, have)
}

// maxMonevPeriods bounds the periods offered for one SOP (ten years).
const maxMonevPeriods = 20

// subjectPeriods returns the periods of an SOP's monitoring or
// evaluation: from the one in which it came into force to the current
// one (at most maxMonevPeriods), and any other in have, newest first;
// for an SOP not in force, as periodOptions.
func (s *Server) subjectPeriods(lang string, sub *monevSubject, p esop.Period, have ...esop.Period) []periodOption {
	if sub.Since.IsZero() {
		return s.periodOptions(lang, p, have...)
	}
	first := esop.PeriodOf(sub.Since)
	list := []esop.Period{s.currentPeriod()}
	for first.Before(list[len(list)-1]) && len(list) < maxMonevPeriods {
		list = append(list, list[len(list)-1].Prev())
	}
	have = slices.DeleteFunc(slices.Clone(have), func(q esop.Period) bool { return q.Before(first) })
	if p.Before(first) {
		p = first
	}
	return s.periodList(lang, p, list, have)
}

// periodList sorts list with have and p added, newest first, p selected.
func (s *Server) periodList(lang string, p esop.Period, list, have []esop.Period) []periodOption {
	for _, q := range append(have, p) {
		if !slices.Contains(list, q) {
			list = append(list, q)
		}
	}
	slices.SortFunc(list, func(a, b esop.Period) int {
		if b.Before(a) {
			return -1
		}
		if a.Before(b) {
			return 1
		}
		return 0
	})
	out := make([]periodOption, len(list))
	for i, q := range list {
		out[i] = periodOption{Value: q.String(), Label: q.Label().In(lang), Selected: q == p}
	}
	return out
}

// choice is one option of a radio group.
type choice struct {
	Value   string
	Label   string
	Checked bool
}

// paraf is the Paraf penilai as printed: the assessor's name, the date
// of the assessment and when it was recorded.
type paraf struct {
	Name     string
	Username string
	On       esop.Date
	At       time.Time // when it was recorded, shown in the agency's zone
}

func parafOf(a esop.Assessor, on esop.Date, at time.Time) paraf {
	name := a.Name
	if name == "" {
		name = a.Username
	}
	return paraf{Name: name, Username: a.Username, On: on, At: at}
}

// assessor returns the signed-in user as the assessor of a record.
func assessor(u *esop.User) esop.Assessor {
	return esop.Assessor{Username: u.Username, Name: strings.TrimSpace(u.Name)}
}

// monevForm is what the two forms have in common.
type monevForm struct {
	Period     string
	Revision   int
	Notes      string
	AssessedOn string
}

// monevPage is what the two pages have in common.
type monevPage struct {
	SOP       *esop.SOP
	Version   *esop.Version
	InForce   bool
	MayRecord bool
	Period    esop.Period
	Label     string // the period for people
	Periods   []periodOption
	Since     esop.Date           // the SOP in force since (zero when not in force)
	Problems  map[string][]string // field → messages; "" for the whole form
	Invalid   bool                // the form has problems next to its fields
	Saved     bool
}

// At returns the messages for a field.
func (v *monevPage) At(path string) []string { return v.Problems[path] }

func newMonevPage(sub *monevSubject, p esop.Period, lang string) monevPage {
	return monevPage{SOP: sub.SOP, Version: sub.Version, InForce: sub.Version != nil, MayRecord: sub.MayRecord && sub.Version != nil,
		Period: p, Label: p.Label().In(lang), Since: sub.Since, Problems: map[string][]string{}}
}

// setError records a store error on the page: problems next to their
// fields, anything else at the top.
func (v *monevPage) setError(err error, lang string) {
	var e *esop.Error
	if errors.As(err, &e) && e.Code == esop.EINVALID {
		for _, p := range e.Problems {
			v.Problems[p.Path] = append(v.Problems[p.Path], p.Message.In(lang))
		}
		v.Invalid = true
		return
	}
	v.Problems[""] = append(v.Problems[""], esop.ErrorMessage(err, lang))
}

// parseMonevForm reads the common fields of a posted form; the period
// and date problems go next to their fields.
func (s *Server) parseMonevForm(w http.ResponseWriter, r *http.Request, sub *monevSubject, problems map[string][]string, lang string) (monevForm, esop.Period, esop.Date, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return monevForm{}, esop.Period{}, esop.Date{}, esop.Errorf(esop.EINVALID, "Formulir tidak sah.", "The form is not valid.")
	}
	f := monevForm{Period: r.PostForm.Get("period"), Notes: strings.TrimSpace(r.PostForm.Get("notes")),
		AssessedOn: strings.TrimSpace(r.PostForm.Get("assessedOn"))}
	f.Revision, _ = strconv.Atoi(r.PostForm.Get("revision"))
	p, err := s.periodParam(f.Period)
	if err == nil {
		err = sub.checkSince(p)
	}
	if err != nil {
		problems["period"] = append(problems["period"], esop.ErrorMessage(err, lang))
	}
	var on esop.Date
	if f.AssessedOn != "" {
		if on, err = esop.ParseDate(f.AssessedOn); err != nil {
			problems["assessedOn"] = append(problems["assessedOn"], esop.Text{ID: "tanggal tidak sah (TTTT-BB-HH)", EN: "not a valid date (YYYY-MM-DD)"}.In(lang))
		}
	}
	return f, p, on, nil
}

// monitoringView is the view model of an SOP's monitoring page.
type monitoringView struct {
	monevPage
	Form     monitoringForm
	Results  []choice
	Recorded *monitoringRow // the monitoring of the period, or nil
	History  []*monitoringRow
	Evidence *monevEvidence // the period's figures from the cases (stats_page.go), or nil
}

type monitoringForm struct {
	monevForm
	Result   string
	Actions  string
	Override string // why the result differs from the evidence's proposal
}

// monitoringRow is one monitoring as shown: a row of Tabel 7.
type monitoringRow struct {
	*esop.Monitoring
	PeriodLabel string
	ResultLabel string
	Good        bool
	Paraf       paraf
}

func monitoringRowOf(m *esop.Monitoring, lang string) *monitoringRow {
	return &monitoringRow{Monitoring: m, PeriodLabel: m.Period.Label().In(lang), ResultLabel: esop.ResultLabel(m.Result).In(lang),
		Good: m.Result == esop.ResultGood, Paraf: parafOf(m.Assessor, m.AssessedOn, m.UpdatedAt)}
}

// showMonitoring renders the monitoring page of sub for period p, with
// the form holding f (or the record of the period when f is nil).
func (s *Server) showMonitoring(w http.ResponseWriter, r *http.Request, rq *request, status int, sub *monevSubject, p esop.Period,
	f *monitoringForm, page func(*monevPage)) error {
	list, err := s.store.FindMonitorings(r.Context(), esop.MonevFilter{SOPID: sub.SOP.ID})
	if err != nil {
		return err
	}
	v := &monitoringView{monevPage: newMonevPage(sub, p, rq.lang)}
	var have []esop.Period
	for _, m := range list {
		row := monitoringRowOf(m, rq.lang)
		v.History = append(v.History, row)
		have = append(have, m.Period)
		if m.Period == p {
			v.Recorded = row
		}
	}
	v.Periods = s.subjectPeriods(rq.lang, sub, p, have...)
	switch {
	case f != nil:
		v.Form = *f
	case v.Recorded != nil:
		m := v.Recorded.Monitoring
		v.Form = monitoringForm{monevForm: monevForm{Period: p.String(), Revision: m.Revision, Notes: m.Notes, AssessedOn: m.AssessedOn.String()},
			Result: m.Result, Actions: m.Actions}
	default:
		v.Form = monitoringForm{monevForm: monevForm{Period: p.String(), AssessedOn: s.today().String()}}
	}
	if v.Evidence, err = s.monevEvidence(r.Context(), sub.SOP.ID, p, rq.lang); err != nil {
		return err
	}
	if v.Evidence != nil && f == nil && v.Recorded == nil { // a new record: the figures proposed
		v.Form.Result, v.Form.Notes = v.Evidence.Proposal, v.Evidence.Notes
	}
	for _, res := range esop.Results {
		v.Results = append(v.Results, choice{Value: res, Label: esop.ResultLabel(res).In(rq.lang), Checked: v.Form.Result == res})
	}
	if page != nil {
		page(&v.monevPage)
	}
	s.renderPage(w, r, rq, status, "monitoring", v)
	return nil
}

func (s *Server) monitoringPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.monevGet(r, rq, func(sub *monevSubject, p esop.Period, mark func(*monevPage)) error {
		return s.showMonitoring(w, r, rq, http.StatusOK, sub, p, nil, mark)
	})
}

// monevGet reads the SOP and the period of a monitoring or evaluation
// page and shows it, marked as just saved after a save.
func (s *Server) monevGet(r *http.Request, rq *request, show func(*monevSubject, esop.Period, func(*monevPage)) error) error {
	sub, err := s.monevSOP(r, rq)
	if err != nil {
		return err
	}
	p, err := s.periodParam(r.URL.Query().Get("period"))
	if err != nil {
		return err
	}
	if err := sub.checkSince(p); err != nil {
		return err
	}
	saved := r.URL.Query().Get("saved") == "1"
	return show(sub, p, func(v *monevPage) { v.Saved = saved })
}

func (s *Server) saveMonitoring(w http.ResponseWriter, r *http.Request, rq *request) error {
	sub, err := s.monevSOP(r, rq)
	if err != nil {
		return err
	}
	if err := s.recordable(r, rq, sub); err != nil {
		return err
	}
	problems := map[string][]string{}
	common, p, on, err := s.parseMonevForm(w, r, sub, problems, rq.lang)
	if err != nil {
		return err
	}
	f := &monitoringForm{monevForm: common, Result: r.PostForm.Get("result"), Actions: strings.TrimSpace(r.PostForm.Get("actions"))}
	m := &esop.Monitoring{SOPID: sub.SOP.ID, Period: p, Result: f.Result, Notes: f.Notes, Actions: f.Actions, AssessedOn: on,
		Assessor: assessor(rq.user), Revision: f.Revision}
	s.overrideReason(r, rq.lang, f, m, problems) // against the evidence's proposal (stats_page.go)
	err = formOrStore(problems, m.Validate(s.today()), func() error { return s.store.SaveMonitoring(r.Context(), m) })
	if p.IsZero() {
		p = s.currentPeriod()
	}
	switch code := esop.ErrorCode(err); code {
	case "":
		s.log.Info("monitoring recorded", "sop", sub.SOP.ID, "period", p.String(), "by", rq.user.Username)
		http.Redirect(w, r, fmt.Sprintf("/sops/%d/monitoring?period=%s&saved=1", sub.SOP.ID, p), http.StatusSeeOther)
		return nil
	case esop.EINVALID:
		return s.showMonitoring(w, r, rq, http.StatusUnprocessableEntity, sub, p, f, func(v *monevPage) {
			v.setError(err, rq.lang)
			mergeProblems(v.Problems, problems)
		})
	case esop.ECONFLICT:
		// Someone else recorded or corrected it first: show what is
		// stored now, and say so.
		return s.showMonitoring(w, r, rq, http.StatusConflict, sub, p, nil, func(v *monevPage) { v.setError(err, rq.lang) })
	}
	return err
}

// formOrStore saves through save when the form has no problems of its
// own; otherwise it returns the problems of the form and of the rules
// together, without saving.
func formOrStore(form map[string][]string, rules esop.Problems, save func() error) error {
	if len(form) == 0 {
		return save()
	}
	return &esop.Error{Code: esop.EINVALID, Problems: rules,
		Message: esop.Text{ID: "Formulir belum lengkap atau tidak sah.", EN: "The form is incomplete or not valid."}}
}

// mergeProblems adds the form's own problems (a date that is not a date)
// where the store's rules found none, so that a field never shows the
// same trouble twice.
func mergeProblems(dst, src map[string][]string) {
	for k, msgs := range src {
		if k == "period" || k == "assessedOn" {
			dst[k] = msgs // the form's reading is the more precise
			continue
		}
		dst[k] = append(dst[k], msgs...)
	}
}

// evaluationView is the view model of an SOP's evaluation page.
type evaluationView struct {
	monevPage
	Form        evaluationForm
	Criteria    []criterionRow
	Conclusions []choice
	Recorded    *evaluationRow
	History     []*evaluationRow
	MayEditSOP  bool           // may open the draft in the editor
	Evidence    *monevEvidence // the period's figures from the cases (stats_page.go), or nil
}

type evaluationForm struct {
	monevForm
	Answers    [7]string // "ya", "tidak" or "" (not answered)
	Conclusion string
}

// criterionRow is one criterion of the form with its answer.
type criterionRow struct {
	No     int
	Name   string // the form field: c1 … c7
	Text   string
	Yes    bool
	No_    bool
	Issues []string
}

// evaluationRow is one evaluation as shown.
type evaluationRow struct {
	*esop.Evaluation
	PeriodLabel     string
	ConclusionLabel string
	YesNo           []string // the answers, Ya/Tidak in the page's language
	Paraf           paraf
}

func evaluationRowOf(e *esop.Evaluation, lang string) *evaluationRow {
	row := &evaluationRow{Evaluation: e, PeriodLabel: e.Period.Label().In(lang), ConclusionLabel: esop.ConclusionLabel(e.Conclusion).In(lang),
		Paraf: parafOf(e.Assessor, e.AssessedOn, e.UpdatedAt)}
	for _, a := range e.Answers {
		row.YesNo = append(row.YesNo, esop.YesNo(a).In(lang))
	}
	return row
}

func (s *Server) showEvaluation(w http.ResponseWriter, r *http.Request, rq *request, status int, sub *monevSubject, p esop.Period,
	f *evaluationForm, page func(*monevPage)) error {
	list, err := s.store.FindEvaluations(r.Context(), esop.MonevFilter{SOPID: sub.SOP.ID})
	if err != nil {
		return err
	}
	v := &evaluationView{monevPage: newMonevPage(sub, p, rq.lang)}
	if v.Evidence, err = s.monevEvidence(r.Context(), sub.SOP.ID, p, rq.lang); err != nil {
		return err
	}
	var have []esop.Period
	for _, e := range list {
		row := evaluationRowOf(e, rq.lang)
		v.History = append(v.History, row)
		have = append(have, e.Period)
		if e.Period == p {
			v.Recorded = row
		}
	}
	v.Periods = s.subjectPeriods(rq.lang, sub, p, have...)
	switch {
	case f != nil:
		v.Form = *f
	case v.Recorded != nil:
		e := v.Recorded.Evaluation
		v.Form = evaluationForm{monevForm: monevForm{Period: p.String(), Revision: e.Revision, Notes: e.Notes, AssessedOn: e.AssessedOn.String()},
			Conclusion: e.Conclusion}
		for i, a := range e.Answers {
			v.Form.Answers[i] = map[bool]string{true: "ya", false: "tidak"}[a]
		}
	default:
		v.Form = evaluationForm{monevForm: monevForm{Period: p.String(), AssessedOn: s.today().String()}}
	}
	if page != nil {
		page(&v.monevPage)
	}
	for i, c := range esop.EvaluationCriteria {
		name := "c" + strconv.Itoa(c.No)
		v.Criteria = append(v.Criteria, criterionRow{No: c.No, Name: name, Text: c.Text.In(rq.lang),
			Yes: v.Form.Answers[i] == "ya", No_: v.Form.Answers[i] == "tidak", Issues: v.Problems[name]})
	}
	for _, c := range esop.Conclusions {
		v.Conclusions = append(v.Conclusions, choice{Value: c, Label: esop.ConclusionLabel(c).In(rq.lang), Checked: v.Form.Conclusion == c})
	}
	if v.MayEditSOP, err = s.mayEdit(r.Context(), rq.user, sub.SOP.Unit); err != nil {
		return err
	}
	s.renderPage(w, r, rq, status, "evaluation", v)
	return nil
}

func (s *Server) evaluationPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.monevGet(r, rq, func(sub *monevSubject, p esop.Period, mark func(*monevPage)) error {
		return s.showEvaluation(w, r, rq, http.StatusOK, sub, p, nil, mark)
	})
}

func (s *Server) saveEvaluation(w http.ResponseWriter, r *http.Request, rq *request) error {
	sub, err := s.monevSOP(r, rq)
	if err != nil {
		return err
	}
	if err := s.recordable(r, rq, sub); err != nil {
		return err
	}
	problems := map[string][]string{}
	common, p, on, err := s.parseMonevForm(w, r, sub, problems, rq.lang)
	if err != nil {
		return err
	}
	f := &evaluationForm{monevForm: common, Conclusion: r.PostForm.Get("conclusion")}
	e := &esop.Evaluation{SOPID: sub.SOP.ID, Period: p, Conclusion: f.Conclusion, Notes: f.Notes, AssessedOn: on,
		Assessor: assessor(rq.user), Revision: f.Revision}
	for i, c := range esop.EvaluationCriteria {
		name := "c" + strconv.Itoa(c.No)
		switch a := r.PostForm.Get(name); a {
		case "ya", "tidak":
			f.Answers[i], e.Answers[i] = a, a == "ya"
		default:
			problems[name] = append(problems[name], esop.Text{ID: "pilih Ya atau Tidak", EN: "choose Yes or No"}.In(rq.lang))
		}
	}
	err = formOrStore(problems, e.Validate(s.today()), func() error { return s.store.SaveEvaluation(r.Context(), e) })
	if p.IsZero() {
		p = s.currentPeriod()
	}
	switch code := esop.ErrorCode(err); code {
	case "":
		s.log.Info("evaluation recorded", "sop", sub.SOP.ID, "period", p.String(), "conclusion", e.Conclusion, "draft", e.DraftID, "by", rq.user.Username)
		http.Redirect(w, r, fmt.Sprintf("/sops/%d/evaluation?period=%s&saved=1", sub.SOP.ID, p), http.StatusSeeOther)
		return nil
	case esop.EINVALID:
		return s.showEvaluation(w, r, rq, http.StatusUnprocessableEntity, sub, p, f, func(v *monevPage) {
			v.setError(err, rq.lang)
			mergeProblems(v.Problems, problems)
		})
	case esop.ECONFLICT:
		return s.showEvaluation(w, r, rq, http.StatusConflict, sub, p, nil, func(v *monevPage) { v.setError(err, rq.lang) })
	}
	return err
}

package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/export"
	"github.com/esop-malang/esop/render"
)

// The performance dashboard (/stats, issue 12): the same figures as GET
// /api/v1/stats (statsScopeOf decides whose), as the head of office, a
// unit's head or an official reads them: the cases and their cycle time
// against the standard, the open work, the trend by month, the SOPs and
// the steps late most often; an official's own record (employee=) is
// their SKP evidence. Each chart is drawn here as SVG with a title and a
// description, the same figures in the table beside it; /stats.xlsx
// exports the tables.

// statsView is the view model of the page.
type statsView struct {
	Scope    string // what the figures are of: the office, a unit, an employee
	Own      bool   // the reader's own record
	Query    esop.StatsQuery
	UnitKey  string
	Employee int64
	Units    []statsUnitOption // the units the reader may choose
	Stats    *esop.Stats       // by month
	Steps    []esop.StatsGroup // the steps, late most often first
	SOPs     []esop.StatsGroup // by SOP, late most often first
	Trend    template.HTML     // the chart of the months
	LateBars template.HTML     // the chart of the steps late most often
	XLSX     string            // the export's address
	lang     string
	T        func(key string, args ...any) string
}

type statsUnitOption struct {
	Key, Name string
	Selected  bool
}

// Pct prints a share as a percentage with its counts: "87 % (13 dari 15)".
func (v *statsView) Pct(part, whole int64) string {
	if whole == 0 {
		return "—"
	}
	return v.T("stats.share", percent(part, whole), part, whole)
}

// Timed prints the on-time share of work with its counts.
func (v *statsView) Timed(onTime, late int64) string { return v.Pct(onTime, onTime+late) }

// Part prints part of whole as a percentage.
func (v *statsView) Part(part, whole int64) string { return percent(part, whole) }

// Min prints working minutes: "95 mnt", "3,5 jam".
func (v *statsView) Min(m float64) string { return formatWorkMinutes(m, v.lang) }

func percent(part, whole int64) string {
	if whole == 0 {
		return "—"
	}
	return strconv.FormatFloat(float64(part)*100/float64(whole), 'f', 0, 64) + " %"
}

// formatWorkMinutes prints working minutes, in hours from two hours up.
func formatWorkMinutes(m float64, lang string) string {
	if m == 0 {
		return "—"
	}
	unit, v := "mnt", m
	if lang == "en" {
		unit = "min"
	}
	if m >= 120 {
		unit, v = "jam", m/60
		if lang == "en" {
			unit = "h"
		}
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + unit
}

// statsFigures answers the page's three questions for a scope.
func (s *Server) statsFigures(ctx context.Context, sc *statsScope) (months *esop.Stats, steps, sops []esop.StatsGroup, err error) {
	q := sc.Query
	q.By = esop.StatsByMonth
	if months, err = s.store.Stats(ctx, q); err != nil {
		return
	}
	q.By, q.GroupsOnly = esop.StatsByStep, true
	st, err := s.store.Stats(ctx, q)
	if err != nil {
		return
	}
	steps = st.Groups
	lateFirst := func(list []esop.StatsGroup) {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Late != list[j].Late {
				return list[i].Late > list[j].Late
			}
			return list[i].Tasks > list[j].Tasks
		})
	}
	lateFirst(steps)
	if sc.Employee == nil {
		q.By = esop.StatsBySOP
		if st, err = s.store.Stats(ctx, q); err != nil {
			return
		}
		sops = st.Groups
		lateFirst(sops)
	}
	return
}

func (s *Server) statsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	sc, err := s.api.StatsScopeOf(ctx, rq.user, r.URL.Query())
	if err != nil {
		return err
	}
	months, steps, sops, err := s.statsFigures(ctx, sc)
	if err != nil {
		return err
	}
	T := func(key string, args ...any) string { return s.msgs.T(rq.lang, key, args...) }
	v := &statsView{Query: sc.Query, Own: sc.Own, Stats: months, Steps: steps, SOPs: sops, lang: rq.lang, T: T,
		Scope: T("stats.office")}
	switch {
	case sc.Employee != nil:
		v.Scope, v.Employee = sc.Employee.Name, sc.Employee.ID
	case sc.Unit != nil:
		v.Scope = sc.Unit.Name
	}
	if sc.Unit != nil {
		v.UnitKey = sc.Unit.Key
	}
	visible, err := s.api.VisibleStatsUnits(ctx, rq.user)
	if err != nil {
		return err
	}
	units, err := s.allUnits(ctx)
	if err != nil {
		return err
	}
	today := s.today()
	for _, u := range units {
		if (visible == nil || containsID(visible, u.ID)) && u.ValidOn(today) {
			v.Units = append(v.Units, statsUnitOption{Key: u.Key, Name: u.Name, Selected: sc.Unit != nil && sc.Unit.ID == u.ID})
		}
	}
	v.Trend = trendChart(months, T)
	v.LateBars = lateChart(steps, T)
	v.XLSX = "/stats.xlsx?" + r.URL.RawQuery
	s.renderPage(w, r, rq, http.StatusOK, "stats", v)
	return nil
}

func containsID(list []int64, id int64) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

// The charts share the flowchart's look: black hairlines and text in the
// page's sans-serif, blue for work on time, red for late work.
const (
	chartBlue = "#1f5fa8"
	chartRed  = "#b3261e"
)

// trendChart draws the months as stacked bars, on time below and late
// above, with a title and a description naming every figure.
func trendChart(st *esop.Stats, T func(string, ...any) string) template.HTML {
	if len(st.Groups) == 0 {
		return ""
	}
	const w, h, left, bottom, top = 640.0, 220.0, 44.0, 36.0, 12.0
	var most int64 = 1
	for _, g := range st.Groups {
		most = max(most, g.OnTime+g.Late+untimed(g))
	}
	n := float64(len(st.Groups))
	slot := (w - left - 8) / n
	bar := slot * 0.7
	y := func(v int64) float64 { return top + (h-top-bottom)*(1-float64(v)/float64(most)) }
	var b strings.Builder
	var desc []string
	for _, g := range st.Groups {
		desc = append(desc, T("stats.chart.month.desc", g.Key, g.Tasks, g.OnTime, g.Late))
	}
	fmt.Fprintf(&b, `<svg class="stats-chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="trend-title trend-desc" xmlns="http://www.w3.org/2000/svg">`, w, h)
	fmt.Fprintf(&b, `<title id="trend-title">%s</title><desc id="trend-desc">%s</desc>`,
		html.EscapeString(T("stats.chart.trend")), html.EscapeString(strings.Join(desc, "; ")))
	// axis and a scale line at the top
	fmt.Fprintf(&b, `<g font-size="11" fill="#000"><line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#000" stroke-width="1"/>`, left, h-bottom, w-4, h-bottom)
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#999" stroke-width="0.5" stroke-dasharray="3 3"/>`, left, top, w-4, top)
	fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end">%d</text><text x="%.0f" y="%.1f" text-anchor="end">0</text>`, left-4, top+4, most, left-4, h-bottom+4)
	for i, g := range st.Groups {
		x := left + 4 + float64(i)*slot + (slot-bar)/2
		done := g.OnTime + untimed(g)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x, y(done), bar, h-bottom-y(done), chartBlue)
		if g.Late > 0 {
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x, y(done+g.Late), bar, y(done)-y(done+g.Late), chartRed)
		}
		if len(st.Groups) <= 12 || i%2 == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x+bar/2, h-bottom+14, html.EscapeString(g.Key[2:]))
		}
	}
	onTime := T("stats.legend.ontime")
	fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="10" height="10" fill="%s"/><text x="%.0f" y="%.0f">%s</text>`, left, h-12, chartBlue, left+14, h-3,
		html.EscapeString(onTime))
	// The second key starts after the first one's words: 11-unit type
	// averages under 6.5 units a character, so this leaves a gap of at
	// least 16 units whatever the language.
	second := left + 14 + 6.5*float64(utf8.RuneCountInString(onTime)) + 16
	fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="10" height="10" fill="%s"/><text x="%.0f" y="%.0f">%s</text></g></svg>`, second, h-12, chartRed, second+14, h-3,
		html.EscapeString(T("stats.legend.late")))
	return template.HTML(b.String())
}

// untimed is the tasks of a group with no time standard.
func untimed(g esop.StatsGroup) int64 { return g.Tasks - g.OnTime - g.Late }

// lateChart draws the ten steps late most often as horizontal bars.
func lateChart(steps []esop.StatsGroup, T func(string, ...any) string) template.HTML {
	var list []esop.StatsGroup
	for _, g := range steps {
		if g.Late > 0 && len(list) < 10 {
			list = append(list, g)
		}
	}
	if len(list) == 0 {
		return ""
	}
	const w, row, left = 640.0, 22.0, 250.0
	h := row*float64(len(list)) + 8
	most := list[0].Late
	var b strings.Builder
	var desc []string
	for _, g := range list {
		desc = append(desc, T("stats.chart.late.desc", g.Label, g.Late, g.OnTime+g.Late))
	}
	fmt.Fprintf(&b, `<svg class="stats-chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="late-title late-desc" xmlns="http://www.w3.org/2000/svg">`, w, h)
	fmt.Fprintf(&b, `<title id="late-title">%s</title><desc id="late-desc">%s</desc><g font-size="11" fill="#000">`,
		html.EscapeString(T("stats.chart.late")), html.EscapeString(strings.Join(desc, "; ")))
	fmt.Fprintf(&b, `<line x1="%.0f" y1="0" x2="%.0f" y2="%.0f" stroke="#000" stroke-width="1"/>`, left, left, h)
	for i, g := range list {
		y := 4 + float64(i)*row
		label := g.Label
		if r := []rune(label); len(r) > 42 {
			label = string(r[:41]) + "…"
		}
		width := (w - left - 60) * float64(g.Late) / float64(most)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end">%s</text>`, left-6, y+13, html.EscapeString(label))
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.1f" width="%.1f" height="14" fill="%s"/>`, left, y+2, width, chartRed)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f">%d</text>`, left+width+4, y+13, g.Late)
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

func (s *Server) statsXLSX(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	sc, err := s.api.StatsScopeOf(ctx, rq.user, r.URL.Query())
	if err != nil {
		return err
	}
	months, steps, sops, err := s.statsFigures(ctx, sc)
	if err != nil {
		return err
	}
	T := func(key string, args ...any) string { return s.msgs.T(rq.lang, key, args...) }
	scope, key := T("stats.office"), "kantor"
	switch {
	case sc.Employee != nil:
		scope, key = sc.Employee.Name, "pegawai-"+strconv.FormatInt(sc.Employee.ID, 10)
	case sc.Unit != nil:
		scope, key = sc.Unit.Name, sc.Unit.Key
	}
	subtitle := T("stats.xlsx.subtitle", scope, months.From, months.To)
	groupCols := func(first string) []export.Column {
		return []export.Column{{Title: first, Width: 45}, {Title: T("stats.col.tasks"), Width: 10, Num: true},
			{Title: T("stats.col.ontime"), Width: 12, Num: true}, {Title: T("stats.col.late"), Width: 12, Num: true},
			{Title: T("stats.col.ontimeshare"), Width: 12, Num: true, Format: "0%"},
			{Title: T("stats.col.median"), Width: 14, Num: true, Format: "#,##0.0"},
			{Title: T("stats.col.p90"), Width: 14, Num: true, Format: "#,##0.0"},
			{Title: T("stats.col.standard"), Width: 14, Num: true, Format: "#,##0.0"}}
	}
	row := func(label string, g esop.StatsGroup) []any {
		return []any{label, g.Tasks, g.OnTime, g.Late, g.OnTimeShare, g.MedianMinutes, g.P90Minutes, g.StandardMinutes}
	}
	byMonth := export.Table{Sheet: T("stats.xlsx.sheet.months"), Title: T("stats.title") + " — " + scope, Subtitle: subtitle,
		Columns: groupCols(T("stats.col.month"))}
	for _, g := range months.Groups {
		byMonth.Rows = append(byMonth.Rows, row(g.Key, g))
	}
	byMonth.Rows = append(byMonth.Rows, row(T("stats.total"), months.Tasks))
	bySteps := export.Table{Sheet: T("stats.xlsx.sheet.steps"), Title: T("stats.steps.title") + " — " + scope, Subtitle: subtitle,
		Columns: groupCols(T("stats.col.step"))}
	for _, g := range steps {
		bySteps.Rows = append(bySteps.Rows, row(g.Label, g))
	}
	tables := []export.Table{byMonth, bySteps}
	if sops != nil {
		bySOP := export.Table{Sheet: T("stats.xlsx.sheet.sops"), Title: T("stats.sops.title") + " — " + scope, Subtitle: subtitle,
			Columns: groupCols(T("stats.col.sop"))}
		for _, g := range sops {
			bySOP.Rows = append(bySOP.Rows, row(g.Label, g))
		}
		tables = append(tables, bySOP)
	}
	return s.sendWorkbook(w, export.TablesWorkbook(T("stats.title")+" — "+scope, rq.lang, s.now(), tables...),
		"kinerja-"+safeName(key)+"-"+months.From+"-"+months.To+".xlsx")
}

// servicePerformance is a public service's last month (sop.go).
type servicePerformance struct {
	Month            string // YYYY-MM
	Finished, OnTime int64
	Timed            int64 // finished with a due
}

// Share prints the on-time share of the month.
func (p *servicePerformance) Share() string { return percent(p.OnTime, p.Timed) }

// servicePerformance returns last month's figures of an SOP in force of
// the category pelayanan, nil for any other SOP or a month without a
// finished case.
func (s *Server) servicePerformance(ctx context.Context, sh *shown, d *esop.Document) (*servicePerformance, error) {
	if !sh.InForce || d.Category != esop.CategoryPelayanan {
		return nil, nil
	}
	today := s.today()
	month := today.Time().AddDate(0, 0, -today.Day).Format("2006-01") // the last day of last month
	st, err := s.store.Stats(ctx, esop.StatsQuery{SOPID: sh.SOP.ID, From: month, To: month, By: esop.StatsBySOP, GroupsOnly: true})
	if err != nil || st.Cases == nil || st.Cases.Finished == 0 {
		return nil, err
	}
	return &servicePerformance{Month: month, Finished: st.Cases.Finished, OnTime: st.Cases.OnTime, Timed: st.Cases.OnTime + st.Cases.Late}, nil
}

// monevEvidence is a period's figures of an SOP for its monitoring
// (Tabel 7): the proposal and the notes it writes.
type monevEvidence struct {
	Finished, OnTime, Timed int64   // cases
	Tasks, TasksOnTime      int64   // tasks
	Target                  float64 // the on-time share required
	Share                   string  // the cases' on-time share, printed
	Proposal                string  // esop.ResultGood or esop.ResultNotGood
	ProposalText            string
	Notes                   string     // the figures, for Catatan
	LateSteps               []lateStep // late most often first, up to five
}

// lateStep is a step late most often, for the monitoring and evaluation.
type lateStep struct {
	Label       string
	Late, Timed int64
}

// monevEvidence returns the figures of an SOP's cases in a period, nil
// when no case with a due finished in it.
func (s *Server) monevEvidence(ctx context.Context, sopID int64, p esop.Period, lang string) (*monevEvidence, error) {
	from, to := p.Start().Time().Format("2006-01"), p.End().Time().Format("2006-01")
	st, err := s.store.Stats(ctx, esop.StatsQuery{SOPID: sopID, From: from, To: to, By: esop.StatsByStep})
	if err != nil || st.Cases == nil || st.Cases.OnTime+st.Cases.Late == 0 {
		return nil, err
	}
	T := func(key string, args ...any) string { return s.msgs.T(lang, key, args...) }
	e := &monevEvidence{Finished: st.Cases.Finished, OnTime: st.Cases.OnTime, Timed: st.Cases.OnTime + st.Cases.Late,
		Tasks: st.Tasks.Tasks, TasksOnTime: st.Tasks.OnTime, Target: s.api.MonevTarget(ctx)}
	e.Share = percent(e.OnTime, e.Timed)
	e.Proposal = esop.ResultGood
	if float64(e.OnTime) < e.Target*float64(e.Timed) {
		e.Proposal = esop.ResultNotGood
	}
	e.ProposalText = esop.ResultLabel(e.Proposal).In(lang)
	steps := st.Groups
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].Late > steps[j].Late })
	var late []string
	for _, g := range steps {
		if g.Late > 0 && len(e.LateSteps) < 5 {
			e.LateSteps = append(e.LateSteps, lateStep{Label: g.Label, Late: g.Late, Timed: g.OnTime + g.Late})
			late = append(late, T("monev.evidence.step", g.Label, g.Late, g.OnTime+g.Late))
		}
	}
	target := strconv.FormatFloat(e.Target*100, 'f', 0, 64) + " %"
	e.Notes = T("monev.evidence.notes", from, to, e.Finished, e.Share, e.OnTime, e.Timed, target, st.Tasks.Tasks, percent(st.Tasks.OnTime, st.Tasks.OnTime+st.Tasks.Late))
	if len(late) > 0 {
		e.Notes += " " + T("monev.evidence.late", strings.Join(late, "; "))
	}
	return e, nil
}

// The heat view (/stats/sops/{id}/heat): the SOP's own flowchart in
// force with each step's row banded by its late share in the reader's
// figures (render.SVGMarked, as the comparison of versions marks rows):
// green under 10 % late, amber from 10 %, red from 30 %, the share in the
// margin; the same figures in the table below.

// heatKinds are the bands of the late share, as render.Mark kinds.
func heatKind(late, timed int64) string {
	switch share := float64(late) / float64(timed); {
	case share >= 0.3:
		return "removed" // red
	case share >= 0.1:
		return "changed" // amber
	}
	return "added" // green
}

type heatView struct {
	SOP       *esop.SOP
	Flowchart template.HTML
	Steps     []esop.StatsGroup
	From, To  string
	Scope     string
	stats     *statsView
}

// Timed prints an on-time share with its counts.
func (v *heatView) Timed(onTime, late int64) string { return v.stats.Timed(onTime, late) }

// Min prints working minutes.
func (v *heatView) Min(m float64) string { return v.stats.Min(m) }

func (s *Server) heatPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	params := r.URL.Query()
	params.Set("sop", r.PathValue("id"))
	params.Set("by", esop.StatsByStep)
	sc, err := s.api.StatsScopeOf(ctx, rq.user, params)
	if err != nil {
		return err
	}
	if sc.SOP == nil || sc.SOP.Current == nil {
		return esop.Errorf(esop.ENOTFOUND, "SOP ini tidak berlaku.", "This SOP is not in force.")
	}
	q := sc.Query
	q.GroupsOnly = true
	st, err := s.store.Stats(ctx, q)
	if err != nil {
		return err
	}
	T := func(key string, args ...any) string { return s.msgs.T(rq.lang, key, args...) }
	v := &heatView{SOP: sc.SOP, Steps: st.Groups, From: st.From, To: st.To, Scope: T("stats.office"),
		stats: &statsView{lang: rq.lang, T: T}}
	switch {
	case sc.Employee != nil:
		v.Scope = sc.Employee.Name
	case sc.Unit != nil:
		v.Scope = sc.Unit.Name
	}
	doc := sc.SOP.Current.Document
	marks := map[string]render.Mark{}
	for _, g := range st.Groups {
		if timed := g.OnTime + g.Late; timed > 0 && doc.StepIndex(g.Step) >= 0 {
			marks[g.Step] = render.Mark{Change: heatKind(g.Late, timed), Label: percent(g.Late, timed)}
		}
	}
	c, err := s.laidOut(doc, sc.SOP.Current.ContentHash, "")
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := c.pages.SVGMarked(&b, 0, marks); err != nil {
		return err
	}
	v.Flowchart = template.HTML(b.String())
	s.renderPage(w, r, rq, http.StatusOK, "heat", v)
	return nil
}

// overrideReason checks a monitoring saved against the proposal of the
// evidence (the form's hidden "proposed"): choosing the other result
// needs a reason ("override"), which is written into the notes, so that
// the audited record says why the assessor judged otherwise.
func (s *Server) overrideReason(r *http.Request, lang string, f *monitoringForm, m *esop.Monitoring, problems map[string][]string) {
	proposed := r.PostForm.Get("proposed")
	f.Override = strings.TrimSpace(r.PostForm.Get("override"))
	if proposed != esop.ResultGood && proposed != esop.ResultNotGood || m.Result == "" || m.Result == proposed {
		return
	}
	if f.Override == "" {
		problems["override"] = append(problems["override"], s.msgs.T(lang, "monev.override.required", esop.ResultLabel(proposed).In(lang)))
		return
	}
	m.Notes = strings.TrimSpace(m.Notes + "\n" + s.msgs.T(lang, "monev.override.note", esop.ResultLabel(proposed).In(lang), f.Override))
}

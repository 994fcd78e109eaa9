package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/export"
)

// The overlap page (/analysis/overlap?unit=): the findings of
// esop.FindOverlaps with links to their SOPs and steps, a form to dismiss
// each with a reason (or restore it), and the process × unit matrix
// (esop.BuildProcessMatrix); the same as a workbook. Who: reading as the
// API (esop.PermAnalyse), dismissing as its dismissal
// (esop.PermDismissFinding for the unit of every step).

// overlapView is the view model of the page.
type overlapView struct {
	Unit, UnitName string
	Query          string // "?unit=…" or ""
	Open           []findingRow
	Dismissed      []findingRow
	Matrix         esop.ProcessMatrix
	AllRows        bool // the matrix shows every process, not only those of several units
	Processes      int  // rows of the matrix before the filter
	Page, Pages    int  // the page of open findings shown (from 1) and how many there are
	OpenTotal      int  // open findings in all
	Error          string
	ErrorFor       string // the finding the error is about
	Reason         string
	Done           string
}

// findingsPerPage is how many open findings the page shows at once.
const findingsPerPage = 50

// PageQuery returns the address of page n of the open findings.
func (v *overlapView) PageQuery(n int) string {
	q := "?page=" + strconv.Itoa(n)
	if v.Unit != "" {
		q += "&unit=" + urlQueryEscape(v.Unit)
	}
	return "/analysis/overlap" + q + "#findings"
}

// PageNumbers lists the pages of open findings.
func (v *overlapView) PageNumbers() []int {
	out := make([]int, v.Pages)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// findingRow is a finding as the page prints it.
type findingRow struct {
	esop.Finding
	MayDismiss bool
}

// Percent prints a similarity as a percentage.
func (f findingRow) Percent() string { return strconv.Itoa(int(f.Similarity*100+0.5)) + " %" }

func (s *Server) overlapPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.showOverlap(w, r, rq, http.StatusOK, &overlapView{Done: r.URL.Query().Get("done")})
}

// showOverlap renders the page for the request's unit with v's messages.
func (s *Server) showOverlap(w http.ResponseWriter, r *http.Request, rq *request, status int, v *overlapView) error {
	unit, units, err := s.api.AnalysisScope(r.Context(), rq.user, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	fs, m, err := s.api.OverlapData(r.Context(), units)
	if err != nil {
		return err
	}
	if unit != nil {
		v.Unit, v.UnitName, v.Query = unit.Key, unit.Name, "?unit="+urlQueryEscape(unit.Key)
	}
	may := map[int64]bool{}
	for _, f := range fs {
		row := findingRow{Finding: f, MayDismiss: true}
		for _, st := range f.Steps {
			ok, seen := may[st.UnitID]
			if !seen {
				if ok, err = s.mayIn(r.Context(), rq.user, esop.PermDismissFinding, st.UnitID); err != nil {
					return err
				}
				may[st.UnitID] = ok
			}
			row.MayDismiss = row.MayDismiss && ok
		}
		if f.Dismissed {
			v.Dismissed = append(v.Dismissed, row)
		} else {
			v.Open = append(v.Open, row)
		}
	}
	// The open findings a page at a time: an office of 2,000 SOPs may
	// have hundreds, each with its form.
	v.OpenTotal = len(v.Open)
	v.Pages = max(1, (len(v.Open)+findingsPerPage-1)/findingsPerPage)
	v.Page = 1
	if p, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && p >= 1 && p <= v.Pages {
		v.Page = p
	}
	if v.ErrorFor != "" { // the page holding the finding whose form failed
		if i := slices.IndexFunc(v.Open, func(f findingRow) bool { return f.ID == v.ErrorFor }); i >= 0 {
			v.Page = i/findingsPerPage + 1
		}
	}
	v.Open = v.Open[(v.Page-1)*findingsPerPage : min(len(v.Open), v.Page*findingsPerPage)]
	v.Processes = len(m.Rows)
	v.AllRows = r.URL.Query().Get("matrix") == "all"
	if v.AllRows {
		v.Matrix = m
	} else {
		v.Matrix = m.Only(nil, 2)
	}
	s.renderPage(w, r, rq, status, "overlap", v)
	return nil
}

// overlapBack is where a dismissal returns: the page of the form's unit.
func overlapBack(r *http.Request, done string) string {
	q := "?done=" + done
	if u := strings.TrimSpace(r.PostForm.Get("unit")); u != "" {
		q += "&unit=" + urlQueryEscape(u)
	}
	return "/analysis/overlap" + q + "#findings"
}

// dismissFindingPost dismisses a finding with the form's reason; without
// one the page comes back with the message beside the form (422).
func (s *Server) dismissFindingPost(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	f, err := s.api.Finding(r, rq.user)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	err = s.store.DismissFinding(r.Context(), esop.Dismissal{ID: f.ID, Kind: f.Kind, Reason: reason})
	if err == nil {
		http.Redirect(w, r, overlapBack(r, "dismissed"), http.StatusSeeOther)
		return nil
	}
	var e *esop.Error
	if !errors.As(err, &e) || e.Code != esop.EINVALID {
		return err
	}
	msg := e.Message.In(rq.lang)
	for _, p := range e.Problems {
		msg = p.Message.In(rq.lang)
	}
	r.URL.RawQuery = "unit=" + urlQueryEscape(r.PostForm.Get("unit"))
	if r.PostForm.Get("unit") == "" {
		r.URL.RawQuery = ""
	}
	return s.showOverlap(w, r, rq, http.StatusUnprocessableEntity, &overlapView{Error: msg, ErrorFor: f.ID, Reason: reason})
}

// restoreFindingPost removes a dismissal.
func (s *Server) restoreFindingPost(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	f, err := s.api.Finding(r, rq.user)
	if err != nil {
		return err
	}
	if err := s.store.RestoreFinding(r.Context(), f.ID); err != nil {
		return err
	}
	http.Redirect(w, r, overlapBack(r, "restored"), http.StatusSeeOther)
	return nil
}

// stepsText names a finding's steps for a cell.
func stepsText(steps []esop.FindingStep) string {
	var out []string
	for _, st := range steps {
		out = append(out, st.SOPTitle+" — "+strconv.Itoa(st.Row)+". "+st.Activity+" ("+st.Name+", "+st.Unit+")")
	}
	return strings.Join(out, "\n")
}

func (s *Server) overlapXLSX(w http.ResponseWriter, r *http.Request, rq *request) error {
	unit, units, err := s.api.AnalysisScope(r.Context(), rq.user, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	fs, m, err := s.api.OverlapData(r.Context(), units)
	if err != nil {
		return err
	}
	lang := rq.lang
	T := func(key string, args ...any) string { return s.msgs.T(lang, key, args...) }
	scope, key := T("analysis.office"), "kantor"
	if unit != nil {
		scope, key = unit.Name, unit.Key
	}
	day := s.today().String()
	subtitle := T("overlap.xlsx.subtitle", scope, day)
	findings := export.Table{Sheet: T("overlap.xlsx.sheet.findings"), Title: T("overlap.title") + " — " + scope, Subtitle: subtitle,
		Columns: []export.Column{{Title: T("competence.col.no"), Width: 5, Num: true}, {Title: T("overlap.col.kind"), Width: 22},
			{Title: T("overlap.col.key"), Width: 28}, {Title: T("overlap.col.steps"), Width: 70}, {Title: T("overlap.col.state"), Width: 14},
			{Title: T("overlap.col.reason"), Width: 40}, {Title: "ID", Width: 18}}}
	for i, f := range fs {
		state, reason := T("overlap.open"), ""
		if f.Dismissed {
			state, reason = T("overlap.dismissed"), f.Reason+" ("+f.By+")"
		}
		findings.Rows = append(findings.Rows, []any{i + 1, T("overlap.kind." + f.Kind), f.Key, stepsText(f.Steps), state, reason, f.ID})
	}
	matrix := export.Table{Sheet: T("overlap.xlsx.sheet.matrix"), Title: T("overlap.matrix.title") + " — " + scope, Subtitle: subtitle,
		Columns: []export.Column{{Title: T("overlap.col.process"), Width: 30}, {Title: T("overlap.col.units"), Width: 10, Num: true}}}
	for _, u := range m.Units {
		matrix.Columns = append(matrix.Columns, export.Column{Title: u.Name, Width: 28})
	}
	for _, row := range m.Rows {
		cells := []any{row.Key + "\n(" + row.Activity + ")", row.Units}
		for _, c := range row.Cells {
			var lines []string
			for _, st := range c {
				lines = append(lines, st.SOPTitle+" — "+strconv.Itoa(st.Row)+" ("+st.Position+")")
			}
			if lines == nil {
				cells = append(cells, nil)
			} else {
				cells = append(cells, strings.Join(lines, "\n"))
			}
		}
		matrix.Rows = append(matrix.Rows, cells)
	}
	wb := export.TablesWorkbook(T("overlap.title")+" — "+scope, lang, s.now(), findings, matrix)
	return s.sendWorkbook(w, wb, "tumpang-tindih-"+safeName(key)+"-"+day+".xlsx")
}

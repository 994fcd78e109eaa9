package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/export"
)

// The competence analysis as a page with a chart and as a workbook; the
// analysis itself, and its JSON, are the API's (api.Competence).

// competenceView is the view model of /analysis/competence.
type competenceView struct {
	*competenceAnswer
	UnitName string
	Query    string // "?unit=…" or ""
	Chart    gapChart
	MayEdit  map[string]bool // NIPs whose records the reader may change
}

// gapChart is the bar chart of gaps per position, drawn on the server.
type gapChart struct {
	Bars          []gapBar
	Width, Height int
	Max           int
}

// gapBar is one position's bar.
type gapBar struct {
	Label          string
	Gaps, Expiring int
	Y              int
	GapW, ExpW     string // widths in the chart's units
	ExpX           string
	TextY          int
	CountX         string // where the figures after the bar start
}

// chartOf lays out the bars of the positions that need something.
func chartOf(ps []esop.PositionCompetenceStatus) gapChart {
	const (
		// Drawn one to one at its widest (app.css: 40rem = 640 px), so
		// that 13-unit type reads as 13 px: the position's name above its
		// bar, the figures after the bar's end.
		barW, rowH = 380, 32
	)
	c := gapChart{Width: 640}
	for _, p := range ps {
		c.Max = max(c.Max, p.Gaps+p.Expiring)
	}
	scale := float64(barW) / float64(max(c.Max, 1))
	y := 0
	for _, p := range ps {
		if len(p.Competences) == 0 || len(p.Holders) == 0 {
			continue
		}
		b := gapBar{Label: p.Name, Gaps: p.Gaps, Expiring: p.Expiring, Y: y + 17, TextY: y + 13}
		b.GapW = strconv.FormatFloat(float64(p.Gaps)*scale, 'f', 1, 64)
		b.ExpX = b.GapW
		b.ExpW = strconv.FormatFloat(float64(p.Expiring)*scale, 'f', 1, 64)
		b.CountX = strconv.FormatFloat(float64(p.Gaps+p.Expiring)*scale+6, 'f', 1, 64)
		c.Bars = append(c.Bars, b)
		y += rowH + 14
	}
	c.Height = max(y, 1)
	return c
}

// Status returns the words of a status in the reader's language.
func statusKey(status string) string { return "competence.status." + status }

func (s *Server) competencePage(w http.ResponseWriter, r *http.Request, rq *request) error {
	unit, units, err := s.api.AnalysisScope(r.Context(), rq.user, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	a, err := s.api.Competence(r.Context(), units, rq.lang)
	if err != nil {
		return err
	}
	v := &competenceView{competenceAnswer: a, Chart: chartOf(a.Positions), MayEdit: map[string]bool{}}
	if unit != nil {
		v.UnitName, a.Unit, v.Query = unit.Name, unit.Key, "?unit="+urlQueryEscape(unit.Key)
	}
	// Who may change whose records: administrators anyone's; a head those
	// of the units they head (the policy, asked once per unit).
	memo := map[int64]bool{}
	for _, p := range a.Positions {
		for _, h := range p.Holders {
			unitID := a.UnitOf[p.Position]
			ok, seen := memo[unitID]
			if !seen {
				if ok, err = s.mayIn(r.Context(), rq.user, esop.PermEditCompetence, unitID); err != nil {
					return err
				}
				memo[unitID] = ok
			}
			if ok {
				v.MayEdit[h.NIP] = true
			}
		}
	}
	s.renderPage(w, r, rq, http.StatusOK, "competence", v)
	return nil
}

// competenceWorkbook lays the analysis out as tables in lang.
func (s *Server) competenceWorkbook(a *competenceAnswer, unitName, lang string) *export.Workbook {
	T := func(key string, args ...any) string { return s.msgs.T(lang, key, args...) }
	scope := unitName
	if scope == "" {
		scope = T("analysis.office")
	}
	subtitle := T("competence.xlsx.subtitle", scope, a.Day.String(), a.Window, a.LoadYear)
	needs := export.Table{Sheet: T("competence.xlsx.sheet.needs"), Title: T("competence.needs.title") + " — " + scope, Subtitle: subtitle,
		Columns: []export.Column{{Title: T("competence.col.no"), Width: 5, Num: true}, {Title: T("competence.col.competence"), Width: 45},
			{Title: T("competence.col.kind"), Width: 16}, {Title: T("competence.col.employees"), Width: 45},
			{Title: T("competence.col.gaps"), Width: 12, Num: true}, {Title: T("competence.col.expiring"), Width: 12, Num: true},
			{Title: T("competence.col.steps"), Width: 10, Num: true}, {Title: T("competence.col.sops"), Width: 10, Num: true},
			{Title: T("competence.col.load"), Width: 16, Num: true, Format: "#,##0"}}}
	for i, n := range a.Needs {
		var who []string
		for _, e := range n.Employees {
			who = append(who, e.Name+" ("+e.Position+"; "+T(statusKey(e.Status))+")")
		}
		needs.Rows = append(needs.Rows, []any{i + 1, n.Text, T("competence.kind." + n.Kind), strings.Join(who, "\n"), n.Gaps, n.Expiring, n.Steps, n.SOPs, n.Load})
	}
	gaps := export.Table{Sheet: T("competence.xlsx.sheet.status"), Title: T("competence.status.title") + " — " + scope, Subtitle: subtitle,
		Columns: []export.Column{{Title: T("competence.col.position"), Width: 30}, {Title: T("competence.col.employee"), Width: 30},
			{Title: "NIP", Width: 20}, {Title: T("competence.col.competence"), Width: 45}, {Title: T("competence.col.kind"), Width: 16},
			{Title: T("competence.col.status"), Width: 16}, {Title: T("competence.col.record"), Width: 35}, {Title: T("competence.col.expiry"), Width: 14}}}
	for _, p := range a.Positions {
		for _, h := range p.Holders {
			for _, c := range h.Competences {
				rec, exp := "", ""
				if c.Record != nil {
					rec = c.Record.Title
					if c.Record.Expiry != nil {
						exp = c.Record.Expiry.String()
					}
				}
				gaps.Rows = append(gaps.Rows, []any{p.Name, h.Name, h.NIP, c.Text, T("competence.kind." + c.Kind), T(statusKey(c.Status)), rec, exp})
			}
		}
	}
	return export.TablesWorkbook(T("competence.title")+" — "+scope, lang, s.now(), needs, gaps)
}

func (s *Server) competenceXLSX(w http.ResponseWriter, r *http.Request, rq *request) error {
	unit, units, err := s.api.AnalysisScope(r.Context(), rq.user, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	a, err := s.api.Competence(r.Context(), units, rq.lang)
	if err != nil {
		return err
	}
	name, key := "", "kantor"
	if unit != nil {
		name, key = unit.Name, unit.Key
	}
	return s.sendWorkbook(w, s.competenceWorkbook(a, name, rq.lang), "kompetensi-"+safeName(key)+"-"+a.Day.String()+".xlsx")
}

// sendWorkbook writes a workbook as a download.
func (s *Server) sendWorkbook(w http.ResponseWriter, wb *export.Workbook, name string) error {
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	writeBuffered(w, http.StatusOK, export.MIMEXLSX, &b)
	return nil
}

// Minutes prints minutes as the office writes numbers: 182.880.
func (competenceView) Minutes(v float64) string { return esop.FormatMinutes(v) }

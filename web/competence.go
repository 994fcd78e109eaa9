package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/export"
)

// The competence analysis (issue 13, point 2): what each position of a
// unit needs (from the Kualifikasi Pelaksana of the SOPs its steps are
// in), what each of its holders has (their records, matched by the rule
// of esop.MatchesCompetence), the gaps, the certificates that lapse within
// the window of the setting, and the training needs ordered by the
// yearly load of the work behind them. As JSON, as a page with a chart,
// and as a workbook. Who: as the workload (esop.PermAnalyse).

// competenceSettingKey holds competenceSettings as JSON.
const competenceSettingKey = "analysis.competence"

// competenceSettings are the settings of the competence analysis.
type competenceSettings struct {
	ExpiryWindowDays int `json:"expiryWindowDays"`
}

// maxExpiryWindow is the longest window a setting may give, in days.
const maxExpiryWindow = 730

// competenceSettings returns the stored settings, or the defaults.
func (s *Server) competenceSettings(ctx context.Context) (competenceSettings, error) {
	def := competenceSettings{ExpiryWindowDays: esop.DefaultExpiryWindow}
	raw, err := s.store.Setting(ctx, competenceSettingKey)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return def, nil
	}
	if err != nil {
		return def, err
	}
	var cs competenceSettings
	if err := json.Unmarshal([]byte(raw), &cs); err != nil || cs.ExpiryWindowDays < 0 || cs.ExpiryWindowDays > maxExpiryWindow {
		s.log.Warn("stored competence settings unreadable; using the defaults", "err", err)
		return def, nil
	}
	return cs, nil
}

func (s *Server) apiCompetenceSettings(w http.ResponseWriter, r *http.Request, rq *request) error {
	cs, err := s.competenceSettings(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, cs)
	return nil
}

// apiPutCompetenceSettings sets the expiry window (administrators;
// audited as a setting).
func (s *Server) apiPutCompetenceSettings(w http.ResponseWriter, r *http.Request, rq *request) error {
	var in struct {
		ExpiryWindowDays *int `json:"expiryWindowDays"`
	}
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if in.ExpiryWindowDays == nil || *in.ExpiryWindowDays < 0 || *in.ExpiryWindowDays > maxExpiryWindow {
		return invalid("expiryWindowDays", fmt.Sprintf("jangka peringatan kedaluwarsa harus bilangan hari dari 0 sampai %d", maxExpiryWindow),
			fmt.Sprintf("the expiry window must be a number of days from 0 to %d", maxExpiryWindow))
	}
	cs := competenceSettings{ExpiryWindowDays: *in.ExpiryWindowDays}
	b, err := json.Marshal(cs)
	if err != nil {
		return err
	}
	if err := s.store.PutSetting(r.Context(), competenceSettingKey, string(b)); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, cs)
	return nil
}

// positionHolders returns the definitive holders on day of each position
// (by key) of units (all when nil).
func (s *Server) positionHolders(ctx context.Context, units map[int64]bool, day esop.Date) (map[string][]esop.CompetenceHolder, error) {
	ps, err := s.store.FindPositions(ctx, esop.PositionFilter{On: day})
	if err != nil {
		return nil, err
	}
	as, err := s.store.FindAssignments(ctx, esop.AssignmentFilter{On: day})
	if err != nil {
		return nil, err
	}
	emps, err := s.store.FindEmployees(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*esop.Employee, len(emps))
	for _, e := range emps {
		byID[e.ID] = e
	}
	keys := make(map[int64]string, len(ps))
	for _, p := range ps {
		if units == nil || units[p.UnitID] {
			keys[p.ID] = p.Key
		}
	}
	out := map[string][]esop.CompetenceHolder{}
	for _, a := range as {
		k, ok := keys[a.PositionID]
		e := byID[a.EmployeeID]
		if !ok || e == nil || a.Capacity != esop.CapacityDefinitif {
			continue
		}
		out[k] = append(out[k], esop.CompetenceHolder{EmployeeID: e.ID, NIP: e.NIP, Name: e.Name})
	}
	return out, nil
}

// competenceAnswer is the body of GET /api/v1/analysis/competence.
type competenceAnswer struct {
	Unit string `json:"unit,omitempty"`
	Rule string `json:"rule"`
	// LoadYear is the year whose volumes weigh the training needs.
	LoadYear int `json:"loadYear"`
	esop.CompetenceAnalysis
	Demand []esop.CompetenceDemand `json:"demand"`
	unitOf map[string]int64        // the unit of each position, by key
}

// matchRule is the matching rule in words, for the answer and the page.
var matchRule = esop.Text{
	ID: "Catatan memenuhi kompetensi bila, dari kumpulan kata yang lebih kecil (judul catatan atau teks kompetensi; huruf kecil, tanpa aksen, kata dasar, tanpa kata umum seperti memahami, mampu, sertifikat, pelatihan), paling sedikit dua pertiga ada di kumpulan lainnya, dan paling sedikit dua kata (satu bila kumpulan itu satu kata). Catatan yang sudah kedaluwarsa dihitung sebagai kesenjangan.",
	EN: "A record meets a competence when, of the smaller word set (the record's title or the competence's text; lower case, no accents, stemmed, less common words such as memahami, mampu, sertifikat, pelatihan), at least two thirds are in the other set, and at least two words (one when that set has one word). A record that has expired counts as a gap.",
}

// competence computes the competence analysis of the positions of units
// (every position when nil) today, the needs weighed by this year's loads.
func (s *Server) competence(ctx context.Context, units map[int64]bool, lang string) (*competenceAnswer, error) {
	day := s.today()
	cs, err := s.competenceSettings(ctx)
	if err != nil {
		return nil, err
	}
	ws, err := s.api.WorkloadSettings(ctx)
	if err != nil {
		return nil, err
	}
	sops, err := s.store.AnalysisSOPs(ctx)
	if err != nil {
		return nil, err
	}
	positions, err := s.api.PositionInfos(ctx, units, day)
	if err != nil {
		return nil, err
	}
	holders, err := s.positionHolders(ctx, units, day)
	if err != nil {
		return nil, err
	}
	records, err := s.store.AllCompetenceRecords(ctx)
	if err != nil {
		return nil, err
	}
	vols, err := s.store.SOPVolumes(ctx, day.Year)
	if err != nil {
		return nil, err
	}
	type task struct {
		position string
		sop      int64
		row      int
	}
	loads := map[task]float64{}
	for _, p := range esop.ComputeWorkload(sops, positions, vols, ws.WKE).Positions {
		for _, t := range p.Tasks {
			loads[task{p.Position, t.SOPID, t.Row}] += t.Load
		}
	}
	required, demand := esop.RequiredCompetences(sops, positions)
	a := esop.AnalyseCompetence(required, holders, records, func(position string, sop int64, row int) float64 {
		return loads[task{position, sop, row}]
	}, day, cs.ExpiryWindowDays)
	if demand == nil {
		demand = []esop.CompetenceDemand{}
	}
	unitOf := make(map[string]int64, len(positions))
	for _, p := range positions {
		unitOf[p.Key] = p.UnitID
	}
	return &competenceAnswer{Rule: matchRule.In(lang), LoadYear: day.Year, CompetenceAnalysis: a, Demand: demand, unitOf: unitOf}, nil
}

// apiCompetence answers GET /api/v1/analysis/competence?unit=.
func (s *Server) apiCompetence(w http.ResponseWriter, r *http.Request, rq *request) error {
	unit, units, err := s.api.AnalysisScope(r.Context(), rq.user, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	a, err := s.competence(r.Context(), units, rq.lang)
	if err != nil {
		return err
	}
	if unit != nil {
		a.Unit = unit.Key
	}
	writeJSON(w, http.StatusOK, a)
	return nil
}

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
	a, err := s.competence(r.Context(), units, rq.lang)
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
			unitID := a.unitOf[p.Position]
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
	a, err := s.competence(r.Context(), units, rq.lang)
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

package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
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

// MaxExpiryWindow is the longest window a setting may give, in days.
const MaxExpiryWindow = 730

// competenceSettings returns the stored settings, or the defaults.
func (s *API) competenceSettings(ctx context.Context) (competenceSettings, error) {
	def := competenceSettings{ExpiryWindowDays: esop.DefaultExpiryWindow}
	raw, err := s.store.Setting(ctx, competenceSettingKey)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return def, nil
	}
	if err != nil {
		return def, err
	}
	var cs competenceSettings
	if err := json.Unmarshal([]byte(raw), &cs); err != nil || cs.ExpiryWindowDays < 0 || cs.ExpiryWindowDays > MaxExpiryWindow {
		s.log.Warn("stored competence settings unreadable; using the defaults", "err", err)
		return def, nil
	}
	return cs, nil
}

func (s *API) apiCompetenceSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	cs, err := s.competenceSettings(r.Context())
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, cs)
	return nil
}

// apiPutCompetenceSettings sets the expiry window (administrators;
// audited as a setting).
func (s *API) apiPutCompetenceSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	var in struct {
		ExpiryWindowDays *int `json:"expiryWindowDays"`
	}
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	if in.ExpiryWindowDays == nil {
		return invalidExpiryWindow()
	}
	if err := s.SetExpiryWindowDays(r.Context(), *in.ExpiryWindowDays); err != nil {
		return err
	}
	cs := competenceSettings{ExpiryWindowDays: *in.ExpiryWindowDays}
	httpx.WriteJSON(w, http.StatusOK, cs)
	return nil
}

// ExpiryWindowDays returns the expiry window of the setting: how many
// days before its end a certificate is flagged as lapsing.
func (s *API) ExpiryWindowDays(ctx context.Context) (int, error) {
	cs, err := s.competenceSettings(ctx)
	return cs.ExpiryWindowDays, err
}

// SetExpiryWindowDays checks and stores the expiry window, 0 to
// MaxExpiryWindow days (EINVALID at "expiryWindowDays" otherwise), for
// the API and the settings page alike; the store audits the change.
func (s *API) SetExpiryWindowDays(ctx context.Context, days int) error {
	if days < 0 || days > MaxExpiryWindow {
		return invalidExpiryWindow()
	}
	b, err := json.Marshal(competenceSettings{ExpiryWindowDays: days})
	if err != nil {
		return err
	}
	return s.store.PutSetting(ctx, competenceSettingKey, string(b))
}

func invalidExpiryWindow() error {
	return httpx.Invalid("expiryWindowDays", fmt.Sprintf("jangka peringatan kedaluwarsa harus bilangan hari dari 0 sampai %d", MaxExpiryWindow),
		fmt.Sprintf("the expiry window must be a number of days from 0 to %d", MaxExpiryWindow))
}

// positionHolders returns the definitive holders on day of each position
// (by key) of units (all when nil).
func (s *API) positionHolders(ctx context.Context, units map[int64]bool, day esop.Date) (map[string][]esop.CompetenceHolder, error) {
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

// CompetenceAnswer is the body of GET /api/v1/analysis/competence.
type CompetenceAnswer struct {
	Unit string `json:"unit,omitempty"`
	Rule string `json:"rule"`
	// LoadYear is the year whose volumes weigh the training needs.
	LoadYear int `json:"loadYear"`
	esop.CompetenceAnalysis
	Demand []esop.CompetenceDemand `json:"demand"`
	UnitOf map[string]int64        `json:"-"` // the unit of each position, by key
}

// matchRule is the matching rule in words, for the answer and the page.
var matchRule = esop.Text{
	ID: "Catatan memenuhi kompetensi bila, dari kumpulan kata yang lebih kecil (judul catatan atau teks kompetensi; huruf kecil, tanpa aksen, kata dasar, tanpa kata umum seperti memahami, mampu, sertifikat, pelatihan), paling sedikit dua pertiga ada di kumpulan lainnya, dan paling sedikit dua kata (satu bila kumpulan itu satu kata). Catatan yang sudah kedaluwarsa dihitung sebagai kesenjangan.",
	EN: "A record meets a competence when, of the smaller word set (the record's title or the competence's text; lower case, no accents, stemmed, less common words such as memahami, mampu, sertifikat, pelatihan), at least two thirds are in the other set, and at least two words (one when that set has one word). A record that has expired counts as a gap.",
}

// Competence computes the competence analysis of the positions of units
// (every position when nil) today, the needs weighed by this year's loads.
func (s *API) Competence(ctx context.Context, units map[int64]bool, lang string) (*CompetenceAnswer, error) {
	day := s.Today()
	cs, err := s.competenceSettings(ctx)
	if err != nil {
		return nil, err
	}
	ws, err := s.WorkloadSettings(ctx)
	if err != nil {
		return nil, err
	}
	sops, err := s.store.AnalysisSOPs(ctx)
	if err != nil {
		return nil, err
	}
	positions, err := s.PositionInfos(ctx, units, day)
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
	return &CompetenceAnswer{Rule: matchRule.In(lang), LoadYear: day.Year, CompetenceAnalysis: a, Demand: demand, UnitOf: unitOf}, nil
}

// apiCompetence answers GET /api/v1/analysis/competence?unit=.
func (s *API) apiCompetence(w http.ResponseWriter, r *http.Request, rq *Request) error {
	unit, units, err := s.AnalysisScope(r.Context(), rq.User, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	a, err := s.Competence(r.Context(), units, rq.Lang)
	if err != nil {
		return err
	}
	if unit != nil {
		a.Unit = unit.Key
	}
	httpx.WriteJSON(w, http.StatusOK, a)
	return nil
}

package web

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// The workload page (/analysis/workload?unit=&year=): the ABK of the
// API as a table per jabatan with a bar of its load against the person-
// years in post, and each task behind the figures. Who: as the API.

// workloadView is the view model of the page.
type workloadView struct {
	*workloadAnswer
	UnitName string
	Years    []int
	Rows     []workloadRow
	Volumes  []volumeForm // the SOPs whose steps the page shows
	MayEnter bool         // the user may enter a volume of one of them
	Saved    int64        // the SOP whose volume was just saved
	Error    string       // why the volume posted was refused
}

// workloadRow is one position as the page prints it.
type workloadRow struct {
	esop.PositionWorkload
	Bar    float64 // the load in person-years, drawn against Scale
	Scale  float64 // the widest bar of the page, at least 1 person-year
	EJText string
}

// BarWidth returns the bar's width in percent of the chart.
func (r workloadRow) BarWidth() string { return fmt.Sprintf("%.1f", 100*r.Bar/r.Scale) }

// PostWidth returns where the person-years in post end, in percent.
func (r workloadRow) PostWidth() string {
	return fmt.Sprintf("%.1f", 100*math.Min(float64(r.Existing), r.Scale)/r.Scale)
}

// Minutes prints minutes as the office writes numbers: 182.880.
func (workloadView) Minutes(v float64) string { return esop.FormatMinutes(v) }

// Entered prints an entered volume, or "—" when none is.
func (v workloadView) Entered(f *float64) string {
	if f == nil {
		return "—"
	}
	return v.Minutes(*f)
}

// Two prints a figure with two decimals, Indonesian style: 2,44; 2,00.
func (workloadView) Two(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', 2, 64), ".", ",", 1)
}

func (s *Server) workloadPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	v, err := s.workloadView(r, rq, r.URL.Query().Get("unit"), r.URL.Query().Get("year"))
	if err != nil {
		return err
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("saved"), 10, 64); err == nil {
		v.Saved = id
	}
	s.renderPage(w, r, rq, http.StatusOK, "workload", v)
	return nil
}

// workloadView builds the page of the unit with key unitKey ("" for the
// office) in the year given as text ("" for this year).
func (s *Server) workloadView(r *http.Request, rq *request, unitKey, yearText string) (*workloadView, error) {
	unit, units, err := s.api.AnalysisScope(r.Context(), rq.user, unitKey)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	q.Set("year", yearText)
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = q.Encode()
	year, err := s.api.AnalysisYear(r2)
	if err != nil {
		return nil, err
	}
	a, err := s.api.Workload(r.Context(), units, year)
	if err != nil {
		return nil, err
	}
	a.Rounding = esop.WorkloadRounding.In(rq.lang)
	v := &workloadView{workloadAnswer: a}
	if unit != nil {
		v.UnitName, a.Unit = unit.Name, unit.Key
	}
	for y := s.today().Year + 1; y >= s.today().Year-4; y-- {
		v.Years = append(v.Years, y)
	}
	scale := 1.0
	for _, p := range a.Positions {
		scale = math.Max(scale, math.Max(p.Need, float64(p.Existing)))
	}
	seen := map[int64]bool{}
	for _, p := range a.Positions {
		row := workloadRow{PositionWorkload: p, Bar: p.Need, Scale: scale}
		if p.EJ != nil {
			row.EJText = v.Two(*p.EJ)
		}
		v.Rows = append(v.Rows, row)
		for _, t := range p.Tasks {
			if seen[t.SOPID] {
				continue
			}
			seen[t.SOPID] = true
			sv := volumeForm{SOPID: t.SOPID, Number: t.SOPNumber, Title: t.SOPTitle, Measured: t.VolumeMeasured, Year: strconv.Itoa(year)}
			if t.VolumeEntered != nil {
				sv.Volume = strconv.FormatFloat(*t.VolumeEntered, 'f', -1, 64)
			}
			sop, err := s.store.FindSOPByID(r.Context(), t.SOPID)
			if err != nil {
				return nil, err
			}
			if sv.May, err = s.may(r.Context(), rq.user, esop.PermEnterVolume, sop.Unit); err != nil {
				return nil, err
			}
			v.Volumes = append(v.Volumes, sv)
		}
	}
	slices.SortFunc(v.Volumes, func(a, b volumeForm) int { return cmp.Or(cmp.Compare(a.Title, b.Title), cmp.Compare(a.SOPID, b.SOPID)) })
	for _, f := range v.Volumes {
		v.MayEnter = v.MayEnter || f.May
	}
	return v, nil
}

// volumeForm is the form of one SOP's yearly volume on the page: what
// is entered (or was typed, when refused) and the measured volume as a hint.
type volumeForm struct {
	SOPID         int64
	Number, Title string
	Measured      int
	Year, Volume  string // as typed
	May           bool   // the user may enter it
	Problems      map[string][]string
}

// At returns the problems of a field of the form.
func (f volumeForm) At(field string) []string { return f.Problems[field] }

// parseVolume reads a volume as typed: digits, grouped by dots as the
// office writes numbers (1.000) or not; a sign or a decimal comma is
// left to the validation. Anything else is refused as not a number.
func parseVolume(raw string) (float64, error) {
	f := formNumber(raw)
	if math.IsNaN(f) {
		return 0, invalid("volume", "volume harus bilangan bulat, misalnya 1200 atau 1.200", "the volume must be a whole number, such as 1200")
	}
	return f, nil
}

var groupedNumber = regexp.MustCompile(`^-?\d{1,3}(\.\d{3})+$`)

// workloadVolumePost enters the volume of an SOP in a year from the
// page, as PUT /api/v1/sops/{id}/volume does: back to the page on
// success; the page again with the problems beside the fields and what
// was typed kept when refused (nothing is stored).
func (s *Server) workloadVolumePost(w http.ResponseWriter, r *http.Request, rq *request) error {
	sop, err := s.api.VolumeSOP(r, rq.user)
	if err != nil {
		return err
	}
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	unitKey, yearText, volText := f.Get("unit"), strings.TrimSpace(f.Get("year")), f.Get("volume")
	var year *int
	if yearText != "" {
		y, aerr := strconv.Atoi(yearText)
		if aerr != nil {
			err = invalid("year", "tahun harus bilangan, misalnya "+strconv.Itoa(s.today().Year), "the year must be a number, such as "+strconv.Itoa(s.today().Year))
		}
		year = &y
	}
	var vol *float64
	if strings.TrimSpace(volText) != "" {
		if v, perr := parseVolume(volText); perr != nil {
			err = perr
		} else {
			vol = &v
		}
	}
	if err == nil {
		_, err = s.api.PutVolume(r.Context(), sop, year, vol)
	}
	if err == nil {
		q := url.Values{"year": {yearText}, "saved": {strconv.FormatInt(sop.ID, 10)}}
		if unitKey != "" {
			q.Set("unit", unitKey)
		}
		http.Redirect(w, r, "/analysis/workload?"+q.Encode()+"#vol-"+strconv.FormatInt(sop.ID, 10), http.StatusSeeOther)
		return nil
	}
	var e *esop.Error
	if !errors.As(err, &e) || e.Code != esop.EINVALID {
		return err
	}
	// The page of the year shown before, or this year when the one typed is not one.
	pageYear := f.Get("shown")
	v, verr := s.workloadView(r, rq, unitKey, pageYear)
	if verr != nil {
		v, verr = s.workloadView(r, rq, unitKey, "")
		if verr != nil {
			return verr
		}
	}
	v.Error = e.Message.In(rq.lang)
	found := false
	for i := range v.Volumes {
		if v.Volumes[i].SOPID == sop.ID {
			v.Volumes[i].Year, v.Volumes[i].Volume, v.Volumes[i].Problems = yearText, volText, map[string][]string{}
			for _, p := range e.Problems {
				v.Volumes[i].Problems[p.Path] = append(v.Volumes[i].Problems[p.Path], p.Message.In(rq.lang))
			}
			found = true
		}
	}
	if !found { // an SOP not on the page: its error stands above the forms
		for _, p := range e.Problems {
			v.Error += " " + p.Message.In(rq.lang)
		}
	}
	s.renderPage(w, r, rq, http.StatusUnprocessableEntity, "workload", v)
	return nil
}

package web

import (
	"fmt"
	"math"
	"net/http"
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
	unit, units, err := s.analysisScope(r.Context(), rq.user, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	year, err := s.analysisYear(r)
	if err != nil {
		return err
	}
	a, err := s.workload(r.Context(), units, year)
	if err != nil {
		return err
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
	for _, p := range a.Positions {
		row := workloadRow{PositionWorkload: p, Bar: p.Need, Scale: scale}
		if p.EJ != nil {
			row.EJText = v.Two(*p.EJ)
		}
		v.Rows = append(v.Rows, row)
	}
	s.renderPage(w, r, rq, http.StatusOK, "workload", v)
	return nil
}

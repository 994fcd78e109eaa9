package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/export"
)

// The workload as the official Anjab/ABK form lays it out
// (/analysis/workload.xlsx?unit=&year=): one row per task — Jabatan,
// Uraian tugas, Satuan hasil, Waktu penyelesaian (norma waktu), Waktu
// kerja efektif, Beban kerja (volume), Kebutuhan pegawai — then a total
// row per jabatan with Σ beban, kebutuhan unrounded and rounded, the
// staff in post, EJ and PJ. Who: as the page.

// workloadWorkbook lays a workload out as the ABK form in lang.
func (s *Server) workloadWorkbook(a *workloadAnswer, unitName, lang string) *export.Workbook {
	T := func(key string, args ...any) string { return s.msgs.T(lang, key, args...) }
	scope := unitName
	if scope == "" {
		scope = T("analysis.office")
	}
	t := export.Table{Sheet: T("workload.xlsx.sheet"), Title: T("workload.title") + " — " + scope,
		Subtitle: T("workload.xlsx.subtitle", scope, a.Year, esop.FormatMinutes(a.WKE), a.Basis, esop.WorkloadRounding.In(lang)),
		Columns: []export.Column{{Title: T("workload.xlsx.col.position"), Width: 28}, {Title: T("workload.xlsx.col.task"), Width: 50},
			{Title: T("workload.xlsx.col.output"), Width: 24}, {Title: T("workload.xlsx.col.norm"), Width: 14, Num: true, Format: "#,##0.##"},
			{Title: T("workload.xlsx.col.wke"), Width: 14, Num: true, Format: "#,##0"}, {Title: T("workload.xlsx.col.volume"), Width: 14, Num: true, Format: "#,##0"},
			{Title: T("workload.xlsx.col.need"), Width: 12, Num: true, Format: "0.00"}, {Title: T("workload.xlsx.col.rounded"), Width: 12, Num: true},
			{Title: T("workload.xlsx.col.load"), Width: 16, Num: true, Format: "#,##0"}, {Title: T("workload.xlsx.col.existing"), Width: 10, Num: true},
			{Title: "EJ", Width: 8, Num: true, Format: "0.00"}, {Title: "PJ", Width: 6}, {Title: T("workload.xlsx.col.note"), Width: 30}}}
	for _, p := range a.Positions {
		for _, k := range p.Tasks {
			task := k.SOPTitle + " — " + strconv.Itoa(k.Row) + ". " + k.Activity
			var norm any = k.EffortMinutes
			var notes []string
			switch {
			case k.NoNorm:
				norm = nil
				notes = append(notes, T("workload.xlsx.nonorm"))
			case k.Estimate:
				notes = append(notes, T("workload.xlsx.estimate"))
			}
			if k.VolumeSource == esop.VolumeMeasured {
				notes = append(notes, T("workload.xlsx.measured"))
			}
			t.Rows = append(t.Rows, []any{p.Name, task, k.Output, norm, a.WKE, k.Volume, k.Load / a.WKE, nil, k.Load, nil, nil, nil, strings.Join(notes, "; ")})
		}
		var ej any
		grade, note := p.Grade, ""
		if p.EJ != nil {
			ej = *p.EJ
		} else {
			note = T("workload.xlsx.nobody")
		}
		if p.Overloaded {
			note = T("workload.over")
		}
		t.Rows = append(t.Rows, []any{T("workload.xlsx.total", p.Name), nil, nil, nil, a.WKE, nil, p.Need, p.NeedRounded, p.Load, p.Existing, ej, grade, note})
	}
	return export.TablesWorkbook(T("workload.title")+" — "+scope, lang, s.now(), t)
}

func (s *Server) workloadXLSX(w http.ResponseWriter, r *http.Request, rq *request) error {
	unit, units, err := s.api.AnalysisScope(r.Context(), rq.user, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	year, err := s.api.AnalysisYear(r)
	if err != nil {
		return err
	}
	a, err := s.api.Workload(r.Context(), units, year)
	if err != nil {
		return err
	}
	name, key := "", "kantor"
	if unit != nil {
		name, key = unit.Name, unit.Key
	}
	return s.sendWorkbook(w, s.workloadWorkbook(a, name, rq.lang), "abk-"+safeName(key)+"-"+strconv.Itoa(year)+".xlsx")
}

package esop_test

import (
	"math"
	"testing"

	"github.com/esop-malang/esop"
)

// pengolahData is the worked example of the domain notes: the jabatan
// Pengolah Data dan Informasi, with the AK/I card service (30 minutes ×
// 6,000 a year) and a monthly report (240 minutes × 12).
func pengolahData(existing int) ([]esop.AnalysisSOP, []esop.PositionInfo, map[int64]esop.SOPVolume) {
	min := func(v float64) *esop.Duration { return &esop.Duration{Value: v, Unit: esop.UnitMinute} }
	hours := func(v float64) *esop.Duration { return &esop.Duration{Value: v, Unit: esop.UnitHour} }
	card := &esop.Document{Title: "Pelayanan Kartu AK/I",
		Actors: []esop.Actor{{ID: "pemohon", Name: "Pemohon"}, {ID: "pdi", Name: "Pengolah Data dan Informasi"}},
		Steps: []esop.Step{
			{ID: "s1", Activity: "Mengajukan permohonan", Actor: "pemohon", Time: min(10)},
			{ID: "s2", Activity: "Menerbitkan kartu AK/I", Actor: "pdi", Time: &esop.Duration{Value: 1, Unit: esop.UnitDay}, Effort: min(30)},
		}}
	report := &esop.Document{Title: "Laporan Bulanan",
		Actors: []esop.Actor{{ID: "pdi", Name: "Pengolah Data dan Informasi"}},
		Steps:  []esop.Step{{ID: "r1", Activity: "Menyusun laporan bulanan", Actor: "pdi", Time: hours(4)}}} // 240 minutes, from its time
	sops := []esop.AnalysisSOP{
		{ID: 1, Title: card.Title, Doc: card, Positions: map[string]string{"pdi": "pdi"}, External: map[string]bool{"pemohon": true}},
		{ID: 2, Title: report.Title, Doc: report, Positions: map[string]string{"pdi": "pdi"}},
	}
	six, twelve := 6000.0, 12.0
	vols := map[int64]esop.SOPVolume{1: {SOPID: 1, Entered: &six, Measured: 5120}, 2: {SOPID: 2, Entered: &twelve}}
	return sops, []esop.PositionInfo{{Key: "pdi", Name: "Pengolah Data dan Informasi", Existing: existing}}, vols
}

// TestWorkloadWorkedExample is the domain notes' example, exactly: total
// 182,880 minutes; kebutuhan 2.44; with 2 in post EJ 1.22 (A, beban
// berlebih); with 3, EJ 0.81 (C).
func TestWorkloadWorkedExample(t *testing.T) {
	round2 := func(v float64) float64 { return math.Round(v*100) / 100 }
	for _, tt := range []struct {
		existing int
		ej       float64
		grade    string
		over     bool
	}{{2, 1.22, "A", true}, {3, 0.81, "C", false}} {
		sops, pos, vols := pengolahData(tt.existing)
		w := esop.ComputeWorkload(sops, pos, vols, esop.DefaultWKE)
		p := w.Positions[0]
		if len(p.Tasks) != 2 {
			t.Fatalf("tasks %+v", p.Tasks)
		}
		card, report := p.Tasks[1], p.Tasks[0] // by SOP title: Laporan Bulanan, Pelayanan Kartu AK/I
		if card.Load != 180000 || card.EffortMinutes != 30 || card.Estimate || card.Volume != 6000 || card.VolumeSource != esop.VolumeEntered || card.VolumeMeasured != 5120 {
			t.Errorf("card task %+v", card)
		}
		if report.Load != 2880 || report.EffortMinutes != 240 || !report.Estimate {
			t.Errorf("report task %+v", report)
		}
		if p.Load != 182880 || round2(p.Need) != 2.44 || p.Need != 182880.0/75000 || p.NeedRounded != 2 {
			t.Errorf("load %v need %v (%d)", p.Load, p.Need, p.NeedRounded)
		}
		if p.EJ == nil || round2(*p.EJ) != tt.ej || p.Grade != tt.grade || p.Overloaded != tt.over {
			t.Errorf("with %d in post: EJ %v grade %q overloaded %v", tt.existing, p.EJ, p.Grade, p.Overloaded)
		}
		if p.Estimated != 1 || p.Missing != 0 || len(w.Unmapped) != 0 {
			t.Errorf("estimated %d missing %d unmapped %v", p.Estimated, p.Missing, w.Unmapped)
		}
	}
}

// TestWorkloadEdges: a position nobody holds has no EJ nor grade; a step
// without a norm is listed with no load; an SOP without a volume counts
// its measured cases; an internal actor without a position is reported.
func TestWorkloadEdges(t *testing.T) {
	sops, pos, _ := pengolahData(0)
	sops[1].Doc.Steps[0].Time = &esop.Duration{Value: 2, Unit: esop.UnitDay} // no effort, time in days
	sops[0].Positions = map[string]string{}                                  // the card's pelaksana unmapped
	w := esop.ComputeWorkload(sops, pos, map[int64]esop.SOPVolume{2: {Measured: 7}}, esop.DefaultWKE)
	p := w.Positions[0]
	if p.EJ != nil || p.Grade != "" || p.Overloaded || p.Load != 0 || p.Missing != 1 || len(p.Tasks) != 1 {
		t.Errorf("position %+v", p)
	}
	if tk := p.Tasks[0]; !tk.NoNorm || tk.Volume != 7 || tk.VolumeSource != esop.VolumeMeasured || tk.VolumeEntered != nil {
		t.Errorf("task %+v", tk)
	}
	if len(w.Unmapped) != 1 || w.Unmapped[0].Actor != "pdi" || w.Unmapped[0].Steps != 1 {
		t.Errorf("unmapped %+v (the external applicant is not one)", w.Unmapped)
	}
}

func TestGrade(t *testing.T) {
	for ej, want := range map[float64]string{1.2192: "A", 1.006: "A", 1.004: "B", 1: "B", 0.9: "B", 0.895: "B", 0.894: "C", 0.7: "C",
		0.69: "D", 0.5: "D", 0.4949: "E", 0: "E"} {
		if got := esop.Grade(ej); got != want {
			t.Errorf("Grade(%v) = %q, want %q", ej, got, want)
		}
	}
	for need, want := range map[float64]int{2.4384: 2, 2.5: 3, 0.49: 0, 0.5: 1, 0: 0} {
		if got := esop.RoundNeed(need); got != want {
			t.Errorf("RoundNeed(%v) = %d, want %d", need, got, want)
		}
	}
}

func TestValidateVolume(t *testing.T) {
	today := esop.MustDate("2026-12-03")
	for _, tt := range []struct {
		year   int
		volume float64
		path   string
	}{{2026, -1, "volume"}, {2026, 1.5, "volume"}, {2026, 2e7, "volume"}, {1999, 5, "year"}, {2028, 5, "year"}, {2026, math.NaN(), "volume"}} {
		ps := esop.ValidateVolume(tt.year, tt.volume, today)
		if len(ps) != 1 || ps[0].Path != tt.path || ps[0].Message.ID == "" {
			t.Errorf("ValidateVolume(%d, %v) = %v", tt.year, tt.volume, ps)
		}
	}
	if ps := esop.ValidateVolume(2027, 0, today); len(ps) != 0 {
		t.Errorf("next year's plan refused: %v", ps)
	}
}

func TestFormatMinutes(t *testing.T) {
	for v, want := range map[float64]string{182880: "182.880", 2.4384: "2,44", 75000: "75.000", 0.5: "0,50", 999.999: "1.000", 12: "12"} {
		if got := esop.FormatMinutes(v); got != want {
			t.Errorf("FormatMinutes(%v) = %q, want %q", v, got, want)
		}
	}
}

package web

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/xuri/excelize/v2"
)

// workedExample is the domain notes' worked example (as workload_test.go
// in the root package builds it): Pengolah Data dan Informasi issues
// 6,000 AK/I cards a year at 30 minutes (its effort) and writes 12
// monthly reports at 240 minutes (from its time: an estimate), with
// existing in post.
func workedExample(existing int) esop.Workload {
	card := &esop.Document{Title: "Pelayanan Kartu AK/I",
		Actors: []esop.Actor{{ID: "pemohon", Name: "Pemohon"}, {ID: "pdi", Name: "Pengolah Data dan Informasi"}},
		Steps: []esop.Step{
			{ID: "s1", Activity: "Mengajukan permohonan", Actor: "pemohon", Time: &esop.Duration{Value: 10, Unit: esop.UnitMinute}},
			{ID: "s2", Activity: "Menerbitkan kartu AK/I", Actor: "pdi", Output: "Kartu AK/I", Time: &esop.Duration{Value: 1, Unit: esop.UnitDay},
				Effort: &esop.Duration{Value: 30, Unit: esop.UnitMinute}},
		}}
	report := &esop.Document{Title: "Laporan Bulanan", Actors: []esop.Actor{{ID: "pdi", Name: "Pengolah Data dan Informasi"}},
		Steps: []esop.Step{{ID: "r1", Activity: "Menyusun laporan bulanan", Actor: "pdi", Output: "Laporan", Time: &esop.Duration{Value: 4, Unit: esop.UnitHour}}}}
	sops := []esop.AnalysisSOP{
		{ID: 1, Title: card.Title, Doc: card, Positions: map[string]string{"pdi": "pdi"}, External: map[string]bool{"pemohon": true}},
		{ID: 2, Title: report.Title, Doc: report, Positions: map[string]string{"pdi": "pdi"}},
	}
	six, twelve := 6000.0, 12.0
	vols := map[int64]esop.SOPVolume{1: {SOPID: 1, Entered: &six, Measured: 5120}, 2: {SOPID: 2, Entered: &twelve}}
	w := esop.ComputeWorkload(sops, []esop.PositionInfo{{Key: "pdi", Name: "Pengolah Data dan Informasi", Existing: existing}}, vols, esop.DefaultWKE)
	w.Year, w.Basis = 2026, esop.DefaultWKEBasis
	return w
}

// TestWorkloadWorkbook: the worked example as the ABK form, read back:
// one row per task with norma waktu, WKE, volume and kebutuhan (the
// report's norm marked as an estimate), then the jabatan's total —
// 182,880 minutes, kebutuhan 2.44 unrounded and 2 rounded, 2 in post,
// EJ 1.22, PJ A, beban berlebih; with 3 in post EJ 0.81, C.
func TestWorkloadWorkbook(t *testing.T) {
	msgs, err := loadMessages()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{msgs: msgs, now: func() time.Time { return time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC) }}
	read := func(existing int, lang string) [][]string {
		t.Helper()
		var b bytes.Buffer
		if err := s.workloadWorkbook(&workloadAnswer{Workload: workedExample(existing)}, "Bidang Penempatan", lang).Write(&b); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		shown, err := f.GetRows(f.GetSheetList()[0])
		if err != nil {
			t.Fatal(err)
		}
		for i := range rows { // raw figures, then the figures as shown
			rows[i] = append(rows[i], make([]string, max(0, 13-len(rows[i])))...)
			rows[i] = append(rows[i], shown[i]...)
		}
		return rows
	}
	rows := read(2, "id")
	if len(rows) != 7 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	if !strings.Contains(rows[0][0], "Analisis beban kerja — Bidang Penempatan") || !strings.Contains(rows[1][0], "tahun 2026") ||
		!strings.Contains(rows[1][0], "75.000 menit") || !strings.Contains(rows[1][0], "0,5 atau lebih ke atas") {
		t.Errorf("title %q, subtitle %q", rows[0][0], rows[1][0])
	}
	wantHead := []string{"Jabatan", "Uraian tugas", "Satuan hasil", "Waktu penyelesaian (norma waktu, menit)", "Waktu kerja efektif (menit/tahun)",
		"Beban kerja (volume per tahun)", "Kebutuhan pegawai"}
	for i, h := range wantHead {
		if rows[3][i] != h {
			t.Errorf("column %d is %q, want %q", i+1, rows[3][i], h)
		}
	}
	report, card, total := rows[4], rows[5], rows[6] // tasks by SOP title
	for _, c := range []struct {
		got, want string
	}{
		{card[0], "Pengolah Data dan Informasi"}, {card[1], "Pelayanan Kartu AK/I — 2. Menerbitkan kartu AK/I"}, {card[2], "Kartu AK/I"},
		{card[3], "30"}, {card[4], "75000"}, {card[5], "6000"}, {card[6], "2.4"}, {card[8], "180000"}, {card[12], ""},
		{report[1], "Laporan Bulanan — 1. Menyusun laporan bulanan"}, {report[3], "240"}, {report[5], "12"}, {report[6], "0.0384"},
		{report[8], "2880"}, {report[12], "* norma waktu perkiraan dari Waktu kegiatan"},
		{total[0], "Jumlah Pengolah Data dan Informasi"}, {total[6], "2.4384"}, {total[7], "2"}, {total[8], "182880"},
		{total[9], "2"}, {total[10], "1.2192"}, {total[11], "A"}, {total[12], "beban berlebih"},
		{total[13+6], "2.44"}, {total[13+8], "182,880"}, {total[13+10], "1.22"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	three := read(3, "id")[6]
	if three[13+10] != "0.81" || three[11] != "C" || three[12] != "" {
		t.Errorf("with 3 in post: %q", three)
	}
	if en := read(2, "en"); en[3][0] != "Position (jabatan)" || en[6][12] != "overloaded" {
		t.Errorf("English: %q %q", en[3], en[6])
	}
}

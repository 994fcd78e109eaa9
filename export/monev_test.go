package export

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// The monitoring workbook's layout, read back with the reader of
// xlsx_test.go; package web checks its texts in both languages through
// excelize and LibreOffice.

func TestMonevWorkbook(t *testing.T) {
	p, err := esop.ParsePeriod("2026-S2")
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("catatan panjang ", 10) // 160 characters in a column 40 wide: 5 lines
	m := &Monev{Lang: "id", Unit: "Bidang HI", Period: p, Now: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
		T: func(key string, args ...any) string { return "(" + key + fmt.Sprint(args...) + ")" },
		Rows: []MonevRow{
			{No: 1, Unit: "Bidang HI", Number: "560/078", Title: "Pengesahan PP",
				Monitoring: &esop.Monitoring{Result: esop.ResultNotGood, Notes: long, Actions: "Tambah petugas",
					AssessedOn: esop.Date{Year: 2026, Month: 11, Day: 19}, Assessor: esop.Assessor{Username: "kadis"},
					UpdatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)},
				Evaluation: &esop.Evaluation{Answers: [7]bool{true, true, false, true, true, true, true}, Conclusion: esop.ConclusionRevise,
					Notes: "Cukup", AssessedOn: esop.Date{Year: 2026, Month: 11, Day: 20}, Assessor: esop.Assessor{Username: "kadis", Name: "Drs. Kepala Dinas"}},
				Draft: "versi 3"},
			{No: 2, Unit: "Bidang HI", Number: "560/081", Title: "Pendaftaran PKB"},
		}}
	var b bytes.Buffer
	if err := WriteMonevXLSX(&b, m); err != nil {
		t.Fatal(err)
	}
	sheets := readWorkbook(t, b.Bytes())
	if len(sheets) != 2 || sheets[0].Name != "(monev.xlsx.sheet.monitoring)" || sheets[1].Name != "(monev.xlsx.sheet.evaluation)" {
		t.Fatalf("sheets %v", sheets)
	}
	header := Style{Bold: true, Border: true, Fill: "D9E2F3", Horizontal: "center", Vertical: "center", Wrap: true}
	text := Style{Border: true, Vertical: "top", Wrap: true}
	center := Style{Border: true, Horizontal: "center", Vertical: "top", Wrap: true}
	date := Style{Border: true, Horizontal: "center", Vertical: "top", NumFmt: "dd/mm/yyyy"}
	check := func(s *readSheet, want map[string]readCell) {
		t.Helper()
		for ref, w := range want {
			if got := s.Cells[ref]; got != w {
				t.Errorf("%s!%s: %+v, want %+v", s.Name, ref, got, w)
			}
		}
	}

	mon := sheets[0]
	check(mon, map[string]readCell{
		"A1": {"s", "(monev.xlsx.monitoring.title)", Style{Bold: true, Size: 14}},
		"A2": {"s", "(monev.xlsx.subtitleBidang HISemester II 2026 (Juli–Desember)20/11/2026 16:00 WIB)", Style{Italic: true}},
		"A4": {"s", "(monev.col.no)", header}, "A5": {"", "", header},
		"F4": {"s", "(monev.col.assessment)", header}, "G4": {"", "", header},
		"F5": {"s", "Berjalan dengan baik", header}, "G5": {"s", "Tidak berjalan dengan baik", header},
		"L4": {"s", "(monev.col.recorded) (WIB)", header},
		"A6": {"", "1", center}, "D6": {"s", "Pengesahan PP", text}, "E6": {"s", "Semester II 2026 (Juli–Desember)", text},
		"F6": {"s", "", center}, "G6": {"s", "✓", center}, "H6": {"s", long, text}, "J6": {"s", "kadis", text},
		"K6": {"", "46345", date},
		"L6": {"", "46346.666666666664", Style{Border: true, Horizontal: "center", Vertical: "top", NumFmt: "dd/mm/yyyy hh:mm"}},
		"A7": {"", "2", center}, "F7": {"", "", text}, "H7": {"s", "(monev.notmonitored)", text}, "L7": {"", "", text},
	})
	if _, ok := mon.Cells["M6"]; ok {
		t.Error("a cell right of the table")
	}
	if !slices.Equal(mon.Merges, []string{"A1:L1", "A2:L2", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:G4", "H4:H5", "I4:I5", "J4:J5", "K4:K5", "L4:L5"}) {
		t.Errorf("merges %v", mon.Merges)
	}
	if mon.Widths[4] != 40 || len(mon.Widths) != 12 {
		t.Errorf("widths %v", mon.Widths)
	}
	// The long note makes its row five lines tall, the period (32
	// characters in a column 20 wide) the other two.
	if h := mon.Heights; h[1] != 22 || h[4] != 30 || h[5] != 45 || h[6] != 5*15+3 || h[7] != 2*15+3 || len(h) != 5 {
		t.Errorf("heights %v", h)
	}
	if mon.Pane.YSplit != "5" || mon.Pane.TopLeftCell != "A6" || mon.Setup.Orientation != "landscape" || mon.Setup.FitToWidth != "1" {
		t.Errorf("pane %+v, setup %+v", mon.Pane, mon.Setup)
	}

	eva := sheets[1]
	check(eva, map[string]readCell{
		"F4": {"s", "(monev.col.criteria)", header}, "L4": {"", "", header},
		"F5": {"s", "1. Mampu mendorong peningkatan kinerja", header},
		"F6": {"s", "Ya", center}, "H6": {"s", "Tidak", center}, "M6": {"s", "Revisi", center},
		"N6": {"s", "Cukup", text}, "O6": {"s", "Drs. Kepala Dinas", text}, "P6": {"", "46346", date}, "Q6": {"s", "versi 3", center},
		"N7": {"s", "(monev.notevaluated)", text}, "Q7": {"", "", text},
	})
	if !slices.Contains(eva.Merges, "F4:L4") || !slices.Contains(eva.Merges, "Q4:Q5") || eva.Heights[5] != 90 {
		t.Errorf("merges %v, heights %v", eva.Merges, eva.Heights)
	}

	// In another zone the times are its wall clock, named by it.
	m.Zone = time.FixedZone("WITA", 8*3600)
	b.Reset()
	if err := WriteMonevXLSX(&b, m); err != nil {
		t.Fatal(err)
	}
	mon = readWorkbook(t, b.Bytes())[0]
	if a2, l4, l6 := mon.Cells["A2"].Value, mon.Cells["L4"].Value, mon.Cells["L6"].Value; !strings.HasSuffix(a2, "20/11/2026 17:00 WITA)") ||
		l4 != "(monev.col.recorded) (WITA)" || l6 != "46346.708333333336" {
		t.Errorf("in WITA: %q, %q, %q", a2, l4, l6)
	}
}

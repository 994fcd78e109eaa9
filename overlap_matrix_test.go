package esop_test

import (
	"testing"

	"github.com/esop-malang/esop"
)

// TestProcessMatrix: "Memeriksa kelengkapan berkas" is one process done
// in two units (a row of two cells, first); an unmapped pelaksana counts
// in its SOP's unit; the applicant's steps are no process of the office;
// Only keeps a unit's rows and the columns they use.
func TestProcessMatrix(t *testing.T) {
	positions := map[string]esop.PositionInfo{
		"staf":   {Key: "staf", Name: "Staf Bidang", UnitID: 2},
		"analis": {Key: "analis", Name: "Analis", UnitID: 3},
	}
	units := []*esop.Unit{{ID: 1, Name: "Dinas"}, {ID: 2, Name: "Bidang A"}, {ID: 3, Name: "Bidang B"}, {ID: 4, Name: "Bidang C"}}
	a := overlapSOP(1, "Izin A", 2,
		[3]string{"pemohon", "Mengajukan permohonan", ""},
		[3]string{"staf", "Memeriksa kelengkapan berkas", ""},
		[3]string{"staf", "Menyusun konsep rekomendasi", ""})
	b := overlapSOP(2, "Izin B", 3,
		[3]string{"analis", "Memeriksa kelengkapan berkas permohonan", ""},
		[3]string{"arsiparis", "Mengarsipkan dokumen izin", ""})
	b.Positions["arsiparis"] = "" // not mapped: the SOP's unit
	m := esop.BuildProcessMatrix([]esop.AnalysisSOP{a, b}, positions, units)
	if len(m.Units) != 2 || m.Units[0].Name != "Bidang A" || m.Units[1].Name != "Bidang B" {
		t.Fatalf("columns %+v", m.Units)
	}
	if len(m.Rows) != 3 {
		t.Fatalf("rows %+v", m.Rows)
	}
	first := m.Rows[0]
	if first.Key != "periksa lengkap berkas" || first.Units != 2 || len(first.Cells[0]) != 1 || first.Cells[0][0].SOPID != 1 ||
		first.Cells[0][0].Row != 2 || first.Cells[1][0].SOPID != 2 || first.Cells[1][0].Position != "Analis" {
		t.Errorf("first row %+v", first)
	}
	for _, r := range m.Rows {
		if r.Key == "aju mohon" {
			t.Errorf("the applicant's step is a process: %+v", r)
		}
		if r.Key == "arsip dokumen izin" && (len(r.Cells[1]) != 1 || r.Cells[1][0].Position != "arsiparis") {
			t.Errorf("the unmapped pelaksana's step: %+v", r)
		}
	}
	if o := m.Only(nil, 2); len(o.Rows) != 1 || len(o.Units) != 2 {
		t.Errorf("overlaps only: %+v", o)
	}
	if o := m.Only(map[int64]bool{2: true}, 1); len(o.Rows) != 2 || len(o.Units) != 2 || o.Rows[1].Key != "susun konsep rekomendasi" || len(o.Rows[1].Cells) != 2 {
		t.Errorf("Bidang A: %+v", o)
	}
	if o := m.Only(map[int64]bool{4: true}, 1); len(o.Rows) != 0 || len(o.Units) != 0 {
		t.Errorf("Bidang C: %+v", o)
	}
}

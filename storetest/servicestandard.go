package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// The register of service standards (issue 13 point 4).

var serviceStandardTests = []struct {
	name string
	fn   func(t *testing.T, db *sqlstore.DB)
}{
	{"ServiceStandards", testServiceStandards},
	{"ServiceStandardsRefuseBadInput", testServiceStandardsBadInput},
}

// standard returns a complete standard for sopID.
func standard(sopID int64) *esop.ServiceStandard {
	return &esop.ServiceStandard{SOPID: sopID, Name: "Layanan Uji", Components: esop.ServiceComponents{
		Requirements: []string{"Berkas"}, Procedure: "Sesuai SOP", Duration: esop.ServiceDuration{Value: 2, Unit: esop.UnitDay},
		Cost: "Gratis", Product: "Persetujuan", Complaints: "Kotak pengaduan", LegalBasis: []string{"UU 13/2003"},
		Facilities: []string{"Komputer"}, Competence: []string{"Memahami berkas"}, Supervision: "Kepala Seksi", Staffing: 2,
		Guarantee: "Sesuai standar", Safety: "Data dijaga", Evaluation: "Setiap tahun"}}
}

// testServiceStandards: a standard is created for an approved SOP,
// found by id, by SOP and in the list, edited from its revision (a stale
// one refused), and every save is audited with before and after; a
// second standard for the same SOP is a conflict.
func testServiceStandards(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "penyusun", "127.0.0.1")
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("800/001/2024", "Layanan Uji")}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	sopID := res[0].SOP.ID
	in := standard(sopID)
	in.Components.Requirements = []string{" Berkas ", ""}
	s, err := db.CreateServiceStandard(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if s.ID == 0 || s.SOPID != sopID || s.Revision != 1 || s.CreatedBy != "penyusun" || !slices.Equal(s.Components.Requirements, []string{"Berkas"}) ||
		s.Components.Duration != (esop.ServiceDuration{Value: 2, Unit: esop.UnitDay}) || s.Components.Staffing != 2 || s.CreatedAt.IsZero() {
		t.Fatalf("created %+v", s)
	}
	if got, err := db.FindServiceStandard(ctx, s.ID); err != nil || jsonOf(t, got) != jsonOf(t, s) {
		t.Errorf("found %+v (%v), want %+v", got, err, s)
	}
	if got, err := db.FindServiceStandardBySOP(ctx, sopID); err != nil || got.ID != s.ID {
		t.Errorf("by SOP: %+v, %v", got, err)
	}
	if _, err := db.CreateServiceStandard(ctx, standard(sopID)); code(err) != esop.ECONFLICT {
		t.Errorf("second standard for one SOP: %v", err)
	}
	edit := *s
	edit.Name, edit.Components.Duration = "Layanan Uji Baru", esop.ServiceDuration{Value: 3, Unit: esop.UnitHour}
	edit.SOPID = 999 // the SOP does not change
	up, err := db.UpdateServiceStandard(ctx, &edit, 1)
	if err != nil {
		t.Fatal(err)
	}
	if up.Revision != 2 || up.Name != "Layanan Uji Baru" || up.Components.Duration.Unit != esop.UnitHour || up.SOPID != sopID {
		t.Errorf("updated %+v", up)
	}
	if _, err := db.UpdateServiceStandard(ctx, &edit, 1); code(err) != esop.ECONFLICT {
		t.Errorf("stale revision: %v", err)
	}
	edit.ID = 12345
	if _, err := db.UpdateServiceStandard(ctx, &edit, 2); code(err) != esop.ENOTFOUND {
		t.Errorf("unknown standard: %v", err)
	}
	list, err := db.FindServiceStandards(ctx)
	if err != nil || len(list) != 1 || list[0].Revision != 2 {
		t.Errorf("list %+v, %v", list, err)
	}
	entries, _, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityServiceStandard, EntityID: fmt.Sprint(s.ID), Oldest: true})
	if err != nil || len(entries) != 2 {
		t.Fatalf("audit %+v, %v", entries, err)
	}
	if entries[0].Action != esop.AuditCreate || entries[0].Before != "" || !strings.Contains(entries[0].After, `"Layanan Uji"`) ||
		entries[1].Action != esop.AuditUpdate || !strings.Contains(entries[1].Before, `"day"`) || !strings.Contains(entries[1].After, `"hour"`) ||
		entries[1].Actor != "penyusun" {
		t.Errorf("audit entries %+v", entries)
	}
	if _, err := db.FindServiceStandardBySOP(ctx, sopID+100); code(err) != esop.ENOTFOUND {
		t.Errorf("standard of another SOP: %v", err)
	}
}

// testServiceStandardsBadInput: a standard for a draft SOP, an unknown
// SOP, a bad unit or empty components is refused with the field, and
// nothing is written (no standard, no audit entry).
func testServiceStandardsBadInput(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("800/001/2024", "Layanan Uji"), doc("", "Draf Uji")}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	approved, draft := res[0].SOP.ID, res[1].SOP.ID
	cases := []struct {
		name  string
		s     *esop.ServiceStandard
		paths []string
	}{
		{"draft SOP", standard(draft), []string{"sop"}},
		{"unknown SOP", standard(draft + 100), []string{"sop"}},
		{"no SOP", standard(0), []string{"sop"}},
		{"bad unit", func() *esop.ServiceStandard {
			s := standard(approved)
			s.Components.Duration.Unit = "fortnight"
			return s
		}(), []string{"components.duration.unit"}},
		{"empty components and a draft", func() *esop.ServiceStandard {
			s := standard(draft)
			s.Components.Requirements, s.Components.Safety, s.Components.Staffing = nil, " ", 0
			return s
		}(), []string{"components.requirements", "components.safety", "components.staffing", "sop"}},
	}
	for _, tc := range cases {
		_, err := db.CreateServiceStandard(ctx, tc.s)
		var e *esop.Error
		if !asError(err, &e) || e.Code != esop.EINVALID {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var paths []string
		for _, p := range e.Problems {
			paths = append(paths, p.Path)
		}
		slices.Sort(paths)
		if !slices.Equal(paths, tc.paths) {
			t.Errorf("%s: paths %v, want %v", tc.name, paths, tc.paths)
		}
	}
	if list, _ := db.FindServiceStandards(ctx); len(list) != 0 {
		t.Errorf("stored %+v", list)
	}
	if _, n, _ := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityServiceStandard}); n != 0 {
		t.Errorf("%d audit entries", n)
	}
	s, err := db.CreateServiceStandard(ctx, standard(approved))
	if err != nil {
		t.Fatal(err)
	}
	bad := *s
	bad.Components.Cost = ""
	if _, err := db.UpdateServiceStandard(ctx, &bad, 1); code(err) != esop.EINVALID {
		t.Errorf("invalid edit: %v", err)
	}
	if got, _ := db.FindServiceStandard(ctx, s.ID); got.Revision != 1 || got.Components.Cost != "Gratis" {
		t.Errorf("after a refused edit: %+v", got)
	}
}

package sampledata_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/testdb"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlstore"
)

// TestSamplesValidate checks that every sample SOP validates without
// errors, and without the warnings of a print a reviewer would return:
// a signing capacity contradicted by the position's prefix, a legal
// reference whose number names another year.
func TestSamplesValidate(t *testing.T) {
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 21 {
		t.Fatalf("%d sample SOPs, want 21", len(docs))
	}
	for _, d := range docs {
		ps := esop.Validate(d, esop.ValidateOptions{})
		if ps.HasErrors() {
			t.Errorf("%s: %v", d.Title, ps.Errors())
		}
		for _, p := range ps.Warnings() {
			if p.Code == "capacity_prefix" || p.Code == "legal_year" {
				t.Errorf("%s: %v", d.Title, p)
			}
		}
	}
}

// TestSamplesNameTheirIssuers checks that every structured reference of
// a kind that does not name its issuer (a Peraturan Menteri, Keputusan
// Menteri, Peraturan Badan, Peraturan Wali Kota) names it, in the SOPs and
// in the register, so that none prints as "Peraturan Menteri Nomor …".
func TestSamplesNameTheirIssuers(t *testing.T) {
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	needs := map[string]bool{"Permen": true, "Kepmen": true, "Perban": true, "Perka": true, "Perwali": true, "Kepwali": true, "SE": true}
	for _, d := range docs {
		for _, r := range d.LegalBasis {
			if r.Text == "" && needs[r.Kind] && r.Issuer == "" {
				t.Errorf("%s: %s has no issuer", d.Title, r.Cite(""))
			}
			if c := r.Cite(d.Government); strings.HasPrefix(c, "Peraturan Menteri Nomor") || strings.HasPrefix(c, "Peraturan Wali Kota Nomor") {
				t.Errorf("%s cites %q", d.Title, c)
			}
		}
	}
	org, err := sampledata.Org()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range org.Regulations {
		if needs[r.Kind] && r.Issuer == "" {
			t.Errorf("register: %s %s/%d has no issuer", r.Kind, r.Number, r.Year)
		}
	}
}

// TestSampleStandards loads the sample book into a fresh database and
// checks each sample service standard against its SOP: the findings are
// the ones the facts support (docs/decisions.md), and no other.
func TestSampleStandards(t *testing.T) {
	ctx := context.Background()
	db := loadedDB(t)
	stds, err := db.FindServiceStandards(ctx)
	if err != nil || len(stds) != 3 {
		t.Fatalf("%d standards, %v", len(stds), err)
	}
	want := map[string][]string{ // by SOP number: the components with a finding
		"800/012/35.73.405/2024": {"duration"},                 // 15 minutes published, the SOP adds up to 20
		"560/081/35.73.405/2025": nil,                          // one working day, the SOP under it
		"800/031/35.73.405/2024": {"requirements", "duration"}, // no recording form at intake; 31 working days through the anjuran
	}
	for _, s := range stds {
		sop, err := db.FindSOPByID(ctx, s.SOPID)
		if err != nil || sop.Current == nil {
			t.Fatalf("SOP of %s: %v", s.Name, err)
		}
		got := esop.CheckServiceStandard(s, sop.ID, sop.Current.Document, esop.ServiceStaffing{})
		var comps []string
		for _, f := range got.Findings {
			comps = append(comps, f.Component)
		}
		w, ok := want[sop.Number]
		if !ok || !slices.Equal(comps, w) {
			t.Errorf("%s (%s): findings %+v, want %v", s.Name, sop.Number, got.Findings, w)
		}
		if s.CreatedBy != "sampledata" {
			t.Errorf("%s created by %q", s.Name, s.CreatedBy)
		}
	}
}

// TestSampleOffice: the sample book's agency has its office address, so
// that the letterhead of its decree and the cover of its book carry it as
// a real one does; the contacts facts.md does not give stay empty.
func TestSampleOffice(t *testing.T) {
	ctx := context.Background()
	db := loadedDB(t)
	units, err := db.FindUnits(ctx, esop.UnitFilter{Kind: esop.UnitPerangkatDaerah, Name: "Dinas Ketenagakerjaan dan Transmigrasi"})
	if err != nil || len(units) != 1 {
		t.Fatalf("%d agencies, %v", len(units), err)
	}
	c, err := db.OfficeContact(ctx, units[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Address, "Jalan Mayjen Sungkono") || c.Phone != "" || c.Email != "" || c.Website != "" {
		t.Errorf("office contact %+v", c)
	}
}

// loadedDB returns a new SQLite database with the sample book loaded.
func loadedDB(t *testing.T) *sqlstore.DB { return testdb.Sample(t, nil) }

package sampledata_test

import (
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
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

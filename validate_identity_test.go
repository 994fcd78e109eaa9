package esop_test

import (
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestIdentityWarnings checks the warnings about a signing capacity that
// the position's own prefix contradicts, and a number that names another
// year than the reference's year.
func TestIdentityWarnings(t *testing.T) {
	approval := func(position, capacity string) func(m map[string]any) {
		return func(m map[string]any) {
			a := m["approval"].(map[string]any)
			a["position"] = position
			if capacity == "" {
				delete(a, "capacity")
			} else {
				a["capacity"] = capacity
			}
		}
	}
	legal := func(number string, year int) func(m map[string]any) {
		return func(m map[string]any) {
			m["legalBasis"] = []any{map[string]any{"kind": "Kepmen", "number": number, "year": year, "issuer": "Menteri Tenaga Kerja dan Transmigrasi"}}
		}
	}
	tests := []struct {
		name string
		fn   func(m map[string]any)
		path string // "" when no warning is expected
		code string
		msg  string
	}{
		{"Plt. against definitif", approval("Plt. Kepala Dinas Ketenagakerjaan dan Transmigrasi", "definitif"),
			"approval.position", "capacity_prefix", `jabatan diawali Plt., bertentangan dengan capacity "definitif"`},
		{"plh against plt, any case and spacing", approval("P L H Kepala Dinas", "plt"),
			"approval.position", "capacity_prefix", `jabatan diawali Plh., bertentangan dengan capacity "plt"`},
		{"a.n. against plh", approval("A.N. Kepala Dinas", "plh"), "approval.position", "capacity_prefix", `jabatan diawali a.n.`},
		{"atas nama against plt", approval("atas nama Kepala Dinas", "plt"), "approval.position", "capacity_prefix", `jabatan diawali a.n.`},
		{"a prefix without a capacity", approval("plt.Kepala Dinas", ""),
			"approval.position", "capacity_prefix", `jabatan diawali Plt., tetapi capacity tidak diisi (definitif); isi capacity "plt"`},
		{"the same capacity twice", approval("Plt. Kepala Dinas", "plt"), "", "", ""},
		{"no prefix", approval("Kepala Dinas", "plh"), "", "", ""},
		{"a word that starts like a prefix", approval("Analis Kebijakan", "definitif"), "", "", ""},
		{"a number with another year", legal("KEP.16/MEN/2001", 2002), "legalBasis[0].year", "legal_year",
			"nomor KEP.16/MEN/2001 memuat tahun 2001, tetapi year 2002"},
		{"a number with its year", legal("KEP.16/MEN/2001", 2001), "", "", ""},
		{"a plain number", legal("16", 2001), "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := mutate(t, tt.fn)
			if ps.HasErrors() {
				t.Fatalf("errors: %v", ps.Errors())
			}
			var found bool
			for _, p := range ps.Warnings() {
				if p.Code != "capacity_prefix" && p.Code != "legal_year" {
					continue
				}
				if tt.path == "" {
					t.Errorf("unexpected %v", p)
					continue
				}
				found = p.Path == tt.path && p.Code == tt.code && strings.Contains(p.Message.ID, tt.msg) && p.Message.EN != ""
			}
			if tt.path != "" && !found {
				t.Errorf("want %s at %s with %q, got %v", tt.code, tt.path, tt.msg, ps.Warnings())
			}
		})
	}
}

// TestPrintWarnings checks that the validator reports what
// ValidateOptions.Print finds (a row too tall for a page) as warnings,
// and asks only about a document without errors.
func TestPrintWarnings(t *testing.T) {
	d := exampleDoc(t, "ak1-kartu-pencari-kerja.json")
	calls := 0
	print := func(*esop.Document) esop.Problems {
		calls++
		return esop.Problems{{Path: "steps[2]", Severity: esop.SeverityError, Code: "row_too_tall",
			Message: esop.Text{ID: "Kegiatan 3 terlalu tinggi untuk satu halaman", EN: "Step 3 is too tall for one page"}}}
	}
	ps := esop.Validate(d, esop.ValidateOptions{Print: print})
	if ps.HasErrors() || len(ps.Warnings()) != 1 || ps[0].Path != "steps[2]" || ps[0].Severity != esop.SeverityWarning || calls != 1 {
		t.Errorf("got %v after %d calls, want the row as a warning", ps, calls)
	}
	d.Steps[0].Actor = "nobody"
	if ps := esop.Validate(d, esop.ValidateOptions{Print: print}); !ps.HasErrors() || calls != 1 {
		t.Errorf("a document with errors was laid out (%d calls)", calls)
	}
}

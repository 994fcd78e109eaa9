package esop_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
)

// ak1Standard returns a standard for the sample AK/I SOP that agrees with
// it in every checked component.
func ak1Standard() *esop.ServiceStandard {
	return &esop.ServiceStandard{Name: "Pelayanan Kartu AK/I", Components: esop.ServiceComponents{
		Requirements: []string{"Fotokopi KTP", "Pas foto berwarna 3x4 dua lembar", "Fotokopi ijazah terakhir"},
		Procedure:    "Sesuai SOP", Duration: esop.ServiceDuration{Value: 20, Unit: esop.UnitMinute},
		Cost: "Gratis", Product: "Kartu AK/I", Complaints: "Kotak saran",
		LegalBasis: []string{"Peraturan Menteri Ketenagakerjaan Nomor 39 Tahun 2016 tentang Penempatan Tenaga Kerja",
			"Undang-Undang Nomor 25 Tahun 2009"},
		Facilities: []string{"Komputer", "printer"}, Competence: []string{"Pengantar Kerja"},
		Supervision: "Atasan langsung", Staffing: 2, Guarantee: "Sesuai standar", Safety: "Data dijaga", Evaluation: "Setiap tahun",
	}}
}

func sampleByNumber(t *testing.T, number string) *esop.Document {
	t.Helper()
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Number == number {
			return d
		}
	}
	t.Fatalf("no sample SOP %s", number)
	return nil
}

// TestServiceStandardValidate: every required component, the unit and
// value of the duration and the number of staff are refused with their
// paths; a complete standard passes.
func TestServiceStandardValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(s *esop.ServiceStandard)
		paths []string
	}{
		{"complete", func(*esop.ServiceStandard) {}, nil},
		{"no name", func(s *esop.ServiceStandard) { s.Name = "  " }, []string{"name"}},
		{"bad unit", func(s *esop.ServiceStandard) { s.Components.Duration.Unit = "hari" }, []string{"components.duration.unit"}},
		{"no unit", func(s *esop.ServiceStandard) { s.Components.Duration.Unit = "" }, []string{"components.duration.unit"}},
		{"zero duration", func(s *esop.ServiceStandard) { s.Components.Duration.Value = 0 }, []string{"components.duration.value"}},
		{"NaN duration", func(s *esop.ServiceStandard) { s.Components.Duration.Value = math.NaN() }, []string{"components.duration.value"}},
		{"ten years", func(s *esop.ServiceStandard) {
			s.Components.Duration = esop.ServiceDuration{Value: 120, Unit: esop.UnitMonth}
		}, []string{"components.duration.value"}},
		{"empty lists and texts", func(s *esop.ServiceStandard) {
			s.Components.Requirements = []string{" ", ""}
			s.Components.Cost, s.Components.Evaluation = "", " "
		}, []string{"components.requirements", "components.cost", "components.evaluation"}},
		{"no staff", func(s *esop.ServiceStandard) { s.Components.Staffing = 0 }, []string{"components.staffing"}},
		{"long item", func(s *esop.ServiceStandard) {
			s.Components.Facilities = []string{"Komputer", strings.Repeat("x", 501)}
		},
			[]string{"components.facilities[1]"}},
		{"everything empty", func(s *esop.ServiceStandard) { *s = esop.ServiceStandard{} }, []string{"name", "components.requirements",
			"components.procedure", "components.cost", "components.product", "components.complaints", "components.legalBasis",
			"components.facilities", "components.competence", "components.supervision", "components.guarantee", "components.safety",
			"components.evaluation", "components.duration.unit", "components.duration.value", "components.staffing"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ak1Standard()
			tc.edit(s)
			s.Normalize()
			var got []string
			for _, p := range s.Validate() {
				if p.Severity != esop.SeverityError || p.Message.ID == "" || p.Message.EN == "" {
					t.Errorf("problem %+v", p)
				}
				got = append(got, p.Path)
			}
			slices.Sort(got)
			want := slices.Clone(tc.paths)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("paths %v, want %v", got, want)
			}
		})
	}
}

// TestCheckServiceStandard: each check of the domain notes against the
// sample AK/I SOP (20 minutes along its path without rework).
func TestCheckServiceStandard(t *testing.T) {
	doc := sampleByNumber(t, "800/012/35.73.405/2024")
	staffed := esop.ServiceStaffing{Known: true, Year: 2026, Existing: 3}
	tests := []struct {
		name     string
		edit     func(s *esop.ServiceStandard)
		staffing esop.ServiceStaffing
		want     []esop.ServiceFinding // component, expected, found
		messages []string              // in Indonesian, one per finding
		notes    []string              // components with a note
	}{
		{"agrees", func(*esop.ServiceStandard) {}, staffed, nil, nil, []string{"staffing"}},
		{"slower than the standard", func(s *esop.ServiceStandard) { s.Components.Duration.Value = 15 }, staffed,
			[]esop.ServiceFinding{{Component: "duration", Expected: "15 menit", Found: "20 menit"}},
			[]string{"jumlah waktu SOP (20 menit) melebihi jangka waktu standar pelayanan (15 menit)"}, []string{"staffing"}},
		{"a day is longer than the SOP", func(s *esop.ServiceStandard) {
			s.Components.Duration = esop.ServiceDuration{Value: 1, Unit: esop.UnitDay}
		},
			staffed, nil, nil, []string{"staffing"}},
		{"a requirement the intake does not ask", func(s *esop.ServiceStandard) {
			s.Components.Requirements = append(s.Components.Requirements, "Surat keterangan sehat")
		}, staffed, []esop.ServiceFinding{{Component: "requirements", Step: "s1,s2", Expected: "Surat keterangan sehat",
			Found: "Fotokopi KTP; Pas foto berwarna 3x4 dua lembar; Fotokopi ijazah terakhir; Berkas permohonan"}},
			[]string{`persyaratan "Surat keterangan sehat" tidak tercantum pada kelengkapan kegiatan penerimaan SOP (kegiatan 1, 2)`}, []string{"staffing"}},
		{"requirement written shorter matches", func(s *esop.ServiceStandard) { s.Components.Requirements = []string{"KTP", "pas foto berwarna 3X4"} },
			staffed, nil, nil, []string{"staffing"}},
		{"another product", func(s *esop.ServiceStandard) { s.Components.Product = "Kartu AK/II" }, staffed,
			[]esop.ServiceFinding{{Component: "product", Step: "s7", Expected: "Kartu AK/II", Found: "Kartu AK/I diterima"}},
			[]string{`produk pelayanan "Kartu AK/II" tidak sama dengan output kegiatan akhir SOP (kegiatan 7: Kartu AK/I diterima)`}, []string{"staffing"}},
		{"a regulation the SOP does not cite", func(s *esop.ServiceStandard) {
			s.Components.LegalBasis = []string{"Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan", "Peraturan Pemerintah Nomor 31 Tahun 2006"}
		}, staffed, []esop.ServiceFinding{{Component: "legalBasis", Expected: "Peraturan Pemerintah Nomor 31 Tahun 2006"}},
			[]string{`dasar hukum "Peraturan Pemerintah Nomor 31 Tahun 2006" tidak tercantum pada Dasar Hukum SOP`}, []string{"staffing"}},
		{"a facility the SOP does not list", func(s *esop.ServiceStandard) { s.Components.Facilities = []string{"Komputer", "Ruang tunggu ber-AC"} },
			staffed, []esop.ServiceFinding{{Component: "facilities", Expected: "Ruang tunggu ber-AC"}},
			[]string{`sarana "Ruang tunggu ber-AC" tidak tercantum pada Peralatan/Perlengkapan SOP`}, []string{"staffing"}},
		{"more staff than hold the posts", func(s *esop.ServiceStandard) { s.Components.Staffing = 4 }, staffed,
			[]esop.ServiceFinding{{Component: "staffing", Expected: "4", Found: "3"}},
			[]string{"standar menyebut 4 pelaksana, tetapi jabatan pelaksana SOP hanya diisi 3 pegawai"}, []string{"staffing"}},
		{"the workload needs more", func(*esop.ServiceStandard) {}, esop.ServiceStaffing{Known: true, Year: 2026, Existing: 3, Volume: 9000, Need: 2.4},
			[]esop.ServiceFinding{{Component: "staffing", Expected: "2", Found: "2,40"}},
			[]string{"beban kerja SOP tahun 2026 membutuhkan 2,40 pegawai, lebih dari jumlah pelaksana standar (2)"}, nil},
		{"the workload fits", func(*esop.ServiceStandard) {}, esop.ServiceStaffing{Known: true, Year: 2026, Existing: 3, Volume: 9000, Need: 1.2},
			nil, nil, nil},
		{"not in force", func(*esop.ServiceStandard) {}, esop.ServiceStaffing{}, nil, nil, []string{"staffing"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ak1Standard()
			tc.edit(s)
			s.Normalize()
			if ps := s.Validate(); len(ps) > 0 {
				t.Fatalf("standard not valid: %v", ps)
			}
			got := esop.CheckServiceStandard(s, 7, doc, tc.staffing)
			if got.OK != (len(tc.want) == 0) || len(got.Findings) != len(tc.want) {
				t.Fatalf("ok %v, findings %+v, want %+v", got.OK, got.Findings, tc.want)
			}
			for i, f := range got.Findings {
				w := tc.want[i]
				if f.Component != w.Component || f.Expected != w.Expected || (w.Found != "" && f.Found != w.Found) ||
					(w.Step != "" && f.Step != w.Step) || f.SOP != 7 {
					t.Errorf("finding %+v, want %+v", f, w)
				}
				if f.Message.ID != tc.messages[i] {
					t.Errorf("message %q, want %q", f.Message.ID, tc.messages[i])
				}
				if f.Message.EN == "" || f.Message.EN == f.Message.ID {
					t.Errorf("no English message: %+v", f.Message)
				}
			}
			var notes []string
			for _, n := range got.Notes {
				notes = append(notes, n.Component)
			}
			if !slices.Equal(notes, tc.notes) {
				t.Errorf("notes %v (%+v), want %v", notes, got.Notes, tc.notes)
			}
		})
	}
}

// TestCheckServiceStandardEnds: a service with two results (a mediation
// ends in a Perjanjian Bersama or in a risalah after an anjuran) matches
// its product against either end; text times are noted, not added.
func TestCheckServiceStandardEnds(t *testing.T) {
	doc := sampleByNumber(t, "800/012/35.73.405/2024").Clone()
	doc.Steps[3].Time = &esop.Duration{Text: "sesuai antrean"}
	s := ak1Standard()
	s.Components.Product = "Berkas permohonan" // what step 1 hands over: not an end
	got := esop.CheckServiceStandard(s, 1, doc, esop.ServiceStaffing{Known: true, Existing: 2, Year: 2026})
	if len(got.Findings) != 1 || got.Findings[0].Component != "product" {
		t.Fatalf("findings %+v", got.Findings)
	}
	if len(got.Notes) != 2 || got.Notes[0].Component != "duration" || !strings.Contains(got.Notes[0].Message.ID, "kegiatan 4") {
		t.Errorf("notes %+v", got.Notes)
	}
	for _, product := range []string{"Perjanjian bersama", "Risalah mediasi"} {
		m := sampleByNumber(t, "800/031/35.73.405/2024")
		s.Components.Product = product
		if got := esop.CheckServiceStandard(s, 1, m, esop.ServiceStaffing{}); slices.ContainsFunc(got.Findings, func(f esop.ServiceFinding) bool { return f.Component == "product" }) {
			t.Errorf("%s: %+v", product, got.Findings)
		}
	}
}

package esop_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/storetest"
)

// sampleDoc returns the sample SOP with the given title.
func sampleDoc(t testing.TB, title string) *esop.Document {
	t.Helper()
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Title == title {
			return d
		}
	}
	t.Fatalf("no sample SOP %q", title)
	return nil
}

// summary writes a diff compactly for comparing with a table's expectation:
// one line per change.
func summary(d *esop.DocDiff) []string {
	var out []string
	for _, f := range d.Fields {
		out = append(out, fmt.Sprintf("field %s: %q → %q", f.Path, f.Old, f.New))
	}
	for _, a := range d.Actors {
		s := fmt.Sprintf("actor %s %s %d→%d", a.Kind, a.ID, a.OldIndex, a.NewIndex)
		if a.Kind == esop.ChangeRenamed {
			s += fmt.Sprintf(": %q → %q", a.Old, a.New)
		}
		if a.Moved && a.Kind != esop.ChangeMoved {
			s += " (moved)"
		}
		out = append(out, s)
	}
	for _, s := range d.Steps {
		line := fmt.Sprintf("step %s %s %d→%d", s.Kind, s.ID, s.OldIndex, s.NewIndex)
		if s.Moved && s.Kind != esop.ChangeMoved {
			line += " (moved)"
		}
		for _, c := range s.Cells {
			line += fmt.Sprintf("; %s %q → %q", c.Cell, c.Old, c.New)
		}
		out = append(out, line)
	}
	return out
}

func TestDiffEdits(t *testing.T) {
	t.Parallel()
	const title = "Pengesahan Peraturan Perusahaan" // steps e1…e14, actors pemohon loket kadis kabid kasi staf
	cases := []struct {
		name string
		edit func(d *esop.Document)
		want []string
	}{
		{"nothing", func(*esop.Document) {}, nil},
		{"identity fields", func(d *esop.Document) {
			d.Title = "Pengesahan dan Pembaruan Peraturan Perusahaan"
			d.Dates.Revised = esop.MustDate("2028-01-02")
			d.Approval = nil
			d.Warning = ""
		}, []string{
			`field title: "Pengesahan Peraturan Perusahaan" → "Pengesahan dan Pembaruan Peraturan Perusahaan"`,
			`field dates.revised: "2027-07-06" → "2028-01-02"`,
			`field approval.position: "Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang" → ""`,
			`field approval.name: "Drs. Contoh Pejabat, M.Si." → ""`,
			`field approval.rank: "Pembina Utama Muda (IV/c)" → ""`,
			`field approval.nip: "19680512 199303 1 007" → ""`,
			`field approval.capacity: "definitif" → ""`,
			`field warning: "Apabila SOP ini tidak dilaksanakan, peraturan perusahaan yang bertentangan dengan peraturan perundang-undangan dapat berlaku dan merugikan pekerja." → ""`,
		}},
		{"lists item by item", func(d *esop.Document) {
			// An item inserted first, one changed, one removed: the others are not reported.
			d.Equipment = append([]string{"Meja layanan"}, d.Equipment...)       // Meja, Komputer, Printer, Jaringan internet, Kendaraan dinas, Buku register…
			d.Equipment[2] = "Printer warna"                                     // was Printer
			d.Equipment = slices.Delete(d.Equipment, 4, 5)                       // Kendaraan dinas
			d.LegalBasis[1] = esop.LegalRef{Kind: "UU", Number: "6", Year: 2023} // was the text form
			d.Records = append(d.Records, "Daftar hadir klarifikasi")
			d.Layout = &esop.LayoutHint{Paper: esop.PaperF4, PageSteps: 9}
		}, []string{
			`field legalBasis[1]: "Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang" → "Undang-Undang Nomor 6 Tahun 2023"`,
			`field equipment[0]: "" → "Meja layanan"`,
			`field equipment[2]: "Printer" → "Printer warna"`,
			`field equipment[3]: "Kendaraan dinas" → ""`,
			`field records[3]: "" → "Daftar hadir klarifikasi"`,
			`field layout.paper: "" → "F4"`,
			`field layout.pageSteps: "" → "9"`,
		}},
		{"actors added, removed, renamed", func(d *esop.Document) {
			d.Actors[3].Name = "Kepala Bidang HI dan Jamsos"
			d.Actors = append(d.Actors, esop.Actor{ID: "sekretaris", Name: "Sekretaris"})
			d.Actors = slices.Delete(d.Actors, 1, 2) // loket
			for i := range d.Steps {
				if d.Steps[i].Actor == "loket" {
					d.Steps[i].Actor = "staf"
				}
			}
		}, []string{
			`actor removed loket 1→-1`,
			`actor renamed kabid 3→2: "Kepala Bidang Hubungan Industrial dan Jaminan Sosial" → "Kepala Bidang HI dan Jamsos"`,
			`actor added sekretaris -1→5`,
			`step changed e2 1→1; actor "Petugas Loket Pelayanan" → "Staf Pelaksana"`,
			`step changed e13 12→12; actor "Petugas Loket Pelayanan" → "Staf Pelaksana"`,
		}},
		{"actor columns swapped", func(d *esop.Document) {
			d.Actors[4], d.Actors[5] = d.Actors[5], d.Actors[4]
		}, []string{`actor moved staf 5→4`}},
		{"every cell of a step", func(d *esop.Document) {
			s := &d.Steps[7] // e8
			s.Activity = "Mengembalikan naskah kepada pemohon"
			s.Actor = "kasi"
			s.Requirements = []string{"Hasil penilaian", "Catatan perbaikan"}
			s.Time = &esop.Duration{Value: 2, Unit: esop.UnitHour}
			s.Output = "Surat pengembalian"
			s.Note = ""
			s.Next = "e5"
		}, []string{
			`step changed e8 7→7; activity "Mengembalikan naskah kepada pemohon disertai catatan perbaikan" → "Mengembalikan naskah kepada pemohon"; ` +
				`actor "Staf Pelaksana" → "Kepala Seksi Persyaratan Kerja dan Pengupahan"; requirements "Hasil penilaian" → "Hasil penilaian; Catatan perbaikan"; ` +
				`time "1 hari" → "2 jam"; output "Surat catatan perbaikan" → "Surat pengembalian"; ` +
				`note "Pemohon menyampaikan kembali naskah perbaikan paling lama 14 hari kerja" → ""; flow "→ e1" → "→ e5"`,
		}},
		{"decision and end", func(d *esop.Document) {
			d.Steps[1].Decision.NoLabel = "Belum lengkap"
			d.Steps[10].Decision = nil // e11 no longer decides
			d.Steps[13].End = true
			d.Steps[5].Time = &esop.Duration{Text: "paling lama 5 hari"}
		}, []string{
			`step changed e2 1→1; flow "Lengkap → e3; Tidak lengkap → e1" → "Lengkap → e3; Belum lengkap → e1"`,
			`step changed e6 5→5; time "sesuai jadwal yang disepakati dengan perusahaan" → "paling lama 5 hari"`,
			`step changed e11 10→10; flow "Sesuai → e12; Tidak sesuai → e9" → ""`,
			`step changed e14 13→13; flow "" → "end"`,
		}},
		{"rows added and removed", func(d *esop.Document) {
			// Remove e6 (the field visit) and add a step after e4 and one at the end:
			// the rows after them are renumbered, which is not a move.
			d.Steps = slices.Delete(d.Steps, 5, 6)
			d.Steps = slices.Insert(d.Steps, 4, esop.Step{ID: "n1", Activity: "Mencatat disposisi", Actor: "kasi"})
			d.Steps = append(d.Steps, esop.Step{ID: "n2", Activity: "Melaporkan", Actor: "kasi"})
		}, []string{
			`step added n1 -1→4`,
			`step removed e6 5→-1`,
			`step added n2 -1→14`,
		}},
		{"first and last removed", func(d *esop.Document) {
			d.Steps = d.Steps[1 : len(d.Steps)-1]
		}, []string{`step removed e1 0→-1`, `step removed e14 13→-1`}},
		{"a row moved", func(d *esop.Document) {
			// e13 (hand over) moved after e14 (archive); e14 now ends nothing by itself.
			d.Steps[12], d.Steps[13] = d.Steps[13], d.Steps[12]
		}, []string{`step moved e14 13→12`}},
		{"a row moved far and changed", func(d *esop.Document) {
			s := d.Steps[2] // e3
			s.Output = "Disposisi"
			d.Steps = slices.Delete(d.Steps, 2, 3)
			d.Steps = slices.Insert(d.Steps, 9, s)
		}, []string{`step changed e3 2→9 (moved); output "Lembar disposisi" → "Disposisi"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := sampleDoc(t, title)
			b := a.Clone()
			tc.edit(b)
			before := a.Clone()
			got := esop.Diff(a, b)
			if !reflect.DeepEqual(a, before) {
				t.Error("Diff changed its input")
			}
			if lines := summary(got); !slices.Equal(lines, tc.want) {
				t.Errorf("diff:\n  %s\nwant:\n  %s", strings.Join(lines, "\n  "), strings.Join(tc.want, "\n  "))
			}
			if got.IsEmpty() != (len(tc.want) == 0) {
				t.Errorf("IsEmpty = %v", got.IsEmpty())
			}
		})
	}
}

func TestDiffMarksAndCounts(t *testing.T) {
	t.Parallel()
	a := sampleDoc(t, "Pengesahan Peraturan Perusahaan")
	b := a.Clone()
	b.Steps[0].Output = "Berkas"                                                       // e1 changed
	b.Steps = slices.Delete(b.Steps, 5, 6)                                             // e6 removed
	b.Steps = append(b.Steps, esop.Step{ID: "n1", Actor: "kasi", Activity: "Melapor"}) // n1 added
	b.Steps[11], b.Steps[12] = b.Steps[12], b.Steps[11]                                // e13 and e14 swapped: one of them moved
	d := esop.Diff(a, b)
	want := map[string]int{esop.ChangeChanged: 1, esop.ChangeRemoved: 1, esop.ChangeAdded: 1, esop.ChangeMoved: 1}
	if !reflect.DeepEqual(d.Counts, want) {
		t.Errorf("counts %v, want %v", d.Counts, want)
	}
	old, new := d.StepMarks()
	if !reflect.DeepEqual(old, map[string]string{"e1": "changed", "e6": "removed", "e14": "moved"}) {
		t.Errorf("old marks %v", old)
	}
	if !reflect.DeepEqual(new, map[string]string{"e1": "changed", "n1": "added", "e14": "moved"}) {
		t.Errorf("new marks %v", new)
	}
	if s := d.Steps[0]; s.Old != &a.Steps[0] || s.New != &b.Steps[0] {
		t.Error("a change does not point at the steps it compares")
	}
}

// TestDiffSamplePairs compares every pair of sample SOPs, as if one were a
// new version of the other, and checks what any diff must satisfy.
func TestDiffSamplePairs(t *testing.T) {
	t.Parallel()
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range docs {
		for _, b := range docs {
			d := esop.Diff(a, b)
			label := a.Title + " → " + b.Title
			if a == b && !d.IsEmpty() {
				t.Errorf("%s: a document differs from itself: %v", label, summary(d))
			}
			if e := esop.Diff(a, a.Clone()); !e.IsEmpty() {
				t.Errorf("%s: a document differs from its copy: %v", a.Title, summary(e))
			}
			checkStepChanges(t, label, a, b, d)
			back := esop.Diff(b, a)
			if back.Counts[esop.ChangeAdded] != d.Counts[esop.ChangeRemoved] || back.Counts[esop.ChangeChanged] != d.Counts[esop.ChangeChanged] {
				t.Errorf("%s: the diff backwards does not mirror it: %v against %v", label, back.Counts, d.Counts)
			}
		}
	}
}

func checkStepChanges(t *testing.T, label string, a, b *esop.Document, d *esop.DocDiff) {
	t.Helper()
	seen := map[string]bool{}
	lastNew := -1
	for _, s := range d.Steps {
		if seen[s.ID] {
			t.Errorf("%s: step %s reported twice", label, s.ID)
		}
		seen[s.ID] = true
		i, j := a.StepIndex(s.ID), b.StepIndex(s.ID)
		if s.OldIndex != i || s.NewIndex != j {
			t.Errorf("%s: step %s at %d→%d, want %d→%d", label, s.ID, s.OldIndex, s.NewIndex, i, j)
		}
		want := esop.ChangeMoved
		switch {
		case i < 0:
			want = esop.ChangeAdded
		case j < 0:
			want = esop.ChangeRemoved
		case len(s.Cells) > 0:
			want = esop.ChangeChanged
		}
		if s.Kind != want || (s.Kind == esop.ChangeMoved) != (s.Moved && len(s.Cells) == 0) {
			t.Errorf("%s: step %s is %s (moved %v, %d cells), want %s", label, s.ID, s.Kind, s.Moved, len(s.Cells), want)
		}
		if j >= 0 {
			if j < lastNew {
				t.Errorf("%s: step %s out of table order", label, s.ID)
			}
			lastNew = j
		}
	}
	for _, s := range a.Steps {
		if b.StepIndex(s.ID) < 0 && !seen[s.ID] {
			t.Errorf("%s: removed step %s not reported", label, s.ID)
		}
	}
	for _, s := range b.Steps {
		if a.StepIndex(s.ID) < 0 && !seen[s.ID] {
			t.Errorf("%s: added step %s not reported", label, s.ID)
		}
	}
}

// edited50 returns two 50-step versions that differ in ten places: cells,
// the flow, a row added, one removed, one moved, an actor renamed and two
// identity fields.
func edited50() (a, b *esop.Document) {
	a = storetest.GenerateDocument("800/00050/35.73.405/2024", 50)
	b = a.Clone()
	b.Approval = nil
	b.Dates.Revised = esop.MustDate("2026-01-15")
	b.Actors[2].Name = "Pelaksana Tiga"
	b.Steps[3].Activity = "Memeriksa ulang berkas tahap 4"
	b.Steps[10].Time = &esop.Duration{Value: 1, Unit: esop.UnitHour}
	b.Steps[17].Requirements = append(b.Steps[17].Requirements, "Surat kuasa")
	b.Steps[30].Actor = "a2"
	b.Steps[25].Decision.No = "s3"
	b.Steps = slices.Delete(b.Steps, 44, 45) // s45
	b.Steps = slices.Insert(b.Steps, 12, esop.Step{ID: "n1", Activity: "Mencatat berkas", Actor: "a2", Output: "Register"})
	s := b.Steps[5]
	b.Steps = slices.Delete(b.Steps, 5, 6)
	b.Steps = slices.Insert(b.Steps, 20, s)
	return a, b
}

func TestDiff50Steps(t *testing.T) {
	a, b := edited50()
	if ps := esop.Validate(b, esop.ValidateOptions{}); ps.HasErrors() {
		t.Fatal(ps.Errors())
	}
	d := esop.Diff(a, b)
	if len(d.Steps) < 8 || d.Counts[esop.ChangeAdded] != 1 || d.Counts[esop.ChangeRemoved] != 1 || len(d.Actors) != 1 {
		t.Errorf("diff of the 50-step versions: %s", strings.Join(summary(d), "\n"))
	}
}

// BenchmarkDiff50Steps measures the diff of two 50-step versions that
// differ in about ten places (target: under 5 ms).
func BenchmarkDiff50Steps(b *testing.B) {
	x, y := edited50()
	b.ReportAllocs()
	for b.Loop() {
		esop.Diff(x, y)
	}
}

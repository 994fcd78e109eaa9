package storetest

import (
	"fmt"

	"github.com/esop-malang/esop"
)

// GenerateDocuments returns n valid, approved documents of the given
// number of steps (at least 3), each with a unique number, five actors,
// a decision that loops back, and three legal-basis entries shared with
// the others, for benchmarks of import.
func GenerateDocuments(n, steps int) []*esop.Document {
	docs := make([]*esop.Document, n)
	for i := range docs {
		docs[i] = GenerateDocument(fmt.Sprintf("800/%05d/35.73.405/2024", i+1), steps)
	}
	return docs
}

// GenerateDocument returns one valid approved document with the given
// number and number of steps (at least 3).
func GenerateDocument(number string, steps int) *esop.Document {
	d := &esop.Document{
		Format: esop.FormatV1, Number: number, Title: "Pelayanan Uji " + number,
		Government: "Pemerintah Kota Malang", Agency: "Dinas Ketenagakerjaan dan Transmigrasi", Unit: "Bidang Penempatan dan Perluasan Kerja",
		Type: esop.TypeAdministratif, Category: esop.CategoryPelayanan,
		Dates:    esop.Dates{Created: esop.MustDate("2024-01-08"), Effective: esop.MustDate("2024-01-15"), Revised: esop.MustDate("2025-01-15")},
		Approval: &esop.Approval{Position: "Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", Name: "Drs. Contoh Pejabat, M.Si.", Rank: "Pembina Utama Muda (IV/c)", NIP: "19680512 199303 1 007"},
		LegalBasis: []esop.LegalRef{
			{Kind: "UU", Number: "13", Year: 2003, Title: "Ketenagakerjaan"},
			{Text: "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"},
			{Kind: "Perwali", Number: "44", Year: 2012, Title: "Uraian Tugas Pokok, Fungsi, dan Tata Kerja"},
		},
		Qualifications: []string{"Memahami ketentuan pelayanan"}, Equipment: []string{"Komputer", "Printer"},
		Warning: "Apabila SOP ini tidak dilaksanakan, pelayanan terhambat.", Records: []string{"Buku register"},
	}
	for a := range 5 {
		d.Actors = append(d.Actors, esop.Actor{ID: fmt.Sprintf("a%d", a+1), Name: fmt.Sprintf("Pelaksana %d", a+1)})
	}
	for s := range steps {
		st := esop.Step{
			ID: fmt.Sprintf("s%d", s+1), Activity: fmt.Sprintf("Memproses berkas tahap %d", s+1), Actor: d.Actors[s%5].ID,
			Requirements: []string{"Berkas permohonan"}, Time: &esop.Duration{Value: float64(5 + s%10), Unit: esop.UnitMinute},
			Output: fmt.Sprintf("Berkas tahap %d", s+1),
		}
		if s == steps/2 {
			st.Decision = &esop.Decision{Yes: fmt.Sprintf("s%d", s+2), No: "s2", YesLabel: "Lengkap", NoLabel: "Tidak lengkap"}
		}
		d.Steps = append(d.Steps, st)
	}
	return d
}

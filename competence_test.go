package esop_test

import (
	"testing"

	"github.com/esop-malang/esop"
)

func TestCompetenceKind(t *testing.T) {
	for line, want := range map[string]string{
		"Memahami ketentuan pendaftaran pencari kerja":            esop.CompetenceTeknis,
		"Mampu mengoordinasikan kegiatan dengan banyak pihak":     esop.CompetenceManajerial,
		"Komunikasi yang baik dengan pemohon":                     esop.CompetenceManajerial,
		"Mampu menjadi perekat bangsa di lingkungan yang majemuk": esop.CompetenceSosialKultural,
	} {
		if got := esop.CompetenceKind(line); got != want {
			t.Errorf("CompetenceKind(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestRequiredCompetences: the AK/I card SOP's lines go to both of its
// pelaksana, except the one naming the Pengantar Kerja; a line shared by
// two SOPs is one competence with two sources; the demand list orders
// competences by the steps that depend on them.
func TestRequiredCompetences(t *testing.T) {
	ak := overlapSOP(1, "Kartu AK/I", 2,
		[3]string{"pemohon", "Mengajukan permohonan", "Permohonan"},
		[3]string{"loket", "Menerima berkas", "Berkas"},
		[3]string{"loket", "Memeriksa berkas", "Berkas"},
		[3]string{"pengantar", "Menandatangani kartu", "Kartu AK/I"})
	ak.Doc.Actors[2].Name = "Pengantar Kerja"
	ak.Doc.Qualifications = []string{"Memahami ketentuan penempatan tenaga kerja", "Pengantar Kerja bersertifikat untuk penandatanganan kartu",
		"Mampu mengoperasikan komputer"}
	info := overlapSOP(2, "Informasi Lowongan", 2,
		[3]string{"pengantar", "Menyusun informasi lowongan", "Informasi"})
	info.Doc.Qualifications = []string{"memahami  ketentuan penempatan tenaga KERJA"}
	positions := []esop.PositionInfo{{Key: "loket", Name: "Petugas Loket", Existing: 2}, {Key: "pengantar", Name: "Pengantar Kerja", Existing: 1}}
	ps, demand := esop.RequiredCompetences([]esop.AnalysisSOP{ak, info}, positions)
	loket, pengantar := ps[0], ps[1]
	if len(loket.Competences) != 2 || loket.Competences[0].Steps != 2 {
		t.Errorf("loket %+v", loket.Competences)
	}
	for _, c := range loket.Competences {
		if c.Text == "Pengantar Kerja bersertifikat untuk penandatanganan kartu" {
			t.Error("the loket was given the Pengantar Kerja's line")
		}
	}
	if len(pengantar.Competences) != 3 {
		t.Fatalf("pengantar %+v", pengantar.Competences)
	}
	first := pengantar.Competences[0] // 2 steps: one in each SOP
	if first.Text != "Memahami ketentuan penempatan tenaga kerja" || first.Steps != 2 || len(first.Sources) != 2 ||
		first.Sources[0].SOPID != 1 || first.Sources[0].Steps[0] != 4 || first.Sources[1].Steps[0] != 1 {
		t.Errorf("shared competence %+v", first)
	}
	if len(demand) != 3 || demand[0].Text != "Memahami ketentuan penempatan tenaga kerja" || demand[0].Steps != 4 || demand[0].Holders != 3 ||
		len(demand[0].Positions) != 2 {
		t.Errorf("demand %+v", demand)
	}
}

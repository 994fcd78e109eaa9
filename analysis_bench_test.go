package esop_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/esop-malang/esop"
)

// An office of the size the issue asks the analyses to handle in under a
// second: 2,000 SOPs in force of 12 steps each, performed by 500
// positions in 50 units. Activities are drawn from 30 verbs and 200
// objects, so that the same action recurs across SOPs and positions as in
// a real book (about 6,000 distinct actions over 24,000 steps); one SOP
// in twenty is a near copy of another.
func analysisOffice() ([]esop.AnalysisSOP, []esop.PositionInfo, map[string]esop.PositionInfo, map[int64]esop.SOPVolume) {
	rng := rand.New(rand.NewPCG(13, 2026))
	verbs := []string{"Menerima", "Memeriksa", "Meneliti", "Menyusun", "Mencatat", "Menandatangani", "Memaraf", "Mengirim", "Menyerahkan",
		"Memverifikasi", "Menginput", "Mengarsipkan", "Menyiapkan", "Membuat", "Mengolah", "Menilai", "Mengesahkan", "Menyetujui",
		"Mendisposisikan", "Menghitung", "Merekap", "Mengumumkan", "Mengundang", "Melaksanakan", "Memantau", "Mengevaluasi",
		"Melaporkan", "Menetapkan", "Mengoreksi", "Mengunggah"}
	objects := make([]string, 200)
	nouns := []string{"berkas", "surat", "laporan", "data", "dokumen", "kartu", "izin", "rekomendasi", "keputusan", "formulir",
		"register", "daftar", "jadwal", "anggaran", "naskah", "sertifikat", "undangan", "notulen", "usulan", "tanda"}
	kinds := []string{"permohonan", "pendaftaran", "pelatihan", "penempatan", "mediasi", "perusahaan", "pekerja", "cuti", "perjalanan", "keuangan"}
	for i := range objects {
		objects[i] = nouns[i%len(nouns)] + " " + kinds[(i/len(nouns))%len(kinds)]
	}
	positions := make([]esop.PositionInfo, 500)
	byKey := map[string]esop.PositionInfo{}
	for i := range positions {
		positions[i] = esop.PositionInfo{Key: fmt.Sprintf("p%03d", i), Name: fmt.Sprintf("Jabatan %03d", i), UnitID: int64(i%50 + 1),
			UnitName: fmt.Sprintf("Unit %02d", i%50+1), Existing: 1 + i%3}
		byKey[positions[i].Key] = positions[i]
	}
	sops := make([]esop.AnalysisSOP, 2000)
	vols := map[int64]esop.SOPVolume{}
	for i := range sops {
		id := int64(i + 1)
		unit := int64(i%50 + 1)
		d := &esop.Document{Title: fmt.Sprintf("SOP Uji %04d", i+1), Qualifications: []string{"Memahami ketentuan " + kinds[i%len(kinds)], "Mampu mengoperasikan komputer"}}
		pos, ext := map[string]string{"pemohon": ""}, map[string]bool{"pemohon": true}
		d.Actors = append(d.Actors, esop.Actor{ID: "pemohon", Name: "Pemohon", External: true})
		for a := range 4 { // four positions, mostly of the SOP's own unit
			p := positions[(int(unit)-1+50*rng.IntN(10))%500]
			if rng.IntN(5) == 0 {
				p = positions[rng.IntN(500)]
			}
			aid := fmt.Sprintf("a%d", a)
			d.Actors = append(d.Actors, esop.Actor{ID: aid, Name: p.Name})
			pos[aid] = p.Key
		}
		copyOf := -1
		if i%20 == 19 {
			copyOf = i - 1 - rng.IntN(10)
		}
		for s := range 12 {
			st := esop.Step{ID: fmt.Sprintf("s%d", s+1), Actor: fmt.Sprintf("a%d", rng.IntN(4))}
			if s == 0 {
				st.Actor = "pemohon"
			}
			if copyOf >= 0 && s < 11 {
				src := sops[copyOf].Doc.Steps[s]
				st.Activity, st.Output = src.Activity, src.Output
			} else {
				v, o := verbs[rng.IntN(len(verbs))], objects[rng.IntN(len(objects))]
				st.Activity, st.Output = v+" "+o, o+" selesai"
			}
			st.Effort = &esop.Duration{Value: float64(5 + rng.IntN(120)), Unit: esop.UnitMinute}
			d.Steps = append(d.Steps, st)
		}
		sops[i] = esop.AnalysisSOP{ID: id, Title: d.Title, UnitID: unit, Doc: d, Positions: pos, External: ext}
		v := float64(rng.IntN(5000))
		vols[id] = esop.SOPVolume{SOPID: id, Entered: &v, Measured: rng.IntN(4000)}
	}
	return sops, positions, byKey, vols
}

// BenchmarkWorkload2000 computes the ABK of all 500 positions.
func BenchmarkWorkload2000(b *testing.B) {
	sops, positions, _, vols := analysisOffice()
	b.ResetTimer()
	for b.Loop() {
		w := esop.ComputeWorkload(sops, positions, vols, esop.DefaultWKE)
		if len(w.Positions) != 500 {
			b.Fatal(len(w.Positions))
		}
	}
}

// BenchmarkOverlap2000 finds every overlap over the 2,000 SOPs.
func BenchmarkOverlap2000(b *testing.B) {
	sops, _, byKey, _ := analysisOffice()
	b.ResetTimer()
	var n int
	for b.Loop() {
		n = len(esop.FindOverlaps(sops, byKey, nil, nil))
	}
	b.ReportMetric(float64(n), "findings")
}

// BenchmarkCompetence2000 gathers the competences of the 500 positions.
func BenchmarkCompetence2000(b *testing.B) {
	sops, positions, _, _ := analysisOffice()
	b.ResetTimer()
	for b.Loop() {
		esop.RequiredCompetences(sops, positions)
	}
}

// BenchmarkAnalyseCompetence2000 sets the records of the 500 positions'
// 1,000 holders (four records each, one in four lapsing) against what the
// positions need, and orders the training needs by load.
func BenchmarkAnalyseCompetence2000(b *testing.B) {
	sops, positions, _, vols := analysisOffice()
	required, _ := esop.RequiredCompetences(sops, positions)
	type task struct {
		p   string
		sop int64
		row int
	}
	loads := map[task]float64{}
	for _, p := range esop.ComputeWorkload(sops, positions, vols, esop.DefaultWKE).Positions {
		for _, t := range p.Tasks {
			loads[task{p.Position, t.SOPID, t.Row}] += t.Load
		}
	}
	holders := map[string][]esop.CompetenceHolder{}
	records := map[int64][]esop.CompetenceRecord{}
	titles := []string{"Pelatihan ketentuan cuti", "Bimtek komputer perkantoran", "Diklat ketentuan keuangan", "Sertifikat ketentuan mediasi"}
	id := int64(0)
	for i, p := range positions {
		for h := range 2 {
			id++
			holders[p.Key] = append(holders[p.Key], esop.CompetenceHolder{EmployeeID: id, NIP: fmt.Sprint(id), Name: fmt.Sprintf("Pegawai %d-%d", i, h)})
			for r, t := range titles {
				rec := esop.CompetenceRecord{ID: id*10 + int64(r), Title: t, Date: esop.MustDate("2024-01-01")}
				if r == int(id)%4 {
					exp := esop.MustDate("2026-12-01")
					rec.Expiry = &exp
				}
				records[id] = append(records[id], rec)
			}
		}
	}
	day := esop.MustDate("2026-11-20")
	b.ResetTimer()
	var n int
	for b.Loop() {
		a := esop.AnalyseCompetence(required, holders, records, func(p string, sop int64, row int) float64 { return loads[task{p, sop, row}] }, day, 90)
		n = len(a.Needs)
	}
	b.ReportMetric(float64(n), "needs")
}

// BenchmarkProcessMatrix2000 builds the process × unit matrix of the
// 2,000 SOPs over their 50 units.
func BenchmarkProcessMatrix2000(b *testing.B) {
	sops, positions, byKey, _ := analysisOffice()
	units := make([]*esop.Unit, 50)
	for i := range units {
		units[i] = &esop.Unit{ID: int64(i + 1), Name: positions[i].UnitName}
	}
	b.ResetTimer()
	var n int
	for b.Loop() {
		n = len(esop.BuildProcessMatrix(sops, byKey, units).Only(nil, 2).Rows)
	}
	b.ReportMetric(float64(n), "shared-rows")
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/storetest"
)

// The analyses end to end, over HTTP on SQLite, for an office of 2,000
// SOPs in force (12 steps, four positions each) and 500 positions: what
// the administrator waits for when opening the office's workload or its
// overlaps. The SOPs' pelaksana are named after the positions, so they
// map as a case would; activities come from 30 verbs and 200 objects.
func analysisBenchEnv(b *testing.B) *env {
	e := newEnv(b)
	ctx := esop.WithActor(context.Background(), "admin", "127.0.0.1")
	unit := e.unitID("bidang-penta")
	for i := range 500 {
		if err := e.db.CreatePosition(ctx, &esop.Position{Key: fmt.Sprintf("bench-%03d", i), UnitID: unit, Name: fmt.Sprintf("Jabatan Uji %03d", i)}); err != nil {
			b.Fatal(err)
		}
	}
	verbs := []string{"Menerima", "Memeriksa", "Meneliti", "Menyusun", "Mencatat", "Menandatangani", "Memaraf", "Mengirim", "Menyerahkan",
		"Memverifikasi", "Menginput", "Mengarsipkan", "Menyiapkan", "Membuat", "Mengolah", "Menilai", "Mengesahkan", "Menyetujui",
		"Mendisposisikan", "Menghitung", "Merekap", "Mengumumkan", "Mengundang", "Melaksanakan", "Memantau", "Mengevaluasi",
		"Melaporkan", "Menetapkan", "Mengoreksi", "Mengunggah"}
	nouns := []string{"berkas", "surat", "laporan", "data", "dokumen", "kartu", "izin", "rekomendasi", "keputusan", "formulir"}
	kinds := []string{"permohonan", "pendaftaran", "pelatihan", "penempatan", "mediasi", "perusahaan", "pekerja", "cuti", "perjalanan",
		"keuangan", "anggaran", "jadwal", "sertifikat", "usulan", "notulen", "register", "undangan", "naskah", "daftar", "tanda"}
	docs := make([]*esop.Document, 2000)
	for i := range docs {
		d := storetest.GenerateDocument(fmt.Sprintf("900/%05d/35.73.405/2024", i+1), 12)
		d.Actors = d.Actors[:4]
		for a := range d.Actors {
			d.Actors[a].Name = fmt.Sprintf("Jabatan Uji %03d", (i*7+a*131)%500)
		}
		for s := range d.Steps {
			st := &d.Steps[s]
			st.Actor = d.Actors[s%4].ID
			o := nouns[(i+s*3)%len(nouns)] + " " + kinds[(i*s+s)%len(kinds)]
			st.Activity, st.Output = verbs[(i*5+s*11)%len(verbs)]+" "+o, o+" selesai"
			st.Effort = &esop.Duration{Value: float64(5 + (i+s)%90), Unit: esop.UnitMinute}
		}
		docs[i] = d
	}
	if _, err := e.db.ImportDocuments(ctx, docs, "bench"); err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkWorkloadHTTP2000 is GET /api/v1/analysis/workload for the
// whole office (every position, every SOP in force), as an administrator.
func BenchmarkWorkloadHTTP2000(b *testing.B) {
	e := analysisBenchEnv(b)
	benchAnalysis(b, e, "/api/v1/analysis/workload?year=2026")
}

// BenchmarkOverlapHTTP2000 is GET /api/v1/analysis/overlap for the whole office.
func BenchmarkOverlapHTTP2000(b *testing.B) {
	e := analysisBenchEnv(b)
	benchAnalysis(b, e, "/api/v1/analysis/overlap")
}

func benchAnalysis(b *testing.B, e *env, path string) {
	c, token := e.newClient(), e.bearer("admin")
	var body struct {
		Positions []struct{ Position string }
		Findings  []struct{ ID string }
	}
	if res := e.apiJSON(c, http.MethodGet, path, token, nil, &body); res.StatusCode != http.StatusOK {
		b.Fatalf("%s: %d", path, res.StatusCode)
	}
	if len(body.Positions) < 500 && len(body.Findings) == 0 {
		b.Fatalf("the office was not analysed: %d positions, %d findings", len(body.Positions), len(body.Findings))
	}
	// The CPU time the process (server and client) spends per request, a
	// figure less at the mercy of other work on a shared machine than the
	// elapsed time (processCPU: user + system, where the OS says).
	start, n := processCPU(), 0
	b.ResetTimer()
	for b.Loop() {
		if res := e.apiJSON(c, http.MethodGet, path, token, nil, nil); res.StatusCode != http.StatusOK {
			b.Fatal(res.StatusCode)
		}
		n++
	}
	if start >= 0 {
		b.ReportMetric((processCPU()-start)*1000/float64(n), "cpu-ms/op")
	}
	b.ReportMetric(float64(len(body.Positions)+len(body.Findings)), "items")
}

// BenchmarkCompetenceHTTP2000 is GET /api/v1/analysis/competence for the
// whole office: requirements, holders, records, this year's loads.
func BenchmarkCompetenceHTTP2000(b *testing.B) {
	e := analysisBenchEnv(b)
	benchAnalysis(b, e, "/api/v1/analysis/competence")
}

// BenchmarkOverlapPage2000 is the page /analysis/overlap for the whole
// office: the findings with their forms and the process × unit matrix.
func BenchmarkOverlapPage2000(b *testing.B) {
	e := analysisBenchEnv(b)
	c := e.session("admin")
	if res := e.do(c, http.MethodGet, "/analysis/overlap", nil); res.StatusCode != http.StatusOK || !strings.Contains(res.body, `id="matrix"`) {
		b.Fatalf("the page: %d", res.StatusCode)
	}
	start, n := processCPU(), 0
	b.ResetTimer()
	for b.Loop() {
		if res := e.do(c, http.MethodGet, "/analysis/overlap", nil); res.StatusCode != http.StatusOK {
			b.Fatal(res.StatusCode)
		}
		n++
	}
	if start >= 0 {
		b.ReportMetric((processCPU()-start)*1000/float64(n), "cpu-ms/op")
	}
}

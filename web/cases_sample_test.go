package web_test

import (
	"context"
	"testing"

	"github.com/esop-malang/esop"
)

// The sample book runs as shipped: its applicants (and other agencies)
// are marked external and its Kepala Dinas mapped in the documents, the
// other actors found by the positions of the same name, so that a case
// of each public service starts waiting for the applicant with no run
// settings set. Internal SOPs whose actors are roles ("Kepala Bidang
// Terkait", "Panitia Pelaksana") need their run settings first.
func TestSampleSOPsRunAsShipped(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := esop.WithActor(context.Background(), "admin", "127.0.0.1")
	public := map[string]bool{
		"Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)":            true,
		"Pelayanan Informasi Lowongan Kerja":                                      true,
		"Verifikasi Wajib Lapor Ketenagakerjaan di Perusahaan (WLKP)":             true,
		"Penerbitan Surat Rekomendasi Paspor bagi Calon Pekerja Migran Indonesia": true,
		"Penyelesaian Perselisihan Hubungan Industrial melalui Mediasi":           true,
		titleInForce:  true,
		titleInForce2: true,
		"Pencatatan Serikat Pekerja/Serikat Buruh":  true,
		"Pendaftaran dan Seleksi Calon Transmigran": true,
	}
	sops, _, err := e.db.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, s := range sops {
		if !public[s.Title] {
			continue
		}
		seen++
		rec, err := e.db.StartCase(ctx, esop.NewCase{SOPID: s.ID, By: e.user("admin")})
		if err != nil {
			var problems esop.Problems
			if x, ok := err.(*esop.Error); ok {
				problems = x.Problems
			}
			t.Errorf("%s: %v %v", s.Title, err, problems)
			continue
		}
		if !rec.WaitsForApplicant() || !rec.Tasks[0].External || rec.Tasks[0].RecordedBy == "" {
			t.Errorf("%s: the first task %+v does not wait for the applicant", s.Title, rec.Tasks[0])
		}
	}
	if seen != len(public) {
		t.Errorf("found %d of the %d public services", seen, len(public))
	}
}

package esop_test

import (
	"slices"
	"testing"

	"github.com/esop-malang/esop"
)

func TestActionKey(t *testing.T) {
	for activity, want := range map[string]string{
		"Memeriksa kelengkapan berkas permohonan":    "periksa lengkap berkas",
		"Memeriksa kelengkapan berkas-berkas":        "periksa lengkap berkas",
		"Menerima berkas dari pemohon":               "terima berkas",
		"Surat diterima petugas":                     "",
		"Tanda tangan surat keputusan":               "tandatangan surat putus",
		"Menandatangani surat keputusan":             "tandatangan surat putus",
		"Ditandatangani surat keputusan":             "",
		"Menyusun dan memaraf konsep keputusan":      "susun konsep putus",
		"Memeriksa berkas":                           "periksa berkas",
		"Pemohon menyerahkan berkas":                 "", // starts with its subject, not a verb
		"Selesai":                                    "",
		"Mencatat":                                   "",
		"Mengarsipkan dokumen ke dalam lemari arsip": "arsip dokumen",
	} {
		if got := esop.ActionKey(activity); got != want {
			t.Errorf("ActionKey(%q) = %q, want %q", activity, got, want)
		}
	}
	if got := esop.OutputKey("Surat Keputusan Pendaftaran"); got != "surat putus daftar" {
		t.Errorf("OutputKey = %q", got)
	}
}

// overlapSOP builds an SOP in force whose steps are (actor, activity,
// output) triples; actors map to positions of the same id except "pemohon",
// who is external.
func overlapSOP(id int64, title string, unitID int64, steps ...[3]string) esop.AnalysisSOP {
	d := &esop.Document{Title: title}
	pos, ext := map[string]string{}, map[string]bool{"pemohon": true}
	for i, s := range steps {
		if d.ActorByID(s[0]) == nil {
			d.Actors = append(d.Actors, esop.Actor{ID: s[0], Name: s[0]})
			if s[0] != "pemohon" {
				pos[s[0]] = s[0]
			}
		}
		d.Steps = append(d.Steps, esop.Step{ID: "s" + string(rune('1'+i)), Actor: s[0], Activity: s[1], Output: s[2]})
	}
	return esop.AnalysisSOP{ID: id, Title: title, UnitID: unitID, Doc: d, Positions: pos, External: ext}
}

func TestFindOverlaps(t *testing.T) {
	positions := map[string]esop.PositionInfo{
		"loket":  {Key: "loket", Name: "Petugas Loket", UnitID: 1, UnitName: "Dinas"},
		"staf":   {Key: "staf", Name: "Staf Bidang", UnitID: 2, UnitName: "Bidang A"},
		"analis": {Key: "analis", Name: "Analis", UnitID: 3, UnitName: "Bidang B"},
		"kasi":   {Key: "kasi", Name: "Kepala Seksi", UnitID: 2, UnitName: "Bidang A"},
	}
	sops := []esop.AnalysisSOP{
		overlapSOP(1, "Izin A", 2,
			[3]string{"pemohon", "Mengajukan permohonan", "Permohonan"},
			[3]string{"loket", "Menerima berkas permohonan", "Berkas"},
			[3]string{"staf", "Memeriksa kelengkapan berkas", "Berkas lengkap"},
			[3]string{"kasi", "Menyusun konsep rekomendasi teknis", "Konsep rekomendasi teknis"},
			[3]string{"kasi", "Menandatangani rekomendasi teknis", "Rekomendasi teknis"}),
		overlapSOP(2, "Izin B", 3,
			[3]string{"pemohon", "Mengajukan permohonan", "Permohonan"},
			[3]string{"loket", "Menerima berkas permohonan", "Berkas"},
			[3]string{"analis", "Pemeriksaan kelengkapan berkas-berkas", "Berkas lengkap"}, // not a verb form: no action key
			[3]string{"analis", "Memeriksa kelengkapan berkas permohonan", "Berkas lengkap"},
			[3]string{"analis", "Menyusun rekomendasi teknis", "Rekomendasi teknis"}),
		// Near duplicate of Izin B, by the same position: only a duplicate.
		overlapSOP(3, "Izin B (lama)", 3,
			[3]string{"loket", "Menerima berkas permohonan", "Berkas"},
			[3]string{"analis", "Memeriksa kelengkapan berkas permohonan", "Berkas lengkap"},
			[3]string{"analis", "Menyusun rekomendasi teknis", "Rekomendasi teknis"}),
	}
	fs := esop.FindOverlaps(sops, positions, nil, nil)
	byKind := map[string][]esop.Finding{}
	for _, f := range fs {
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	// The same action, "periksa lengkap berkas", by Staf (Bidang A) and
	// Analis (Bidang B); Menerima berkas only by the Petugas Loket: none.
	var check *esop.Finding
	for i, f := range byKind[esop.OverlapAction] {
		if f.Key == "terima berkas mohon" {
			t.Errorf("the same position's action is an overlap: %+v", f)
		}
		if f.Key == "periksa lengkap berkas" {
			check = &byKind[esop.OverlapAction][i]
		}
	}
	if check == nil || len(check.Steps) != 3 || check.Steps[0].Unit != "Bidang A" || check.Steps[1].Position != "analis" || check.Steps[1].Unit != "Bidang B" {
		t.Fatalf("action findings %+v", byKind[esop.OverlapAction])
	}
	// The same output "Rekomendasi teknis" by the Kepala Seksi and the Analis.
	var rek bool
	for _, f := range byKind[esop.OverlapOutput] {
		rek = rek || f.Key == "rekomendasi teknis"
		if f.Key == "berkas" {
			t.Errorf("a generic output is an overlap: %+v", f)
		}
	}
	if !rek {
		t.Errorf("output findings %+v", byKind[esop.OverlapOutput])
	}
	// Izin B and Izin B (lama): 3 of their 3 and 3 actions shared.
	if d := byKind[esop.OverlapDuplicate]; len(d) != 1 || d[0].Similarity != 1 || d[0].Steps[0].SOPID != 2 || d[0].Steps[1].SOPID != 3 {
		t.Errorf("duplicates %+v", d)
	}
	// The Kepala Seksi drafts the recommendation and signs it.
	if s := byKind[esop.OverlapSegregation]; len(s) != 1 || s[0].Steps[0].Row != 4 || s[0].Steps[1].Row != 5 || s[0].Steps[0].Position != "kasi" {
		t.Errorf("segregation %+v", s)
	}
	// Ids are stable and a dismissal sticks to its finding.
	again := esop.FindOverlaps(sops, positions, nil, map[string]esop.Dismissal{check.ID: {ID: check.ID, Reason: "Dua tahap berbeda", By: "admin"}})
	i := slices.IndexFunc(again, func(f esop.Finding) bool { return f.ID == check.ID })
	if i < 0 || !again[i].Dismissed || again[i].Reason != "Dua tahap berbeda" || len(again) != len(fs) {
		t.Errorf("dismissal not applied: %+v", again)
	}
	for j, f := range fs {
		if again[j].ID != f.ID {
			t.Fatalf("the order or ids changed between two runs")
		}
	}
	if esop.FindingID(esop.OverlapAction, check.Steps) != check.ID || esop.FindingID(esop.OverlapOutput, check.Steps) == check.ID {
		t.Error("FindingID does not depend on kind and steps alone")
	}
}

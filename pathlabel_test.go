package esop

import "testing"

func TestPathLabel(t *testing.T) {
	for _, tc := range []struct{ path, id, en string }{
		{"", "", ""},
		{"title", "Nama SOP", "SOP title"},
		{"number", "Nomor SOP", "SOP number"},
		{"dates.created", "Tanggal Pembuatan", "Date of making"},
		{"steps", "Kegiatan", "Steps"},
		{"steps[0]", "Kegiatan 1", "Step 1"},
		{"steps[2].decision.no", "Kegiatan 3, cabang Tidak", "Step 3, No branch"},
		{"steps[2].decision.yes", "Kegiatan 3, cabang Ya", "Step 3, Yes branch"},
		{"steps[9].activity", "Kegiatan 10, uraian kegiatan", "Step 10, activity"},
		{"steps[1].time.unit", "Kegiatan 2, satuan waktu", "Step 2, time unit"},
		{"steps[0].requirements[1]", "Kegiatan 1, kelengkapan 2", "Step 1, requirements 2"},
		{"actors[1]", "Pelaksana 2", "Actor 2"},
		{"actors[1].name", "Pelaksana 2, nama", "Actor 2, name"},
		{"legalBasis[0]", "Dasar Hukum 1", "Legal basis 1"},
		{"legalBasis[0].year", "Dasar Hukum 1, tahun", "Legal basis 1, year"},
		{"qualifications[3]", "Kualifikasi Pelaksana 4", "Qualification 4"},
		{"approval.nip", "Pengesahan, NIP", "Approval, NIP"},
		{"layout.pageSteps", "Baris per halaman", "Rows per page"},
		{"[1].steps[0].actor", "Dokumen 2, Kegiatan 1, pelaksana", "Document 2, Step 1, actor"},
		{"[0]", "Dokumen 1", "Document 1"},
		// Unknown paths keep their text rather than a wrong name.
		{"steps[x]", "steps[x]", "steps[x]"},
		{"foo[2]", "foo[2]", "foo[2]"},
		{"steps[1].zzz", "Kegiatan 2, zzz", "Step 2, zzz"},
	} {
		got := PathLabel(tc.path)
		if got.ID != tc.id || got.EN != tc.en {
			t.Errorf("PathLabel(%q) = %q / %q, want %q / %q", tc.path, got.ID, got.EN, tc.id, tc.en)
		}
	}
}

func TestProblemLabelled(t *testing.T) {
	d := &Document{Format: FormatV1, Title: "T", Agency: "A", Unit: "U",
		Actors: []Actor{{ID: "a1", Name: "Petugas"}},
		Steps: []Step{{ID: "s1", Activity: "Menerima", Actor: "a1"},
			{ID: "s2", Activity: "Memeriksa", Actor: "a1", Decision: &Decision{Yes: "s3"}},
			{ID: "s3", Activity: "Menyerahkan", Actor: "a1"}}}
	var no *Problem
	for _, p := range Validate(d, ValidateOptions{}) {
		if p.Path == "steps[1].decision.no" {
			no = &p
			break
		}
	}
	if no == nil {
		t.Fatal("no problem on steps[1].decision.no")
	}
	if got := no.Labelled("id"); got != "Kegiatan 2, cabang Tidak: "+no.Message.ID {
		t.Errorf("Labelled(id) = %q", got)
	}
	if got := no.Labelled("en"); got != "Step 2, No branch: "+no.Message.EN {
		t.Errorf("Labelled(en) = %q", got)
	}
	if got := no.Format("id"); got != "steps[1].decision.no: "+no.Message.ID {
		t.Errorf("Format keeps the path: %q", got)
	}
	w := Problem{Path: "steps[0].output", Severity: SeverityWarning, Message: Text{"belum diisi", "not given"}}
	if got := w.Labelled("id"); got != "Kegiatan 1, output: peringatan: belum diisi" {
		t.Errorf("warning: %q", got)
	}
	if got := (Problem{Message: Text{"utuh", "whole"}}).Labelled("en"); got != "whole" {
		t.Errorf("whole document: %q", got)
	}
}

func TestProblemForPeople(t *testing.T) {
	d := &Document{Format: FormatV1, Title: "T", Agency: "A", Unit: "U",
		Actors: []Actor{{ID: "a1", Name: "Petugas"}},
		Steps: []Step{{ID: "s1", Activity: "Menerima", Actor: "a1", End: true},
			{ID: "s7", Activity: "Memeriksa", Actor: "a9", Next: "s99"},
			{ID: "s7", Activity: "Menyerahkan", Actor: "a1"}}}
	got := map[string]Text{}
	for _, p := range Validate(d, ValidateOptions{}) {
		q := p.ForPeople(d)
		if q.Path != p.Path || q.Code != p.Code || q.Severity != p.Severity {
			t.Errorf("ForPeople changed more than the message: %+v → %+v", p, q)
		}
		got[p.Path+" "+p.Code] = q.Message
	}
	for key, want := range map[string]string{
		"steps[1] unreachable":       "kegiatan 2 tidak dapat dicapai dari kegiatan pertama",
		"steps[2].id duplicate_id":   `id kegiatan "s7" sudah dipakai oleh Kegiatan 2`,
		"steps[1].next unknown_ref":  "kegiatan yang dituju tidak ada lagi (mungkin sudah dihapus); pilih kegiatan lain",
		"steps[1].actor unknown_ref": "pelaksana yang dipilih tidak ada lagi (mungkin sudah dihapus); pilih pelaksana lain",
	} {
		if got[key].ID != want {
			t.Errorf("%s: %q, want %q", key, got[key].ID, want)
		}
	}
	if en := got["steps[1] unreachable"].EN; en != "step 2 cannot be reached from the first step" {
		t.Errorf("English: %q", en)
	}
}

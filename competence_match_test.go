package esop

import (
	"slices"
	"testing"
)

// TestMatchesCompetence: the documented rule (competence_match.go,
// docs/decisions.md) on the sample book's qualifications.
func TestMatchesCompetence(t *testing.T) {
	for _, tc := range []struct {
		required, title string
		want            bool
	}{
		{"Pengantar Kerja bersertifikat untuk penandatanganan kartu", "Sertifikat Pengantar Kerja", true},
		{"Pengantar Kerja yang memahami klasifikasi jabatan", "SERTIFIKAT PENGANTAR KERJA", true},
		{"Memahami ketentuan pendaftaran dan penempatan pencari kerja", "Sertifikat Pengantar Kerja", false},
		{"Memiliki sertifikat Bendahara Pengeluaran", "Sertifikat Bendahara Pengeluaran Tingkat Dasar", true},
		{"Memiliki sertifikat Bendahara Pengeluaran", "Diklat Bendahara Penerimaan", false},
		{"Mediator Hubungan Industrial yang telah diangkat", "Diklat Mediator Hubungan Industrial", true},
		{"Memahami peraturan perundang-undangan ketenagakerjaan", "Bimtek Peraturan Ketenagakerjaan", true},
		{"Memahami peraturan perundang-undangan ketenagakerjaan", "Pelatihan Kerja", false},
		{"Mampu mengoperasikan aplikasi SIPD", "Bimtek Aplikasi SIPD", true},
		{"Mampu mengoperasikan aplikasi SIPD", "Bimtek Aplikasi SIMPEG", false},
		{"Mampu mengoordinasikan kegiatan dengan banyak pihak", "Pelatihan Koordinasi Kegiatan Lintas Pihak", true},
		{"Memahami Standar Kompetensi Kerja Nasional Indonesia", "Sosialisasi SKKNI", false}, // an abbreviation is another word
		{"Pelayanan publik", "Pelatihan Pelayanan Publik Prima", true},
		{"Pelayanan publik", "Pelatihan", false}, // nothing left of the title
	} {
		if got := MatchesCompetence(tc.required, tc.title); got != tc.want {
			t.Errorf("%q ~ %q: %v, want %v (%v / %v)", tc.required, tc.title, got, tc.want, CompetenceWords(tc.required), CompetenceWords(tc.title))
		}
	}
	if got := CompetenceWords("Memahami peraturan perundang-undangan"); !slices.Equal(got, []string{"atur", "undang"}) {
		t.Errorf("common words alone count: %v", got)
	}
}

// TestAnalyseCompetence: a holder with a matching certificate holds the
// competence, one whose certificate lapses within the window is flagged,
// an expired one is a gap like a missing one; the needs are ordered by the
// yearly load of the steps behind them, the work of a position counted
// once however many of its holders lack it.
func TestAnalyseCompetence(t *testing.T) {
	day := MustDate("2026-11-20")
	exp := func(s string) *Date { d := MustDate(s); return &d }
	required := []PositionCompetence{{
		Position: "pk", Name: "Pengantar Kerja", Existing: 3,
		Competences: []RequiredCompetence{
			{Text: "Pengantar Kerja bersertifikat", Kind: CompetenceTeknis, Steps: 2, Sources: []CompetenceSource{{SOPID: 7, Steps: []int{3, 5}}}},
			{Text: "Mampu mengoperasikan aplikasi SIAPkerja", Kind: CompetenceTeknis, Steps: 4,
				Sources: []CompetenceSource{{SOPID: 8, Steps: []int{1, 2}}, {SOPID: 9, Steps: []int{1, 2}}}},
		},
	}, {Position: "kosong", Name: "Analis", Competences: []RequiredCompetence{{Text: "Memahami SAKIP", Kind: CompetenceTeknis, Steps: 1}}}}
	holders := map[string][]CompetenceHolder{"pk": {{1, "1", "Ani"}, {2, "2", "Budi"}, {3, "3", "Citra"}}}
	records := map[int64][]CompetenceRecord{
		1: {{ID: 10, Title: "Sertifikat Pengantar Kerja", Type: RecordCertificate, Date: MustDate("2020-01-01"), Expiry: exp("2026-12-31")},
			{ID: 11, Title: "Sertifikat Pengantar Kerja", Type: RecordCertificate, Date: MustDate("2015-01-01"), Expiry: exp("2019-12-31")},
			{ID: 12, Title: "Bimtek Aplikasi SIAPkerja", Type: RecordTraining, Date: MustDate("2025-01-01")}},
		2: {{ID: 20, Title: "Sertifikat Pengantar Kerja", Type: RecordCertificate, Date: MustDate("2019-01-01"), Expiry: exp("2026-11-19")}},
		3: {{ID: 30, Title: "Sertifikat Pengantar Kerja", Type: RecordCertificate, Date: MustDate("2024-01-01")}},
	}
	load := func(position string, sop int64, row int) float64 {
		if position == "pk" && sop == 7 {
			return 1000 // the certificate's steps carry more work than the application's
		}
		return 10
	}
	a := AnalyseCompetence(required, holders, records, load, day, 90)
	p := a.Positions[0]
	status := func(h int) []string {
		var out []string
		for _, c := range p.Holders[h].Competences {
			out = append(out, c.Status)
		}
		return out
	}
	if got := status(0); !slices.Equal(got, []string{CompetenceExpiring, CompetenceHeld}) || p.Holders[0].Competences[0].Record.ID != 10 {
		t.Errorf("Ani: %v %+v", got, p.Holders[0].Competences[0].Record)
	}
	if got := status(1); !slices.Equal(got, []string{CompetenceExpired, CompetenceMissing}) || p.Holders[1].Gaps != 2 {
		t.Errorf("Budi: %v", got)
	}
	if got := status(2); !slices.Equal(got, []string{CompetenceHeld, CompetenceMissing}) {
		t.Errorf("Citra: %v", got)
	}
	if p.Gaps != 3 || p.Expiring != 1 || a.Gaps != 3 || a.Expiring != 1 || !a.Positions[1].Vacant || p.Vacant {
		t.Errorf("totals: %+v / %+v", p, a)
	}
	if len(a.Needs) != 2 {
		t.Fatalf("needs %+v", a.Needs)
	}
	cert, app := a.Needs[0], a.Needs[1]
	if cert.Text != "Pengantar Kerja bersertifikat" || cert.Load != 2000 || cert.Steps != 2 || cert.SOPs != 1 || cert.Gaps != 1 || cert.Expiring != 1 {
		t.Errorf("first need %+v", cert)
	}
	if app.Load != 40 || app.Steps != 4 || app.SOPs != 2 || app.Gaps != 2 || len(app.Employees) != 2 {
		t.Errorf("second need %+v", app)
	}
	// Without loads the steps order them.
	a = AnalyseCompetence(required, holders, records, nil, day, 90)
	if a.Needs[0].Text != "Mampu mengoperasikan aplikasi SIAPkerja" || a.Needs[0].Load != 0 {
		t.Errorf("without loads %+v", a.Needs)
	}
	// A window of 0 days flags nothing as expiring.
	if a := AnalyseCompetence(required, holders, records, nil, day, 0); a.Expiring != 0 {
		t.Errorf("window 0: %d expiring", a.Expiring)
	}
}

// TestRecordInput: a record written as text is read with its problems on
// their fields; an unreadable date is not also reported as missing.
func TestRecordInput(t *testing.T) {
	today := MustDate("2026-11-20")
	r, ps := RecordInput{Type: " certificate ", Title: " Sertifikat  BNSP ", Kind: "teknis", Issuer: "BNSP", Date: "2024-01-02", Expiry: "2027-01-01"}.Record(today)
	if len(ps) != 0 || r.Title != "Sertifikat BNSP" || r.Expiry == nil || r.Expiry.String() != "2027-01-01" {
		t.Fatalf("%+v %v", r, ps)
	}
	_, ps = RecordInput{Type: "training", Title: "x", Kind: "teknis", Date: "2024-13-01", Expiry: "kapan-kapan"}.Record(today)
	var paths []string
	for _, p := range ps {
		paths = append(paths, p.Path+":"+p.Code)
	}
	if !slices.Equal(paths, []string{"date:bad_date", "expiry:bad_date"}) {
		t.Errorf("problems %v", paths)
	}
	if !(&CompetenceRecord{Expiry: &today}).ExpiresWithin(today, 0) || (&CompetenceRecord{Expiry: &today}).Expired(today) {
		t.Error("a record is valid on its expiry day")
	}
}

package storetest

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// The clock of the suite stands on 1 June 2024, in period 2024-S1.

func mustPeriod(s string) esop.Period {
	p, err := esop.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

func problemPaths(err error) string {
	e, ok := err.(*esop.Error)
	if !ok {
		return ""
	}
	var paths []string
	for _, p := range e.Problems {
		paths = append(paths, p.Path)
	}
	return strings.Join(paths, ",")
}

var assessor = esop.Assessor{Username: "pemeriksa", Name: "Dra. Penilai Uji"}

func testMonitoring(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	d2 := doc("100/002/2024", "SOP Sekretariat")
	d2.Unit = "Sekretariat"
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/001/2024", "SOP Satu"), d2, doc("", "SOP Draf")}, "t")
	if err != nil {
		t.Fatal(err)
	}
	id, sek, draft := res[0].SOP.ID, res[1].SOP.ID, res[2].SOP.ID
	s1 := mustPeriod("2024-S1")
	m := &esop.Monitoring{SOPID: id, Period: s1, Result: esop.ResultGood, Notes: "Sesuai SOP", AssessedOn: esop.MustDate("2024-05-31"), Assessor: assessor}
	if err := db.SaveMonitoring(ctx, m); err != nil {
		t.Fatal(err)
	}
	if m.ID == 0 || m.Revision != 1 || m.VersionID != res[0].Version.ID || m.CreatedAt.IsZero() || !m.CreatedAt.Equal(m.UpdatedAt) {
		t.Fatalf("recorded %+v", m)
	}

	// One per SOP and period: a second new record is a conflict; a
	// correction names the revision it started from.
	again := *m
	again.ID, again.Revision = 0, 0
	mustCode(t, db.SaveMonitoring(ctx, &again), esop.ECONFLICT)
	fix := *m
	fix.Result, fix.Notes, fix.Actions = esop.ResultNotGood, "Waktu melebihi mutu baku", "Tambah petugas loket"
	fix.Assessor = esop.Assessor{Username: "pengesah", Name: "Ir. Pengesah"}
	if err := db.SaveMonitoring(ctx, &fix); err != nil {
		t.Fatal(err)
	}
	if fix.ID != m.ID || fix.Revision != 2 || !fix.CreatedAt.Equal(m.CreatedAt) {
		t.Fatalf("corrected %+v", fix)
	}
	stale := *m // still at revision 1
	mustCode(t, db.SaveMonitoring(ctx, &stale), esop.ECONFLICT)

	// Only SOPs in force; unknown SOPs; invalid forms.
	mustCode(t, db.SaveMonitoring(ctx, &esop.Monitoring{SOPID: draft, Period: s1, Result: esop.ResultGood, AssessedOn: esop.MustDate("2024-05-31"), Assessor: assessor}), esop.ECONFLICT)
	mustCode(t, db.SaveMonitoring(ctx, &esop.Monitoring{SOPID: 999999, Period: s1, Result: esop.ResultGood, AssessedOn: esop.MustDate("2024-05-31"), Assessor: assessor}), esop.ENOTFOUND)
	bad := &esop.Monitoring{SOPID: sek, Period: s1, Result: esop.ResultNotGood, AssessedOn: esop.MustDate("2024-06-02"), Assessor: assessor}
	err = db.SaveMonitoring(ctx, bad)
	mustCode(t, err, esop.EINVALID)
	if got := problemPaths(err); got != "assessedOn,notes,actions" {
		t.Errorf("problems at %q", got)
	}
	err = db.SaveMonitoring(ctx, &esop.Monitoring{SOPID: sek, Period: mustPeriod("2024-S2"), Result: "lumayan", AssessedOn: esop.MustDate("2023-12-31")})
	if got := problemPaths(err); got != "period,assessedOn,result,assessor" {
		t.Errorf("problems at %q (%v)", got, err)
	}

	// An earlier period may still be recorded.
	old := &esop.Monitoring{SOPID: id, Period: mustPeriod("2023-S2"), Result: esop.ResultGood, AssessedOn: esop.MustDate("2024-01-15"), Assessor: assessor}
	if err := db.SaveMonitoring(ctx, old); err != nil {
		t.Fatal(err)
	}
	other := &esop.Monitoring{SOPID: sek, Period: s1, Result: esop.ResultGood, AssessedOn: esop.MustDate("2024-06-01"), Assessor: assessor}
	if err := db.SaveMonitoring(ctx, other); err != nil {
		t.Fatal(err)
	}

	list, err := db.FindMonitorings(ctx, esop.MonevFilter{Units: []string{"Bidang Uji"}, Period: s1})
	if err != nil || len(list) != 1 {
		t.Fatalf("unit and period: %d, %v", len(list), err)
	}
	got := list[0]
	if got.ID != m.ID || got.Result != esop.ResultNotGood || got.Notes != "Waktu melebihi mutu baku" || got.Actions != "Tambah petugas loket" ||
		got.AssessedOn != esop.MustDate("2024-05-31") || got.Assessor != fix.Assessor || got.Period != s1 || got.Revision != 2 ||
		!got.UpdatedAt.Equal(fix.UpdatedAt) || got.VersionID != res[0].Version.ID {
		t.Errorf("stored %+v", got)
	}
	list, _ = db.FindMonitorings(ctx, esop.MonevFilter{Period: s1})
	if len(list) != 2 || list[0].SOPID != id || list[1].SOPID != sek {
		t.Errorf("by period, in SOP number order: %+v", list)
	}
	list, _ = db.FindMonitorings(ctx, esop.MonevFilter{SOPID: id})
	if len(list) != 2 || list[0].Period != s1 || list[1].Period != mustPeriod("2023-S2") {
		t.Errorf("by SOP, newest period first: %+v", list)
	}
	list, _ = db.FindMonitorings(ctx, esop.MonevFilter{Units: []string{"Bidang Uji", "Sekretariat"}})
	if len(list) != 3 {
		t.Errorf("two units: %d", len(list))
	}
	list, _ = db.FindMonitorings(ctx, esop.MonevFilter{Units: []string{"Tidak Ada"}})
	if len(list) != 0 {
		t.Errorf("unknown unit: %d", len(list))
	}

	// The record and its correction are in the audit log, with the
	// record before and after.
	entries, n, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityMonitoring, EntityID: strconv.FormatInt(m.ID, 10), Oldest: true})
	if err != nil || n != 2 || entries[0].Action != esop.AuditCreate || entries[1].Action != esop.AuditUpdate ||
		entries[0].Before != "" || !strings.Contains(entries[1].Before, "Sesuai SOP") || !strings.Contains(entries[1].After, "Tambah petugas loket") {
		t.Errorf("audit: %d entries (%v): %+v", n, err, entries)
	}
}

func testEvaluation(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/001/2024", "SOP Satu"), doc("100/002/2024", "SOP Dua"), doc("100/003/2024", "SOP Tiga")}, "t")
	if err != nil {
		t.Fatal(err)
	}
	one, two, three := res[0].SOP.ID, res[1].SOP.ID, res[2].SOP.ID
	s1 := mustPeriod("2024-S1")
	answers := [7]bool{true, true, false, true, true, false, true}

	// Tetap: nothing else happens.
	keep := &esop.Evaluation{SOPID: one, Period: s1, Answers: answers, Conclusion: esop.ConclusionKeep, AssessedOn: esop.MustDate("2024-06-01"), Assessor: assessor}
	if err := db.SaveEvaluation(ctx, keep); err != nil {
		t.Fatal(err)
	}
	if keep.DraftID != 0 || keep.Revision != 1 || keep.VersionID != res[0].Version.ID {
		t.Fatalf("tetap: %+v", keep)
	}
	if s, _ := db.FindSOPByID(ctx, one); s.Draft != nil {
		t.Fatal("tetap opened a draft")
	}
	// Notes are needed for any other conclusion.
	err = db.SaveEvaluation(ctx, &esop.Evaluation{SOPID: two, Period: s1, Conclusion: esop.ConclusionRevise, AssessedOn: esop.MustDate("2024-06-01"), Assessor: assessor})
	if got := problemPaths(err); got != "notes" {
		t.Errorf("revisi without notes: problems at %q (%v)", got, err)
	}
	err = db.SaveEvaluation(ctx, &esop.Evaluation{SOPID: two, Period: s1, Conclusion: "bubar", AssessedOn: esop.MustDate("2024-06-01"), Assessor: assessor})
	if got := problemPaths(err); got != "conclusion" {
		t.Errorf("unknown conclusion: problems at %q (%v)", got, err)
	}

	// Revisi opens a draft whose note names the evaluation …
	rev := &esop.Evaluation{SOPID: two, Period: s1, Answers: answers, Conclusion: esop.ConclusionRevise, Notes: "Langkah 2 tidak jelas",
		AssessedOn: esop.MustDate("2024-06-01"), Assessor: assessor}
	if err := db.SaveEvaluation(ctx, rev); err != nil {
		t.Fatal(err)
	}
	s, err := db.FindSOPByID(ctx, two)
	if err != nil || s.Draft == nil || rev.DraftID != s.Draft.ID || s.Draft.Seq != 2 || s.Draft.CreatedBy != assessor.Username {
		t.Fatalf("revisi: evaluation %+v, SOP draft %+v (%v)", rev, s.Draft, err)
	}
	if note := s.Draft.Note; !strings.Contains(note, "2024-S1") || !strings.Contains(note, "evaluasi") || !strings.Contains(note, assessor.Name) {
		t.Errorf("draft note %q does not name the evaluation", note)
	}
	// … once: correcting the evaluation, still revisi, opens no other.
	rev.Notes = "Langkah 2 dan 3 tidak jelas"
	if err := db.SaveEvaluation(ctx, rev); err != nil {
		t.Fatal(err)
	}
	vs, _ := db.FindVersions(ctx, two)
	if len(vs) != 2 || rev.DraftID != s.Draft.ID || rev.Revision != 2 {
		t.Fatalf("after the correction: %d versions, evaluation %+v", len(vs), rev)
	}
	// An evaluation of an earlier period that also concludes on a
	// revision finds the draft open and links to it instead of failing.
	earlier := &esop.Evaluation{SOPID: two, Period: mustPeriod("2023-S2"), Conclusion: esop.ConclusionRevise, Notes: "Sama",
		AssessedOn: esop.MustDate("2024-01-05"), Assessor: assessor}
	if err := db.SaveEvaluation(ctx, earlier); err != nil {
		t.Fatal(err)
	}
	if vs, _ := db.FindVersions(ctx, two); len(vs) != 2 || earlier.DraftID != s.Draft.ID {
		t.Fatalf("earlier period: %d versions, draft %d, want %d", len(vs), earlier.DraftID, s.Draft.ID)
	}

	// Two evaluations saved at once, both revisi: one draft between them.
	var wg sync.WaitGroup
	evs := []*esop.Evaluation{
		{SOPID: three, Period: s1, Conclusion: esop.ConclusionRevise, Notes: "A", AssessedOn: esop.MustDate("2024-06-01"), Assessor: assessor},
		{SOPID: three, Period: mustPeriod("2023-S2"), Conclusion: esop.ConclusionRevise, Notes: "B", AssessedOn: esop.MustDate("2024-01-01"), Assessor: assessor},
	}
	errs := make([]error, len(evs))
	for i, e := range evs {
		wg.Go(func() { errs[i] = db.SaveEvaluation(ctx, e) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if vs, _ := db.FindVersions(ctx, three); len(vs) != 2 || evs[0].DraftID == 0 || evs[0].DraftID != evs[1].DraftID || evs[0].DraftID != vs[1].ID {
		t.Fatalf("concurrent revisi: %d versions, drafts %d and %d", len(vs), evs[0].DraftID, evs[1].DraftID)
	}

	// A conflict, a stale correction, a draft-only SOP.
	dup := *keep
	dup.Revision = 0
	mustCode(t, db.SaveEvaluation(ctx, &dup), esop.ECONFLICT)
	stale := *rev
	stale.Revision = 1
	mustCode(t, db.SaveEvaluation(ctx, &stale), esop.ECONFLICT)
	dr, err := db.ImportDocuments(ctx, []*esop.Document{doc("", "Draf")}, "t")
	if err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.SaveEvaluation(ctx, &esop.Evaluation{SOPID: dr[0].SOP.ID, Period: s1, Conclusion: esop.ConclusionKeep, AssessedOn: esop.MustDate("2024-06-01"), Assessor: assessor}), esop.ECONFLICT)

	list, err := db.FindEvaluations(ctx, esop.MonevFilter{Units: []string{"Bidang Uji"}, Period: s1})
	if err != nil || len(list) != 3 {
		t.Fatalf("evaluations of the period: %d (%v)", len(list), err)
	}
	got := list[0]
	if got.ID != keep.ID || got.Answers != answers || got.Conclusion != esop.ConclusionKeep || got.DraftID != 0 || got.Assessor != assessor ||
		got.AssessedOn != esop.MustDate("2024-06-01") || got.Period != s1 {
		t.Errorf("stored %+v", got)
	}
	if list[1].DraftID != rev.DraftID || list[1].Notes != "Langkah 2 dan 3 tidak jelas" || list[1].Revision != 2 {
		t.Errorf("stored revisi %+v", list[1])
	}
	if list, _ := db.FindEvaluations(ctx, esop.MonevFilter{SOPID: two}); len(list) != 2 || list[0].Period != s1 {
		t.Errorf("by SOP: %+v", list)
	}
}

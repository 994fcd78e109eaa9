// Package storetest is the conformance suite of the e-SOP store: one set
// of tests that every database adapter must pass. The sqlite package runs
// it on every `go test`; the postgres package runs it whenever
// ESOP_TEST_POSTGRES names a server.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlstore"
)

// Opener returns a new, empty, migrated database for one test.
type Opener func(t *testing.T) *sqlstore.DB

// Run runs the whole suite against databases made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, db *sqlstore.DB)
	}{
		{"ImportAndFind", testImportAndFind},
		{"ImportIsAllOrNothing", testImportAllOrNothing},
		{"DuplicateNumber", testDuplicateNumber},
		{"DraftOptimisticLocking", testDraftLocking},
		{"DraftsKeptAsTyped", testDraftsKeptAsTyped},
		{"ApprovedVersionIsFrozen", testFrozen},
		{"StartVersion", testStartVersion},
		{"FindSOPsFilters", testFindSOPs},
		{"RegulationRegister", testRegulations},
		{"Organisation", testOrganisation},
		{"SampleBookRoundTrip", testSampleBook},
		{"ErrorsAreDomainErrors", testNotFound},
		{"UsersAndSessions", testUsers},
		{"Settings", testSettings},
		{"AuditRecordsEveryChange", testAuditRecordsChanges},
		{"AuditChainFindsTampering", testAuditTamper},
		{"AuditConcurrentWriters", testAuditConcurrent},
		{"Monitoring", testMonitoring},
		{"Evaluation", testEvaluation},
		{"Lifecycle", testLifecycle},
		{"AuditLifecycle", testAuditLifecycle},
		{"RegulationImpact", testRegulationImpact},
		{"LifecyclePltAndNumbers", testLifecyclePlt},
		{"NumberingConfig", testNumberingConfig},
		{"UserEmail", testUserEmail},
		{"Reminders", testReminders},
		{"Tokens", testTokens},
		{"PasswordEndsSessions", testPasswordEndsSessions},
		{"UserEmployee", testUserEmployee},
	}
	tests = append(tests, caseTests...)
	tests = append(tests, registerTests...)
	tests = append(tests, analysisTests...)
	tests = append(tests, competenceTests...)
	tests = append(tests, synonymTests...)
	tests = append(tests, kodeTests...)
	tests = append(tests, statsTests...)
	tests = append(tests, serviceStandardTests...)
	tests = append(tests, webhookTests...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := open(t)
			db.Now = func() time.Time { return time.Date(2024, 6, 1, 9, 30, 0, 0, time.UTC) }
			tt.fn(t, db)
		})
	}
}

func code(err error) string { return esop.ErrorCode(err) }

func mustCode(t *testing.T, err error, want string) {
	t.Helper()
	if got := code(err); got != want {
		t.Fatalf("error code %q (%v), want %q", got, err, want)
	}
}

// doc returns a small valid document; number "" makes a draft.
func doc(number, title string) *esop.Document {
	d := &esop.Document{
		Format: esop.FormatV1, Number: number, Title: title, Agency: "Dinas Uji", Unit: "Bidang Uji", Category: esop.CategoryRutin,
		LegalBasis: []esop.LegalRef{{Kind: "UU", Number: "13", Year: 2003, Title: "Ketenagakerjaan"}},
		Actors:     []esop.Actor{{ID: "a", Name: "Petugas"}, {ID: "b", Name: "Kepala Seksi"}},
		Steps: []esop.Step{
			{ID: "s1", Activity: "Menerima berkas", Actor: "a", Time: &esop.Duration{Value: 5, Unit: esop.UnitMinute}, Output: "Berkas"},
			{ID: "s2", Activity: "Memeriksa berkas", Actor: "b", Time: &esop.Duration{Value: 1, Unit: esop.UnitHour}, Output: "Berkas terperiksa",
				Decision: &esop.Decision{Yes: "s3", No: "s1"}},
			{ID: "s3", Activity: "Menyetujui berkas", Actor: "b", Time: &esop.Duration{Value: 1, Unit: esop.UnitDay}, Output: "Persetujuan"},
		},
	}
	if number != "" {
		d.Dates = esop.Dates{Created: esop.MustDate("2024-01-02"), Effective: esop.MustDate("2024-01-10")}
		d.Approval = &esop.Approval{Position: "Kepala Dinas Uji", Name: "Drs. Uji", NIP: "19680512 199303 1 007"}
	}
	return d
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func countSOPs(t *testing.T, db *sqlstore.DB) int {
	t.Helper()
	_, n, err := db.FindSOPs(context.Background(), esop.SOPFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func testImportAndFind(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/001/2024", "SOP Satu"), doc("", "SOP Draf")}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].SOP.ID == 0 || res[0].Version.Status != esop.StatusApproved || res[1].Version.Status != esop.StatusDraft {
		t.Fatalf("results %+v", res)
	}
	s, err := db.FindSOPByNumber(ctx, "100/001/2024")
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != res[0].SOP.ID || s.Current == nil || s.Draft != nil || s.Title != "SOP Satu" {
		t.Fatalf("found %+v", s)
	}
	if jsonOf(t, s.Current.Document) != jsonOf(t, doc("100/001/2024", "SOP Satu")) {
		t.Errorf("stored document differs:\n%s", jsonOf(t, s.Current.Document))
	}
	if s.Current.ContentHash != esop.ContentHash(s.Current.Document) || s.Current.Seq != 1 || s.Current.CreatedBy != "tester" {
		t.Errorf("version %+v", s.Current)
	}
	if !s.Current.CreatedAt.Equal(db.Now()) {
		t.Errorf("created at %v", s.Current.CreatedAt)
	}
	d, err := db.FindSOPByID(ctx, res[1].SOP.ID)
	if err != nil || d.Draft == nil || d.Current != nil || d.Number != "" {
		t.Fatalf("draft SOP %+v, %v", d, err)
	}
	v, err := db.FindVersionByID(ctx, res[1].Version.ID)
	if err != nil || v.SOPID != d.ID {
		t.Fatalf("version %+v, %v", v, err)
	}
}

func testImportAllOrNothing(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	bad := doc("100/002/2024", "Rusak")
	bad.Steps[1].Decision.No = "nowhere"
	_, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/001/2024", "Baik"), bad}, "t")
	mustCode(t, err, esop.EINVALID)
	var e *esop.Error
	if !errors.As(err, &e) || len(e.Problems) != 1 || e.Problems[0].Path != "[1].steps[1].decision.no" {
		t.Fatalf("problems %+v", e)
	}
	if n := countSOPs(t, db); n != 0 {
		t.Fatalf("%d SOPs stored after a failed import", n)
	}
	regs, _, _ := db.FindRegulations(ctx, esop.RegulationFilter{})
	if len(regs) != 0 {
		t.Errorf("%d regulations stored after a failed import", len(regs))
	}
}

func testDuplicateNumber(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	if _, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/001/2024", "Asli")}, "t"); err != nil {
		t.Fatal(err)
	}
	_, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/009/2024", "Lain"), doc("100/001/2024", "Tiruan")}, "t")
	mustCode(t, err, esop.ECONFLICT)
	if msg := esop.ErrorMessage(err, "id"); !strings.Contains(msg, "100/001/2024") {
		t.Errorf("conflict message does not name the number: %q", msg)
	}
	if n := countSOPs(t, db); n != 1 {
		t.Errorf("%d SOPs after a conflicting import, want 1", n)
	}
	_, err = db.ImportDocuments(ctx, []*esop.Document{doc("100/005/2024", "A"), doc("100/005/2024", "B")}, "t")
	mustCode(t, err, esop.ECONFLICT)
	if n := countSOPs(t, db); n != 1 {
		t.Errorf("%d SOPs after a batch with a repeated number, want 1", n)
	}
}

func testDraftLocking(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("", "Draf")}, "t")
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].SOP.ID
	edit := doc("", "Draf diubah")
	v, err := db.UpdateDraft(ctx, id, edit, 1, "penyusun")
	if err != nil {
		t.Fatal(err)
	}
	if v.Revision != 2 || v.UpdatedBy != "penyusun" {
		t.Fatalf("version %+v", v)
	}
	// A second editor who loaded revision 1 is refused, not merged.
	stale := doc("", "Perubahan lama")
	_, err = db.UpdateDraft(ctx, id, stale, 1, "lain")
	mustCode(t, err, esop.ECONFLICT)
	s, _ := db.FindSOPByID(ctx, id)
	if s.Title != "Draf diubah" || s.Draft.Document.Title != "Draf diubah" || s.Draft.Revision != 2 {
		t.Fatalf("after stale edit: %+v / %+v", s, s.Draft)
	}
	invalid := doc("", "")
	_, err = db.UpdateDraft(ctx, id, invalid, 2, "t")
	mustCode(t, err, esop.EINVALID)
	// The draft gives the SOP its number, but never one that another SOP has.
	if _, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/099/2024", "Lain")}, "t"); err != nil {
		t.Fatal(err)
	}
	numbered := doc("", "Draf diubah")
	numbered.Number = "100/050/2024"
	if _, err := db.UpdateDraft(ctx, id, numbered, 2, "t"); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.FindSOPByID(ctx, id); s.Number != "100/050/2024" {
		t.Errorf("SOP number %q after the draft was numbered", s.Number)
	}
	numbered.Number = "100/099/2024"
	_, err = db.UpdateDraft(ctx, id, numbered, 3, "t")
	mustCode(t, err, esop.ECONFLICT)
	withApproval := doc("100/001/2024", "Menyelundupkan pengesahan")
	_, err = db.UpdateDraft(ctx, id, withApproval, 3, "t")
	mustCode(t, err, esop.EINVALID)
}

func testFrozen(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/001/2024", "Sah")}, "t")
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.UpdateDraft(ctx, res[0].SOP.ID, doc("", "Ubah"), 1, "t")
	mustCode(t, err, esop.ENOTFOUND)
	// Even a write that bypasses the store is refused by the database.
	_, err = db.SQL().ExecContext(ctx, `UPDATE sop_versions SET document = '{}' WHERE id = $1`, res[0].Version.ID)
	if err == nil {
		t.Fatal("the database let an approved version change")
	}
	v, _ := db.FindVersionByID(ctx, res[0].Version.ID)
	if v.Document.Title != "Sah" {
		t.Errorf("approved version changed: %q", v.Document.Title)
	}
}

func testStartVersion(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/001/2024", "Sah"), doc("", "Draf")}, "t")
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].SOP.ID
	v, err := db.StartVersion(ctx, id, "revisi tahunan", "penyusun")
	if err != nil {
		t.Fatal(err)
	}
	if v.Seq != 2 || v.Status != esop.StatusDraft || v.Document.Approval != nil || v.Document.Title != "Sah" || v.Note != "revisi tahunan" {
		t.Fatalf("new version %+v", v)
	}
	s, _ := db.FindSOPByID(ctx, id)
	if s.Current == nil || s.Current.Seq != 1 || s.Draft == nil || s.Draft.Seq != 2 {
		t.Fatalf("SOP after new version: current %+v draft %+v", s.Current, s.Draft)
	}
	_, err = db.StartVersion(ctx, id, "", "t")
	mustCode(t, err, esop.ECONFLICT)
	_, err = db.StartVersion(ctx, res[1].SOP.ID, "", "t")
	mustCode(t, err, esop.ECONFLICT)
	vs, err := db.FindVersions(ctx, id)
	if err != nil || len(vs) != 2 || vs[0].Seq != 1 || vs[1].Seq != 2 {
		t.Fatalf("versions %v %v", vs, err)
	}
}

func testFindSOPs(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	var docs []*esop.Document
	for i := range 12 {
		d := doc(fmt.Sprintf("100/%03d/2024", i+1), fmt.Sprintf("SOP Nomor %02d", i+1))
		if i%3 == 0 {
			d.Unit = "Sekretariat"
		}
		docs = append(docs, d)
	}
	docs = append(docs, doc("", "Pelayanan Kartu Kuning"))
	if _, err := db.ImportDocuments(ctx, docs, "t"); err != nil {
		t.Fatal(err)
	}
	list, total, err := db.FindSOPs(ctx, esop.SOPFilter{Limit: 5, Offset: 5})
	if err != nil || total != 13 || len(list) != 5 || list[0].Number != "100/006/2024" {
		t.Fatalf("page: %d of %d, first %+v, %v", len(list), total, list[0], err)
	}
	_, total, _ = db.FindSOPs(ctx, esop.SOPFilter{Unit: "Sekretariat"})
	if total != 4 {
		t.Errorf("unit filter: %d", total)
	}
	list, total, _ = db.FindSOPs(ctx, esop.SOPFilter{Query: "kartu KUNING"})
	if total != 1 || list[0].Draft == nil {
		t.Errorf("query filter: %d", total)
	}
	_, total, _ = db.FindSOPs(ctx, esop.SOPFilter{Status: esop.StatusDraft})
	if total != 1 {
		t.Errorf("status filter: %d", total)
	}
}

func testRegulations(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	a := doc("100/001/2024", "Satu")
	b := doc("100/002/2024", "Dua")
	b.LegalBasis = []esop.LegalRef{{Text: "Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan"}, {Text: "Pedoman internal"}}
	res, err := db.ImportDocuments(ctx, []*esop.Document{a, b}, "t")
	if err != nil {
		t.Fatal(err)
	}
	regs, total, err := db.FindRegulations(ctx, esop.RegulationFilter{})
	if err != nil || total != 2 {
		t.Fatalf("register has %d entries (%v): %+v", total, err, regs)
	}
	var uu *esop.Regulation
	for _, r := range regs {
		if r.Kind == "UU" {
			uu = r
		}
	}
	if uu == nil || uu.Number != "13" || uu.Year != 2003 || uu.Status != esop.RegulationInForce {
		t.Fatalf("UU 13/2003 entry: %+v", uu)
	}
	ids, err := db.FindSOPsCiting(ctx, uu.ID)
	if err != nil || len(ids) != 2 || ids[0] != res[0].Version.ID || ids[1] != res[1].Version.ID {
		t.Fatalf("citing versions %v %v", ids, err)
	}
	r, err := db.UpdateRegulationStatus(ctx, uu.ID, esop.RegulationAmended, "UU 6/2023", esop.MustDate("2023-03-31"))
	if err != nil || r.Status != esop.RegulationAmended || r.ChangedBy != "UU 6/2023" || r.ChangedOn != esop.MustDate("2023-03-31") {
		t.Fatalf("after amend: %+v %v", r, err)
	}
	_, err = db.UpdateRegulationStatus(ctx, uu.ID, esop.RegulationRevoked, "", esop.Date{})
	mustCode(t, err, esop.EINVALID)
	_, err = db.UpdateRegulationStatus(ctx, uu.ID, "hilang", "x", esop.Date{})
	mustCode(t, err, esop.EINVALID)
	_, err = db.UpdateRegulationStatus(ctx, uu.ID, "", "", esop.Date{})
	mustCode(t, err, esop.EINVALID)
	mustCode(t, db.CreateRegulation(ctx, &esop.Regulation{Kind: "Zzz", Number: "1", Year: 2020, Title: "Tidak ada"}), esop.EINVALID)
	err = db.CreateRegulation(ctx, &esop.Regulation{Kind: "uu", Number: "13", Year: 2003, Title: "Ketenagakerjaan"})
	mustCode(t, err, esop.ECONFLICT)
	pp := &esop.Regulation{Kind: "PP", Number: "35", Year: 2021, Title: "PKWT"}
	if err := db.CreateRegulation(ctx, pp); err != nil || pp.ID == 0 {
		t.Fatal(err)
	}
	found, err := db.FindRegulationByID(ctx, pp.ID)
	if err != nil || found.Title != "PKWT" {
		t.Fatalf("%+v %v", found, err)
	}
	list, n, _ := db.FindRegulations(ctx, esop.RegulationFilter{Query: "pkwt"})
	if n != 1 || list[0].ID != pp.ID {
		t.Errorf("query: %d", n)
	}
}

func testOrganisation(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	root := &esop.Unit{Key: "pemkot", Kind: esop.UnitPemerintah, Name: "Pemerintah Kota Uji"}
	if err := db.CreateUnit(ctx, root); err != nil {
		t.Fatal(err)
	}
	old := &esop.Unit{Key: "dinsos", ParentID: root.ID, Kind: esop.UnitPerangkatDaerah, Name: "Dinas Tenaga Kerja dan Sosial",
		ValidFrom: esop.MustDate("2008-01-01"), ValidTo: esop.MustDate("2011-12-31")}
	dinas := &esop.Unit{Key: "disnaker", ParentID: root.ID, Kind: esop.UnitPerangkatDaerah, Name: "Dinas Ketenagakerjaan", Code: "405",
		ValidFrom: esop.MustDate("2012-01-01")}
	bidang := &esop.Unit{Key: "hi", Kind: esop.UnitBidang, Name: "Bidang HI", ValidFrom: esop.MustDate("2012-01-01")}
	for _, u := range []*esop.Unit{old, dinas} {
		if err := db.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	bidang.ParentID = dinas.ID
	if err := db.CreateUnit(ctx, bidang); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.CreateUnit(ctx, &esop.Unit{Key: "hi", Kind: esop.UnitBidang, Name: "Lagi"}), esop.ECONFLICT)
	mustCode(t, db.CreateUnit(ctx, &esop.Unit{Key: "x", Kind: "kementerian", Name: "X"}), esop.EINVALID)
	units, err := db.FindUnits(ctx, esop.UnitFilter{On: esop.MustDate("2010-06-01")})
	if err != nil || len(units) != 2 || units[1].Name != "Dinas Tenaga Kerja dan Sosial" {
		t.Fatalf("units in 2010: %+v %v", units, err)
	}
	// Renamed: the old unit ends, naming its successor.
	mustCode(t, func() error { _, err := db.CloseUnit(ctx, dinas.ID, esop.MustDate("2011-01-01"), 0); return err }(), esop.EINVALID)
	mustCode(t, func() error { _, err := db.CloseUnit(ctx, old.ID, esop.MustDate("2011-12-31"), old.ID); return err }(), esop.EINVALID)
	if closed, err := db.CloseUnit(ctx, old.ID, esop.MustDate("2011-12-31"), dinas.ID); err != nil || closed.SuccessorID != dinas.ID {
		t.Fatalf("close unit: %+v %v", closed, err)
	}
	units, _ = db.FindUnits(ctx, esop.UnitFilter{On: esop.MustDate("2024-06-01")})
	if len(units) != 3 || units[2].ParentID != dinas.ID {
		t.Fatalf("units in 2024: %+v", units)
	}
	kadis := &esop.Position{Key: "kadis", UnitID: dinas.ID, Name: "Kepala Dinas Ketenagakerjaan", Kind: esop.PositionStruktural}
	if err := db.CreatePosition(ctx, kadis); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.CreatePosition(ctx, &esop.Position{Key: "y", UnitID: 9999, Name: "Hantu"}), esop.EINVALID)
	staf := &esop.Position{Key: "staf", UnitID: dinas.ID, Name: "Staf Lama", ValidFrom: esop.MustDate("2012-01-01")}
	must(t, db.CreatePosition(ctx, staf))
	if p, err := db.ClosePosition(ctx, staf.ID, esop.MustDate("2020-12-31")); err != nil || p.ValidTo != esop.MustDate("2020-12-31") {
		t.Fatalf("close position: %+v %v", p, err)
	}
	if ps, _ := db.FindPositions(ctx, esop.PositionFilter{On: esop.MustDate("2021-01-01"), Name: "Staf Lama"}); len(ps) != 0 {
		t.Errorf("a closed position is still valid: %+v", ps)
	}
	e := &esop.Employee{NIP: "19680512 199303 1 007", Name: "Drs. Uji, M.Si.", Rank: "Pembina Utama Muda", Grade: "IV/c"}
	if err := db.CreateEmployee(ctx, e); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.CreateEmployee(ctx, &esop.Employee{NIP: "196805121993031007", Name: "Kembar"}), esop.ECONFLICT)
	mustCode(t, db.CreateEmployee(ctx, &esop.Employee{NIP: "12345", Name: "Salah"}), esop.EINVALID)
	if all, err := db.FindEmployees(ctx); err != nil || len(all) != 1 || all[0].NIP != "196805121993031007" {
		t.Fatalf("employees %+v %v", all, err)
	}
	got, err := db.FindEmployeeByNIP(ctx, "196805121993031007")
	if err != nil || got.Name != e.Name || got.RankGrade() != "Pembina Utama Muda (IV/c)" {
		t.Fatalf("%+v %v", got, err)
	}
	plt := &esop.Assignment{EmployeeID: e.ID, PositionID: kadis.ID, Capacity: esop.CapacityPlt, From: esop.MustDate("2024-02-01"), To: esop.MustDate("2024-04-30")}
	if err := db.CreateAssignment(ctx, plt); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.CreateAssignment(ctx, &esop.Assignment{EmployeeID: e.ID, PositionID: kadis.ID, Capacity: esop.CapacityPlh}), esop.EINVALID)
	on, _ := db.FindAssignments(ctx, esop.AssignmentFilter{PositionID: kadis.ID, On: esop.MustDate("2024-03-15")})
	off, _ := db.FindAssignments(ctx, esop.AssignmentFilter{PositionID: kadis.ID, On: esop.MustDate("2024-05-01")})
	if len(on) != 1 || on[0].Capacity != esop.CapacityPlt || len(off) != 0 {
		t.Errorf("assignments on/off: %+v %+v", on, off)
	}
}

func testSampleBook(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	loaded, err := sampledata.Load(ctx, db)
	if err != nil || !loaded {
		t.Fatalf("load: %v %v", loaded, err)
	}
	if again, err := sampledata.Load(ctx, db); err != nil || again {
		t.Fatalf("second load: %v %v", again, err)
	}
	want, _ := sampledata.Documents()
	sops, total, err := db.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil || total != len(want) || total < 15 {
		t.Fatalf("%d SOPs stored, want %d (%v)", total, len(want), err)
	}
	byTitle := map[string]*esop.Document{}
	for _, d := range want {
		byTitle[d.Title] = d
	}
	var exported []*esop.Document
	for _, s := range sops {
		d := s.Latest().Document
		if jsonOf(t, d) != jsonOf(t, byTitle[s.Title]) {
			t.Errorf("%s: export differs from the sample", s.Title)
		}
		exported = append(exported, d)
	}
	units, _ := db.FindUnits(ctx, esop.UnitFilter{})
	if len(units) < 8 {
		t.Errorf("only %d units", len(units))
	}
	// Re-importing the export into a database without SOPs gives the same book.
	for _, q := range []string{`DELETE FROM service_standards`, `DELETE FROM version_regulations`, `DELETE FROM version_events`, `DELETE FROM review_comments`, `DELETE FROM sop_versions`, `DELETE FROM sops`} {
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ImportDocuments(ctx, exported, "reimport"); err != nil {
		t.Fatal(err)
	}
	again, _, _ := db.FindSOPs(ctx, esop.SOPFilter{})
	for i, s := range again {
		if esop.ContentHash(s.Latest().Document) != esop.ContentHash(exported[i]) {
			t.Errorf("%s changed on re-import", s.Title)
		}
	}
}

func testNotFound(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	_, err := db.FindSOPByID(ctx, 4242)
	mustCode(t, err, esop.ENOTFOUND)
	_, err = db.FindSOPByNumber(ctx, "nope")
	mustCode(t, err, esop.ENOTFOUND)
	_, err = db.FindVersionByID(ctx, 4242)
	mustCode(t, err, esop.ENOTFOUND)
	_, err = db.FindVersions(ctx, 4242)
	mustCode(t, err, esop.ENOTFOUND)
	_, err = db.FindRegulationByID(ctx, 4242)
	mustCode(t, err, esop.ENOTFOUND)
	_, err = db.UpdateRegulationStatus(ctx, 4242, esop.RegulationInForce, "", esop.Date{})
	mustCode(t, err, esop.ENOTFOUND)
	_, err = db.FindEmployeeByNIP(ctx, "196805121993031007")
	mustCode(t, err, esop.ENOTFOUND)
	_, err = db.UpdateDraft(ctx, 4242, doc("", "x"), 1, "t")
	mustCode(t, err, esop.ENOTFOUND)
	_, err = db.StartVersion(ctx, 4242, "", "t")
	mustCode(t, err, esop.ENOTFOUND)
}

func testUsers(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	unit := &esop.Unit{Key: "bidang", Kind: esop.UnitBidang, Name: "Bidang Uji"}
	if err := db.CreateUnit(ctx, unit); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.CreateUser(ctx, &esop.User{Username: "hantu", Grants: []esop.Grant{{Role: esop.RolePenyusun, UnitID: unit.ID + 100}}}, "kata-sandi-panjang"), esop.EINVALID)
	u := &esop.User{Username: "budi", Name: "Budi Santoso", Grants: []esop.Grant{{Role: esop.RolePenyusun, UnitID: unit.ID}, {Role: esop.RolePelaksana}}}
	if err := db.CreateUser(ctx, u, "kata-sandi-panjang"); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.CreateUser(ctx, &esop.User{Username: "budi"}, "kata-sandi-panjang"), esop.ECONFLICT)
	mustCode(t, db.CreateUser(ctx, &esop.User{Username: "Budi Besar"}, "kata-sandi-panjang"), esop.EINVALID)
	mustCode(t, db.CreateUser(ctx, &esop.User{Username: "sari", Grants: []esop.Grant{{Role: "raja"}}}, "kata-sandi-panjang"), esop.EINVALID)
	mustCode(t, db.CreateUser(ctx, &esop.User{Username: "sari"}, "pendek"), esop.EINVALID)

	got, err := db.Authenticate(ctx, "budi", "kata-sandi-panjang")
	if err != nil || got.ID != u.ID || len(got.Grants) != 2 || !got.HasFor(esop.RolePenyusun, unit.ID, nil) {
		t.Fatalf("authenticate: %+v %v", got, err)
	}
	_, err = db.Authenticate(ctx, "budi", "kata-sandi-salah!")
	mustCode(t, err, esop.EUNAUTHORIZED)
	_, err2 := db.Authenticate(ctx, "tidak-ada", "kata-sandi-panjang")
	mustCode(t, err2, esop.EUNAUTHORIZED)
	if esop.ErrorMessage(err, "id") != esop.ErrorMessage(err2, "id") {
		t.Error("an unknown user and a wrong password are told apart")
	}

	token, err := db.CreateSession(ctx, u.ID, "web", time.Hour)
	if err != nil || len(token) < 40 {
		t.Fatalf("session %q %v", token, err)
	}
	var stored int
	db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE token_hash = $1`, token).Scan(&stored)
	if stored != 0 {
		t.Error("the session token is stored in clear")
	}
	if s, err := db.FindSession(ctx, token); err != nil || s.Username != "budi" {
		t.Fatalf("find session %+v %v", s, err)
	}
	_, err = db.FindSession(ctx, token+"x")
	mustCode(t, err, esop.EUNAUTHORIZED)

	// Sessions expire.
	now := db.Now
	db.Now = func() time.Time { return now().Add(2 * time.Hour) }
	_, err = db.FindSession(ctx, token)
	mustCode(t, err, esop.EUNAUTHORIZED)
	db.Now = now

	// Disabling an account ends its sessions; a new password does too.
	token2, _ := db.CreateSession(ctx, u.ID, "api", time.Hour)
	u.Disabled = true
	u.Grants = []esop.Grant{{Role: esop.RoleAuditor}}
	if err := db.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	_, err = db.FindSession(ctx, token2)
	mustCode(t, err, esop.EUNAUTHORIZED)
	_, err = db.Authenticate(ctx, "budi", "kata-sandi-panjang")
	mustCode(t, err, esop.EUNAUTHORIZED)
	u.Disabled = false
	db.UpdateUser(ctx, u)
	token3, _ := db.CreateSession(ctx, u.ID, "web", time.Hour)
	if err := db.SetPassword(ctx, u.ID, "sandi-baru-yang-panjang"); err != nil {
		t.Fatal(err)
	}
	_, err = db.FindSession(ctx, token3)
	mustCode(t, err, esop.EUNAUTHORIZED)
	if _, err := db.Authenticate(ctx, "budi", "sandi-baru-yang-panjang"); err != nil {
		t.Fatal(err)
	}
	users, _ := db.FindUsers(ctx)
	if len(users) != 1 || len(users[0].Grants) != 1 || users[0].Grants[0].Role != esop.RoleAuditor {
		t.Errorf("users %+v", users)
	}
	if err := db.DeleteSession(ctx, "nothing"); err != nil {
		t.Error(err)
	}
}

func testSettings(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	_, err := db.Setting(ctx, "logo")
	mustCode(t, err, esop.ENOTFOUND)
	for _, v := range []string{"satu", "dua"} {
		if err := db.PutSetting(ctx, "logo", v); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Setting(ctx, "logo"); err != nil || got != v {
			t.Fatalf("setting %q %v, want %q", got, err, v)
		}
	}
}

// lifecycleOrg builds a government, an agency with a unit below it, the
// head's position held by an employee, and the users of each role; it
// returns the requester context of the unit and the users.
type lifecycleOrg struct {
	unit, agency                      *esop.Unit
	author, reviewer, approver, other *esop.User
	head                              *esop.Position
	kadis, sekretaris                 *esop.Employee
}

func newLifecycleOrg(t *testing.T, db *sqlstore.DB) *lifecycleOrg {
	ctx := context.Background()
	o := &lifecycleOrg{}
	gov := &esop.Unit{Key: "pemkot", Kind: esop.UnitPemerintah, Name: "Pemerintah Kota Uji", Code: "35.73"}
	must(t, db.CreateUnit(ctx, gov))
	o.agency = &esop.Unit{Key: "dinas", ParentID: gov.ID, Kind: esop.UnitPerangkatDaerah, Name: "Dinas Uji", Code: "405"}
	must(t, db.CreateUnit(ctx, o.agency))
	o.unit = &esop.Unit{Key: "bidang", ParentID: o.agency.ID, Kind: esop.UnitBidang, Name: "Bidang Uji"}
	must(t, db.CreateUnit(ctx, o.unit))
	o.head = &esop.Position{Key: "kadis", UnitID: o.agency.ID, Name: "Kepala Dinas Uji Kota Malang", Kind: esop.PositionStruktural}
	must(t, db.CreatePosition(ctx, o.head))
	sek := &esop.Position{Key: "sekretaris", UnitID: o.unit.ID, Name: "Sekretaris Dinas Uji", Kind: esop.PositionStruktural}
	must(t, db.CreatePosition(ctx, sek))
	o.kadis = &esop.Employee{NIP: "19680512 199303 1 007", Name: "Drs. Kepala, M.Si.", Rank: "Pembina Utama Muda", Grade: "IV/c"}
	must(t, db.CreateEmployee(ctx, o.kadis))
	o.sekretaris = &esop.Employee{NIP: "19720314 199803 2 004", Name: "Dra. Sekretaris", Rank: "Pembina Tingkat I", Grade: "IV/b"}
	must(t, db.CreateEmployee(ctx, o.sekretaris))
	must(t, db.CreateAssignment(ctx, &esop.Assignment{EmployeeID: o.kadis.ID, PositionID: o.head.ID, Capacity: esop.CapacityDefinitif, From: esop.MustDate("2020-01-01")}))
	must(t, db.CreateAssignment(ctx, &esop.Assignment{EmployeeID: o.sekretaris.ID, PositionID: sek.ID, Capacity: esop.CapacityDefinitif, From: esop.MustDate("2020-01-01")}))
	users := []**esop.User{&o.author, &o.reviewer, &o.approver, &o.other}
	specs := []esop.User{
		{Username: "ani", Grants: []esop.Grant{{Role: esop.RolePenyusun, UnitID: o.unit.ID}}},
		{Username: "budi", Grants: []esop.Grant{{Role: esop.RolePemeriksa, UnitID: o.unit.ID}}},
		{Username: "kadis", EmployeeID: o.kadis.ID, Grants: []esop.Grant{{Role: esop.RolePengesah, UnitID: o.agency.ID}}},
		{Username: "sekretaris", EmployeeID: o.sekretaris.ID, Grants: []esop.Grant{{Role: esop.RolePengesah, UnitID: o.agency.ID}}},
	}
	for i, spec := range specs {
		u := spec
		must(t, db.CreateUser(ctx, &u, "kata-sandi-panjang"))
		*users[i] = &u
	}
	return o
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (o *lifecycleOrg) as(u *esop.User) esop.Requester {
	return esop.Requester{User: u, UnitID: o.unit.ID, Ancestors: []int64{o.agency.ID}, AgencyID: o.agency.ID}
}

func draftOf(title string) *esop.Document {
	d := doc("", title)
	d.Unit = "Bidang Uji"
	d.Agency = "Dinas Uji"
	return d
}

func testLifecycle(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newLifecycleOrg(t, db)
	res, err := db.ImportDocuments(ctx, []*esop.Document{draftOf("Pelayanan Uji")}, "ani")
	must(t, err)
	id := res[0].SOP.ID
	step := func(u *esop.User, tr esop.Transition, wantStatus, wantCode string) *esop.Version {
		t.Helper()
		v, err := db.Transition(ctx, id, o.as(u), tr)
		if code := esop.ErrorCode(err); code != wantCode {
			t.Fatalf("%s by %s: %q (%v), want %q", tr.Action, u.Username, code, err, wantCode)
		}
		if err == nil && v.Status != wantStatus {
			t.Fatalf("%s: status %s, want %s", tr.Action, v.Status, wantStatus)
		}
		return v
	}
	step(o.reviewer, esop.Transition{Action: esop.ActionReview}, "", esop.ECONFLICT) // a draft is not under review
	step(o.reviewer, esop.Transition{Action: esop.ActionSubmit}, "", esop.EFORBIDDEN)
	step(o.author, esop.Transition{Action: esop.ActionSubmit}, esop.StatusSubmitted, "")
	_, err = db.UpdateDraft(ctx, id, draftOf("Diubah saat diperiksa"), 1, "ani")
	mustCode(t, err, esop.ENOTFOUND)                                                // a submitted version is not editable
	step(o.reviewer, esop.Transition{Action: esop.ActionReturn}, "", esop.EINVALID) // notes are required
	step(o.reviewer, esop.Transition{Action: esop.ActionReturn, Note: "Lengkapi waktu"}, esop.StatusReturned, "")
	must(t, db.AddComment(ctx, &esop.Comment{VersionID: res[0].Version.ID, Path: "steps[1].time", Body: "Waktu terlalu lama", Author: "budi"}))
	fixed := draftOf("Pelayanan Uji")
	fixed.Steps[1].Time = &esop.Duration{Value: 30, Unit: esop.UnitMinute}
	_, err = db.UpdateDraft(ctx, id, fixed, 1, "ani")
	must(t, err)
	step(o.author, esop.Transition{Action: esop.ActionSubmit}, esop.StatusSubmitted, "")
	step(o.approver, esop.Transition{Action: esop.ActionApprove}, "", esop.ECONFLICT) // not reviewed yet
	step(o.reviewer, esop.Transition{Action: esop.ActionReview}, esop.StatusReviewed, "")
	step(o.author, esop.Transition{Action: esop.ActionApprove}, "", esop.EFORBIDDEN)
	v := step(o.approver, esop.Transition{Action: esop.ActionApprove}, esop.StatusApproved, "")

	today := esop.Today(db.Now())
	d := v.Document
	year := today.Year
	if want := fmt.Sprintf("800/001/35.73.405/%d", year); d.Number != want {
		t.Errorf("number %q, want %q", d.Number, want)
	}
	a := d.Approval
	if a == nil || a.Position != "Kepala Dinas Uji Kota Malang" || a.Name != "Drs. Kepala, M.Si." || a.NIP != "19680512 199303 1 007" ||
		a.Rank != "Pembina Utama Muda (IV/c)" || a.CapacityOrDefault() != esop.CapacityDefinitif {
		t.Errorf("approval %+v", a)
	}
	if d.Dates.Effective != today || d.Dates.Revised != today.AddDate(1, 0, 0) {
		t.Errorf("dates %+v", d.Dates)
	}
	s, _ := db.FindSOPByID(ctx, id)
	if s.Current == nil || s.Current.ID != v.ID || s.Number != d.Number || s.Current.ApprovedBy != "kadis" || s.Current.ContentHash != esop.ContentHash(d) {
		t.Fatalf("SOP after approval: %+v", s)
	}
	events, _ := db.FindEvents(ctx, v.ID)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); got != "create,submit,return,edit,submit,review,approve" {
		t.Errorf("events %s", got)
	}
	comments, _ := db.FindComments(ctx, v.ID)
	if len(comments) != 1 || comments[0].Path != "steps[1].time" {
		t.Errorf("comments %+v", comments)
	}
	mustCode(t, db.AddComment(ctx, &esop.Comment{VersionID: v.ID, Body: "terlambat", Author: "budi"}), esop.ECONFLICT)

	// A new version, approved to come into force next month, leaves the
	// old one in force until then.
	nv, err := db.StartVersion(ctx, id, "revisi", "ani")
	must(t, err)
	nd := nv.Document.Clone()
	nd.Title = "Pelayanan Uji (revisi)"
	_, err = db.UpdateDraft(ctx, id, nd, 1, "ani")
	must(t, err)
	step(o.author, esop.Transition{Action: esop.ActionSubmit}, esop.StatusSubmitted, "")
	step(o.reviewer, esop.Transition{Action: esop.ActionReview}, esop.StatusReviewed, "")
	step(o.approver, esop.Transition{Action: esop.ActionApprove, Effective: today.AddDate(0, 0, -1)}, "", esop.EINVALID)
	later := today.AddDate(0, 1, 0)
	v2 := step(o.approver, esop.Transition{Action: esop.ActionApprove, Effective: later}, esop.StatusApproved, "")
	if v2.Document.Number != d.Number {
		t.Errorf("the new version took a new number %q", v2.Document.Number)
	}
	s, _ = db.FindSOPByID(ctx, id)
	if s.Current == nil || s.Current.ID != v.ID || s.Pending == nil || s.Pending.ID != v2.ID {
		t.Fatalf("before the effective date: current %+v pending %+v", s.Current, s.Pending)
	}
	now := db.Now
	db.Now = func() time.Time { return now().AddDate(0, 1, 1) }
	s, _ = db.FindSOPByID(ctx, id)
	if s.Current == nil || s.Current.ID != v2.ID || s.Pending != nil {
		t.Fatalf("after the effective date: current %+v pending %+v", s.Current, s.Pending)
	}
	n, err := db.SweepSuperseded(ctx)
	if err != nil || n != 1 {
		t.Fatalf("sweep marked %d (%v)", n, err)
	}
	old, _ := db.FindVersionByID(ctx, v.ID)
	if old.Status != esop.StatusSuperseded {
		t.Errorf("old version %s", old.Status)
	}
	// Withdrawal needs a reason and takes the SOP out of force.
	step(o.approver, esop.Transition{Action: esop.ActionWithdraw}, "", esop.EINVALID)
	step(o.author, esop.Transition{Action: esop.ActionWithdraw, Note: "x"}, "", esop.EFORBIDDEN)
	step(o.approver, esop.Transition{Action: esop.ActionWithdraw, Note: "Diganti SOP lain"}, esop.StatusWithdrawn, "")
	s, _ = db.FindSOPByID(ctx, id)
	if s.Current != nil || s.Pending != nil {
		t.Errorf("a withdrawn SOP is still in force: %+v", s.Current)
	}
	step(o.approver, esop.Transition{Action: esop.ActionWithdraw, Note: "lagi"}, "", esop.ECONFLICT)
	db.Now = now
}

func testLifecyclePlt(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newLifecycleOrg(t, db)
	// The Sekretaris is Plt of the head for one month around "today".
	today := esop.Today(db.Now())
	must(t, db.CreateAssignment(ctx, &esop.Assignment{EmployeeID: o.sekretaris.ID, PositionID: o.head.ID, Capacity: esop.CapacityPlt,
		From: today.AddDate(0, 0, -10), To: today.AddDate(0, 0, 20)}))
	var numbers []string
	for i, title := range []string{"Satu", "Dua"} {
		res, err := db.ImportDocuments(ctx, []*esop.Document{draftOf(title)}, "ani")
		must(t, err)
		id := res[0].SOP.ID
		for _, tr := range []struct {
			u *esop.User
			a string
		}{{o.author, esop.ActionSubmit}, {o.reviewer, esop.ActionReview}} {
			_, err := db.Transition(ctx, id, o.as(tr.u), esop.Transition{Action: tr.a})
			must(t, err)
		}
		signer := o.other // the Plt
		if i == 1 {
			signer = o.approver
		}
		v, err := db.Transition(ctx, id, o.as(signer), esop.Transition{Action: esop.ActionApprove})
		must(t, err)
		numbers = append(numbers, v.Document.Number)
		if i == 0 && (v.Document.Approval.Capacity != esop.CapacityPlt || v.Document.Approval.Position != "Kepala Dinas Uji Kota Malang" || v.Document.Approval.Name != "Dra. Sekretaris") {
			t.Errorf("Plt approval %+v", v.Document.Approval)
		}
	}
	if numbers[0] == numbers[1] || !strings.Contains(numbers[1], "/002/") {
		t.Errorf("numbers %v: the counter must give each its own", numbers)
	}
	// After the Plt period the Sekretaris no longer signs as head, but in
	// her own position, on the head's behalf (a.n.).
	now := db.Now
	db.Now = func() time.Time { return now().AddDate(0, 2, 0) }
	defer func() { db.Now = now }()
	res, err := db.ImportDocuments(ctx, []*esop.Document{draftOf("Tiga")}, "ani")
	must(t, err)
	id := res[0].SOP.ID
	_, err = db.Transition(ctx, id, o.as(o.author), esop.Transition{Action: esop.ActionSubmit})
	must(t, err)
	_, err = db.Transition(ctx, id, o.as(o.reviewer), esop.Transition{Action: esop.ActionReview})
	must(t, err)
	v, err := db.Transition(ctx, id, o.as(o.other), esop.Transition{Action: esop.ActionApprove})
	must(t, err)
	if v.Document.Approval.Capacity != esop.CapacityAn || v.Document.Approval.Position != "Sekretaris Dinas Uji" {
		t.Errorf("after the Plt period: %+v", v.Document.Approval)
	}
	// A pengesah without an employee record cannot sign.
	ghost := &esop.User{Username: "tanpa-pegawai", Grants: []esop.Grant{{Role: esop.RolePengesah, UnitID: o.agency.ID}}}
	must(t, db.CreateUser(ctx, ghost, "kata-sandi-panjang"))
	res, _ = db.ImportDocuments(ctx, []*esop.Document{draftOf("Empat")}, "ani")
	db.Transition(ctx, res[0].SOP.ID, o.as(o.author), esop.Transition{Action: esop.ActionSubmit})
	db.Transition(ctx, res[0].SOP.ID, o.as(o.reviewer), esop.Transition{Action: esop.ActionReview})
	_, err = db.Transition(ctx, res[0].SOP.ID, o.as(ghost), esop.Transition{Action: esop.ActionApprove})
	mustCode(t, err, esop.EFORBIDDEN)
}

func testRegulationImpact(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newLifecycleOrg(t, db)
	cited := draftOf("Mengutip UU 13/2003")
	other := draftOf("Tidak mengutip")
	other.LegalBasis = []esop.LegalRef{{Kind: "PP", Number: "35", Year: 2021}}
	var ids []int64
	for _, d := range []*esop.Document{cited, other} {
		res, err := db.ImportDocuments(ctx, []*esop.Document{d}, "ani")
		must(t, err)
		id := res[0].SOP.ID
		ids = append(ids, id)
		for _, tr := range []struct {
			u *esop.User
			a string
		}{{o.author, esop.ActionSubmit}, {o.reviewer, esop.ActionReview}, {o.approver, esop.ActionApprove}} {
			_, err := db.Transition(ctx, id, o.as(tr.u), esop.Transition{Action: tr.a})
			must(t, err)
		}
	}
	regs, _, _ := db.FindRegulations(ctx, esop.RegulationFilter{Query: "ketenagakerjaan"})
	if len(regs) != 1 {
		t.Fatalf("regulations %+v", regs)
	}
	if flags, _ := db.FindFlags(ctx, 0); len(flags) != 0 {
		t.Fatalf("flags before any change: %+v", flags)
	}
	_, err := db.UpdateRegulationStatus(ctx, regs[0].ID, esop.RegulationRevoked, "UU 6/2023", esop.MustDate("2023-03-31"))
	must(t, err)
	flags, err := db.FindFlags(ctx, 0)
	if err != nil || len(flags) != 1 || flags[0].SOPID != ids[0] || flags[0].Status != esop.RegulationRevoked ||
		flags[0].ChangedBy != "UU 6/2023" || !strings.Contains(flags[0].Regulation, "Undang-Undang Nomor 13 Tahun 2003") {
		t.Fatalf("flags after revocation: %+v %v", flags, err)
	}
	// Marking it again does not flag twice.
	_, err = db.UpdateRegulationStatus(ctx, regs[0].ID, esop.RegulationRevoked, "UU 6/2023", esop.MustDate("2023-03-31"))
	must(t, err)
	if flags, _ := db.FindFlags(ctx, ids[0]); len(flags) != 1 {
		t.Errorf("%d flags after marking twice", len(flags))
	}
	// A new version approved clears the flag.
	_, err = db.StartVersion(ctx, ids[0], "menyesuaikan UU 6/2023", "ani")
	must(t, err)
	for _, tr := range []struct {
		u *esop.User
		a string
	}{{o.author, esop.ActionSubmit}, {o.reviewer, esop.ActionReview}, {o.approver, esop.ActionApprove}} {
		_, err := db.Transition(ctx, ids[0], o.as(tr.u), esop.Transition{Action: tr.a})
		must(t, err)
	}
	if flags, _ := db.FindFlags(ctx, 0); len(flags) != 0 {
		t.Errorf("flags after the new version: %+v", flags)
	}
}

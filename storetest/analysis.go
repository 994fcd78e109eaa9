package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// The analyses (issue 13): the SOPs in force as the analyses read them,
// and the yearly volumes, entered and measured.

var analysisTests = []struct {
	name string
	fn   func(t *testing.T, db *sqlstore.DB)
}{
	{"AnalysisSOPs", testAnalysisSOPs},
	{"SOPVolumes", testSOPVolumes},
	{"OverlapDismissals", testOverlapDismissals},
}

// testAnalysisSOPs: an SOP in force is read with its actors mapped, from
// the document or, where it names none, from the one position of the
// same name; the external applicant is marked; a draft is not read.
func testAnalysisSOPs(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	byName := caseDoc("800/002/2026", false)
	byName.Actors[0].External = false // no flag: pemohon has no position of its name, so stays unmapped
	draft := caseDoc("", true)
	draft.Approval, draft.Title = nil, "Draf Uji"
	if _, err := db.ImportDocuments(ctx, []*esop.Document{byName, draft}, "tester"); err != nil {
		t.Fatal(err)
	}
	sops, err := db.AnalysisSOPs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]esop.AnalysisSOP{}
	for _, s := range sops {
		got[s.Number] = s
	}
	if len(sops) != 2 || got["800/001/2026"].ID != o.sop {
		t.Fatalf("read %d SOPs: %+v", len(sops), got)
	}
	for number, s := range got {
		if s.Positions["loket"] != "loket" || s.Positions["staf"] != "staf" || s.Positions["kabid"] != "kabid" || s.Positions["pemohon"] != "" {
			t.Errorf("%s: positions %v", number, s.Positions)
		}
		if s.UnitID != o.units["bidang"] || s.Doc == nil || len(s.Doc.Steps) != 5 {
			t.Errorf("%s: unit %d, document %v", number, s.UnitID, s.Doc != nil)
		}
	}
	if !got["800/001/2026"].External["pemohon"] || got["800/002/2026"].External["pemohon"] {
		t.Errorf("external: %v, %v", got["800/001/2026"].External, got["800/002/2026"].External)
	}
}

// testSOPVolumes: a volume entered is stored, replaced and audited;
// measured volumes count the year's cases that were not cancelled; bad
// input is refused with its field and nothing is written.
func testSOPVolumes(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "kabid", "127.0.0.1")
	o := newOffice(t, db)
	for range 3 {
		o.start(t, "loket")
	}
	rec := o.start(t, "loket")
	if _, err := db.CancelCase(ctx, rec.ID, "Ditarik", o.users["kadis"]); err != nil {
		t.Fatal(err)
	}
	vols, err := db.SOPVolumes(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if v := vols[o.sop]; v.Measured != 3 || v.Entered != nil {
		t.Errorf("2026 before entering: %+v", v)
	}
	if vols, _ := db.SOPVolumes(ctx, 2025); len(vols) != 0 {
		t.Errorf("2025: %+v", vols)
	}
	v, err := db.SetSOPVolume(ctx, o.sop, 2026, 6000)
	if err != nil {
		t.Fatal(err)
	}
	if v.Entered == nil || *v.Entered != 6000 || v.Measured != 3 {
		t.Errorf("set: %+v", v)
	}
	if _, err := db.SetSOPVolume(ctx, o.sop, 2026, 5500); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetSOPVolume(ctx, o.sop, 2025, 4000); err != nil {
		t.Fatal(err)
	}
	vols, _ = db.SOPVolumes(ctx, 2026)
	if v := vols[o.sop]; v.Entered == nil || *v.Entered != 5500 || v.Measured != 3 {
		t.Errorf("2026 after: %+v", v)
	}
	if used, src := vols[o.sop].Used(); used != 5500 || src != esop.VolumeEntered {
		t.Errorf("used %v %s", used, src)
	}
	list, n, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySOPVolume, EntityID: fmt.Sprintf("%d/2026", o.sop)})
	if err != nil || n != 2 || list[0].Action != esop.AuditUpdate || list[0].Actor != "kabid" ||
		list[0].Before != fmt.Sprintf(`{"sop":%d,"year":2026,"volume":6000}`, o.sop) || list[1].Action != esop.AuditCreate {
		t.Errorf("audit: %v %d %+v", err, n, list)
	}
	for _, bad := range []struct {
		year   int
		volume float64
		path   string
	}{{2026, -1, "volume"}, {2026, 2.5, "volume"}, {1990, 1, "year"}} {
		_, err := db.SetSOPVolume(ctx, o.sop, bad.year, bad.volume)
		mustCode(t, err, esop.EINVALID)
		if e, ok := err.(*esop.Error); !ok || len(e.Problems) != 1 || e.Problems[0].Path != bad.path {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	_, err = db.SetSOPVolume(ctx, 999999, 2026, 1)
	mustCode(t, err, esop.ENOTFOUND)
	vols, _ = db.SOPVolumes(ctx, 2026)
	if v := vols[o.sop]; *v.Entered != 5500 {
		t.Errorf("a refused volume was written: %+v", v)
	}
}

// testOverlapDismissals: a dismissal needs a reason, is kept with who
// made it, is refused twice, is removed, and both are audited.
func testOverlapDismissals(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "admin", "127.0.0.1")
	err := db.DismissFinding(ctx, esop.Dismissal{ID: "0123456789abcdef", Kind: esop.OverlapAction, Reason: "  "})
	mustCode(t, err, esop.EINVALID)
	if e, ok := err.(*esop.Error); !ok || len(e.Problems) != 1 || e.Problems[0].Path != "reason" {
		t.Errorf("no reason: %v", err)
	}
	d := esop.Dismissal{ID: "0123456789abcdef", Kind: esop.OverlapAction, Reason: " Dua tahap yang berbeda "}
	if err := db.DismissFinding(ctx, d); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.DismissFinding(ctx, d), esop.ECONFLICT)
	ds, err := db.Dismissals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := ds[d.ID]
	if len(ds) != 1 || got.Reason != "Dua tahap yang berbeda" || got.By != "admin" || got.Kind != esop.OverlapAction || got.At.IsZero() {
		t.Errorf("dismissals %+v", ds)
	}
	if err := db.RestoreFinding(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.RestoreFinding(ctx, d.ID), esop.ENOTFOUND)
	if ds, _ := db.Dismissals(ctx); len(ds) != 0 {
		t.Errorf("after restoring: %+v", ds)
	}
	list, n, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityFinding, EntityID: d.ID, Oldest: true})
	if err != nil || n != 2 || list[0].Action != esop.AuditCreate || list[1].Action != esop.AuditDelete ||
		!strings.Contains(list[0].After, "Dua tahap yang berbeda") || !strings.Contains(list[1].Before, "Dua tahap") {
		t.Errorf("audit %v %d %+v", err, n, list)
	}
}

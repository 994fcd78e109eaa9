package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

var kodeTests = []struct {
	name string
	fn   func(t *testing.T, db *sqlstore.DB)
}{
	{"NumbersByUnitKodeAndStoredCounter", testKodeAndCounter},
}

// testKodeAndCounter: the classification code of a number is the SOP's
// own choice, else its unit's or the nearest above it, else the agency's,
// else 800; the counter of the year continues after the highest number
// already stored for the template (008–121 existing, the next is 122).
func testKodeAndCounter(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newLifecycleOrg(t, db)
	seksi := &esop.Unit{Key: "seksi", ParentID: o.unit.ID, Kind: esop.UnitSeksi, Name: "Seksi Uji"}
	must(t, db.CreateUnit(ctx, seksi))
	year := esop.Today(db.Now()).Year
	num := func(kode string, n int) string { return fmt.Sprintf("%s/%03d/35.73.405/%d", kode, n, year) }

	approve := func(title string, unit *esop.Unit, ancestors []int64, kode string) string {
		t.Helper()
		d := draftOf(title)
		d.Unit = unit.Name
		res, err := db.ImportDocuments(ctx, []*esop.Document{d}, "ani")
		must(t, err)
		id := res[0].SOP.ID
		if kode != "" {
			must(t, db.SetSOPKode(ctx, id, kode))
		}
		for _, step := range []struct {
			u *esop.User
			a string
		}{{o.author, esop.ActionSubmit}, {o.reviewer, esop.ActionReview}, {o.approver, esop.ActionApprove}} {
			r := esop.Requester{User: step.u, UnitID: unit.ID, Ancestors: ancestors, AgencyID: o.agency.ID}
			if _, err := db.Transition(ctx, id, r, esop.Transition{Action: step.a}); err != nil {
				t.Fatalf("%s %q: %v", step.a, title, err)
			}
		}
		s, err := db.FindSOPByID(ctx, id)
		must(t, err)
		return s.Number
	}
	inBidang := []int64{o.agency.ID}
	inSeksi := []int64{o.unit.ID, o.agency.ID}

	// Nothing set: 800, counter 1.
	if got := approve("Satu", o.unit, inBidang, ""); got != num("800", 1) {
		t.Errorf("first number %q, want %q", got, num("800", 1))
	}
	// Numbers given before (008 to 121 of the year, another code among
	// them, one of another year): the counter continues at 122.
	for _, n := range []string{num("800", 8), num("560", 121), num("800", 57), fmt.Sprintf("800/900/35.73.405/%d", year-1)} {
		d := draftOf("Lama " + n)
		d.Number = n
		_, err := db.ImportDocuments(ctx, []*esop.Document{d}, "ani")
		must(t, err)
	}
	if got := approve("Dua", o.unit, inBidang, ""); got != num("800", 122) {
		t.Errorf("after 008–121: %q, want %q", got, num("800", 122))
	}

	// The bidang's code 560 applies to it and to the seksi below it.
	mustCode(t, db.SetUnitKode(ctx, o.unit.ID, "5/60"), esop.EINVALID)
	mustCode(t, db.SetUnitKode(ctx, 424242, "560"), esop.ENOTFOUND)
	must(t, db.SetUnitKode(ctx, o.unit.ID, "560"))
	if own, err := db.UnitKodes(ctx); err != nil || own[o.unit.ID] != "560" || own[seksi.ID] != "" {
		t.Errorf("unit codes %v %v", own, err)
	}
	if got := approve("Tiga", o.unit, inBidang, ""); got != num("560", 123) {
		t.Errorf("the bidang's code: %q, want %q", got, num("560", 123))
	}
	if got := approve("Empat", seksi, inSeksi, ""); got != num("560", 124) {
		t.Errorf("inherited by the seksi: %q, want %q", got, num("560", 124))
	}
	// The seksi's own code, then the SOP's own choice, win.
	must(t, db.SetUnitKode(ctx, seksi.ID, "561"))
	if got := approve("Lima", seksi, inSeksi, ""); got != num("561", 125) {
		t.Errorf("the seksi's own code: %q, want %q", got, num("561", 125))
	}
	mustCode(t, db.SetSOPKode(ctx, 424242, "800"), esop.ENOTFOUND)
	if got := approve("Enam", seksi, inSeksi, "800"); got != num("800", 126) {
		t.Errorf("the SOP's own code: %q, want %q", got, num("800", 126))
	}
	// The agency's code on the settings page applies where no unit below
	// it has one.
	must(t, db.SetUnitKode(ctx, o.unit.ID, ""))
	must(t, db.SetUnitKode(ctx, seksi.ID, ""))
	must(t, db.PutNumberingConfig(ctx, o.agency.ID, esop.NumberingConfig{Kode: "060"}))
	if got := approve("Tujuh", seksi, inSeksi, ""); got != num("060", 127) {
		t.Errorf("the agency's code: %q, want %q", got, num("060", 127))
	}
	if k, err := db.SOPKode(ctx, 424242); code(err) != esop.ENOTFOUND {
		t.Errorf("the code of no SOP: %q %v", k, err)
	}
}

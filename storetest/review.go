package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// testNumberingConfig proves the fallback of the numbering and review
// settings: an agency's own, else the installation's, else the defaults;
// and that an approval numbers and dates the SOP by its agency's.
func testNumberingConfig(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newLifecycleOrg(t, db)
	other := &esop.Unit{Key: "badan", ParentID: o.agency.ParentID, Kind: esop.UnitPerangkatDaerah, Name: "Badan Lain", Code: "406"}
	must(t, db.CreateUnit(ctx, other))
	cfg := func(agency int64) esop.NumberingConfig {
		t.Helper()
		c, err := db.NumberingConfig(ctx, agency)
		must(t, err)
		return c
	}
	def := esop.DefaultNumbering()
	if c := cfg(0); c != def {
		t.Fatalf("installation with nothing set: %+v, want the defaults %+v", c, def)
	}
	if c := cfg(o.agency.ID); c != def {
		t.Fatalf("agency with nothing set: %+v, want the defaults", c)
	}

	// The installation sets the classification code and the review period.
	must(t, db.PutNumberingConfig(ctx, 0, esop.NumberingConfig{Kode: "000.1", ReviewMonths: 24}))
	want := esop.NumberingConfig{Template: esop.DefaultNumberTemplate, Kode: "000.1", ReviewMonths: 24}
	if c := cfg(o.agency.ID); c != want {
		t.Fatalf("agency over the installation: %+v, want %+v", c, want)
	}
	// The agency sets its own template and period; the code is inherited.
	agencyTemplate := "SOP-{kode}/{urut:04}/{tahun}"
	must(t, db.PutNumberingConfig(ctx, o.agency.ID, esop.NumberingConfig{Template: agencyTemplate, ReviewMonths: 6}))
	if c := cfg(o.agency.ID); c != (esop.NumberingConfig{Template: agencyTemplate, Kode: "000.1", ReviewMonths: 6}) {
		t.Fatalf("agency's own settings: %+v", c)
	}
	if own, err := db.OwnNumberingConfig(ctx, o.agency.ID); err != nil || own != (esop.NumberingConfig{Template: agencyTemplate, ReviewMonths: 6}) {
		t.Fatalf("own settings of the agency: %+v %v", own, err)
	}
	if c := cfg(other.ID); c != want {
		t.Fatalf("another agency: %+v, want the installation's %+v", c, want)
	}
	// Validation: a template without a counter, a period out of 1..60,
	// a unit that is not a perangkat daerah; nothing is stored.
	for _, bad := range []struct {
		agency int64
		c      esop.NumberingConfig
	}{
		{o.agency.ID, esop.NumberingConfig{Template: "{kode}/{tahun}"}},
		{o.agency.ID, esop.NumberingConfig{ReviewMonths: 61}},
		{o.agency.ID, esop.NumberingConfig{ReviewMonths: -1}},
		{0, esop.NumberingConfig{Kode: "800\n"}},
		{o.unit.ID, esop.NumberingConfig{ReviewMonths: 12}},
		{9999, esop.NumberingConfig{ReviewMonths: 12}},
	} {
		mustCode(t, db.PutNumberingConfig(ctx, bad.agency, bad.c), esop.EINVALID)
	}
	if c := cfg(o.agency.ID); c.ReviewMonths != 6 {
		t.Fatalf("a refused change was stored: %+v", c)
	}
	// An approval in the agency uses its template, the inherited code and
	// its review period for Tanggal Revisi.
	res, err := db.ImportDocuments(ctx, []*esop.Document{draftOf("Pelayanan Bernomor")}, "ani")
	must(t, err)
	id := res[0].SOP.ID
	for _, step := range []struct {
		u      *esop.User
		action string
	}{{o.author, esop.ActionSubmit}, {o.reviewer, esop.ActionReview}, {o.approver, esop.ActionApprove}} {
		_, err := db.Transition(ctx, id, o.as(step.u), esop.Transition{Action: step.action})
		must(t, err)
	}
	s, err := db.FindSOPByID(ctx, id)
	must(t, err)
	today := esop.Today(db.Now())
	d := s.Current.Document
	if wantNum := fmt.Sprintf("SOP-000.1/0001/%d", today.Year); d.Number != wantNum {
		t.Errorf("number %q, want %q", d.Number, wantNum)
	}
	if d.Dates.Revised != today.AddDate(0, 6, 0) {
		t.Errorf("Tanggal Revisi %s, want six months after %s", d.Dates.Revised, today)
	}
	// Clearing the agency's settings makes it inherit again; the change is audited.
	must(t, db.PutNumberingConfig(ctx, o.agency.ID, esop.NumberingConfig{}))
	if c := cfg(o.agency.ID); c != want {
		t.Fatalf("after clearing: %+v, want %+v", c, want)
	}
	var deleted int
	for _, e := range auditEntries(t, db) {
		if e.Entity == esop.EntitySetting && e.EntityID == esop.AgencyKey(esop.SettingReviewMonths, o.agency.ID) && e.Action == esop.AuditDelete {
			deleted++
		}
	}
	if deleted != 1 {
		t.Errorf("%d audit entries for removing the agency's review period, want 1", deleted)
	}
}

// testUserEmail proves that a user's e-mail address is stored, checked
// and replaced, and recorded in the audit trail.
func testUserEmail(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	u := &esop.User{Username: "ani", Email: " Ani Lestari <ani@disnaker.malangkota.go.id> ", Grants: []esop.Grant{{Role: esop.RolePenyusun}}}
	must(t, db.CreateUser(ctx, u, "kata-sandi-panjang"))
	got, err := db.FindUserByID(ctx, u.ID)
	must(t, err)
	if got.Email != "ani@disnaker.malangkota.go.id" {
		t.Fatalf("e-mail %q, want the bare address", got.Email)
	}
	for _, bad := range []string{"ani", "ani@", "ani@example.org\r\nBcc: x@example.org", "a b@example.org"} {
		mustCode(t, db.CreateUser(ctx, &esop.User{Username: "budi", Email: bad}, "kata-sandi-panjang"), esop.EINVALID)
		got.Email = bad
		mustCode(t, db.UpdateUser(ctx, got), esop.EINVALID)
	}
	got.Email = "ani.baru@example.go.id"
	must(t, db.UpdateUser(ctx, got))
	users, err := db.FindUsers(ctx)
	must(t, err)
	if len(users) != 1 || users[0].Email != "ani.baru@example.go.id" {
		t.Fatalf("after the change: %+v", users)
	}
	got.Email = ""
	must(t, db.UpdateUser(ctx, got))
	if again, _ := db.FindUserByID(ctx, u.ID); again.Email != "" {
		t.Fatalf("the address was not removed: %q", again.Email)
	}
	var changed bool
	for _, e := range auditEntries(t, db) {
		if e.Entity == esop.EntityUser && e.Action == esop.AuditUpdate && strings.Contains(e.Before, "ani.baru@example.go.id") {
			changed = true
		}
	}
	if !changed {
		t.Error("the change of address is not in the audit trail")
	}
}

// testReminders proves that sent reminders are recorded and found by time.
func testReminders(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("800/001/2024", "Satu"), doc("800/002/2024", "Dua")}, "ani")
	must(t, err)
	at := db.Now().UTC()
	must(t, db.RecordReminders(ctx, []esop.ReminderSent{
		{SOPID: res[0].SOP.ID, Username: "ani", Kind: esop.ReviewOverdue, SentAt: at.AddDate(0, 0, -8)},
		{SOPID: res[0].SOP.ID, Username: "budi", Kind: esop.ReviewOverdue, SentAt: at.AddDate(0, 0, -6)},
		{SOPID: res[1].SOP.ID, Username: "ani", Kind: esop.ReviewDue, SentAt: at},
	}))
	list, err := db.RemindersSince(ctx, at.AddDate(0, 0, -7))
	must(t, err)
	if len(list) != 2 || list[0].Username != "budi" || list[1].SOPID != res[1].SOP.ID || list[1].Kind != esop.ReviewDue || !list[1].SentAt.Equal(at.Round(time.Microsecond)) {
		t.Fatalf("reminders of the last 7 days: %+v", list)
	}
	var audited int
	for _, e := range auditEntries(t, db) {
		if e.Action == esop.AuditRemind && e.Entity == esop.EntitySOP {
			audited++
		}
	}
	if audited != 3 {
		t.Errorf("%d reminders in the audit trail, want 3", audited)
	}
	auditMustVerify(t, db, int64(len(auditEntries(t, db))))
}

package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// auditAll returns every audit entry, oldest first.
func auditEntries(t *testing.T, db *sqlstore.DB) []*esop.AuditEntry {
	t.Helper()
	list, n, err := db.FindAudit(context.Background(), esop.AuditFilter{Oldest: true})
	if err != nil || n != len(list) {
		t.Fatalf("audit log: %d of %d, %v", len(list), n, err)
	}
	return list
}

// mustVerify checks that the chain is intact and ends at entry n.
func auditMustVerify(t *testing.T, db *sqlstore.DB, n int64) esop.AuditHead {
	t.Helper()
	brk, head, err := db.VerifyAudit(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if brk != nil {
		t.Fatalf("the chain is broken: %+v (%s)", brk, brk.Message().EN)
	}
	if head.Seq != n {
		t.Fatalf("verified %d entries, want %d", head.Seq, n)
	}
	return head
}

// mustBreak checks that verification names entry seq with the given kind.
func auditMustBreak(t *testing.T, db *sqlstore.DB, kind string, seq int64) {
	t.Helper()
	brk, _, err := db.VerifyAudit(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if brk == nil || brk.Kind != kind || brk.Seq != seq {
		t.Fatalf("break %+v, want %s at entry %d", brk, kind, seq)
	}
	if msg := brk.Message(); !strings.Contains(msg.ID, fmt.Sprint(seq)) || !strings.Contains(msg.EN, fmt.Sprint(seq)) {
		t.Errorf("the message does not name entry %d: %+v", seq, msg)
	}
}

func testAuditRecordsChanges(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "budi", "203.0.113.5")
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("100/001/2024", "SOP Satu"), doc("", "SOP Draf")}, "budi")
	if err != nil {
		t.Fatal(err)
	}
	sopID, draftID := res[0].SOP.ID, res[1].SOP.ID
	entries := auditEntries(t, db)
	// One regulation, new to the register, and the two SOPs.
	if len(entries) != 3 || entries[0].Entity != esop.EntityRegulation || entries[1].Action != esop.AuditImport ||
		entries[1].EntityID != fmt.Sprint(sopID) || entries[2].EntityID != fmt.Sprint(draftID) {
		t.Fatalf("after the import: %s", auditSummary(entries))
	}
	e := entries[1]
	if e.Seq != 2 || e.Actor != "budi" || e.Address != "203.0.113.5" || e.Before != "" || !e.At.Equal(db.Now()) ||
		e.PrevHash != entries[0].Hash || e.Hash != e.ComputeHash() {
		t.Errorf("entry %+v", e)
	}
	var snap struct {
		Number  string
		Version struct {
			Status, ContentHash string
			Document            *esop.Document
		}
	}
	if err := json.Unmarshal([]byte(e.After), &snap); err != nil || snap.Number != "100/001/2024" || snap.Version.Status != esop.StatusApproved ||
		snap.Version.Document == nil || snap.Version.ContentHash != esop.ContentHash(snap.Version.Document) {
		t.Errorf("after %.300s (%v)", e.After, err)
	}

	// A change that fails records nothing: the entry commits with it or not at all.
	_, err = db.ImportDocuments(ctx, []*esop.Document{doc("100/001/2024", "Lagi")}, "budi")
	mustCode(t, err, esop.ECONFLICT)
	if n := len(auditEntries(t, db)); n != 3 {
		t.Fatalf("a failed import left %d entries", n)
	}

	// The draft: before and after of a save.
	d := doc("", "SOP Draf Diubah")
	if _, err := db.UpdateDraft(ctx, draftID, d, 1, "budi"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.StartVersion(ctx, sopID, "revisi", "budi"); err != nil {
		t.Fatal(err)
	}
	r := &esop.Regulation{Kind: "PERMEN", Number: "35", Year: 2012, Title: "Pedoman SOP AP"}
	if err := db.CreateRegulation(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpdateRegulationStatus(ctx, r.ID, esop.RegulationRevoked, "Permen 1/2030", esop.MustDate("2030-01-01")); err != nil {
		t.Fatal(err)
	}
	unit := &esop.Unit{Key: "bidang", Kind: esop.UnitBidang, Name: "Bidang Uji"}
	if err := db.CreateUnit(ctx, unit); err != nil {
		t.Fatal(err)
	}
	pos := &esop.Position{Key: "kabid", UnitID: unit.ID, Name: "Kepala Bidang Uji"}
	if err := db.CreatePosition(ctx, pos); err != nil {
		t.Fatal(err)
	}
	emp := &esop.Employee{NIP: "19680512 199303 1 007", Name: "Drs. Uji"}
	if err := db.CreateEmployee(ctx, emp); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAssignment(ctx, &esop.Assignment{EmployeeID: emp.ID, PositionID: pos.ID, Capacity: esop.CapacityDefinitif}); err != nil {
		t.Fatal(err)
	}
	const password, password2 = "kata-sandi-rahasia-1", "kata-sandi-rahasia-2"
	u := &esop.User{Username: "sari", Name: "Sari", Grants: []esop.Grant{{Role: esop.RolePenyusun, UnitID: unit.ID}}}
	if err := db.CreateUser(ctx, u, password); err != nil {
		t.Fatal(err)
	}
	u.Name, u.Grants = "Sari Dewi", []esop.Grant{{Role: esop.RoleAuditor}}
	if err := db.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := db.SetPassword(ctx, u.ID, password2); err != nil {
		t.Fatal(err)
	}
	// Signing in: the one who signs in is the actor, from the request's address.
	token, err := db.CreateSession(esop.WithActor(context.Background(), "budi", "198.51.100.7"), u.ID, "web", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteSession(ctx, token); err != nil {
		t.Fatal(err)
	}
	logo := strings.Repeat("iVBORw0KGgo", 100)
	if err := db.PutSetting(ctx, "logo", logo); err != nil {
		t.Fatal(err)
	}
	if err := db.PutSetting(ctx, "logo", logo+"AA"); err != nil {
		t.Fatal(err)
	}

	entries = auditEntries(t, db)
	want := []string{
		"create regulation", "import sop", "import sop",
		"save_draft sop", "start_version sop", "create regulation", "status regulation",
		"create unit", "create position", "create employee", "create assignment",
		"create user", "update user", "set_password user", "login user", "logout user",
		"create setting", "update setting",
	}
	if got := auditSummary(entries); got != strings.Join(want, ", ") {
		t.Fatalf("entries:\n%s\nwant:\n%s", got, strings.Join(want, ", "))
	}
	byAction := map[string]*esop.AuditEntry{}
	for _, e := range entries {
		byAction[e.Action+" "+e.Entity] = e
		wantActor, wantAddr := "budi", "203.0.113.5"
		if e.Action == esop.AuditLogin {
			wantActor, wantAddr = "sari", "198.51.100.7"
		}
		if e.Actor != wantActor || e.Address != wantAddr {
			t.Errorf("%s %s by %q from %q", e.Action, e.Entity, e.Actor, e.Address)
		}
		if e.After == "" && e.Action != esop.AuditLogout {
			t.Errorf("%s %s has no after", e.Action, e.Entity)
		}
	}
	save := byAction["save_draft sop"]
	if save.EntityID != fmt.Sprint(draftID) || !strings.Contains(save.Before, `"title":"SOP Draf"`) ||
		!strings.Contains(save.After, `"title":"SOP Draf Diubah"`) || !strings.Contains(save.After, `"revision":2`) {
		t.Errorf("save: before %.200s after %.200s", save.Before, save.After)
	}
	status := byAction["status regulation"]
	if !strings.Contains(status.Before, `"status":"berlaku"`) || !strings.Contains(status.After, `"status":"dicabut"`) {
		t.Errorf("regulation status: %s → %s", status.Before, status.After)
	}
	upd := byAction["update user"]
	if !strings.Contains(upd.Before, `"name":"Sari"`) || !strings.Contains(upd.After, `"name":"Sari Dewi"`) || !strings.Contains(upd.After, `"role":"auditor"`) {
		t.Errorf("user update: %s → %s", upd.Before, upd.After)
	}

	// No secret is ever recorded: passwords, their hashes, session tokens
	// and their hashes; the logo is recorded by its hash.
	var all strings.Builder
	for _, e := range entries {
		all.WriteString(e.Before + e.After + "\n")
	}
	sum := sha256.Sum256([]byte(token))
	for _, secret := range []string{password, password2, "$argon2", token, hex.EncodeToString(sum[:]), logo} {
		if strings.Contains(all.String(), secret) {
			t.Errorf("the audit log holds a secret: %.40s…", secret)
		}
	}
	logoSum := sha256.Sum256([]byte(logo))
	if s := byAction["update setting"]; !strings.Contains(s.Before, hex.EncodeToString(logoSum[:])) || s.EntityID != "logo" {
		t.Errorf("logo: %s → %s", s.Before, s.After)
	}

	// Filters and paging.
	list, n, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySOP, EntityID: fmt.Sprint(sopID)})
	if err != nil || n != 2 || list[0].Action != esop.AuditStartVersion || list[1].Action != esop.AuditImport {
		t.Errorf("history of SOP %d: %s (%d, %v)", sopID, auditSummary(list), n, err)
	}
	if _, n, _ := db.FindAudit(ctx, esop.AuditFilter{Actor: "sari"}); n != 1 {
		t.Errorf("by sari: %d", n)
	}
	if _, n, _ := db.FindAudit(ctx, esop.AuditFilter{Action: esop.AuditCreate}); n != 8 {
		t.Errorf("creates: %d", n)
	}
	now := db.Now()
	if _, n, _ := db.FindAudit(ctx, esop.AuditFilter{From: now, To: now.Add(time.Second)}); n != len(entries) {
		t.Errorf("today: %d", n)
	}
	if _, n, _ := db.FindAudit(ctx, esop.AuditFilter{To: now}); n != 0 {
		t.Errorf("before now: %d", n)
	}
	page, n, err := db.FindAudit(ctx, esop.AuditFilter{Offset: 2, Limit: 3})
	if err != nil || n != len(entries) || len(page) != 3 || page[0].Seq != int64(len(entries)-2) {
		t.Errorf("page: %s (%d, %v)", auditSummary(page), n, err)
	}
	var seen []int64
	err = db.EachAudit(ctx, esop.AuditFilter{Oldest: true, Offset: 15}, func(e *esop.AuditEntry) error {
		seen = append(seen, e.Seq)
		return nil
	})
	if err != nil || fmt.Sprint(seen) != "[16 17 18]" {
		t.Errorf("each from 15: %v %v", seen, err)
	}

	head := auditMustVerify(t, db, int64(len(entries)))
	if head.Hash != entries[len(entries)-1].Hash {
		t.Errorf("head %+v", head)
	}
	var progress []int64
	if _, _, err := db.VerifyAudit(ctx, func(done, total int64) { progress = append(progress, done, total) }); err != nil ||
		len(progress) < 4 || progress[0] != 0 || progress[len(progress)-2] != 18 || progress[len(progress)-1] != 18 {
		t.Errorf("progress %v %v", progress, err)
	}
}

func auditSummary(list []*esop.AuditEntry) string {
	var s []string
	for _, e := range list {
		s = append(s, e.Action+" "+e.Entity)
	}
	return strings.Join(s, ", ")
}

// tamper lets a test change the audit log as someone with access to the
// database would: it removes the triggers that keep the log append-only.
func auditTamper(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	_, err := db.SQL().ExecContext(ctx, `UPDATE audit_log SET actor = 'x' WHERE seq = 1`)
	if err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("an update of the audit log was not refused: %v", err)
	}
	_, err = db.SQL().ExecContext(ctx, `DELETE FROM audit_log WHERE seq = 1`)
	if err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("a delete from the audit log was not refused: %v", err)
	}
	_, err = db.SQL().ExecContext(ctx, `UPDATE audit_head SET seq = 0`)
	if err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Fatalf("the head of the audit log went back: %v", err)
	}
	var stmts []string
	switch db.Dialect().Name() {
	case "sqlite":
		stmts = []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`, `DROP TRIGGER audit_head_forward`}
	case "postgres":
		stmts = []string{`ALTER TABLE audit_log DISABLE TRIGGER USER`, `ALTER TABLE audit_head DISABLE TRIGGER USER`}
	default:
		t.Fatalf("no way to bypass the triggers of %s", db.Dialect().Name())
	}
	for _, s := range stmts {
		if _, err := db.SQL().ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
}

func auditExec(t *testing.T, db *sqlstore.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.SQL().ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func testAuditTamper(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "admin", "cli")
	for i := range 6 {
		if err := db.PutSetting(ctx, fmt.Sprintf("k%d", i), "v"); err != nil {
			t.Fatal(err)
		}
	}
	orig := auditEntries(t, db)
	auditMustVerify(t, db, 6)
	auditTamper(t, db)
	restore := func(list ...*esop.AuditEntry) {
		t.Helper()
		for _, e := range list {
			auditExec(t, db, `DELETE FROM audit_log WHERE seq = $1`, e.Seq)
			auditExec(t, db, `INSERT INTO audit_log (seq, at, actor, address, action, entity, entity_id, before_data, after_data, prev_hash, hash)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, e.Seq, e.At.Format(esop.AuditTimeFormat), e.Actor, e.Address,
				e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash, e.Hash)
		}
		auditMustVerify(t, db, 6)
	}

	// A changed value: that entry no longer gives its hash.
	auditExec(t, db, `UPDATE audit_log SET after_data = $1 WHERE seq = 3`, strings.Replace(orig[2].After, `"v"`, `"w"`, 1))
	auditMustBreak(t, db, esop.AuditChanged, 3)
	restore(orig[2])
	auditExec(t, db, `UPDATE audit_log SET actor = 'orang-lain' WHERE seq = 1`)
	auditMustBreak(t, db, esop.AuditChanged, 1)
	restore(orig[0])

	// A changed value with its hash recomputed: the next entry's link names it.
	e := *orig[2]
	e.After = strings.Replace(e.After, `"v"`, `"w"`, 1)
	auditExec(t, db, `UPDATE audit_log SET after_data = $1, hash = $2 WHERE seq = 3`, e.After, e.ComputeHash())
	auditMustBreak(t, db, esop.AuditRelinked, 3)
	restore(orig[2])

	// An entry removed from the middle, from the start, from the end.
	auditExec(t, db, `DELETE FROM audit_log WHERE seq = 4`)
	auditMustBreak(t, db, esop.AuditRemoved, 4)
	restore(orig[3])
	auditExec(t, db, `DELETE FROM audit_log WHERE seq = 1`)
	auditMustBreak(t, db, esop.AuditRemoved, 1)
	restore(orig[0])
	auditExec(t, db, `DELETE FROM audit_log WHERE seq >= 5`)
	auditMustBreak(t, db, esop.AuditRemoved, 5)
	restore(orig[4], orig[5])

	// The whole chain recomputed from entry 2 on, but not the head.
	prev := orig[0].Hash
	for _, o := range orig[1:] {
		e := *o
		e.Address = "10.0.0.1"
		e.PrevHash = prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
		auditExec(t, db, `UPDATE audit_log SET address = $1, prev_hash = $2, hash = $3 WHERE seq = $4`, e.Address, e.PrevHash, e.Hash, e.Seq)
	}
	auditMustBreak(t, db, esop.AuditRewritten, 6)
	for _, o := range orig[1:] {
		auditExec(t, db, `UPDATE audit_log SET address = $1, prev_hash = $2, hash = $3 WHERE seq = $4`, o.Address, o.PrevHash, o.Hash, o.Seq)
	}
	auditMustVerify(t, db, 6)

	// The limit: whoever also rewrites the head can cut the end of the
	// log unseen, except by someone who kept the head (an anchor) before.
	auditExec(t, db, `DELETE FROM audit_log WHERE seq = 6`)
	auditExec(t, db, `UPDATE audit_head SET seq = 5, hash = $1`, orig[4].Hash)
	if head := auditMustVerify(t, db, 5); head.Hash == orig[5].Hash {
		t.Error("the head did not change")
	}
}

func testAuditConcurrent(t *testing.T, db *sqlstore.DB) {
	const writers, each = 6, 5
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := esop.WithActor(context.Background(), fmt.Sprintf("penulis%d", w), "127.0.0.1")
			for i := range each {
				if err := db.PutSetting(ctx, fmt.Sprintf("w%d-%d", w, i), "nilai"); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	entries := auditEntries(t, db)
	for i, e := range entries {
		if e.Seq != int64(i+1) {
			t.Fatalf("entry %d has seq %d", i+1, e.Seq)
		}
	}
	auditMustVerify(t, db, writers*each)
}

// testAuditLifecycle runs the lifecycle scenario and finds each of its
// steps in the audit log, and none of the steps that were refused.
func testAuditLifecycle(t *testing.T, db *sqlstore.DB) {
	testLifecycle(t, db)
	if t.Failed() {
		return
	}
	ctx := context.Background()
	entries := func(action string) []*esop.AuditEntry {
		list, _, err := db.FindAudit(ctx, esop.AuditFilter{Action: action, Oldest: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range list {
			if e.Entity != esop.EntitySOP || e.EntityID == "" || e.After == "" {
				t.Errorf("%s: %+v", action, e)
			}
		}
		return list
	}
	for action, want := range map[string]int{esop.ActionSubmit: 3, esop.ActionReturn: 1, esop.ActionReview: 2, esop.ActionApprove: 2, esop.AuditComment: 1} {
		if got := len(entries(action)); got != want {
			t.Errorf("%d entries %q, want %d (one for each step made, none for those refused)", got, action, want)
		}
	}
	for _, action := range []string{esop.ActionWithdraw, esop.AuditSupersede} {
		if len(entries(action)) == 0 {
			t.Errorf("no entry %q", action)
		}
	}
	if ret := entries(esop.ActionReturn); len(ret) == 1 && (!strings.Contains(ret[0].Before, `"status":"submitted"`) ||
		!strings.Contains(ret[0].After, `"status":"returned"`) || !strings.Contains(ret[0].After, `"reason":"Lengkapi waktu"`)) {
		t.Errorf("return: %s → %s", ret[0].Before, ret[0].After)
	}
	if appr := entries(esop.ActionApprove); len(appr) > 0 {
		var before, after struct {
			Version struct {
				Status, ContentHash string
				Document            *esop.Document
			}
		}
		if json.Unmarshal([]byte(appr[0].Before), &before) != nil || json.Unmarshal([]byte(appr[0].After), &after) != nil ||
			before.Version.Status != esop.StatusReviewed || after.Version.Status != esop.StatusApproved ||
			before.Version.Document == nil || before.Version.Document.Approval != nil ||
			after.Version.Document == nil || after.Version.Document.Approval == nil || after.Version.Document.Number == "" ||
			after.Version.ContentHash != esop.ContentHash(after.Version.Document) {
			t.Errorf("approve: %.300s → %.300s", appr[0].Before, appr[0].After)
		}
	}
	_, n, err := db.FindAudit(ctx, esop.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	auditMustVerify(t, db, int64(n))
}

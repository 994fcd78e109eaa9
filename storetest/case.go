package storetest

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// Running cases: start, complete along decisions and loops, racing
// completions, delegation on absence and its return, the append-only
// history, the calendar's changes in the audit trail, the inbox pages
// and the SLA notices.

var caseTests = []struct {
	name string
	fn   func(t *testing.T, db *sqlstore.DB)
}{
	{"CaseFlowDecisionsAndLoops", testCaseFlow},
	{"CaseStartRefusals", testCaseStartRefusals},
	{"CaseRacingCompletions", testCaseRacing},
	{"CaseCompletionsTogether", testCaseCompletionsTogether},
	{"CaseDelegationOnAbsence", testCaseDelegation},
	{"CaseCancel", testCaseCancel},
	{"CaseEventsAppendOnly", testCaseEventsAppendOnly},
	{"CaseReassignDuringCompletions", testCaseReassignRace},
	{"CaseInboxPages", testCaseInbox},
	{"CaseNotices", testCaseNotices},
	{"CalendarChangesAudited", testCalendarCRUD},
	{"RunSettings", testRunSettings},
}

// caseNow is the clock of the case tests: Monday 2 March 2026, 09:00 WIB.
var caseNow = time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)

// office is the organisation of the case tests: a Dinas with a Bidang,
// its positions and the people who hold them, each with an account.
type office struct {
	db    *sqlstore.DB
	units map[string]int64          // key → id
	emps  map[string]*esop.Employee // user name → employee
	users map[string]*esop.User     // user name → account
	sop   int64                     // the SOP in force, run by the tests
}

func nip(i int) string { return fmt.Sprintf("1975%02d10200003%d%03d", i%12+1, 1+i%2, i) }

// newOffice builds the organisation and imports the SOP in force:
// s1 pemohon (external) → s2 loket (requirements KTP, Formulir) →
// s3 staf decides (no: back to s2) → s4 kabid → s5 pemohon, the end.
func newOffice(t *testing.T, db *sqlstore.DB) *office {
	t.Helper()
	ctx := context.Background()
	db.Now = func() time.Time { return caseNow }
	o := &office{db: db, units: map[string]int64{}, emps: map[string]*esop.Employee{}, users: map[string]*esop.User{}}
	for _, u := range []esop.Unit{
		{Key: "pemkot", Kind: esop.UnitPemerintah, Name: "Pemerintah Kota Uji"},
		{Key: "dinas", Kind: esop.UnitPerangkatDaerah, Name: "Dinas Uji"},
		{Key: "bidang", Kind: esop.UnitBidang, Name: "Bidang Uji"},
	} {
		switch u.Key {
		case "dinas":
			u.ParentID = o.units["pemkot"]
		case "bidang":
			u.ParentID = o.units["dinas"]
		}
		if err := db.CreateUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
		o.units[u.Key] = u.ID
	}
	positions := map[string]int64{}
	for _, p := range []esop.Position{
		{Key: "kadis", UnitID: o.units["dinas"], Name: "Kepala Dinas Uji", Kind: esop.PositionStruktural},
		{Key: "loket", UnitID: o.units["dinas"], Name: "Petugas Loket", Kind: esop.PositionPelaksana},
		{Key: "kabid", UnitID: o.units["bidang"], Name: "Kepala Bidang Uji", Kind: esop.PositionStruktural},
		{Key: "staf", UnitID: o.units["bidang"], Name: "Analis", Kind: esop.PositionFungsional},
	} {
		if err := db.CreatePosition(ctx, &p); err != nil {
			t.Fatal(err)
		}
		positions[p.Key] = p.ID
	}
	// user name → position, capacity and dates
	people := []struct {
		user, position, capacity string
		from, to                 esop.Date
	}{
		{"kadis", "kadis", esop.CapacityDefinitif, esop.MustDate("2020-01-01"), esop.Date{}},
		{"loket", "loket", esop.CapacityDefinitif, esop.MustDate("2020-01-01"), esop.Date{}},
		{"kabid", "kabid", esop.CapacityDefinitif, esop.MustDate("2020-01-01"), esop.Date{}},
		{"staf1", "staf", esop.CapacityDefinitif, esop.MustDate("2020-01-01"), esop.Date{}},
		{"staf2", "staf", esop.CapacityDefinitif, esop.MustDate("2020-01-01"), esop.Date{}},
		// A Plh for the Kepala Bidang from 3 to 4 March 2026 only.
		{"plh", "kabid", esop.CapacityPlh, esop.MustDate("2026-03-03"), esop.MustDate("2026-03-04")},
	}
	for i, p := range people {
		e := &esop.Employee{NIP: nip(i + 1), Name: "Pegawai " + p.user}
		if err := db.CreateEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		o.emps[p.user] = e
		if err := db.CreateAssignment(ctx, &esop.Assignment{EmployeeID: e.ID, PositionID: positions[p.position],
			Capacity: p.capacity, From: p.from, To: p.to}); err != nil {
			t.Fatal(err)
		}
		if p.user == "plh" { // the Plh also holds a staff position of their own
			if err := db.CreateAssignment(ctx, &esop.Assignment{EmployeeID: e.ID, PositionID: positions["staf"],
				Capacity: esop.CapacityDefinitif, From: esop.MustDate("2020-01-01")}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, name := range []string{"kadis", "loket", "kabid", "staf1", "staf2", "plh", "luar"} {
		u := &esop.User{Username: name, Name: "Pengguna " + name, Email: name + "@uji.go.id",
			Grants: []esop.Grant{{Role: esop.RolePelaksana, UnitID: o.units["dinas"]}}}
		if e := o.emps[name]; e != nil {
			u.EmployeeID = e.ID
		}
		if err := db.CreateUser(ctx, u, "kata-sandi-uji-123"); err != nil {
			t.Fatal(err)
		}
		o.users[name] = u
	}
	res, err := db.ImportDocuments(ctx, []*esop.Document{caseDoc("800/001/2026", true)}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	o.sop = res[0].SOP.ID
	return o
}

// caseDoc is the SOP the tests run; mapped says whether its actors name
// their positions.
func caseDoc(number string, mapped bool) *esop.Document {
	pos := func(key string) string {
		if mapped {
			return key
		}
		return ""
	}
	minutes := func(v float64, unit string) *esop.Duration { return &esop.Duration{Value: v, Unit: unit} }
	return &esop.Document{
		Format: esop.FormatV1, Number: number, Title: "Pelayanan Surat Keterangan " + number, Agency: "Dinas Uji", Unit: "Bidang Uji",
		Category: esop.CategoryPelayanan,
		Dates:    esop.Dates{Created: esop.MustDate("2026-01-02"), Effective: esop.MustDate("2026-01-05")},
		Approval: &esop.Approval{Position: "Kepala Dinas Uji", Name: "Drs. Uji", NIP: "19680512 199303 1 007"},
		Actors: []esop.Actor{{ID: "pemohon", Name: "Pemohon", External: true}, {ID: "loket", Name: "Petugas Loket", Position: pos("loket")},
			{ID: "staf", Name: "Analis", Position: pos("staf")}, {ID: "kabid", Name: "Kepala Bidang Uji", Position: pos("kabid")}},
		Steps: []esop.Step{
			{ID: "s1", Activity: "Mengajukan permohonan", Actor: "pemohon", Time: minutes(10, esop.UnitMinute), Output: "Permohonan"},
			{ID: "s2", Activity: "Menerima berkas", Actor: "loket", Requirements: []string{"KTP", "Formulir"}, Time: minutes(30, esop.UnitMinute), Output: "Berkas"},
			{ID: "s3", Activity: "Memeriksa kelengkapan", Actor: "staf", Time: minutes(1, esop.UnitHour), Output: "Berkas diperiksa",
				Decision: &esop.Decision{Yes: "s4", No: "s2"}},
			{ID: "s4", Activity: "Menandatangani surat", Actor: "kabid", Time: minutes(1, esop.UnitDay), Output: "Surat"},
			{ID: "s5", Activity: "Menerima surat", Actor: "pemohon", Time: minutes(10, esop.UnitMinute), Output: "Surat diterima"},
		},
	}
}

func (o *office) start(t *testing.T, by string) *esop.CaseRecord {
	t.Helper()
	rec, err := o.db.StartCase(context.Background(), esop.NewCase{SOPID: o.sop, By: o.users[by],
		Applicant: esop.Applicant{Name: "Budi Santoso", Contact: "0812-0000-0000"}})
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// complete completes the open task of a case as by, with every
// requirement checked, and fails the test on an error.
func (o *office) complete(t *testing.T, rec *esop.CaseRecord, by, decision string) *esop.CaseRecord {
	t.Helper()
	open := rec.OpenTasks()
	if len(open) != 1 {
		t.Fatalf("%d open tasks", len(open))
	}
	in := esop.Completion{Decision: decision}
	if open[0].Step == "s2" {
		in.Checklist = map[string]bool{"KTP": true, "Formulir": true}
	}
	out, err := o.db.CompleteTask(context.Background(), rec.ID, open[0].ID, in, o.users[by])
	if err != nil {
		t.Fatalf("completing %s (task %d) as %s: %v", open[0].Step, open[0].ID, by, err)
	}
	return out
}

// assignees returns the user names of a task's assignees.
func assignees(rec *esop.CaseRecord, t esop.Task) string {
	var out []string
	for _, id := range t.Assignees {
		out = append(out, rec.People[id])
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

func openTask(t *testing.T, rec *esop.CaseRecord) esop.Task {
	t.Helper()
	open := rec.OpenTasks()
	if len(open) != 1 {
		t.Fatalf("%d open tasks in case %d (%s)", len(open), rec.ID, rec.State)
	}
	return open[0]
}

func eventKinds(t *testing.T, db *sqlstore.DB, caseID int64) string {
	t.Helper()
	evs, err := db.CaseEvents(context.Background(), caseID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range evs {
		s := e.Kind
		if e.TaskID != 0 {
			s += fmt.Sprint(e.TaskID)
		}
		if e.Actor != "" {
			s += ":" + e.Actor
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func testCaseFlow(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	rec := o.start(t, "loket")
	if _, err := esop.ParseTrackingCode(rec.Code); err != nil || rec.State != esop.CaseOpen || rec.StartedBy != "loket" {
		t.Fatalf("started %+v (%v)", rec, err)
	}
	if !rec.ReceivedAt.Equal(caseNow) || rec.Applicant.Name != "Budi Santoso" || rec.SOPTitle == "" || rec.UnitID != o.units["bidang"] || rec.AgencyID != o.units["dinas"] {
		t.Errorf("case %+v", rec)
	}
	// Due along the path without rework: 10 + 30 minutes + 1 hour + 1 day + 10 minutes from Monday 09:00 WIB.
	if want := time.Date(2026, 3, 3, 10, 50, 0, 0, wib); rec.Due == nil || !rec.Due.Equal(want) {
		t.Errorf("case due %v, want %v", rec.Due, want)
	}
	first := openTask(t, rec)
	if first.Step != "s1" || !first.External || first.RecordedBy != "loket" || first.Position != "loket" || assignees(rec, first) != "loket" || first.Delegated {
		t.Fatalf("first task %+v (%s)", first, assignees(rec, first))
	}
	rec = o.complete(t, rec, "loket", "")
	// s2 needs its requirements checked.
	task := openTask(t, rec)
	_, err := db.CompleteTask(ctx, rec.ID, task.ID, esop.Completion{Checklist: map[string]bool{"KTP": true}}, o.users["loket"])
	mustCode(t, err, esop.EINVALID)
	if paths := problemPaths(err); paths != "checklist[1]" {
		t.Errorf("unchecked requirement at %q", paths)
	}
	rec = o.complete(t, rec, "loket", "")
	task = openTask(t, rec)
	if task.Step != "s3" || assignees(rec, task) != "plh,staf1,staf2" || task.Delegated {
		t.Fatalf("s3 task %+v to %s", task, assignees(rec, task))
	}
	_, err = db.CompleteTask(ctx, rec.ID, task.ID, esop.Completion{Decision: "yes"}, o.users["loket"])
	mustCode(t, err, esop.EFORBIDDEN)
	_, err = db.CompleteTask(ctx, rec.ID, task.ID, esop.Completion{}, o.users["staf1"])
	mustCode(t, err, esop.EINVALID)
	// No: back to s2 (a new task), then s3 again, yes on to s4.
	rec = o.complete(t, rec, "staf1", "no")
	if task := openTask(t, rec); task.Step != "s2" || task.ID != 4 {
		t.Fatalf("after no: %+v", task)
	}
	rec = o.complete(t, rec, "loket", "")
	rec = o.complete(t, rec, "staf2", "yes")
	task = openTask(t, rec)
	if task.Step != "s4" || task.ID != 6 || assignees(rec, task) != "kabid" {
		t.Fatalf("s4: %+v to %s", task, assignees(rec, task))
	}
	rec = o.complete(t, rec, "kabid", "")
	task = openTask(t, rec)
	if task.Step != "s5" || !task.External || task.RecordedBy != "kabid" || assignees(rec, task) != "kabid" {
		t.Fatalf("s5: %+v to %s", task, assignees(rec, task))
	}
	rec = o.complete(t, rec, "kabid", "")
	if rec.State != esop.CaseDone || rec.ClosedAt == nil || rec.ClosedBy != o.users["kabid"].ID || len(rec.Tasks) != 7 {
		t.Fatalf("done case %+v", rec.Case)
	}
	_, err = db.CompleteTask(ctx, rec.ID, 7, esop.Completion{}, o.users["kabid"])
	mustCode(t, err, esop.ECONFLICT)
	_, err = db.CompleteTask(ctx, rec.ID, 99, esop.Completion{}, o.users["kabid"])
	mustCode(t, err, esop.ENOTFOUND)

	// What the store returned is what it keeps.
	stored, err := db.FindCase(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := jsonOf(t, stored.Case), jsonOf(t, rec.Case); a != b {
		t.Errorf("stored case differs from the one returned:\n%s\n%s", a, b)
	}
	if stored.Tasks[2].Decision != "no" || stored.Tasks[2].CompletedBy != o.users["staf1"].ID || stored.People[o.users["staf1"].ID] != "staf1" {
		t.Errorf("task 3 %+v", stored.Tasks[2])
	}
	if c := stored.Tasks[1].Checklist; !c["KTP"] || !c["Formulir"] {
		t.Errorf("checklist %v", c)
	}
	byCode, err := db.FindCaseByCode(ctx, rec.Code)
	if err != nil || byCode.ID != rec.ID {
		t.Fatalf("by code: %v", err)
	}
	_, err = db.FindCaseByCode(ctx, "0000000000")
	mustCode(t, err, esop.ENOTFOUND)
	want := "started:loket opened1 completed1:loket opened2 completed2:loket opened3 completed3:staf1 opened4 completed4:loket opened5 " +
		"completed5:staf2 opened6 completed6:kabid opened7 completed7:kabid done:kabid"
	if got := eventKinds(t, db, rec.ID); got != want {
		t.Errorf("events\n %s\nwant\n %s", got, want)
	}
	page, err := db.FindCases(ctx, esop.CaseFilter{State: esop.CaseDone})
	if err != nil || page.Total != 1 || len(page.Items) != 1 || page.Items[0].ID != rec.ID {
		t.Fatalf("done cases: %+v %v", page, err)
	}
	if page, _ := db.FindCases(ctx, esop.CaseFilter{State: esop.CaseOpen}); page.Total != 0 {
		t.Errorf("%d open cases", page.Total)
	}
}

var wib = time.FixedZone("WIB", 7*3600)

func testCaseStartRefusals(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	start := func(sop int64, at time.Time) error {
		_, err := db.StartCase(ctx, esop.NewCase{SOPID: sop, ReceivedAt: at, By: o.users["loket"]})
		return err
	}
	mustCode(t, start(999999, time.Time{}), esop.ENOTFOUND)
	res, err := db.ImportDocuments(ctx, []*esop.Document{doc("", "SOP Draf")}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	err = start(res[0].SOP.ID, time.Time{})
	mustCode(t, err, esop.EINVALID)
	if problemPaths(err) != "sop" {
		t.Errorf("draft refused at %q", problemPaths(err))
	}
	err = start(o.sop, caseNow.Add(time.Hour))
	mustCode(t, err, esop.EINVALID)
	if problemPaths(err) != "receivedAt" {
		t.Errorf("future refused at %q", problemPaths(err))
	}
	// Before the effective date no version was in force.
	mustCode(t, start(o.sop, time.Date(2025, 12, 1, 2, 0, 0, 0, time.UTC)), esop.EINVALID)
	_, err = db.StartCase(ctx, esop.NewCase{SOPID: o.sop, By: o.users["loket"], Applicant: esop.Applicant{Contact: "0812"}})
	mustCode(t, err, esop.EINVALID)
	if problemPaths(err) != "applicant.name" {
		t.Errorf("contact without a name refused at %q", problemPaths(err))
	}
	// An application that arrived earlier counts from its arrival: Friday
	// 27 February 15:50 WIB + 10 minutes is due at 16:00 that day.
	received := time.Date(2026, 2, 27, 8, 50, 0, 0, time.UTC)
	rec, err := db.StartCase(ctx, esop.NewCase{SOPID: o.sop, ReceivedAt: received, By: o.users["loket"]})
	if err != nil {
		t.Fatal(err)
	}
	if !rec.ReceivedAt.Equal(received) || rec.Tasks[0].Due == nil || !rec.Tasks[0].Due.Equal(time.Date(2026, 2, 27, 16, 0, 0, 0, wib)) {
		t.Errorf("received %v, first due %v", rec.ReceivedAt, rec.Tasks[0].Due)
	}
	// An SOP whose actors name no position runs with the positions of the
	// same name; an actor set to no position cannot run until it has one.
	res, err = db.ImportDocuments(ctx, []*esop.Document{caseDoc("800/002/2026", false)}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	unmapped := res[0].SOP.ID
	byName, err := db.StartCase(ctx, esop.NewCase{SOPID: unmapped, By: o.users["loket"]})
	if err != nil {
		t.Fatal(err)
	}
	if first := byName.Tasks[0]; first.Position != "loket" || assignees(byName, first) != "loket" {
		t.Errorf("mapped by name: %+v", first)
	}
	set := func(s string) *string { return &s }
	if err := db.SetSOPRunSettings(ctx, unmapped, &esop.RunSettings{Actors: map[string]esop.ActorSetting{"loket": {Position: set("")}}}); err != nil {
		t.Fatal(err)
	}
	err = start(unmapped, time.Time{})
	mustCode(t, err, esop.EINVALID)
	if paths := problemPaths(err); paths != "actors.loket" {
		t.Errorf("unmapped actor refused at %q", paths)
	}
	if err := db.SetSOPRunSettings(ctx, unmapped, &esop.RunSettings{Actors: map[string]esop.ActorSetting{"loket": {Position: set("loket")}}}); err != nil {
		t.Fatal(err)
	}
	if err := start(unmapped, time.Time{}); err != nil {
		t.Fatalf("mapped: %v", err)
	}
}

func testCaseRacing(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	rec := o.start(t, "loket")
	task := openTask(t, rec)
	const n = 16
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		codes = map[string]int{}
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := db.CompleteTask(ctx, rec.ID, task.ID, esop.Completion{}, o.users["loket"])
			mu.Lock()
			codes[code(err)]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if codes[""] != 1 || codes[esop.ECONFLICT] != n-1 {
		t.Fatalf("racing completions: %v, want one success and %d conflicts", codes, n-1)
	}
	stored, err := db.FindCase(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(stored.Tasks) != 2 || stored.Tasks[0].State != esop.TaskDone || stored.Tasks[1].State != esop.TaskOpen {
		t.Errorf("tasks after the race: %+v", stored.Tasks)
	}
	if got := eventKinds(t, db, rec.ID); got != "started:loket opened1 completed1:loket opened2" {
		t.Errorf("events %s", got)
	}
}

func testCaseDelegation(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	rec := o.start(t, "loket")
	rec = o.complete(t, rec, "loket", "")
	rec = o.complete(t, rec, "loket", "")
	rec = o.complete(t, rec, "staf1", "yes")
	task := openTask(t, rec)
	if task.Step != "s4" || assignees(rec, task) != "kabid" {
		t.Fatalf("s4 %+v to %s", task, assignees(rec, task))
	}
	inbox := func(user string) []string {
		page, err := db.FindTasks(ctx, esop.TaskFilter{AssigneeID: o.users[user].ID})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range page.Items {
			out = append(out, fmt.Sprintf("%d/%s", it.CaseID, it.Step))
		}
		return out
	}
	// Tuesday 3 March: the Kepala Bidang is on leave 3–4 March; the Plh
	// assigned for those dates acts.
	db.Now = func() time.Time { return caseNow.Add(24 * time.Hour) }
	ctxAdmin := esop.WithActor(ctx, "kadis", "127.0.0.1")
	leave := &esop.Absence{NIP: o.emps["kabid"].NIP, From: esop.MustDate("2026-03-03"), To: esop.MustDate("2026-03-04"), Kind: esop.AbsenceCuti}
	if err := db.CreateAbsence(ctxAdmin, leave); err != nil {
		t.Fatal(err)
	}
	rec, _ = db.FindCase(ctx, rec.ID)
	task = openTask(t, rec)
	if assignees(rec, task) != "plh" || !task.Delegated {
		t.Fatalf("on leave: %+v to %s", task, assignees(rec, task))
	}
	if got := inbox("plh"); len(got) != 1 || got[0] != fmt.Sprintf("%d/s4", rec.ID) {
		t.Errorf("Plh's inbox %v", got)
	}
	if got := inbox("kabid"); len(got) != 0 {
		t.Errorf("absent Kepala Bidang's inbox %v", got)
	}
	_, err := db.CompleteTask(ctx, rec.ID, task.ID, esop.Completion{}, o.users["kabid"])
	mustCode(t, err, esop.EFORBIDDEN)
	// A new task of the position goes to the Plh too.
	other := o.start(t, "loket")
	other = o.complete(t, other, "loket", "")
	other = o.complete(t, other, "loket", "")
	other = o.complete(t, other, "staf2", "yes")
	if ot := openTask(t, other); assignees(other, ot) != "plh" || !ot.Delegated {
		t.Errorf("new task while away: %+v to %s", ot, assignees(other, ot))
	}
	// The absence is in the audit trail.
	entries, _, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityAbsence})
	if err != nil || len(entries) != 1 || entries[0].Actor != "kadis" || entries[0].Action != esop.AuditCreate ||
		!strings.Contains(entries[0].After, `"kind":"cuti"`) {
		t.Fatalf("audit of the absence: %+v %v", entries, err)
	}
	// 5 March: the leave is over (and the Plh's dates too): back to the Kepala Bidang.
	day := esop.MustDate("2026-03-05")
	db.Now = func() time.Time { return time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC) }
	n, err := db.ReassignOpenTasks(ctx, day)
	if err != nil || n != 2 {
		t.Fatalf("reassigned %d (%v), want 2", n, err)
	}
	rec, _ = db.FindCase(ctx, rec.ID)
	task = openTask(t, rec)
	if assignees(rec, task) != "kabid" || task.Delegated {
		t.Fatalf("after the leave: %+v to %s", task, assignees(rec, task))
	}
	if n, err := db.ReassignOpenTasks(ctx, day); err != nil || n != 0 {
		t.Errorf("a second run moved %d (%v)", n, err)
	}
	if got := eventKinds(t, db, rec.ID); !strings.HasSuffix(got, "opened4 delegated4 returned4") {
		t.Errorf("events %s", got)
	}
	// Both analysts away and nobody acting for them: their task goes up
	// to the head of their unit; the Kepala Bidang away without a Plh
	// that day: up to the Kepala Dinas.
	third := o.start(t, "loket")
	third = o.complete(t, third, "loket", "")
	for _, who := range []string{"staf1", "staf2", "plh", "kabid"} {
		if err := db.CreateAbsence(ctxAdmin, &esop.Absence{NIP: o.emps[who].NIP, From: day, To: day, Kind: esop.AbsenceSakit}); err != nil {
			t.Fatal(err)
		}
	}
	third = o.complete(t, third, "loket", "")
	if ot := openTask(t, third); ot.Step != "s3" || assignees(third, ot) != "kadis" || !ot.Delegated {
		t.Errorf("analysts and their head away: %+v to %s", ot, assignees(third, ot))
	}
	rec, _ = db.FindCase(ctx, rec.ID)
	if task := openTask(t, rec); assignees(rec, task) != "kadis" || !task.Delegated {
		t.Errorf("Kepala Bidang away, no Plh: %+v to %s", task, assignees(rec, task))
	}
	absences, err := db.FindAbsences(ctx, esop.AbsenceFilter{On: day})
	if err != nil || len(absences) != 4 {
		t.Fatalf("absences on %s: %d (%v)", day, len(absences), err)
	}
	// Removing the Kepala Bidang's absence gives the work back at once.
	for _, a := range absences {
		if a.EmployeeID == o.emps["kabid"].ID {
			if err := db.DeleteAbsence(ctxAdmin, a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	rec, _ = db.FindCase(ctx, rec.ID)
	if task := openTask(t, rec); assignees(rec, task) != "kabid" || task.Delegated {
		t.Errorf("absence removed: %+v to %s", task, assignees(rec, task))
	}
	third, _ = db.FindCase(ctx, third.ID)
	if ot := openTask(t, third); assignees(third, ot) != "kabid" || !ot.Delegated {
		t.Errorf("analysts' task after their head came back: %+v to %s", ot, assignees(third, ot))
	}
	mustCode(t, db.DeleteAbsence(ctxAdmin, 999999), esop.ENOTFOUND)
	err = db.CreateAbsence(ctxAdmin, &esop.Absence{NIP: o.emps["kabid"].NIP, From: day, To: day.AddDate(0, 0, -1), Kind: "libur"})
	mustCode(t, err, esop.EINVALID)
	if paths := problemPaths(err); paths != "to,kind" {
		t.Errorf("bad absence refused at %q", paths)
	}
	mustCode(t, db.CreateAbsence(ctxAdmin, &esop.Absence{NIP: nip(77), From: day, To: day, Kind: esop.AbsenceCuti}), esop.ENOTFOUND)

	heads, err := db.HeadedUnits(ctx, o.emps["kabid"].ID, day)
	if err != nil || len(heads) != 1 || heads[0] != o.units["bidang"] {
		t.Errorf("Kepala Bidang heads %v (%v)", heads, err)
	}
	if heads, _ := db.HeadedUnits(ctx, o.emps["plh"].ID, esop.MustDate("2026-03-03")); len(heads) != 1 {
		t.Errorf("the Plh heads %v within their dates", heads)
	}
	if heads, _ := db.HeadedUnits(ctx, o.emps["plh"].ID, day); len(heads) != 0 {
		t.Errorf("the Plh heads %v after their dates", heads)
	}
	if held, _ := db.HeldPositions(ctx, o.emps["staf1"].ID, day); len(held) != 1 || held[0] != "staf" {
		t.Errorf("staf1 holds %v", held)
	}
}

func testCaseCancel(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	rec := o.start(t, "loket")
	_, err := db.CancelCase(ctx, rec.ID, "  ", o.users["kadis"])
	mustCode(t, err, esop.EINVALID)
	out, err := db.CancelCase(ctx, rec.ID, "Pemohon menarik permohonannya", o.users["kadis"])
	if err != nil {
		t.Fatal(err)
	}
	if out.State != esop.CaseCancelled || out.Reason != "Pemohon menarik permohonannya" || out.Tasks[0].State != esop.TaskCancelled {
		t.Fatalf("cancelled %+v", out.Case)
	}
	_, err = db.CancelCase(ctx, rec.ID, "lagi", o.users["kadis"])
	mustCode(t, err, esop.ECONFLICT)
	_, err = db.CompleteTask(ctx, rec.ID, 1, esop.Completion{}, o.users["loket"])
	mustCode(t, err, esop.ECONFLICT)
	if page, _ := db.FindTasks(ctx, esop.TaskFilter{AssigneeID: o.users["loket"].ID}); page.Total != 0 {
		t.Errorf("a cancelled case's task is still in the inbox")
	}
	if got := eventKinds(t, db, rec.ID); got != "started:loket opened1 cancelled:kadis" {
		t.Errorf("events %s", got)
	}
	_, err = db.CancelCase(ctx, 999999, "x", o.users["kadis"])
	mustCode(t, err, esop.ENOTFOUND)
}

func testCaseEventsAppendOnly(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	rec := o.start(t, "loket")
	for _, q := range []string{`UPDATE case_events SET actor = 'x'`, `DELETE FROM case_events`} {
		if _, err := db.SQL().ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
	if got := eventKinds(t, db, rec.ID); got != "started:loket opened1" {
		t.Errorf("events %s", got)
	}
	_, err := db.CaseEvents(ctx, 999999)
	mustCode(t, err, esop.ENOTFOUND)
}

func testCaseInbox(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	var ids []int64
	for i := range 5 {
		db.Now = func() time.Time { return caseNow.Add(time.Duration(4-i) * time.Minute) } // later cases are due earlier
		ids = append(ids, o.start(t, "loket").ID)
	}
	db.Now = func() time.Time { return caseNow.Add(time.Hour) }
	var got []int64
	cursor := ""
	for pages := 0; ; pages++ {
		page, err := db.FindTasks(ctx, esop.TaskFilter{AssigneeID: o.users["loket"].ID, Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 5 || len(page.Items) > 2 || pages > 3 {
			t.Fatalf("page %d: total %d, %d items", pages, page.Total, len(page.Items))
		}
		for _, it := range page.Items {
			got = append(got, it.CaseID)
			if it.Code == "" || it.SOPTitle == "" || len(it.Assignees) != 1 || page.People[it.Assignees[0]] != "loket" {
				t.Errorf("item %+v", it)
			}
		}
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	slices.Reverse(ids)
	if fmt.Sprint(got) != fmt.Sprint(ids) {
		t.Errorf("inbox by due %v, want %v", got, ids)
	}
	unit, err := db.FindTasks(ctx, esop.TaskFilter{UnitID: o.units["bidang"], Limit: 3})
	if err != nil || unit.Total != 5 || len(unit.Items) != 3 || unit.Next == "" || unit.Items[0].CaseID != ids[0] {
		t.Fatalf("the unit's open work: %+v %v", unit, err)
	}
	if other, _ := db.FindTasks(ctx, esop.TaskFilter{UnitID: o.units["dinas"]}); other.Total != 0 {
		t.Errorf("the Dinas's own cases: %d", other.Total)
	}
	for _, bad := range []string{"!!", "YWJj", base64.RawURLEncoding.EncodeToString([]byte("x|y|2"))} {
		_, err = db.FindTasks(ctx, esop.TaskFilter{AssigneeID: o.users["loket"].ID, Cursor: bad})
		mustCode(t, err, esop.EINVALID)
	}
	cases, err := db.FindCases(ctx, esop.CaseFilter{Limit: 2})
	if err != nil || cases.Total != 5 || len(cases.Items) != 2 || cases.Items[0].ID != ids[0] || cases.Next == "" {
		t.Fatalf("cases page: %+v %v", cases, err)
	}
	rest, err := db.FindCases(ctx, esop.CaseFilter{Limit: 10, Cursor: cases.Next})
	if err != nil || len(rest.Items) != 3 || rest.Next != "" {
		t.Fatalf("second page: %+v %v", rest, err)
	}
	if none, _ := db.FindCases(ctx, esop.CaseFilter{Units: []int64{}}); none.Total != 0 {
		t.Errorf("no units: %d cases", none.Total)
	}
	if mine, _ := db.FindCases(ctx, esop.CaseFilter{Units: []int64{o.units["bidang"]}, SOPID: o.sop}); mine.Total != 5 {
		t.Errorf("cases of the Bidang: %d", mine.Total)
	}
}

func testCaseNotices(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	rec := o.start(t, "loket") // the first task: 10 minutes from 09:00, at risk at 09:08
	if list, err := db.TasksNeedingNotice(ctx, caseNow.Add(7*time.Minute), 10); err != nil || len(list) != 0 {
		t.Fatalf("at 09:07: %+v %v", list, err)
	}
	list, err := db.TasksNeedingNotice(ctx, caseNow.Add(8*time.Minute), 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("at 09:08: %+v %v", list, err)
	}
	n := list[0]
	// Told: the assignee, and the head of the case's unit (the Kepala Bidang).
	if n.Kind != esop.NoticeAtRisk || n.CaseID != rec.ID || n.TaskID != 1 || n.Code != rec.Code || len(n.Recipients) != 2 ||
		n.Recipients[0].Email != "loket@uji.go.id" || n.Recipients[1].Email != "kabid@uji.go.id" || !n.Due.Equal(caseNow.Add(10*time.Minute)) {
		t.Fatalf("notice %+v (recipients %v)", n, recipientNames(n))
	}
	if err := db.MarkNoticed(ctx, rec.ID, 1, esop.NoticeAtRisk); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.TasksNeedingNotice(ctx, caseNow.Add(9*time.Minute), 10); len(list) != 0 {
		t.Errorf("noticed, still listed: %+v", list)
	}
	list, _ = db.TasksNeedingNotice(ctx, caseNow.Add(10*time.Minute), 10)
	if len(list) != 1 || list[0].Kind != esop.NoticeBreached {
		t.Fatalf("at the due: %+v", list)
	}
	if err := db.MarkNoticed(ctx, rec.ID, 1, esop.NoticeBreached); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.TasksNeedingNotice(ctx, caseNow.Add(time.Hour), 10); len(list) != 0 {
		t.Errorf("after the breach notice: %+v", list)
	}
	mustCode(t, db.MarkNoticed(ctx, rec.ID, 1, "late"), esop.EINVALID)
	mustCode(t, db.MarkNoticed(ctx, rec.ID, 9, esop.NoticeBreached), esop.ENOTFOUND)
	// Completed work needs no notice; a task past both moments at once gets the breach only.
	db.Now = func() time.Time { return caseNow.Add(20 * time.Minute) }
	rec = o.complete(t, rec, "loket", "")
	list, _ = db.TasksNeedingNotice(ctx, caseNow.Add(24*time.Hour), 10)
	if len(list) != 1 || list[0].TaskID != 2 || list[0].Kind != esop.NoticeBreached {
		t.Fatalf("a day later: %+v", list)
	}
	// The head is told once, not twice, of a task that is theirs as well.
	if names := recipientNames(list[0]); len(slices.Compact(slices.Sorted(slices.Values(names)))) != len(names) || !slices.Contains(names, "kabid") {
		t.Errorf("task 2 is told to %v", names)
	}
}

func recipientNames(n *esop.TaskNotice) []string {
	var out []string
	for _, u := range n.Recipients {
		out = append(out, u.Username)
	}
	return out
}

func testCalendarCRUD(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "admin", "127.0.0.1")
	hs, err := db.Holidays(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != len(esop.NationalHolidays(2026)) || hs[0].Date != esop.MustDate("2026-01-01") || hs[0].Source == "" {
		t.Fatalf("2026: %d dates, want %d shipped", len(hs), len(esop.NationalHolidays(2026)))
	}
	if hs, _ := db.Holidays(ctx, 2031); len(hs) != 0 {
		t.Errorf("2031: %v", hs)
	}
	seeded, _, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityHoliday, Oldest: true})
	if err != nil || len(seeded) != len(esop.NationalHolidayYears()) || seeded[0].EntityID != "2025" || seeded[0].Actor != "" ||
		!strings.Contains(seeded[0].After, "Tahun Baru 2025") {
		t.Fatalf("seeding recorded %d times (%v)", len(seeded), err)
	}
	regional := esop.Holiday{Date: esop.MustDate("2026-04-01"), Kind: esop.HolidayDaerah, Name: "Hari Jadi Kota Uji"}
	cal, _ := db.Calendar(ctx, 0)
	if !cal.IsWorkingDay(regional.Date) {
		t.Fatal("1 April 2026 is a working day before it is added")
	}
	if err := db.AddHoliday(ctx, regional); err != nil {
		t.Fatal(err)
	}
	if cal, _ := db.Calendar(ctx, 0); cal.IsWorkingDay(regional.Date) {
		t.Error("the calendar did not take the regional holiday")
	}
	mustCode(t, db.AddHoliday(ctx, regional), esop.ECONFLICT)
	err = db.AddHoliday(ctx, esop.Holiday{Date: esop.MustDate("2026-04-02"), Kind: "libur_lokal", Name: ""})
	mustCode(t, err, esop.EINVALID)
	if paths := problemPaths(err); paths != "kind,name" {
		t.Errorf("bad holiday refused at %q", paths)
	}
	moved := regional
	moved.Date, moved.Name = esop.MustDate("2026-04-08"), "Hari Jadi Kota Uji (diundur)"
	if err := db.UpdateHoliday(ctx, regional.Date, moved); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.UpdateHoliday(ctx, regional.Date, moved), esop.ENOTFOUND)
	if err := db.DeleteHoliday(ctx, esop.MustDate("2026-01-16")); err != nil { // removed by a mid-year amendment, say
		t.Fatal(err)
	}
	mustCode(t, db.DeleteHoliday(ctx, esop.MustDate("2026-01-16")), esop.ENOTFOUND)
	cal, _ = db.Calendar(ctx, 0)
	if !cal.IsWorkingDay(esop.MustDate("2026-04-01")) || cal.IsWorkingDay(esop.MustDate("2026-04-08")) || !cal.IsWorkingDay(esop.MustDate("2026-01-16")) {
		t.Error("the calendar does not follow the changes")
	}
	entries, _, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityHoliday, Oldest: true})
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for _, e := range entries[len(seeded):] {
		trail = append(trail, e.Action+" "+e.EntityID+" by "+e.Actor)
	}
	if got := strings.Join(trail, ", "); got != "create 2026-04-01 by admin, update 2026-04-01 by admin, delete 2026-01-16 by admin" {
		t.Errorf("audit trail: %s", got)
	}
	if !strings.Contains(entries[len(entries)-1].Before, "Isra Mikraj") {
		t.Errorf("the deletion does not keep what was removed: %s", entries[len(entries)-1].Before)
	}

	// An agency's working week: Monday to Saturday, 07:30 to 15:00 WITA.
	u := &esop.Unit{Key: "dinas-wita", Kind: esop.UnitPerangkatDaerah, Name: "Dinas WITA"}
	if err := db.CreateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	s := esop.CalendarSettings{Zone: esop.ZoneWITA, Days: []time.Weekday{1, 2, 3, 4, 5, 6}, Opens: 7*60 + 30, Closes: 15 * 60}
	if err := db.SetCalendarSettings(ctx, u.ID, s); err != nil {
		t.Fatal(err)
	}
	cal, _ = db.Calendar(ctx, u.ID)
	if got := cal.Settings(); got.Zone != esop.ZoneWITA || len(got.Days) != 6 || got.Opens != 7*60+30 || !cal.IsWorkingDay(esop.MustDate("2026-03-07")) {
		t.Errorf("agency settings %+v", got)
	}
	if def, _ := db.Calendar(ctx, 0); def.Settings().Zone != esop.ZoneWIB || def.IsWorkingDay(esop.MustDate("2026-03-07")) {
		t.Errorf("the default calendar changed")
	}
	stored, ok, err := db.CalendarSettings(ctx, u.ID)
	if err != nil || !ok || stored.Closes != 15*60 {
		t.Errorf("stored settings %+v %v %v", stored, ok, err)
	}
	err = db.SetCalendarSettings(ctx, u.ID, esop.CalendarSettings{Zone: "Europe/Paris", Opens: 16 * 60, Closes: 8 * 60})
	mustCode(t, err, esop.EINVALID)
	mustCode(t, db.SetCalendarSettings(ctx, 999999, s), esop.ENOTFOUND)
	if entries, _, _ := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityCalendar}); len(entries) != 1 || entries[0].Actor != "admin" {
		t.Errorf("calendar settings audit: %+v", entries)
	}
}

func testRunSettings(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "admin", "127.0.0.1")
	o := newOffice(t, db)
	s, err := db.SOPRunSettings(ctx, o.sop)
	if err != nil || s.CountOrDefault() != esop.CountWorking || len(s.Actors) != 0 {
		t.Fatalf("default settings %+v %v", s, err)
	}
	set := func(v string) *string { return &v }
	bad := &esop.RunSettings{Count: "lunar", Actors: map[string]esop.ActorSetting{"kasir": {Position: set("kabid")}, "loket": {Position: set("tidak-ada")}}}
	err = db.SetSOPRunSettings(ctx, o.sop, bad)
	mustCode(t, err, esop.EINVALID)
	if paths := problemPaths(err); paths != "count,actors.kasir,actors.loket.position" {
		t.Errorf("refused at %q", paths)
	}
	// Calendar days, and the loket's work done by the analysts.
	if err := db.SetSOPRunSettings(ctx, o.sop, &esop.RunSettings{Count: esop.CountCalendar,
		Actors: map[string]esop.ActorSetting{"loket": {Position: set("staf")}}}); err != nil {
		t.Fatal(err)
	}
	rec := o.start(t, "loket")
	if rec.Count != esop.CountCalendar || rec.Tasks[0].Position != "staf" || assignees(rec, rec.Tasks[0]) != "plh,staf1,staf2" {
		t.Errorf("run with settings: %s %+v to %s", rec.Count, rec.Tasks[0], assignees(rec, rec.Tasks[0]))
	}
	if entries, _, _ := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySOPSettings}); len(entries) != 1 || !strings.Contains(entries[0].After, `"calendar"`) {
		t.Errorf("audit of the settings: %+v", entries)
	}
	_, err = db.SOPRunSettings(ctx, 999999)
	mustCode(t, err, esop.ENOTFOUND)
}

// testCaseReassignRace moves tasks back and forth (an absence recorded and
// removed, again and again) while 8 goroutines complete them: no task
// that is done may be left in anyone's inbox, and every open task ends
// with the holders of its position.
func testCaseReassignRace(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	const n = 40
	ids := make(chan int64, n)
	for range n {
		ids <- o.start(t, "loket").ID
	}
	close(ids)
	stop := make(chan struct{})
	var toggles sync.WaitGroup
	toggles.Add(1)
	go func() {
		defer toggles.Done()
		admin := esop.WithActor(ctx, "kadis", "127.0.0.1")
		for {
			select {
			case <-stop:
				return
			default:
			}
			a := &esop.Absence{NIP: o.emps["loket"].NIP, From: esop.MustDate("2026-03-02"), To: esop.MustDate("2026-03-02"), Kind: esop.AbsenceSakit}
			if err := db.CreateAbsence(admin, a); err != nil {
				t.Error(err)
				return
			}
			if err := db.DeleteAbsence(admin, a.ID); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		codes = map[string]int{}
	)
	in := esop.Completion{}
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ids {
				_, err := db.CompleteTask(ctx, id, 1, in, o.users["loket"])
				mu.Lock()
				codes[code(err)]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(stop)
	toggles.Wait()
	if codes[""]+codes[esop.EFORBIDDEN] != n {
		t.Fatalf("completions: %v", codes)
	}
	var stale int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM case_task_assignees a JOIN case_tasks t
		ON t.case_id = a.case_id AND t.task_no = a.task_no WHERE a.open = 1 AND t.state <> 'open'`).Scan(&stale); err != nil {
		t.Fatal(err)
	}
	if stale != 0 {
		t.Errorf("%d closed tasks are still in an inbox", stale)
	}
	page, err := db.FindCases(ctx, esop.CaseFilter{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range page.Items {
		task := openTask(t, rec)
		want := "loket"
		if task.Step == "s3" {
			want = "plh,staf1,staf2"
		}
		if got := assignees(rec, task); got != want || task.Delegated {
			t.Errorf("case %d: %s to %s (delegated %v), want %s", rec.ID, task.Step, got, task.Delegated, want)
		}
	}
	t.Logf("completions: %v", codes)
}

// testCaseCompletionsTogether completes the first task of many cases at
// once, some of them twice at the same moment, and then their second
// task at once: on PostgreSQL batches write such completions together
// (sqlstore caseset.go), and every answer, task, inbox row and history
// must be what completions one by one give.
func testCaseCompletionsTogether(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	const n, twice = 40, 10
	recs := make([]*esop.CaseRecord, n)
	for i := range recs {
		recs[i] = o.start(t, "loket")
	}
	before := db.GroupCommitStats()
	// round completes the open task of every case at once (and of the
	// first `again` cases a second time), and checks the answers against
	// the stored cases.
	round := func(again int, want string) {
		t.Helper()
		type answer struct {
			i   int
			rec *esop.CaseRecord
			err error
		}
		answers := make(chan answer, n+again)
		gate := make(chan struct{})
		var wg sync.WaitGroup
		for k := range n + again {
			i := k % n
			rec := recs[i]
			task := openTask(t, rec)
			in := esop.Completion{}
			if task.Step == "s2" {
				in.Checklist = map[string]bool{"KTP": true, "Formulir": true}
			}
			by := o.users[rec.People[task.Assignees[0]]]
			wg.Go(func() {
				<-gate
				out, err := db.CompleteTask(ctx, rec.ID, task.ID, in, by)
				answers <- answer{i, out, err}
			})
		}
		close(gate)
		wg.Wait()
		close(answers)
		got := make([]*esop.CaseRecord, n)
		conflicts := 0
		for a := range answers {
			switch {
			case a.err == nil && got[a.i] == nil:
				got[a.i] = a.rec
			case a.err == nil:
				t.Errorf("case %d: its task was completed twice", recs[a.i].ID)
			case code(a.err) == esop.ECONFLICT:
				conflicts++
			default:
				t.Errorf("case %d: %v", recs[a.i].ID, a.err)
			}
		}
		if conflicts != again {
			t.Errorf("%d conflicts, want %d", conflicts, again)
		}
		for i, answered := range got {
			if answered == nil {
				t.Fatalf("case %d: no completion succeeded", recs[i].ID)
			}
			stored, err := db.FindCase(ctx, answered.ID)
			must(t, err)
			if a, s := caseSummary(answered), caseSummary(stored); a != s {
				t.Errorf("case %d answered\n%s\nstored\n%s", stored.ID, a, s)
			}
			if got := eventKinds(t, db, stored.ID); got != want {
				t.Errorf("case %d: events %s, want %s", stored.ID, got, want)
			}
			recs[i] = stored
		}
	}
	round(twice, "started:loket opened1 completed1:loket opened2")
	round(0, "started:loket opened1 completed1:loket opened2 completed2:loket opened3")
	for _, rec := range recs {
		if got := assignees(rec, openTask(t, rec)); got != "plh,staf1,staf2" {
			t.Fatalf("case %d: s3 went to %q", rec.ID, got)
		}
	}
	if db.Dialect().Name() == "postgres" {
		after := db.GroupCommitStats()
		if after.SetWrites == before.SetWrites {
			t.Errorf("no completion was written together with others (%+v)", after)
		}
		t.Logf("%d completions in %d batches, %d written together, %d batches run again",
			2*n+twice, after.Batches-before.Batches, after.SetWrites-before.SetWrites, after.Reruns-before.Reruns)
	}
}

// caseSummary is what a case's answer and its stored record must agree
// on: its revision, state, due, and each task's state, assignees, due
// and who completed it when.
func caseSummary(rec *esop.CaseRecord) string {
	var b strings.Builder
	fmt.Fprintf(&b, "rev %d %s due %s closed %s\n", rec.Rev, rec.State, utc(rec.Due), utc(rec.ClosedAt))
	for _, task := range rec.Tasks {
		var who []string
		for _, id := range task.Assignees {
			who = append(who, rec.People[id])
		}
		fmt.Fprintf(&b, "%d %s %s [%s] delegated %v due %s done by %q at %s decision %q checklist %v\n", task.ID, task.Step, task.State,
			strings.Join(who, ","), task.Delegated, utc(task.Due), rec.People[task.CompletedBy], utc(task.CompletedAt), task.Decision, task.Checklist)
	}
	return b.String()
}

// utc is an optional instant in UTC, or "-".
func utc(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.RFC3339Nano)
}

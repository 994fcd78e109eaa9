package storetest

import (
	"context"
	"math"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlstore"
)

// Performance aggregates (issue 12): kept up to date by every start,
// completion and cancellation, they equal their recomputation from the
// cases (RebuildStats), and the figures answered from them agree with
// the cases themselves.

var statsTests = []struct {
	name string
	fn   func(t *testing.T, db *sqlstore.DB)
}{
	{"StatsAgreeWithCases", testStatsAgreeWithCases},
	{"StatsConcurrentCompletions", testStatsConcurrent},
	{"StatsBadQueries", testStatsBadQueries},
	{"HistoryGenerated", testHistoryGenerated},
}

// runStatsCases runs n cases of the office's SOP over about three months
// with a clock that moves by pseudo-random working delays: some tasks
// late, some loops back, some cases cancelled, the last ones left open.
func runStatsCases(t *testing.T, o *office, n int) {
	t.Helper()
	ctx := context.Background()
	seed := uint64(7)
	rnd := func(k int) int { // 0 … k-1, deterministic
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(k))
	}
	cur := caseNow
	o.db.Now = func() time.Time { return cur }
	for i := range n {
		cur = caseNow.Add(time.Duration(i) * 41 * time.Hour)
		rec := o.start(t, "loket")
		steps := 0
		for rec.State == esop.CaseOpen && steps < 12 {
			if i >= n-3 && steps == 2 {
				break // left open
			}
			if i%9 == 4 && steps == 2 {
				var err error
				if rec, err = o.db.CancelCase(ctx, rec.ID, "Pemohon membatalkan", o.users["kadis"]); err != nil {
					t.Fatal(err)
				}
				break
			}
			task := openTask(t, rec)
			cur = cur.Add(time.Duration(5+rnd(300)) * time.Minute)
			if rnd(5) == 0 {
				cur = cur.Add(time.Duration(rnd(40)) * time.Hour) // the long tail
			}
			decision := ""
			if task.Step == "s3" {
				decision = esop.DecisionYes
				if rnd(4) == 0 {
					decision = esop.DecisionNo
				}
			}
			by := rec.People[task.Assignees[rnd(len(task.Assignees))]]
			rec = o.complete(t, rec, by, decision)
			steps++
		}
	}
	cur = cur.Add(2 * time.Hour)
}

// testStatsConcurrent completes the first task of many cases at once:
// the completions add to the aggregates in whatever shards their
// transactions took (on PostgreSQL several batches run side by side),
// and the sums per key are still the recomputation.
func testStatsConcurrent(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	o.db.Now = func() time.Time { return caseNow }
	const n = 64
	recs := make(chan *esop.CaseRecord, n)
	for range n {
		recs <- o.start(t, "loket")
	}
	close(recs)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for rec := range recs {
				task := rec.OpenTasks()[0]
				in := esop.Completion{}
				if task.Step == "s2" {
					in.Checklist = map[string]bool{"KTP": true, "Formulir": true}
				}
				if _, err := db.CompleteTask(ctx, rec.ID, task.ID, in, o.users[rec.People[task.Assignees[0]]]); err != nil {
					t.Errorf("case %d: %v", rec.ID, err)
				}
			}
		})
	}
	wg.Wait()
	kept, err := db.StatRows(ctx)
	must(t, err)
	st, err := db.Stats(ctx, esop.StatsQuery{From: caseNow.Format("2006-01"), To: caseNow.Format("2006-01"), By: esop.StatsByStep})
	must(t, err)
	if st.Tasks.Tasks != n {
		t.Errorf("%d tasks counted, want %d", st.Tasks.Tasks, n)
	}
	must(t, db.RebuildStats(ctx))
	rebuilt, err := db.StatRows(ctx)
	must(t, err)
	if !slices.Equal(kept, rebuilt) {
		t.Errorf("aggregates kept by concurrent completions differ from the rebuilt ones:\nkept    %v\nrebuilt %v", kept, rebuilt)
	}
}

func testStatsAgreeWithCases(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	runStatsCases(t, o, 48)

	// The aggregates kept by the completions are their recomputation.
	kept, err := db.StatRows(ctx)
	must(t, err)
	if len(kept) < 20 {
		t.Fatalf("only %d aggregate rows", len(kept))
	}
	must(t, db.RebuildStats(ctx))
	rebuilt, err := db.StatRows(ctx)
	must(t, err)
	if !slices.Equal(kept, rebuilt) {
		t.Errorf("aggregates kept differ from the rebuilt ones:\nkept    %v\nrebuilt %v", kept, rebuilt)
	}

	// Recompute the figures from the cases themselves.
	page, err := db.FindCases(ctx, esop.CaseFilter{Limit: 200})
	must(t, err)
	cal, err := db.Calendar(ctx, page.Items[0].AgencyID)
	must(t, err)
	type fig struct {
		tasks, onTime, late int64
		minutes             []float64
	}
	bySteps, byEmp := map[string]*fig{}, map[int64]*fig{}
	var all fig
	var cases esop.CaseFigures
	var cycle []float64
	empOf := map[int64]int64{}
	for _, u := range o.users {
		empOf[u.ID] = u.EmployeeID
	}
	from, to := "9999-99", "0000-00"
	month := func(t time.Time) string { return t.In(cal.Location()).Format("2006-01") }
	for _, c := range page.Items {
		cases.Started++
		from, to = min(from, month(c.ReceivedAt)), max(to, month(c.ReceivedAt))
		switch c.State {
		case esop.CaseCancelled:
			cases.Cancelled++
		case esop.CaseDone:
			cases.Finished++
			if c.ClosedAt.After(*c.Due) {
				cases.Late++
			} else {
				cases.OnTime++
			}
			cycle = append(cycle, cal.WorkingMinutesBetween(c.ReceivedAt, *c.ClosedAt))
		}
		for _, task := range c.Tasks {
			if task.State != esop.TaskDone {
				continue
			}
			to = max(to, month(*task.CompletedAt))
			key := strconv.FormatInt(c.SOPID, 10) + "/" + task.Step
			for _, f := range []*fig{&all, get(bySteps, key), get(byEmp, empOf[task.CompletedBy])} {
				f.tasks++
				if task.CompletedAt.After(*task.Due) {
					f.late++
				} else {
					f.onTime++
				}
				f.minutes = append(f.minutes, cal.WorkingMinutesBetween(task.OpenedAt, *task.CompletedAt))
			}
		}
	}
	if cases.Cancelled == 0 || cases.Late == 0 || cases.OnTime == 0 || all.late == 0 || from == to {
		t.Fatalf("the run does not cover what it should: %+v, %d late tasks, %s … %s", cases, all.late, from, to)
	}
	checkTime := func(what string, got float64, minutes []float64, q float64) {
		t.Helper()
		slices.Sort(minutes)
		want := esop.ExactQuantile(minutes, q)
		// within the bucket's half-width in 1 + minutes, and the rounding to a tenth
		if r := math.Abs(math.Log((1 + got) / (1 + want))); r > math.Log(1+esop.StatBucketError)+0.05/(1+want) {
			t.Errorf("%s: %.1f minutes, exactly %.2f (%.1f %% off)", what, got, want, 100*(math.Exp(r)-1))
		}
	}

	st, err := db.Stats(ctx, esop.StatsQuery{From: from, To: to, By: esop.StatsByStep})
	must(t, err)
	if *st.Cases != cases {
		t.Errorf("cases %+v, from the cases %+v", *st.Cases, cases)
	}
	checkTime("cycle median", st.CycleTime.Median, cycle, 0.5)
	checkTime("cycle p90", st.CycleTime.P90, cycle, 0.9)
	if st.Tasks.Tasks != all.tasks || st.Tasks.OnTime != all.onTime || st.Tasks.Late != all.late {
		t.Errorf("tasks %+v, from the cases %+v", st.Tasks, all)
	}
	checkTime("task median", st.Tasks.MedianMinutes, all.minutes, 0.5)
	if len(st.Groups) != len(bySteps) {
		t.Errorf("%d step groups, %d steps done", len(st.Groups), len(bySteps))
	}
	var lateShares float64
	for _, g := range st.Groups {
		f := bySteps[g.Key]
		if f == nil || g.Tasks != f.tasks || g.OnTime != f.onTime || g.Late != f.late {
			t.Errorf("step %s: %+v, from the cases %+v", g.Key, g, f)
			continue
		}
		checkTime("median of "+g.Key, g.MedianMinutes, f.minutes, 0.5)
		checkTime("p90 of "+g.Key, g.P90Minutes, f.minutes, 0.9)
		lateShares += g.LateShare
		if g.Label == g.Step {
			t.Errorf("step %s has no label", g.Key)
		}
	}
	if math.Abs(lateShares-1) > 0.001 {
		t.Errorf("the late shares of the steps sum to %f", lateShares)
	}
	if g := st.Groups[slices.IndexFunc(st.Groups, func(g esop.StatsGroup) bool { return g.Step == "s4" })]; g.StandardMinutes != 8*60 {
		t.Errorf("standard of s4 (1 day) %.1f minutes", g.StandardMinutes)
	}
	if st.Open.OnTrack+st.Open.AtRisk+st.Open.Breached != 3 {
		t.Errorf("open work %+v, 3 cases left open with one task each", st.Open)
	}

	// One employee's own figures: their tasks only, no case figures.
	staf1 := o.emps["staf1"].ID
	st, err = db.Stats(ctx, esop.StatsQuery{From: from, To: to, EmployeeID: staf1, By: esop.StatsByMonth})
	must(t, err)
	if f := byEmp[staf1]; st.Tasks.Tasks != f.tasks || st.Tasks.Late != f.late || st.Cases != nil {
		t.Errorf("staf1: %+v cases %v, from the cases %+v", st.Tasks, st.Cases, f)
	}
	var sum int64
	for _, g := range st.Groups {
		sum += g.Tasks
	}
	if sum != st.Tasks.Tasks || len(st.Groups) < 2 {
		t.Errorf("months of staf1: %+v", st.Groups)
	}
	// By employee: every employee who did work, named.
	st, err = db.Stats(ctx, esop.StatsQuery{From: from, To: to, By: esop.StatsByEmployee})
	must(t, err)
	for _, g := range st.Groups {
		id, _ := strconv.ParseInt(g.Key, 10, 64)
		if f := byEmp[id]; f == nil || f.tasks != g.Tasks || g.Label == g.Key {
			t.Errorf("employee %s: %+v, from the cases %+v", g.Key, g, f)
		}
	}
	// By month, with the cases of each month.
	st, err = db.Stats(ctx, esop.StatsQuery{From: from, To: to, By: esop.StatsByMonth})
	must(t, err)
	var started int64
	for _, g := range st.Groups {
		if g.Cases != nil {
			started += g.Cases.Started
		}
	}
	if started != cases.Started {
		t.Errorf("cases started by month sum to %d, not %d", started, cases.Started)
	}
	// A unit the cases are not in has nothing; the empty list of units nothing either.
	st, err = db.Stats(ctx, esop.StatsQuery{From: from, To: to, Units: []int64{o.units["pemkot"]}})
	must(t, err)
	if st.Tasks.Tasks != 0 || st.Cases.Started != 0 || len(st.Groups) != 0 {
		t.Errorf("another unit: %+v", st)
	}
	st, err = db.Stats(ctx, esop.StatsQuery{From: from, To: to, Units: []int64{}})
	must(t, err)
	if st.Tasks.Tasks != 0 || st.Open != (esop.OpenFigures{}) {
		t.Errorf("no unit: %+v", st)
	}
}

func get[K comparable, V any](m map[K]*V, k K) *V {
	if m[k] == nil {
		m[k] = new(V)
	}
	return m[k]
}

func testStatsBadQueries(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	for _, q := range []esop.StatsQuery{
		{From: "2026-13", To: "2026-12"},
		{From: "2026-01-01", To: "2026-02"},
		{From: "2026-03", To: "2026-02"},
		{From: "2026-01", To: "2026-02", By: "hari"},
		{From: "", To: "2026-02"},
	} {
		_, err := db.Stats(ctx, q)
		if esop.ErrorCode(err) != esop.EINVALID {
			t.Errorf("%+v: %v", q, err)
			continue
		}
		if e := err.(*esop.Error); len(e.Problems) == 0 || e.Problems[0].Message.ID == "" {
			t.Errorf("%+v: no problem named: %+v", q, e)
		}
	}
}

// testHistoryGenerated: a generated history (esop demo --cases) is made
// of cases the store can go on with, and its figures are its cases'.
func testHistoryGenerated(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "demo", "")
	end := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return end }
	if _, err := sampledata.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	sum, err := db.GenerateHistory(ctx, sqlstore.HistoryOptions{Cases: 300, Months: 6, Seed: 3, End: end})
	must(t, err)
	if sum.Cases != 300 || sum.Done+sum.Cancelled+sum.Open != 300 || sum.Late == 0 || sum.Loops == 0 || sum.Delegated == 0 ||
		sum.Absences != 6 || sum.Accounts == 0 || len(sum.SOPs) < 5 || sum.Open == 0 {
		t.Fatalf("summary %+v", sum)
	}
	st, err := db.Stats(ctx, esop.StatsQuery{From: "2026-05", To: "2026-11", By: esop.StatsBySOP})
	must(t, err)
	if st.Cases.Started != 300 || st.Cases.Finished != int64(sum.Done) || st.Cases.Cancelled != int64(sum.Cancelled) ||
		st.Tasks.Tasks != int64(sum.Tasks) || st.Tasks.Late != int64(sum.Late) || st.Tasks.Delegated != int64(sum.Delegated) {
		t.Errorf("figures %+v %+v, summary %+v", st.Cases, st.Tasks, sum)
	}
	if open := st.Open.OnTrack + st.Open.AtRisk + st.Open.Breached; open != int64(sum.Open) {
		t.Errorf("%d open tasks, %d open cases", open, sum.Open)
	}
	// The store goes on with an open case of the history: its assignee
	// completes its task, and the aggregates kept are still their recomputation.
	page, err := db.FindCases(ctx, esop.CaseFilter{State: esop.CaseOpen, Limit: 1})
	must(t, err)
	rec := page.Items[0]
	task := rec.OpenTasks()[0]
	users, err := db.FindUsers(ctx)
	must(t, err)
	var by *esop.User
	for _, u := range users {
		if u.ID == task.Assignees[0] {
			by = u
		}
	}
	d, err := db.FindSOPByID(ctx, rec.SOPID)
	must(t, err)
	in := esop.Completion{Checklist: map[string]bool{}}
	step := d.Current.Document.Steps[d.Current.Document.StepIndex(task.Step)]
	for _, r := range step.Requirements {
		in.Checklist[r] = true
	}
	if step.Decision != nil {
		in.Decision = esop.DecisionYes
	}
	db.Now = func() time.Time { return end.Add(time.Hour) }
	if _, err := db.CompleteTask(ctx, rec.ID, task.ID, in, by); err != nil {
		t.Fatalf("completing %s of a generated case: %v", task.Step, err)
	}
	kept, err := db.StatRows(ctx)
	must(t, err)
	must(t, db.RebuildStats(ctx))
	rebuilt, err := db.StatRows(ctx)
	must(t, err)
	if !slices.Equal(kept, rebuilt) {
		t.Error("after a completion the kept aggregates differ from the rebuilt ones")
	}
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// statsOut is the body of GET /api/v1/stats.
type statsOut struct {
	From, To, By string
	Cases        *struct{ Started, Finished, OnTime, Late, Cancelled int64 }
	CycleTime    *struct{ Median, P90, Standard float64 }
	Tasks        struct{ Tasks, OnTime, Late int64 }
	Open         struct{ OnTrack, AtRisk, Breached int64 }
	Groups       []struct {
		Key, Label, Step               string
		Tasks, OnTime, Late            int64
		OnTimeShare, LateShare         float64
		MedianMinutes, StandardMinutes float64
	}
}

// runCasesThrough runs n cases of the PKB SOP to their end through the
// store, every task done by its first assignee after delay(i, k) from
// the previous one, from 16 November 2026 08:00 WIB; it returns the
// tasks each user completed.
func (e *runEnv) runCasesThrough(t *testing.T, n int, delay func(i, k int) time.Duration) map[string]int64 {
	return e.runCasesFrom(t, time.Date(2026, 11, 16, 1, 0, 0, 0, time.UTC), n, delay)
}

// runCasesFrom is runCasesThrough from another time.
func (e *runEnv) runCasesFrom(t *testing.T, from time.Time, n int, delay func(i, k int) time.Duration) map[string]int64 {
	t.Helper()
	ctx := esop.WithActor(context.Background(), "mediator", "127.0.0.1")
	done := map[string]int64{}
	for i := range n {
		now := from.Add(time.Duration(i) * 20 * time.Minute)
		e.db.Now = func() time.Time { return now }
		rec, err := e.db.StartCase(ctx, esop.NewCase{SOPID: e.sopID, By: e.user("mediator")})
		if err != nil {
			t.Fatal(err)
		}
		for k := 0; rec.State == esop.CaseOpen; k++ {
			task := rec.OpenTasks()[0]
			name := rec.People[task.Assignees[0]]
			in := esop.Completion{Checklist: e.checklistFor(t, task.Step)}
			if task.Step == "b2" || task.Step == "b3" {
				in.Decision = esop.DecisionYes
			}
			now = now.Add(delay(i, k))
			if rec, err = e.db.CompleteTask(ctx, rec.ID, task.ID, in, e.user(name)); err != nil {
				t.Fatalf("case %d, %s as %s: %v", i, task.Step, name, err)
			}
			done[name]++
		}
	}
	e.db.Now = func() time.Time { return fixedNow }
	return done
}

// TestStatsAPI: the figures of the cases run, to whom the policy lets
// see them, on SQLite and PostgreSQL; bad requests are 422 with the
// parameter named, and someone else's figures are never answered.
func TestStatsAPI(t *testing.T) {
	t.Parallel()
	for dbName, base := range envs(t) {
		t.Run(dbName, func(t *testing.T) {
			base.t = t
			e := runEnvOf(t, base)
			// Three cases; in the second every task takes three working hours (late).
			done := e.runCasesThrough(t, 3, func(i, k int) time.Duration {
				if i == 1 {
					return 3 * time.Hour
				}
				return 10 * time.Minute
			})
			var total int64
			for _, n := range done {
				total += n
			}
			emp := func(nip string) int64 {
				x, err := e.db.FindEmployeeByNIP(context.Background(), nip)
				if err != nil {
					t.Fatal(err)
				}
				return x.ID
			}
			get := func(user, query string, want int) statsOut {
				t.Helper()
				var out statsOut
				res := e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/stats?"+query, e.bearer(user), nil, &out)
				if res.StatusCode != want {
					t.Fatalf("%s ?%s: %d, want %d: %.300s", user, query, res.StatusCode, want, res.body)
				}
				return out
			}

			// The head of office sees every step of the month; the counts are the cases'.
			st := get("kadis", "from=2026-11&to=2026-11&by=step", http.StatusOK)
			if st.Cases == nil || st.Cases.Started != 3 || st.Cases.Finished != 3 || st.Cases.Late != 1 || st.Cases.OnTime != 2 {
				t.Errorf("cases %+v", st.Cases)
			}
			if st.Tasks.Tasks != total || st.Tasks.OnTime+st.Tasks.Late != total || st.Tasks.Late == 0 {
				t.Errorf("tasks %+v, %d done", st.Tasks, total)
			}
			var late int64
			for _, g := range st.Groups {
				late += g.Late
				if g.Label == "" || g.Label == g.Step {
					t.Errorf("step %s is not labelled by its activity: %q", g.Key, g.Label)
				}
				if g.Step == "b3" && (g.StandardMinutes != 120 || g.Tasks != 3 || g.OnTime+g.Late != 3) {
					t.Errorf("b3: %+v", g)
				}
			}
			if late != st.Tasks.Late || st.CycleTime == nil || st.CycleTime.Median <= 0 {
				t.Errorf("late %d of %d; cycle %+v", late, st.Tasks.Late, st.CycleTime)
			}
			// The default period ends this month (November 2026) and spans a year.
			if st := get("kadis", "", http.StatusOK); st.From != "2025-12" || st.To != "2026-11" || st.By != "step" || st.Tasks.Tasks != total {
				t.Errorf("default period %s … %s by %s, %d tasks", st.From, st.To, st.By, st.Tasks.Tasks)
			}
			// The Kepala Bidang HI sees the unit's figures, not another unit's.
			if st := get("kabidhi", "unit=bidang-hi&by=employee", http.StatusOK); st.Tasks.Tasks != total || len(st.Groups) != 3 {
				t.Errorf("Bidang HI by employee: %+v", st)
			}
			get("kabidhi", "unit=bidang-penta", http.StatusForbidden)
			// An official sees their own figures, with no case figures; never another's.
			mediator := emp(nipMediator)
			own := get("mediator", "by=month", http.StatusOK)
			if own.Tasks.Tasks != done["mediator"] || own.Cases != nil || len(own.Groups) != 1 || own.Groups[0].Key != "2026-11" {
				t.Errorf("the mediator's own figures: %+v (did %d)", own, done["mediator"])
			}
			if st := get("mediator", "employee="+strconv.FormatInt(mediator, 10), http.StatusOK); st.Tasks != own.Tasks {
				t.Errorf("employee=own %+v, %+v", st.Tasks, own.Tasks)
			}
			get("mediator", "employee="+strconv.FormatInt(emp(nipKabidHI), 10), http.StatusNotFound)
			get("mediator", "employee=999999", http.StatusNotFound)
			// … in a unit, their own work there.
			if st := get("mediator", "unit=bidang-hi", http.StatusOK); st.Tasks != own.Tasks || st.Cases != nil {
				t.Errorf("the mediator's own figures in Bidang HI: %+v", st)
			}
			// The head sees an official of the unit; not the Kepala Dinas above it.
			if st := get("kabidhi", "employee="+strconv.FormatInt(mediator, 10), http.StatusOK); st.Tasks.Tasks != done["mediator"] {
				t.Errorf("the head's view of the mediator: %+v", st.Tasks)
			}
			get("kabidhi", "employee="+strconv.FormatInt(emp(nipKadis), 10), http.StatusNotFound)
			// An auditor of every unit and an administrator see all.
			if st := get("auditor", "from=2026-11&to=2026-11", http.StatusOK); st.Tasks.Tasks != total {
				t.Errorf("auditor: %+v", st.Tasks)
			}
			// Filters by SOP and position.
			if st := get("admin", fmt.Sprintf("sop=%d&position=kadis&from=2026-11&to=2026-11", e.sopID), http.StatusOK); st.Tasks.Tasks != done["kadis"] || st.Cases != nil {
				t.Errorf("position kadis: %+v", st)
			}
			if st := get("admin", fmt.Sprintf("sop=%d&from=2026-10&to=2026-10", e.sopID), http.StatusOK); st.Tasks.Tasks != 0 || st.Cases.Started != 0 {
				t.Errorf("October: %+v", st)
			}
			// Bad requests name what is wrong.
			for _, tc := range []struct{ query, path string }{
				{"from=2026-05&to=2026-01", "to"},
				{"from=2026-13", "from"},
				{"from=2026-01-01&to=2026-02", "from"},
				{"by=hari", "by"},
				{"employee=abc", "employee"},
				{"sop=-1", "sop"},
				{"foo=1", "foo"},
				{"by=step&by=month", "by"},
			} {
				res := e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/stats?"+tc.query, e.bearer("admin"), nil, nil)
				mustStatus(t, res, http.StatusUnprocessableEntity)
				if p := errorPaths(t, res); p != tc.path {
					t.Errorf("?%s: problem at %q, want %q", tc.query, p, tc.path)
				}
			}
			get("admin", "sop=999999", http.StatusNotFound)
			get("admin", "unit=tidak-ada", http.StatusNotFound)
			get("admin", "position=tidak-ada", http.StatusNotFound)
			res := e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/stats", "", nil, nil)
			mustStatus(t, res, http.StatusUnauthorized)
		})
	}
}

// statsMatrix is the authorization matrix of the figures (see
// TestAuthorizationMatrix): administrators and the auditor of every unit
// read them; the other accounts of the matrix head no unit and are linked
// to no employee, so they have no figures of their own either.
func statsMatrix() map[string][]matrixCase {
	readers := row(st401, st200, st403, st403, st403, st403, st403, st200)
	return map[string][]matrixCase{
		"GET /api/v1/stats": {
			{want: readers},
			{query: "unit=bidang-hi&by=employee", want: readers},
			{query: "from=2026-05&to=2026-01", want: row(st401, st422, st403, st403, st403, st403, st403, st422)},
		},
		"GET /stats":                {{want: row(st303, st200, st403, st403, st403, st403, st403, st200)}},
		"GET /stats.xlsx":           {{want: row(st303, st200, st403, st403, st403, st403, st403, st200)}},
		"GET /stats/sops/{id}/heat": {{subject: subjInForce, want: row(st303, st200, st403, st403, st403, st403, st403, st200)}},
	}
}

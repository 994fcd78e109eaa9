package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/testdb"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
)

// Calls of GroupTx that arrive together share transactions; each is
// answered after its writes are committed, a failing call leaves no
// write and does not undo the others, and a call whose client left
// before it ran writes nothing.
func TestGroupCommit(t *testing.T) {
	db := testdb.SQLite(t)
	testGroupCommit(t, db)
}

// TestGroupCommitPostgres is the same on PostgreSQL, where several
// batches run at once (sqlstore.GroupLeaders).
func TestGroupCommitPostgres(t *testing.T) {
	testGroupCommit(t, storetest.FreshPostgres(t))
}

func testGroupCommit(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	if _, err := db.SQL().ExecContext(ctx, `CREATE TABLE g (n INTEGER PRIMARY KEY, tx INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	const calls = 200
	errOdd := errors.New("odd")
	gone, cancel := context.WithCancel(ctx)
	cancel()
	// First calls hold every leader's place until all the others wait,
	// so that they arrive together whatever the machine's speed.
	leaders := db.GroupLeaders()
	release := make(chan struct{})
	held := make(chan error, leaders)
	shards := make(chan int, leaders)
	for range leaders {
		go func() {
			held <- db.GroupTx(ctx, func(tx *sql.Tx) error { shards <- db.TxShard(tx); <-release; return nil })
		}()
	}
	for db.GroupWaiting() != 0 || db.GroupBatches() < int64(leaders) {
		time.Sleep(time.Millisecond) // until the first calls lead their batches
	}
	// The batches running at once add to different shards of the
	// statistics, 0 … leaders-1, so that none waits for another's row.
	seen := map[int]bool{}
	for range leaders {
		s := <-shards
		if s < 0 || s >= leaders || seen[s] {
			t.Errorf("a batch running beside %v adds to shard %d", seen, s)
		}
		seen[s] = true
	}
	var wg sync.WaitGroup
	results := make([]error, calls)
	for i := range calls {
		wg.Go(func() {
			c := ctx
			if i%10 == 9 {
				c = gone
			}
			results[i] = db.GroupTx(c, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, `INSERT INTO g (n, tx) VALUES ($1, $2)`, i+1, i+1); err != nil {
					return err
				}
				if err := db.RecordInTx(ctx, tx, i+1); err != nil { // an audit entry and statistics
					return err
				}
				if i%2 == 1 {
					return fmt.Errorf("call %d: %w", i, errOdd)
				}
				return nil
			})
		})
	}
	for db.GroupWaiting() < calls {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	for range leaders {
		if err := <-held; err != nil {
			t.Fatal(err)
		}
	}
	// The first calls' batches, then the 200 in batches of maxGroup (64).
	if b := db.GroupBatches(); b > int64(leaders+(calls+63)/64) {
		t.Errorf("%d calls arriving together took %d transactions: not grouped", calls, b)
	} else {
		t.Logf("%d calls in %d transactions", calls, b)
	}
	want := map[int]bool{}
	for i, err := range results {
		switch {
		case i%10 == 9:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("call %d, client gone: err = %v, want context.Canceled", i, err)
			}
		case i%2 == 1:
			if !errors.Is(err, errOdd) {
				t.Errorf("call %d: err = %v, want its own error", i, err)
			}
		default:
			if err != nil {
				t.Errorf("call %d: %v", i, err)
			}
			want[i+1] = true
		}
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT n FROM g`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[int]bool{}
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		got[n] = true
	}
	if len(got) != len(want) {
		t.Errorf("%d rows committed, want %d (the successful calls)", len(got), len(want))
	}
	for n := range want {
		if !got[n] {
			t.Errorf("the write of call %d, answered with success, is not in the database", n-1)
		}
	}
	// The audit entries and the statistics of the successful calls are
	// committed once each; those of the failing calls (and of the runs
	// rolled back) not at all.
	audited := map[string]int{}
	rows, err = db.SQL().QueryContext(ctx, `SELECT entity_id FROM audit_log WHERE entity = 'g'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		audited[id]++
	}
	if len(audited) != len(want) {
		t.Errorf("%d calls audited, want %d (the successful calls)", len(audited), len(want))
	}
	for n := range want {
		if audited[fmt.Sprint(n)] != 1 {
			t.Errorf("call %d audited %d times, want once", n-1, audited[fmt.Sprint(n)])
		}
	}
	var started int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COALESCE(SUM(started), 0) FROM stat_cases`).Scan(&started); err != nil {
		t.Fatal(err)
	}
	if started != len(want) {
		t.Errorf("statistics count %d calls, want %d (the successful calls)", started, len(want))
	}
	// Batches where a call failed among others ran again with savepoints.
	if db.GroupReruns() == 0 {
		t.Errorf("no batch ran again after a call failed")
	}
}

// TestGroupBatchTakesInLateCalls: on SQLite a batch takes in the calls
// that queue while it runs (joining) and commits them with its own, so
// that they do not wait for its commit to form a batch of their own.
// One call leads and holds its batch open; four more queue meanwhile;
// all five commit in the one transaction, each answered after it.
func TestGroupBatchTakesInLateCalls(t *testing.T) {
	ctx := context.Background()
	db := testdb.SQLite(t)
	if _, err := db.SQL().ExecContext(ctx, `CREATE TABLE g (n INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	insert := func(n int) func(tx *sql.Tx) error {
		return func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO g (n) VALUES ($1)`, n)
			return err
		}
	}
	before := db.GroupBatches()
	release := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([]error, 5)
	wg.Go(func() {
		errs[0] = db.GroupTx(ctx, func(tx *sql.Tx) error { <-release; return insert(1)(tx) })
	})
	for db.GroupBatches() == before {
		time.Sleep(time.Millisecond) // until the first call leads its batch
	}
	for i := 1; i < 5; i++ {
		wg.Go(func() { errs[i] = db.GroupTx(ctx, insert(i+1)) })
	}
	for db.GroupWaiting() != 4 {
		time.Sleep(time.Millisecond) // until the four others wait
	}
	close(release)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("call %d: %v", i+1, err)
		}
	}
	var n int
	if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM g`).Scan(&n); err != nil || n != 5 {
		t.Errorf("%d rows, %v", n, err)
	}
	if got := db.GroupBatches() - before; got != 1 {
		t.Errorf("%d transactions for five calls queued while the first ran, want 1", got)
	}
}

// TestGroupCompletionsWithFailures: completions queued together, some
// of them a second completion of a task another call of the same batch
// completes. Each task is completed exactly once, the second call is
// answered with a conflict, and the history and the statistics hold the
// successful completions once each, whichever way the batch ran.
func TestGroupCompletionsWithFailures(t *testing.T) {
	db := testdb.SQLite(t)
	testGroupCompletions(t, db)
}

func TestGroupCompletionsWithFailuresPostgres(t *testing.T) {
	testGroupCompletions(t, storetest.FreshPostgres(t))
}

func testGroupCompletions(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	f, err := storetest.NewCaseFixture(ctx, db, 2)
	if err != nil {
		t.Fatal(err)
	}
	const cases = 12
	var recs []*esop.CaseRecord
	for range cases {
		rec, err := db.StartCase(ctx, esop.NewCase{SOPID: f.SOPID, By: f.Users[0]})
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	// Every leader's place held, so that the completions queue together.
	leaders := db.GroupLeaders()
	release := make(chan struct{})
	held := make(chan error, leaders)
	before := db.GroupBatches()
	for range leaders {
		go func() { held <- db.GroupTx(ctx, func(tx *sql.Tx) error { <-release; return nil }) }()
	}
	for db.GroupWaiting() != 0 || db.GroupBatches() < before+int64(leaders) {
		time.Sleep(time.Millisecond)
	}
	reruns := db.GroupReruns()
	type result struct {
		user int
		rec  *esop.CaseRecord
		err  error
	}
	results := make([][]result, cases)
	var (
		wg       sync.WaitGroup
		finished atomic.Int32 // completions answered
	)
	calls := 0
	for i, rec := range recs {
		users := []int{0}
		if i%3 == 0 {
			users = []int{0, 1} // two clerks complete the same task at once
		}
		results[i] = make([]result, len(users))
		for k, u := range users {
			calls++
			wg.Go(func() {
				out, err := db.CompleteTask(ctx, rec.ID, 1, esop.Completion{Checklist: map[string]bool{"Berkas": true}}, f.Users[u])
				results[i][k] = result{u, out, err}
				finished.Add(1)
			})
		}
	}
	for db.GroupWaiting() != calls {
		if finished.Load() > 0 { // answered before the writer was free: it failed before queueing
			close(release)
			wg.Wait()
			t.Fatalf("a completion was answered before its batch could run: %+v", results)
		}
		time.Sleep(time.Millisecond) // until every completion has planned and queued
	}
	close(release)
	wg.Wait()
	for range leaders {
		if err := <-held; err != nil {
			t.Fatal(err)
		}
	}
	if db.GroupReruns() == reruns {
		t.Errorf("no batch ran again, though calls failed among others")
	}
	for i, rec := range recs {
		winner := -1
		for _, r := range results[i] {
			switch {
			case r.err == nil:
				if winner >= 0 {
					t.Errorf("case %d: task 1 completed twice", i)
				}
				winner = r.user
				if r.rec == nil || r.rec.Rev != rec.Rev+1 || r.rec.Tasks[0].State != esop.TaskDone || r.rec.Tasks[0].CompletedBy != f.Users[r.user].ID {
					t.Errorf("case %d: answered %+v", i, r.rec)
				}
			case esop.ErrorCode(r.err) != esop.ECONFLICT:
				t.Errorf("case %d, the second completion: %v, want a conflict", i, r.err)
			case r.rec != nil:
				t.Errorf("case %d: a failed completion answered with a case", i)
			}
		}
		if winner < 0 {
			t.Errorf("case %d: no completion succeeded: %+v", i, results[i])
			continue
		}
		stored, err := db.FindCase(ctx, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Rev != rec.Rev+1 || len(stored.Tasks) != 2 || stored.Tasks[0].State != esop.TaskDone ||
			stored.Tasks[0].CompletedBy != f.Users[winner].ID || stored.Tasks[1].State != esop.TaskOpen {
			t.Errorf("case %d stored at rev %d (started at %d), tasks %+v", i, stored.Rev, rec.Rev, stored.Tasks)
		}
		evs, err := db.CaseEvents(ctx, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		completed := 0
		for _, e := range evs {
			if e.Kind == esop.EventCompleted {
				completed++
			}
		}
		if completed != 1 {
			t.Errorf("case %d: %d completions in the history, want 1", i, completed)
		}
	}
	var tasks int
	if err := db.SQL().QueryRowContext(ctx, `SELECT COALESCE(SUM(tasks), 0) FROM stat_steps`).Scan(&tasks); err != nil {
		t.Fatal(err)
	}
	if tasks != cases {
		t.Errorf("statistics count %d tasks done, want %d", tasks, cases)
	}
}

// TestCompletionClientGone: a completion whose client has left before it
// starts reads and writes nothing and says so (the readers run their
// statements to their end, but do not start one for a context that has
// ended).
func TestCompletionClientGone(t *testing.T) {
	ctx := context.Background()
	db := testdb.SQLite(t)
	f, err := storetest.NewCaseFixture(ctx, db, 1)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := db.StartCase(ctx, esop.NewCase{SOPID: f.SOPID, By: f.Users[0]})
	if err != nil {
		t.Fatal(err)
	}
	gone, cancel := context.WithCancel(ctx)
	cancel()
	in := esop.Completion{Checklist: map[string]bool{"Berkas": true}}
	if out, err := db.CompleteTask(gone, rec.ID, 1, in, f.Users[0]); !errors.Is(err, context.Canceled) || out != nil {
		t.Errorf("completion of a client gone: %v, %v; want context.Canceled", out, err)
	}
	stored, err := db.FindCase(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Rev != rec.Rev || stored.Tasks[0].State != esop.TaskOpen {
		t.Errorf("the case changed: rev %d → %d, task %s", rec.Rev, stored.Rev, stored.Tasks[0].State)
	}
	if _, err := db.CompleteTask(ctx, rec.ID, 1, in, f.Users[0]); err != nil {
		t.Errorf("completion after: %v", err)
	}
}

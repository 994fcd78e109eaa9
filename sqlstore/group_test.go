package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
)

// Calls of GroupTx that arrive together share transactions; each is
// answered after its writes are committed, a failing call leaves no
// write and does not undo the others, and a call whose client left
// before it ran writes nothing.
func TestGroupCommit(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "esop.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
}

// TestGroupBatchTakesInLateCalls: on SQLite a batch takes in the calls
// that queue while it runs (joining) and commits them with its own, so
// that they do not wait for its commit to form a batch of their own.
// One call leads and holds its batch open; four more queue meanwhile;
// all five commit in the one transaction, each answered after it.
func TestGroupBatchTakesInLateCalls(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "esop.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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

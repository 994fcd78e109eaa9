package sqlstore_test

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/esop-malang/esop/storetest"
)

// TestDeadlockRunsAgain: two transactions that lock two rows in opposite
// orders deadlock on PostgreSQL, which aborts one of them (SQLSTATE
// 40P01). A write run by inTxRetry runs again and both succeed, each
// write once: the reassignment of open tasks while completions lock
// other cases had failed so ("the database is busy; try again").
func TestDeadlockRunsAgain(t *testing.T) {
	db := storetest.FreshPostgres(t)
	ctx := context.Background()
	if _, err := db.SQL().ExecContext(ctx, `CREATE TABLE d (n INTEGER PRIMARY KEY, v INTEGER NOT NULL);
		INSERT INTO d VALUES (1, 0), (2, 0)`); err != nil {
		t.Fatal(err)
	}
	var (
		first sync.WaitGroup // both hold their first row before either asks for its second
		runs  atomic.Int32
		wg    sync.WaitGroup
		errs  [2]error
	)
	first.Add(2)
	for i, order := range [2][2]int{{1, 2}, {2, 1}} {
		wg.Go(func() {
			once := sync.OnceFunc(first.Done)
			errs[i] = db.WriteTxRetry(ctx, func(tx *sql.Tx) error {
				runs.Add(1)
				if _, err := tx.ExecContext(ctx, `UPDATE d SET v = v + 1 WHERE n = $1`, order[0]); err != nil {
					return err
				}
				once()
				first.Wait()
				_, err := tx.ExecContext(ctx, `UPDATE d SET v = v + 1 WHERE n = $1`, order[1])
				return err
			})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("transaction %d: %v", i, err)
		}
	}
	if runs.Load() < 3 {
		t.Errorf("%d runs: no transaction was aborted and run again (the test no longer deadlocks)", runs.Load())
	}
	for _, n := range []int{1, 2} {
		var v int
		if err := db.SQL().QueryRowContext(ctx, `SELECT v FROM d WHERE n = $1`, n).Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != 2 {
			t.Errorf("row %d counted %d writes, want 2 (each transaction once)", n, v)
		}
	}
}

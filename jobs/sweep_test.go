package jobs

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esop-malang/esop/sqlstore"
)

// superseding is a store whose sweep supersedes two versions.
type superseding struct {
	*sqlstore.DB
	sweeps atomic.Int32
}

func (s *superseding) SweepSuperseded(ctx context.Context) (int, error) {
	s.sweeps.Add(1)
	return 2, nil
}

// The sweep runs when the queue starts (then every hour) and, when it
// superseded versions, the catalogue follows; a restart within the hour
// does not sweep again.
func TestSweep(t *testing.T) {
	each(t, func(t *testing.T, d database) {
		db := d.open(t)
		store := &superseding{DB: db}
		var refreshed atomic.Int32
		log, logs := testLog()
		cfg := Config{Store: store, Log: log, Refresh: func(context.Context) error { refreshed.Add(1); return nil }}
		hour := time.Now().Truncate(SweepEvery)
		q := start(t, db, cfg)
		eventually(t, 30*time.Second, "the catalogue is refreshed after the sweep", func() bool { return refreshed.Load() == 1 })
		if store.sweeps.Load() != 1 || !strings.Contains(logs.String(), "versions superseded") {
			t.Errorf("%d sweeps, log:\n%s", store.sweeps.Load(), logs)
		}
		stop(t, q)
		q = start(t, d.open(t), cfg)
		res, err := q.client.Insert(context.Background(), SweepArgs{}, nil)
		if !time.Now().Truncate(SweepEvery).Equal(hour) {
			t.Log("a new hour began during the test: a new sweep is due")
			return
		}
		if err != nil || !res.UniqueSkippedAsDuplicate {
			t.Errorf("a second sweep in the hour: %+v %v", res, err)
		}
		if n := count(t, db, SweepArgs{}.Kind()); n != 1 {
			t.Errorf("%d sweep jobs", n)
		}
	})
}

package jobs

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop/postgres"
	"github.com/esop-malang/esop/sqlstore"
)

// sweeps records the sweeps of every server of a test.
type sweeps struct {
	mu   sync.Mutex
	runs []sweep
}

type sweep struct {
	server string
	at     time.Time
}

func (s *sweeps) list() []sweep {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sweep(nil), s.runs...)
}

// counted is a server's store that records its sweeps.
type counted struct {
	*sqlstore.DB
	server string
	log    *sweeps
}

func (c counted) SweepSuperseded(ctx context.Context) (int, error) {
	c.log.mu.Lock()
	c.log.runs = append(c.log.runs, sweep{c.server, time.Now()})
	c.log.mu.Unlock()
	return c.DB.SweepSuperseded(ctx)
}

// Two servers on one PostgreSQL database: the hourly sweep is inserted
// by the leader and runs once, on whichever server takes it; when the
// leader stops, the other server leads, and its start-up insertion of
// the sweep finds this hour's done.
func TestPeriodicOnceAcrossServers(t *testing.T) {
	if os.Getenv("ESOP_TEST_POSTGRES") == "" {
		t.Skip("ESOP_TEST_POSTGRES is not set: the servers share a PostgreSQL database")
	}
	dsn := freshPostgres(t)
	open := func() *sqlstore.DB {
		return openWith(t, func(ctx context.Context) (*sqlstore.DB, error) { return postgres.Open(ctx, dsn) })
	}
	var log sweeps
	queues := map[string]*Queue{}
	dbs := map[string]*sqlstore.DB{}
	for _, id := range []string{"server-a", "server-b"} {
		db := open()
		dbs[id] = db
		queues[id] = start(t, db, Config{Store: counted{db, id, &log}, ID: id})
	}
	db := dbs["server-a"]
	eventually(t, 30*time.Second, "a leader sweeps", func() bool { return len(log.list()) >= 1 })
	first := leader(t, db)
	if first != "server-a" && first != "server-b" {
		t.Fatalf("leader %q", first)
	}
	stop(t, queues[first])
	other := map[string]string{"server-a": "server-b", "server-b": "server-a"}[first]
	eventually(t, 30*time.Second, other+" leads", func() bool { return leader(t, db) == other })
	time.Sleep(3 * time.Second) // the new leader inserts its periodic jobs at once
	runs := log.list()
	perHour := map[time.Time]int{}
	for _, r := range runs {
		perHour[r.at.Truncate(SweepEvery)]++
	}
	for hour, n := range perHour {
		if n != 1 {
			t.Errorf("the sweep ran %d times in the hour from %s: %+v", n, hour.Format(time.TimeOnly), runs)
		}
	}
	if n := count(t, db, SweepArgs{}.Kind()); n != len(perHour) {
		t.Errorf("%d sweep jobs for %d hours", n, len(perHour))
	}
}

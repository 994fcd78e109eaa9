package jobs

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/esop-malang/esop/sqlite"
)

// BenchmarkWriteWhileQueueRuns measures an application write on SQLite
// (a setting stored, audited, in one transaction on the one writer
// connection) with no queue, with the queue polling as it does in
// production (DefaultPoll), and with a queue polling every 10 ms, which
// shows what sharing the connection could cost. Besides the mean it
// reports the 99th percentile and the slowest write. Run it long enough
// to span several polls (-benchtime=15s).
func BenchmarkWriteWhileQueueRuns(b *testing.B) {
	for _, tc := range []struct {
		name  string
		queue bool
		poll  Poll
	}{
		{"no queue", false, Poll{}},
		{"queue default poll", true, Poll{}},
		{"queue polling every 10ms", true, Poll{Interval: 10 * time.Millisecond, Cooldown: time.Millisecond}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "esop.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if err := Migrate(ctx, db.SQL(), "sqlite"); err != nil {
				b.Fatal(err)
			}
			if tc.queue {
				q := start(b, db, Config{Cases: &fakeCases{}, Poll: tc.poll})
				defer stop(b, q)
				time.Sleep(time.Second) // past the start-up jobs
			}
			var took []time.Duration
			i := 0
			for b.Loop() {
				i++
				t0 := time.Now()
				if err := db.PutSetting(ctx, "bench.counter", strconv.Itoa(i)); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds()), "p99-µs")
			b.ReportMetric(float64(took[len(took)-1].Microseconds()), "max-µs")
		})
	}
}

package web_test

import (
	"context"
	"testing"

	"github.com/esop-malang/esop/storetest"
)

// BenchmarkFollowIdle is one poll of the log of catalogue changes that
// finds nothing new: what each server pays every 250 ms (FollowChanges).
func BenchmarkFollowIdle(b *testing.B) { benchFollowIdle(b, newEnv(b)) }

// BenchmarkFollowIdlePostgres is BenchmarkFollowIdle on PostgreSQL.
func BenchmarkFollowIdlePostgres(b *testing.B) {
	benchFollowIdle(b, newEnvOn(b, storetest.FreshPostgres(b)))
}

func benchFollowIdle(b *testing.B, e *env) {
	ctx := context.Background()
	if err := e.app.Follow(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := e.app.Follow(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRefresh rebuilds the whole catalogue and search index of the
// sample book from the store: what a server would pay on each change of
// another server if it rebuilt instead of reindexing the SOPs changed.
func BenchmarkRefresh(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	for b.Loop() {
		if err := e.app.Refresh(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlite"
)

// BenchmarkFindSession measures what authenticating one request costs on
// SQLite: "within step" is the usual case, a token used again within
// esop.TokenUseStep (a read only); "each writes" moves the clock a step on
// every time, so that every call also records the token's last use.
func BenchmarkFindSession(b *testing.B) {
	for _, tc := range []struct {
		name string
		step time.Duration
	}{{"within step", 0}, {"each writes", esop.TokenUseStep}} {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "esop.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { return now }
			u := &esop.User{Username: "ani", Grants: []esop.Grant{{Role: esop.RolePenyusun}}}
			if err := db.CreateUser(ctx, u, "kata-sandi-panjang"); err != nil {
				b.Fatal(err)
			}
			token, err := db.CreateSession(ctx, u.ID, esop.SessionAPI, 365*24*time.Hour)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				now = now.Add(tc.step)
				if _, err := db.FindSession(ctx, token); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Package testdb opens the databases tests need: a new SQLite file in the
// test's temporary directory, closed when the test ends, and one holding
// the sample organisation and SOPs.
package testdb

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
)

// SQLite opens a new SQLite database for t.
func SQLite(t testing.TB) *sqlstore.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "esop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Sample opens a new SQLite database with the sample book loaded, its
// clock set to now first when now is not nil (the sample SOPs come into
// force on their dates).
func Sample(t testing.TB, now func() time.Time) *sqlstore.DB {
	t.Helper()
	db := SQLite(t)
	if now != nil {
		db.Now = now
	}
	if loaded, err := sampledata.Load(context.Background(), db); err != nil || !loaded {
		t.Fatalf("the sample book: loaded %v, %v", loaded, err)
	}
	return db
}

package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop/sqlite"
)

// esop migrate creates the job queue's tables beside the application's,
// on SQLite and (with ESOP_TEST_POSTGRES) on PostgreSQL, and again is
// harmless.
func TestMigrateCreatesJobTables(t *testing.T) {
	path := filepath.Join(t.TempDir(), "esop.db")
	for range 2 {
		if r := esopRun(t, nil, "migrate", "--db", path); r.code != 0 {
			t.Fatal(r.stderr)
		}
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	assertJobTables(t, db.SQL())

	admin := os.Getenv("ESOP_TEST_POSTGRES")
	if admin == "" {
		t.Log("ESOP_TEST_POSTGRES is not set: SQLite only")
		return
	}
	root, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "esop_test_" + hex.EncodeToString(b)
	if _, err := root.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	defer root.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	u, _ := url.Parse(admin)
	u.Path = "/" + name
	if r := esopRun(t, nil, "migrate", "--db", u.String()); r.code != 0 {
		t.Fatal(r.stderr)
	}
	pg, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	assertJobTables(t, pg)
}

func assertJobTables(t *testing.T, db *sql.DB) {
	t.Helper()
	for _, table := range []string{"river_job", "river_leader", "river_queue", "river_migration"} {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Errorf("table %s: %v", table, err)
		}
	}
}

package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver of the server connection

	"github.com/esop-malang/esop/postgres"
	"github.com/esop-malang/esop/sqlstore"
)

// FreshPostgres creates a new database on the PostgreSQL server that
// $ESOP_TEST_POSTGRES names, opens and migrates it, and drops it when tb
// ends. Without $ESOP_TEST_POSTGRES it skips tb (fails it under CI=true,
// where .ci/run sets it).
func FreshPostgres(tb testing.TB) *sqlstore.DB {
	tb.Helper()
	db, _ := FreshPostgresDSN(tb)
	return db
}

// FreshPostgresDSN is FreshPostgres that also returns the address of the
// new database, for a test that opens it again (as a second server
// would). Under CI=true a missing $ESOP_TEST_POSTGRES fails tb instead
// of skipping it.
func FreshPostgresDSN(tb testing.TB) (*sqlstore.DB, string) {
	tb.Helper()
	admin := os.Getenv("ESOP_TEST_POSTGRES")
	if admin == "" {
		const msg = "ESOP_TEST_POSTGRES is not set; set it to postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable to run the PostgreSQL suite"
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	ctx := context.Background()
	root, err := sql.Open("pgx", admin)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { root.Close() })
	rnd := make([]byte, 6)
	rand.Read(rnd)
	name := "esop_test_" + hex.EncodeToString(rnd)
	if _, err := root.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		tb.Fatal(err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	db, err := postgres.Open(ctx, u.String())
	if err != nil {
		root.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		db.Close()
		root.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	})
	return db, u.String()
}

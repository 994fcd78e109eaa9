package main

import (
	"context"
	"strings"

	"github.com/esop-malang/esop/internal/cli"
	"github.com/esop-malang/esop/postgres"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
)

// openDB opens and migrates the database named by dsn.
func openDB(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	if postgres.IsDSN(dsn) {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, strings.TrimPrefix(dsn, "sqlite:"))
}

func (c *app) migrate(args []string) error {
	fs := c.Flags("migrate")
	dsn := c.DBFlag(fs)
	if err := fs.Parse(args); err != nil {
		return cli.ExitError(2)
	}
	db, err := openDB(c.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateJobs(c.Ctx, db); err != nil {
		return err
	}
	c.Say(c.Stdout, "Basis data siap (%s).\n", "The database is ready (%s).\n", db.Dialect().Name())
	return nil
}

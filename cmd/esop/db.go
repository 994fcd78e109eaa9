package main

import (
	"context"
	"flag"
	"strings"

	"github.com/esop-malang/esop/postgres"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
)

// dbFlag adds --db to fs; its default is $ESOP_DB, else ./data/esop.db.
func (c *cli) dbFlag(fs *flag.FlagSet) *string {
	def := c.getenv("ESOP_DB")
	if def == "" {
		def = "./data/esop.db"
	}
	return fs.String("db", def, "database: a SQLite file, or postgres://… (default $ESOP_DB, else ./data/esop.db)")
}

// openDB opens and migrates the database named by dsn.
func openDB(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	if postgres.IsDSN(dsn) {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, strings.TrimPrefix(dsn, "sqlite:"))
}

func (c *cli) migrate(args []string) error {
	fs := c.flags("migrate")
	dsn := c.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	db, err := openDB(c.ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateJobs(c.ctx, db); err != nil {
		return err
	}
	c.say(c.stdout, "Basis data siap (%s).\n", "The database is ready (%s).\n", db.Dialect().Name())
	return nil
}

func (c *cli) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("esop "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	return fs
}

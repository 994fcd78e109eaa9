package main

import (
	"strings"

	"github.com/esop-malang/esop/internal/cli"
	"github.com/esop-malang/esop/postgres"
	"github.com/esop-malang/esop/sqlite"
)

// backup runs "esop backup [--db DSN] --out FILE": an online, consistent
// copy of the database while servers keep running (SQLite: VACUUM INTO;
// PostgreSQL: pg_dump's custom format).
func (c *app) backup(args []string) error {
	fs := c.Flags("backup")
	dsn := c.DBFlag(fs)
	out := fs.String("out", "", "the backup file to write (must not exist)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return cli.ExitError(2)
	}
	if *out == "" {
		c.Say(c.Stderr, "esop backup: sebutkan --out BERKAS\n", "esop backup: name --out FILE\n")
		return cli.ExitError(2)
	}
	var err error
	if postgres.IsDSN(*dsn) {
		err = postgres.Backup(c.Ctx, *dsn, *out)
	} else {
		err = sqlite.Backup(c.Ctx, strings.TrimPrefix(*dsn, "sqlite:"), *out)
	}
	if err != nil {
		return err
	}
	c.Say(c.Stdout, "Cadangan ditulis ke %s.\n", "Backup written to %s.\n", *out)
	return nil
}

// restore runs "esop restore [--db DSN] FILE": the backup into an empty
// database (refused otherwise), migrated to this version, then checked as
// `esop audit verify` checks the audit chain and with every document's
// content hash recomputed. Exit 1 when a check fails.
func (c *app) restore(args []string) error {
	fs := c.Flags("restore")
	dsn := c.DBFlag(fs)
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		c.Say(c.Stderr, "penggunaan: esop restore [--db DSN] BERKAS\n", "usage: esop restore [--db DSN] FILE\n")
		return cli.ExitError(2)
	}
	file := fs.Arg(0)
	var err error
	if postgres.IsDSN(*dsn) {
		err = postgres.Restore(c.Ctx, file, *dsn)
	} else {
		err = sqlite.Restore(c.Ctx, file, strings.TrimPrefix(*dsn, "sqlite:"))
	}
	if err != nil {
		return err
	}
	db, err := openDB(c.Ctx, *dsn) // migrates a backup of an older version
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateJobs(c.Ctx, db); err != nil {
		return err
	}
	c.Say(c.Stdout, "Cadangan %s dipulihkan (%s).\n", "Backup %s restored (%s).\n", file, db.Dialect().Name())
	n, bad, err := db.VerifyDocuments(c.Ctx)
	if err != nil {
		return err
	}
	brk, head, err := db.VerifyAudit(c.Ctx, nil)
	if err != nil {
		return err
	}
	failed := false
	if len(bad) > 0 {
		c.Say(c.Stdout, "Dokumen RUSAK: %d dari %d versi tidak cocok dengan hash isinya (versi %v).\n",
			"Documents DAMAGED: %d of %d versions do not match their content hash (versions %v).\n", len(bad), n, bad)
		failed = true
	} else {
		c.Say(c.Stdout, "Dokumen utuh: %d versi cocok dengan hash isinya.\n", "Documents intact: %d versions match their content hash.\n", n)
	}
	if brk != nil {
		c.Say(c.Stdout, "Rantai audit PUTUS: %s (entri %d).\n", "The audit chain is BROKEN: %s (entry %d).\n", brk.Message().In(c.Lang()), brk.Seq)
		failed = true
	} else {
		c.Say(c.Stdout, "Rantai audit utuh: %d entri. Kepala rantai: %d:%s\n", "The audit chain is intact: %d entries. Head of the chain: %d:%s\n",
			head.Seq, head.Seq, head.Hash)
	}
	if failed {
		return cli.ExitError(1)
	}
	return nil
}

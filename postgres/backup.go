package postgres

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/esop-malang/esop"
)

// ErrNoTool is returned by Backup and Restore when pg_dump or pg_restore
// is not installed; its message says how to back up by hand.
var ErrNoTool = errors.New("pg_dump/pg_restore not found")

// Backup runs pg_dump to write the database named by dsn to out in
// pg_dump's custom format (compressed; restored with pg_restore). pg_dump
// reads in one repeatable-read transaction, so the copy is consistent
// while servers keep writing. out must not exist; it is written beside
// and renamed when complete.
func Backup(ctx context.Context, dsn, out string) error {
	tool, err := exec.LookPath("pg_dump")
	if err != nil {
		return noTool("pg_dump")
	}
	if _, err := os.Stat(out); err == nil {
		return esop.Errorf(esop.EINVALID, "berkas %s sudah ada; cadangan tidak menimpa berkas", "the file %s already exists; a backup does not overwrite files", out)
	}
	tmp := out + ".part"
	os.Remove(tmp)
	if err := runTool(ctx, tool, "--format=custom", "--no-owner", "--no-privileges", "--file="+tmp, "--dbname="+dsn); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Restore loads a backup written by Backup into the database named by
// dsn with pg_restore, in one transaction. The database must exist and be
// empty (no table outside PostgreSQL's own schemas); anything else is
// refused (EINVALID), so that a restore never mixes with data. Open then
// brings it up to this version's schema.
func Restore(ctx context.Context, backup, dsn string) error {
	if _, err := os.Stat(backup); err != nil {
		return esop.Errorf(esop.EINVALID, "berkas %s tidak ada", "the file %s does not exist", backup)
	}
	tool, err := exec.LookPath("pg_restore")
	if err != nil {
		return noTool("pg_restore")
	}
	if err := emptyDatabase(ctx, dsn); err != nil {
		return err
	}
	return runTool(ctx, tool, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname="+dsn, backup)
}

// emptyDatabase refuses a database that has any table of its own.
func emptyDatabase(ctx context.Context, dsn string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return esop.Errorf(esop.EINVALID, "alamat basis data PostgreSQL tidak sah", "the PostgreSQL address is not valid")
	}
	defer db.Close()
	var n int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`).Scan(&n)
	if err != nil {
		return &esop.Error{Code: esop.EINTERNAL, Err: err, Message: esop.Text{
			ID: "server PostgreSQL tidak menjawab atau menolak sambungan", EN: "the PostgreSQL server does not answer or refuses the connection"}}
	}
	if n > 0 {
		return esop.Errorf(esop.EINVALID,
			"basis data tujuan tidak kosong (%d tabel): pemulihan hanya ke basis data kosong; buat basis data baru (createdb) dan pulihkan ke sana",
			"the target database is not empty (%d tables): a restore goes into an empty database only; create a new one (createdb) and restore into it",
			n)
	}
	return nil
}

// runTool runs a PostgreSQL client tool and reports its own words when it
// fails (they name the problem, never the password, which pg_dump does not
// print).
func runTool(ctx context.Context, tool string, args ...string) error {
	cmd := exec.CommandContext(ctx, tool, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		return &esop.Error{Code: esop.EINTERNAL, Err: err, Message: esop.Text{
			ID: fmt.Sprintf("%s gagal: %s", tool, msg), EN: fmt.Sprintf("%s failed: %s", tool, msg)}}
	}
	return nil
}

func noTool(name string) error {
	return &esop.Error{Code: esop.EINVALID, Err: ErrNoTool, Message: esop.Text{
		ID: fmt.Sprintf("%s tidak ditemukan. Pasang klien PostgreSQL (Debian: apt install postgresql-client, versi yang sama dengan server atau lebih baru), "+
			"atau cadangkan sendiri: pg_dump --format=custom --no-owner --file=CADANGAN.dump \"$DSN\"; pulihkan: createdb BARU && pg_restore --no-owner --single-transaction --dbname=BARU CADANGAN.dump", name),
		EN: fmt.Sprintf("%s not found. Install the PostgreSQL client (Debian: apt install postgresql-client, the server's version or newer), "+
			"or back up by hand: pg_dump --format=custom --no-owner --file=BACKUP.dump \"$DSN\"; restore: createdb NEW && pg_restore --no-owner --single-transaction --dbname=NEW BACKUP.dump", name)}}
}

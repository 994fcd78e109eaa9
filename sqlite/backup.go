package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/esop-malang/esop"
)

// Backup writes a consistent copy of the database at path to out while
// servers keep using it: VACUUM INTO reads the database in one read
// transaction (the write-ahead log included), so the copy is the database
// as of one moment, and writers are not held up. The copy is written
// beside out, synced and renamed, so out is either complete or absent.
// out must not exist.
func Backup(ctx context.Context, path, out string) error {
	if err := mustExist(path); err != nil {
		return err
	}
	if err := mustNotExist(out); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	if err := isESOP(ctx, db, path); err != nil {
		return err
	}
	tmp := out + ".part"
	os.Remove(tmp)
	if _, err := db.ExecContext(ctx, `VACUUM INTO $1`, tmp); err != nil {
		os.Remove(tmp)
		return openError(path, err)
	}
	return publish(tmp, out)
}

// Restore makes the database at path from a backup written by Backup:
// path must not exist yet, or be an empty file or an SQLite database
// without tables; anything else is refused (EINVALID), so that a restore
// never overwrites data. The backup is checked (an e-SOP database that
// passes SQLite's integrity check) before it is copied; Open then brings
// it up to this version's schema.
func Restore(ctx context.Context, backup, path string) error {
	if err := mustExist(backup); err != nil {
		return err
	}
	if err := emptyTarget(ctx, path); err != nil {
		return err
	}
	src, err := sql.Open("sqlite", "file:"+backup+"?mode=ro")
	if err != nil {
		return err
	}
	err = isESOP(ctx, src, backup)
	if err == nil {
		var ok string
		if err = src.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err == nil && ok != "ok" {
			err = esop.Errorf(esop.EINVALID, "cadangan %s rusak: %s", "the backup %s is damaged: %s", backup, ok)
		}
	}
	src.Close()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	tmp := path + ".part"
	if err := copyFile(backup, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix) // an empty target's leftovers
	}
	return publish(tmp, path)
}

// isESOP checks that db is an e-SOP database (it has migrations recorded).
func isESOP(ctx context.Context, db *sql.DB, path string) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n == 0 {
		if err != nil {
			if e := openError(path, err); e != err {
				return e
			}
		}
		return esop.Errorf(esop.EINVALID, "%s bukan basis data e-SOP", "%s is not an e-SOP database", path)
	}
	return nil
}

// emptyTarget refuses a target that holds anything.
func emptyTarget(ctx context.Context, path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.Size() == 0 {
		return nil
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
		return openError(path, err)
	}
	if n > 0 {
		return esop.Errorf(esop.EINVALID,
			"basis data %s tidak kosong (%d tabel dan indeks): pemulihan hanya ke basis data kosong; pilih berkas baru atau pindahkan yang lama",
			"the database %s is not empty (%d tables and indexes): a restore goes into an empty database only; name a new file or move the old one away",
			path, n)
	}
	return nil
}

func mustExist(path string) error {
	if _, err := os.Stat(path); err != nil {
		return esop.Errorf(esop.EINVALID, "berkas %s tidak ada", "the file %s does not exist", path)
	}
	return nil
}

func mustNotExist(path string) error {
	if _, err := os.Stat(path); err == nil {
		return esop.Errorf(esop.EINVALID, "berkas %s sudah ada; cadangan tidak menimpa berkas", "the file %s already exists; a backup does not overwrite files", path)
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// publish syncs tmp and renames it to path, then syncs the folder, so that
// path is either whole or absent after a crash.
func publish(tmp, path string) error {
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Package sqlite opens the embedded SQLite database of e-SOP (pure Go, no
// cgo), applies its migrations and translates its errors.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// driverName is the database/sql driver Open uses; a test may put a
// counting wrapper of it in its place (export_test.go).
var driverName = "sqlite"

// Open opens (creating it and its folder when missing) the SQLite
// database at path and migrates it. The connection waits up to 5 s for a
// lock, writes ahead (WAL) and checks foreign keys. A file that is not an
// SQLite database is refused with EINVALID.
func Open(ctx context.Context, path string) (*sqlstore.DB, error) {
	if path != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, esop.Errorf(esop.EINVALID, "folder basis data %s tidak dapat dibuat: %v",
				"cannot create the database folder %s: %v", filepath.Dir(path), err)
		}
	}
	// busy_timeout first, so that setting WAL can wait for another process.
	pragmas := "?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(" + synchronous() + ")"
	// One connection writes, taking the write lock when its transaction
	// begins (immediate), so writers queue instead of failing; a pool of
	// readers runs queries beside it, as WAL allows. The writer keeps its
	// temporary storage in memory: the sub-journals of the savepoints of
	// group commit (group.go) and the statement journals hold the pages a
	// savepoint or statement may have to undo, are never read after a
	// crash (the WAL alone recovers) and were written to a temporary file,
	// a system call per page (a fifth of the writer's time in the profile
	// of the completion benchmark).
	db, err := sql.Open(driverName, "file:"+path+pragmas+"&_pragma=temp_store(MEMORY)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	if err := sqlstore.Migrate(ctx, db, migrations, "migrations"); err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	if path == ":memory:" {
		return sqlstore.New(db, Dialect{}), nil
	}
	read, err := sql.Open(driverName, "file:"+path+pragmas)
	if err != nil {
		db.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return sqlstore.NewSplit(db, read, Dialect{}), nil
}

func openError(path string, err error) error {
	var e *sqlite.Error
	if errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_NOTADB || e.Code() == sqlite3.SQLITE_CORRUPT) {
		return &esop.Error{Code: esop.EINVALID, Err: err, Message: esop.Text{
			ID: fmt.Sprintf("berkas %s bukan basis data SQLite (atau rusak)", path),
			EN: fmt.Sprintf("%s is not an SQLite database (or it is damaged)", path)}}
	}
	if errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CANTOPEN {
		return &esop.Error{Code: esop.EINVALID, Err: err, Message: esop.Text{
			ID: fmt.Sprintf("basis data %s tidak dapat dibuka", path),
			EN: fmt.Sprintf("cannot open the database %s", path)}}
	}
	return err
}

// Dialect is the SQLite dialect of sqlstore.
type Dialect struct{}

// Name returns "sqlite".
func (Dialect) Name() string { return "sqlite" }

// IsUnique reports whether err is a unique or primary key violation.
func (Dialect) IsUnique(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// Retryable reports false: SQLite's one writer holds the whole database,
// so that transactions neither deadlock nor fail to serialize (a busy
// database waits, busy_timeout).
func (Dialect) Retryable(error) bool { return false }

// Translate turns SQLite errors into domain errors.
func (d Dialect) Translate(err error) error {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return err
	}
	switch {
	case d.IsUnique(err):
		return &esop.Error{Code: esop.ECONFLICT, Err: err, Message: esop.Text{ID: "data sudah ada", EN: "the record already exists"}}
	case e.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return &esop.Error{Code: esop.EINVALID, Err: err, Message: esop.Text{ID: "data yang dirujuk tidak ada", EN: "a referenced record does not exist"}}
	case strings.Contains(e.Error(), "esop: version is frozen"):
		return &esop.Error{Code: esop.ECONFLICT, Err: err, Message: esop.Text{ID: "versi yang sudah disahkan tidak dapat diubah", EN: "an approved version cannot be changed"}}
	case e.Code() == sqlite3.SQLITE_BUSY || e.Code() == sqlite3.SQLITE_LOCKED:
		return &esop.Error{Code: esop.EINTERNAL, Err: err, Message: esop.Text{ID: "basis data sedang sibuk; coba lagi", EN: "the database is busy; try again"}}
	}
	return err
}

// synchronous returns how SQLite makes commits durable: FULL (the
// default) syncs the write-ahead log at every commit, so that a commit
// answered with success survives a power cut as well as a crash of the
// process; NORMAL syncs it only at checkpoints, so that the last commits
// before a power cut (never before a crash of the process alone) can be
// lost. $ESOP_SQLITE_SYNC chooses; the test suite runs with NORMAL,
// because no test cuts the power (see docs/decisions.md).
func synchronous() string {
	if strings.EqualFold(os.Getenv("ESOP_SQLITE_SYNC"), "normal") {
		return "NORMAL"
	}
	return "FULL"
}

// Package sqlstore implements the e-SOP services on database/sql with one
// set of hand-written portable queries that run unchanged on SQLite and
// PostgreSQL. The sqlite and postgres packages open a database, apply
// their migrations and translate their driver's errors; everything else
// is here.
//
// Every public method opens its own transaction and commits at the end;
// unexported helpers take the *sql.Tx.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/esop-malang/esop"
)

// Dialect is what differs between the databases: a name for messages and
// the translation of driver errors into *esop.Error.
type Dialect interface {
	// Name returns "sqlite" or "postgres".
	Name() string
	// IsUnique reports whether err is a violation of a unique constraint.
	IsUnique(err error) bool
	// Translate turns a driver error into an *esop.Error, or returns it unchanged.
	Translate(err error) error
	// Retryable reports whether err aborted a transaction that may simply
	// run again: a deadlock or a serialization failure on PostgreSQL.
	Retryable(err error) bool
}

// DB is a database with the e-SOP schema. Its methods implement
// esop.SOPService, esop.RegulationService and esop.OrgService.
type DB struct {
	db      *sql.DB // for writes
	read    *sql.DB // for reads; the same as db unless the database has a pool of readers
	dialect Dialect
	// Now is the clock; tests replace it to freeze time.
	Now func() time.Time
	// pending holds the audit entries of each open write transaction
	// (*sql.Tx → *auditBatch) until it commits; see audit.go.
	pending sync.Map
}

// New wraps an open database. The schema must already be migrated.
func New(db *sql.DB, d Dialect) *DB {
	return &DB{db: db, read: db, dialect: d, Now: time.Now}
}

// NewSplit wraps a database opened twice: write for every change and read
// for queries. SQLite serialises writers, so it gets one connection that
// writes and a pool of readers that never wait for it.
func NewSplit(write, read *sql.DB, d Dialect) *DB {
	return &DB{db: write, read: read, dialect: d, Now: time.Now}
}

// SQL returns the underlying database, for adapters that add their own tables.
func (db *DB) SQL() *sql.DB { return db.db }

// Dialect returns the dialect of the database.
func (db *DB) Dialect() Dialect { return db.dialect }

// Close closes the database.
func (db *DB) Close() error {
	err := db.db.Close()
	if db.read != db.db {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// today returns the current date in Indonesia (WIB), by which versions
// come into force.
func (db *DB) today() esop.Date { return esop.Today(db.Now()) }

// now returns the current time in UTC, rounded to microseconds so that
// both databases store and return the same value.
func (db *DB) now() time.Time { return db.Now().UTC().Round(time.Microsecond) }

// inTx runs fn in a write transaction, committing when it returns nil and
// rolling back otherwise. The audit entries fn records are appended to
// the log just before the commit, in the same transaction.
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.run(ctx, db.db, func(tx *sql.Tx) error {
		batch := &auditBatch{shard: -1}
		db.pending.Store(tx, batch)
		defer db.pending.Delete(tx)
		if err := fn(tx); err != nil {
			return err
		}
		if err := db.flushStats(ctx, tx, batch); err != nil {
			return err
		}
		return db.appendAudit(ctx, tx, batch.entries)
	})
}

// inTxRetry is inTx run again, up to txRetries times after a short
// pause, when the database aborted the transaction for a deadlock or a
// serialization failure (Retryable): a write that locks many cases one
// after another (reassign) and completions that lock others can each
// wait for the other, and PostgreSQL then aborts one of them, which is
// to run again, not to fail ("the database is busy; try again" reached an
// administrator recording an absence while tasks were being completed:
// storetest's CaseReassignDuringCompletions, once in CI). fn must leave
// nothing outside the transaction that a second run would do twice.
func (db *DB) inTxRetry(ctx context.Context, fn func(tx *sql.Tx) error) error {
	for try := 0; ; try++ {
		err := db.inTx(ctx, fn)
		if err == nil || try == txRetries || !db.dialect.Retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(1+rand.IntN(10*(try+1))) * time.Millisecond):
		}
	}
}

// txRetries is how many times inTxRetry runs a transaction again.
const txRetries = 5

// readTx runs fn in a transaction on the readers, for a consistent view
// of several queries.
func (db *DB) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.run(ctx, db.read, fn)
}

// snapshot runs fn's queries on the readers, each on its own, without
// BEGIN and COMMIT (on PostgreSQL two round trips less; on SQLite two
// statements less, and the queries run as statements prepared on the
// pool). Only readers whose answer stays right when the statements see
// successive states use it: a session and its user (one query), and the
// plan of a completion, which the write checks against the case's
// revision read first (every change of a case raises it), so that a plan
// made on a later state of the tasks than of the case is planned again.
func (db *DB) snapshot(ctx context.Context, fn func(q querier) error) error {
	if db.dialect.Name() == "postgres" {
		return db.translate(fn(db.read))
	}
	return db.translate(fn(db.pooled(db.read)))
}

func (db *DB) run(ctx context.Context, pool *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return db.translate(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.translate(err)
	}
	return db.translate(tx.Commit())
}

func (db *DB) translate(err error) error {
	if err == nil {
		return nil
	}
	var e *esop.Error
	if errors.As(err, &e) {
		return err
	}
	return db.dialect.Translate(err)
}

// Migrate applies the numbered migrations NNNN_name.sql found in dir of
// fsys that are not yet recorded in schema_migrations, each in its own
// transaction, in order. A migration once applied is never applied again.
func Migrate(ctx context.Context, db *sql.DB, fsys fs.FS, dir string) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if err := applyMigration(ctx, db, fsys, path.Join(dir, name), name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, db *sql.DB, fsys fs.FS, file, name string) error {
	num, _, ok := strings.Cut(name, "_")
	version, err := strconv.Atoi(num)
	if !ok || err != nil {
		return fmt.Errorf("name must start with a number and an underscore")
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
		version, name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// Times are stored as RFC 3339 text in UTC and dates as YYYY-MM-DD text,
// the same in both databases, so that one query text serves both and
// ordering by the column orders by time.

func formatTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

func parseDate(s string) esop.Date {
	d, _ := esop.ParseDate(s)
	return d
}

// nullInt64 stores 0 as NULL, for optional references.
func nullInt64(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: v != 0} }

// nullString stores "" as NULL, for optional unique columns.
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

func notFound(whatID, whatEN string, id any) error {
	return &esop.Error{Code: esop.ENOTFOUND, Message: esop.Text{
		ID: fmt.Sprintf("%s %v tidak ditemukan", whatID, id), EN: fmt.Sprintf("%s %v not found", whatEN, id)}}
}

// Package postgres opens a PostgreSQL database for e-SOP through pgx,
// applies its migrations and translates its errors. It is the scale-out
// option: several application servers can share one database.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// driverName is the database/sql driver Open uses; a test may put a
// counting wrapper of it in its place (export_test.go).
var driverName = "pgx"

// IsDSN reports whether dsn names a PostgreSQL database.
func IsDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database named by dsn (postgres://…) and migrates
// it. A server that does not answer within the connect timeout (5 s
// unless the DSN sets connect_timeout) is reported as EINTERNAL with a
// message that names the host, never the password.
func Open(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, esop.Errorf(esop.EINVALID, "alamat basis data PostgreSQL tidak sah", "the PostgreSQL address is not valid")
	}
	q := u.Query()
	if q.Get("connect_timeout") == "" {
		q.Set("connect_timeout", "5")
		u.RawQuery = q.Encode()
	}
	db, err := sql.Open(driverName, u.String())
	if err != nil {
		return nil, esop.Errorf(esop.EINVALID, "alamat basis data PostgreSQL tidak sah", "the PostgreSQL address is not valid")
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, &esop.Error{Code: esop.EINTERNAL, Err: err, Message: esop.Text{
			ID: fmt.Sprintf("server PostgreSQL di %s tidak menjawab atau menolak sambungan", u.Host),
			EN: fmt.Sprintf("the PostgreSQL server at %s does not answer or refuses the connection", u.Host)}}
	}
	if err := sqlstore.Migrate(ctx, db, migrations, "migrations"); err != nil {
		db.Close()
		return nil, err
	}
	return sqlstore.New(db, Dialect{}), nil
}

// Dialect is the PostgreSQL dialect of sqlstore.
type Dialect struct{}

// Name returns "postgres".
func (Dialect) Name() string { return "postgres" }

// IsUnique reports whether err is a unique violation (SQLSTATE 23505).
func (Dialect) IsUnique(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

// Retryable reports whether err is a deadlock (SQLSTATE 40P01) or a
// serialization failure (40001): PostgreSQL aborted the transaction, and
// it may run again.
func (Dialect) Retryable(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && (e.Code == "40P01" || e.Code == "40001")
}

// Translate turns PostgreSQL errors into domain errors.
func (d Dialect) Translate(err error) error {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return err
	}
	switch {
	case e.Code == "23505":
		return &esop.Error{Code: esop.ECONFLICT, Err: err, Message: esop.Text{ID: "data sudah ada", EN: "the record already exists"}}
	case e.Code == "23503":
		return &esop.Error{Code: esop.EINVALID, Err: err, Message: esop.Text{ID: "data yang dirujuk tidak ada", EN: "a referenced record does not exist"}}
	case strings.Contains(e.Message, "esop: version is frozen"):
		return &esop.Error{Code: esop.ECONFLICT, Err: err, Message: esop.Text{ID: "versi yang sudah disahkan tidak dapat diubah", EN: "an approved version cannot be changed"}}
	case e.Code == "40001" || e.Code == "40P01":
		return &esop.Error{Code: esop.EINTERNAL, Err: err, Message: esop.Text{ID: "basis data sedang sibuk; coba lagi", EN: "the database is busy; try again"}}
	}
	return err
}

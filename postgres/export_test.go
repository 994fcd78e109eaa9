package postgres

import (
	"testing"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/esop-malang/esop/internal/sqlcount"
)

// CountStatements makes Open count the statements of the databases it
// opens until t ends.
func CountStatements(t *testing.T) *sqlcount.Counter {
	c := sqlcount.Register("pgx-counted", stdlib.GetDefaultDriver())
	driverName = "pgx-counted"
	t.Cleanup(func() { driverName = "pgx" })
	return c
}

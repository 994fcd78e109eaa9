package sqlite

import (
	"testing"

	msqlite "modernc.org/sqlite"

	"github.com/esop-malang/esop/internal/sqlcount"
)

// CountStatements makes Open count the statements of the databases it
// opens until t ends.
func CountStatements(t *testing.T) *sqlcount.Counter {
	c := sqlcount.Register("sqlite-counted", &msqlite.Driver{})
	driverName = "sqlite-counted"
	t.Cleanup(func() { driverName = "sqlite" })
	return c
}

package sqlstore_test

import (
	"context"
	"testing"

	"github.com/esop-malang/esop/internal/testdb"
)

// TestCalendarOfFreshDatabase reads a calendar from a new database before
// anything seeded the holidays or changed the calendars (revision 0, the
// cache's starting revision too): it used to write into the cache's nil
// map and panic.
func TestCalendarOfFreshDatabase(t *testing.T) {
	ctx := context.Background()
	db := testdb.SQLite(t)
	cal, err := db.CalendarUnseeded(ctx, 0)
	if err != nil || cal == nil {
		t.Fatalf("calendar of a fresh database: %v, %v", cal, err)
	}
	again, err := db.CalendarUnseeded(ctx, 0)
	if err != nil || again != cal {
		t.Errorf("the second read is not the cached calendar: %p %p %v", again, cal, err)
	}
}

package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// buildEsop builds the full esop binary (the one that serves) for the crash runs.
func buildEsop(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "esop-server")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/esop-malang/esop/cmd/esop-server")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build esop: %v\n%s", err, out)
	}
	return bin
}

// Two kills of a real server while it completes tasks, edits and
// transitions, on SQLite (scripts/crash.sh runs more).
func TestCrashSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	out, err := run(buildEsop(t), filepath.Join(t.TempDir(), "crash.db"), 2, 4, 100)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(out)
}

// The same on PostgreSQL, in a new database, when ESOP_TEST_POSTGRES
// names a server.
func TestCrashPostgres(t *testing.T) {
	dsn := os.Getenv("ESOP_TEST_POSTGRES")
	if dsn == "" || testing.Short() {
		t.Skip("ESOP_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("esop_crash_test_%d", os.Getpid())
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	i := strings.LastIndex(dsn, "/")
	q := strings.Index(dsn[i:], "?")
	db := dsn[:i+1] + name
	if q >= 0 {
		db += dsn[i+q:]
	}
	out, err := run(buildEsop(t), db, 2, 4, 100)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(out)
}

package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
)

// restored checks the output of a restore and that the restored database
// holds the source's SOPs with the same documents.
func restored(t *testing.T, r result, src, dst *sqlstore.DB) {
	t.Helper()
	if r.code != 0 || !strings.Contains(r.stdout, "Dokumen utuh: ") || !strings.Contains(r.stdout, "Rantai audit utuh: ") {
		t.Fatalf("restore: %d %q %q", r.code, r.stdout, r.stderr)
	}
	ctx := context.Background()
	want, _, err := src.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := dst.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < len(want) || len(want) == 0 {
		t.Fatalf("restored %d SOPs, the source had %d before the backup", len(got), len(want))
	}
	hashes := map[string]string{}
	for _, s := range got {
		hashes[s.Title] = s.Latest().ContentHash
	}
	for _, s := range want {
		if h := hashes[s.Title]; h != s.Latest().ContentHash {
			t.Errorf("%s: restored hash %.12s, source %.12s", s.Title, h, s.Latest().ContentHash)
		}
	}
}

// An SQLite database is backed up while a server writes to it, restored
// into a new file, and checked: the documents' hashes and the audit
// chain hold, the SOPs are there. A restore into a database that holds
// anything is refused, and a damaged document is reported (exit 1).
func TestBackupRestoreSQLite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "esop.db")
	ctx := context.Background()
	src, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if _, err := sampledata.Load(ctx, src); err != nil {
		t.Fatal(err)
	}
	// A server keeps writing (and auditing) during the backup.
	var stop atomic.Bool
	var wg sync.WaitGroup
	var writes atomic.Int64
	wg.Go(func() {
		for i := 0; !stop.Load(); i++ {
			if err := src.PutSetting(ctx, fmt.Sprintf("test.backup.%d", i), "x"); err != nil {
				t.Error(err)
				return
			}
			writes.Add(1)
		}
	})
	for writes.Load() < 5 {
		time.Sleep(time.Millisecond)
	}
	out := filepath.Join(dir, "cadangan.db")
	r := esopRun(t, nil, "backup", "--db", path, "--out", out)
	stop.Store(true)
	wg.Wait()
	if r.code != 0 || !strings.Contains(r.stdout, "Cadangan ditulis ke "+out) {
		t.Fatalf("backup: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if r := esopRun(t, nil, "backup", "--db", path, "--out", out); r.code != 1 || !strings.Contains(r.stderr, "sudah ada") {
		t.Errorf("a backup over an existing file: %d %q", r.code, r.stderr)
	}

	target := filepath.Join(dir, "baru", "esop.db")
	r = esopRun(t, nil, "restore", "--db", target, out)
	dst, err := sqlite.Open(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	restored(t, r, src, dst)
	if r := esopRun(t, nil, "audit", "verify", "--db", target); r.code != 0 {
		t.Errorf("audit verify of the restored database: %d %q", r.code, r.stdout)
	}

	// Never over data: the restored database, the source itself.
	for _, db := range []string{target, path} {
		r := esopRun(t, map[string]string{"ESOP_LANG": "en"}, "restore", "--db", db, out)
		if r.code != 1 || !strings.Contains(r.stderr, "is not empty") || !strings.Contains(r.stderr, "a restore goes into an empty database only") {
			t.Errorf("restore into %s: %d %q", db, r.code, r.stderr)
		}
	}
	if r := esopRun(t, nil, "restore", "--db", filepath.Join(dir, "lain.db"), filepath.Join(dir, "tidak-ada.db")); r.code != 1 || !strings.Contains(r.stderr, "tidak ada") {
		t.Errorf("restore of a missing file: %d %q", r.code, r.stderr)
	}

	// A backup whose document was altered (the guard trigger dropped
	// first) restores, but the check says so and exits 1.
	bad := filepath.Join(dir, "rusak.db")
	if err := copyFile(out, bad); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+bad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DROP TRIGGER sop_versions_frozen`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE sop_versions SET document = json_set(document, '$.title', 'Judul Palsu') WHERE id = (SELECT min(id) FROM sop_versions)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	r = esopRun(t, nil, "restore", "--db", filepath.Join(dir, "dari-rusak.db"), bad)
	if r.code != 1 || !strings.Contains(r.stdout, "Dokumen RUSAK: 1 dari") {
		t.Errorf("restore of an altered backup: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// The same on PostgreSQL, through pg_dump and pg_restore, into a new empty
// database.
func TestBackupRestorePostgres(t *testing.T) {
	src, dsn := storetest.FreshPostgresDSN(t)
	ctx := context.Background()
	if _, err := sampledata.Load(ctx, src); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "esop.dump")
	if r := esopRun(t, nil, "backup", "--db", dsn, "--out", out); r.code != 0 {
		t.Fatalf("backup: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// An empty database to restore into.
	root, err := sql.Open("pgx", os.Getenv("ESOP_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	rnd := make([]byte, 6)
	rand.Read(rnd)
	name := "esop_restore_" + hex.EncodeToString(rnd)
	if _, err := root.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	u, _ := url.Parse(os.Getenv("ESOP_TEST_POSTGRES"))
	u.Path = "/" + name
	r := esopRun(t, nil, "restore", "--db", u.String(), out)
	dst, err := openDB(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	restored(t, r, src, dst)
	for _, db := range []string{u.String(), dsn} {
		if r := esopRun(t, nil, "restore", "--db", db, out); r.code != 1 || !strings.Contains(r.stderr, "tidak kosong") {
			t.Errorf("restore into a database with data: %d %q", r.code, r.stderr)
		}
	}
}

package main

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDemoCases: `esop demo --cases` writes a history; the same seed and
// end give the same figures in another database; bad flags are refused.
func TestDemoCases(t *testing.T) {
	var rows [][]string
	for range 2 {
		db := filepath.Join(t.TempDir(), "esop.db")
		r := esopRun(t, map[string]string{"ESOP_DB": db, "ESOP_SQLITE_SYNC": "normal"}, "demo", "--cases", "200", "--months", "3", "--seed", "9", "--until", "2026-11-30")
		if r.code != 0 || !strings.Contains(r.stdout, "Riwayat 200 kasus dari") || !strings.Contains(r.stdout, "Katalog SOP") {
			t.Fatalf("demo --cases: %d %q %q", r.code, r.stdout, r.stderr)
		}
		s, err := openDB(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.StatRows(context.Background())
		s.Close()
		if err != nil || len(got) < 50 {
			t.Fatalf("%d aggregate rows: %v", len(got), err)
		}
		rows = append(rows, got)
	}
	if !slices.Equal(rows[0], rows[1]) {
		t.Error("the same seed gave different figures")
	}
	db := filepath.Join(t.TempDir(), "esop.db")
	if r := esopRun(t, map[string]string{"ESOP_DB": db}, "demo", "--cases", "10", "--until", "30-11-2026"); r.code != 2 || !strings.Contains(r.stderr, "bukan tanggal") {
		t.Errorf("bad --until: %d %q", r.code, r.stderr)
	}
	if r := esopRun(t, map[string]string{"ESOP_DB": db}, "demo", "--cases", "10", "--months", "0"); r.code != 2 || !strings.Contains(r.stderr, "--months 1 sampai 120") {
		t.Errorf("--months 0: %d %q", r.code, r.stderr)
	}
}

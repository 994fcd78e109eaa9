package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlite"
)

func TestAuditVerifyAndExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	env := map[string]string{"USER": "operator"}
	r := esopRun(t, env, "import", "--db", db, example("ak1-kartu-pencari-kerja.json"), example("mediasi-hubungan-industrial.json"))
	if r.code != 0 {
		t.Fatalf("import: %q", r.stderr)
	}
	r = esopRun(t, env, "audit", "verify", "--db", db)
	m := regexp.MustCompile(`Kepala rantai: (\d+):([0-9a-f]{64})`).FindStringSubmatch(r.stdout)
	if r.code != 0 || !strings.Contains(r.stdout, "Rantai audit utuh: ") || m == nil {
		t.Fatalf("verify: %d %q %q", r.code, r.stdout, r.stderr)
	}
	n, head := m[1], m[2]
	if !strings.Contains(r.stdout, "Rantai audit utuh: "+n+" entri") {
		t.Errorf("verify: %q", r.stdout)
	}
	if r := esopRun(t, map[string]string{"ESOP_LANG": "en"}, "audit", "verify", "--db", db, "--anchor", n+":"+head); r.code != 0 ||
		!strings.Contains(r.stdout, "The audit chain is intact: "+n+" entries") {
		t.Errorf("verify with its own head as the anchor: %d %q", r.code, r.stdout)
	}

	// The export: every entry, recorded as the operating system's user from "cli".
	out := filepath.Join(dir, "audit.csv")
	if r := esopRun(t, env, "audit", "export", "--db", db, "--out", out); r.code != 0 || !strings.Contains(r.stderr, n+" entri audit ditulis") {
		t.Fatalf("export: %d %q", r.code, r.stderr)
	}
	f, _ := os.Open(out)
	records, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(records) < 3 || strings.Join(records[0], ",") != strings.Join(esop.AuditCSVHeader, ",") {
		t.Fatalf("export: %v %v", records, err)
	}
	for _, rec := range records[1:] {
		if rec[2] != "operator" || rec[3] != "cli" {
			t.Errorf("entry %s by %q from %q", rec[0], rec[2], rec[3])
		}
	}
	if last := records[len(records)-1]; last[0] != n || last[10] != head {
		t.Errorf("the last exported entry is %s:%s, the head %s:%s", last[0], last[10], n, head)
	}
	r = esopRun(t, env, "audit", "export", "--db", db, "--entity", "sop", "--from", "2000-01-01", "--to", "2999-12-31")
	if records, _ := csv.NewReader(strings.NewReader(r.stdout)).ReadAll(); r.code != 0 || len(records) != 3 {
		t.Errorf("SOPs only: %d %v", r.code, records)
	}

	// Someone with access to the database changes an entry.
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET after_data = replace(after_data, '}', ',"x":1}') WHERE seq = 2`} {
		if _, err := store.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()
	r = esopRun(t, env, "audit", "verify", "--db", db)
	if r.code != 1 || !strings.Contains(r.stdout, "Rantai audit PUTUS: entri 2 telah diubah") || !strings.Contains(r.stdout, "Entri pertama yang rusak: 2.") {
		t.Errorf("changed entry: %d %q", r.code, r.stdout)
	}
	r = esopRun(t, env, "audit", "verify", "--db", db, "--anchor", "abc")
	if r.code != 2 {
		t.Errorf("a bad anchor: %d", r.code)
	}
	if r := esopRun(t, env, "audit", "frobnicate"); r.code != 2 {
		t.Errorf("unknown subcommand: %d", r.code)
	}
}

// TestAuditAnchor: a log rewritten to its end, head included, passes the
// chain check but not the anchor kept from before.
func TestAuditAnchor(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if r := esopRun(t, nil, "import", "--db", db, example("ak1-kartu-pencari-kerja.json")); r.code != 0 {
		t.Fatalf("import: %q", r.stderr)
	}
	r := esopRun(t, nil, "audit", "verify", "--db", db)
	m := regexp.MustCompile(`Kepala rantai: (\d+:[0-9a-f]{64})`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("verify: %q", r.stdout)
	}
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	// Rewrite the last entry and the head so that the chain holds.
	list, _, err := store.FindAudit(context.Background(), esop.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	e := list[0]
	e.Actor = "orang-lain"
	e.Hash = e.ComputeHash()
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_head_forward`} {
		if _, err := store.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.SQL().Exec(`UPDATE audit_log SET actor = $1, hash = $2 WHERE seq = $3`, e.Actor, e.Hash, e.Seq); err != nil {
		t.Fatal(err)
	}
	if _, err := store.SQL().Exec(`UPDATE audit_head SET hash = $1`, e.Hash); err != nil {
		t.Fatal(err)
	}
	store.Close()
	if r := esopRun(t, nil, "audit", "verify", "--db", db); r.code != 0 {
		t.Fatalf("without the anchor: %d %q", r.code, r.stdout)
	}
	r = esopRun(t, nil, "audit", "verify", "--db", db, "--anchor", m[1])
	if r.code != 1 || !strings.Contains(r.stdout, "tidak sama dengan jangkar") {
		t.Errorf("with the anchor: %d %q", r.code, r.stdout)
	}
}

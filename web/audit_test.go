package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// TestAuditTrail: changes made through the pages and the API are recorded
// with the user and the client's address; auditors and administrators
// read, filter, page and export the log; the export carries the chain.
func TestAuditTrail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.session("admin")
	if res := e.postForm(admin, "/admin/regulations", url.Values{"kind": {"Perwali"}, "number": {"77"}, "year": {"2026"}, "title": {"Uji Jejak Audit"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new regulation: %d %s", res.StatusCode, gist(res))
	}
	// Signing in, through the form and through the API, is recorded as
	// the user who signs in, from the client's address.
	e.client("pelaksana")
	if res := e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/tokens", "", map[string]string{"username": "pemeriksa", "password": testPassword}, nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("token: %d", res.StatusCode)
	}

	list, _, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Limit: 3})
	if err != nil || len(list) != 3 {
		t.Fatalf("audit: %v", err)
	}
	for i, want := range []struct{ action, entity, actor string }{
		{esop.AuditLogin, esop.EntityUser, "pemeriksa"},
		{esop.AuditLogin, esop.EntityUser, "pelaksana"},
		{esop.AuditCreate, esop.EntityRegulation, "admin"},
	} {
		got := list[i]
		if got.Action != want.action || got.Entity != want.entity || got.Actor != want.actor || got.Address != "127.0.0.1" {
			t.Errorf("entry %d: %s %s by %q from %q, want %s %s by %q from 127.0.0.1", got.Seq, got.Action, got.Entity, got.Actor, got.Address,
				want.action, want.entity, want.actor)
		}
	}
	if brk, _, err := e.db.VerifyAudit(context.Background(), nil); brk != nil || err != nil {
		t.Fatalf("verify: %+v %v", brk, err)
	}

	auditor := e.session("auditor")
	res := e.do(auditor, http.MethodGet, "/audit?entity=regulation&actor=admin", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Entri 1–1 dari 1") || !strings.Contains(res.body, "Uji Jejak Audit") ||
		!strings.Contains(res.body, "127.0.0.1") || !strings.Contains(res.body, "20/11/2026 16:00:00 WIB") {
		t.Errorf("filtered page: %d %s", res.StatusCode, gist(res))
	}
	if !strings.Contains(res.body, `href="/audit"`) {
		t.Error("no link to the audit trail for an auditor")
	}
	if res := e.do(auditor, http.MethodGet, "/audit?from=2026-11-20&to=2026-11-20&action=create&entity=regulation", nil); !strings.Contains(res.body, "Uji Jejak Audit") {
		t.Errorf("the day of the change: %s", gist(res))
	}
	if res := e.do(auditor, http.MethodGet, "/audit?to=2026-11-19", nil); !strings.Contains(res.body, "Tidak ada entri yang cocok.") {
		t.Errorf("before the first change: %s", gist(res))
	}
	// The sample book alone makes more than one page.
	_, total, _ := e.db.FindAudit(context.Background(), esop.AuditFilter{})
	res = e.do(auditor, http.MethodGet, "/audit?page=2", nil)
	if total <= 50 || !strings.Contains(res.body, "Halaman 2 dari") || !strings.Contains(res.body, `rel="prev"`) {
		t.Errorf("page 2 of %d entries: %s", total, gist(res))
	}
	en := e.session("auditor")
	u, _ := url.Parse(e.srv.URL)
	en.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
	if res := e.do(en, http.MethodGet, "/audit?entity=regulation&actor=admin", nil); !strings.Contains(res.body, "Entries 1–1 of 1") || !strings.Contains(res.body, ">created<") {
		t.Errorf("in English: %s", gist(res))
	}

	// The export: every entry with its hashes, which recompute and link.
	res = e.do(admin, http.MethodGet, "/audit.csv", nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "audit-esop-2026-11-20.csv") {
		t.Fatalf("export: %d %v", res.StatusCode, res.Header)
	}
	records, err := csv.NewReader(strings.NewReader(res.body)).ReadAll()
	if err != nil || len(records) < total+1 || strings.Join(records[0], ",") != strings.Join(esop.AuditCSVHeader, ",") {
		t.Fatalf("export: %d records, %v", len(records), err)
	}
	prev := ""
	for _, r := range records[1:] {
		entry := auditFromRecord(t, r)
		if entry.Hash != entry.ComputeHash() || entry.PrevHash != prev {
			t.Fatalf("exported entry %d does not verify", entry.Seq)
		}
		prev = entry.Hash
	}
	res = e.do(auditor, http.MethodGet, "/audit.csv?entity=regulation&actor=admin", nil)
	if records, _ := csv.NewReader(strings.NewReader(res.body)).ReadAll(); len(records) != 2 || records[1][5] != "regulation" {
		t.Errorf("filtered export: %v", records)
	}

	// Others may not read it: not other roles, not an auditor of one unit.
	e.addUser("auditor-hi", "auditor:bidang-hi")
	for _, user := range []string{"pelaksana", "penyusun", "auditor-hi"} {
		c := e.session(user)
		for _, path := range []string{"/audit", "/audit.csv"} {
			if res := e.do(c, http.MethodGet, path, nil); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s as %s: %d", path, user, res.StatusCode)
			}
		}
	}
	if res := e.do(e.session("pelaksana"), http.MethodGet, "/dashboard", nil); strings.Contains(res.body, `href="/audit"`) {
		t.Error("a pelaksana sees the link to the audit trail")
	}
}

func auditFromRecord(t *testing.T, r []string) *esop.AuditEntry {
	t.Helper()
	var e esop.AuditEntry
	var err error
	if _, err = fmt.Sscan(r[0], &e.Seq); err != nil {
		t.Fatal(err)
	}
	if e.At, err = time.Parse(esop.AuditTimeFormat, r[1]); err != nil {
		t.Fatal(err)
	}
	e.Actor, e.Address, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash, e.Hash = r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]
	return &e
}

// TestAuditLabels: every action and kind of record the filters offer has
// its label in both catalogues (the page builds the keys at run time).
func TestAuditLabels(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"id", "en"} {
		cat := loadCatalogue(t, lang)
		for _, a := range append(esop.AuditActions, esop.AuditRemind) {
			if cat["audit.action."+a] == "" {
				t.Errorf("%s: no label for the action %q", lang, a)
			}
		}
		for _, a := range esop.Actions { // the transitions of the lifecycle, labelled as its events
			if cat["event."+a] == "" {
				t.Errorf("%s: no label for the action %q", lang, a)
			}
		}
		for _, e := range append(esop.AuditEntities, esop.EntityMonitoring, esop.EntityEvaluation) {
			if cat["audit.entity."+e] == "" {
				t.Errorf("%s: no label for the kind of record %q", lang, e)
			}
		}
	}
}

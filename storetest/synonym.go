package storetest

import (
	"context"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

var synonymTests = []struct {
	name string
	fn   func(t *testing.T, db *sqlstore.DB)
}{
	{"Synonyms", testSynonyms},
}

// testSynonyms: the migration seeds the everyday names of the office's
// services; a synonym is added once whatever its case, checked, deleted,
// and each change is in the audit trail.
func testSynonyms(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "admin", "192.0.2.1")
	list, err := db.FindSynonyms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seeded := map[string]string{}
	for _, s := range list {
		seeded[s.Phrase] = s.Meaning
	}
	if seeded["kartu kuning"] != "AK/I" || seeded["pkb"] != "perjanjian kerja bersama" {
		t.Fatalf("seeded synonyms: %v", seeded)
	}
	s := &esop.Synonym{Phrase: "  Kartu   Biru ", Meaning: "AK/II"}
	if err := db.CreateSynonym(ctx, s); err != nil || s.ID == 0 || s.Phrase != "Kartu Biru" {
		t.Fatalf("create: %v %+v", err, s)
	}
	mustCode(t, db.CreateSynonym(ctx, &esop.Synonym{Phrase: "kartu biru", Meaning: "lain"}), esop.ECONFLICT)
	mustCode(t, db.CreateSynonym(ctx, &esop.Synonym{Phrase: "", Meaning: "lain"}), esop.EINVALID)
	mustCode(t, db.CreateSynonym(ctx, &esop.Synonym{Phrase: "sama", Meaning: "SAMA"}), esop.EINVALID)
	if got, _ := db.FindSynonyms(ctx); len(got) != len(list)+1 {
		t.Fatalf("%d synonyms after one was added to %d", len(got), len(list))
	}
	if err := db.DeleteSynonym(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.DeleteSynonym(ctx, s.ID), esop.ENOTFOUND)
	entries, _, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySynonym})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range entries {
		if e.Actor != "admin" {
			t.Errorf("audit entry by %q", e.Actor)
		}
		actions = append(actions, e.Action)
	}
	if len(actions) != 2 {
		t.Errorf("audit of the synonyms: %v, want a create and a delete", actions)
	}
}

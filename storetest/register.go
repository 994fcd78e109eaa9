package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// registerTests cover the issuer of the regulation register and the
// office contact of an agency (issue 9, points 10 and 13).
var registerTests = []struct {
	name string
	fn   func(t *testing.T, db *sqlstore.DB)
}{
	{"RegulationIssuer", testRegulationIssuer},
	{"OfficeContact", testOfficeContact},
}

func testRegulationIssuer(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	d := doc("100/001/2024", "Satu")
	d.LegalBasis = []esop.LegalRef{
		{Kind: "Permen", Number: "28", Year: 2014, Title: "Peraturan Perusahaan", Issuer: "Menteri Ketenagakerjaan"},
		{Text: "Peraturan Wali Kota Malang Nomor 44 Tahun 2012 tentang Uraian Tugas"},
	}
	if _, err := db.ImportDocuments(ctx, []*esop.Document{d}, "t"); err != nil {
		t.Fatal(err)
	}
	byKey := map[string]*esop.Regulation{}
	regs, _, err := db.FindRegulations(ctx, esop.RegulationFilter{})
	must(t, err)
	for _, r := range regs {
		byKey[r.Key()] = r
	}
	permen, perwali := byKey["permen:28:2014"], byKey["perwali:44:2012"]
	if permen == nil || permen.Issuer != "Menteri Ketenagakerjaan" || perwali == nil || perwali.Issuer != "Wali Kota Malang" {
		t.Fatalf("issuers from the citations: %+v %+v", permen, perwali)
	}
	if got := permen.Ref().String(); got != "Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014 tentang Peraturan Perusahaan" {
		t.Errorf("citation %q", got)
	}
	// The issuer is searched, and it is not part of the key: the same
	// regulation cited without it is the same entry.
	if list, n, _ := db.FindRegulations(ctx, esop.RegulationFilter{Query: "menteri ketenagakerjaan"}); n != 1 || list[0].ID != permen.ID {
		t.Errorf("query by issuer: %d", n)
	}
	mustCode(t, db.CreateRegulation(ctx, &esop.Regulation{Kind: "Permen", Number: "28", Year: 2014, Title: "x"}), esop.ECONFLICT)

	kep := &esop.Regulation{Kind: "Kepmen", Number: "KEP.16/MEN/2001", Year: 2001, Title: "Pencatatan SP/SB", Issuer: "Menteri Tenaga Kerja dan Transmigrasi"}
	must(t, db.CreateRegulation(ctx, kep))
	if got, err := db.FindRegulationByID(ctx, kep.ID); err != nil || got.Issuer != kep.Issuer {
		t.Fatalf("created: %+v %v", got, err)
	}
	mustCode(t, db.CreateRegulation(ctx, &esop.Regulation{Kind: "PP", Number: "1", Year: 2020, Issuer: strings.Repeat("x", esop.MaxNameLen+1)}), esop.EINVALID)

	r, err := db.UpdateRegulationIssuer(ctx, perwali.ID, "  Wali Kota   Batu ")
	if err != nil || r.Issuer != "Wali Kota Batu" || r.Key() != perwali.Key() {
		t.Fatalf("update: %+v %v", r, err)
	}
	entries, _, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityRegulation, Action: esop.AuditUpdate})
	must(t, err)
	if len(entries) != 1 || !strings.Contains(entries[0].Before, "Wali Kota Malang") || !strings.Contains(entries[0].After, "Wali Kota Batu") {
		t.Errorf("audit of the change: %+v", entries)
	}
	if _, err := db.UpdateRegulationIssuer(ctx, perwali.ID, "Wali Kota Batu"); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityRegulation, Action: esop.AuditUpdate}); n != 1 {
		t.Errorf("an unchanged issuer was audited: %d entries", n)
	}
	_, err = db.UpdateRegulationIssuer(ctx, perwali.ID, "Wali\x07Kota")
	mustCode(t, err, esop.EINVALID)
	_, err = db.UpdateRegulationIssuer(ctx, 4242, "x")
	mustCode(t, err, esop.ENOTFOUND)
	if r, _ := db.FindRegulationByID(ctx, perwali.ID); r.Issuer != "Wali Kota Batu" {
		t.Errorf("a refused change changed %q", r.Issuer)
	}
}

func testOfficeContact(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newLifecycleOrg(t, db)
	if c, err := db.OfficeContact(ctx, o.agency.ID); err != nil || c != (esop.OfficeContact{}) {
		t.Fatalf("nothing set: %+v %v", c, err)
	}
	want := esop.OfficeContact{Address: "Jalan Tenes, Malang 65111", Phone: "(0341) 551234", Email: "disnaker@malangkota.go.id", Website: "disnaker.malangkota.go.id"}
	must(t, db.PutOfficeContact(ctx, o.agency.ID, esop.OfficeContact{Address: " Jalan  Tenes, Malang 65111 ", Phone: want.Phone, Email: want.Email, Website: want.Website}))
	if c, err := db.OfficeContact(ctx, o.agency.ID); err != nil || c != want {
		t.Fatalf("stored %+v %v, want %+v", c, err, want)
	}
	// An empty field is removed; a bad one refuses the whole change.
	must(t, db.PutOfficeContact(ctx, o.agency.ID, esop.OfficeContact{Address: want.Address, Email: want.Email}))
	mustCode(t, db.PutOfficeContact(ctx, o.agency.ID, esop.OfficeContact{Address: "Jalan Lain", Email: "bukan-surel"}), esop.EINVALID)
	if c, _ := db.OfficeContact(ctx, o.agency.ID); c != (esop.OfficeContact{Address: want.Address, Email: want.Email}) {
		t.Errorf("after removal and a refused change: %+v", c)
	}
	mustCode(t, db.PutOfficeContact(ctx, o.unit.ID, want), esop.EINVALID) // a bidang, not an agency
	mustCode(t, db.PutOfficeContact(ctx, 0, want), esop.EINVALID)
	mustCode(t, db.PutOfficeContact(ctx, 4242, want), esop.EINVALID)
	if c, _ := db.OfficeContact(ctx, 0); c != (esop.OfficeContact{}) {
		t.Errorf("the installation has an office: %+v", c)
	}
	entries, _, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySetting})
	must(t, err)
	var created, deleted int
	for _, e := range entries {
		if strings.HasPrefix(e.EntityID, "office.") {
			switch e.Action {
			case esop.AuditCreate:
				created++
			case esop.AuditDelete:
				deleted++
			}
		}
	}
	if created != 4 || deleted != 2 {
		t.Errorf("audited %d creations and %d removals, want 4 and 2", created, deleted)
	}
}

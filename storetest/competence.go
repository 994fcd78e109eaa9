package storetest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// Employees' competence records (issue 13, point 2).

var competenceTests = []struct {
	name string
	fn   func(t *testing.T, db *sqlstore.DB)
}{
	{"CompetenceRecords", testCompetenceRecords},
}

// testCompetenceRecords: a record is created, read back with its NIP and
// dates, replaced and removed, each change audited with who made it; bad
// records are refused on their fields and leave nothing behind; a record
// is only reached through its own employee.
func testCompetenceRecords(t *testing.T, db *sqlstore.DB) {
	ctx := esop.WithActor(context.Background(), "kabid", "127.0.0.1")
	o := newOffice(t, db) // today is 2026-03-02
	staf, loket := o.emps["staf1"], o.emps["loket"]
	exp := esop.MustDate("2027-01-31")
	cert := &esop.CompetenceRecord{EmployeeID: staf.ID, Type: esop.RecordCertificate, Title: "  Sertifikat   Pengantar Kerja ",
		Kind: esop.CompetenceTeknis, Issuer: "BNSP", Date: esop.MustDate("2024-02-01"), Expiry: &exp, Evidence: "No. 123/BNSP/2024"}
	must(t, db.CreateCompetenceRecord(ctx, cert))
	training := &esop.CompetenceRecord{EmployeeID: staf.ID, Type: esop.RecordTraining, Title: "Pelatihan Pelayanan Publik",
		Kind: esop.CompetenceManajerial, Date: esop.MustDate("2025-11-20")}
	must(t, db.CreateCompetenceRecord(ctx, training))
	if cert.ID == 0 || cert.NIP != staf.NIP || cert.Title != "Sertifikat Pengantar Kerja" || cert.UpdatedBy != "kabid" {
		t.Fatalf("created %+v", cert)
	}
	list, err := db.CompetenceRecords(ctx, staf.ID)
	must(t, err)
	if len(list) != 2 || list[0].ID != training.ID || list[1].Expiry == nil || *list[1].Expiry != exp || list[0].Expiry != nil ||
		list[1].Issuer != "BNSP" || list[1].Evidence != "No. 123/BNSP/2024" || list[1].Date != esop.MustDate("2024-02-01") || list[1].NIP != staf.NIP {
		t.Fatalf("read back %+v", list)
	}
	// Refused: each problem on its field, nothing written.
	bad := []struct {
		r    esop.CompetenceRecord
		path string
	}{
		{esop.CompetenceRecord{Type: "seminar", Title: "x", Kind: "teknis", Date: esop.MustDate("2025-01-01")}, "type"},
		{esop.CompetenceRecord{Type: "training", Title: " ", Kind: "teknis", Date: esop.MustDate("2025-01-01")}, "title"},
		{esop.CompetenceRecord{Type: "training", Title: "x", Kind: "teknikal", Date: esop.MustDate("2025-01-01")}, "kind"},
		{esop.CompetenceRecord{Type: "certificate", Title: "x", Kind: "teknis", Date: esop.MustDate("2025-01-01")}, "issuer"},
		{esop.CompetenceRecord{Type: "training", Title: "x", Kind: "teknis"}, "date"},
		{esop.CompetenceRecord{Type: "training", Title: "x", Kind: "teknis", Date: esop.MustDate("2026-03-03")}, "date"},
		{esop.CompetenceRecord{Type: "training", Title: "x", Kind: "teknis", Date: esop.MustDate("2025-01-01"), Expiry: ptrDate("2024-12-31")}, "expiry"},
		{esop.CompetenceRecord{Type: "training", Title: strings.Repeat("x", esop.MaxRecordTitle+1), Kind: "teknis", Date: esop.MustDate("2025-01-01")}, "title"},
	}
	for _, b := range bad {
		b.r.EmployeeID = staf.ID
		err := db.CreateCompetenceRecord(ctx, &b.r)
		mustCode(t, err, esop.EINVALID)
		if e, ok := err.(*esop.Error); !ok || len(e.Problems) != 1 || e.Problems[0].Path != b.path {
			t.Errorf("%s: %v", b.path, err)
		}
	}
	mustCode(t, db.CreateCompetenceRecord(ctx, &esop.CompetenceRecord{EmployeeID: 999999, Type: "training", Title: "x", Kind: "teknis",
		Date: esop.MustDate("2025-01-01")}), esop.ENOTFOUND)
	if list, _ := db.CompetenceRecords(ctx, staf.ID); len(list) != 2 {
		t.Fatalf("a refused record was written: %+v", list)
	}
	// Replace: the expiry moved, the kind kept.
	upd := *cert
	newExp := esop.MustDate("2029-01-31")
	upd.Expiry, upd.Title = &newExp, "Sertifikat Kompetensi Pengantar Kerja"
	must(t, db.UpdateCompetenceRecord(ctx, &upd))
	badUpd := upd
	badUpd.Expiry = ptrDate("2020-01-01")
	mustCode(t, db.UpdateCompetenceRecord(ctx, &badUpd), esop.EINVALID)
	other := upd
	other.EmployeeID = loket.ID // another employee's record is not reached
	mustCode(t, db.UpdateCompetenceRecord(ctx, &other), esop.ENOTFOUND)
	mustCode(t, db.DeleteCompetenceRecord(ctx, loket.ID, cert.ID), esop.ENOTFOUND)
	all, err := db.AllCompetenceRecords(ctx)
	must(t, err)
	if len(all) != 1 || len(all[staf.ID]) != 2 || *all[staf.ID][1].Expiry != newExp || all[staf.ID][1].Title != upd.Title {
		t.Fatalf("after update %+v", all)
	}
	must(t, db.DeleteCompetenceRecord(ctx, staf.ID, training.ID))
	mustCode(t, db.DeleteCompetenceRecord(ctx, staf.ID, training.ID), esop.ENOTFOUND)
	if list, _ := db.CompetenceRecords(ctx, staf.ID); len(list) != 1 || list[0].ID != cert.ID {
		t.Fatalf("after delete %+v", list)
	}
	entries, n, err := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityCompetenceRecord, EntityID: strconv.FormatInt(cert.ID, 10)})
	must(t, err)
	if n != 2 || entries[0].Action != esop.AuditUpdate || entries[0].Actor != "kabid" || !strings.Contains(entries[0].Before, "2027-01-31") ||
		!strings.Contains(entries[0].After, "2029-01-31") || entries[1].Action != esop.AuditCreate {
		t.Errorf("audit of the certificate: %d %+v", n, entries)
	}
	if _, n, _ := db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityCompetenceRecord, EntityID: strconv.FormatInt(training.ID, 10),
		Action: esop.AuditDelete}); n != 1 {
		t.Errorf("the deletion was not audited: %d", n)
	}
}

func ptrDate(s string) *esop.Date {
	d := esop.MustDate(s)
	return &d
}

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

const nipPengantar = "19880215 201101 2 006" // Pengantar Kerja (Bidang Penta)

// recordOut is a competence record as the API answers it.
type recordOut struct {
	ID                                             int64
	NIP, Type, Title, Kind, Issuer, Date, Evidence string
	Expiry                                         *string
	UpdatedBy                                      string
}

// TestCompetenceRecordsAPI: the head of Bidang HI keeps the records of
// the mediator of the unit (create, change, delete, each audited); the
// mediator reads their own but may not change them; an auditor reads;
// the head of another unit's employee is refused; bad records are 422
// with each field named, in the reader's language, and nothing is saved.
func TestCompetenceRecordsAPI(t *testing.T) {
	t.Parallel()
	e := newRunEnv(t)
	c := e.newClient()
	kabid, admin := e.bearer("kabidhi"), e.bearer("admin")
	base := "/api/v1/employees/" + url.PathEscape(nipMediator) + "/competences"
	cert := map[string]any{"type": "certificate", "title": "Sertifikat Mediator Hubungan Industrial", "kind": "teknis",
		"issuer": "Kementerian Ketenagakerjaan", "date": "2024-05-02", "expiry": "2027-05-01", "evidence": "SK No. 5/2024"}
	var created recordOut
	mustStatus(t, e.apiJSON(c, http.MethodPost, base, kabid, cert, &created), http.StatusCreated)
	if created.ID == 0 || created.NIP != strings.ReplaceAll(nipMediator, " ", "") || created.Expiry == nil || *created.Expiry != "2027-05-01" ||
		created.UpdatedBy != "kabidhi" {
		t.Fatalf("created %+v", created)
	}
	var list struct {
		NIP, Name string
		MayEdit   bool
		Records   []recordOut
	}
	mustStatus(t, e.apiJSON(c, http.MethodGet, base, e.bearer("mediator"), nil, &list), http.StatusOK)
	if len(list.Records) != 1 || list.MayEdit || list.Records[0].Title != cert["title"] {
		t.Errorf("the mediator's own: %+v", list)
	}
	// The mediator reaches their own records from their account, and reads them.
	if res := e.do(e.session("mediator"), http.MethodGet, "/account", nil); !strings.Contains(res.body,
		`href="/analysis/competence/employees/`+strings.ReplaceAll(nipMediator, " ", "")+`"`) {
		t.Error("the account page does not link the employee's own records")
	}
	if res := e.do(e.session("mediator"), http.MethodGet, "/analysis/competence/employees/"+strings.ReplaceAll(nipMediator, " ", ""), nil); res.StatusCode != http.StatusOK ||
		!strings.Contains(res.body, "Sertifikat Mediator Hubungan Industrial") || strings.Contains(res.body, `id="record-submit"`) ||
		strings.Contains(res.body, `href="/analysis/workload`) {
		t.Errorf("the mediator's own records page: %d", res.StatusCode)
	}
	mustStatus(t, e.apiJSON(c, http.MethodGet, base, e.bearer("auditor"), nil, &list), http.StatusOK)
	mustStatus(t, e.apiJSON(c, http.MethodPost, base, e.bearer("mediator"), cert, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(c, http.MethodPost, base, e.bearer("auditor"), cert, nil), http.StatusForbidden)
	other := "/api/v1/employees/" + url.PathEscape(nipPengantar) + "/competences"
	mustStatus(t, e.apiJSON(c, http.MethodPost, other, kabid, cert, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(c, http.MethodGet, other, e.bearer("mediator"), nil, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(c, http.MethodPost, other, admin, cert, nil), http.StatusCreated)
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/employees/199001012020011001/competences", admin, nil, nil), http.StatusNotFound)
	mustStatus(t, e.apiJSON(c, http.MethodGet, "/api/v1/employees/199001012020011001/competences", e.bearer("mediator"), nil, nil), http.StatusForbidden)

	// Bad input: each problem on its field, nothing saved.
	for _, tc := range []struct {
		change map[string]any
		paths  string
		lang   string
		word   string
	}{
		{map[string]any{"expiry": "2024-01-01"}, "expiry", "id", "harus sesudah"},
		{map[string]any{"expiry": "2024-01-01"}, "expiry", "en", "must be after"},
		{map[string]any{"kind": "teknikal"}, "kind", "id", "tidak dikenal"},
		{map[string]any{"type": "seminar", "title": ""}, "type,title", "id", "wajib"},
		{map[string]any{"date": "02/05/2024"}, "date", "id", "TTTT-BB-HH"},
		{map[string]any{"date": "2026-12-01", "expiry": "2027-12-01"}, "date", "en", "has not come yet"},
		{map[string]any{"issuer": ""}, "issuer", "id", "penerbit"},
		{map[string]any{"title": strings.Repeat("a", 301)}, "title", "id", "300"},
	} {
		in := map[string]any{}
		for k, v := range cert {
			in[k] = v
		}
		for k, v := range tc.change {
			in[k] = v
		}
		res := e.apiJSON(c, http.MethodPost, base, kabid, in, nil, "Accept-Language", tc.lang)
		mustStatus(t, res, http.StatusUnprocessableEntity)
		if got := errorPaths(t, res); got != tc.paths || !strings.Contains(res.body, tc.word) {
			t.Errorf("%v: paths %q, want %q: %s", tc.change, got, tc.paths, res.body)
		}
	}
	mustStatus(t, e.apiJSON(c, http.MethodPost, base, kabid, []byte(`{"type":"training","title":"x","kind":"teknis","date":"2024-01-01","hours":3}`), nil),
		http.StatusUnprocessableEntity)
	mustStatus(t, e.apiJSON(c, http.MethodGet, base, kabid, nil, &list), http.StatusOK)
	if len(list.Records) != 1 || !list.MayEdit {
		t.Fatalf("a refused record was saved: %+v", list)
	}

	// Change and delete.
	one := base + "/" + strconv.FormatInt(created.ID, 10)
	cert["expiry"] = "2029-05-01"
	var updated recordOut
	mustStatus(t, e.apiJSON(c, http.MethodPut, one, kabid, cert, &updated), http.StatusOK)
	if *updated.Expiry != "2029-05-01" {
		t.Errorf("updated %+v", updated)
	}
	cert["expiry"] = "2020-01-01"
	mustStatus(t, e.apiJSON(c, http.MethodPut, one, kabid, cert, nil), http.StatusUnprocessableEntity)
	mustStatus(t, e.apiJSON(c, http.MethodPut, other+"/"+strconv.FormatInt(created.ID, 10), admin, cert, nil), http.StatusUnprocessableEntity)
	cert["expiry"] = ""
	mustStatus(t, e.apiJSON(c, http.MethodPut, other+"/"+strconv.FormatInt(created.ID, 10), admin, cert, nil), http.StatusNotFound)
	mustStatus(t, e.apiJSON(c, http.MethodDelete, one, e.bearer("mediator"), nil, nil), http.StatusForbidden)
	mustStatus(t, e.apiJSON(c, http.MethodDelete, one, kabid, nil, nil), http.StatusNoContent)
	mustStatus(t, e.apiJSON(c, http.MethodDelete, one, kabid, nil, nil), http.StatusNotFound)
	entries, n, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Entity: esop.EntityCompetenceRecord, EntityID: strconv.FormatInt(created.ID, 10)})
	if err != nil || n != 3 || entries[0].Action != esop.AuditDelete || entries[1].Action != esop.AuditUpdate || entries[2].Actor != "kabidhi" {
		t.Errorf("audit: %v %d %+v", err, n, entries)
	}
}

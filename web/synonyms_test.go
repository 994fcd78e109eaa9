package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// searchLinks returns the SOP links of a search page's results.
func searchLinks(body string) []string {
	return regexp.MustCompile(`<td class="title"><a href="(/sops/\d+)"`).FindAllString(body, -1)
}

// TestSearchSynonyms: "kartu kuning", the everyday name of the AK/I card,
// finds the AK/I SOP through the seeded synonyms, and the API search too.
func TestSearchSynonyms(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ak := e.sop(akSample)
	link := fmt.Sprintf(`<a href="/sops/%d"`, ak.ID)
	for _, q := range []string{"kartu kuning", "Kartu Kuning", "ak1"} {
		res := e.do(e.session(""), "GET", "/search?q="+url.QueryEscape(q), nil)
		if res.StatusCode != 200 || !strings.Contains(res.body, link) {
			t.Errorf("searching for %q does not find the AK/I SOP: %s", q, gist(res))
		}
	}
	// The words alone find what they find, no more: "kuning" is in no SOP.
	if res := e.do(e.session(""), "GET", "/search?q=kuning", nil); strings.Contains(res.body, link) {
		t.Error("kuning alone finds the AK/I SOP")
	}
	var out struct {
		SOPs []struct {
			ID int64 `json:"id"`
		} `json:"sops"`
	}
	res := e.apiJSON(e.session(""), "GET", "/api/v1/sops?q="+url.QueryEscape("kartu kuning"), "", nil, &out)
	found := false
	for _, it := range out.SOPs {
		found = found || it.ID == ak.ID
	}
	if res.StatusCode != 200 || !found {
		t.Errorf("the API search for kartu kuning: %s", gist(res))
	}
}

// TestSearchDidYouMean: a typo finds nothing, says so without an empty
// table, and offers the index's own word; a query that finds enough
// offers nothing.
func TestSearchDidYouMean(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.do(e.session(""), "GET", "/search?q=pelatian", nil)
	if res.StatusCode != 200 {
		t.Fatalf("search: %s", gist(res))
	}
	if !strings.Contains(res.body, "Tidak ada SOP yang cocok dengan “pelatian”") || strings.Contains(res.body, "<table") {
		t.Errorf("an empty result: want the message and no table:\n%s", mainOf(res.body))
	}
	if !strings.Contains(res.body, `Apakah maksud Anda <a href="/search?q=pelatihan" rel="nofollow"><strong>pelatihan</strong></a>?`) {
		t.Errorf("no suggestion of pelatihan for pelatian:\n%s", mainOf(res.body))
	}
	// The suggestion finds something.
	if res := e.do(e.session(""), "GET", "/search?q=pelatihan", nil); len(searchLinks(res.body)) == 0 || strings.Contains(res.body, "Apakah maksud Anda") {
		t.Errorf("pelatihan: %d results, suggestion shown: %v", len(searchLinks(res.body)), strings.Contains(res.body, "Apakah maksud Anda"))
	}
	// In English too.
	res = e.do(e.session(""), "GET", "/search?q=pelatian", nil, "Cookie", "lang=en")
	if !strings.Contains(res.body, "Did you mean") {
		t.Errorf("English: no suggestion:\n%s", mainOf(res.body))
	}
}

// TestAdminSynonyms: the administrator adds a synonym and the search uses
// it at once; the change is audited; deleting it takes it away; others
// may neither see nor change the list.
func TestAdminSynonyms(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.session("admin")
	mediasi := e.sop("Penyelesaian Perselisihan Hubungan Industrial melalui Mediasi")
	link := fmt.Sprintf(`<a href="/sops/%d"`, mediasi.ID)
	const q = "/search?q=pengaduan+buruh"
	if res := e.do(e.session(""), "GET", q, nil); strings.Contains(res.body, link) {
		t.Fatal("pengaduan buruh finds the mediation SOP before any synonym")
	}
	page := e.do(admin, "GET", "/admin/synonyms", nil)
	if page.StatusCode != 200 || !strings.Contains(page.body, "kartu kuning") || !strings.Contains(page.body, `href="/admin/synonyms"`) {
		t.Fatalf("the synonyms page: %s", gist(page))
	}
	res := e.postForm(admin, "/admin/synonyms", url.Values{"phrase": {" Pengaduan  Buruh "}, "meaning": {"mediasi"}})
	if res.StatusCode != 303 || res.Header.Get("Location") != "/admin/synonyms?done=added" {
		t.Fatalf("add: %s", gist(res))
	}
	if res := e.do(e.session(""), "GET", q, nil); !strings.Contains(res.body, link) {
		t.Errorf("after the synonym was added, pengaduan buruh does not find the mediation SOP:\n%s", mainOf(res.body))
	}
	if res := e.do(admin, "GET", "/admin/synonyms?done=added", nil); !strings.Contains(res.body, "Sinonim ditambahkan") {
		t.Error("no confirmation after adding")
	}
	// The same phrase again, in another case: refused, what was typed kept.
	res = e.postForm(admin, "/admin/synonyms", url.Values{"phrase": {"pengaduan buruh"}, "meaning": {"perselisihan"}})
	if res.StatusCode != 409 || !strings.Contains(res.body, "sudah ada") || !strings.Contains(res.body, `value="perselisihan"`) {
		t.Errorf("a phrase twice: %s", gist(res))
	}
	res = e.postForm(admin, "/admin/synonyms", url.Values{"phrase": {"kata"}, "meaning": {""}})
	if res.StatusCode != 422 || !strings.Contains(res.body, "Padanan (kata dalam SOP) wajib diisi") {
		t.Errorf("no meaning: %s", gist(res))
	}
	list, err := e.db.FindSynonyms(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, s := range list {
		if s.Phrase == "Pengaduan Buruh" {
			id = s.ID
		}
	}
	audit, _, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Entity: esop.EntitySynonym})
	if err != nil || len(audit) != 1 || audit[0].Actor != "admin" || !strings.Contains(audit[0].After, "Pengaduan Buruh") {
		t.Errorf("audit of the synonym: %v %+v", err, audit)
	}
	// Nobody else may change the list.
	for _, who := range []string{"", "penyusun", "auditor"} {
		if res := e.postForm(e.session(who), fmt.Sprintf("/admin/synonyms/%d/delete", id), nil); res.StatusCode == 303 {
			t.Errorf("%q deleted a synonym", who)
		}
	}
	res = e.postForm(admin, fmt.Sprintf("/admin/synonyms/%d/delete", id), nil)
	if res.StatusCode != 303 || res.Header.Get("Location") != "/admin/synonyms?done=deleted" {
		t.Fatalf("delete: %s", gist(res))
	}
	if res := e.do(e.session(""), "GET", q, nil); strings.Contains(res.body, link) {
		t.Error("after the synonym was deleted, pengaduan buruh still finds the mediation SOP")
	}
}

// mainOf returns the main element of a page, for messages.
func mainOf(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if j := strings.Index(body, "</main>"); j >= 0 {
		body = body[:j]
	}
	return clip(body, 3000)
}

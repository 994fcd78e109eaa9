package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestAdminRegulationIssuer checks the issuer of the regulation register
// on the administration page: given with a new regulation, changed on an
// existing one, refused when too long, for administrators only.
func TestAdminRegulationIssuer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	c := e.session("admin")

	res := e.postForm(c, "/admin/regulations", url.Values{"kind": {"Permen"}, "number": {"99"}, "year": {"2026"},
		"title": {"Uji Coba"}, "issuer": {" Menteri  Ketenagakerjaan "}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %s", gist(res))
	}
	list, _, err := e.db.FindRegulations(ctx, esop.RegulationFilter{Query: "uji coba"})
	if err != nil || len(list) != 1 || list[0].Issuer != "Menteri Ketenagakerjaan" {
		t.Fatalf("created: %+v %v", list, err)
	}
	reg := list[0]
	res = e.do(c, http.MethodGet, "/admin/regulations", nil)
	if !strings.Contains(res.body, "Peraturan Menteri Ketenagakerjaan Nomor 99 Tahun 2026 tentang Uji Coba") ||
		inputValue(res.body, fmt.Sprintf("ri-%d", reg.ID)) != "Menteri Ketenagakerjaan" {
		t.Error("the register does not cite the regulation with its issuer")
	}

	path := fmt.Sprintf("/admin/regulations/%d/issuer", reg.ID)
	if res := e.postForm(c, path, url.Values{"issuer": {"Menteri Dalam Negeri"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("change: %s", gist(res))
	}
	if r, _ := e.db.FindRegulationByID(ctx, reg.ID); r.Issuer != "Menteri Dalam Negeri" {
		t.Errorf("after the change: %q", r.Issuer)
	}
	res = e.postForm(c, path, url.Values{"issuer": {strings.Repeat("Menteri ", 40)}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(adminError(res.body), "penerbit peraturan paling panjang 200 huruf") {
		t.Errorf("too long: %d %q", res.StatusCode, adminError(res.body))
	}
	if res := e.postForm(c, "/admin/regulations/999999/issuer", url.Values{"issuer": {"x"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown regulation: %d", res.StatusCode)
	}
	if res := e.postForm(e.session("penyusun"), path, url.Values{"issuer": {"Menteri Keuangan"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("an author: %d, want 403", res.StatusCode)
	}
	if r, _ := e.db.FindRegulationByID(ctx, reg.ID); r.Issuer != "Menteri Dalam Negeri" {
		t.Errorf("refused changes changed the issuer: %q", r.Issuer)
	}
}

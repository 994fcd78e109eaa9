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

// TestAdminOfficeContact checks the office contact of an agency on the
// settings page: shown for an agency only, saved, shown back, refused
// with every bad field named and nothing changed, for administrators only.
func TestAdminOfficeContact(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	c := e.session("admin")
	agency := e.unitID("disnakertrans")
	page := fmt.Sprintf("/admin/settings?agency=%d", agency)

	res := e.do(c, http.MethodGet, "/admin/settings", nil)
	if !strings.Contains(res.body, "Pilih perangkat daerah di atas untuk mengisi alamat dan kontak kantornya.") || strings.Contains(res.body, `action="/admin/settings/office"`) {
		t.Error("the installation's page offers an office form")
	}
	want := esop.OfficeContact{Address: "Jalan Contoh Nomor 1, Malang 65111", Phone: "(0341) 123456", Email: "disnaker@example.go.id", Website: "disnaker.example.go.id"}
	form := url.Values{"agency": {fmt.Sprint(agency)}, "address": {"  Jalan Contoh   Nomor 1, Malang 65111 "}, "phone": {want.Phone},
		"email": {want.Email}, "website": {want.Website}}
	res = e.postForm(c, "/admin/settings/office", form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page {
		t.Fatalf("save: %s", gist(res))
	}
	if got, err := e.db.OfficeContact(ctx, agency); err != nil || got != want {
		t.Fatalf("stored %+v %v, want %+v", got, err, want)
	}
	res = e.do(c, http.MethodGet, page, nil)
	for id, v := range map[string]string{"o-address": want.Address, "o-phone": want.Phone, "o-email": want.Email, "o-website": want.Website} {
		if got := inputValue(res.body, id); got != v {
			t.Errorf("%s shows %q, want %q", id, got, v)
		}
	}

	// Refused: every bad field named, the typed values shown back, nothing stored.
	bad := url.Values{"agency": {fmt.Sprint(agency)}, "address": {"Jalan Lain"}, "phone": {"12"}, "email": {"bukan-surel"}, "website": {"localhost"}}
	res = e.postForm(c, "/admin/settings/office", bad)
	msg := adminError(res.body)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "Telepon:") || !strings.Contains(msg, "Pos-el:") || !strings.Contains(msg, "Laman:") {
		t.Errorf("bad fields: %d %q", res.StatusCode, msg)
	}
	if inputValue(res.body, "o-email") != "bukan-surel" || inputValue(res.body, "o-address") != "Jalan Lain" {
		t.Errorf("the typed values are not shown back: %q %q", inputValue(res.body, "o-email"), inputValue(res.body, "o-address"))
	}
	res = e.postForm(c, "/admin/settings/office", url.Values{"agency": {fmt.Sprint(e.unitID("bidang-hi"))}, "address": {"Jalan Lain"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(adminError(res.body), "bukan perangkat daerah") {
		t.Errorf("a bidang: %d %q", res.StatusCode, adminError(res.body))
	}
	for _, user := range []string{"penyusun", "pengesah", ""} {
		res := e.postForm(e.session(user), "/admin/settings/office", form)
		if want := map[bool]int{true: http.StatusUnauthorized, false: http.StatusForbidden}[user == ""]; res.StatusCode != want {
			t.Errorf("%q: %s, want %d", user, gist(res), want)
		}
	}
	if got, _ := e.db.OfficeContact(ctx, agency); got != want {
		t.Errorf("refused forms changed the office contact: %+v", got)
	}

	// Emptying a field removes it.
	res = e.postForm(c, "/admin/settings/office", url.Values{"agency": {fmt.Sprint(agency)}, "address": {want.Address}})
	if got, _ := e.db.OfficeContact(ctx, agency); res.StatusCode != http.StatusSeeOther || got != (esop.OfficeContact{Address: want.Address}) {
		t.Errorf("after emptying: %d %+v", res.StatusCode, got)
	}
}

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

// The users form links an account to an employee of the organisation,
// for new and existing accounts; an approver made in the web can approve.

const kadisNIP = "19680512 199303 1 007" // the Kepala Dinas of the sample organisation

func TestAdminUserEmployee(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	admin := e.session("admin")
	kadis, err := e.db.FindEmployeeByNIP(ctx, kadisNIP)
	if err != nil {
		t.Fatal(err)
	}
	dinas := fmt.Sprint(e.unitID("disnakertrans"))

	// The form offers the organisation's employees.
	res := e.do(admin, http.MethodGet, "/admin/users", nil)
	if !strings.Contains(res.body, `<datalist id="employees">`) || !strings.Contains(res.body, `<option value="`+kadisNIP+`">`+kadis.Name+`</option>`) ||
		strings.Count(res.body, `name="employee" list="employees"`) != len(accounts)+1 {
		t.Fatalf("the users page has no employee field for every form: %s", gist(res))
	}

	// A new account refused for an employee who is not in the organisation,
	// or an NIP that is not one; nothing is created.
	for _, tc := range []struct{ nip, want string }{
		{"19990101 202001 1 001", "Tidak ada pegawai dengan NIP 19990101 202001 1 001; tambahkan dulu di Administrasi → Pegawai."},
		{"12345", `Pegawai (NIP) "12345": NIP harus terdiri atas 18 angka`},
	} {
		res := e.postForm(admin, "/admin/users", url.Values{"username": {"kadis"}, "password": {testPassword}, "role0": {"pengesah"}, "unit0": {dinas}, "employee": {tc.nip}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(adminError(res.body), tc.want) {
			t.Errorf("NIP %q: %d %q, want %q", tc.nip, res.StatusCode, adminError(res.body), tc.want)
		}
	}
	users, _ := e.db.FindUsers(ctx)
	if len(users) != len(accounts) {
		t.Fatal("a refused form created an account")
	}

	// An approver made in the web without an employee cannot approve ...
	res = e.postForm(admin, "/admin/users", url.Values{"username": {"kadis"}, "password": {testPassword}, "role0": {"pengesah"}, "unit0": {dinas}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %s", gist(res))
	}
	id := reviewedDraft(t, e)
	approve := url.Values{"action": {"approve"}, "confirm": {"yes"}}
	approver := e.client("kadis")
	if res := e.postForm(approver, fmt.Sprintf("/sops/%d/transitions", id), approve); res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "belum terhubung dengan data pegawai") {
		t.Fatalf("approval without an employee: %s", gist(res))
	}
	// ... until the form links it, by NIP written with or without spaces.
	self := fmt.Sprintf("/admin/users/%d", e.userID("kadis"))
	form := url.Values{"name": {""}, "role0": {"pengesah"}, "unit0": {dinas}, "employee": {strings.ReplaceAll(kadisNIP, " ", "")}}
	if res := e.postForm(admin, self, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("link: %s", gist(res))
	}
	if u := e.user("kadis"); u.EmployeeID != kadis.ID || u.Name != kadis.Name {
		t.Errorf("after linking: %+v", u)
	}
	res = e.do(admin, http.MethodGet, "/admin/users", nil)
	if !strings.Contains(res.body, `name="employee" list="employees" value="`+kadisNIP+`"`) || !strings.Contains(res.body, `<span class="tag">NIP `+kadisNIP+`</span>`) {
		t.Error("the users page does not show the link")
	}
	if res := e.postForm(approver, fmt.Sprintf("/sops/%d/transitions", id), approve); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approval by the linked approver: %s", gist(res))
	}
	if s := e.reload(id); s.Current == nil || s.Current.Document.Approval == nil || s.Current.Document.Approval.Name != kadis.Name {
		t.Errorf("the approval is not signed by the employee: %+v", s.Current)
	}

	// A refused change is not half-made: an unknown NIP or a short
	// password leaves the other fields of the form unsaved.
	for _, bad := range []url.Values{
		{"name": {"Nama Baru"}, "email": {"kadis@example.go.id"}, "role0": {"pelaksana"}, "employee": {"19990101 202001 1 001"}},
		{"name": {"Nama Baru"}, "email": {"kadis@example.go.id"}, "role0": {"pelaksana"}, "employee": {kadisNIP}, "password": {"pendek"}},
	} {
		if res := e.postForm(admin, self, bad); res.StatusCode != http.StatusUnprocessableEntity || adminError(res.body) == "" {
			t.Errorf("%v: %d %q", bad, res.StatusCode, adminError(res.body))
		}
		if u := e.user("kadis"); u.Name != kadis.Name || u.Email != "" || !u.Has(esop.RolePengesah) || u.EmployeeID != kadis.ID {
			t.Errorf("a refused form changed the account: %+v", u)
		}
	}
	// An empty field unlinks; the e-mail address and the roles change too.
	form = url.Values{"name": {kadis.Name}, "email": {"kadis@example.go.id"}, "role0": {"pelaksana"}, "employee": {""}}
	if res := e.postForm(admin, self, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unlink: %s", gist(res))
	}
	if u := e.user("kadis"); u.EmployeeID != 0 || u.Email != "kadis@example.go.id" || u.Has(esop.RolePengesah) || !u.Has(esop.RolePelaksana) {
		t.Errorf("after unlinking: %+v", u)
	}
	// A new account linked at once.
	res = e.postForm(admin, "/admin/users", url.Values{"username": {"kadis2"}, "password": {testPassword}, "role0": {"pengesah"}, "unit0": {dinas}, "employee": {kadisNIP}})
	if u := e.user("kadis2"); res.StatusCode != http.StatusSeeOther || u.EmployeeID != kadis.ID || u.Name != kadis.Name {
		t.Errorf("a new linked account: %d %+v", res.StatusCode, u)
	}
}

// reviewedDraft imports a draft of Bidang Penempatan and takes it through
// submission and review, ready for approval; it returns the SOP's id.
func reviewedDraft(t *testing.T, e *env) int64 {
	t.Helper()
	d := draftDocument(t, e.sop(titleInForce), unitPenta, "Pelayanan Uji Pengesah Baru")
	res, err := e.db.ImportDocuments(context.Background(), []*esop.Document{d}, "penyusun")
	if err != nil {
		t.Fatal(err)
	}
	id := res[0].SOP.ID
	path := fmt.Sprintf("/sops/%d/transitions", id)
	if r := e.postForm(e.session("penyusun"), path, url.Values{"action": {"submit"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %s", gist(r))
	}
	if r := e.postForm(e.session("pemeriksa"), path, url.Values{"action": {"review"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %s", gist(r))
	}
	return id
}

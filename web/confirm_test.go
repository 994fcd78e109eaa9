package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
)

// TestReviewSaysWhatHappened: submit, return, review and approve each
// land on the review screen saying what was done; approving and
// withdrawing ask first, on a page of their own, and only the
// confirmation acts; the review screen shows the whole identity section.
func TestReviewSaysWhatHappened(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	kadis, err := e.db.FindEmployeeByNIP(context.Background(), kadisNIP) // the pengesah is the Kepala Dinas
	if err != nil {
		t.Fatal(err)
	}
	u := e.user("pengesah")
	u.EmployeeID = kadis.ID
	if err := e.db.UpdateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	author, reviewer, approver := e.session("penyusun"), e.session("pemeriksa"), e.session("pengesah")
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Uji Konfirmasi")
	d.Equipment = []string{"Komputer pendaftaran"}
	d.Warning = "Kartu tidak dicetak bila berkas tidak lengkap."
	res := e.postForm(author, "/sops/new", editorForm(d, "submit", 0))
	s := e.sop(d.Title)
	path := fmt.Sprintf("/sops/%d", s.ID)
	if res.StatusCode != 303 || res.Header.Get("Location") != path+"/review?done=submit" {
		t.Fatalf("submit from the editor: %s", gist(res))
	}
	says := func(c *http.Client, loc, want string) {
		t.Helper()
		page := e.do(c, "GET", loc, nil)
		if !strings.Contains(page.body, `<p class="ok-msg" role="status" id="done">`+want) {
			t.Errorf("%s does not say %q:\n%s", loc, want, mainOf(page.body))
		}
	}
	says(author, path+"/review?done=submit", "SOP diajukan untuk diperiksa.")
	if page := e.do(author, "GET", path+"/review?done=bogus", nil); strings.Contains(page.body, `id="done"`) {
		t.Error("an unknown ?done= is shown")
	}
	// The whole identity section, for the reviewer to read.
	page := e.do(reviewer, "GET", path+"/review", nil)
	for _, want := range []string{"Tanggal Pembuatan", "Tanggal Efektif", "Disahkan oleh", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan", "Komputer pendaftaran", "Peringatan", "Kartu tidak dicetak bila berkas tidak lengkap.", "Pencatatan dan Pendataan", "Dinas Ketenagakerjaan"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the review screen lacks %q of the identity section", want)
		}
	}
	step := func(c *http.Client, form url.Values, done, want string) {
		t.Helper()
		res := e.postForm(c, path+"/transitions", form)
		if loc := res.Header.Get("Location"); res.StatusCode != 303 || loc != path+"/review?done="+done {
			t.Fatalf("%s: %s", done, gist(res))
		}
		says(c, path+"/review?done="+done, want)
	}
	step(reviewer, url.Values{"action": {"return"}, "note": {"Lengkapi peralatan"}}, "return", "SOP dikembalikan kepada penyusun")
	step(author, url.Values{"action": {"submit"}}, "submit", "SOP diajukan untuk diperiksa.")
	step(reviewer, url.Values{"action": {"review"}}, "review", "SOP dinyatakan sudah diperiksa")

	// Approval: asked first, nothing done until confirmed.
	res = e.postForm(approver, path+"/transitions", url.Values{"action": {"approve"}, "note": {"Setuju"}, "effective": {"2026-12-01"}})
	if res.StatusCode != 200 || !strings.Contains(res.body, "Sahkan SOP ini sekarang?") || !strings.Contains(res.body, `name="confirm" value="yes"`) ||
		!strings.Contains(res.body, `<input type="hidden" name="effective" value="2026-12-01">`) || !strings.Contains(res.body, `value="Setuju"`) ||
		!strings.Contains(res.body, `href="`+path+`/review">Batal, kembali</a>`) {
		t.Fatalf("approve: no confirmation page: %s\n%s", gist(res), mainOf(res.body))
	}
	if got := e.reload(s.ID); got.Current != nil || got.Draft.Status != esop.StatusReviewed {
		t.Fatal("asking to approve approved")
	}
	// A refusal is told at once, not after the confirmation.
	res = e.postForm(approver, path+"/transitions", url.Values{"action": {"approve"}, "effective": {"2020-01-01"}})
	if res.StatusCode == 200 && strings.Contains(res.body, "Sahkan SOP ini sekarang?") {
		t.Error("an effective date in the past is asked to be confirmed")
	}
	step(approver, url.Values{"action": {"approve"}, "note": {"Setuju"}, "effective": {"2026-12-01"}, "confirm": {"yes"}}, "approve", "SOP disahkan.")
	if got := e.reload(s.ID); got.Pending == nil && got.Current == nil {
		t.Fatal("not approved after the confirmation")
	}

	// Withdrawal: likewise.
	res = e.postForm(approver, path+"/transitions", url.Values{"action": {"withdraw"}, "note": {"Layanan dihapus"}})
	if res.StatusCode != 200 || !strings.Contains(res.body, "Cabut SOP ini sekarang?") {
		t.Fatalf("withdraw: no confirmation page: %s", gist(res))
	}
	if got := e.reload(s.ID); got.Current == nil && got.Pending == nil {
		t.Fatal("asking to withdraw withdrew")
	}
	res = e.postForm(approver, path+"/transitions", url.Values{"action": {"withdraw"}})
	if res.StatusCode != 422 || !strings.Contains(res.body, "alasan") && !strings.Contains(res.body, "catatan") {
		t.Errorf("withdraw without a reason: %s", gist(res))
	}
	step(approver, url.Values{"action": {"withdraw"}, "note": {"Layanan dihapus"}, "confirm": {"yes"}}, "withdraw", "SOP dicabut.")
}

// TestVerifyForm: /v asks for the code printed under the QR code and
// leads to its page, whatever spaces and capitals were typed.
func TestVerifyForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("")
	for _, p := range []string{"/v", "/v/"} {
		res := e.do(c, "GET", p, nil)
		if res.StatusCode != 200 || !strings.Contains(res.body, `<form method="get" action="/v"`) || !strings.Contains(res.body, `name="code"`) {
			t.Errorf("GET %s: %s", p, gist(res))
		}
	}
	code := render.VerifyCode(e.sop(akSample).Current.Document)
	typed := " " + strings.ToUpper(code[:8]) + " " + code[8:] + " "
	res := e.do(c, "GET", "/v?code="+url.QueryEscape(typed), nil)
	if res.StatusCode != 303 || res.Header.Get("Location") != "/v/"+code {
		t.Fatalf("the form: %s", gist(res))
	}
	if res := e.do(c, "GET", "/v/"+code, nil); res.StatusCode != 200 || !strings.Contains(res.body, "BERLAKU") {
		t.Errorf("the code's page: %s", gist(res))
	}
	for _, bad := range []string{"xyz", "", "12345"} {
		res := e.do(c, "GET", "/v?code="+url.QueryEscape(bad), nil)
		if res.StatusCode != 422 || !strings.Contains(res.body, "Kode verifikasi terdiri atas") || !strings.Contains(res.body, `aria-invalid="true"`) {
			t.Errorf("code %q: %s", bad, gist(res))
		}
	}
}

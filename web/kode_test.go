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

// TestNumberingByUnit: the administrator gives the Bidang Penempatan the
// classification code 560, which its seksi inherit; the editor shows it,
// says that an empty number is given at approval, and lets the author
// choose another code; the SOP approved gets 560 and the counter after
// the highest number of the year already stored (the sample book has
// 008 to 130 of 2026, so 131).
func TestNumberingByUnit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	kadis, err := e.db.FindEmployeeByNIP(ctx, "19680512 199303 1 007")
	if err != nil {
		t.Fatal(err)
	}
	u := e.user("pengesah")
	u.EmployeeID = kadis.ID
	if err := e.db.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	admin := e.session("admin")
	penta := e.unitID("bidang-penta")

	// A code that is not one is refused, saying why, in both languages.
	res := e.postForm(admin, "/admin/units/kode", url.Values{"unit": {fmt.Sprint(penta)}, "kode": {"5/60"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(unescaped(res.body), `kode klasifikasi "5/60" tidak sah`) {
		t.Errorf("5/60: %s", gist(res))
	}
	res = e.postForm(admin, "/admin/units/kode", url.Values{"unit": {fmt.Sprint(penta)}, "kode": {"5/60"}}, "Cookie", "lang=en")
	if !strings.Contains(unescaped(res.body), `the classification code "5/60" is not valid`) {
		t.Errorf("5/60 in English: %s", gist(res))
	}
	if res := e.postForm(admin, "/admin/units/kode", url.Values{"unit": {fmt.Sprint(penta)}, "kode": {"560"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("560: %s", gist(res))
	}
	res = e.do(admin, http.MethodGet, "/admin/units", nil)
	for _, want := range []string{
		"<tr><td>\u00a0\u00a0\u00a0\u00a0Bidang Penempatan dan Perluasan Kerja</td><td>560</td></tr>",
		"<tr><td>\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0Seksi Penempatan Tenaga Kerja</td><td>560 <small>(diwarisi)</small></td></tr>",
		"<tr><td>\u00a0\u00a0\u00a0\u00a0Bidang Hubungan Industrial dan Jaminan Sosial</td><td>800 <small>(diwarisi)</small></td></tr>",
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the units page lacks %s", want)
		}
	}

	// A new draft of the Bidang Penempatan.
	d := &esop.Document{Format: esop.FormatV1, Title: "Pelayanan Uji Penomoran", Government: "Pemerintah Kota Malang",
		Agency: "Dinas Ketenagakerjaan dan Transmigrasi", Unit: unitPenta, Category: esop.CategoryRutin,
		Actors: []esop.Actor{{ID: "a", Name: "Petugas"}, {ID: "b", Name: "Kepala Seksi"}},
		Steps: []esop.Step{
			{ID: "s1", Activity: "Menerima berkas", Actor: "a", Time: &esop.Duration{Value: 5, Unit: esop.UnitMinute}, Output: "Berkas"},
			{ID: "s2", Activity: "Memeriksa berkas", Actor: "b", Time: &esop.Duration{Value: 1, Unit: esop.UnitHour}, Output: "Berkas terperiksa"},
		}}
	saved, err := e.db.SaveDraft(ctx, 0, d, 0, "penyusun")
	if err != nil {
		t.Fatal(err)
	}
	id := saved.SOPID
	edit := fmt.Sprintf("/sops/%d/edit", id)
	author := e.session("penyusun")
	res = e.do(author, http.MethodGet, edit, nil)
	for _, want := range []string{`<input id="f-kode" name="kode" value="" placeholder="560"`,
		"Kosongkan untuk memakai kode unit: 560.", "Nomor SOP diberikan otomatis saat pengesahan"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the editor lacks %q", want)
		}
	}
	// A bad code stays in its box with an error beside the number, and
	// is not stored; a good one is.
	s := e.reload(id)
	f := editorForm(s.Draft.Document, "save", s.Draft.Revision)
	f.Set("kode", "5/60")
	res = e.postForm(author, edit, f)
	if !strings.Contains(res.body, `<input id="f-kode" name="kode" value="5/60"`) || !strings.Contains(unescaped(res.body), `Kode ini belum tersimpan`) {
		t.Errorf("a bad code: %s", gist(res))
	}
	if k, _ := e.db.SOPKode(ctx, id); k != "" {
		t.Errorf("a bad code was stored: %q", k)
	}
	s = e.reload(id)
	f = editorForm(s.Draft.Document, "save", s.Draft.Revision)
	f.Set("kode", "562")
	if res := e.postForm(author, edit, f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving with 562: %s", gist(res))
	}
	if k, _ := e.db.SOPKode(ctx, id); k != "562" {
		t.Errorf("the SOP's code %q, want 562", k)
	}
	if res := e.do(author, http.MethodGet, edit, nil); !strings.Contains(res.body, `<input id="f-kode" name="kode" value="562" placeholder="560"`) {
		t.Error("the editor does not show the code chosen")
	}
	// Back to the unit's code, then submitted, reviewed, approved.
	s = e.reload(id)
	f = editorForm(s.Draft.Document, "save", s.Draft.Revision)
	f.Set("kode", "")
	if res := e.postForm(author, edit, f); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving without a code: %s", gist(res))
	}
	path := fmt.Sprintf("/sops/%d/transitions", id)
	for _, step := range []struct{ user, action string }{{"penyusun", "submit"}, {"pemeriksa", "review"}, {"pengesah", "approve"}} {
		if res := e.postForm(e.session(step.user), path, url.Values{"action": {step.action}, "confirm": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s by %s: %s", step.action, step.user, gist(res))
		}
	}
	// The sample book's numbers of 2026 go up to 130 (008–121 and more).
	all, _, err := e.db.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	for _, x := range all {
		if x.ID != id {
			numbers = append(numbers, x.Number)
		}
	}
	highest := esop.HighestCounter(esop.DefaultNumberTemplate, "35.73.405", 2026, numbers)
	if highest < 121 {
		t.Fatalf("the sample book's highest number of 2026 is %d", highest)
	}
	if got, want := e.reload(id).Number, fmt.Sprintf("560/%03d/35.73.405/2026", highest+1); got != want {
		t.Errorf("the number %q, want %q (560 of the bidang, after the highest of the year)", got, want)
	}
}

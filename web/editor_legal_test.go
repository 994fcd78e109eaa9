package web_test

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestEditorLegalBasis checks that the editor shows Dasar Hukum as it is
// printed (issuer, region) and keeps a reference's object form, issuer
// included, while its line is not changed; a changed line is kept as typed.
func TestEditorLegalBasis(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	doc := draftDocument(t, e.sop(titleInForce), unitHI, "Uji Dasar Hukum")
	doc.Government = "Pemerintah Kota Malang"
	doc.LegalBasis = []esop.LegalRef{
		{Kind: "Permen", Number: "28", Year: 2014, Title: "Peraturan Perusahaan", Issuer: "Menteri Tenaga Kerja dan Transmigrasi"},
		{Kind: "Perwali", Number: "44", Year: 2012, Title: "Uraian Tugas"},
		{Kind: "Kepmen", Number: "KEP.16/MEN/2001", Year: 2001, Issuer: "Menteri Tenaga Kerja dan Transmigrasi"},
	}
	var out struct{ ID int64 }
	if res := e.apiJSON(c, http.MethodPost, "/api/v1/sops", e.bearer("penyusun2"), doc, &out); res.StatusCode != http.StatusCreated {
		t.Fatalf("create: %s", gist(res))
	}
	author := e.session("penyusun2")
	page := e.do(author, http.MethodGet, fmt.Sprintf("/sops/%d/edit", out.ID), nil)
	m := regexp.MustCompile(`(?s)<textarea id="f-legal"[^>]*>(.*?)</textarea>`).FindStringSubmatch(page.body)
	want := "Peraturan Menteri Tenaga Kerja dan Transmigrasi Nomor 28 Tahun 2014 tentang Peraturan Perusahaan\n" +
		"Peraturan Wali Kota Malang Nomor 44 Tahun 2012 tentang Uraian Tugas\n" +
		"Keputusan Menteri Tenaga Kerja dan Transmigrasi Nomor KEP.16/MEN/2001"
	if m == nil || html.UnescapeString(m[1]) != want {
		t.Fatalf("the editor shows\n%v\nwant\n%s", m, want)
	}
	rev := regexp.MustCompile(`name="revision" value="(\d+)"`).FindStringSubmatch(page.body)
	form := editorForm(doc, "save", 1)
	lines := strings.Split(want, "\n")
	lines[2] = "Keputusan Menteri Tenaga Kerja dan Transmigrasi Nomor KEP.16/MEN/2001 tentang Pencatatan SP/SB"
	form.Set("legalBasis", strings.Join(lines, "\n"))
	if rev != nil {
		form.Set("revision", rev[1])
	}
	if res := e.postForm(author, fmt.Sprintf("/sops/%d/edit", out.ID), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %s", gist(res))
	}
	got := e.reload(out.ID).Draft.Document.LegalBasis
	if len(got) != 3 || got[0] != doc.LegalBasis[0] || got[1] != doc.LegalBasis[1] || got[2] != (esop.LegalRef{Text: lines[2]}) {
		t.Errorf("stored %+v", got)
	}
}

package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/export"
)

// TestDOCXDownload: the SOP page offers the Word document; it is a DOCX
// whose document names the SOP and holds a picture per flowchart page;
// ?paper=F4 sets the section's paper; an unknown paper is refused.
func TestDOCXDownload(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	s := e.sop(akSample)
	base := fmt.Sprintf("/sops/%d", s.ID)
	if res := e.do(c, http.MethodGet, base, nil); !strings.Contains(res.body, `href="`+base+`/document.docx"`) {
		t.Error("the SOP page offers no Word document")
	}
	for _, tc := range []struct{ query, width string }{{"", `w:w="16838"`}, {"?paper=F4", `w:w="18709"`}} {
		res := e.do(c, http.MethodGet, base+"/document.docx"+tc.query, nil)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" ||
			!strings.Contains(res.Header.Get("Content-Disposition"), ".docx") {
			t.Fatalf("%s: %d %q %q", tc.query, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
		z, err := zip.NewReader(strings.NewReader(res.body), int64(len(res.body)))
		if err != nil {
			t.Fatal(err)
		}
		var doc []byte
		pictures := 0
		for _, f := range z.File {
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				doc, _ = io.ReadAll(rc)
				rc.Close()
			}
			if strings.HasPrefix(f.Name, "word/media/flowchart-") {
				pictures++
			}
		}
		if !bytes.Contains(doc, []byte(strings.ToUpper(s.Title))) || !bytes.Contains(doc, []byte(tc.width)) || pictures == 0 ||
			bytes.Count(doc, []byte("<pic:pic>")) != pictures {
			t.Errorf("%s: document of %d bytes, %d pictures", tc.query, len(doc), pictures)
		}
	}
	if res := e.do(c, http.MethodGet, base+"/document.docx?paper=Letter", nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Ukuran kertas tidak dikenal") {
		t.Errorf("Letter: %d", res.StatusCode)
	}
}

// TestExcelImportWeb: an author downloads the template, and imports an
// SOP kept in Excel (the workbook of an SOP exported from the page, its
// title and unit changed): it is stored as the author's draft, the same
// document. A workbook with a mistake is refused with its sheet, row and
// column (English when chosen), nothing stored.
func TestExcelImportWeb(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	res := e.do(c, http.MethodGet, "/import", nil)
	if !strings.Contains(res.body, `href="/import/template.xlsx"`) || !strings.Contains(res.body, ".xlsx") {
		t.Error("the import page offers no template or does not take XLSX")
	}
	res = e.do(c, http.MethodGet, "/import/template.xlsx", nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != export.MIMEXLSX || !strings.HasPrefix(res.body, "PK") {
		t.Fatalf("template: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	sample := e.sop(akSample)
	res = e.do(e.newClient(), http.MethodGet, fmt.Sprintf("/sops/%d/document.xlsx", sample.ID), nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != export.MIMEXLSX {
		t.Fatalf("export: %d", res.StatusCode)
	}
	d, ps := export.ReadSOPWorkbook([]byte(res.body), esop.ValidateOptions{})
	if d == nil || docText(t, d) != docText(t, sample.Current.Document) {
		t.Fatalf("the exported workbook does not read back as the SOP: %v", ps)
	}
	draft := draftDocument(t, sample, unitPenta, "Pelayanan Impor dari Excel")
	var b bytes.Buffer
	if err := export.WriteSOPXLSX(&b, draft); err != nil {
		t.Fatal(err)
	}
	before := e.countSOPs()
	// A mistake: the third row's pelaksana is not marked.
	brokenDoc := draft.Clone()
	brokenDoc.Steps[2].Actor = "nobody"
	var bad bytes.Buffer
	if err := export.WriteSOPXLSX(&bad, brokenDoc); err != nil {
		t.Fatal(err)
	}
	res = e.upload(c, "/import", "files", map[string][]byte{"rusak.xlsx": bad.Bytes()})
	page := unescaped(res.body)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "rusak.xlsx: lembar Kegiatan, baris 5, kolom C (PELAKSANA): tandai tepat satu kolom pelaksana (ada 0)") {
		t.Errorf("broken workbook: %s", gist(res))
	}
	if n := e.countSOPs(); n != before {
		t.Fatalf("%d SOPs imported from a broken workbook", n-before)
	}
	res = e.upload(c, "/import", "files", map[string][]byte{"sop.xlsx": b.Bytes()})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "1 SOP diimpor") {
		t.Fatalf("import: %s", gist(res))
	}
	s := e.sop(draft.Title)
	if s.Draft == nil || s.Draft.CreatedBy != "penyusun" || docText(t, s.Draft.Document) != docText(t, draft) {
		t.Error("the imported workbook is not stored as the author's draft, unchanged")
	}
}

func docText(t *testing.T, d *esop.Document) string {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

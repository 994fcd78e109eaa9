package web_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
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

package web_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// BenchmarkPreview is the live preview as an author types: each request
// a document changed by one keystroke (so that no layout is cached), the
// flowchart and every problem box sent back. Valid: the real flowchart;
// WithErrors: a draft with an error, drawn as a sketch.
func BenchmarkPreview(b *testing.B) {
	for _, name := range []string{"Valid", "WithErrors"} {
		b.Run(name, func(b *testing.B) {
			e := newEnv(b)
			d := draftDocument(b, e.sop(akSample), unitPenta, "Pratinjau")
			if name == "WithErrors" {
				d.Steps[1].Next, d.Steps[1].End = "", false
				d.Steps[1].Decision = &esop.Decision{Yes: d.Steps[2].ID}
			}
			cookie := "esop_session=" + e.sessionToken("penyusun", "web")
			form := editorForm(d, "", 0)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				form.Set("steps[0].activity", d.Steps[0].Activity+" "+strconv.Itoa(i))
				req := httptest.NewRequest(http.MethodPost, "/preview", strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Cookie", cookie)
				req.Header.Set("HX-Request", "true")
				req.RemoteAddr = "192.0.2.1:1234"
				w := httptest.NewRecorder()
				e.app.ServeHTTP(w, req)
				if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "<svg") {
					b.Fatalf("status %d: %.200s", w.Code, w.Body.String())
				}
			}
		})
	}
}

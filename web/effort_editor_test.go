package web_test

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestEditorEffort: the editor has a Norma waktu box per row; "45 menit"
// is stored as the step's effort, and an effort in days is kept as typed
// with its error beside the box, in Indonesian.
func TestEditorEffort(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("penyusun")
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Legalisasi Kartu Kuning (norma waktu)")
	f := editorForm(d, "save", 0)
	f.Set("steps[1].effort", "45 menit")
	f.Set("steps[2].effort", "2 hari")
	res := e.postForm(c, "/sops/new", f)
	m := regexp.MustCompile(`^/sops/(\d+)/edit\?saved=1$`).FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("save: %s", gist(res))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	doc := e.reload(id).Draft.Document
	if got := doc.Steps[1].Effort; got == nil || *got != (esop.Duration{Value: 45, Unit: esop.UnitMinute}) {
		t.Errorf("steps[1].effort = %+v", got)
	}
	if got := doc.Steps[2].Effort; got == nil || *got != (esop.Duration{Value: 2, Unit: esop.UnitDay}) {
		t.Errorf("steps[2].effort = %+v (kept as typed, refused at submission)", got)
	}
	page := e.do(c, http.MethodGet, res.Header.Get("Location"), nil)
	body := unescaped(page.body)
	if !strings.Contains(page.body, `id="f-s1-effort"`) || !strings.Contains(page.body, `value="45 menit"`) || !strings.Contains(page.body, `value="2 hari"`) {
		t.Errorf("the boxes do not show the efforts: %s", gist(page))
	}
	// The error is beside the box of row 3 (its messages box p-steps-2-effort).
	i := strings.Index(page.body, `id="p-steps-2-effort"`)
	if i < 0 || !strings.Contains(body, `norma waktu dalam "hari" tidak diterima`) {
		t.Fatalf("no error beside the effort of row 3: %s", gist(page))
	}
	if j := strings.Index(unescaped(page.body[i:]), "norma waktu dalam"); j < 0 || j > 2000 {
		t.Errorf("the error is not in the effort's box (at %d)", j)
	}
}

package layout

import (
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestPrintProblems checks that rows too tall for a page are reported as
// warnings with their step's path, each of them, and that a document
// that prints has none.
func TestPrintProblems(t *testing.T) {
	d := simpleDocument(6, 2)
	if ps := PrintProblems(d, nil); len(ps) != 0 {
		t.Fatalf("a printable document: %v", ps)
	}
	long := strings.TrimSpace(strings.Repeat("Memeriksa kelengkapan dan keabsahan berkas permohonan beserta lampirannya. ", 60))
	for _, i := range []int{1, 4} {
		d.Steps[i].Note = long
		d.Steps[i].Requirements = strings.Split(strings.Repeat("Fotokopi dokumen pendukung yang dilegalisasi,", 40), ",")[:40]
	}
	ps := PrintProblems(d, nil)
	if len(ps) != 2 || ps[0].Path != "steps[1]" || ps[1].Path != "steps[4]" {
		t.Fatalf("got %v, want steps[1] and steps[4]", ps)
	}
	for _, p := range ps {
		if p.Severity != esop.SeverityWarning || p.Code != "row_too_tall" || !strings.Contains(p.Message.ID, "terlalu tinggi untuk satu halaman") {
			t.Errorf("problem %+v", p)
		}
	}
	if d.Steps[1].Note != long {
		t.Error("PrintProblems changed the document")
	}
}

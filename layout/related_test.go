package layout

import (
	"strings"
	"testing"
)

// TestIdentityRelatedFromOptions checks that the Keterkaitan given in
// the options (resolved by the caller) is printed instead of the
// document's entries as written, and that without it they are printed.
func TestIdentityRelatedFromOptions(t *testing.T) {
	d := simpleDocument(3, 2)
	d.Related = []string{"800/012/35.73.405/2024"}
	text := func(id *Identity) string {
		var b strings.Builder
		for _, p := range id.Pages {
			for _, c := range p.Cells {
				b.WriteString(strings.Join(c.Lines, " ") + "\n")
			}
		}
		return b.String()
	}
	plain := text(LayoutIdentity(d, nil))
	if !strings.Contains(plain, "800/012/35.73.405/2024") || strings.Contains(plain, "Pencari Kerja") {
		t.Errorf("as written:\n%s", plain)
	}
	resolved := text(LayoutIdentity(d, &Options{Related: []string{"SOP Pelayanan Kartu Pencari Kerja Nomor 800/012/35.73.405/2024"}}))
	if !strings.Contains(resolved, "SOP Pelayanan Kartu Pencari Kerja Nomor 800/012/35.73.405/2024") {
		t.Errorf("resolved:\n%s", resolved)
	}
}

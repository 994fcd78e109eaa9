package layout

import (
	"fmt"
	"testing"
)

// TestWrapFilled: in a narrow column a long name takes fewer lines when
// its words are broken to fill them, and still reads the same.
func TestWrapFilled(t *testing.T) {
	m := ApproxMeasure()
	name := "Kepala Subbidang Penatausahaan Perbendaharaan dan Pertanggungjawaban Keuangan Daerah"
	plain := Wrap(m, name, 8, true, 24)
	filled := WrapFilled(m, name, 8, true, 24)
	if len(filled) >= len(plain) {
		t.Errorf("filled %d lines %q, plain %d", len(filled), filled, len(plain))
	}
	for _, l := range filled {
		if w := m.Width(l, 8, true); w > 24 {
			t.Errorf("%q is %.2f mm wide", l, w)
		}
	}
	if !readsAs(filled, name) {
		t.Errorf("%q does not read %q", filled, name)
	}
	// A short line is not broken for nothing.
	if got := WrapFilled(m, "Petugas Loket", 8, true, 30); len(got) != 1 {
		t.Errorf("%q", got)
	}
}

// TestTallRowWidensItsColumn: a row whose one cell is far longer than the
// rest of its column is taller than a page under every sharing of the
// width by demand; its column is widened from the other text columns
// until it fits, at the same type size.
func TestTallRowWidensItsColumn(t *testing.T) {
	d := simpleDocument(8, 5)
	for i := range 15 {
		d.Steps[3].Requirements = append(d.Steps[3].Requirements,
			fmt.Sprintf("Salinan dokumen persyaratan nomor %d yang telah dilegalisasi oleh pejabat berwenang pada instansi penerbit dokumen asli", i+1))
	}
	texts := make([][5]string, len(d.Steps))
	for i := range d.Steps {
		texts[i] = cellTexts(&d.Steps[i])
	}
	l, err := newLayouter(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if i := l.unfitRow(); i >= 0 {
		t.Fatalf("row %d does not fit after widening", i)
	}
	fitted := l.cols
	for _, share := range textShares {
		if err := l.prepareColumns(texts, share); err != nil {
			t.Fatal(err)
		}
		if l.unfitRow() != 3 {
			t.Fatalf("with the text columns at %v of the width, row 4 fits already: nothing to test", share)
		}
	}
	if fitted[len(fitted)-4].W <= l.cols[len(l.cols)-4].W {
		t.Errorf("KELENGKAPAN is %.1f mm, not wider than %.1f mm", fitted[len(fitted)-4].W, l.cols[len(l.cols)-4].W)
	}
	dg, err := Layout(d, nil) // beyond the validator's limits on a row, to need the widening
	if err != nil {
		t.Fatal(err)
	}
	if dg.BodySize != BodySize {
		t.Errorf("the text was set at %v pt", dg.BodySize)
	}
	checkDiagram(t, "a tall row", d, dg, ApproxMeasure(), 0, 0)
}

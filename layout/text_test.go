package layout

import (
	"slices"
	"testing"
)

// TestWrapNoWidow: a list paragraph of the identity page does not end on
// one word under a long line ("… Nomor 17 Tahun / 2020", sample 02, the
// A4 sample reviewer of session 13), but keeps its lines.
func TestWrapNoWidow(t *testing.T) {
	m := ApproxMeasure()
	text := "Peraturan Pemerintah Nomor 17 Tahun 2020"
	w := m.Width("Peraturan Pemerintah Nomor 17 Tahun", 10, false) + 0.1
	if got := wrap(m, text, 10, false, w); !slices.Equal(got, []string{"Peraturan Pemerintah Nomor 17 Tahun", "2020"}) {
		t.Fatalf("wrap = %q: the case is gone", got)
	}
	if got, want := wrapNoWidow(m, text, 10, false, w), []string{"Peraturan Pemerintah Nomor 17", "Tahun 2020"}; !slices.Equal(got, want) {
		t.Errorf("wrapNoWidow = %q, want %q", got, want)
	}
	// Under a line of two words the widow stays: taking one would leave
	// one word above.
	w = m.Width("Nomor 17", 10, false) + 0.1
	if got := wrapNoWidow(m, "Nomor 17 Tahun", 10, false, w); !slices.Equal(got, []string{"Nomor 17", "Tahun"}) {
		t.Errorf("wrapNoWidow of a short line = %q", got)
	}
}

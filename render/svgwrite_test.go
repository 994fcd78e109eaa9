package render

import (
	"math"
	"strconv"
	"testing"
)

// TestAppendCoord checks appendCoord's digits against strconv's: rounded
// to 0.01 mm, half away from zero, written as briefly as it goes, over
// the range of a page and past it (the whole part taking strconv's path).
func TestAppendCoord(t *testing.T) {
	want := func(v float64) string {
		n := math.Round(v * 100)
		return strconv.FormatFloat(n/100, 'f', -1, 64)
	}
	for _, v := range []float64{0, 0.004, 0.005, 0.1, 0.25, 1, 9.99, 9.995, 10, 12.5, 99.99, 100, 123.456, 297, 330.01, 999.994, 999.996, 1000, 12345.67, -0.3, -12.5, -297.25, -1000.5} {
		if got := coord(v); got != want(v) {
			t.Errorf("coord(%v) = %q, want %q", v, got, want(v))
		}
	}
	for i := -40000; i <= 120000; i += 7 {
		v := float64(i) / 97
		if got := coord(v); got != want(v) {
			t.Fatalf("coord(%v) = %q, want %q", v, got, want(v))
		}
	}
}

// TestEscaped checks that escaped writes what html.EscapeString writes,
// and the string itself where there is nothing to escape.
func TestEscaped(t *testing.T) {
	for in, want := range map[string]string{
		"Kepala Dinas":       "Kepala Dinas",
		`a < b & "c" > 'd'`:  "a &lt; b &amp; &#34;c&#34; &gt; &#39;d&#39;",
		"Sub & Bagian":       "Sub &amp; Bagian",
		"":                   "",
		"Tidak lengkap (<3)": "Tidak lengkap (&lt;3)",
	} {
		if got := escaped(in); got != want {
			t.Errorf("escaped(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestStrokeWidths checks that the painter writes each stroke width as
// strconv does when the widths alternate (its last width is kept).
func TestStrokeWidths(t *testing.T) {
	var s svgPainter
	var b []byte
	for _, w := range []float64{0.25, 0.25, 0.35, 0.175, 0.25, 1} {
		b = s.appendWidth(b[:0], w)
		if got, want := string(b), strconv.FormatFloat(w, 'f', -1, 64); got != want {
			t.Errorf("width %v written %q, want %q", w, got, want)
		}
	}
}

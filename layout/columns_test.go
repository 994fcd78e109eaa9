package layout

import (
	"slices"
	"strings"
	"testing"
)

// TestCountLines: countLines, which linesAt asks for the lines of a text
// column's cells at each width tried, counts what wrap breaks, or sends
// the cell back to wrap (-1): over every cell of the corpus's text
// columns at widths from 8 to 80 mm. Where it counts them,
// linesFromWidths makes the same lines as wrap (stepLines, the table's
// cells).
func TestCountLines(t *testing.T) {
	_, docs := corpus(t)
	m := ApproxMeasure()
	space := m.Width(" ", 9, false)
	counted, back := 0, 0
	for _, d := range docs {
		texts := make([][5]string, len(d.Steps))
		for i := range d.Steps {
			texts[i] = cellTexts(&d.Steps[i])
		}
		c := &columnsMemo{}
		for j := range 5 {
			words := c.wordsOf(m, texts, 9, j)
			for w := 8.0; w < 80; w += 1.13 {
				for i, tx := range texts {
					got := countLines(words[i], space, w)
					if got < 0 {
						back++
						continue
					}
					counted++
					want := wrapCell(j, m, tx[j], 9, w)
					if got != len(want) {
						t.Fatalf("%q at %.2f mm: %d lines counted, wrap breaks it in %d", tx[j], w, got, len(want))
					}
					// The lines themselves, as the table prints them (stepLines).
					if lines := linesFromWidths(tx[j], words[i], space, w); !slices.Equal(lines, want) || lines == nil {
						t.Fatalf("%q at %.2f mm: lines from the words' widths %q, wrap breaks it into %q", tx[j], w, lines, want)
					}
				}
			}
		}
	}
	if counted < 10*back {
		t.Errorf("%d cells counted, %d sent back to wrap", counted, back)
	}
	// A word wider than the line goes back to wrap, which breaks it.
	if n := countLines([]float64{30, paraEnd}, space, 20); n != -1 {
		t.Errorf("a word wider than the line counted %d lines", n)
	}
	// Two paragraphs: their lines add up; an empty one takes none.
	if n := countLines([]float64{5, 5, paraEnd, paraEnd, 12, paraEnd}, space, 13); n != 2 {
		t.Errorf("two short paragraphs and an empty one: %d lines, want 2", n)
	}
}

// narrowSpaceMeasurer is the approximate measurer with U+202F (narrow
// no-break space) as narrow as the printed font sets it, less than a
// space.
type narrowSpaceMeasurer struct{}

func (narrowSpaceMeasurer) Width(s string, size float64, bold bool) float64 {
	n := strings.Count(s, "\u202f")
	return ApproxMeasure().Width(strings.ReplaceAll(s, "\u202f", ""), size, bold) + float64(n)*0.2*size*PointMM
}

// TestLinesAtAsWrap: the lines linesAt gives every cell of a text column
// are wrap's, where a cell's words do not add up to what wrap measures
// too: a measurer that kerns (each string a little more than its parts),
// and a narrow no-break space in a cell with a double space, which wrap's
// single-spacing turns into a full space (the code review of session 20:
// counted 2 lines, wrapped 3).
func TestLinesAtAsWrap(t *testing.T) {
	texts := [][5]string{
		{"Menyusun\u202fkonsep  keputusan izin lembaga pelatihan kerja"},
		{"Memeriksa kelengkapan dan keabsahan dokumen permohonan izin"},
		{"Satu\n\nDua  tiga\tempat lima enam tujuh delapan sembilan sepuluh"},
		{""},
	}
	for _, m := range []Measurer{narrowSpaceMeasurer{}, kerningMeasurer{}, ApproxMeasure()} {
		for w := 15.0; w < 70; w += 0.05 {
			memo := &columnsMemo{}
			got := memo.linesAt(m, texts, 9, 0, w)
			for i, tx := range texts {
				if want := len(wrap(m, tx[0], 9, false, w-2*CellPadX)); got[i] != want {
					t.Fatalf("%T, %q at %.2f mm: %d lines, wrap makes %d", m, tx[0], w, got[i], want)
				}
			}
		}
	}
}

package layout

import "testing"

// TestCountLines: countLines, which linesAt asks for the lines of a text
// column's cells at each width tried, counts what wrap breaks, or sends
// the cell back to wrap (-1): over every cell of the corpus's text
// columns at widths from 8 to 80 mm.
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
					if want := len(wrap(m, tx[j], 9, false, w)); got != want {
						t.Fatalf("%q at %.2f mm: %d lines counted, wrap breaks it in %d", tx[j], w, got, want)
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

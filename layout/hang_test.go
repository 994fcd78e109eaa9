package layout

import (
	"slices"
	"strings"
	"testing"
)

// TestListItemsHang: a list item's lines after its first are marked
// HangMark and set HangWidth narrower, so that they stand under the
// item's first word; its first line keeps the dash; a paragraph that is
// no item wraps as wrap breaks it; no word is lost or moved.
func TestListItemsHang(t *testing.T) {
	m := ApproxMeasure()
	const size = 9.0
	hang := HangWidth(m, size, false)
	text := "- Fotokopi ijazah terakhir yang dilegalisasi\n- Kartu AK/I\nSurat pengantar dari kelurahan setempat"
	for w := 14.0; w < 60; w += 0.7 {
		lines := wrapItems(m, text, size, false, w)
		var words []string
		item, items := false, 0
		for _, l := range lines {
			rest, marked := strings.CutPrefix(l, HangMark)
			switch {
			case strings.HasPrefix(l, "- "):
				item = true
				items++
				if m.Width(l, size, false) > w+1e-9 {
					t.Errorf("at %.1f mm the item's first line %q is %.2f mm wide", w, l, m.Width(l, size, false))
				}
			case marked:
				if !item {
					t.Errorf("at %.1f mm %q hangs outside an item", w, l)
				}
				if got := m.Width(rest, size, false) + hang; got > w+1e-9 {
					t.Errorf("at %.1f mm the hanging line %q reaches %.2f mm", w, rest, got)
				}
			default:
				item = false
			}
			words = append(words, strings.Fields(rest)...)
		}
		if items != 2 {
			t.Errorf("at %.1f mm %d items begin with their dash, want 2: %q", w, items, lines)
		}
		if want := strings.Fields(text); w >= 30 && !slices.Equal(words, want) {
			t.Errorf("at %.1f mm the words read %q, want %q", w, words, want)
		}
		// The last paragraph is no item: as wrap breaks it, unmarked.
		plain := wrap(m, "Surat pengantar dari kelurahan setempat", size, false, w)
		if got := lines[len(lines)-len(plain):]; !slices.Equal(got, plain) {
			t.Errorf("at %.1f mm the paragraph after the items reads %q, wrap breaks it %q", w, got, plain)
		}
	}
	// At 21 mm "ijazah terakhir" fits under the dash but not under the
	// item's first word: the hang takes a line more.
	a := wrap(m, "- Fotokopi ijazah terakhir", size, false, 21)
	b := wrapItems(m, "- Fotokopi ijazah terakhir", size, false, 21)
	if want := []string{"- Fotokopi", HangMark + "ijazah", HangMark + "terakhir"}; !slices.Equal(b, want) || len(a) != 2 {
		t.Errorf("at 21 mm the item hangs as %q, want %q (unhung %q)", b, want, a)
	}
	// An item of nothing but a space wrap does not split at: no line, as
	// wrap gives (the code review of session 26: an index out of range).
	if got := wrapItems(m, "- \u00a0", size, false, 3); len(got) > 1 {
		t.Errorf("a dash and a no-break space at 3 mm: %q", got)
	}
	// WAKTU's cells stand centred: its items do not hang (itemsHang), and
	// "30 menit", kept on a line, asks no more than its own width.
	if itemsHang(2) || !itemsHang(1) || !itemsHang(4) {
		t.Error("KELENGKAPAN and KETERANGAN hang their items, WAKTU not")
	}
	// A column of items is wide enough at its least for its longest word
	// beside or under the dash (measureColumns): no word of an item is
	// broken there.
	texts := [][5]string{{"", "- Penyelenggaraan\n- Surat"}, {"", "- Kartu"}}
	dem := measureColumns(m, texts, size, false, &columnsMemo{})
	if least := m.Width("Penyelenggaraan", size, false) + hang + 2*CellPadX; dem[1].min < least {
		t.Errorf("KELENGKAPAN asks at least %.2f mm, want %.2f for its items' longest word", dem[1].min, least)
	}
	if lines := wrapItems(m, texts[0][1], size, false, dem[1].min-2*CellPadX); lines[0] != "- Penyelenggaraan" {
		t.Errorf("at its least KELENGKAPAN breaks an item's word: %q", lines)
	}
	// A dash alone, or a dash without a space, is no item.
	for _, s := range []string{"-", "- ", "-Fotokopi ijazah terakhir", "Rp 5.000 - 10.000"} {
		if hangs(s) {
			t.Errorf("%q read as a list item", s)
		}
	}
}

// TestCountLinesHang: countLines counts a list item's later lines
// HangWidth narrower (the dash and a space), as wrapItems breaks them.
func TestCountLinesHang(t *testing.T) {
	const space = 1.0
	// The dash (1), then words of 5, 3 and 3 in 8: "- 5" (7), then "3 3"
	// (7) would fit at the margin, but under the first word (2 + 7 = 9)
	// it does not.
	if n := countLines([]float64{paraHang, 1, 5, 3, 3, paraEnd}, space, 8); n != 3 {
		t.Errorf("a hanging item: %d lines, want 3", n)
	}
	if n := countLines([]float64{1, 5, 3, 3, paraEnd}, space, 8); n != 2 {
		t.Errorf("the same words unhung: %d lines, want 2", n)
	}
	// The hang ends with its paragraph.
	if n := countLines([]float64{paraHang, 1, 5, paraEnd, 5, 3, 3, paraEnd}, space, 8); n != 3 {
		t.Errorf("an item and a plain paragraph: %d lines, want 3", n)
	}
	// A word wider than a hanging line goes back to wrap.
	if n := countLines([]float64{paraHang, 1, 5, 7, paraEnd}, space, 8); n != -1 {
		t.Errorf("a word too wide for its hanging line counted %d lines", n)
	}
}

// TestTableCellsHang: the table's KELENGKAPAN cells of the samples carry
// the hang, and every hanging line, drawn Hang further in, stays inside
// its cell's padding.
func TestTableCellsHang(t *testing.T) {
	m := ApproxMeasure()
	hung := 0
	eachPrint(t, func(name, paper string, dg *Diagram) {
		for pi := range dg.Pages {
			for _, c := range dg.Pages[pi].Cells {
				for _, l := range c.Lines {
					rest, ok := strings.CutPrefix(l, HangMark)
					if !ok {
						continue
					}
					hung++
					if c.Hang <= 0 {
						t.Fatalf("%s %s: a hanging line %q in a cell with no hang", name, paper, rest)
					}
					if right := c.X + CellPadX + drawnWidth(m, c, l); right > c.X+c.W-CellPadX+1e-6 {
						t.Errorf("%s %s page %d: %q ends %.2f mm past its cell's padding", name, paper, dg.Pages[pi].Number, rest, right-(c.X+c.W-CellPadX))
					}
				}
			}
		}
	})
	if hung == 0 {
		t.Error("no hanging line in the corpus")
	}
}

// drawnWidth is how far line of cell cl reaches from the cell's padding
// as drawn: a list item's later line (HangMark) Hang further in.
func drawnWidth(m Measurer, cl Cell, line string) float64 {
	if rest, ok := strings.CutPrefix(line, HangMark); ok {
		return cl.Hang + m.Width(rest, cl.Size, cl.Bold)
	}
	return m.Width(line, cl.Size, cl.Bold)
}

// FuzzWrapItems: for any text and width, the lines wrapItems makes fit
// their width as drawn (a hanging line HangWidth in), keep every word in
// order when no word is wider than a line (ASCII text: wrap splits at
// Unicode spaces too), and number what countLines
// counts from the words' widths wherever it counts them (the table's
// cells are counted so and wrapped so).
func FuzzWrapItems(f *testing.F) {
	for _, s := range []string{
		"- Fotokopi ijazah terakhir\n- Kartu AK/I",
		"- a\n-\n- \n-b c d e f g h",
		"Surat - surat pengantar\n- Rp 5.000 - 10.000 per lembar",
		"-  dua  spasi\tdan tab\r\n- baris",
	} {
		f.Add(s, 20.0)
	}
	m := ApproxMeasure()
	const size = 9.0
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if width < 1 || width > 200 || len(text) > 400 {
			return
		}
		lines := wrapItems(m, text, size, false, width)
		hang := HangWidth(m, size, false)
		var words []string
		for _, l := range lines {
			w := m.Width(l, size, false)
			rest, ok := strings.CutPrefix(l, HangMark)
			if ok {
				w = hang + m.Width(rest, size, false)
			}
			if w > width+1e-6 && len(strings.Fields(l)) > 1 {
				t.Fatalf("%q at %.2f: line %q is %.2f wide", text, width, l, w)
			}
			words = append(words, strings.Fields(rest)...)
		}
		// Every word in order, where none had to be broken.
		if want := strings.Fields(text); strings.Join(words, " ") != strings.Join(want, " ") {
			whole := true
			for _, w := range want {
				whole = whole && m.Width(w, size, false)+hang <= width
			}
			if whole && !strings.ContainsFunc(text, func(r rune) bool { return r > 0x7f }) {
				t.Fatalf("%q at %.2f: the words read %q", text, width, words)
			}
		}
		texts := [][5]string{{text}}
		c := &columnsMemo{}
		if ws := c.wordsOf(m, texts, size, 0); ws[0] != nil {
			if n := countLines(ws[0], m.Width(" ", size, false), width); n >= 0 && n != len(lines) {
				t.Fatalf("%q at %.2f: %d lines counted, wrapItems makes %d: %q", text, width, n, len(lines), lines)
			}
			if got := linesFromWidths(text, ws[0], m.Width(" ", size, false), width); got != nil && !slices.Equal(got, lines) {
				t.Fatalf("%q at %.2f: lines from the widths %q, wrapItems %q", text, width, got, lines)
			}
		}
	})
}

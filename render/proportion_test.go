package render_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestOutputsHeldNotCrowded: sample 14 on F4 with the printed fonts.
// KEGIATAN held as wide as the Para Pihak's column (activityLeast), OUTPUT
// took its width from KELENGKAPAN instead, and row 1's "Surat permohonan,
// Risalah perundingan bipartit" stood in five lines of a word; where the
// floor leaves more cells of three lines or more nearly a word a line,
// OUTPUT takes its width as before.
func TestOutputsHeldNotCrowded(t *testing.T) {
	p := printOf(t, filepath.Join("..", "sampledata", "sops", "14-mediasi-hubungan-industrial.json"), esop.PaperF4)
	cells := 0
	for _, c := range p.Flow.Columns {
		if c.Kind != "requirements" && c.Kind != "activity" && c.Kind != "output" {
			continue
		}
		for _, pg := range p.Flow.Pages {
			for _, cell := range pg.Cells {
				if cell.X < c.X-0.01 || cell.X >= c.X+c.W || len(cell.Lines) < 3 {
					continue
				}
				cells++
				words := len(strings.Fields(strings.Join(cell.Lines, " ")))
				if len(cell.Lines) > (words+1)/2 {
					t.Errorf("%s: a cell of %d words in %d lines %q: nearly a word a line", c.Kind, words, len(cell.Lines), cell.Lines)
				}
			}
		}
	}
	if cells == 0 {
		t.Fatal("no cell of three lines: not the document this test is for")
	}
}

package render_test

import (
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
)

// TestNotesKeptWithLabelBackBeside: sample 02 on A4 with the printed
// fonts. Given KETERANGAN's width, its second layout sets "Tidak lengkap"
// beside its diamond at its cell's edge, 0.8 mm from the rule, where it
// stood over its run in the next pelaksana's column; that layout was
// refused for the label nearer a rule, and row 11's note stood ten lines
// of a word or two (a reviewer of session 29). A label brought back into
// its decision's column counts for the one at the cell's edge: the notes
// take their width, and the label stands in its decision's column.
func TestNotesKeptWithLabelBackBeside(t *testing.T) {
	p := printOf(t, filepath.Join("..", "sampledata", "sops", "02-cuti-pegawai.json"), esop.PaperA4)
	var notes *layout.Column
	for i := range p.Flow.Columns {
		if p.Flow.Columns[i].Kind == "note" {
			notes = &p.Flow.Columns[i]
		}
	}
	if notes == nil || notes.W < 28 {
		t.Fatalf("KETERANGAN %+v: not given the notes' width", notes)
	}
	found := false
	for _, pg := range p.Flow.Pages {
		for _, s := range pg.Symbols {
			for _, a := range pg.Arrows {
				if s.Kind != layout.Decision || a.From != s.Step || a.Label == nil || a.Label.Text != "Tidak lengkap" {
					continue
				}
				found = true
				col := columnAt(p.Flow.Columns, s.X+s.W/2)
				if mid := a.Label.X + a.Label.W/2; mid <= col.X || mid >= col.X+col.W {
					t.Errorf("page %d: %q of step %s stands outside its decision's column %q (%.1f–%.1f mm)", pg.Number, a.Label.Text, s.Step, col.Title, col.X, col.X+col.W)
				}
			}
		}
	}
	if !found {
		t.Error(`no "Tidak lengkap" label found`)
	}
}

// columnAt returns the column holding x.
func columnAt(cols []layout.Column, x float64) layout.Column {
	for _, c := range cols {
		if x >= c.X && x < c.X+c.W {
			return c
		}
	}
	return layout.Column{}
}

package layout

import (
	"cmp"
	"slices"
	"testing"
)

// TestConnectorLettersInReadingOrder checks that the connectors in the
// band below a page's last row read A, B, C … from left to right, as a
// reviewer reads them (the reviewer pass of 2026-12-04 found "D A B C"
// and "B C A" there: the letters went by the order of the edges). The
// band at the top of the next page holds the same pairs where their
// arrows meet the steps there, in whatever order that makes.
func TestConnectorLettersInReadingOrder(t *testing.T) {
	names, docs := fixtures(t, true)
	bands, disordered := 0, 0
	eachPrintOf(t, names, docs, func(name, paper string, dg *Diagram) {
		for _, p := range dg.Pages {
			if len(p.Rows) == 0 {
				continue
			}
			last := p.Rows[len(p.Rows)-1]
			var band []Connector
			for _, c := range p.Connectors {
				if c.Y >= last.Y+last.H {
					band = append(band, c)
				}
			}
			if len(band) < 2 {
				continue
			}
			bands++
			slices.SortFunc(band, func(a, b Connector) int { return cmp.Compare(a.X, b.X) })
			if !slices.IsSortedFunc(band, func(a, b Connector) int { return compareLetters(a.Letter, b.Letter) }) {
				disordered++
				var letters []string
				for _, c := range band {
					letters = append(letters, c.Letter)
				}
				t.Logf("%s %s page %d: the bottom band reads %v", name, paper, p.Number, letters)
			}
		}
	})
	t.Logf("%d of %d bottom bands of two or more connectors out of order", disordered, bands)
	if bands == 0 {
		t.Fatal("no bottom band of two or more connectors among the fixtures")
	}
	if disordered > 0 {
		t.Errorf("%d of %d bottom bands out of reading order", disordered, bands)
	}
}

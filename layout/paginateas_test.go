package layout

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestPaginateAs: a second layout (roomierLabels) keeps the page breaks
// of the first where its pages fit, and fits the pages anew where one
// does not. The 200-step document laid out again on its own page breaks
// makes the same pages; on A4 the page breaks of F4 (more rows a page)
// do not fit, and pagesAs then cuts the pages as paginate does.
// (The same arrows, connectors and letters on the same page breaks show
// that paginateAs counts the crossings of each break as paginate does.)
func TestPaginateAs(t *testing.T) {
	d := readDocument(t, filepath.Join("testdata", "edge-200-steps.json"))
	a4 := &Options{Paper: esop.PaperA4}
	_, pages, err := layoutPages(d, a4, nil)
	if err != nil {
		t.Fatal(err)
	}
	other, err := newLayouter(d, a4)
	if err != nil {
		t.Fatal(err)
	}
	again, err := other.paginateAs(pages)
	if err != nil {
		t.Fatal(err)
	}
	if !samePages(again, pages) {
		t.Error("on the same page breaks other rows")
	}
	for i := range pages {
		a, b := &again[i], &pages[i]
		if !reflect.DeepEqual(a.Arrows, b.Arrows) || !reflect.DeepEqual(a.Connectors, b.Connectors) || !reflect.DeepEqual(a.Symbols, b.Symbols) {
			t.Errorf("page %d made on the same page breaks differs from paginate's", a.Number)
		}
	}

	_, f4pages, err := layoutPages(d, &Options{Paper: esop.PaperF4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f4pages) >= len(pages) {
		t.Fatalf("F4 takes %d pages, A4 %d: the test needs F4 to hold more rows a page", len(f4pages), len(pages))
	}
	fresh, err := newLayouter(d, a4)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.paginateAs(f4pages); err == nil {
		t.Error("A4 made its pages on F4's page breaks")
	}
	cutter, err := newLayouter(d, a4)
	if err != nil {
		t.Fatal(err)
	}
	cut, err := cutter.pagesAs(f4pages)
	if err != nil {
		t.Fatal(err)
	}
	if !samePages(cut, pages) {
		t.Errorf("after F4's page breaks did not fit, %d pages, want the %d of paginate", len(cut), len(pages))
	}
}

// samePages reports whether a and b hold the same rows, page by page.
func samePages(a, b []Page) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameRows(&a[i], &b[i]) {
			return false
		}
	}
	return true
}

// TestRemakeAs: every page of a layout carries what it was made with
// (pageRecipe), so that a second layout that must route every page as
// the first did (nearerLabels) makes each page once. A layouter of the
// same document and widths remaking the pages of the first makes the
// same pages — the same symbols, arrows and connectors, letters too —
// on both papers, documents with connectors moved to other columns, under
// their runs, in lanes and with rework loops across pages among them. A
// page without a recipe is refused, not made some other way.
func TestRemakeAs(t *testing.T) {
	names, docs := corpus(t)
	pages := 0
	for i, d := range docs {
		if !strings.HasPrefix(names[i], "sample") && !strings.HasPrefix(names[i], "office") && !strings.HasPrefix(names[i], "edge") {
			continue
		}
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			opt := &Options{Paper: paper}
			_, first, err := layoutPages(d, opt, nil)
			if err != nil {
				continue // a page too tall: the fixture says so elsewhere
			}
			other, err := newLayouter(d, opt)
			if err != nil {
				t.Fatal(err)
			}
			again, err := other.remakeAs(first)
			if err != nil {
				t.Fatalf("%s on %s: %v", names[i], paper, err)
			}
			for k := range first {
				a, b := &again[k], &first[k]
				pages++
				if !reflect.DeepEqual(a.Arrows, b.Arrows) || !reflect.DeepEqual(a.Connectors, b.Connectors) || !reflect.DeepEqual(a.Symbols, b.Symbols) {
					t.Errorf("%s on %s: page %d remade differs from the first", names[i], paper, a.Number)
				}
			}
		}
	}
	if pages < 150 {
		t.Errorf("only %d pages compared", pages)
	}
	d := readDocument(t, filepath.Join("testdata", "office-plt-loop-back.json"))
	_, first, err := layoutPages(d, &Options{Paper: esop.PaperA4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	first[len(first)-1].made = nil
	other, _ := newLayouter(d, &Options{Paper: esop.PaperA4})
	if _, err := other.remakeAs(first); err == nil {
		t.Error("a page without its recipe was remade")
	}
}

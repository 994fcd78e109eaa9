package layout

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/esop-malang/esop"
)

// TestPaginateAs: a second layout (roomierLabels) keeps the page breaks
// of the first where its pages fit, and fits the pages anew where one
// does not. The 200-step document laid out again on its own page breaks
// makes the same pages; on A4 the page breaks of F4 (more rows a page)
// do not fit, and layoutPagesAs then cuts the pages as paginate does.
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
	_, got, err := layoutPagesAs(d, a4, nil, f4pages)
	if err != nil {
		t.Fatal(err)
	}
	if !samePages(got, pages) {
		t.Errorf("after F4's page breaks did not fit, %d pages, want the %d of paginate", len(got), len(pages))
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

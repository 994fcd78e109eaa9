package export

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
)

// sample is one SOP the exchange formats are tested with.
type sample struct {
	name string
	doc  *esop.Document
}

// samples returns every sample SOP: the book e-SOP ships, the examples
// of the format (the repository's and, beside the checkout, shared/'s)
// and the office and edge-case documents of the layout's tests.
func samples(t testing.TB) []sample {
	t.Helper()
	var out []sample
	names, _ := fs.Glob(sampledata.FS(), "sops/*.json")
	for _, name := range names {
		b, err := fs.ReadFile(sampledata.FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		d, ps := esop.DecodeDocument(b)
		if ps.HasErrors() {
			t.Fatalf("%s: %v", name, ps.Errors())
		}
		out = append(out, sample{name: "sampledata/" + name, doc: d})
	}
	var files []string
	for _, pat := range []string{"../testdata/examples/*.json", "../../shared/examples/*.json", "../layout/testdata/office-*.json", "../layout/testdata/edge-*.json"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	slices.Sort(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, ps := esop.DecodeDocument(b)
		if ps.HasErrors() {
			t.Fatalf("%s: %v", f, ps.Errors())
		}
		if esop.Validate(d, esop.ValidateOptions{}).HasErrors() {
			continue // an edge case of the layout that is not a valid SOP
		}
		out = append(out, sample{name: f, doc: d})
	}
	if len(out) < 30 {
		t.Fatalf("only %d samples found", len(out))
	}
	return out
}

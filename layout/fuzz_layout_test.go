package layout

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/esop-malang/esop"
)

// FuzzLayout feeds arbitrary bytes to the decoder and validator, and
// every document they accept (of at most fuzzSteps steps) to Layout. It
// must never panic; it may refuse a document only with an *esop.Error
// (a row too tall for a page, with its place and a message in both
// languages); and what it lays out must keep the invariants no print
// may break: every arrow axis-parallel, clear of every symbol and label,
// starting and ending where it should, no two arrows sharing a line,
// every edge drawn, every connector in its band, all within the margins.
// The seeds are the fixtures and some generated documents; the corpus
// it finds is kept in testdata/fuzz/FuzzLayout.
func FuzzLayout(f *testing.F) {
	_, docs := fixtures(f, true)
	docs = append(docs, generatedDocuments(f, 1, 8)...)
	for _, d := range docs {
		if len(d.Steps) > fuzzSteps {
			continue
		}
		b, err := json.Marshal(d)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, ps := esop.CheckDocuments(data, esop.ValidateOptions{})
		if ps.HasErrors() {
			return
		}
		for _, d := range ds {
			if len(d.Steps) > fuzzSteps {
				continue
			}
			dg, err := Layout(d, nil)
			if err != nil {
				var e *esop.Error
				if !errors.As(err, &e) || e.Message.ID == "" || e.Message.EN == "" {
					t.Fatalf("Layout: %v", err)
				}
				continue
			}
			first, later := targets(d, nil)
			c := &checker{t: t, name: d.Title, d: d, dg: dg, m: ApproxMeasure()}
			if rowPage := c.checkRows(first, later); rowPage != nil {
				c.checkArrows(rowPage)
				c.checkConnectors(rowPage)
			}
			c.checkMargins()
			if len(c.errs) > 0 {
				t.Fatalf("%s", c.errs)
			}
		}
	})
}

// fuzzSteps is the most steps of a document FuzzLayout lays out: each
// input takes one layout, and the fuzzer wants many.
const fuzzSteps = 40

package layout

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/esop-malang/esop"
)

// TestLayoutsShareNoMemory: a layouter's working memory comes from
// buffersPool and goes back to it when Layout returns, so the next layout
// (of another SOP, on another paper, in another goroutine) reuses it. A
// print must not change for that: every fixture laid out again after the
// others, and all of them at once, gives the same diagram as when it was
// laid out first.
func TestLayoutsShareNoMemory(t *testing.T) {
	names, docs := fixtures(t, true)
	papers := []string{esop.PaperA4, esop.PaperF4}
	encode := func(d *esop.Document, paper string) string {
		dg, err := Layout(d, &Options{Paper: paper})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(dg)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	first := make([][2]string, len(docs))
	for i, d := range docs {
		for k, paper := range papers {
			first[i][k] = encode(d, paper)
		}
	}
	var wg sync.WaitGroup
	again := make([][2]string, len(docs))
	for i := len(docs) - 1; i >= 0; i-- { // in another order, and at once
		for k, paper := range papers {
			wg.Go(func() { again[i][k] = encode(docs[i], paper) })
		}
	}
	wg.Wait()
	for i := range docs {
		for k, paper := range papers {
			if again[i][k] != first[i][k] {
				t.Errorf("%s %s: laid out again, the diagram differs", names[i], paper)
			}
		}
	}
}

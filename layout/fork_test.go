package layout

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/esop-malang/esop"
)

// TestForkedPagesAsLaidOut lays the fixtures and a hundred generated
// documents out on A4 and F4 twice: as the print does, a page with its
// connectors under their runs going on from the fork of the same page
// as routed (fork.go), and with every page laid out from the start
// (Options.noForks). The two must be the same diagram, and some pages
// must have come from a fork: a copy that shared a node, a port or a run
// with the page it was copied from, or left one out, lays a page out
// otherwise or not at all.
func TestForkedPagesAsLaidOut(t *testing.T) {
	names, docs := fixtures(t, true)
	for i, d := range generatedDocuments(t, 1, 100) {
		names = append(names, fmt.Sprintf("generated #%d", i))
		docs = append(docs, d)
	}
	taken := forksTaken.Load()
	for i, d := range docs {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			forked, err1 := Layout(d, &Options{Paper: paper})
			anew, err2 := Layout(d, &Options{Paper: paper, noForks: true})
			if (err1 == nil) != (err2 == nil) {
				t.Errorf("%s on %s: %v with forks, %v without", names[i], paper, err1, err2)
				continue
			}
			if err1 != nil {
				continue
			}
			a, err := json.Marshal(forked)
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(anew)
			if err != nil {
				t.Fatal(err)
			}
			if string(a) != string(b) {
				t.Errorf("%s on %s: the layout differs with forks", names[i], paper)
			}
		}
	}
	n := forksTaken.Load() - taken
	t.Logf("%d pages from a fork", n)
	if n < 100 {
		t.Errorf("%d pages came from a fork; the corpus makes about 300", n)
	}
}

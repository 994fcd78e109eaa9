package layout

import (
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
)

// fifteenStepsFiveActors returns the sample SOP on official travel (15
// steps, 3 decisions) with the Sekretaris's one step given to the Kepala
// Dinas, which leaves 5 actors; the render benchmarks use the same file.
func fifteenStepsFiveActors(tb testing.TB) *esop.Document {
	return readDocument(tb, filepath.Join("testdata", "bench-15-steps-5-actors.json"))
}

func TestBenchmarkDocuments(t *testing.T) {
	d := fifteenStepsFiveActors(t)
	if len(d.Steps) != 15 || len(d.Actors) != 5 {
		t.Fatalf("%d steps, %d actors", len(d.Steps), len(d.Actors))
	}
	dg := mustLayout(t, d, nil)
	checkDiagram(t, "15 steps, 5 actors", d, dg, ApproxMeasure(), 0, 0)
}

func BenchmarkLayout15Steps5Actors(b *testing.B) {
	d := fifteenStepsFiveActors(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Layout(d, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLayout200Steps(b *testing.B) {
	d := readDocument(b, filepath.Join("testdata", "edge-200-steps.json"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Layout(d, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLayoutFixtures lays out every sample, edge and office document
// on A4 and on F4 (70 prints), as the book and a city's catalogue print
// them one after another: the figure for SOPs as offices write them,
// beside the two single documents above.
func BenchmarkLayoutFixtures(b *testing.B) {
	_, docs := fixtures(b, true)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
				if _, err := Layout(d, &Options{Paper: paper}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

package layout

import (
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
)

// fifteenStepsFiveActors returns the sample SOP on official travel (15
// steps, 3 decisions) with the Sekretaris's one step given to the Kepala
// Dinas, which leaves 5 actors.
func fifteenStepsFiveActors(tb testing.TB) *esop.Document {
	docs, err := sampledata.Documents()
	if err != nil {
		tb.Fatal(err)
	}
	for _, d := range docs {
		if len(d.Steps) != 15 || len(d.Actors) != 6 || d.ActorByID("sekr") == nil {
			continue
		}
		d = d.Clone()
		for i := range d.Steps {
			if d.Steps[i].Actor == "sekr" {
				d.Steps[i].Actor = "kadis"
			}
		}
		for i, a := range d.Actors {
			if a.ID == "sekr" {
				d.Actors = append(d.Actors[:i], d.Actors[i+1:]...)
				break
			}
		}
		if ps := esop.Validate(d, esop.ValidateOptions{}); ps.HasErrors() {
			tb.Fatal(ps.Errors())
		}
		return d
	}
	tb.Fatal("no sample with 15 steps and 6 actors")
	return nil
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

package layout

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestLabelWrapsKept: labelWraps answers a width from the wraps it made
// at other widths (wrapAt); over the exit labels of the fixtures, asked
// at widths in a random order, every answer must be what a layouter that
// never broke the label before returns.
func TestLabelWrapsKept(t *testing.T) {
	_, docs := fixtures(t, true)
	seen := map[string]bool{}
	var labels []string
	for _, d := range docs {
		for _, s := range d.Steps {
			if s.Decision == nil {
				continue
			}
			yes, no := s.Decision.Labels()
			for _, l := range []string{yes, no} {
				if l != "" && !seen[l] {
					seen[l] = true
					labels = append(labels, l)
				}
			}
		}
	}
	if len(labels) < 20 {
		t.Fatalf("only %d labels", len(labels))
	}
	r := rand.New(rand.NewPCG(1, 2))
	kept := &pageBuilder{l: &layouter{m: ApproxMeasure()}}
	asked, fromKept := 0, 0
	for range 4000 {
		text := labels[r.IntN(len(labels))]
		width := 1.5 + r.Float64()*30
		before := len(kept.l.labels.spans[text])
		got := kept.labelWraps(text, width)
		if len(kept.l.labels.spans[text]) == before {
			fromKept++
		}
		asked++
		fresh := &pageBuilder{l: &layouter{m: ApproxMeasure()}}
		if want := fresh.labelWraps(text, width); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q at %.3f mm: kept %v, fresh %v", text, width, got, want)
		}
	}
	if fromKept < asked/2 {
		t.Errorf("only %d of %d widths answered from wraps made before", fromKept, asked)
	}
}

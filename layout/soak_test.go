package layout

import (
	"flag"
	"fmt"
	"testing"

	"github.com/esop-malang/esop"
)

var (
	soak     = flag.Int("soak", 0, "check the layout invariants on this many more seeds of 300 generated documents")
	soakFrom = flag.Uint64("soakfrom", 2, "the first seed -soak checks")
)

// TestSoak runs the property checks on more generated documents than the
// default suite, for hunting rare failures: go test -run Soak -soak 50
// (seeds 2–51; -soakfrom 202 -soak 200 for seeds 202–401).
func TestSoak(t *testing.T) {
	if *soak == 0 {
		t.Skip("no -soak")
	}
	m := ApproxMeasure()
	for seed := *soakFrom; seed < *soakFrom+uint64(*soak); seed++ {
		for i, d := range generatedDocuments(t, seed, 300) {
			dg, err := Layout(d, nil)
			if err != nil {
				t.Errorf("seed %d #%d: %v", seed, i, err)
				continue
			}
			name := fmt.Sprintf("seed %d #%d (%d actors, %d steps)", seed, i, len(d.Actors), len(d.Steps))
			first, later := targets(d, nil)
			checkDiagram(t, name, d, dg, m, first, later)
			// The same document on other paper, with tight pages and a wider font.
			opt := &Options{Paper: esop.PaperF4, FirstPageSteps: 1 + i%5, PageSteps: 1 + i%8, Measure: wideMeasurer{}}
			if dg, err = Layout(d, opt); err != nil {
				t.Errorf("%s with options: %v", name, err)
				continue
			}
			first, later = targets(d, opt)
			checkDiagram(t, name+" with options", d, dg, opt.Measure, first, later)
		}
	}
}

// soakCase is a generated document the soak found at fault: the i-th of
// seed's, laid out with the soak's other options when other.
type soakCase struct {
	seed  uint64
	i     int
	other bool
}

// checkSoakCases lays out each case as the soak does and checks every
// invariant of the result.
func checkSoakCases(t *testing.T, cases []soakCase) {
	t.Helper()
	for _, c := range cases {
		d := generatedDocuments(t, c.seed, c.i+1)[c.i]
		var opt *Options
		var m Measurer = ApproxMeasure()
		if c.other {
			opt = &Options{Paper: esop.PaperF4, FirstPageSteps: 1 + c.i%5, PageSteps: 1 + c.i%8, Measure: wideMeasurer{}}
			m = opt.Measure
		}
		dg := mustLayout(t, d, opt)
		first, later := targets(d, opt)
		checkDiagram(t, fmt.Sprintf("seed %d #%d (other options %v)", c.seed, c.i, c.other), d, dg, m, first, later)
	}
}

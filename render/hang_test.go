package render_test

import (
	"bytes"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
)

// TestListItemsHangInPrint: in the printed SVG a KELENGKAPAN item's later
// lines start under its first word, Hang right of its dash (sample 20:
// "- Fotokopi ijazah" / "terakhir"), and the mark that says so is not
// printed.
func TestListItemsHangInPrint(t *testing.T) {
	p := printOf(t, "../sampledata/sops/20-pelatihan-berbasis-kompetensi.json", esop.PaperA4)
	texts := regexp.MustCompile(`<text x="([0-9.]+)" y="([0-9.]+)"[^>]*>([^<]*)</text>`)
	checked := 0
	for pi := range p.Flow.Pages {
		var b bytes.Buffer
		if err := p.SVG(&b, pi+1); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), layout.HangMark) || strings.Contains(b.String(), "&#9;") {
			t.Fatalf("page %d prints the hang's mark", pi+1)
		}
		xs := map[string][]float64{}
		for _, m := range texts.FindAllStringSubmatch(b.String(), -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			s := html.UnescapeString(m[3])
			xs[s] = append(xs[s], x)
		}
		for _, c := range p.Flow.Pages[pi].Cells {
			item := ""
			for _, l := range c.Lines {
				rest, hung := strings.CutPrefix(l, layout.HangMark)
				if !hung {
					item = ""
					if strings.HasPrefix(l, "- ") {
						item = l
					}
					continue
				}
				if item == "" || len(xs[item]) != 1 || len(xs[rest]) != 1 {
					continue // a line printed twice on the page: not told apart here
				}
				checked++
				if got := xs[rest][0] - xs[item][0]; math.Abs(got-c.Hang) > 0.011 || c.Hang < 1 {
					t.Errorf("page %d: %q stands %.2f mm right of %q, want its hang %.2f", pi+1, rest, got, item, c.Hang)
				}
			}
		}
	}
	if checked < 3 {
		t.Errorf("%d hanging lines checked, want 3 or more", checked)
	}
}

package render_test

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/esop-malang/esop/render"
)

// TestSVGMarked checks the highlighted rows of a comparison: one group per
// marked step with its change and label, under the table, and nothing
// else changed; without marks the output is the plain SVG.
func TestSVGMarked(t *testing.T) {
	r := newRenderer(t)
	for _, td := range documents(t)[:4] {
		t.Run(td.name, func(t *testing.T) {
			p, err := r.Layout(td.doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			var plain, none, marked bytes.Buffer
			if err := p.SVG(&plain, 0); err != nil {
				t.Fatal(err)
			}
			if err := p.SVGMarked(&none, 0, nil); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(plain.Bytes(), none.Bytes()) {
				t.Error("SVGMarked without marks differs from SVG")
			}
			steps := td.doc.Steps
			marks := map[string]render.Mark{
				steps[0].ID:            {Change: "added", Label: "baru"},
				steps[1].ID:            {Change: "changed", Label: "diubah"},
				steps[len(steps)-1].ID: {Change: "removed", Label: "dihapus"},
				"no-such-step":         {Change: "moved", Label: "dipindah"},
			}
			if err := p.SVGMarked(&marked, 0, marks); err != nil {
				t.Fatal(err)
			}
			var root svgNode
			if err := xml.Unmarshal(marked.Bytes(), &root); err != nil {
				t.Fatalf("not well-formed XML: %v", err)
			}
			got := map[string]string{}
			tableSeen := map[int]bool{}
			root.walk(func(n *svgNode, page int) {
				switch n.attr("class") {
				case "table":
					tableSeen[page] = true
				case "mark":
					if tableSeen[page] {
						t.Errorf("mark of %s drawn over the table", n.attr("data-row"))
					}
					got[n.attr("data-row")] = n.attr("data-change")
					var label string
					for _, c := range n.Children {
						if c.XMLName.Local == "text" {
							label = c.Text
						}
					}
					if want := marks[n.attr("data-row")].Label; label != want {
						t.Errorf("mark of %s labelled %q, want %q", n.attr("data-row"), label, want)
					}
				}
			})
			want := map[string]string{steps[0].ID: "added", steps[1].ID: "changed", steps[len(steps)-1].ID: "removed"}
			if len(got) != len(want) {
				t.Errorf("marks drawn %v, want %v", got, want)
			}
			for id, c := range want {
				if got[id] != c {
					t.Errorf("row %s marked %q, want %q", id, got[id], c)
				}
			}
		})
	}
}

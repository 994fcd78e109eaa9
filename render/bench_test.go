package render_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sampledata"
)

func readDoc(tb testing.TB, path string) *esop.Document {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	d, ps := esop.DecodeDocument(b)
	if ps.HasErrors() {
		tb.Fatal(ps)
	}
	return d
}

const (
	bench15  = "../layout/testdata/bench-15-steps-5-actors.json"
	bench200 = "../layout/testdata/edge-200-steps.json"
)

// BenchmarkSVG15Steps5Actors is layout plus SVG of a 15-step, 5-actor
// SOP (target: under 1 ms).
func BenchmarkSVG15Steps5Actors(b *testing.B) { benchSVG(b, bench15) }

// BenchmarkSVG200Steps is layout plus SVG of the 200-step SOP.
func BenchmarkSVG200Steps(b *testing.B) { benchSVG(b, bench200) }

func benchSVG(b *testing.B, path string) {
	r := newRenderer(b)
	d := readDoc(b, path)
	b.ReportAllocs()
	for b.Loop() {
		p, err := r.Layout(d, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := p.SVG(io.Discard, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDF15Steps5Actors is the full PDF (identity page and
// flowchart pages) of a 15-step, 5-actor SOP (target: under 10 ms).
func BenchmarkPDF15Steps5Actors(b *testing.B) { benchPDF(b, bench15) }

// BenchmarkPDF15Steps5ActorsNewText is BenchmarkPDF15Steps5Actors with
// every activity, requirement and output made new in each iteration, so
// that none of the document's own lines is in the renderer's cache of
// shaped lines: the cost of the first print of a new SOP.
func BenchmarkPDF15Steps5ActorsNewText(b *testing.B) {
	r := newRenderer(b)
	d := readDoc(b, bench15)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		doc := d.Clone()
		for i := range doc.Steps {
			s := &doc.Steps[i]
			s.Activity = fmt.Sprintf("%s %d", s.Activity, n)
			s.Output = fmt.Sprintf("%s %d", s.Output, n)
			for j := range s.Requirements {
				s.Requirements[j] = fmt.Sprintf("%s %d", s.Requirements[j], n)
			}
		}
		p, err := r.Layout(doc, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := r.PDF(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDF200Steps is the full PDF of the 200-step SOP (target: under 200 ms).
func BenchmarkPDF200Steps(b *testing.B) { benchPDF(b, bench200) }

func benchPDF(b *testing.B, path string) {
	r := newRenderer(b)
	d := readDoc(b, path)
	b.ReportAllocs()
	for b.Loop() {
		p, err := r.Layout(d, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := r.PDF(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBook renders the whole sample book as one PDF (target: under 1 s).
func BenchmarkBook(b *testing.B) {
	r := newRenderer(b)
	docs, err := sampledata.Documents()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var pages []*render.Pages
		for _, d := range docs {
			p, err := r.Layout(d, nil)
			if err != nil {
				b.Fatal(err)
			}
			pages = append(pages, p)
		}
		if err := r.Book(io.Discard, render.BookInfo{BookInfo: layout.BookInfo{Agency: "Dinas", Year: 2026}}, pages, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// dotGraph writes the flow of d as a plain Graphviz graph: one node per
// step with its activity, one edge per successor, decision labels.
func dotGraph(d *esop.Document) string {
	var b strings.Builder
	b.WriteString("digraph sop {\n  node [shape=box fontname=\"Liberation Sans\"];\n")
	for i, s := range d.Steps {
		shape := "box"
		if s.Decision != nil {
			shape = "diamond"
		} else if i == 0 || d.IsEnd(i) {
			shape = "ellipse"
		}
		fmt.Fprintf(&b, "  %q [label=%q shape=%s];\n", s.ID, s.Activity, shape)
		for k, j := range d.Successors(i) {
			label := ""
			if s.Decision != nil {
				yes, no := s.Decision.Labels()
				label = []string{yes, no}[k]
			}
			fmt.Fprintf(&b, "  %q -> %q [label=%q];\n", s.ID, d.Steps[j].ID, label)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// BenchmarkGraphvizDot15Steps is the reference: Graphviz dot -Tsvg on the
// same 15-step flow as a plain graph, one process per document as a
// program would run it.
func BenchmarkGraphvizDot15Steps(b *testing.B) { benchDot(b, bench15) }

// BenchmarkGraphvizDot200Steps is dot on the 200-step flow.
func BenchmarkGraphvizDot200Steps(b *testing.B) { benchDot(b, bench200) }

func benchDot(b *testing.B, path string) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		b.Skip("graphviz is not installed (apt-get install graphviz)")
	}
	src := dotGraph(readDoc(b, path))
	for b.Loop() {
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = strings.NewReader(src)
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStartupDotFile keeps render/testdata/bursa-kerja.dot, the Graphviz
// graph of the 18-step sample that scripts/startup.sh gives `dot -Tsvg`
// beside `esop render` of the same SOP, equal to dotGraph of that sample
// (go test ./render -run StartupDot -args -update rewrites it).
func TestStartupDotFile(t *testing.T) {
	want := dotGraph(readDoc(t, "../sampledata/sops/10-bursa-kerja.json"))
	const path = "testdata/bursa-kerja.dot"
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("%s is not the graph of the sample; rewrite it with -update", path)
	}
	if n := strings.Count(want, "->"); n < 18 {
		t.Fatalf("the sample's graph has %d edges, want at least 18 (one per step)", n)
	}
}

package layout

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
)

// TestEdgeFixturesAreValid checks that the edge-case documents, which the
// renderers' golden tests use too, are valid esop.sop/1 documents and
// show the case their name promises.
func TestEdgeFixturesAreValid(t *testing.T) {
	want := []string{"edge-200-steps.json", "edge-both-back.json", "edge-jump-forward.json", "edge-long-text.json",
		"edge-loop-three-pages.json", "edge-nine-actors.json", "edge-one-actor.json", "edge-several-ends.json"}
	var got []string
	for _, f := range edgeFiles(t) {
		got = append(got, filepath.Base(f))
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs, ps := esop.CheckDocuments(b, esop.ValidateOptions{})
		if ps.HasErrors() || len(docs) != 1 {
			t.Errorf("%s: %v", f, ps.Errors())
		}
	}
	if len(got) != len(want) {
		t.Fatalf("fixtures %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("fixtures %v, want %v", got, want)
		}
	}
}

// TestEdgeFixturesShowTheirCase checks that each edge-case document has
// the shape its name promises, so that an edit cannot quietly lose it.
func TestEdgeFixturesShowTheirCase(t *testing.T) {
	doc := func(name string) *esop.Document { return readDocument(t, filepath.Join("testdata", name)) }
	if d := doc("edge-one-actor.json"); len(d.Actors) != 1 {
		t.Errorf("edge-one-actor has %d actors", len(d.Actors))
	}
	if d := doc("edge-nine-actors.json"); len(d.Actors) != 9 {
		t.Errorf("edge-nine-actors has %d actors", len(d.Actors))
	}
	if d := doc("edge-200-steps.json"); len(d.Steps) != 200 {
		t.Errorf("edge-200-steps has %d steps", len(d.Steps))
	}
	d := doc("edge-both-back.json")
	both := false
	for i, s := range d.Steps {
		if s.Decision != nil && d.StepIndex(s.Decision.Yes) < i && d.StepIndex(s.Decision.No) < i {
			both = true
		}
	}
	if !both {
		t.Error("edge-both-back has no decision whose branches both go back")
	}
	d = doc("edge-several-ends.json")
	ends := 0
	for i := range d.Steps {
		if d.IsEnd(i) {
			ends++
		}
	}
	if ends < 3 {
		t.Errorf("edge-several-ends has %d ends", ends)
	}
	d = doc("edge-jump-forward.json")
	jump := false
	for i, s := range d.Steps {
		if s.Next != "" && d.StepIndex(s.Next)-i > 5 {
			jump = true
		}
	}
	if !jump {
		t.Error("edge-jump-forward has no next jumping over five rows")
	}
	d = doc("edge-loop-three-pages.json")
	dg, err := Layout(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !loopSpansPages(d, dg, 3) {
		t.Error("edge-loop-three-pages has no loop over three pages")
	}
}

// loopSpansPages reports whether some backward edge of d runs over n pages of dg.
func loopSpansPages(d *esop.Document, dg *Diagram, n int) bool {
	page := map[int]int{}
	for pi, p := range dg.Pages {
		for _, r := range p.Rows {
			page[r.Index] = pi
		}
	}
	for i := range d.Steps {
		for _, j := range d.Successors(i) {
			if j < i && page[i]-page[j]+1 >= n {
				return true
			}
		}
	}
	return false
}

// TestOfficeFixturesShowTheirKind checks that the six documents written
// by other offices (see officeFiles) are valid and are the six kinds
// issue 9 measured its crossings on.
func TestOfficeFixturesShowTheirKind(t *testing.T) {
	docs := map[string]*esop.Document{}
	for _, f := range officeFiles {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		ds, ps := esop.CheckDocuments(b, esop.ValidateOptions{})
		if ps.HasErrors() || len(ds) != 1 {
			t.Fatalf("%s: %v", f, ps.Errors())
		}
		docs[f] = ds[0]
	}
	d := docs["office-plt-loop-back.json"]
	if d.Approval == nil || d.Approval.Capacity != esop.CapacityPlt {
		t.Error("office-plt-loop-back is not signed by a Plt")
	}
	if dg, err := Layout(d, nil); err != nil || !loopSpansPages(d, dg, 2) {
		t.Errorf("office-plt-loop-back has no loop back across pages (%v)", err)
	}
	d = docs["office-plh-weeks-months.json"]
	units := map[string]bool{}
	for _, s := range d.Steps {
		if s.Time != nil {
			units[s.Time.Unit] = true
		}
	}
	if d.Approval == nil || d.Approval.Capacity != esop.CapacityPlh || !units[esop.UnitWeek] || !units[esop.UnitMonth] {
		t.Error("office-plh-weeks-months is not signed by a Plh with week and month times")
	}
	if n := len(docs["office-nine-pelaksana.json"].Actors); n != 9 {
		t.Errorf("office-nine-pelaksana has %d pelaksana", n)
	}
	d = docs["office-two-ends.json"]
	ends := 0
	for i := range d.Steps {
		if d.IsEnd(i) {
			ends++
		}
	}
	if ends != 2 {
		t.Errorf("office-two-ends has %d ends", ends)
	}
	if d := docs["office-draft-18-rows.json"]; d.IsApproved() || len(d.Steps) != 18 {
		t.Errorf("office-draft-18-rows: approved %v, %d rows", d.IsApproved(), len(d.Steps))
	}
	if n := len(docs["office-200-steps.json"].Steps); n != 200 {
		t.Errorf("office-200-steps has %d steps", n)
	}
}

// samplePrints lays out the sample SOP file (in sampledata/sops) on A4
// and on F4 and hands each print to check.
func samplePrints(t *testing.T, file string, check func(paper string, d *esop.Document, dg *Diagram)) {
	t.Helper()
	d := readDocument(t, filepath.Join("..", "sampledata", "sops", file))
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		check(paper, d, mustLayout(t, d, &Options{Paper: paper}))
	}
}

// eachArrow lays out the document at path on A4 and F4 and calls fn for
// every page's arrow from step from to step to; fn reports whether the
// arrow shows the case. The test fails when on a paper none does.
func eachArrow(t *testing.T, path, from, to string, fn func(paper string, dg *Diagram, p *Page, a Arrow) bool) {
	t.Helper()
	d := readDocument(t, path)
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		dg := mustLayout(t, d, &Options{Paper: paper})
		found := false
		for pi := range dg.Pages {
			p := &dg.Pages[pi]
			for _, a := range p.Arrows {
				if a.From == from && a.To == to && fn(paper, dg, p, a) {
					found = true
				}
			}
		}
		if !found {
			t.Fatalf("%s %s: no arrow %s→%s showing the case", path, paper, from, to)
		}
	}
}

// pageRow returns the row of step on p, or the zero Row.
func pageRow(p *Page, step string) Row {
	for _, r := range p.Rows {
		if r.Step == step {
			return r
		}
	}
	return Row{}
}

// eachFixturePage lays out every fixture (the samples, the edge cases and
// the office documents) on A4 and F4 and calls fn for every page.
func eachFixturePage(t *testing.T, fn func(name, paper string, d *esop.Document, p *Page)) {
	t.Helper()
	names, docs := fixtures(t, true)
	for i, d := range docs {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			dg := mustLayout(t, d, &Options{Paper: paper})
			for pi := range dg.Pages {
				fn(names[i], paper, d, &dg.Pages[pi])
			}
		}
	}
}

// eachFixtureArrow lays out the fixtures (with the edge cases when edge)
// on A4 and F4 and calls fn for every arrow of every page.
func eachFixtureArrow(t *testing.T, edge bool, fn func(name, paper string, dg *Diagram, p *Page, a Arrow)) {
	t.Helper()
	names, docs := fixtures(t, edge)
	eachPrintOf(t, names, docs, func(name, paper string, dg *Diagram) {
		for pi := range dg.Pages {
			p := &dg.Pages[pi]
			for _, a := range p.Arrows {
				fn(name, paper, dg, p, a)
			}
		}
	})
}

package layout

import (
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
)

// TestShorterLabels: an exit label stacked in three or four lines beside
// its diamond makes its row tall for an activity of one or two lines.
// Sample 01 (Surat Masuk) on A4 set "Perlu arahan Kepala Dinas" in four
// lines in the Sekretaris column and its row 4 was 41 mm tall; the
// column now grows for two lines. Over the office documents and the
// samples on A4 and F4, the labels of more than labelLinesMax lines are
// counted and bounded, and no print takes more pages or breaks more
// words than without shorterLabels (kept only then, by construction:
// checked here on every print).
func TestShorterLabels(t *testing.T) {
	d := readDocument(t, filepath.Join("..", "sampledata", "sops", "01-surat-masuk-disposisi.json"))
	dg := mustLayout(t, d, &Options{Paper: esop.PaperA4})
	if l := labelNamed(t, dg, "Perlu arahan Kepala Dinas"); len(l.Lines) > labelLinesMax {
		t.Errorf("sample 01 A4: %q in %d lines %q", l.Text, len(l.Lines), l.Lines)
	}
	for _, p := range dg.Pages {
		for _, r := range p.Rows {
			if r.Index == 3 && r.H > 32 {
				t.Errorf("sample 01 A4: row 4 is %.1f mm tall", r.H)
			}
		}
	}

	names, docs := corpus(t)
	tall, tallBefore := 0, 0
	for i, d := range docs {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			opt := &Options{Paper: paper}
			dg, err := Layout(d, opt)
			if err != nil {
				t.Fatalf("%s %s: %v", names[i], paper, err)
			}
			l, pages, err := layoutPages(d, opt, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r, rp := l.roomierLabels(opt, pages); r != nil {
				pages = rp
			}
			if len(dg.Pages) > len(pages) {
				t.Errorf("%s %s: %d pages, %d without shorterLabels", names[i], paper, len(dg.Pages), len(pages))
			}
			for _, p := range dg.Pages {
				for _, a := range p.Arrows {
					if a.Label != nil && len(a.Label.Lines) > labelLinesMax {
						t.Logf("%s %s page %d: %q", names[i], paper, p.Number, a.Label.Lines)
					}
				}
			}
			tall += tallLabels(dg.Pages)
			tallBefore += tallLabels(pages)
			if broken, brokenBefore := brokenIn(dg.Pages), brokenIn(pages); broken > brokenBefore {
				t.Errorf("%s %s: %d labels broken inside a word, %d without shorterLabels", names[i], paper, broken, brokenBefore)
			}
		}
	}
	t.Logf("labels in more than %d lines: %d, %d without shorterLabels", labelLinesMax, tall, tallBefore)
	if tall > tallLabelsMost {
		t.Errorf("%d labels in more than %d lines, more than %d", tall, labelLinesMax, tallLabelsMost)
	}
}

// tallLabelsMost bounds the labels set in more than labelLinesMax lines
// over the corpus (samples, edge cases, office documents and generated
// ones) on A4 and F4, as measured when shorterLabels came (24), and 27
// since a diamond stands off the middle of its row for its labels
// (measureRows): pages then break elsewhere, and "Tidak/leng-/kap" stacks
// in generated documents #20 and #269 on pages that shorterLabels'
// second layout cannot better.
const tallLabelsMost = 27

// labelNamed returns the exit label of dg whose text is text, failing
// the test when there is none.
func labelNamed(t *testing.T, dg *Diagram, text string) *Label {
	t.Helper()
	for _, p := range dg.Pages {
		for _, a := range p.Arrows {
			if a.Label != nil && a.Label.Text == text {
				return a.Label
			}
		}
	}
	t.Fatalf("no label %q", text)
	return nil
}

package render_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
	"github.com/esop-malang/esop/render"
)

// TestPrintSubstitutesInTheFont: every character layout.PrintText sets
// in another's place is one the printed fonts lack, and what it sets is
// drawn by both.
func TestPrintSubstitutesInTheFont(t *testing.T) {
	c, ok := newRenderer(t).Measurer().(layout.Coverer)
	if !ok {
		t.Fatal("the printed fonts' measurer does not say which characters they draw")
	}
	for from, to := range layout.PrintSubstitutes() {
		if c.Covers(from) {
			t.Errorf("%c (%U) is in the font, yet set as %q", from, from, to)
		}
		for _, r := range to {
			if !c.Covers(r) {
				t.Errorf("%c (%U) is set as %q, which the font lacks", from, from, to)
			}
		}
	}
	for _, s := range []string{"(1) (20) IV xii", "Surat “masuk” – ½ • ▪ ► √ □ × → ← ↔ ♦ ◊ ○ ■ *"} {
		for _, r := range s {
			if !c.Covers(r) {
				t.Errorf("the font lacks %c (%U)", r, r)
			}
		}
	}
	if c.Covers('日') || c.Covers('✓') {
		t.Error("Covers says the font draws what it lacks")
	}
}

// TestPDFPrintsWhatTheFontHas: a document carrying characters pasted from
// Word prints them as PrintText sets them, in the text a reader copies
// from the PDF too; a character with no substitute copies as U+FFFD, not
// as another missing character.
func TestPDFPrintsWhatTheFontHas(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	r := newRenderer(t)
	d := documents(t)[0].doc.Clone()
	d.Steps[0].Activity = "Menerima \uF0B7 berkas ✓ dan ① surat dari He\u0301le\u0300ne"
	d.Steps[1].Activity = "Memeriksa Pem\u00ADberitahuan 日本"
	d.Equipment = append(d.Equipment, "Komputer ☐ cadangan") // mid-item: a leading box is a list marker (esop.ListItem)
	out := printedText(t, pdftotext, r, d)
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"• berkas √", "(1) surat", "Hélène", "Pemberitahuan", "Komputer □ cadangan", "\uFFFD\uFFFD"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	if strings.ContainsAny(text, "\uF0B7✓①☐\u00AD日") {
		t.Errorf("the PDF's text carries a character the font lacks:\n%s", text)
	}
}

// printedText prints d to PDF with r and returns the text pdftotext
// reads from it, with its options (such as -layout).
func printedText(t *testing.T, pdftotext string, r *render.Renderer, d *esop.Document, options ...string) []byte {
	t.Helper()
	p, err := r.Layout(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.PDF(&b, p); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, append(options, file, "-")...).Output()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

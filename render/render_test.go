package render_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sampledata"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testDoc is a document to render, named for its golden files.
type testDoc struct {
	name string
	doc  *esop.Document
}

// The documents the render tests lay out: the sample SOPs, the edge cases
// and the office documents of the layout tests.
const (
	samplesGlob = "../sampledata/sops/*.json"
	edgeGlob    = "../layout/testdata/edge-*.json"
	officeGlob  = "../layout/testdata/office-*.json"
)

// fixtureFiles returns the files matching each of patterns, in order.
func fixtureFiles(patterns ...string) []string {
	var out []string
	for _, g := range patterns {
		m, _ := filepath.Glob(g)
		out = append(out, m...)
	}
	return out
}

// documents returns every sample SOP and every edge case of the layout tests.
func documents(t testing.TB) []testDoc {
	t.Helper()
	var out []testDoc
	for _, n := range fixtureFiles(samplesGlob, edgeGlob) {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		docs, ps := esop.CheckDocuments(b, esop.ValidateOptions{})
		if ps.HasErrors() || len(docs) != 1 {
			t.Fatalf("%s: %v", n, ps.Errors())
		}
		out = append(out, testDoc{strings.TrimSuffix(filepath.Base(n), ".json"), docs[0]})
	}
	if len(out) < 17 {
		t.Fatalf("only %d documents to render", len(out))
	}
	return out
}

func newRenderer(t testing.TB) *render.Renderer {
	t.Helper()
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// printOf lays out the document at path (relative to render/) for
// printing on paper with a new renderer and the printed fonts.
func printOf(t testing.TB, path, paper string) *render.Pages {
	t.Helper()
	p, err := newRenderer(t).Layout(readDoc(t, path), &render.Options{Paper: paper})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; inspect the output and run go test ./render -update if the change is intended", name)
	}
}

func TestSVGGolden(t *testing.T) {
	r := newRenderer(t)
	for _, td := range documents(t) {
		t.Run(td.name, func(t *testing.T) {
			p, err := r.Layout(td.doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := p.SVG(&b, 0); err != nil {
				t.Fatal(err)
			}
			golden(t, td.name+".svg", b.Bytes())
		})
	}
}

// svgNode is a generic element of a parsed SVG.
type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []svgNode  `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (n *svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *svgNode) walk(fn func(*svgNode, int)) { n.walkAt(fn, 0) }

func (n *svgNode) walkAt(fn func(*svgNode, int), page int) {
	if p := n.attr("data-page"); p != "" {
		fmt.Sscan(p, &page)
	}
	fn(n, page)
	for i := range n.Children {
		n.Children[i].walkAt(fn, page)
	}
}

// TestSVGStructure checks what the browser relies on: one group per step
// with its symbol, the first step and every end a terminator, one arrow
// (or chain of arrows through connectors) per edge of the flow, and
// connectors in pairs on neighbouring pages; text is real text.
func TestSVGStructure(t *testing.T) {
	r := newRenderer(t)
	for _, td := range documents(t) {
		t.Run(td.name, func(t *testing.T) {
			d := td.doc
			p, err := r.Layout(d, nil)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := p.SVG(&b, 0); err != nil {
				t.Fatal(err)
			}
			var root svgNode
			if err := xml.Unmarshal(b.Bytes(), &root); err != nil {
				t.Fatalf("not well-formed XML: %v", err)
			}
			symbols := map[string]string{}
			edges := map[string]int{}
			type conn struct {
				page int
				dir  string
			}
			connectors := map[string][]conn{}
			texts := 0
			root.walk(func(n *svgNode, page int) {
				switch {
				case n.attr("data-step") != "":
					if _, dup := symbols[n.attr("data-step")]; dup {
						t.Errorf("step %s drawn twice", n.attr("data-step"))
					}
					symbols[n.attr("data-step")] = n.attr("data-symbol")
				case n.attr("data-symbol") == "offpage":
					connectors[n.attr("data-label")] = append(connectors[n.attr("data-label")], conn{page, n.attr("data-direction")})
				case n.attr("data-from") != "" && n.attr("class") == "arrow":
					edges[n.attr("data-from")+">"+n.attr("data-to")]++
				case n.XMLName.Local == "text" && strings.TrimSpace(n.Text) != "":
					texts++
				}
			})
			if len(symbols) != len(d.Steps) {
				t.Errorf("%d step symbols for %d steps", len(symbols), len(d.Steps))
			}
			for i, s := range d.Steps {
				want := "process"
				switch {
				case i == 0 || d.IsEnd(i):
					want = "terminator"
				case s.Decision != nil:
					want = "decision"
				}
				if symbols[s.ID] != want {
					t.Errorf("step %s is a %q, want %q", s.ID, symbols[s.ID], want)
				}
				for _, j := range d.Successors(i) {
					if edges[s.ID+">"+d.Steps[j].ID] == 0 {
						t.Errorf("edge %s→%s is not drawn", s.ID, d.Steps[j].ID)
					}
				}
			}
			for letter, cs := range connectors {
				if len(cs)%2 != 0 {
					t.Errorf("connector %s has no partner: %v", letter, cs)
				}
			}
			if texts < len(d.Steps) {
				t.Errorf("only %d text elements: the activity text must be real text", texts)
			}
		})
	}
}

func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing; .ci/run must install it", name)
		}
		t.Skipf("%s is not installed (apt-get install qpdf poppler-utils)", name)
	}
	return path
}

// TestPDF renders every document to PDF, checks it with qpdf, and
// compares its text, page by page, with golden files: the normalised
// content of the PDF (what a reader sees and can search and copy).
func TestPDF(t *testing.T) {
	qpdf, pdftotext, pdfinfo := tool(t, "qpdf"), tool(t, "pdftotext"), tool(t, "pdfinfo")
	r := newRenderer(t)
	dir := t.TempDir()
	for _, td := range documents(t) {
		t.Run(td.name, func(t *testing.T) {
			p, err := r.Layout(td.doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := r.PDF(&b, p); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, td.name+".pdf")
			if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(qpdf, "--check", file).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
			info, err := exec.Command(pdfinfo, file).Output()
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`(?m)^Title:\s+` + regexp.QuoteMeta(td.doc.Title) + `$`).Match(info) {
				t.Errorf("title not in the metadata:\n%s", info)
			}
			if td.doc.Number != "" && !bytes.Contains(info, []byte(td.doc.Number)) {
				t.Errorf("number not in the metadata:\n%s", info)
			}
			if !regexp.MustCompile(fmt.Sprintf(`(?m)^Pages:\s+%d$`, p.Count())).Match(info) {
				t.Errorf("page count is not %d:\n%s", p.Count(), info)
			}
			text, err := exec.Command(pdftotext, "-layout", "-enc", "UTF-8", file, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(text, []byte(fmt.Sprintf("Halaman 1 dari %d", p.Count()))) {
				t.Error("no page numbers")
			}
			// The text is selectable and searchable: every activity is in it.
			flat := strings.Join(strings.Fields(string(text)), " ")
			for _, s := range td.doc.Steps[:min(3, len(td.doc.Steps))] {
				first := strings.Fields(s.Activity)[0]
				if !strings.Contains(flat, first) {
					t.Errorf("activity %q not found in the PDF text", s.Activity)
				}
			}
			golden(t, td.name+".pdf.txt", normalise(text))
		})
	}
}

// normalise trims trailing spaces, so the golden text is stable across poppler versions.
func normalise(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return []byte(strings.Join(lines, "\n"))
}

func TestPNG(t *testing.T) {
	r := newRenderer(t)
	td := documents(t)[0]
	for _, dpi := range []float64{72, 150} {
		p, err := r.Layout(td.doc, &render.Options{DPI: dpi})
		if err != nil {
			t.Fatal(err)
		}
		for _, page := range []int{1, p.Count()} {
			var b bytes.Buffer
			if err := r.PNG(&b, p, page); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatal(err)
			}
			wantW := int(297 / 25.4 * dpi)
			if w := img.Bounds().Dx(); w < wantW-2 || w > wantW+2 {
				t.Errorf("dpi %v: width %d, want about %d", dpi, w, wantW)
			}
			// The page is not blank: some pixels are dark.
			dark := 0
			bd := img.Bounds()
			for y := bd.Min.Y; y < bd.Max.Y; y += 3 {
				for x := bd.Min.X; x < bd.Max.X; x += 3 {
					if r, _, _, _ := img.At(x, y).RGBA(); r < 0x4000 {
						dark++
					}
				}
			}
			if dark < 100 {
				t.Errorf("page %d looks blank (%d dark pixels)", page, dark)
			}
		}
		if err := r.PNG(io.Discard, p, p.Count()+1); esop.ErrorCode(err) != esop.EINVALID {
			t.Errorf("page out of range: %v", err)
		}
	}
}

func TestSVGPageSelection(t *testing.T) {
	r := newRenderer(t)
	var long testDoc
	for _, td := range documents(t) {
		if len(td.doc.Steps) > 12 {
			long = td
			break
		}
	}
	p, err := r.Layout(long.doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Flow.Pages) < 2 {
		t.Fatalf("%s has %d flowchart pages", long.name, len(p.Flow.Pages))
	}
	var one, all bytes.Buffer
	if err := p.SVG(&one, 2); err != nil {
		t.Fatal(err)
	}
	p.SVG(&all, 0)
	if c := strings.Count(one.String(), `class="page"`); c != 1 {
		t.Errorf("page 2 alone has %d pages", c)
	}
	if c := strings.Count(all.String(), `class="page"`); c != len(p.Flow.Pages) {
		t.Errorf("all pages: %d page groups", c)
	}
	if err := p.SVG(io.Discard, len(p.Flow.Pages)+1); esop.ErrorCode(err) != esop.EINVALID {
		t.Errorf("page out of range: %v", err)
	}
}

func TestBook(t *testing.T) {
	pdfinfo := tool(t, "pdfinfo")
	r := newRenderer(t)
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	var pages []*render.Pages
	total := 0
	for _, d := range docs[:4] {
		p, err := r.Layout(d, nil)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
		total += p.Count()
	}
	var b bytes.Buffer
	var progress []int
	if err := r.Book(&b, render.BookInfo{BookInfo: layout.BookInfo{Government: "Pemerintah Kota Malang", Agency: "Dinas Ketenagakerjaan dan Transmigrasi", Year: 2026}}, pages,
		func(done, _ int) { progress = append(progress, done) }); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "book.pdf")
	os.WriteFile(file, b.Bytes(), 0o644)
	info, _ := exec.Command(pdfinfo, file).Output()
	if !regexp.MustCompile(fmt.Sprintf(`(?m)^Pages:\s+%d$`, total+2)).Match(info) {
		t.Errorf("want cover + contents + %d pages:\n%s", total, info)
	}
	if !sort.IntsAreSorted(progress) || len(progress) != 4 {
		t.Errorf("progress %v", progress)
	}
}

// TestMeasurerAgreesWithTheFont checks the measurer of the embedded
// fonts against the advance widths of Arial, with which Liberation Sans
// is metric-compatible (layout.ApproxMeasure holds Arial's table): the
// same to a thousandth of an em, so that the layout's lines are the lines
// printed, by any renderer.
func TestMeasurerAgreesWithTheFont(t *testing.T) {
	r := newRenderer(t)
	m, arial := r.Measurer(), layout.ApproxMeasure()
	for _, s := range []string{"Menerima berkas permohonan kartu AK/I", "KETENAGAKERJAAN", "Pengantar Kerja", "1.234,56 menit", "NIP. 19680512 199303 1 007"} {
		for _, bold := range []bool{false, true} {
			got, want := m.Width(s, 10, bold), arial.Width(s, 10, bold)
			if d := got - want; d > 0.001*10*layout.PointMM*float64(len(s)) || d < -0.001*10*layout.PointMM*float64(len(s)) {
				t.Errorf("%q bold=%v: measured %.3f mm, Arial %.3f mm", s, bold, got, want)
			}
		}
	}
	if m.Width("—", 10, false) <= m.Width("-", 10, false) || m.Width("É", 10, false) <= 0 {
		t.Error("characters beyond ASCII are not measured")
	}
}

// TestVerificationOnPrints checks that a print of an approved SOP carries
// its verification address and QR code, and a draft's does not.
func TestVerificationOnPrints(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	r := newRenderer(t)
	var approved, draft *esop.Document
	for _, td := range documents(t) {
		switch {
		case td.doc.IsApproved() && approved == nil:
			approved = td.doc
		case !td.doc.IsApproved() && draft == nil:
			draft = td.doc
		}
	}
	opt := &render.Options{VerifyBase: "https://sop.malangkota.go.id/", DPI: 100}
	for _, tc := range []struct {
		doc  *esop.Document
		want bool
	}{{approved, true}, {draft, false}} {
		p, err := r.Layout(tc.doc, opt)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := r.PDF(&b, p); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "v.pdf")
		os.WriteFile(file, b.Bytes(), 0o644)
		text, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		url := "https://sop.malangkota.go.id/v/" + render.VerifyCode(tc.doc)
		if got := strings.Count(string(text), url); (got == p.Count()) != tc.want || (!tc.want && got != 0) {
			t.Errorf("approved=%v: the address is on %d of %d pages", tc.want, got, p.Count())
		}
		flat := strings.Join(strings.Fields(string(text)), " ")
		if tc.want != strings.Contains(flat, "Pindai untuk memeriksa keabsahan") {
			t.Errorf("approved=%v: QR caption present=%v", tc.want, !tc.want)
		}
		// The QR code itself: its square is mostly dark and light modules, not blank.
		var img bytes.Buffer
		if err := r.PNG(&img, p, 1); err != nil {
			t.Fatal(err)
		}
		pic, _ := png.Decode(&img)
		q := p.Identity.Pages[0].QR
		if (q.W > 0) != tc.want {
			t.Fatalf("approved=%v: room for the QR code %v", tc.want, q)
		}
		if !tc.want {
			continue
		}
		scale := 100 / 25.4
		dark := 0
		for y := int(q.Y * scale); y < int((q.Y+q.H)*scale); y++ {
			for x := int(q.X * scale); x < int((q.X+q.W)*scale); x++ {
				if c, _, _, _ := pic.At(x, y).RGBA(); c < 0x8000 {
					dark++
				}
			}
		}
		area := int(q.W*scale) * int(q.H*scale)
		if has := dark > area/4; has != tc.want {
			t.Errorf("approved=%v: %d of %d pixels of the QR square are dark", tc.want, dark, area)
		}
	}
}

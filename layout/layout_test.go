package layout

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// simpleDocument returns a valid document of n one-line steps shared
// round-robin by the given number of actors, flowing straight down.
func simpleDocument(steps, actors int) *esop.Document {
	d := &esop.Document{Format: esop.FormatV1, Title: "Pengarsipan Surat Keluar", Agency: "Dinas Ketenagakerjaan dan Transmigrasi", Unit: "Sekretariat"}
	for i := range actors {
		d.Actors = append(d.Actors, esop.Actor{ID: fmt.Sprintf("a%d", i+1), Name: fmt.Sprintf("Petugas Arsip %d", i+1)})
	}
	for i := range steps {
		d.Steps = append(d.Steps, esop.Step{ID: fmt.Sprintf("s%d", i+1), Activity: "Mencatat surat keluar dalam buku agenda",
			Actor: d.Actors[i%actors].ID, Time: &esop.Duration{Value: 5, Unit: esop.UnitMinute}, Output: "Buku agenda"})
	}
	return d
}

func mustLayout(t *testing.T, d *esop.Document, opt *Options) *Diagram {
	t.Helper()
	if ps := esop.Validate(d, esop.ValidateOptions{}); ps.HasErrors() {
		t.Fatalf("invalid test document: %v", ps.Errors())
	}
	dg, err := Layout(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	return dg
}

func rowsPerPageOf(dg *Diagram) []int {
	var out []int
	for _, p := range dg.Pages {
		out = append(out, len(p.Rows))
	}
	return out
}

func TestColumnsNineActorsA4(t *testing.T) {
	d := readDocument(t, filepath.Join("testdata", "edge-nine-actors.json"))
	dg := mustLayout(t, d, &Options{Paper: esop.PaperA4})
	if dg.Paper != A4 || dg.Margin != 10 {
		t.Fatalf("paper %v margin %v", dg.Paper, dg.Margin)
	}
	var actors []Column
	widths := map[string]float64{}
	for _, c := range dg.Columns {
		if c.Kind == colActor {
			actors = append(actors, c)
		} else {
			widths[c.Kind] = c.W
		}
	}
	if len(actors) != 9 {
		t.Fatalf("%d actor columns", len(actors))
	}
	// Crowded: the pelaksana without decisions give width to those whose
	// exit labels need it (labelWidths), down to actorCrowdedMin, alike.
	needs := labelColumns(d, ApproxMeasure())
	giver := -1.0
	for i, c := range actors {
		if c.Inner() < actorCrowdedMin-0.01 {
			t.Errorf("actor column %q is %.2f mm wide, want at least %v", c.Title, c.Inner(), actorCrowdedMin)
		}
		if needs[i] > 0 {
			continue
		}
		if giver < 0 {
			giver = c.Inner()
		}
		if math.Abs(c.Inner()-giver) > 0.01 {
			t.Errorf("actor column %q is %.2f mm wide (other pelaksana without decisions %.2f), want equal", c.Title, c.Inner(), giver)
		}
	}
	last := dg.Columns[len(dg.Columns)-1]
	if got := last.X + last.W - dg.Columns[0].X; math.Abs(got-(297-2*ruleMargin)) > 0.001 {
		t.Errorf("table is %.2f mm wide, want %.2f (the rules' ink inside the margins)", got, 297-2*ruleMargin)
	}
	for kind, least := range map[string]float64{colNo: noColumnMin, colActivity: 28, colRequirements: 16, colTime: 11, colOutput: 14, colNote: minTextColumn} {
		if widths[kind] < least-0.01 {
			t.Errorf("%s column is %.2f mm, below its minimum %v", kind, widths[kind], least)
		}
	}
	// Every symbol keeps a channel on each side.
	for _, p := range dg.Pages {
		for _, s := range p.Symbols {
			if s.W > actors[0].W-2*chanClear-2 {
				t.Errorf("symbol %q is %.2f wide in a %.2f column", s.Step, s.W, actors[0].W)
			}
		}
	}
}

func TestColumnsFewActorsAreWider(t *testing.T) {
	three := mustLayout(t, simpleDocument(4, 3), nil)
	nine := mustLayout(t, simpleDocument(9, 9), nil)
	if three.Columns[2].W <= nine.Columns[2].W {
		t.Errorf("three actors get %.2f mm, nine get %.2f mm", three.Columns[2].W, nine.Columns[2].W)
	}
	if w := three.Columns[2].W; w > actorLabelMax {
		t.Errorf("actor column %.2f mm is wider than %v", w, actorLabelMax)
	}
}

func TestColumnsTextInProportion(t *testing.T) {
	d := simpleDocument(3, 2)
	d.Steps[0].Activity = strings.Repeat("Memeriksa kelengkapan dan keabsahan dokumen permohonan ", 6)
	d.Steps[1].Note = "Singkat"
	dg := mustLayout(t, d, nil)
	w := map[string]float64{}
	for _, c := range dg.Columns {
		w[c.Kind] = c.W
	}
	if w[colActivity] <= w[colNote] || w[colActivity] <= w[colRequirements] {
		t.Errorf("KEGIATAN %.2f mm is not the widest text column: %v", w[colActivity], w)
	}
}

func TestTooManyActorsIsAnError(t *testing.T) {
	d := simpleDocument(30, 30)
	if _, err := Layout(d, nil); err == nil {
		t.Fatal("30 actors laid out across A4")
	}
}

func TestRowsPerPageFromHints(t *testing.T) {
	tests := []struct {
		name  string
		hint  *esop.LayoutHint
		opt   *Options
		steps int
		want  []int
	}{
		{"defaults fill the page", nil, nil, 20, []int{14, 6}},
		// The last row goes with the page before rather than alone.
		{"document hints", &esop.LayoutHint{FirstPageSteps: 3, PageSteps: 4}, nil, 12, []int{3, 4, 5}},
		{"document hints, no lone row", &esop.LayoutHint{FirstPageSteps: 3, PageSteps: 4}, nil, 14, []int{3, 4, 4, 3}},
		{"first page hint only", &esop.LayoutHint{FirstPageSteps: 2}, nil, 9, []int{2, 7}},
		{"options override the document", &esop.LayoutHint{FirstPageSteps: 3, PageSteps: 4}, &Options{FirstPageSteps: 7, PageSteps: 2}, 12, []int{7, 2, 2, 1}},
		{"one per page", nil, &Options{FirstPageSteps: 1, PageSteps: 1}, 3, []int{1, 1, 1}},
		{"more asked than there are", nil, &Options{FirstPageSteps: 50}, 4, []int{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := simpleDocument(tt.steps, 3)
			d.Layout = tt.hint
			got := rowsPerPageOf(mustLayout(t, d, tt.opt))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("rows per page %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRowsPerPageNeverMoreThanFit(t *testing.T) {
	d := simpleDocument(12, 3)
	for i := range d.Steps {
		d.Steps[i].Activity = strings.Repeat("Menyusun dan memeriksa kembali konsep naskah dinas ", 8)
	}
	d.Layout = &esop.LayoutHint{FirstPageSteps: 12, PageSteps: 12}
	dg := mustLayout(t, d, nil)
	if len(dg.Pages) < 2 {
		t.Fatalf("%d tall rows on one page", len(d.Steps))
	}
	n := len(dg.Pages)
	balanced := false
	for _, p := range dg.Pages {
		last := p.Rows[len(p.Rows)-1]
		bottom := last.Y + last.H + p.TotalAt.H
		if bottom > dg.Frame.Bottom+0.001 {
			t.Errorf("page %d ends at %.2f, below the footer's room", p.Number, bottom)
		}
		// As many rows as fit: the next row would not have fitted; but
		// for the page before the last, which ends earlier to give the
		// last page minLastRows rows (balanceLast), and then only so far.
		if p.Number == n || bottom+last.H >= dg.Frame.Bottom-20 {
			continue
		}
		end := dg.Pages[n-1]
		if p.Number != n-1 || len(end.Rows) > minLastRows || len(p.Rows) < len(end.Rows) {
			t.Errorf("page %d stops at %.2f with room for another row (last page %d rows)", p.Number, bottom, len(end.Rows))
		}
		balanced = true
	}
	// The twelve rows fill two pages of 5 and leave two on a third; the
	// second page gives one of its rows to the last.
	if got := rowsPerPageOf(dg); !balanced || !slices.Equal(got, []int{5, 4, 3}) {
		t.Errorf("rows per page %v, want 5 4 3 (5 5 2 unbalanced)", got)
	}
	checkDiagram(t, "tall rows", d, dg, ApproxMeasure(), 12, 12)
}

// TestRowTallerThanAPageIsAnError: a row no page holds is the author's
// to fix, so the error says which step, where in the document and in
// the user's language, rather than being an internal error.
func TestRowTallerThanAPageIsAnError(t *testing.T) {
	d := simpleDocument(7, 2)
	d.Steps[6].Activity = strings.Repeat("Memeriksa ", 3000)
	_, err := Layout(d, nil)
	var e *esop.Error
	if !errors.As(err, &e) || e.Code != esop.EINVALID {
		t.Fatalf("err = %v, want an esop.Error of code invalid", err)
	}
	if len(e.Problems) != 1 || e.Problems[0].Path != "steps[6]" || e.Problems[0].Severity != esop.SeverityError {
		t.Fatalf("problems %v, want one error at steps[6]", e.Problems)
	}
	if id, en := e.Message.In("id"), e.Message.In("en"); id != "Kegiatan 7 terlalu tinggi untuk satu halaman; persingkat teksnya atau bagi menjadi beberapa kegiatan." ||
		!strings.HasPrefix(en, "Step 7 is too tall for one page") {
		t.Errorf("messages %q, %q", id, en)
	}
}

func TestPagination200Steps(t *testing.T) {
	d := readDocument(t, filepath.Join("testdata", "edge-200-steps.json"))
	// The defaults fill each page; the fixed counts of some offices (6, then
	// 5) spread the same SOP over many more pages.
	full := rowsPerPageOf(mustLayout(t, d, nil))
	if full[0] <= 6 || len(full) >= 40 {
		t.Errorf("default rows per page %v: the pages are not filled", full)
	}
	dg := mustLayout(t, d, &Options{FirstPageSteps: 6, PageSteps: 5})
	rows := rowsPerPageOf(dg)
	if rows[0] != 6 || len(dg.Pages) < 40 {
		t.Errorf("rows per page %v, want 6 then 5s over at least 40 pages", rows)
	}
	total := 0
	for i, n := range rows {
		total += n
		if i > 0 && n > 5 {
			t.Errorf("page %d has %d rows", i+1, n)
		}
	}
	if total != 200 {
		t.Errorf("%d rows in all", total)
	}
	// Stages loop back over several pages: the letters go past Z.
	letters := map[string]int{}
	for _, p := range dg.Pages {
		for _, c := range p.Connectors {
			letters[c.Letter]++
		}
	}
	if letters["Z"] != 2 || letters["AA"] != 2 {
		t.Errorf("letters Z and AA used %d and %d times, want a pair each", letters["Z"], letters["AA"])
	}
	checkDiagram(t, "200 steps", d, dg, ApproxMeasure(), 6, 5)
}

func TestPaper(t *testing.T) {
	d := simpleDocument(3, 2)
	if dg := mustLayout(t, d, nil); dg.Paper != A4 {
		t.Errorf("default paper %v", dg.Paper)
	}
	d.Layout = &esop.LayoutHint{Paper: esop.PaperF4}
	if dg := mustLayout(t, d, nil); dg.Paper != F4 {
		t.Errorf("document paper F4 gave %v", dg.Paper)
	}
	if dg := mustLayout(t, d, &Options{Paper: "a4"}); dg.Paper != A4 {
		t.Errorf("option paper A4 gave %v", dg.Paper)
	}
	if _, err := Layout(d, &Options{Paper: "Letter"}); err == nil {
		t.Error("paper Letter accepted")
	}
}

func TestNilOptionsAreTheDefaults(t *testing.T) {
	d := readDocument(t, filepath.Join("testdata", "edge-several-ends.json"))
	a := mustLayout(t, d, nil)
	b := mustLayout(t, d, &Options{Measure: ApproxMeasure()})
	if !reflect.DeepEqual(a, b) {
		t.Error("nil options and explicit defaults differ")
	}
}

// TestTotalUnderMutuBaku: a long total ("… ditambah waktu kegiatan 6,
// 7 dan 10 (lihat kolom Waktu)") is wrapped under the MUTU BAKU columns
// and KETERANGAN, where it was one line reaching over the pelaksana's
// columns among the symbols (the reviewer of session 18: samples 01, 05,
// 12, 19, 20, office-plh). Where the last page has room for one line and
// not for the lines wrapped, the one line stands as before: sample 01 on
// A4 keeps one flowchart page.
func TestTotalUnderMutuBaku(t *testing.T) {
	d := readDocument(t, filepath.Join("..", "sampledata", "sops", "19-pendaftaran-transmigran.json"))
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		dg := mustLayout(t, d, &Options{Paper: paper})
		last := dg.Pages[len(dg.Pages)-1]
		mutu, ket := dg.Columns[len(d.Actors)+2], dg.Columns[len(dg.Columns)-1]
		if len(dg.TotalLines) < 2 || strings.Join(dg.TotalLines, " ") != dg.Total {
			t.Errorf("19 %s: total printed as %q, want %q wrapped", paper, dg.TotalLines, dg.Total)
		}
		if abs(last.TotalAt.X-mutu.X) > 0.01 || abs(last.TotalAt.X+last.TotalAt.W-ket.X-ket.W) > 0.01 {
			t.Errorf("19 %s: total at %v, want under KELENGKAPAN … KETERANGAN (%.2f–%.2f)", paper, last.TotalAt, mutu.X, ket.X+ket.W)
		}
	}
	// Even lines, a number never parted from its unit (office-nine:
	// "1 bulan 2 / minggu …", then "30 menit" alone on a line).
	d = readDocument(t, filepath.Join("testdata", "office-nine-pelaksana.json"))
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		dg := mustLayout(t, d, &Options{Paper: paper})
		lines := dg.TotalLines
		if len(lines) < 2 {
			t.Fatalf("office-nine %s: total %q on one line", paper, lines)
		}
		for i, line := range lines[:len(lines)-1] {
			words, next := strings.Fields(line), strings.Fields(lines[i+1])
			if isNumber(words[len(words)-1]) && esop.IsUnitWord(next[0]) {
				t.Errorf("office-nine %s: line %d of the total %q ends in a number parted from its unit", paper, i+1, line)
			}
		}
		m := ApproxMeasure()
		if first, last := m.Width(lines[0], dg.BodySize, true), m.Width(lines[len(lines)-1], dg.BodySize, true); last < first/2 {
			t.Errorf("office-nine %s: total's last line %q %.1f mm under a first of %.1f", paper, lines[len(lines)-1], last, first)
		}
	}
	d = readDocument(t, filepath.Join("..", "sampledata", "sops", "01-surat-masuk-disposisi.json"))
	dg := mustLayout(t, d, &Options{Paper: esop.PaperA4})
	if len(dg.Pages) != 1 || len(dg.TotalLines) != 1 || dg.Pages[0].TotalAt.X >= dg.Columns[len(d.Actors)+2].X {
		t.Errorf("01 A4: %d flowchart pages, total %q at %v; want one page and one line over the pelaksana", len(dg.Pages), dg.TotalLines, dg.Pages[0].TotalAt)
	}
}

func TestTotal(t *testing.T) {
	d := simpleDocument(4, 2)
	d.Steps[1].Time = &esop.Duration{Value: 2, Unit: esop.UnitDay}
	d.Steps[2].Time = &esop.Duration{Text: "sesuai jadwal"}
	dg := mustLayout(t, d, nil)
	// esop.TotalTime: the text time on the path is named after the sums.
	if want := "Jumlah waktu: 2 hari 10 menit ditambah waktu kegiatan 3 (sesuai jadwal)"; dg.Total != want {
		t.Errorf("total %q, want %q", dg.Total, want)
	}
	last := dg.Pages[len(dg.Pages)-1]
	if last.TotalAt.H == 0 {
		t.Error("no place for the total on the last page")
	}
	for i := range d.Steps {
		d.Steps[i].Time = &esop.Duration{Text: "sesuai jadwal"}
	}
	dg = mustLayout(t, d, nil)
	if want := "Jumlah waktu: waktu kegiatan 1, 2, 3 dan 4 (lihat kolom Waktu)"; dg.Total != want || dg.Pages[len(dg.Pages)-1].TotalAt.H == 0 {
		t.Errorf("total %q at %v with text times only, want %q", dg.Total, dg.Pages[len(dg.Pages)-1].TotalAt, want)
	}
	for i := range d.Steps {
		d.Steps[i].Time = nil
	}
	dg = mustLayout(t, d, nil)
	if dg.Total != "" || dg.Pages[len(dg.Pages)-1].TotalAt != (Rect{}) {
		t.Errorf("total %q at %v without times", dg.Total, dg.Pages[len(dg.Pages)-1].TotalAt)
	}
}

func TestConnectorsOnlyWhereNeeded(t *testing.T) {
	d := simpleDocument(10, 2)
	d.Layout = &esop.LayoutHint{FirstPageSteps: 5, PageSteps: 5}
	dg := mustLayout(t, d, nil)
	p1, p2 := dg.Pages[0], dg.Pages[1]
	if len(p1.Connectors) != 1 || len(p2.Connectors) != 1 || p1.Connectors[0].In || !p2.Connectors[0].In ||
		p1.Connectors[0].Letter != "A" || p2.Connectors[0].Letter != "A" {
		t.Fatalf("connectors %v and %v, want one A pair", p1.Connectors, p2.Connectors)
	}
	// The first page has no band above its rows, the last none below.
	if hb := headerBottom(&p1); p1.Rows[0].Y != hb {
		t.Errorf("first row at %.2f, header ends at %.2f", p1.Rows[0].Y, hb)
	}
	if last := p2.Rows[len(p2.Rows)-1]; math.Abs(p2.TotalAt.Y-(last.Y+last.H)) > 0.001 {
		t.Errorf("total at %.2f, last row ends at %.2f", p2.TotalAt.Y, last.Y+last.H)
	}
	// A straight flow draws straight arrows down the page.
	for _, a := range p1.Arrows {
		if len(a.Points) != 2 && d.Steps[0].Actor == d.Steps[1].Actor {
			t.Errorf("arrow %s→%s bends: %v", a.From, a.To, a.Points)
		}
	}
}

func TestLetterName(t *testing.T) {
	for n, want := range map[int]string{0: "A", 1: "B", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA"} {
		if got := letterName(n); got != want {
			t.Errorf("letterName(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	m := ApproxMeasure()
	tests := []struct {
		text  string
		width float64
		want  []string
	}{
		{"", 30, nil},
		{"Menerima berkas", 100, []string{"Menerima berkas"}},
		{"Menerima berkas permohonan", 20, []string{"Menerima berkas", "permohonan"}},
		{"Baris satu\nbaris dua", 100, []string{"Baris satu", "baris dua"}},
		{"  spasi   ganda  ", 100, []string{"spasi ganda"}},
		{"https://oss.go.id/perizinan", 15, []string{"https://oss.go", ".id/perizinan"}}, // an address: no hyphen added (isAddress)
	}
	for _, tt := range tests {
		got := wrap(m, tt.text, 7, false, tt.width)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("wrap(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
		for _, line := range got {
			if m.Width(line, 7, false) > tt.width {
				t.Errorf("wrap(%q): line %q is too wide", tt.text, line)
			}
		}
	}
	// A width narrower than one rune still ends, a rune a line.
	if got := wrap(m, "abc", 7, false, 0.1); len(got) != 3 {
		t.Errorf("wrap in 0.1 mm = %q", got)
	}
}

func TestApproxMeasure(t *testing.T) {
	m := ApproxMeasure()
	// "NO" in Arial Bold: N 722 + O 778 = 1.5 em.
	if got, want := m.Width("NO", 10, true), 1.5*10*PointMM; math.Abs(got-want) > 1e-9 {
		t.Errorf("Width(NO, 10pt, bold) = %v, want %v", got, want)
	}
	// "il" in Arial: 222 + 222.
	if got, want := m.Width("il", 10, false), 0.444*10*PointMM; math.Abs(got-want) > 1e-9 {
		t.Errorf("Width(il) = %v, want %v", got, want)
	}
	if m.Width("Kegiatan", 7, true) <= m.Width("Kegiatan", 7, false) {
		t.Error("bold is not wider")
	}
	if got, want := m.Width("é", 10, false), 0.556*10*PointMM; math.Abs(got-want) > 1e-9 {
		t.Errorf("Width(é) = %v, want the default %v", got, want)
	}
	if m.Width("", 10, false) != 0 {
		t.Error("empty string has a width")
	}
}

// kerningMeasurer measures a string as more than the sum of its parts, as
// a font with kerning or ligatures may differ from the sum.
type kerningMeasurer struct{}

func (kerningMeasurer) Width(s string, size float64, bold bool) float64 {
	return ApproxMeasure().Width(s, size, bold) * (1 + 0.004*float64(len(s)))
}

func TestWrapWithKerningMeasurer(t *testing.T) {
	m := kerningMeasurer{}
	text := strings.Repeat("Memeriksa kelengkapan dan keabsahan dokumen permohonan izin ", 5)
	for _, width := range []float64{20, 35, 60, 90} {
		lines := wrap(m, text, BodySize, false, width)
		for _, line := range lines {
			if m.Width(line, BodySize, false) > width {
				t.Errorf("width %v: line %q is %.2f wide", width, line, m.Width(line, BodySize, false))
			}
		}
		if !readsAs(lines, text) {
			t.Errorf("width %v: text changed to %q", width, lines)
		}
	}
	d := readDocument(t, filepath.Join("testdata", "edge-long-text.json"))
	dg := mustLayout(t, d, &Options{Measure: m})
	checkDiagram(t, "long text, kerning measurer", d, dg, m, 6, 5)
}

// TestTotalWideOnlyWhereWrappedDoesNotFit: checkTotal allows the total on
// one line over the pelaksana only where its lines, wrapped as the layout
// wraps them (wrapQuantities: a number kept with its unit, which may take
// a line more than a plain wrap), would not fit the last page; it counted
// a plain wrap's lines and failed these four of the soak.
func TestTotalWideOnlyWhereWrappedDoesNotFit(t *testing.T) {
	checkSoakCases(t, []soakCase{{5, 89, false}, {17, 120, false}, {18, 256, false}, {37, 52, false}})
}

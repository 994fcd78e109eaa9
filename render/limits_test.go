package render_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
)

// The limits of the document (esop's limits.go) promise that whatever the
// validator accepts can be printed. These tests generate documents at
// every limit, alone and together, check that the validator accepts
// them, and lay them out and render them as SVG, PDF and PNG on A4 and
// F4; and one step beyond each limit, where the validator must refuse
// them, naming the path. The text is Indonesian prose of the words SOPs
// use, long ones and abbreviations among them (see esop's limits.go on
// what static limits cannot promise).

// vocabulary is the stock of words of generated text.
var vocabulary = strings.Fields(`Menerima berkas permohonan kartu AK/I dari pemohon dan memeriksa KELENGKAPAN
persyaratan sesuai ketentuan Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014 untuk diverifikasi,
ditandatangani serta dipertanggungjawabkan oleh Kepala Bidang Penempatan Tenaga Kerja dan Perluasan
Kesempatan Kerja (PTKPKK) melalui aplikasi SIAPKerja/Karirhub; apabila belum lengkap berkas dikembalikan
kepada pemohon untuk dilengkapi paling lambat 3 (tiga) hari kerja, kemudian dicatat dalam buku agenda
surat masuk, diarsipkan dan dilaporkan kepada Sekretaris Dinas Ketenagakerjaan dan Transmigrasi Kota Malang.`)

// prose returns text of exactly n characters, from word k of the vocabulary on.
func prose(n, k int) string {
	var b strings.Builder
	for i := k; b.Len() < n+20; i++ {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(vocabulary[i%len(vocabulary)])
	}
	s := []rune(b.String())[:n]
	s[n-1] = '.' // no trailing space, which the editor would trim
	return string(s)
}

// limitDocument returns an approved document of the given number of
// actors, every name and label at its limit, whose row big (index
// rl.Crossing) carries the texts set by fill. The rl.Crossing-1
// decisions before it send their "no" to a rejection after it, so that
// the most arrows allowed pass above and below the big row, each needing
// a connector where a page breaks there.
func limitDocument(actors int, paper string, fill func(s *esop.Step, rl esop.RowLimits)) *esop.Document {
	rl := esop.RowLimitsFor(actors)
	d := &esop.Document{Format: esop.FormatV1, Number: "800/" + strings.Repeat("9", esop.MaxNumberLen-4),
		Title: prose(esop.MaxTitleLen, 3), Government: "Pemerintah Kota Malang", Agency: "Dinas Ketenagakerjaan dan Transmigrasi",
		Unit: "Bidang Penempatan dan Perluasan Kerja", Category: esop.CategoryPelayanan,
		Dates: esop.Dates{Created: esop.MustDate("2024-01-15"), Revised: esop.MustDate("2025-01-15"), Effective: esop.MustDate("2024-02-01")},
		Approval: &esop.Approval{Position: "Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", Name: "Drs. Contoh Nama, M.Si.",
			Rank: "Pembina Utama Muda (IV/c)", NIP: "19680512 199303 1 007"},
		LegalBasis: []esop.LegalRef{{Kind: "Permen", Number: "28", Year: 2014, Title: prose(200, 9)}},
		Layout:     &esop.LayoutHint{Paper: paper}}
	for i := range actors {
		d.Actors = append(d.Actors, esop.Actor{ID: fmt.Sprintf("a%02d", i), Name: prose(esop.MaxActorNameLen, 40+i)})
	}
	id := func(i int) string { return fmt.Sprintf("%s%03d", strings.Repeat("l", esop.MaxIDLen-3), i) }
	big := rl.Crossing
	n := big + 3 // then the end of the accepted case, and the rejection (the last row, an end too)
	for i := range n {
		d.Steps = append(d.Steps, esop.Step{ID: id(i), Activity: prose(60, i), Actor: d.Actors[(i*5)%actors].ID,
			Time: &esop.Duration{Value: 1, Unit: esop.UnitDay}, Output: "Berkas permohonan"})
	}
	d.Steps[0].Requirements = []string{"Kartu Tanda Penduduk"}
	for i := 1; i < big; i++ {
		d.Steps[i].Decision = &esop.Decision{Yes: id(i + 1), No: id(n - 1),
			YesLabel: prose(esop.MaxLabelLen, i), NoLabel: prose(esop.MaxLabelLen, i+7)}
	}
	d.Steps[big+1].End = true
	fill(&d.Steps[big], rl)
	return d
}

// fills are the rows at the limits: each cell at its own, and the row at
// its limit shared among the cells in several proportions.
var fills = []struct {
	name string
	fill func(s *esop.Step, rl esop.RowLimits)
}{
	{"activity", func(s *esop.Step, rl esop.RowLimits) { s.Activity = prose(rl.Activity, 1) }},
	{"output", func(s *esop.Step, rl esop.RowLimits) { s.Output = prose(rl.Output, 2) }},
	{"note", func(s *esop.Step, rl esop.RowLimits) { s.Note = lines(rl.Note, esop.MaxNoteLines) }},
	{"time", func(s *esop.Step, rl esop.RowLimits) { s.Time = &esop.Duration{Text: prose(rl.Time, 4)} }},
	{"one requirement", func(s *esop.Step, rl esop.RowLimits) { s.Requirements = []string{prose(rl.Requirement, 5)} }},
	{"every requirement", func(s *esop.Step, rl esop.RowLimits) {
		s.Requirements = nil
		for i := range esop.MaxRequirements {
			s.Requirements = append(s.Requirements, prose(rl.Requirements/esop.MaxRequirements, i))
		}
	}},
	{"row shared evenly", share(1, 1, 1, 1, 1)},
	{"row mostly activity", share(14, 1.5, 1, 1.5, 2)},
	{"row mostly note", share(6, 2, 1, 2, 9)},
	{"row mostly requirements", share(6, 9, 1, 2, 2)},
	{"row mostly output", share(6, 2, 1, 9, 2)},
}

// lines returns n characters of text, line breaks included, in the
// given number of lines.
func lines(n, count int) string {
	text := n - (count - 1)
	var parts []string
	for i := range count {
		size := text / count
		if i == count-1 {
			size = text - (count-1)*(text/count)
		}
		parts = append(parts, prose(size, i))
	}
	return strings.Join(parts, "\n")
}

// share fills the row to its limit in the proportions given for the
// activity, the requirements, the time, the output and the note, each
// cell kept within its own limit.
func share(w ...float64) func(s *esop.Step, rl esop.RowLimits) {
	return func(s *esop.Step, rl esop.RowLimits) {
		total := 0.0
		for _, x := range w {
			total += x
		}
		budget := rl.Row - len("1 hari")
		part := func(i, limit int) int { return max(1, min(limit, int(float64(budget)*w[i]/total))) }
		s.Activity = prose(part(0, rl.Activity), 1)
		req := part(1, rl.Requirements)
		s.Requirements = nil
		for i := 0; req > 0; i++ {
			n := min(req, rl.Requirement, max(1, rl.Requirements/5))
			s.Requirements = append(s.Requirements, prose(n, i))
			req -= n
		}
		s.Output = prose(part(3, rl.Output), 2)
		s.Note = prose(part(4, rl.Note), 3)
		used := rowLength(s)
		// Give what rounding left to the activity, then the output.
		if left := rl.Row - used; left > 0 {
			grow := min(left, rl.Activity-len([]rune(s.Activity)))
			s.Activity = prose(len([]rune(s.Activity))+grow, 1)
			left -= grow
			s.Output = prose(len([]rune(s.Output))+min(left, rl.Output-len([]rune(s.Output))), 2)
		}
	}
}

// rowLength is the validator's measure of a row: its five printed cells.
func rowLength(s *esop.Step) int {
	n := len([]rune(s.Activity)) + len([]rune(s.Output)) + len([]rune(s.Note)) + len([]rune(s.Time.Indonesian()))
	for _, r := range s.Requirements {
		n += len([]rune(r))
	}
	return n
}

// renderAll lays d out on paper and renders every page as SVG, the whole
// document as PDF, and its first and last pages as PNG; it checks that
// the identity section stays inside its pages.
func renderAll(t *testing.T, r *render.Renderer, name string, d *esop.Document, paper string) {
	t.Helper()
	p, err := r.Layout(d, &render.Options{Paper: paper, DPI: 30})
	if err != nil {
		t.Errorf("%s on %s: layout: %v", name, paper, err)
		return
	}
	var b bytes.Buffer
	if err := p.SVG(&b, 0); err != nil || b.Len() == 0 {
		t.Errorf("%s on %s: SVG: %v", name, paper, err)
	}
	b.Reset()
	if err := r.PDF(&b, p); err != nil || !bytes.HasPrefix(b.Bytes(), []byte("%PDF")) {
		t.Errorf("%s on %s: PDF: %v", name, paper, err)
	}
	for _, n := range []int{1, p.Count()} {
		b.Reset()
		if err := r.PNG(&b, p, n); err != nil || b.Len() == 0 {
			t.Errorf("%s on %s: PNG of page %d: %v", name, paper, n, err)
		}
	}
	bottom := p.Identity.Paper.H - p.Identity.Margin + 0.01
	for i, pg := range p.Identity.Pages {
		for _, c := range pg.Cells {
			if c.Y+c.H > bottom {
				t.Errorf("%s on %s: identity page %d: a cell ends at %.1f mm, below the page's %.1f mm: %.60q", name, paper, i+1, c.Y+c.H, bottom, c.Lines)
				break
			}
		}
	}
}

// accept fails the test when the validator does not accept d: the
// generated document must be at the limits, not beyond them.
func accept(t *testing.T, name string, d *esop.Document) bool {
	t.Helper()
	if ps := esop.Validate(d, esop.ValidateOptions{}); ps.HasErrors() {
		t.Errorf("%s: the document at the limits is refused: %v", name, ps.Errors())
		return false
	}
	return true
}

// TestDocumentsAtTheLimitsRender renders the rows at their limits with
// every number of pelaksana where a limit changes (the tiers of
// esop.RowLimitsFor, and of the arrows between rows), on A4 and F4.
func TestDocumentsAtTheLimitsRender(t *testing.T) {
	r := newRenderer(t)
	for _, actors := range []int{1, 2, 3, 4, 5, 6, 8, 9, esop.MaxActors} {
		for _, f := range fills {
			for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
				name := fmt.Sprintf("%d actors, %s at its limit", actors, f.name)
				d := limitDocument(actors, paper, f.fill)
				if accept(t, name, d) {
					renderAll(t, r, name, d, paper)
				}
			}
		}
	}
}

// TestIdentityAtTheLimitsRenders fills every field of the identity
// section to its limit: the header on the first page, the lists running
// on over further pages.
func TestIdentityAtTheLimitsRenders(t *testing.T) {
	r := newRenderer(t)
	d := limitDocument(esop.MaxActors, esop.PaperA4, func(*esop.Step, esop.RowLimits) {})
	d.Government, d.Agency, d.Unit = prose(esop.MaxNameLen, 1), prose(esop.MaxNameLen, 2), prose(esop.MaxNameLen, 3)
	d.Approval.Position, d.Approval.Name, d.Approval.Rank = prose(esop.MaxNameLen, 4), prose(esop.MaxSignerLen, 5), prose(esop.MaxSignerLen, 6)
	d.Approval.Capacity = esop.CapacityAn
	d.Warning = lines(esop.MaxWarningLen, 20)
	d.LegalBasis = nil
	for i := range esop.MaxListItems {
		d.LegalBasis = append(d.LegalBasis, esop.LegalRef{Text: prose(esop.MaxListItemLen, i)})
		d.Qualifications = append(d.Qualifications, prose(esop.MaxListItemLen, i+1))
		d.Related = append(d.Related, prose(esop.MaxListItemLen, i+2))
		d.Equipment = append(d.Equipment, prose(esop.MaxListItemLen, i+3))
		d.Records = append(d.Records, prose(esop.MaxListItemLen, i+4))
	}
	d.LegalBasis[0] = esop.LegalRef{Kind: "Permenaker", Number: strings.Repeat("8", esop.MaxNumberLen), Year: 2014, Title: prose(esop.MaxListItemLen, 5)}
	if !accept(t, "identity at its limits", d) {
		return
	}
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		renderAll(t, r, "identity at its limits", d, paper)
	}
}

// TestLongestDocumentRenders renders the most steps allowed, with the
// most arrows allowed between rows all along: on one row a page, their
// connectors' letters run to three (AAA).
func TestLongestDocumentRenders(t *testing.T) {
	r := newRenderer(t)
	for _, actors := range []int{1, 2, 3, 4, esop.MaxActors} {
		d := chainOfRejections(actors, esop.MaxSteps)
		name := fmt.Sprintf("%d steps, %d actors", esop.MaxSteps, actors)
		if !accept(t, name, d) {
			continue
		}
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			// Every row on its own page: the most page breaks, the most connectors.
			p, err := r.Layout(d, &render.Options{Paper: paper, FirstPageSteps: 1, PageSteps: 1})
			if err != nil {
				t.Errorf("%s on %s, a row a page: %v", name, paper, err)
				continue
			}
			if len(p.Flow.Pages) != esop.MaxSteps {
				t.Errorf("%s: %d pages", name, len(p.Flow.Pages))
			}
			if actors == 1 || actors == esop.MaxActors {
				renderAll(t, r, name, d, paper)
			}
		}
	}
}

// chainOfRejections returns n steps in which, all along, the most arrows
// allowed pass between two rows: each decision sends its "no" as far
// down as the limit lets it.
func chainOfRejections(actors, n int) *esop.Document {
	d := limitDocument(actors, esop.PaperA4, func(*esop.Step, esop.RowLimits) {})
	d.Steps = nil
	span := esop.RowLimitsFor(actors).Crossing
	id := func(i int) string { return fmt.Sprintf("s%03d", i) }
	for i := range n {
		s := esop.Step{ID: id(i), Activity: prose(40, i), Actor: d.Actors[i%actors].ID, Output: "Berkas"}
		if i > 0 && i < n-1 {
			s.Decision = &esop.Decision{Yes: id(i + 1), No: id(min(i+span-1, n-1))}
		}
		d.Steps = append(d.Steps, s)
	}
	return d
}

// TestDocumentsBeyondTheLimitsAreRefused goes one step past each limit
// and expects the validator's error at the path.
func TestDocumentsBeyondTheLimitsAreRefused(t *testing.T) {
	base := func(actors int) *esop.Document {
		return limitDocument(actors, esop.PaperA4, func(*esop.Step, esop.RowLimits) {})
	}
	over := func(limit int) string { return prose(limit+1, 0) }
	// The index of the big row of a document of one actor, and of twelve.
	big, bigMany := esop.RowLimitsFor(1).Crossing, esop.RowLimitsFor(esop.MaxActors).Crossing
	for _, tc := range []struct {
		name, path, code string
		actors           int
		change           func(d *esop.Document, rl esop.RowLimits)
	}{
		{"title", "title", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.Title = over(esop.MaxTitleLen) }},
		{"number", "number", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.Number = over(esop.MaxNumberLen) }},
		{"agency", "agency", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.Agency = over(esop.MaxNameLen) }},
		{"signer", "approval.name", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.Approval.Name = over(esop.MaxSignerLen) }},
		{"warning", "warning", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.Warning = over(esop.MaxWarningLen) }},
		{"legal reference", "legalBasis[0].title", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.LegalBasis[0].Title = over(esop.MaxListItemLen) }},
		{"list item", "records[0]", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.Records = []string{over(esop.MaxListItemLen)} }},
		{"list items", "equipment", "too_many", 1, func(d *esop.Document, _ esop.RowLimits) {
			d.Equipment = strings.Fields(strings.Repeat("Komputer ", esop.MaxListItems+1))
		}},
		{"actor name", "actors[0].name", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.Actors[0].Name = over(esop.MaxActorNameLen) }},
		{"actors", "actors", "too_many", esop.MaxActors, func(d *esop.Document, _ esop.RowLimits) {
			d.Actors = append(d.Actors, esop.Actor{ID: "extra", Name: "Petugas"})
		}},
		{"steps", "steps", "too_many", 1, func(d *esop.Document, _ esop.RowLimits) { d.Steps = chainOfRejections(1, esop.MaxSteps+1).Steps }},
		{"step id", "steps[1].id", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.Steps[1].ID = strings.Repeat("x", esop.MaxIDLen+1) }},
		{"label", "steps[1].decision.noLabel", "too_long", 1, func(d *esop.Document, _ esop.RowLimits) { d.Steps[1].Decision.NoLabel = over(esop.MaxLabelLen) }},
		{"activity", fmt.Sprintf("steps[%d].activity", big), "too_long", 1, func(d *esop.Document, rl esop.RowLimits) { d.Steps[big].Activity = over(rl.Activity) }},
		{"output with 12 actors", fmt.Sprintf("steps[%d].output", bigMany), "too_long", esop.MaxActors, func(d *esop.Document, rl esop.RowLimits) {
			d.Steps[bigMany].Output = over(rl.Output)
		}},
		{"note", fmt.Sprintf("steps[%d].note", big), "too_long", 1, func(d *esop.Document, rl esop.RowLimits) { d.Steps[big].Note = over(rl.Note) }},
		{"note lines", fmt.Sprintf("steps[%d].note", big), "too_long", 1, func(d *esop.Document, _ esop.RowLimits) {
			d.Steps[big].Note = strings.Repeat("a\n", esop.MaxNoteLines) + "a"
		}},
		{"time text", fmt.Sprintf("steps[%d].time.text", big), "too_long", 1, func(d *esop.Document, rl esop.RowLimits) { d.Steps[big].Time = &esop.Duration{Text: over(rl.Time)} }},
		{"time value", fmt.Sprintf("steps[%d].time.value", big), "range", 1, func(d *esop.Document, _ esop.RowLimits) {
			d.Steps[big].Time = &esop.Duration{Value: esop.MaxTimeValue + 0.5, Unit: esop.UnitHour}
		}},
		{"requirement", fmt.Sprintf("steps[%d].requirements[0]", big), "too_long", 1, func(d *esop.Document, rl esop.RowLimits) { d.Steps[big].Requirements = []string{over(rl.Requirement)} }},
		{"requirements", fmt.Sprintf("steps[%d].requirements", big), "too_many", 1, func(d *esop.Document, _ esop.RowLimits) {
			d.Steps[big].Requirements = strings.Fields(strings.Repeat("KTP ", esop.MaxRequirements+1))
		}},
		{"requirements together", fmt.Sprintf("steps[%d].requirements", big), "too_long", 1, func(d *esop.Document, rl esop.RowLimits) {
			d.Steps[big].Requirements = nil
			for left := rl.Requirements + 1; left > 0; left -= rl.Requirement {
				d.Steps[big].Requirements = append(d.Steps[big].Requirements, prose(min(left, rl.Requirement), 0))
			}
		}},
		{"row", fmt.Sprintf("steps[%d]", big), "row_too_long", 1, func(d *esop.Document, rl esop.RowLimits) {
			share(1, 1, 1, 1, 1)(&d.Steps[big], rl)
			d.Steps[big].Activity += "x"
		}},
		{"arrows between rows", fmt.Sprintf("steps[%d]", big+1), "too_many_arrows", 1, func(d *esop.Document, _ esop.RowLimits) {
			d.Steps[big].Decision = &esop.Decision{Yes: d.Steps[big+1].ID, No: d.Steps[len(d.Steps)-1].ID}
		}},
		{"date", "dates.revised", "date_range", 1, func(d *esop.Document, _ esop.RowLimits) { d.Dates.Revised = esop.MustDate("2101-01-01") }},
	} {
		d := base(tc.actors)
		if !accept(t, tc.name+" at its limit", d) {
			continue
		}
		tc.change(d, esop.RowLimitsFor(len(d.Actors)))
		var found bool
		for _, p := range esop.Validate(d, esop.ValidateOptions{}).Errors() {
			if p.Path == tc.path && p.Code == tc.code {
				found = true
				if !strings.Contains(p.Message.ID, "paling banyak") && !strings.Contains(p.Message.ID, "di luar") {
					t.Errorf("%s: the message does not name the limit: %s", tc.name, p.Message.ID)
				}
			}
		}
		if !found {
			t.Errorf("%s beyond its limit: no %s error at %s: %v", tc.name, tc.code, tc.path, esop.Validate(d, esop.ValidateOptions{}).Errors())
		}
	}
}

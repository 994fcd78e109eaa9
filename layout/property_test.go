package layout

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
)

// Words for generated documents: realistic pelaksana and activities.
var (
	genActors = []string{"Pemohon", "Petugas Loket", "Kepala Seksi Penempatan Tenaga Kerja", "Kepala Bidang",
		"Sekretaris", "Kepala Dinas Ketenagakerjaan dan Transmigrasi", "Pengantar Kerja", "Bendahara Pengeluaran",
		"Pejabat Pembuat Komitmen", "Tim Verifikasi Lapangan", "Subbagian Umum dan Kepegawaian", "Mediator Hubungan Industrial"}
	genVerbs   = []string{"Menerima", "Memeriksa", "Memverifikasi", "Menyusun", "Menandatangani", "Mengirimkan", "Mengarsipkan", "Mencetak", "Menelaah", "Melaporkan"}
	genObjects = []string{"berkas permohonan", "surat disposisi", "dokumen persyaratan yang telah dilengkapi oleh pemohon",
		"konsep keputusan", "laporan hasil verifikasi lapangan beserta berita acara", "kartu AK/I", "nota dinas", "surat perintah membayar"}
	genLabels = [][2]string{{"", ""}, {"Lengkap", "Tidak lengkap"}, {"Sesuai", "Tidak sesuai"}, {"Setuju", "Tolak"},
		{"Disetujui", "Perlu perbaikan"}, {"Ya", "Tidak"}}
)

// genDocument returns a random document; it may be invalid.
func genDocument(r *rand.Rand, id int) *esop.Document {
	d := &esop.Document{Format: esop.FormatV1, Title: fmt.Sprintf("SOP uji %d", id), Agency: "Dinas Uji", Unit: "Bidang Uji"}
	na := 1 + r.IntN(9)
	for i := range na {
		d.Actors = append(d.Actors, esop.Actor{ID: fmt.Sprintf("a%d", i), Name: genActors[r.IntN(len(genActors))]})
	}
	ns := 1 + r.IntN(40)
	actor := r.IntN(na)
	for i := range ns {
		if r.IntN(3) == 0 {
			actor = r.IntN(na)
		}
		s := esop.Step{ID: fmt.Sprintf("s%d", i+1), Actor: d.Actors[actor].ID,
			Activity: genVerbs[r.IntN(len(genVerbs))] + " " + genObjects[r.IntN(len(genObjects))]}
		switch r.IntN(5) {
		case 0:
		case 1:
			s.Time = &esop.Duration{Text: "sesuai jadwal"}
		default:
			s.Time = &esop.Duration{Value: float64(1 + r.IntN(30)), Unit: esop.TimeUnits[r.IntN(3)]}
		}
		for range r.IntN(4) {
			s.Requirements = append(s.Requirements, genObjects[r.IntN(len(genObjects))])
		}
		if r.IntN(2) == 0 {
			s.Output = genObjects[r.IntN(len(genObjects))]
		}
		if r.IntN(6) == 0 {
			s.Note = "Apabila " + genObjects[r.IntN(len(genObjects))] + " belum lengkap, dikembalikan kepada pemohon"
		}
		d.Steps = append(d.Steps, s)
	}
	for i := 1; i < ns; i++ {
		s := &d.Steps[i]
		switch k := r.IntN(20); {
		case k < 4:
			l := genLabels[r.IntN(len(genLabels))]
			s.Decision = &esop.Decision{Yes: d.Steps[genTarget(r, i, ns)].ID, No: d.Steps[genTarget(r, i, ns)].ID, YesLabel: l[0], NoLabel: l[1]}
		case k < 6:
			s.Next = d.Steps[genTarget(r, i, ns)].ID
		case k < 8 && i+2 < ns:
			// A rejection: the decision's no ends the flow, its yes skips the end.
			l := genLabels[r.IntN(len(genLabels))]
			s.Decision = &esop.Decision{Yes: d.Steps[i+2].ID, No: d.Steps[i+1].ID, YesLabel: l[0], NoLabel: l[1]}
			d.Steps[i+1].End = true
			i++
		}
	}
	if r.IntN(3) == 0 {
		d.Layout = &esop.LayoutHint{FirstPageSteps: 1 + r.IntN(8), PageSteps: 1 + r.IntN(8)}
		if r.IntN(2) == 0 {
			d.Layout.Paper = esop.PaperF4
		}
	}
	return d
}

// genTarget picks a successor of step i: mostly the next row, else a loop
// back or a jump forward of a few rows.
func genTarget(r *rand.Rand, i, n int) int {
	switch k := r.IntN(8); {
	case k < 4 && i+1 < n:
		return i + 1
	case k < 7:
		return max(0, i-1-r.IntN(8))
	default:
		return min(n-1, i+2+r.IntN(10))
	}
}

// generatedDocuments returns count valid random documents from a fixed seed.
func generatedDocuments(t testing.TB, seed uint64, count int) []*esop.Document {
	r := rand.New(rand.NewPCG(seed, 7))
	var out []*esop.Document
	for id := 0; len(out) < count && id < count*50; id++ {
		d := genDocument(r, id)
		if !esop.Validate(d, esop.ValidateOptions{}).HasErrors() {
			out = append(out, d)
		}
	}
	if len(out) < count {
		t.Fatalf("only %d valid documents generated", len(out))
	}
	return out
}

// corpus returns the documents every property is checked on: the
// fixtures (the sample book, the edge cases under testdata, the office
// documents) and generated documents.
func corpus(t testing.TB) (names []string, docs []*esop.Document) {
	names, docs = fixtures(t, true)
	for i, d := range generatedDocuments(t, 1, 300) {
		names = append(names, fmt.Sprintf("generated #%d (%d actors, %d steps)", i, len(d.Actors), len(d.Steps)))
		docs = append(docs, d)
	}
	return names, docs
}

// fixtures returns the sample book, with edge the edge cases under
// testdata, and the six office documents, each with its name.
func fixtures(t testing.TB, edge bool) (names []string, docs []*esop.Document) {
	samples, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range samples {
		names = append(names, "sample "+d.Title)
		docs = append(docs, d)
	}
	if edge {
		for _, f := range edgeFiles(t) {
			names = append(names, filepath.Base(f))
			docs = append(docs, readDocument(t, f))
		}
	}
	for _, f := range officeFiles {
		names = append(names, f)
		docs = append(docs, readDocument(t, filepath.Join("testdata", f)))
	}
	return names, docs
}

func edgeFiles(t testing.TB) []string {
	files, err := filepath.Glob("testdata/edge-*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no edge-case documents: %v", err)
	}
	slices.Sort(files)
	return files
}

func readDocument(t testing.TB, path string) *esop.Document {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, ps := esop.DecodeDocument(b)
	if ps.HasErrors() {
		t.Fatalf("%s: %v", path, ps.Errors())
	}
	return d
}

// targets returns the rows per page a document asks for.
func targets(d *esop.Document, opt *Options) (int, int) {
	if opt == nil {
		opt = &Options{}
	}
	return rowsPerPage(opt, d)
}

// TestProperties lays out every document of the corpus and checks every
// invariant of the result, and that a second layout is identical.
func TestProperties(t *testing.T) {
	names, docs := corpus(t)
	m := ApproxMeasure()
	for i, d := range docs {
		orig, _ := json.Marshal(d)
		dg, err := Layout(d, nil)
		if err != nil {
			t.Errorf("%s: %v", names[i], err)
			continue
		}
		first, later := targets(d, nil)
		checkDiagram(t, names[i], d, dg, m, first, later)
		again, err := Layout(d, nil)
		if err != nil || !reflect.DeepEqual(dg, again) {
			t.Errorf("%s: a second layout differs", names[i])
		}
		if now, _ := json.Marshal(d); string(now) != string(orig) {
			t.Errorf("%s: Layout changed the document", names[i])
		}
	}
}

// TestPropertiesOtherOptions checks the invariants with options that
// override the document: the other paper, tight rows per page, and a
// measurer with wider glyphs than the default.
func TestPropertiesOtherOptions(t *testing.T) {
	names, docs := corpus(t)
	wide := wideMeasurer{}
	for i, d := range docs {
		opt := &Options{Paper: esop.PaperF4, FirstPageSteps: 1 + i%4, PageSteps: 2 + i%7, Measure: wide}
		if i%2 == 0 {
			opt.Paper = esop.PaperA4
		}
		dg, err := Layout(d, opt)
		if tooTallReported(err) {
			// Glyphs 30% wider than the font's make a row of the longest
			// texts taller than an A4 page: then the layout must say which.
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", names[i], err)
			continue
		}
		first, later := targets(d, opt)
		checkDiagram(t, names[i]+" with options", d, dg, wide, first, later)
	}
}

// tooTallReported reports whether err is the error of a row too tall for
// a page: invalid, at the path of its step.
func tooTallReported(err error) bool {
	var e *esop.Error
	return errors.As(err, &e) && e.Code == esop.EINVALID && len(e.Problems) == 1 &&
		strings.HasPrefix(e.Problems[0].Path, "steps[") && e.Problems[0].Code == "row_too_tall"
}

// wideMeasurer measures every glyph 30% wider than Liberation Sans, as a
// bolder font would, to show that the layout uses only the measurer given.
type wideMeasurer struct{}

func (wideMeasurer) Width(s string, size float64, bold bool) float64 {
	return 1.3 * ApproxMeasure().Width(s, size, bold)
}

func TestGeneratedDocumentsVary(t *testing.T) {
	docs := generatedDocuments(t, 1, 300)
	var decisions, loops, ends, hints, nine int
	for _, d := range docs {
		if len(d.Actors) == 9 {
			nine++
		}
		if d.Layout != nil {
			hints++
		}
		for i, s := range d.Steps {
			if s.Decision != nil {
				decisions++
			}
			if s.End {
				ends++
			}
			for _, j := range d.Successors(i) {
				if j <= i {
					loops++
				}
			}
		}
	}
	if decisions < 300 || loops < 100 || ends < 50 || hints < 50 || nine < 10 {
		t.Errorf("generated documents are too tame: %d decisions, %d loops, %d ends, %d with hints, %d with nine actors",
			decisions, loops, ends, hints, nine)
	}
	if testing.Verbose() {
		t.Logf("%d decisions, %d loops, %d ends, %d with hints, %d with nine actors", decisions, loops, ends, hints, nine)
	}
}

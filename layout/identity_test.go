package layout

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
)

// identityDoc returns a valid approved document of the Dinas.
func identityDoc(position, capacity string) *esop.Document {
	d := simpleDocument(3, 2)
	d.Government = "Pemerintah Kota Malang"
	d.Number = "800/012/35.73.405/2024"
	d.Dates = esop.Dates{Created: esop.MustDate("2024-01-08"), Effective: esop.MustDate("2024-01-15")}
	d.Approval = &esop.Approval{Position: position, Name: "Drs. Nama Pejabat, M.Si.", Rank: "Pembina Utama Muda (IV/c)",
		NIP: "196805121993031007", Capacity: capacity}
	return d
}

// identityText returns the lines of every cell of the identity's pages.
func identityText(id *Identity) string {
	var b strings.Builder
	for _, p := range id.Pages {
		for _, c := range p.Cells {
			b.WriteString(strings.Join(c.Lines, " ") + "\n")
		}
	}
	return b.String()
}

// TestSignerCapacityOnce: the capacity is printed once, whatever the case,
// dots or spacing of a prefix the position already carries; a.n. names
// the whole position of the head, with its region.
func TestSignerCapacityOnce(t *testing.T) {
	const head = "KEPALA DINAS KETENAGAKERJAAN DAN TRANSMIGRASI KOTA MALANG"
	for _, tt := range []struct {
		position, capacity string
		want               []string
	}{
		{"Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "plt", []string{"Plt. " + head}},
		{"Plt. Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "plt", []string{"Plt. " + head}},
		{"PLT. KEPALA DINAS KETENAGAKERJAAN DAN TRANSMIGRASI KOTA MALANG", "plt", []string{"Plt. " + head}},
		{"plt.Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "plt", []string{"Plt. " + head}},
		{"P.l.t  Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "plt", []string{"Plt. " + head}},
		{"Plt. PLT. Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "", []string{"Plt. " + head}},
		{"Plh. Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "plh", []string{"Plh. " + head}},
		{"PLH Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "definitif", []string{"Plh. " + head}},
		{"Sekretaris", "an", []string{"a.n. " + head, "SEKRETARIS"}},
		{"a.n. Sekretaris", "an", []string{"a.n. " + head, "SEKRETARIS"}},
		{"A.N. Sekretaris", "an", []string{"a.n. " + head, "SEKRETARIS"}},
		{"a.n. Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "an", []string{"a.n. " + head}},
		{"atas nama Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "an", []string{"a.n. " + head}},
		{"Analis Kebijakan Ahli Madya", "", []string{"ANALIS KEBIJAKAN AHLI MADYA"}},
		{"Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "", []string{head}},
	} {
		d := identityDoc(tt.position, tt.capacity)
		got := SignerPosition(d.Approval, HeadOfAgency(d.Agency, d.Government))
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q (%s): %q, want %q", tt.position, tt.capacity, got, tt.want)
		}
		// And printed so on the identity page: the capacity once.
		text := strings.ToLower(identityText(LayoutIdentity(d, nil)))
		for _, mark := range []string{"plt", "plh", "a.n."} {
			want := 0
			if strings.Contains(strings.ToLower(tt.want[0]), mark) {
				want = 1
			}
			if n := len(regexp.MustCompile(`(^|[^a-z])`+regexp.QuoteMeta(mark)).FindAllString(text, -1)); n != want {
				t.Errorf("%q (%s): %q printed %d times on the identity page", tt.position, tt.capacity, mark, n)
			}
		}
	}
}

// TestIdentityEmptyFields: an empty field prints "-", the Tanggal Revisi too.
func TestIdentityEmptyFields(t *testing.T) {
	d := simpleDocument(3, 2) // a draft without number or dates
	id := LayoutIdentity(d, nil)
	values := map[string]string{}
	p := id.Pages[0]
	for i, c := range p.Cells {
		for _, label := range identityLabels {
			if len(c.Lines) == 1 && c.Lines[0] == label && c.Bold {
				// The value cell stands right of its label, at the same height.
				for _, v := range p.Cells[:i] {
					if v.Y == c.Y && v.X > c.X {
						values[label] = strings.Join(v.Lines, " ")
					}
				}
			}
		}
	}
	for _, label := range []string{"NOMOR SOP", "TANGGAL PEMBUATAN", "TANGGAL REVISI", "TANGGAL EFEKTIF", "DISAHKAN OLEH"} {
		if values[label] != "-" {
			t.Errorf("%s reads %q, want -", label, values[label])
		}
	}
	if !strings.Contains(identityText(id), "KETERKAITAN:\n-\n") {
		t.Errorf("an empty box does not read -:\n%s", identityText(id))
	}
}

// TestIdentityLongListsContinue: boxes too long for the first page
// continue on the next, split between lines, with their titles again.
func TestIdentityLongListsContinue(t *testing.T) {
	d := identityDoc("Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "")
	for i := range 40 {
		d.LegalBasis = append(d.LegalBasis, esop.LegalRef{Text: fmt.Sprintf("Peraturan Wali Kota Malang Nomor %d Tahun 2020 tentang Uraian Tugas Pokok, Fungsi, dan Tata Kerja Perangkat Daerah", i+1)})
	}
	id := LayoutIdentity(d, nil)
	if len(id.Pages) < 2 {
		t.Fatalf("%d pages for 40 regulations", len(id.Pages))
	}
	checkIdentity(t, "40 regulations", d, id, ApproxMeasure())
	text := identityText(id)
	if !strings.Contains(text, "DASAR HUKUM (lanjutan):") {
		t.Error("the continued box has no title")
	}
	for i := range 40 {
		if !strings.Contains(text, fmt.Sprintf("%d.\n", i+1)) {
			t.Errorf("regulation %d is missing", i+1)
		}
	}
}

// TestIdentityNoWidowPage: sample 20 (Pelatihan Berbasis Kompetensi) on
// A4 ran onto a second identity page for one line, "5. Data penelusuran
// alumni" under PENCATATAN DAN PENDATAAN (lanjutan). Its header's rows
// set as tall as their text keep the section on one page; a section
// that needs a second page for more than a line or two keeps the
// header's usual rows.
func TestIdentityNoWidowPage(t *testing.T) {
	d := readDocument(t, filepath.Join("..", "sampledata", "sops", "20-pelatihan-berbasis-kompetensi.json"))
	id := LayoutIdentity(d, &Options{Paper: esop.PaperA4})
	checkIdentity(t, "sample 20 A4", d, id, ApproxMeasure())
	if len(id.Pages) != 1 {
		t.Errorf("sample 20 on A4: %d identity pages, want 1:\n%s", len(id.Pages), identityText(id))
	}
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		for _, s := range docs {
			id := LayoutIdentity(s, &Options{Paper: paper})
			il := newIdentityLayouter(s, &Options{Paper: paper})
			il.layout()
			if len(id.Pages) > 1 && il.widowed() {
				t.Errorf("%s %s: a last identity page of %d lines", s.Title, paper, il.lastLines)
			}
		}
	}
}

// TestIdentityOnePage: the identity section is one page, as the
// regulation prints it. Sample 05 (Renja) on A4 ran onto a second page
// holding only its row of PERINGATAN and PENCATATAN DAN PENDATAAN; its
// boxes' text at IdentityTightSize kept it on one, 9 pt under a header
// at 10 pt, which a reviewer of session 24 marked: its Dasar Hukum of
// fourteen lines stands beside short lists, and with the boxes' divider
// off the middle (identityTries) it fits at 10 pt. Every sample prints
// its identity on one page on A4 and on F4; a section that fits as
// usual keeps the usual sizes and its divider in the middle; the boxes
// are tightened only where no divider serves (sample 05 with five
// qualifications more, the witness).
func TestIdentityOnePage(t *testing.T) {
	docs, err := sampledata.Documents()
	if err != nil {
		t.Fatal(err)
	}
	look := func(id *Identity, paper string) (tight, offMiddle bool) {
		il := newIdentityLayouter(&esop.Document{}, &Options{Paper: paper})
		middle := il.x0 + round2(il.w/2)
		for _, p := range id.Pages {
			for _, c := range p.Cells {
				tight = tight || c.Size == IdentityTightSize
			}
			for _, r := range p.Rules {
				// The boxes' divider: a vertical rule inside the table that
				// starts below the header's top (the header's rules run from
				// its top; the section is one page).
				if r.A.X == r.B.X && r.A.X > il.x0+1 && r.A.X < il.x0+il.w-1 && min(r.A.Y, r.B.Y) > ruleMargin+1 {
					offMiddle = offMiddle || math.Abs(r.A.X-middle) > 0.01
				}
			}
		}
		return tight, offMiddle
	}
	var renja *esop.Document
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		for _, d := range docs {
			opt := &Options{Paper: paper}
			id := LayoutIdentity(d, opt)
			name := d.Title + " " + paper
			checkIdentity(t, name, d, id, ApproxMeasure())
			if len(id.Pages) != 1 {
				t.Errorf("%s: %d identity pages, want 1", name, len(id.Pages))
			}
			usual := newIdentityLayouter(d, opt)
			usual.layout()
			tight, off := look(id, paper)
			if len(usual.pages) == 1 && (tight || off) {
				t.Errorf("%s: boxes tightened (%v) or their divider off the middle (%v) although the section fits one page as usual", name, tight, off)
			}
			if strings.HasPrefix(d.Title, "Penyusunan Rencana Kerja") && paper == esop.PaperA4 {
				renja = d
				if len(usual.pages) == 1 {
					t.Errorf("%s: the usual layout takes one page; the test no longer shows the divider moved", name)
				}
				if tight || !off {
					t.Errorf("%s: boxes tightened (%v), divider off the middle (%v); want the divider moved and the usual size", name, tight, off)
				}
			}
		}
	}
	if renja == nil {
		t.Fatal("no sample 05")
	}
	more := *renja
	more.Qualifications = slices.Clone(renja.Qualifications)
	for range 5 {
		more.Qualifications = append(more.Qualifications, "Memahami ketentuan peraturan perundang-undangan tentang perencanaan pembangunan daerah dan penganggaran")
	}
	id := LayoutIdentity(&more, &Options{Paper: esop.PaperA4})
	if tight, _ := look(id, esop.PaperA4); len(id.Pages) != 1 || !tight {
		t.Errorf("sample 05 with five qualifications more: %d pages, tightened %v; want one page, tightened", len(id.Pages), tight)
	}
}

// TestIdentityTitleKeepsMixedCapitals: the SOP's name stands in capitals
// on the identity page, but a word written in mixed capitals keeps them
// ("(LKjIP)" of sample 06 read "(LKJIP)", a misspelt name to a
// reviewer), as in the book's decree; runs of letters are the words
// ("Pekerja/Serikat" is two, "e-KTP" too).
func TestIdentityTitleKeepsMixedCapitals(t *testing.T) {
	d := simpleDocument(3, 2)
	d.Title = "Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP) untuk e-KTP dan Serikat Pekerja/Serikat Buruh"
	text := identityText(LayoutIdentity(d, nil))
	want := "PENYUSUNAN LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) UNTUK E-KTP DAN SERIKAT PEKERJA/SERIKAT BURUH"
	if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
		t.Errorf("the name does not read %q:\n%s", want, text)
	}
	for in, want := range map[string]string{
		"Pelayanan  Kartu\tKuning": "PELAYANAN  KARTU\tKUNING",
		"LKjIP":                    "LKjIP",
		"Dinas Ketenagakerjaan":    "DINAS KETENAGAKERJAAN",
		"McD Malang":               "McD MALANG",
		"(LKjIP)/ABK":              "(LKjIP)/ABK",
		"élan Ünal":                "ÉLAN ÜNAL",
		"":                         "",
	} {
		if got := upper(in); got != want {
			t.Errorf("upper(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestIdentityNumbersKeptWithTheirWord: "Nomor", "No." and "Tahun" stand
// on the line of the word after them in the boxes (Dasar Hukum: "…
// Menteri Nomor / 35 Tahun 2012" read as a number cut from its word, the
// reviewer of session 22), at every width the box may have, and the
// citation is printed whole.
func TestIdentityNumbersKeptWithTheirWord(t *testing.T) {
	m := ApproxMeasure()
	cite := "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"
	cut := 0
	for w := 60.0; w <= 140; w += 0.25 { // the boxes are half the table, 120–150 mm wide
		plain := wrapNoWidow(m, cite, IdentityBodySize, false, w)
		lines := wrapBound(m, cite, IdentityBodySize, w)
		for _, l := range plain[:len(plain)-1] {
			if strings.HasSuffix(l, "Nomor") || strings.HasSuffix(l, "Tahun") {
				cut++
			}
		}
		if got := strings.Join(lines, " "); got != cite {
			t.Fatalf("at %.2f mm the citation reads %q", w, got)
		}
		for i, l := range lines {
			if i < len(lines)-1 && (strings.HasSuffix(l, "Nomor") || strings.HasSuffix(l, "Tahun") || strings.HasSuffix(l, "No.")) {
				t.Errorf("at %.2f mm line %d ends with its number's word: %q", w, i+1, l)
			}
			if strings.Contains(l, "\u00a0") {
				t.Errorf("at %.2f mm line %d keeps the no-break space: %q", w, i+1, l)
			}
			if m.Width(l, IdentityBodySize, false) > w+1e-9 {
				t.Errorf("at %.2f mm line %d is wider than the box: %q", w, i+1, l)
			}
		}
	}
	if cut == 0 {
		t.Fatal("no width cuts the plain wrap after Nomor or Tahun: the test shows nothing")
	}
	// A pair wider than half the box stays breakable: bound, it would
	// take a line of its own or be hyphenated.
	long := "Keputusan Menteri Nomor KEP.16/MEN/2001/LAMPIRAN/PERUBAHAN tentang Tata Cara"
	if got, want := wrapBound(m, long, IdentityBodySize, 40), wrapNoWidow(m, long, IdentityBodySize, false, 40); !slices.Equal(got, want) {
		t.Errorf("a long number bound: %q, not %q", got, want)
	}
}

// TestIdentitySingleItemNumbered: a list box of one item numbers it "1.",
// as official-layout.md's sketch numbers a Keterkaitan of one SOP (three
// reviewers of session 24 marked the number missing); Peringatan, a
// paragraph, stays unnumbered.
func TestIdentitySingleItemNumbered(t *testing.T) {
	d := identityDoc("Kepala Dinas Ketenagakerjaan dan Transmigrasi Kota Malang", "")
	d.Related = []string{"SOP Pelayanan Informasi Lowongan Kerja"}
	d.Qualifications = []string{"Memahami ketentuan ketenagakerjaan"}
	d.Warning = "Apabila SOP ini tidak dilaksanakan, pelayanan terlambat"
	text := identityText(LayoutIdentity(d, nil))
	for _, item := range []string{d.Related[0], d.Qualifications[0]} {
		if !strings.Contains(text, "1.\n"+item+"\n") {
			t.Errorf("%q is not numbered 1.:\n%s", item, text)
		}
	}
	if strings.Contains(text, "1.\n"+d.Warning) {
		t.Errorf("the warning is numbered:\n%s", text)
	}
}

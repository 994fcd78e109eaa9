package layout

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/esop-malang/esop"
)

func TestPrintText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Memeriksa berkas permohonan", "Memeriksa berkas permohonan"},
		{"Berkas “lengkap” – ½ hari, 2 m², ≥ 3 lembar, Ω", "Berkas “lengkap” – ½ hari, 2 m², ≥ 3 lembar, Ω"},
		{"✓ KTP", "√ KTP"},
		{"☐ Belum ☑ Sudah ☒ Ditolak", "□ Belum √ Sudah × Ditolak"},
		{"\uF0B7 Surat permohonan", "• Surat permohonan"},      // Word's Symbol bullet
		{"\uF0D8 Fotokopi KTP \uF0FC", "► Fotokopi KTP √"},     // Wingdings arrow and tick
		{"➢ Berkas ⇒ Kepala Dinas", "► Berkas → Kepala Dinas"}, // arrows
		{"① Surat ② KTP ❸ NPWP", "(1) Surat (2) KTP (3) NPWP"}, // circled numerals
		{"Bab Ⅳ dan ⅻ", "Bab IV dan xii"},                      // Roman numerals
		{"Pem\u00ADberitahuan", "Pemberitahuan"},               // soft hyphen
		{"\uFEFFSurat\u200B masuk\u200D", "Surat masuk"},       // byte order mark, zero-width
		{"Kolom\tsatu\r\nbaris dua", "Kolom satu \nbaris dua"}, // tab, carriage return
		{"Kata\u00A0tetap", "Kata\u00A0tetap"},                 // the no-break space stays
		{"a\x00b\x07c\x7Fd\u0085e", "abcde"},                   // control characters
		{"✅ selesai ❤\uFE0F", "√ selesai ❤"},                   // emoji form selector dropped
		{"Cafe\u0301 He\u0301le\u0300ne ✓", "Café Hélène √"},   // accents typed apart (NFD) composed
		{"Caf\u00e9 \u0301x", "Café \u0301x"},                  // a lone accent stays
		{"Bab \u2160\u0301", "Bab Í"},                          // a substitute composed with the accent after it
		{"日本", "日本"},                                           // no substitute: left for PrintProblems
	} {
		if got := PrintText(c.in); got != c.want {
			t.Errorf("PrintText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPrintTextPlainWithoutAllocating: the text of almost every document
// needs no change, and the layout asks for all of it.
func TestPrintTextPlainWithoutAllocating(t *testing.T) {
	s := "Memeriksa kelengkapan berkas “permohonan” – ½ hari"
	if n := testing.AllocsPerRun(100, func() { _ = PrintText(s) }); n != 0 {
		t.Errorf("%v allocations for text that needs no change", n)
	}
	d := simpleDocument(8, 3)
	if printableDoc(d, true) != d || printableDoc(d, false) != d {
		t.Error("printableDoc copied a document that needs no change")
	}
}

// TestEachPrintedVisitsEveryText fills every text field of a document,
// with one element in every list, with a check mark, and requires each
// either set by printableDoc or among the fields no print sets as
// written: a field added to esop.Document must be put on one side.
func TestEachPrintedVisitsEveryText(t *testing.T) {
	notPrinted := []string{
		"format", "type", "category", "approval.capacity", "actors[0].id", "steps[0].id", "steps[0].actor",
		"steps[0].time.unit", "steps[0].effort.unit", "steps[0].next", "steps[0].decision.yes", "steps[0].decision.no",
		"layout.paper",
	}
	d := filledDocument()
	p := printableDoc(printableDoc(d, true), false)
	if p == d {
		t.Fatal("printableDoc changed nothing")
	}
	var kept []string
	walkStrings(reflect.ValueOf(p).Elem(), "", func(path, s string) {
		if s == "" {
			return // a legal reference's parts beside its text, or its text beside its parts
		}
		if strings.Contains(s, "✓") {
			kept = append(kept, path)
		} else if s != "√"+path {
			t.Errorf("%s set as %q", path, s)
		}
	})
	slices.Sort(kept)
	slices.Sort(notPrinted)
	if !slices.Equal(kept, notPrinted) {
		t.Errorf("fields left as written: %v\nwant (the fields no print sets as written): %v", kept, notPrinted)
	}
	walkStrings(reflect.ValueOf(d).Elem(), "", func(path, s string) {
		if s != "✓"+path && s != "" {
			t.Errorf("printableDoc changed the document's %s", path)
		}
	})
	// The paths eachPrinted reports are the fields' own.
	eachPrinted(d, func(pp printedPath, s *string) {
		if *s != "✓"+pp.String() && *s != "" {
			t.Errorf("eachPrinted names %q as %s", *s, pp)
		}
	})
}

// TestPrintChangesSeesEveryText: flowChanges and identityChanges find a
// character to set otherwise in each field eachFlowText and
// eachIdentityText visit, alone in a document.
func TestPrintChangesSeesEveryText(t *testing.T) {
	filled := filledDocument
	// only returns a filled document with its k-th printed field as
	// filled and every other plain, and that field's path ("" past the
	// last, "-" for an empty one).
	only := func(k int) (*esop.Document, string) {
		d, n, path := filled(), 0, ""
		eachPrinted(d, func(p printedPath, s *string) {
			if n == k {
				path = p.String()
				if *s == "" {
					path = "-" // a legal reference's parts beside its text
				}
			} else if *s != "" {
				*s = "plain"
			}
			n++
		})
		return d, path
	}
	flow := map[string]bool{}
	eachFlowText(filled(), func(p printedPath, _ *string) { flow[p.String()] = true })
	for k := 0; ; k++ {
		d, path := only(k)
		if path == "" {
			if k < 30 || len(flow) < 10 {
				t.Fatalf("eachPrinted visits %d fields, eachFlowText %d", k, len(flow))
			}
			if flowChanges(d) || identityChanges(d) {
				t.Error("a change seen in plain text")
			}
			break
		}
		if path == "-" {
			continue
		}
		if f, i := flowChanges(d), identityChanges(d); f != flow[path] || i == flow[path] {
			t.Errorf("%s: flowChanges %v, identityChanges %v", path, f, i)
		}
	}
}

// filledDocument returns a document with every string field filled
// (fill), one element in every list, and two legal references: the
// first written as text, the second as its parts.
func filledDocument() *esop.Document {
	d := &esop.Document{}
	fill(reflect.ValueOf(d).Elem(), "")
	d.LegalBasis = make([]esop.LegalRef, 2)
	d.LegalBasis[0].Text = "✓legalBasis[0]"
	fill(reflect.ValueOf(&d.LegalBasis[1]).Elem(), "legalBasis[1]")
	d.LegalBasis[1].Text = ""
	return d
}

// fill sets every string reachable from v to "✓" and its path (JSON
// names; one element in every slice, every pointer allocated).
func fill(v reflect.Value, path string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("✓" + path)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), path)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), path+"[0]")
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				fill(v.Field(i), joinPath(path, jsonName(f)))
			}
		}
	}
}

// walkStrings calls fn with every string reachable from v and its path,
// as fill names it.
func walkStrings(v reflect.Value, path string, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		fn(path, v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkStrings(v.Index(i), path+"["+string(rune('0'+i))+"]", fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				walkStrings(v.Field(i), joinPath(path, jsonName(f)), fn)
			}
		}
	}
}

// jsonName returns the name of field f in a document's JSON; "" for
// LegalRef's Text, which is the reference itself in its string form.
func jsonName(f reflect.StructField) string {
	if f.Type == reflect.TypeFor[string]() && f.Name == "Text" && f.Tag.Get("json") == "" {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		name = strings.ToLower(f.Name[:1]) + f.Name[1:]
	}
	return name
}

func joinPath(path, name string) string {
	switch {
	case name == "":
		return path
	case path == "":
		return name
	}
	return path + "." + name
}

// TestLayoutPrintsSubstitutes: a document with characters the font
// lacks is laid out exactly as the same document with what PrintText
// sets in their place, the flowchart and the identity section, and is
// not changed.
func TestLayoutPrintsSubstitutes(t *testing.T) {
	d := simpleDocument(6, 3)
	d.Steps[0].Requirements = []string{"\uF0B7 Surat permohonan", "✓ KTP"}
	d.Steps[2].Activity = "Mem\u00ADeriksa ① berkas\u200B"
	d.Actors[1].Name = "Kepala Seksi ➢ Pelayanan"
	d.Title = "Pelayanan ✓ Terpadu"
	d.Equipment = []string{"☐ Komputer"}
	before, _ := json.Marshal(d)
	want := d.Clone()
	want.Steps[0].Requirements = []string{"• Surat permohonan", "√ KTP"}
	want.Steps[2].Activity = "Memeriksa (1) berkas"
	want.Actors[1].Name = "Kepala Seksi ► Pelayanan"
	want.Title = "Pelayanan √ Terpadu"
	want.Equipment = []string{"□ Komputer"}
	opt := &Options{Related: []string{"SOP ✓ 1"}}
	wantOpt := &Options{Related: []string{"SOP √ 1"}}
	if got, exp := mustLayout(t, d, opt), mustLayout(t, want, wantOpt); !reflect.DeepEqual(got, exp) {
		t.Error("the flowchart differs from that of the document as printed")
	}
	if got, exp := LayoutIdentity(d, opt), LayoutIdentity(want, wantOpt); !reflect.DeepEqual(got, exp) {
		t.Error("the identity section differs from that of the document as printed")
	}
	if after, _ := json.Marshal(d); string(after) != string(before) {
		t.Error("the layout changed the document")
	}
}

// coverBelow is a measurer whose font draws the characters below limit.
type coverBelow struct {
	Measurer
	limit rune
}

func (c coverBelow) Covers(r rune) bool { return r < c.limit }

// TestPrintProblemsGlyphs: the fields holding characters the print's font
// lacks, after PrintText, are warned of with their paths and the
// characters named; a check mark the print sets as √ is not.
func TestPrintProblemsGlyphs(t *testing.T) {
	d := simpleDocument(6, 3)
	d.Steps[2].Note = "Lihat 日本 dan 日"
	d.Actors[1].Name = "Petugas 😀"
	d.Steps[3].Activity = "✓ Memeriksa berkas"
	d.Steps[4].Requirements = []string{"KTP", "Surat \uF0B7"}
	opt := &Options{Measure: coverBelow{ApproxMeasure(), 0x3000}}
	ps := PrintProblems(d, opt)
	var paths []string
	for _, p := range ps {
		paths = append(paths, p.Path)
		if p.Code != "print_glyph" || p.Severity != esop.SeverityWarning || p.Message.ID == "" || p.Message.EN == "" {
			t.Errorf("problem %+v", p)
		}
	}
	if want := []string{"actors[1].name", "steps[2].note"}; !slices.Equal(paths, want) {
		t.Fatalf("warned of %v, want %v", paths, want)
	}
	if m := ps[1].Message; !strings.Contains(m.ID, "日 (U+65E5), 本 (U+672C);") || strings.Count(m.EN, "U+65E5") != 1 {
		t.Errorf("message %+v names the characters otherwise", m)
	}
	if m := ps[0].Message.EN; !strings.Contains(m, "😀 (U+1F600)") || !strings.Contains(m, "it prints") {
		t.Errorf("message %q", m)
	}
	if ps := PrintProblems(d, &Options{}); len(ps) != 0 {
		t.Errorf("a measurer that does not know its font: %v", ps)
	}
}

// TestLayoutBookPrintsSubstitutes: the book's cover, decision and
// contents are set as the print sets text too, info unchanged.
func TestLayoutBookPrintsSubstitutes(t *testing.T) {
	info := &BookInfo{Government: "Pemerintah Kota Malang", Agency: "Dinas ✓ Tenaga Kerja", Year: 2026,
		Decree:  &Decree{Considering: []string{"bahwa \uF0B7 SOP perlu"}},
		Entries: []BookEntry{{Number: "1", Title: "Surat Masuk ①"}}}
	bk, err := LayoutBook(info, []int{3}, ApproxMeasure())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, sheets := range [][]Sheet{{bk.Cover}, bk.Decree, bk.Contents} {
		for _, s := range sheets {
			for _, tx := range s.Texts {
				all.WriteString(tx.S + "\n")
			}
		}
	}
	text := all.String()
	for _, want := range []string{"√", "•", "(1)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the book does not print %q", want)
		}
	}
	if strings.ContainsAny(text, "✓\uF0B7①") {
		t.Error("the book prints a character its font lacks")
	}
	if info.Agency != "Dinas ✓ Tenaga Kerja" || info.Decree.Considering[0] != "bahwa \uF0B7 SOP perlu" || info.Entries[0].Title != "Surat Masuk ①" {
		t.Error("LayoutBook changed its info")
	}
}

func FuzzPrintText(f *testing.F) {
	for _, s := range []string{"", "Memeriksa", "✓ ① Ⅻ \uF0B7", "a\u00AD\u200Bb\t\r\n", "日本 😀\uFE0F", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := PrintText(s)
		if PrintText(p) != p || printFrom(p) >= 0 {
			t.Fatalf("PrintText(%q) = %q, which PrintText changes again", s, p)
		}
		if utf8.ValidString(s) && !utf8.ValidString(p) {
			t.Fatalf("PrintText(%q) = %q, not UTF-8", s, p)
		}
		for _, r := range p {
			if printStrip(r) {
				t.Fatalf("PrintText(%q) = %q keeps %U", s, p, r)
			}
		}
		if got, want := printFrom(s), refPrintFrom(s); got != want {
			t.Fatalf("printFrom(%q) = %d, want %d", s, got, want)
		}
		if printFrom(s) < 0 && p != s {
			t.Fatalf("PrintText(%q) = %q changed text printFrom leaves", s, p)
		}
	})
}

// refPrintFrom is printFrom a character at a time.
func refPrintFrom(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			continue // an invalid byte, or U+FFFD itself: printed as it is
		}
		if _, ok := printChange(r); ok || r >= 0x300 && r <= 0x36F && !norm.NFC.IsNormalString(s) {
			return i
		}
	}
	return -1
}

// TestListsWithoutTheirAuthorsMarkers: list items their author numbered
// or bulleted (as copied from Word or Excel) are numbered once on the
// identity page, dashed once in KELENGKAPAN, and lettered once in the
// book's decision.
func TestListsWithoutTheirAuthorsMarkers(t *testing.T) {
	d := simpleDocument(5, 2)
	d.LegalBasis = []esop.LegalRef{{Text: "1. Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan"}}
	d.Qualifications = []string{"1. Memahami ketentuan", "2) Mampu mengoperasikan komputer"}
	d.Equipment = []string{"- Komputer", "\uF0B7 Printer", "  ", "a. Blangko"}
	d.Records = []string{"1.Buku register"}
	d.Steps[0].Requirements = []string{"1. KTP asli", "", "2. Pas foto 2 lembar"}
	d.Steps[1].Requirements = []string{"1. Surat permohonan"}
	text := identityText(LayoutIdentity(d, nil))
	for _, want := range []string{"Undang-Undang Nomor 13", "Memahami ketentuan", "Mampu mengoperasikan", "Komputer", "Printer", "Blangko", "Buku register"} {
		if !strings.Contains(text, "\n"+want) {
			t.Errorf("no item starts %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "\n4.\n") { // three items of PERALATAN printed, the blank one left out
		t.Errorf("an empty item is printed:\n%s", text)
	}
	if strings.Contains(text, "1.Buku") || strings.Contains(text, "- Komputer") || strings.Contains(text, "•") || strings.Contains(text, "2)") {
		t.Errorf("an author's marker is printed:\n%s", text)
	}
	if got := cellTexts(&d.Steps[0])[1]; got != "- KTP asli\n- Pas foto 2 lembar" {
		t.Errorf("KELENGKAPAN %q", got)
	}
	d.Steps[2].Activity = "3. Memeriksa berkas"
	if got := cellTexts(&d.Steps[2])[0]; got != "Memeriksa berkas" {
		t.Errorf("KEGIATAN %q beside NO", got)
	}
	if got := cellTexts(&d.Steps[1])[1]; got != "Surat permohonan" {
		t.Errorf("KELENGKAPAN of one item %q", got)
	}
	info := &BookInfo{Government: "Pemerintah Kota Malang", Agency: "Dinas Tenaga Kerja", Year: 2026,
		Decree:  &Decree{Considering: []string{"a. bahwa SOP perlu ditetapkan"}, Legal: []string{"1. Undang-Undang Nomor 30 Tahun 2014"}},
		Entries: []BookEntry{{Number: "1", Title: "Surat Masuk"}}}
	bk, err := LayoutBook(info, []int{3}, ApproxMeasure())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, s := range bk.Decree {
		for _, tx := range s.Texts {
			all.WriteString(tx.S + "\n")
		}
	}
	if book := all.String(); strings.Contains(book, "a. bahwa") || strings.Contains(book, "1. Undang") || !strings.Contains(book, "bahwa SOP") {
		t.Errorf("the decision prints its author's markers:\n%s", book)
	}
}

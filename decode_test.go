package esop_test

import (
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// minimalDoc is a valid document; %s is spliced in as extra members.
const minimalDoc = `{"format":"esop.sop/1","title":"Penerbitan Kartu AK/I","agency":"Dinas","unit":"Bidang",%s
"actors":[{"id":"a","name":"Petugas Loket"}],
"steps":[{"id":"s1","activity":"Menerima berkas","actor":"a"},{"id":"s2","activity":"Memeriksa berkas","actor":"a"},
{"id":"s3","activity":"Menyerahkan kartu","actor":"a"}]}`

func withMembers(members string) string {
	return strings.Replace(minimalDoc, "%s", members, 1)
}

// problemAt returns the first problem at path, or fails.
func problemAt(t *testing.T, ps esop.Problems, path string) esop.Problem {
	t.Helper()
	for _, p := range ps {
		if p.Path == path {
			return p
		}
	}
	t.Fatalf("no problem at %q; got %v", path, ps)
	return esop.Problem{}
}

func TestMinimalDocIsValid(t *testing.T) {
	_, ps := esop.CheckDocuments([]byte(withMembers("")), esop.ValidateOptions{})
	if ps.HasErrors() {
		t.Fatal(ps.Errors())
	}
}

// TestDecodeDuplicateKeys: a key given twice in one object is an error at
// its path, at any depth, and neither value silently wins.
func TestDecodeDuplicateKeys(t *testing.T) {
	tests := []struct {
		name, in, path string
	}{
		{"title twice", withMembers(`"title":"Judul lain",`), "title"},
		{"steps twice, the first empty", strings.Replace(minimalDoc, "%s", `"steps":[],`, 1), "steps"},
		{"a step's activity twice", strings.Replace(withMembers(""), `"activity":"Menyerahkan kartu"`, `"activity":"Menyerahkan kartu","activity":"x"`, 1), "steps[2].activity"},
		{"inside an x- extension", withMembers(`"x-meta":{"a":1,"b":{"c":1,"c":2}},`), "x-meta.b.c"},
		{"in the second document of a list", "[" + withMembers("") + "," + withMembers(`"unit":"Seksi",`) + "]", "[1].unit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := esop.CheckDocuments([]byte(tt.in), esop.ValidateOptions{})
			p := problemAt(t, ps, tt.path)
			if p.Code != "duplicate_key" || p.Severity != esop.SeverityError || !strings.Contains(p.Message.EN, "more than once") ||
				!strings.Contains(p.Message.ID, "lebih dari sekali") {
				t.Errorf("got %+v", p)
			}
		})
	}
}

// TestDecodeEncoding: bytes that are not UTF-8, and an escaped surrogate
// without its pair, are errors with the path and the line, not text
// stored as U+FFFD.
func TestDecodeEncoding(t *testing.T) {
	tests := []struct {
		name, in, path string
	}{
		{"bad byte in the title", withMembers(`"number":"800/1",`), "number"},
		{"lone surrogate in an activity", strings.Replace(withMembers(""), `Memeriksa berkas`, `Memeriksa \ud800 berkas`, 1), "steps[1].activity"},
	}
	tests[0].in = strings.Replace(tests[0].in, "800/1", "800/\xff1", 1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, ps := esop.DecodeDocuments([]byte(tt.in))
			p := problemAt(t, ps, tt.path)
			if p.Code != "utf8" || !strings.Contains(p.Message.ID, "UTF-8") || !strings.Contains(p.Message.EN, "line") || docs != nil {
				t.Errorf("got %+v, %d documents", p, len(docs))
			}
		})
	}
	// A real U+FFFD typed in the text is a character like any other.
	if _, ps := esop.CheckDocuments([]byte(withMembers(`"number":"800/�",`)), esop.ValidateOptions{}); ps.HasErrors() {
		t.Errorf("U+FFFD refused: %v", ps)
	}
}

func TestDecodeDepth(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 70) + "1" + strings.Repeat("}", 70)
	_, ps := esop.DecodeDocuments([]byte(withMembers(`"x-deep":` + deep + `,`)))
	if len(ps) != 1 || ps[0].Code != "too_deep" || !strings.Contains(ps[0].Message.EN, "64 levels") {
		t.Errorf("got %v", ps)
	}
}

// TestDecodeSizes: one document may be up to MaxDocumentBytes; a list may
// be larger, each of its documents still held to MaxDocumentBytes.
func TestDecodeSizes(t *testing.T) {
	pad := func(n int) string { return `"x-pad":"` + strings.Repeat("a", n) + `",` }
	doc := withMembers("")

	_, ps := esop.DecodeDocuments([]byte(withMembers(pad(esop.MaxDocumentBytes))))
	if len(ps) != 1 || ps[0].Code != "too_large" || ps[0].Path != "" || !strings.Contains(ps[0].Message.EN, "1 MiB") {
		t.Errorf("one large document: %v", ps)
	}
	if _, ps := esop.DecodeDocuments([]byte(withMembers(pad(esop.MaxDocumentBytes - 2000)))); ps.HasErrors() {
		t.Errorf("a document just under the limit: %v", ps)
	}

	var list []string
	for range 3 {
		list = append(list, withMembers(pad(esop.MaxDocumentBytes/2)))
	}
	big := "[" + strings.Join(list, ",") + "]"
	if len(big) <= esop.MaxDocumentBytes {
		t.Fatal("the list should be larger than one document may be")
	}
	if _, ps := esop.CheckDocuments([]byte(big), esop.ValidateOptions{}); ps.HasErrors() {
		t.Errorf("a list of documents under the limit: %v", ps)
	}
	_, ps = esop.DecodeDocuments([]byte("[" + doc + "," + withMembers(pad(esop.MaxDocumentBytes)) + "]"))
	if p := problemAt(t, ps, "[1]"); p.Code != "too_large" {
		t.Errorf("a large document in a list: %v", ps)
	}
}

// TestValidateTexts: every text of a document is checked for control
// characters and invalid UTF-8 (a document built by the editor never
// passed the decoder), line breaks only where text may have several lines.
func TestValidateTexts(t *testing.T) {
	base := func() *esop.Document {
		d, ps := esop.DecodeDocument([]byte(withMembers("")))
		if ps.HasErrors() {
			t.Fatal(ps)
		}
		return d
	}
	tests := []struct {
		name, path, code string
		fn               func(d *esop.Document)
	}{
		{"NUL in the title", "title", "control_char", func(d *esop.Document) { d.Title = "Judul\x00" }},
		{"tab in the title", "title", "control_char", func(d *esop.Document) { d.Title = "Ju\tdul" }},
		{"C1 control in a unit", "unit", "control_char", func(d *esop.Document) { d.Unit = "Bidang\u0085" }},
		{"DEL in an actor's name", "actors[0].name", "control_char", func(d *esop.Document) { d.Actors[0].Name = "Petugas\x7f" }},
		{"line break in an activity", "steps[1].activity", "control_char", func(d *esop.Document) { d.Steps[1].Activity = "Memeriksa\nberkas" }},
		{"invalid UTF-8 in an output", "steps[2].output", "utf8", func(d *esop.Document) { d.Steps[2].Output = "Kartu \xc3" }},
		{"NUL in a note", "steps[0].note", "control_char", func(d *esop.Document) { d.Steps[0].Note = "a\x00b" }},
		{"NUL in a requirement", "steps[0].requirements[1]", "control_char", func(d *esop.Document) { d.Steps[0].Requirements = []string{"KTP", "Ijazah\x00"} }},
		{"NUL in a legal reference", "legalBasis[0]", "control_char", func(d *esop.Document) { d.LegalBasis = []esop.LegalRef{{Text: "UU 13/2003\x00"}} }},
		{"year 0000", "dates.created", "date_range", func(d *esop.Document) { d.Dates.Created = esop.Date{Year: 0, Month: 1, Day: 1} }},
		{"year 2101", "dates.revised", "date_range", func(d *esop.Document) { d.Dates.Revised = esop.MustDate("2101-01-01") }},
		{"year 1899", "dates.effective", "date_range", func(d *esop.Document) { d.Dates.Effective = esop.MustDate("1899-12-31") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base()
			tt.fn(d)
			p := problemAt(t, esop.Validate(d, esop.ValidateOptions{}), tt.path)
			if p.Code != tt.code || p.Severity != esop.SeverityError || p.Message.ID == "" || p.Message.EN == "" {
				t.Errorf("got %+v", p)
			}
		})
	}
	// Line breaks and tabs, as a browser's textarea sends them, are text
	// in a note and in the warning; the years 1900 and 2100 are dates.
	d := base()
	d.Steps[0].Note = "Apabila berkas belum lengkap:\r\n\t- dikembalikan kepada pemohon"
	d.Warning = "Baris satu\nbaris dua"
	d.Dates.Created, d.Dates.Revised = esop.MustDate("1900-01-01"), esop.MustDate("2100-12-31")
	if ps := esop.Validate(d, esop.ValidateOptions{}); ps.HasErrors() {
		t.Errorf("multi-line note refused: %v", ps.Errors())
	}
}

// TestDecodeYearZero: the JSON date 0000-01-01 decodes and is refused by
// the validator with its path.
func TestDecodeYearZero(t *testing.T) {
	_, ps := esop.CheckDocuments([]byte(withMembers(`"dates":{"created":"0000-01-01"},`)), esop.ValidateOptions{})
	if p := problemAt(t, ps, "dates.created"); p.Code != "date_range" || !strings.Contains(p.Message.ID, "1900") {
		t.Errorf("got %+v", p)
	}
}

func TestValidText(t *testing.T) {
	for _, tc := range []struct {
		s         string
		multi, ok bool
	}{
		{"Kartu AK/I", false, true}, {"", false, true}, {"café – “kutip”", false, true},
		{"a\x00", true, false}, {"a\nb", false, false}, {"a\r\nb\tc", true, true}, {"\x1b[31m", true, false},
		{"\xff", true, false}, {"a\u009fb", true, false}, {"a\u00a0b", false, true},
	} {
		if got := esop.ValidText(tc.s, tc.multi); got != tc.ok {
			t.Errorf("ValidText(%q, %v) = %v, want %v", tc.s, tc.multi, got, tc.ok)
		}
	}
}

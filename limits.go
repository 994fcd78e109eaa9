package esop

import (
	"strings"
	"unicode/utf8"
)

// Limits of an esop.sop/1 document. No real SOP comes near them; they
// exist so that a document cannot exhaust the server, and so that every
// document the validator accepts can be printed: each row of the activity
// table on one page, every arrow between two rows with room for its
// off-page connector. Validate reports a document beyond a limit as an
// error with its path and the limit.
//
// The limits on printed text were measured on the flowchart of
// official-layout.md (9 pt, 8 pt with more than six pelaksana) on A4, the
// smaller paper, with Indonesian text; render/limits_test.go renders
// documents at every limit on A4 and F4 and fails when the layout no
// longer holds them. Text made only of the widest glyphs, or with every
// word cut to defeat line breaking, can still exceed a page at these
// limits: only laying the document out can tell, and the layout reports it.
const (
	// MaxDocumentBytes is the largest encoded document: the JSON of one
	// SOP. The largest sample, 200 steps, is 60 KB; a document at every
	// limit below stays under it.
	MaxDocumentBytes = 1 << 20
	// MaxFileBytes is the largest file holding a list of documents, such
	// as a whole SOP book exported at once; each document of the list is
	// still held to MaxDocumentBytes.
	MaxFileBytes = 32 << 20

	// MaxSteps is the most rows of the activity table. The longest sample
	// has 200; 500 rows print on some 40 pages.
	MaxSteps = 500
	// MaxActors is the most pelaksana: one column each across the
	// landscape page. At 17 the columns no longer fit A4 at all; with 12
	// the text columns are already at their narrowest (see RowLimitsFor).
	MaxActors = 12
	// MaxRequirements is the most items of one step's Kelengkapan.
	MaxRequirements = 15

	// MaxIDLen is the longest id of a step or an actor, and so of a
	// reference to one (actor, next, decision.yes, decision.no).
	MaxIDLen = 64
	// MaxTitleLen is the longest Nama SOP: it is printed in capitals in
	// the header of the identity page, which must fit the first page.
	MaxTitleLen = 300
	// MaxNumberLen is the longest Nomor SOP.
	MaxNumberLen = 100
	// MaxNameLen is the longest name of the government, the agency or the
	// unit (printed beside the logo), and of the signer's position.
	MaxNameLen = 200
	// MaxSignerLen is the longest name, rank or NIP of the signer.
	MaxSignerLen = 150
	// MaxActorNameLen is the longest name of a pelaksana: the header of
	// its column, 15 mm wide with 12 pelaksana, whose height the rows
	// below it lose. The longest in the samples has 87 characters.
	MaxActorNameLen = 90
	// MaxLabelLen is the longest label of a decision's exit ("Lengkap",
	// "Perlu perbaikan"), set beside its arrow.
	MaxLabelLen = 40

	// MaxListItems is the most items of each list of the identity page
	// (legalBasis, qualifications, related, equipment, records). The
	// identity page continues on further pages, so these bound the work,
	// not the print.
	MaxListItems = 50
	// MaxListItemLen is the longest item of such a list, and the longest
	// title of a structured legal reference.
	MaxListItemLen = 500
	// MaxWarningLen is the longest Peringatan.
	MaxWarningLen = 2000
	// MaxNoteLines is the most lines (line breaks plus one) of a
	// Keterangan: each starts a new line in a narrow column.
	MaxNoteLines = 10

	// MaxTimeValue is the largest value of a step's time, in any unit.
	MaxTimeValue = 9999
	// MinTimeValue is the smallest: a value is printed in full, so a
	// tiny fraction would print as a long row of zeros.
	MinTimeValue = 0.01

	// MinYear and MaxYear bound the years of the document's dates.
	MinYear, MaxYear = 1900, 2100
)

// RowLimits are the limits on the texts of one row of the activity
// table, in characters as printed: the row, its tallest cell, must fit on
// one page. They depend on the number of pelaksana, because the actor
// columns take their width from the text columns.
type RowLimits struct {
	Activity     int // KEGIATAN
	Requirement  int // each item of KELENGKAPAN
	Requirements int // every item of KELENGKAPAN together
	Time         int // WAKTU as printed ("2 hari", or its text)
	Output       int // OUTPUT
	Note         int // KETERANGAN
	Row          int // the five cells together
	// Crossing is the most arrows that may pass between two rows: where a
	// page breaks between them, each needs a pair of off-page connectors
	// side by side across the pelaksana columns.
	Crossing int
}

// RowLimitsFor returns the limits of a row in a table of the given
// number of pelaksana. With up to four, the text columns share most of
// the page's width; with five to eight they are narrower (and set at
// 8 pt from seven on); with nine to twelve they are at their narrowest,
// 12 to 28 mm. The narrow columns, Kelengkapan with one line per item and
// Keterangan, bind first. Each set was measured on the documents of
// render/limits_test.go (every cell at its limit, the row at its limit in
// several proportions, a decision's labels, the most arrows between rows
// and the longest actor names, on A4): what fits is at least 1.25 times
// every limit. The longest row of the layout's test documents (1,053
// characters, with four pelaksana) is within them.
func RowLimitsFor(actors int) RowLimits {
	rl := RowLimits{Activity: 220, Requirement: 60, Requirements: 110, Time: 30, Output: 90, Note: 90, Row: 300}
	switch {
	case actors <= 4:
		rl = RowLimits{Activity: 800, Requirement: 150, Requirements: 300, Time: 100, Output: 300, Note: 300, Row: 1100}
	case actors <= 8:
		rl = RowLimits{Activity: 400, Requirement: 100, Requirements: 250, Time: 60, Output: 150, Note: 150, Row: 550}
	}
	rl.Crossing = crossingLimit(actors)
	return rl
}

// crossingLimit returns the most arrows that may pass between two rows
// with the given number of pelaksana. The connectors of a page break
// stand side by side across the pelaksana columns, 5 mm wide and wider
// once their letters run to AA, AB, … and AAA: on A4, with a page break
// after every row of a 500-row SOP, 3 fit across one column, 7 across
// two, 11 across three and 15 to 18 across more. With more pelaksana the
// limit is not the connectors but the exit labels of the decisions these
// arrows leave, each up to MaxLabelLen: six decisions side by side with
// such labels lay out; seven did not always.
func crossingLimit(actors int) int {
	switch {
	case actors <= 1:
		return 3
	case actors == 2:
		return 5
	}
	return 6
}

// oversized reports a document with more steps or actors than the
// limits allow, and then nothing else: the other checks cost time in
// proportion to steps × steps, which a hostile document must not buy.
func (v *validator) oversized() bool {
	d := v.d
	if n := len(d.Actors); n > MaxActors {
		v.c.errorf("actors", "too_many", "%d pelaksana; paling banyak %d (setiap pelaksana satu kolom selebar halaman)",
			"%d actors; at most %d (each actor is a column across the page)", n, MaxActors)
	}
	if n := len(d.Steps); n > MaxSteps {
		v.c.errorf("steps", "too_many", "%d kegiatan; paling banyak %d", "%d steps; at most %d", n, MaxSteps)
	}
	return len(v.c.list) > 0
}

// limits checks the document against the limits above: every text valid
// UTF-8 without control characters and not too long, the numbers of
// steps, actors and list items, the texts of each row and the arrows
// between rows, time values and the years of the dates. Paths are built
// only for what is reported, so that a valid document costs few
// allocations.
func (v *validator) limits() {
	d := v.d
	v.identityTexts()
	for i, a := range d.Actors {
		if !fits(a.ID, MaxIDLen, false) || !fits(a.Name, MaxActorNameLen, false) {
			p := index("actors", i)
			v.text(p, "id", a.ID, MaxIDLen, false)
			v.text(p, "name", a.Name, MaxActorNameLen, false)
		}
	}
	rl := RowLimitsFor(len(d.Actors))
	for i := range d.Steps {
		v.stepTexts(i, &d.Steps[i], rl)
	}
	v.crossings(rl)
	v.year("dates.created", d.Dates.Created)
	v.year("dates.revised", d.Dates.Revised)
	v.year("dates.effective", d.Dates.Effective)
}

// year reports a date outside MinYear–MaxYear.
func (v *validator) year(path string, d Date) {
	if !d.IsZero() && (d.Year < MinYear || d.Year > MaxYear) {
		v.c.errorf(path, "date_range", "tahun %d di luar %d–%d", "the year %d is outside %d–%d", d.Year, MinYear, MaxYear)
	}
}

// identityTexts checks the texts of the identity section.
func (v *validator) identityTexts() {
	d := v.d
	v.text("", "number", d.Number, MaxNumberLen, false)
	v.text("", "title", d.Title, MaxTitleLen, false)
	v.text("", "government", d.Government, MaxNameLen, false)
	v.text("", "agency", d.Agency, MaxNameLen, false)
	v.text("", "unit", d.Unit, MaxNameLen, false)
	if a := d.Approval; a != nil {
		v.text("approval", "position", a.Position, MaxNameLen, false)
		v.text("approval", "name", a.Name, MaxSignerLen, false)
		v.text("approval", "rank", a.Rank, MaxSignerLen, false)
		v.text("approval", "nip", a.NIP, MaxSignerLen, false)
	}
	v.text("", "warning", d.Warning, MaxWarningLen, true)
	if v.count("", "legalBasis", len(d.LegalBasis), MaxListItems) {
		for i, r := range d.LegalBasis {
			if r.Text != "" {
				v.item("legalBasis", i, r.Text, MaxListItemLen)
				continue
			}
			if !fits(r.Kind, MaxNumberLen, false) || !fits(r.Number, MaxNumberLen, false) ||
				!fits(r.Title, MaxListItemLen, false) || !fits(r.Issuer, MaxNameLen, false) {
				p := index("legalBasis", i)
				v.text(p, "kind", r.Kind, MaxNumberLen, false)
				v.text(p, "number", r.Number, MaxNumberLen, false)
				v.text(p, "title", r.Title, MaxListItemLen, false)
				v.text(p, "issuer", r.Issuer, MaxNameLen, false)
			}
		}
	}
	for _, l := range [...]struct {
		key   string
		items []string
	}{{"qualifications", d.Qualifications}, {"related", d.Related}, {"equipment", d.Equipment}, {"records", d.Records}} {
		if v.count("", l.key, len(l.items), MaxListItems) {
			for i, s := range l.items {
				v.blankItem(l.key, i, s)
				v.item(l.key, i, s, MaxListItemLen)
			}
		}
	}
}

// count reports a list at base.key longer than max; it returns whether
// the list is within it, so that the items of a huge list are not each
// reported.
func (v *validator) count(base, key string, n, max int) bool {
	if n <= max {
		return true
	}
	v.c.errorf(joinPath(base, key), "too_many", "%d butir; paling banyak %d", "%d items; at most %d", n, max)
	return false
}

// stepTexts checks the texts of step i: each within its limit, and the
// row's five printed cells together within the row's.
func (v *validator) stepTexts(i int, s *Step, rl RowLimits) {
	p := index("steps", i)
	v.text(p, "id", s.ID, MaxIDLen, false)
	v.text(p, "actor", s.Actor, MaxIDLen, false)
	v.text(p, "next", s.Next, MaxIDLen, false)
	row := v.text(p, "activity", s.Activity, rl.Activity, false)
	if v.count(p, "requirements", len(s.Requirements), MaxRequirements) {
		sum := 0
		for j, r := range s.Requirements {
			v.blankItem(p+".requirements", j, r)
			if n, ok := fitsCount(r, rl.Requirement, false); ok {
				sum += n
				continue
			}
			sum += v.item(p+".requirements", j, r, rl.Requirement)
		}
		if sum > rl.Requirements {
			v.c.errorf(p+".requirements", "too_long", "kelengkapan terlalu panjang: %d karakter bersama; paling banyak %d dengan %d pelaksana",
				"the requirements are too long: %d characters together; at most %d with %d actors", sum, rl.Requirements, len(v.d.Actors))
		}
		row += sum
	}
	if t := s.Time; t != nil {
		row += v.text(p, "time.text", t.Text, rl.Time, false)
		if t.Text == "" && t.Unit != "" {
			row += utf8.RuneCountInString(t.Indonesian())
		}
		if t.Value != 0 && (t.Value < MinTimeValue || t.Value > MaxTimeValue) {
			v.c.errorf(p+".time.value", "range", "nilai waktu %v di luar %v–%v", "the time value %v is outside %v–%v", t.Value, MinTimeValue, MaxTimeValue)
		}
	}
	row += v.text(p, "output", s.Output, rl.Output, false)
	row += v.text(p, "note", s.Note, rl.Note, true)
	if n := lineCount(s.Note); n > MaxNoteLines {
		v.c.errorf(p+".note", "too_long", "keterangan %d baris; paling banyak %d", "the note has %d lines; at most %d", n, MaxNoteLines)
	}
	if dec := s.Decision; dec != nil {
		v.text(p, "decision.yes", dec.Yes, MaxIDLen, false)
		v.text(p, "decision.no", dec.No, MaxIDLen, false)
		v.text(p, "decision.yesLabel", dec.YesLabel, MaxLabelLen, false)
		v.text(p, "decision.noLabel", dec.NoLabel, MaxLabelLen, false)
	}
	if row > rl.Row {
		v.c.errorf(p, "row_too_long", "teks baris ini terlalu panjang untuk satu halaman: %d karakter (kegiatan, kelengkapan, waktu, output dan keterangan bersama); paling banyak %d dengan %d pelaksana",
			"the text of this row is too long for one page: %d characters (activity, requirements, time, output and note together); at most %d with %d actors",
			row, rl.Row, len(v.d.Actors))
	}
}

// lineCount returns the number of lines of s: its line breaks plus one.
func lineCount(s string) int {
	n := 1
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}

// fits reports whether s is text of at most max characters (see text).
func fits(s string, max int, multiline bool) bool {
	_, ok := fitsCount(s, max, multiline)
	return ok
}

// fitsCount returns the number of characters of s and whether it is text
// of at most that many.
func fitsCount(s string, max int, multiline bool) (int, bool) {
	n, _, ok := scanText(s, multiline)
	return n, ok && n <= max
}

// text checks one text of the document, at base.key: valid UTF-8, no
// control character (a multi-line text may hold line breaks and tabs: \n,
// \r as in the \r\n a browser sends, \t), and at most max characters. It
// returns the number of characters.
func (v *validator) text(base, key, s string, max int, multiline bool) int {
	if s == "" {
		return 0
	}
	n, bad, ok := scanText(s, multiline)
	if ok && n <= max {
		return n
	}
	return v.badText(joinPath(base, key), n, bad, ok, max)
}

// item is text for the i-th item of the list at base.
func (v *validator) item(base string, i int, s string, max int) int {
	if s == "" {
		return 0
	}
	n, bad, ok := scanText(s, false)
	if ok && n <= max {
		return n
	}
	return v.badText(index(base, i), n, bad, ok, max)
}

// blankItem warns of item i of the list at base when it holds nothing
// but spaces (a JSON file's list with an empty line left in it): the
// print, the DOCX and the web pages leave it out (ListItems) rather than
// print a number or a dash with nothing after it.
func (v *validator) blankItem(base string, i int, s string) {
	if strings.TrimSpace(s) == "" {
		v.c.warnf(index(base, i), "blank_item", "butir kosong; tidak dicetak", "an empty item; it is left out of the print")
	}
}

// badText reports what text found wrong with a text of n characters.
func (v *validator) badText(path string, n int, bad rune, ok bool, max int) int {
	switch {
	case !ok && bad == utf8.RuneError:
		v.c.errorf(path, "utf8", "teks bukan UTF-8 yang sah", "the text is not valid UTF-8")
		return 0
	case !ok:
		v.c.errorf(path, "control_char", "berisi karakter kendali %U (karakter ke-%d); hapus karakter itu",
			"holds the control character %U (character %d); remove it", bad, n)
		return 0
	}
	v.c.errorf(path, "too_long", "terlalu panjang: %d karakter; paling banyak %d", "too long: %d characters; at most %d", n, max)
	return n
}

// ValidText reports whether s can be stored as text: valid UTF-8 without
// control characters (C0 and C1, NUL among them), save line breaks and
// tabs when multiline. The validator holds every text of a document to
// it; the web application holds addresses and form values to it.
func ValidText(s string, multiline bool) bool {
	_, _, ok := scanText(s, multiline)
	return ok
}

// scanText counts the characters of s. When s is not valid UTF-8 it
// returns false with bad = utf8.RuneError; when it holds a control
// character not allowed, false with that character, n being its
// position (from 1).
func scanText(s string, multiline bool) (n int, bad rune, ok bool) {
	for i := 0; i < len(s); {
		c := s[i]
		n++
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				if !multiline || c != '\n' && c != '\r' && c != '\t' {
					return n, rune(c), false
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return n, utf8.RuneError, false
		}
		if r >= 0x80 && r < 0xa0 { // the C1 control characters
			return n, r, false
		}
		i += size
	}
	return n, 0, true
}

// crossings reports the gaps between two rows that more arrows pass
// than rl allows, at the path of the row below the gap.
func (v *validator) crossings(rl RowLimits) {
	d := v.d
	n := len(d.Steps)
	if n < 2 {
		return
	}
	// delta[g] counts the arrows that start crossing gap g (between rows
	// g and g+1) minus those that stop: a running sum gives each gap's.
	delta := make([]int, n)
	for i := range d.Steps {
		for _, j := range d.Successors(i) {
			lo, hi := min(i, j), max(i, j)
			if lo != hi {
				delta[lo]++
				delta[hi]--
			}
		}
	}
	across := 0
	for g := 0; g < n-1; g++ {
		across += delta[g]
		if across > rl.Crossing {
			v.c.errorf(index("steps", g+1), "too_many_arrows", "%d panah melintas di antara kegiatan %d dan %d; paling banyak %d dengan %d pelaksana, agar penghubung antarhalaman muat berdampingan",
				"%d arrows pass between steps %d and %d; at most %d with %d actors, so that off-page connectors fit side by side",
				across, g+1, g+2, rl.Crossing, len(d.Actors))
			return
		}
	}
}

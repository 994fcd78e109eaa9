package layout

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/esop-malang/esop"
)

// The print's text is set in Liberation Sans, which has no glyph for some
// characters that documents written elsewhere carry: check marks and
// boxes of a checklist (✓ ☐ ☑), arrow bullets (➢), circled and Roman
// numerals (① Ⅳ), and the private-use characters that Word's Symbol and
// Wingdings bullets become when a list is copied out of it (U+F0B7 …).
// A character without a glyph prints as an empty box, and an accent
// typed apart from its letter (NFD) stands beside it. PrintText composes
// such letters (NFC), sets
// each of those in what the font has that reads the same, and drops the
// invisible characters that pasting brings along (zero-width spaces,
// byte order marks, soft hyphens, variation selectors, control
// characters), which would otherwise print as boxes too or, for a soft
// hyphen, as a hyphen in the middle of a line. The document keeps what
// its author wrote: only the print reads it so. What still has no glyph
// after this is reported by PrintProblems (code print_glyph), where the
// measurer knows its font (Coverer).

// printSubst maps a character the print's font lacks to what is set in
// its place.
var printSubst = map[rune]string{
	// Check marks and ticked boxes: the square root sign, as typists
	// write a tick.
	'✓': "√", '✔': "√", '✅': "√", '☑': "√", '🗸': "√",
	'\uF0FC': "√", '\uF0FE': "√", // Wingdings ü, þ
	// Empty boxes.
	'☐': "□", '❑': "□", '❒': "□", '❏': "□", '\uF06F': "□", '\uF071': "□", '\uF0A8': "□", // Wingdings o, q, ¨
	// Crossed boxes and crosses.
	'☒': "×", '✗': "×", '✘': "×", '❌': "×", '\uF0FB': "×", '\uF0FD': "×", // Wingdings û, ý
	// Arrow bullets and arrows.
	'➢': "►", '➤': "►", '➣': "►", '➧': "►", '➨': "►", '▶': "►",
	'\uF0D8': "►", '\uF0E8': "►", // Wingdings Ø, è
	'➔': "→", '➜': "→", '➙': "→", '➞': "→", '⇒': "→", '⇨': "→", '⟶': "→", '⟹': "→",
	'⇐': "←", '⇦': "←", '⟵': "←", '⟷': "↔",
	// Other bullets: Symbol's bullet, Wingdings' squares, diamonds and
	// stars, and the rest of Unicode's.
	'\uF0B7': "•",                                              // Symbol ·
	'\uF06C': "•", '\uF0A7': "▪", '\uF06E': "■", '\uF076': "♦", // Wingdings l, §, n, v
	'❖': "♦", '◆': "♦", '◇': "◊", '‣': "•", '⁃': "-", '⦁': "•", '⚫': "•", '⚪': "○",
	'★': "*", '☆': "*", '✱': "*", '✳': "*",
}

// printStrip is what PrintText drops: characters that print nothing
// where the text is typed, but as an empty box (or a hyphen) in the
// print.
func printStrip(r rune) bool {
	switch r {
	case '\u00AD', // soft hyphen: the print hyphenates where it breaks a word
		'\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E', // zero-width characters, byte order mark
		'\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', // direction marks
		'\uFE0E', '\uFE0F': // variation selectors (text or emoji form)
		return true
	}
	return r < 0x20 && r != '\n' && r != '\t' && r != '\r' || r == 0x7F || r >= 0x80 && r < 0xA0
}

// printSpace reports whether r is a space or line break other than the
// space and the newline, which PrintText sets as a space (a tab pasted
// from a table, a carriage return, the typographic spaces). The
// no-break space stays: it keeps two words on one line.
func printSpace(r rune) bool {
	return r == '\t' || r == '\r' || r == '\v' || r == '\f' || r >= '\u2000' && r <= '\u200A' ||
		r == '\u202F' || r == '\u205F' || r == '\u3000' || r == '\u2028' || r == '\u2029' || r == '\u1680'
}

// printNumeral returns how a circled or Roman numeral is set: ① as
// "(1)", ❼ as "(7)", Ⅻ as "XII", ⅳ as "iv".
func printNumeral(r rune) (string, bool) {
	switch {
	case r >= '①' && r <= '⑳':
		return "(" + strconv.Itoa(int(r-'①')+1) + ")", true
	case r >= '⑴' && r <= '⒇':
		return "(" + strconv.Itoa(int(r-'⑴')+1) + ")", true
	case r >= '⒈' && r <= '⒛':
		return strconv.Itoa(int(r-'⒈')+1) + ".", true
	case r >= '❶' && r <= '❿':
		return "(" + strconv.Itoa(int(r-'❶')+1) + ")", true
	case r >= '➀' && r <= '➉':
		return "(" + strconv.Itoa(int(r-'➀')+1) + ")", true
	case r >= '➊' && r <= '➓':
		return "(" + strconv.Itoa(int(r-'➊')+1) + ")", true
	case r >= 'Ⅰ' && r <= 'Ⅻ':
		return romanNumerals[r-'Ⅰ'], true
	case r >= 'ⅰ' && r <= 'ⅻ':
		return strings.ToLower(romanNumerals[r-'ⅰ']), true
	}
	return "", false
}

var romanNumerals = [...]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// printChange returns what r is set as in the print, and whether that is
// other than r.
func printChange(r rune) (string, bool) {
	if printStrip(r) {
		return "", true
	}
	if printSpace(r) {
		return " ", true
	}
	if s, ok := printSubst[r]; ok {
		return s, true
	}
	return printNumeral(r)
}

// PrintText returns s as the print sets it: the characters its font
// lacks in a form it has, the invisible ones dropped (see printSubst).
// Text that needs no change is returned as it is, without allocating.
func PrintText(s string) string {
	i := printFrom(s)
	if i < 0 {
		return s
	}
	if !norm.NFC.IsNormalString(s) {
		// Letters typed as a letter and a combining accent ("e" and
		// U+0301, as text copied from some systems comes): the font
		// has "é" but would set the accent after the "e", not over it.
		s = norm.NFC.String(s)
		if i = printFrom(s); i < 0 {
			return s
		}
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if t, ok := printChange(r); ok {
			b.WriteString(t)
		} else {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out) // a substitute before an accent: "Ⅰ" and U+0301 as "Í"
	}
	return out
}

// printFrom returns the byte offset of the first character of s that
// the print sets otherwise (printChange), or -1. Every text a layout
// prints passes here, nearly all of it plain ASCII: eight bytes at a
// time are tested at once for one outside 0x20–0x7E (plainWord), and
// only a word holding one is looked at a byte at a time; a text's last
// bytes are tested as the eight that end it.
func printFrom(s string) int {
	i := 0
	for i+8 <= len(s) {
		if plainWord(s[i : i+8]) {
			i += 8
			continue
		}
		j, n := printAt(s, i)
		if j >= 0 {
			return j
		}
		i += n
	}
	if i < len(s) && len(s) >= 8 && plainWord(s[len(s)-8:]) {
		return -1
	}
	for i < len(s) {
		j, n := printAt(s, i)
		if j >= 0 {
			return j
		}
		i += n
	}
	return -1
}

// plainWord reports whether the eight bytes of t are all within
// 0x20–0x7E: none has its high bit set, none becomes 0x80 plus one (0x7F),
// none borrows below 0x20. A carry or borrow crosses into the next byte
// only from a byte that is itself outside, so the test is exact.
func plainWord(t string) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	w := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
		uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
	return (w|(w+lo)|(w-0x20*lo)&^w)&hi == 0
}

// printAt returns i when the character at byte i of s is one the print
// sets otherwise, else -1, and the character's length.
func printAt(s string, i int) (int, int) {
	if c := s[i]; c < utf8.RuneSelf {
		if c < 0x20 && c != '\n' || c == 0x7F {
			return i, 1
		}
		return -1, 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if _, ok := printChange(r); ok || combiningMark(r) && !norm.NFC.IsNormalString(s) {
		return i, n
	}
	return -1, n
}

// combiningMark reports whether r is one of the combining diacritical
// marks (U+0300–U+036F) that NFC composes with the letter before it.
func combiningMark(r rune) bool { return r >= 0x300 && r <= 0x36F }

// printedPath names a printed field of a document as the validator
// does: "title", "related[2]", "actors[1].name",
// "steps[4].requirements[0]".
type printedPath struct {
	field string // the document's field, or a list of them
	i     int    // the index in it, or -1
	sub   string // the field of the list's element, or ""
	j     int    // the index in that, or -1
}

func (p printedPath) String() string {
	s := p.field
	if p.i >= 0 {
		s += "[" + strconv.Itoa(p.i) + "]"
	}
	if p.sub != "" {
		s += "." + p.sub
	}
	if p.j >= 0 {
		s += "[" + strconv.Itoa(p.j) + "]"
	}
	return s
}

// eachPrinted calls fn with every text field of d that a print of it may
// set (the identity section, the flowchart, the footer), and its path.
// Identifiers, references and codes (ids, next, capacity, units) are not
// printed as written and are not visited. TestEachPrintedVisitsEveryText
// holds this list to the document's fields.
func eachPrinted(d *esop.Document, fn func(p printedPath, s *string)) {
	eachIdentityText(d, fn)
	eachFlowText(d, fn)
}

// eachIdentityText is eachPrinted over the fields of the identity
// section (LayoutIdentity): all but the pelaksana and the steps.
func eachIdentityText(d *esop.Document, fn func(p printedPath, s *string)) {
	top := func(field string, s *string) { fn(printedPath{field: field, i: -1, j: -1}, s) }
	list := func(field string, ss []string) {
		for i := range ss {
			fn(printedPath{field: field, i: i, j: -1}, &ss[i])
		}
	}
	top("number", &d.Number)
	top("title", &d.Title)
	top("government", &d.Government)
	top("agency", &d.Agency)
	top("unit", &d.Unit)
	if a := d.Approval; a != nil {
		top("approval.position", &a.Position)
		top("approval.name", &a.Name)
		top("approval.rank", &a.Rank)
		top("approval.nip", &a.NIP)
	}
	for i := range d.LegalBasis {
		r := &d.LegalBasis[i]
		at := func(sub string, s *string) { fn(printedPath{field: "legalBasis", i: i, sub: sub, j: -1}, s) }
		if r.Text != "" {
			fn(printedPath{field: "legalBasis", i: i, j: -1}, &r.Text)
		}
		at("kind", &r.Kind)
		at("number", &r.Number)
		at("title", &r.Title)
		at("issuer", &r.Issuer)
	}
	list("qualifications", d.Qualifications)
	list("related", d.Related)
	list("equipment", d.Equipment)
	top("warning", &d.Warning)
	list("records", d.Records)
}

// eachFlowText is eachPrinted over the fields of the flowchart (Layout):
// the pelaksana's and the steps'.
func eachFlowText(d *esop.Document, fn func(p printedPath, s *string)) {
	for i := range d.Actors {
		a := &d.Actors[i]
		fn(printedPath{field: "actors", i: i, sub: "name", j: -1}, &a.Name)
		fn(printedPath{field: "actors", i: i, sub: "position", j: -1}, &a.Position)
	}
	for i := range d.Steps {
		s := &d.Steps[i]
		at := func(sub string, t *string) { fn(printedPath{field: "steps", i: i, sub: sub, j: -1}, t) }
		at("activity", &s.Activity)
		for j := range s.Requirements {
			fn(printedPath{field: "steps", i: i, sub: "requirements", j: j}, &s.Requirements[j])
		}
		if s.Time != nil {
			at("time.text", &s.Time.Text)
		}
		if s.Effort != nil {
			at("effort.text", &s.Effort.Text)
		}
		at("output", &s.Output)
		at("note", &s.Note)
		if s.Decision != nil {
			at("decision.yesLabel", &s.Decision.YesLabel)
			at("decision.noLabel", &s.Decision.NoLabel)
		}
	}
}

// printableDoc returns d as the print reads it, the flowchart's fields
// where flow (eachFlowText), else the identity section's
// (eachIdentityText): PrintText on each, d itself where none changes,
// else a copy. Layout and LayoutIdentity each read their own fields, so
// a print reads every field once.
func printableDoc(d *esop.Document, flow bool) *esop.Document {
	each := eachIdentityText
	if flow {
		if !flowChanges(d) {
			return d
		}
		each = eachFlowText
	} else if !identityChanges(d) {
		return d
	}
	c := d.Clone()
	each(c, func(_ printedPath, s *string) { *s = PrintText(*s) })
	return c
}

// flowChanges and identityChanges report whether PrintText changes a
// field eachFlowText and eachIdentityText visit. They read the same
// fields without a call for each, as every layout asks it of its
// document (TestPrintChangesSeesEveryText holds them alike).
func flowChanges(d *esop.Document) bool {
	for i := range d.Steps {
		s := &d.Steps[i]
		if printFrom(s.Activity) >= 0 || printFrom(s.Output) >= 0 || printFrom(s.Note) >= 0 || anyChanges(s.Requirements) ||
			s.Time != nil && printFrom(s.Time.Text) >= 0 || s.Effort != nil && printFrom(s.Effort.Text) >= 0 ||
			s.Decision != nil && (printFrom(s.Decision.YesLabel) >= 0 || printFrom(s.Decision.NoLabel) >= 0) {
			return true
		}
	}
	for i := range d.Actors {
		if printFrom(d.Actors[i].Name) >= 0 || printFrom(d.Actors[i].Position) >= 0 {
			return true
		}
	}
	return false
}

func identityChanges(d *esop.Document) bool {
	for i := range d.LegalBasis {
		r := &d.LegalBasis[i]
		if printFrom(r.Text) >= 0 || printFrom(r.Kind) >= 0 || printFrom(r.Number) >= 0 || printFrom(r.Title) >= 0 || printFrom(r.Issuer) >= 0 {
			return true
		}
	}
	if a := d.Approval; a != nil && (printFrom(a.Position) >= 0 || printFrom(a.Name) >= 0 || printFrom(a.Rank) >= 0 || printFrom(a.NIP) >= 0) {
		return true
	}
	return printFrom(d.Number) >= 0 || printFrom(d.Title) >= 0 || printFrom(d.Government) >= 0 || printFrom(d.Agency) >= 0 ||
		printFrom(d.Unit) >= 0 || printFrom(d.Warning) >= 0 || anyChanges(d.Qualifications) || anyChanges(d.Related) ||
		anyChanges(d.Equipment) || anyChanges(d.Records)
}

// anyChanges reports whether PrintText changes one of ss.
func anyChanges(ss []string) bool {
	for _, s := range ss {
		if printFrom(s) >= 0 {
			return true
		}
	}
	return false
}

// printableAll returns ss with PrintText applied to each, ss itself
// where none changes.
func printableAll(ss []string) []string {
	for i, s := range ss {
		if printFrom(s) >= 0 {
			out := make([]string, len(ss))
			copy(out, ss[:i])
			for k := i; k < len(ss); k++ {
				out[k] = PrintText(ss[k])
			}
			return out
		}
	}
	return ss
}

// printableBook returns a copy of info with PrintText applied to every
// text the book prints: the cover's, the decision's and the contents'.
func printableBook(info *BookInfo) *BookInfo {
	b := *info
	for _, s := range []*string{&b.Government, &b.Agency, &b.Unit, &b.Office.Address, &b.Office.Phone, &b.Office.Email, &b.Office.Website} {
		*s = PrintText(*s)
	}
	if info.Decree != nil {
		dc := *info.Decree
		dc.Number, dc.Place, dc.Issuer = PrintText(dc.Number), PrintText(dc.Place), PrintText(dc.Issuer)
		dc.Considering, dc.Legal = printableItems(dc.Considering), printableItems(dc.Legal)
		if dc.Signer != nil {
			sg := *dc.Signer
			sg.Position, sg.Name, sg.Rank, sg.NIP = PrintText(sg.Position), PrintText(sg.Name), PrintText(sg.Rank), PrintText(sg.NIP)
			dc.Signer = &sg
		}
		b.Decree = &dc
	}
	b.Entries = slices.Clone(info.Entries)
	for i := range b.Entries {
		e := &b.Entries[i]
		e.Number, e.Title, e.Unit = PrintText(e.Number), PrintText(e.Title), PrintText(e.Unit)
	}
	return &b
}

// printableItems returns the items of a list the decision letters or
// numbers itself, each as PrintText sets it and without the marker its
// author may have typed (esop.ListItem: Menimbang's points are given
// without their letters, yet an office may type them).
func printableItems(ss []string) []string {
	if ss == nil {
		return nil // the decision's defaults
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = esop.ListItem(PrintText(s))
	}
	return out
}

// PrintSubstitutes returns a copy of what PrintText sets in place of
// the characters Liberation Sans lacks (besides the numerals, spaces and
// invisible characters it handles by rule), for checking both sides
// against the font.
func PrintSubstitutes() map[rune]string { return maps.Clone(printSubst) }

// Coverer is a Measurer that knows which characters its font draws.
// PrintProblems reports the characters of a document it does not draw
// (after PrintText) where the measurer is one.
type Coverer interface {
	Covers(r rune) bool
}

// glyphProblems returns a warning (code print_glyph) for every printed
// field of d holding characters c does not draw once PrintText has set
// it, naming them: each prints as an empty box.
func glyphProblems(d *esop.Document, c Coverer) esop.Problems {
	var out esop.Problems
	eachPrinted(d, func(p printedPath, s *string) {
		var missing []string
		for _, r := range PrintText(*s) {
			if r == '\n' || r == ' ' || c.Covers(r) {
				continue
			}
			name := fmt.Sprintf("%c (U+%04X)", r, r)
			if !slices.Contains(missing, name) {
				missing = append(missing, name)
			}
		}
		if len(missing) == 0 {
			return
		}
		list := strings.Join(missing, ", ")
		en := "the print's font has no character " + list + "; it prints as an empty box: replace or remove it"
		if len(missing) > 1 {
			en = "the print's font has no characters " + list + "; they print as empty boxes: replace or remove them"
		}
		out = append(out, esop.Problem{Path: p.String(), Severity: esop.SeverityWarning, Code: "print_glyph",
			Message: esop.Text{
				ID: "huruf cetak tidak memiliki karakter " + list + "; di cetakan karakter itu tampil sebagai kotak kosong: ganti atau hapus",
				EN: en,
			}})
	})
	return out
}

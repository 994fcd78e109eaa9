package layout

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// PointMM is the length of one typographic point in millimetres. It is
// the one conversion from points to millimetres of the print: every part
// of it, and every renderer, converts with it.
const PointMM = 25.4 / 72

// LineSpacing is the distance between the baselines of two lines of text,
// as a multiple of the text size. Cell heights are computed with it, so
// renderers must set lines this far apart.
const LineSpacing = 1.2

// Padding inside a table cell, in millimetres: the text block of a cell
// starts CellPadX from its left and right edges and CellPadY from its top
// and bottom edges.
const (
	CellPadX = 1.2
	CellPadY = 1.0
)

// LineHeight returns the height in millimetres of one line of text set at
// size points: size × LineSpacing, converted to millimetres.
func LineHeight(size float64) float64 { return size * PointMM * LineSpacing }

// Baseline returns the baseline of line i (from 0) of a block of lines
// set at size points, LineHeight(size) apart, whose top is top: each line
// sits in the middle of its line height.
func Baseline(top float64, i int, size float64) float64 {
	lh := LineHeight(size)
	return top + float64(i)*lh + (lh-(Ascent+Descent)*size*PointMM)/2 + Ascent*size*PointMM
}

// ApproxMeasure returns a Measurer that approximates the advance widths of
// Liberation Sans (metric-compatible with Arial) from a table of widths
// per ASCII character; any other rune counts as wide as a digit. It needs
// no font file, so it suits tests and tools that only need the geometry;
// renderers should pass a Measurer built from the font they embed.
func ApproxMeasure() Measurer { return approxMeasurer{} }

type approxMeasurer struct{}

// Width implements Measurer.
func (approxMeasurer) Width(s string, size float64, bold bool) float64 {
	table, other := &regularASCII, 556
	if bold {
		table, other = &boldASCII, 611
	}
	em, i := 0, 0
	for ; i < len(s); i++ { // ASCII, most text, byte by byte
		c := s[i]
		if c >= utf8.RuneSelf {
			break
		}
		em += int(table[c])
	}
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			em += int(table[c])
			i++
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		em += other
		i += n
	}
	return float64(em) / 1000 * size * PointMM
}

// Advance widths in 1/1000 em of the printable ASCII characters, space
// (32) to tilde (126), of Arial and its metric clone Liberation Sans.
var regularWidths = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 … 9
	278, 278, 584, 584, 584, 556, 1015, // : … @
	667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A … M
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N … Z
	278, 278, 278, 469, 556, 333, // [ … `
	556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a … m
	556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n … z
	334, 260, 334, 584, // { … ~
}

// regularASCII and boldASCII are the widths by byte below 128: those of
// regularWidths and boldWidths, none for the control characters.
var regularASCII, boldASCII = asciiWidths(&regularWidths), asciiWidths(&boldWidths)

func asciiWidths(printable *[95]uint16) (out [utf8.RuneSelf]uint16) {
	copy(out[32:127], printable[:])
	return out
}

var boldWidths = [95]uint16{
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
	333, 333, 584, 584, 584, 611, 975,
	722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
	722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,
	333, 278, 333, 584, 556, 333,
	556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
	611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500,
	389, 280, 389, 584,
}

// Wrap breaks text into lines no wider than width millimetres set at
// size points: at spaces and at the line breaks of the text, and inside a
// word only when the word alone is wider than a line, then after a slash,
// dot or hyphen it has or between its syllables with a hyphen added (see
// hyphenPoints). Nothing is dropped but spaces. Every part of the
// printed SOP (the flowchart, the identity page, the book) breaks its
// lines with it.
func Wrap(m Measurer, text string, size float64, bold bool, width float64) []string {
	return wrap(m, text, size, bold, width)
}

// wrap is Wrap.
//
// It sums the widths of words to be quick, and measures every line it
// makes as a whole; should a measurer that kerns make a line too wide,
// it breaks that paragraph again measuring every candidate line.
func wrap(m Measurer, text string, size float64, bold bool, width float64) []string {
	return wrapWith(m, text, size, bold, width, false)
}

// HangMark starts every line of a list item after its first: the item
// "- Fotokopi ijazah terakhir" set as "- Fotokopi ijazah" and
// HangMark+"terakhir", drawn Cell.Hang further right, under the item's
// first word rather than under its dash (a hanging indent, as the
// identity page sets its numbered lists): the reviewer of session 26 read
// KELENGKAPAN's "terakhir" under the dash as an item of its own, in every
// print. Wrapped lines hold no other tab (white space between words is
// one space).
const HangMark = "\t"

// HangWidth is the indent of a list item's later lines (HangMark): its
// dash and the space after it.
func HangWidth(m Measurer, size float64, bold bool) float64 {
	return m.Width("-", size, bold) + m.Width(" ", size, bold)
}

// itemsHang reports whether the list items of text column j (cellTexts'
// order) hang: not WAKTU's, whose lines stand centred.
func itemsHang(j int) bool { return j != 2 }

// wrapCell wraps text as the cells of text column j are wrapped: its
// items hung (wrapItems) where the column hangs them, else by wrap.
func wrapCell(j int, m Measurer, text string, size, width float64) []string {
	if itemsHang(j) {
		return wrapItems(m, text, size, false, width)
	}
	return wrap(m, text, size, false, width)
}

// hangs reports whether para is a list item: a dash, a space and a word.
func hangs(para string) bool {
	if len(para) < 3 || para[0] != '-' || para[1] != ' ' {
		return false
	}
	s, _ := nextWord(para, 2)
	return s < len(para)
}

// wrapItems is wrap for the table's text cells: a paragraph that is a
// list item (hangs) is broken at the width less its dash, its later lines
// marked HangMark. WAKTU, centred, is wrapped by wrap (itemsHang).
func wrapItems(m Measurer, text string, size float64, bold bool, width float64) []string {
	if !strings.Contains(text, "- ") {
		return wrap(m, text, size, bold, width)
	}
	hang := HangWidth(m, size, bold)
	lines := make([]string, 0, 4)
	for para := range strings.SplitSeq(text, "\n") {
		if !hangs(para) || hang >= width {
			lines = wrapAppend(lines, m, para, size, bold, width, false)
			continue
		}
		start := len(lines)
		lines = wrapAppend(lines, m, para[2:], size, bold, width-hang, false)
		if len(lines) == start {
			continue // nothing but white space wrap does not split at (U+00A0) after the dash
		}
		if first := "- " + lines[start]; m.Width(first, size, bold) <= width {
			lines[start] = first
		} else {
			// A measurer that kerns (or rounds) "- " and the first line
			// wider than their parts: the item unhung, as wrap sets it.
			lines = wrapAppend(lines[:start], m, para, size, bold, width, false)
			continue
		}
		for k := start + 1; k < len(lines); k++ {
			lines[k] = HangMark + lines[k]
		}
	}
	return lines
}

// WrapFilled is Wrap for narrow columns: a word that does not fit the
// rest of a line is broken between its syllables when a part of it fills
// much of that room, so that a long name takes fewer lines.
func WrapFilled(m Measurer, text string, size float64, bold bool, width float64) []string {
	return wrapWith(m, text, size, bold, width, true)
}

// fillShare is how much of a line must be left empty for WrapFilled to
// break the next word to fill it.
const fillShare = 0.3

func wrapWith(m Measurer, text string, size float64, bold bool, width float64, fill bool) []string {
	// Room for the lines the text's bytes at half an em each would take.
	lines := make([]string, 0, 1+int(float64(len(text))*size*PointMM/2/max(width, 1)))
	return wrapAppend(lines, m, text, size, bold, width, fill)
}

// wrapAppend is wrapWith appending the lines to lines.
func wrapAppend(lines []string, m Measurer, text string, size float64, bold bool, width float64, fill bool) []string {
	space := m.Width(" ", size, bold)
	for para := range strings.SplitSeq(text, "\n") {
		start := len(lines)
		lines = wrapSummed(m, para, size, bold, width, space, lines, fill)
		for _, line := range lines[start:] {
			if m.Width(line, size, bold) > width {
				lines = wrapMeasured(m, para, size, bold, width, lines[:start])
				break
			}
		}
	}
	return lines
}

// wrapSummed appends the lines of one paragraph, adding up word widths.
func wrapSummed(m Measurer, para string, size float64, bold bool, width, space float64, lines []string, fill bool) []string {
	lineStart, lineEnd := -1, -1 // byte range of the current line in para
	lineW := 0.0
	for ws, we := nextWord(para, 0); ws < len(para); ws, we = nextWord(para, we) {
		w := m.Width(para[ws:we], size, bold)
		if lineStart >= 0 && lineW+space+w <= width {
			lineEnd, lineW = we, lineW+space+w
			continue
		}
		if room := width - lineW - space; fill && lineStart >= 0 && room >= fillShare*width {
			var buf [16]breakPoint
			if at, piece := lastFit(m, para[ws:we], 0, softBreaks(buf[:0], para[ws:we]), size, bold, room); at > 0 {
				lines = append(lines, singleSpaced(para[lineStart:lineEnd])+" "+piece)
				lineStart, lineEnd = ws+at, we
				lineW = m.Width(para[lineStart:lineEnd], size, bold)
				if lineW <= width {
					continue
				}
				// The rest is still wider than a line: broken below.
				w, ws, lineStart = lineW, lineStart, -1
			}
		}
		if w <= width {
			if lineStart >= 0 {
				lines = append(lines, singleSpaced(para[lineStart:lineEnd]))
			}
			lineStart, lineEnd, lineW = ws, we, w
			continue
		}
		// A word wider than a line: its first part ends the current line
		// when a syllable of it fits there.
		room := -1.0
		if lineStart >= 0 {
			room = max(0, width-lineW-space)
		}
		pieces := breakWord(m, para[ws:we], size, bold, room, width)
		if lineStart >= 0 {
			line := singleSpaced(para[lineStart:lineEnd])
			if pieces[0] != "" {
				line += " " + pieces[0]
			}
			lines = append(lines, line)
			pieces = pieces[1:]
		}
		lines = append(lines, pieces[:len(pieces)-1]...)
		last := pieces[len(pieces)-1]
		lineStart, lineEnd, lineW = we-len(last), we, m.Width(last, size, bold)
	}
	if lineStart >= 0 {
		lines = append(lines, singleSpaced(para[lineStart:lineEnd]))
	}
	return lines
}

// singleSpaced returns a line with its words one space apart, as its
// width was summed.
func singleSpaced(line string) string {
	for i := 0; i < len(line); i++ {
		if c := line[i]; c > ' ' {
			continue // most bytes: one comparison
		}
		if isSpace(line[i]) && (line[i] != ' ' || i+1 < len(line) && isSpace(line[i+1])) {
			return strings.Join(strings.Fields(line), " ")
		}
	}
	return line
}

// nextWord returns the byte range of the first word of s at or after i,
// or len(s) when there is none. Words are separated by white space.
func nextWord(s string, i int) (int, int) {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	j := i
	for j < len(s) && !isSpace(s[j]) {
		j++
	}
	return i, j
}

// noBreakSpace joins two words that wrap keeps on one line (it breaks
// at isSpace only): fitHeader's slash, wrapBound's numbers.
const noBreakSpace = "\u00a0"

func isSpace(c byte) bool {
	return c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') // most bytes: one comparison
}

// wrapMeasured appends the lines of one paragraph, measuring every
// candidate line as a whole.
func wrapMeasured(m Measurer, para string, size float64, bold bool, width float64, lines []string) []string {
	cur := ""
	for word := range strings.FieldsSeq(para) {
		if cur != "" {
			if cand := cur + " " + word; m.Width(cand, size, bold) <= width {
				cur = cand
				continue
			}
		}
		if m.Width(word, size, bold) <= width {
			if cur != "" {
				lines = append(lines, cur)
			}
			cur = word
			continue
		}
		room := -1.0
		if cur != "" {
			room = max(0, width-m.Width(cur+" ", size, bold))
		}
		pieces := breakWord(m, word, size, bold, room, width)
		if cur != "" {
			if cand := cur + " " + pieces[0]; pieces[0] != "" && m.Width(cand, size, bold) <= width {
				cur = cand
			} else if pieces[0] != "" {
				// Measured whole, the line with the syllable is too wide: the word starts a line.
				pieces = breakWord(m, word, size, bold, -1, width)
				pieces = append([]string{""}, pieces...)
			}
			lines = append(lines, cur)
			pieces = pieces[1:]
		}
		lines = append(lines, pieces[:len(pieces)-1]...)
		cur = pieces[len(pieces)-1]
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// breakPoint is a place inside a word where it may be broken.
type breakPoint struct {
	at     int  // byte offset: the break comes before word[at]
	hyphen bool // a hyphen is printed at the end of the first part
}

// softBreaks appends the places where word may be broken at the least
// cost to its reading: after a slash, dot or hyphen it holds (1.500/PR/,
// KEP.16/), and between the syllables of its runs of letters.
func softBreaks(dst []breakPoint, word string) []breakPoint {
	if len(word) < 2 {
		return dst // nothing to break
	}
	return breaksMemo.appendOf(dst, word, softBreaksOf)
}

// breaksMemo keeps the breaks of the words broken, for every layout of
// the process: the same words (a decision's "Tidak lengkap", an
// office's positions and forms) are broken again in every label wrap
// tried, every page and every print, and their syllables were a sixth of
// the labels' wrapping.
var breaksMemo wordMemo[breakPoint]

// wordMemo keeps what a function of a word appends for it, for the
// process; emptied when it holds wordMemoMax words.
type wordMemo[T any] struct {
	sync.Mutex
	of map[string][]T
}

// wordMemoMax bounds the words a wordMemo keeps.
const wordMemoMax = 1 << 14

// appendOf appends to dst what find appends for word, kept. find is
// given nil, not dst, and its result is kept as it is: dst, handed to a
// function value, would be taken to the heap, and the callers' buffers
// on the stack with it.
func (w *wordMemo[T]) appendOf(dst []T, word string, find func([]T, string) []T) []T {
	w.Lock()
	p, ok := w.of[word]
	w.Unlock()
	if !ok {
		p = slices.Clip(find(nil, word))
		w.Lock()
		if w.of == nil || len(w.of) >= wordMemoMax {
			w.of = map[string][]T{}
		}
		w.of[strings.Clone(word)] = p // not the text it was cut from
		w.Unlock()
	}
	return append(dst, p...)
}

// softBreaksOf is softBreaks without its memo.
func softBreaksOf(dst []breakPoint, word string) []breakPoint {
	if isAddress(word) {
		return addressBreaks(dst, word)
	}
	var buf [16]int
	syl := hyphenPoints(buf[:0], word)
	k := 0
	for i := 1; i < len(word); i++ {
		switch {
		case k < len(syl) && syl[k] == i:
			dst = append(dst, breakPoint{i, true})
			k++
		case strings.IndexByte("/.-", word[i-1]) >= 0 && word[i] != word[i-1]:
			dst = append(dst, breakPoint{i, false})
		}
	}
	return dst
}

// isAddress reports whether word is a web or e-mail address
// (https://oss.go.id/…, www.…, nama@kemnaker.go.id): a hyphen added
// where it breaks would be read as part of it, and the address typed
// from the print would be wrong (edge-long-text, the reviewer of
// session 18).
func isAddress(word string) bool {
	if strings.Contains(word, "://") || len(word) > 4 && strings.EqualFold(word[:4], "www.") {
		return true
	}
	at := strings.IndexByte(word, '@')
	return at > 0 && strings.IndexByte(word[at:], '.') > 0
}

// addressBreaks appends the places where an address may be broken
// without a hyphen: after a slash (not inside "//"), before a dot,
// underscore, "?", "&", "=", "#" or "@", as style guides break an
// address; never beside one of its hyphens (addressCut): a line ending
// in one reads as a word hyphenated, one starting with one, in a list
// of KELENGKAPAN, as a new item ("-berusaha-berbasis-risiko/", the
// second reviewer of session 18).
func addressBreaks(dst []breakPoint, word string) []breakPoint {
	for i := 1; i < len(word); i++ {
		switch {
		case !addressCut(word, i):
		case word[i-1] == '/' && word[i] != '/':
			dst = append(dst, breakPoint{i, false})
		case strings.IndexByte("._?&=#@", word[i]) >= 0 && word[i-1] != '/' && strings.IndexByte("._?&=#@", word[i-1]) < 0:
			dst = append(dst, breakPoint{i, false})
		}
	}
	return dst
}

// addressCut reports whether an address may be cut before word[i]: not
// beside a hyphen.
func addressCut(word string, i int) bool {
	return word[i] != '-' && word[i-1] != '-'
}

// breakWord cuts a word wider than a line into pieces that fit: the first
// no wider than room (the rest of the current line, negative when there
// is none; that piece is "" when no syllable fits there), the others no
// wider than width. A piece cut between letters ends with a hyphen. It
// breaks at the last soft break that fits (see softBreaks), else, in a
// word without one, after the last character that fits; every piece
// holds at least one character, so that it always ends.
func breakWord(m Measurer, word string, size float64, bold bool, room, width float64) []string {
	var buf [16]breakPoint
	soft := softBreaks(buf[:0], word)
	var pieces []string
	start := 0
	if room >= 0 {
		at, piece := lastFit(m, word, 0, soft, size, bold, room)
		pieces = append(pieces, piece)
		start = max(at, 0)
	}
	for m.Width(word[start:], size, bold) > width {
		at, piece := lastFit(m, word, start, soft, size, bold, width)
		if at < 0 {
			at, piece = hardBreak(m, word, start, size, bold, width, !isAddress(word))
		}
		pieces = append(pieces, piece)
		start = at
	}
	return append(pieces, word[start:])
}

// lastFit returns the last soft break after start whose piece, hyphen
// included, fits width, with the piece; -1 and "" when none fits.
func lastFit(m Measurer, word string, start int, soft []breakPoint, size float64, bold bool, width float64) (int, string) {
	for i := len(soft) - 1; i >= 0; i-- {
		b := soft[i]
		if b.at <= start {
			break
		}
		piece := word[start:b.at]
		if b.hyphen {
			piece += "-"
		}
		if m.Width(piece, size, bold) <= width {
			return b.at, piece
		}
	}
	return -1, ""
}

// hardBreak breaks a word after the last character from start that fits
// width, with a hyphen when it falls between two letters and hyphen is
// set (never in an address, isAddress); after the first
// character when none fits.
func hardBreak(m Measurer, word string, start int, size float64, bold bool, width float64, hyphen bool) (int, string) {
	_, first := utf8.DecodeRuneInString(word[start:])
	best, piece := start+first, word[start:start+first]
	for i := start + first; i < len(word); {
		_, n := utf8.DecodeRuneInString(word[i:])
		cand := word[start:i]
		if hyphen && isLetter(word[i-1]) && isLetter(word[i]) {
			cand += "-"
		}
		if m.Width(cand, size, bold) > width {
			break
		}
		if hyphen || addressCut(word, i) {
			best, piece = i, cand
		}
		i += n
	}
	return best, piece
}

// textHeight returns the height of a cell holding n lines at size points,
// padding included.
func textHeight(n int, size float64) float64 {
	return float64(n)*LineHeight(size) + 2*CellPadY
}

// wrapNoWidow is wrap for a paragraph of a list (the identity page's
// Dasar Hukum and the boxes beside it): a last line of one word under a
// line of three or more takes that line's last word too, where both fit
// and the line did not end in a hyphen: "… Nomor 11 / Tahun 2020" rather
// than "… Nomor 11 Tahun / 2020" (the A4 sample reviewer of session 13,
// sample 02). The number of lines is kept.
func wrapNoWidow(m Measurer, text string, size float64, bold bool, width float64) []string {
	lines := wrap(m, text, size, bold, width)
	n := len(lines)
	if n < 2 || strings.Contains(lines[n-1], " ") || strings.HasSuffix(lines[n-2], "-") {
		return lines
	}
	// Split at the spaces wrap breaks at: a no-break space binds (wrapBound).
	words := strings.FieldsFunc(lines[n-2], func(r rune) bool { return r < utf8.RuneSelf && isSpace(byte(r)) })
	if len(words) < 3 {
		return lines
	}
	last := words[len(words)-1] + " " + lines[n-1]
	if m.Width(last, size, bold) > width {
		return lines
	}
	out := slices.Clone(lines)
	out[n-2] = strings.Join(words[:len(words)-1], " ")
	out[n-1] = last
	return out
}

// WrapBalanced wraps text for a centred heading: in as few lines as Wrap
// takes, but each as short as that allows, so that the lines come out
// even rather than a long line over a last word.
func WrapBalanced(m Measurer, text string, size float64, bold bool, width float64) []string {
	lines := wrap(m, text, size, bold, width)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := width/2, width
	for hi-lo > 0.5 {
		mid := (lo + hi) / 2
		if len(wrap(m, text, size, bold, mid)) > len(lines) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return wrap(m, text, size, bold, hi)
}

package layout

import (
	"strings"
	"unicode/utf8"
)

// PointMM is the length of one typographic point in millimetres.
const PointMM = 0.3528

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

// ApproxMeasure returns a Measurer that approximates the advance widths of
// Liberation Sans (metric-compatible with Arial) from a table of widths
// per ASCII character; any other rune counts as wide as a digit. It needs
// no font file, so it suits tests and tools that only need the geometry;
// renderers should pass a Measurer built from the font they embed.
func ApproxMeasure() Measurer { return approxMeasurer{} }

type approxMeasurer struct{}

// Width implements Measurer.
func (approxMeasurer) Width(s string, size float64, bold bool) float64 {
	table, other := &regularWidths, 556
	if bold {
		table, other = &boldWidths, 611
	}
	em := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 32 && c < 127 {
				em += int(table[c-32])
			}
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

// wrap breaks text into lines no wider than width millimetres: at spaces,
// at line breaks in the text, and inside a word only when the word alone
// is wider than a line. Nothing is dropped but spaces.
//
// It sums the widths of words to be quick, and measures every line it
// makes as a whole; should a measurer that kerns make a line too wide,
// it breaks that paragraph again measuring every candidate line.
func wrap(m Measurer, text string, size float64, bold bool, width float64) []string {
	var lines []string
	space := m.Width(" ", size, bold)
	for para := range strings.SplitSeq(text, "\n") {
		start := len(lines)
		lines = wrapSummed(m, para, size, bold, width, space, lines)
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
func wrapSummed(m Measurer, para string, size float64, bold bool, width, space float64, lines []string) []string {
	lineStart, lineEnd := -1, -1 // byte range of the current line in para
	lineW := 0.0
	for ws, we := nextWord(para, 0); ws < len(para); ws, we = nextWord(para, we) {
		w := m.Width(para[ws:we], size, bold)
		if lineStart >= 0 && lineW+space+w <= width {
			lineEnd, lineW = we, lineW+space+w
			continue
		}
		if lineStart >= 0 {
			lines = append(lines, singleSpaced(para[lineStart:lineEnd]))
			lineStart = -1
		}
		if w <= width {
			lineStart, lineEnd, lineW = ws, we, w
			continue
		}
		pieces := breakWord(m, para[ws:we], size, bold, width)
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

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

// wrapMeasured appends the lines of one paragraph, measuring every
// candidate line as a whole.
func wrapMeasured(m Measurer, para string, size float64, bold bool, width float64, lines []string) []string {
	cur := ""
	for _, word := range strings.Fields(para) {
		if cur != "" {
			if cand := cur + " " + word; m.Width(cand, size, bold) <= width {
				cur = cand
				continue
			}
			lines = append(lines, cur)
			cur = ""
		}
		if m.Width(word, size, bold) <= width {
			cur = word
			continue
		}
		pieces := breakWord(m, word, size, bold, width)
		lines = append(lines, pieces[:len(pieces)-1]...)
		cur = pieces[len(pieces)-1]
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// breakWord cuts a word that is wider than a line into pieces that fit,
// keeping at least one rune per piece so that it always ends.
func breakWord(m Measurer, word string, size float64, bold bool, width float64) []string {
	var pieces []string
	start := 0
	for i, r := range word {
		if i > start && m.Width(word[start:i+utf8.RuneLen(r)], size, bold) > width {
			pieces = append(pieces, word[start:i])
			start = i
		}
	}
	return append(pieces, word[start:])
}

// textHeight returns the height of a cell holding n lines at size points,
// padding included.
func textHeight(n int, size float64) float64 {
	return float64(n)*LineHeight(size) + 2*CellPadY
}

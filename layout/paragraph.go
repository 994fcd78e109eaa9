package layout

import (
	"math"
	"strings"
)

// Justified text, as decisions (keputusan) are set: the lines of a
// paragraph spread from margin to margin, which looks right only when no
// line's spaces open wide. WrapJustified chooses the breaks of the whole
// paragraph at once, between words and between the syllables of a word
// (with a hyphen), so that the room left at the end of each line, to be
// spread over its spaces, stays small; Justify then places the words.

// Costs of the choice of breaks, as TeX counts them: a line's demerits
// are (lineCost + its badness)², its badness 100 r³ where r is how far its
// spaces open relative to a space, plus hyphenCost² for a hyphen.
const (
	lineDemerit = 10.0
	hyphenCost  = 100.0
	// maxStretch is how many spaces wide the widest gap of a justified
	// line may open; a line that would open wider costs far more than
	// any other choice, and is set ragged if it cannot be avoided.
	maxStretch = 2.2
	wideCost   = 1e8
)

// fragment is a piece of a paragraph that no break divides: a word, or
// the part of a word between two of its soft breaks.
type fragment struct {
	s       string
	w       float64
	wordEnd bool // a space follows (or the paragraph ends)
	hyphen  bool // a break after it prints a hyphen
}

// fragments cuts a paragraph into its words, and each word at its soft
// breaks (see softBreaks).
func fragments(m Measurer, text string, size float64, bold bool) []fragment {
	var out []fragment
	var buf [16]breakPoint
	for word := range strings.FieldsSeq(text) {
		prev := 0
		for _, b := range softBreaks(buf[:0], word) {
			out = append(out, fragment{s: word[prev:b.at], hyphen: b.hyphen})
			prev = b.at
		}
		out = append(out, fragment{s: word[prev:], wordEnd: true})
	}
	for i := range out {
		out[i].w = m.Width(out[i].s, size, bold)
	}
	return out
}

// WrapJustified breaks a paragraph into lines no wider than width, to be
// set justified: of all the ways to break it between words and between
// syllables, the one whose lines (all but the last) leave the least room
// at their ends, a hyphen counting against a break. Each line but the
// last, spread over its spaces by Justify, then opens them evenly.
func WrapJustified(m Measurer, text string, size float64, bold bool, width float64) []string {
	fr := fragments(m, text, size, bold)
	n := len(fr)
	if n == 0 {
		return nil
	}
	space := m.Width(" ", size, bold)
	hyph := m.Width("-", size, bold)
	// best[i] is the least cost of setting fr[i:]; next[i] where its first line ends.
	best := make([]float64, n+1)
	next := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = math.Inf(1)
		lw, gaps := 0.0, 0
		for j := i + 1; j <= n; j++ {
			f := fr[j-1]
			lw += f.w
			if j-1 > i && fr[j-2].wordEnd {
				lw += space
				gaps++
			}
			if j < n && !f.wordEnd {
				// A break inside a word: only at a soft break.
				w := lw
				if f.hyphen {
					w += hyph
				}
				if w > width && j > i+1 {
					break
				}
				if c := lineCost(width-w, gaps, space) + hyphenCost*hyphenCost + best[j]; c < best[i] {
					best[i], next[i] = c, j
				}
				continue
			}
			if lw > width && j > i+1 {
				break
			}
			c := best[j]
			if j < n {
				c += lineCost(width-lw, gaps, space)
			}
			if c < best[i] {
				best[i], next[i] = c, j
			}
		}
		if math.IsInf(best[i], 1) { // a fragment wider than the line: on its own
			next[i], best[i] = i+1, best[i+1]+1e9
		}
	}
	var lines []string
	for i := 0; i < n; i = next[i] {
		var b strings.Builder
		for k := i; k < next[i]; k++ {
			b.WriteString(fr[k].s)
			if fr[k].wordEnd && k < next[i]-1 {
				b.WriteByte(' ')
			}
		}
		if last := fr[next[i]-1]; !last.wordEnd && last.hyphen {
			b.WriteByte('-')
		}
		lines = append(lines, b.String())
	}
	return lines
}

// lineCost returns the demerits of a line that leaves slack millimetres
// to spread over gaps spaces.
func lineCost(slack float64, gaps int, space float64) float64 {
	if slack < 0 {
		return math.Inf(1)
	}
	if gaps == 0 { // one word: set ragged, as bad as its room is wide
		gaps = 1
	}
	r := slack / (float64(gaps) * space)
	b := min(100*r*r*r, 10000)
	d := (lineDemerit + b) * (lineDemerit + b)
	if r > maxStretch-1 {
		d += wideCost
	}
	return d
}

// Justify places the words of one line of justified text between x0 and
// x1 on the baseline y: spread over the width with even gaps, or set
// ragged from x0 when it is the last line of its paragraph, has a single
// word, or would open a gap wider than maxStretch spaces.
func Justify(m Measurer, line string, x0, x1, y, size float64, bold, last bool) []Text {
	words := strings.Fields(line)
	if len(words) == 0 {
		return nil
	}
	total := 0.0
	for _, w := range words {
		total += m.Width(w, size, bold)
	}
	space := m.Width(" ", size, bold)
	gap := space
	if !last && len(words) > 1 {
		if g := (x1 - x0 - total) / float64(len(words)-1); g <= maxStretch*space {
			gap = max(g, space*0.8)
		}
	}
	if gap == space {
		return []Text{{X: x0, Y: y, S: strings.Join(words, " "), Size: size, Bold: bold, Anchor: "start"}}
	}
	out := make([]Text, 0, len(words))
	x := x0
	for _, w := range words {
		out = append(out, Text{X: round2(x), Y: y, S: w, Size: size, Bold: bold, Anchor: "start"})
		x += m.Width(w, size, bold) + gap
	}
	return out
}

package layout

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/esop-malang/esop"
)

// Column kinds, left to right.
const (
	colNo           = "no"
	colActivity     = "activity"
	colActor        = "actor"
	colRequirements = "requirements"
	colTime         = "time"
	colOutput       = "output"
	colNote         = "note"
)

// Widths of the actor columns in millimetres: the preferred range, and
// the narrowest column that still holds a symbol and its two channels.
const (
	actorMin         = 20.0
	actorMax         = 40.0
	actorLabelMax    = 60.0 // the widest an actor column grows for long exit labels
	actorFewLabelMax = 90.0 // the same with one or two actors
	actorHardMin     = 12.0
	actorCrowdedMin  = 18.0 // the narrowest a pelaksana gives width to a decision's column in a crowded table
	margin           = ruleMargin
	noColumnMin      = 7.0
	noteShortName    = "KET."
	minTextColumn    = 8.0  // an empty text column keeps at least this, and its header
	textShare        = 0.62 // of the table's width that text columns get when actors could take it
	titleRoom        = 16.0 // the narrowest pelaksana for which the text columns keep their titles whole
)

// textColumn describes one of the five text columns of the table.
type textColumn struct {
	kind, title string
	short       string  // the title the column must at least hold
	hardMin     float64 // narrowest width at all
}

// textColumnSpecs returns the text columns in the order of cellTexts.
func textColumnSpecs() [5]textColumn {
	return [5]textColumn{
		{colActivity, "KEGIATAN", "KEGIATAN", 28},
		{colRequirements, "KELENGKAPAN", "KELENGKAPAN", 16},
		{colTime, "WAKTU", "WAKTU", 11},
		{colOutput, "OUTPUT", "OUTPUT", 14},
		{colNote, "KETERANGAN", noteShortName, 12},
	}
}

// cellTexts returns the texts of the text cells of step i, in the order
// of textColumnSpecs: activity, requirements, time, output, note.
func cellTexts(s *esop.Step) [5]string {
	req := ""
	// Not "- 1. KTP" where its author numbered the items, nor a dash
	// alone for an empty one (esop.ListItems).
	switch reqs := esop.ListItems(s.Requirements); len(reqs) {
	case 0:
	case 1:
		req = reqs[0]
	default:
		items := make([]string, len(reqs))
		for i, r := range reqs {
			items[i] = "- " + r
		}
		req = strings.Join(items, "\n")
	}
	// KEGIATAN without a number its author typed: NO numbers the rows.
	return [5]string{esop.ListItem(s.Activity), orDash(req), orDash(s.Time.Indonesian()), orDash(s.Output), s.Note}
}

// orDash returns s, or "-" for an empty field, as official forms print
// a field left empty. KETERANGAN is a note, not a field: it stays blank.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// columnDemand is what the content of one text column asks for.
type columnDemand struct {
	hard    float64 // the narrowest it may get
	min     float64 // narrow enough to keep its header and its longest word whole
	natural float64 // wide enough for every cell on one line
	demand  float64 // the total width of its text
}

// wordCap is the widest a column grows to keep a long word whole; longer
// words (addresses, codes) break anyway.
const wordCap = 35.0

// measureColumns returns what each text column's content asks for; a
// column's share of the free width is proportional to its demand. With a
// memo, the paragraphs' and the words' widths are the memo's (parasOf,
// wordsOf): the same texts are measured once for every use.
func measureColumns(m Measurer, texts [][5]string, size float64, wholeTitles bool, memo *columnsMemo) [5]columnDemand {
	var out [5]columnDemand
	hangW := HangWidth(m, size, false)
	for j, tc := range textColumnSpecs() {
		c := &out[j]
		head := m.Width(tc.short, size, true) + 2*CellPadX
		c.hard = max(min(tc.hardMin, head), minTextColumn)
		if wholeTitles {
			// A reviewer reads KELENGKAPAN, not KELENGKA-PAN: the column
			// keeps its title whole at the least header size.
			c.hard = max(c.hard, m.Width(tc.short, headerMinSize, true)+2*CellPadX+0.01)
		}
		c.min = max(c.hard, head)
		c.natural = c.min
		var paras *paraMeasures
		var words [][]float64
		if memo != nil {
			paras, words = memo.parasOf(m, texts, size, j), memo.wordsOf(m, texts, size, j)
		}
		for i, t := range texts {
			if t[j] != "" {
				c.hard = max(c.hard, tc.hardMin)
			}
			// The widths of the cell's words, paragraph after paragraph,
			// where they were measured as its words are split here (the
			// words of ASCII text; white space elsewhere may split
			// otherwise).
			var ws []float64
			if words != nil && words[i] != nil && isASCII(t[j]) {
				ws = words[i]
			}
			k := 0
			for line := range strings.SplitSeq(t[j], "\n") {
				var w float64
				if paras != nil {
					w = paras.widths[paras.at[i]+k]
				} else {
					w = m.Width(line, size, false)
				}
				k++
				c.demand += w
				c.natural = max(c.natural, w+2*CellPadX+0.01)
				// A list item's words stand beside its dash or under its
				// first word (wrapItems): each asks for the dash's width too.
				hang := 0.0
				if itemsHang(j) && hangs(line) {
					hang = hangW
				}
				if ws != nil {
					if len(ws) > 0 && ws[0] == paraHang {
						ws = ws[1:]
					}
					for ; len(ws) > 0 && ws[0] != paraEnd; ws = ws[1:] {
						c.min = max(c.min, min(ws[0]+hang+2*CellPadX+0.01, wordCap))
					}
					ws = ws[1:] // the paragraph's end
				} else {
					for word := range strings.FieldsSeq(line) {
						c.min = max(c.min, min(m.Width(word, size, false)+hang+2*CellPadX+0.01, wordCap))
					}
				}
				if tc.kind == colTime {
					// "30 menit" is read as one word: the column holds
					// every number with its unit on one line.
					for _, pair := range quantities(line) {
						w := min(m.Width(pair, size, false)+2*CellPadX+0.01, wordCap)
						c.min, c.hard = max(c.min, w), max(c.hard, w)
					}
				}
			}
		}
		c.min = max(c.min, c.hard)
		if tc.kind == colTime {
			// A time written as text ("sesuai jadwal pemberangkatan")
			// wraps like a note, a long word hyphenated: it does not
			// claim the width of its line, nor of its longest word, from
			// KEGIATAN.
			c.min = max(c.hard, min(c.min, timeNaturalMax))
			c.natural = max(c.min, min(c.natural, timeNaturalMax))
		}
	}
	return out
}

// isASCII reports whether s holds ASCII bytes only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// timeNaturalMax is the widest the WAKTU column asks for when every cell
// could stand on one line: wide enough for "sesuai jadwal" and for any
// number with its unit.
const timeNaturalMax = 22.0

// quantities returns every number of line with the word after it, its
// unit ("30 menit", "1 minggu").
func quantities(line string) []string {
	f := strings.Fields(line)
	var out []string
	for i := 0; i+1 < len(f); i++ {
		if isNumber(f[i]) {
			out = append(out, f[i]+" "+f[i+1])
		}
	}
	return out
}

// isNumber reports whether s is written with digits only, a decimal
// comma or point included.
func isNumber(s string) bool {
	digits := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case r == ',' || r == '.':
		default:
			return false
		}
	}
	return digits
}

// columns lays out the table columns across the width between the
// margins: NO, KEGIATAN, one column per actor, the three MUTU BAKU
// columns and KETERANGAN.
func columns(d *esop.Document, m Measurer, texts [][5]string, paper Size, size, share float64, extra, prior []float64, growth float64, tallTitles bool, channels [2]float64, memo *columnsMemo) ([]Column, [5]float64, error) {
	x0, x1 := margin, paper.W-margin
	noW := ceil2(max(noColumnMin, m.Width("NO", size, true)+2*CellPadX,
		m.Width(strconv.Itoa(len(d.Steps)), size, false)+2*CellPadX) + 0.01)
	n := float64(len(d.Actors))
	avail := x1 - x0 - noW
	// The text columns keep their titles whole unless that leaves the
	// pelaksana narrower than titleRoom (twelve of them on A4), whose
	// own titles, often long names, would then take more lines.
	dem := memo.demands(m, texts, size, true)
	mins, sumMin := textMinimums(dem, avail-n*actorMin)
	if (avail-sumMin)/n < titleRoom {
		dem = memo.demands(m, texts, size, false)
		mins, sumMin = textMinimums(dem, avail-n*actorMin)
	}
	aMin := min(actorMin, (avail-sumMin)/n)
	if aMin < actorHardMin {
		return nil, [5]float64{}, fmt.Errorf("layout: %d pelaksana do not fit across the paper (%.0f mm)", len(d.Actors), paper.W)
	}
	natural := 0.0
	for j := range dem {
		natural += max(dem[j].natural, mins[j])
	}
	// The text columns ask for their natural widths, but for no more than
	// a share of the table when that would squeeze the actors.
	textWant := min(natural, max(sumMin, share*avail))
	aMax := actorWidest(d, m)
	aw := min(max((avail-textWant)/n, aMin), aMax)
	// A decision's exit label is set beside its diamond, in half of its
	// column: the pelaksana holding decisions grow until the longest word
	// of their labels stands there whole ("Memenuhi", not "Me-/me-/nuhi"),
	// taking the width from the pelaksana without labels and from the
	// text (see labelWidths); the others keep aw.
	aws := labelWidths(d, m, texts, size, labelBudget{
		aw: aw, aMax: aMax, avail: avail, mins: mins, dem: dem,
		floor:  labelFloor(sumMin, share, avail),
		least:  labelLeast(sumMin, share, avail),
		extra:  extra,
		prior:  prior,
		growth: growth,
		memo:   memo,
	})
	aws = titlesFromText(d, m, aws, texts, size, avail, mins, dem, memo)
	aws = headerWidths(d, m, aws, labelNeeds(d, m, extra, memo), size)
	if tallTitles {
		aws = shorterTitles(d, m, aws, texts, size, avail, mins, dem, memo)
	}
	if channels != ([2]float64{}) && avail-sum(aws)-channels[0]-channels[1] >= sumMin-1e-9 {
		// The outer channels' room (channelRoom), from the text, every
		// text column keeping its least width.
		aws = slices.Clone(aws)
		aws[0] += channels[0]
		aws[len(aws)-1] += channels[1]
	}
	widths, left := waterfill(avail-sum(aws), mins, dem)
	textWords(d, m, aws, &widths, dem, labelNeeds(d, m, extra, memo), size)
	if left > 0 {
		// What no text column takes goes to the pelaksana alike, up to
		// aMax, then to the text again.
		grow := left / n
		for a := range aws {
			g := min(grow, max(aMax-aws[a], 0))
			aws[a] += g
			left -= g
		}
		left = wholeTitles(d, m, aws, size, left)
		spreadEvenly(&widths, left)
	}
	// The least each text column may give the pelaksana's gutters down
	// to (takeGutters): its minimum, and its longest word whole where it
	// is.
	var least [5]float64
	for j := range least {
		least[j] = mins[j]
		if widths[j] >= dem[j].min {
			least[j] = max(least[j], dem[j].min)
		}
	}
	return placeColumns(d, m, x0, x1, noW, aws, widths, size, 0, 0), least, nil
}

// noteMostStep is the most width KETERANGAN takes from one column at a
// time (widerNotes): a note of long words takes a line less only once
// a whole word more stands on a line.
const noteMostStep = 8

// noteExcessWeight is what a line of a note beyond its row's other cells
// costs widerNotes besides the row's height, as lines of height: a note
// one word to a line reads badly even where the row is no taller for it
// (every reviewer of issue 9 since session 21 marked them; session 25's
// after the row-height trade alone: still "must fix" in five prints).
const noteExcessWeight = 2.0

// noteDonorLeast is the narrowest KEGIATAN gives KETERANGAN width down
// to (widerNotes): narrower, its own text stands a word to a line.
const noteDonorLeast = 30.0

// activityLeast is the narrowest KEGIATAN gives KETERANGAN or OUTPUT
// width down to (widerNotes, widerOutputs): noteDonorLeast, and no
// narrower than a pelaksana as printed, the first and the last with the
// outer gutters. A pelaksana wider than KEGIATAN reads as out of
// proportion: a reviewer of session 32 marked sample 01 on F4, where the
// notes took KEGIATAN from 52.8 to 46.8 mm, under the Sekretaris' 47.9
// mm with one diamond and its labels, and the 200-step document on A4,
// where OUTPUT took it from 39.6 to 32.6 mm. The floor gives way where
// it leaves more cells nearly a word a line (heldToPelaksana): held
// hard, samples 07 and 14 set OUTPUT cells of two or three words a word
// a line for a KEGIATAN no line shorter.
func (l *layouter) activityLeast() float64 {
	least := noteDonorLeast
	n := len(l.d.Actors)
	if n < 2 || len(l.cols) < 3+n {
		// One pelaksana takes what the text leaves of the table: its
		// width says nothing of a column out of proportion (sample 21:
		// held to it, KEGIATAN took OUTPUT's width, no row lower).
		return least
	}
	gapL, gapR := gutters(l.cols)
	for a := range n {
		w := l.cols[2+a].W
		if a == 0 || a == n-1 {
			// openGutters may give either outer pelaksana both gutters
			// (where an arrow runs along its channel and none along the
			// other's).
			w += gapL + gapR
		}
		least = max(least, w)
	}
	return least
}

// widerNotes gives KETERANGAN width from KEGIATAN, KELENGKAPAN or OUTPUT
// while a note makes its row taller than the row's other cells do and
// the rows grow shorter for it in all, a note's lines beyond its row's
// other cells counted noteExcessWeight lines more. A column's share of the text's
// width follows how much text it holds (waterfill), so a note or two of
// a dozen words stood one word to a line in a column 16 mm wide, its
// row twice as tall as its other cells asked, beside a KEGIATAN of 45
// mm (samples 03, 05, 12, 20: reviewers of issue 9 marked it in every
// pass). The width moves in whole millimetres, the move that saves the
// most height for its width first; a donor keeps its longest word
// whole and never goes below its minimum (KEGIATAN below actLeast,
// activityLeast), the notes never come out wider than KEGIATAN, and the
// pelaksana keep theirs: only the text columns' share of the table
// changes.
//
// steps are the rows' cells as set at widths (their nLines). With room,
// a move must leave every page of the layout it mends its rows: the
// text's height its rows gain on a page stays within what that page has
// left under its table.
func widerNotes(m Measurer, texts [][5]string, size float64, widths *[5]float64, floors [5]float64, actLeast, natural float64, steps []stepInfo, room *pageRoom, memo *columnsMemo) {
	const note = 4
	if widths[note] >= natural-1e-9 {
		return // every note on one line
	}
	least := processMaxH + bandMinGap
	lh := LineHeight(size)
	height := func(r [5]int) float64 {
		h := rowTextHeight(r, size)
		return h + noteExcessWeight*lh*float64(max(0, r[4]-max(1, r[0], r[1], r[2], r[3])))
	}
	var notedBuf [8]int
	noted := notedBuf[:0] // the rows with a note
	taller := false
	for i := range steps {
		if texts[i][note] == "" {
			continue
		}
		noted = append(noted, i)
		n := &steps[i].nLines
		if n[5] > max(1, n[1], n[2], n[3], n[4]) && textHeight(n[5], size) > least {
			taller = true
		}
	}
	if !taller {
		return
	}
	var rowsBuf [32][5]int
	rows := rowsBuf[:0] // the lines of every row's text cells
	for i := range steps {
		n := &steps[i].nLines
		rows = append(rows, [5]int{n[1], n[2], n[3], n[4], n[5]})
	}
	notes := memo.counter(m, texts, size, note)
	use := newPageUse(room, rows, size)
	notedAt := make([]int, len(rows))
	for i := range notedAt {
		notedAt[i] = -1
	}
	for x, i := range noted {
		notedAt[i] = x
	}
	var counters [5]cellCounter
	var made [5]bool
	var buf [3][8]int
	nl := append(buf[0][:0], make([]int, len(noted))...)   // the notes' lines at a width tried
	last := append(buf[1][:0], make([]int, len(noted))...) // and at the width tried before
	most := append(buf[2][:0], make([]int, len(noted))...) // and at the most width a move gives
	for widths[note] < natural-1e-9 {
		// No move helps where no note takes fewer lines at the most
		// width a move gives.
		fewer := false
		for x, i := range noted {
			most[x] = notes.lines(i, widths[note]+noteMostStep)
			last[x] = rows[i][note]
			fewer = fewer || most[x] < last[x]
		}
		if !fewer {
			return
		}
		bestJ, bestK, bestGain := -1, 0, 0.0
		for k := 1; k <= noteMostStep; k++ {
			fk := float64(k)
			// A millimetre more that sets no note in fewer lines only
			// costs the donor more.
			fewer := false
			for x, i := range noted {
				if nl[x] = most[x]; k < noteMostStep && most[x] < last[x] {
					nl[x] = notes.lines(i, widths[note]+fk)
				}
				fewer = fewer || nl[x] < last[x]
			}
			if !fewer {
				continue
			}
			copy(last, nl)
			// What the notes save with the donor's cells as they are: the
			// most a move of k can gain.
			save := 0.0
			for x, i := range noted {
				r := rows[i]
				before := height(r)
				r[note] = nl[x]
				save += before - height(r)
			}
			if save/fk <= bestGain+1e-9 {
				continue
			}
			for _, j := range [...]int{0, 1, 3} {
				wj := widths[j] - fk
				if wj < floors[j]-1e-9 || j == 0 && wj < actLeast-1e-9 {
					continue
				}
				// The notes no wider than KEGIATAN after the move: sample
				// 02 on F4 gave them 46 mm beside a KEGIATAN of 38.
				act := widths[0]
				if j == 0 {
					act = wj
				}
				if widths[note]+fk > act+1e-9 {
					continue
				}
				if !made[j] {
					counters[j], made[j] = memo.counter(m, texts, size, j), true
				}
				at := func(i int) int {
					if texts[i][j] == "" {
						return rows[i][j]
					}
					return counters[j].lines(i, wj)
				}
				// The donor's rows without a note, which can only grow,
				// until they cost what the notes could save.
				gain := save
				for i := 0; i < len(rows) && gain/fk > bestGain+1e-9; i++ {
					if texts[i][note] != "" || texts[i][j] == "" {
						continue
					}
					if lj := at(i); lj > rows[i][j] {
						r := rows[i]
						before := height(r)
						r[j] = lj
						gain -= height(r) - before
					}
				}
				if gain/fk <= bestGain+1e-9 {
					continue
				}
				// Then the rows with a note, the donor's cells there too.
				gain -= save
				for x, i := range noted {
					r := rows[i]
					before := height(r)
					r[j], r[note] = at(i), nl[x]
					gain += before - height(r)
				}
				if gain/fk > bestGain+1e-9 && fitsPages(room, rows, texts, j, note, func(i int) (int, bool) {
					if x := notedAt[i]; x >= 0 {
						return nl[x], true
					}
					return 0, false
				}, at, size, use) {
					bestJ, bestK, bestGain = j, k, gain/fk
				}
			}
		}
		if bestJ < 0 {
			return
		}
		moveWidth(m, texts, size, widths, rows, bestJ, note, float64(bestK), memo)
		use.update(room, rows, size)
	}
}

// outputPairWeight is what a line of an OUTPUT cell beyond half its
// words (rounded up) costs widerOutputs, as lines of height.
const outputPairWeight = 1.0

// outputWords returns how many words each row's OUTPUT cell holds.
func outputWords(texts [][5]string) []int { return cellWordCounts(texts, 3) }

// cellWordCounts returns how many words each row's cell of text column j
// holds.
func cellWordCounts(texts [][5]string, j int) []int {
	words := make([]int, len(texts))
	for i := range texts {
		words[i] = wordCount(texts[i][j])
	}
	return words
}

// wordCount returns how many words s holds, split at white space.
func wordCount(s string) int {
	n, in := 0, false
	for k := 0; k < len(s); k++ {
		if isSpace(s[k]) || s[k] == '\n' {
			in = false
		} else if !in {
			n, in = n+1, true
		}
	}
	return n
}

// outputsCrowded reports whether an OUTPUT cell of steps stands in three
// lines or more, nearly a word a line (widerOutputs' first question).
func outputsCrowded(texts [][5]string, steps []stepInfo) bool {
	for i := range steps {
		if n := steps[i].nLines[4]; n >= 3 && outputPairs(wordCount(texts[i][3]), n) > 0 {
			return true
		}
	}
	return false
}

// outputPairs returns by how many lines an OUTPUT cell of words words in
// lines lines stands longer than two words a line.
func outputPairs(words, lines int) int {
	return max(0, lines-(words+1)/2)
}

// widerOutputs gives OUTPUT width from KEGIATAN (down to noteDonorLeast)
// or KELENGKAPAN in whole millimetres while its cells of three lines or
// more stand nearly a word a line and the rows, each such line weighed
// outputPairWeight lines more than its height, grow lower in all: sample
// 05 on A4 printed "Berita / acara / forum / perangkat / daerah" in 18.7
// mm beside a KELENGKAPAN of 33 (a reviewer's "must fix"). A move must
// leave the pages of room their rows (fitsPages).
func widerOutputs(m Measurer, texts [][5]string, size float64, widths *[5]float64, floors [5]float64, actLeast, natural float64, steps []stepInfo, room *pageRoom, memo *columnsMemo) {
	const out = 3
	if !outputsCrowded(texts, steps) {
		return
	}
	words := outputWords(texts)
	lh := LineHeight(size)
	// The donors' cells a word a line cost as OUTPUT's do.
	donorWords := [2][]int{cellWordCounts(texts, 0), cellWordCounts(texts, 1)}
	cost := func(i int, r [5]int) float64 {
		pairs := outputPairs(words[i], r[out]) + outputPairs(donorWords[0][i], r[0]) + outputPairs(donorWords[1][i], r[1])
		return rowTextHeight(r, size) + outputPairWeight*lh*float64(pairs)
	}
	rows := make([][5]int, len(steps))
	for i := range steps {
		n := &steps[i].nLines
		rows[i] = [5]int{n[1], n[2], n[3], n[4], n[5]}
	}
	use := newPageUse(room, rows, size)
	// The cells that stand a word a line: only they take fewer lines.
	var pen []int
	for i := range rows {
		if rows[i][out] >= 2 && outputPairs(words[i], rows[i][out]) > 0 {
			pen = append(pen, i)
		}
	}
	outs := memo.counter(m, texts, size, out)
	var counters [2]cellCounter
	var made [2]bool
	ol := make([]int, len(rows)) // OUTPUT's lines at a width tried
	last := make([]int, len(pen))
	for widths[out] < natural-1e-9 {
		bestJ, bestK, bestGain := -1, 0, 0.0
		for x, i := range pen {
			last[x] = rows[i][out]
		}
		for i := range rows {
			ol[i] = rows[i][out]
		}
		for k := 1; k <= min(noteMostStep, int(math.Floor(natural-widths[out]+1e-9))); k++ {
			fk := float64(k)
			fewer := false
			for x, i := range pen {
				ol[i] = outs.lines(i, widths[out]+fk)
				fewer = fewer || ol[i] < last[x]
				last[x] = ol[i]
			}
			if !fewer {
				continue
			}
			// What the cells save with the donor's as they are.
			save := 0.0
			for _, i := range pen {
				r := rows[i]
				before := cost(i, r)
				r[out] = ol[i]
				save += before - cost(i, r)
			}
			if save/fk <= bestGain+1e-9 {
				continue
			}
			for _, j := range [...]int{0, 1} {
				wj := widths[j] - fk
				if wj < floors[j]-1e-9 || j == 0 && wj < actLeast-1e-9 {
					continue
				}
				if !made[j] {
					counters[j], made[j] = memo.counter(m, texts, size, j), true
				}
				at := func(i int) int {
					if texts[i][j] == "" {
						return rows[i][j]
					}
					return counters[j].lines(i, wj)
				}
				// The donor's cells, which can only grow, until they cost
				// what OUTPUT's save.
				gain := save
				for i := 0; i < len(rows) && gain/fk > bestGain+1e-9; i++ {
					if texts[i][j] == "" {
						continue
					}
					if lj := at(i); lj > rows[i][j] {
						r := rows[i]
						r[out] = ol[i]
						before := cost(i, r)
						r[j] = lj
						gain -= cost(i, r) - before
					}
				}
				if gain/fk > bestGain+1e-9 && fitsPages(room, rows, texts, j, out, func(i int) (int, bool) { return ol[i], texts[i][out] != "" }, at, size, use) {
					bestJ, bestK, bestGain = j, k, gain/fk
				}
			}
		}
		if bestJ < 0 {
			return
		}
		moveWidth(m, texts, size, widths, rows, bestJ, out, float64(bestK), memo)
		use.update(room, rows, size)
	}
}

// moveWidth moves k millimetres of widths from text column from to text
// column to (widerNotes, widerOutputs) and counts both columns' cells of
// rows again at their new widths.
func moveWidth(m Measurer, texts [][5]string, size float64, widths *[5]float64, rows [][5]int, from, to int, k float64, memo *columnsMemo) {
	widths[from] -= k
	widths[to] += k
	for _, j := range [...]int{from, to} {
		cc := memo.counter(m, texts, size, j)
		for i := range rows {
			if texts[i][j] != "" {
				rows[i][j] = cc.lines(i, widths[j])
			}
		}
	}
}

// pageRoom is the pages of a layout a second one keeps (notesKept): the
// page each step stands on (-1 for none) and the height each page has
// left under its table.
type pageRoom struct {
	page []int
	left []float64
}

// rowTextHeight returns the height a row's text cells of r lines ask,
// at least a symbol's row.
func rowTextHeight(r [5]int, size float64) float64 {
	return max(textHeight(max(1, r[0], r[1], r[2], r[3], r[4]), size), processMaxH+bandMinGap)
}

// pageUse is what a search for a text column's width (widerNotes,
// widerOutputs) keeps of the room of the pages it must leave their rows:
// each row's height first, what each page's rows have gained since, and
// a buffer of one entry a page (fitsPages).
type pageUse struct {
	orig, used, grow []float64
}

// newPageUse returns the pageUse of rows on room's pages, none for nil.
func newPageUse(room *pageRoom, rows [][5]int, size float64) pageUse {
	if room == nil {
		return pageUse{}
	}
	u := pageUse{orig: make([]float64, len(rows)), used: make([]float64, len(room.left)), grow: make([]float64, len(room.left))}
	for i, r := range rows {
		u.orig[i] = rowTextHeight(r, size)
	}
	return u
}

// update sets what the rows of each page of room have gained in height.
func (u *pageUse) update(room *pageRoom, rows [][5]int, size float64) {
	if room == nil {
		return
	}
	clear(u.used)
	for i, r := range rows {
		if p := room.page[i]; p >= 0 {
			u.used[p] += rowTextHeight(r, size) - u.orig[i]
		}
	}
}

// fitsPages reports whether rows, with column j's cells as at gives them
// and the target column t's as target does (its lines, and whether they
// change), leave every page of room its rows: what they gain beyond what
// they have gained (use) on a page stays within what it has left.
func fitsPages(room *pageRoom, rows [][5]int, texts [][5]string, j, t int, target func(i int) (int, bool), at func(int) int, size float64, use pageUse) bool {
	if room == nil {
		return true
	}
	clear(use.grow)
	for i, r := range rows {
		p := room.page[i]
		if p < 0 {
			continue
		}
		before := rowTextHeight(r, size)
		if texts[i][j] != "" {
			r[j] = at(i)
		}
		if n, ok := target(i); ok {
			r[t] = n
		}
		use.grow[p] += rowTextHeight(r, size) - before
	}
	for p := range use.grow {
		if use.used[p]+use.grow[p] > room.left[p]+1e-9 {
			return false
		}
	}
	return true
}

// textWords gives a text column narrower than its longest word (a
// crowded table, the pelaksana at actorMin) width from the pelaksana
// without decisions, alike, down to the floor they give labels
// (crowdedFloor): on nine pelaksana on A4 OUTPUT was 14.7 mm and
// hyphenated "Reko-mendasi" and "adminis-trasi" in three lines, a
// reviewer's fault, while its words whole needed 19.7.
func textWords(d *esop.Document, m Measurer, aws []float64, widths *[5]float64, dem [5]columnDemand, needs []float64, size float64) {
	short := 0.0
	for j := range widths {
		short += max(dem[j].min-widths[j], 0)
	}
	if short < 0.01 {
		return
	}
	var donors []int
	aw := 0.0
	for a := range aws {
		if needs[a] == 0 {
			donors = append(donors, a)
			aw = max(aw, aws[a])
		}
	}
	if len(donors) == 0 {
		return
	}
	floor := crowdedFloor(d, m, needs, aw, size)
	room := 0.0
	for _, a := range donors {
		room += max(aws[a]-floor, 0)
	}
	give := min(short, room)
	if give < 0.01 {
		return
	}
	// Down alike from the widest donors, each at most to floor.
	left := give
	for left > 1e-9 {
		var open []int
		for _, a := range donors {
			if aws[a] > floor+1e-9 {
				open = append(open, a)
			}
		}
		if len(open) == 0 {
			break
		}
		each := left / float64(len(open))
		for _, a := range open {
			g := min(each, aws[a]-floor)
			aws[a] -= g
			left -= g
		}
	}
	give -= left
	for j := range widths {
		if d := max(dem[j].min-widths[j], 0); d > 0 {
			widths[j] += give * d / short
		}
	}
}

// actorWidest returns the widest an actor column grows when there is
// room: wider than actorMax when a decision's exit label needs it, so
// that the label stands beside its arrow clear of the channels.
func actorWidest(d *esop.Document, m Measurer) float64 {
	label := 0.0
	for _, s := range d.Steps {
		if s.Decision != nil {
			yes, no := s.Decision.Labels()
			label = max(label, m.Width(yes, LabelSize, false), m.Width(no, LabelSize, false))
		}
	}
	// Half the widest symbol, then the label beside its vertex, then a
	// track and the clearances of both.
	widest := actorLabelMax
	if len(d.Actors) <= 2 {
		widest = actorFewLabelMax
	}
	return min(max(actorMax, 2*(9+label+4)), widest)
}

// labelTextShare is the share of the table's width the text columns
// keep when the pelaksana grow for the words of exit labels, whatever
// that does to their rows.
const labelTextShare = 0.5

// labelTextLeast is the least share of the table's width the text
// columns keep when the pelaksana grow for the words of exit labels,
// and then only while their rows grow by at most labelRowsGrowth in
// all: a few more lines, at worst a page more, rather than a label
// broken into syllables ("more rows take more pages, not smaller type").
const (
	labelTextLeast  = 0.35
	labelRowsGrowth = 0.1
)

// labelBudget is what the pelaksana may take for the words of exit
// labels: each starts at aw and grows to at most aMax; the text columns
// (mins, dem) keep floor of avail freely and least when their rows grow
// little.
type labelBudget struct {
	aw, aMax, avail float64
	mins            [5]float64
	dem             [5]columnDemand
	floor, least    float64
	extra           []float64 // per pelaksana, width asked beyond its labels' need (see roomierLabels); nil for none
	prior           []float64 // what the layout before asked so (nearerLabels): a pelaksana not given extra falls back to it; nil for none
	growth          float64   // how much the text's rows may grow for the pelaksana (labelRowsGrowth, or labelRowsGrowthAiry)
	memo            *columnsMemo
	baseH           float64 // the rows' height with the text at avail less aw a pelaksana, once measured (grow)
}

// labelFloor returns what the text columns keep freely when pelaksana
// grow for labels: labelTextShare of the table, or share when a larger
// one is asked for to fit a row, and never less than their minimums.
func labelFloor(sumMin, share, avail float64) float64 {
	if share <= textShare {
		return max(sumMin, labelTextShare*avail)
	}
	return max(sumMin, share*avail)
}

// labelLeast returns the least the text columns keep when pelaksana
// grow for labels and their rows grow little: labelTextLeast of the
// table, none of it when a larger share is asked for to fit a row.
func labelLeast(sumMin, share, avail float64) float64 {
	if share <= textShare {
		return max(sumMin, labelTextLeast*avail)
	}
	return labelFloor(sumMin, share, avail)
}

// labelWidths returns the width of every actor column: aw, or for a
// pelaksana that holds a decision, wide enough for the longest word of
// its exit labels to stand whole beside the diamond (labelColumns). The
// width comes first from the text beyond its floor, then from the
// pelaksana without such a need, alike, down to actorMin, then from the
// text down to least while its rows grow by at most labelRowsGrowth.
// When not every pelaksana can grow, the cheapest grow: most labels
// whole for the width.
func labelWidths(d *esop.Document, m Measurer, texts [][5]string, size float64, b labelBudget) []float64 {
	base := b.memo.labelColumnsOf(d, m)
	needs := labelNeeds(d, m, b.extra, b.memo)
	// What they fall back to: what they had, or less where they ask less
	// (slimmerColumns). A pelaksana whose words fit aMax asks and had at
	// most aMax: asking more, it grows as far as it may, not back to aw.
	prior := labelNeeds(d, m, b.prior, b.memo)
	for a := range prior {
		if base[a] <= b.aMax {
			needs[a] = min(needs[a], b.aMax)
		}
		prior[a] = min(prior[a], needs[a])
	}
	// The pelaksana asking more than they asked before (extra against
	// prior), the least asked first: when the budget cannot give every
	// one of them what it asks, those asking most fall back to what they
	// had, not to aw (a column asking 9 mm more for a label beside its
	// vertex came out narrower than before and broke "Leng-/kap").
	var asked []int
	for a := range needs {
		if needs[a] > prior[a] {
			asked = append(asked, a)
		}
	}
	slices.SortStableFunc(asked, func(x, y int) int { return cmp.Compare(needs[x]-prior[x], needs[y]-prior[y]) })
	for k := len(asked); k > 0; k-- {
		try := slices.Clone(prior)
		for _, a := range asked[:k] {
			try[a] = needs[a]
		}
		if w, all := b.grow(d, m, texts, size, try); all {
			return w
		}
	}
	w, all := b.grow(d, m, texts, size, prior)
	if !all && b.prior != nil {
		w, _ = b.grow(d, m, texts, size, base)
	}
	return w
}

// grow returns the actor widths with the pelaksana of needs grown to
// them (labelWidths), and whether every one that asks to grow does.
func (b *labelBudget) grow(d *esop.Document, m Measurer, texts [][5]string, size float64, needs []float64) ([]float64, bool) {
	n := len(d.Actors)
	flat := slices.Repeat([]float64{b.aw}, n)
	var grow []int
	for a, need := range needs {
		if need > b.aw && need <= b.aMax {
			grow = append(grow, a)
		}
	}
	if len(grow) == 0 {
		return flat, true
	}
	slices.SortStableFunc(grow, func(x, y int) int { return cmp.Compare(needs[x], needs[y]) })
	least := min(b.least, b.floor)
	baseText := b.avail - float64(n)*b.aw
	// The pelaksana without decisions give down to actorMin; in a crowded
	// table, where they are at actorMin already and the text at the least
	// it keeps (nine pelaksana on A4), down to actorCrowdedMin while
	// their titles break no more words (headerFloor), since nothing else
	// is left to give.
	floor := actorMin
	if b.aw <= actorMin && baseText <= least+1e-9 {
		floor = crowdedFloor(d, m, needs, b.aw, size)
	}
	for k := len(grow); k > 0; k-- {
		w := grownWidths(flat, needs, grow[:k], b.aw, max(baseText-b.floor, 0), floor)
		text := b.avail - sum(w)
		if text >= min(b.floor, baseText)-1e-9 {
			return w, k == len(grow)
		}
		if text < least-1e-9 {
			continue
		}
		if b.baseH == 0 { // the same for every try of labelWidths
			b.baseH = textRowsHeight(m, texts, size, b.mins, b.dem, baseText, b.memo)
		}
		if textRowsHeight(m, texts, size, b.mins, b.dem, text, b.memo) <= b.baseH*(1+b.growth) {
			return w, k == len(grow)
		}
	}
	return flat, false
}

// labelNeeds returns what labelWidths counts as each pelaksana's need:
// labelColumns, with the extra width asked for its decisions.
func labelNeeds(d *esop.Document, m Measurer, extra []float64, memo *columnsMemo) []float64 {
	needs := memo.labelColumnsOf(d, m)
	for a := range extra {
		if needs[a] > 0 {
			needs[a] = ceil2(needs[a] + extra[a])
		}
	}
	return needs
}

// headerMaxGrow is the most a pelaksana grows for its title to stand
// with its words whole (headerWidths).
const headerMaxGrow = 12.0

// headerWidths returns the widths of the pelaksana aws with those whose
// titles break inside a word ("Kepala Bi-/dang Hubu-/ngan Indus-/trial")
// grown to the least width at which they break none (growTitles). The
// width comes alike from the pelaksana without decisions whose titles
// stay whole, each giving as much (they stay alike, as the table's
// pelaksana are but for those holding a decision), none below actorMin
// nor into breaking a word or taking more lines than the tallest whole
// title already takes. A reviewer read the header of the mediasi SOP
// hyphenated in five lines while "Pemohon" and "Para Pihak" had room to
// spare. The text columns and the pelaksana holding decisions are not
// touched.
func headerWidths(d *esop.Document, m Measurer, aws, needs []float64, size float64) []float64 {
	name := func(a int) string { return d.Actors[a].Name }
	fit := func(a int, width float64) fitCount { return titleFit(m, name(a), width, size) }
	keeps := func(b int, width float64, tallest int) bool {
		f := fit(b, width)
		return width >= actorMin-1e-9 && f.breaks == 0 && f.lines <= tallest
	}
	var donors []int
	tallest, broken := 0, false
	for a := range d.Actors {
		if f := fit(a, aws[a]); f.breaks > 0 {
			broken = true
		} else {
			tallest = max(tallest, f.lines)
			if needs[a] == 0 {
				donors = append(donors, a)
			}
		}
	}
	if !broken || len(donors) == 0 {
		return aws
	}
	// What every donor can give, alike, on a grid of 0.25 mm, by
	// bisection: down to the narrowest at which each still keeps its
	// title whole in no more lines (checked again below, where it gives).
	room := math.Inf(1)
	for _, b := range donors {
		lo, hi := 0, int((aws[b]-actorMin)/0.25)+1
		for hi-lo > 1 {
			if mid := (lo + hi) / 2; keeps(b, aws[b]-float64(mid)*0.25, tallest) {
				lo = mid
			} else {
				hi = mid
			}
		}
		room = min(room, float64(lo)*0.25)
	}
	given := 0.0
	w := growTitles(d, m, aws, size, func(a int, more float64) bool {
		if needs[a] > 0 || given+more > room*float64(len(donors))+1e-9 {
			return false
		}
		given += more
		return true
	})
	for _, b := range donors {
		w[b] -= given / float64(len(donors))
		if !keeps(b, w[b], tallest) {
			return aws // a width between those bisection tried breaks its title
		}
	}
	return w
}

// growTitles returns the widths of the pelaksana aws with those whose
// titles break inside a word in the header grown, left to right, to the
// least width at which they break none (wholeWidth), each when take
// allows the millimetres it needs.
func growTitles(d *esop.Document, m Measurer, aws []float64, size float64, take func(a int, more float64) bool) []float64 {
	w := slices.Clone(aws)
	for a, act := range d.Actors {
		if titleFit(m, act.Name, w[a], size).breaks == 0 {
			continue
		}
		if target, ok := wholeWidth(m, act.Name, w[a], size); ok && take(a, target-w[a]) {
			w[a] = target
		}
	}
	return w
}

// wholeWidth returns the least width from w up to w+headerMaxGrow, on a
// grid of 0.25 mm, at which title breaks no word in the header; false
// when none is found. It looks from the width of the title's widest word
// at the smallest size a header takes (narrower, that word breaks) a
// millimetre at a time, then back a quarter at a time from the first
// width found whole. Not by bisection: a title set smaller at some widths
// breaks no word there and again a little wider.
func wholeWidth(m Measurer, title string, w, size float64) (float64, bool) {
	widest := 0.0
	for word := range strings.FieldsSeq(title) {
		widest = max(widest, m.Width(word, headerMinSize, true))
	}
	last := int(headerMaxGrow / 0.25)
	whole := func(k int) bool { return titleFit(m, title, w+float64(k)*0.25, size).breaks == 0 }
	for k := max(0, int(math.Ceil((widest+2*CellPadX-w)/0.25-1e-9))); k <= last+3; k += 4 {
		k := min(k, last)
		if !whole(k) {
			continue
		}
		for k > 0 && whole(k-1) {
			k--
		}
		return w + float64(k)*0.25, true
	}
	return 0, false
}

// titlesFromText returns the widths of the pelaksana aws with those whose
// titles break inside a word grown (growTitles), the width taken from
// the text columns as long as no cell of the text takes another line for
// it (cellsGrow, the text columns shared as columns shares them) and
// every text column keeps its least width.
func titlesFromText(d *esop.Document, m Measurer, aws []float64, texts [][5]string, size, avail float64, mins [5]float64, dem [5]columnDemand, memo *columnsMemo) []float64 {
	sumMin := 0.0
	for _, v := range mins {
		sumMin += v
	}
	text := avail - sum(aws)
	return growTitles(d, m, aws, size, func(_ int, more float64) bool {
		if text-more < sumMin-1e-9 || memo.cellsGrow(m, texts, size, mins, dem, avail-sum(aws), text-more) {
			return false
		}
		text -= more
		return true
	})
}

// tallTitle returns the pelaksana of d whose title, set in a header cell
// of its width in aws, stands in more lines than any other's and more
// than titleLinesMost (titleTooTall), and its lines and the next tallest
// title's; -1 for none.
func tallTitle(d *esop.Document, m Measurer, aws []float64, size float64) (at, lines, next int) {
	at, lines, next = tallest(len(d.Actors), func(a int) int { return titleFit(m, d.Actors[a].Name, aws[a], size).lines })
	if !titleTooTall(lines, next) {
		return -1, lines, next
	}
	return at, lines, next
}

// tallest returns which of n counts (count(i) for each i) is the largest,
// the first of equals, with it and the next largest.
func tallest(n int, count func(i int) int) (at, most, next int) {
	at = -1
	for i := range n {
		if c := count(i); c > most {
			at, most, next = i, c, most
		} else if c > next {
			next = c
		}
	}
	return at, most, next
}

// titleTooTall reports whether a title of lines lines, the next tallest of
// the header's standing in next, is one shorterTitles gives width to.
func titleTooTall(lines, next int) bool { return lines > max(next, titleLinesMost) }

// shorterTitles returns the widths of the pelaksana aws with the one
// whose title stands in more lines than any other's and more than
// titleLinesMost (tallTitle) grown, up to headerMaxGrow, to the least
// width at which it takes no more lines than the next tallest title or
// titleLinesMost, else to the widest found that takes a line fewer; the
// width comes from the text columns, none below its minimum, where the
// rows' text grows by less than the header comes down on one page
// (textRowsHeight: it comes down on every page). Eleven
// prints had a pelaksana's title in five to eight lines where the next
// stood in three or four ("Kepala Bidang / Hubungan / Industrial / dan
// Jaminan / Sosial"), a header as tall on every page.
func shorterTitles(d *esop.Document, m Measurer, aws []float64, texts [][5]string, size, avail float64, mins [5]float64, dem [5]columnDemand, memo *columnsMemo) []float64 {
	at, tallest, next := tallTitle(d, m, aws, size)
	if at < 0 {
		return aws
	}
	target := max(next, titleLinesMost)
	sumMin := 0.0
	for _, v := range mins {
		sumMin += v
	}
	name := d.Actors[at].Name
	breaks := titleFit(m, name, aws[at], size).breaks
	text := avail - sum(aws)
	best := -1.0
	base := textRowsHeight(m, texts, size, mins, dem, text, memo)
	for k := 1; k <= int(headerMaxGrow/0.25); k++ {
		more := float64(k) * 0.25
		if text-more < sumMin-1e-9 {
			break
		}
		f := titleFit(m, name, aws[at]+more, size)
		if f.breaks > breaks || f.lines >= tallest {
			continue
		}
		// The rows' text may grow by less than the header comes down on
		// one page (it comes down on every page).
		if grown := textRowsHeight(m, texts, size, mins, dem, text-more, memo) - base; grown > float64(tallest-f.lines)*LineHeight(headerMinSize)-0.01 {
			continue
		}
		best = aws[at] + more
		if f.lines <= target {
			break
		}
	}
	if best < 0 {
		return aws
	}
	out := slices.Clone(aws)
	out[at] = best
	return out
}

// titleLinesMost is the most lines a pelaksana's title stands in before
// shorterTitles gives it width.
const titleLinesMost = 4

// wholeTitles grows, out of spare millimetres that the text columns do
// not need (their natural widths taken), the pelaksana of aws whose
// titles still break inside a word (growTitles), left to right while
// spare lasts; it returns what is left of spare. An empty KETERANGAN
// column took 25 mm in the mediasi SOP while "Kepala Bidang Hubungan
// Industrial dan Jaminan Sosial" was hyphenated in five lines beside it.
func wholeTitles(d *esop.Document, m Measurer, aws []float64, size, spare float64) float64 {
	w := growTitles(d, m, aws, size, func(_ int, more float64) bool {
		if more > spare+1e-9 {
			return false
		}
		spare -= more
		return true
	})
	copy(aws, w)
	return spare
}

// columnsMemo keeps, for the layouts of one document made by one call of
// Layout, the lines of its text columns at the widths tried (cellsGrow):
// the columns are made again for each share of the text and each layout
// (roomierLabels, shorterLabels). A nil memo keeps nothing.
type columnsMemo struct {
	lines map[textColAt][]int         // the lines of every row's cell of a text column at a width
	words map[textColAt][][]float64   // the widths of the words of every row's cell of a text column (wordsOf)
	paras map[textColAt]*paraMeasures // the paragraphs of every row's cell of a text column, measured whole (parasOf)

	// How exit labels break at the widths tried (labelWraps, wrapAt):
	// text and width alone decide it, so every layout of the document
	// shares them (nearerLabels' second layout wrapped them all again).
	wraps map[wrapKey][]wrapped
	spans map[string][]*wrapSpan

	dem map[demandsAt][5]columnDemand // what the text columns ask for (measureColumns)

	labelCols []float64 // labelColumns of the document (labelColumnsOf)

	total     *totalText // the total line measured, and its lines at the rooms tried (totalOf); nil for none
	totalMade bool

	texts [][5]string // the steps' text cells (textsOf)
	edges []flowEdge  // the edges of the flow (prepareEdges)

	layouters []*layouter // every layouter made with the memo, for releaseAll

	notes notesMemo // the notes' widths last found (notesWidths)

	// The columns and the steps' cells as prepareColumns laid them out
	// before the notes or the outputs take width (columnsBefore):
	// notesKept's and outputsKept's second layouts start from the first's.
	before []*columnsKept
}

// columnsKept is what prepareColumns made of a document on a paper at a
// share of the width with the pelaksana asking extra (and prior) beyond their
// labels' need, the gutters narrow or not, before notesFromText.
type columnsKept struct {
	paper        Size
	airy         bool
	tallTitles   bool
	channels     [2]float64
	share        float64
	extra, prior []float64
	narrow       bool
	cols         []Column
	textLeast    [5]float64
	lanes        lanes
	steps        []stepInfo
}

// columnsBefore returns the columns kept for l's layout at share, or nil.
func (c *columnsMemo) columnsBefore(l *layouter, share float64) *columnsKept {
	if c == nil {
		return nil
	}
	for _, k := range c.before {
		if k.paper == l.paper && k.share == share && k.airy == l.opt.airy && k.tallTitles == l.opt.tallTitles && k.channels == l.opt.channels && k.narrow == l.narrowGutters && slices.Equal(k.extra, l.extra) && slices.Equal(k.prior, l.opt.prior) {
			return k
		}
	}
	return nil
}

// keepColumns keeps l's columns and steps as prepareColumns made them
// at share (columnsBefore).
func (c *columnsMemo) keepColumns(l *layouter, share float64) {
	if c == nil {
		return
	}
	c.before = append(c.before, &columnsKept{paper: l.paper, airy: l.opt.airy, tallTitles: l.opt.tallTitles, channels: l.opt.channels, share: share, extra: slices.Clone(l.extra), prior: slices.Clone(l.opt.prior), narrow: l.narrowGutters,
		cols: slices.Clone(l.cols), textLeast: l.textLeast, lanes: l.lanes.clone(), steps: slices.Clone(l.steps)})
}

// restore gives l the columns and steps kept, as prepareSteps and
// takeGutters would make them.
func (k *columnsKept) restore(l *layouter, texts [][5]string) {
	l.forgetPages()
	l.cols, l.textLeast, l.lanes, l.texts = slices.Clone(k.cols), k.textLeast, k.lanes.clone(), texts
	l.steps = slices.Clone(k.steps)
}

// notesMemo is what widerNotes last found and from what: notesKept asks
// for the notes' widths, then its second layout asks again from the same
// columns and lines (widerNotes' search, 180 k instructions of Layout15,
// done once).
type notesMemo struct {
	made          bool
	before, least [5]float64
	act           float64 // activityLeast: the pelaksana's widths
	room          *pageRoom
	lines         [][6]int
	widths        [5]float64
}

// demands returns measureColumns of texts, kept: every layout of the
// document measures the same texts.
func (c *columnsMemo) demands(m Measurer, texts [][5]string, size float64, wholeTitles bool) [5]columnDemand {
	if c == nil {
		return measureColumns(m, texts, size, wholeTitles, nil)
	}
	k := demandsAt{size, wholeTitles}
	if d, ok := c.dem[k]; ok {
		return d
	}
	d := measureColumns(m, texts, size, wholeTitles, c)
	if c.dem == nil {
		c.dem = map[demandsAt][5]columnDemand{}
	}
	c.dem[k] = d
	return d
}

// totalOf returns the total line of d under the last row ("Jumlah waktu:
// 2 hari 15 menit") measured (totalText), or nil where d has none, kept:
// every layout of the document prints the same total (esop.TotalTime
// walks the paths of the flow), in the rooms its columns leave.
func (c *columnsMemo) totalOf(d *esop.Document, m Measurer, size float64) *totalText {
	if c != nil && c.totalMade {
		return c.total
	}
	var tl *totalText
	if t := esop.TotalTime(d); !t.IsZero() {
		tl = newTotalText(m, t.Indonesian(), size)
	}
	if c != nil {
		c.total, c.totalMade = tl, true
	}
	return tl
}

// textsOf returns the text cells of d's steps (cellTexts), kept: every
// layout of the document sets the same texts. The slice is shared: it is
// not to be changed.
func (c *columnsMemo) textsOf(d *esop.Document) [][5]string {
	if c != nil && c.texts != nil {
		return c.texts
	}
	texts := make([][5]string, len(d.Steps))
	for i := range d.Steps {
		texts[i] = cellTexts(&d.Steps[i])
	}
	if c != nil {
		c.texts = texts
	}
	return texts
}

// labelColumnsOf returns labelColumns of d, a copy of what the first
// call measured: every layout of the document asks it, and the one
// measurer it is made with.
func (c *columnsMemo) labelColumnsOf(d *esop.Document, m Measurer) []float64 {
	if c == nil {
		return labelColumns(d, m)
	}
	if c.labelCols == nil {
		c.labelCols = labelColumns(d, m)
	}
	return slices.Clone(c.labelCols)
}

// demandsAt names what the text columns ask for at one size.
type demandsAt struct {
	size  float64
	whole bool
}

// made records l, a layouter made with c, for releaseAll.
func (c *columnsMemo) made(l *layouter) {
	if c != nil {
		c.layouters = append(c.layouters, l)
	}
}

// releaseAll gives the buffers of every layouter made with c back to
// buffersPool (release); none of them may lay out a page after it.
func (c *columnsMemo) releaseAll() {
	if c == nil {
		return
	}
	for _, l := range c.layouters {
		l.release()
	}
	c.layouters = nil
}

// shareLabels makes the label wraps of c those of the layouter's labels;
// a nil memo shares nothing.
func (c *columnsMemo) shareLabels(lc *labelCache) {
	if c == nil {
		return
	}
	if c.wraps == nil {
		c.wraps, c.spans = make(map[wrapKey][]wrapped, 64), make(map[string][]*wrapSpan, 32)
	}
	lc.wraps, lc.spans = c.wraps, c.spans
}

type textColAt struct {
	col     int
	w, size float64
}

type titleAt struct {
	m       Measurer
	title   string
	w, size float64
}

// fitCount is how a title is set in a header cell: its lines that end
// inside a word (headerBreaks) and its lines.
type fitCount struct{ breaks, lines int }

// titleFit returns how title is set in a header cell w wide, kept for
// every layout of the process: the same titles (an office's positions)
// are laid out again in every print, preview and page of its SOPs, and
// the searches of the titles' widths ask the same widths again.
// Measurers that cannot be told apart (not comparable) are not kept; the
// memo is emptied when it holds titleMemoMax entries.
func titleFit(m Measurer, title string, w, size float64) fitCount {
	count := func() fitCount {
		lines := fitHeader(m, title, w, size).lines
		return fitCount{linesInWord(title, lines), len(lines)}
	}
	if !reflect.TypeOf(m).Comparable() {
		return count()
	}
	k := titleAt{m, title, round2(w), size}
	titleMemo.Lock()
	f, ok := titleMemo.fits[k]
	titleMemo.Unlock()
	if ok {
		return f
	}
	f = count()
	titleMemo.Lock()
	if titleMemo.fits == nil || len(titleMemo.fits) >= titleMemoMax {
		titleMemo.fits = map[titleAt]fitCount{}
	}
	titleMemo.fits[k] = f
	titleMemo.Unlock()
	return f
}

// titleMemoMax bounds the entries of titleMemo.
const titleMemoMax = 1 << 14

var titleMemo struct {
	sync.Mutex
	fits map[titleAt]fitCount
}

// linesAt returns the lines of every row's cell of text column j at
// width w, kept.
func (c *columnsMemo) linesAt(m Measurer, texts [][5]string, size float64, j int, w float64) []int {
	k := textColAt{j, round2(w), size}
	if c != nil {
		if lines, ok := c.lines[k]; ok {
			return lines
		}
	}
	lines := make([]int, len(texts))
	cc := c.counter(m, texts, size, j)
	for i := range texts {
		lines[i] = cc.lines(i, w)
	}
	if c != nil {
		if c.lines == nil {
			c.lines = map[textColAt][]int{}
		}
		c.lines[k] = lines
	}
	return lines
}

// cellCounter counts the lines of the cells of text column j: from
// their words' widths (wordsOf, countLines) where they decide it, else
// wrapped.
type cellCounter struct {
	m           Measurer
	texts       [][5]string
	size, space float64
	j           int
	words       [][]float64 // wordsOf; nil for a nil memo
}

// counter returns the cellCounter of text column j.
func (c *columnsMemo) counter(m Measurer, texts [][5]string, size float64, j int) cellCounter {
	return cellCounter{m: m, texts: texts, size: size, space: m.Width(" ", size, false), j: j, words: c.wordsOf(m, texts, size, j)}
}

// lines returns how many lines the cell of row i takes in a column w
// wide.
func (cc cellCounter) lines(i int, w float64) int {
	if cc.words != nil && cc.words[i] != nil {
		if n := countLines(cc.words[i], cc.space, w-2*CellPadX); n >= 0 {
			return n
		}
	}
	return len(wrapCell(cc.j, cc.m, cc.texts[i][cc.j], cc.size, w-2*CellPadX))
}

// paraMeasures are the paragraphs of every row's cell of one text
// column, measured whole (gutterRoom): how many each cell has, the
// widest of them, and their widths, cell i's from at[i] to at[i+1].
type paraMeasures struct {
	paras  []int
	widest []float64
	widths []float64
	at     []int
}

// parasOf returns the paragraphs of text column j measured (see
// paraMeasures), kept: every layout of the document gives its gutters
// from the same texts (nearerLabels' second layout measured them again).
func (c *columnsMemo) parasOf(m Measurer, texts [][5]string, size float64, j int) *paraMeasures {
	k := textColAt{col: j, size: size}
	if p, ok := c.paras[k]; ok {
		return p
	}
	n := len(texts)
	p := &paraMeasures{paras: make([]int, n), widest: make([]float64, n), widths: make([]float64, 0, n), at: make([]int, n+1)}
	for i, t := range texts {
		p.at[i] = len(p.widths)
		for para := range strings.SplitSeq(t[j], "\n") {
			w := m.Width(para, size, false)
			p.paras[i]++
			p.widest[i] = max(p.widest[i], w)
			p.widths = append(p.widths, w)
		}
	}
	p.at[n] = len(p.widths)
	if c.paras == nil {
		c.paras = map[textColAt]*paraMeasures{}
	}
	c.paras[k] = p
	return p
}

// wordsOf returns the widths of the words of every row's cell of text
// column j, a paragraph's end marked paraEnd, kept: linesAt counts the
// lines of a cell at each width tried without measuring it again. A cell
// whose paragraphs do not measure as their words and spaces add up has
// none (nil): it is wrapped. Nil for a nil memo.
func (c *columnsMemo) wordsOf(m Measurer, texts [][5]string, size float64, j int) [][]float64 {
	if c == nil {
		return nil
	}
	k := textColAt{col: j, size: size}
	if ws, ok := c.words[k]; ok {
		return ws
	}
	ws := make([][]float64, len(texts))
	space := m.Width(" ", size, false)
	// Every cell's widths in one array, cut into cells once all are in:
	// a word at most every other byte, and a paragraph's end.
	n := 0
	for _, t := range texts {
		n += len(t[j])/2 + 2
	}
	all := make([]float64, 0, n)
	ends := make([]int, len(texts)) // where each cell's widths end in all; -1 for a cell wrapped
	paras := c.parasOf(m, texts, size, j)
	for i, t := range texts {
		cell := len(all)
		k := paras.at[i] // the paragraph's width measured whole
		for para := range strings.SplitSeq(t[j], "\n") {
			if itemsHang(j) && hangs(para) {
				all = append(all, paraHang)
			}
			start, sum, from, to, bytes := len(all), 0.0, 0, 0, 0
			for s, e := nextWord(para, 0); s < len(para); s, e = nextWord(para, e) {
				w := m.Width(para[s:e], size, false)
				all = append(all, w)
				sum += w
				bytes += e - s
				if len(all) == start+1 {
					from = s
				}
				to = e
			}
			// wrap measures each line it makes whole: where the words and
			// spaces of the paragraph do not add up to its measure (a
			// measurer that kerns across a space, or a tab or double
			// space beside a narrow no-break space, which wrap's
			// single-spacing turns into a space), the cell is wrapped. A
			// paragraph of words one space apart is the line measured.
			n, whole := len(all)-start, paras.widths[k]
			k++
			if n > 0 && (from != 0 || to != len(para) || bytes+n-1 != len(para)) {
				whole = m.Width(singleSpaced(para[from:to]), size, false)
			}
			if n > 0 && abs(sum+float64(n-1)*space-whole) > countTol {
				all = all[:cell]
				break
			}
			all = append(all, paraEnd)
		}
		ends[i] = len(all)
		if len(all) == cell {
			ends[i] = -1
		}
	}
	from := 0
	for i, e := range ends {
		if e >= 0 {
			ws[i] = all[from:e:e]
			from = e
		}
	}
	if c.words == nil {
		c.words = map[textColAt][][]float64{}
	}
	c.words[k] = ws
	return ws
}

// paraEnd marks the end of a paragraph among a cell's word widths;
// paraHang the start of a list item's (hangs), whose lines after its
// first stand HangWidth in (wrapItems): its first word is the dash.
const (
	paraEnd  = -1.0
	paraHang = -2.0
)

// countLines returns how many lines the words of widths take in a line
// width wide, as wrap breaks them (wrapSummed: each word on the line it
// starts where it fits, summed in the same order), or -1 where wrap might
// break otherwise: a word wider than the line (broken between its
// syllables), or a line within countTol of the width, which wrap measures
// whole and may find a hair wider than the sum.
func countLines(widths []float64, space, width float64) int {
	lines, lineW, hang := 0, -1.0, 0.0 // hang: a list item's indent, its dash's width and a space
	for _, w := range widths {
		if w < 0 {
			if w == paraHang {
				hang = -1 // taken at the dash
				continue
			}
			if lineW >= 0 {
				lines++
			}
			lineW, hang = -1, 0
			continue
		}
		if lineW >= 0 {
			t := lineW + space + w
			if abs(t-width) < countTol {
				return -1
			}
			if t <= width {
				lineW = t
				continue
			}
			lines++
			if w = hang + w; w > width-countTol {
				return -1
			}
			lineW = w
			continue
		}
		if w > width-countTol {
			return -1
		}
		if hang < 0 {
			hang = w + space
		}
		lineW = w
	}
	if lineW >= 0 {
		lines++
	}
	return lines
}

// linesFromWidths returns the lines wrap breaks text into at width,
// from the widths of its words (wordsOf, a paragraph's end marked
// paraEnd), where countLines decides them; else nil. It breaks them as
// wrapSummed does, each word on the line it starts where it fits, and
// measures nothing.
func linesFromWidths(text string, widths []float64, space, width float64) []string {
	n := countLines(widths, space, width)
	if n < 0 {
		return nil
	}
	lines, k := make([]string, 0, n), 0
	// line returns para[a:b] with its words one space apart: as it
	// stands where they are (plain, the most lines), else made so.
	line := func(para string, a, b int, plain bool) string {
		if plain {
			return para[a:b]
		}
		return singleSpaced(para[a:b])
	}
	for para := range strings.SplitSeq(text, "\n") {
		lineStart, lineEnd, lineW, plain := -1, -1, 0.0, true
		hang, mark, first := 0.0, "", len(lines) // a list item's indent, its later lines' mark (wrapItems), its first line
		if widths[k] == paraHang {
			k++
			hang, mark = widths[k]+space, HangMark
		}
		for ws, we := nextWord(para, 0); ws < len(para); ws, we = nextWord(para, we) {
			w := widths[k]
			k++
			if lineStart >= 0 && lineW+space+w <= width {
				plain = plain && ws == lineEnd+1 && para[lineEnd] == ' '
				lineEnd, lineW = we, lineW+space+w
				continue
			}
			if lineStart >= 0 {
				lines = append(lines, line(para, lineStart, lineEnd, plain))
				w += hang
			}
			lineStart, lineEnd, lineW, plain = ws, we, w, true
		}
		if lineStart >= 0 {
			lines = append(lines, line(para, lineStart, lineEnd, plain))
		}
		if mark != "" {
			// The item's first line holds its dash; the others hang.
			for x := first + 1; x < len(lines); x++ {
				lines[x] = mark + lines[x]
			}
		}
		k++ // the paragraph's end
	}
	return lines
}

// countTol is how near the width a line's summed width sends countLines
// back to wrap.
const countTol = 1e-6

// cellsGrow reports whether some cell of the text takes more lines with
// to millimetres of text than with from, shared among the text columns
// as columns shares them: only the columns whose width changes are
// wrapped again. (A cell may take a line more without its row growing,
// when another cell of the row is taller; that is not looked for.)
func (c *columnsMemo) cellsGrow(m Measurer, texts [][5]string, size float64, mins [5]float64, dem [5]columnDemand, from, to float64) bool {
	was, left := waterfill(from, mins, dem)
	spreadEvenly(&was, left)
	now, left := waterfill(to, mins, dem)
	spreadEvenly(&now, left)
	for j := range now {
		if round2(now[j]) >= round2(was[j]) {
			continue
		}
		// The cells at the new width one by one, until one grows.
		before := c.linesAt(m, texts, size, j, was[j])
		cc := c.counter(m, texts, size, j)
		for i := range texts {
			if cc.lines(i, now[j]) > before[i] {
				return true
			}
		}
	}
	return false
}

// grownWidths returns the actor widths with the pelaksana of grown at
// their needs: the width they take comes from spare (the text beyond
// its floor) first, then from the others alike down to floor (actorMin,
// or crowdedFloor), a pelaksana with decisions of its own not below their
// need (donorFloor); what is still missing the caller takes from the text.
func grownWidths(flat, needs []float64, grown []int, aw, spare, floor float64) []float64 {
	w := slices.Clone(flat)
	extra := 0.0
	for _, a := range grown {
		extra += needs[a] - aw
		w[a] = needs[a]
	}
	extra -= min(spare, extra)
	var donors []int
	for a := range w {
		if !slices.Contains(grown, a) && aw > donorFloor(floor, needs[a], aw) {
			donors = append(donors, a)
		}
	}
	// Alike, but a donor at its floor gives no more and the others give
	// what it cannot.
	for extra > 1e-9 && len(donors) > 0 {
		give := extra / float64(len(donors))
		var open []int
		for _, a := range donors {
			g := min(give, w[a]-donorFloor(floor, needs[a], aw))
			w[a] -= g
			extra -= g
			if w[a] > donorFloor(floor, needs[a], aw)+1e-9 {
				open = append(open, a)
			}
		}
		donors = open
	}
	return w
}

// crowdedFloor returns the narrowest the pelaksana without decisions of
// a crowded table give their width down to, alike (they stay equal): the
// widest of their headerFloors.
func crowdedFloor(d *esop.Document, m Measurer, needs []float64, aw, size float64) float64 {
	floor := actorCrowdedMin
	for a, act := range d.Actors {
		if needs[a] == 0 {
			floor = max(floor, headerFloor(m, act.Name, aw, size))
		}
	}
	return floor
}

// headerFloor returns the narrowest a pelaksana of a crowded table gives
// its width down to: actorCrowdedMin, or wider while its title (set as
// newHeader sets it) would break more words than at aw, since a reviewer
// reads "Kepala Seksi", not "Kepala Sek-/si".
func headerFloor(m Measurer, title string, aw, size float64) float64 {
	at := headerBreaks(m, title, aw, size)
	w := aw
	for w-0.25 >= actorCrowdedMin-1e-9 && headerBreaks(m, title, w-0.25, size) <= at {
		w -= 0.25
	}
	return w
}

// headerBreaks returns how many lines of title, fitted into a header cell
// w millimetres wide (fitHeader), end inside a word (titleFit).
func headerBreaks(m Measurer, title string, w, size float64) int {
	return titleFit(m, title, w, size).breaks
}

// linesInWord returns how many of the lines title is set in end inside a
// word.
func linesInWord(title string, lines []string) int {
	words := map[string]bool{}
	for word := range strings.FieldsSeq(title) {
		words[word] = true
	}
	n := 0
	for _, line := range lines[:max(len(lines)-1, 0)] {
		if f := strings.Fields(line); len(f) == 0 || !words[f[len(f)-1]] {
			n++
		}
	}
	return n
}

// donorFloor returns the narrowest a pelaksana that does not grow may
// get to give its width to those that do: floor (actorMin, or in a
// crowded table crowdedFloor), but not below what its own decisions'
// labels need (need, 0 without decisions), nor above aw.
func donorFloor(floor, need, aw float64) float64 {
	return min(max(floor, need), aw)
}

// textRowsHeight returns the height the rows' text asks for in all with
// text millimetres shared among the text columns as columns shares it.
// Each row is at least as tall as a process symbol with its gaps.
func textRowsHeight(m Measurer, texts [][5]string, size float64, mins [5]float64, dem [5]columnDemand, text float64, memo *columnsMemo) float64 {
	widths, left := waterfill(text, mins, dem)
	spreadEvenly(&widths, left)
	var cols [5][]int
	for j := range cols {
		cols[j] = memo.linesAt(m, texts, size, j, widths[j])
	}
	least := processMaxH + bandMinGap
	h := 0.0
	for i := range texts {
		lines := 1
		for j := range cols {
			lines = max(lines, cols[j][i])
		}
		h += max(textHeight(lines, size), least)
	}
	return h
}

// labelColumns returns, for every pelaksana of d in order, how wide its
// column must be for every word of the exit labels of its decisions to
// stand whole beside the diamond: half the column, less the room a label
// keeps from the rule (labelNeedRuleGap) and from the arrow it names
// (labelGap), on each side; 0 for a pelaksana without decisions.
func labelColumns(d *esop.Document, m Measurer) []float64 {
	col := make(map[string]int, len(d.Actors))
	for i, a := range d.Actors {
		col[a.ID] = i
	}
	out := make([]float64, len(d.Actors))
	for _, s := range d.Steps {
		a, ok := col[s.Actor]
		if s.Decision == nil || !ok {
			continue
		}
		yes, no := s.Decision.Labels()
		out[a] = max(out[a], labelWordsNeed(m, yes), labelWordsNeed(m, no))
	}
	return out
}

// labelWordsNeed returns how wide a pelaksana column must be for every
// word of the label text to stand whole beside its diamond (labelNeed).
func labelWordsNeed(m Measurer, text string) float64 {
	need := 0.0
	for w := range strings.FieldsSeq(text) {
		need = max(need, labelNeed(m.Width(w, LabelSize, false)))
	}
	return need
}

// labelNeed returns how wide a pelaksana column must be for a label's
// line w millimetres wide to stand beside the diamond: half the column,
// less labelNeedRuleGap and labelGap (see labelColumns).
func labelNeed(w float64) float64 {
	return ceil2(2*(w+labelGap+labelNeedRuleGap) + 0.5)
}

// labelLinesWidth returns the least width in which text, filled line by
// line between words, takes at most n lines: the width of its longest
// word when that is enough.
func labelLinesWidth(m Measurer, text string, n int) float64 {
	words := strings.Fields(text)
	widths := make([]float64, len(words))
	for i, w := range words {
		widths[i] = m.Width(w, LabelSize, false)
	}
	space := m.Width(" ", LabelSize, false)
	// The narrowest width at which greedy filling takes n lines or fewer:
	// between the longest word and the whole text, found by bisection.
	lo, hi := 0.0, m.Width(text, LabelSize, false)
	for _, w := range widths {
		lo = max(lo, w)
	}
	fits := func(width float64) bool {
		lines, cur := 1, -space
		for _, w := range widths {
			if cur+space+w > width+1e-9 {
				lines, cur = lines+1, w
				continue
			}
			cur += space + w
		}
		return lines <= n
	}
	if fits(lo) {
		return lo
	}
	for hi-lo > 0.05 {
		mid := (lo + hi) / 2
		if fits(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// sum returns the sum of v.
func sum(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}

// textMinimums returns the minimum width of each text column: enough for
// its header and longest word when room allows, else shrunk toward its
// hard minimum in proportion, all columns alike.
func textMinimums(dem [5]columnDemand, room float64) ([5]float64, float64) {
	sumMin, sumHard := 0.0, 0.0
	for _, c := range dem {
		sumMin += c.min
		sumHard += c.hard
	}
	t := 1.0
	if sumMin > room && sumMin > sumHard {
		t = max(0, (room-sumHard)/(sumMin-sumHard))
	}
	var mins [5]float64
	total := 0.0
	for j, c := range dem {
		mins[j] = c.hard + t*(c.min-c.hard)
		total += mins[j]
	}
	return mins, total
}

// waterfill shares total among the text columns: each gets its minimum,
// then the rest in proportion to its demand, never more than its natural
// width. It returns the widths and what no column could take.
func waterfill(total float64, mins [5]float64, dem [5]columnDemand) ([5]float64, float64) {
	w := mins
	left := total
	for _, v := range mins {
		left -= v
	}
	for range 6 {
		sum, open := 0.0, 0
		for j := range w {
			if w[j] < dem[j].natural {
				sum += dem[j].demand
				open++
			}
		}
		if left <= 1e-9 || open == 0 {
			break
		}
		given := 0.0
		for j := range w {
			if w[j] >= dem[j].natural {
				continue
			}
			share := left / float64(open)
			if sum > 0 {
				share = left * dem[j].demand / sum
			}
			add := min(share, dem[j].natural-w[j])
			w[j] += add
			given += add
		}
		left -= given
	}
	return w, max(left, 0)
}

// spreadEvenly adds extra width to the text columns, most to KEGIATAN.
func spreadEvenly(w *[5]float64, extra float64) {
	if extra <= 0 {
		return
	}
	shares := [5]float64{4, 2, 1, 2, 2}
	for j := range w {
		w[j] += extra * shares[j] / 11
	}
}

// placeColumns turns widths into Columns with positions rounded to
// 0.01 mm; the last column absorbs the rounding so that the table ends
// exactly at x1.
func placeColumns(d *esop.Document, m Measurer, x0, x1, noW float64, aw []float64, tw [5]float64, size, gapL, gapR float64) []Column {
	specs := textColumnSpecs()
	cols := make([]Column, 0, len(d.Actors)+6)
	x := x0
	add := func(kind, actor, title string, w float64) {
		w = round2(w)
		cols = append(cols, Column{Kind: kind, Actor: actor, Title: title, X: round2(x), W: w, Middle: round2(x + w/2)})
		x = round2(x + w)
	}
	add(colNo, "", "NO", noW)
	add(colActivity, "", specs[0].title, tw[0])
	x = round2(x + gapL)
	for i, a := range d.Actors {
		add(colActor, a.ID, a.Name, aw[i])
	}
	x = round2(x + gapR)
	for j := 1; j < 5; j++ {
		add(specs[j].kind, "", specs[j].title, tw[j]) // KETERANGAN's shortened in the header where it must (newHeader)
	}
	last := &cols[len(cols)-1]
	last.W = round2(x1 - last.X)
	last.Middle = round2(last.X + last.W/2)
	return cols
}

// actorColumnAt returns the actor column x stands in, counted among the
// actor columns.
func (l *layouter) actorColumnAt(x float64) int {
	k := 0
	for k+1 < len(l.lanes.centers) && x >= l.cols[2+k+1].X {
		k++
	}
	return k
}

// labelNeedRuleGap is the room from the rule labelNeed counts for a label:
// what labelRuleGap was when the columns were sized for the labels' words
// (0.6 mm); a label keeps labelRuleGap where its column leaves it that.
const labelNeedRuleGap = 0.6

// labelRowsGrowthAiry is how much the text's rows may grow for a
// pelaksana asking room for a label squeezed against its run or set at a
// rule (widerForLabels' airy layouts), where other layouts let them grow
// by labelRowsGrowth.
const labelRowsGrowthAiry = 0.25

// rowsGrowth returns how much the text's rows may grow for the
// pelaksana's labels in a layout made with o.
func (o *Options) rowsGrowth() float64 {
	if o.airy {
		return labelRowsGrowthAiry
	}
	return labelRowsGrowth
}

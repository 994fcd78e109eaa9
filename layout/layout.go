package layout

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/esop-malang/esop"
)

// Rows per page when neither the options nor the document say: 0, as
// many as fit the page, so that a short SOP is not spread over pages
// half empty. An author who wants the fixed counts of some offices (6
// on the first page, 5 later) sets layout.firstPageSteps and pageSteps.
const (
	defaultFirstPageSteps = 0
	defaultPageSteps      = 0
)

// Layout lays out the flowchart part of d, which must be valid (esop.Validate
// reports no errors), on landscape pages: the table with its header on every
// page, one symbol per step in its actor's column, the routed arrows, the
// off-page connectors where arrows cross a page break, and the total time.
// A nil opt uses the document's layout hints, then the defaults (A4; as many
// rows a page as fit).
//
// Layout does not modify d and is safe for concurrent use. It returns an
// error only for what no page can hold: a row taller than a page, more
// actors than fit across the paper, or more arrows crossing one page break
// than connectors fit side by side.
func Layout(d *esop.Document, opt *Options) (*Diagram, error) {
	// The layouts of the document made below (roomierLabels,
	// shorterLabels) share what their columns measure.
	o := Options{}
	if opt != nil {
		o = *opt
	}
	o.memo = &columnsMemo{}
	d = printableDoc(d, true)
	l, pages, err := layoutChain(d, &o)
	if err != nil {
		return nil, err
	}
	for i := range pages {
		pages[i].crossKnown = false // the arrows move from here on (openRows, alignConnectors, centreExits)
		l.fillTable(&pages[i])
	}
	for i := range pages {
		markHops(&pages[i])
	}
	cols := l.openGutters(pages)
	rules := actorRulesOf(cols)
	for i := range pages {
		openRows(&pages[i], l.head.y2, l.frame.Bottom)
		alignConnectors(pages, i, rules)
		easeConnectors(&pages[i], rules)
		centreExits(&pages[i], rules)
		easeLabels(&pages[i], rules)
		easeCrossings(&pages[i], cols, rules)
		remarkHops(&pages[i])
	}
	// The bands' words once every connector has its last place: they
	// name the connectors in the order the pentagons stand, and
	// alignConnectors may move one past another (generated seed 20 #282).
	l.connectorRefs(pages)
	o.memo.releaseAll() // l's buffers, its reference's and those of every layout tried
	return &Diagram{Paper: l.paper, Margin: Margin, Frame: l.frame, BodySize: l.body, Columns: cols, Pages: pages, Total: l.total, TotalLines: totalLines(l, pages)}, nil
}

// layoutChain lays d out, then again where a second layout serves a
// fault of the first better (roomierLabels, shorterLabels,
// slimmerColumns, nearerLabels, labelsOffHeads, clearerLabels), and
// returns the layouter and pages kept, before the tables are filled.
func layoutChain(d *esop.Document, opt *Options) (*layouter, []Page, error) {
	l, pages, err := layoutPages(d, opt, nil)
	if err != nil {
		return nil, nil, err
	}
	if r, rp := l.shorterHeader(pages); r != nil {
		// The layouts after it keep the title's width.
		l, pages = r, rp
		o := *opt
		o.tallTitles = true
		opt = &o
	}
	if r, rp := l.roomierLabels(opt, pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.shorterLabels(opt, pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.slimmerColumns(opt, pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.nearerLabels(opt, pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.labelsOffHeads(opt, pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.clearerLabels(opt, pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.airierLabels(opt, pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.labelsOffRules(opt, pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.notesKept(pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.outputsKept(pages); r != nil {
		l, pages = r, rp
	}
	if r, rp := l.channelRoom(pages); r != nil {
		l, pages = r, rp
	}
	return l, pages, nil
}

// channelRoom lays d out again where a run in the outer channel of the
// first pelaksana (or the last) will stand nearer its rule than
// runRuleWant once the gutters are open (outerShort): the text gave that
// side no gutter without a row growing, and connector B's line on sample
// 20's last page on A4 ran 100 mm 2.4 mm beside the table's rule, round
// terminator 19 (both reviewer passes of session 31; its only other way
// down crosses row 15's run). That pelaksana takes twice the shortfall
// from the text (Options.channels), its rows growing within its pages;
// kept as notesKept keeps its layout (the same rows and routes, no label
// worse placed), the runs' shortfall less in all. Three or four times
// the shortfall: the same print, or the rows ran over.
func (l *layouter) channelRoom(pages []Page) (*layouter, []Page) {
	if l.opt.channels != ([2]float64{}) {
		return nil, nil
	}
	sl, sr := l.outerShort(pages)
	if sl <= outerShortLeast && sr <= outerShortLeast {
		return nil, nil
	}
	o := l.opt
	if sl > outerShortLeast {
		o.channels[0] = ceil2(2 * sl)
	}
	if sr > outerShortLeast {
		o.channels[1] = ceil2(2 * sr)
	}
	short := func(r *layouter, rp []Page) int {
		a, b := r.outerShort(rp)
		return int(math.Round((a + b) * 100))
	}
	r, rp := l.widerRemade(&o, pages, l.extra, short, nil)
	if !l.keptAsRouted(pages, r, rp) {
		return nil, nil
	}
	return r, rp
}

// outerShortLeast is the shortfall channelRoom leaves alone.
const outerShortLeast = 0.25

// outerShort returns by how much the run nearest the table's rule in the
// outer channel left of the first pelaksana, and right of the last, will
// stand nearer it than runRuleWant once openGutters gives it its gain
// (runGain); 0 for a channel no arrow runs along.
func (l *layouter) outerShort(pages []Page) (left, right float64) {
	gainL, gainR, runL, runR, needL, needR := l.outerGains(pages)
	if needL {
		d := runL - l.lanes.x0
		left = max(0, runRuleWant-d-runGain(gainL, d))
	}
	if needR {
		d := l.lanes.x1 - runR
		right = max(0, runRuleWant-d-runGain(gainR, d))
	}
	return left, right
}

// shorterHeader lays d out again where one pelaksana's title stands in
// more lines than any other's and more than titleLinesMost: that
// pelaksana given width from the text (shorterTitles), the header lower
// on every page. Kept as notesKept keeps its layout: on the same rows
// and routes, no label worse placed (keptAsRouted), no more words
// broken, the header lower. The chain's first step: the labels' layouts
// after it are made with the title's width (and the room the lower
// header leaves, which sample 14 on A4 needs for "Diterima"). Given as a
// change of the columns alone, the width moved sample 14's routes on A4
// (a label out of its place, the routes of A4 and F4 no longer alike)
// and brought a run of 116 mm within 5 mm of the outer rule (sample 15
// on F4).
func (l *layouter) shorterHeader(pages []Page) (*layouter, []Page) {
	if l.opt.tallTitles || len(l.head.cells) < 5+len(l.d.Actors) {
		return nil, nil
	}
	// The titles as the header set them (newHeader: after the five
	// cells of its first row, the pelaksana's in order), measured once.
	titles := l.head.cells[5 : 5+len(l.d.Actors)]
	if _, most, next := tallest(len(titles), func(i int) int { return len(titles[i].Lines) }); !titleTooTall(most, next) {
		return nil, nil
	}
	o := l.opt
	o.tallTitles = true
	header := func(r *layouter, _ []Page) int { return int(math.Round(r.head.y2 * 100)) }
	// No outer channel an arrow runs along given a narrower gutter
	// (openGutters): the text gives the title what it gave the channels
	// beside the table's rules (sample 15 on F4, a run of 116 mm 4.75 mm
	// from the rule, 5 mm or more before). The routes are kept, so the
	// channels used are the first layout's.
	gl, gr, _, _, needL, needR := l.outerGains(pages)
	wide := func(r *layouter) bool {
		bl, br := gutters(r.cols)
		hl, hr := gainsOf(bl, br, needL, needR)
		return (!needL || hl >= gl-0.01) && (!needR || hr >= gr-0.01) && !narrowerGutters(r.cols, l.cols)
	}
	// No text cell nearer a word a line for it (shortLines): the width
	// comes from the text, and OUTPUT's "Berkas / terperiksa" read worse
	// than a header a line taller (sample 11 on A4).
	// Nor more cells ending in a word alone on their last line (widows):
	// a reviewer read 13 A4's header a line lower with "pemagangan" alone
	// under row 7's KEGIATAN as "a trade, not an improvement" (there row
	// 1's "Dinas" went up a line as it came, and the layout stands).
	short := func(r *layouter) bool { return r.shortLines() <= l.shortLines() && r.widows() <= l.widows() }
	r, rp := l.widerRemade(&o, pages, l.extra, header, func(r *layouter) bool { return wide(r) && short(r) })
	// The pages no taller in all, their header with them (pagesHeight):
	// the rows the text's width was taken from may grow more than the
	// header comes down (sample 13 on A4 with the printed fonts).
	if !l.keptAsRouted(pages, r, rp) || pagesHeight(rp) > pagesHeight(pages)+0.01 {
		return nil, nil
	}
	return r, rp
}

// widows returns how many text cells of l's rows of two lines or more end
// with a line of one word.
func (l *layouter) widows() int {
	n := 0
	for i := range l.steps {
		for j := 1; j <= 5; j++ {
			if l.steps[i].nLines[j] < 2 {
				continue
			}
			if lines := l.stepLines(i, j); len(lines) > 1 && !strings.ContainsAny(strings.TrimSpace(lines[len(lines)-1]), " ") {
				n++
			}
		}
	}
	return n
}

// shortLines returns by how many lines in all the text cells of l's rows
// stand longer than two words a line (outputPairs), over the five text
// columns.
func (l *layouter) shortLines() int {
	n := 0
	for j := range 5 {
		for i, words := range cellWordCounts(l.texts, j) {
			n += outputPairs(words, l.steps[i].nLines[j+1])
		}
	}
	return n
}

// textCrowding returns by how many lines in all the text of l's rows
// stands crowded: cells longer than two words a line (shortLines) and
// notes taller than their rows' other cells (notesTaller).
func (l *layouter) textCrowding() int { return l.shortLines() + l.notesTaller() }

// notesKept lays d out again when notes make their rows taller than the
// rows' other cells and KETERANGAN could take width from the other text
// columns for them (widerNotes, notesFromText): a note of a dozen words
// stood one word to a line, its row twice as tall as the rest asked, in
// every print a reviewer of issue 9 marked it in (samples 03, 05, 12,
// 16, 20). Given the width before the routes are chosen, the notes
// changed the routes of other prints (sample 14 on A4, its labels
// ambiguous, unlike F4): the second layout is kept only with the same
// rows and routes (widerRemade, sameRoutes), its notes shorter, and no
// label worse placed (labelsNoWorse).
func (l *layouter) notesKept(pages []Page) (*layouter, []Page) {
	if l.opt.widerNotes {
		return nil, nil
	}
	// The width the notes ask first; where that makes the rows too tall
	// for the pages kept, the width they may take within the pages' room.
	if widths, before := l.notesWidths(l.texts, nil); widths == before {
		return nil, nil
	}
	if r, rp := l.notesRemade(pages, nil); r != nil {
		return r, rp
	}
	room := l.pageRoomOf(pages)
	if widths, before := l.notesWidths(l.texts, room); widths == before {
		return nil, nil
	}
	return l.notesRemade(pages, room)
}

// notesRemade is notesKept's second layout, the notes' width taken within
// room (nil for none), or nil where it is not kept.
func (l *layouter) notesRemade(pages []Page, room *pageRoom) (*layouter, []Page) {
	// As l was made (its prior asks among them, where nearerLabels made
	// it), the notes given width.
	o := l.opt
	o.widerNotes, o.notesRoom = true, room
	fewer := func(r *layouter) bool { return r.notesTaller() < l.notesTaller() } // the notes' lines alone
	r, rp := l.widerRemade(&o, pages, l.extra, func(r *layouter, _ []Page) int { return r.notesTaller() }, fewer)
	if !l.keptAsRouted(pages, r, rp) {
		return nil, nil
	}
	return r, rp
}

// outputsKept lays d out again where OUTPUT's cells stand nearly a word
// a line and the text columns could give it width within the pages' room
// (widerOutputs), kept as notesKept keeps its layout: the same rows and
// routes, fewer such lines, no label worse placed.
func (l *layouter) outputsKept(pages []Page) (*layouter, []Page) {
	if l.opt.widerOutputs || !outputsCrowded(l.texts, l.steps) {
		return nil, nil
	}
	room := l.pageRoomOf(pages)
	widths := l.textWidths()
	before := widths
	l.outputsWidths(l.texts, &widths, l.steps, room)
	if widths == before {
		return nil, nil
	}
	o := l.opt
	o.widerOutputs, o.outputsRoom = true, room
	words := outputWords(l.texts)
	pairs := func(r *layouter, _ []Page) int {
		n := 0
		for i := range r.steps {
			n += outputPairs(words[i], r.steps[i].nLines[4])
		}
		return n
	}
	r, rp := l.widerRemade(&o, pages, l.extra, pairs, func(r *layouter) bool { return pairs(r, nil) < pairs(l, pages) })
	if !l.keptAsRouted(pages, r, rp) {
		return nil, nil
	}
	return r, rp
}

// pageRoomOf returns the pages' rows and what each has left under its
// table (and its total), a millimetre kept (notesKept: the second layout
// keeps the first's pages, and a note's width that made KEGIATAN's or
// KELENGKAPAN's rows taller than the page left the notes as they were,
// samples 05 on A4 and F4).
func (l *layouter) pageRoomOf(pages []Page) *pageRoom {
	room := &pageRoom{page: make([]int, len(l.steps)), left: make([]float64, len(pages))}
	for i := range room.page {
		room.page[i] = -1
	}
	for pi := range pages {
		p := &pages[pi]
		bottom := 0.0
		for _, r := range p.Rows {
			bottom = max(bottom, r.Y+r.H)
		}
		for _, b := range p.bottoms { // the connectors' rows too
			bottom = max(bottom, b)
		}
		if p.TotalAt.H > 0 {
			bottom = max(bottom, p.TotalAt.Y+p.TotalAt.H)
		}
		room.left[pi] = max(l.frame.Bottom-bottom-pageRoomKept, 0)
		for _, r := range p.Rows {
			if r.Index >= 0 && r.Index < len(room.page) {
				room.page[r.Index] = pi
			}
		}
	}
	return room
}

// pageRoomKept is what a page keeps of its room under its table when
// notes take width (pageRoomOf).
const pageRoomKept = 1.0

// keptAsRouted reports whether r's pages rp, a second layout of l's
// pages, may stand for them: made, routed alike (sameRoutes), no label
// worse placed (labelsNoWorse) nor nearer a rule (labelsNearRules) but
// for a label the new rows bring back into its decision's column
// (backBeside). Sample 02 on A4: the notes given width, "Tidak lengkap"
// stood beside its vertex at its cell's edge, 0.8 mm from the rule,
// where it had stood over its run in the next column; the rule refused
// the layout, and row 11's note stayed ten lines of a word or two (a
// reviewer's "should fix" of session 29, the label's place a "nicer").
func (l *layouter) keptAsRouted(pages []Page, r *layouter, rp []Page) bool {
	if r == nil || !sameRoutes(l.cols, pages, r.cols, rp) || !labelsNoWorse(pages, rp) {
		return false
	}
	if n, _ := labelsNearRules(rp, r.cols); n > 0 {
		// backBeside, a count over every label, is asked only where more
		// stand near a rule.
		if m, _ := labelsNearRules(pages, l.cols); n > m && n > m+backBeside(l, pages, r, rp) {
			return false
		}
	}
	return true
}

// backBeside returns how many fewer labels of r's pages rp stand beyond
// their decision's column (beyond) than of l's pages, none where more do.
func backBeside(l *layouter, pages []Page, r *layouter, rp []Page) int {
	return max(0, l.beyondIn(pages)-r.beyondIn(rp))
}

// notesTaller returns by how many lines in all the notes stand taller
// than the other cells of their rows.
func (l *layouter) notesTaller() int {
	n := 0
	for i := range l.steps {
		st := &l.steps[i]
		other := 1
		for j := range 5 {
			other = max(other, st.nLines[j])
		}
		n += max(st.nLines[5]-other, 0)
	}
	return n
}

// labelsNoWorse reports whether no exit label of pages b stands beside a
// head, squeezed against its run, ambiguous or unclear where fewer do so
// in pages a.
func labelsNoWorse(a, b []Page) bool {
	ha, _ := besideHeads(a)
	hb, _ := besideHeads(b)
	sa, _ := squeezedLabels(a)
	sb, _ := squeezedLabels(b)
	return hb <= ha && sb <= sa && ambiguousIn(b) <= ambiguousIn(a) && unclearIn(b) <= unclearIn(a)
}

// labelsOffRules lays d out again when exit labels stand nearer than
// labelRuleNear to a pelaksana rule (at the edge of their cell,
// labelRuleGap, or breathe's halfway), the pelaksana whose decisions
// hold them asking labelAiryRooms more, the least that leaves fewer so:
// the reviewer of session 24 put labels 0.6–0.9 mm from a rule first
// among the faults of six prints. It returns the new layouter and pages
// when fewer labels stand so and nothing else gets worse
// (widerForLabels); else nil.
func (l *layouter) labelsOffRules(opt *Options, pages []Page) (*layouter, []Page) {
	n, steps := labelsNearRules(pages, l.cols)
	if n == 0 {
		return nil, nil
	}
	return l.widerForLabels(opt, pages, steps, func(r *layouter, ps []Page) int { n, _ := labelsNearRules(ps, r.cols); return n })
}

// labelRuleNear is how near a pelaksana rule an exit label stands too
// near (labelsOffRules): nearer than its cell's edge (labelRuleGap) and a
// hair.
const labelRuleNear = labelRuleGap + 0.05

// labelsNearRules returns how many exit labels of pages stand nearer
// than labelRuleNear to a rule of a pelaksana column of cols, and the
// steps of their decisions.
func labelsNearRules(pages []Page, cols []Column) (int, []string) {
	rules := actorRulesOf(cols)
	return exitLabelsWhere(pages, func(a *Arrow) bool {
		l := a.Label
		return slices.ContainsFunc(rules, func(x float64) bool { return min(abs(l.X-x), abs(l.X+l.W-x)) < labelRuleNear })
	})
}

// exitLabelsWhere returns how many exit labels of pages hold for fault
// (of their arrow), and the steps of their decisions.
func exitLabelsWhere(pages []Page, fault func(a *Arrow) bool) (int, []string) {
	n := 0
	var steps []string
	for pi := range pages {
		for ai := range pages[pi].Arrows {
			if a := &pages[pi].Arrows[ai]; a.Label != nil && fault(a) {
				n++
				steps = append(steps, a.From)
			}
		}
	}
	return n, steps
}

// airierLabels lays d out again when labels stand squeezed between the
// vertical run they name and their column's rule, nearer than
// labelSqueezed to the run (breathe's halfway: a word nearly as wide as
// the room beside the run), the pelaksana whose decisions hold them
// asking labelAiryRooms more, the least that leaves fewer so: "Lengkap"
// of samples 02, 03, 04, 11, 12, 19 and 20 on A4 stood 0.6 mm from its
// drop and from the rule (reviewers of session 24, who read them as
// clamped); with the printed fonts such labels over the fixtures 24 → 6.
// Where the pelaksana is wider than its labels ask for other reasons (its
// title, the symbols' width) a few millimetres more change nothing, and
// the label stays (office-plt's "Memenuhi standar", office-plh's three
// on A4). It returns the new layouter and pages when fewer labels stand
// so and nothing else gets worse (widerForLabels); else nil.
func (l *layouter) airierLabels(opt *Options, pages []Page) (*layouter, []Page) {
	n, steps := squeezedLabels(pages)
	if n == 0 {
		return nil, nil
	}
	return l.widerForLabels(opt, pages, steps, func(_ *layouter, ps []Page) int { n, _ := squeezedLabels(ps); return n })
}

// widerForLabels lays d out again with the pelaksana holding the
// decisions of steps asking labelAiryRooms more, the least first, and
// returns the first layout in which faults (of the layouter and its
// pages) counts fewer, with the same rows and routes (widerRemade,
// sameRoutes), no more labels broken, squeezed against their run or
// without a free place, no more crossings, and no more labels beside
// heads, ambiguous or unclear; else nil (airierLabels, labelsOffRules).
func (l *layouter) widerForLabels(opt *Options, pages []Page, steps []string, faults func(*layouter, []Page) int) (*layouter, []Page) {
	var cols []int
	for _, step := range steps {
		if c := l.steps[l.stepIndex(step)].col; !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	// The usual rooms first, then the same with the rows' airy budget,
	// kept only where the labels' pelaksana alone grow (airyColumns).
	airy := *opt
	airy.airy = true
	for i, o := range []*Options{opt, &airy} {
		for _, room := range labelAiryRooms {
			var pre func(*layouter) bool
			if i == 1 {
				pre = func(r *layouter) bool { return airyColumns(l, r, cols, room) }
			}
			r, rp := l.widerRemade(o, pages, l.extraFor(cols, room), faults, pre)
			if r != nil && sameRoutes(l.cols, pages, r.cols, rp) && labelsNoWorse(pages, rp) {
				return r, rp
			}
		}
	}
	return nil, nil
}

// airyColumns reports whether r's columns differ from l's only as
// widerForLabels' airy layouts may: the pelaksana of cols wider by room at
// most, the others as wide as they were within airyOthers, KEGIATAN not
// narrower than their growth.
func airyColumns(l, r *layouter, cols []int, room float64) bool {
	grown := 0.0
	for a := range l.d.Actors {
		d := r.cols[2+a].W - l.cols[2+a].W
		if slices.Contains(cols, a) {
			if d < -1e-6 || d > room+0.05 {
				return false
			}
			grown += d
		} else if math.Abs(d) > airyOthers {
			return false
		}
	}
	return l.cols[1].W-r.cols[1].W <= grown+0.05
}

// airyOthers is how much a pelaksana holding none of the labels an airy
// layout widens may change.
const airyOthers = 0.6

// labelAiryRooms are the widths a pelaksana asks more, one after the
// other, for its labels squeezed against their run (airierLabels) or at
// the edge of their cell by a rule (labelsOffRules).
var labelAiryRooms = [...]float64{1, 2, 3}

// labelSqueezed is how near the vertical run it names a label stands
// squeezed (airierLabels): breathe sets it labelGap + labelBreath (1.0
// mm) from the run where the room allows.
const labelSqueezed = 0.75

// squeezedLabels returns how many exit labels of pages stand nearer
// than labelSqueezed beside a vertical run of their own arrow, and the
// steps of their decisions.
func squeezedLabels(pages []Page) (int, []string) {
	return exitLabelsWhere(pages, func(a *Arrow) bool {
		l := a.Label
		for k := 0; k+1 < len(a.Points); k++ {
			s, e := a.Points[k], a.Points[k+1]
			if s.X != e.X || l.Y > max(s.Y, e.Y) || l.Y+l.H < min(s.Y, e.Y) {
				continue
			}
			if d := max(l.X-s.X, s.X-l.X-l.W); d >= 0 && d < labelSqueezed {
				return true
			}
		}
		return false
	})
}

// layoutPages lays d out and cuts it into pages, the pelaksana asking
// extra width beyond their labels' need (nil for none).
func layoutPages(d *esop.Document, opt *Options, extra []float64) (*layouter, []Page, error) {
	l, err := newLayouterWith(d, opt, extra, false)
	if err != nil {
		return nil, nil, err
	}
	pages, err := l.paginate()
	if err != nil {
		return nil, nil, err
	}
	return l, pages, nil
}

// layouter holds what every page of one document shares.
type layouter struct {
	d             *esop.Document
	m             Measurer
	paper         Size
	frame         Frame
	body          float64 // the size of the cells' text
	first, later  int     // rows per page asked for
	cols          []Column
	textLeast     [5]float64 // the least width each text column may give the gutters down to (takeGutters)
	share         float64    // the share of the width the text columns were laid out with (prepareColumns)
	narrowGutters bool       // the gutters are outerGutterLeast at most: a row did not fit a page (fitTallRows)
	lanes         lanes
	head          header
	steps         []stepInfo
	texts         [][5]string // the steps' text cells (cellTexts), as prepareSteps was given them
	edges         []flowEdge
	total         string
	totalAt       Rect                 // x and width of the total row's text; y set per page
	totalLines    []string             // the total as printed, wrapped in totalAt
	refsMemo      map[string]float64   // the heights of bands' words (refsHeight), by the words
	totalWide     Rect                 // the total on one line over the pelaksana too, for a last page short of room (prepareTotal)
	labels        labelCache           // how exit labels break and where they may stand, kept across pages (zones.go)
	extra         []float64            // width the pelaksana ask beyond their labels' need (roomierLabels), or nil
	unclear       []exitSide           // exits the pages being made route past the column beside their diamond (withClearLabels)
	laned         bool                 // the pages being made put connectors in their columns' lanes (withLanes)
	dear          bool                 // the pages being made route with crossings dearer (withDearCrossings)
	under         []int                // the edges whose connectors the pages being made put under their channel runs (withUnderRuns); nil for none, underAll for every one
	noStagger     bool                 // crowded labels stay side by side on every page (staggerLabels)
	opt           Options              // the options it was made with
	geo           geometry             // where tighten saw the page before it tried (saveGeometry)
	ref           *layouter            // the same on A4, whose pages decide where connectors stand (reference)
	refMade       bool                 // ref was made, or could not be
	made          map[pageKey]madePage // the pages buildPageWith made
	forks         []pageFork           // the latest pages makePage routed that could move a connector under its run (keepFork)
	cellWords     struct {             // the memo's wordsOf of each text column and the width of a space, for stepLines
		words [5][][]float64
		space float64
		made  bool
	}
	index    map[string]int // step id → index (stepIndex), made when first asked
	*buffers                // its working memory, from buffersPool
}

// stepIndex returns the index of the step with id, the first of that id
// as Document.StepIndex finds it, or -1; from a map made once.
func (l *layouter) stepIndex(id string) int {
	if l.index == nil {
		l.index = make(map[string]int, len(l.d.Steps))
		for i := len(l.d.Steps) - 1; i >= 0; i-- { // the first of an id written last
			l.index[l.d.Steps[i].ID] = i
		}
	}
	if i, ok := l.index[id]; ok {
		return i
	}
	return -1
}

// buffers is the working memory of a layouter, kept from page to page
// and, through buffersPool, from one layout to the next: the prints and
// previews of a server lay out one SOP after another.
type buffers struct {
	sketch     *sketch     // the routes of the page being routed (route)
	planBuf    []labelPlan // what labelPlans returns, filled anew by each call
	runBuf     []pageRun   // what pageRuns returns, filled anew by each call
	segBuf     [][2]Point  // the other runs labelBeyondTurn searches beside, filled anew by each call
	rectBuf    []Rect      // what otherLabels returns, filled anew by each call
	planSorted []labelPlan // labelPlans' plans in order, filled anew by each call
	orderBuf   []int32     // what byScore returns, filled anew by each call
	portBuf    []*port     // the ports sidePorts orders, filled anew by each call
	offBuf     []float64   // their offsets (spreadPortsTo), filled anew by each call
	// The nodes, rows and edges of the pages makePage builds: each call
	// takes its builders' from here anew (newPageMemory), as no builder
	// outlives the call that made it (a Page holds none of them).
	// The nodes, runs and band items a fork copies (pageBuilder.fork),
	// filled anew by each call.
	forkFree  []*forkMem // the memory of forks forgotten, for the next (forkMem)
	forkNodes []*node
	forkItems []*chItem
	forkBands []*bandItem
	nodeMem   []node
	rowMem    []prow
	listMem   []*node
	edgeMem   []pedge
}

// newPageMemory makes the page memory of b free for the next page:
// makePage calls it first, when no page builder of the call before is
// left.
func (b *buffers) newPageMemory() {
	b.nodeMem, b.rowMem, b.listMem, b.edgeMem = b.nodeMem[:0], b.rowMem[:0], b.listMem[:0], b.edgeMem[:0]
}

// take returns k elements of *mem not handed out since it was last made
// empty, from a larger array when it is full: those handed out before
// stay where they are.
func take[T any](mem *[]T, k int) []T {
	if cap(*mem)-len(*mem) < k {
		*mem = make([]T, 0, max(2*cap(*mem), k, 32))
	}
	n := len(*mem)
	*mem = (*mem)[:n+k]
	return (*mem)[n : n+k : n+k]
}

// buffersPool holds the buffers of layouters that are done: Layout gives
// back those of every layouter it made (the second layouts tried too,
// columnsMemo.releaseAll), so that the next layout reuses them rather
// than growing new ones.
var buffersPool = sync.Pool{New: func() any { return new(buffers) }}

// release gives l's buffers, and its reference's, back to buffersPool;
// neither may lay out a page after it.
func (l *layouter) release() {
	if r := l.ref; r != nil && r != l && r.buffers != nil {
		r.forgetForks()
		buffersPool.Put(r.buffers)
		r.buffers = nil
	}
	if l.buffers != nil {
		l.forgetForks()
		buffersPool.Put(l.buffers)
		l.buffers = nil
	}
}

// stepInfo is what the layout needs of one step.
type stepInfo struct {
	id   string
	col  int    // actor column, counted among the actor columns
	kind string // Terminator, Process or Decision
	w, h float64
	// NO and the five text columns: how many lines each takes (nLines)
	// at the width it is set in (wrapW, less the cell's padding), and its
	// lines, wrapped when first asked for (stepLines): pagination and the
	// columns' tries need only how many.
	nLines [6]int
	wrapW  [6]float64
	lines  [6][]string
	textH  float64 // the height its text asks of the row
}

// setCell sets how cell j of step i (0 the NO column, 1–5 the text
// columns) is wrapped: n lines at inner width w, its lines made when
// asked for.
func (st *stepInfo) setCell(j, n int, w float64) {
	st.nLines[j], st.wrapW[j], st.lines[j] = n, w, nil
}

// stepLines returns the lines of cell j of step i (0 the NO column, 1–5
// the text columns), wrapping them when first asked for.
func (l *layouter) stepLines(i, j int) []string {
	st := &l.steps[i]
	switch {
	case st.lines[j] != nil:
	case j == 0:
		st.lines[j] = l.numberLines(i, st.wrapW[j])
	default:
		// From the widths of its words, as it was counted, where they
		// decide its lines; else wrapped.
		text := l.texts[i][j-1]
		if !l.cellWords.made {
			for c := range l.cellWords.words {
				l.cellWords.words[c] = l.opt.memo.wordsOf(l.m, l.texts, l.body, c)
			}
			l.cellWords.space, l.cellWords.made = l.m.Width(" ", l.body, false), true
		}
		if ws := l.cellWords.words[j-1]; ws != nil && ws[i] != nil {
			st.lines[j] = linesFromWidths(text, ws[i], l.cellWords.space, st.wrapW[j])
		}
		if st.lines[j] == nil {
			st.lines[j] = wrapCell(j-1, l.m, text, l.body, st.wrapW[j])
		}
	}
	return st.lines[j]
}

// numberLines returns the lines of step i's number in the NO column w
// wide (its padding aside): the number, which fits the column made for
// the widest, else as wrap breaks it.
func (l *layouter) numberLines(i int, w float64) []string {
	if l.numberFits(i, w) {
		return []string{strconv.Itoa(i + 1)}
	}
	return wrap(l.m, strconv.Itoa(i+1), l.body, false, w)
}

// numberFits reports whether step i's number stands on one line w wide.
func (l *layouter) numberFits(i int, w float64) bool {
	return l.m.Width(strconv.Itoa(i+1), l.body, false) <= w
}

// flowEdge is one arrow of the flow: step from to step to, the branch-th
// successor of from (yes = 0, no = 1 for a decision).
type flowEdge struct {
	from, to, branch int
	label            string // the exit label of a decision, else ""
}

// forward reports whether the edge goes down the table.
func (fe *flowEdge) forward() bool { return fe.to > fe.from }

func newLayouter(d *esop.Document, opt *Options) (*layouter, error) {
	return newLayouterWith(d, opt, nil, false)
}

// labelTrackRoom is the width a pelaksana column holding a label broken
// inside a word is asked for beyond its labels' need (labelColumns) when
// it is laid out again: on each side of the diamond, the room of a
// vertical track running beside the label (minRuleGap from the rule,
// zoneClear from the label) less the labelRuleGap the need counts.
const labelTrackRoom = 2 * (minRuleGap + zoneClear - labelNeedRuleGap)

// roomierLabels lays d out again when labels of pages break inside a
// word: the pelaksana whose decisions hold them asking labelTrackRoom
// more than their labels' words need, for the case where an arrow runs
// down the channel beside the label (the bottom exit's label between
// the other exit going down and a loop back coming up: "Kom-|peten" in
// sample 20). It returns the new layouter and pages when they break
// fewer labels on no more pages, else nil.
func (l *layouter) roomierLabels(opt *Options, pages []Page) (*layouter, []Page) {
	extra := make([]float64, len(l.d.Actors))
	broken := 0
	for i := range pages {
		for _, a := range pages[i].Arrows {
			if a.Label == nil {
				continue
			}
			if n, _ := brokenWords(a.Label.Text, a.Label.Lines); n > 0 {
				broken += n
				extra[l.steps[l.stepIndex(a.From)].col] = labelTrackRoom
			}
		}
	}
	if broken == 0 {
		return nil, nil
	}
	return l.widerKept(opt, pages, extra, brokenIn)
}

// widerKept lays d out again on the rows of pages (pagesAs) with
// the pelaksana asking extra width, and returns the new layouter and
// pages when faults counts fewer there, on no more pages, with no more
// labels broken or without a free place and no more crossings; else nil
// (roomierLabels, labelsOffHeads).
func (l *layouter) widerKept(opt *Options, pages []Page, extra []float64, faults func([]Page) int) (*layouter, []Page) {
	r, err := newLayouterWith(l.d, opt, extra, false)
	if err != nil || sameColumns(l, r) {
		return nil, nil
	}
	rp, err := r.pagesAs(pages)
	if err != nil || len(rp) > len(pages) || faults(rp) >= faults(pages) || brokenIn(rp) > brokenIn(pages) || placedWorse(rp, pages) {
		return nil, nil
	}
	return r, rp
}

// widerRemade is widerKept for a second layout that must route every
// page as the first did (clearerLabels, widerForLabels, sameRoutes): its
// pages are made once each from the first layout's choices (remakeAs).
// faults counts on a layouter's pages (its columns at hand). A layouter
// that pre (when not nil) refuses is not laid out: what its columns or
// lines alone decide is asked before its pages are routed.
func (l *layouter) widerRemade(opt *Options, pages []Page, extra []float64, faults func(*layouter, []Page) int, pre func(*layouter) bool) (*layouter, []Page) {
	r, err := newLayouterWith(l.d, opt, extra, false)
	if err != nil || pre != nil && !pre(r) || sameColumns(l, r) {
		return nil, nil
	}
	rp, err := r.remakeAs(pages)
	if err != nil || faults(r, rp) >= faults(l, pages) || brokenIn(rp) > brokenIn(pages) || placedWorse(rp, pages) {
		return nil, nil
	}
	return r, rp
}

// sameColumns reports whether r's columns are l's: the width asked more
// gave no pelaksana any (a crowded table's budget, sample 10 on A4). The
// steps' cells and symbols follow from the columns, so r would lay out
// l's pages again on their rows (widerRemade, widerKept) — a second layout
// made for wider columns, with none wider.
func sameColumns(l, r *layouter) bool {
	return slices.Equal(l.cols, r.cols)
}

// labelsOffHeads lays d out again when a side exit's label stands
// beside the head of the arrow entering its diamond's top (besideHeads):
// in a column too narrow for the label over its stub it rises over the
// diamond's slope to the top vertex, and reads as naming the arrow coming
// in ("Kompeten" of sample 20, 1.2 mm from the arrow into row 12's
// diamond; "Lengkap" of office-plt-loop-back on F4; two reviewers). The
// pelaksana whose decisions hold them ask labelHeadRoom more, so that the
// label stands further out. It returns the new layouter and pages when
// fewer labels stand so, on no more pages, with no more labels broken or
// without a free place and no more crossings; else nil.
func (l *layouter) labelsOffHeads(opt *Options, pages []Page) (*layouter, []Page) {
	before, steps := besideHeads(pages)
	if before == 0 {
		return nil, nil
	}
	cols := make([]int, len(steps))
	for i, step := range steps {
		cols[i] = l.steps[l.stepIndex(step)].col
	}
	return l.widerKept(opt, pages, l.extraFor(cols, labelHeadRoom), func(ps []Page) int { n, _ := besideHeads(ps); return n })
}

// extraFor returns the width the pelaksana ask beyond their labels' need
// (l.extra) with more for each of cols (a column named twice asks twice).
func (l *layouter) extraFor(cols []int, more float64) []float64 {
	extra := make([]float64, len(l.d.Actors))
	copy(extra, l.extra)
	for _, c := range cols {
		extra[c] += more
	}
	return extra
}

// clearerLabels lays d out again when the label of a side exit stands
// as near another arrow as its own, or outside its diamond's row (each
// page's unclear, unclearExits), or under its run beside the drop of its
// diamond's bottom exit (flanking, flankingExits). In a column too narrow for it beside
// its own run, such a label stood under the run, right beside the run
// leaving the bottom vertex, which a reader takes it to name
// (office-plt-loop-back on A4, page 2, row 2: "Lengkap" right of the drop
// of "Tidak lengkap", the reviewer of session 17's one fault to send the
// print back for); or beside the rise of its arrow in the row above,
// 13–15 mm from its diamond (sample 14, "Diterima"). The pelaksana whose
// decisions hold them ask labelClearRooms more, the least that clears
// them all, else the one that clears most. It returns the new layouter
// and pages when fewer labels stand so, on no more pages, with no more
// labels broken or without a free place, no more crossings and the same
// routes; else nil.
func (l *layouter) clearerLabels(opt *Options, pages []Page) (*layouter, []Page) {
	before := unclearIn(pages)
	if before == 0 {
		return nil, nil
	}
	var cols []int
	for pi := range pages {
		for _, u := range slices.Concat(pages[pi].unclear, pages[pi].flanking) {
			if c := l.steps[u.step].col; !slices.Contains(cols, c) {
				cols = append(cols, c)
			}
		}
	}
	var best *layouter
	var bestPages []Page
	ambiguous, bestUnclear := ambiguousIn(pages), 0
	for _, room := range labelClearRooms {
		// The routes kept as they were: the other paper, where the label
		// may stand clear, routes them so (generated #36 on A4).
		if r, rp := l.widerRemade(opt, pages, l.extraFor(cols, room), func(_ *layouter, ps []Page) int { return unclearIn(ps) }, nil); r != nil && sameRoutes(l.cols, pages, r.cols, rp) && headsNoWorse(rp, pages) && ambiguousIn(rp) <= ambiguous && (best == nil || unclearIn(rp) < bestUnclear) {
			best, bestPages, bestUnclear = r, rp, unclearIn(rp)
			if bestUnclear == 0 {
				break
			}
		}
	}
	return best, bestPages
}

// labelClearRooms are the widths a pelaksana asks more, one after the
// other, for a label that stood nearer another arrow than its own or
// outside its diamond's row (clearerLabels), the least first: every
// millimetre a column takes is taken from the others, whose rows grow.
// With the printed fonts office-plt-loop-back's "Lengkap" on A4 and
// sample 14's "Diterima" on F4 are clear from 5 mm, sample 14's on A4
// from 3.5, where 6 took the page's last rows to a second page; the
// steps of 3 mm tried before (3, 6, 9) left that label in the row above
// its diamond, 16 mm from it.
var labelClearRooms = [...]float64{3, 3.5, 4, 5, 6, 7.5, 9}

// headsNoWorse reports whether no more labels of pages a stand beside
// the head of the arrow entering their diamond than of pages b
// (besideHeads, what labelsOffHeads mended).
func headsNoWorse(a, b []Page) bool {
	na, _ := besideHeads(a)
	nb, _ := besideHeads(b)
	return na <= nb
}

// ambiguousOn calls fn for each labelled arrow a of p whose label stands
// nearer another arrow b of the page than a, or within alongMargin as
// near, with the label's distance from a (own) and from b (d): a reader
// cannot tell which arrow it names. Unlike unclearExits it looks at
// every label, the bottom exits' too.
func ambiguousOn(p *Page, fn func(a, b Arrow, own, d float64)) {
	for ai, a := range p.Arrows {
		if a.Label == nil {
			continue
		}
		own := polyRectDist(a.Points, a.Label.Rect)
		for bi, b := range p.Arrows {
			if d := polyRectDist(b.Points, a.Label.Rect); bi != ai && asNearAsOwn(d, own) {
				fn(a, b, own, d)
			}
		}
	}
}

// asNearAsOwn reports whether another arrow d from a label stands as near
// it as its own arrow, own from it (within alongMargin): the label could
// name either.
func asNearAsOwn(d, own float64) bool { return d < own+alongMargin }

// ambiguousIn counts the labels of pages that stand as near another
// arrow as their own (ambiguousOn), once for each other arrow.
func ambiguousIn(pages []Page) int {
	n := 0
	for i := range pages {
		ambiguousOn(&pages[i], func(Arrow, Arrow, float64, float64) { n++ })
	}
	return n
}

// unclearIn counts the side exits of pages whose labels stand as near
// another arrow as their own, or outside their diamond's row (each
// page's unclear, unclearExits), or under their runs beside their
// diamond's bottom exit (flanking, flankingExits, which leaves out those
// counted as unclear), each once. A label beside the drop counts as much
// as one a row away: counted half, it was kept in place of one a row
// away (sample 14 on F4), which the reviewer of session 18 read as
// naming the drop, where a row away it read as far from its diamond but
// its own.
func unclearIn(pages []Page) int {
	n := 0
	for i := range pages {
		n += unclearOn(&pages[i])
	}
	return n
}

// unclearOn is unclearIn of one page.
func unclearOn(p *Page) int { return len(p.unclear) + len(p.flanking) }

// labelHeadRoom is the width a pelaksana asks more for the label of a
// side exit to stand clear of the head of the arrow entering its
// diamond's top (labelsOffHeads): the label moves half as far out.
const labelHeadRoom = 4.0

// besideHeads returns how many labels of pages stand beside the head of
// an arrow entering their own diamond's top, and the steps of those
// diamonds: less than headNear from the arrow's last run, beside its
// last headLength.
func besideHeads(pages []Page) (int, []string) {
	n := 0
	var steps []string
	for i := range pages {
		p := &pages[i]
		for _, a := range p.Arrows {
			if a.Label == nil {
				continue
			}
			s := pageSymbol(p, a.From)
			if s == nil || s.Kind != Decision {
				continue
			}
			top := Point{s.X + s.W/2, s.Y}
			for _, b := range p.Arrows {
				tip := b.Points[len(b.Points)-1]
				if abs(tip.X-top.X) > 0.05 || abs(tip.Y-top.Y) > 0.05 {
					continue
				}
				r := a.Label.Rect
				if r.X < tip.X+headNear && r.X+r.W > tip.X-headNear && r.Y < tip.Y && r.Y+r.H > tip.Y-headLength {
					n++
					if !slices.Contains(steps, a.From) {
						steps = append(steps, a.From)
					}
				}
			}
		}
	}
	return n, steps
}

// How near the head of an arrow entering a diamond's top a label reads
// as naming that arrow (besideHeads).
const (
	headNear   = 2.5
	headLength = 3.0
)

// slimmerColumns lays d out again without the width a pelaksana's column
// took for the words of its decisions' labels (labelColumns) beyond what
// the labels standing in that column need, the others having found
// their places over their runs in the next column (beyondPlans): that
// width was taken from the text columns for nothing, and their words broke
// (office-nine-pelaksana on A4: Kepala Bidang Anggaran 30.5 mm wide for
// "Perlu penyesuaian nilai", set in the column beside it, while OUTPUT,
// 14.7 mm, hyphenated "Reko-mendasi" and "adminis-trasi"; a reviewer).
// It returns the new layouter and pages when their text breaks fewer
// words, on no more pages, with no more labels broken or without a free
// place and no more crossings; else nil.
func (l *layouter) slimmerColumns(opt *Options, pages []Page) (*layouter, []Page) {
	needs := labelNeeds(l.d, l.m, l.extra, l.opt.memo)
	// What the labels standing in their own column need.
	inside := make([]float64, len(l.d.Actors))
	for i := range pages {
		for _, a := range pages[i].Arrows {
			// Its middle in the column: a label over its run in the next
			// column may reach over the rule's gap.
			if a.Label == nil || l.beyond(a) {
				continue
			}
			k := l.steps[l.stepIndex(a.From)].col
			inside[k] = max(inside[k], labelWordsNeed(l.m, a.Label.Text))
		}
	}
	extra := make([]float64, len(l.d.Actors))
	copy(extra, l.extra)
	slim := false
	for k, need := range needs {
		if need > 0 && inside[k] < need-slimmerBy && l.cols[2+k].W > max(inside[k], actorMin)+slimmerBy {
			extra[k], slim = ceil2(extra[k]+inside[k]-need), true
		}
	}
	if !slim {
		return nil, nil
	}
	before := l.textBroken()
	if before == 0 {
		return nil, nil
	}
	r, rp, err := layoutPages(l.d, opt, extra)
	if err != nil || len(rp) > len(pages) || r.textBroken() >= before || brokenIn(rp) > brokenIn(pages) || placedWorse(rp, pages) {
		return nil, nil
	}
	return r, rp
}

// nearerLabels lays d out again when side exits' labels stand over their
// run in the next column (beyondPlans), 6–11 mm from their diamond across
// a rule, with the pelaksana whose decisions hold them asking the width
// that sets each beside its vertex in at most labelLinesMax lines, clear
// of the slope (the reviewers of session 18: "the main thing holding the
// prints at 4"; Permenpan's examples write "Ya" and "Tidak" at the
// vertex). Where the budget cannot give every such column its width,
// those asking least grow and the others keep what they had (labelWidths,
// Options.prior). The new layout is kept only where it is the same print
// but for the labels' places and the columns' widths: fewer labels
// beyond their column, the same rows on every page, the same routes
// (sameRoutes: the other paper may keep the first layout), no label more
// broken, none taller than nearLinesMost, without a free place, ambiguous,
// unclear, squeezed against its own arrow (tightLabels) or beside an
// incoming arrowhead, no pelaksana's title more broken, no more
// crossings, outer gutters no narrower than they were or gutterFirst,
// the pages at most nearerLabelsCost lower in all for each label
// brought beside its vertex, and the text at most nearerTextLines more
// crowded for each (where it would be more, the labels ask again, set in
// one line more); else nil. A label standing outside its
// diamond's row (outOfRow: beside the run rising from a decision in the
// last pelaksana) asks as those beyond their column do, and counts in
// the gain with them; where the layout asking for every label runs a
// page over, those labels alone ask once more (nearerTry).
func (l *layouter) nearerLabels(opt *Options, pages []Page) (*layouter, []Page) {
	extra, far, anyOut := l.nearerAsk(pages, func(int) int { return labelLinesMax })
	if !far {
		return nil, nil
	}
	r, rp, over, crowds := l.nearerTry(opt, pages, extra, false)
	if r != nil {
		return l.nearerInProportion(opt, pages, extra, r, rp)
	}
	if crowds {
		// The text would give the width at too many lines' cost
		// (nearerTextLines): the labels ask again, each set in one line
		// more, for less width.
		fewer, _, _ := l.nearerAsk(pages, func(int) int { return labelLinesMax + 1 })
		if slices.Equal(fewer, extra) {
			return nil, nil
		}
		// Its outer gutters judged as nearerInProportion judges them,
		// against l's (office-two-ends on F4).
		return l.nearerOuterKept(opt, pages, fewer, l, pages)
	}
	if !over || !anyOut {
		return r, rp
	}
	// The pages ran over: the labels standing outside their diamond's row
	// alone ask (sample 14 on A4: "Diterima" beside its vertex, its
	// pelaksana 12.7 mm wider, where Mediator's asking as much for
	// "Sepakat" too ran the page over by 13.7 mm).
	alone, out := l.askForOn(pages, func(p *Page, a Arrow) (float64, bool) { return l.nearWant(a, labelLinesMax), outOfRow(p, a) })
	if !out || slices.Equal(alone, extra) {
		return nil, nil
	}
	r, rp, _, _ = l.nearerTry(opt, pages, alone, false)
	return r, rp
}

// nearerAsk returns the width the pelaksana ask (askForOn) for the labels
// of pages beyond their column or outside their diamond's row, each set
// beside its vertex in lines(its pelaksana) lines (nearWant); whether one
// asks more than before, and whether a label stands outside its row.
func (l *layouter) nearerAsk(pages []Page, lines func(col int) int) (extra []float64, far, anyOut bool) {
	extra, far = l.askForOn(pages, func(p *Page, a Arrow) (float64, bool) {
		if !l.beyond(a) {
			if !outOfRow(p, a) {
				return 0, false
			}
			anyOut = true
		}
		return l.nearWant(a, lines(l.steps[l.stepIndex(a.From)].col)), true
	})
	return extra, far, anyOut
}

// nearWant is the width a's label asks of its column to stand beside its
// vertex in at most lines lines: half the column for the label (labelNeed
// counts half of the column for it), half the diamond, and slopeWant
// between them (sidePlans' near place).
func (l *layouter) nearWant(a Arrow, lines int) float64 {
	return labelNeed(labelLinesWidth(l.m, a.Label.Text, lines)) + l.lanes.symW + 2*slopeWant
}

// nearerInProportion returns nearerLabels' layout r (its pages rp, the
// pelaksana asking extra), or the layout in which the pelaksana that r
// makes wider than KEGIATAN ask for their labels set in one line more
// than labelLinesMax, where nearerTry keeps that layout too, it
// has no more labels beyond their column or outside their diamond's row
// than r, a wider KEGIATAN, and no run in an outer channel shorter of
// room by its rule than on r's pages (outerShort). A label of three
// words beside its vertex in two lines ("Tidak memenuhi / syarat") asks
// twice its width and the diamond's of its column: office-two-ends on F4
// gave its Verifikator 56 mm for one box and one diamond, while KEGIATAN
// came down from 74 to 44 mm and its rows took three lines ("columns out
// of proportion", a reviewer of session 32); in three lines the label
// asks 13 mm less, and KEGIATAN keeps 53 mm. The outer gutters may come
// out narrower than the first layout's there (the text gives them only
// where no row grows): outerShort, not narrowerGutters, says whether a
// run needs them.
func (l *layouter) nearerInProportion(opt *Options, pages []Page, extra []float64, r *layouter, rp []Page) (*layouter, []Page) {
	wide := make([]bool, len(extra))
	anyWide := false
	for k := range extra {
		if extra[k] > l.extraAt(k) && r.cols[2+k].W > r.cols[1].W+1e-9 {
			wide[k], anyWide = true, true
		}
	}
	if !anyWide {
		return r, rp
	}
	fewer, _, _ := l.nearerAsk(pages, func(col int) int {
		if wide[col] {
			return labelLinesMax + 1
		}
		return labelLinesMax
	})
	if slices.Equal(fewer, extra) {
		return r, rp
	}
	f, fp := l.nearerOuterKept(opt, pages, fewer, r, rp)
	if f == nil || f.cols[1].W <= r.cols[1].W+1e-9 || f.beyondIn(fp)+outOfRowIn(fp) > r.beyondIn(rp)+outOfRowIn(rp) {
		return r, rp
	}
	return f, fp
}

// nearerOuterKept is nearerTry with the pelaksana asking extra and the
// outer gutters free to come out narrower, kept only where no run in an
// outer channel stands shorter of room by its rule (outerShort) than on
// base's pages bp; else nil.
func (l *layouter) nearerOuterKept(opt *Options, pages []Page, extra []float64, base *layouter, bp []Page) (*layouter, []Page) {
	f, fp, _, _ := l.nearerTry(opt, pages, extra, true)
	if f == nil {
		return nil, nil
	}
	fl, fr := f.outerShort(fp)
	bl, br := base.outerShort(bp)
	if fl > bl+1e-9 || fr > br+1e-9 {
		return nil, nil
	}
	return f, fp
}

// nearerTry is nearerLabels' layout with the pelaksana asking extra, or
// nil where it is not kept; over reports that its pages ran over, crowds
// that it was refused for the text's lines alone (nearerTextLines). With
// anyGutters its outer gutters may be narrower than l's (the caller
// judges the runs by them).
func (l *layouter) nearerTry(opt *Options, pages []Page, extra []float64, anyGutters bool) (r *layouter, rp []Page, over, crowds bool) {
	o := *opt
	o.prior = l.extra
	r, err := newLayouterWith(l.d, &o, extra, false)
	if err != nil {
		return nil, nil, false, false
	}
	// No column wider than it was: the budget gave none of them its ask
	// (nine pelaksana on A4), and the pages would come out as they were.
	grown := false
	for k := range extra {
		grown = grown || extra[k] > l.extraAt(k) && r.cols[2+k].W > l.cols[2+k].W+nearerGrowth
	}
	if !grown {
		return nil, nil, false, false
	}
	// On the rows of the pages before, or not at all: cut afresh, the
	// pages would not hold the same rows. A page whose rows could not
	// fit it at best (rowsBound) is not tried (the 200-step document on
	// F4: the fourth page, after three made).
	for _, p := range pages {
		if n := len(p.Rows); n > 0 && r.rowsBound(p.Rows[0].Index, n) < n {
			return nil, nil, true, false
		}
	}
	// What the columns alone refuse, before the pages are routed again.
	if r.titlesBroken() > l.titlesBroken() || !anyGutters && narrowerGutters(r.cols, l.cols) {
		return nil, nil, false, false
	}
	rp, err = r.remakeAs(pages)
	if err != nil {
		return nil, nil, errors.Is(err, errTooTall), false
	}
	// A label that stays beyond its column but stands farther from its
	// diamond, the column between grown for another, counts against the
	// gain ("Sesuai kapasitas fiskal" of office-plh on F4, 11.5 → 14 mm).
	gain := l.beyondIn(pages) + outOfRowIn(pages) - r.beyondIn(rp) - outOfRowIn(rp) - r.fartherBeyond(rp, pages)
	if gain <= 0 || !sameRoutes(l.cols, pages, r.cols, rp) ||
		brokenIn(rp) > brokenIn(pages) || labelsOver(rp, nearLinesMost) > labelsOver(pages, nearLinesMost) || tallLabels(rp) > tallLabels(pages)+gain || placedWorse(rp, pages) ||
		ambiguousIn(rp) > ambiguousIn(pages) || unclearIn(rp) > unclearIn(pages) || !headsNoWorse(rp, pages) ||
		tightLabels(rp) > tightLabels(pages) ||
		pagesHeight(rp) > pagesHeight(pages)+nearerLabelsCost*float64(gain) {
		return nil, nil, false, false
	}
	if outOfRowIn(rp) >= outOfRowIn(pages) && r.textCrowding() > l.textCrowding()+nearerTextLines*gain {
		return nil, nil, false, true
	}
	return r, rp, false, false
}

// tightLabels counts the labels of pages nearer their own arrow than a
// label breathing beside its run stands (labelGap + labelBreath): a
// pelaksana narrower in a second layout squeezes a label between its
// drop and the rule.
func tightLabels(pages []Page) int {
	n := 0
	for i := range pages {
		for _, a := range pages[i].Arrows {
			if a.Label != nil && polyRectDist(a.Points, a.Label.Rect) < labelGap+labelBreath-0.05 {
				n++
			}
		}
	}
	return n
}

// nearerGrowth is the least a column asked more width by nearerLabels
// must grow for the layout to be made: narrower, no label it holds would
// find room beside its vertex that it did not have.
const nearerGrowth = 1.0

// extraAt returns the width pelaksana k asked beyond its labels' need.
func (l *layouter) extraAt(k int) float64 {
	if l.extra == nil {
		return 0
	}
	return l.extra[k]
}

// nearLinesMost is the most lines a label nearerLabels brings beside its
// vertex may take where its column cannot grow for labelLinesMax: "Tidak /
// memenuhi / syarat" beside its diamond (office-two-ends on A4) rather
// than on one line over its run in the next column, 9.6 mm from it; each
// such label counts against one brought beside its vertex.
const nearLinesMost = 3

// nearerLabelsCost is how much lower, in all, the rows of a layout may
// reach for each label nearerLabels brings beside its vertex: the text
// columns give the width, and their cells take more lines (sample 08 on
// A4, two labels: 245.8 → 264.6 mm on the same two pages).
const nearerLabelsCost = 15.0

// nearerTextLines is how many lines more the text may take, in all, for
// each label nearerLabels brings beside its vertex: lines of cells set
// nearer a word a line than two (shortLines) and of notes taller than
// their rows' other cells (notesTaller). Each label asked 10–15 mm of
// its pelaksana, the text columns gave it, and the prints took the width
// from KEGIATAN, OUTPUT and KETERANGAN whatever it cost them: sample 11
// on F4 set its KEGIATAN in four and five lines beside a Petugas Loket
// of 48 mm holding one box, sample 02 on F4 row 11's note in seven
// lines; reviewers of session 33 put such columns first among the
// faults left. A label standing outside its diamond's row is brought
// back whatever the text's cost (sample 14's "Diterima").
const nearerTextLines = 2

// narrowerGutters reports whether an outer gutter of columns a is
// narrower than that of b, or than gutterFirst where b's was wider: a
// rework loop round the others runs in the outer channel, and without
// its gutter it hugs the table's rule (office-200-steps: the rise of
// "Bahas ulang" 3.1 mm from it on every page, gutters 3.0 → 1.6 mm).
func narrowerGutters(a, b []Column) bool {
	al, ar := gutters(a)
	bl, br := gutters(b)
	return al < min(bl, gutterFirst)-0.01 || ar < min(br, gutterFirst)-0.01
}

// beyond reports whether the label of a stands over its run in the
// column beside its diamond's (its middle outside that column).
func (l *layouter) beyond(a Arrow) bool {
	col := l.cols[2+l.steps[l.stepIndex(a.From)].col]
	mid := a.Label.X + a.Label.W/2
	return mid <= col.X || mid >= col.X+col.W
}

// fartherBeyond counts the labels of pages (laid out by l) standing
// beyond their column more than fartherBy farther from their diamond
// than on before, the same pages laid out before.
func (l *layouter) fartherBeyond(pages, before []Page) int {
	n := 0
	for i := range pages {
		if i >= len(before) {
			break
		}
		for _, a := range pages[i].Arrows {
			if a.Label == nil || !l.beyond(a) {
				continue
			}
			now, ok := labelFromDiamond(&pages[i], a)
			if !ok {
				continue
			}
			for _, b := range before[i].Arrows {
				if b.From == a.From && b.To == a.To && b.Label != nil {
					if was, ok := labelFromDiamond(&before[i], b); ok && now > was+fartherBy {
						n++
					}
				}
			}
		}
	}
	return n
}

// outOfRow reports whether the label of a stands outside the row of the
// diamond it leaves on p: beside its run in the next row (riseCell),
// where its pelaksana is too narrow for it beside the vertex (sample 14,
// "Diterima" in row 7 for the decision of row 8: a reviewer's must-fix).
func outOfRow(p *Page, a Arrow) bool {
	mid := a.Label.Y + a.Label.H/2
	for _, r := range p.Rows {
		if r.Step == a.From {
			return mid < r.Y || mid > r.Y+r.H
		}
	}
	return false
}

// outOfRowIn counts the labels of pages standing outside their diamond's
// row (outOfRow).
func outOfRowIn(pages []Page) int {
	n := 0
	for i := range pages {
		for _, a := range pages[i].Arrows {
			if a.Label != nil && outOfRow(&pages[i], a) {
				n++
			}
		}
	}
	return n
}

// fartherBy is how much farther from its diamond a label beyond its
// column may stand in nearerLabels' layout before it counts against it.
const fartherBy = 2.0

// labelFromDiamond returns how far the label of a stands from the
// diamond it leaves, on p.
func labelFromDiamond(p *Page, a Arrow) (float64, bool) {
	for _, s := range p.Symbols {
		if s.Step == a.From && s.Kind == Decision {
			return diamondDist(a.Label.Rect, s.Rect), true
		}
	}
	return 0, false
}

// titlesBroken counts the words the pelaksana's titles break in the
// header (headerBreaks).
func (l *layouter) titlesBroken() int {
	n := 0
	for _, c := range l.cols {
		if c.Kind == colActor {
			n += headerBreaks(l.m, c.Title, c.W, l.body)
		}
	}
	return n
}

// beyondIn counts the labels of pages that stand beyond their column.
func (l *layouter) beyondIn(pages []Page) int {
	n := 0
	for i := range pages {
		for _, a := range pages[i].Arrows {
			if a.Label != nil && l.beyond(a) {
				n++
			}
		}
	}
	return n
}

// slimmerBy is the least width slimmerColumns gives back to the text.
const slimmerBy = 2.0

// textBroken returns how many words the text columns of the steps break
// between lines.
func (l *layouter) textBroken() int {
	n := 0
	for i := range l.d.Steps {
		for j, t := range l.texts[i] {
			if l.steps[i].nLines[j+1] > 1 {
				lines := l.stepLines(i, j+1)
				b, _ := brokenWords(strings.ReplaceAll(t, "\n", " "), lines)
				n += b
			}
		}
	}
	return n
}

// pagesAs makes l's pages on the rows of pages where each page still
// fits (the page breaks of the layout before, each page made once rather
// than fitted anew), else cuts them afresh (paginate). A second layout
// that only widens the columns of a few labels (roomierLabels, widerKept)
// seldom moves a page break: in the 200-step document fitting the pages
// again was half of the time.
func (l *layouter) pagesAs(pages []Page) ([]Page, error) {
	if out, err := l.paginateAs(pages); err == nil {
		return out, nil
	}
	return l.paginate()
}

// paginateAs makes the pages of l on the rows of pages, or returns an
// error when one of them does not fit.
func (l *layouter) paginateAs(pages []Page) ([]Page, error) {
	out := make([]Page, 0, len(pages))
	j := l.newJumps()
	for i, p := range pages {
		if len(p.Rows) == 0 {
			return nil, errTooTall
		}
		s, e := p.Rows[0].Index, p.Rows[len(p.Rows)-1].Index+1
		page, top, bottom, err := l.firstPageOf(i+1, s, e, j)
		if err != nil {
			return nil, err
		}
		top, bottom = l.flipLoops(page, i+1, s, e, top, bottom, j)
		if page, err = l.buildPage(i+1, s, e, top, bottom); err != nil {
			return nil, err
		}
		kept := l.keptPage(page, i+1, s, e, top, bottom)
		l.giveLetters(&kept, top, bottom, j)
		out = append(out, kept)
	}
	return out, nil
}

// askFor returns the width the pelaksana ask beyond their labels' need
// (l.extra), each raised to what want asks for a label of its decisions
// on pages, less its labels' words' need (labelColumns), and whether one
// asks more than before; want says the width a label's column should
// have, or false for a label that asks nothing.
func (l *layouter) askFor(pages []Page, want func(a Arrow) (float64, bool)) ([]float64, bool) {
	return l.askForOn(pages, func(_ *Page, a Arrow) (float64, bool) { return want(a) })
}

// askForOn is askFor with want told the page of each arrow.
func (l *layouter) askForOn(pages []Page, want func(p *Page, a Arrow) (float64, bool)) ([]float64, bool) {
	needs := l.opt.memo.labelColumnsOf(l.d, l.m)
	extra := make([]float64, len(l.d.Actors))
	copy(extra, l.extra)
	more := false
	for i := range pages {
		for _, a := range pages[i].Arrows {
			if a.Label == nil {
				continue
			}
			w, ok := want(&pages[i], a)
			if !ok {
				continue
			}
			col := l.steps[l.stepIndex(a.From)].col
			if m := w - needs[col]; m > extra[col] {
				extra[col], more = ceil2(m), true
			}
		}
	}
	return extra, more
}

// labelLinesMax is the most lines an exit label is set in when its
// column can grow for it: a label stacked in three or four short lines
// beside a diamond ("Perlu / arahan / Kepala / Dinas") makes its row
// tall for an activity of one or two lines, which a reviewer marks.
const labelLinesMax = 2

// shorterLabels lays d out again when exit labels stand in more than
// labelLinesMax lines: the pelaksana whose decisions hold them asking
// the width that sets each of those labels in labelLinesMax lines
// (labelColumns' measure of a label's longest line instead of its
// longest word), the width coming from where labelWidths takes it. The
// new layout is kept when it has fewer such labels, its pages are lower
// in all (the rows with their header), on no more pages, with no more
// labels broken inside a word, none more without a free place and no
// more crossings (as roomierLabels). (Asking half as much where the budget
// cannot give the whole was tried: no label fewer over the corpus.)
func (l *layouter) shorterLabels(opt *Options, pages []Page) (*layouter, []Page) {
	extra, tall := l.askFor(pages, func(a Arrow) (float64, bool) {
		if len(a.Label.Lines) <= labelLinesMax {
			return 0, false
		}
		// A label stands in half of its column less the rule's and the
		// arrow's gaps (labelNeed); beside a side exit the half of the
		// diamond is taken too, for the label to stand near its run
		// rather than up by the diamond's top.
		want := labelNeed(labelLinesWidth(l.m, a.Label.Text, labelLinesMax))
		if len(a.Points) > 1 && a.Points[0].Y == a.Points[1].Y {
			want += l.lanes.symW
		}
		return want, true
	})
	if !tall {
		return nil, nil
	}
	r, rp, err := layoutPages(l.d, opt, extra)
	if err != nil || len(rp) > len(pages) || tallLabels(rp) > tallLabels(pages) || brokenIn(rp) > brokenIn(pages) {
		return nil, nil
	}
	// Each label set in fewer lines, and each word of a label no longer
	// broken between lines, is worth shorterLabelsCost of the pages'
	// height ("Tidak / me- / me- / nuhi / syarat" in five lines became
	// "Tidak / memenuhi / syarat" in three, office-two-ends A4: a reviewer
	// would not sign the first).
	gain := tallLabels(pages) - tallLabels(rp) + brokenIn(pages) - brokenIn(rp)
	if gain <= 0 || pagesHeight(rp) > pagesHeight(pages)+shorterLabelsCost*float64(gain) || placedWorse(rp, pages) {
		return nil, nil
	}
	return r, rp
}

// shorterLabelsCost is how much lower, in all, the rows of a layout may
// reach for each label it sets in labelLinesMax lines that the layout
// before stacked higher, on no more pages. It was 1 mm less in all, when
// a diamond stood in the middle of its row and a stack of labels under
// it made its row grow twice its height; since the diamond stands higher
// (measureRows) the stack costs its own height only, and the two-line
// labels are worth a few millimetres of the pages' height.
const shorterLabelsCost = 6.0

// tallLabels counts the exit labels of pages set in more than
// labelLinesMax lines.
func tallLabels(pages []Page) int { return labelsOver(pages, labelLinesMax) }

// labelsOver counts the exit labels of pages set in more than lines
// lines.
func labelsOver(pages []Page, lines int) int {
	n := 0
	for i := range pages {
		for _, a := range pages[i].Arrows {
			if a.Label != nil && len(a.Label.Lines) > lines {
				n++
			}
		}
	}
	return n
}

// pagesHeight returns how far down their pages the rows reach, in all:
// the header and the rows of every page.
func pagesHeight(pages []Page) float64 {
	h := 0.0
	for _, p := range pages {
		if len(p.Rows) > 0 {
			last := p.Rows[len(p.Rows)-1]
			h += last.Y + last.H
		}
	}
	return h
}

// brokenIn returns how many words the exit labels of pages break
// between lines (brokenLabels of each).
func brokenIn(pages []Page) int {
	n := 0
	for i := range pages {
		n += brokenLabels(&pages[i])
	}
	return n
}

// placedWorse reports whether the labels and arrows of pages a are
// placed worse than those of b: more labels without a free place, or
// more crossings (see worseCrossings).
func placedWorse(a, b []Page) bool {
	return unfreeLabels(a) > unfreeLabels(b) || worseCrossings(a, b, 0)
}

// unfreeLabels counts the labels of pages that found no free place.
func unfreeLabels(pages []Page) int {
	n := 0
	for i := range pages {
		n += pages[i].labelsUnfree
	}
	return n
}

// crossingNear is how near a symbol or connector a crossing of two
// arrows reads as a junction (official-layout.md).
const crossingNear = 3.0

// crossingPoint is where two arrows of one page cross.
type crossingPoint struct {
	Point
	a, b int // indexes of the two arrows in Page.Arrows
}

// crossingPoints returns every point where a run of one arrow of p
// crosses a run of another at right angles, strictly inside both; runs
// that touch or overlap are not crossings.
func crossingPoints(p *Page) []crossingPoint {
	type run struct {
		a, b  Point
		arrow int
	}
	// One array for both kinds: horizontal runs from its start, vertical
	// ones from its end (this is called for every page a layout tries).
	n := 0
	for _, a := range p.Arrows {
		n += max(len(a.Points)-1, 0)
	}
	// A page's runs are few: on the stack, not the heap, for nearly
	// every page.
	var small [96]run
	buf := small[:]
	if n > len(small) {
		buf = make([]run, n)
	}
	nh, nv := 0, n
	for i, a := range p.Arrows {
		for j := 0; j+1 < len(a.Points); j++ {
			a, b := a.Points[j], a.Points[j+1]
			// Each run kept from its lesser end to its greater.
			switch {
			case a.Y == b.Y && a.X != b.X:
				buf[nh] = run{Point{min(a.X, b.X), a.Y}, Point{max(a.X, b.X), a.Y}, i}
				nh++
			case a.X == b.X && a.Y != b.Y:
				nv--
				buf[nv] = run{Point{a.X, min(a.Y, b.Y)}, Point{a.X, max(a.Y, b.Y)}, i}
			}
		}
	}
	hs, vs := buf[:nh], buf[nv:]
	const tol = 0.02
	var out []crossingPoint
	for _, h := range hs {
		x1, x2, y := h.a.X+tol, h.b.X-tol, h.a.Y
		for _, v := range vs {
			if x := v.a.X; x > x1 && x < x2 && y > v.a.Y+tol && y < v.b.Y-tol && v.arrow != h.arrow {
				out = append(out, crossingPoint{Point{x, y}, h.arrow, v.arrow})
			}
		}
	}
	return out
}

// markHops gives each arrow of p the points where it crosses another
// arrow's vertical run with a horizontal run of its own (Arrow.Hops;
// render orders them along each run): a crossing the routes could not avoid
// (sample 05 on A4, page 3; sample 14) read as a junction to every
// reviewer of session 11, who asked for a line-hop.
func markHops(p *Page) {
	for _, c := range crossingPoints(p) {
		a := &p.Arrows[c.a]
		a.Hops = append(a.Hops, c.Point)
	}
}

// remarkHops marks the hops of p again where its arrows cross now, if a
// pass after markHops moved a piece another arrow may cross
// (Page.hopsMoved): alignConnectors moves a connector's stub with it, and
// a hop over the stub was left where it had stood, over empty paper,
// while the crossing it stood for had none (the soak: seeds 20 #282,
// 26 #27, 38 #169, 40 #4); easeCrossings moves stubs to move crossings.
// The other passes move no piece another arrow hops over (hoppedOver) or
// shift the hops with the arrows (openRows, openGutters).
func remarkHops(p *Page) {
	if !p.hopsMoved {
		return
	}
	p.hopsMoved = false
	for k := range p.Arrows {
		p.Arrows[k].Hops = nil
	}
	p.crossKnown = false
	markHops(p)
}

// arrowCrossings counts where two arrows of p cross, and of those the
// ones nearer than crossingNear to a symbol or connector.
func arrowCrossings(p *Page) (all, near int) {
	if p.crossKnown {
		return p.crossAll, p.crossNear
	}
	cs := crossingPoints(p)
	// nearShape written out: pagination asks for every page it tries, and
	// the call per crossing cost 0.14 % of Layout15 (session 36).
	nearRect := func(c crossingPoint, r Rect) bool {
		dx := max(r.X-c.X, 0, c.X-(r.X+r.W))
		dy := max(r.Y-c.Y, 0, c.Y-(r.Y+r.H))
		return math.Hypot(dx, dy) < crossingNear-0.02
	}
outer:
	for _, c := range cs {
		for i := range p.Symbols {
			if nearRect(c, p.Symbols[i].Rect) {
				near++
				continue outer
			}
		}
		for i := range p.Connectors {
			if nearRect(c, p.Connectors[i].Rect) {
				near++
				continue outer
			}
		}
	}
	p.crossAll, p.crossNear, p.crossKnown, p.crossPts = len(cs), near, true, cs
	return len(cs), near
}

// nearShape reports whether point c of p stands nearer than
// crossingNear to a symbol or a connector, as arrowCrossings counts a
// crossing near: a crossing there reads as a junction.
func nearShape(p *Page, c Point) bool {
	near := func(r Rect) bool {
		dx := max(r.X-c.X, 0, c.X-(r.X+r.W))
		dy := max(r.Y-c.Y, 0, c.Y-(r.Y+r.H))
		return math.Hypot(dx, dy) < crossingNear-0.02
	}
	for i := range p.Symbols {
		if near(p.Symbols[i].Rect) {
			return true
		}
	}
	for i := range p.Connectors {
		if near(p.Connectors[i].Rect) {
			return true
		}
	}
	return false
}

// worseCrossings reports whether pages a have more than slack crossings
// more than pages b, or more of them near a symbol or connector.
func worseCrossings(a, b []Page, slack int) bool {
	var allA, nearA, allB, nearB int
	for i := range a {
		all, near := arrowCrossings(&a[i])
		allA, nearA = allA+all, nearA+near
	}
	for i := range b {
		all, near := arrowCrossings(&b[i])
		allB, nearB = allB+all, nearB+near
	}
	return allA > allB+slack || nearA > nearB
}

// newLayouterWith is newLayouter with the pelaksana asking extra width
// beyond their labels' need (see roomierLabels), or none for nil, and
// crowded labels left unstaggered when noStagger (see staggerLabels).
func newLayouterWith(d *esop.Document, opt *Options, extra []float64, noStagger bool) (*layouter, error) {
	if d == nil || len(d.Steps) == 0 || len(d.Actors) == 0 {
		return nil, errors.New("layout: the document has no steps or no actors")
	}
	if opt == nil {
		opt = &Options{}
	}
	l := &layouter{d: d, m: opt.Measure, extra: extra, noStagger: noStagger, opt: *opt, buffers: buffersPool.Get().(*buffers)}
	if l.m == nil {
		l.m = ApproxMeasure()
	}
	opt.memo.shareLabels(&l.labels)
	opt.memo.made(l)
	var err error
	if l.paper, err = choosePaper(opt, d); err != nil {
		return nil, err
	}
	l.frame = NewFrame(l.paper, Margin, !d.IsApproved(), l.m)
	l.body = bodySize(d)
	l.first, l.later = rowsPerPage(opt, d)
	texts := opt.memo.textsOf(d)
	// The text columns get a larger share of the width when a row would
	// not fit a page otherwise: more rows take more pages, never smaller
	// type, but a row taller than a page would stop the print.
	best, bestNeed := -1.0, 0.0
	for _, share := range textShares {
		if err := l.prepareColumns(texts, share); err != nil {
			return nil, err
		}
		need := l.tallestRow()
		if need <= l.frame.Bottom {
			best = -1
			break
		}
		if best < 0 || need < bestNeed {
			best, bestNeed = share, need
		}
	}
	if best >= 0 { // no share fits every row: the one closest to it
		if err := l.prepareColumns(texts, best); err != nil {
			return nil, err
		}
	}
	l.prepareEdges()
	l.prepareTotal()
	if err := l.fitTallRows(texts); err != nil {
		return nil, err
	}
	return l, nil
}

// textShares are the shares of the table's width the text columns may
// take when the actor columns could use it, tried in turn.
var textShares = [...]float64{textShare, 0.75, 0.9}

// prepareColumns lays out the columns, the header and the steps' text
// with the text columns taking up to share of the table's width.
func (l *layouter) prepareColumns(texts [][5]string, share float64) error {
	l.share = share
	if c := l.opt.memo.columnsBefore(l, share); c != nil {
		c.restore(l, texts)
	} else {
		var err error
		if l.cols, l.textLeast, err = columns(l.d, l.m, texts, l.paper, l.body, share, l.extra, l.opt.prior, l.opt.rowsGrowth(), l.opt.tallTitles, l.opt.channels, l.opt.memo); err != nil {
			return err
		}
		l.lanes = newLanes(l.cols, len(l.d.Actors))
		if err := l.prepareSteps(texts); err != nil {
			return err
		}
		l.takeGutters(texts)
		l.opt.memo.keepColumns(l, share)
	}
	if l.opt.widerNotes || l.opt.widerOutputs {
		l.notesFromText(texts)
	}
	l.head = newHeader(l.m, l.cols, l.body)
	return nil
}

// tallestRow returns where the tallest row would end, alone on a page
// under the header, with room above and below it for a band of off-page
// connectors and their stubs.
func (l *layouter) tallestRow() float64 {
	h := 0.0
	for i := range l.steps {
		st := &l.steps[i]
		h = max(h, st.textH, st.h+bandMinGap)
	}
	return l.head.y2 + h + 2*(connH+3*stubMin)
}

// bodySize returns the size of the table's text: BodySize, or
// BodySizeCrowded with more than crowdedActors pelaksana.
func bodySize(d *esop.Document) float64 {
	if len(d.Actors) > crowdedActors {
		return BodySizeCrowded
	}
	return BodySize
}

// maxWidowRows is the most rows that a last page would hold alone
// which are taken onto the page before when they fit there.
const maxWidowRows = 2

// maxWidowRowsLong is the most rows taken onto the page before, when
// they fit there, from a last page of a print asking minWidowHostLong
// rows a page or more: three rows under the header of a page that the
// page before had room for read as left over (with the five rows a page
// that some offices ask, as office-plt-loop-back does), where with four
// rows a page asked they are most of a page. Without rows asked, every
// page already holds as many as fit.
const maxWidowRowsLong = 3

// minWidowHostLong is the fewest rows per page asked for with which
// maxWidowRowsLong rows are taken onto the page before.
const minWidowHostLong = 5

// minWidowHost is the fewest rows per page asked for with which the
// last rows are taken onto the page before.
const minWidowHost = 3

// rowsPerPage returns the rows asked for on the first and on later pages.
func rowsPerPage(opt *Options, d *esop.Document) (first, later int) {
	first, later = opt.FirstPageSteps, opt.PageSteps
	if h := d.Layout; h != nil {
		if first <= 0 {
			first = h.FirstPageSteps
		}
		if later <= 0 {
			later = h.PageSteps
		}
	}
	if first <= 0 {
		first = defaultFirstPageSteps
	}
	if later <= 0 {
		later = defaultPageSteps
	}
	return max(first, 0), max(later, 0)
}

// forgetPages forgets the pages made, their bands' words and the forks
// kept: they were made with other columns.
func (l *layouter) forgetPages() {
	l.made, l.refsMemo = nil, nil
	l.forgetForks()
}

// prepareSteps wraps the text of every step and sizes its symbol.
func (l *layouter) prepareSteps(texts [][5]string) error {
	l.forgetPages()
	actorCol := make(map[string]int, len(l.d.Actors))
	for i, a := range l.d.Actors {
		actorCol[a.ID] = i
	}
	textCols := [6]int{0, 1, len(l.d.Actors) + 2, len(l.d.Actors) + 3, len(l.d.Actors) + 4, len(l.d.Actors) + 5}
	l.steps = make([]stepInfo, len(l.d.Steps))
	l.texts = texts
	var cells [5]cellCounter
	for j := range cells {
		cells[j] = l.opt.memo.counter(l.m, texts, l.body, j)
	}
	for i := range l.d.Steps {
		s := &l.d.Steps[i]
		col, ok := actorCol[s.Actor]
		if !ok {
			return fmt.Errorf("layout: step %q has unknown actor %q", s.ID, s.Actor)
		}
		st := &l.steps[i]
		st.id, st.col = s.ID, col
		st.kind = symbolKind(l.d, i)
		st.w, st.h = l.lanes.symbolSize(st.kind)
		lines := 1
		for j, c := range textCols {
			w := l.cols[c].W
			n := 0
			if j == 0 {
				n = 1 // without making the lines where it fits, as most do
				if !l.numberFits(i, w-2*CellPadX) {
					n = len(l.numberLines(i, w-2*CellPadX))
				}
			} else {
				n = cells[j-1].lines(i, w)
			}
			st.setCell(j, n, w-2*CellPadX)
			lines = max(lines, n)
		}
		st.textH = textHeight(lines, l.body)
	}
	return nil
}

// symbolKind returns the symbol of step i: a terminator for the start and
// every end, a diamond for a decision, else a process.
func symbolKind(d *esop.Document, i int) string {
	switch {
	case i == 0 || d.IsEnd(i):
		return Terminator
	case d.Steps[i].Decision != nil:
		return Decision
	}
	return Process
}

// prepareEdges lists the edges of the flow in step order, a decision's yes before its no.
func (l *layouter) prepareEdges() {
	// Every layout of the document has the same edges: the first's kept.
	if c := l.opt.memo; c != nil && c.edges != nil {
		l.edges = slices.Clone(c.edges)
		return
	}
	index := l.d.StepIndexes()
	for i := range l.d.Steps {
		var yes, no string
		if dec := l.d.Steps[i].Decision; dec != nil {
			yes, no = dec.Labels()
		}
		for b, j := range l.d.SuccessorsBy(i, index) {
			fe := flowEdge{from: i, to: j, branch: b}
			if l.d.Steps[i].Decision != nil {
				fe.label = yes
				if b == 1 {
					fe.label = no
				}
			}
			l.edges = append(l.edges, fe)
		}
	}
	if c := l.opt.memo; c != nil {
		c.edges = slices.Clone(l.edges)
	}
}

// prepareTotal sets the total line and where across the table it is
// printed: under the MUTU BAKU columns, widened over KETERANGAN when the
// text needs it, and wrapped there when it needs more. It was widened
// over the pelaksana too, one line across their columns, which the
// reviewer of session 18 read as the row starting among the symbols
// (samples 01, 05, 12, 19, 20, office-plh: "… ditambah waktu kegiatan 7
// (sesuai jadwal yang disepakati dengan pemohon)").
func (l *layouter) prepareTotal() {
	tl := l.opt.memo.totalOf(l.d, l.m, l.body)
	if tl == nil {
		return
	}
	l.total = tl.total
	n := len(l.d.Actors)
	first, last := n+2, n+4 // KELENGKAPAN … OUTPUT
	span := func() float64 { return l.cols[last].X + l.cols[last].W - l.cols[first].X }
	room := func() float64 { return span() - 2*CellPadX - 0.01 }
	if tl.width > room() {
		last++ // over KETERANGAN
	}
	l.totalLines = tl.linesIn(l.m, room())
	l.totalAt = Rect{X: l.cols[first].X, W: round2(span()), H: ceil2(textHeight(len(l.totalLines), l.body))}
	l.totalWide = l.totalAt
	if len(l.totalLines) == 1 {
		return
	}
	// The one line as it stood before, over the pelaksana too, for a last
	// page that holds its rows with it and not with the lines wrapped:
	// sample 01 on A4 would take a second flowchart page for three rows.
	// Over the pelaksana without their gutters: openGutters may give the
	// last one's to the first, and the first's own stands left of it.
	gl, gr := gutters(l.cols)
	wide := func() float64 {
		w := span()
		if first <= n+1 {
			w -= gr
		}
		if first <= 2 {
			w -= gl
		}
		return w
	}
	for wide() < tl.width+2*CellPadX+0.01 && first > 0 {
		first--
	}
	l.totalWide = Rect{X: l.cols[first].X, W: round2(span()), H: ceil2(textHeight(1, l.body))}
}

// totalText is the total line of a document ("Jumlah waktu: …") with
// its time, measured as wide as the wider of the regular and the bold
// (renderers may set it either way), and its lines at each room it was
// set in (linesIn): every layout of the document prints the same total.
type totalText struct {
	total, time string
	size        float64
	width       float64 // the total on one line
	timeWidth   float64 // the time alone
	lines       map[float64][]string
	words       *totalWords // its words measured, once it is wrapped (linesIn)
}

// newTotalText returns the total line of the time as printed ("2 hari
// 15 menit"), measured.
func newTotalText(m Measurer, time string, size float64) *totalText {
	total := totalLabel + " " + time
	return &totalText{total: total, time: time, size: size, width: widerWidth(m, total, size), timeWidth: widerWidth(m, time, size)}
}

// widerWidth returns the width of s at size, the wider of the regular and
// the bold: renderers may set the total either way.
func widerWidth(m Measurer, s string, size float64) float64 {
	return max(m.Width(s, size, false), m.Width(s, size, true))
}

// linesIn returns the total set in room: on one line where it fits;
// else "Jumlah waktu:" over the time where the time fits a line, for a
// time cut in two reads badly ("Jumlah waktu: 1 bulan / 2 minggu 14 hari
// …", office-nine on A4 and F4, the reviewer of session 21); else in
// even lines, for "30 menit" alone under a full line read as cut off
// (office-nine, the second reviewer of session 18). The slice is shared:
// it is not to be changed.
func (t *totalText) linesIn(m Measurer, room float64) []string {
	if lines, ok := t.lines[room]; ok {
		return lines
	}
	var lines []string
	switch {
	case t.width <= room:
		lines = []string{t.total}
	case t.timeWidth <= room:
		lines = []string{totalLabel, t.time}
	default:
		if t.words == nil {
			t.words = newTotalWords(m, t.total, t.size)
		}
		lines = t.words.wrap(m, room)
		for _, line := range lines {
			if w := widerWidth(m, line, t.size); w > room {
				// The regular cut wider than the bold: break where both fit.
				lines = t.words.wrap(m, room-(w-m.Width(line, t.size, true)))
				break
			}
		}
	}
	if t.lines == nil {
		t.lines = map[float64][]string{}
	}
	t.lines[room] = lines
	return lines
}

// totalLabel begins the total under the last row.
const totalLabel = "Jumlah waktu:"

// wrapQuantities wraps the total in bold in lines of even length (as
// WrapBalanced does) that never part a number from its unit: "1 bulan 2 /
// minggu 14 hari" and "30 menit" alone under a full line both read as
// cut (office-nine, the second reviewer of session 18).
func wrapQuantities(m Measurer, text string, size, width float64) []string {
	return newTotalWords(m, text, size).wrap(m, width)
}

// totalWords is a total's words, each number joined to its unit,
// measured once: the lines are packed on their sums, and only the last
// packing is measured whole (an even wrap measuring every try was a
// fiftieth of the layout of a small SOP). totalText keeps them for the
// rooms of every layout of the document.
type totalWords struct {
	text  string
	size  float64
	words []string
	ws    []float64
	total float64 // the words' widths summed
	space float64
}

func newTotalWords(m Measurer, text string, size float64) *totalWords {
	q := &totalWords{text: text, size: size}
	for _, w := range strings.Fields(text) {
		if n := len(q.words); n > 0 && isNumber(q.words[n-1]) && esop.IsUnitWord(w) {
			q.words[n-1] += " " + w
			continue
		}
		q.words = append(q.words, w)
	}
	q.ws = make([]float64, len(q.words))
	for i, w := range q.words {
		q.ws[i] = widerWidth(m, w, size)
		q.total += q.ws[i]
	}
	q.space = widerWidth(m, " ", size)
	return q
}

// wrap returns the total's lines no wider than width (wrapQuantities).
func (q *totalWords) wrap(m Measurer, width float64) []string {
	text, size, words, ws, total, space := q.text, q.size, q.words, q.ws, q.total, q.space
	// pack returns where the lines start when packed no wider than w.
	pack := func(w float64) []int {
		starts := []int{0}
		line := ws[0]
		for i := 1; i < len(ws); i++ {
			if line+space+ws[i] > w {
				starts = append(starts, i)
				line = ws[i]
				continue
			}
			line += space + ws[i]
		}
		return starts
	}
	if len(words) == 0 || slices.Max(ws) > width {
		return WrapBalanced(m, text, size, true, width) // a word wider than the room: broken there
	}
	n := len(pack(width))
	lo, hi := max(width/2, (total+space*float64(len(words)-n))/float64(n)-0.5), width
	for hi-lo > 0.25 {
		if mid := (lo + hi) / 2; len(pack(mid)) > n {
			lo = mid
		} else {
			hi = mid
		}
	}
	starts := append(pack(hi), len(words))
	lines := make([]string, 0, n)
	for k := 0; k+1 < len(starts); k++ {
		line := strings.Join(words[starts[k]:starts[k+1]], " ")
		if widerWidth(m, line, size) > width {
			return WrapBalanced(m, text, size, true, width) // a measurer that kerns across words
		}
		lines = append(lines, line)
	}
	return lines
}

// totalLines returns the lines of the total as the last of pages prints
// it: wrapped under MUTU BAKU, or on one line where the page had room for
// that alone (prepareTotal).
func totalLines(l *layouter, pages []Page) []string {
	if l.total == "" {
		return nil
	}
	if n := len(pages); n > 0 && len(l.totalLines) > 1 && pages[n-1].TotalAt.H < l.totalAt.H {
		return []string{l.total}
	}
	return l.totalLines
}

// crossing is an edge whose arrow enters or leaves a page from or for
// another page, with the letter of its pair of connectors.
type crossing struct {
	edge   int
	letter string
	in     bool // the arrow enters the page here (else it leaves)
	at     int  // 1 + the actor column its connector stands in instead of its own (markTaken), 0 for its own
}

// jumps holds the letters given to the pairs of off-page connectors of
// the pages cut so far: by edge, "" for an edge not given one.
type jumps struct {
	letter []string
	col    []int // by edge: 1 + the actor column of the pair's connector on the page kept first, 0 for none
	n      int   // letters given
}

func (l *layouter) newJumps() *jumps {
	return &jumps{letter: make([]string, len(l.edges)), col: make([]int, len(l.edges))}
}

// clone returns a copy of j that can be given letters without changing j.
func (j *jumps) clone() *jumps {
	return &jumps{letter: slices.Clone(j.letter), col: slices.Clone(j.col), n: j.n}
}

// pageCrossings returns the edges whose arrows enter the page of steps s
// … e-1 from another page (top: an in-connector above the first row) and
// leave it for another (bottom: an out-connector below the last row), as
// workshops teach the pairs: out at the bottom of one page, in at the top
// of the other, whether the arrow runs down the SOP or loops back up
// (a rework loop back to an earlier page leaves from the bottom of its
// decision's page and enters at the top of its target's). An arrow that
// passes a page without a symbol of its own is not drawn there: one pair
// per arrow, not per break. A pair keeps the letter j gave it on the page
// where it was first met; one met first here takes the next free letter,
// those of the top band first (pagination gives them again in reading
// order, giveLetters, once the page's connectors stand). j nil gives every
// pair a new letter, counted from A.
func (l *layouter) pageCrossings(s, e int, j *jumps) (top, bottom []crossing) {
	return l.pageCrossingsFlipped(s, e, j, nil)
}

// pageCrossingsFlipped is pageCrossings with the connectors of the rework
// loops of flip (edge indexes) in the other band: an in-connector below
// the rows, where its arrow rises to its step, an out-connector above
// them, where the arrow rises to it from its decision (flipLoops).
func (l *layouter) pageCrossingsFlipped(s, e int, j *jumps, flip []int) (top, bottom []crossing) {
	n := 0
	if j != nil {
		n = j.n
	}
	on := func(k int) bool { return k >= s && k < e }
	add := func(out []crossing, i int, in bool) []crossing {
		c := crossing{edge: i, in: in}
		if j != nil && j.letter[i] != "" {
			c.letter = j.letter[i]
		} else {
			c.letter = letterName(n)
			n++
		}
		return append(out, c)
	}
	defer func() { l.markTaken(top, j); l.markTaken(bottom, j) }()
	for pass := range 2 {
		for i, fe := range l.edges {
			in, out := on(fe.to) && !on(fe.from), on(fe.from) && !on(fe.to)
			if !in && !out {
				continue
			}
			// Above the rows (pass 0): the arrows entering, unless flipped,
			// and the loops leaving, flipped; below them (pass 1) the rest.
			// A short loop over the break stands flipped unless flip says
			// otherwise.
			flipped := slices.Contains(flip, i) != l.shortLoop(i, s, e)
			if above := in != flipped; above == (pass == 0) {
				if pass == 0 {
					top = add(top, i, in)
				} else {
					bottom = add(bottom, i, in)
				}
			}
		}
	}
	return top, bottom
}

// shortLoopRows is the most rows a rework loop over one page break passes
// besides its own for its pair to stand as a loop drawn on one page would
// run (shortLoop).
const shortLoopRows = 0

// shortLoop reports whether edge i, entering or leaving the page of steps
// s … e-1, is a rework loop over the page break next to it that passes at
// most shortLoopRows rows besides its own, counted on both pages: its
// decision in the first rows of the later page, its step in the last
// rows of the earlier. Its pair stands out above the rows of the later
// page and in below those of the earlier, its arrow rising to each, as
// the same loop drawn on one page: from the bands workshops teach, a
// loop from the first row of a page back to the last of the page before
// ran down six rows to its out-connector and seven from its in-connector,
// beside the rules (a reviewer: "the other band would be a few
// millimetres long and cross nothing"). Both pages see the same rows, so
// the two ends agree.
func (l *layouter) shortLoop(i, s, e int) bool {
	fe := &l.edges[i]
	switch {
	case fe.forward():
		return false
	case fe.to >= s && fe.to < e && fe.from >= e: // its in-connector, on the earlier page
		return (e-1-fe.to)+(fe.from-e) <= shortLoopRows
	case fe.from >= s && fe.from < e && fe.to < s: // its out-connector, on the later page
		return (fe.from-s)+(s-1-fe.to) <= shortLoopRows
	}
	return false
}

// giveLetters gives the pairs met first on page (the page of steps s … e-1
// as pagination keeps it) their letters in the order a reader meets them:
// the band above the rows left to right, then the band below, counting
// on from the letters j gave before; the pairs met on earlier pages keep
// theirs. The page's connectors are renamed (a copy: the page made may be
// remembered) and j is given the letters. Each band keeps the set of
// letters it was laid out with (pageCrossings gives a page's new letters
// band by band), so every pentagon stays as wide as its band's widest
// letter. A page without connectors (a page only tried) gives the pairs
// their letters in the order of top and bottom.
func (l *layouter) giveLetters(page *Page, top, bottom []crossing, j *jumps) {
	fresh := map[string]int{} // provisional letter of a pair met first here → edge
	for _, cs := range [][]crossing{top, bottom} {
		for _, c := range cs {
			if j.letter[c.edge] == "" {
				fresh[c.letter] = c.edge
			}
		}
	}
	if len(fresh) == 0 {
		return
	}
	give := func(edge int) string {
		j.letter[edge] = letterName(j.n)
		j.n++
		return j.letter[edge]
	}
	conns := slices.Clone(page.Connectors)
	slices.SortStableFunc(conns, func(a, b Connector) int { return cmp.Or(cmp.Compare(a.Y, b.Y), cmp.Compare(a.X, b.X)) })
	for i := range conns {
		if edge, ok := fresh[conns[i].Letter]; ok && j.letter[edge] == "" {
			conns[i].Letter = give(edge)
		}
	}
	for _, cs := range [][]crossing{top, bottom} {
		for _, c := range cs {
			if j.letter[c.edge] == "" {
				give(c.edge)
			}
		}
	}
	page.Connectors = conns
}

// markTaken gives the crossings of a band whose connector would stand in
// the column where another letter of the band stood on the page its pair
// was met first their pair's column instead (at, connectorRow): a
// reader following B from the foot of one page found A at the top of the
// next where B had stood (samples 03, 08 and 12, every reviewer of
// session 10). Pairs met on no page before, and a band with one letter,
// keep their columns.
func (l *layouter) markTaken(cs []crossing, j *jumps) {
	if j == nil {
		return
	}
	for k := range cs {
		c := &cs[k]
		partner := j.col[c.edge]
		if partner == 0 {
			continue
		}
		own := l.ownColumn(c)
		for _, o := range cs {
			if o.edge != c.edge && j.col[o.edge] == own+1 && j.col[o.edge] != partner {
				c.at = partner
			}
		}
	}
}

// ownColumn returns the actor column a connector of c stands for when
// nothing moves it: its step's on the page, for a straight arrow.
func (l *layouter) ownColumn(c *crossing) int {
	fe := &l.edges[c.edge]
	if c.in {
		return l.steps[fe.to].col
	}
	return l.steps[fe.from].col
}

// keepColumns records in j the column of each connector of page, a page
// pagination keeps, whose pair met no page before (markTaken).
func (l *layouter) keepColumns(page *Page, top, bottom []crossing, j *jumps) {
	for _, cs := range [][]crossing{top, bottom} {
		for _, c := range cs {
			if j.col[c.edge] != 0 {
				continue
			}
			fe := &l.edges[c.edge]
			from, to := l.steps[fe.from].id, l.steps[fe.to].id
			for i := range page.Connectors {
				if k := &page.Connectors[i]; k.From == from && k.To == to && k.In == c.in {
					j.col[c.edge] = 1 + l.actorColumnAt(k.X+k.W/2)
				}
			}
		}
	}
}

// given returns a copy of j in which the pairs of top and bottom met
// first there have their letters, as pagination gives them to the page
// it keeps (band by band rather than in reading order: the letters of a
// page only tried serve to size the pentagons of the page after it).
func (l *layouter) given(j *jumps, top, bottom []crossing) *jumps {
	after := j.clone()
	l.giveLetters(&Page{}, top, bottom, after)
	return after
}

// firstPageOf lays out the page of steps s … e-1 as firstPage does, with
// the crossings pageCrossings gives it, and returns them with it.
func (l *layouter) firstPageOf(num, s, e int, j *jumps) (*Page, []crossing, []crossing, error) {
	top, bottom := l.pageCrossings(s, e, j)
	page, _, err := l.firstPage(num, s, e, top, bottom, nil)
	return page, top, bottom, err
}

// letterName returns the n-th connector letter, counted from 0: A … Z, AA, AB, ….
func letterName(n int) string {
	var b []byte
	for n++; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// paginate cuts the rows into pages: as many rows as asked for, fewer
// while they do not fit, never splitting a row.
func (l *layouter) paginate() ([]Page, error) {
	n := len(l.d.Steps)
	var pages []Page
	j := l.newJumps()
	for s := 0; s < n; {
		want := l.later
		if s == 0 {
			want = l.first
		}
		if want == 0 {
			want = n - s // as many as fit
		}
		est := 0
		if len(pages) > 0 {
			est = len(pages[len(pages)-1].Rows)
		}
		page, rows, top, bottom, over, err := l.fitPage(len(pages)+1, s, min(want, n-s), j, est)
		if err != nil {
			return nil, err
		}
		if want == n-s {
			// No rows asked: a short rework loop is not cut by the break.
			if k := l.loopBreak(s, rows); k < rows {
				if p, t, b, err := l.firstPageOf(len(pages)+1, s, s+k, j); err == nil {
					page, rows, top, bottom = p, k, t, b
				}
			}
		}
		// A page of one row more ran over: so would the rows to the end,
		// as fitPage takes it too (a page one row longer is not shorter).
		if left := n - s - rows; left > 0 && !over && (left <= maxWidowRows && (want == n-s || want >= minWidowHost) || left <= maxWidowRowsLong && want >= minWidowHostLong) {
			// The last one or two rows go with this page when they fit,
			// beyond the rows per page asked for, rather than alone on a
			// page of their own; but not onto pages of one or two rows
			// asked for on purpose.
			t, b := l.pageCrossings(s, n, j)
			if p, err := l.buildPage(len(pages)+1, s, n, t, b); err == nil {
				page, rows, top, bottom = p, n-s, t, b
			}
		}
		if left := n - s - rows; left > 0 && left < minLastRows && (want == n-s || want >= minWidowHost) {
			// The last rows could not come onto this page: this page ends
			// earlier, so that the last one holds minLastRows.
			if p, k, t, b := l.balanceLast(len(pages)+1, s, page, rows, j, want == n-s); k > 0 {
				page, rows, top, bottom = p, k, t, b
			}
		}
		top, bottom = l.flipLoops(page, len(pages)+1, s, s+rows, top, bottom, j)
		if page, err = l.buildPage(len(pages)+1, s, s+rows, top, bottom); err != nil {
			return nil, err // not met: a page whose first layout fits is made whole
		}
		kept := l.keptPage(page, len(pages)+1, s, s+rows, top, bottom)
		l.giveLetters(&kept, top, bottom, j)
		l.keepColumns(&kept, top, bottom, j)
		pages = append(pages, kept)
		s += rows
	}
	return pages, nil
}

// loopBreak returns how many of the rows rows of the page from row s it
// keeps so that no short rework loop is cut by the page break after it:
// a loop back over at most loopSpanMost rows whose target stands at most
// loopBreakRows rows above the break starts the next page with its
// target, as a typesetter keeps a figure together, when the page still
// holds at least half its rows. A loop cut by a break is drawn as two
// arrows and a pair of connectors; on one page it is one short arrow
// (the reviewer's office-200-steps, row 193 back to row 192 over the
// break between pages 24 and 25). Only where no rows per page are asked:
// an author's count is kept. A page that balanceLast ends earlier for the
// last page's sake tries the break loopBreak gives first, and may still
// cut such a loop where that break makes labels or crossings worse.
func (l *layouter) loopBreak(s, rows int) int {
	n := len(l.d.Steps)
	k := rows
	for changed := true; changed; {
		changed = false
		t := s + k
		if t >= n {
			return k
		}
		for _, fe := range l.edges {
			if fe.forward() || fe.to >= t || fe.from < t || fe.from-fe.to > loopSpanMost || t-fe.to > loopBreakRows {
				continue
			}
			if c := fe.to - s; c < k && 2*c >= rows {
				k, changed = c, true
			}
		}
	}
	return k
}

// loopSpanMost and loopBreakRows bound the rework loops loopBreak keeps
// on one page: back over at most three rows, cut at most two rows below
// their target.
const (
	loopSpanMost  = 3
	loopBreakRows = 2
)

// minLastRows is the fewest rows a last page holds when the page before
// can give them: a page of one or two rows and the total reads as left
// over, so the page before ends earlier, as a typesetter balances the
// last two pages of a chapter.
const minLastRows = 3

// balanceLast returns the page from row s holding fewer of its rows than
// the rows that fit, so that the rows left, all on the page after, are
// minLastRows, or as many as both pages allow: the page before never
// holds fewer rows than the last, no label may break inside a word or
// find no free place that did not with the full page, and the arrows may
// cross once more at most, never near a symbol or connector (a lone last
// row reads worse than one crossing clear of the shapes: edge-jump-forward
// on A4). It returns the page, its number of rows and its crossings
// above and below the rows; k = 0 when no such break is found.
func (l *layouter) balanceLast(num, s int, full *Page, rows int, j *jumps, loops bool) (*Page, int, []crossing, []crossing) {
	n := len(l.d.Steps)
	left := n - s - rows
	// The last page as it would be, made only when a balanced pair has
	// something to compare: a pair with no label broken or unplaced and
	// no crossing is never worse (and the last page is made anyway when
	// the pages are not balanced).
	var (
		last    *Page
		lastErr error
		made    bool
	)
	lastPage := func() (*Page, error) {
		if !made {
			made = true
			t, b := l.pageCrossings(s, s+rows, j)
			lt, lb := l.pageCrossings(s+rows, n, l.given(j, t, b))
			last, lastErr = l.buildPage(num+1, s+rows, n, lt, lb)
		}
		return last, lastErr
	}
	var tries []int
	for k := rows - min(minLastRows-left, (rows-left)/2); k < rows; k++ {
		// Where no rows per page are asked, the break before a short
		// rework loop that the balanced break would cut first (loopBreak),
		// when the last page holds no more rows than this one: the 10→8
		// loop of office-plh on F4 was cut by the break after row 9, made
		// for the last page's sake, where A4 kept it on one page (the
		// reviewer of session 21).
		if kl := l.loopBreak(s, k); loops && kl < k && kl >= n-s-kl && !slices.Contains(tries, kl) {
			tries = append(tries, kl)
		}
		tries = append(tries, k)
	}
	for _, k := range tries {
		top, bottom := l.pageCrossings(s, s+k, j)
		page, err := l.buildPage(num, s, s+k, top, bottom)
		if err != nil {
			continue
		}
		at, ab := l.pageCrossings(s+k, n, l.given(j, top, bottom))
		after, err := l.buildPage(num+1, s+k, n, at, ab)
		if err != nil {
			continue
		}
		pageX, _ := arrowCrossings(page)
		afterX, _ := arrowCrossings(after)
		if brokenLabels(page)+brokenLabels(after) == 0 && page.labelsUnfree+after.labelsUnfree == 0 && pageX+afterX == 0 {
			return page, k, top, bottom
		}
		was, err := lastPage()
		if err != nil {
			return nil, 0, nil, nil // the rows left take more than one page: not the last page
		}
		if brokenLabels(page)+brokenLabels(after) > brokenLabels(full)+brokenLabels(was) ||
			page.labelsUnfree+after.labelsUnfree > full.labelsUnfree+was.labelsUnfree ||
			worseCrossings([]Page{*page, *after}, []Page{*full, *was}, 1) {
			continue // a label would break inside a word, or find no free place, or arrows cross more, than before
		}
		return page, k, top, bottom
	}
	return nil, 0, nil, nil
}

// brokenLabels returns how many words the exit labels of p break
// between lines (see brokenWords).
func brokenLabels(p *Page) int {
	n := 0
	for _, a := range p.Arrows {
		if a.Label != nil {
			b, _ := brokenWords(a.Label.Text, a.Label.Lines)
			n += b
		}
	}
	return n
}

// fitPage lays out the page starting at row s with as many of the want
// rows as fit, and returns its first layout (firstPage) with its number
// of rows and its crossings above and below the rows, and whether one
// row more ran over; an error when not even one row fits.
func (l *layouter) fitPage(num, s, want int, j *jumps, est int) (page *Page, rows int, top, bottom []crossing, over bool, err error) {
	// A try only asks whether k rows fit (firstPage): the page returned is
	// that first layout, which pagination makes whole once it has chosen
	// the bands of its loops (flipLoops).
	try := func(k int) (*Page, []crossing, []crossing, error) { return l.firstPageOf(num, s, s+k, j) }
	// No page holds more rows than their least heights allow: on a long
	// SOP that bound saves most of the tries. The first try is the
	// estimate when there is one (the rows the page before held), else
	// the bound; then a guess of how many rows to drop from how far a
	// page ran over, or one row more while the pages fit, settles on the
	// most that fit; bisection when the guesses do not converge.
	bound := min(want, l.rowsBound(s, want))
	k := bound
	if est > 0 {
		k = min(est, bound)
	}
	lo, hi := 0, bound // lo rows fit (page, when lo > 0); more than hi do not
	var failed error   // the last page that did not fit
	for tries := 0; lo < hi && tries < 4; tries++ {
		k = min(max(k, lo+1), hi)
		p, t, b, e := try(k)
		if e != nil {
			hi, failed = k-1, e
			k = min(guessRows(e, k), k-1)
			continue
		}
		lo, page, top, bottom = k, p, t, b
		k++
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		p, t, b, e := try(mid)
		if e != nil {
			hi, failed = mid-1, e
			continue
		}
		lo, page, top, bottom = mid, p, t, b
	}
	if page == nil {
		if errors.Is(failed, errTooTall) {
			return nil, 0, nil, nil, false, tooTallError(s)
		}
		return nil, 0, nil, nil, false, fmt.Errorf("layout: the page of step %q cannot be laid out: %w", l.d.Steps[s].ID, failed)
	}
	return page, lo, top, bottom, lo < bound, nil
}

// tooTallError is the error of a row that no page holds: an invalid
// document, with the step's place, rather than a fault of the program.
func tooTallError(i int) error {
	p := esop.Problem{Path: fmt.Sprintf("steps[%d]", i), Severity: esop.SeverityError, Code: "row_too_tall",
		Message: esop.Text{
			ID: fmt.Sprintf("Kegiatan %d terlalu tinggi untuk satu halaman; persingkat teksnya atau bagi menjadi beberapa kegiatan.", i+1),
			EN: fmt.Sprintf("Step %d is too tall for one page; shorten its text or split it into several steps.", i+1)}}
	return &esop.Error{Code: esop.EINVALID, Problems: esop.Problems{p}, Message: p.Message}
}

// guessRows guesses how many of k rows fit, from a page that ran over.
func guessRows(err error, k int) int {
	var tt *tooTall
	if !errors.As(err, &tt) || tt.rows == 0 || tt.height <= 0 {
		return k - 1
	}
	per := tt.height / float64(tt.rows)
	return k - int(math.Ceil(tt.over/per))
}

// rowsBound returns how many of the rows from s on could fit a page at
// best: each row at least as tall as its text and its symbol with the
// least band beside it (at least one row, so that a row too tall for any
// page is still tried and reported).
func (l *layouter) rowsBound(s, want int) int {
	room := l.frame.Bottom - l.head.y2
	k := 0
	for i := s; i < s+want && i < len(l.steps); i++ {
		st := &l.steps[i]
		room -= max(st.textH, st.h+bandMinGap)
		if room < 0 {
			break
		}
		k++
	}
	return max(k, 1)
}

// round2 rounds to 0.01 mm.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

// ceil2 rounds up to 0.01 mm, so that a rounded height never loses room.
func ceil2(v float64) float64 { return math.Ceil(v*100-1e-6) / 100 }

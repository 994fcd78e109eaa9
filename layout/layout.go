package layout

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

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
// A nil opt uses the document's layout hints, then the defaults (A4; six rows
// on the first page and five on the others, fewer when they do not fit).
//
// Layout does not modify d and is safe for concurrent use. It returns an
// error only for what no page can hold: a row taller than a page, more
// actors than fit across the paper, or more arrows crossing one page break
// than connectors fit side by side.
func Layout(d *esop.Document, opt *Options) (*Diagram, error) {
	l, err := newLayouter(d, opt)
	if err != nil {
		return nil, err
	}
	pages, err := l.paginate()
	if err != nil {
		return nil, err
	}
	return &Diagram{Paper: l.paper, Margin: margin, Columns: l.cols, Pages: pages, Total: l.total}, nil
}

// layouter holds what every page of one document shares.
type layouter struct {
	d            *esop.Document
	m            Measurer
	paper        Size
	first, later int // rows per page asked for
	cols         []Column
	lanes        lanes
	head         header
	steps        []stepInfo
	edges        []flowEdge
	total        string
	totalAt      Rect // x and width of the total row's text; y set per page
}

// stepInfo is what the layout needs of one step.
type stepInfo struct {
	id    string
	col   int    // actor column, counted among the actor columns
	kind  string // Terminator, Process or Decision
	w, h  float64
	lines [6][]string // NO and the five text columns, wrapped
	textH float64     // the height its text asks of the row
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
	if d == nil || len(d.Steps) == 0 || len(d.Actors) == 0 {
		return nil, errors.New("layout: the document has no steps or no actors")
	}
	if opt == nil {
		opt = &Options{}
	}
	l := &layouter{d: d, m: opt.Measure}
	if l.m == nil {
		l.m = ApproxMeasure()
	}
	var err error
	if l.paper, err = choosePaper(opt, d); err != nil {
		return nil, err
	}
	l.first, l.later = rowsPerPage(opt, d)
	texts := make([][5]string, len(d.Steps))
	for i := range d.Steps {
		texts[i] = cellTexts(&d.Steps[i])
	}
	if l.cols, err = columns(d, l.m, texts, l.paper); err != nil {
		return nil, err
	}
	l.lanes = newLanes(l.cols, len(d.Actors))
	l.head = newHeader(l.m, l.cols)
	if err := l.prepareSteps(texts); err != nil {
		return nil, err
	}
	l.prepareEdges()
	l.prepareTotal()
	return l, nil
}

// choosePaper returns the paper size from the options, else the document, else A4.
func choosePaper(opt *Options, d *esop.Document) (Size, error) {
	name := opt.Paper
	if name == "" && d.Layout != nil {
		name = d.Layout.Paper
	}
	switch strings.ToUpper(name) {
	case "", esop.PaperA4:
		return A4, nil
	case esop.PaperF4:
		return F4, nil
	}
	return Size{}, fmt.Errorf("layout: unknown paper %q (use A4 or F4)", name)
}

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

// prepareSteps wraps the text of every step and sizes its symbol.
func (l *layouter) prepareSteps(texts [][5]string) error {
	actorCol := make(map[string]int, len(l.d.Actors))
	for i, a := range l.d.Actors {
		actorCol[a.ID] = i
	}
	textCols := [6]int{0, 1, len(l.d.Actors) + 2, len(l.d.Actors) + 3, len(l.d.Actors) + 4, len(l.d.Actors) + 5}
	l.steps = make([]stepInfo, len(l.d.Steps))
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
		all := [6]string{strconv.Itoa(i + 1)}
		copy(all[1:], texts[i][:])
		lines := 1
		for j, c := range textCols {
			st.lines[j] = wrap(l.m, all[j], BodySize, false, l.cols[c].W-2*CellPadX)
			lines = max(lines, len(st.lines[j]))
		}
		st.textH = textHeight(lines, BodySize)
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
	for i := range l.d.Steps {
		var yes, no string
		if dec := l.d.Steps[i].Decision; dec != nil {
			yes, no = dec.Labels()
		}
		for b, j := range l.d.Successors(i) {
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
}

// prepareTotal sets the total line and where across the table it is
// printed: under the MUTU BAKU columns, widened over KETERANGAN and then
// the actor columns when the text needs it.
func (l *layouter) prepareTotal() {
	t := esop.TotalTime(l.d)
	if t.IsZero() {
		return
	}
	l.total = "Jumlah waktu: " + t.Indonesian()
	// Measured bold, as renderers may set it.
	need := max(l.m.Width(l.total, BodySize, false), l.m.Width(l.total, BodySize, true)) + 2*CellPadX + 0.01
	n := len(l.d.Actors)
	first, last := n+2, n+4 // KELENGKAPAN … OUTPUT
	width := func() float64 { return l.cols[last].X + l.cols[last].W - l.cols[first].X }
	if width() < need {
		last++
	}
	for width() < need && first > 0 {
		first--
	}
	l.totalAt = Rect{X: l.cols[first].X, W: round2(width()), H: ceil2(textHeight(1, BodySize))}
}

// crossing is an edge that crosses a page break, with the letter of its
// pair of connectors there.
type crossing struct {
	edge   int
	letter string
}

// crossings returns the edges that cross the break before row t, with
// letters counted from next.
func (l *layouter) crossings(t, next int) []crossing {
	if t <= 0 || t >= len(l.d.Steps) {
		return nil
	}
	var out []crossing
	for i, fe := range l.edges {
		lo, hi := min(fe.from, fe.to), max(fe.from, fe.to)
		if lo < t && t <= hi {
			out = append(out, crossing{edge: i, letter: letterName(next + len(out))})
		}
	}
	return out
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
	var top []crossing
	next := 0
	for s := 0; s < n; {
		want := l.later
		if s == 0 {
			want = l.first
		}
		if want == 0 {
			want = n - s // as many as fit
		}
		page, rows, bottom, err := l.fitPage(len(pages)+1, s, min(want, n-s), top, next)
		if err != nil {
			return nil, err
		}
		pages = append(pages, *page)
		s += rows
		next += len(bottom)
		top = bottom
	}
	return pages, nil
}

// fitPage builds the page starting at row s with as many of the want
// rows as fit, and returns it with its number of rows and the edges
// crossing its bottom break; an error when not even one row fits.
func (l *layouter) fitPage(num, s, want int, top []crossing, next int) (*Page, int, []crossing, error) {
	try := func(k int) (*Page, []crossing, error) {
		bottom := l.crossings(s+k, next)
		page, err := l.buildPage(num, s, s+k, top, bottom)
		return page, bottom, err
	}
	// No page holds more rows than their least heights allow, so start
	// from that bound: on a long SOP it saves most of the tries.
	want = min(want, l.rowsBound(s, want))
	page, bottom, err := try(want)
	if err == nil {
		return page, want, bottom, nil
	}
	// Guess how many rows to drop from how far the page ran over, then
	// settle on the most that fit by stepping from the guess; fall back to
	// bisection when the guesses do not converge.
	lo, hi := 0, want-1
	var (
		best       *Page
		bestBottom []crossing
	)
	k := guessRows(err, want)
	for tries := 0; lo < hi && tries < 3; tries++ {
		k = min(max(k, lo+1), hi)
		page, bottom, e := try(k)
		if e != nil {
			hi, err = k-1, e
			k = min(guessRows(e, k), k-1)
			continue
		}
		lo, best, bestBottom = k, page, bottom
		k++
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		page, bottom, e := try(mid)
		if e != nil {
			hi, err = mid-1, e
			continue
		}
		lo, best, bestBottom = mid, page, bottom
	}
	if best == nil {
		return nil, 0, nil, fmt.Errorf("layout: the page of step %q cannot be laid out: %w", l.d.Steps[s].ID, err)
	}
	return best, lo, bestBottom, nil
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
	room := l.paper.H - margin - l.head.y2
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

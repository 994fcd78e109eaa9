package layout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// BookInfo is what the front matter of an SOP book says: the cover, the
// head of office's decision setting the SOPs, and the contents.
type BookInfo struct {
	Government string // Pemerintah Kota Malang
	Agency     string // Dinas Ketenagakerjaan dan Transmigrasi
	Unit       string // the unit the book is for, or "" for the whole agency
	Year       int
	Paper      string // "A4" (default) or "F4"
	// Office is how the office is reached, printed on the cover and in
	// the letterhead (kop) of the decision.
	Office Office

	// Decree is the Keputusan of the head of office setting the SOPs of
	// the book; nil leaves the decision out.
	Decree *Decree
	// Entries describe the SOPs for the decision's list and the contents,
	// one per SOP and in the book's order.
	Entries []BookEntry
}

// Office is the address and the contacts of an office, as its letterhead
// prints them. Empty fields are left out.
type Office struct {
	Address string // Jalan …, Malang 65111
	Phone   string // (0341) 551234
	Email   string
	Website string
}

// contacts returns the second line of a letterhead: "Telepon … · Pos-el
// … · Laman …", or "" when the office gives none.
func (o Office) contacts() string {
	var parts []string
	for _, p := range [][2]string{{"Telepon", o.Phone}, {"Pos-el", o.Email}, {"Laman", o.Website}} {
		if v := strings.TrimSpace(p[1]); v != "" {
			parts = append(parts, p[0]+" "+v)
		}
	}
	return strings.Join(parts, " · ")
}

// BookEntry is one SOP of a book as the decision and the contents list it.
type BookEntry struct {
	Number    string
	Title     string
	Unit      string
	Version   int       // the version number of the SOP; 0 prints "-"
	Effective esop.Date // Tanggal Efektif
	Revised   esop.Date // Tanggal Revisi: the last revision or the planned review
}

// Decree is the head of office's decision (Keputusan Kepala …) that sets
// the SOPs of a book, printed in Indonesian after the cover: the
// considerations, the legal basis, the dictums, the signature block and,
// as its Lampiran, the list of the SOPs.
type Decree struct {
	Number string    // Nomor; "" prints …/…/… to be completed by hand
	Date   esop.Date // Ditetapkan pada tanggal; zero leaves a blank to complete by hand
	Place  string    // Ditetapkan di; default the city or regency of the Government
	// Issuer is the head's position as it heads the decision, "Kepala
	// Dinas Ketenagakerjaan dan Transmigrasi Kota Malang"; default
	// "Kepala " and the agency with its region.
	Issuer string
	// Considering are the points of Menimbang, each without its letter;
	// nil prints the considerations of Permenpan RB 35/2012.
	Considering []string
	// Legal is the legal basis (Mengingat), each regulation in full, in
	// the order of the hierarchy; nil cites Permenpan RB 35/2012 alone.
	Legal []string
	// Signer is the signature block: the position and capacity (Plt.,
	// Plh., a.n.), name, rank and NIP; nil leaves it blank to complete by
	// hand.
	Signer *esop.Approval
}

// Book is the laid-out front matter of an SOP book, and where its pages
// fall: the cover, the decision with its Lampiran, the contents; then
// the SOPs, SOP i starting on page Starts[i], Total pages in all.
type Book struct {
	Paper    Size
	Cover    Sheet
	Decree   []Sheet
	Contents []Sheet
	Starts   []int
	Total    int
}

// Sheet is a page of the front matter, laid out: its frame (the footer's
// place), the left footer, and what is printed on it.
type Sheet struct {
	Frame  Frame
	Footer string // the left part of the footer; "" on the cover, which has none
	Texts  []Text
	Rules  []Stroke
	// Logo is where the office's logo goes (zero for none); the renderer
	// scales the logo to fit it, its aspect kept, and leaves it empty
	// without a logo.
	Logo Rect
}

// Stroke is a straight line Width millimetres thick.
type Stroke struct {
	A, B  Point
	Width float64
}

// The book's sizes: the decision is set upright in the usual margins of
// an official letter and a larger size than the tables; the contents
// across the page like the SOPs.
const (
	decreeLeft     = 25.0
	decreeRight    = 20.0
	decreeTop      = 15.0
	decreeBottom   = 20.0
	decreeSize     = 11.0 // body text in points
	decreeLeading  = 1.4  // line spacing of the decision, in sizes
	lampiranSize   = 9.0  // the list of SOPs in the Lampiran
	contentsSize   = 9.0
	contentsMargin = 12.0
	tableRule      = 0.25
	minTableRows   = 3 // the fewest rows of a table on its last page
)

// LayoutBook lays out the front matter of a book whose SOPs take
// counts[i] printed pages each, in the order of info.Entries: the cover,
// the decision when info.Decree is set, and the contents with each SOP's
// first page. m measures text.
func LayoutBook(info *BookInfo, counts []int, m Measurer) (*Book, error) {
	paper, err := PaperSize(info.Paper)
	if err != nil {
		return nil, err
	}
	if len(info.Entries) != len(counts) {
		return nil, fmt.Errorf("layout: %d book entries for %d documents", len(info.Entries), len(counts))
	}
	bs := &bookSetter{info: printableBook(info), m: m, paper: paper}
	bk := &Book{Paper: paper, Cover: bs.cover()}
	if info.Decree != nil {
		bk.Decree = bs.decreeSheets()
	}
	// The contents are set twice: first to count their pages, then with
	// the page numbers (a number never takes more than one line).
	contents := bs.contentsSheets()
	total := 1 + len(bk.Decree) + len(contents)
	bs.starts, bs.decreeAt, bs.contentsAt = make([]int, len(counts)), 2, 2+len(bk.Decree)
	for i, n := range counts {
		bs.starts[i] = total + 1
		total += n
	}
	again := bs.contentsSheets()
	if len(again) != len(contents) {
		return nil, fmt.Errorf("layout: the contents took %d pages, then %d", len(contents), len(again))
	}
	bk.Contents, bk.Starts, bk.Total = again, bs.starts, total
	return bk, nil
}

// BookTitle returns the title of a book: "Standar Operasional Prosedur"
// and the agency, and the unit when the book is a unit's.
func BookTitle(info *BookInfo) string {
	t := "Standar Operasional Prosedur " + info.Agency
	if info.Unit != "" {
		t += " — " + info.Unit
	}
	return t
}

// DefaultPlace returns the place a decision of the government is set in:
// the city of a Pemerintah Kota ("Malang"), else the region's name.
func DefaultPlace(government string) string {
	reg := Region(government)
	for _, p := range []string{"Kota ", "Kabupaten ", "Provinsi "} {
		reg = strings.TrimPrefix(reg, p)
	}
	return reg
}

// bookSetter sets the front matter of one book.
type bookSetter struct {
	info  *BookInfo
	m     Measurer
	paper Size // landscape; the decision is set upright on it turned

	// Known once the front matter is counted: the first page of each
	// SOP, of the decision and of the contents; nil and 0 before.
	starts               []int
	decreeAt, contentsAt int
}

// cover lays out the cover: the logo's room, the title, the unit, the
// agency and the government, and at the foot the office's address and
// contacts and the year.
func (b *bookSetter) cover() Sheet {
	paper := b.paper
	s := Sheet{Frame: NewFrame(paper, Margin, false, b.m)}
	cx := paper.W / 2
	s.Logo = Rect{X: cx - 17, Y: 22, W: 34, H: 38}
	y := s.Logo.Y + s.Logo.H + 10
	for _, l := range []struct {
		s    string
		size float64
	}{
		{"STANDAR OPERASIONAL PROSEDUR", 22},
		{"ADMINISTRASI PEMERINTAHAN", 16},
		{strings.ToUpper(b.info.Unit), 14},
		{strings.ToUpper(b.info.Agency), 16},
		{strings.ToUpper(b.info.Government), 14},
	} {
		if l.s == "" {
			continue
		}
		for _, line := range WrapBalanced(b.m, l.s, l.size, true, paper.W-60) {
			y += Ascent * l.size * PointMM
			s.Texts = append(s.Texts, Text{X: cx, Y: round2(y), S: line, Size: l.size, Bold: true, Anchor: "middle"})
			y += l.size*PointMM*0.6 + 2
		}
	}
	// The foot, from the bottom margin up: the year, then the office.
	y = paper.H - Margin - 8
	if b.info.Year > 0 {
		s.Texts = append(s.Texts, Text{X: cx, Y: y, S: strconv.Itoa(b.info.Year), Size: 14, Bold: true, Anchor: "middle"})
		y -= 9
	}
	var foot []string
	for _, t := range []string{b.info.Office.Address, b.info.Office.contacts()} {
		if strings.TrimSpace(t) != "" {
			foot = append(foot, WrapBalanced(b.m, t, 10, false, paper.W-60)...)
		}
	}
	for i := len(foot) - 1; i >= 0; i-- {
		s.Texts = append(s.Texts, Text{X: cx, Y: round2(y), S: foot[i], Size: 10, Anchor: "middle"})
		y -= LineHeight(10)
	}
	return s
}

// item is a piece of a flowing text: h millimetres tall, placed on a
// sheet with its top at y.
type item struct {
	h     float64
	place func(s *Sheet, y float64)
}

// flow places items down pages, starting a new page when one does not fit.
type flow struct {
	top, bottom float64
	pages       [][]placed
	y           float64
	header      *item  // repeated at the top of every new page (a table header), or nil
	held        []item // kept to go with what comes next
}

type placed struct {
	y  float64
	it item
}

func newFlow(top, bottom float64) *flow {
	return &flow{top: top, bottom: bottom, pages: [][]placed{nil}, y: top}
}

func (f *flow) place(it item) {
	f.pages[len(f.pages)-1] = append(f.pages[len(f.pages)-1], placed{f.y, it})
	f.y += it.h
}

// fresh reports whether nothing but the repeated header is on the page yet.
func (f *flow) fresh() bool {
	top := f.top
	if f.header != nil {
		top += f.header.h
	}
	return f.y <= top+0.01
}

func (f *flow) newPage() {
	f.pages = append(f.pages, nil)
	f.y = f.top
	if f.header != nil {
		f.place(*f.header)
	}
}

// add places items together on one page, on a new page when they do not
// fit on this one (unless it is empty: then they overflow rather than loop).
func (f *flow) add(items ...item) {
	if f.held != nil {
		items = append(f.held, items...)
		f.held = nil
	}
	if f.y+height(items) > f.bottom && !f.fresh() {
		f.newPage()
	}
	for _, it := range items {
		f.place(it)
	}
}

func height(items []item) float64 {
	h := 0.0
	for _, it := range items {
		h += it.h
	}
	return h
}

// keep holds items to be placed with the next ones (a heading never ends a page).
func (f *flow) keep(items ...item) { f.held = append(f.held, items...) }

// space adds vertical space, dropped at the top of a page.
func (f *flow) space(h float64) {
	if f.fresh() {
		return
	}
	f.y = min(f.y+h, f.bottom)
}

// table places the rows of a table under its header, the header repeated
// on every page, then closing (what must end the table, such as a
// signature). No page holds fewer than minTableRows rows of a table that
// runs over several pages when the page before can give them: rows move
// on from it, as they do to go with the closing when it does not fit
// under the last row. groups[i] are items kept with row i (a heading).
func (f *flow) table(header item, rows [][]item, closing []item) {
	if len(rows) == 0 {
		f.add(append([]item{header}, closing...)...)
		return
	}
	breaks := f.tableBreaks(header.h, rows, height(closing))
	for i, r := range rows {
		switch {
		case i == 0:
			f.add(append([]item{header}, r...)...)
			f.header = &header
		case breaks[i]:
			f.newPage()
			for _, it := range r {
				f.place(it)
			}
		default:
			for _, it := range r {
				f.place(it)
			}
		}
	}
	f.header = nil
	if len(closing) > 0 {
		f.add(closing...)
	}
}

// tableBreaks returns, for each row, whether it starts a new page.
func (f *flow) tableBreaks(headerH float64, rows [][]item, closingH float64) []bool {
	y := f.y
	if y+headerH+height(rows[0]) > f.bottom && !f.fresh() {
		y = f.top
	}
	y += headerH
	pages := [][]int{nil}
	for i, r := range rows {
		h := height(r)
		if y+h > f.bottom && len(pages[len(pages)-1]) > 0 {
			pages = append(pages, nil)
			y = f.top + headerH
		}
		pages[len(pages)-1] = append(pages[len(pages)-1], i)
		y += h
	}
	last := len(pages) - 1
	// The closing goes with the last rows when it does not fit under them.
	if closingH > 0 && y+closingH > f.bottom && len(pages[last]) > 1 {
		k := min(minTableRows, len(pages[last])-1)
		moved := pages[last][len(pages[last])-k:]
		pages[last] = pages[last][:len(pages[last])-k]
		pages = append(pages, moved)
		last++
	}
	// A last page of one or two rows takes rows from the page before.
	if last > 0 {
		prev := pages[last-1]
		for len(pages[last]) < minTableRows && len(prev) > minTableRows {
			pages[last] = append([]int{prev[len(prev)-1]}, pages[last]...)
			prev = prev[:len(prev)-1]
		}
		pages[last-1] = prev
	}
	breaks := make([]bool, len(rows))
	for _, p := range pages[1:] {
		if len(p) > 0 {
			breaks[p[0]] = true
		}
	}
	return breaks
}

// sheets turns the placed pages into sheets.
func (f *flow) sheets(frame Frame, footer string) []Sheet {
	out := make([]Sheet, len(f.pages))
	for i, pg := range f.pages {
		out[i] = Sheet{Frame: frame, Footer: footer}
		for _, p := range pg {
			if p.it.place != nil {
				p.it.place(&out[i], p.y)
			}
		}
	}
	return out
}

// textItem is one line of text at x, h tall.
func textItem(x float64, s string, size float64, bold bool, anchor string, h float64) item {
	return item{h: h, place: func(sh *Sheet, y float64) {
		sh.Texts = append(sh.Texts, Text{X: x, Y: round2(y + Ascent*size*PointMM), S: s, Size: size, Bold: bold, Anchor: anchor})
	}}
}

// rule returns a stroke from (x0, y) to (x1, y).
func hrule(x0, x1, y, w float64) Stroke {
	return Stroke{A: Point{x0, round2(y)}, B: Point{x1, round2(y)}, Width: w}
}

func vrule(x, y0, y1, w float64) Stroke {
	return Stroke{A: Point{x, round2(y0)}, B: Point{x, round2(y1)}, Width: w}
}

func dash(s string) string { return orDash(s) }

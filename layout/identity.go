package layout

import (
	"slices"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// Identity is the laid-out identity section (Bagian Identitas) of an SOP:
// the header block (the logo, the government, the agency and the unit on
// the left; the Nomor SOP, dates, Disahkan oleh and Nama SOP rows on the
// right) and the three rows of paired boxes below it. A section too tall
// for one page continues on further pages, a row of boxes split between
// items or lines with its titles repeated ("(lanjutan)").
type Identity struct {
	Paper  Size
	Margin float64
	Frame  Frame // the margins, the footer and the draft mark of every page
	Pages  []IdentityPage
}

// IdentityPage is one page of the identity section.
type IdentityPage struct {
	Cells []Cell // every box with its wrapped text
	Rules []Line // ruling lines
	// Logo is the room for the office's logo in the left cell of the
	// header (zero on continuation pages): the renderer scales the logo
	// to fit it, its aspect kept, centred; without a logo it stays empty.
	// It keeps clear of the names under it.
	Logo Rect
	// Signature is the space left for the signature and stamp (zero on
	// continuation pages and for a draft).
	Signature Rect
	// QR is the square where the print's verification code goes, in the
	// Disahkan oleh row beside the signature, when Options.QR asks for it
	// and the SOP is approved; zero otherwise.
	QR Rect
}

// Identity text sizes in points.
const (
	IdentityTitleSize = 11 // the government, agency and unit beside the logo
	IdentityBodySize  = 10 // everything else
	// IdentityTightSize is the boxes' text of a section that would
	// otherwise run onto another page: the size of the flowchart's body
	// text (BodySize), the least official-layout.md allows for body text.
	IdentityTightSize = BodySize
)

// Geometry of the identity page in millimetres.
const (
	idPadX      = 2.0  // inside a box, left and right
	idPadY      = 1.5  // inside a box, top and bottom
	idLeftShare = 0.38 // of the width: the left cell of the header
	idMinRow    = 8.0  // the least height of a header row
	idSignature = 20.0 // room to sign and stamp
	idLogoMax   = 34.0 // the tallest the logo's room gets
	idLogoMin   = 14.0 // the least room kept for a logo
	idLogoGap   = 5.0  // between the logo's room and the names
	idQR        = 22.0 // the side of the QR code
	idQRCell    = 32.0 // the width of the QR code's part of the Disahkan oleh row
	idMinSplit  = 3    // the fewest lines of a row of boxes left on a page
)

// identityLabels are the labels of the right-hand rows, as the regulation prints them.
var identityLabels = [6]string{"NOMOR SOP", "TANGGAL PEMBUATAN", "TANGGAL REVISI", "TANGGAL EFEKTIF", "DISAHKAN OLEH", "NAMA SOP"}

// QRCaption is printed under the verification QR code.
const QRCaption = "Pindai untuk memeriksa keabsahan"

// LayoutIdentity lays out the identity section of d. Dates are printed
// the Indonesian way, an empty field as "-"; the signer's position
// carries its capacity (Plt., Plh., a.n.) once.
//
// The regulation's identity section is one page. One that runs onto
// another page is laid out again, tighter each time, and the first that
// takes fewer pages is kept (or, on as many pages, the first whose last
// page no longer holds a widow, fewer than idMinSplit lines of a box):
// first with the header's rows as tall as their text asks (no idMinRow),
// then with the boxes' text at IdentityTightSize too. A page holding one
// line of PENCATATAN DAN PENDATAAN, or only the row of PERINGATAN, is
// what a reviewer marks.
func LayoutIdentity(d *esop.Document, opt *Options) *Identity {
	d = printableDoc(d, false)
	il := newIdentityLayouter(d, opt)
	il.layout()
	for _, try := range identityTries {
		if len(il.pages) == 1 {
			break
		}
		alt := newIdentityLayouter(d, opt)
		alt.compact, alt.split = true, try.split
		if try.tight {
			alt.setBoxSize(IdentityTightSize)
		}
		alt.layout()
		if len(alt.pages) < len(il.pages) || (len(alt.pages) == len(il.pages) && il.widowed() && !alt.widowed()) {
			il = alt
		}
	}
	return &Identity{Paper: il.paper, Margin: Margin, Frame: il.frame, Pages: il.pages}
}

// identityTries are the tighter layouts LayoutIdentity tries, in order,
// for an identity section that runs onto another page: the header's rows
// as tall as their text; then the boxes' divider off the middle, the
// longer side of the rows wider (split, the left box's share of the
// width: the sketch's proportions are indicative, official-layout.md), as
// near the middle as serves; then the boxes' text at IdentityTightSize.
// Sample 05 on A4 set its boxes at 9 pt under a header at 10 pt, where a
// Dasar Hukum of fourteen lines beside short lists fitted at 10 pt with
// the divider at 60 % (a reviewer of session 24).
var identityTries = []struct {
	split float64
	tight bool
}{{0.5, false}, {0.55, false}, {0.45, false}, {0.6, false}, {0.4, false}, {0.5, true}}

// layout lays out the header and the boxes.
func (il *identityLayouter) layout() {
	il.header()
	il.boxes()
	il.pages = append(il.pages, il.page)
}

// widowed reports whether the last page of the section holds fewer than
// idMinSplit lines of boxes besides their titles.
func (il *identityLayouter) widowed() bool {
	return len(il.pages) > 1 && il.lastLines < idMinSplit
}

// identityLayouter holds the state of one identity section being laid out.
type identityLayouter struct {
	d       *esop.Document
	related []string // the Keterkaitan as printed
	m       Measurer
	qr      bool
	paper   Size
	frame   Frame
	x0, w   float64 // the left edge and the width of the boxes
	boxSize float64 // the text of the boxes under the header, in points
	lh      float64 // its line height
	page    IdentityPage
	pages   []IdentityPage
	y       float64 // where the next row of boxes starts
	leftW   float64 // the header's left cell
	labelW  float64 // its label column
	// compact sets the header's rows as tall as their text, without
	// idMinRow (see LayoutIdentity).
	compact bool
	// split is the left box's share of the boxes' width under the header
	// (0.5, the middle, unless identityTries asks another).
	split float64
	// lastLines counts the lines of boxes, titles left out, laid out on
	// the current page.
	lastLines int
}

func newIdentityLayouter(d *esop.Document, opt *Options) *identityLayouter {
	if opt == nil {
		opt = &Options{}
	}
	m := opt.Measure
	if m == nil {
		m = ApproxMeasure()
	}
	paper, err := choosePaper(opt, d)
	if err != nil {
		paper = A4 // Layout reports the bad name; the identity page is printed on A4
	}
	il := &identityLayouter{d: d, related: d.Related, m: m, qr: opt.QR && d.IsApproved(), paper: paper,
		frame: NewFrame(paper, Margin, !d.IsApproved(), m), x0: ruleMargin, w: paper.W - 2*ruleMargin, split: 0.5,
	}
	il.setBoxSize(IdentityBodySize)
	if opt.Related != nil {
		il.related = printableAll(opt.Related)
	}
	il.leftW = round2(il.w * idLeftShare)
	for _, l := range identityLabels {
		il.labelW = max(il.labelW, m.Width(l, IdentityBodySize, true))
	}
	il.labelW = ceil2(il.labelW + 2*idPadX + 0.01)
	return il
}

// setBoxSize sets the size of the boxes' text.
func (il *identityLayouter) setBoxSize(size float64) {
	il.boxSize, il.lh = size, LineHeight(size)
}

// cell adds a box of lines whose text starts at x and top at y, padded
// for the Cell contract (CellPadX, CellPadY).
func (il *identityLayouter) cell(x, y, w float64, lines []string, size float64, bold bool, align string) float64 {
	h := float64(len(lines))*LineHeight(size) + 2*CellPadY
	il.page.Cells = append(il.page.Cells, Cell{Rect: Rect{X: round2(x), Y: round2(y), W: round2(w), H: ceil2(h)},
		Lines: lines, Size: size, Bold: bold, Align: align})
	return h
}

// valueLines returns the value of header row i, wrapped to width.
func (il *identityLayouter) valueLines(i int, width float64) []string {
	d := il.d
	var s string
	switch i {
	case 0:
		s = d.Number
	case 1:
		s = d.Dates.Created.Indonesian()
	case 2:
		s = d.Dates.Revised.Indonesian()
	case 3:
		s = d.Dates.Effective.Indonesian()
	case 5:
		s = upper(d.Title)
	}
	return wrap(il.m, orDash(s), IdentityBodySize, i == 0 || i == 5, width)
}

// header lays out the header block: the right-hand rows, then the left
// cell with the logo and the names, as tall as the rows.
func (il *identityLayouter) header() {
	valueX := il.x0 + il.leftW + il.labelW
	valueW := il.x0 + il.w - valueX
	y := ruleMargin
	rowY := make([]float64, 0, len(identityLabels)+1)
	for i, label := range identityLabels {
		rowY = append(rowY, y)
		var h float64
		if i == 4 && il.d.IsApproved() {
			h = il.signer(valueX, y, valueW)
		} else {
			lines := []string{"-"}
			if i != 4 {
				lines = il.valueLines(i, valueW-2*idPadX)
			}
			h = max(il.cell(valueX+idPadX-CellPadX, y+idPadY-CellPadY, valueW-2*idPadX+2*CellPadX, lines, IdentityBodySize, i == 0 || i == 5, "left")+2*(idPadY-CellPadY), il.minRow())
		}
		il.cell(il.x0+il.leftW+idPadX-CellPadX, y+idPadY-CellPadY, il.labelW-2*idPadX+2*CellPadX, []string{label}, IdentityBodySize, true, "left")
		y = round2(y + h)
	}
	bottom := il.left(y)
	rowY = append(rowY, bottom)
	il.page.Rules = append(il.page.Rules, boxRules(Rect{X: il.x0, Y: ruleMargin, W: il.w, H: bottom - ruleMargin})...)
	il.page.Rules = append(il.page.Rules,
		Line{Point{il.x0 + il.leftW, ruleMargin}, Point{il.x0 + il.leftW, bottom}},
		Line{Point{valueX, ruleMargin}, Point{valueX, bottom}})
	for _, ry := range rowY[1 : len(rowY)-1] {
		il.page.Rules = append(il.page.Rules, Line{Point{il.x0 + il.leftW, ry}, Point{il.x0 + il.w, ry}})
	}
	il.y = bottom
}

// signer lays out the Disahkan oleh value of an approved SOP: the
// position with its capacity, room to sign, the name, rank and NIP; the
// QR code beside them when asked for. It returns the row's height.
func (il *identityLayouter) signer(x, y, w float64) float64 {
	d, m := il.d, il.m
	qrW := 0.0
	if il.qr {
		qrW = idQRCell
	}
	tw := w - qrW - 2*idPadX
	var pos []string
	for _, l := range SignerPosition(d.Approval, HeadOfAgency(d.Agency, d.Government)) {
		pos = append(pos, WrapBalanced(m, l, IdentityBodySize, true, tw)...)
	}
	a := d.Approval
	name := wrap(m, orDash(a.Name), IdentityBodySize, true, tw)
	var more []string
	if a.Rank != "" {
		more = append(more, wrap(m, a.Rank, IdentityBodySize, false, tw)...)
	}
	if a.NIP != "" {
		more = append(more, "NIP. "+esop.FormatNIP(a.NIP))
	}
	cx := x + idPadX - CellPadX
	cw := tw + 2*CellPadX
	top := y + idPadY - CellPadY
	top += il.cell(cx, top, cw, pos, IdentityBodySize, true, "center") - 2*CellPadY
	il.page.Signature = Rect{X: round2(x + idPadX), Y: round2(top + CellPadY), W: round2(tw), H: idSignature}
	top += idSignature
	top += il.cell(cx, top, cw, name, IdentityBodySize, true, "center") - 2*CellPadY
	if len(more) > 0 {
		top += il.cell(cx, top, cw, more, IdentityBodySize, false, "center") - 2*CellPadY
	}
	h := top + 2*CellPadY + idPadY - CellPadY - y
	if il.qr {
		capLines := wrap(m, QRCaption, MinTextSize, false, qrW-2*idPadX)
		capH := float64(len(capLines))*LineHeight(MinTextSize) + 2*CellPadY
		h = max(h, idQR+capH+2*idPadY+1)
		qx := x + w - qrW + (qrW-idQR)/2
		qy := y + (h-idQR-capH-1)/2
		il.page.QR = Rect{X: round2(qx), Y: round2(qy), W: idQR, H: idQR}
		il.cell(x+w-qrW+idPadX-CellPadX, qy+idQR+1, qrW-2*idPadX+2*CellPadX, capLines, MinTextSize, false, "center")
	}
	return max(h, il.minRow())
}

// minRow returns the least height of a header row: idMinRow, none when
// the section is laid out compact.
func (il *identityLayouter) minRow() float64 {
	if il.compact {
		return 0
	}
	return idMinRow
}

// left lays out the header's left cell, as tall as the rows (bottom) or
// taller when its names need it: the room for the logo above the
// government, agency and unit, in capitals, the whole centred in the
// cell. It returns the bottom of the header.
func (il *identityLayouter) left(bottom float64) float64 {
	m := il.m
	width := il.leftW - 2*idPadX - 4
	tlh := LineHeight(IdentityTitleSize)
	var groups [][]string
	namesH := 0.0
	for _, s := range []string{il.d.Government, il.d.Agency, il.d.Unit} {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		g := WrapBalanced(m, strings.ToUpper(s), IdentityTitleSize, true, width)
		if len(groups) > 0 {
			namesH += tlh / 2
		}
		groups = append(groups, g)
		namesH += float64(len(g)) * tlh
	}
	room := bottom - ruleMargin - 2*idPadY
	logoH := min(idLogoMax, max(idLogoMin, room-namesH-idLogoGap))
	need := logoH + idLogoGap + namesH
	if need > room {
		bottom = ceil2(ruleMargin + need + 2*idPadY)
		room = need
	}
	top := ruleMargin + idPadY + (room-need)/2
	logoW := min(il.leftW-2*idPadX, logoH*1.25)
	il.page.Logo = Rect{X: round2(il.x0 + (il.leftW-logoW)/2), Y: round2(top), W: round2(logoW), H: round2(logoH)}
	y := top + logoH + idLogoGap
	for i, g := range groups {
		if i > 0 {
			y += tlh / 2
		}
		y += il.cell(il.x0+idPadX, y-CellPadY, il.leftW-2*idPadX, g, IdentityTitleSize, true, "center") - 2*CellPadY
	}
	return bottom
}

// idBlock is a run of lines of a box: its title, or one item with its
// number printed before its first line.
type idBlock struct {
	number string
	lines  []string
	bold   bool
}

// idColumn is one box of a row of boxes.
type idColumn struct {
	title  string
	blocks []idBlock
	indent float64 // where item text starts, after the numbers
}

// boxes lays out the three rows of paired boxes under the header, each
// row on the current page when it fits, split when at least idMinSplit
// lines fit, else on a new page.
func (il *identityLayouter) boxes() {
	left := round2(il.w * il.split)
	for _, pair := range identityPairs(il.d, il.related) {
		cols := [2]idColumn{il.column(pair[0], left), il.column(pair[1], il.w-left)}
		for {
			n := max(cols[0].count(), cols[1].count())
			avail := il.frame.Bottom - il.y - 2*idPadY
			fit := int(avail / il.lh)
			if fit >= n {
				il.boxRow(cols, n, left)
				break
			}
			if fit >= idMinSplit {
				il.boxRow(cols, fit, left)
				cols[0], cols[1] = cols[0].rest(fit), cols[1].rest(fit)
			}
			il.newPage()
		}
	}
}

// newPage ends the current page of boxes and starts the next.
func (il *identityLayouter) newPage() {
	il.pages = append(il.pages, il.page)
	il.page = IdentityPage{}
	il.lastLines = 0
	il.y = ruleMargin
}

// column lays out one box: its title, then its items, numbered (a single
// item too, as official-layout.md's sketch numbers a Keterkaitan of one
// SOP: three reviewers of session 24 marked "1." missing) with a hanging
// indent, each without the marker its author may have typed
// (esop.ListItem); "-" when it has none.
func (il *identityLayouter) column(l idList, width float64) idColumn {
	m := il.m
	c := idColumn{title: l.title}
	c.blocks = append(c.blocks, idBlock{lines: []string{l.title}, bold: true})
	inner := width - 2*idPadX
	items := l.items
	if l.numbered {
		items = esop.ListItems(items) // not "1. 1. Undang-Undang …" where its author numbered it too, nor "2. -"
	}
	numbered := l.numbered && len(items) > 0
	if numbered {
		c.indent = m.Width(strconv.Itoa(len(items))+". ", il.boxSize, false)
	}
	if len(items) == 0 {
		c.blocks = append(c.blocks, idBlock{lines: []string{"-"}})
	}
	for i, it := range items {
		b := idBlock{lines: wrapBound(m, orDash(it), il.boxSize, inner-c.indent)}
		if numbered {
			b.number = strconv.Itoa(i+1) + "."
		}
		c.blocks = append(c.blocks, b)
	}
	return c
}

// count returns the number of lines of a box.
func (c idColumn) count() int {
	n := 0
	for _, b := range c.blocks {
		n += len(b.lines)
	}
	return n
}

// rest returns the box without its first n lines, under its title
// marked as continued.
func (c idColumn) rest(n int) idColumn {
	out := idColumn{title: c.title, indent: c.indent}
	out.blocks = append(out.blocks, idBlock{lines: []string{strings.TrimSuffix(c.title, ":") + " (lanjutan):"}, bold: true})
	for _, b := range c.blocks {
		switch {
		case n >= len(b.lines):
			n -= len(b.lines)
		case n > 0:
			out.blocks = append(out.blocks, idBlock{lines: b.lines[n:], bold: b.bold})
			n = 0
		default:
			out.blocks = append(out.blocks, b)
		}
	}
	if len(out.blocks) == 1 {
		return idColumn{} // nothing is left
	}
	return out
}

// boxRow places the first n lines of a pair of boxes at il.y, the left
// one leftW wide.
func (il *identityLayouter) boxRow(cols [2]idColumn, n int, leftW float64) {
	h := ceil2(float64(n)*il.lh + 2*idPadY)
	for k, c := range cols {
		x, w := il.x0, leftW
		if k == 1 {
			x, w = il.x0+leftW, il.w-leftW
		}
		y := il.y + idPadY
		left := n
		for _, b := range c.blocks {
			if left == 0 {
				break
			}
			lines := b.lines[:min(len(b.lines), left)]
			left -= len(lines)
			tx := x + idPadX
			if b.number != "" || (!b.bold && c.indent > 0) {
				tx += c.indent
			}
			if b.number != "" {
				il.cell(x+idPadX-CellPadX, y-CellPadY, c.indent+2*CellPadX, []string{b.number}, il.boxSize, false, "left")
			}
			il.cell(tx-CellPadX, y-CellPadY, x+w-idPadX-tx+2*CellPadX, lines, il.boxSize, b.bold, "left")
			y += float64(len(lines)) * il.lh
		}
	}
	il.page.Rules = append(il.page.Rules, boxRules(Rect{X: il.x0, Y: il.y, W: il.w, H: h})...)
	il.page.Rules = append(il.page.Rules, Line{Point{il.x0 + leftW, il.y}, Point{il.x0 + leftW, il.y + h}})
	il.y = round2(il.y + h)
	il.lastLines += n - 1 // the first line is the boxes' titles
}

// wrapBound wraps an item of a box as wrapNoWidow does, with "Nomor",
// "No." and "Tahun" kept on the line of the word after them: "… Menteri
// Nomor / 35 Tahun 2012" read as a number cut from its word (Dasar
// Hukum on A4 of office-plh, -nine, -two-ends, -draft and -200-steps,
// the reviewer of session 22). A pair wider than half the box stays
// breakable, so that it never takes a line of its own or is hyphenated.
func wrapBound(m Measurer, text string, size, width float64) []string {
	words := strings.Split(text, " ")
	bound := false
	for i := 0; i+1 < len(words); i++ {
		switch words[i] {
		case "Nomor", "No.", "Tahun":
			if words[i+1] != "" && m.Width(words[i]+" "+words[i+1], size, false) <= width/2 {
				words[i] += noBreakSpace + words[i+1]
				words = slices.Delete(words, i+1, i+2)
				bound = true
			}
		}
	}
	if !bound {
		return wrapNoWidow(m, text, size, false, width)
	}
	lines := wrapNoWidow(m, strings.Join(words, " "), size, false, width)
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(l, noBreakSpace, " ")
	}
	return lines
}

type idList struct {
	title    string
	items    []string
	numbered bool
}

func identityPairs(d *esop.Document, related []string) [][2]idList {
	var legal []string
	for _, r := range d.LegalBasis {
		legal = append(legal, r.Cite(d.Government))
	}
	var warning []string
	if d.Warning != "" {
		warning = []string{d.Warning}
	}
	return [][2]idList{
		{{"DASAR HUKUM:", legal, true}, {"KUALIFIKASI PELAKSANA:", d.Qualifications, true}},
		{{"KETERKAITAN:", related, true}, {"PERALATAN/PERLENGKAPAN:", d.Equipment, true}},
		{{"PERINGATAN:", warning, false}, {"PENCATATAN DAN PENDATAAN:", d.Records, true}},
	}
}

// boxRules returns the four sides of r.
func boxRules(r Rect) []Line {
	return []Line{
		{Point{r.X, r.Y}, Point{r.X + r.W, r.Y}}, {Point{r.X, r.Y + r.H}, Point{r.X + r.W, r.Y + r.H}},
		{Point{r.X, r.Y}, Point{r.X, r.Y + r.H}}, {Point{r.X + r.W, r.Y}, Point{r.X + r.W, r.Y + r.H}},
	}
}

package render

import (
	"fmt"
	"image"
	"io"
	"strconv"
	"strings"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
)

// BookInfo is what the front matter of an SOP book says: the cover, the
// head of office's decision setting the SOPs, and the contents.
type BookInfo struct {
	Government string // Pemerintah Kota Malang
	Agency     string // Dinas Ketenagakerjaan dan Transmigrasi
	Unit       string // the unit the book is for, or "" for the whole agency
	Year       int
	Paper      string
	Address    string      // the office's address, on the cover and the letterhead of the decision
	Logo       image.Image // the office's logo; nil draws a neutral placeholder

	// Decree is the Keputusan of the head of office setting the SOPs of
	// the book; nil leaves the decision out.
	Decree *Decree
	// Entries describe the SOPs for the decision's list and the contents,
	// one per document and in the same order; nil takes them from the
	// documents (without version numbers).
	Entries []BookEntry
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
	// Plh.), name, rank and NIP; nil leaves it blank to complete by hand.
	Signer *esop.Approval
}

// Book writes an SOP book as one PDF: a cover; the head of office's
// decision with its list of SOPs, when info.Decree is set; the contents
// with each SOP's version, dates and first page; then every SOP. Pages are
// numbered across the book, and every page but the cover carries a
// running footer. progress, when not nil, is called after each SOP is
// drawn with the number done and the total.
func (r *Renderer) Book(w io.Writer, info BookInfo, docs []*Pages, progress func(done, total int)) error {
	paper := layout.A4
	if info.Paper == esop.PaperF4 {
		paper = layout.F4
	}
	entries := info.Entries
	if entries == nil {
		entries = make([]BookEntry, len(docs))
		for i, d := range docs {
			entries[i] = BookEntry{Number: d.Doc.Number, Title: d.Doc.Title, Unit: d.Doc.Unit,
				Effective: d.Doc.Dates.Effective, Revised: d.Doc.Dates.Revised}
		}
	}
	if len(entries) != len(docs) {
		return fmt.Errorf("render: %d book entries for %d documents", len(entries), len(docs))
	}
	b := &bookSetter{r: r, info: info, entries: entries, paper: paper}
	var decree []sheet
	if info.Decree != nil {
		decree = b.decreeSheets()
	}
	// The contents are set twice: first to count their pages, then with
	// the page numbers (a number never takes more than one line).
	contents := b.contentsSheets()
	total := 1 + len(decree) + len(contents)
	b.starts, b.decreeAt, b.contentsAt = make([]int, len(docs)), 2, 2+len(decree)
	for i, d := range docs {
		b.starts[i] = total + 1
		total += d.Count()
	}
	if again := b.contentsSheets(); len(again) == len(contents) {
		contents = again
	} else {
		return fmt.Errorf("render: the contents took %d pages, then %d", len(contents), len(again))
	}

	out := pdf.New(w, paper.W, paper.H, &pdf.Options{Compress: true, SubsetFonts: true, ImageEncoding: canvas.Lossless})
	out.SetInfo(bookTitle(info), "Buku Standar Operasional Prosedur", "SOP; "+info.Agency, info.Agency, "e-SOP")
	out.SetLang("id")
	r.drawCover(paper, info).RenderTo(out)
	folio := 1
	for _, s := range append(decree, contents...) {
		folio++
		out.NewPage(s.size.W, s.size.H)
		c := canvas.New(s.size.W, s.size.H)
		p := newCanvasPainter(c, r.fonts)
		p.shape(rectPoints(layout.Rect{W: s.size.W, H: s.size.H}), 0, false) // white paper
		s.draw(p)
		drawFooter(p, s.size, s.margin, folio, total, s.footer)
		c.RenderTo(out)
	}
	for i, d := range docs {
		for n := 1; n <= d.Count(); n++ {
			out.NewPage(d.Flow.Paper.W, d.Flow.Paper.H)
			r.drawPageAs(d, n, b.starts[i]+n-1, total).RenderTo(out)
		}
		if progress != nil {
			progress(i+1, len(docs))
		}
	}
	return out.Close()
}

func bookTitle(info BookInfo) string {
	t := "Standar Operasional Prosedur " + info.Agency
	if info.Unit != "" {
		t += " — " + info.Unit
	}
	return t
}

// region returns the region of the government, "Kota Malang" for
// "Pemerintah Kota Malang".
func region(government string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(government), "Pemerintah"))
}

// agencyFull returns the agency with its region, "Dinas Ketenagakerjaan
// dan Transmigrasi Kota Malang", as decisions name it.
func agencyFull(info BookInfo) string {
	reg := region(info.Government)
	if reg == "" || strings.HasSuffix(info.Agency, reg) {
		return info.Agency
	}
	return info.Agency + " " + reg
}

// DefaultPlace returns the place a decision of the government is set in:
// the city of a Pemerintah Kota ("Malang"), else the region's name.
func DefaultPlace(government string) string {
	reg := region(government)
	for _, p := range []string{"Kota ", "Kabupaten ", "Provinsi "} {
		reg = strings.TrimPrefix(reg, p)
	}
	return reg
}

func (r *Renderer) drawCover(paper layout.Size, info BookInfo) *canvas.Canvas {
	c := canvas.New(paper.W, paper.H)
	p := newCanvasPainter(c, r.fonts)
	p.shape(rectPoints(layout.Rect{W: paper.W, H: paper.H}), 0, false) // white paper
	cx := paper.W / 2
	logo := layout.Rect{X: cx - 17, Y: 26, W: 34, H: 38}
	if info.Logo != nil {
		p.image(fitImage(logo, info.Logo), info.Logo)
	} else {
		drawLogoPlaceholder(p, logo)
	}
	lines := []struct {
		s    string
		size float64
	}{
		{"STANDAR OPERASIONAL PROSEDUR", 22},
		{"ADMINISTRASI PEMERINTAHAN", 16},
		{strings.ToUpper(info.Unit), 14},
		{strings.ToUpper(info.Agency), 16},
		{strings.ToUpper(info.Government), 14},
	}
	y := 86.0
	for _, l := range lines {
		if l.s == "" {
			continue
		}
		for _, s := range wrapText(r.fonts, l.s, paper.W-60, l.size, true) {
			p.text(cx, y, s, l.size, true, "middle")
			y += l.size*ptToMM*1.6 + 2
		}
	}
	y = paper.H - 22
	if info.Year > 0 {
		p.text(cx, y, strconv.Itoa(info.Year), 14, true, "middle")
		y -= 10
	}
	if info.Address != "" {
		p.text(cx, y, info.Address, 10, false, "middle")
	}
	return c
}

// sheet is a page of the front matter, set but not yet numbered.
type sheet struct {
	size   layout.Size
	margin float64 // the footer's margin
	footer string
	draw   func(p painter)
}

// bookSetter sets the front matter of one book.
type bookSetter struct {
	r       *Renderer
	info    BookInfo
	entries []BookEntry
	paper   layout.Size // landscape; the decision is set upright on it turned

	// Known once the front matter is counted: the first page of each
	// SOP, of the decision and of the contents; nil and 0 before.
	starts               []int
	decreeAt, contentsAt int
}

// item is a piece of a flowing text: h millimetres tall, drawn with its top at y.
type item struct {
	h    float64
	draw func(p painter, y float64)
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
	y    float64
	draw func(p painter, y float64)
}

func newFlow(top, bottom float64) *flow {
	return &flow{top: top, bottom: bottom, pages: [][]placed{nil}, y: top}
}

func (f *flow) place(it item) {
	f.pages[len(f.pages)-1] = append(f.pages[len(f.pages)-1], placed{f.y, it.draw})
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
	h := 0.0
	for _, it := range items {
		h += it.h
	}
	if f.y+h > f.bottom && !f.fresh() {
		f.newPage()
	}
	for _, it := range items {
		f.place(it)
	}
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

// sheets turns the placed pages into sheets.
func (f *flow) sheets(size layout.Size, margin float64, footer string) []sheet {
	out := make([]sheet, len(f.pages))
	for i, pg := range f.pages {
		out[i] = sheet{size: size, margin: margin, footer: footer, draw: func(p painter) {
			for _, it := range pg {
				if it.draw != nil {
					it.draw(p, it.y)
				}
			}
		}}
	}
	return out
}

// The decision is set upright, as decisions are, in the usual margins of
// an official letter, and in a larger size than the tables.
const (
	decreeLeft   = 25.0
	decreeRight  = 20.0
	decreeTop    = 15.0
	decreeBottom = 20.0
	decreeSize   = 10.5 // body text in points
	tableSize    = 8.5  // the list of SOPs in the Lampiran
)

func (b *bookSetter) issuer() string {
	d := b.info.Decree
	switch {
	case d.Issuer != "":
		return d.Issuer
	case d.Signer != nil && d.Signer.Position != "" && d.Signer.CapacityOrDefault() != esop.CapacityAn:
		return d.Signer.Position
	}
	return "Kepala " + agencyFull(b.info)
}

// scope is where the SOPs apply: "di Lingkungan Dinas … Kota Malang" or
// "pada Bidang … Dinas … Kota Malang".
func (b *bookSetter) scope() string {
	if b.info.Unit != "" {
		return "pada " + b.info.Unit + " " + agencyFull(b.info)
	}
	return "di Lingkungan " + agencyFull(b.info)
}

func (b *bookSetter) decreeNumber() string {
	if n := strings.TrimSpace(b.info.Decree.Number); n != "" {
		return n
	}
	return "…/…/…"
}

func (b *bookSetter) decreeDate() string {
	if d := b.info.Decree.Date; !d.IsZero() {
		return d.Indonesian()
	}
	return "……………………"
}

// subject is what the decision is about, after TENTANG.
func (b *bookSetter) subject() string {
	return "Standar Operasional Prosedur Administrasi Pemerintahan " + b.scope()
}

// considerations returns the points of Menimbang.
func (b *bookSetter) considerations() []string {
	if c := b.info.Decree.Considering; len(c) > 0 {
		return c
	}
	return []string{
		"bahwa dalam rangka meningkatkan kualitas penyelenggaraan pemerintahan dan pelayanan publik yang efektif, efisien, transparan dan akuntabel " +
			b.scope() + ", diperlukan standar operasional prosedur administrasi pemerintahan sebagai pedoman pelaksanaan tugas dan fungsi;",
		"bahwa sesuai dengan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan, standar operasional prosedur administrasi pemerintahan ditetapkan oleh pimpinan instansi pemerintah;",
		"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan " + b.issuer() + " tentang " + b.subject() + ";",
	}
}

func (b *bookSetter) legalBasis() []string {
	if l := b.info.Decree.Legal; len(l) > 0 {
		return l
	}
	return []string{"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;"}
}

// dictums returns the dictums after Menetapkan, each with its label.
func (b *bookSetter) dictums() [][2]string {
	n := len(b.entries)
	where := "di lingkungan " + agencyFull(b.info)
	if b.info.Unit != "" {
		where = "pada " + b.info.Unit + " " + agencyFull(b.info)
	}
	texts := []string{
		"Menetapkan Standar Operasional Prosedur Administrasi Pemerintahan " + b.scope() + " sebanyak " + strconv.Itoa(n) + " (" + Terbilang(n) +
			") standar operasional prosedur sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
		"Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU menjadi pedoman bagi seluruh pejabat dan pegawai " + where +
			" dalam melaksanakan tugas dan fungsinya.",
		"Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU dipantau secara berkala paling sedikit 1 (satu) kali dalam 6 (enam) bulan, dievaluasi, dan direvisi apabila terjadi perubahan tugas, fungsi, prosedur atau peraturan perundang-undangan yang mendasarinya.",
		"Keputusan ini mulai berlaku pada tanggal ditetapkan.",
	}
	out := make([][2]string, len(texts))
	for i, t := range texts {
		out[i] = [2]string{Ordinal(i + 1), t}
	}
	return out
}

// decreeSheets sets the decision and its Lampiran, the list of the SOPs.
func (b *bookSetter) decreeSheets() []sheet {
	size := layout.Size{W: b.paper.H, H: b.paper.W} // upright
	right := size.W - decreeRight
	width := right - decreeLeft
	cx := decreeLeft + width/2
	lh := decreeSize * ptToMM * 1.4
	f := newFlow(decreeTop, size.H-decreeBottom)
	fonts := b.r.fonts

	// The letterhead of the agency.
	f.add(b.letterhead(size))

	centred := func(s string, size float64, bold bool) {
		for _, l := range balancedWrap(fonts, s, width-20, size, bold) {
			f.add(textItem(cx, l, size, bold, "middle", size*ptToMM*1.4))
		}
	}
	issuer := strings.ToUpper(b.issuer())
	centred("KEPUTUSAN "+issuer, decreeSize+0.5, true)
	centred("NOMOR "+b.decreeNumber(), decreeSize+0.5, true)
	f.space(lh * 0.6)
	centred("TENTANG", decreeSize+0.5, true)
	f.space(lh * 0.6)
	centred(strings.ToUpper(b.subject()), decreeSize+0.5, true)
	f.space(lh)
	centred(issuer+",", decreeSize+0.5, true)
	f.space(lh)

	const (
		colon  = decreeLeft + 28 // the colon after Menimbang, Mengingat, KESATU …
		marker = colon + 3       // a., 1.
		hang   = marker + 6.5    // the text of a lettered or numbered point
	)
	labelled := func(label string, marks []string, texts []string, textX float64) {
		for i, t := range texts {
			lines := evenWrap(fonts, t, right-textX, decreeSize, false)
			var group []item
			for j, l := range lines {
				lab, mk := "", ""
				if j == 0 {
					mk = marks[i]
					if i == 0 {
						lab = label
					}
				}
				last := j == len(lines)-1
				// A page breaks a paragraph after its second line at the
				// earliest and before its second last at the latest.
				if len(group) > 0 && j >= 2 && j <= len(lines)-2 {
					f.add(group...)
					group = nil
				}
				group = append(group, item{h: lh, draw: func(p painter, y float64) {
					base := y + decreeSize*ptToMM
					if lab != "" {
						p.text(decreeLeft, base, lab, decreeSize, false, "start")
						p.text(colon, base, ":", decreeSize, false, "start")
					}
					if mk != "" {
						p.text(marker, base, mk, decreeSize, false, "start")
					}
					justify(p, fonts, textX, right, base, l, decreeSize, last)
				}})
			}
			f.add(group...)
			f.space(lh * 0.3)
		}
		f.space(lh * 0.5)
	}
	cons := b.considerations()
	letters := make([]string, len(cons))
	for i := range cons {
		letters[i] = string(rune('a'+i%26)) + "."
	}
	labelled("Menimbang", letters, cons, hang)
	legal := b.legalBasis()
	numbers := make([]string, len(legal))
	for i := range legal {
		numbers[i] = strconv.Itoa(i+1) + "."
	}
	labelled("Mengingat", numbers, legal, hang)

	f.keep(textItem(cx, "MEMUTUSKAN:", decreeSize+0.5, true, "middle", lh*1.5))
	dictumX := colon + 3
	labelled("Menetapkan", []string{""}, []string{strings.ToUpper("Keputusan " + b.issuer() + " tentang " + b.subject() + ".")}, dictumX)
	for _, d := range b.dictums() {
		f.space(-lh * 0.5) // the dictums follow one another closely
		labelled(d[0], []string{""}, []string{d[1]}, dictumX)
	}
	f.space(lh)
	f.add(b.signature(size, lh, true)...)

	// The Lampiran: the list of the SOPs, on its own pages.
	f.newPage()
	b.lampiran(f, size, lh)
	return f.sheets(size, decreeRight, "Keputusan "+b.issuer()+" Nomor "+b.decreeNumber())
}

// letterhead is the kop surat of the agency: the logo, the government,
// the agency and the address, over a double rule.
func (b *bookSetter) letterhead(size layout.Size) item {
	right := size.W - decreeRight
	logo := layout.Rect{X: decreeLeft, Y: decreeTop, W: 22, H: 25}
	textX := (logo.X + logo.W + right) / 2
	w := right - (logo.X + logo.W) - 4
	var lines []struct {
		s    string
		size float64
		bold bool
	}
	add := func(s string, size float64, bold bool) {
		for _, l := range wrapText(b.r.fonts, s, w, size, bold) {
			lines = append(lines, struct {
				s    string
				size float64
				bold bool
			}{l, size, bold})
		}
	}
	add(strings.ToUpper(b.info.Government), 13, true)
	add(strings.ToUpper(b.info.Agency), 15, true)
	if b.info.Address != "" {
		add(b.info.Address, 9, false)
	}
	h := 0.0
	for _, l := range lines {
		h += l.size * ptToMM * 1.35
	}
	h = max(h, logo.H)
	return item{h: h + 9, draw: func(p painter, y float64) {
		r := logo
		r.Y = y
		if b.info.Logo != nil {
			p.image(fitImage(r, b.info.Logo), b.info.Logo)
		} else {
			drawLogoPlaceholder(p, r)
		}
		th := 0.0
		for _, l := range lines {
			th += l.size * ptToMM * 1.35
		}
		ty := y + (h-th)/2
		for _, l := range lines {
			ty += l.size * ptToMM * 1.35
			p.text(textX, ty-l.size*ptToMM*0.3, l.s, l.size, l.bold, "middle")
		}
		p.line(layout.Point{X: decreeLeft, Y: y + h + 2.5}, layout.Point{X: right, Y: y + h + 2.5}, 0.9)
		p.line(layout.Point{X: decreeLeft, Y: y + h + 3.6}, layout.Point{X: right, Y: y + h + 3.6}, 0.3)
	}}
}

// signature returns the closing of the decision: where and when it was
// set, and the head's signature block, with room to sign. withPlace
// prints "Ditetapkan di … pada tanggal …".
func (b *bookSetter) signature(size layout.Size, lh float64, withPlace bool) []item {
	d := b.info.Decree
	x := size.W/2 + 8
	w := size.W - decreeRight - x
	fonts := b.r.fonts
	var items []item
	line := func(s string, bold bool) {
		for _, l := range wrapText(fonts, s, w, decreeSize, bold) {
			items = append(items, textItem(x, l, decreeSize, bold, "start", lh))
		}
	}
	if withPlace {
		place := d.Place
		if place == "" {
			place = DefaultPlace(b.info.Government)
		}
		line("Ditetapkan di "+place, false)
		line("pada tanggal "+b.decreeDate(), false)
		items = append(items, item{h: lh * 0.8, draw: func(p painter, y float64) {
			p.line(layout.Point{X: x, Y: y + lh*0.2}, layout.Point{X: x + w, Y: y + lh*0.2}, ruleWidth)
		}})
	}
	s := d.Signer
	issuer := strings.ToUpper(b.issuer())
	switch {
	case s == nil:
		line(issuer+",", true)
	case s.CapacityOrDefault() == esop.CapacityPlt:
		line("Plt. "+issuer+",", true)
	case s.CapacityOrDefault() == esop.CapacityPlh:
		line("Plh. "+issuer+",", true)
	case s.CapacityOrDefault() == esop.CapacityAn:
		line("a.n. "+issuer+",", true)
		line(strings.ToUpper(s.Position)+",", true)
	default:
		line(issuer+",", true)
	}
	items = append(items, item{h: 22}) // room for the signature and the stamp
	if s == nil || s.Name == "" {
		line("(……………………………………………)", false)
		line("NIP. ……………………………………", false)
		return items
	}
	line(s.Name, true)
	if s.Rank != "" {
		line(s.Rank, false)
	}
	if s.NIP != "" {
		line("NIP. "+esop.FormatNIP(s.NIP), false)
	}
	return items
}

// lampiran sets the list of the SOPs the decision sets: a heading that
// names the decision, then a table of number, title and effective date,
// its header repeated on every page, grouped by unit when the book has
// several units; then the signature block again.
func (b *bookSetter) lampiran(f *flow, size layout.Size, lh float64) {
	fonts := b.r.fonts
	right := size.W - decreeRight
	x := size.W/2 + 8
	w := right - x
	small := decreeSize - 0.5
	slh := small * ptToMM * 1.35
	f.add(textItem(x, "LAMPIRAN", small, false, "start", slh))
	for _, l := range wrapText(fonts, "KEPUTUSAN "+strings.ToUpper(b.issuer()), w, small, false) {
		f.add(textItem(x, l, small, false, "start", slh))
	}
	for _, kv := range [][2]string{{"NOMOR", b.decreeNumber()}, {"TANGGAL", b.decreeDate()}} {
		f.add(item{h: slh, draw: func(p painter, y float64) {
			base := y + small*ptToMM
			p.text(x, base, kv[0], small, false, "start")
			p.text(x+19, base, ": "+kv[1], small, false, "start")
		}})
	}
	f.space(lh * 1.5)
	cx := decreeLeft + (right-decreeLeft)/2
	for _, l := range balancedWrap(fonts, "DAFTAR STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN "+strings.ToUpper(b.scope()), right-decreeLeft-30, decreeSize, true) {
		f.add(textItem(cx, l, decreeSize, true, "middle", lh))
	}
	f.space(lh * 0.8)

	cols := []tableCol{
		{title: "NO", w: 10, align: "middle"},
		{title: "NOMOR SOP", w: 40},
		{title: "NAMA SOP"},
		{title: "TANGGAL EFEKTIF", w: 32},
	}
	t := newTable(fonts, cols, decreeLeft, right, tableSize)
	header := t.header()
	units := 0
	for i, e := range b.entries {
		if i == 0 || e.Unit != b.entries[i-1].Unit {
			units++
		}
	}
	if len(b.entries) == 0 {
		f.add(header)
	}
	closing := append([]item{{h: lh * 1.5}}, b.signature(size, lh, false)...)
	for i, e := range b.entries {
		group := []item{t.row(b.lampiranCells(i, i+1))}
		if units > 1 && (i == 0 || e.Unit != b.entries[i-1].Unit) {
			group = append([]item{t.span(1, e.Unit, true)}, group...) // a unit's heading never ends a page
		}
		if i == 0 {
			group = append([]item{header}, group...) // nor does the header
		}
		if i == len(b.entries)-1 {
			group = append(group, closing...) // and the signature never stands alone
			closing = nil
		}
		f.add(group...)
		f.header = &header
	}
	f.header = nil
	f.add(closing...)
}

// lampiranCells returns the cells of entry i of the Lampiran's table; n is its number.
func (b *bookSetter) lampiranCells(i, n int) []string {
	e := b.entries[i]
	return []string{strconv.Itoa(n) + ".", dash(e.Number), e.Title, dash(e.Effective.Indonesian())}
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// textItem is one line of text at x, h tall.
func textItem(x float64, s string, size float64, bold bool, anchor string, h float64) item {
	return item{h: h, draw: func(p painter, y float64) {
		p.text(x, y+size*ptToMM, s, size, bold, anchor)
	}}
}

// justify draws a line of words from x0 spread to x1, as decisions are
// set; the last line of a paragraph, and a line of a few long words
// whose gaps would gape, stays set to the left.
func justify(p painter, m layout.Measurer, x0, x1, y float64, s string, size float64, last bool) {
	words := strings.Fields(s)
	if last || len(words) < 2 {
		p.text(x0, y, s, size, false, "start")
		return
	}
	total := 0.0
	for _, w := range words {
		total += m.Width(w, size, false)
	}
	gap := (x1 - x0 - total) / float64(len(words)-1)
	if gap > 4*m.Width(" ", size, false) {
		p.text(x0, y, s, size, false, "start")
		return
	}
	x := x0
	for _, w := range words {
		p.text(x, y, w, size, false, "start")
		x += m.Width(w, size, false) + gap
	}
}

// tableCol is a column of a ruled table; a column without a width takes
// the room the others leave.
type tableCol struct {
	title string
	w     float64
	align string // "start" (default) or "middle"
}

// table sets ruled tables: a header, rows of wrapped cells, and rows
// spanning the columns from one to the end (a unit's heading).
type table struct {
	m    layout.Measurer
	cols []tableCol
	xs   []float64 // the left edge of each column, and the right edge last
	size float64
}

func newTable(m layout.Measurer, cols []tableCol, left, right, size float64) *table {
	fixed, flex := 0.0, 0
	for _, c := range cols {
		if c.w == 0 {
			flex++
		}
		fixed += c.w
	}
	xs := []float64{left}
	for _, c := range cols {
		w := c.w
		if w == 0 {
			w = (right - left - fixed) / float64(flex)
		}
		xs = append(xs, xs[len(xs)-1]+w)
	}
	return &table{m: m, cols: cols, xs: xs, size: size}
}

func (t *table) lineH() float64 { return t.size * ptToMM * 1.25 }

// cellLines wraps the text of cell i.
func (t *table) cellLines(i int, s string, bold bool) []string {
	return wrapText(t.m, s, t.xs[i+1]-t.xs[i]-2*cellPad, t.size, bold)
}

// cells returns an item drawing one row of cells with the rules around it.
func (t *table) cells(texts []string, bold, centred bool) item {
	lines := make([][]string, len(texts))
	n := 1
	for i, s := range texts {
		lines[i] = t.cellLines(i, s, bold)
		n = max(n, len(lines[i]))
	}
	lh := t.lineH()
	h := float64(n)*lh + 2*layout.CellPadY + 0.6
	return item{h: h, draw: func(p painter, y float64) {
		t.rules(p, y, h, 0)
		for i, ls := range lines {
			top := y + layout.CellPadY + 0.3
			if centred {
				top = y + (h-float64(len(ls))*lh)/2
			}
			for j, l := range ls {
				base := top + float64(j)*lh + t.size*ptToMM*0.9
				if t.cols[i].align == "middle" || centred {
					p.text((t.xs[i]+t.xs[i+1])/2, base, l, t.size, bold, "middle")
				} else {
					p.text(t.xs[i]+cellPad, base, l, t.size, bold, "start")
				}
			}
		}
	}}
}

// rules draws the rules of a row: its top and bottom, the outer sides,
// and the inner column lines from column from on.
func (t *table) rules(p painter, y, h float64, span int) {
	l, r := t.xs[0], t.xs[len(t.xs)-1]
	p.line(layout.Point{X: l, Y: y}, layout.Point{X: r, Y: y}, ruleWidth)
	p.line(layout.Point{X: l, Y: y + h}, layout.Point{X: r, Y: y + h}, ruleWidth)
	for i, x := range t.xs {
		if span > 0 && i > span && i < len(t.xs)-1 {
			continue
		}
		p.line(layout.Point{X: x, Y: y}, layout.Point{X: x, Y: y + h}, ruleWidth)
	}
}

func (t *table) header() item {
	titles := make([]string, len(t.cols))
	for i, c := range t.cols {
		titles[i] = c.title
	}
	return t.cells(titles, true, true)
}

func (t *table) row(texts []string) item { return t.cells(texts, false, false) }

// span returns a row whose text runs from column from to the last.
func (t *table) span(from int, s string, bold bool) item {
	lines := wrapText(t.m, s, t.xs[len(t.xs)-1]-t.xs[from]-2*cellPad, t.size, bold)
	lh := t.lineH()
	h := float64(len(lines))*lh + 2*layout.CellPadY + 0.6
	return item{h: h, draw: func(p painter, y float64) {
		t.rules(p, y, h, from)
		for j, l := range lines {
			p.text(t.xs[from]+cellPad, y+layout.CellPadY+0.3+float64(j)*lh+t.size*ptToMM*0.9, l, t.size, bold, "start")
		}
	}}
}

// Margins of the contents, which is set across the page like the SOPs.
const contentsMargin = 15.0

// contentsSheets sets the contents: for each SOP its number, title, unit,
// version, effective and revision dates, and the page it starts on; the
// decision and the contents themselves first.
func (b *bookSetter) contentsSheets() []sheet {
	size := b.paper
	m := contentsMargin
	fonts := b.r.fonts
	f := newFlow(m, size.H-m-4)
	f.add(textItem(size.W/2, "DAFTAR ISI", 14, true, "middle", 9))
	for _, l := range balancedWrap(fonts, strings.ToUpper(bookTitle(b.info)), size.W-2*m-40, 9, true) {
		f.add(textItem(size.W/2, l, 9, true, "middle", 5))
	}
	f.space(4)
	cols := []tableCol{
		{title: "NO", w: 10, align: "middle"},
		{title: "NOMOR SOP", w: 42},
		{title: "NAMA SOP"},
		{title: "UNIT KERJA", w: 46},
		{title: "VERSI", w: 13, align: "middle"},
		{title: "TANGGAL EFEKTIF", w: 30},
		{title: "TANGGAL REVISI", w: 30},
		{title: "HALAMAN", w: 18, align: "middle"},
	}
	t := newTable(fonts, cols, m, size.W-m, 8)
	header := t.header()
	rows := []item{b.frontRow(t, "Daftar Isi", b.contentsAt)}
	if b.info.Decree != nil {
		title := "Keputusan " + b.issuer() + " Nomor " + b.decreeNumber() + " tentang " + b.subject()
		rows = append([]item{b.frontRow(t, title, b.decreeAt)}, rows...)
	}
	for i, e := range b.entries {
		version := "-"
		if e.Version > 0 {
			version = strconv.Itoa(e.Version)
		}
		page := 0
		if b.starts != nil {
			page = b.starts[i]
		}
		rows = append(rows, t.row([]string{strconv.Itoa(i+1) + ".", dash(e.Number), e.Title, dash(e.Unit), version,
			dash(e.Effective.Indonesian()), dash(e.Revised.Indonesian()), strconv.Itoa(page)}))
	}
	f.add(header, rows[0])
	f.header = &header
	for _, r := range rows[1:] {
		f.add(r)
	}
	return f.sheets(size, m, "Daftar Isi — "+bookTitle(b.info))
}

// frontRow is a contents row for a part of the front matter: its title
// across the number, title and unit columns, and its page.
func (b *bookSetter) frontRow(t *table, title string, page int) item {
	lines := wrapText(t.m, title, t.xs[4]-t.xs[1]-2*cellPad, t.size, false)
	lh := t.lineH()
	h := float64(len(lines))*lh + 2*layout.CellPadY + 0.6
	return item{h: h, draw: func(p painter, y float64) {
		l, r := t.xs[0], t.xs[len(t.xs)-1]
		p.line(layout.Point{X: l, Y: y}, layout.Point{X: r, Y: y}, ruleWidth)
		p.line(layout.Point{X: l, Y: y + h}, layout.Point{X: r, Y: y + h}, ruleWidth)
		for i, x := range t.xs {
			if i == 2 || i == 3 {
				continue
			}
			p.line(layout.Point{X: x, Y: y}, layout.Point{X: x, Y: y + h}, ruleWidth)
		}
		base := y + layout.CellPadY + 0.3 + t.size*ptToMM*0.9
		for j, s := range lines {
			p.text(t.xs[1]+cellPad, base+float64(j)*lh, s, t.size, false, "start")
		}
		for _, c := range []int{4, 5, 6} {
			p.text((t.xs[c]+t.xs[c+1])/2, base, "-", t.size, false, "middle")
		}
		p.text((t.xs[7]+t.xs[8])/2, base, strconv.Itoa(page), t.size, false, "middle")
	}}
}

// wrapText breaks s into lines no wider than width at size points; a word
// wider than a line is broken after a slash or a dot, else anywhere.
func wrapText(m layout.Measurer, s string, width, size float64, bold bool) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if m.Width(try, size, bold) <= width {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		for m.Width(w, size, bold) > width {
			n := breakAt(m, w, width, size, bold)
			lines = append(lines, w[:n])
			w = w[n:]
		}
		cur = w
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// evenWrap breaks s into lines for justified text: the breaks that leave
// the least uneven room at the ends of the lines (the sum of the squares
// of the room left on every line but the last), so that justified lines
// open their spaces evenly, rather than the first fit that wrapText takes.
func evenWrap(m layout.Measurer, s string, width, size float64, bold bool) []string {
	words := strings.Fields(s)
	n := len(words)
	w := make([]float64, n)
	for i, wd := range words {
		if w[i] = m.Width(wd, size, bold); w[i] > width {
			return wrapText(m, s, width, size, bold)
		}
	}
	space := m.Width(" ", size, bold)
	// best[i] is the least cost of setting words[i:]; next[i] where its first line ends.
	best := make([]float64, n+1)
	next := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = -1
		lw := -space
		for j := i + 1; j <= n; j++ {
			lw += space + w[j-1]
			if lw > width && j > i+1 {
				break
			}
			cost := 0.0
			if j < n {
				cost = (width - lw) * (width - lw)
			}
			if c := cost + best[j]; best[i] < 0 || c < best[i] {
				best[i], next[i] = c, j
			}
		}
	}
	var lines []string
	for i := 0; i < n; i = next[i] {
		lines = append(lines, strings.Join(words[i:next[i]], " "))
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// balancedWrap wraps s for a centred heading: in as few lines as
// wrapText, but as narrow as that allows, so that the lines come out even
// rather than one long line over a last word.
func balancedWrap(m layout.Measurer, s string, width, size float64, bold bool) []string {
	lines := wrapText(m, s, width, size, bold)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := width/2, width
	for hi-lo > 0.5 {
		mid := (lo + hi) / 2
		if len(wrapText(m, s, mid, size, bold)) > len(lines) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return wrapText(m, s, hi, size, bold)
}

// breakAt returns where to break a word too wide for a line: after the
// last slash, dot or hyphen that fits, else after the last rune that fits
// (at least one).
func breakAt(m layout.Measurer, w string, width, size float64, bold bool) int {
	fit, soft := 0, 0
	for i, r := range w {
		end := i + len(string(r))
		if m.Width(w[:end], size, bold) > width {
			break
		}
		fit = end
		if r == '/' || r == '.' || r == '-' {
			soft = end
		}
	}
	switch {
	case soft > 0 && soft < len(w):
		return soft
	case fit > 0:
		return fit
	}
	_, n := firstRune(w)
	return n
}

func firstRune(s string) (rune, int) {
	for i, r := range s {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, len(s)
}

var (
	ones  = []string{"", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"}
	order = []string{"KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN", "KESEMBILAN", "KESEPULUH"}
)

// Terbilang spells a number from 0 to 999 999 in Indonesian words, as
// official texts write counts: 21 → "dua puluh satu".
func Terbilang(n int) string {
	switch {
	case n < 0 || n >= 1_000_000:
		return strconv.Itoa(n)
	case n == 0:
		return "nol"
	case n < 12:
		return ones[n]
	case n < 20:
		return ones[n-10] + " belas"
	case n < 100:
		return strings.TrimSpace(ones[n/10] + " puluh " + terbilangRest(n%10))
	case n < 200:
		return strings.TrimSpace("seratus " + terbilangRest(n-100))
	case n < 1000:
		return strings.TrimSpace(ones[n/100] + " ratus " + terbilangRest(n%100))
	case n < 2000:
		return strings.TrimSpace("seribu " + terbilangRest(n-1000))
	}
	return strings.TrimSpace(Terbilang(n/1000) + " ribu " + terbilangRest(n%1000))
}

func terbilangRest(n int) string {
	if n == 0 {
		return ""
	}
	return Terbilang(n)
}

// Ordinal returns the name of dictum n of a decision: KESATU, KEDUA, ….
func Ordinal(n int) string {
	if n >= 1 && n <= len(order) {
		return order[n-1]
	}
	return "KE" + strings.ToUpper(Terbilang(n))
}

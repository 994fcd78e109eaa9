package layout

import (
	"strings"
	"unicode"

	"github.com/esop-malang/esop"
)

// Identity is the laid-out identity section (Bagian Identitas) of an SOP:
// the header block (logo, government, agency and unit on the left; the
// Nomor SOP, dates, Disahkan oleh and Nama SOP rows on the right) and the
// three rows of paired boxes below it. A section too tall for one page
// continues on further pages, never splitting a row of boxes.
type Identity struct {
	Paper  Size
	Margin float64
	Pages  []IdentityPage
}

// IdentityPage is one page of the identity section.
type IdentityPage struct {
	Cells []Cell // every box with its wrapped text
	Rules []Line // ruling lines
	// Logo is where the office's logo is drawn (zero on continuation pages).
	Logo Rect
	// Signature is the space left for the signature and stamp (zero on continuation pages).
	Signature Rect
	// QR is the square where a print's verification code may go: below the
	// boxes of the last identity page, at the right (zero when there is no
	// room; the footer carries the address anyway).
	QR Rect
}

// Identity text sizes in points.
const (
	IdentityTitleSize = 9
	IdentityBodySize  = 8
)

// identityLabels are the labels of the right-hand rows, as the regulation prints them.
var identityLabels = []string{"NOMOR SOP", "TANGGAL PEMBUATAN", "TANGGAL REVISI", "TANGGAL EFEKTIF", "DISAHKAN OLEH", "NAMA SOP"}

// LayoutIdentity lays out the identity section of d. Dates are printed
// the Indonesian way; the signer's position carries the Plt./Plh./a.n.
// prefix of the capacity.
func LayoutIdentity(d *esop.Document, opt *Options) *Identity {
	m, paper := idSetup(d, opt)
	margin := 10.0
	id := &Identity{Paper: paper, Margin: margin}
	x0, w := margin, paper.W-2*margin
	leftW := w * 0.40
	labelW := 42.0
	valueX := x0 + leftW + labelW
	valueW := w - leftW - labelW
	pad := 1.8
	bodyLH := idLineHeight(IdentityBodySize)

	var page IdentityPage
	y := margin
	var rowY []float64
	for i, label := range identityLabels {
		rowY = append(rowY, y)
		var lines []string
		var bold bool
		h := 0.0
		switch i {
		case 0:
			lines = idWrap(m, d.Number, valueW-2*pad, IdentityBodySize, true)
			bold = true
		case 1:
			lines = []string{d.Dates.Created.Indonesian()}
		case 2:
			lines = []string{d.Dates.Revised.Indonesian()}
		case 3:
			lines = []string{d.Dates.Effective.Indonesian()}
		case 4:
			pos, rest := signerLines(d)
			top := idWrapAll(m, pos, valueW-2*pad, IdentityBodySize, true)
			name := idWrapAll(m, rest[:1], valueW-2*pad, IdentityBodySize, true)
			more := idWrapAll(m, rest[1:], valueW-2*pad, IdentityBodySize, false)
			sig := 18.0
			topH := pad + float64(len(top))*bodyLH
			page.Cells = append(page.Cells, Cell{Rect: Rect{valueX, y, valueW, topH}, Lines: top, Size: IdentityBodySize, Bold: true, Align: "center"})
			page.Signature = Rect{valueX + pad, y + topH, valueW - 2*pad, sig}
			nameY := y + topH + sig
			page.Cells = append(page.Cells, Cell{Rect: Rect{valueX, nameY, valueW, float64(len(name)) * bodyLH}, Lines: name, Size: IdentityBodySize, Bold: true, Align: "center"})
			moreY := nameY + float64(len(name))*bodyLH
			page.Cells = append(page.Cells, Cell{Rect: Rect{valueX, moreY, valueW, float64(len(more)) * bodyLH}, Lines: more, Size: IdentityBodySize, Align: "center"})
			h = moreY + float64(len(more))*bodyLH + pad - y
		case 5:
			lines = idWrap(m, strings.ToUpper(d.Title), valueW-2*pad, IdentityBodySize, true)
			bold = true
		}
		if h == 0 {
			h = max(2*pad+float64(max(len(lines), 1))*bodyLH, 7)
			page.Cells = append(page.Cells, Cell{Rect: Rect{valueX, y, valueW, h}, Lines: lines, Size: IdentityBodySize, Bold: bold, Align: "left"})
		}
		page.Cells = append(page.Cells, Cell{Rect: Rect{x0 + leftW, y, labelW, h}, Lines: []string{label}, Size: IdentityBodySize, Bold: true, Align: "left"})
		y += h
	}
	headerBottom := y
	// The left block: logo, then government, agency and unit in capitals.
	logo := 24.0
	page.Logo = Rect{x0 + (leftW-logo)/2, margin + 6, logo, logo}
	var left []string
	for _, s := range []string{d.Government, d.Agency, d.Unit} {
		if s != "" {
			left = append(left, idWrap(m, strings.ToUpper(s), leftW-8, IdentityTitleSize, true)...)
		}
	}
	page.Cells = append(page.Cells, Cell{Rect: Rect{x0, page.Logo.Y + logo + 4, leftW, float64(len(left)) * idLineHeight(IdentityTitleSize)},
		Lines: left, Size: IdentityTitleSize, Bold: true, Align: "center"})
	page.Rules = append(page.Rules, boxRules(Rect{x0, margin, w, headerBottom - margin})...)
	page.Rules = append(page.Rules, Line{Point{x0 + leftW, margin}, Point{x0 + leftW, headerBottom}}, Line{Point{valueX, margin}, Point{valueX, headerBottom}})
	for _, ry := range rowY[1:] {
		page.Rules = append(page.Rules, Line{Point{x0 + leftW, ry}, Point{x0 + w, ry}})
	}

	// The paired boxes, row by row, continuing on a new page when full.
	half := w / 2
	y = headerBottom
	bottom := paper.H - margin
	for _, pair := range identityPairs(d) {
		l := idBox(m, pair[0].items, pair[0].numbered, half-2*pad)
		r := idBox(m, pair[1].items, pair[1].numbered, half-2*pad)
		h := 2*pad + float64(1+max(len(l), len(r)))*bodyLH
		if y+h > bottom && y > margin+0.01 && y != headerBottom {
			id.Pages = append(id.Pages, page)
			page = IdentityPage{}
			y = margin
		}
		page.Cells = append(page.Cells,
			Cell{Rect: Rect{x0, y, half, bodyLH + pad}, Lines: []string{pair[0].title}, Size: IdentityBodySize, Bold: true, Align: "left"},
			Cell{Rect: Rect{x0 + half, y, half, bodyLH + pad}, Lines: []string{pair[1].title}, Size: IdentityBodySize, Bold: true, Align: "left"},
			Cell{Rect: Rect{x0, y + bodyLH, half, h - bodyLH}, Lines: l, Size: IdentityBodySize, Align: "left"},
			Cell{Rect: Rect{x0 + half, y + bodyLH, half, h - bodyLH}, Lines: r, Size: IdentityBodySize, Align: "left"})
		page.Rules = append(page.Rules, boxRules(Rect{x0, y, w, h})...)
		page.Rules = append(page.Rules, Line{Point{x0 + half, y}, Point{x0 + half, y + h}})
		y += h
	}
	if qr := 22.0; bottom-y >= qr+10 {
		page.QR = Rect{x0 + w - qr, bottom - qr - 5, qr, qr}
	}
	id.Pages = append(id.Pages, page)
	return id
}

// signerLines returns the position lines (with the capacity prefix) and
// the name, rank and NIP lines of the approval block; a draft gets empty lines.
func signerLines(d *esop.Document) (position, rest []string) {
	a := d.Approval
	if a == nil {
		return []string{""}, []string{""}
	}
	pos := strings.ToUpper(a.Position)
	switch a.CapacityOrDefault() {
	case esop.CapacityPlt:
		position = []string{"Plt. " + pos}
	case esop.CapacityPlh:
		position = []string{"Plh. " + pos}
	case esop.CapacityAn:
		position = []string{"a.n. KEPALA " + strings.ToUpper(d.Agency), pos}
	default:
		position = []string{pos}
	}
	rest = []string{a.Name}
	if a.Rank != "" {
		rest = append(rest, a.Rank)
	}
	if a.NIP != "" {
		rest = append(rest, "NIP. "+esop.FormatNIP(a.NIP))
	}
	return position, rest
}

type idList struct {
	title    string
	items    []string
	numbered bool
}

func identityPairs(d *esop.Document) [][2]idList {
	var legal []string
	for _, r := range d.LegalBasis {
		legal = append(legal, r.String())
	}
	var warning []string
	if d.Warning != "" {
		warning = []string{d.Warning}
	}
	return [][2]idList{
		{{"DASAR HUKUM:", legal, true}, {"KUALIFIKASI PELAKSANA:", d.Qualifications, true}},
		{{"KETERKAITAN:", d.Related, true}, {"PERALATAN/PERLENGKAPAN:", d.Equipment, true}},
		{{"PERINGATAN:", warning, false}, {"PENCATATAN DAN PENDATAAN:", d.Records, true}},
	}
}

// idBox returns the lines of the items of a box, each numbered when
// there are several, wrapped with a hanging indent.
func idBox(m Measurer, items []string, numbered bool, width float64) []string {
	var lines []string
	if len(items) == 0 {
		return []string{"-"}
	}
	for i, it := range items {
		prefix := ""
		if numbered && len(items) > 1 {
			prefix = itoa(i+1) + ". "
		}
		indent := strings.Repeat(" ", 2*len(prefix)) // approximate hanging indent
		wrapped := idWrap(m, it, width-m.Width(prefix, IdentityBodySize, false), IdentityBodySize, false)
		for j, l := range wrapped {
			if j == 0 {
				lines = append(lines, prefix+l)
			} else {
				lines = append(lines, indent+l)
			}
		}
	}
	return lines
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// boxRules returns the four sides of r.
func boxRules(r Rect) []Line {
	return []Line{
		{Point{r.X, r.Y}, Point{r.X + r.W, r.Y}}, {Point{r.X, r.Y + r.H}, Point{r.X + r.W, r.Y + r.H}},
		{Point{r.X, r.Y}, Point{r.X, r.Y + r.H}}, {Point{r.X + r.W, r.Y}, Point{r.X + r.W, r.Y + r.H}},
	}
}

func idWrapAll(m Measurer, texts []string, width, size float64, bold bool) []string {
	var out []string
	for _, t := range texts {
		out = append(out, idWrap(m, t, width, size, bold)...)
	}
	return out
}

// idWrap breaks s into lines no wider than width, at spaces, breaking a
// word that is itself too wide by characters.
func idWrap(m Measurer, s string, width, size float64, bold bool) []string {
	words := strings.FieldsFunc(s, unicode.IsSpace)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur := ""
	for _, w := range words {
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
		}
		cur = w
		for m.Width(cur, size, bold) > width {
			cut := fitPrefix(m, cur, width, size, bold)
			lines = append(lines, cur[:cut])
			cur = cur[cut:]
		}
	}
	return append(lines, cur)
}

// fitPrefix returns the byte length of the longest prefix of s (at least one rune) that fits width.
func fitPrefix(m Measurer, s string, width, size float64, bold bool) int {
	best := 0
	for i := range s {
		if i > 0 && m.Width(s[:i], size, bold) > width {
			break
		}
		best = i
	}
	if best == 0 {
		for i := range s {
			if i > 0 {
				return i
			}
		}
		return len(s)
	}
	return best
}

// lineHeight returns the line height in millimetres of text set at size points.
func idLineHeight(size float64) float64 { return size * 0.3528 * 1.2 }

// idSetup returns the measurer and the paper for d under opt.
func idSetup(d *esop.Document, opt *Options) (Measurer, Size) {
	var m Measurer = approxIdentity{}
	paper := A4
	if d.Layout != nil && d.Layout.Paper == esop.PaperF4 {
		paper = F4
	}
	if opt != nil {
		if opt.Measure != nil {
			m = opt.Measure
		}
		switch opt.Paper {
		case esop.PaperA4:
			paper = A4
		case esop.PaperF4:
			paper = F4
		}
	}
	return m, paper
}

// approxIdentity is a crude measurer (half an em a character) used only
// when no measurer is given.
type approxIdentity struct{}

func (approxIdentity) Width(s string, size float64, bold bool) float64 {
	w := float64(len([]rune(s))) * size * 0.3528 * 0.52
	if bold {
		w *= 1.06
	}
	return w
}

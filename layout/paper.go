package layout

import (
	"math"
	"strings"

	"github.com/esop-malang/esop"
)

// Margin is the least distance in millimetres between anything printed
// (text, rules, the logo, the footer) and any edge of the paper.
const Margin = 10.0

// RuleWidth is how thick the rules of tables are printed (render draws
// them so): a rule's ink reaches half of it either side of its line.
const RuleWidth = 0.25

// ruleMargin is where the outer rules of a table stand: their ink keeps
// Margin from the paper's edges (a reviewer measured the frame centred
// on the 10 mm line reaching 9.87 mm).
const ruleMargin = 10.13 // Margin + RuleWidth/2, rounded up to the layout's 0.01 mm

// Text sizes every printed page shares, in points.
const (
	// MinTextSize is the smallest size anything is printed at.
	MinTextSize = 7.0
	// FooterSize is the size of the footer line.
	FooterSize = 7.0
	// stampSize is the size of the KONSEP mark across a draft's pages.
	stampSize = 96.0
	// stampAngle is how far the KONSEP mark is turned, in degrees anticlockwise.
	stampAngle = 22.0
)

// draftLabelSize is the size of the words "KONSEP — belum disahkan" in
// the footer of a draft, the largest text of the footer.
const draftLabelSize = FooterSize + 1

// footerRoom is the height kept at the bottom of a page, inside the
// margin, for the footer line and the gap above it.
const footerRoom = 5.0

// Font metrics of Liberation Sans in ems, for placing text by its
// baseline: the ascender, the descender and the height of capitals.
const (
	Ascent    = 0.905
	Descent   = 0.212
	CapHeight = 0.716
)

// PaperSize returns the landscape size of the named paper: "A4" (or ""),
// "F4", in any case; an error naming the choices for any other name.
func PaperSize(name string) (Size, error) {
	switch strings.ToUpper(strings.TrimSpace(name)) {
	case "", esop.PaperA4:
		return A4, nil
	case esop.PaperF4:
		return F4, nil
	}
	return Size{}, esop.Errorf(esop.EINVALID, "kertas %q tidak dikenal (A4 atau F4)", "unknown paper %q (A4 or F4)", name)
}

// choosePaper returns the paper of the options, else of the document, else A4.
func choosePaper(opt *Options, d *esop.Document) (Size, error) {
	name := ""
	if opt != nil {
		name = opt.Paper
	}
	if name == "" && d.Layout != nil {
		name = d.Layout.Paper
	}
	return PaperSize(name)
}

// Frame is what every page of a printed part shares: the paper, the
// margin kept on every side, where the content must end to stay clear of
// the footer, the footer's baseline, and the KONSEP mark of a draft.
type Frame struct {
	Paper  Size
	Margin float64
	// Bottom is the lowest y of the page's content.
	Bottom float64
	// FooterY is the baseline of the footer line, set at FooterSize:
	// the SOP's number and title at the left margin, the page number
	// ending at the right margin.
	FooterY float64
	// Draft is the mark of a version that is not approved, printed on
	// every page; nil for an approved SOP.
	Draft *Stamp
}

// Stamp is the mark that keeps a draft from passing for an SOP in force:
// a large KONSEP across the page, set light under the content, and the
// words "KONSEP — belum disahkan" in the footer, before the page number.
type Stamp struct {
	Mark  Text
	Label Text
}

// Text is one line of text placed on a page: S set at Size points, its
// baseline through Y, starting, centred or ending at X by Anchor
// ("start", "middle", "end"), turned Angle degrees anticlockwise about
// (X, Y). Light text is printed in a light grey, under everything else.
type Text struct {
	X, Y   float64
	S      string
	Size   float64
	Bold   bool
	Anchor string
	Angle  float64
	Light  bool
}

// The draft mark's words.
const (
	DraftMark  = "KONSEP"
	DraftLabel = "KONSEP — belum disahkan"
)

// pageNumberRoom is the width kept at the right of the footer for
// "Halaman 999 dari 999".
const pageNumberRoom = 32.0

// NewFrame returns the frame of pages of the given paper and margin,
// with the draft mark when draft is true. m measures the mark.
func NewFrame(paper Size, margin float64, draft bool, m Measurer) Frame {
	f := Frame{Paper: paper, Margin: margin,
		Bottom:  round2(paper.H - margin - footerRoom),
		FooterY: math.Floor((paper.H-margin-Descent*draftLabelSize*PointMM)*100) / 100}
	if draft {
		f.Draft = newStamp(paper, f.FooterY, m)
	}
	return f
}

// newStamp places the draft mark: KONSEP turned across the middle of
// the page, its label in the footer.
func newStamp(paper Size, footerY float64, m Measurer) *Stamp {
	a := stampAngle * math.Pi / 180
	capH := CapHeight * stampSize * PointMM
	cx, cy := paper.W/2, paper.H/2
	mark := Text{X: round2(cx + math.Sin(a)*capH/2), Y: round2(cy + math.Cos(a)*capH/2), S: DraftMark,
		Size: stampSize, Bold: true, Anchor: "middle", Angle: stampAngle, Light: true}
	label := Text{X: round2(paper.W - Margin - pageNumberRoom), Y: footerY, S: DraftLabel,
		Size: draftLabelSize, Bold: true, Anchor: "end"}
	return &Stamp{Mark: mark, Label: label}
}

// FooterLeftWidth returns the width the left part of the footer may take:
// up to the draft label, or up to the page number.
func (f *Frame) FooterLeftWidth(m Measurer) float64 {
	right := f.Paper.W - f.Margin - pageNumberRoom
	if f.Draft != nil {
		right -= m.Width(f.Draft.Label.S, f.Draft.Label.Size, true)
	}
	return right - f.Margin - 4
}

// Bounds returns the rectangle a text covers on the page, turned with it.
func (t Text) Bounds(m Measurer) Rect {
	w := m.Width(t.S, t.Size, t.Bold)
	x0 := t.X
	switch t.Anchor {
	case "middle":
		x0 -= w / 2
	case "end":
		x0 -= w
	}
	up, down := Ascent*t.Size*PointMM, Descent*t.Size*PointMM
	// The corners of the unturned box, relative to (X, Y), y downwards.
	corners := [4]Point{{x0 - t.X, -up}, {x0 - t.X + w, -up}, {x0 - t.X, down}, {x0 - t.X + w, down}}
	a := t.Angle * math.Pi / 180
	sin, cos := math.Sin(a), math.Cos(a)
	lo, hi := Point{math.Inf(1), math.Inf(1)}, Point{math.Inf(-1), math.Inf(-1)}
	for _, c := range corners {
		// Anticlockwise on the page, whose y runs down.
		p := Point{t.X + c.X*cos + c.Y*sin, t.Y - c.X*sin + c.Y*cos}
		lo = Point{min(lo.X, p.X), min(lo.Y, p.Y)}
		hi = Point{max(hi.X, p.X), max(hi.Y, p.Y)}
	}
	return Rect{X: lo.X, Y: lo.Y, W: hi.X - lo.X, H: hi.Y - lo.Y}
}

// FitLine returns s, shortened with "…" when it is wider than width at
// size points, so that it fits.
func FitLine(m Measurer, s string, size float64, bold bool, width float64) string {
	if m.Width(s, size, bold) <= width {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.Width(strings.TrimSpace(string(r[:mid]))+"…", size, bold) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimSpace(string(r[:lo])) + "…"
}

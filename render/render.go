// Package render prints SOPs: the identity page and the flowchart pages
// laid out by package layout, as PDF (vector, fonts embedded, for print),
// SVG (for the browser, with the step ids on the shapes) and PNG. All
// three draw the same pages through one drawing code, so what the browser
// shows is what the printer prints.
package render

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
)

// Renderer renders SOP documents. Make one at start-up and share it: its
// methods are safe for concurrent use. The embedded fonts are read the
// first time a Renderer is made, and shared.
type Renderer struct {
	m *fonts
}

// New returns a Renderer.
func New() (*Renderer, error) {
	f, err := fontsOnce()
	if err != nil {
		return nil, err
	}
	return &Renderer{m: f}, nil
}

// Measurer returns the text measurer of the embedded font, for layout.
func (r *Renderer) Measurer() layout.Measurer { return r.m }

// Options changes how a document is rendered. A nil *Options uses the
// document's own layout hints and the defaults.
type Options struct {
	Paper                     string // "A4" or "F4"; default the document's, else A4
	FirstPageSteps, PageSteps int    // rows per flowchart page; default the document's, else chosen to fit
	// Logo is the office's logo, printed in its cell of the identity
	// page, scaled to fit, its aspect kept; nil leaves the cell empty.
	Logo image.Image
	DPI  float64 // PNG resolution; default 150
	// VerifyBase is the address of the site (https://sop.example.go.id)
	// whose page /v/CODE tells whether a printed version is in force. When
	// set, every print of an approved SOP carries that address and its QR
	// code, CODE being the start of the version's content hash.
	VerifyBase string
	// Related, when not nil, is the Keterkaitan as printed, one line per
	// entry, in place of the document's entries as written: the web and
	// `esop render --db` pass each entry resolved to the stored SOP it
	// names, with its number and title (esop.RelatedCitation).
	Related []string
}

// VerifyCode returns the code that identifies an approved document in
// its verification address: the first 16 hex digits of its content hash.
func VerifyCode(d *esop.Document) string { return esop.ContentHash(d)[:16] }

// verifyURL returns the verification address of p, or "" when p has none.
func (p *Pages) verifyURL() string {
	if p.opt.VerifyBase == "" || !p.Doc.IsApproved() {
		return ""
	}
	return strings.TrimRight(p.opt.VerifyBase, "/") + "/v/" + VerifyCode(p.Doc)
}

// Pages is a document laid out for printing: the identity pages, then
// the flowchart pages.
type Pages struct {
	Doc      *esop.Document
	Identity *layout.Identity
	Flow     *layout.Diagram
	opt      Options
}

// Logo returns the office's logo the pages were laid out with
// (Options.Logo), nil without one: the exports that draw the identity
// section themselves (the DOCX) put it in the same cell.
func (p *Pages) Logo() image.Image { return p.opt.Logo }

// Count returns the number of printed pages.
func (p *Pages) Count() int { return len(p.Identity.Pages) + len(p.Flow.Pages) }

// Layout lays out d for printing. d must be valid.
func (r *Renderer) Layout(d *esop.Document, opt *Options) (*Pages, error) {
	var o Options
	if opt != nil {
		o = *opt
	}
	lo := &layout.Options{Paper: o.Paper, FirstPageSteps: o.FirstPageSteps, PageSteps: o.PageSteps, Measure: r.m,
		QR: o.VerifyBase != "" && d.IsApproved(), Related: o.Related}
	flow, err := layout.Layout(d, lo)
	if err != nil {
		return nil, err
	}
	return &Pages{Doc: d, Identity: layout.LayoutIdentity(d, lo), Flow: flow, opt: o}, nil
}

// activities maps step ids to "N. activity", the tooltip of each symbol.
func activities(d *esop.Document) map[string]string {
	m := make(map[string]string, len(d.Steps))
	for i, s := range d.Steps {
		m[s.ID] = fmt.Sprintf("%d. %s", i+1, esop.ListItem(s.Activity))
	}
	return m
}

// SVG writes flowchart page n (1-based) as SVG, or every flowchart page
// stacked when n is 0. Each symbol is a group with data-step and
// data-symbol; each arrow carries data-from and data-to; off-page
// connectors have data-symbol="offpage" and data-label.
func (p *Pages) SVG(w io.Writer, n int) error {
	title := p.Doc.Title
	if p.Doc.Number != "" {
		title = "SOP " + p.Doc.Number + " " + p.Doc.Title
	}
	return writeFlowSVG(w, p.Flow, n, "Diagram alir "+title, activities(p.Doc), nil)
}

// SVGMarked writes flowchart page n like SVG, with the rows of the steps
// in marks highlighted: a light band behind the row in the colour of its
// change, a darker bar at its left edge and the mark's label in the margin,
// in a group with data-change and data-row (the step id).
func (p *Pages) SVGMarked(w io.Writer, n int, marks map[string]Mark) error {
	title := p.Doc.Title
	if p.Doc.Number != "" {
		title = "SOP " + p.Doc.Number + " " + p.Doc.Title
	}
	return writeFlowSVG(w, p.Flow, n, "Diagram alir "+title, activities(p.Doc), marks)
}

func pageError(n, pages int) error {
	return esop.Errorf(esop.EINVALID, "halaman %d tidak ada; dokumen ini mempunyai %d halaman", "page %d does not exist; the document has %d pages", n, pages)
}

// drawPage draws printed page n (1-based: the identity pages first),
// numbered in its own document.
func (r *Renderer) drawPage(p painter, pp *Pages, n int) { r.drawPageAs(p, pp, n, n, pp.Count()) }

// drawPageAs draws printed page n of pp numbered as page folio of total, as in a book.
func (r *Renderer) drawPageAs(p painter, pp *Pages, n, folio, total int) {
	ids := len(pp.Identity.Pages)
	url := pp.verifyURL()
	frame := &pp.Flow.Frame
	if n <= ids {
		frame = &pp.Identity.Frame
	}
	drawStamp(p, frame)
	if n <= ids {
		pg := &pp.Identity.Pages[n-1]
		drawIdentityPage(p, pg, pp.opt.Logo)
		if url != "" && pg.QR.W > 0 {
			drawQR(p, pg.QR, url)
		}
	} else {
		drawFlowPage(p, pp.Flow, &pp.Flow.Pages[n-ids-1], nil)
	}
	left := footerText(pp.Doc.Number, pp.Doc.Title)
	if url != "" {
		left += " · Verifikasi: " + url
	}
	drawFooter(p, frame, r.m, folio, total, left)
}

// paperOf returns the paper of printed page n of p.
func (p *Pages) paperOf(n int) layout.Size {
	if n <= len(p.Identity.Pages) {
		return p.Identity.Paper
	}
	return p.Flow.Paper
}

// PDF writes the whole document as a PDF: vector drawing, the fonts
// embedded (subset), text selectable, title and number in the metadata.
func (r *Renderer) PDF(w io.Writer, p *Pages) error {
	d := newPDF(w, r.m)
	subject := "Standar Operasional Prosedur"
	if p.Doc.Number != "" {
		subject = "Nomor SOP " + p.Doc.Number
	}
	d.info = [5]string{p.Doc.Title, subject, "SOP; " + p.Doc.Agency + "; " + p.Doc.Unit, p.Doc.Agency, "e-SOP"}
	d.lang = "id"
	for n := 1; n <= p.Count(); n++ {
		paper := p.paperOf(n)
		pp := newPDFPainter(d, paper.H)
		r.drawPage(pp, p, n)
		d.addPage(paper.W, paper.H, pp)
	}
	return d.close()
}

// PNG writes printed page n (1-based; page 1 is the identity page) as a
// PNG image at the Options' DPI.
func (r *Renderer) PNG(w io.Writer, p *Pages, n int) error {
	if n < 1 || n > p.Count() {
		return pageError(n, p.Count())
	}
	dpi := p.opt.DPI
	if dpi <= 0 {
		dpi = 150
	}
	if dpi > 600 {
		return esop.Errorf(esop.EINVALID, "resolusi %v dpi terlalu besar (paling besar 600)", "a resolution of %v dpi is too large (at most 600)", dpi)
	}
	paper := p.paperOf(n)
	rp := newRasterPainter(paper.W, paper.H, dpi, r.m)
	r.drawPage(rp, p, n)
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, rp.img); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// FlowImage draws flowchart page n (1-based among the flowchart pages,
// after the identity pages) at dpi, without the paper's margins: the
// frame with the table, the flowchart and the footer, for a picture of
// the page in another document (export's DOCX).
func (r *Renderer) FlowImage(p *Pages, n int, dpi float64) (*image.RGBA, error) {
	if n < 1 || n > len(p.Flow.Pages) {
		return nil, pageError(n, len(p.Flow.Pages))
	}
	if dpi <= 0 || dpi > 600 {
		return nil, esop.Errorf(esop.EINVALID, "resolusi %v dpi tidak sah (1–600)", "a resolution of %v dpi is not valid (1–600)", dpi)
	}
	paper := p.Flow.Paper
	rp := newRasterPainter(paper.W, paper.H, dpi, r.m)
	r.drawPage(rp, p, len(p.Identity.Pages)+n)
	m := int(math.Round(p.Flow.Margin * rp.scale))
	b := rp.img.Bounds()
	return rp.img.SubImage(image.Rect(m, m, b.Dx()-m, b.Dy()-m)).(*image.RGBA), nil
}

package render

import (
	"fmt"
	"image"
	"io"

	"github.com/esop-malang/esop/layout"
)

// BookInfo is what the front matter of an SOP book says (the cover, the
// head of office's decision, the contents; see layout.BookInfo), with the
// office's logo for the cover and the letterhead of the decision.
type BookInfo struct {
	layout.BookInfo
	// Logo is the office's logo; nil leaves its room empty.
	Logo image.Image
}

// BookEntry is one SOP of a book as the decision and the contents list it.
type BookEntry = layout.BookEntry

// Decree is the head of office's decision that sets the SOPs of a book.
type Decree = layout.Decree

// Office is the address and contacts of an office, for its letterhead.
type Office = layout.Office

// Book writes an SOP book as one PDF: a cover; the head of office's
// decision with its list of SOPs, when info.Decree is set; the contents
// with each SOP's version, dates and first page; then every SOP. Pages are
// numbered across the book, and every page but the cover carries a
// running footer. Entries nil takes them from the documents (without
// version numbers). progress, when not nil, is called after each SOP is
// drawn with the number done and the total.
func (r *Renderer) Book(w io.Writer, info BookInfo, docs []*Pages, progress func(done, total int)) error {
	bi := info.BookInfo
	if bi.Entries == nil {
		bi.Entries = make([]BookEntry, len(docs))
		for i, d := range docs {
			bi.Entries[i] = BookEntry{Number: d.Doc.Number, Title: d.Doc.Title, Unit: d.Doc.Unit,
				Effective: d.Doc.Dates.Effective, Revised: d.Doc.Dates.Revised}
		}
	}
	if len(bi.Entries) != len(docs) {
		return fmt.Errorf("render: %d book entries for %d documents", len(bi.Entries), len(docs))
	}
	counts := make([]int, len(docs))
	for i, d := range docs {
		counts[i] = d.Count()
	}
	bk, err := layout.LayoutBook(&bi, counts, r.m)
	if err != nil {
		return err
	}
	d := newPDF(w, r.m)
	d.info = [5]string{layout.BookTitle(&bi), "Buku Standar Operasional Prosedur", "SOP; " + bi.Agency, bi.Agency, "e-SOP"}
	d.lang = "id"
	r.drawSheet(d, &bk.Cover, info.Logo, 0, 0)
	folio := 1
	for _, s := range append(bk.Decree, bk.Contents...) {
		folio++
		r.drawSheet(d, &s, info.Logo, folio, bk.Total)
	}
	for i, doc := range docs {
		for n := 1; n <= doc.Count(); n++ {
			paper := doc.paperOf(n)
			pp := newPDFPainter(d, paper.H)
			r.drawPageAs(pp, doc, n, bk.Starts[i]+n-1, bk.Total)
			d.addPage(paper.W, paper.H, pp)
		}
		if progress != nil {
			progress(i+1, len(docs))
		}
	}
	return d.close()
}

// drawSheet adds a page of the front matter, numbered folio of total in
// its footer (none when folio is 0: the cover).
func (r *Renderer) drawSheet(d *pdfDoc, s *layout.Sheet, logo image.Image, folio, total int) {
	size := s.Frame.Paper
	p := newPDFPainter(d, size.H)
	for _, st := range s.Rules {
		p.line(st.A, st.B, st.Width)
	}
	for _, t := range s.Texts {
		p.text(t)
	}
	if s.Logo.W > 0 && logo != nil {
		p.image(FitImage(s.Logo, logo), logo)
	}
	if folio > 0 {
		drawFooter(p, &s.Frame, r.m, folio, total, s.Footer)
	}
	d.addPage(size.W, size.H, p)
}

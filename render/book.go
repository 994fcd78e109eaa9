package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"

	"github.com/esop-malang/esop/layout"
)

// BookInfo is what the cover of an SOP book says.
type BookInfo struct {
	Government string // Pemerintah Kota Malang
	Agency     string // Dinas Ketenagakerjaan dan Transmigrasi
	Unit       string // the unit the book is for, or "" for the whole agency
	Year       int
	Paper      string
}

// tocRows is the number of contents entries on one page.
const tocRows = 22

// Book writes an SOP book as one PDF: a cover, the table of contents with
// each SOP's first page, then every SOP. progress, when not nil, is called
// after each SOP is drawn with the number done and the total.
func (r *Renderer) Book(w io.Writer, info BookInfo, docs []*Pages, progress func(done, total int)) error {
	paper := layout.A4
	if info.Paper == "F4" {
		paper = layout.F4
	}
	tocPages := max(1, (len(docs)+tocRows-1)/tocRows)
	total := 1 + tocPages
	starts := make([]int, len(docs))
	for i, d := range docs {
		starts[i] = total + 1
		total += d.Count()
	}
	out := pdf.New(w, paper.W, paper.H, &pdf.Options{Compress: true, SubsetFonts: true, ImageEncoding: canvas.Lossless})
	out.SetInfo(bookTitle(info), "Buku Standar Operasional Prosedur", "SOP; "+info.Agency, info.Agency, "e-SOP")
	out.SetLang("id")
	r.drawCover(paper, info).RenderTo(out)
	for t := range tocPages {
		out.NewPage(paper.W, paper.H)
		r.drawContents(paper, docs, starts, t, 2+t, total).RenderTo(out)
	}
	for i, d := range docs {
		for n := 1; n <= d.Count(); n++ {
			out.NewPage(d.Flow.Paper.W, d.Flow.Paper.H)
			r.drawPageAs(d, n, starts[i]+n-1, total).RenderTo(out)
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

func (r *Renderer) drawCover(paper layout.Size, info BookInfo) *canvas.Canvas {
	c := canvas.New(paper.W, paper.H)
	p := newCanvasPainter(c, r.fonts)
	cx := paper.W / 2
	drawLogoPlaceholder(p, layout.Rect{X: cx - 17, Y: 28, W: 34, H: 34})
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
	y := 90.0
	for _, l := range lines {
		if l.s == "" {
			continue
		}
		p.text(cx, y, l.s, l.size, true, "middle")
		y += l.size*ptToMM*1.6 + 2
	}
	if info.Year > 0 {
		p.text(cx, paper.H-25, strconv.Itoa(info.Year), 14, true, "middle")
	}
	return c
}

// drawContents draws contents page t (0-based) of the book.
func (r *Renderer) drawContents(paper layout.Size, docs []*Pages, starts []int, t, folio, total int) *canvas.Canvas {
	c := canvas.New(paper.W, paper.H)
	p := newCanvasPainter(c, r.fonts)
	const m = 15.0
	p.text(paper.W/2, m+6, "DAFTAR ISI", 14, true, "middle")
	cols := []struct {
		title string
		x     float64
	}{{"NO", m}, {"NOMOR SOP", m + 12}, {"NAMA SOP", m + 72}, {"TANGGAL EFEKTIF", paper.W - m - 62}, {"HALAMAN", paper.W - m}}
	y := m + 18
	for i, col := range cols {
		anchor := "start"
		if i == len(cols)-1 {
			anchor = "end"
		}
		p.text(col.x, y, col.title, 8, true, anchor)
	}
	p.line(layout.Point{X: m, Y: y + 2}, layout.Point{X: paper.W - m, Y: y + 2}, ruleWidth)
	y += 8
	for i := t * tocRows; i < min(len(docs), (t+1)*tocRows); i++ {
		d := docs[i].Doc
		title := d.Title
		if len([]rune(title)) > 95 {
			title = string([]rune(title)[:92]) + "..."
		}
		p.text(cols[0].x, y, fmt.Sprintf("%d.", i+1), 8, false, "start")
		p.text(cols[1].x, y, d.Number, 8, false, "start")
		p.text(cols[2].x, y, title, 8, false, "start")
		p.text(cols[3].x, y, d.Dates.Effective.Indonesian(), 8, false, "start")
		p.text(cols[4].x, y, strconv.Itoa(starts[i]), 8, false, "end")
		y += 7
	}
	drawFooter(p, paper, m, folio, total, "Daftar Isi")
	return c
}

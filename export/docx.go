package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
	"github.com/esop-malang/esop/render"
)

// MIMEDOCX is the media type of a Word document.
const MIMEDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// A DOCX file is a zip of a few XML parts (ECMA-376, WordprocessingML):
// the content types, the relationships, the document with its body and
// section, the core properties and the pictures. WriteDOCX writes the
// SOP as an official edits or attaches it: the identity section and the
// activity table with its mutu baku as real Word tables that can be
// edited, then each flowchart page as a picture of the print at print
// resolution, on landscape A4 or F4 as the document's paper. Only what
// is written here is used of the format; see docs/decisions.md for why
// it is not a library.

// DOCXOptions changes how a document is written. The zero value is the default.
type DOCXOptions struct {
	// DPI is the resolution of the flowchart pictures; 0 is 300.
	DPI float64
	// Related, when not nil, is the Keterkaitan as printed (resolved to
	// the stored SOPs they name), in place of the document's entries.
	Related []string
	// Now is the time of the document's properties; zero is now.
	Now time.Time
}

// Units of WordprocessingML.
const (
	twipsPerMM = 1440 / 25.4 // a twip is 1/20 pt
	emuPerMM   = 36000       // English Metric Units
)

// docxImage is a picture of the document: a flowchart page, or the logo.
type docxImage struct {
	name string // media/flowchart-N.png, media/logo.png
	png  []byte
	w, h float64 // millimetres on the page
}

// Room of the logo in the identity table when the layout gives none (it
// always does on the first identity page), in millimetres, and the most
// pixels a side the logo keeps in the file: 600 is 300 dpi at 50 mm, more
// than the room.
const (
	docxLogoW, docxLogoH float64 = 34 * 1.25, 34
	docxLogoPixels               = 600
)

// docxLogo returns the office's logo as the picture of the identity
// table's left cell: scaled to fit the room the print gives it
// (layout.IdentityPage.Logo), its aspect kept, and at most docxLogoPixels
// a side in the file; nil without a logo.
func docxLogo(p *render.Pages) (*docxImage, error) {
	img := p.Logo()
	if img == nil || img.Bounds().Dx() < 1 || img.Bounds().Dy() < 1 {
		return nil, nil
	}
	roomW, roomH := docxLogoW, docxLogoH
	if len(p.Identity.Pages) > 0 && p.Identity.Pages[0].Logo.W > 0 {
		roomW, roomH = p.Identity.Pages[0].Logo.W, p.Identity.Pages[0].Logo.H
	}
	fit := render.FitImage(layout.Rect{W: roomW, H: roomH}, img)
	w, h := fit.W, fit.H
	img = render.Downscale(img, docxLogoPixels)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return &docxImage{name: "media/logo.png", png: buf.Bytes(), w: w, h: h}, nil
}

// WriteDOCX writes the laid-out document p as a Word document. p comes
// from r.Layout; its paper is the document's (or the one asked for).
func WriteDOCX(w io.Writer, r *render.Renderer, p *render.Pages, opt DOCXOptions) error {
	dpi := opt.DPI
	if dpi == 0 {
		dpi = 300
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	paper := p.Flow.Paper
	margin := p.Flow.Margin
	// The pictures: each flowchart page without its margins, scaled to
	// the page's writing area less a little, so that Word never pushes a
	// picture onto a page of its own.
	const fit = 0.98
	var imgs []docxImage
	for n := 1; n <= len(p.Flow.Pages); n++ {
		img, err := r.FlowImage(p, n, dpi)
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, grey(img)); err != nil {
			return err
		}
		imgs = append(imgs, docxImage{name: fmt.Sprintf("media/flowchart-%d.png", n), png: b.Bytes(),
			w: (paper.W - 2*margin) * fit, h: (paper.H - 2*margin) * fit})
	}
	logo, err := docxLogo(p)
	if err != nil {
		return err
	}
	var doc bytes.Buffer
	dw := &docxWriter{x: &xmlWriter{w: &doc}, width: (paper.W - 2*margin) * twipsPerMM, logo: logo}
	dw.document(p.Doc, opt, imgs, paper, margin, p.Flow.Total)
	if dw.x.err != nil {
		return dw.x.err
	}
	bw := bufio.NewWriter(w)
	z := zip.NewWriter(bw)
	parts := []struct {
		name string
		body []byte
	}{
		{"[Content_Types].xml", []byte(docxContentTypes)},
		{"_rels/.rels", []byte(docxRels)},
		{"docProps/core.xml", docxCore(p.Doc, opt.Now)},
		{"word/_rels/document.xml.rels", docxDocRels(imgs, logo)},
		{"word/styles.xml", []byte(docxStyles)},
		{"word/document.xml", doc.Bytes()},
	}
	for _, part := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: opt.Now})
		if err != nil {
			return err
		}
		if _, err := f.Write(part.body); err != nil {
			return err
		}
	}
	if logo != nil {
		imgs = append(imgs, *logo)
	}
	for _, im := range imgs {
		// PNG is compressed already: stored.
		f, err := z.CreateHeader(&zip.FileHeader{Name: "word/" + im.name, Method: zip.Store, Modified: opt.Now})
		if err != nil {
			return err
		}
		if _, err := f.Write(im.png); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// grey returns img in shades of grey: the print has no colour, and a
// grey PNG is a third of the size.
func grey(img *image.RGBA) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		row := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):]
		out := g.Pix[g.PixOffset(0, y):]
		for x := 0; x < b.Dx(); x++ {
			r, gg, bb := uint32(row[4*x]), uint32(row[4*x+1]), uint32(row[4*x+2])
			out[x] = uint8((299*r + 587*gg + 114*bb + 500) / 1000)
		}
	}
	return g
}

const docxContentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

const docxRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`

// docxStyles: Normal in Arial 10 pt (Liberation Sans where Arial is not
// installed), single-spaced, no space after paragraphs.
const docxStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="id-ID"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`

func docxCore(d *esop.Document, now time.Time) []byte {
	var b bytes.Buffer
	x := &xmlWriter{w: &b}
	x.s(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	x.s(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	x.s("<dc:title>")
	x.text(d.Title)
	x.s("</dc:title><dc:subject>")
	subject := "Standar Operasional Prosedur"
	if d.Number != "" {
		subject = "Nomor SOP " + d.Number
	}
	x.text(subject)
	x.s("</dc:subject><dc:creator>")
	x.text(d.Agency)
	x.s("</dc:creator><dc:language>id-ID</dc:language>")
	t := now.UTC().Format("2006-01-02T15:04:05Z")
	x.s(`<dcterms:created xsi:type="dcterms:W3CDTF">` + t + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + t + `</dcterms:modified>`)
	x.s("</cp:coreProperties>")
	return b.Bytes()
}

func docxDocRels(imgs []docxImage, logo *docxImage) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	b.WriteString(`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
	for i, im := range imgs {
		fmt.Fprintf(&b, `<Relationship Id="rIdImg%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="%s"/>`, i+1, im.name)
	}
	if logo != nil {
		fmt.Fprintf(&b, `<Relationship Id="rIdLogo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="%s"/>`, logo.name)
	}
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

// docxWriter writes the body of document.xml.
type docxWriter struct {
	x     *xmlWriter
	width float64    // of the writing area, in twips
	logo  *docxImage // the office's logo, nil for none
}

// run is a run of text with its look.
type run struct {
	text              string
	bold, italic, cap bool
}

// para writes a paragraph of runs aligned as align ("", "center").
func (dw *docxWriter) para(align string, runs ...run) {
	x := dw.x
	x.s("<w:p>")
	if align != "" {
		x.s(`<w:pPr><w:jc w:val="` + align + `"/></w:pPr>`)
	}
	for _, r := range runs {
		x.s("<w:r>")
		if r.bold || r.italic || r.cap {
			x.s("<w:rPr>")
			if r.bold {
				x.s("<w:b/>")
			}
			if r.italic {
				x.s("<w:i/>")
			}
			x.s("</w:rPr>")
		}
		// Set as the print sets it: Word's Arial lacks what Liberation
		// Sans lacks (Wingdings' bullets, ✓, ①), and a copied bullet in
		// the private-use area shows as a box in Word too.
		text := layout.PrintText(r.text)
		if r.cap {
			text = strings.ToUpper(text)
		}
		x.s(`<w:t xml:space="preserve">`)
		x.text(text)
		x.s("</w:t></w:r>")
	}
	x.s("</w:p>")
}

func (dw *docxWriter) pageBreak() { dw.x.s(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`) }

// table starts a table whose columns take the given shares of the width.
func (dw *docxWriter) table(shares []float64) []int {
	x := dw.x
	widths := make([]int, len(shares))
	x.s(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(int(dw.width)) + `" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		x.s(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	x.s(`</w:tblBorders></w:tblPr><w:tblGrid>`)
	for i, s := range shares {
		widths[i] = int(math.Round(s * dw.width))
		x.s(`<w:gridCol w:w="` + strconv.Itoa(widths[i]) + `"/>`)
	}
	x.s(`</w:tblGrid>`)
	return widths
}

// cellProps is how a cell spans.
type cellProps struct {
	width  int
	span   int    // grid columns, 0 or 1 for one
	vMerge string // "", "restart" or "continue"
	shade  bool   // the header's grey
	center bool   // vertically centred
}

// cell writes a cell whose content is written by body (at least one paragraph).
func (dw *docxWriter) cell(p cellProps, body func()) {
	x := dw.x
	x.s(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(p.width) + `" w:type="dxa"/>`)
	if p.span > 1 {
		x.s(`<w:gridSpan w:val="` + strconv.Itoa(p.span) + `"/>`)
	}
	switch p.vMerge {
	case "restart":
		x.s(`<w:vMerge w:val="restart"/>`)
	case "continue":
		x.s(`<w:vMerge/>`)
	}
	if p.shade {
		x.s(`<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>`)
	}
	if p.center {
		x.s(`<w:vAlign w:val="center"/>`)
	}
	x.s(`</w:tcPr>`)
	if body == nil || p.vMerge == "continue" {
		x.s("<w:p/>")
	} else {
		body()
	}
	x.s(`</w:tc>`)
}

// textCell writes a cell of lines, one paragraph each.
func (dw *docxWriter) textCell(p cellProps, align string, bold bool, lines ...string) {
	dw.cell(p, func() {
		if len(lines) == 0 {
			lines = []string{""}
		}
		for _, l := range lines {
			dw.para(align, run{text: l, bold: bold})
		}
	})
}

// row starts a row; header rows repeat at the top of each page and are
// never split.
func (dw *docxWriter) row(header bool) {
	dw.x.s("<w:tr>")
	if header {
		dw.x.s(`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
	}
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// document writes word/document.xml.
func (dw *docxWriter) document(d *esop.Document, opt DOCXOptions, imgs []docxImage, paper layout.Size, margin float64, total string) {
	x := dw.x
	x.s(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	x.s(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>`)
	if !d.IsApproved() {
		dw.para("center", run{text: "KONSEP — belum disahkan", bold: true})
	}
	dw.identity(d, opt)
	dw.pageBreak()
	dw.activities(d, total)
	for i, im := range imgs {
		dw.pageBreak()
		n := strconv.Itoa(i + 1)
		dw.picture(i+1, "rIdImg"+n, "Diagram alir "+n, im, fmt.Sprintf("Diagram alir %s, halaman %d dari %d", d.Title, i+1, len(imgs)))
	}
	// The section: landscape on the document's paper.
	w, h := int(math.Round(paper.W*twipsPerMM)), int(math.Round(paper.H*twipsPerMM))
	m := strconv.Itoa(int(math.Round(margin * twipsPerMM)))
	x.s(`<w:sectPr><w:pgSz w:w="` + strconv.Itoa(w) + `" w:h="` + strconv.Itoa(h) + `" w:orient="landscape"/>`)
	x.s(`<w:pgMar w:top="` + m + `" w:right="` + m + `" w:bottom="` + m + `" w:left="` + m + `" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>`)
	x.s(`</w:body></w:document>`)
}

// identity writes the identity section as two tables: the header block
// (the names on the left; NOMOR SOP, the dates, DISAHKAN OLEH and NAMA
// SOP on the right) and the three rows of paired lists below it.
func (dw *docxWriter) identity(d *esop.Document, opt DOCXOptions) {
	wd := dw.table([]float64{0.38, 0.20, 0.42})
	names := []string{}
	for _, s := range []string{d.Government, d.Agency, d.Unit} {
		if s != "" {
			names = append(names, strings.ToUpper(s))
		}
	}
	labels := [6]string{"NOMOR SOP", "TANGGAL PEMBUATAN", "TANGGAL REVISI", "TANGGAL EFEKTIF", "DISAHKAN OLEH", "NAMA SOP"}
	for i, label := range labels {
		dw.row(false)
		left := cellProps{width: wd[0], vMerge: "continue", center: true}
		if i == 0 {
			left.vMerge = "restart"
		}
		dw.cell(left, func() {
			// The logo above the names, as printed; its picture
			// numbers after the flowchart pages'.
			if dw.logo != nil {
				dw.picture(logoPictureID, "rIdLogo", "Logo", *dw.logo, "Logo "+d.Agency)
			}
			for _, l := range names {
				dw.para("center", run{text: l, bold: true})
			}
			if len(names) == 0 && dw.logo == nil {
				dw.para("center")
			}
		})
		dw.textCell(cellProps{width: wd[1], center: true}, "", true, label)
		v := cellProps{width: wd[2], center: true}
		switch i {
		case 0:
			dw.textCell(v, "", true, dash(d.Number))
		case 1:
			dw.textCell(v, "", false, dash(d.Dates.Created.Indonesian()))
		case 2:
			dw.textCell(v, "", false, dash(d.Dates.Revised.Indonesian()))
		case 3:
			dw.textCell(v, "", false, dash(d.Dates.Effective.Indonesian()))
		case 4:
			dw.cell(v, func() {
				a := d.Approval
				if a == nil {
					dw.para("center", run{text: "-"})
					return
				}
				for _, l := range layout.SignerPosition(a, layout.HeadOfAgency(d.Agency, d.Government)) {
					dw.para("center", run{text: l, bold: true})
				}
				for range 3 { // room to sign and stamp
					dw.para("center")
				}
				dw.para("center", run{text: dash(a.Name), bold: true})
				if a.Rank != "" {
					dw.para("center", run{text: a.Rank})
				}
				if a.NIP != "" {
					dw.para("center", run{text: "NIP. " + esop.FormatNIP(a.NIP)})
				}
			})
		case 5:
			dw.textCell(v, "", true, strings.ToUpper(d.Title))
		}
		dw.x.s("</w:tr>")
	}
	dw.x.s("</w:tbl>")
	dw.para("")
	var legal []string
	for _, r := range d.LegalBasis {
		legal = append(legal, r.Cite(d.Government))
	}
	related := d.Related
	if opt.Related != nil {
		related = opt.Related
	}
	var warning []string
	if d.Warning != "" {
		warning = []string{d.Warning}
	}
	type list struct {
		title    string
		items    []string
		numbered bool
	}
	pairs := [][2]list{
		{{"DASAR HUKUM:", legal, true}, {"KUALIFIKASI PELAKSANA:", d.Qualifications, true}},
		{{"KETERKAITAN:", related, true}, {"PERALATAN/PERLENGKAPAN:", d.Equipment, true}},
		{{"PERINGATAN:", warning, false}, {"PENCATATAN DAN PENDATAAN:", d.Records, true}},
	}
	wd = dw.table([]float64{0.5, 0.5})
	for _, pair := range pairs {
		dw.row(false)
		for k, l := range pair {
			dw.cell(cellProps{width: wd[k]}, func() {
				dw.para("", run{text: l.title, bold: true})
				items := l.items
				if l.numbered {
					items = esop.ListItems(items) // not "1. 1." where its author numbered it, nor "2. -"
				}
				if len(items) == 0 {
					dw.para("", run{text: "-"})
				}
				for i, it := range items {
					if l.numbered {
						it = strconv.Itoa(i+1) + ". " + it
					}
					dw.para("", run{text: it})
				}
			})
		}
		dw.x.s("</w:tr>")
	}
	dw.x.s("</w:tbl>")
}

// activityShares are the widths of NO, KEGIATAN, PELAKSANA, KELENGKAPAN,
// WAKTU, OUTPUT and KETERANGAN.
var activityShares = []float64{0.05, 0.27, 0.13, 0.17, 0.09, 0.15, 0.14}

// activities writes the table of activities with their mutu baku: two
// header rows (repeated on every page), one row per step, the total.
func (dw *docxWriter) activities(d *esop.Document, total string) {
	dw.para("", run{text: "KEGIATAN DAN MUTU BAKU", bold: true})
	wd := dw.table(activityShares)
	h := cellProps{shade: true, center: true}
	with := func(p cellProps, w int, vm string) cellProps { p.width, p.vMerge = w, vm; return p }
	dw.row(true)
	dw.textCell(with(h, wd[0], "restart"), "center", true, "NO")
	dw.textCell(with(h, wd[1], "restart"), "center", true, "KEGIATAN")
	dw.textCell(with(h, wd[2], "restart"), "center", true, "PELAKSANA")
	mb := with(h, wd[3]+wd[4]+wd[5], "")
	mb.span = 3
	dw.textCell(mb, "center", true, "MUTU BAKU")
	dw.textCell(with(h, wd[6], "restart"), "center", true, "KETERANGAN")
	dw.x.s("</w:tr>")
	dw.row(true)
	for k := range 3 {
		dw.textCell(with(h, wd[k], "continue"), "", false)
	}
	dw.textCell(with(h, wd[3], ""), "center", true, "KELENGKAPAN")
	dw.textCell(with(h, wd[4], ""), "center", true, "WAKTU")
	dw.textCell(with(h, wd[5], ""), "center", true, "OUTPUT")
	dw.textCell(with(h, wd[6], "continue"), "", false)
	dw.x.s("</w:tr>")
	for i := range d.Steps {
		s := &d.Steps[i]
		dw.row(false)
		dw.textCell(cellProps{width: wd[0]}, "center", false, strconv.Itoa(i+1)+".")
		dw.cell(cellProps{width: wd[1]}, func() {
			dw.para("", run{text: esop.ListItem(s.Activity)}) // NO numbers the rows
			if f := flowNote(d, i); f != "" {
				dw.para("", run{text: f, italic: true})
			}
		})
		actor := s.Actor
		if a := d.ActorByID(s.Actor); a != nil {
			actor = a.Name
		}
		dw.textCell(cellProps{width: wd[2]}, "", false, actor)
		req := []string{"-"}
		if reqs := esop.ListItems(s.Requirements); len(reqs) == 1 {
			req = reqs
		} else if len(reqs) > 1 {
			req = nil
			for _, r := range reqs {
				req = append(req, "- "+r)
			}
		}
		dw.textCell(cellProps{width: wd[3]}, "", false, req...)
		dw.textCell(cellProps{width: wd[4]}, "", false, dash(s.Time.Indonesian()))
		dw.textCell(cellProps{width: wd[5]}, "", false, dash(s.Output))
		dw.textCell(cellProps{width: wd[6]}, "", false, s.Note)
		dw.x.s("</w:tr>")
	}
	if total != "" {
		dw.row(false)
		dw.textCell(cellProps{width: wd[0] + wd[1] + wd[2] + wd[3] + wd[4] + wd[5] + wd[6], span: 7}, "", true, total)
		dw.x.s("</w:tr>")
	}
	dw.x.s("</w:tbl>")
}

// flowNote says where the flow goes from step i when it is not simply
// the next row: a decision's two branches, a jump, an end.
func flowNote(d *esop.Document, i int) string {
	s := &d.Steps[i]
	no := func(id string) string {
		if j := d.StepIndex(id); j >= 0 {
			return strconv.Itoa(j + 1)
		}
		return id
	}
	switch {
	case s.Decision != nil:
		yes, not := s.Decision.Labels()
		return "→ " + yes + ": ke " + no(s.Decision.Yes) + "; " + not + ": ke " + no(s.Decision.No)
	case s.Next != "":
		return "→ ke " + no(s.Next)
	case s.End && i < len(d.Steps)-1:
		return "→ selesai"
	}
	return ""
}

// logoPictureID is the drawing id of the logo, apart from the flowchart
// pages' 1, 2, ….
const logoPictureID = 9999

// picture writes a paragraph holding picture n (its drawing id, unique in
// the document), the image of relationship rel, named name.
func (dw *docxWriter) picture(n int, rel, name string, im docxImage, descr string) {
	x := dw.x
	cx, cy := strconv.Itoa(int(math.Round(im.w*emuPerMM))), strconv.Itoa(int(math.Round(im.h*emuPerMM)))
	id := strconv.Itoa(n)
	x.s(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`)
	x.s(`<wp:extent cx="` + cx + `" cy="` + cy + `"/><wp:docPr id="` + id + `" name="`)
	x.text(name)
	x.s(`" descr="`)
	x.text(descr)
	x.s(`"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`)
	x.s(`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`)
	x.s(`<pic:nvPicPr><pic:cNvPr id="` + id + `" name="` + path.Base(im.name) + `"/><pic:cNvPicPr/></pic:nvPicPr>`)
	x.s(`<pic:blipFill><a:blip r:embed="` + rel + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`)
	x.s(`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="` + cx + `" cy="` + cy + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`)
	x.s(`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
}

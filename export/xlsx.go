// Package export writes SOP data in the exchange formats offices use
// beside the print of package render: today the workbook (XLSX) of the
// monitoring and evaluation recap. It does not depend on the web server.
package export

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// An XLSX file is a zip of a few XML parts (ECMA-376, SpreadsheetML): the
// content types, the relationships, the workbook naming its sheets, one
// part per sheet with its cells, the shared strings and the styles. The
// Workbook below writes exactly what e-SOP's workbooks use — text,
// numbers and dates, bold or italic type, thin borders, a solid fill,
// alignment and wrapping, number formats, column widths, row heights,
// merged cells, frozen header rows and landscape printing one page wide
// — and nothing else. See docs/decisions.md for why it is not a library.

// Limits of the format that a Workbook checks.
const (
	maxCols      = 16384   // XFD
	maxRows      = 1048576 // rows of a sheet
	maxCellChars = 32767   // characters of one cell
	maxSheetName = 31      // characters of a sheet's name
)

// Workbook is a workbook being built. The zero value is not usable; make
// one with NewWorkbook.
type Workbook struct {
	// The document's properties (docProps/core.xml).
	Title, Creator, Language string
	Created                  time.Time

	sheets []*Sheet
	styles []Style // the cell formats; styles[0] is the default
}

// NewWorkbook returns an empty workbook.
func NewWorkbook() *Workbook {
	return &Workbook{styles: []Style{{}}}
}

// Style is the look of a cell. The zero Style is the default: Calibri
// 11 pt, no border, general number format.
type Style struct {
	Bold, Italic bool
	Size         float64 // the font size in points; 0 is 11
	Border       bool    // a thin black line on the four sides
	Fill         string  // the RGB colour of a solid fill ("D9E2F3"); "" for none
	Horizontal   string  // "", "left", "center" or "right"
	Vertical     string  // "" (bottom), "top" or "center"
	Wrap         bool    // wrap the text within the column's width
	NumFmt       string  // a number format ("dd/mm/yyyy"); "" for General
}

// Style returns the number of the cell format s, for Sheet.Set.
func (wb *Workbook) Style(s Style) int {
	if i := slices.Index(wb.styles, s); i >= 0 {
		return i
	}
	wb.styles = append(wb.styles, s)
	return len(wb.styles) - 1
}

// Sheet is one worksheet.
type Sheet struct {
	name    string
	cells   map[int]map[int]cell // row → column → cell
	widths  map[int]float64      // column → width in characters
	heights map[int]float64      // row → height in points
	merges  [][4]int             // c1, r1, c2, r2
	freeze  int                  // the rows kept in view
	// Printed landscape, scaled to one page wide.
	landscapeOnePageWide bool
	err                  error // the first mistake of a caller
}

type cell struct {
	style int
	kind  byte // 0 none (style only), 's' string, 'n' number, 'b' boolean
	text  string
	num   float64
}

// AddSheet appends a sheet called name. The name is checked when the
// workbook is written.
func (wb *Workbook) AddSheet(name string) *Sheet {
	s := &Sheet{name: name, cells: map[int]map[int]cell{}, widths: map[int]float64{}, heights: map[int]float64{}}
	wb.sheets = append(wb.sheets, s)
	return s
}

// Name returns the name of the sheet.
func (s *Sheet) Name() string { return s.name }

func (s *Sheet) fail(format string, args ...any) {
	if s.err == nil {
		s.err = fmt.Errorf("xlsx: sheet %q: "+format, append([]any{s.name}, args...)...)
	}
}

func (s *Sheet) checkCell(col, row int) bool {
	if col < 1 || col > maxCols || row < 1 || row > maxRows {
		s.fail("no cell at column %d, row %d", col, row)
		return false
	}
	return true
}

// Set writes value into the cell at col and row (from 1) with the cell
// format style. The value is a string, an integer, a float64, a bool, a
// time.Time (a date cell: its wall clock, whatever its location, from
// 1 January 1900 on; give it a date NumFmt) or nil for a cell with a
// style and no value.
func (s *Sheet) Set(col, row int, value any, style int) {
	if !s.checkCell(col, row) {
		return
	}
	c := cell{style: style}
	switch v := value.(type) {
	case nil:
	case string:
		c.kind, c.text = 's', v
		if n := utf8.RuneCountInString(v); n > maxCellChars {
			s.fail("the text of %s has %d characters; a cell holds at most %d", CellName(col, row), n, maxCellChars)
			return
		}
	case int:
		c.kind, c.num = 'n', float64(v)
	case int64:
		c.kind, c.num = 'n', float64(v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			s.fail("%s: %v is not a number a cell can hold", CellName(col, row), v)
			return
		}
		c.kind, c.num = 'n', v
	case bool:
		c.kind = 'b'
		if v {
			c.num = 1
		}
	case time.Time:
		serial, ok := DateSerial(v)
		if !ok {
			s.fail("%s: %s is before 1900, which a spreadsheet cannot hold as a date", CellName(col, row), v.Format("2006-01-02"))
			return
		}
		c.kind, c.num = 'n', serial
	default:
		s.fail("%s: cannot write a %T", CellName(col, row), value)
		return
	}
	r := s.cells[row]
	if r == nil {
		r = map[int]cell{}
		s.cells[row] = r
	}
	r[col] = c
}

// SetWidth sets the width of column col in characters of the default font.
func (s *Sheet) SetWidth(col int, width float64) {
	if s.checkCell(col, 1) {
		s.widths[col] = width
	}
}

// SetHeight sets the height of row in points.
func (s *Sheet) SetHeight(row int, height float64) {
	if s.checkCell(1, row) {
		s.heights[row] = height
	}
}

// Merge merges the cells from (c1, r1) to (c2, r2); the value and look
// of the merged cell are those of its top left cell. Merged ranges may
// not overlap.
func (s *Sheet) Merge(c1, r1, c2, r2 int) {
	if !s.checkCell(c1, r1) || !s.checkCell(c2, r2) {
		return
	}
	if c2 < c1 || r2 < r1 || c1 == c2 && r1 == r2 {
		s.fail("cannot merge %s:%s", CellName(c1, r1), CellName(c2, r2))
		return
	}
	for _, m := range s.merges {
		if c1 <= m[2] && m[0] <= c2 && r1 <= m[3] && m[1] <= r2 {
			s.fail("merged cells %s:%s overlap %s:%s", CellName(c1, r1), CellName(c2, r2), CellName(m[0], m[1]), CellName(m[2], m[3]))
			return
		}
	}
	s.merges = append(s.merges, [4]int{c1, r1, c2, r2})
}

// FreezeRows keeps the first n rows in view when the sheet scrolls.
func (s *Sheet) FreezeRows(n int) {
	if n < 0 || n >= maxRows {
		s.fail("cannot freeze %d rows", n)
		return
	}
	s.freeze = n
}

// PrintLandscapeOnePageWide prints the sheet on landscape pages, scaled
// so that its columns fit one page's width.
func (s *Sheet) PrintLandscapeOnePageWide() { s.landscapeOnePageWide = true }

// ColumnName returns the letters of column col (1 → A, 27 → AA).
func ColumnName(col int) string {
	var b [4]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// CellName returns the reference of a cell (3, 5 → C5).
func CellName(col, row int) string { return ColumnName(col) + strconv.Itoa(row) }

// DateSerial returns t's wall clock as a spreadsheet's date serial in the
// 1900 date system (days since 30 December 1899, with the fraction for
// the time of day; 1 January 1900 is 1), and false before 1900.
func DateSerial(t time.Time) (float64, bool) {
	y, m, d := t.Date()
	if y < 1900 {
		return 0, false
	}
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400 - time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Unix()/86400
	if day < 61 { // Lotus 1-2-3 counted 29 February 1900, and spreadsheets still do
		day--
	}
	h, mi, sec := t.Clock()
	return float64(day) + (float64(h*3600+mi*60+sec)+float64(t.Nanosecond())/1e9)/86400, true
}

// Write writes the workbook as an XLSX file. Nothing is written when the
// workbook has a mistake (a bad sheet name, cell, merge or value).
func (wb *Workbook) Write(w io.Writer) error {
	if err := wb.check(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	z := zip.NewWriter(bw)
	strs := newStringTable()
	parts := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"[Content_Types].xml", wb.contentTypes},
		{"_rels/.rels", func(w io.Writer) error { _, err := io.WriteString(w, rootRels); return err }},
		{"docProps/core.xml", wb.core},
		{"docProps/app.xml", func(w io.Writer) error { _, err := io.WriteString(w, appProps); return err }},
		{"xl/workbook.xml", wb.workbook},
		{"xl/_rels/workbook.xml.rels", wb.workbookRels},
		{"xl/styles.xml", wb.stylesheet},
	}
	for i, s := range wb.sheets {
		parts = append(parts, struct {
			name  string
			write func(io.Writer) error
		}{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), func(w io.Writer) error { return s.write(w, i == 0, strs) }})
	}
	// The strings are known once the sheets are written.
	parts = append(parts, struct {
		name  string
		write func(io.Writer) error
	}{"xl/sharedStrings.xml", strs.write})
	modified := wb.Created
	if modified.IsZero() {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC) // the first time a zip holds
	}
	for _, p := range parts {
		fw, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		pw := bufio.NewWriter(fw)
		if err := p.write(pw); err != nil {
			return err
		}
		if err := pw.Flush(); err != nil {
			return err
		}
	}
	if err := z.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// check reports the first mistake in the workbook.
func (wb *Workbook) check() error {
	if len(wb.sheets) == 0 {
		return fmt.Errorf("xlsx: a workbook needs a sheet")
	}
	seen := map[string]bool{}
	for _, s := range wb.sheets {
		if s.err != nil {
			return s.err
		}
		n := utf8.RuneCountInString(s.name)
		switch {
		case n == 0 || n > maxSheetName:
			return fmt.Errorf("xlsx: the sheet name %q must have 1 to %d characters", s.name, maxSheetName)
		case strings.ContainsAny(s.name, `:\/?*[]`) || s.name[0] == '\'' || s.name[len(s.name)-1] == '\'' || s.name != xmlText(s.name):
			return fmt.Errorf("xlsx: the sheet name %q may not hold : \\ / ? * [ ] or control characters, nor begin or end with '", s.name)
		case seen[strings.ToLower(s.name)]:
			return fmt.Errorf("xlsx: two sheets are called %q", s.name)
		}
		seen[strings.ToLower(s.name)] = true
		for _, r := range s.cells {
			for _, c := range r {
				if c.style < 0 || c.style >= len(wb.styles) {
					return fmt.Errorf("xlsx: sheet %q: no cell format %d", s.name, c.style)
				}
			}
		}
	}
	for _, st := range wb.styles {
		if st.Fill != "" && !isRGB(st.Fill) {
			return fmt.Errorf("xlsx: the fill %q is not an RGB colour such as D9E2F3", st.Fill)
		}
		if !slices.Contains([]string{"", "left", "center", "right"}, st.Horizontal) || !slices.Contains([]string{"", "top", "center", "bottom"}, st.Vertical) {
			return fmt.Errorf("xlsx: unknown alignment %q, %q", st.Horizontal, st.Vertical)
		}
		if st.Size < 0 || st.Size > 409 {
			return fmt.Errorf("xlsx: font size %g", st.Size)
		}
	}
	return nil
}

func isRGB(s string) bool {
	if len(s) != 6 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'F' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctSML  = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

const rootRels = xmlHeader + `<Relationships xmlns="` + nsPkg + `">` +
	`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + nsRel + `/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>e-SOP</Application></Properties>`

func (wb *Workbook) contentTypes(w io.Writer) error {
	b := &xmlWriter{w: w}
	b.s(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ctSML + `sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ctSML + `styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="` + ctSML + `sharedStrings+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`)
	for i := range wb.sheets {
		b.s(`<Override PartName="/xl/worksheets/sheet` + strconv.Itoa(i+1) + `.xml" ContentType="` + ctSML + `worksheet+xml"/>`)
	}
	b.s(`</Types>`)
	return b.err
}

func (wb *Workbook) core(w io.Writer) error {
	b := &xmlWriter{w: w}
	b.s(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, p := range [][2]string{{"dc:title", wb.Title}, {"dc:creator", wb.Creator}, {"dc:language", wb.Language}} {
		if p[1] != "" {
			b.s("<" + p[0] + ">")
			b.text(p[1])
			b.s("</" + p[0] + ">")
		}
	}
	if !wb.Created.IsZero() {
		at := wb.Created.UTC().Format(time.RFC3339)
		b.s(`<dcterms:created xsi:type="dcterms:W3CDTF">` + at + `</dcterms:created>`)
		b.s(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + at + `</dcterms:modified>`)
	}
	b.s(`</cp:coreProperties>`)
	return b.err
}

func (wb *Workbook) workbook(w io.Writer) error {
	b := &xmlWriter{w: w}
	b.s(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, s := range wb.sheets {
		b.s(`<sheet name="`)
		b.text(s.name)
		b.s(`" sheetId="` + strconv.Itoa(i+1) + `" r:id="rId` + strconv.Itoa(i+1) + `"/>`)
	}
	b.s(`</sheets></workbook>`)
	return b.err
}

func (wb *Workbook) workbookRels(w io.Writer) error {
	b := &xmlWriter{w: w}
	b.s(xmlHeader + `<Relationships xmlns="` + nsPkg + `">`)
	n := len(wb.sheets)
	for i := range wb.sheets {
		b.s(`<Relationship Id="rId` + strconv.Itoa(i+1) + `" Type="` + nsRel + `/worksheet" Target="worksheets/sheet` + strconv.Itoa(i+1) + `.xml"/>`)
	}
	b.s(`<Relationship Id="rId` + strconv.Itoa(n+1) + `" Type="` + nsRel + `/styles" Target="styles.xml"/>`)
	b.s(`<Relationship Id="rId` + strconv.Itoa(n+2) + `" Type="` + nsRel + `/sharedStrings" Target="sharedStrings.xml"/>`)
	b.s(`</Relationships>`)
	return b.err
}

// stylesheet writes the fonts, fills, borders and number formats the
// cell formats use, then the formats.
func (wb *Workbook) stylesheet(w io.Writer) error {
	type font struct {
		bold, italic bool
		size         float64
	}
	fonts := []font{{size: 11}}
	fills := []string{"", "gray125"} // the two fills every stylesheet starts with
	var numFmts []string
	type xf struct{ numFmt, font, fill, border int }
	xfs := make([]xf, len(wb.styles))
	for i, st := range wb.styles {
		f := font{st.Bold, st.Italic, st.Size}
		if f.size == 0 {
			f.size = 11
		}
		x := xf{font: slices.Index(fonts, f)}
		if x.font < 0 {
			fonts = append(fonts, f)
			x.font = len(fonts) - 1
		}
		if st.Fill != "" {
			x.fill = slices.Index(fills, strings.ToUpper(st.Fill))
			if x.fill < 0 {
				fills = append(fills, strings.ToUpper(st.Fill))
				x.fill = len(fills) - 1
			}
		}
		if st.Border {
			x.border = 1
		}
		if st.NumFmt != "" {
			j := slices.Index(numFmts, st.NumFmt)
			if j < 0 {
				numFmts = append(numFmts, st.NumFmt)
				j = len(numFmts) - 1
			}
			x.numFmt = 164 + j // the first number not built in
		}
		xfs[i] = x
	}
	b := &xmlWriter{w: w}
	b.s(xmlHeader + `<styleSheet xmlns="` + nsMain + `">`)
	if len(numFmts) > 0 {
		b.s(`<numFmts count="` + strconv.Itoa(len(numFmts)) + `">`)
		for i, f := range numFmts {
			b.s(`<numFmt numFmtId="` + strconv.Itoa(164+i) + `" formatCode="`)
			b.text(f)
			b.s(`"/>`)
		}
		b.s(`</numFmts>`)
	}
	b.s(`<fonts count="` + strconv.Itoa(len(fonts)) + `">`)
	for _, f := range fonts {
		b.s(`<font>`)
		if f.bold {
			b.s(`<b/>`)
		}
		if f.italic {
			b.s(`<i/>`)
		}
		b.s(`<sz val="` + strconv.FormatFloat(f.size, 'f', -1, 64) + `"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>`)
	}
	b.s(`</fonts><fills count="` + strconv.Itoa(len(fills)) + `">`)
	for i, f := range fills {
		switch i {
		case 0:
			b.s(`<fill><patternFill patternType="none"/></fill>`)
		case 1:
			b.s(`<fill><patternFill patternType="gray125"/></fill>`)
		default:
			b.s(`<fill><patternFill patternType="solid"><fgColor rgb="FF` + f + `"/><bgColor indexed="64"/></patternFill></fill>`)
		}
	}
	b.s(`</fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>`)
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b.s(`<` + side + ` style="thin"><color rgb="FF000000"/></` + side + `>`)
	}
	b.s(`<diagonal/></border></borders>`)
	b.s(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	b.s(`<cellXfs count="` + strconv.Itoa(len(xfs)) + `">`)
	for i, x := range xfs {
		st := wb.styles[i]
		b.s(`<xf numFmtId="` + strconv.Itoa(x.numFmt) + `" fontId="` + strconv.Itoa(x.font) + `" fillId="` + strconv.Itoa(x.fill) +
			`" borderId="` + strconv.Itoa(x.border) + `" xfId="0"`)
		for _, a := range []struct {
			name string
			on   bool
		}{{"applyNumberFormat", x.numFmt != 0}, {"applyFont", x.font != 0}, {"applyFill", x.fill != 0}, {"applyBorder", x.border != 0},
			{"applyAlignment", st.Horizontal != "" || st.Vertical != "" || st.Wrap}} {
			if a.on {
				b.s(` ` + a.name + `="1"`)
			}
		}
		if st.Horizontal == "" && st.Vertical == "" && !st.Wrap {
			b.s(`/>`)
			continue
		}
		b.s(`><alignment`)
		if st.Horizontal != "" {
			b.s(` horizontal="` + st.Horizontal + `"`)
		}
		if st.Vertical != "" {
			b.s(` vertical="` + st.Vertical + `"`)
		}
		if st.Wrap {
			b.s(` wrapText="1"`)
		}
		b.s(`/></xf>`)
	}
	b.s(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return b.err
}

// write writes the sheet's part, adding its texts to strs.
func (s *Sheet) write(w io.Writer, first bool, strs *stringTable) error {
	rows := make([]int, 0, len(s.cells)+len(s.heights))
	lastCol := 1
	for r, cols := range s.cells {
		rows = append(rows, r)
		for c := range cols {
			lastCol = max(lastCol, c)
		}
	}
	for r := range s.heights {
		if s.cells[r] == nil {
			rows = append(rows, r)
		}
	}
	slices.Sort(rows)
	b := &xmlWriter{w: w}
	b.s(xmlHeader + `<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `">`)
	if s.landscapeOnePageWide {
		b.s(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	}
	dim := "A1"
	if len(rows) > 0 {
		dim = "A1:" + CellName(lastCol, rows[len(rows)-1])
	}
	b.s(`<dimension ref="` + dim + `"/><sheetViews><sheetView workbookViewId="0"`)
	if first {
		b.s(` tabSelected="1"`)
	}
	b.s(`>`)
	if s.freeze > 0 {
		top := CellName(1, s.freeze+1)
		b.s(`<pane ySplit="` + strconv.Itoa(s.freeze) + `" topLeftCell="` + top + `" activePane="bottomLeft" state="frozen"/>` +
			`<selection pane="bottomLeft" activeCell="` + top + `" sqref="` + top + `"/>`)
	}
	b.s(`</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if len(s.widths) > 0 {
		cols := make([]int, 0, len(s.widths))
		for c := range s.widths {
			cols = append(cols, c)
		}
		slices.Sort(cols)
		b.s(`<cols>`)
		for _, c := range cols {
			b.s(`<col min="` + strconv.Itoa(c) + `" max="` + strconv.Itoa(c) + `" width="` + strconv.FormatFloat(s.widths[c], 'f', -1, 64) + `" customWidth="1"/>`)
		}
		b.s(`</cols>`)
	}
	b.s(`<sheetData>`)
	var cols []int
	for _, r := range rows {
		b.s(`<row r="` + strconv.Itoa(r) + `"`)
		if h, ok := s.heights[r]; ok {
			b.s(` ht="` + strconv.FormatFloat(h, 'f', -1, 64) + `" customHeight="1"`)
		}
		b.s(`>`)
		cols = cols[:0]
		for c := range s.cells[r] {
			cols = append(cols, c)
		}
		slices.Sort(cols)
		for _, c := range cols {
			x := s.cells[r][c]
			b.s(`<c r="` + CellName(c, r) + `"`)
			if x.style != 0 {
				b.s(` s="` + strconv.Itoa(x.style) + `"`)
			}
			switch x.kind {
			case 0:
				b.s(`/>`)
			case 's':
				b.s(` t="s"><v>` + strconv.Itoa(strs.index(x.text)) + `</v></c>`)
			case 'b':
				b.s(` t="b"><v>` + strconv.FormatFloat(x.num, 'f', -1, 64) + `</v></c>`)
			default:
				b.s(`><v>` + strconv.FormatFloat(x.num, 'G', -1, 64) + `</v></c>`)
			}
		}
		b.s(`</row>`)
	}
	b.s(`</sheetData>`)
	if len(s.merges) > 0 {
		b.s(`<mergeCells count="` + strconv.Itoa(len(s.merges)) + `">`)
		for _, m := range s.merges {
			b.s(`<mergeCell ref="` + CellName(m[0], m[1]) + ":" + CellName(m[2], m[3]) + `"/>`)
		}
		b.s(`</mergeCells>`)
	}
	if s.landscapeOnePageWide {
		b.s(`<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>`)
	}
	b.s(`</worksheet>`)
	return b.err
}

// stringTable is the shared strings part: each text once.
type stringTable struct {
	ids   map[string]int
	list  []string
	count int // the cells that refer to a text
}

func newStringTable() *stringTable { return &stringTable{ids: map[string]int{}} }

func (t *stringTable) index(s string) int {
	t.count++
	if i, ok := t.ids[s]; ok {
		return i
	}
	t.ids[s] = len(t.list)
	t.list = append(t.list, s)
	return len(t.list) - 1
}

func (t *stringTable) write(w io.Writer) error {
	b := &xmlWriter{w: w}
	b.s(xmlHeader + `<sst xmlns="` + nsMain + `" count="` + strconv.Itoa(t.count) + `" uniqueCount="` + strconv.Itoa(len(t.list)) + `">`)
	for _, s := range t.list {
		s = xmlText(s)
		if s != strings.TrimSpace(s) {
			b.s(`<si><t xml:space="preserve">`)
		} else {
			b.s(`<si><t>`)
		}
		b.text(s)
		b.s(`</t></si>`)
	}
	b.s(`</sst>`)
	return b.err
}

// xmlText returns s as XML can hold it: valid UTF-8, line ends as "\n",
// without the control characters XML 1.0 forbids.
func xmlText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF }) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r < 0x20 && r != '\t' && r != '\n' || r == 0xFFFE || r == 0xFFFF:
			return -1
		}
		return r
	}, s)
}

// xmlWriter writes XML, keeping the first error.
type xmlWriter struct {
	w   io.Writer
	err error
}

func (b *xmlWriter) s(s string) {
	if b.err == nil {
		_, b.err = io.WriteString(b.w, s)
	}
}

// text writes s escaped for text or an attribute value in quotes.
func (b *xmlWriter) text(s string) {
	s = xmlText(s)
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\n':
			esc = "&#10;" // kept as a line end in attributes too
		case '\t':
			esc = "&#9;"
		default:
			continue
		}
		b.s(s[last:i])
		b.s(esc)
		last = i + 1
	}
	b.s(s[last:])
}

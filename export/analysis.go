package export

import (
	"time"
)

// The analyses of issue 13 as workbooks: each sheet a table with a title,
// a subtitle, a bold bordered header that stays in view and wrapped
// cells, printed landscape one page wide. The web server fills the
// tables in the reader's language; this file only lays them out.

// Table is one sheet of an analysis workbook.
type Table struct {
	Sheet    string // the sheet's name (at most 31 characters)
	Title    string
	Subtitle string
	Columns  []Column
	Rows     [][]any // string, int, float64 or nil cells, one per column
}

// Column is one column of a Table.
type Column struct {
	Title string
	Width float64 // in characters
	Num   bool    // numbers, right-aligned; Format applies
	// Format is the number format of the column's numbers ("0.00",
	// "#,##0"); "" for General.
	Format string
}

// TablesWorkbook builds a workbook of tables.
func TablesWorkbook(title, lang string, now time.Time, tables ...Table) *Workbook {
	wb := NewWorkbook()
	wb.Title, wb.Creator, wb.Language, wb.Created = title, "e-SOP", lang, now
	head := wb.Style(Style{Bold: true, Size: 14})
	sub := wb.Style(Style{Italic: true})
	header := wb.Style(Style{Bold: true, Border: true, Fill: "D9E2F3", Horizontal: "center", Vertical: "center", Wrap: true})
	text := wb.Style(Style{Border: true, Vertical: "top", Wrap: true})
	for _, t := range tables {
		s := wb.AddSheet(t.Sheet)
		s.Set(1, 1, t.Title, head)
		s.Set(1, 2, t.Subtitle, sub)
		nums := make([]int, len(t.Columns))
		for i, c := range t.Columns {
			s.Set(i+1, 4, c.Title, header)
			s.SetWidth(i+1, c.Width)
			nums[i] = text
			if c.Num {
				nums[i] = wb.Style(Style{Border: true, Vertical: "top", Horizontal: "right", NumFmt: c.Format})
			}
		}
		s.SetHeight(4, 30)
		s.FreezeRows(4)
		s.PrintLandscapeOnePageWide()
		for r, row := range t.Rows {
			for c := range t.Columns {
				var v any
				if c < len(row) {
					v = row[c]
				}
				s.Set(c+1, r+5, v, nums[c])
			}
		}
	}
	return wb
}

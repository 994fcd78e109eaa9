package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/esop-malang/esop"
)

// The recap of monitoring and evaluation as a workbook, the evidence that
// reform (PMPRB) and Zona Integritas assessors ask for: one sheet with
// the columns of Tabel 7 "Monitoring Pelaksanaan SOP AP" (the assessment
// split into its two tick columns, as the Permen prints it), one with the
// evaluations and their seven criteria. Each sheet has a title, a bold
// bordered header that stays in view, column widths set for reading and
// printing (landscape, one page wide), and real date cells shown
// dd/mm/yyyy.

// xlsxDate and xlsxDateTime are the number formats of date cells.
const (
	xlsxDate     = "dd/mm/yyyy"
	xlsxDateTime = "dd/mm/yyyy hh:mm"
)

// xlsxMIME is the media type of a workbook.
const xlsxMIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// monevStyles are the cell styles of the workbook.
type monevStyles struct {
	title, subtitle, header, text, center, date, dateTime int
}

func newMonevStyles(f *excelize.File) (*monevStyles, error) {
	thin := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	date, dateTime := xlsxDate, xlsxDateTime
	specs := []struct {
		id *int
		s  *excelize.Style
	}{
		{nil, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{nil, &excelize.Style{Font: &excelize.Font{Italic: true}}},
		{nil, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: thin,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{nil, &excelize.Style{Border: thin, Alignment: top}},
		{nil, &excelize.Style{Border: thin, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}}},
		{nil, &excelize.Style{Border: thin, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, CustomNumFmt: &date}},
		{nil, &excelize.Style{Border: thin, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, CustomNumFmt: &dateTime}},
	}
	st := &monevStyles{}
	ids := []*int{&st.title, &st.subtitle, &st.header, &st.text, &st.center, &st.date, &st.dateTime}
	for i, sp := range specs {
		id, err := f.NewStyle(sp.s)
		if err != nil {
			return nil, err
		}
		*ids[i] = id
	}
	return st, nil
}

// excelDate returns d as the time excelize stores as that day.
func excelDate(d esop.Date) time.Time { return d.Time() }

// excelWall returns t as the wall-clock time in loc (the agency's zone,
// named in the column's title), which is what a spreadsheet cell, having
// no zone, should show.
func excelWall(t time.Time, loc *time.Location) time.Time {
	w := t.In(loc)
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
}

// sheetWriter writes one sheet cell by cell.
type sheetWriter struct {
	f      *excelize.File
	sheet  string
	widths []float64   // of the columns, in characters
	lines  map[int]int // row → the most lines a text of it wraps to
	err    error
}

// wrapLines estimates how many lines text takes in a column width
// characters wide, so that rows can be made tall enough: spreadsheet
// programs do not grow rows for wrapped text of a file they open.
func wrapLines(text string, width float64) int {
	per := max(int(width*0.95)-1, 1) // characters per line, with the cell's padding
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n += max((utf8.RuneCountInString(line)+per-1)/per, 1)
	}
	return n
}

// fitRows sets the height of the rows from row on to their longest text.
func (w *sheetWriter) fitRows(from int) {
	for row, n := range w.lines {
		if row >= from && n > 1 && w.err == nil {
			w.err = w.f.SetRowHeight(w.sheet, row, float64(n)*15+3)
		}
	}
}

func (w *sheetWriter) cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil && w.err == nil {
		w.err = err
	}
	return name
}

// set writes value into (col, row) with style.
func (w *sheetWriter) set(col, row int, value any, style int) {
	if w.err != nil {
		return
	}
	c := w.cell(col, row)
	if text, ok := value.(string); ok && col <= len(w.widths) {
		if w.lines == nil {
			w.lines = map[int]int{}
		}
		w.lines[row] = max(w.lines[row], wrapLines(text, w.widths[col-1]))
	}
	if value != nil {
		if w.err = w.f.SetCellValue(w.sheet, c, value); w.err != nil {
			return
		}
	}
	w.err = w.f.SetCellStyle(w.sheet, c, c, style)
}

// merge merges the cells from (c1, r1) to (c2, r2).
func (w *sheetWriter) merge(c1, r1, c2, r2 int) {
	if w.err == nil {
		w.err = w.f.MergeCell(w.sheet, w.cell(c1, r1), w.cell(c2, r2))
	}
}

// frame writes a sheet's title, subtitle and widths, sets it up for
// printing and freezes the header rows (the rows before firstRow).
func (w *sheetWriter) frame(st *monevStyles, title, subtitle string, widths []float64, firstRow int) {
	last := len(widths)
	w.widths = widths
	w.set(1, 1, title, st.title)
	w.merge(1, 1, last, 1)
	w.set(1, 2, subtitle, st.subtitle)
	w.merge(1, 2, last, 2)
	for i, width := range widths {
		if w.err == nil {
			col, _ := excelize.ColumnNumberToName(i + 1)
			w.err = w.f.SetColWidth(w.sheet, col, col, width)
		}
	}
	if w.err == nil {
		w.err = w.f.SetRowHeight(w.sheet, 1, 22)
	}
	if w.err == nil {
		w.err = w.f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, YSplit: firstRow - 1, TopLeftCell: w.cell(1, firstRow), ActivePane: "bottomLeft"})
	}
	landscape, one, any, fit := "landscape", 1, 0, true
	if w.err == nil {
		w.err = w.f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
	}
	if w.err == nil {
		w.err = w.f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &any})
	}
}

// header writes a one-row header cell spanning two header rows.
func (w *sheetWriter) header(st *monevStyles, col, row int, text string) {
	w.set(col, row, text, st.header)
	w.set(col, row+1, nil, st.header)
	w.merge(col, row, col, row+1)
}

// monevWorkbook builds the workbook of a recap in lang.
func (s *Server) monevWorkbook(ctx context.Context, rc *recap, lang string) (*bytes.Buffer, error) {
	msg := s.msgs
	f := excelize.NewFile()
	defer f.Close()
	st, err := newMonevStyles(f)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if rc.Zone == nil {
		rc.Zone = s.unitZone(ctx, rc.Scope.Unit.Name)
	}
	subtitle := msg.T(lang, "monev.xlsx.subtitle", rc.Scope.Unit.Name, rc.Period.Label().In(lang), formatMoment(rc.Zone, now, false))
	if err := f.SetDocProps(&excelize.DocProperties{Title: msg.T(lang, "monev.xlsx.title") + " — " + rc.Scope.Unit.Name + " — " + rc.Period.String(),
		Creator: "e-SOP", Language: lang, Created: now.UTC().Format(time.RFC3339)}); err != nil {
		return nil, err
	}

	// The columns that name the SOP, first on both sheets.
	lead := []string{msg.T(lang, "monev.col.no"), msg.T(lang, "monev.col.unit"), msg.T(lang, "monev.col.number"), msg.T(lang, "monev.col.procedure"),
		msg.T(lang, "monev.col.period")}

	// Sheet 1: Monitoring Pelaksanaan SOP AP (Tabel 7).
	mon := msg.T(lang, "monev.xlsx.sheet.monitoring")
	if err := f.SetSheetName("Sheet1", mon); err != nil {
		return nil, err
	}
	w := &sheetWriter{f: f, sheet: mon}
	w.frame(st, msg.T(lang, "monev.xlsx.monitoring.title"), subtitle, []float64{5, 28, 22, 40, 20, 14, 14, 40, 36, 24, 13, 17}, 6)
	for i, text := range lead {
		w.header(st, i+1, 4, text)
	}
	w.set(6, 4, msg.T(lang, "monev.col.assessment"), st.header)
	w.set(7, 4, nil, st.header)
	w.merge(6, 4, 7, 4)
	w.set(6, 5, esop.ResultLabel(esop.ResultGood).In(lang), st.header)
	w.set(7, 5, esop.ResultLabel(esop.ResultNotGood).In(lang), st.header)
	for i, text := range []string{msg.T(lang, "monev.col.notes"), msg.T(lang, "monev.col.actions"), msg.T(lang, "monev.col.paraf"),
		msg.T(lang, "monev.col.date"), msg.T(lang, "monev.col.recorded") + " (" + now.In(rc.Zone).Format("MST") + ")"} {
		w.header(st, i+8, 4, text)
	}
	for r, h := range map[int]float64{4: 30, 5: 45} {
		if w.err == nil {
			w.err = f.SetRowHeight(mon, r, h)
		}
	}
	row := 6
	for _, r := range rc.Rows {
		w.set(1, row, r.No, st.center)
		w.set(2, row, r.SOP.Unit, st.text)
		w.set(3, row, r.SOP.Number, st.text)
		w.set(4, row, r.SOP.Title, st.text)
		w.set(5, row, rc.Period.Label().In(lang), st.text)
		m := r.Monitoring
		if m == nil {
			for c := 6; c <= 12; c++ {
				w.set(c, row, nil, st.text)
			}
			w.set(8, row, msg.T(lang, "monev.notmonitored"), st.text)
			row++
			continue
		}
		good, notGood := "", ""
		if m.Good {
			good = "✓"
		} else {
			notGood = "✓"
		}
		w.set(6, row, good, st.center)
		w.set(7, row, notGood, st.center)
		w.set(8, row, m.Notes, st.text)
		w.set(9, row, m.Actions, st.text)
		w.set(10, row, m.Paraf.Name, st.text)
		w.set(11, row, excelDate(m.AssessedOn), st.date)
		w.set(12, row, excelWall(m.UpdatedAt, rc.Zone), st.dateTime)
		row++
	}
	w.fitRows(6)
	if w.err != nil {
		return nil, w.err
	}

	// Sheet 2: the evaluations.
	eva := msg.T(lang, "monev.xlsx.sheet.evaluation")
	if _, err := f.NewSheet(eva); err != nil {
		return nil, err
	}
	w = &sheetWriter{f: f, sheet: eva}
	widths := []float64{5, 28, 22, 40, 20}
	for range esop.EvaluationCriteria {
		widths = append(widths, 18)
	}
	widths = append(widths, 14, 40, 24, 13, 12)
	w.frame(st, msg.T(lang, "monev.xlsx.evaluation.title"), subtitle, widths, 6)
	for i, text := range lead {
		w.header(st, i+1, 4, text)
	}
	n := len(esop.EvaluationCriteria)
	w.set(6, 4, msg.T(lang, "monev.col.criteria"), st.header)
	for i, c := range esop.EvaluationCriteria {
		if i > 0 {
			w.set(6+i, 4, nil, st.header)
		}
		w.set(6+i, 5, fmt.Sprintf("%d. %s", c.No, c.Text.In(lang)), st.header)
	}
	w.merge(6, 4, 5+n, 4)
	for i, text := range []string{msg.T(lang, "monev.col.conclusion"), msg.T(lang, "monev.col.evalnotes"), msg.T(lang, "monev.col.assessor"),
		msg.T(lang, "monev.col.date"), msg.T(lang, "monev.col.draft")} {
		w.header(st, 6+n+i, 4, text)
	}
	if w.err == nil {
		w.err = f.SetRowHeight(eva, 5, 90)
	}
	row = 6
	drafts := map[int64]string{}
	for _, r := range rc.Rows {
		w.set(1, row, r.No, st.center)
		w.set(2, row, r.SOP.Unit, st.text)
		w.set(3, row, r.SOP.Number, st.text)
		w.set(4, row, r.SOP.Title, st.text)
		w.set(5, row, rc.Period.Label().In(lang), st.text)
		e := r.Evaluation
		if e == nil {
			for c := 6; c <= 10+n; c++ {
				w.set(c, row, nil, st.text)
			}
			w.set(7+n, row, msg.T(lang, "monev.notevaluated"), st.text)
			row++
			continue
		}
		for i, a := range e.YesNo {
			w.set(6+i, row, a, st.center)
		}
		w.set(6+n, row, e.ConclusionLabel, st.center)
		w.set(7+n, row, e.Notes, st.text)
		w.set(8+n, row, e.Paraf.Name, st.text)
		w.set(9+n, row, excelDate(e.AssessedOn), st.date)
		draft := ""
		if e.DraftID != 0 {
			if _, ok := drafts[e.DraftID]; !ok {
				v, err := s.store.FindVersionByID(ctx, e.DraftID)
				if err != nil {
					return nil, err
				}
				drafts[e.DraftID] = msg.T(lang, "monev.draftversion", v.Seq)
			}
			draft = drafts[e.DraftID]
		}
		w.set(10+n, row, draft, st.center)
		row++
	}
	w.fitRows(6)
	if w.err != nil {
		return nil, w.err
	}
	f.SetActiveSheet(0)
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return &b, nil
}

func (s *Server) recapXLSX(w http.ResponseWriter, r *http.Request, rq *request) error {
	rc, err := s.recapRequest(r, rq)
	if err != nil {
		return err
	}
	b, err := s.monevWorkbook(r.Context(), rc, rq.lang)
	if err != nil {
		return err
	}
	name := "monev-" + safeName(rc.Scope.Unit.Key) + "-" + rc.Period.String() + ".xlsx"
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	writeBuffered(w, http.StatusOK, xlsxMIME, b)
	return nil
}

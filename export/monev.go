package export

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

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

// MIMEXLSX is the media type of a workbook.
const MIMEXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// The number formats of date cells.
const (
	xlsxDate     = "dd/mm/yyyy"
	xlsxDateTime = "dd/mm/yyyy hh:mm"
)

// wib is the zone of a recap that names none (UTC+7).
var wib = time.FixedZone("WIB", 7*3600)

// Monev is a recap of monitoring and evaluation for one unit and period.
type Monev struct {
	Lang string // "id" or "en"
	// T returns the message of key in Lang, formatted with args; the
	// keys are those of web/i18n ("monev.col.no", …).
	T      func(key string, args ...any) string
	Unit   string      // the name of the unit of the recap
	Period esop.Period // the period of the recap
	Now    time.Time   // the time of the download
	// Zone is the time zone of the unit's agency, whose wall clock the
	// times show, named in the subtitle and the column's title (WIB,
	// WITA, WIT); nil for WIB.
	Zone *time.Location
	Rows []MonevRow
}

// MonevRow is one SOP of a recap.
type MonevRow struct {
	No                  int
	Unit, Number, Title string           // of the SOP
	Monitoring          *esop.Monitoring // nil when not monitored in the period
	Evaluation          *esop.Evaluation // nil when not evaluated in the period
	// Draft names the draft version the evaluation opened for a revision
	// ("versi 3"); "" for none.
	Draft string
}

// monevStyles are the cell formats of the workbook.
type monevStyles struct {
	title, subtitle, header, text, center, date, dateTime int
}

func newMonevStyles(wb *Workbook) *monevStyles {
	return &monevStyles{
		title:    wb.Style(Style{Bold: true, Size: 14}),
		subtitle: wb.Style(Style{Italic: true}),
		header:   wb.Style(Style{Bold: true, Border: true, Fill: "D9E2F3", Horizontal: "center", Vertical: "center", Wrap: true}),
		text:     wb.Style(Style{Border: true, Vertical: "top", Wrap: true}),
		center:   wb.Style(Style{Border: true, Horizontal: "center", Vertical: "top", Wrap: true}),
		date:     wb.Style(Style{Border: true, Horizontal: "center", Vertical: "top", NumFmt: xlsxDate}),
		dateTime: wb.Style(Style{Border: true, Horizontal: "center", Vertical: "top", NumFmt: xlsxDateTime}),
	}
}

// wallClock returns t as the wall-clock time in loc, which is what a
// spreadsheet cell, having no zone, should show.
func wallClock(t time.Time, loc *time.Location) time.Time {
	w := t.In(loc)
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, time.UTC)
}

// monevSheet writes one sheet of the recap, keeping how many lines the
// texts of each row wrap to.
type monevSheet struct {
	*Sheet
	widths []float64   // of the columns, in characters
	lines  map[int]int // row → the most lines a text of it wraps to
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

// set writes value into (col, row) with style.
func (w *monevSheet) set(col, row int, value any, style int) {
	if text, ok := value.(string); ok && col <= len(w.widths) {
		w.lines[row] = max(w.lines[row], wrapLines(text, w.widths[col-1]))
	}
	w.Set(col, row, value, style)
}

// fitRows sets the height of the rows from row on to their longest text.
func (w *monevSheet) fitRows(from int) {
	for row, n := range w.lines {
		if row >= from && n > 1 {
			w.SetHeight(row, float64(n)*15+3)
		}
	}
}

// newMonevSheet adds a sheet with its title, subtitle and widths, set up
// for printing, with the header rows (the rows before firstRow) frozen.
func newMonevSheet(wb *Workbook, st *monevStyles, name, title, subtitle string, widths []float64, firstRow int) *monevSheet {
	w := &monevSheet{Sheet: wb.AddSheet(name), widths: widths, lines: map[int]int{}}
	last := len(widths)
	w.set(1, 1, title, st.title)
	w.Merge(1, 1, last, 1)
	w.set(1, 2, subtitle, st.subtitle)
	w.Merge(1, 2, last, 2)
	for i, width := range widths {
		w.SetWidth(i+1, width)
	}
	w.SetHeight(1, 22)
	w.FreezeRows(firstRow - 1)
	w.PrintLandscapeOnePageWide()
	return w
}

// header writes a one-row header cell spanning two header rows.
func (w *monevSheet) header(st *monevStyles, col, row int, text string) {
	w.set(col, row, text, st.header)
	w.set(col, row+1, nil, st.header)
	w.Merge(col, row, col, row+1)
}

// assessor is the name of who assessed, or the account when the name is
// not known.
func assessor(a esop.Assessor) string {
	if a.Name != "" {
		return a.Name
	}
	return a.Username
}

// WriteMonevXLSX writes the workbook of recap m to w.
func WriteMonevXLSX(w io.Writer, m *Monev) error {
	return MonevWorkbook(m).Write(w)
}

// MonevWorkbook builds the workbook of recap m.
func MonevWorkbook(m *Monev) *Workbook {
	T, lang, zone := m.T, m.Lang, m.Zone
	if zone == nil {
		zone = wib
	}
	wb := NewWorkbook()
	wb.Title = T("monev.xlsx.title") + " — " + m.Unit + " — " + m.Period.String()
	wb.Creator, wb.Language, wb.Created = "e-SOP", lang, m.Now
	st := newMonevStyles(wb)
	subtitle := T("monev.xlsx.subtitle", m.Unit, m.Period.Label().In(lang), m.Now.In(zone).Format("02/01/2006 15:04 MST"))
	period := m.Period.Label().In(lang)

	// The columns that name the SOP, first on both sheets.
	lead := []string{T("monev.col.no"), T("monev.col.unit"), T("monev.col.number"), T("monev.col.procedure"), T("monev.col.period")}
	sop := func(w *monevSheet, row int, r *MonevRow) {
		w.set(1, row, r.No, st.center)
		w.set(2, row, r.Unit, st.text)
		w.set(3, row, r.Number, st.text)
		w.set(4, row, r.Title, st.text)
		w.set(5, row, period, st.text)
	}

	// Sheet 1: Monitoring Pelaksanaan SOP AP (Tabel 7).
	w := newMonevSheet(wb, st, T("monev.xlsx.sheet.monitoring"), T("monev.xlsx.monitoring.title"), subtitle,
		[]float64{5, 28, 22, 40, 20, 14, 14, 40, 36, 24, 13, 17}, 6)
	for i, text := range lead {
		w.header(st, i+1, 4, text)
	}
	w.set(6, 4, T("monev.col.assessment"), st.header)
	w.set(7, 4, nil, st.header)
	w.Merge(6, 4, 7, 4)
	w.set(6, 5, esop.ResultLabel(esop.ResultGood).In(lang), st.header)
	w.set(7, 5, esop.ResultLabel(esop.ResultNotGood).In(lang), st.header)
	for i, text := range []string{T("monev.col.notes"), T("monev.col.actions"), T("monev.col.paraf"), T("monev.col.date"),
		T("monev.col.recorded") + " (" + m.Now.In(zone).Format("MST") + ")"} {
		w.header(st, i+8, 4, text)
	}
	w.SetHeight(4, 30)
	w.SetHeight(5, 45)
	row := 6
	for i := range m.Rows {
		r := &m.Rows[i]
		sop(w, row, r)
		mo := r.Monitoring
		if mo == nil {
			for c := 6; c <= 12; c++ {
				w.set(c, row, nil, st.text)
			}
			w.set(8, row, T("monev.notmonitored"), st.text)
			row++
			continue
		}
		good, notGood := "", ""
		if mo.Result == esop.ResultGood {
			good = "✓"
		} else {
			notGood = "✓"
		}
		w.set(6, row, good, st.center)
		w.set(7, row, notGood, st.center)
		w.set(8, row, mo.Notes, st.text)
		w.set(9, row, mo.Actions, st.text)
		w.set(10, row, assessor(mo.Assessor), st.text)
		w.set(11, row, mo.AssessedOn.Time(), st.date)
		w.set(12, row, wallClock(mo.UpdatedAt, zone), st.dateTime)
		row++
	}
	w.fitRows(6)

	// Sheet 2: the evaluations.
	widths := []float64{5, 28, 22, 40, 20}
	for range esop.EvaluationCriteria {
		widths = append(widths, 18)
	}
	widths = append(widths, 14, 40, 24, 13, 12)
	w = newMonevSheet(wb, st, T("monev.xlsx.sheet.evaluation"), T("monev.xlsx.evaluation.title"), subtitle, widths, 6)
	for i, text := range lead {
		w.header(st, i+1, 4, text)
	}
	n := len(esop.EvaluationCriteria)
	w.set(6, 4, T("monev.col.criteria"), st.header)
	for i, c := range esop.EvaluationCriteria {
		if i > 0 {
			w.set(6+i, 4, nil, st.header)
		}
		w.set(6+i, 5, fmt.Sprintf("%d. %s", c.No, c.Text.In(lang)), st.header)
	}
	w.Merge(6, 4, 5+n, 4)
	for i, text := range []string{T("monev.col.conclusion"), T("monev.col.evalnotes"), T("monev.col.assessor"), T("monev.col.date"), T("monev.col.draft")} {
		w.header(st, 6+n+i, 4, text)
	}
	w.SetHeight(5, 90)
	row = 6
	for i := range m.Rows {
		r := &m.Rows[i]
		sop(w, row, r)
		e := r.Evaluation
		if e == nil {
			for c := 6; c <= 10+n; c++ {
				w.set(c, row, nil, st.text)
			}
			w.set(7+n, row, T("monev.notevaluated"), st.text)
			row++
			continue
		}
		for i, a := range e.Answers {
			w.set(6+i, row, esop.YesNo(a).In(lang), st.center)
		}
		w.set(6+n, row, esop.ConclusionLabel(e.Conclusion).In(lang), st.center)
		w.set(7+n, row, e.Notes, st.text)
		w.set(8+n, row, assessor(e.Assessor), st.text)
		w.set(9+n, row, e.AssessedOn.Time(), st.date)
		w.set(10+n, row, r.Draft, st.center)
		row++
	}
	w.fitRows(6)
	return wb
}

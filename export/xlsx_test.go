package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The workbook is read back here by a small reader of its own XML, which
// checks that every part is well-formed, that the content types and
// relationships name the parts that are there, and what each cell holds
// and looks like. Package web reads the monitoring workbook with excelize
// and LibreOffice too.

// readCell is a cell as read back.
type readCell struct {
	Type  string // "s" shared string, "b" boolean, "" number
	Value string // the text, or the number as written
	Style Style  // resolved from the stylesheet
}

type readSheet struct {
	Name    string
	Cells   map[string]readCell
	Widths  map[int]float64
	Heights map[int]float64
	Merges  []string
	Pane    struct{ YSplit, TopLeftCell, State string }
	Setup   struct{ Orientation, FitToWidth, FitToHeight string }
	FitPage string
}

// xmlPart checks that data is well-formed XML and decodes it into v.
func xmlPart(t *testing.T, name string, data []byte, v any) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v\n%s", name, err, data)
		}
	}
	if v != nil {
		if err := xml.Unmarshal(data, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
}

type side struct {
	Style string `xml:"style,attr"`
}

type override struct {
	PartName    string `xml:"PartName,attr"`
	ContentType string `xml:"ContentType,attr"`
}

// readWorkbook reads an XLSX file.
func readWorkbook(t *testing.T, data []byte) []*readSheet {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
		xmlPart(t, f.Name, b, nil)
	}
	part := func(name string) []byte {
		t.Helper()
		b, ok := parts[name]
		if !ok {
			t.Fatalf("no part %s among %v", name, slices.Sorted(mapKeys(parts)))
		}
		return b
	}

	// Every part but the relationships has its content type.
	var types struct {
		Overrides []override `xml:"Override"`
	}
	xmlPart(t, "[Content_Types].xml", part("[Content_Types].xml"), &types)
	for name := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		typed := slices.ContainsFunc(types.Overrides, func(o override) bool { return o.PartName == "/"+name })
		if !typed && !strings.HasSuffix(name, ".rels") {
			t.Errorf("%s has no content type", name)
		}
	}
	for _, o := range types.Overrides {
		if _, ok := parts[strings.TrimPrefix(o.PartName, "/")]; !ok {
			t.Errorf("content type of a missing part %s", o.PartName)
		}
	}
	type rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	var root rels
	xmlPart(t, "_rels/.rels", part("_rels/.rels"), &root)
	for _, r := range root.Rel {
		part(r.Target)
	}
	var wbRels rels
	xmlPart(t, "xl/_rels/workbook.xml.rels", part("xl/_rels/workbook.xml.rels"), &wbRels)
	target := map[string]string{}
	for _, r := range wbRels.Rel {
		target[r.ID] = path.Join("xl", r.Target)
		part(target[r.ID])
	}

	// The stylesheet, resolved into Styles.
	var ss struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Fonts []struct {
			B  *struct{} `xml:"b"`
			I  *struct{} `xml:"i"`
			Sz struct {
				Val float64 `xml:"val,attr"`
			} `xml:"sz"`
			Name struct {
				Val string `xml:"val,attr"`
			} `xml:"name"`
		} `xml:"fonts>font"`
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
				Fg   struct {
					RGB string `xml:"rgb,attr"`
				} `xml:"fgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Borders []struct {
			Left   side `xml:"left"`
			Right  side `xml:"right"`
			Top    side `xml:"top"`
			Bottom side `xml:"bottom"`
		} `xml:"borders>border"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
			Font   int `xml:"fontId,attr"`
			Fill   int `xml:"fillId,attr"`
			Border int `xml:"borderId,attr"`
			Align  struct {
				H    string `xml:"horizontal,attr"`
				V    string `xml:"vertical,attr"`
				Wrap string `xml:"wrapText,attr"`
			} `xml:"alignment"`
		} `xml:"cellXfs>xf"`
	}
	xmlPart(t, "xl/styles.xml", part("xl/styles.xml"), &ss)
	styleOf := func(i int) Style {
		t.Helper()
		if i >= len(ss.Xfs) {
			t.Fatalf("cell format %d of %d", i, len(ss.Xfs))
		}
		x := ss.Xfs[i]
		f := ss.Fonts[x.Font]
		if f.Name.Val != "Calibri" {
			t.Errorf("font %d is %q", x.Font, f.Name.Val)
		}
		s := Style{Bold: f.B != nil, Italic: f.I != nil, Size: f.Sz.Val, Horizontal: x.Align.H, Vertical: x.Align.V, Wrap: x.Align.Wrap == "1"}
		if s.Size == 11 {
			s.Size = 0
		}
		if p := ss.Fills[x.Fill].Pattern; p.Type == "solid" {
			s.Fill = strings.TrimPrefix(p.Fg.RGB, "FF")
		}
		b := ss.Borders[x.Border]
		s.Border = b.Left.Style == "thin" && b.Right.Style == "thin" && b.Top.Style == "thin" && b.Bottom.Style == "thin"
		for _, n := range ss.NumFmts {
			if n.ID == x.NumFmt {
				s.NumFmt = n.Code
			}
		}
		return s
	}

	var sst struct {
		Count  int `xml:"count,attr"`
		Unique int `xml:"uniqueCount,attr"`
		SI     []struct {
			T struct {
				Space string `xml:"http://www.w3.org/XML/1998/namespace space,attr"`
				Text  string `xml:",chardata"`
			} `xml:"t"`
		} `xml:"si"`
	}
	xmlPart(t, "xl/sharedStrings.xml", part("xl/sharedStrings.xml"), &sst)
	if sst.Unique != len(sst.SI) {
		t.Errorf("uniqueCount %d of %d strings", sst.Unique, len(sst.SI))
	}
	for _, si := range sst.SI {
		if si.T.Text != strings.TrimSpace(si.T.Text) && si.T.Space != "preserve" {
			t.Errorf("%q would lose its spaces", si.T.Text)
		}
	}

	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	xmlPart(t, "xl/workbook.xml", part("xl/workbook.xml"), &wb)
	var sheets []*readSheet
	refs := 0
	for _, s := range wb.Sheets {
		var ws struct {
			FitPage struct {
				V string `xml:"fitToPage,attr"`
			} `xml:"sheetPr>pageSetUpPr"`
			Pane struct {
				YSplit      string `xml:"ySplit,attr"`
				TopLeftCell string `xml:"topLeftCell,attr"`
				State       string `xml:"state,attr"`
			} `xml:"sheetViews>sheetView>pane"`
			Cols []struct {
				Min   int     `xml:"min,attr"`
				Max   int     `xml:"max,attr"`
				Width float64 `xml:"width,attr"`
			} `xml:"cols>col"`
			Rows []struct {
				R     int     `xml:"r,attr"`
				Ht    float64 `xml:"ht,attr"`
				Cells []struct {
					R string `xml:"r,attr"`
					S int    `xml:"s,attr"`
					T string `xml:"t,attr"`
					V string `xml:"v"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
			Merges []struct {
				Ref string `xml:"ref,attr"`
			} `xml:"mergeCells>mergeCell"`
			Setup struct {
				Orientation string `xml:"orientation,attr"`
				FitToWidth  string `xml:"fitToWidth,attr"`
				FitToHeight string `xml:"fitToHeight,attr"`
			} `xml:"pageSetup"`
		}
		xmlPart(t, target[s.ID], part(target[s.ID]), &ws)
		rs := &readSheet{Name: s.Name, Cells: map[string]readCell{}, Widths: map[int]float64{}, Heights: map[int]float64{}, FitPage: ws.FitPage.V}
		rs.Pane.YSplit, rs.Pane.TopLeftCell, rs.Pane.State = ws.Pane.YSplit, ws.Pane.TopLeftCell, ws.Pane.State
		rs.Setup.Orientation, rs.Setup.FitToWidth, rs.Setup.FitToHeight = ws.Setup.Orientation, ws.Setup.FitToWidth, ws.Setup.FitToHeight
		for _, c := range ws.Cols {
			for i := c.Min; i <= c.Max; i++ {
				rs.Widths[i] = c.Width
			}
		}
		lastRow := 0
		for _, r := range ws.Rows {
			if r.R <= lastRow {
				t.Errorf("%s: row %d after row %d", s.Name, r.R, lastRow)
			}
			lastRow = r.R
			if r.Ht != 0 {
				rs.Heights[r.R] = r.Ht
			}
			lastCol := ""
			for _, c := range r.Cells {
				if !strings.HasSuffix(c.R, strconv.Itoa(r.R)) || len(c.R) < len(lastCol) || len(c.R) == len(lastCol) && c.R <= lastCol {
					t.Errorf("%s: cell %s in row %d after %s", s.Name, c.R, r.R, lastCol)
				}
				lastCol = c.R
				rc := readCell{Type: c.T, Value: c.V, Style: styleOf(c.S)}
				if c.T == "s" {
					refs++
					i, err := strconv.Atoi(c.V)
					if err != nil || i >= len(sst.SI) {
						t.Fatalf("%s!%s refers to string %q of %d", s.Name, c.R, c.V, len(sst.SI))
					}
					rc.Value = sst.SI[i].T.Text
				}
				rs.Cells[c.R] = rc
			}
		}
		for _, m := range ws.Merges {
			rs.Merges = append(rs.Merges, m.Ref)
		}
		sheets = append(sheets, rs)
	}
	if sst.Count != refs {
		t.Errorf("count %d of %d references to strings", sst.Count, refs)
	}
	return sheets
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func write(t *testing.T, wb *Workbook) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := wb.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWorkbook(t *testing.T) {
	wb := NewWorkbook()
	wb.Title, wb.Creator, wb.Language, wb.Created = "Rekap <uji> & coba", "e-SOP", "id", time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	bold := wb.Style(Style{Bold: true, Size: 14})
	if again := wb.Style(Style{Bold: true, Size: 14}); again != bold {
		t.Errorf("the same style twice is %d and %d", bold, again)
	}
	header := wb.Style(Style{Bold: true, Border: true, Fill: "d9e2f3", Horizontal: "center", Vertical: "center", Wrap: true})
	date := wb.Style(Style{Border: true, NumFmt: "dd/mm/yyyy"})
	stamp := wb.Style(Style{NumFmt: "dd/mm/yyyy hh:mm"})
	s := wb.AddSheet("Monitoring")
	s.Set(1, 1, "Judul", bold)
	s.Merge(1, 1, 3, 1)
	s.Set(1, 2, "Kop", header)
	s.Set(2, 2, nil, header)
	s.Set(28, 2, 42, 0) // AB2
	s.Set(1, 3, "  spasi di tepi & <tanda> \"kutip\"\r\nbaris dua\x00\x07", 0)
	s.Set(2, 3, time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC), date)
	s.Set(3, 3, time.Date(2026, 11, 20, 16, 0, 0, 0, time.FixedZone("WIB", 7*3600)), stamp)
	s.Set(4, 3, true, 0)
	s.Set(5, 3, 2.5, 0)
	s.Set(6, 3, "Judul", 0) // shared with A1
	s.SetWidth(1, 40)
	s.SetHeight(1, 22)
	s.SetHeight(9, 30) // a row with a height and no cells
	s.FreezeRows(2)
	s.PrintLandscapeOnePageWide()
	wb.AddSheet("Evaluasi (2)").Set(1, 1, "✓ Ya", 0)

	sheets := readWorkbook(t, write(t, wb))
	if len(sheets) != 2 || sheets[0].Name != "Monitoring" || sheets[1].Name != "Evaluasi (2)" {
		t.Fatalf("sheets %v", sheets)
	}
	m := sheets[0]
	want := map[string]readCell{
		"A1":  {"s", "Judul", Style{Bold: true, Size: 14}},
		"A2":  {"s", "Kop", Style{Bold: true, Border: true, Fill: "D9E2F3", Horizontal: "center", Vertical: "center", Wrap: true}},
		"B2":  {"", "", Style{Bold: true, Border: true, Fill: "D9E2F3", Horizontal: "center", Vertical: "center", Wrap: true}},
		"AB2": {"", "42", Style{}},
		"A3":  {"s", "  spasi di tepi & <tanda> \"kutip\"\nbaris dua", Style{}},
		"B3":  {"", "46345", Style{Border: true, NumFmt: "dd/mm/yyyy"}},
		"C3":  {"", "46346.666666666664", Style{NumFmt: "dd/mm/yyyy hh:mm"}},
		"D3":  {"b", "1", Style{}},
		"E3":  {"", "2.5", Style{}},
		"F3":  {"s", "Judul", Style{}},
	}
	for ref, w := range want {
		if got := m.Cells[ref]; got != w {
			t.Errorf("%s: %+v, want %+v", ref, got, w)
		}
	}
	if len(m.Cells) != len(want) {
		t.Errorf("%d cells, want %d", len(m.Cells), len(want))
	}
	if m.Widths[1] != 40 || m.Heights[1] != 22 || m.Heights[9] != 30 || len(m.Heights) != 2 {
		t.Errorf("widths %v, heights %v", m.Widths, m.Heights)
	}
	if !slices.Equal(m.Merges, []string{"A1:C1"}) {
		t.Errorf("merges %v", m.Merges)
	}
	if m.Pane.YSplit != "2" || m.Pane.TopLeftCell != "A3" || m.Pane.State != "frozen" {
		t.Errorf("pane %+v", m.Pane)
	}
	if m.FitPage != "1" || m.Setup.Orientation != "landscape" || m.Setup.FitToWidth != "1" || m.Setup.FitToHeight != "0" {
		t.Errorf("page setup %+v, fit %q", m.Setup, m.FitPage)
	}
	e := sheets[1]
	if c := e.Cells["A1"]; c.Value != "✓ Ya" || e.Pane.State != "" || e.Setup.Orientation != "" {
		t.Errorf("second sheet %+v", e)
	}
}

func TestWorkbookMistakes(t *testing.T) {
	for name, build := range map[string]func(wb *Workbook){
		"no sheet":          func(wb *Workbook) {},
		"empty name":        func(wb *Workbook) { wb.AddSheet("") },
		"long name":         func(wb *Workbook) { wb.AddSheet(strings.Repeat("x", 32)) },
		"slash":             func(wb *Workbook) { wb.AddSheet("Monitoring 1/2") },
		"quote":             func(wb *Workbook) { wb.AddSheet("'Monitoring") },
		"twice":             func(wb *Workbook) { wb.AddSheet("Evaluasi"); wb.AddSheet("EVALUASI") },
		"column 0":          func(wb *Workbook) { wb.AddSheet("S").Set(0, 1, "x", 0) },
		"row too far":       func(wb *Workbook) { wb.AddSheet("S").Set(1, maxRows+1, "x", 0) },
		"overlapping merge": func(wb *Workbook) { s := wb.AddSheet("S"); s.Merge(1, 1, 3, 1); s.Merge(3, 1, 3, 2) },
		"one-cell merge":    func(wb *Workbook) { wb.AddSheet("S").Merge(2, 2, 2, 2) },
		"long text":         func(wb *Workbook) { wb.AddSheet("S").Set(1, 1, strings.Repeat("é", maxCellChars+1), 0) },
		"before 1900":       func(wb *Workbook) { wb.AddSheet("S").Set(1, 1, time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), 0) },
		"not a number":      func(wb *Workbook) { wb.AddSheet("S").Set(1, 1, 0/zero(), 0) },
		"unknown value":     func(wb *Workbook) { wb.AddSheet("S").Set(1, 1, []byte("x"), 0) },
		"unknown style":     func(wb *Workbook) { wb.AddSheet("S").Set(1, 1, "x", 7) },
		"bad fill":          func(wb *Workbook) { wb.AddSheet("S").Set(1, 1, "x", wb.Style(Style{Fill: "blue"})) },
		"bad alignment":     func(wb *Workbook) { wb.AddSheet("S").Set(1, 1, "x", wb.Style(Style{Horizontal: "middle"})) },
	} {
		wb := NewWorkbook()
		build(wb)
		var b bytes.Buffer
		err := wb.Write(&b)
		if err == nil || !strings.HasPrefix(err.Error(), "xlsx: ") {
			t.Errorf("%s: error %v", name, err)
		}
		if b.Len() != 0 {
			t.Errorf("%s: %d bytes written", name, b.Len())
		}
	}
	// The longest text a cell holds is accepted.
	wb := NewWorkbook()
	wb.AddSheet("S").Set(1, 1, strings.Repeat("é", maxCellChars), 0)
	if err := wb.Write(io.Discard); err != nil {
		t.Error(err)
	}
}

func zero() float64 { return 0 }

// A writer that fails hands its error back.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWorkbookWriteError(t *testing.T) {
	wb := NewWorkbook()
	s := wb.AddSheet("S")
	for r := 1; r <= 2000; r++ {
		s.Set(1, r, strconv.Itoa(r*r)+" baris", 0)
	}
	for _, n := range []int{0, 100, 5000} {
		if err := wb.Write(&failWriter{n: n}); err == nil || err.Error() != "disk full" {
			t.Errorf("after %d bytes: %v", n, err)
		}
	}
}

func TestDateSerial(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want float64
	}{
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), 1},
		{time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC), 59},
		{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), 61}, // 60 is the 29 February 1900 that was not
		{time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC), 46345},
		{time.Date(2026, 11, 19, 18, 0, 0, 0, time.FixedZone("WIB", 7*3600)), 46345.75}, // the wall clock
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), 2958465},
	} {
		if got, ok := DateSerial(c.t); !ok || got != c.want {
			t.Errorf("%v: %v %v, want %v", c.t, got, ok, c.want)
		}
	}
	if _, ok := DateSerial(time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("a date before 1900")
	}
}

func TestCellName(t *testing.T) {
	for col, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", maxCols: "XFD"} {
		if got := ColumnName(col); got != want {
			t.Errorf("column %d: %s, want %s", col, got, want)
		}
	}
	if got := CellName(12, 5); got != "L5" {
		t.Errorf("CellName(12, 5) = %s", got)
	}
}

// LibreOffice, when installed, opens the workbook and reads the same
// texts, numbers and dates.
func TestWorkbookInLibreOffice(t *testing.T) {
	t.Parallel()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	if testing.Short() {
		t.Skip("starts LibreOffice")
	}
	wb := NewWorkbook()
	s := wb.AddSheet("Uji")
	s.Set(1, 1, "a & b <c> \"d\"\nbaris dua", wb.Style(Style{Wrap: true}))
	s.Set(2, 1, " spasi ", 0)
	s.Set(3, 1, time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC), wb.Style(Style{NumFmt: "dd/mm/yyyy"}))
	s.Set(4, 1, time.Date(2026, 11, 20, 16, 5, 0, 0, time.UTC), wb.Style(Style{NumFmt: "dd/mm/yyyy hh:mm"}))
	s.Set(5, 1, 1234567, 0)
	s.Set(6, 1, "✓", 0)
	s.Set(1, 2, "merged", 0)
	s.Merge(1, 2, 2, 3)
	dir := t.TempDir()
	in := filepath.Join(dir, "uji.xlsx")
	if err := os.WriteFile(in, write(t, wb), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "uji.csv"))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	want := [][]string{{"a & b <c> \"d\"\nbaris dua", " spasi ", "19/11/2026", "20/11/2026 16:05", "1234567", "✓"}, {"merged", "", "", "", "", ""}}
	if !slices.EqualFunc(records, want, slices.Equal) {
		t.Errorf("LibreOffice read %q, want %q", records, want)
	}
}

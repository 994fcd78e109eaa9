package export

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Reading a workbook: the sheets' names from the workbook part, each
// sheet's part through the workbook's relationships, and the cells'
// values: shared strings (plain or in rich-text runs), inline strings,
// formula results written as strings, numbers and booleans. Styles,
// merges and formulas themselves are not read. Sizes are bounded so that
// a small zip cannot make the reader hold gigabytes.

// Limits of what ReadWorkbook reads: an SOP of 500 rows is well under
// a megabyte of XML. Variables so that the fuzz test can lower them.
var (
	maxPartBytes  = 16 << 20 // one part, uncompressed
	maxTotalBytes = 32 << 20
	maxReadCells  = 1 << 20
	maxReadSheets = 256
)

// ReadSheet is a worksheet as read: its cells' values as text, by row and
// column from 1. A number is its shortest decimal form ("3", "0.5"), a
// boolean "TRUE" or "FALSE".
type ReadSheet struct {
	Name  string
	Cells map[int]map[int]ReadValue
	Rows  int // the last row holding a cell
	Cols  int // the last column holding a cell
}

// ReadValue is the value of a cell.
type ReadValue struct {
	Text   string
	Number bool // the cell held a number (Text is its decimal form)
}

// RowNumbers returns the numbers of the rows that hold a cell, in order.
func (s *ReadSheet) RowNumbers() []int {
	rows := make([]int, 0, len(s.Cells))
	for r := range s.Cells {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	return rows
}

// Get returns the text of the cell at col and row, "" for none.
func (s *ReadSheet) Get(col, row int) string { return s.Cells[row][col].Text }

// Value returns the value of the cell at col and row.
func (s *ReadSheet) Value(col, row int) ReadValue { return s.Cells[row][col] }

// ErrNotWorkbook is returned for bytes that are not an XLSX workbook.
var ErrNotWorkbook = errors.New("not an XLSX workbook")

// ReadWorkbook reads the sheets of an XLSX file, in the workbook's order.
func ReadWorkbook(data []byte) ([]*ReadSheet, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	files := map[string]*zip.File{}
	for _, f := range z.File {
		files[f.Name] = f
	}
	total := 0
	read := func(name string) ([]byte, error) {
		f := files[name]
		if f == nil {
			return nil, fmt.Errorf("%w: no part %s", ErrNotWorkbook, name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrNotWorkbook, name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, int64(maxPartBytes)+1))
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrNotWorkbook, name, err)
		}
		if len(b) > maxPartBytes {
			return nil, fmt.Errorf("%w: part %s is larger than %d MiB", ErrNotWorkbook, name, maxPartBytes>>20)
		}
		if total += len(b); total > maxTotalBytes {
			return nil, fmt.Errorf("%w: the parts are larger than %d MiB", ErrNotWorkbook, maxTotalBytes>>20)
		}
		return b, nil
	}
	// The workbook part, from the package relationships.
	wbName := "xl/workbook.xml"
	if b, err := read("_rels/.rels"); err == nil {
		var rels xmlRels
		if xml.Unmarshal(b, &rels) == nil {
			for _, r := range rels.Rels {
				if strings.HasSuffix(r.Type, "/officeDocument") {
					wbName = strings.TrimPrefix(path.Clean("/"+r.Target), "/")
				}
			}
		}
	}
	b, err := read(wbName)
	if err != nil {
		return nil, err
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(b, &wb); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotWorkbook, wbName, err)
	}
	if len(wb.Sheets) > maxReadSheets {
		return nil, fmt.Errorf("%w: more than %d sheets", ErrNotWorkbook, maxReadSheets)
	}
	dir := path.Dir(wbName)
	targets := map[string]string{}
	sharedName := path.Join(dir, "sharedStrings.xml")
	if b, err := read(path.Join(dir, "_rels", path.Base(wbName)+".rels")); err == nil {
		var rels xmlRels
		if err := xml.Unmarshal(b, &rels); err != nil {
			return nil, fmt.Errorf("%w: relationships: %v", ErrNotWorkbook, err)
		}
		for _, r := range rels.Rels {
			t := r.Target
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(path.Clean(t), "/")
			} else {
				t = path.Join(dir, t)
			}
			targets[r.ID] = t
			if strings.HasSuffix(r.Type, "/sharedStrings") {
				sharedName = t
			}
		}
	}
	var shared []string
	if files[sharedName] != nil {
		b, err := read(sharedName)
		if err != nil {
			return nil, err
		}
		if shared, err = readSharedStrings(b); err != nil {
			return nil, fmt.Errorf("%w: shared strings: %v", ErrNotWorkbook, err)
		}
	}
	cells := 0
	var out []*ReadSheet
	for i, s := range wb.Sheets {
		name := targets[s.RID]
		if name == "" {
			name = path.Join(dir, "worksheets", "sheet"+strconv.Itoa(i+1)+".xml")
		}
		b, err := read(name)
		if err != nil {
			return nil, err
		}
		sh, err := readSheetPart(b, shared, &cells)
		if err != nil {
			return nil, fmt.Errorf("%w: sheet %q: %v", ErrNotWorkbook, s.Name, err)
		}
		sh.Name = s.Name
		out = append(out, sh)
	}
	return out, nil
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// readSharedStrings reads the shared string table: each item's plain
// text or the text of its runs, phonetic runs left out.
func readSharedStrings(b []byte) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	var out []string
	var cur strings.Builder
	inSI, inT, skip := false, false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "rPh":
				skip++
			case "t":
				inT = inSI && skip == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				inSI = false
				if len(out) >= maxReadCells {
					return nil, fmt.Errorf("more than %d strings", maxReadCells)
				}
				out = append(out, cur.String())
			case "rPh":
				skip--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
}

// readSheetPart reads the cells of a worksheet part.
func readSheetPart(b []byte, shared []string, cells *int) (*ReadSheet, error) {
	sh := &ReadSheet{Cells: map[int]map[int]ReadValue{}}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var (
		inCell, inV, inIS, inT bool
		typ                    string
		col, row, lastRow      int
		lastCol                int
		v, is                  strings.Builder
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return sh, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				lastRow++
				lastCol = 0
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						n, err := strconv.Atoi(a.Value)
						if err != nil || n < 1 || n > maxRows {
							return nil, fmt.Errorf("row number %q", a.Value)
						}
						lastRow = n
					}
				}
			case "c":
				inCell, typ = true, ""
				v.Reset()
				is.Reset()
				col, row = lastCol+1, max(lastRow, 1)
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						c, r, ok := parseCellRef(a.Value)
						if !ok {
							return nil, fmt.Errorf("cell reference %q", a.Value)
						}
						col, row = c, r
					case "t":
						typ = a.Value
					}
				}
				lastCol = col
			case "v":
				inV = inCell
			case "is":
				inIS = inCell
			case "t":
				inT = inIS
			case "rPh":
				inIS = false // phonetic runs: not the text
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				inCell = false
				var val ReadValue
				switch typ {
				case "s":
					n, err := strconv.Atoi(strings.TrimSpace(v.String()))
					if err != nil || n < 0 || n >= len(shared) {
						return nil, fmt.Errorf("%s: shared string %q does not exist", CellName(col, row), v.String())
					}
					val.Text = shared[n]
				case "inlineStr":
					val.Text = is.String()
				case "str", "e":
					val.Text = v.String()
				case "b":
					val.Text = map[string]string{"1": "TRUE", "0": "FALSE"}[strings.TrimSpace(v.String())]
				default:
					text := strings.TrimSpace(v.String())
					if text == "" {
						continue
					}
					f, err := strconv.ParseFloat(text, 64)
					if err != nil {
						return nil, fmt.Errorf("%s: %q is not a number", CellName(col, row), text)
					}
					val = ReadValue{Text: strconv.FormatFloat(f, 'f', -1, 64), Number: true}
				}
				if val.Text == "" {
					continue
				}
				if *cells++; *cells > maxReadCells {
					return nil, fmt.Errorf("more than %d cells", maxReadCells)
				}
				r := sh.Cells[row]
				if r == nil {
					r = map[int]ReadValue{}
					sh.Cells[row] = r
				}
				r[col] = val
				sh.Rows, sh.Cols = max(sh.Rows, row), max(sh.Cols, col)
			case "v":
				inV = false
			case "is":
				inIS = false
			case "t":
				inT = false
			}
		case xml.CharData:
			switch {
			case inV:
				v.Write(t)
			case inT:
				is.Write(t)
			}
		}
	}
}

// parseCellRef reads a reference such as C5 (a $ before either part allowed).
func parseCellRef(s string) (col, row int, ok bool) {
	s = strings.ReplaceAll(s, "$", "")
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
		if col > maxCols {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(s) {
		return 0, 0, false
	}
	row, err := strconv.Atoi(s[i:])
	if err != nil || row < 1 || row > maxRows {
		return 0, 0, false
	}
	return col, row, true
}

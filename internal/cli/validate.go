package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/export"
	"github.com/esop-malang/esop/layout"
	"github.com/esop-malang/esop/render"
)

// FileProblem is one problem of one file, as `esop validate --json` writes it.
type FileProblem struct {
	File     string `json:"file"`
	Path     string `json:"path"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// ReadDocuments reads and checks one file of documents. Problems of
// reading the file itself are returned as problems too.
func ReadDocuments(name string, today esop.Date) ([]*esop.Document, esop.Problems) {
	data, err := ReadLimited(name)
	if err != nil {
		return nil, esop.Problems{{Severity: esop.SeverityError, Code: "read", Message: *err}}
	}
	opt := esop.ValidateOptions{Today: today, Print: printProblems}
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") || export.IsXLSX(data) {
		// The official form kept as a spreadsheet: each problem names its sheet, row and column.
		d, ps := export.ReadSOPWorkbook(data, opt)
		if d == nil {
			return nil, ps
		}
		return []*esop.Document{d}, ps
	}
	return esop.CheckDocuments(data, opt)
}

// printProblems lays a document out as the print does, with the embedded
// font's metrics, for the validator's warning of a row too tall for a
// page (the validator cannot lay out by itself; see ValidateOptions.Print).
func printProblems(d *esop.Document) esop.Problems {
	r, err := render.New() // the fonts are read once per process
	if err != nil {
		return nil // the print will say why
	}
	return layout.PrintProblems(d, &layout.Options{Measure: r.Measurer()})
}

// ReadLimited reads a file, refusing one larger than esop.MaxFileBytes (a
// list of documents; the decoder holds each document to
// esop.MaxDocumentBytes) before reading it all.
func ReadLimited(name string) ([]byte, *esop.Text) {
	f, err := os.Open(name)
	if err != nil {
		return nil, &esop.Text{ID: "berkas tidak dapat dibuka: " + err.Error(), EN: "cannot open the file: " + err.Error()}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > esop.MaxFileBytes {
		return nil, &esop.Text{
			ID: fmt.Sprintf("berkas terlalu besar (%.1f MB; paling besar %d MB)", float64(st.Size())/1e6, esop.MaxFileBytes>>20),
			EN: fmt.Sprintf("the file is too large (%.1f MB; at most %d MB)", float64(st.Size())/1e6, esop.MaxFileBytes>>20)}
	}
	data, err := io.ReadAll(io.LimitReader(f, esop.MaxFileBytes+1))
	if err != nil {
		return nil, &esop.Text{ID: "berkas tidak dapat dibaca: " + err.Error(), EN: "cannot read the file: " + err.Error()}
	}
	return data, nil
}

// Validate checks document files (esop validate).
func (c *Command) Validate(args []string) error {
	fs := c.Flags("validate")
	lang := fs.String("lang", c.Lang(), "language of the messages: id or en")
	asJSON := fs.Bool("json", false, "write the problems as JSON")
	if err := fs.Parse(args); err != nil {
		return ExitError(2)
	}
	if fs.NArg() == 0 {
		c.Say(c.Stderr, "esop validate: sebutkan sekurang-kurangnya satu berkas\n", "esop validate: name at least one file\n")
		return ExitError(2)
	}
	today := esop.DateOf(time.Now())
	all := []FileProblem{}
	invalid := 0
	for _, name := range fs.Args() {
		_, ps := ReadDocuments(name, today)
		if ps.HasErrors() {
			invalid++
		}
		for _, p := range ps {
			all = append(all, FileProblem{File: name, Path: p.Path, Severity: p.Severity, Code: p.Code, Message: p.Message.In(*lang)})
			if !*asJSON {
				fmt.Fprintf(c.Stdout, "%s: %s\n", name, p.Format(*lang))
			}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			return err
		}
	}
	if invalid > 0 {
		return ExitError(1)
	}
	return nil
}

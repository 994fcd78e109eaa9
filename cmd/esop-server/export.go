package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/export"
	"github.com/esop-malang/esop/internal/cli"
	"github.com/esop-malang/esop/sqlstore"
)

func (c *app) export(args []string) error {
	fs := c.Flags("export")
	dsn := c.DBFlag(fs)
	out := fs.String("out", ".", "folder to write the files into")
	draft := fs.Bool("draft", false, "export the working draft instead of the version in force")
	format := fs.String("format", "json", "json (esop.sop/1), bpmn (BPMN 2.0) or xlsx (the official form as a workbook)")
	template := fs.Bool("template", false, "write the empty workbook to fill in (templat-sop.xlsx) into --out, and nothing else")
	if err := fs.Parse(args); err != nil {
		return cli.ExitError(2)
	}
	if *template {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return esop.Errorf(esop.EINVALID, "folder %s tidak dapat dibuat: %v", "cannot create folder %s: %v", *out, err)
		}
		name := filepath.Join(*out, "templat-sop.xlsx")
		if err := writeAtomically(name, export.WriteSOPTemplate); err != nil {
			return err
		}
		fmt.Fprintln(c.Stdout, name)
		return nil
	}
	write, ok := exportWriters[*format]
	if !ok {
		c.Say(c.Stderr, "esop export: format %q tidak dikenal (json, bpmn atau xlsx)\n", "esop export: unknown format %q (json, bpmn or xlsx)\n", *format)
		return cli.ExitError(2)
	}
	db, err := openDB(c.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	sops, err := c.selectSOPs(db, fs.Args())
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return esop.Errorf(esop.EINVALID, "folder %s tidak dapat dibuat: %v", "cannot create folder %s: %v", *out, err)
	}
	n := 0
	for _, s := range sops {
		v := s.Current
		if *draft && s.Draft != nil || v == nil {
			v = s.Draft
		}
		name := filepath.Join(*out, exportName(s, *format))
		if err := write(name, v.Document); err != nil {
			return err
		}
		fmt.Fprintln(c.Stdout, name)
		n++
	}
	c.Say(c.Stderr, "Diekspor %d SOP ke %s\n", "Exported %d SOPs to %s\n", n, *out)
	return nil
}

// selectSOPs finds the named SOPs (by id when the name is all digits,
// else by number), or every SOP when none is named.
func (c *app) selectSOPs(db *sqlstore.DB, names []string) ([]*esop.SOP, error) {
	if len(names) == 0 {
		list, _, err := db.FindSOPs(c.Ctx, esop.SOPFilter{})
		return list, err
	}
	var list []*esop.SOP
	for _, name := range names {
		var (
			s   *esop.SOP
			err error
		)
		if id, perr := strconv.ParseInt(name, 10, 64); perr == nil {
			s, err = db.FindSOPByID(c.Ctx, id)
		} else {
			s, err = db.FindSOPByNumber(c.Ctx, name)
		}
		if err != nil {
			return nil, err
		}
		list = append(list, s)
	}
	return list, nil
}

// exportWriters write one document to a file in each format of export.
var exportWriters = map[string]func(name string, d *esop.Document) error{
	"json": writeDocument,
	"bpmn": func(name string, d *esop.Document) error {
		return writeAtomically(name, func(w io.Writer) error { return export.WriteBPMN(w, d) })
	},
	"xlsx": func(name string, d *esop.Document) error {
		return writeAtomically(name, func(w io.Writer) error { return export.WriteSOPXLSX(w, d) })
	},
}

// exportName returns a file name for an SOP in format ext: its number
// made safe for a file system, else sop-ID.
func exportName(s *esop.SOP, ext string) string {
	if s.Number == "" {
		return fmt.Sprintf("sop-%d.%s", s.ID, ext)
	}
	safe := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '-'
	}, s.Number)
	return fmt.Sprintf("sop-%d-%s.%s", s.ID, safe, ext)
}

// writeDocument writes d as indented esop.sop/1 JSON, through a temporary
// file so that a failure never leaves half a file.
func writeDocument(name string, d *esop.Document) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return err
	}
	return writeAtomically(name, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
}

// writeAtomically writes a file with cli.WriteFile, so that a failure
// never leaves half a file (nor any file).
func writeAtomically(name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return cli.WriteFile(name, buf.Bytes())
}

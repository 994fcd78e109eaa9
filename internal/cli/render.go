package cli

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	_ "image/jpeg" // logos
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/book"
	"github.com/esop-malang/esop/export"
	"github.com/esop-malang/esop/render"
)

// RenderStore is what render needs of a database: a stored SOP, the
// Keterkaitan of a file resolved against the stored SOPs, and the book.
// Only the full binary has one; the light binary passes nil, and Render
// then returns ErrNeedsServer before doing anything.
type RenderStore interface {
	// RenderStored returns the SOP stored under number or id ref, with
	// its Keterkaitan as printed.
	RenderStored(dsn, ref string) (*esop.Document, []string, error)
	// RenderRelated resolves the Keterkaitan of a document file against
	// the SOPs stored at dsn.
	RenderRelated(dsn string, d *esop.Document) ([]string, error)
	// RenderBook renders the SOPs in force on the book's day as one PDF.
	RenderBook(r *render.Renderer, dsn string, bo book.Options, out string, opt *render.Options) error
}

// Render prints a SOP (esop render): a document file, or, with a store,
// a stored SOP or the book.
func (c *Command) Render(args []string, store RenderStore) error {
	fs := c.Flags("render")
	dsn := c.DBFlag(fs)
	format := fs.String("format", "pdf", "pdf, svg, png or docx")
	page := fs.Int("page", 0, "page to render: for svg a flowchart page (0: all, stacked); for png a printed page (default 1)")
	dpi := fs.Float64("dpi", 0, "resolution of png output (default 150) and of docx's flowchart pictures (default 300)")
	paper := fs.String("paper", "", "A4 or F4 (default: the document's, else A4)")
	out := fs.String("out", "", "output file; - for standard output (default: a name made from the SOP)")
	baseURL := fs.String("base-url", c.Getenv("ESOP_BASE_URL"), "the site's public address: prints of approved SOPs carry its verification page and QR code")
	asBook := fs.Bool("book", false, "render every SOP in force as one book (PDF)")
	unit := fs.String("unit", "", "with --book: only the SOPs of this unit (name or key)")
	decree := fs.String("decree-number", "", "with --book: the number of the head of office's decision setting the SOPs (default …/…/…, to complete by hand)")
	date := fs.String("date", "", "with --book: the book's day, YYYY-MM-DD: the SOPs in force and the head of office on that day (default today)")
	logoFile := fs.String("logo", c.Getenv("ESOP_LOGO"), "the office's logo, a PNG or JPEG file, for the identity page (in the PDF, PNG, SVG and DOCX), the cover and the decision (default $ESOP_LOGO; with --book, else the logo uploaded in the web application)")
	if err := fs.Parse(args); err != nil {
		return ExitError(2)
	}
	dbGiven := false
	fs.Visit(func(f *flag.Flag) { dbGiven = dbGiven || f.Name == "db" })
	if store == nil && (*asBook || dbGiven || fs.NArg() == 1 && !isDocumentFile(fs.Arg(0))) {
		return ErrNeedsServer
	}
	if *paper != "" && *paper != esop.PaperA4 && *paper != esop.PaperF4 {
		return esop.Errorf(esop.EINVALID, "kertas %q tidak dikenal (A4 atau F4)", "unknown paper %q (A4 or F4)", *paper)
	}
	r, err := render.New()
	if err != nil {
		return err
	}
	opt := &render.Options{Paper: *paper, DPI: *dpi, VerifyBase: *baseURL}
	if *logoFile != "" {
		if opt.Logo, err = ReadLogo(*logoFile); err != nil {
			return err
		}
	}
	if *asBook {
		day := esop.Today(time.Now())
		if *date != "" {
			if day, err = esop.ParseDate(*date); err != nil {
				return esop.Errorf(esop.EINVALID, "tanggal %q tidak sah (TTTT-BB-HH)", "invalid date %q (YYYY-MM-DD)", *date)
			}
		}
		return store.RenderBook(r, *dsn, book.Options{Unit: *unit, Date: day, DecreeNumber: *decree, Paper: *paper}, *out, opt)
	}
	if fs.NArg() != 1 {
		c.Say(c.Stderr, "esop render: sebutkan satu berkas JSON atau satu Nomor SOP\n", "esop render: name one JSON file or one SOP number\n")
		return ExitError(2)
	}
	doc, related, err := c.loadForRender(store, *dsn, dbGiven, fs.Arg(0))
	if err != nil {
		return err
	}
	opt.Related = related
	pages, err := r.Layout(doc, opt)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch *format {
	case "pdf":
		err = r.PDF(&buf, pages)
	case "svg":
		err = pages.SVG(&buf, *page)
	case "png":
		err = r.PNG(&buf, pages, max(*page, 1))
	case "docx":
		err = export.WriteDOCX(&buf, r, pages, export.DOCXOptions{DPI: *dpi, Related: related})
	default:
		return esop.Errorf(esop.EINVALID, "format %q tidak dikenal (pdf, svg, png, docx)", "unknown format %q (pdf, svg, png, docx)", *format)
	}
	if err != nil {
		return err
	}
	name := *out
	if name == "" {
		name = Slug(doc) + "." + *format
	}
	return c.WriteOutput(name, buf.Bytes())
}

// isDocumentFile reports whether render's argument names a document
// file rather than a stored SOP's number or id.
func isDocumentFile(arg string) bool {
	_, err := os.Stat(arg)
	return err == nil || strings.HasSuffix(arg, ".json")
}

// loadForRender reads a document file, or finds a stored SOP by number
// or id, and returns it with its Keterkaitan as printed: resolved to the
// stored SOPs it names (number and title) when it comes from the database
// or --db is given, nil (as written) for a file alone.
func (c *Command) loadForRender(store RenderStore, dsn string, dbGiven bool, arg string) (*esop.Document, []string, error) {
	if !isDocumentFile(arg) {
		return store.RenderStored(dsn, arg)
	}
	// Not ReadDocuments: its check of the print lays the document out,
	// which rendering does anyway, reporting a row too tall as an error.
	var docs []*esop.Document
	var ps esop.Problems
	if data, rerr := ReadLimited(arg); rerr != nil {
		ps = esop.Problems{{Severity: esop.SeverityError, Code: "read", Message: *rerr}}
	} else {
		docs, ps = esop.CheckDocuments(data, esop.ValidateOptions{Today: esop.DateOf(time.Now())})
	}
	if ps.HasErrors() {
		for _, p := range ps.Errors() {
			fmt.Fprintf(c.Stderr, "%s: %s\n", arg, p.Format(c.Lang()))
		}
		return nil, nil, ExitError(1)
	}
	if len(docs) != 1 {
		return nil, nil, esop.Errorf(esop.EINVALID, "%s memuat %d dokumen; render memerlukan satu", "%s holds %d documents; render needs one", arg, len(docs))
	}
	if !dbGiven || len(docs[0].Related) == 0 {
		return docs[0], nil, nil
	}
	related, err := store.RenderRelated(dsn, docs[0])
	return docs[0], related, err
}

// Limits of a logo file, as for one uploaded in the web application.
const (
	maxLogoBytes = 512 << 10
	maxLogoSide  = 2000
)

// ReadLogo reads the office's logo from a PNG or JPEG file, checked by
// its content, not its name.
func ReadLogo(path string) (image.Image, error) {
	bad := func() error {
		return esop.Errorf(esop.EINVALID, "logo %s harus berupa gambar PNG atau JPEG, paling besar 512 KB dan 2000×2000 piksel",
			"the logo %s must be a PNG or JPEG image of at most 512 KB and 2000×2000 pixels", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, esop.Errorf(esop.EINVALID, "logo %s tidak dapat dibaca: %v", "cannot read the logo %s: %v", path, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxLogoBytes+1))
	if err != nil || len(b) > maxLogoBytes {
		return nil, bad()
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || (format != "png" && format != "jpeg") || cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxLogoSide || cfg.Height > maxLogoSide {
		return nil, bad()
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, bad()
	}
	return img, nil
}

// WriteOutput writes data to name ("-" is standard output) with
// WriteFile, and says the name.
func (c *Command) WriteOutput(name string, data []byte) error {
	if name == "-" {
		_, err := c.Stdout.Write(data)
		return err
	}
	if dir := filepath.Dir(name); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if err := WriteFile(name, data); err != nil {
		return err
	}
	fmt.Fprintln(c.Stdout, name)
	return nil
}

// WriteFile writes data to the file name so that a failure never leaves
// half a file: through a new temporary file beside it, renamed over it.
// A symbolic link is followed (the file it points to is replaced, not the
// link). A name that exists and is not a regular file (a device such as
// /dev/null, a pipe) is written to directly: renaming over it would put
// a plain file in its place.
func WriteFile(name string, data []byte) error {
	if target, err := filepath.EvalSymlinks(name); err == nil {
		name = target
	}
	if fi, err := os.Stat(name); err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return esop.Errorf(esop.EINVALID, "%s adalah folder, bukan berkas", "%s is a folder, not a file", name)
		}
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// Slug returns a file name stem for a document: its number, else its title.
func Slug(d *esop.Document) string {
	s := d.Number
	if s == "" {
		s = d.Title
	}
	s = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '-'
	}, s)
	if len(s) > 80 {
		s = s[:80]
	}
	return "sop-" + strings.Trim(s, "-")
}

package main

import (
	"bytes"
	"context"
	"encoding/base64"
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
	"github.com/esop-malang/esop/sqlstore"
)

func (c *cli) render(args []string) error {
	fs := c.flags("render")
	dsn := c.dbFlag(fs)
	format := fs.String("format", "pdf", "pdf, svg, png or docx")
	page := fs.Int("page", 0, "page to render: for svg a flowchart page (0: all, stacked); for png a printed page (default 1)")
	dpi := fs.Float64("dpi", 0, "resolution of png output (default 150) and of docx's flowchart pictures (default 300)")
	paper := fs.String("paper", "", "A4 or F4 (default: the document's, else A4)")
	out := fs.String("out", "", "output file; - for standard output (default: a name made from the SOP)")
	baseURL := fs.String("base-url", c.getenv("ESOP_BASE_URL"), "the site's public address: prints of approved SOPs carry its verification page and QR code")
	asBook := fs.Bool("book", false, "render every SOP in force as one book (PDF)")
	unit := fs.String("unit", "", "with --book: only the SOPs of this unit (name or key)")
	decree := fs.String("decree-number", "", "with --book: the number of the head of office's decision setting the SOPs (default …/…/…, to complete by hand)")
	date := fs.String("date", "", "with --book: the book's day, YYYY-MM-DD: the SOPs in force and the head of office on that day (default today)")
	logoFile := fs.String("logo", c.getenv("ESOP_LOGO"), "the office's logo, a PNG or JPEG file, for the identity page (in the PDF, PNG, SVG and DOCX), the cover and the decision (default $ESOP_LOGO; with --book, else the logo uploaded in the web application)")
	if err := fs.Parse(args); err != nil {
		return exitError(2)
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
		if opt.Logo, err = readLogo(*logoFile); err != nil {
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
		return c.renderBook(r, *dsn, book.Options{Unit: *unit, Date: day, DecreeNumber: *decree, Paper: *paper}, *out, opt)
	}
	if fs.NArg() != 1 {
		c.say(c.stderr, "esop render: sebutkan satu berkas JSON atau satu Nomor SOP\n", "esop render: name one JSON file or one SOP number\n")
		return exitError(2)
	}
	dbGiven := false
	fs.Visit(func(f *flag.Flag) { dbGiven = dbGiven || f.Name == "db" })
	doc, related, err := c.loadForRender(*dsn, dbGiven, fs.Arg(0))
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
		name = slug(doc) + "." + *format
	}
	return c.writeOutput(name, buf.Bytes())
}

// loadForRender reads a document file, or finds a stored SOP by number
// or id, and returns it with its Keterkaitan as printed: resolved to the
// stored SOPs it names (number and title) when it comes from the database
// or --db is given, nil (as written) for a file alone.
func (c *cli) loadForRender(dsn string, dbGiven bool, arg string) (*esop.Document, []string, error) {
	if _, err := os.Stat(arg); err == nil || strings.HasSuffix(arg, ".json") {
		// Not readDocuments: its check of the print lays the document out,
		// which rendering does anyway, reporting a row too tall as an error.
		var docs []*esop.Document
		var ps esop.Problems
		if data, rerr := readLimited(arg); rerr != nil {
			ps = esop.Problems{{Severity: esop.SeverityError, Code: "read", Message: *rerr}}
		} else {
			docs, ps = esop.CheckDocuments(data, esop.ValidateOptions{Today: esop.DateOf(time.Now())})
		}
		if ps.HasErrors() {
			for _, p := range ps.Errors() {
				fmt.Fprintf(c.stderr, "%s: %s\n", arg, p.Format(c.lang()))
			}
			return nil, nil, exitError(1)
		}
		if len(docs) != 1 {
			return nil, nil, esop.Errorf(esop.EINVALID, "%s memuat %d dokumen; render memerlukan satu", "%s holds %d documents; render needs one", arg, len(docs))
		}
		if !dbGiven || len(docs[0].Related) == 0 {
			return docs[0], nil, nil
		}
		related, err := c.relatedFromDB(dsn, docs[0])
		return docs[0], related, err
	}
	db, err := openDB(c.ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	list, err := c.selectSOPs(db, []string{arg})
	if err != nil {
		return nil, nil, err
	}
	sops, _, err := db.FindSOPs(c.ctx, esop.SOPFilter{})
	if err != nil {
		return nil, nil, err
	}
	d := list[0].Latest().Document
	return d, book.RelatedLines(sops, list[0].ID, d.Related), nil
}

// relatedFromDB resolves the Keterkaitan of a document file against the
// SOPs of the database at dsn; the stored SOP of the same number, if
// any, is the document itself and is not named by it.
func (c *cli) relatedFromDB(dsn string, d *esop.Document) ([]string, error) {
	db, err := openDB(c.ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	sops, _, err := db.FindSOPs(c.ctx, esop.SOPFilter{})
	if err != nil {
		return nil, err
	}
	var self int64
	for _, s := range sops {
		if d.Number != "" && s.Number == d.Number {
			self = s.ID
		}
	}
	return book.RelatedLines(sops, self, d.Related), nil
}

// renderBook renders the SOPs in force on the book's day (of one unit,
// when given) as one PDF book: the cover, the head of office's decision
// setting them with its list, the contents, and every SOP.
func (c *cli) renderBook(r *render.Renderer, dsn string, bo book.Options, out string, opt *render.Options) error {
	if out == "" {
		c.say(c.stderr, "esop render --book: sebutkan --out BERKAS.pdf\n", "esop render --book: give --out FILE.pdf\n")
		return exitError(2)
	}
	db, err := openDB(c.ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	b, err := book.Gather(c.ctx, db, bo)
	if err != nil {
		return err
	}
	if opt.Logo == nil {
		if opt.Logo, err = storedLogo(c.ctx, db); err != nil {
			return err
		}
	}
	b.Info.Logo = opt.Logo
	sops, _, err := db.FindSOPs(c.ctx, esop.SOPFilter{})
	if err != nil {
		return err
	}
	docs := b.Documents()
	pages := make([]*render.Pages, len(docs))
	for i, d := range docs {
		o := *opt
		o.Related = book.RelatedLines(sops, b.Versions[i].SOPID, d.Related)
		if pages[i], err = r.Layout(d, &o); err != nil {
			return err
		}
	}
	progress := func(done, total int) {}
	if isTerminal(c.stderr) {
		progress = func(done, total int) {
			c.say(c.stderr, "\rMenyusun buku: SOP %d/%d", "\rBuilding the book: SOP %d/%d", done, total)
			if done == total {
				fmt.Fprintln(c.stderr)
			}
		}
	}
	var buf bytes.Buffer
	if err := r.Book(&buf, b.Info, pages, progress); err != nil {
		return err
	}
	if err := c.writeOutput(out, buf.Bytes()); err != nil {
		return err
	}
	c.say(c.stderr, "Buku berisi %d SOP ditulis ke %s\n", "A book of %d SOPs was written to %s\n", len(docs), out)
	return nil
}

// storedLogo returns the office's logo uploaded in the web application,
// or nil when there is none or it cannot be read.
func storedLogo(ctx context.Context, db *sqlstore.DB) (image.Image, error) {
	v, err := db.Setting(ctx, "logo")
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return nil, nil
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, nil
	}
	return img, nil
}

// Limits of a logo file, as for one uploaded in the web application.
const (
	maxLogoBytes = 512 << 10
	maxLogoSide  = 2000
)

// readLogo reads the office's logo from a PNG or JPEG file, checked by
// its content, not its name.
func readLogo(path string) (image.Image, error) {
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

// writeOutput writes data to name ("-" is standard output) through a
// temporary file, so that a failure never leaves half a file.
func (c *cli) writeOutput(name string, data []byte) error {
	if name == "-" {
		_, err := c.stdout.Write(data)
		return err
	}
	if dir := filepath.Dir(name); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, name)
	return nil
}

// slug returns a file name stem for a document: its number, else its title.
func slug(d *esop.Document) string {
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

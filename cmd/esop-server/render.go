package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	_ "image/jpeg" // stored logos
	_ "image/png"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/book"
	"github.com/esop-malang/esop/internal/cli"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sqlstore"
)

// RenderStored finds a stored SOP by number or id and returns it with
// its Keterkaitan resolved to the stored SOPs it names (number and title).
func (c *app) RenderStored(dsn, ref string) (*esop.Document, []string, error) {
	db, err := openDB(c.Ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	list, err := c.selectSOPs(db, []string{ref})
	if err != nil {
		return nil, nil, err
	}
	sops, _, err := db.FindSOPs(c.Ctx, esop.SOPFilter{})
	if err != nil {
		return nil, nil, err
	}
	d := list[0].Latest().Document
	return d, book.RelatedLines(sops, list[0].ID, d.Related), nil
}

// RenderRelated resolves the Keterkaitan of a document file against the
// SOPs of the database at dsn; the stored SOP of the same number, if
// any, is the document itself and is not named by it.
func (c *app) RenderRelated(dsn string, d *esop.Document) ([]string, error) {
	db, err := openDB(c.Ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	sops, _, err := db.FindSOPs(c.Ctx, esop.SOPFilter{})
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

// RenderBook renders the SOPs in force on the book's day (of one unit,
// when given) as one PDF book: the cover, the head of office's decision
// setting them with its list, the contents, and every SOP.
func (c *app) RenderBook(r *render.Renderer, dsn string, bo book.Options, out string, opt *render.Options) error {
	if out == "" {
		c.Say(c.Stderr, "esop render --book: sebutkan --out BERKAS.pdf\n", "esop render --book: give --out FILE.pdf\n")
		return cli.ExitError(2)
	}
	db, err := openDB(c.Ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	b, err := book.Gather(c.Ctx, db, bo)
	if err != nil {
		return err
	}
	if opt.Logo == nil {
		if opt.Logo, err = storedLogo(c.Ctx, db); err != nil {
			return err
		}
	}
	b.Info.Logo = opt.Logo
	sops, _, err := db.FindSOPs(c.Ctx, esop.SOPFilter{})
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
	if cli.IsTerminal(c.Stderr) {
		progress = func(done, total int) {
			c.Say(c.Stderr, "\rMenyusun buku: SOP %d/%d", "\rBuilding the book: SOP %d/%d", done, total)
			if done == total {
				fmt.Fprintln(c.Stderr)
			}
		}
	}
	var buf bytes.Buffer
	if err := r.Book(&buf, b.Info, pages, progress); err != nil {
		return err
	}
	if err := c.WriteOutput(out, buf.Bytes()); err != nil {
		return err
	}
	c.Say(c.Stderr, "Buku berisi %d SOP ditulis ke %s\n", "A book of %d SOPs was written to %s\n", len(docs), out)
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

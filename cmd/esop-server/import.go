package main

import (
	"fmt"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/cli"
)

func (c *app) importCmd(args []string) error {
	fs := c.Flags("import")
	dsn := c.DBFlag(fs)
	if err := fs.Parse(args); err != nil {
		return cli.ExitError(2)
	}
	if fs.NArg() == 0 {
		c.Say(c.Stderr, "esop import: sebutkan sekurang-kurangnya satu berkas\n", "esop import: name at least one file\n")
		return cli.ExitError(2)
	}
	docs, files, bad := c.readAll(fs.Args())
	if bad {
		c.Say(c.Stderr, "Tidak ada yang diimpor: perbaiki kesalahan di atas lalu ulangi.\n", "Nothing was imported: fix the errors above and try again.\n")
		return cli.ExitError(1)
	}
	db, err := openDB(c.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	results, err := db.ImportDocuments(c.Ctx, docs, "esop import")
	if err != nil {
		return err
	}
	c.Say(c.Stdout, "Diimpor %d SOP dari %d berkas:\n", "Imported %d SOPs from %d files:\n", len(results), len(files))
	for _, r := range results {
		number := r.SOP.Number
		if number == "" {
			number = "(draf)"
		}
		fmt.Fprintf(c.Stdout, "  #%d  %s  %s\n", r.SOP.ID, number, r.SOP.Title)
		for _, w := range r.Warnings {
			fmt.Fprintf(c.Stdout, "      %s\n", w.Format(c.Lang()))
		}
	}
	return nil
}

// readAll reads and checks every file, printing every problem as
// "FILE: PATH: message" and progress on a terminal. It reports whether
// any file had an error.
func (c *app) readAll(names []string) (docs []*esop.Document, files []string, bad bool) {
	today := esop.DateOf(time.Now())
	progress := cli.IsTerminal(c.Stderr) && len(names) > 1
	for i, name := range names {
		if progress {
			c.Say(c.Stderr, "\rMembaca berkas %d/%d …", "\rReading file %d/%d …", i+1, len(names))
		}
		ds, ps := cli.ReadDocuments(name, today)
		if ps.HasErrors() {
			bad = true
			if progress {
				fmt.Fprintln(c.Stderr)
			}
			for _, p := range ps.Errors() {
				fmt.Fprintf(c.Stderr, "%s: %s\n", name, p.Format(c.Lang()))
			}
			continue
		}
		docs = append(docs, ds...)
		files = append(files, name)
	}
	if progress {
		fmt.Fprintln(c.Stderr)
	}
	return docs, files, bad
}

package main

import (
	"fmt"
	"time"

	"github.com/esop-malang/esop"
)

func (c *cli) importCmd(args []string) error {
	fs := c.flags("import")
	dsn := c.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	if fs.NArg() == 0 {
		c.say(c.stderr, "esop import: sebutkan sekurang-kurangnya satu berkas\n", "esop import: name at least one file\n")
		return exitError(2)
	}
	docs, files, bad := c.readAll(fs.Args())
	if bad {
		c.say(c.stderr, "Tidak ada yang diimpor: perbaiki kesalahan di atas lalu ulangi.\n", "Nothing was imported: fix the errors above and try again.\n")
		return exitError(1)
	}
	db, err := openDB(c.ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	results, err := db.ImportDocuments(c.ctx, docs, "esop import")
	if err != nil {
		return err
	}
	c.say(c.stdout, "Diimpor %d SOP dari %d berkas:\n", "Imported %d SOPs from %d files:\n", len(results), len(files))
	for _, r := range results {
		number := r.SOP.Number
		if number == "" {
			number = "(draf)"
		}
		fmt.Fprintf(c.stdout, "  #%d  %s  %s\n", r.SOP.ID, number, r.SOP.Title)
		for _, w := range r.Warnings {
			fmt.Fprintf(c.stdout, "      %s\n", w.Format(c.lang()))
		}
	}
	return nil
}

// readAll reads and checks every file, printing every problem as
// "FILE: PATH: message" and progress on a terminal. It reports whether
// any file had an error.
func (c *cli) readAll(names []string) (docs []*esop.Document, files []string, bad bool) {
	today := esop.DateOf(time.Now())
	progress := isTerminal(c.stderr) && len(names) > 1
	for i, name := range names {
		if progress {
			c.say(c.stderr, "\rMembaca berkas %d/%d …", "\rReading file %d/%d …", i+1, len(names))
		}
		ds, ps := readDocuments(name, today)
		if ps.HasErrors() {
			bad = true
			if progress {
				fmt.Fprintln(c.stderr)
			}
			for _, p := range ps.Errors() {
				fmt.Fprintf(c.stderr, "%s: %s\n", name, p.Format(c.lang()))
			}
			continue
		}
		docs = append(docs, ds...)
		files = append(files, name)
	}
	if progress {
		fmt.Fprintln(c.stderr)
	}
	return docs, files, bad
}

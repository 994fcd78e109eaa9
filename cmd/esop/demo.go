package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sampledata"
)

// demo loads the sample SOP book into an empty database and prints the catalogue.
func (c *cli) demo(args []string) error {
	fs := c.flags("demo")
	dsn := c.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitError(2)
	}
	db, err := openDB(c.ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	loaded, err := sampledata.Load(c.ctx, db)
	if err != nil {
		return err
	}
	if loaded {
		c.say(c.stdout, "Data contoh dimuat.\n\n", "Sample data loaded.\n\n")
	}
	sops, total, err := db.FindSOPs(c.ctx, esop.SOPFilter{})
	if err != nil {
		return err
	}
	c.say(c.stdout, "Katalog SOP (%d):\n", "SOP catalogue (%d):\n", total)
	tw := tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
	for _, s := range sops {
		v := s.Latest()
		status := v.Status
		number := s.Number
		if number == "" {
			number = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", s.ID, number, s.Title, s.Unit, status)
	}
	return tw.Flush()
}

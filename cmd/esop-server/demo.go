package main

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/cli"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlstore"
)

// demo loads the sample SOP book into an empty database and prints the catalogue.
func (c *app) demo(args []string) error {
	fs := c.Flags("demo")
	dsn := c.DBFlag(fs)
	cases := fs.Int("cases", 0, "generate this many cases of the sample SOPs (a history for dashboards and benchmarks)")
	months := fs.Int("months", 12, "received over this many months before --until")
	seed := fs.Uint64("seed", 1, "the same seed, database and --until give the same history")
	until := fs.String("until", "", "the end of the history, YYYY-MM-DD (default now)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return cli.ExitError(2)
	}
	if *cases < 0 || *months < 1 || *months > 120 {
		c.Say(c.Stderr, "--cases harus 0 atau lebih dan --months 1 sampai 120\n", "--cases must be 0 or more and --months 1 to 120\n")
		return cli.ExitError(2)
	}
	var end time.Time
	if *until != "" {
		d, err := esop.ParseDate(*until)
		if err != nil {
			c.Say(c.Stderr, "--until %q bukan tanggal TTTT-BB-HH\n", "--until %q is not a date YYYY-MM-DD\n", *until)
			return cli.ExitError(2)
		}
		end = d.Time().Add(10 * time.Hour) // 17:00 WIB, after the working day
	}
	db, err := openDB(c.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	loaded, err := sampledata.Load(c.Ctx, db)
	if err != nil {
		return err
	}
	if loaded {
		c.Say(c.Stdout, "Data contoh dimuat.\n\n", "Sample data loaded.\n\n")
	}
	if *cases > 0 {
		if err := c.demoCases(db, sqlstore.HistoryOptions{Cases: *cases, Months: *months, Seed: *seed, End: end}); err != nil {
			return err
		}
	}
	sops, total, err := db.FindSOPs(c.Ctx, esop.SOPFilter{})
	if err != nil {
		return err
	}
	c.Say(c.Stdout, "Katalog SOP (%d):\n", "SOP catalogue (%d):\n", total)
	tw := tabwriter.NewWriter(c.Stdout, 2, 4, 2, ' ', 0)
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

// demoCases writes a history of cases (sqlstore.GenerateHistory) and
// says what it made.
func (c *app) demoCases(db *sqlstore.DB, o sqlstore.HistoryOptions) error {
	started := time.Now()
	o.Progress = func(n int) {
		if n%5000 == 0 || n == o.Cases {
			c.Say(c.Stderr, "%d kasus ditulis\n", "%d cases written\n", n)
		}
	}
	sum, err := db.GenerateHistory(esop.WithActor(c.Ctx, "demo", ""), o)
	if err != nil {
		return err
	}
	c.Say(c.Stdout, "Riwayat %d kasus dari %d SOP dalam %s: %d selesai, %d dibatalkan, %d masih berjalan; %d tugas (%d terlambat, %d didelegasikan, %d kali kembali untuk perbaikan); %d ketidakhadiran dan %d akun pegawai dibuat.\n",
		"A history of %d cases of %d SOPs in %s: %d done, %d cancelled, %d still open; %d tasks (%d late, %d delegated, %d loops back for rework); %d absences and %d employee accounts created.\n",
		sum.Cases, len(sum.SOPs), time.Since(started).Round(time.Millisecond), sum.Done, sum.Cancelled, sum.Open, sum.Tasks, sum.Late,
		sum.Delegated, sum.Loops, sum.Absences, sum.Accounts)
	if sum.Accounts > 0 {
		c.Say(c.Stdout, "Akun pegawai bernama pegawai-NNNNNN (enam angka terakhir NIP) tanpa kata sandi yang diketahui: beri kata sandi dengan `esop user passwd NAMA`.\n",
			"Employee accounts are named pegawai-NNNNNN (the last six digits of the NIP) with no known password: give one with `esop user passwd NAME`.\n")
	}
	for _, s := range sum.Skipped {
		c.Say(c.Stdout, "Tidak dijalankan: %s\n", "Not run: %s\n", s)
	}
	c.Say(c.Stdout, "\n", "\n")
	return nil
}

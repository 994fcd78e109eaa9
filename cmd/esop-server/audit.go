package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/cli"
)

// cliActor is who acts when the command line changes the database: the
// user of the operating system, recorded from the address "cli".
func cliActor(getenv func(string) string) string {
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if u := strings.TrimSpace(getenv(k)); u != "" {
			return u
		}
	}
	return "esop"
}

// audit runs "esop audit verify" and "esop audit export".
func (c *app) audit(args []string) error {
	if len(args) == 0 {
		c.Say(c.Stderr, "esop audit: sebutkan verify atau export\n", "esop audit: name verify or export\n")
		return cli.ExitError(2)
	}
	switch args[0] {
	case "verify":
		return c.auditVerify(args[1:])
	case "export":
		return c.auditExport(args[1:])
	}
	c.Say(c.Stderr, "esop audit: perintah %q tidak dikenal (verify, export)\n", "esop audit: unknown command %q (verify, export)\n", args[0])
	return cli.ExitError(2)
}

// auditVerify walks the whole chain: exit 0 when it is intact, 1 with the
// first entry changed or removed otherwise. --anchor SEQ:HASH also checks
// that entry SEQ still has the hash recorded earlier (a head printed by an
// earlier run), which catches a log rewritten to its end, head included.
func (c *app) auditVerify(args []string) error {
	fs := c.Flags("audit verify")
	dsn := c.DBFlag(fs)
	anchor := fs.String("anchor", "", "SEQ:HASH, a head printed by an earlier run, that must still be in the chain")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return cli.ExitError(2)
	}
	var anchorSeq int64
	var anchorHash string
	if *anchor != "" {
		s, h, ok := strings.Cut(*anchor, ":")
		n, err := strconv.ParseInt(s, 10, 64)
		if !ok || err != nil || n < 1 || len(h) != 64 {
			c.Say(c.Stderr, "esop audit verify: --anchor harus berbentuk NOMOR:HASH (hash 64 digit heksadesimal)\n",
				"esop audit verify: --anchor must be SEQ:HASH (a hash of 64 hex digits)\n")
			return cli.ExitError(2)
		}
		anchorSeq, anchorHash = n, strings.ToLower(h)
	}
	db, err := openDB(c.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	var progress func(done, total int64)
	if cli.IsTerminal(c.Stderr) {
		progress = func(done, total int64) {
			c.Say(c.Stderr, "\rMemeriksa entri %d dari %d …", "\rChecking entry %d of %d …", done, total)
		}
	}
	brk, head, err := db.VerifyAudit(c.Ctx, progress)
	if progress != nil {
		fmt.Fprintln(c.Stderr)
	}
	if err != nil {
		return err
	}
	if brk != nil {
		msg := brk.Message()
		c.Say(c.Stdout, "Rantai audit PUTUS: %s.\n", "The audit chain is BROKEN: %s.\n", msg.In(c.Lang()))
		c.Say(c.Stdout, "Entri pertama yang rusak: %d. Entri sebelumnya (1–%d) utuh.\n", "First broken entry: %d. The entries before it (1–%d) are intact.\n",
			brk.Seq, brk.Verified)
		if brk.Want != "" || brk.Got != "" {
			c.Say(c.Stdout, "  seharusnya: %s\n  tercatat:   %s\n", "  expected: %s\n  found:    %s\n", brk.Want, orDash(brk.Got))
		}
		return cli.ExitError(1)
	}
	if anchorSeq > 0 {
		if anchorSeq > head.Seq {
			c.Say(c.Stdout, "Rantai audit PUTUS: entri %d (jangkar) tidak ada lagi; log berakhir di entri %d.\n",
				"The audit chain is BROKEN: entry %d (the anchor) is gone; the log ends at entry %d.\n", anchorSeq, head.Seq)
			return cli.ExitError(1)
		}
		var got string
		err := db.EachAudit(c.Ctx, esop.AuditFilter{Oldest: true, Offset: int(anchorSeq - 1), Limit: 1}, func(e *esop.AuditEntry) error {
			got = e.Hash
			return nil
		})
		if err != nil {
			return err
		}
		if got != anchorHash {
			c.Say(c.Stdout, "Rantai audit PUTUS: entri %d tidak sama dengan jangkar; log telah ditulis ulang sampai entri itu atau sebelumnya.\n  seharusnya: %s\n  tercatat:   %s\n",
				"The audit chain is BROKEN: entry %d differs from the anchor; the log was rewritten up to that entry or before.\n  expected: %s\n  found:    %s\n",
				anchorSeq, anchorHash, got)
			return cli.ExitError(1)
		}
	}
	c.Say(c.Stdout, "Rantai audit utuh: %d entri (diperiksa dalam %s).\n", "The audit chain is intact: %d entries (checked in %s).\n",
		head.Seq, time.Since(start).Round(time.Millisecond))
	if head.Seq > 0 {
		c.Say(c.Stdout, "Kepala rantai: %d:%s\n", "Head of the chain: %d:%s\n", head.Seq, head.Hash)
		c.Say(c.Stdout, "(Simpan kepala ini di luar sistem; nanti --anchor %d:%s membuktikan bahwa log sampai di sini tidak ditulis ulang.)\n",
			"(Keep this head outside the system; later, --anchor %d:%s proves that the log up to here was not rewritten.)\n", head.Seq, head.Hash)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// auditExport writes the entries matching the filters, oldest first, as
// CSV with the chain's hashes.
func (c *app) auditExport(args []string) error {
	fs := c.Flags("audit export")
	dsn := c.DBFlag(fs)
	out := fs.String("out", "", "write to this file instead of the standard output")
	var f esop.AuditFilter
	fs.StringVar(&f.Actor, "actor", "", "only this user's changes")
	fs.StringVar(&f.Entity, "entity", "", "only this kind of record ("+strings.Join(esop.AuditEntities, ", ")+")")
	fs.StringVar(&f.EntityID, "id", "", "only the record with this id")
	fs.StringVar(&f.Action, "action", "", "only this action")
	from := fs.String("from", "", "from this day (YYYY-MM-DD, UTC)")
	to := fs.String("to", "", "up to and including this day (YYYY-MM-DD, UTC)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return cli.ExitError(2)
	}
	for _, d := range []struct {
		s    string
		t    *time.Time
		next bool
	}{{*from, &f.From, false}, {*to, &f.To, true}} {
		if d.s == "" {
			continue
		}
		day, err := esop.ParseDate(d.s)
		if err != nil {
			return esop.Errorf(esop.EINVALID, "tanggal %q tidak sah (YYYY-MM-DD)", "the date %q is not valid (YYYY-MM-DD)", d.s)
		}
		*d.t = day.Time()
		if d.next {
			*d.t = d.t.AddDate(0, 0, 1)
		}
	}
	f.Oldest = true
	db, err := openDB(c.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var w io.Writer = c.Stdout
	var file *os.File
	if *out != "" {
		if file, err = os.Create(*out); err != nil {
			return esop.Errorf(esop.EINVALID, "berkas %s tidak dapat ditulis: %v", "cannot write %s: %v", *out, err)
		}
		defer file.Close()
		w = file
	}
	cw := csv.NewWriter(w)
	cw.Write(esop.AuditCSVHeader)
	n := 0
	err = db.EachAudit(c.Ctx, f, func(e *esop.AuditEntry) error {
		n++
		return cw.Write(e.CSVRecord())
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
		c.Say(c.Stderr, "%d entri audit ditulis ke %s\n", "%d audit entries written to %s\n", n, *out)
	}
	return nil
}

// Package cli holds what both e-SOP binaries share: the commands that
// need no database (version, help, validate, render of a file), the
// usage text, and the plumbing of every subcommand (flags, messages in
// the user's language, exit statuses).
//
// cmd/esop, the light front binary, links only this package's commands,
// so that it starts in a few milliseconds; cmd/esop-server, the full
// binary, runs them too, beside the commands that open a database and
// `serve` (docs/decisions.md, "Start-up time").
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/esop-malang/esop"
)

// Command carries what every subcommand needs.
type Command struct {
	Ctx            context.Context
	Getenv         func(string) string
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// ExitError is an exit status for an outcome that has already been reported.
type ExitError int

func (e ExitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// ErrNeedsServer is returned by a command of the light binary when what
// it was asked needs the database, so that the full binary should run it.
var ErrNeedsServer = errors.New("this command needs the full esop binary")

// LightCommands are the commands the light binary runs itself;
// ServerCommands those it hands over to the full binary, which runs
// both (cmd/esop-server's tests check that it knows exactly these).
var (
	LightCommands  = []string{"validate", "render", "version", "--version", "help", "-h", "--help"}
	ServerCommands = []string{"import", "export", "migrate", "demo", "serve", "user", "audit", "backup", "restore"}
)

// ExitCode prints err (unless it was already reported) and returns the exit status.
func ExitCode(err error, getenv func(string) string, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var silent ExitError
	if errors.As(err, &silent) {
		return int(silent)
	}
	lang := EnvLang(getenv)
	fmt.Fprintln(stderr, "esop:", esop.ErrorMessage(err, lang))
	var e *esop.Error
	if errors.As(err, &e) {
		for _, p := range e.Problems {
			fmt.Fprintln(stderr, "  "+p.Format(lang))
		}
		if e.Code == esop.EINTERNAL && e.Err != nil {
			fmt.Fprintln(stderr, "  ("+e.Err.Error()+")")
		}
	} else {
		fmt.Fprintln(stderr, "  ("+err.Error()+")")
	}
	return 1
}

// Version prints the program's version.
func (c *Command) Version(version string) {
	fmt.Fprintf(c.Stdout, "esop %s\n", version)
}

// UnknownCommand reports a command neither binary knows.
func (c *Command) UnknownCommand(name string) error {
	fmt.Fprintf(c.Stderr, "esop: perintah %q tidak dikenal\n", name)
	Usage(c.Stderr)
	return ExitError(2)
}

// Usage writes the usage of every command, of both binaries.
func Usage(w io.Writer) {
	fmt.Fprint(w, `e-SOP: Standar Operasional Prosedur Administrasi Pemerintahan (Permenpan RB 35/2012)

Penggunaan / usage:
  esop validate [--lang id|en] [--json] FILE...   periksa dokumen esop.sop/1
  esop import [--db DSN] FILE.json|FILE.xlsx...   impor dokumen (semua atau tidak sama sekali)
  esop export [--db DSN] [--out DIR] [--format json|bpmn|xlsx] [--draft] [NOMOR|ID...]
                                                  ekspor SOP sebagai esop.sop/1 (json), BPMN 2.0 (bpmn) atau Excel (xlsx)
  esop export --template [--out DIR]              tulis templat Excel SOP (templat-sop.xlsx)
  esop migrate [--db DSN]                         siapkan/perbarui basis data
  esop demo [--db DSN] [--cases N [--months M] [--seed S] [--until TTTT-BB-HH]]
                                                  muat data contoh dan tampilkan katalog; --cases: riwayat N kasus
  esop render --format pdf|svg|png|docx [--page N] [--dpi N] [--paper A4|F4] [--logo FILE] [--out FILE] FILE.json|NOMOR
                                                  cetak SOP (PDF), diagram alir (SVG), gambar (PNG) atau Word (DOCX)
  esop render --book [--unit UNIT] [--logo FILE] --out FILE.pdf
                                                  buku SOP: sampul, keputusan, daftar isi, semua SOP yang berlaku
                                                  (logo PNG/JPEG: --logo atau $ESOP_LOGO)
  esop serve [--addr 127.0.0.1:8080] [--db DSN] [--secure] [--trust-proxy] [--base-url URL] [--metrics-token TOKEN]
                                                  jalankan aplikasi web (data contoh dimuat ke basis data kosong);
                                                  pengingat tinjauan lewat surel bila $ESOP_SMTP_ADDR diisi
  esop user add NAMA --role PERAN [--role PERAN…] [--unit UNIT] [--employee NIP] [--email ALAMAT]
                                                  buat akun (kata sandi dari $ESOP_PASSWORD atau ditanyakan)
  esop user set NAMA [--role PERAN…] [--unit UNIT] [--employee NIP] [--email ALAMAT]
                                                  ubah peran, unit, pegawai atau surel akun
  esop user passwd NAMA                           ganti kata sandi; semua sesi dan token API akun diakhiri
  esop audit verify [--db DSN] [--anchor NO:HASH] periksa rantai hash jejak audit (keluar 1 bila putus)
  esop audit export [--db DSN] [--out FILE.csv] [--actor U] [--entity E] [--action A] [--from D] [--to D]
                                                  ekspor jejak audit sebagai CSV
  esop backup [--db DSN] --out BERKAS             cadangan konsisten selagi server berjalan (SQLite; PostgreSQL lewat pg_dump)
  esop restore [--db DSN] BERKAS                  pulihkan cadangan ke basis data kosong, lalu periksa dokumen dan rantai audit
  esop version                                    versi program

DSN: --db, atau $ESOP_DB, atau ./data/esop.db (SQLite); postgres://… untuk PostgreSQL.
Perintah selain validate, render berkas, help dan version dijalankan oleh esop-server,
yang dibangun di samping esop (make build).
`)
}

// EnvLang is the user's language: en when $ESOP_LANG says so, else id.
func EnvLang(getenv func(string) string) string {
	if getenv("ESOP_LANG") == "en" {
		return "en"
	}
	return "id"
}

// Lang is the user's language.
func (c *Command) Lang() string { return EnvLang(c.Getenv) }

// Say prints a message in the user's language.
func (c *Command) Say(w io.Writer, id, en string, args ...any) {
	if c.Lang() == "en" {
		fmt.Fprintf(w, en, args...)
	} else {
		fmt.Fprintf(w, id, args...)
	}
}

// Flags returns the flag set of the subcommand name, writing to stderr.
func (c *Command) Flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("esop "+name, flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	return fs
}

// DBFlag adds --db to fs; its default is $ESOP_DB, else ./data/esop.db.
func (c *Command) DBFlag(fs *flag.FlagSet) *string {
	def := c.Getenv("ESOP_DB")
	if def == "" {
		def = "./data/esop.db"
	}
	return fs.String("db", def, "database: a SQLite file, or postgres://… (default $ESOP_DB, else ./data/esop.db)")
}

// IsTerminal reports whether w is a terminal, to decide whether to show progress.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

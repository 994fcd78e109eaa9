// Command esop is e-SOP: it validates, imports, exports and renders SOP
// documents of Permenpan RB 35/2012 and serves the web application.
//
// main only calls run, which takes everything from its arguments so that
// tests can drive the whole command.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/esop-malang/esop"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Getenv, os.Stderr))
}

// exitCode prints err (unless it was already reported) and returns the exit status.
func exitCode(err error, getenv func(string) string, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var silent exitError
	if errors.As(err, &silent) {
		return int(silent)
	}
	lang := envLang(getenv)
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

// exitError is an exit status for an outcome that has already been reported.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// env is how run reads environment variables.
type env func(string) string

// run runs the esop command with args (without the program name).
func run(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stdout)
		return exitError(2)
	}
	// What the command changes is recorded in the audit log as done by the
	// user of the operating system, from "cli".
	c := &cli{ctx: esop.WithActor(ctx, cliActor(getenv), "cli"), getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "validate":
		return c.validate(rest)
	case "import":
		return c.importCmd(rest)
	case "export":
		return c.export(rest)
	case "migrate":
		return c.migrate(rest)
	case "demo":
		return c.demo(rest)
	case "render":
		return c.render(rest)
	case "serve":
		return c.serve(rest)
	case "user":
		return c.user(rest)
	case "audit":
		return c.audit(rest)
	case "backup":
		return c.backup(rest)
	case "restore":
		return c.restore(rest)
	case "version", "--version":
		fmt.Fprintf(stdout, "esop %s\n", version)
		return nil
	case "help", "-h", "--help":
		usage(stdout)
		return nil
	}
	fmt.Fprintf(stderr, "esop: perintah %q tidak dikenal\n", cmd)
	usage(stderr)
	return exitError(2)
}

func usage(w io.Writer) {
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
`)
}

// cli carries what every subcommand needs.
type cli struct {
	ctx            context.Context
	getenv         env
	stdin          io.Reader
	stdout, stderr io.Writer
}

func envLang(getenv func(string) string) string {
	if getenv("ESOP_LANG") == "en" {
		return "en"
	}
	return "id"
}

func (c *cli) lang() string { return envLang(c.getenv) }

// say prints a message in the user's language.
func (c *cli) say(w io.Writer, id, en string, args ...any) {
	if c.lang() == "en" {
		fmt.Fprintf(w, en, args...)
	} else {
		fmt.Fprintf(w, id, args...)
	}
}

// isTerminal reports whether w is a terminal, to decide whether to show progress.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

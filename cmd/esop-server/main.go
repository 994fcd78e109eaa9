// Command esop-server is the full e-SOP binary: every subcommand of esop,
// including those that open a database and `serve` the web application.
// The light front binary esop (cmd/esop) runs the commands that need no
// database itself and hands the others over to this one; this one also
// runs alone (docs/decisions.md, "Start-up time").
//
// main only calls run, which takes everything from its arguments so that
// tests can drive the whole command.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(cli.ExitCode(err, os.Getenv, os.Stderr))
}

// env is how run reads environment variables.
type env func(string) string

// app carries what every subcommand needs; the commands that need a
// database are its methods.
type app struct{ *cli.Command }

// commands are the subcommands by name: the light ones of internal/cli
// (cli.LightCommands) and those that only this binary runs
// (cli.ServerCommands).
var commands = map[string]func(c *app, args []string) error{
	"validate":  func(c *app, args []string) error { return c.Validate(args) },
	"render":    func(c *app, args []string) error { return c.Render(args, c) },
	"version":   showVersion,
	"--version": showVersion,
	"help":      showUsage,
	"-h":        showUsage,
	"--help":    showUsage,
	"import":    (*app).importCmd,
	"export":    (*app).export,
	"migrate":   (*app).migrate,
	"demo":      (*app).demo,
	"serve":     (*app).serve,
	"user":      (*app).user,
	"audit":     (*app).audit,
	"backup":    (*app).backup,
	"restore":   (*app).restore,
}

func showVersion(c *app, _ []string) error { c.Version(version); return nil }
func showUsage(c *app, _ []string) error   { cli.Usage(c.Stdout); return nil }

// run runs the esop command with args (without the program name).
func run(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		cli.Usage(stdout)
		return cli.ExitError(2)
	}
	// What the command changes is recorded in the audit log as done by the
	// user of the operating system, from "cli".
	c := &app{&cli.Command{Ctx: esop.WithActor(ctx, cliActor(getenv), "cli"), Getenv: getenv, Stdin: stdin, Stdout: stdout, Stderr: stderr}}
	cmd, ok := commands[args[0]]
	if !ok {
		return c.UnknownCommand(args[0])
	}
	return cmd(c, args[1:])
}

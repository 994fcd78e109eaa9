// Command esop is e-SOP's front binary: it validates and renders SOP
// documents of Permenpan RB 35/2012 itself, and hands every command that
// needs the database (serve, import, export, user, render --book, …)
// over to the full binary esop-server beside it, the way git runs its
// subcommands. It links no database driver, job queue or web server, so
// that `esop version` and `esop render` start in a few milliseconds: Go
// initialises every linked package before main (docs/decisions.md,
// "Start-up time"; deps_test.go keeps it so).
package main

import (
	"context"
	"errors"
	"io"
	"os"
	"slices"

	"github.com/esop-malang/esop/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	args := os.Args[1:]
	err := run(args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if errors.Is(err, cli.ErrNeedsServer) {
		err = handOver(args)
	}
	os.Exit(cli.ExitCode(err, os.Getenv, os.Stderr))
}

// run runs the commands of the light binary; it returns
// cli.ErrNeedsServer, having written nothing, for what needs the full one.
func run(args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		cli.Usage(stdout)
		return cli.ExitError(2)
	}
	c := &cli.Command{Ctx: context.Background(), Getenv: getenv, Stdin: stdin, Stdout: stdout, Stderr: stderr}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "validate":
		return c.Validate(rest)
	case "render":
		return c.Render(rest, nil)
	case "version", "--version":
		c.Version(version)
		return nil
	case "help", "-h", "--help":
		cli.Usage(stdout)
		return nil
	}
	if slices.Contains(cli.ServerCommands, cmd) {
		return cli.ErrNeedsServer
	}
	return c.UnknownCommand(cmd)
}

//go:build !unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"

	"github.com/esop-malang/esop/internal/cli"
)

// replaceProcess runs the program at path as a child where a process
// cannot be replaced (Windows): with the same arguments, environment and
// standard streams, returning its exit status. An interrupt reaches the
// child from the console itself; this process only waits for it.
func replaceProcess(path string, args []string) error {
	signal.Ignore(os.Interrupt)
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return cli.ExitError(exit.ExitCode())
	}
	return err
}

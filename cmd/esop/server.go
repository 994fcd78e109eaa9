package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/cli"
)

// serverName is the full binary's file name.
const serverName = "esop-server"

// findServer returns the full binary: the one beside this program's own
// file (links resolved, so that a link to esop in /usr/local/bin finds
// the esop-server beside the real file), else the first on $PATH.
func findServer(command string) (string, error) {
	dir := "?"
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		dir = filepath.Dir(exe)
		p := filepath.Join(dir, serverName)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(serverName); err == nil {
		return p, nil
	}
	return "", esop.Errorf(esop.ENOTFOUND,
		"perintah %q dijalankan oleh program %s, yang tidak ada di %s maupun di $PATH; bangun keduanya dengan `make build` (atau `go build -o . ./cmd/esop ./cmd/esop-server`)",
		"the command %q is run by the program %s, which is neither in %s nor on $PATH; build both with `make build` (or `go build -o . ./cmd/esop ./cmd/esop-server`)",
		command, serverName, dir)
}

// handOver runs the full binary with the same arguments and environment
// in place of this process (replaceProcess), so that its exit status,
// signals and standard streams are the command's own.
func handOver(args []string) error {
	path, err := findServer(args[0])
	if err != nil {
		return err
	}
	err = replaceProcess(path, args)
	var exit cli.ExitError
	if err == nil || errors.As(err, &exit) {
		return err
	}
	return esop.Errorf(esop.EINTERNAL, "program %s tidak dapat dijalankan: %v", "cannot run the program %s: %v", path, err)
}

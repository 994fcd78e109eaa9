//go:build unix

package main

import (
	"os"
	"syscall"
)

// replaceProcess runs the program at path in place of this process, with
// the same arguments after the program name, environment, process id and
// open files; it returns only if that fails. The full binary receives the
// signals itself (serve's graceful shutdown) and its exit status is the
// command's.
func replaceProcess(path string, args []string) error {
	return syscall.Exec(path, append([]string{path}, args...), os.Environ())
}

//go:build unix

package cli

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// WriteFile replaces a regular file through a temporary one and leaves
// nothing else behind; it follows a symbolic link; and it writes into a
// name that is not a regular file (a pipe here, /dev/null for `esop
// render --out /dev/null`) instead of renaming a plain file over it.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "sop.pdf")
	if err := os.WriteFile(plain, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(plain, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(plain); string(b) != "new" {
		t.Errorf("file holds %q, want new", b)
	}

	link := filepath.Join(dir, "latest.pdf")
	if err := os.Symlink("sop.pdf", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("through the link")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if b, _ := os.ReadFile(plain); string(b) != "through the link" {
		t.Errorf("the link's file holds %q", b)
	}

	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(pipe)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if err := WriteFile(pipe, []byte("to the reader")); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "to the reader" {
			t.Errorf("the pipe's reader got %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Error("the pipe's reader got nothing")
	}
	if fi, err := os.Lstat(pipe); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced by %v (%v)", fi.Mode(), err)
	}

	if err := WriteFile(dir, []byte("x")); err == nil {
		t.Error("writing over a folder did not fail")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want sop.pdf, latest.pdf and pipe only", names)
	}
}

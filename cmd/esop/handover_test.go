//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	built     string
	buildErr  error
)

// lightBinary builds this command once for the tests that run it.
func lightBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "esop-light")
		if err != nil {
			buildErr = err
			return
		}
		built = filepath.Join(dir, "esop")
		if out, err := exec.Command("go", "build", "-o", built, ".").CombinedOutput(); err != nil {
			buildErr = errors.New(err.Error() + "\n" + string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("go build: %v", buildErr)
	}
	return built
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built != "" {
		os.RemoveAll(filepath.Dir(built))
	}
	os.Exit(code)
}

// install copies the light binary into dir, with a stand-in for the full
// binary beside it when server is true, and returns the light one's path.
// The stand-in prints its own path, process id, arguments, a variable of
// the environment and a line of its input, and exits with status 7.
func install(t *testing.T, dir string, server bool) string {
	t.Helper()
	data, err := os.ReadFile(lightBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	esop := filepath.Join(dir, "esop")
	if err := os.WriteFile(esop, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if server {
		script := "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$$\" \"$@\" \"mark=$ESOP_TEST_MARK\"\nread line\necho \"in=$line\"\nexit 7\n"
		if err := os.WriteFile(filepath.Join(dir, serverName), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return esop
}

// runBinary runs bin with args, "hello" as input and $PATH set to path.
func runBinary(t *testing.T, bin, path string, args ...string) (stdout, stderr string, pid, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"PATH=" + path, "ESOP_TEST_MARK=m1"}
	cmd.Stdin = strings.NewReader("hello\n")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return out.String(), errb.String(), cmd.Process.Pid, cmd.ProcessState.ExitCode()
}

// TestHandOver: a command that needs the database is run by the full
// binary beside the light one, in the same process (so that signals
// reach it), with the arguments, environment and input unchanged, and
// its exit status is the command's.
func TestHandOver(t *testing.T) {
	dir := t.TempDir()
	esop := install(t, dir, true)
	for _, args := range [][]string{
		{"user", "add", "ani budi", "--role", "penyusun"},
		{"serve", "--addr", "127.0.0.1:0"},
		{"render", "--book", "--out", "buku.pdf"},
		{"render", "--format", "pdf", "10/2024"},
		{"render", "--db", "x.db", sample},
	} {
		stdout, stderr, pid, code := runBinary(t, esop, "/nonexistent", args...)
		want := append([]string{filepath.Join(dir, serverName), strconv.Itoa(pid)}, args...)
		want = append(want, "mark=m1", "in=hello")
		if code != 7 || stdout != strings.Join(want, "\n")+"\n" || stderr != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 7 and %q", args, code, stdout, stderr, want)
		}
	}
	// A file is rendered by the light binary itself.
	out := filepath.Join(dir, "flow.svg")
	if stdout, stderr, _, code := runBinary(t, esop, "/nonexistent", "render", "--format", "svg", "--out", out, sample); code != 0 || stdout != out+"\n" {
		t.Errorf("render of a file: exit %d, %q %q", code, stdout, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("<svg")) && !bytes.HasPrefix(b, []byte("<?xml")) {
		t.Errorf("render of a file wrote %.40q (%v)", b, err)
	}
}

// TestFindServer: the full binary beside the real file of a link to
// esop, else on $PATH.
func TestFindServer(t *testing.T) {
	real, elsewhere, onPath := t.TempDir(), t.TempDir(), t.TempDir()
	install(t, real, true)
	link := filepath.Join(elsewhere, "esop")
	if err := os.Symlink(filepath.Join(real, "esop"), link); err != nil {
		t.Fatal(err)
	}
	if stdout, _, _, code := runBinary(t, link, "/nonexistent", "migrate"); code != 7 || !strings.HasPrefix(stdout, filepath.Join(real, serverName)+"\n") {
		t.Errorf("through a link: exit %d, %q", code, stdout)
	}
	alone := install(t, t.TempDir(), false)
	install(t, onPath, true)
	if stdout, _, _, code := runBinary(t, alone, "/nonexistent:"+onPath, "migrate"); code != 7 || !strings.HasPrefix(stdout, filepath.Join(onPath, serverName)+"\n") {
		t.Errorf("on $PATH: exit %d, %q", code, stdout)
	}
}

// TestServerMissing: without the full binary, a command that needs it
// fails with a message naming the missing program and how to build it;
// the light commands still work.
func TestServerMissing(t *testing.T) {
	dir := t.TempDir()
	esop := install(t, dir, false)
	stdout, stderr, _, code := runBinary(t, esop, "/nonexistent", "user", "passwd", "ani")
	want := `esop: perintah "user" dijalankan oleh program esop-server, yang tidak ada di ` + dir + " maupun di $PATH; bangun keduanya dengan `make build`"
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, stderr, want)
	}
	if stdout, _, _, code := runBinary(t, esop, "/nonexistent", "version"); code != 0 || stdout != "esop dev\n" {
		t.Errorf("version without the full binary: exit %d, %q", code, stdout)
	}
}

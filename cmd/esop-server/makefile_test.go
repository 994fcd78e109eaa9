package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestMakeRunAddr: `make run ADDR=…` serves on that address, and on
// 127.0.0.1:8080 without it (make -n prints the commands it would run).
func TestMakeRunAddr(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "./esop serve --addr '127.0.0.1:8080'"},
		{[]string{"ADDR=127.0.0.1:9000"}, "./esop serve --addr '127.0.0.1:9000'"},
		{[]string{"ADDR=0.0.0.0:80"}, "./esop serve --addr '0.0.0.0:80'"},
	} {
		cmd := exec.Command("make", append([]string{"-n", "-C", "../..", "run"}, tc.args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("make -n run %v: %v\n%s", tc.args, err, out)
		}
		if !strings.Contains(string(out), tc.want+"\n") {
			t.Errorf("make -n run %v does not run %q:\n%s", tc.args, tc.want, out)
		}
	}
	// make build builds both binaries: run's ./esop serve needs esop-server.
	out, err := exec.Command("make", "-n", "-C", "../..", "build").CombinedOutput()
	if err != nil {
		t.Fatalf("make -n build: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "-o . ./cmd/esop ./cmd/esop-server\n") {
		t.Errorf("make -n build does not build both binaries into the repository's root:\n%s", out)
	}
}

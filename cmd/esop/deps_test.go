package main

import (
	"os/exec"
	"strings"
	"testing"
)

// heavy reports whether the light binary must not link package p: what
// only the commands that open a database or serve the web need, whose
// initialisation before main would cost every `esop version` (the
// reason for the two binaries; docs/decisions.md, "Start-up time").
func heavy(p string) bool {
	const module = "github.com/esop-malang/esop/"
	switch p {
	case "net/http", "html/template", "database/sql":
		return true
	}
	for _, prefix := range []string{
		"modernc.org/", "github.com/riverqueue/", "github.com/lib/pq", "github.com/jackc/",
		module + "sqlstore", module + "sqlite", module + "postgres", module + "web", module + "api",
		module + "jobs", module + "remind", module + "internal/httpx", module + "internal/prom",
	} {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// TestLightDependencies: the light binary links no database driver, job
// queue, HTTP server or templates, directly or through another package;
// each one found is reported with the chain of imports that brings it.
func TestLightDependencies(t *testing.T) {
	const self = "github.com/esop-malang/esop/cmd/esop"
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	for line := range strings.Lines(string(out)) {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
	}
	// The walk must have seen the shared commands; otherwise it proves nothing.
	for _, p := range []string{self, "github.com/esop-malang/esop/internal/cli", "github.com/esop-malang/esop/render"} {
		if _, ok := imports[p]; !ok {
			t.Fatalf("go list -deps did not list %s: %d packages", p, len(imports))
		}
	}
	// Breadth first from the binary, so that the chain named is the shortest.
	via := map[string]string{self: ""}
	queue := []string{self}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if heavy(p) {
			chain := []string{p}
			for q := via[p]; q != ""; q = via[q] {
				chain = append([]string{q}, chain...)
			}
			t.Errorf("the light binary links %s (%s)", p, strings.Join(chain, " → "))
			continue
		}
		for _, q := range imports[p] {
			if _, seen := via[q]; !seen {
				via[q] = p
				queue = append(queue, q)
			}
		}
	}
}

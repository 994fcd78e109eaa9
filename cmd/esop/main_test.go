package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/esop-malang/esop/internal/cli"
)

// sample is the 18-step sample SOP.
var sample = filepath.Join("..", "..", "sampledata", "sops", "10-bursa-kerja.json")

func TestRunLight(t *testing.T) {
	var out, errb bytes.Buffer
	getenv := func(string) string { return "" }
	if err := run([]string{"version"}, getenv, nil, &out, &errb); err != nil || out.String() != "esop dev\n" {
		t.Errorf("version: %v %q", err, out.String())
	}
	out.Reset()
	if err := run([]string{"validate", sample}, getenv, nil, &out, &errb); err != nil {
		t.Errorf("validate: %v\n%s%s", err, out.String(), errb.String())
	}
	for _, args := range [][]string{{"serve"}, {"user", "add", "ani"}, {"render", "--book", "--out", "x.pdf"},
		{"render", "--db", "x.db", sample}, {"render", "10/2024"}} {
		out.Reset()
		errb.Reset()
		err := run(args, getenv, nil, &out, &errb)
		if !errors.Is(err, cli.ErrNeedsServer) || out.Len()+errb.Len() > 0 {
			t.Errorf("%q: %v, wrote %q %q; want the full binary, nothing written", args, err, out.String(), errb.String())
		}
	}
	errb.Reset()
	if err := run([]string{"frobnicate"}, getenv, nil, &out, &errb); err != cli.ExitError(2) || !strings.Contains(errb.String(), `"frobnicate" tidak dikenal`) {
		t.Errorf("unknown command: %v %q", err, errb.String())
	}
}

#!/usr/bin/env bash
# Start-up time of the esop binaries as whole processes (issue 9, "Speed"):
# the light front binary's `esop version` and `esop render` of the 18-step
# sample to SVG and PDF, the same three of the full binary esop-server (what
# they cost when there was one binary), and Graphviz `dot -Tsvg`
# of the same flow, side by side in one hyperfine run, with two floors: a
# Go hello-world, and internal/startfloor (only the database drivers,
# River and net/http that esop-server links, no e-SOP code).
# Usage: scripts/startup.sh [RUNS]
# Needs hyperfine and graphviz (Debian packages of the same names).
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=go1.27.3 CGO_ENABLED=0
runs=${1:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-trimpath -ldflags '-s -w')
go build "${flags[@]}" -o "$work/" ./cmd/esop ./cmd/esop-server
go build "${flags[@]}" -o "$work/startfloor" ./internal/startfloor
cat >"$work/hello.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello") }
GO
(cd "$work" && go build "${flags[@]}" -o hello hello.go)
sop=sampledata/sops/10-bursa-kerja.json
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(go version); load $(cut -d' ' -f1-3 /proc/loadavg)"
ls -l "$work/esop" "$work/esop-server" "$work/startfloor" "$work/hello" | awk '{print $5, $NF}'
cmds=("$work/hello" "$work/startfloor" "$work/esop version" "$work/esop-server version"
	"$work/esop render --format svg --out /dev/null $sop"
	"$work/esop render --format pdf --out /dev/null $sop"
	"$work/esop-server render --format svg --out /dev/null $sop"
	"$work/esop-server render --format pdf --out /dev/null $sop")
command -v dot >/dev/null && cmds+=("dot -Tsvg -o /dev/null render/testdata/bursa-kerja.dot")
hyperfine -N --warmup 20 -r "$runs" --export-json "$work/times.json" "${cmds[@]}"
# The median beside the mean: on a shared machine a few slow runs move the mean.
if command -v python3 >/dev/null; then
	python3 - "$work/times.json" "$work/" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-84s median %5.1f ms  min %5.1f ms" % (r["command"].replace(sys.argv[2], ""), r["median"] * 1e3, r["min"] * 1e3))
PY
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Load test of esop serve on SQLite with the sample data, on loopback,
# with wrk (Debian package wrk): the public SOP page, search, and a Go
# hello-world server as the ceiling, in the same run; then the server's
# memory (RSS). Usage: scripts/loadtest.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=go1.27.3 CGO_ENABLED=0
dur=${1:-20s}
conns=${2:-64}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

go build -o "$work/esop" ./cmd/esop
go build -o "$work/hello" ./internal/hello
GOBIN="$work" go install github.com/rakyll/hey@v0.1.4
ESOP_ADMIN_PASSWORD=loadtest-password "$work/esop" serve --db "$work/esop.db" --addr 127.0.0.1:18080 >"$work/serve.log" 2>&1 &
esop_pid=$!
"$work/hello" -addr 127.0.0.1:18081 &
for _ in $(seq 1 50); do curl -fs http://127.0.0.1:18080/healthz >/dev/null 2>&1 && break; sleep 0.2; done

sop=$(curl -fs http://127.0.0.1:18080/ | grep -o 'href="/sops/[0-9]*"' | head -1 | grep -o '[0-9]*')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(go version)"
echo "SOP page: /sops/$sop ($(curl -fs http://127.0.0.1:18080/sops/$sop | wc -c) bytes)"
# Warm the render cache and the connections first.
wrk -t2 -c8 -d2s "http://127.0.0.1:18080/sops/$sop" >/dev/null

run() {
	echo "== $1"
	wrk -t2 -c"$conns" -d"$dur" --latency "$2" | grep -E 'Requests/sec|Latency|99%|Non-2xx|Socket errors'
}
run "hello world (ceiling)" http://127.0.0.1:18081/
run "SOP page with inline flowchart" "http://127.0.0.1:18080/sops/$sop"
run "search" "http://127.0.0.1:18080/search?q=pengesahan"
run "catalogue" "http://127.0.0.1:18080/"
# At the rates the targets name, with an open-loop generator: hey sends
# -q requests a second on each of -c connections whatever the answers'
# latency, so the percentiles are those a user sees at that load.
rate() {
	echo "== $1 at $(( $3 * 64 )) requests/s offered, 64 connections"
	"$work/hey" -z "$dur" -c 64 -q "$3" "$2" | grep -E 'Requests/sec|Average|Slowest|99%|95%|\[200\]|\[[45][0-9][0-9]\]'
}
rate "SOP page with inline flowchart" "http://127.0.0.1:18080/sops/$sop" 24
rate "search" "http://127.0.0.1:18080/search?q=pengesahan" 8
echo "== esop serve memory after the runs: RSS $(( $(ps -o rss= -p $esop_pid) / 1024 )) MB"

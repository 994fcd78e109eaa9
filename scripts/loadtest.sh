#!/usr/bin/env bash
# Load test of esop serve on SQLite with the sample data, on loopback,
# with wrk (Debian package wrk): the public SOP page, search, the
# catalogue, and a Go hello-world server as the ceiling, in the same run;
# then the server's memory (RSS). Search is measured over the 28 queries
# of scripts/search-queries.lua (words from the sample SOPs, two of them
# misspelt), each wrk thread going through them in turn, not one query
# repeated; then again over 450 addresses of the same searches
# (scripts/search-made.lua), more than the server keeps rendered, so that
# each page is made anew. Usage: scripts/loadtest.sh [DURATION] [CONNECTIONS] [ADDRESS]
# With ADDRESS (host:port of a running esop serve, on any database) only
# the SOP page, search and catalogue are measured, against that server.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=go1.27.3 CGO_ENABLED=0
dur=${1:-20s}
conns=${2:-64}
addr=${3:-}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

if [ -z "$addr" ]; then
	addr=127.0.0.1:18080
	go build -o "$work/esop-server" ./cmd/esop-server
	go build -o "$work/hello" ./internal/hello
	GOBIN="$work" go install github.com/rakyll/hey@v0.1.4
	ESOP_ADMIN_PASSWORD=loadtest-password "$work/esop-server" serve --db "$work/esop.db" --addr "$addr" >"$work/serve.log" 2>&1 &
	esop_pid=$!
	"$work/hello" -addr 127.0.0.1:18081 &
	for _ in $(seq 1 50); do curl -fs "http://$addr/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
	given=
else
	given=1
fi

sop=$(curl -fs "http://$addr/" | grep -o 'href="/sops/[0-9]*"' | head -1 | grep -o '[0-9]*')
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(go version); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "SOP page: /sops/$sop ($(curl -fs "http://$addr/sops/$sop" | wc -c) bytes)"
# Warm the render cache and the connections first.
wrk -t2 -c8 -d2s "http://$addr/sops/$sop" >/dev/null

run() {
	echo "== $1"
	wrk -t2 -c"$conns" -d"$dur" --latency "${@:3}" "$2" | grep -E 'Requests/sec|Latency|99%|Non-2xx|Socket errors'
}
[ -n "$given" ] || run "hello world (ceiling)" http://127.0.0.1:18081/
run "SOP page with inline flowchart" "http://$addr/sops/$sop"
run "search, 28 queries in turn" "http://$addr/search" -s scripts/search-queries.lua
run "search, every page made anew (450 addresses)" "http://$addr/search" -s scripts/search-made.lua
run "catalogue" "http://$addr/"
[ -z "$given" ] || exit 0
# At the rates the targets name, with an open-loop generator: hey sends
# -q requests a second on each of -c connections whatever the answers'
# latency, so the percentiles are those a user sees at that load.
rate() {
	echo "== $1 at $(( $3 * 64 )) requests/s offered, 64 connections"
	"$work/hey" -z "$dur" -c 64 -q "$3" "$2" | grep -E 'Requests/sec|Average|Slowest|99%|95%|\[200\]|\[[45][0-9][0-9]\]'
}
rate "SOP page with inline flowchart" "http://127.0.0.1:18080/sops/$sop" 24
# (hey repeats one address, so search is not measured this way: one query
# repeated would measure only the page kept rendered for it.)
echo "== esop serve memory after the runs: RSS $(( $(ps -o rss= -p $esop_pid) / 1024 )) MB"

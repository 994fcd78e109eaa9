#!/usr/bin/env bash
# loadpair.sh A B: wrk -t1 -c32 against A and against B at once, 10 s each, for
# the SOP page /sops/15 (the first in the catalogue of a fresh database with
# the sample SOPs), search (28 queries), search made anew (450 addresses) and the
# catalogue; A B the same address measures one server. The second wrk starts
# the queries elsewhere in the list, so that it does not ask each query just
# after the first has.
# Usage: scripts/loadpair.sh HOST:PORT HOST:PORT (two esop serve on one
# PostgreSQL database, or the same one twice).
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
s=$(dirname "$0")
for page in /sops/15 /search /search-made /; do
	args=(); offset=(); url=$page
	case $page in
	/search) args=(-s $s/search-queries.lua); offset=(-- 14) ;;
	/search-made) args=(-s $s/search-made.lua); offset=(-- 225); url=/search ;;
	esac
	wrk -t1 -c32 -d10s "${args[@]}" "http://$1$url" >"$work/w1" &
	wrk -t1 -c32 -d10s "${args[@]}" "http://$2$url" "${offset[@]}" >"$work/w2"
	wait
	a=$(grep Requests/sec "$work/w1" | awk '{print $2}'); b=$(grep Requests/sec "$work/w2" | awk '{print $2}')
	echo "$page: $a + $b = $(echo "$a + $b" | bc) (non-2xx lines: $(cat "$work/w1" "$work/w2" | grep -c Non-2xx || true))"
done

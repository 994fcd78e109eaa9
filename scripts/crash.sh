#!/usr/bin/env bash
# Crash safety (issues 11 and 14): kill esop serve with SIGKILL at random
# moments while clients complete case tasks, edit a draft and submit and
# return another through the HTTP API; restart it each time; then check
# that every write answered with success is there, nothing is half-written
# (cases in states their flowchart reaches, no task completed twice) and
# the audit chain holds (esop audit verify). On SQLite, and on PostgreSQL
# when it answers at 127.0.0.1:5432 (a new database esop_crash_<pid>).
# Usage: scripts/crash.sh [ROUNDS] [CLERKS]
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=go1.27.3 CGO_ENABLED=0
rounds=${1:-10}
clerks=${2:-8}
work=$(mktemp -d)
db="esop_crash_$$"
cleanup() {
  rm -rf "$work"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
}
trap cleanup EXIT

go build -trimpath -o "$work/esop-server" ./cmd/esop-server
go build -o "$work/crashcheck" ./internal/crashcheck

echo "== SQLite (synchronous=${ESOP_SQLITE_SYNC:-full}), $rounds kills, $clerks clerks"
"$work/crashcheck" --esop "$work/esop-server" --db "$work/esop.db" --rounds "$rounds" --clerks "$clerks"

if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
  echo "== PostgreSQL, $rounds kills, $clerks clerks"
  "$work/crashcheck" --esop "$work/esop-server" --db "postgres://postgres@127.0.0.1:5432/$db?sslmode=disable" --rounds "$rounds" --clerks "$clerks"
else
  echo "== PostgreSQL: not running at 127.0.0.1:5432, skipped"
fi

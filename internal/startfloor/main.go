// Command startfloor is the floor of the full binary's start-up time: a
// program that links only what esop-server must link (the SQLite and
// PostgreSQL drivers, River and its drivers, net/http) and prints its
// version, with no e-SOP package at all. scripts/startup.sh times it beside
// `esop-server version`, the light `esop version` and a Go hello-world;
// whatever this takes, `esop-server version` cannot take less (which is why
// the light binary esop links none of it).
package main

import (
	"fmt"
	"net/http"
	"os"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/riverqueue/river"
	_ "github.com/riverqueue/river/riverdriver/riverdatabasesql"
	_ "github.com/riverqueue/river/riverdriver/riverpgxv5"
	_ "github.com/riverqueue/river/riverdriver/riversqlite"
	_ "modernc.org/sqlite"
)

var _ http.Handler = http.NotFoundHandler()

func main() {
	fmt.Fprintln(os.Stdout, "startfloor")
}

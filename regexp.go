package esop

import (
	"regexp"
	"sync"
)

// LazyRegexp returns a function that compiles expr the first time it is
// called: package-level patterns compiled at start-up cost every command
// of the binary, `esop version` included, whether it uses them or not.
// The other packages (sqlstore, book) use it too.
func LazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

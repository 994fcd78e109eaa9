package esop

import (
	"regexp"
	"sync"
)

// lazyRegexp returns a function that compiles expr the first time it is
// called: package-level patterns compiled at start-up cost every command
// of the binary, `esop version` included, whether it uses them or not.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

package book

import (
	"regexp"
	"sync"
)

// lazyRegexp returns a function that compiles expr the first time it is
// called, not at start-up (see the root package's lazyRegexp).
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

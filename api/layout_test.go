package api_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestLayout: the JSON API, the exports and the packages below web do not
// import the web application, directly or through another package of
// the module (docs/decisions.md, "The JSON API in its own package").
func TestLayout(t *testing.T) {
	const module = "github.com/esop-malang/esop"
	for _, root := range []string{"api", "export", "internal/httpx", "internal/access"} {
		seen := map[string]bool{}
		var walk func(path string, via []string)
		walk = func(path string, via []string) {
			if seen[path] {
				return
			}
			seen[path] = true
			if path == module+"/web" || strings.HasPrefix(path, module+"/web/") {
				t.Errorf("%s imports %s (through %s)", root, path, strings.Join(via, " → "))
				return
			}
			pkg, err := build.Import(path, "", 0)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			for _, imp := range pkg.Imports {
				if imp == module || strings.HasPrefix(imp, module+"/") {
					walk(imp, append(via, imp))
				}
			}
		}
		walk(module+"/"+root, []string{root})
		if len(seen) < 2 && root != "internal/httpx" {
			t.Errorf("%s: only %d packages walked; the walk does not follow imports", root, len(seen))
		}
	}
}

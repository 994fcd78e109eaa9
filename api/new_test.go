package api

import (
	"strings"
	"testing"
)

// TestNewRequiresCallbacks: a Config without one of its required parts
// stops New with the part's name, instead of a nil call during a request.
func TestNewRequiresCallbacks(t *testing.T) {
	defer func() {
		r := recover()
		if s, ok := r.(string); !ok || !strings.HasPrefix(s, "api.New: Config.") || !strings.HasSuffix(s, " is required") {
			t.Errorf("New(Config{}) recovered %v, want a panic naming a missing part", r)
		}
	}()
	New(Config{})
}

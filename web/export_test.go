package web

import "time"

// Names that the tests of package web_test need from inside the package.
const (
	// MaxThrottleWait is the longest a throttled sign-in waits.
	MaxThrottleWait = maxThrottleWait
	// LoginHashSlots is how many password checks of sign-ins run at once.
	LoginHashSlots = sharedHashes + trustedHashes
	// DeviceKeySetting is the setting that holds the device cookies' key.
	DeviceKeySetting = deviceKeySetting
)

// DefaultHashWait is how long a sign-in waits for a password check slot.
const DefaultHashWait = hashWait

// SetHashWait changes how long a sign-in waits for a password check slot,
// before the server serves: scenario tests that count failures wait long
// enough that no attempt is refused for want of a slot on a busy machine.
func (s *Server) SetHashWait(d time.Duration) { s.hashes.wait = d }

// KeepNoSearchPages stops s keeping visitors' search pages rendered, so
// that a benchmark measures the search and its page made anew each time.
func (s *Server) KeepNoSearchPages() { s.searchOut = newLRU(0) }

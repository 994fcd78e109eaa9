package esop

import (
	"context"
	"time"
)

// Several servers may share one PostgreSQL database (issue 14). What each
// keeps in memory for speed — the catalogue and its search index — follows
// the others' writes through CatalogueFeed; what must be counted across all
// of them — the login throttle — is kept in the database
// (LoginCounterService).

// CatalogueFeed tells a server which SOPs changed in the database since it
// last looked, whichever server (or command) changed them.
type CatalogueFeed interface {
	// CatalogueChanges returns the current generation of the catalogue
	// and the IDs of the SOPs changed after generation after, each once.
	// all is true when the server must rebuild everything instead: the
	// search synonyms changed, or the changes after it were pruned.
	// sopIDs holds SettingChanged when a setting changed (the servers
	// keep the office's logo in memory); all covers that too.
	CatalogueChanges(ctx context.Context, after int64) (gen int64, sopIDs []int64, all bool, err error)
}

// SettingChanged stands in CatalogueFeed's list of changed SOPs for a
// change of a setting, such as the office's logo, that each server keeps in
// memory: a server that reads it reads those settings again.
const SettingChanged int64 = -1

// LoginCounterKey names one counter of the login throttle: its kind (an
// account, a client address, a device cookie) and name.
type LoginCounterKey struct {
	Kind int
	Name string
}

// LoginCounter is the failures counted on one key: N not yet forgotten at
// Last; Expires is when all of them are forgotten (the store may delete the
// counter then). A counter with N = 0 is deleted when stored.
type LoginCounter struct {
	LoginCounterKey
	N       int
	Last    time.Time
	Expires time.Time
}

// LoginCounterService keeps the login throttle's counters, shared by every
// server of the database.
type LoginCounterService interface {
	// LoginCounters returns the counters of keys as they are, in the order
	// of keys (a zero counter for a key without one), without locking them.
	LoginCounters(ctx context.Context, keys []LoginCounterKey) ([]LoginCounter, error)
	// UpdateLoginCounters calls fn with the counters of keys, locked
	// against every other update until fn's result is stored, in one
	// transaction; fn returns the counters to store.
	UpdateLoginCounters(ctx context.Context, keys []LoginCounterKey, fn func([]LoginCounter) []LoginCounter) error
}

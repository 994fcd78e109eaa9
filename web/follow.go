package web

import (
	"context"
	"slices"
	"sync/atomic"
	"time"

	"github.com/esop-malang/esop"
)

// Several servers on one database (issue 14, docs/decisions.md "Several
// servers, one database"): each keeps its own catalogue and search index in
// memory and brings it up to date after its own writes at once (reindex);
// the writes of the other servers (and of commands such as `esop import`)
// reach it through the database's log of catalogue changes
// (esop.CatalogueFeed), which FollowChanges polls.

// DefaultFollowEvery is how often a server looks at the log of catalogue
// changes: an SOP approved or withdrawn on another server is found or gone
// here within this plus the time to reindex it, well inside a second.
const DefaultFollowEvery = 250 * time.Millisecond

// follower is what the server knows of the log.
type follower struct {
	gen  atomic.Int64 // the generation of the log the index reflects
	last atomic.Int64 // when the log was last read without error (Unix ns); 0 before
	on   atomic.Bool  // FollowChanges is running
}

// FollowChanges brings the catalogue up to date with the log of catalogue
// changes every interval (DefaultFollowEvery when zero) until ctx ends.
// Errors are logged, and the next poll tries again; /readyz reports a
// server whose log has not been read for a while.
func (s *Server) FollowChanges(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = DefaultFollowEvery
	}
	s.follow.on.Store(true)
	defer s.follow.on.Store(false)
	tick := time.NewTicker(every)
	defer tick.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		err := s.Follow(ctx)
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			s.log.Error("following the catalogue changes", "err", err)
			failing = true
		case err == nil && failing:
			s.log.Info("following the catalogue changes again")
			failing = false
		}
	}
}

// Follow reads the log of catalogue changes once and reindexes the SOPs
// changed since the last read, or rebuilds the whole index when the
// synonyms changed or the log no longer reaches back that far.
func (s *Server) Follow(ctx context.Context) error {
	after := s.follow.gen.Load()
	gen, ids, all, err := s.store.CatalogueChanges(ctx, after)
	if err != nil {
		return err
	}
	if gen != after {
		// A changed setting: the logo is read again (reloadLogo).
		settings := all || slices.Contains(ids, esop.SettingChanged)
		ids = slices.DeleteFunc(ids, func(id int64) bool { return id == esop.SettingChanged })
		if all {
			err = s.Refresh(ctx)
		} else {
			err = s.reindex(ctx, ids...)
		}
		if err != nil {
			return err
		}
		if settings {
			if err := s.reloadLogo(ctx); err != nil {
				return err
			}
		}
		s.follow.gen.CompareAndSwap(after, gen)
	}
	s.follow.last.Store(time.Now().UnixNano())
	return nil
}

// startFollowing notes the log's generation before the index is first
// built, so that the changes made while it is built are read again.
func (s *Server) startFollowing(ctx context.Context) error {
	gen, _, _, err := s.store.CatalogueChanges(ctx, 1<<62)
	if err != nil {
		return err
	}
	s.follow.gen.Store(gen)
	s.follow.last.Store(time.Now().UnixNano()) // the index is built from the database next
	return nil
}

// followStale is how long a following server may go without reading the
// log before /readyz says it is not ready: its catalogue may be behind.
const followStale = 10 * time.Second

// followBehind reports whether the server follows the log and has not read
// it for followStale.
func (s *Server) followBehind() bool {
	if !s.follow.on.Load() {
		return false
	}
	last := s.follow.last.Load()
	return last == 0 || time.Since(time.Unix(0, last)) > followStale
}

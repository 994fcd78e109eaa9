package web

import (
	"sync"
	"time"

	"github.com/esop-malang/esop"
)

// Login attempts are limited per account and per address: after
// maxPerAccount (or maxPerAddress) failures within loginWindow, further
// attempts are refused until the window has passed. The counts live in
// this process; behind a load balancer each server counts for itself.
const (
	maxPerAccount = 5
	maxPerAddress = 20
	loginWindow   = 15 * time.Minute
)

// loginLimiter counts failed logins.
type loginLimiter struct {
	mu       sync.Mutex
	now      func() time.Time
	failures map[string][]time.Time // "u:name" or "a:address" → failure times
}

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, failures: map[string][]time.Time{}}
}

// rateLimited is the error of a refused attempt; wait is how long to wait.
type rateLimited struct {
	msg  esop.Text
	wait time.Duration
}

func (e *rateLimited) Error() string { return e.msg.EN }

// check returns a *rateLimited error when the account or address has
// failed too often recently.
func (l *loginLimiter) check(username, addr string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, k := range []struct {
		key   string
		limit int
	}{{"u:" + username, maxPerAccount}, {"a:" + addr, maxPerAddress}} {
		recent := l.prune(k.key, now)
		if len(recent) >= k.limit {
			return &rateLimited{
				msg:  esop.Text{ID: "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti.", EN: "Too many failed sign-in attempts. Try again later."},
				wait: recent[0].Add(loginWindow).Sub(now),
			}
		}
	}
	return nil
}

// fail records a failed attempt.
func (l *loginLimiter) fail(username, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, key := range []string{"u:" + username, "a:" + addr} {
		l.failures[key] = append(l.prune(key, now), now)
	}
}

// succeed forgets the account's failures.
func (l *loginLimiter) succeed(username string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, "u:"+username)
}

// prune drops failures older than the window and returns the rest.
func (l *loginLimiter) prune(key string, now time.Time) []time.Time {
	list := l.failures[key]
	i := 0
	for i < len(list) && now.Sub(list[i]) > loginWindow {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(l.failures, key)
		return nil
	}
	l.failures[key] = list
	return list
}

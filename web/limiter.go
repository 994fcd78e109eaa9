package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// Sign-in attempts are slowed down, never locked out (docs/decisions.md,
// "Login throttling"). Three kinds of counter count failures: one per
// account, one per client address, and one per device cookie. An attempt
// that presents a valid device cookie for its user name is counted on that
// cookie's counter only; any other attempt on its account's and its
// address's. Each failure beyond a free allowance doubles the wait before
// the next attempt may check a password, up to a few seconds, and failures
// are forgotten one by one as time passes. An attempt inside the wait is
// answered 429 with Retry-After before any password is hashed. The counts
// live in the database (table login_counters), shared by every server of
// it, so that two servers behind a load balancer count as one.

// throttlePolicy says how one kind of counter slows attempts down: the
// first free failures cost nothing, each further one doubles the wait
// before the next attempt, from base up to max; one failure is forgotten
// for every decay that passes without a failure.
type throttlePolicy struct {
	free      int
	base, max time.Duration
	decay     time.Duration
}

// delay is the wait after n failures.
func (p throttlePolicy) delay(n int) time.Duration {
	if n < p.free {
		return 0
	}
	d := p.base
	for i := p.free; i < n && d < p.max; i++ {
		d *= 2
	}
	return min(d, p.max)
}

// The kinds of counter.
const (
	keyAccount = iota // a user name, for attempts without a device cookie
	keyAddress        // a client address (an IPv6 /64), for attempts without a device cookie
	keyDevice         // a device cookie's id, for the attempts that present it
	keyKinds
)

// maxThrottleWait is the longest wait any counter imposes: the most a user
// with the right password waits for the account's or the address's next
// turn (with a device cookie, only for the cookie's own).
const maxThrottleWait = 16 * time.Second

// defaultPolicies are the policies of the kinds of counter. An account
// forgives three typing mistakes, an address (often a whole office behind
// one NAT address) twenty; the next waits are 1, 2, 4, 8 and then 16
// seconds, so a guesser gets at most one password per 16 seconds per
// account (5,400 a day) and per address.
func defaultPolicies() [keyKinds]throttlePolicy {
	return [keyKinds]throttlePolicy{
		keyAccount: {free: 3, base: time.Second, max: maxThrottleWait, decay: time.Minute},
		keyAddress: {free: 20, base: time.Second, max: maxThrottleWait, decay: 30 * time.Second},
		keyDevice:  {free: 5, base: time.Second, max: maxThrottleWait, decay: time.Minute},
	}
}

// throttleKey names one counter.
type throttleKey struct {
	kind int
	name string
}

// counter is the failures counted on one key.
type counter struct {
	n    int       // failures not yet forgotten at last
	last time.Time // the last failure, or the last attempt let through
}

// failures is n less the failures forgotten since last.
func (c *counter) failures(p throttlePolicy, now time.Time) int {
	elapsed := now.Sub(c.last)
	if p.decay <= 0 || elapsed < p.decay {
		return c.n
	}
	return max(0, c.n-int(elapsed/p.decay))
}

// wait is how long an attempt at now must still wait.
func (c *counter) wait(p throttlePolicy, now time.Time) time.Duration {
	return c.last.Add(p.delay(c.failures(p, now))).Sub(now)
}

// loginLimiter counts failed sign-in attempts and says how long the next
// one must wait. The counters are kept in the database
// (esop.LoginCounterService), so that every server of one database counts
// the same attempts: two servers give a guesser no more turns than one.
type loginLimiter struct {
	store    esop.LoginCounterService
	now      func() time.Time
	policies [keyKinds]throttlePolicy
}

func newLoginLimiter(store esop.LoginCounterService, now func() time.Time) *loginLimiter {
	return &loginLimiter{store: store, now: now, policies: defaultPolicies()}
}

// stored turns keys into the store's keys.
func stored(keys []throttleKey) []esop.LoginCounterKey {
	out := make([]esop.LoginCounterKey, len(keys))
	for i, k := range keys {
		out[i] = esop.LoginCounterKey{Kind: k.kind, Name: k.name}
	}
	return out
}

// waitOn is the longest wait of the counters cs at now.
func (l *loginLimiter) waitOn(cs []esop.LoginCounter, now time.Time) time.Duration {
	var wait time.Duration
	for _, c := range cs {
		if c.N > 0 {
			wait = max(wait, (&counter{c.N, c.Last}).wait(l.policies[c.Kind], now))
		}
	}
	return wait
}

// set gives c n failures at last, and the time all are forgotten.
func (l *loginLimiter) set(c *esop.LoginCounter, n int, last time.Time) {
	c.N, c.Last = n, last
	c.Expires = last.Add(time.Duration(max(n, 0)) * l.policies[c.Kind].decay)
}

// loginAttempt is a sign-in attempt as the limiter sees it.
type loginAttempt struct {
	username string
	addr     string // the client's address
	device   string // the id of a valid device cookie for username, or ""
}

// keys returns the counters that decide an attempt.
func (a loginAttempt) keys() []throttleKey {
	if a.device != "" {
		return []throttleKey{{keyDevice, a.device}}
	}
	return []throttleKey{{keyAccount, shortName(a.username)}, {keyAddress, shortName(addressKey(a.addr))}}
}

// shortName keeps a counter's name short whatever was typed (a user name
// may be kilobytes long, though no account's is): a name longer than 64
// bytes is counted under its SHA-256.
func shortName(s string) string {
	if len(s) <= 64 {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:16])
}

// addressKey is the counter name of a client address: IPv6 clients are
// counted by their /64 network, which one subscriber usually holds whole.
func addressKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	if ip = ip.Unmap(); ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// rateLimited is the error of an attempt refused before its password was
// checked (httpx.RateLimited, which the API answers too).
type rateLimited = httpx.RateLimited

// throttled is the error of an attempt that came before its wait ended.
func throttled(wait time.Duration) *rateLimited {
	e := &rateLimited{Wait: wait}
	n := e.Seconds()
	e.Msg = esop.Text{
		ID: fmt.Sprintf("Terlalu banyak percobaan masuk yang gagal. Tunggu %d detik, lalu coba lagi.", n),
		EN: fmt.Sprintf("Too many failed sign-in attempts. Wait %s, then try again.", enSeconds(n)),
	}
	return e
}

// busy is the error of an attempt that found every password check taken.
func busy(wait time.Duration) *rateLimited {
	e := &rateLimited{Wait: wait}
	n := e.Seconds()
	e.Msg = esop.Text{
		ID: fmt.Sprintf("Server sedang memeriksa banyak kata sandi. Coba lagi dalam %d detik.", n),
		EN: fmt.Sprintf("The server is checking many passwords. Try again in %s.", enSeconds(n)),
	}
	return e
}

func enSeconds(n int) string {
	if n == 1 {
		return "1 second"
	}
	return fmt.Sprintf("%d seconds", n)
}

// admit decides whether an attempt may check its password now. If so it
// counts the attempt as a failure on each of its counters at once, so
// that attempts running in parallel, on this server or another, see each
// other, and returns the keys to settle with succeed or refund once the
// password is checked; otherwise it returns a *rateLimited error with the
// longest wait. An attempt inside its wait is refused on a read, without
// writing; one that may go on is decided again on the counters locked.
func (l *loginLimiter) admit(ctx context.Context, a loginAttempt) ([]throttleKey, error) {
	now := l.now()
	keys := a.keys()
	cs, err := l.store.LoginCounters(ctx, stored(keys))
	if err != nil {
		return nil, err
	}
	if wait := l.waitOn(cs, now); wait > 0 {
		return nil, throttled(wait)
	}
	var wait time.Duration
	err = l.store.UpdateLoginCounters(ctx, stored(keys), func(cs []esop.LoginCounter) []esop.LoginCounter {
		if wait = l.waitOn(cs, now); wait > 0 {
			return cs
		}
		for i := range cs {
			c := &counter{cs[i].N, cs[i].Last}
			l.set(&cs[i], c.failures(l.policies[cs[i].Kind], now)+1, now)
		}
		return cs
	})
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		return nil, throttled(wait)
	}
	return keys, nil
}

// succeed settles the keys of an attempt whose password was right: a
// device cookie's counter starts afresh; the account and the address
// only lose the failure admit counted, so a guesser's earlier failures
// still count after the owner signs in.
func (l *loginLimiter) succeed(ctx context.Context, keys []throttleKey) error {
	return l.store.UpdateLoginCounters(ctx, stored(keys), func(cs []esop.LoginCounter) []esop.LoginCounter {
		for i := range cs {
			if cs[i].Kind == keyDevice {
				cs[i].N = 0
				continue
			}
			l.set(&cs[i], cs[i].N-1, cs[i].Last)
		}
		return cs
	})
}

// refund takes back the failures admit counted for an attempt whose
// password was not checked (no hashing slot, a database error).
func (l *loginLimiter) refund(ctx context.Context, keys []throttleKey) error {
	return l.store.UpdateLoginCounters(ctx, stored(keys), func(cs []esop.LoginCounter) []esop.LoginCounter {
		for i := range cs {
			l.set(&cs[i], cs[i].N-1, cs[i].Last)
		}
		return cs
	})
}

// hashGate bounds the password checks that run at once. Each argon2id
// check holds esop.PasswordHashMemory (19 MiB) while it runs, so without
// a bound every parallel attempt would add 19 MiB. Attempts share
// sharedHashes slots; attempts with a valid device cookie may also take
// trustedHashes slots of their own, so that a flood of attempts without
// one cannot hold them up. An attempt that finds no slot within hashWait
// is refused with 429.
type hashGate struct {
	shared, trusted chan struct{}
	wait            time.Duration
}

// The size of the gate: at most sharedHashes+trustedHashes argon2id
// checks (57 MiB) at once for sign-ins. On the 2-core server two checks
// already keep both cores busy (BenchmarkHashPassword: about 21 ms
// each), so more slots would only take more memory.
const (
	sharedHashes  = 2
	trustedHashes = 1
	hashWait      = 2 * time.Second
)

func newHashGate(shared, trusted int, wait time.Duration) *hashGate {
	return &hashGate{shared: make(chan struct{}, shared), trusted: make(chan struct{}, trusted), wait: wait}
}

// acquire waits up to the gate's wait for a slot and returns the function
// that gives it back, or false when none came free in time (or ctx ended).
func (g *hashGate) acquire(ctx context.Context, trusted bool) (release func(), ok bool) {
	timer := time.NewTimer(g.wait)
	defer timer.Stop()
	trustedSlots := g.trusted
	if !trusted {
		trustedSlots = nil // a nil channel is never ready
	}
	select {
	case g.shared <- struct{}{}:
		return func() { <-g.shared }, true
	case trustedSlots <- struct{}{}:
		return func() { <-g.trusted }, true
	case <-timer.C:
	case <-ctx.Done():
	}
	return nil, false
}

package web

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
)

// testClock is a clock that moves only when told.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newTestClock() *testClock {
	return &testClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
}

// testLimiter returns a limiter whose counters are in a new SQLite
// database, on clock.
func testLimiter(t *testing.T, clock *testClock) *loginLimiter {
	l, _ := testLimiterDB(t, clock)
	return l
}

func testLimiterDB(t *testing.T, clock *testClock) (*loginLimiter, *sqlstore.DB) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "esop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = clock.now
	return newLoginLimiter(db, clock.now), db
}

// waitOf returns the wait of a refused admit, or 0 when it was let through
// (and then settles it as a failure).
func waitOf(t *testing.T, l *loginLimiter, a loginAttempt) time.Duration {
	t.Helper()
	_, err := l.admit(context.Background(), a)
	var rl *rateLimited
	if errors.As(err, &rl) {
		return rl.Wait
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

func TestThrottleDelay(t *testing.T) {
	p := defaultPolicies()[keyAccount]
	for n, want := range []time.Duration{0, 0, 0, 1 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 16 * time.Second} {
		if got := p.delay(n); got != want {
			t.Errorf("account after %d failures: %v, want %v", n, got, want)
		}
	}
	if got := p.delay(1 << 30); got != maxThrottleWait {
		t.Errorf("after a billion failures: %v, want the cap %v", got, maxThrottleWait)
	}
	for kind, p := range defaultPolicies() {
		if p.max > maxThrottleWait || p.decay <= p.max {
			t.Errorf("policy %d: max %v (cap %v), decay %v: a wait must end before a failure is forgotten", kind, p.max, maxThrottleWait, p.decay)
		}
	}
}

// A guesser who keeps failing waits 1, 2, 4, 8, then 16 seconds between
// attempts, never more; failures are forgotten one a minute.
func TestLimiterGrowingDelays(t *testing.T) {
	clock := newTestClock()
	l := testLimiter(t, clock)
	a := loginAttempt{username: "kadis", addr: "203.0.113.9"}
	for i := 0; i < 3; i++ {
		if w := waitOf(t, l, a); w != 0 {
			t.Fatalf("free failure %d: wait %v", i+1, w)
		}
	}
	for i, want := range []time.Duration{1, 2, 4, 8, 16, 16, 16} {
		want *= time.Second
		if w := waitOf(t, l, a); w != want {
			t.Fatalf("after %d failures: wait %v, want %v", i+3, w, want)
		}
		clock.advance(want - time.Millisecond)
		if w := waitOf(t, l, a); w != time.Millisecond {
			t.Fatalf("a millisecond early: wait %v", w)
		}
		clock.advance(time.Millisecond)
		if w := waitOf(t, l, a); w != 0 {
			t.Fatalf("at the end of the wait: still %v", w)
		}
	}
	// Ten quiet minutes forget ten failures: all of them.
	clock.advance(10 * time.Minute)
	for i := 0; i < 3; i++ {
		if w := waitOf(t, l, a); w != 0 {
			t.Fatalf("after ten quiet minutes, failure %d: wait %v", i+1, w)
		}
	}
}

// Attempts running in parallel see each other: of a hundred at once, only
// the free ones check a password.
func TestLimiterParallelAttempts(t *testing.T) {
	l := testLimiter(t, newTestClock())
	var admitted atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Go(func() {
			if _, err := l.admit(context.Background(), loginAttempt{username: "kadis", addr: fmt.Sprintf("198.51.100.%d", i)}); err == nil {
				admitted.Add(1)
			}
		})
	}
	wg.Wait()
	if n := admitted.Load(); n != 3 {
		t.Errorf("%d of 100 parallel attempts admitted, want the 3 free ones", n)
	}
}

func TestLimiterSettling(t *testing.T) {
	clock := newTestClock()
	l := testLimiter(t, clock)
	guess := loginAttempt{username: "kadis", addr: "203.0.113.9"}
	for i := 0; i < 3; i++ {
		waitOf(t, l, guess)
	}
	// The owner, from another address, waits for the account like anyone
	// without a device cookie, but once in, the guesser's failures still
	// count: only the owner's own attempt is taken back.
	owner := loginAttempt{username: "kadis", addr: "192.0.2.1"}
	if w := waitOf(t, l, owner); w != time.Second {
		t.Fatalf("owner without a device cookie: wait %v, want 1s", w)
	}
	clock.advance(time.Second)
	keys, err := l.admit(context.Background(), owner)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.succeed(context.Background(), keys); err != nil {
		t.Fatal(err)
	}
	if w := waitOf(t, l, guess); w != time.Second {
		t.Fatalf("guess after the owner's sign-in: wait %v, want 1s (her attempt took the turn)", w)
	}
	clock.advance(time.Second)
	if w := waitOf(t, l, guess); w != 0 {
		t.Fatalf("guess a second later: wait %v, want 0 (the fourth failure)", w)
	}
	if w := waitOf(t, l, guess); w != 2*time.Second {
		t.Fatalf("next guess: wait %v, want 2s: the owner's sign-in must not wipe the guesser's failures", w)
	}
	// A device cookie has its own counter, which the flood never touched,
	// and which starts afresh when its password is right.
	dev := loginAttempt{username: "kadis", addr: "203.0.113.9", device: "d1"}
	for i := 0; i < 5; i++ {
		if w := waitOf(t, l, dev); w != 0 {
			t.Fatalf("device attempt %d during the flood: wait %v", i+1, w)
		}
	}
	if w := waitOf(t, l, dev); w != time.Second {
		t.Fatalf("device after its own 5 failures: wait %v, want 1s", w)
	}
	clock.advance(time.Second)
	keys, err = l.admit(context.Background(), dev)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.succeed(context.Background(), keys); err != nil {
		t.Fatal(err)
	}
	if w := waitOf(t, l, dev); w != 0 {
		t.Fatalf("device after its right password: wait %v, want a fresh start", w)
	}
	// An attempt whose password was never checked is taken back whole.
	other := loginAttempt{username: "budi", addr: "192.0.2.77"}
	for i := 0; i < 10; i++ {
		keys, err := l.admit(context.Background(), other)
		if err != nil {
			t.Fatalf("refunded attempt %d: %v", i+1, err)
		}
		if err := l.refund(context.Background(), keys); err != nil {
			t.Fatal(err)
		}
	}
}

// The counters live in the database: a name kilobytes long is counted
// under a short key, and the counters that forgot every failure are
// deleted by the hourly prune, while an account under attack keeps its.
func TestLimiterCountersStored(t *testing.T) {
	clock := newTestClock()
	l, db := testLimiterDB(t, clock)
	ctx := context.Background()
	target := loginAttempt{username: "kadis", addr: "203.0.113.9"}
	for i := 0; i < 8; i++ {
		if i > 0 {
			clock.advance(maxThrottleWait)
		}
		if w := waitOf(t, l, target); w != 0 {
			t.Fatalf("failure %d: wait %v", i+1, w)
		}
	}
	long := strings.Repeat("panjang", 2000)
	waitOf(t, l, loginAttempt{username: long, addr: "192.0.2.200"})
	var longest int
	if err := db.SQL().QueryRowContext(ctx, `SELECT max(length(name)) FROM login_counters`).Scan(&longest); err != nil {
		t.Fatal(err)
	}
	if longest > 64 {
		t.Errorf("a counter named with %d bytes", longest)
	}
	if w := waitOf(t, l, loginAttempt{username: long, addr: "192.0.2.201"}); w != 0 {
		t.Errorf("the second failure of the long name: wait %v", w)
	}
	// Three minutes later the long name's failures are forgotten, the
	// attacked account's eight (and its address's) not yet.
	clock.advance(3 * time.Minute)
	if err := db.PruneCatalogueChanges(ctx); err != nil {
		t.Fatal(err)
	}
	var names []string
	rows, err := db.SQL().QueryContext(ctx, `SELECT name FROM login_counters ORDER BY kind, name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	if got, want := fmt.Sprint(names), "[kadis 203.0.113.9]"; got != want {
		t.Errorf("counters after the prune: %s, want %s", got, want)
	}
}

func TestAddressKey(t *testing.T) {
	for _, tc := range []struct{ addr, want string }{
		{"203.0.113.9", "203.0.113.9"},
		{"::ffff:203.0.113.9", "203.0.113.9"},
		{"2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"},
		{"not an address", "not an address"},
	} {
		if got := addressKey(tc.addr); got != tc.want {
			t.Errorf("addressKey(%q) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}

func TestHashGate(t *testing.T) {
	g := newHashGate(2, 1, 20*time.Millisecond)
	ctx := context.Background()
	r1, ok1 := g.acquire(ctx, false)
	r2, ok2 := g.acquire(ctx, false)
	if !ok1 || !ok2 {
		t.Fatal("the two shared slots are not free")
	}
	if _, ok := g.acquire(ctx, false); ok {
		t.Fatal("a third attempt without a device cookie got a slot")
	}
	rt, ok := g.acquire(ctx, true)
	if !ok {
		t.Fatal("an attempt with a device cookie did not get its own slot")
	}
	if _, ok := g.acquire(ctx, true); ok {
		t.Fatal("a second attempt with a device cookie got a fourth slot")
	}
	r1()
	if r, ok := g.acquire(ctx, false); !ok {
		t.Fatal("a released slot is not free again")
	} else {
		r()
	}
	r2()
	rt()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	g = newHashGate(0, 0, time.Hour)
	if _, ok := g.acquire(cancelled, true); ok {
		t.Fatal("a cancelled request got a slot")
	}
}

func TestDeviceCookieSigning(t *testing.T) {
	clock := newTestClock()
	d := &deviceSigner{key: []byte(strings.Repeat("k", 32)), now: clock.now}
	v := d.issue("", "kadis")
	if strings.ContainsAny(v, " ,;\"\\") {
		t.Fatalf("cookie value %q has characters a cookie may not hold", v)
	}
	list := d.entries(v)
	if len(list) != 1 || list[0].username != "kadis" || len(list[0].id) < 20 {
		t.Fatalf("entries of a new cookie: %+v", list)
	}
	// One browser, several accounts, the most recent first, at most five.
	for _, u := range []string{"ani", "budi", "kadis", "admin", "sari", "tono"} {
		v = d.issue(v, u)
	}
	var names []string
	for _, e := range d.entries(v) {
		names = append(names, e.username)
	}
	if got := strings.Join(names, " "); got != "tono sari admin kadis budi" {
		t.Errorf("accounts remembered: %q", got)
	}
	parts := strings.Split(strings.Split(v, "~")[0], ".") // name, id, issued, mac
	with := func(i int, value string) string {
		p := slices.Clone(parts)
		p[i] = value
		return strings.Join(p, ".")
	}
	for _, tc := range []struct {
		name, value string
	}{
		{"signed with another key", (&deviceSigner{key: []byte(strings.Repeat("x", 32)), now: clock.now}).issue("", "tono")},
		{"name changed", with(0, "a2FkaXM")},
		{"id changed", with(1, "AAAAAAAAAAAAAAAAAAAAAA")},
		{"issued changed", with(2, fmt.Sprint(clock.now().Unix()+1))},
		{"mac cut", with(3, parts[3][1:])},
		{"no mac", strings.Join(parts[:3], ".")},
		{"garbage", "x.y.z.w"},
	} {
		if got := d.entries(tc.value); len(got) != 0 {
			t.Errorf("%s: accepted %+v", tc.name, got)
		}
	}
	if got := d.entries(strings.Join(parts, ".")); len(got) != 1 {
		t.Fatalf("the untouched entry is refused")
	}
	clock.advance(deviceTTL + time.Minute)
	if got := d.entries(v); len(got) != 0 {
		t.Errorf("entries after %v: %+v", deviceTTL, got)
	}
}

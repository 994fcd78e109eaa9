package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/web"
)

// The attacks of issue 8 on the login, each against the real handler and
// database: a flood of parallel attempts must not take memory beyond a
// few password hashes, and no flood, for an account or from an address,
// may keep another user out.

// loginClock is a clock that moves only when told.
type loginClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *loginClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *loginClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// countingStore is the real store; it also counts the password checks
// (Authenticate, which hashes) and the most that ran at once.
type countingStore struct {
	web.Store
	calls, inFlight, maxInFlight atomic.Int64
}

func (s *countingStore) Authenticate(ctx context.Context, username, password string) (*esop.User, error) {
	s.calls.Add(1)
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for m := s.maxInFlight.Load(); n > m && !s.maxInFlight.CompareAndSwap(m, n); m = s.maxInFlight.Load() {
	}
	return s.Store.Authenticate(ctx, username, password)
}

// loginEnv is a server with the accounts kadis, admin, budi and ani (no
// SOP book: signing in needs none) whose clock moves only when told. It
// trusts X-Forwarded-For, so that tests sign in from several addresses,
// and an attempt waits up to a minute for a password check slot, so that
// none is refused as busy however loaded the test machine.
type loginEnv struct {
	*env
	clock *loginClock
	store *countingStore
}

func newLoginEnv(t testing.TB, secure bool) *loginEnv {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "esop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return fixedNow }
	for _, name := range []string{"kadis", "admin", "budi", "ani"} {
		role := esop.RolePelaksana
		if name == "admin" {
			role = esop.RoleAdministrator
		}
		if err := db.CreateUser(ctx, &esop.User{Username: name, Name: "Pengguna " + name, Grants: []esop.Grant{{Role: role}}}, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	clock := &loginClock{t: fixedNow}
	store := &countingStore{Store: db}
	app, err := web.New(ctx, web.Config{Store: store, Now: clock.now, TrustProxy: true, Secure: secure})
	if err != nil {
		t.Fatal(err)
	}
	app.SetHashWait(time.Minute)
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return &loginEnv{env: &env{t: t, db: db, app: app, srv: srv}, clock: clock, store: store}
}

// login posts the login form from the client address addr.
func (e *loginEnv) login(c *http.Client, addr, username, password string, headers ...string) *response {
	e.t.Helper()
	form := url.Values{"username": {username}, "password": {password}, "next": {"/dashboard"}}
	return e.postForm(c, "/login", form, append([]string{"X-Forwarded-For", addr}, headers...)...)
}

// flood posts n wrong passwords at once from addr, for the user names
// name(i), while during runs on the test's goroutine, and counts the
// answers by status.
func (e *loginEnv) flood(n int, addr string, name func(int) string, during func()) map[int]int {
	e.t.Helper()
	start := make(chan struct{})
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			form := url.Values{"username": {name(i)}, "password": {fmt.Sprintf("tebakan-salah-%d", i)}}
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Forwarded-For", addr)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				e.t.Errorf("flood attempt %d: %v", i, err)
				return
			}
			res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	close(start)
	if during != nil {
		during()
	}
	wg.Wait()
	count := map[int]int{}
	for _, s := range statuses {
		count[s]++
	}
	return count
}

// retryAfter checks that res is a throttled answer and returns its
// Retry-After in seconds.
func retryAfter(t *testing.T, what string, res *response) int {
	t.Helper()
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("%s: %d, want 429: %s", what, res.StatusCode, gist(res))
	}
	s, err := strconv.Atoi(res.Header.Get("Retry-After"))
	if err != nil || s < 1 || time.Duration(s)*time.Second > web.MaxThrottleWait {
		t.Fatalf("%s: Retry-After %q, want 1 to %v", what, res.Header.Get("Retry-After"), web.MaxThrottleWait)
	}
	return s
}

// seconds is n seconds.
func seconds(n int) time.Duration { return time.Duration(n) * time.Second }

// An attacker behind the same office address floods kadis with wrong
// passwords, round after round, each as soon as the last wait ended.
// Kadis signs in at once, during every round, on the browser she signed
// in with before; on a new browser she waits 16 seconds at most. Only the
// attempts let through check a password.
func TestLoginFloodCannotKeepOwnerOut(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, false)
	const office = "203.0.113.10"
	owner := e.newClient()
	if res := e.login(owner, office, "kadis", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first sign-in: %d %s", res.StatusCode, gist(res))
	}
	kadis := func(int) string { return "kadis" }
	checked, wrong := e.store.calls.Load(), 0
	var waits []int
	for round := range 10 {
		if round > 0 {
			e.clock.advance(seconds(waits[round-1]))
		}
		var during *response
		got := e.flood(40, office, kadis, func() { during = e.login(owner, office, "kadis", testPassword) })
		if during.StatusCode != http.StatusSeeOther {
			t.Fatalf("round %d: kadis with her device cookie: %d %s", round, during.StatusCode, gist(during))
		}
		// Three failures are free; after that one guess per wait.
		want := map[int]int{http.StatusUnauthorized: 1, http.StatusTooManyRequests: 39}
		if round == 0 {
			want = map[int]int{http.StatusUnauthorized: 3, http.StatusTooManyRequests: 37}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("round %d: answers %v, want %v", round, got, want)
		}
		wrong += got[http.StatusUnauthorized]
		w := retryAfter(t, "a guess after the round", e.login(e.newClient(), office, "kadis", "tebakan-lagi"))
		waits = append(waits, w)
	}
	if got, want := fmt.Sprint(waits), "[1 2 4 8 16 16 16 16 16 16]"; got != want {
		t.Errorf("waits after each round: %s, want %s", got, want)
	}
	// Refused attempts never reach the password check: only the wrong
	// guesses let through and kadis's own sign-ins were checked.
	if n := e.store.calls.Load() - checked; n != int64(wrong+10) {
		t.Errorf("%d passwords checked, want %d (%d guesses let through, 10 sign-ins of kadis)", n, wrong+10, wrong)
	}

	// The last guess came just now: a new browser waits for the account.
	fresh := e.newClient()
	res := e.login(fresh, office, "kadis", testPassword)
	w := retryAfter(t, "kadis on a new browser", res)
	if m := loginError.FindStringSubmatch(res.body); m == nil || m[1] != fmt.Sprintf("Terlalu banyak percobaan masuk yang gagal. Tunggu %d detik, lalu coba lagi.", w) ||
		!strings.Contains(res.body, `name="password"`) {
		t.Errorf("the throttled login page: %s", gist(res))
	}
	en := e.login(e.newClient(), office, "kadis", testPassword, "Cookie", "lang=en")
	if m := loginError.FindStringSubmatch(en.body); m == nil || m[1] != fmt.Sprintf("Too many failed sign-in attempts. Wait %d seconds, then try again.", retryAfter(t, "in English", en)) {
		t.Errorf("the throttled login page in English: %s", gist(en))
	}
	if w := retryAfter(t, "the account in capitals", e.login(e.newClient(), office, " KADIS ", testPassword)); w != 16 {
		t.Errorf("the account in capitals: Retry-After %d, want 16", w)
	}
	var body map[string]string
	api := e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/tokens", "", map[string]string{"username": "kadis", "password": testPassword}, &body, "X-Forwarded-For", office)
	retryAfter(t, "API token", api)
	if body["code"] != "rate_limited" || !strings.Contains(body["error"], "Tunggu") {
		t.Errorf("API 429 body: %v", body)
	}
	e.clock.advance(seconds(w))
	if res := e.login(fresh, office, "kadis", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("kadis on a new browser after %d seconds: %d %s", w, res.StatusCode, gist(res))
	}
	// Her sign-in took back only her own attempt: the guesser still waits.
	if w := retryAfter(t, "the guesser after kadis signed in", e.login(e.newClient(), office, "kadis", "tebakan-lagi")); w != 16 {
		t.Errorf("the guesser after kadis signed in: Retry-After %d, want 16", w)
	}
	e.clock.advance(16 * time.Second)
	if res := e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/tokens", "", map[string]string{"username": "kadis", "password": testPassword}, nil, "X-Forwarded-For", office); res.StatusCode != http.StatusCreated {
		t.Errorf("API token after the wait: %d %s", res.StatusCode, gist(res))
	}
}

// Wrong passwords for unknown user names from an office's one public
// address, round after round: the colleagues behind it still sign in, at
// once on a browser that signed in before, within 16 seconds on a new one;
// other addresses are not slowed at all.
func TestUnknownNameFloodKeepsOfficeIn(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, false)
	const office = "198.51.100.20"
	budi := e.newClient()
	if res := e.login(budi, office, "budi", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("budi's first sign-in: %d", res.StatusCode)
	}
	var waits []int
	for round := range 8 {
		got := e.flood(40, office, func(i int) string { return fmt.Sprintf("tamu-%d-%d", round, i) }, nil)
		if got[http.StatusUnauthorized]+got[http.StatusTooManyRequests] != 40 {
			t.Fatalf("round %d: answers %v", round, got)
		}
		waits = append(waits, retryAfter(t, "the address after the round", e.login(e.newClient(), office, "tamu-lain", "salah-sekali-123")))
		if round < 7 {
			e.clock.advance(seconds(waits[round]))
		}
	}
	// Twenty failures are free for an address; then 1, 2, 4, 8, 16 s.
	if got, want := fmt.Sprint(waits), "[1 2 4 8 16 16 16 16]"; got != want {
		t.Errorf("waits after each round: %s, want %s", got, want)
	}
	if res := e.login(budi, office, "budi", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Errorf("budi with his device cookie: %d %s", res.StatusCode, gist(res))
	}
	if res := e.login(e.newClient(), "192.0.2.55", "admin", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Errorf("admin from another address: %d %s", res.StatusCode, gist(res))
	}
	ani := e.newClient()
	w := retryAfter(t, "ani on a new browser behind the office address", e.login(ani, office, "ani", testPassword))
	e.clock.advance(seconds(w))
	if res := e.login(ani, office, "ani", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Errorf("ani after %d seconds: %d %s", w, res.StatusCode, gist(res))
	}
}

// The device cookie: HttpOnly, only for the login form, long-lived,
// Secure with --secure; a forged one, or another user's, earns no trust.
func TestDeviceCookie(t *testing.T) {
	t.Parallel()
	for _, secure := range []bool{false, true} {
		e := newLoginEnv(t, secure)
		res := e.login(e.newClient(), "192.0.2.1", "budi", testPassword)
		var device *http.Cookie
		for _, c := range res.Cookies() {
			if c.Name == "esop_device" {
				device = c
			}
		}
		if device == nil || !device.HttpOnly || device.Path != "/login" || device.MaxAge != 180*24*3600 ||
			device.SameSite != http.SameSiteLaxMode || device.Secure != secure || len(device.Value) < 60 {
			t.Errorf("secure=%v: device cookie %q", secure, res.Header.Values("Set-Cookie"))
		}
	}

	e := newLoginEnv(t, false)
	const addr = "203.0.113.77"
	budi, ani := e.newClient(), e.newClient()
	e.login(budi, addr, "budi", testPassword)
	e.login(ani, addr, "ani", testPassword)
	u, _ := url.Parse(e.srv.URL + "/login")
	cookie := func(c *http.Client) string {
		t.Helper()
		for _, ck := range c.Jar.Cookies(u) {
			if ck.Name == "esop_device" {
				return ck.Value
			}
		}
		t.Fatal("no device cookie in the jar")
		return ""
	}
	budiCookie, aniCookie := cookie(budi), cookie(ani)
	e.flood(10, addr, func(int) string { return "budi" }, nil)
	for name, value := range map[string]string{
		"another user's": aniCookie,
		"forged":         budiCookie[:len(budiCookie)-4] + "AAAA",
		"no":             "",
	} {
		c := e.newClient()
		if value != "" {
			c.Jar.SetCookies(u, []*http.Cookie{{Name: "esop_device", Value: value, Path: "/login"}})
		}
		retryAfter(t, name+" device cookie for budi", e.login(c, addr, "budi", testPassword))
	}
	if res := e.login(budi, addr, "budi", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Errorf("budi's own device cookie: %d %s", res.StatusCode, gist(res))
	}
	// A shared office computer is known for each account signed in on it.
	e.login(budi, addr, "ani", testPassword)
	e.flood(10, addr, func(int) string { return "ani" }, nil)
	for _, name := range []string{"budi", "ani"} {
		if res := e.login(budi, addr, name, testPassword); res.StatusCode != http.StatusSeeOther {
			t.Errorf("%s on the shared browser: %d %s", name, res.StatusCode, gist(res))
		}
	}
}

// The key that signs device cookies is kept in the database, so that a
// restart (or another server of the same database) accepts the cookies,
// and the audit trail records only its hash.
func TestDeviceKeyStored(t *testing.T) {
	t.Parallel()
	e := newLoginEnv(t, false)
	ctx := context.Background()
	key, err := e.db.Setting(ctx, web.DeviceKeySetting)
	if err != nil || len(key) < 300 {
		t.Fatalf("device key setting: %d characters, %v", len(key), err)
	}
	list, _, err := e.db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySetting, EntityID: web.DeviceKeySetting})
	if err != nil || len(list) != 1 {
		t.Fatalf("audit entries of the key: %d, %v", len(list), err)
	}
	if a := list[0].After; strings.Contains(a, key) || strings.Contains(a, key[:40]) || !strings.Contains(a, "sha256") {
		t.Errorf("the audit trail records the key itself: %.200s", a)
	}

	const addr = "203.0.113.88"
	c := e.newClient()
	e.login(c, addr, "kadis", testPassword)
	restarted, err := web.New(ctx, web.Config{Store: e.db, Now: e.clock.now, TrustProxy: true})
	if err != nil {
		t.Fatal(err)
	}
	restarted.SetHashWait(time.Minute)
	e.srv = httptest.NewServer(restarted) // the cookie jar sends the cookies of 127.0.0.1 to any port
	t.Cleanup(e.srv.Close)
	e.flood(10, addr, func(int) string { return "kadis" }, nil)
	retryAfter(t, "kadis without a device cookie after the restart", e.login(e.newClient(), addr, "kadis", testPassword))
	if res := e.login(c, addr, "kadis", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Errorf("kadis's device cookie after the restart: %d %s", res.StatusCode, gist(res))
	}
	if again, _ := e.db.Setting(ctx, web.DeviceKeySetting); again != key {
		t.Error("the restart replaced the key")
	}
}

// heapObjects is the memory of the heap's objects, live or not yet
// collected: what a flood of password hashes fills.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// The memory of a login flood stays within a bound (docs/decisions.md,
// "Login throttling"): 120 wrong passwords at once for one account, then
// 120 at once for 120 names from 120 addresses, which the throttle lets
// through so that only the hash gate holds them, through the real
// handler. Before the gate the first flood alone took the server from 38
// to 1,181 MB. Not parallel: other tests' memory would count.
func TestLoginFloodMemory(t *testing.T) {
	e := newLoginEnv(t, false)
	e.app.SetHashWait(web.DefaultHashWait)
	const n = 120
	flood := func(who func(i int) (addr, name string)) map[int]int {
		start := make(chan struct{})
		statuses := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				addr, name := who(i)
				form := url.Values{"username": {name}, "password": {fmt.Sprintf("tebakan-salah-%d", i)}}
				req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.RemoteAddr = addr + ":40000"
				rec := httptest.NewRecorder()
				<-start
				e.app.ServeHTTP(rec, req)
				statuses[i] = rec.Code
			})
		}
		close(start)
		wg.Wait()
		count := map[int]int{}
		for _, s := range statuses {
			count[s]++
		}
		return count
	}
	runtime.GC()
	base := heapObjects()
	var peak atomic.Uint64
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			if h := heapObjects(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Microsecond):
			}
		}
	}()
	one := flood(func(int) (string, string) { return "203.0.113.5", "kadis" })
	many := flood(func(i int) (string, string) { return fmt.Sprintf("10.1.%d.%d", i/256, i%256), fmt.Sprintf("tamu%d", i) })
	close(stop)
	<-stopped

	// The bound (docs/decisions.md, "Login throttling"): what the heap
	// keeps, the heap before the floods and the checks the gate lets run
	// at once, doubled, because the garbage collector lets the heap grow
	// to twice what it kept before it collects again (GOGC=100); plus one
	// more check per slot, started while a collection is marking.
	const slots = web.LoginHashSlots
	bound := 2*base + 3*slots*esop.PasswordHashMemory
	t.Logf("one account: %v; %d names: %v; heap %d MiB before, peak %d MiB, bound %d MiB; %d checks at most at once",
		one, n, many, base>>20, peak.Load()>>20, bound>>20, e.store.maxInFlight.Load())
	if p := peak.Load(); p > bound {
		t.Errorf("heap peaked at %d MiB during the floods, over the bound of %d MiB (2 × %d MiB before + 3 × %d × 19 MiB)",
			p>>20, bound>>20, base>>20, slots)
	}
	if m := e.store.maxInFlight.Load(); m > web.LoginHashSlots {
		t.Errorf("%d password checks ran at once, want at most %d", m, web.LoginHashSlots)
	}
	if one[http.StatusUnauthorized] > 3 || one[http.StatusUnauthorized]+one[http.StatusTooManyRequests] != n {
		t.Errorf("one account: answers %v, want at most 3 checked and the rest refused", one)
	}
	if many[http.StatusUnauthorized]+many[http.StatusTooManyRequests] != n || many[http.StatusUnauthorized] < 2 {
		t.Errorf("%d names: answers %v, want 401 or 429 (busy) each", n, many)
	}
}

package web_test

import (
	"context"
	"fmt"
	"image"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esop-malang/esop/jobs"
	"github.com/esop-malang/esop/postgres"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
	"github.com/esop-malang/esop/web"
)

// countedSweeps is a server's store that counts the sweeps its job queue
// runs.
type countedSweeps struct {
	*sqlstore.DB
	n *atomic.Int64
}

func (c countedSweeps) SweepSuperseded(ctx context.Context) (int, error) {
	c.n.Add(1)
	return c.DB.SweepSuperseded(ctx)
}

// Two servers, each with its own store, on one PostgreSQL database (issue
// 14, point 1), behave as one: an SOP approved on A is found and listed on
// B within a second, and gone from B within a second of its withdrawal on
// A (visitors' catalogue and search pages, kept rendered, included); a
// logo uploaded on A is drawn by B within a second; wrong passwords split
// across A and B count on one throttle; a
// session started on A works on B, and signing out on B ends it on A; the
// hourly sweep runs once for both.
func TestTwoServersOnePostgres(t *testing.T) {
	dbA, dsn := storetest.FreshPostgresDSN(t)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	a := newEnvOn(t, dbA)
	dbB, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dbB.Close() })
	dbB.Now = dbA.Now
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	appB, err := web.New(ctx, web.Config{Store: dbB, Renderer: r, BaseURL: testBaseURL, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	srvB := httptest.NewServer(appB)
	t.Cleanup(srvB.Close)
	b := &env{t: t, db: dbB, app: appB, srv: srvB}
	go a.app.FollowChanges(ctx, web.DefaultFollowEvery)
	go b.app.FollowChanges(ctx, web.DefaultFollowEvery)

	// The pengesah is the Kepala Dinas, who signs.
	kadis, err := dbA.FindEmployeeByNIP(ctx, kadisNIP)
	if err != nil {
		t.Fatal(err)
	}
	u := a.user("pengesah")
	u.EmployeeID = kadis.ID
	if err := dbA.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}

	// An SOP written and approved on A.
	const title, word = "Pelayanan Uji Zamrud Dua Server", "zamrud"
	author, reviewer, approver := a.session("penyusun"), a.session("pemeriksa"), a.session("pengesah")
	d := draftDocument(t, a.sop(akSample), unitPenta, title)
	if res := a.postForm(author, "/sops/new", editorForm(d, "submit", 0)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit on A: %s", gist(res))
	}
	id := a.sop(title).ID
	path := fmt.Sprintf("/sops/%d/transitions", id)
	if res := a.postForm(reviewer, path, url.Values{"action": {"review"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("review on A: %s", gist(res))
	}
	anonB := b.newClient()
	listed := func(e *env) (catalogue, search bool) {
		_, home := e.get(anonB, "/")
		_, found := e.get(anonB, "/search?q="+word)
		return strings.Contains(home, title), strings.Contains(found, title)
	}
	if c, s := listed(b); c || s {
		t.Fatalf("a draft is public on B: catalogue %v, search %v", c, s)
	}
	res := a.postForm(approver, path, url.Values{"action": {"approve"}, "note": {"Setuju"}, "effective": {fixedNow.Format(time.DateOnly)}, "confirm": {"yes"}})
	approved := time.Now()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve on A: %s", gist(res))
	}
	within := func(what string, want bool) {
		t.Helper()
		for {
			c, s := listed(b)
			if c == want && s == want {
				t.Logf("%s: %v on B after %v", what, want, time.Since(approved).Round(time.Millisecond))
				return
			}
			if time.Since(approved) > time.Second {
				t.Fatalf("%s: on B after a second: in the catalogue %v, found by search %v; want %v", what, c, s, want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	within("approved on A", true)
	if c, s := listed(a); !c || !s {
		t.Errorf("approved on A, on A itself: catalogue %v, search %v", c, s)
	}

	// Withdrawn on A: gone from B.
	res = a.postForm(approver, path, url.Values{"action": {"withdraw"}, "note": {"Layanan dihapus"}, "confirm": {"yes"}})
	approved = time.Now()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw on A: %s", gist(res))
	}
	within("withdrawn on A", false)

	// A logo uploaded on A is drawn by B within a second: B serves it to
	// its administrators and prints the identity page with it, as A does.
	page1 := fmt.Sprintf("/sops/%d/document.png?page=1", a.sop(titleInForce).ID)
	before := b.do(b.newClient(), http.MethodGet, page1, nil).body
	logo := image.NewRGBA(image.Rect(0, 0, 30, 60))
	for i := range logo.Pix {
		logo.Pix[i] = uint8(i * 7)
	}
	if res := a.upload(a.session("admin"), "/admin/logo", "logo", map[string][]byte{"logo.png": pngOf(t, logo)}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logo on A: %s", gist(res))
	}
	uploaded := time.Now()
	logoA := a.do(a.session("admin"), http.MethodGet, "/admin/logo.png", nil)
	if logoA.StatusCode != http.StatusOK {
		t.Fatalf("the logo on A: %s", gist(logoA))
	}
	adminB := b.session("admin")
	for {
		res := b.do(adminB, http.MethodGet, "/admin/logo.png", nil)
		if res.StatusCode == http.StatusOK && res.body == logoA.body {
			t.Logf("the logo on B after %v", time.Since(uploaded).Round(time.Millisecond))
			break
		}
		if time.Since(uploaded) > time.Second {
			t.Fatalf("a second after the upload on A, B's logo: %s", gist(res))
		}
		time.Sleep(20 * time.Millisecond)
	}
	printedA, printedB := a.do(a.newClient(), http.MethodGet, page1, nil).body, b.do(b.newClient(), http.MethodGet, page1, nil).body
	if printedB == before || printedB != printedA {
		t.Errorf("B's identity page after the logo: changed %v, the same as A's %v", printedB != before, printedB == printedA)
	}

	// Wrong passwords for one account, split across the servers: three
	// are free in all, not three on each; the next attempt waits on both.
	for i, e := range []*env{a, b, a} {
		if res := e.loginForm(e.newClient(), "pelaksana", "tebakan-salah-1", "/dashboard"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("guess %d: %s", i+1, gist(res))
		}
	}
	for name, e := range map[string]*env{"B": b, "A": a} {
		if res := e.loginForm(e.newClient(), "pelaksana", "tebakan-salah-2", "/dashboard"); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("the fourth guess, on %s: %s, want 429", name, gist(res))
		}
	}

	// A session started on A (by the login form) works on B; signing out
	// on B ends it on A too.
	onA := a.newClient()
	if res := a.loginForm(onA, "penyusun", testPassword, "/dashboard"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login on A: %s", gist(res))
	}
	aURL, _ := url.Parse(a.srv.URL)
	bURL, _ := url.Parse(b.srv.URL)
	onB := b.newClient()
	onB.Jar.SetCookies(bURL, onA.Jar.Cookies(aURL))
	if !b.sessionAlive(onB) {
		t.Fatal("the session of A is not valid on B")
	}
	if res := b.postForm(onB, "/logout", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout on B: %s", gist(res))
	}
	if a.sessionAlive(onA) {
		t.Error("signed out on B, the session still works on A")
	}

	// The hourly sweep: each server starts a job queue; the leader inserts
	// the sweep, which runs once.
	if err := jobs.Migrate(ctx, dbA.SQL(), "postgres"); err != nil {
		t.Fatal(err)
	}
	var sweeps atomic.Int64
	for i, db := range []*sqlstore.DB{dbA, dbB} {
		q, err := jobs.New(jobs.Config{DB: db.SQL(), Dialect: "postgres", Store: countedSweeps{db, &sweeps}, ID: fmt.Sprintf("server-%c", 'a'+i)})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			q.Stop(stopCtx)
		})
	}
	deadline := time.Now().Add(30 * time.Second)
	for sweeps.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // room for a second sweep, were there one
	if n := sweeps.Load(); n != 1 {
		t.Errorf("the sweep ran %d times on two servers, want once", n)
	}
	var jobsN int
	if err := dbA.SQL().QueryRowContext(ctx, `SELECT count(*) FROM river_job WHERE kind = $1`, jobs.SweepArgs{}.Kind()).Scan(&jobsN); err != nil || jobsN != 1 {
		t.Errorf("sweep jobs in the queue: %d, %v; want 1", jobsN, err)
	}
}

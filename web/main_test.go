package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/web"
)

// testPassword is the password of every test account.
const testPassword = "kata-sandi-uji-123"

// testBaseURL is the public address of the test server, printed on PDFs.
const testBaseURL = "https://sop.malangkota.go.id"

// fixedNow is the clock of the tests: a day when the sample SOPs are in force.
var fixedNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// env is a running test server on a real SQLite database holding the
// sample book and one account for each role.
type env struct {
	t   testing.TB
	db  *sqlstore.DB
	app *web.Server
	srv *httptest.Server
}

// The test accounts: username → grants. Unit-scoped roles are for the
// unit with the key given after the colon.
var accounts = map[string][]string{
	"admin":     {"administrator"},
	"penyusun":  {"penyusun:bidang-penta"},
	"pemeriksa": {"pemeriksa:bidang-penta"},
	"pengesah":  {"pengesah:disnakertrans"},
	"pelaksana": {"pelaksana"},
	"auditor":   {"auditor"},
	"penyusun2": {"penyusun:bidang-hi"}, // an author of another unit
}

// newEnv starts a server for one test.
func newEnv(t testing.TB) *env {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "esop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return newEnvOn(t, db)
}

// newEnvOn starts a server for one test on db, a new database.
func newEnvOn(t testing.TB, db *sqlstore.DB) *env {
	t.Helper()
	ctx := context.Background()
	db.Now = func() time.Time { return fixedNow }
	if _, err := sampledata.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	units, err := db.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	unitID := map[string]int64{}
	for _, u := range units {
		unitID[u.Key] = u.ID
	}
	for name, grants := range accounts {
		u := &esop.User{Username: name, Name: "Pengguna " + name}
		for _, g := range grants {
			role, key, _ := strings.Cut(g, ":")
			if key != "" && unitID[key] == 0 {
				t.Fatalf("no unit with key %q in the sample organisation", key)
			}
			u.Grants = append(u.Grants, esop.Grant{Role: role, UnitID: unitID[key]})
		}
		if err := db.CreateUser(ctx, u, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	app, err := web.New(ctx, web.Config{Store: db, Renderer: r, BaseURL: testBaseURL, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return &env{t: t, db: db, app: app, srv: srv}
}

// client returns an HTTP client with a cookie jar that does not follow
// redirects, signed in as username ("" for anonymous).
func (e *env) client(username string) *http.Client {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if username == "" {
		return c
	}
	res, err := c.PostForm(e.srv.URL+"/login", url.Values{"username": {username}, "password": {testPassword}, "next": {"/dashboard"}})
	if err != nil {
		e.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login as %s: status %d", username, res.StatusCode)
	}
	return c
}

// get fetches a path and returns the status and body.
func (e *env) get(c *http.Client, path string) (int, string) {
	e.t.Helper()
	res, err := c.Get(e.srv.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// sopID returns the id of the sample SOP with the given number.
func (e *env) sopID(number string) int64 {
	e.t.Helper()
	s, err := e.db.FindSOPByNumber(context.Background(), number)
	if err != nil {
		e.t.Fatal(err)
	}
	return s.ID
}

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Cross-site request forgery: a form posted from another site with the
// victim's session cookie is refused and changes nothing; the same form
// from the site itself passes. Go's http.Client sends neither Origin nor
// Sec-Fetch-Site, so every other test passes the check as a non-browser
// client; here the headers a browser sends are set by hand.

func TestCrossSiteRequests(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	valid := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Uji Lintas Situs")
	userCount := func() int {
		users, err := e.db.FindUsers(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return len(users)
	}
	type action struct {
		user    string
		path    string
		form    func(i int) url.Values
		changed func(before int) bool
		state   func() int
	}
	actions := map[string]action{
		"logout": {"pelaksana", "/logout", func(int) url.Values { return nil }, nil, nil},
		"new SOP": {"penyusun", "/sops/new", func(i int) url.Values {
			d := valid.Clone()
			d.Title += " " + strings.Repeat("I", i+1)
			return editorForm(d, "save", 0)
		}, func(before int) bool { return e.countSOPs() != before }, e.countSOPs},
		"new user": {"admin", "/admin/users", func(i int) url.Values {
			return url.Values{"username": {"penyerang" + strings.Repeat("x", i)}, "password": {"rahasia-panjang-1"}, "role0": {"administrator"}}
		}, func(before int) bool { return userCount() != before }, userCount},
		"login": {"", "/login", func(int) url.Values {
			return url.Values{"username": {"penyusun"}, "password": {testPassword}}
		}, nil, nil},
	}
	origin := e.srv.URL
	for i, tc := range []struct {
		name    string
		headers []string
		allowed bool
	}{
		{"Sec-Fetch-Site cross-site", []string{"Sec-Fetch-Site", "cross-site"}, false},
		{"Sec-Fetch-Site same-site", []string{"Sec-Fetch-Site", "same-site"}, false},
		{"cross-site with our Origin", []string{"Sec-Fetch-Site", "cross-site", "Origin", origin}, false},
		{"Origin of another site", []string{"Origin", "https://evil.example"}, false},
		{"Origin null", []string{"Origin", "null"}, false},
		{"Sec-Fetch-Site same-origin", []string{"Sec-Fetch-Site", "same-origin"}, true},
		{"our Origin", []string{"Origin", origin}, true},
		{"Sec-Fetch-Site none", []string{"Sec-Fetch-Site", "none"}, true},
	} {
		for name, a := range actions {
			c := e.session(a.user)
			before := 0
			if a.state != nil {
				before = a.state()
			}
			res := e.postForm(c, a.path, a.form(i), tc.headers...)
			label := tc.name + ": " + name
			if !tc.allowed {
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("%s: %d, want 403", label, res.StatusCode)
				}
				checkSecurityHeaders(t, label, res)
				if len(res.Cookies()) != 0 {
					t.Errorf("%s: the refused request set cookies %q", label, res.Header.Values("Set-Cookie"))
				}
				if a.changed != nil && a.changed(before) {
					t.Errorf("%s: the refused request changed the store", label)
				}
				if a.user != "" && !e.sessionAlive(c) {
					t.Errorf("%s: the refused request ended the session", label)
				}
				continue
			}
			if res.StatusCode != http.StatusSeeOther {
				t.Errorf("%s: %d, want 303 (%s)", label, res.StatusCode, gist(res))
			}
			if a.changed != nil && !a.changed(before) {
				t.Errorf("%s: the request did not change the store", label)
			}
			if name == "logout" && e.sessionAlive(c) {
				t.Errorf("%s: still signed in", label)
			}
		}
	}
	// Reading is never refused, whatever the headers.
	if res := e.do(e.session("penyusun"), http.MethodGet, "/dashboard", nil, "Sec-Fetch-Site", "cross-site"); res.StatusCode != http.StatusOK {
		t.Errorf("GET from another site: %d", res.StatusCode)
	}
	// The API with the session cookie is protected the same way.
	c := e.session("penyusun")
	before := e.countSOPs()
	res := e.apiJSON(c, http.MethodPost, "/api/v1/sops", "", valid, nil, "Sec-Fetch-Site", "cross-site")
	if res.StatusCode != http.StatusForbidden || e.countSOPs() != before {
		t.Errorf("API POST from another site with the cookie: %d", res.StatusCode)
	}
}

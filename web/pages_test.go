package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// Scenario tests of the pages against the real database: signing in and
// out, language, cookies and security headers, escaping,
// the catalogue, search, the SOP page and its downloads, metrics and
// health.

// loginForm posts the login form with a fresh client.
func (e *env) loginForm(c *http.Client, username, password, next string, headers ...string) *response {
	e.t.Helper()
	return e.postForm(c, "/login", url.Values{"username": {username}, "password": {password}, "next": {next}}, headers...)
}

var loginError = regexp.MustCompile(`<p class="error-msg" role="alert">([^<]*)</p>`)

func TestLogin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	disabled := e.user("pelaksana")
	disabled.Disabled = true
	if err := e.db.UpdateUser(ctx, disabled); err != nil {
		t.Fatal(err)
	}
	var messages = map[string]string{} // case → the message shown
	for _, tc := range []struct {
		name, username, password, next string
		status                         int
		location                       string
	}{
		{"right password", "penyusun", testPassword, "/sops/new", http.StatusSeeOther, "/sops/new"},
		{"user name in capitals", "  PENYUSUN ", testPassword, "", http.StatusSeeOther, "/dashboard"},
		{"wrong password", "penyusun", "salah-sekali-123", "/sops/new", http.StatusUnauthorized, ""},
		{"unknown user", "tidak-ada", testPassword, "/", http.StatusUnauthorized, ""},
		{"disabled account", "pelaksana", testPassword, "/", http.StatusUnauthorized, ""},
		{"empty form", "", "", "", http.StatusUnauthorized, ""},
		{"next on another site", "auditor", testPassword, "//evil.example/x", http.StatusSeeOther, "/dashboard"},
		{"next with a scheme", "auditor", testPassword, "https://evil.example/", http.StatusSeeOther, "/dashboard"},
		{"next with a backslash", "auditor", testPassword, "/\\evil.example", http.StatusSeeOther, "/dashboard"},
		// Browsers drop tabs and newlines from URLs: "/\t/evil.example" is "//evil.example".
		{"next with a tab", "auditor", testPassword, "/\t/evil.example", http.StatusSeeOther, "/dashboard"},
		{"next with a newline", "auditor", testPassword, "/\n/evil.example", http.StatusSeeOther, "/dashboard"},
	} {
		func() {
			c := e.newClient()
			res := e.loginForm(c, tc.username, tc.password, tc.next)
			if res.StatusCode != tc.status {
				t.Errorf("%s: status %d, want %d: %s", tc.name, res.StatusCode, tc.status, gist(res))
				return
			}
			if tc.status != http.StatusSeeOther {
				m := loginError.FindStringSubmatch(res.body)
				if m == nil {
					t.Errorf("%s: no error message on the login page: %s", tc.name, gist(res))
					return
				}
				messages[tc.name] = m[1]
				if !strings.Contains(res.body, `name="password"`) {
					t.Errorf("%s: the login form is not shown again", tc.name)
				}
				if strings.Contains(res.body, tc.password) && tc.password != "" {
					t.Errorf("%s: the password is echoed back", tc.name)
				}
				if e.sessionAlive(c) {
					t.Errorf("%s: a failed login signed the user in", tc.name)
				}
				return
			}
			if loc := res.Header.Get("Location"); loc != tc.location {
				t.Errorf("%s: redirected to %q, want %q", tc.name, loc, tc.location)
			}
			if !e.sessionAlive(c) {
				t.Errorf("%s: the session cookie does not sign the user in", tc.name)
			}
		}()
	}
	want := "nama pengguna atau kata sandi salah"
	for name, msg := range messages {
		if msg != want {
			t.Errorf("%s: message %q, want the same %q for every failure", name, msg, want)
		}
	}
	if len(messages) != 4 {
		t.Errorf("%d failure messages checked, want 4", len(messages))
	}
}

func TestSessionCookie(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	res := e.loginForm(c, "auditor", testPassword, "")
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == "esop_session" {
			session = ck
		}
	}
	if session == nil {
		t.Fatalf("no session cookie in %q", res.Header.Values("Set-Cookie"))
	}
	if !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" || session.MaxAge != 12*3600 || len(session.Value) < 32 {
		t.Errorf("session cookie %q: want HttpOnly, SameSite=Lax, Path=/, Max-Age of 12 hours and a long token", res.Header.Get("Set-Cookie"))
	}
	if session.Secure {
		t.Error("Secure is set on a server configured without TLS")
	}
	// A new login gets a new token, and the old one ends.
	again := e.loginForm(c, "auditor", testPassword, "")
	var second string
	for _, ck := range again.Cookies() {
		if ck.Name == "esop_session" {
			second = ck.Value
		}
	}
	if second == "" || second == session.Value {
		t.Errorf("a second login kept the token (%q)", second)
	}
	old := e.newClient()
	u, _ := url.Parse(e.srv.URL)
	old.Jar.SetCookies(u, []*http.Cookie{{Name: "esop_session", Value: session.Value}})
	if e.sessionAlive(old) {
		t.Error("the token of the replaced session still works")
	}
}

func TestLogout(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	e.loginForm(c, "penyusun", testPassword, "")
	u, _ := url.Parse(e.srv.URL)
	var token string
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "esop_session" {
			token = ck.Value
		}
	}
	if token == "" || !e.sessionAlive(c) {
		t.Fatal("not signed in")
	}
	res := e.do(c, http.MethodPost, "/logout", nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("logout: %s", gist(res))
	}
	cleared := false
	for _, ck := range res.Cookies() {
		cleared = cleared || ck.Name == "esop_session" && ck.MaxAge < 0
	}
	if !cleared {
		t.Errorf("logout does not clear the cookie: %q", res.Header.Values("Set-Cookie"))
	}
	// The token itself is dead, not only the cookie.
	replay := e.newClient()
	replay.Jar.SetCookies(u, []*http.Cookie{{Name: "esop_session", Value: token}})
	if e.sessionAlive(replay) {
		t.Error("the session token still works after logout")
	}
	if _, err := e.db.FindSession(context.Background(), token); esop.ErrorCode(err) != esop.EUNAUTHORIZED {
		t.Errorf("the store still has the session: %v", err)
	}
	// Logging out again is refused: there is no session.
	if res := e.do(c, http.MethodPost, "/logout", nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("logout without a session: %d", res.StatusCode)
	}
}

var htmlLang = regexp.MustCompile(`<html lang="([a-z]+)">`)

func TestLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	en := e.newClient()
	if res := e.postForm(en, "/lang", url.Values{"lang": {"en"}, "next": {"/search"}}); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/search" {
		t.Fatalf("POST /lang: %s", gist(res))
	} else if ck := res.Cookies(); len(ck) != 1 || ck[0].Name != "lang" || ck[0].Value != "en" || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteLaxMode {
		t.Errorf("language cookie: %q", res.Header.Values("Set-Cookie"))
	}
	userEN := e.session("auditor")
	u := e.user("auditor")
	u.Lang = "en"
	if err := e.db.UpdateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name           string
		c              *http.Client
		acceptLanguage string
		lang, text     string
	}{
		{"default", e.newClient(), "", "id", "Katalog SOP"},
		// A browser set to English still gets the Indonesian site: English
		// is the visitor's choice (the switch), not the browser's.
		{"Accept-Language en", e.newClient(), "en-GB,en;q=0.9", "id", "Katalog SOP"},
		{"Accept-Language en only", e.newClient(), "en", "id", "Katalog SOP"},
		{"Accept-Language id", e.newClient(), "id-ID,id;q=0.9,en;q=0.5", "id", "Katalog SOP"},
		{"English second", e.newClient(), "en;q=0.4, id", "id", "Katalog SOP"},
		{"unknown language", e.newClient(), "fr-FR", "id", "Katalog SOP"},
		{"cookie en", en, "", "en", "SOP catalogue"},
		{"cookie wins over the header", en, "id", "en", "SOP catalogue"},
		{"cookie en with an English browser", en, "en-US,en", "en", "SOP catalogue"},
		{"the user's own setting", userEN, "id", "en", "SOP catalogue"},
	} {
		var headers []string
		if tc.acceptLanguage != "" {
			headers = []string{"Accept-Language", tc.acceptLanguage}
		}
		res := e.do(tc.c, http.MethodGet, "/", nil, headers...)
		m := htmlLang.FindStringSubmatch(res.body)
		if res.StatusCode != http.StatusOK || m == nil || m[1] != tc.lang || !strings.Contains(res.body, tc.text) {
			t.Errorf("%s: status %d, lang %v, want %s with %q", tc.name, res.StatusCode, m, tc.lang, tc.text)
		}
	}
	// Unknown languages are refused; the cookie is not changed.
	if res := e.postForm(en, "/lang", url.Values{"lang": {"fr"}}); res.StatusCode != http.StatusUnprocessableEntity || len(res.Cookies()) != 0 {
		t.Errorf("POST /lang fr: %d %q", res.StatusCode, res.Header.Values("Set-Cookie"))
	}
	// Error messages follow the language too, in pages and in the API
	// (which, for programs, also honours Accept-Language).
	if res := e.do(e.newClient(), http.MethodGet, "/sops/999999", nil, "Accept-Language", "en"); res.StatusCode != http.StatusNotFound || !strings.Contains(res.body, "SOP tidak ditemukan") {
		t.Errorf("404 page for an English browser: %s", gist(res))
	}
	if res := e.do(en, http.MethodGet, "/sops/999999", nil); res.StatusCode != http.StatusNotFound || !strings.Contains(res.body, "The SOP does not exist") {
		t.Errorf("English 404 page: %s", gist(res))
	}
	var apiErr struct{ Error string }
	e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/sops/999999", "", nil, &apiErr, "Accept-Language", "en")
	if apiErr.Error != "The SOP does not exist or is not in force yet." {
		t.Errorf("English API error: %q", apiErr.Error)
	}
	e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/sops/999999", "", nil, &apiErr)
	if apiErr.Error != "SOP tidak ditemukan atau belum berlaku." {
		t.Errorf("Indonesian API error: %q", apiErr.Error)
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	anon, staff := e.newClient(), e.session("penyusun2")
	id := e.sop(titleInForce).ID
	_, catalogue := e.get(anon, "/")
	css := regexp.MustCompile(`href="(/static/[^"]+\.css)"`).FindStringSubmatch(catalogue)
	js := regexp.MustCompile(`src="(/static/[^"]+\.js)"`).FindStringSubmatch(catalogue)
	if css == nil || js == nil {
		t.Fatal("no static files linked from the catalogue")
	}
	// Unknown API addresses are not in openapi.json: a client that does not check.
	plain := &http.Client{CheckRedirect: anon.CheckRedirect}
	for _, tc := range []struct {
		c            *http.Client
		method, path string
		headers      []string
		status       int
	}{
		{anon, "GET", "/", nil, 200},
		{anon, "GET", fmt.Sprintf("/sops/%d", id), nil, 200},
		{anon, "GET", fmt.Sprintf("/sops/%d/flowchart.svg", id), nil, 200},
		{anon, "GET", fmt.Sprintf("/sops/%d/document.json", id), nil, 200},
		{anon, "GET", "/login", nil, 200},
		{anon, "GET", "/search?q=kerja", nil, 200},
		{anon, "GET", "/dashboard", nil, 303},
		{anon, "GET", "/sops/999999", nil, 404},
		{anon, "GET", "/no/such/page", nil, 404},
		{anon, "GET", css[1], nil, 200},
		{anon, "GET", js[1], nil, 200},
		{anon, "GET", "/healthz", nil, 200},
		{anon, "GET", "/metrics", nil, 303},
		{anon, "POST", "/login", nil, 401},
		{anon, "GET", "/api/v1/sops", nil, 200},
		{plain, "GET", "/api/v1/nope", nil, 404},
		{staff, "GET", "/dashboard", nil, 200},
		{staff, "GET", "/sops/new", nil, 200},
		{staff, "GET", "/admin", nil, 403},
		{staff, "POST", "/logout", []string{"Sec-Fetch-Site", "cross-site"}, 403},
	} {
		res := e.do(tc.c, tc.method, tc.path, nil, tc.headers...)
		label := tc.method + " " + tc.path
		if res.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d", label, res.StatusCode, tc.status)
		}
		checkSecurityHeaders(t, label, res)
	}
}

// checkSecurityHeaders checks the headers every answer carries and, for
// pages, that nothing in them needs what the policy forbids.
func checkSecurityHeaders(t *testing.T, label string, res *response) {
	t.Helper()
	csp := res.Header.Get("Content-Security-Policy")
	if csp == "" || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") ||
		!strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("%s: Content-Security-Policy %q", label, csp)
	}
	for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s: %s %q, want %q", label, h, got, want)
		}
	}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		checkNoInline(t, label, res.body)
	}
}

var (
	htmlTag      = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	quotedValue  = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	badAttribute = regexp.MustCompile(`(?i)\s(on[a-z]+|style)\s*=`)
	jsURL        = regexp.MustCompile(`(?i)\s(href|src|action|formaction)\s*=\s*["']?\s*javascript:`)
)

// checkNoInline fails when a page holds script or style that the
// Content-Security-Policy would block: inline <script>, <style>, style
// attributes, event handler attributes or javascript: URLs.
func checkNoInline(t *testing.T, label, body string) {
	t.Helper()
	for _, tag := range htmlTag.FindAllString(body, -1) {
		name := strings.ToLower(strings.FieldsFunc(tag[1:], func(r rune) bool { return r == ' ' || r == '>' || r == '\n' || r == '/' })[0])
		bare := quotedValue.ReplaceAllString(tag, `""`) // attribute names only
		switch {
		case name == "script" && !strings.Contains(bare, " src="):
			t.Errorf("%s: inline script %q", label, tag)
		case name == "style":
			t.Errorf("%s: inline <style>", label)
		case badAttribute.MatchString(bare):
			t.Errorf("%s: %q has an attribute the Content-Security-Policy blocks", label, tag)
		case jsURL.MatchString(tag):
			t.Errorf("%s: %q has a javascript: URL", label, tag)
		}
	}
}

// unescaped returns the text of a page with its character references
// decoded, for looking up titles as the reader sees them.
func unescaped(body string) string { return html.UnescapeString(body) }

func TestUserInputIsEscaped(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	author := e.session("penyusun2")
	token := e.bearer("penyusun2")
	const evil = `<script>alert(1)</script>`
	const evilAttr = `"><img src=x onerror=alert(2)>`
	d := draftDocument(t, e.sop(titleInForce), unitHI, evil)
	d.Steps[0].Activity = "Terima berkas " + evilAttr
	d.Actors[0].Name = "Pemohon " + evil
	d.Warning = evil
	var created struct{ ID int64 }
	if res := e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/sops", token, d, &created); res.StatusCode != http.StatusCreated {
		t.Fatalf("create: %s", gist(res))
	}
	id := created.ID
	pages := []string{
		fmt.Sprintf("/sops/%d", id),
		fmt.Sprintf("/sops/%d/edit", id),
		fmt.Sprintf("/sops/%d/versions", id),
		"/dashboard",
		"/search?q=" + url.QueryEscape("alert "+evil),
		"/login?next=" + url.QueryEscape(evilAttr),
	}
	for _, p := range pages {
		c := author
		if strings.HasPrefix(p, "/login") {
			c = e.newClient()
		}
		res := e.do(c, http.MethodGet, p, nil)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", p, res.StatusCode)
			continue
		}
		for _, raw := range []string{evil, "<img"} {
			if strings.Contains(res.body, raw) {
				t.Errorf("GET %s: the page holds %q unescaped", p, raw)
			}
		}
		checkNoInline(t, "GET "+p, res.body)
		if p != pages[len(pages)-1] && !strings.Contains(res.body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("GET %s: the title is not shown escaped", p)
		}
	}
	// The inline flowchart is SVG made by the renderer: its text is escaped too.
	res := e.do(author, http.MethodGet, fmt.Sprintf("/sops/%d/flowchart.svg", id), nil)
	if strings.Contains(res.body, "<img") || strings.Contains(res.body, evil) {
		t.Error("the SVG holds the activity unescaped")
	}
	// A failed login shows the user name it was given, escaped.
	res = e.loginForm(e.newClient(), evilAttr, "x", "/")
	if strings.Contains(res.body, "<img src=x") {
		t.Error("the login page holds the user name unescaped")
	}
	// The editor preview fragment.
	res = e.postForm(author, "/preview", editorForm(d, "", 0))
	if res.StatusCode != http.StatusOK || strings.Contains(res.body, "<img src=x") || strings.Contains(res.body, evil) {
		t.Errorf("preview: %d, or the activity is unescaped", res.StatusCode)
	}
}

// inForceTitles returns the titles of the SOPs in force on the test day.
func (e *env) inForceTitles() (in, out []string) {
	e.t.Helper()
	sops, _, err := e.db.FindSOPs(context.Background(), esop.SOPFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	today := esop.DateOf(fixedNow)
	for _, s := range sops {
		if s.Current != nil && !today.Before(s.Current.Document.Dates.Effective) {
			in = append(in, s.Current.Document.Title)
		} else {
			out = append(out, s.Latest().Document.Title)
		}
	}
	return in, out
}

func TestCatalogue(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// An approved SOP that comes into force after the test day.
	future := draftDocument(t, e.sop(titleInForce), unitHI, "Pengesahan Perjanjian Kerja Waktu Tertentu")
	future.Number = "560/999/35.73.405/2026"
	future.Approval = e.sop(titleInForce).Current.Document.Approval
	future.Dates.Effective = esop.DateOf(fixedNow).AddDate(0, 1, 0)
	// Only administrators bring in approved SOPs, through the API.
	e.addUser("kepala", "administrator", "penyusun:bidang-hi")
	var created struct{ ID int64 }
	if res := e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/sops", e.bearer("kepala"), future, &created); res.StatusCode != http.StatusCreated {
		t.Fatalf("import of an approved SOP: %s", gist(res))
	}
	futureID := created.ID

	in, out := e.inForceTitles()
	if len(in) != 18 || len(out) != 4 {
		t.Fatalf("the sample book has %d SOPs in force and %d not, want 18 and 4", len(in), len(out))
	}
	for _, user := range []string{"", "auditor", "penyusun2"} {
		c := e.session(user)
		res := e.do(c, http.MethodGet, "/", nil)
		page := unescaped(res.body)
		if res.StatusCode != http.StatusOK || !strings.Contains(page, "18 SOP berlaku.") {
			t.Errorf("catalogue as %q: %d, no count of 18", user, res.StatusCode)
		}
		for _, title := range in {
			if !strings.Contains(page, title) {
				t.Errorf("catalogue as %q: %q is missing", user, title)
			}
		}
		for _, title := range out {
			if strings.Contains(page, title) {
				t.Errorf("catalogue as %q lists %q, which is not in force", user, title)
			}
		}
	}
	// Filters: one unit; one category.
	res2 := e.do(e.newClient(), http.MethodGet, "/?unit="+url.QueryEscape(unitHI), nil)
	page := unescaped(res2.body)
	if !strings.Contains(page, titleInForce) || strings.Contains(page, "Pelayanan Informasi Lowongan Kerja") || !strings.Contains(page, "4 SOP berlaku.") {
		t.Errorf("catalogue of %s: %s", unitHI, gist(res2))
	}
	res2 = e.do(e.newClient(), http.MethodGet, "/?category=nope", nil)
	if !strings.Contains(res2.body, "0 SOP berlaku.") {
		t.Errorf("unknown category: %s", gist(res2))
	}
	// The SOP not yet in force is hidden from the public, shown to readers of drafts.
	if res := e.do(e.newClient(), http.MethodGet, fmt.Sprintf("/sops/%d", futureID), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("an SOP not yet in force, anonymous: %d", res.StatusCode)
	}
	if res := e.do(e.session("auditor"), http.MethodGet, fmt.Sprintf("/sops/%d", futureID), nil); res.StatusCode != http.StatusOK || !strings.Contains(res.body, `class="banner"`) {
		t.Errorf("an SOP not yet in force, auditor: %s", gist(res))
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct {
		user, q   string
		want, not []string
	}{
		{"", "pengesahan", []string{"Pengesahan Peraturan Perusahaan"}, nil},
		{"", "PENGESAHAN peraturan", []string{"Pengesahan Peraturan Perusahaan"}, nil},
		{"", "560/078/35.73.405/2026", []string{"Pengesahan Peraturan Perusahaan"}, nil},
		{"", "bipartit", nil, []string{titleDraftHI}},
		{"", "pemagangan", nil, []string{titleDraftLat}},
		{"", "kinerja instansi", nil, []string{titleDraftSek}},
		{"pelaksana", "bipartit", nil, []string{titleDraftHI}},
		{"penyusun", "bipartit", nil, []string{titleDraftHI}}, // author of another unit
		{"penyusun2", "bipartit", []string{titleDraftHI}, nil},
		{"pengesah", "bipartit", []string{titleDraftHI}, nil},
		{"auditor", "pemagangan", []string{titleDraftLat}, nil},
		{"", "zzzqqq", nil, []string{"Pengesahan"}},
	} {
		res := e.do(e.session(tc.user), http.MethodGet, "/search?q="+url.QueryEscape(tc.q), nil)
		page := unescaped(res.body)
		if res.StatusCode != http.StatusOK {
			t.Errorf("search %q as %q: %d", tc.q, tc.user, res.StatusCode)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("search %q as %q does not find %q", tc.q, tc.user, w)
			}
		}
		// Look only at the results, not at the search box echoing the query.
		results := page
		if i := strings.Index(page, `role="status"`); i >= 0 {
			results = page[i:]
		}
		for _, n := range tc.not {
			if strings.Contains(results, n) {
				t.Errorf("search %q as %q finds %q", tc.q, tc.user, n)
			}
		}
	}
	// The count line names the query.
	res := e.do(e.newClient(), http.MethodGet, "/search?q=pengesahan", nil)
	if !regexp.MustCompile(`[1-9]\d* SOP ditemukan untuk “pengesahan”`).MatchString(res.body) {
		t.Errorf("no count line: %s", gist(res))
	}
}

func TestSOPPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	s := e.sop("Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)")
	d := s.Current.Document
	res := e.do(e.newClient(), http.MethodGet, fmt.Sprintf("/sops/%d", s.ID), nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s", gist(res))
	}
	page := unescaped(res.body)
	want := []string{
		d.Title, d.Number, d.Agency, d.Unit, d.Government, d.Approval.Name, d.Approval.Position, "NIP. " + esop.FormatNIP(d.Approval.NIP),
		"Nomor SOP", "Tanggal Pembuatan", "Tanggal Efektif", "Disahkan oleh", "Dasar Hukum", "Kualifikasi Pelaksana",
		d.Dates.Effective.Indonesian(), d.LegalBasis[0].String(), d.Qualifications[0],
	}
	for _, st := range d.Steps {
		want = append(want, st.Activity)
	}
	for _, w := range want {
		if w != "" && !strings.Contains(page, w) {
			t.Errorf("the SOP page does not show %q", w)
		}
	}
	// The flowchart is inline SVG with one shape per step.
	svg := res.body[strings.Index(res.body, `<div class="flowchart"`):]
	if !strings.HasPrefix(svg[strings.Index(svg, ">")+1:], "<svg") {
		t.Error("no inline <svg in the flowchart box")
	}
	for _, st := range d.Steps {
		if !strings.Contains(svg, `data-step="`+st.ID+`"`) {
			t.Errorf("no data-step for %s", st.ID)
		}
	}
	for _, sym := range []string{"decision", "process", "terminator"} {
		if !strings.Contains(svg, `data-symbol="`+sym+`"`) {
			t.Errorf("no data-symbol=%q", sym)
		}
	}
	if strings.Contains(res.body, `class="warnings"`) || strings.Contains(res.body, "/edit") || strings.Contains(res.body, "/versions") {
		t.Error("the public page shows warnings, the editor or the history")
	}
	// English labels.
	res = e.do(e.newClient(), http.MethodGet, fmt.Sprintf("/sops/%d", s.ID), nil, "Cookie", "lang=en")
	if page := unescaped(res.body); !strings.Contains(page, "SOP number") || !strings.Contains(page, d.Dates.Effective.English()) {
		t.Error("the English page has no English labels or dates")
	}
	// A reader of drafts sees the link to the history; the author the edit link.
	res = e.do(e.session("penyusun"), http.MethodGet, fmt.Sprintf("/sops/%d", s.ID), nil)
	if !strings.Contains(res.body, fmt.Sprintf(`action="/sops/%d/versions"`, s.ID)) || !strings.Contains(res.body, fmt.Sprintf(`href="/sops/%d/versions"`, s.ID)) {
		t.Error("the author of the unit gets no 'new version' form or history link")
	}
	// Bad ids.
	for _, p := range []string{"/sops/0", "/sops/-1", "/sops/abc", "/sops/99999999999999999999"} {
		if res := e.do(e.newClient(), http.MethodGet, p, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
		}
	}
}

// creationDate matches the creation time a PDF records.
var creationDate = regexp.MustCompile(`/CreationDate\s*\([^)]*\)`)

func TestDownloads(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	s := e.sop("Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)")
	anon := e.newClient()
	base := fmt.Sprintf("/sops/%d", s.ID)

	res := e.do(anon, http.MethodGet, base+"/document.pdf", nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.body, "%PDF-") || res.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("PDF: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.body[:min(8, len(res.body))])
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `inline; filename="sop-800-012-35.73.405-2024.pdf"` {
		t.Errorf("PDF Content-Disposition %q", cd)
	}
	if !strings.Contains(res.body, "%%EOF") {
		t.Error("the PDF has no end")
	}
	pdfs := map[string]string{}
	for _, paper := range []string{"A4", "F4", "f4"} {
		res := e.do(anon, http.MethodGet, base+"/document.pdf?paper="+paper, nil)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.body, "%PDF-") {
			t.Errorf("PDF on %s: %d", paper, res.StatusCode)
		}
		// The PDF records the second it was made; compare without it.
		pdfs[paper] = creationDate.ReplaceAllString(res.body, "")
	}
	if pdfs["F4"] == pdfs["A4"] || pdfs["f4"] != pdfs["F4"] {
		t.Error("?paper=F4 (or f4) does not give the F4 print")
	}
	// An unknown paper is the client's mistake, not an internal error.
	if res := e.do(anon, http.MethodGet, base+"/document.pdf?paper=Letter", nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "A4 atau F4") {
		t.Errorf("PDF on Letter: %d", res.StatusCode)
	}

	res = e.do(anon, http.MethodGet, base+"/document.png", nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.body, "\x89PNG\r\n\x1a\n") || res.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("PNG: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	img, err := png.Decode(strings.NewReader(res.body))
	if err != nil || img.Bounds().Dx() < 500 {
		t.Errorf("PNG does not decode to a page: %v", err)
	}
	if res := e.do(anon, http.MethodGet, base+"/document.png?page=2", nil); res.StatusCode != http.StatusOK || !strings.HasPrefix(res.body, "\x89PNG") {
		t.Errorf("PNG page 2: %d", res.StatusCode)
	}
	for _, p := range []string{"abc", "0", "999"} {
		if res := e.do(anon, http.MethodGet, base+"/document.png?page="+p, nil); res.StatusCode/100 != 4 {
			t.Errorf("PNG page %s: %d, want a 4xx", p, res.StatusCode)
		}
	}

	res = e.do(anon, http.MethodGet, base+"/document.json", nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("JSON: %d", res.StatusCode)
	}
	d, ps := esop.DecodeDocument([]byte(res.body))
	if ps.HasErrors() {
		t.Fatalf("the JSON download does not decode: %v", ps.Errors())
	}
	if got, want := esop.ContentHash(d), esop.ContentHash(s.Current.Document); got != want {
		t.Error("the JSON download is not the stored document")
	}
	if !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("JSON Content-Disposition %q", res.Header.Get("Content-Disposition"))
	}

	res = e.do(anon, http.MethodGet, base+"/flowchart.svg", nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(res.body, "<svg") {
		t.Errorf("SVG: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if res := e.do(anon, http.MethodGet, base+"/flowchart.svg?page=1", nil); res.StatusCode != http.StatusOK || !strings.HasPrefix(res.body, "<svg") {
		t.Errorf("SVG page 1: %d", res.StatusCode)
	}

	// Drafts: the author downloads with ?draft=1; the public gets 404.
	dr := e.sop(titleDraftHI)
	for _, kind := range []string{"document.pdf", "document.png", "document.json", "flowchart.svg"} {
		p := fmt.Sprintf("/sops/%d/%s?draft=1", dr.ID, kind)
		if res := e.do(anon, http.MethodGet, p, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("anonymous %s: %d", p, res.StatusCode)
		}
		if res := e.do(e.session("penyusun2"), http.MethodGet, p, nil); res.StatusCode != http.StatusOK {
			t.Errorf("author %s: %d", p, res.StatusCode)
		}
	}
	res = e.do(e.session("penyusun2"), http.MethodGet, fmt.Sprintf("/sops/%d/document.json?draft=1", dr.ID), nil)
	var doc map[string]any
	if err := json.Unmarshal([]byte(res.body), &doc); err != nil || doc["title"] != titleDraftHI || doc["approval"] != nil {
		t.Errorf("draft JSON: %v %v", err, doc["title"])
	}
}

func TestMetricsAndHealth(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	anon := e.newClient()
	e.do(anon, http.MethodGet, "/", nil)
	res := e.do(e.session("admin"), http.MethodGet, "/metrics", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "esop_http_requests_total") ||
		!regexp.MustCompile(`esop_http_requests_total\{code="200",method="GET"\} [1-9]`).MatchString(res.body) {
		t.Errorf("/metrics for an administrator: %d %.300s", res.StatusCode, res.body)
	}
	if !strings.Contains(res.body, "esop_http_request_duration_seconds") || !strings.Contains(res.body, "go_goroutines") {
		t.Error("/metrics misses the duration histogram or the Go collector")
	}
	// Nobody else, whether the request comes from this machine or
	// through a proxy (TestMetricsToken covers the token).
	for _, fwd := range [][]string{nil, {"X-Forwarded-For", "198.51.100.7"}} {
		if res := e.do(anon, http.MethodGet, "/metrics", nil, fwd...); res.StatusCode != http.StatusSeeOther {
			t.Errorf("/metrics %v, anonymous: %d", fwd, res.StatusCode)
		}
		if res := e.do(e.session("auditor"), http.MethodGet, "/metrics", nil, fwd...); res.StatusCode != http.StatusForbidden {
			t.Errorf("/metrics %v, auditor: %d", fwd, res.StatusCode)
		}
	}
	res = e.do(anon, http.MethodGet, "/healthz", nil)
	if res.StatusCode != http.StatusOK || res.body != "ok\n" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("/healthz: %d %q", res.StatusCode, res.body)
	}
	res = e.do(anon, http.MethodGet, "/readyz", nil)
	if res.StatusCode != http.StatusOK || res.body != "ready\n" || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("/readyz: %d %q", res.StatusCode, res.body)
	}
	// A closed database makes the health and readiness checks fail.
	e.db.Close()
	if res := e.do(anon, http.MethodGet, "/healthz", nil); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/healthz with the database closed: %d", res.StatusCode)
	}
	if res := e.do(anon, http.MethodGet, "/readyz", nil); res.StatusCode != http.StatusServiceUnavailable || res.body != "database unavailable\n" {
		t.Errorf("/readyz with the database closed: %d %q", res.StatusCode, res.body)
	}
}

func TestDashboard(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	drafts := map[string]int64{}
	for _, title := range []string{titleDraftHI, titleDraftLat, titleDraftSek} {
		drafts[title] = e.sop(title).ID
	}
	// The SOPs overdue for review, and the one due within 30 days (of
	// Bidang Penempatan), are listed to those who read their units.
	overdue := []string{"Pemberian Cuti Pegawai", "Pelaksanaan Perjalanan Dinas", akSample, titleInForce2}
	for _, tc := range []struct {
		user       string
		edit, read []string // drafts linked for editing, for reading
		newSOP     bool
		overdue    []string // SOPs listed as overdue for review
		due        bool     // the Paspor SOP listed as due
	}{
		{"penyusun2", []string{titleDraftHI}, nil, true, []string{titleInForce2}, false}, // Bidang HI
		{"penyusun", nil, nil, true, []string{akSample}, true},                           // Bidang Penempatan
		{"pengesah", nil, []string{titleDraftHI, titleDraftLat, titleDraftSek}, false, overdue, true},
		{"auditor", nil, []string{titleDraftHI, titleDraftLat, titleDraftSek}, false, overdue, true},
		{"pemeriksa", nil, nil, false, []string{akSample}, true},
		{"pelaksana", nil, nil, false, overdue, true},
		{"admin", nil, nil, false, nil, false}, // administers, reads no unit's SOPs
	} {
		res := e.do(e.session(tc.user), http.MethodGet, "/dashboard", nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "("+tc.user+")") {
			t.Errorf("%s: %d", tc.user, res.StatusCode)
			continue
		}
		for title, id := range drafts {
			editLink := fmt.Sprintf(`href="/sops/%d/edit"`, id)
			readLink := fmt.Sprintf(`href="/sops/%d?draft=1"`, id)
			if got, want := strings.Contains(res.body, editLink), slices.Contains(tc.edit, title); got != want {
				t.Errorf("%s: edit link to %q shown %v, want %v", tc.user, title, got, want)
			}
			if got, want := strings.Contains(res.body, readLink), slices.Contains(tc.read, title); got != want {
				t.Errorf("%s: read link to %q shown %v, want %v", tc.user, title, got, want)
			}
		}
		if got := strings.Contains(res.body, `href="/sops/new"`); got != tc.newSOP {
			t.Errorf("%s: 'new SOP' shown %v", tc.user, got)
		}
		page := unescaped(res.body)
		if n := strings.Count(res.body, `<li class="overdue">`); n != len(tc.overdue) {
			t.Errorf("%s: %d SOPs overdue for review, want %d", tc.user, n, len(tc.overdue))
		}
		for _, title := range overdue {
			if got, want := strings.Contains(page, title), slices.Contains(tc.overdue, title); got != want {
				t.Errorf("%s: %q listed as overdue %v, want %v", tc.user, title, got, want)
			}
		}
		if got := strings.Contains(page, "Penerbitan Surat Rekomendasi Paspor"); got != tc.due {
			t.Errorf("%s: the review due within 30 days listed %v, want %v", tc.user, got, tc.due)
		}
	}
	// htmx requests of an expired session get 401, not a redirect into the fragment.
	if res := e.do(e.newClient(), http.MethodGet, "/dashboard", nil, "HX-Request", "true"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("htmx request without a session: %d", res.StatusCode)
	}
	// An expired session is no session.
	token, err := e.db.CreateSession(context.Background(), e.userID("auditor"), "web", -time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	c := e.newClient()
	u, _ := url.Parse(e.srv.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "esop_session", Value: token}})
	if e.sessionAlive(c) {
		t.Error("an expired session signs in")
	}
}

// TestDashboardTitleInForce: an SOP in force whose new version's draft
// has a new title is named on the dashboard by its title in force where
// the SOP in force is meant (review due, monitoring due), and by the new
// title only where the draft is meant.
func TestDashboardTitleInForce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	e.addUser("pemeriksa-hi", "pemeriksa:bidang-hi")
	sop := e.sop(titleInForce2)
	if _, err := e.db.StartVersion(ctx, sop.ID, "Judul disesuaikan", "penyusun2"); err != nil {
		t.Fatal(err)
	}
	sop = e.reload(sop.ID)
	doc := sop.Draft.Document.Clone()
	const newTitle = "Judul Baru Rancangan Versi Dua"
	doc.Title = newTitle
	if _, err := e.db.UpdateDraft(ctx, sop.ID, doc, sop.Draft.Revision, "penyusun2"); err != nil {
		t.Fatal(err)
	}
	overdue := regexp.MustCompile(fmt.Sprintf(`<li class="overdue"><a href="/sops/%d">([^<]*)</a>`, sop.ID))
	monitoring := regexp.MustCompile(fmt.Sprintf(`<a href="/sops/%d/monitoring">([^<]*)</a>`, sop.ID))
	drafts := regexp.MustCompile(fmt.Sprintf(`<a href="/sops/%d/edit">([^<]*)</a>`, sop.ID))
	res := e.do(e.session("pemeriksa-hi"), http.MethodGet, "/dashboard", nil)
	page := unescaped(res.body)
	if m := overdue.FindStringSubmatch(page); m == nil || m[1] != titleInForce2 {
		t.Errorf("review overdue: %v, want %q", m, titleInForce2)
	}
	if m := monitoring.FindStringSubmatch(page); m == nil || m[1] != titleInForce2 {
		t.Errorf("monitoring due: %v, want %q", m, titleInForce2)
	}
	// The draft itself, which the reviewer may read, has its new title.
	readable := regexp.MustCompile(fmt.Sprintf(`<a href="/sops/%d\?draft=1">([^<]*)</a>`, sop.ID))
	if m := readable.FindStringSubmatch(page); m == nil || m[1] != newTitle || strings.Count(page, newTitle) != 1 {
		t.Errorf("the draft to read: %v, want %q once", m, newTitle)
	}
	res = e.do(e.session("penyusun2"), http.MethodGet, "/dashboard", nil)
	page = unescaped(res.body)
	if m := drafts.FindStringSubmatch(page); m == nil || m[1] != newTitle {
		t.Errorf("the author's draft: %v, want %q", m, newTitle)
	}
	if m := overdue.FindStringSubmatch(page); m == nil || m[1] != titleInForce2 {
		t.Errorf("review overdue for the author: %v, want %q", m, titleInForce2)
	}
	// The monitoring of the SOP in force, and the recap, name it so too.
	for _, path := range []string{fmt.Sprintf("/sops/%d/monitoring", sop.ID), fmt.Sprintf("/sops/%d/evaluation", sop.ID), "/monev?unit=bidang-hi"} {
		res := e.do(e.session("pemeriksa-hi"), http.MethodGet, path, nil)
		if page := unescaped(res.body); res.StatusCode != http.StatusOK || !strings.Contains(page, titleInForce2) || strings.Contains(page, newTitle) {
			t.Errorf("%s does not name the SOP by its title in force: %s", path, gist(res))
		}
	}
}

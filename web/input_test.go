package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
	"github.com/esop-malang/esop/web"
)

// Bad input: text that no database should be handed (NUL, other control
// characters, bytes that are not UTF-8) and bodies over their limits.

var routeParam = regexp.MustCompile(`\{[^}]+\}`)

// TestBadInputOnEveryRoute sends NUL and bytes that are not UTF-8 in a
// query parameter, a path value and a form value to every route of the
// application and the API: each is refused with 400 before its handler,
// never with a 500.
func TestBadInputOnEveryRoute(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// A client of its own, not newClient's: this test is about the
	// refusal, which TestBadInputDocumented checks openapi.json lists.
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	c.Jar, _ = cookiejar.New(nil)
	u, _ := url.Parse(e.srv.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "esop_session", Value: e.sessionToken("admin", "web"), Path: "/"}})
	id := fmt.Sprint(e.sop(titleInForce).ID)
	type probe struct{ what, method, path, body string }
	var probes []probe
	for _, rt := range e.app.Routes() {
		method, pattern, _ := strings.Cut(rt.Pattern, " ")
		pattern = strings.TrimSuffix(pattern, "{$}")
		good := routeParam.ReplaceAllString(pattern, id)
		probes = append(probes, probe{"NUL in a query parameter", method, good + "?q=a%00b", ""},
			probe{"not UTF-8 in a query parameter", method, good + "?unit=%C3%28", ""},
			probe{"NUL in a parameter name", method, good + "?a%00=1", ""})
		if routeParam.MatchString(pattern) {
			probes = append(probes, probe{"NUL in a path value", method, routeParam.ReplaceAllString(pattern, "1%00"), ""},
				probe{"not UTF-8 in a path value", method, routeParam.ReplaceAllString(pattern, "%FF"), ""})
		}
		if method != http.MethodGet {
			probes = append(probes, probe{"NUL in a form value", method, good, "username=budi%00&name=x"},
				probe{"not UTF-8 in a form value", method, good, "title=%E0%A4"})
		}
	}
	probes = append(probes, probe{"NUL in an unknown path", http.MethodGet, "/tidak-ada%00", ""},
		probe{"NUL in a static file's query", http.MethodGet, "/static/app.css?v=%00", ""})
	for _, p := range probes {
		var body io.Reader
		var headers []string
		if p.body != "" {
			body = strings.NewReader(p.body)
			headers = []string{"Content-Type", "application/x-www-form-urlencoded"}
		}
		res := e.do(c, p.method, p.path, body, headers...)
		label := fmt.Sprintf("%s %s (%s)", p.method, p.path, p.what)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400 (%s)", label, res.StatusCode, gist(res))
			continue
		}
		if p.body != "" && !strings.Contains(res.body, "NUL, atau bukan UTF-8") {
			t.Errorf("%s: the answer does not say why: %s", label, gist(res))
			continue
		}
		if strings.HasPrefix(p.path, "/api/") {
			var ae apiError
			if json.Unmarshal([]byte(res.body), &ae) != nil || ae.Code != "bad_input" || !strings.Contains(ae.Error, "tidak sah") {
				t.Errorf("%s: %s", label, res.body)
			}
		} else if !strings.Contains(res.body, "karakter yang tidak sah") {
			t.Errorf("%s: the page does not say why: %s", label, gist(res))
		}
	}
	if len(probes) < 4*len(e.app.Routes()) {
		t.Fatalf("only %d probes for %d routes", len(probes), len(e.app.Routes()))
	}
	// Line breaks and tabs are text, as a textarea sends them: a login with
	// them is answered as any failed login is.
	if res := e.postForm(e.session(""), "/login", url.Values{"username": {"budi\r\n\t"}, "password": {"x"}}); res.StatusCode == http.StatusBadRequest || res.StatusCode >= 500 {
		t.Errorf("a login with a line break: %d", res.StatusCode)
	}
}

// TestBadInputDocumented: every operation of the API lists the 400 of
// bad text in its address, and those with a body the 413 of one too large.
func TestBadInputDocumented(t *testing.T) {
	spec, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	for path, item := range spec.Paths {
		for method, raw := range item {
			if method == "parameters" {
				continue
			}
			var op operation
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatal(err)
			}
			if _, ok := op.Responses["400"]; !ok {
				t.Errorf("%s %s does not list 400, which every route answers to bad text in its address (web/input.go)", method, path)
			}
		}
	}
	for _, op := range []struct{ method, path string }{{"post", "/api/v1/tokens"}, {"post", "/api/v1/sops"},
		{"put", "/api/v1/sops/{id}"}, {"post", "/api/v1/sops/{id}/transitions"}} {
		var o operation
		if err := json.Unmarshal(spec.Paths[op.path][op.method], &o); err != nil {
			t.Fatal(err)
		}
		if _, ok := o.Responses["413"]; !ok {
			t.Errorf("%s %s does not list 413", op.method, op.path)
		}
	}
}

// envs returns the test server on SQLite and, when ESOP_TEST_POSTGRES
// names a server, the same on a fresh PostgreSQL database.
func envs(t *testing.T) map[string]*env {
	out := map[string]*env{"sqlite": newEnv(t)}
	if os.Getenv("ESOP_TEST_POSTGRES") != "" {
		out["postgres"] = newPostgresEnv(t)
	} else {
		t.Log("ESOP_TEST_POSTGRES is not set: SQLite only")
	}
	return out
}

// newPostgresEnv is newEnv on a PostgreSQL database of its own, dropped
// at the end.
func newPostgresEnv(t *testing.T) *env {
	t.Helper()
	return serveDB(t, storetest.FreshPostgres(t))
}

// serveDB loads the sample book and the test accounts into db and serves it.
func serveDB(t *testing.T, db *sqlstore.DB) *env {
	t.Helper()
	ctx := context.Background()
	db.Now = func() time.Time { return fixedNow }
	if _, err := sampledata.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, db: db}
	for name, grants := range accounts {
		e.addUser(name, grants...)
	}
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	app, err := web.New(ctx, web.Config{Store: db, Renderer: r, BaseURL: testBaseURL, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	e.app, e.srv = app, httptest.NewServer(app)
	t.Cleanup(e.srv.Close)
	return e
}

// TestBadBytesInDocuments: NUL and other control characters, bytes that
// are not UTF-8, a key given twice and the year 0000 are refused with
// 422 and their path on every door (API create and replace, import,
// editor), on SQLite and PostgreSQL alike, and nothing is stored.
func TestBadBytesInDocuments(t *testing.T) {
	t.Parallel()
	for dbName, e := range envs(t) {
		t.Run(dbName, func(t *testing.T) {
			e.t = t
			c := e.newClient()
			token := e.bearer("penyusun")
			sample := e.sop(akSample)
			good := draftDocument(t, sample, unitPenta, "Pelayanan Uji Masukan")
			goodJSON := string(sopJSON(t, good))
			edit := func(old, new string) string {
				if !strings.Contains(goodJSON, old) {
					t.Fatalf("%q is not in the test document", old)
				}
				return strings.Replace(goodJSON, old, new, 1)
			}
			activity := good.Steps[1].Activity
			cases := []struct {
				name, body, path, code string
			}{
				{"NUL in the title", edit(`"title":"Pelayanan Uji Masukan"`, `"title":"Pelayanan\u0000Uji"`), "title", "control_char"},
				{"escape in an activity", edit(activity, activity+`\u001b[2J`), "steps[1].activity", "control_char"},
				{"not UTF-8 in an activity", edit(activity, activity+"\xff\xfe"), "steps[1].activity", "utf8"},
				{"lone surrogate in the unit", edit(`"unit":"`+unitPenta, `"unit":"\udc00`+unitPenta), "unit", "utf8"},
				{"the title twice", edit(`"title":"Pelayanan Uji Masukan"`, `"title":"","title":"Pelayanan Uji Masukan"`), "title", "duplicate_key"},
				{"steps twice, the first empty", edit(`"steps":[`, `"steps":[],"steps":[`), "steps", "duplicate_key"},
				{"year 0000", regexp.MustCompile(`"created":"[0-9-]{10}"`).ReplaceAllString(goodJSON, `"created":"0000-01-01"`), "dates.created", "date_range"},
			}
			before := e.countSOPs()
			for _, tc := range cases {
				var ae apiError
				res := e.apiJSON(c, http.MethodPost, "/api/v1/sops", token, []byte(tc.body), &ae)
				if res.StatusCode != http.StatusUnprocessableEntity || !hasProblem(ae, tc.path, tc.code) {
					t.Errorf("POST %s: %d %s", tc.name, res.StatusCode, res.body)
				}
				res = e.upload(e.session("penyusun"), "/import", "files", map[string][]byte{"uji.json": []byte(tc.body)})
				if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "uji.json: "+tc.path+": ") {
					t.Errorf("import %s: %d %s", tc.name, res.StatusCode, gist(res))
				}
			}
			if n := e.countSOPs(); n != before {
				t.Fatalf("%d SOPs stored from bad documents", n-before)
			}

			// Replacing a draft: the same refusal, the draft unchanged.
			var out created
			if res := e.apiJSON(c, http.MethodPost, "/api/v1/sops", token, good, &out); res.StatusCode != http.StatusCreated {
				t.Fatalf("create: %d %s", res.StatusCode, res.body)
			}
			etag := fmt.Sprintf(`"v%d-r1"`, e.reload(out.ID).Draft.ID)
			for _, tc := range cases {
				var ae apiError
				res := e.apiJSON(c, http.MethodPut, fmt.Sprintf("/api/v1/sops/%d", out.ID), token, []byte(tc.body), &ae, "If-Match", etag)
				if res.StatusCode != http.StatusUnprocessableEntity || !hasProblem(ae, tc.path, tc.code) {
					t.Errorf("PUT %s: %d %s", tc.name, res.StatusCode, res.body)
				}
			}
			if d := e.reload(out.ID).Draft; d.Revision != 1 || esop.ContentHash(d.Document) != esop.ContentHash(good) {
				t.Errorf("the draft changed: revision %d", d.Revision)
			}

			// The editor's form: NUL refused before the handler; another
			// control character is named by the validator beside its field
			// (the editor keeps a draft as typed, errors and all, and
			// shows them).
			f := editorForm(good, "save", 0)
			f.Set("title", "Pelayanan\x00Uji")
			if res := e.postForm(e.session("penyusun"), "/sops/new", f); res.StatusCode != http.StatusBadRequest || !strings.Contains(res.body, `&#34;title&#34;`) {
				t.Errorf("editor with NUL: %d %s", res.StatusCode, gist(res))
			}
			f = editorForm(good, "save", 0)
			f.Set("steps[1].note", "Catatan\x1b[31m merah")
			penyusun := e.session("penyusun")
			res := e.postForm(penyusun, "/sops/new", f)
			if res.StatusCode == http.StatusSeeOther {
				res = e.do(penyusun, http.MethodGet, res.Header.Get("Location"), nil)
			}
			if res.StatusCode >= 500 || !strings.Contains(res.body, "keterangan</a>: berisi karakter kendali U&#43;001B") {
				t.Errorf("editor with an escape: %d %s", res.StatusCode, gist(res))
			}

			// User names: the login form, the users form, an API token.
			if res := e.postForm(e.session(""), "/login", url.Values{"username": {"admin\x00"}, "password": {testPassword}}); res.StatusCode != http.StatusBadRequest {
				t.Errorf("login with NUL: %d", res.StatusCode)
			}
			if res := e.postForm(e.session("admin"), "/admin/users", url.Values{"username": {"budi\x00"}, "name": {"Budi"}, "password": {testPassword}}); res.StatusCode != http.StatusBadRequest {
				t.Errorf("new user with NUL: %d", res.StatusCode)
			}
			for _, body := range []string{`{"username":"admin\u0000","password":"x"}`, "{\"username\":\"adm\xffin\",\"password\":\"x\"}"} {
				var ae apiError
				if res := e.apiJSON(c, http.MethodPost, "/api/v1/tokens", "", []byte(body), &ae); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(ae.Error, "tidak sah") {
					t.Errorf("token for %q: %d %s", body, res.StatusCode, res.body)
				}
			}
			// A query with NUL reaches no query of the database either.
			if res := e.do(c, http.MethodGet, "/search?q=%00", nil); res.StatusCode != http.StatusBadRequest {
				t.Errorf("search with NUL: %d", res.StatusCode)
			}
		})
	}
}

func hasProblem(ae apiError, path, code string) bool {
	for _, p := range ae.Errors {
		if p.Path == path && p.Code == code && p.Message != "" {
			return true
		}
	}
	return false
}

// endless is a body of n bytes of one letter, after a prefix, that counts
// how much of it was read.
type endless struct {
	prefix []byte
	n      int64
	read   int64
}

func (b *endless) Read(p []byte) (int, error) {
	if b.read >= b.n {
		return 0, io.EOF
	}
	k := min(int64(len(p)), b.n-b.read)
	for i := range k {
		if off := b.read + i; off < int64(len(b.prefix)) {
			p[i] = b.prefix[off]
		} else {
			p[i] = 'a'
		}
	}
	b.read += k
	return int(k), nil
}

// TestBodyLimits: a body over its limit is refused with 413 and a message
// that says the limit, after reading no more than the limit and a byte.
func TestBodyLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	bearer := "Bearer " + e.bearer("penyusun")
	cookie := "esop_session=" + e.sessionToken("penyusun", "web")
	var draft created
	if res := e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/sops", e.bearer("penyusun"),
		draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Uji Batas"), &draft); res.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", res.StatusCode, res.body)
	}
	etag := fmt.Sprintf(`"v%d-r1"`, e.reload(draft.ID).Draft.ID)
	const twenty = 20 << 20
	boundary := "esopbatas"
	multipart := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"buku.json\"\r\n" +
		"Content-Type: application/json\r\n\r\n[\"" // a file of one long string
	for _, tc := range []struct {
		name, method, path, contentType, auth, prefix string
		size, limit                                   int64
		json                                          bool
		want                                          string
	}{
		{"API create, 20 MB", http.MethodPost, "/api/v1/sops", "application/json", bearer, `{"title":"`, twenty, esop.MaxDocumentBytes, true, "1 MiB"},
		{"API replace, just over 1 MiB", http.MethodPut, fmt.Sprintf("/api/v1/sops/%d", draft.ID), "application/json", bearer, `{"title":"`, esop.MaxDocumentBytes + 1, esop.MaxDocumentBytes, true, "1 MiB"},
		{"API token", http.MethodPost, "/api/v1/tokens", "application/json", "", `{"username":"`, 1 << 20, 16 << 10, true, "16 KiB"},
		{"import, 40 MB", http.MethodPost, "/import", "multipart/form-data; boundary=" + boundary, cookie, multipart, 40 << 20, esop.MaxFileBytes + 1<<20, false, "33 MiB"},
		{"editor, 20 MB", http.MethodPost, "/sops/new", "application/x-www-form-urlencoded", cookie, "op=save&title=", twenty, 4 * esop.MaxDocumentBytes, false, "4 MiB"},
		{"login, 1 MB", http.MethodPost, "/login", "application/x-www-form-urlencoded", "", "username=", 1 << 20, 64 << 10, false, "64 KiB"},
	} {
		body := &endless{prefix: []byte(tc.prefix), n: tc.size}
		req := httptest.NewRequest(tc.method, tc.path, body)
		req.Header.Set("Content-Type", tc.contentType)
		switch {
		case strings.HasPrefix(tc.auth, "Bearer "):
			req.Header.Set("Authorization", tc.auth)
		case tc.auth != "":
			req.Header.Set("Cookie", tc.auth)
		}
		if tc.method == http.MethodPut {
			req.Header.Set("If-Match", etag)
		}
		rec := httptest.NewRecorder()
		e.app.ServeHTTP(rec, req)
		if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), tc.want) {
			t.Errorf("%s: %d %.300s", tc.name, rec.Code, rec.Body.String())
		}
		if body.read > tc.limit+1 {
			t.Errorf("%s: %d bytes read, more than the limit %d and one", tc.name, body.read, tc.limit)
		}
		if tc.json && !strings.Contains(rec.Body.String(), `"code":"too_large"`) {
			t.Errorf("%s: %s", tc.name, rec.Body.String())
		}
	}
	// At the limit a document is read and judged on its content.
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Uji Ukuran")
	b := sopJSON(t, d)
	b = append(b[:len(b)-1], []byte(`,"x-pad":"`+strings.Repeat("a", esop.MaxDocumentBytes-len(b)-11)+`"}`)...)
	if len(b) != esop.MaxDocumentBytes {
		t.Fatalf("the test document is %d bytes", len(b))
	}
	var out created
	if res := e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/sops", e.bearer("penyusun"), b, &out); res.StatusCode != http.StatusCreated {
		t.Errorf("a document of exactly %d bytes: %d %.300s", len(b), res.StatusCode, res.body)
	}
}

package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// The authorization matrix: every route of app.Routes() is requested by
// every role, and the answer is compared with the table below. A route
// without an entry in the table fails the test, so a new route cannot
// escape it; an entry for a route that no longer exists fails too.

// The roles of the matrix, in the order of the expectation rows.
var matrixRoles = []struct {
	name, user string
}{
	{"anonymous", ""},
	{"administrator", "admin"},
	{"author of the unit", "penyusun2"}, // penyusun of Bidang HI, the unit of the subject SOPs
	{"author of another unit", "penyusun"},
	{"pemeriksa", "pemeriksa"}, // of Bidang Penempatan, not the subject's unit
	{"pengesah", "pengesah"},   // of the whole Dinas, above Bidang HI
	{"pelaksana", "pelaksana"},
	{"auditor", "auditor"},
}

// expect is the status each role gets, in the order of matrixRoles.
type expect [8]int

// rows: r(anonymous, administrator, author, other author, pemeriksa, pengesah, pelaksana, auditor)
func r(codes ...int) expect {
	if len(codes) != 8 {
		panic("an expectation row needs 8 codes")
	}
	return expect(codes)
}

func all(code int) expect { return expect{code, code, code, code, code, code, code, code} }

const (
	ok    = http.StatusOK
	made  = http.StatusCreated
	see   = http.StatusSeeOther
	no401 = http.StatusUnauthorized
	no403 = http.StatusForbidden
	no404 = http.StatusNotFound
	c409  = http.StatusConflict
	c422  = http.StatusUnprocessableEntity
	c428  = http.StatusPreconditionRequired
)

// The subjects a path's {id} is filled with.
const (
	inForce  = "in force"     // Pengesahan Peraturan Perusahaan (Bidang HI)
	inForce2 = "in force (2)" // Pendaftaran PKB (Bidang HI), used where a request changes it
	draft    = "draft"        // Pencatatan LKS Bipartit (Bidang HI), never approved
	noID     = ""             // the pattern has no {id}
	remote   = "not loopback" // the request claims to come through a proxy
	selfID   = "own user"     // {id} is the administrator's own account
	regID    = "a regulation" // {id} is an entry of the regulation register
)

// matrixCase is one request of a route.
type matrixCase struct {
	subject string
	query   string
	form    url.Values       // a form body (POST pages)
	json    func(string) any // a JSON body, given the role's user name
	formFor func(string) url.Values
	want    expect
}

// The body of requests whose guard passed but whose form is empty or
// not valid is answered 422; that is "allowed" for the matrix.
func matrixTable(employeeNIP string) map[string][]matrixCase {
	page := func(inForceWant, draftWant expect) []matrixCase {
		return []matrixCase{{subject: inForce, want: inForceWant}, {subject: draft, want: draftWant}}
	}
	readDraft := r(no404, no404, ok, no404, no404, ok, no404, ok)
	ownLogin := func(user string) url.Values {
		if user == "" {
			user = "pelaksana"
		}
		return url.Values{"username": {user}, "password": {testPassword}}
	}
	adminGet := []matrixCase{{want: r(see, ok, no403, no403, no403, no403, no403, no403)}}
	adminPost := func(form url.Values) []matrixCase {
		return []matrixCase{{form: form, want: r(no401, c422, no403, no403, no403, no403, no403, no403)}}
	}
	return map[string][]matrixCase{
		"GET /{$}":                     {{want: all(ok)}},
		"GET /search":                  {{query: "q=pengesahan", want: all(ok)}},
		"GET /sops/{id}":               page(all(ok), readDraft),
		"GET /sops/{id}/flowchart.svg": page(all(ok), readDraft),
		"GET /sops/{id}/document.pdf":  page(all(ok), readDraft),
		"GET /sops/{id}/document.png":  page(all(ok), readDraft),
		"GET /sops/{id}/document.json": page(all(ok), readDraft),
		"GET /login":                   {{want: r(ok, see, see, see, see, see, see, see)}},
		"POST /login":                  {{formFor: ownLogin, want: all(see)}},
		"POST /logout":                 {{want: r(no401, see, see, see, see, see, see, see)}},
		"POST /lang":                   {{form: url.Values{"lang": {"en"}, "next": {"/"}}, want: all(see)}},
		"GET /healthz":                 {{want: all(ok)}},
		"GET /metrics": {
			{want: all(ok)},
			{subject: remote, want: r(see, ok, no403, no403, no403, no403, no403, no403)},
		},

		"GET /dashboard": {{want: r(see, ok, ok, ok, ok, ok, ok, ok)}},
		"GET /sops/new":  {{want: r(see, no403, ok, ok, no403, no403, no403, no403)}},
		"POST /sops/new": {{want: r(no401, no403, ok, ok, no403, no403, no403, no403)}},
		"GET /sops/{id}/edit": page(
			r(see, no403, c409, no403, no403, no403, no403, no403), // no draft to edit
			r(see, no403, ok, no404, no403, no403, no403, no403)),
		"POST /sops/{id}/edit": page(
			r(no401, no403, ok, no403, no403, no403, no403, no403),
			r(no401, no403, ok, no404, no403, no403, no403, no403)),
		"POST /preview": {{want: r(no401, no403, ok, ok, no403, no403, no403, no403)}},
		"POST /sops/{id}/versions": {
			{subject: inForce2, want: r(no401, no403, see, no403, no403, no403, no403, no403)},
			{subject: draft, want: r(no401, no403, c409, no404, no403, no403, no403, no403)}, // it has a draft already
		},
		"GET /sops/{id}/versions": page(
			r(see, no403, ok, no403, no403, ok, no403, ok),
			r(see, no404, ok, no404, no404, ok, no404, ok)),
		"GET /import":  {{want: r(see, no403, ok, ok, no403, no403, no403, no403)}},
		"POST /import": {{want: r(no401, no403, c422, c422, no403, no403, no403, no403)}},

		"GET /admin":                          adminGet,
		"GET /admin/units":                    adminGet,
		"POST /admin/units":                   adminPost(nil),
		"GET /admin/positions":                adminGet,
		"POST /admin/positions":               adminPost(nil),
		"GET /admin/employees":                adminGet,
		"POST /admin/employees":               adminPost(nil),
		"POST /admin/assignments":             adminPost(url.Values{"nip": {employeeNIP}, "capacity": {"bogus"}}),
		"GET /admin/regulations":              adminGet,
		"POST /admin/regulations":             adminPost(nil),
		"POST /admin/regulations/{id}/status": {{subject: regID, form: url.Values{"status": {"bogus"}}, want: r(no401, c422, no403, no403, no403, no403, no403, no403)}},
		"GET /admin/users":                    adminGet,
		"POST /admin/users":                   adminPost(nil),
		"POST /admin/users/{id}":              {{subject: selfID, want: r(no401, c422, no403, no403, no403, no403, no403, no403)}},
		"POST /admin/logo":                    adminPost(nil),

		"POST /api/v1/tokens": {{json: func(user string) any {
			f := ownLogin(user)
			return map[string]string{"username": f.Get("username"), "password": f.Get("password")}
		}, want: all(made)}},
		"GET /api/v1/openapi.json": {{want: all(ok)}},
		"GET /api/v1/sops":         {{want: all(ok)}},
		"POST /api/v1/sops":        {{json: func(string) any { return map[string]any{} }, want: r(no401, no403, c422, c422, no403, no403, no403, no403)}},
		"GET /api/v1/sops/{id}":    page(all(ok), readDraft),
		"PUT /api/v1/sops/{id}": page( // without If-Match
			r(no401, no403, c409, no403, no403, no403, no403, no403), // no draft to replace
			r(no401, no403, c428, no404, no403, no403, no403, no403)),
		"GET /api/v1/sops/{id}/flowchart.svg": page(all(ok), readDraft),
		"GET /api/v1/sops/{id}/document.pdf":  page(all(ok), readDraft),
		"GET /api/v1/sops/{id}/document.png":  page(all(ok), readDraft),
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	emps, err := e.db.FindEmployees(ctx)
	if err != nil || len(emps) == 0 {
		t.Fatalf("employees: %v (%d)", err, len(emps))
	}
	regs, _, err := e.db.FindRegulations(ctx, esop.RegulationFilter{})
	if err != nil || len(regs) == 0 {
		t.Fatalf("regulations: %v (%d)", err, len(regs))
	}
	ids := map[string]int64{
		inForce:  e.sop(titleInForce).ID,
		inForce2: e.sop(titleInForce2).ID,
		draft:    e.sop(titleDraftHI).ID,
		selfID:   e.userID("admin"),
		regID:    regs[0].ID,
	}
	if s := e.sop(titleInForce2); s.Draft != nil || s.Current == nil {
		t.Fatalf("%s should be in force without a draft", titleInForce2)
	}
	if s := e.sop(titleDraftHI); s.Current != nil || s.Draft == nil {
		t.Fatalf("%s should be a draft only", titleDraftHI)
	}
	table := matrixTable(emps[0].NIP)

	guards := map[string]string{}
	for _, rt := range e.app.Routes() {
		if _, dup := guards[rt.Pattern]; dup {
			t.Errorf("route %s is listed twice by Routes()", rt.Pattern)
		}
		guards[rt.Pattern] = rt.Guard
		if len(table[rt.Pattern]) == 0 {
			t.Errorf("route %s (guard %s) has no entry in the authorization matrix", rt.Pattern, rt.Guard)
		}
	}
	for pattern := range table {
		if _, ok := guards[pattern]; !ok {
			t.Errorf("the matrix has an entry for %s, which Routes() does not list", pattern)
		}
	}

	requests := 0
	spent := map[string]time.Duration{}
	defer func() {
		for p, d := range spent {
			if d > 100*time.Millisecond {
				t.Logf("%s: %v", p, d)
			}
		}
	}()
	for _, rt := range e.app.Routes() {
		method, pattern, _ := strings.Cut(rt.Pattern, " ")
		api := strings.HasPrefix(pattern, "/api/")
		for _, tc := range table[rt.Pattern] {
			path := strings.TrimSuffix(pattern, "{$}")
			if strings.Contains(path, "{id}") {
				id, ok := ids[tc.subject]
				if !ok {
					t.Fatalf("%s: subject %q has no id", rt.Pattern, tc.subject)
				}
				path = strings.Replace(path, "{id}", fmt.Sprint(id), 1)
			}
			if tc.query != "" {
				path += "?" + tc.query
			}
			for i, role := range matrixRoles {
				want := tc.want[i]
				checkGuardAgrees(t, rt.Guard, rt.Pattern, tc.subject, role.user, want)
				c := e.session("")
				var headers []string
				if role.user != "" {
					if api {
						headers = append(headers, "Authorization", "Bearer "+e.bearer(role.user))
					} else {
						c = e.session(role.user)
					}
				}
				if tc.subject == remote {
					headers = append(headers, "X-Forwarded-For", "203.0.113.9")
				}
				var res *response
				start := time.Now()
				switch {
				case tc.json != nil:
					res = e.apiJSON(c, method, path, "", tc.json(role.user), nil, headers...)
				case tc.formFor != nil:
					res = e.postForm(c, path, tc.formFor(role.user), headers...)
				case method == http.MethodPut:
					res = e.do(c, method, path, strings.NewReader("{}"), append(headers, "Content-Type", "application/json")...)
				case method == http.MethodPost:
					res = e.postForm(c, path, tc.form, headers...)
				default:
					res = e.do(c, method, path, nil, headers...)
				}
				requests++
				spent[rt.Pattern] += time.Since(start)
				label := fmt.Sprintf("%s %s [%s] as %s", method, path, tc.subject, role.name)
				if res.StatusCode != want {
					t.Errorf("%s: status %d, want %d (%s)", label, res.StatusCode, want, gist(res))
					continue
				}
				checkRefusal(t, label, api, method, path, role.user, res)
			}
		}
	}
	t.Logf("%d routes, %d requests", len(guards), requests)
}

// checkGuardAgrees makes sure the table does not contradict the guard
// that Routes() reports for the route.
func checkGuardAgrees(t *testing.T, guard, pattern, subject, user string, want int) {
	t.Helper()
	method, path, _ := strings.Cut(pattern, " ")
	anonRefusal := no401
	if method == http.MethodGet && !strings.HasPrefix(path, "/api/") {
		anonRefusal = see
	}
	u := map[string][]string{}
	for name, grants := range accounts {
		for _, g := range grants {
			role, _, _ := strings.Cut(g, ":")
			u[name] = append(u[name], role)
		}
	}
	has := func(role string) bool {
		for _, r := range u[user] {
			if r == role {
				return true
			}
		}
		return false
	}
	var must int
	switch {
	case guard == "public":
		return
	case guard == "loopback":
		if subject != remote {
			return
		}
		switch {
		case user == "":
			must = anonRefusal
		case !has(esop.RoleAdministrator):
			must = no403
		default:
			return
		}
	case user == "":
		must = anonRefusal
	case guard == "author" && !has(esop.RolePenyusun), guard == "admin" && !has(esop.RoleAdministrator):
		must = no403
	case guard == "staff", guard == "author", guard == "admin":
		if want == no401 {
			t.Errorf("%s as %q: the table says %d though the %s guard lets the user through", pattern, user, want, guard)
		}
		return
	default:
		t.Errorf("%s: unknown guard %q", pattern, guard)
		return
	}
	if want != must {
		t.Errorf("%s [%s] as %q: the table says %d, but the %s guard refuses with %d", pattern, subject, user, want, guard, must)
	}
}

// checkRefusal checks the form of a refusal: anonymous visitors of a page
// are sent to the login page and back; the API answers JSON errors.
func checkRefusal(t *testing.T, label string, api bool, method, path, user string, res *response) {
	t.Helper()
	loc := res.Header.Get("Location")
	switch {
	case res.StatusCode == see && user == "" && strings.HasPrefix(loc, "/login"):
		if want := "/login?next=" + url.QueryEscape(path); loc != want {
			t.Errorf("%s: redirected to %q, want %q", label, loc, want)
		}
	case res.StatusCode == see && user != "" && strings.HasPrefix(loc, "/login"):
		t.Errorf("%s: a signed-in user was sent to %q", label, loc)
	case res.StatusCode >= 400 && api:
		var body struct {
			Error, Code string
			Errors      []struct{ Path, Message string }
		}
		if err := json.Unmarshal([]byte(res.body), &body); err != nil || body.Error == "" && len(body.Errors) == 0 {
			t.Errorf("%s: API error %d is not JSON {error, code}: %.200s", label, res.StatusCode, res.body)
		}
		if res.StatusCode == no401 && res.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: 401 without WWW-Authenticate", label)
		}
	case res.StatusCode >= 400 && res.StatusCode != c422 && res.StatusCode != c409:
		if !strings.Contains(res.body, fmt.Sprintf("(%d)", res.StatusCode)) {
			t.Errorf("%s: the error page does not show status %d", label, res.StatusCode)
		}
	}
}

// gist returns the telling part of an answer for a failure message.
func gist(res *response) string {
	b := res.body
	if i := strings.Index(b, `<main id="main">`); i >= 0 {
		b = b[i:]
	}
	if len(b) > 300 {
		b = b[:300]
	}
	return fmt.Sprintf("Location %q, body %q", res.Header.Get("Location"), b)
}

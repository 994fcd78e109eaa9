package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

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

// rows: row(anonymous, administrator, author, other author, pemeriksa, pengesah, pelaksana, auditor)
func row(codes ...int) expect {
	if len(codes) != 8 {
		panic("an expectation row needs 8 codes")
	}
	return expect(codes)
}

func allRoles(code int) expect { return expect{code, code, code, code, code, code, code, code} }

const (
	st200 = http.StatusOK
	st201 = http.StatusCreated
	st204 = http.StatusNoContent
	st303 = http.StatusSeeOther
	st401 = http.StatusUnauthorized
	st403 = http.StatusForbidden
	st404 = http.StatusNotFound
	st409 = http.StatusConflict
	st422 = http.StatusUnprocessableEntity
	st428 = http.StatusPreconditionRequired
)

// The subjects a path's {id} is filled with.
const (
	subjInForce    = "in force"     // Pengesahan Peraturan Perusahaan (Bidang HI)
	subjInForce2   = "in force (2)" // Pendaftaran PKB (Bidang HI), used where a request changes it
	subjDraft      = "draft"        // Pencatatan LKS Bipartit (Bidang HI), never approved
	subjRemote     = "not loopback" // the request claims to come through a proxy
	subjSelf       = "own user"     // {id} is the administrator's own account
	subjRegulation = "a regulation" // {id} is an entry of the regulation register
	subjUnit       = "a unit"       // {id} is a unit of the organisation
	subjPosition   = "a position"   // {id} is a position
	subjToken      = "admin token"  // {id} is the TokenID of an API token of the administrator
	subjNoSynonym  = "no synonym"   // {id} is the id of no search synonym
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
		return []matrixCase{{subject: subjInForce, want: inForceWant}, {subject: subjDraft, want: draftWant}}
	}
	readDraft := row(st404, st404, st200, st404, st404, st200, st404, st200)
	ownLogin := func(user string) url.Values {
		if user == "" {
			user = "pelaksana"
		}
		return url.Values{"username": {user}, "password": {testPassword}}
	}
	adminGet := []matrixCase{{want: row(st303, st200, st403, st403, st403, st403, st403, st403)}}
	adminPost := func(form url.Values) []matrixCase {
		return []matrixCase{{form: form, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}}
	}
	return map[string][]matrixCase{
		"GET /{$}":                     {{want: allRoles(st200)}},
		"GET /search":                  {{query: "q=pengesahan", want: allRoles(st200)}},
		"GET /sops/{id}":               page(allRoles(st200), readDraft),
		"GET /sops/{id}/flowchart.svg": page(allRoles(st200), readDraft),
		"GET /sops/{id}/document.pdf":  page(allRoles(st200), readDraft),
		"GET /sops/{id}/document.png":  page(allRoles(st200), readDraft),
		"GET /sops/{id}/document.json": page(allRoles(st200), readDraft),
		"GET /sops/{id}/document.docx": page(allRoles(st200), readDraft),
		"GET /sops/{id}/document.xlsx": page(allRoles(st200), readDraft),
		"GET /v/{code}":                {{want: allRoles(st404)}}, // an unknown code; the verification test covers known ones
		"GET /book.pdf":                {{want: allRoles(st200)}, {query: "unit=bidang-penta", want: allRoles(st200)}, {query: "unit=tidak-ada", want: allRoles(st404)}},
		"GET /login":                   {{want: row(st200, st303, st303, st303, st303, st303, st303, st303)}},
		"POST /login":                  {{formFor: ownLogin, want: allRoles(st303)}},
		"POST /logout":                 {{want: row(st401, st303, st303, st303, st303, st303, st303, st303)}},
		"POST /lang":                   {{form: url.Values{"lang": {"en"}, "next": {"/"}}, want: allRoles(st303)}},
		"GET /healthz":                 {{want: allRoles(st200)}},
		"GET /readyz":                  {{want: allRoles(st200)}},
		"GET /metrics": { // by configuration only: where the request comes from plays no part
			{want: row(st303, st200, st403, st403, st403, st403, st403, st403)},
			{subject: subjRemote, want: row(st303, st200, st403, st403, st403, st403, st403, st403)},
		},

		"GET /dashboard": {{want: row(st303, st200, st200, st200, st200, st200, st200, st200)}},

		// The account page: every signed-in user, for their own account
		// only. An empty password form and an unknown language are 422; a
		// token is revoked by its owner (303) and not found by anyone else.
		"GET /account":           {{want: row(st303, st200, st200, st200, st200, st200, st200, st200)}},
		"POST /account/password": {{want: row(st401, st422, st422, st422, st422, st422, st422, st422)}},
		"POST /account/lang":     {{form: url.Values{"lang": {"xx"}}, want: row(st401, st422, st422, st422, st422, st422, st422, st422)}},
		"POST /account/tokens/{id}/revoke": {
			{subject: subjToken, want: row(st401, st303, st404, st404, st404, st404, st404, st404)},
		},
		"GET /sops/new":  {{want: row(st303, st403, st200, st200, st403, st403, st403, st403)}},
		"POST /sops/new": {{want: row(st401, st403, st200, st200, st403, st403, st403, st403)}},
		"GET /sops/{id}/edit": page(
			row(st303, st403, st409, st403, st403, st403, st403, st403), // no draft to edit
			row(st303, st403, st200, st404, st403, st403, st403, st403)),
		"POST /sops/{id}/edit": page(
			row(st401, st403, st409, st403, st403, st403, st403, st403), // no draft to edit
			row(st401, st403, st200, st404, st403, st403, st403, st403)),
		"POST /preview": {{want: row(st401, st403, st200, st200, st403, st403, st403, st403)}},
		"POST /sops/{id}/versions": {
			{subject: subjInForce2, form: url.Values{"note": {"Revisi tahunan"}}, want: row(st401, st403, st303, st403, st403, st403, st403, st403)},
			{subject: subjDraft, form: url.Values{"note": {"Revisi tahunan"}}, want: row(st401, st403, st409, st404, st403, st403, st403, st403)}, // it has a draft already
		},
		"GET /sops/{id}/versions": page(
			row(st303, st403, st200, st403, st403, st200, st403, st200),
			row(st303, st404, st200, st404, st404, st200, st404, st200)),
		"GET /sops/{id}/diff": page( // the same readers as the history
			row(st303, st403, st200, st403, st403, st200, st403, st200),
			row(st303, st404, st200, st404, st404, st200, st404, st200)),
		"GET /sops/{id}/review": page(
			row(st303, st403, st200, st403, st403, st200, st403, st200),
			row(st303, st404, st200, st404, st404, st200, st404, st200)),
		"POST /sops/{id}/transitions": page( // an empty form: no version under way (409), no action (422)
			row(st401, st403, st409, st403, st403, st409, st403, st409),
			row(st401, st404, st422, st404, st404, st422, st404, st422)),
		"POST /sops/{id}/comments": page(
			row(st401, st403, st409, st403, st403, st409, st403, st403),
			row(st401, st404, st422, st404, st404, st422, st404, st403)),
		"GET /import":               {{want: row(st303, st403, st200, st200, st403, st403, st403, st403)}},
		"POST /import":              {{want: row(st401, st403, st422, st422, st403, st403, st403, st403)}},
		"GET /import/template.xlsx": {{want: row(st303, st403, st200, st200, st403, st403, st403, st403)}},

		// Monitoring and evaluation: recorded by pemeriksa and pengesah of
		// the unit (pengesah of the Dinas here); read by them, the unit's
		// authors, auditors and administrators; the recap and its XLSX
		// for pemeriksa and pengesah of the unit, auditors and
		// administrators. An empty form is 422, an SOP not in force 409.
		"GET /sops/{id}/monitoring": page(
			row(st303, st200, st200, st403, st403, st200, st403, st200),
			row(st303, st404, st200, st404, st404, st200, st404, st200)),
		"POST /sops/{id}/monitoring": page(
			row(st401, st403, st403, st403, st403, st422, st403, st403),
			row(st401, st404, st403, st404, st404, st409, st404, st403)),
		"GET /sops/{id}/evaluation": page(
			row(st303, st200, st200, st403, st403, st200, st403, st200),
			row(st303, st404, st200, st404, st404, st200, st404, st200)),
		"POST /sops/{id}/evaluation": page(
			row(st401, st403, st403, st403, st403, st422, st403, st403),
			row(st401, st404, st403, st404, st404, st409, st404, st403)),
		"GET /monev": {
			{want: row(st303, st200, st403, st403, st200, st200, st403, st200)},                          // each user's first unit
			{query: "unit=bidang-hi", want: row(st303, st200, st403, st403, st403, st200, st403, st200)}, // not the pemeriksa's unit
			{query: "period=2026-S3", want: row(st303, st422, st403, st403, st422, st422, st403, st422)},
		},
		"GET /monev.xlsx": {
			{want: row(st303, st200, st403, st403, st200, st200, st403, st200)},
			{query: "unit=bidang-hi&period=2026-S1", want: row(st303, st200, st403, st403, st403, st200, st403, st200)},
			{query: "unit=tidak-ada", want: row(st303, st404, st403, st403, st404, st404, st403, st404)},
		},

		// The audit trail: administrators and auditors of every unit.
		"GET /audit": {
			{want: row(st303, st200, st403, st403, st403, st403, st403, st200)},
			{query: "entity=regulation&from=2026-01-01&to=2026-12-31&page=2", want: row(st303, st200, st403, st403, st403, st403, st403, st200)},
			{query: "from=kemarin", want: row(st303, st422, st403, st403, st403, st403, st403, st422)},
		},
		"GET /audit.csv": {{query: "entity=user", want: row(st303, st200, st403, st403, st403, st403, st403, st200)}},

		"GET /admin":                           adminGet,
		"GET /admin/units":                     adminGet,
		"POST /admin/units":                    adminPost(nil),
		"POST /admin/units/{id}/close":         {{subject: subjUnit, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}}, // no date: 422
		"POST /admin/positions/{id}/close":     {{subject: subjPosition, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"GET /admin/positions":                 adminGet,
		"POST /admin/positions":                adminPost(nil),
		"GET /admin/employees":                 adminGet,
		"POST /admin/employees":                adminPost(nil),
		"POST /admin/assignments":              adminPost(url.Values{"nip": {employeeNIP}, "capacity": {"bogus"}}),
		"GET /admin/regulations":               adminGet,
		"POST /admin/regulations":              adminPost(nil),
		"POST /admin/regulations/{id}/status":  {{subject: subjRegulation, form: url.Values{"status": {"bogus"}}, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"POST /admin/regulations/{id}/issuer":  {{subject: subjRegulation, form: url.Values{"issuer": {strings.Repeat("x", 201)}}, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}}, // too long: 422
		"GET /admin/users":                     adminGet,
		"POST /admin/users":                    adminPost(nil),
		"POST /admin/users/{id}":               {{subject: subjSelf, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"POST /admin/logo":                     adminPost(nil),
		"GET /admin/settings":                  adminGet,
		"POST /admin/settings":                 adminPost(url.Values{"agency": {"0"}, "reviewMonths": {"0"}}), // a period out of 1..60
		"POST /admin/settings/office":          adminPost(url.Values{"agency": {"0"}, "address": {"Jalan"}}),  // the installation has no office: 422
		"POST /admin/settings/monitoring":      adminPost(url.Values{"monevTarget": {"1,5"}}),                 // above 1: 422
		"POST /admin/settings/workload":        adminPost(url.Values{"wke": {"100"}, "basis": {"Permenpan"}}), // below the least WKE: 422
		"POST /admin/settings/competence":      adminPost(url.Values{"expiryWindowDays": {"-1"}}),             // negative: 422
		"GET /v":                               {{want: allRoles(st200)}},
		"GET /v/{$}":                           {{want: allRoles(st200)}},
		"GET /admin/logo.png":                  {{want: row(st303, st404, st403, st403, st403, st403, st403, st403)}}, // no logo uploaded: 404
		"GET /admin/synonyms":                  adminGet,
		"POST /admin/synonyms":                 adminPost(nil), // an empty form: 422
		"POST /admin/synonyms/{id}/delete":     {{subject: subjNoSynonym, want: row(st401, st404, st403, st403, st403, st403, st403, st403)}},
		"GET /admin/webhooks":                  adminGet,
		"POST /admin/webhooks":                 adminPost(nil), // an empty form: 422
		"POST /admin/webhooks/{id}/delete":     {{subject: subjNoSynonym, want: row(st401, st404, st403, st403, st403, st403, st403, st403)}},
		"GET /api/v1/webhooks":                 {{want: row(st401, st200, st403, st403, st403, st403, st403, st403)}},
		"POST /api/v1/webhooks":                {{json: func(string) any { return map[string]any{} }, want: row(st401, st422, st403, st403, st403, st403, st403, st403)}},
		"DELETE /api/v1/webhooks/{id}":         {{subject: subjNoSynonym, want: row(st401, st404, st403, st403, st403, st403, st403, st403)}},
		"GET /api/v1/webhooks/{id}/deliveries": {{subject: subjNoSynonym, want: row(st401, st200, st403, st403, st403, st403, st403, st403)}},
		"POST /admin/units/kode":               adminPost(url.Values{"unit": {"1"}, "kode": {"5/60"}}),           // not a code: 422
		"POST /admin/settings/zone":            adminPost(url.Values{"agency": {"0"}, "zone": {"Europe/Paris"}}), // not an Indonesian zone: 422

		"POST /api/v1/tokens": {{json: func(user string) any {
			f := ownLogin(user)
			return map[string]string{"username": f.Get("username"), "password": f.Get("password")}
		}, want: allRoles(st201)}},
		"GET /api/v1/tokens":            {{want: row(st401, st200, st200, st200, st200, st200, st200, st200)}},
		"DELETE /api/v1/tokens/current": {{want: row(st401, st204, st204, st204, st204, st204, st204, st204)}}, // a fresh token per request

		"GET /api/v1/openapi.json": {{want: allRoles(st200)}},
		"GET /api/v1/sops":         {{want: allRoles(st200)}},
		"POST /api/v1/sops":        {{json: func(string) any { return map[string]any{} }, want: row(st401, st403, st422, st422, st403, st403, st403, st403)}},
		"GET /api/v1/sops/{id}":    page(allRoles(st200), readDraft),
		"PUT /api/v1/sops/{id}": page( // without If-Match
			row(st401, st403, st409, st403, st403, st403, st403, st403), // no draft to replace
			row(st401, st403, st428, st404, st403, st403, st403, st403)),
		"POST /api/v1/sops/{id}/transitions": {
			{subject: subjInForce, json: func(string) any { return map[string]any{} }, want: row(st401, st403, st409, st403, st403, st409, st403, st409)},
			{subject: subjDraft, json: func(string) any { return map[string]any{} }, want: row(st401, st404, st422, st404, st404, st422, st404, st422)},
		},
		"GET /api/v1/sops/{id}/flowchart.svg": page(allRoles(st200), readDraft),
		"GET /api/v1/sops/{id}/document.pdf":  page(allRoles(st200), readDraft),
		"GET /api/v1/sops/{id}/document.png":  page(allRoles(st200), readDraft),
		"GET /api/v1/sops/{id}/process.bpmn":  page(allRoles(st200), readDraft),
	}
}

func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
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
		subjInForce:    e.sop(titleInForce).ID,
		subjInForce2:   e.sop(titleInForce2).ID,
		subjDraft:      e.sop(titleDraftHI).ID,
		subjSelf:       e.userID("admin"),
		subjRegulation: regs[0].ID,
		subjUnit:       firstUnit(t, e),
		subjPosition:   firstPosition(t, e),
	}
	subjects := map[string]string{subjToken: esop.TokenID(e.bearer("admin")), subjNoSynonym: "999999"}
	for k, id := range ids {
		subjects[k] = fmt.Sprint(id)
	}
	if s := e.sop(titleInForce2); s.Draft != nil || s.Current == nil {
		t.Fatalf("%s should be in force without a draft", titleInForce2)
	}
	if s := e.sop(titleDraftHI); s.Current != nil || s.Draft == nil {
		t.Fatalf("%s should be a subjDraft only", titleDraftHI)
	}
	table := matrixTable(emps[0].NIP)
	// Running SOPs: a case, an absence, and their routes (cases_authz_test.go).
	runSubjects, wildcards, runTable := runMatrix(t, e, emps[0].NIP)
	maps.Copy(subjects, runSubjects)
	maps.Copy(table, runTable)
	// The analyses (analysis_authz_test.go).
	analysisWildcards, analysisTable := analysisMatrix(t, e)
	maps.Copy(wildcards, analysisWildcards)
	maps.Copy(table, analysisTable)
	maps.Copy(table, statsMatrix()) // performance figures (stats_api_test.go)
	// Service standards (servicestandard_api_test.go).
	standardSubjects, standardTable := standardMatrix(t, e)
	maps.Copy(subjects, standardSubjects)
	maps.Copy(table, standardTable)

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

	// The roles run side by side; their requests do not depend on each
	// other (the one request that changes an SOP, a new version of
	// inForce2, is allowed to one role only).
	var requests atomic.Int64
	t.Cleanup(func() { t.Logf("%d routes, %d requests", len(guards), requests.Load()) })
	for i, role := range matrixRoles {
		t.Run(role.name, func(t *testing.T) {
			t.Parallel()
			e := &env{t: t, db: e.db, app: e.app, srv: e.srv}
			for _, rt := range e.app.Routes() {
				method, pattern, _ := strings.Cut(rt.Pattern, " ")
				api := strings.HasPrefix(pattern, "/api/")
				for _, tc := range table[rt.Pattern] {
					path := strings.TrimSuffix(pattern, "{$}")
					if strings.Contains(path, "{id}") {
						id, ok := subjects[tc.subject]
						if !ok {
							t.Fatalf("%s: subject %q has no id", rt.Pattern, tc.subject)
						}
						path = strings.Replace(path, "{id}", id, 1)
					}
					for w, v := range wildcards {
						path = strings.ReplaceAll(path, w, v)
					}
					if tc.query != "" {
						path += "?" + tc.query
					}
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
					if tc.subject == subjRemote {
						headers = append(headers, "X-Forwarded-For", "203.0.113.9")
					}
					var res *response
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
					requests.Add(1)
					label := fmt.Sprintf("%s %s [%s] as %s", method, path, tc.subject, role.name)
					if res.StatusCode != want {
						t.Errorf("%s: status %d, want %d (%s)", label, res.StatusCode, want, gist(res))
						continue
					}
					checkRefusal(t, label, api, method, path, role.user, res)
				}
			}
		})
	}
}

// checkGuardAgrees makes sure the table does not contradict the guard
// that Routes() reports for the route.
func checkGuardAgrees(t *testing.T, guard, pattern, subject, user string, want int) {
	t.Helper()
	method, path, _ := strings.Cut(pattern, " ")
	anonRefusal := st401
	if method == http.MethodGet && !strings.HasPrefix(path, "/api/") {
		anonRefusal = st303
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
	case guard == "metrics":
		switch {
		case user == "":
			must = anonRefusal
		case !has(esop.RoleAdministrator):
			must = st403
		default:
			return
		}
	case user == "":
		must = anonRefusal
	case guard == "author" && !has(esop.RolePenyusun), guard == "admin" && !has(esop.RoleAdministrator):
		must = st403
	case guard == "staff", guard == "author", guard == "admin":
		if want == st401 {
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
	case res.StatusCode == st303 && user == "" && strings.HasPrefix(loc, "/login"):
		if want := "/login?next=" + url.QueryEscape(path); loc != want {
			t.Errorf("%s: redirected to %q, want %q", label, loc, want)
		}
	case res.StatusCode == st303 && user != "" && strings.HasPrefix(loc, "/login"):
		t.Errorf("%s: a signed-in user was sent to %q", label, loc)
	case res.StatusCode >= 400 && api:
		var body struct {
			Error, Code string
			Errors      []struct{ Path, Message string }
		}
		if err := json.Unmarshal([]byte(res.body), &body); err != nil || body.Error == "" && len(body.Errors) == 0 {
			t.Errorf("%s: API error %d is not JSON {error, code}: %.200s", label, res.StatusCode, res.body)
		}
		if res.StatusCode == st401 && res.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: 401 without WWW-Authenticate", label)
		}
	case res.StatusCode >= 400 && res.StatusCode != st422 && res.StatusCode != st409:
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

// TestDraftVisibility checks who reads each draft of the sample book,
// by unit: authors, reviewers and approvers of the unit or a unit above
// it, and auditors everywhere.
func TestDraftVisibility(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.addUser("pemeriksa-sek", "pemeriksa:sekretariat")
	e.addUser("penyusun-umum", "penyusun:subbag-umum") // below Sekretariat: may not read its drafts
	e.addUser("penyusun-dinas", "penyusun:disnakertrans")
	readers := map[string][]string{
		titleDraftHI:  {"penyusun2", "pengesah", "auditor", "penyusun-dinas"},
		titleDraftLat: {"pengesah", "auditor", "penyusun-dinas"},
		titleDraftSek: {"pengesah", "auditor", "pemeriksa-sek", "penyusun-dinas"},
	}
	users := []string{"", "admin", "penyusun", "penyusun2", "pemeriksa", "pengesah", "pelaksana", "auditor", "pemeriksa-sek", "penyusun-umum", "penyusun-dinas"}
	for title, who := range readers {
		id := e.sop(title).ID
		for _, u := range users {
			want := http.StatusNotFound
			if slices.Contains(who, u) {
				want = http.StatusOK
			}
			c := e.session(u)
			for _, p := range []string{"/sops/%d", "/sops/%d/document.json", "/api/v1/sops/%d", "/api/v1/sops/%d/process.bpmn?draft=1"} {
				path := fmt.Sprintf(p, id)
				if res := e.do(c, http.MethodGet, path, nil); res.StatusCode != want {
					t.Errorf("%s (%s) as %q: %d, want %d", path, title, u, res.StatusCode, want)
				}
			}
			wantHistory := want
			if want == http.StatusNotFound && u == "" {
				wantHistory = http.StatusSeeOther
			}
			if res := e.do(c, http.MethodGet, fmt.Sprintf("/sops/%d/versions", id), nil); res.StatusCode != wantHistory {
				t.Errorf("history of %s as %q: %d, want %d", title, u, res.StatusCode, wantHistory)
			}
		}
	}
}

func firstUnit(t *testing.T, e *env) int64 {
	units, err := e.db.FindUnits(context.Background(), esop.UnitFilter{})
	if err != nil || len(units) == 0 {
		t.Fatalf("units: %v", err)
	}
	return units[0].ID
}

func firstPosition(t *testing.T, e *env) int64 {
	ps, err := e.db.FindPositions(context.Background(), esop.PositionFilter{})
	if err != nil || len(ps) == 0 {
		t.Fatalf("positions: %v", err)
	}
	return ps[0].ID
}

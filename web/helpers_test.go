package web_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// Helpers shared by the HTTP tests: clients signed in through the store
// (no password hashing, so that a test can use many sessions cheaply),
// requests that return their body, and the check that every API answer
// is documented in openapi.json.

// Titles of the sample SOPs the tests use.
const (
	titleInForce  = "Pengesahan Peraturan Perusahaan"                        // Bidang HI, in force
	titleInForce2 = "Pendaftaran Perjanjian Kerja Bersama"                   // Bidang HI, in force
	titleDraftHI  = "Pencatatan Lembaga Kerja Sama Bipartit"                 // Bidang HI, draft only
	titleDraftSek = "Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP)" // Sekretariat, draft only
	titleDraftLat = "Penyelenggaraan Pemagangan di Dalam Negeri"             // Bidang Pelatihan, draft only
	unitHI        = "Bidang Hubungan Industrial dan Jaminan Sosial"
	unitPenta     = "Bidang Penempatan dan Perluasan Kerja"
)

// response is an answer with its body read.
type response struct {
	*http.Response
	body string
}

// userID returns the id of a test account.
func (e *env) userID(username string) int64 {
	e.t.Helper()
	users, err := e.db.FindUsers(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	for _, u := range users {
		if u.Username == username {
			return u.ID
		}
	}
	e.t.Fatalf("no user %q", username)
	return 0
}

// user returns a test account as stored.
func (e *env) user(username string) *esop.User {
	e.t.Helper()
	u, err := e.db.FindUserByID(context.Background(), e.userID(username))
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// addUser creates an account with the test password and the given grants
// ("role" or "role:unit-key").
func (e *env) addUser(username string, grants ...string) {
	e.t.Helper()
	ctx := context.Background()
	units, err := e.db.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	u := &esop.User{Username: username, Name: "Pengguna " + username}
	for _, g := range grants {
		role, key, _ := strings.Cut(g, ":")
		var id int64
		for _, unit := range units {
			if unit.Key == key {
				id = unit.ID
			}
		}
		if key != "" && id == 0 {
			e.t.Fatalf("no unit %q", key)
		}
		u.Grants = append(u.Grants, esop.Grant{Role: role, UnitID: id})
	}
	if err := e.db.CreateUser(ctx, u, testPassword); err != nil {
		e.t.Fatal(err)
	}
}

// newClient returns a client with a cookie jar that does not follow
// redirects and checks every API answer against openapi.json.
func (e *env) newClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Jar:           jar,
		Transport:     &apiChecker{t: e.t, base: http.DefaultTransport},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// sessionToken starts a web session for username in the store.
func (e *env) sessionToken(username, kind string) string {
	e.t.Helper()
	token, err := e.db.CreateSession(context.Background(), e.userID(username), kind, time.Hour)
	if err != nil {
		e.t.Fatal(err)
	}
	return token
}

// session returns a client signed in as username with a session made in
// the store ("" for anonymous). The login form itself is tested in
// TestLogin; this keeps the many requests of the matrix cheap.
func (e *env) session(username string) *http.Client {
	e.t.Helper()
	c := e.newClient()
	if username != "" {
		u, _ := url.Parse(e.srv.URL)
		c.Jar.SetCookies(u, []*http.Cookie{{Name: "esop_session", Value: e.sessionToken(username, "web"), Path: "/"}})
	}
	return c
}

// bearer returns an API token for username.
func (e *env) bearer(username string) string { return e.sessionToken(username, "api") }

// do makes a request; headers are given as name, value pairs.
func (e *env) do(c *http.Client, method, path string, body io.Reader, headers ...string) *response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return &response{Response: res, body: string(b)}
}

// postForm posts a URL-encoded form.
func (e *env) postForm(c *http.Client, path string, form url.Values, headers ...string) *response {
	e.t.Helper()
	return e.do(c, http.MethodPost, path, strings.NewReader(form.Encode()),
		append([]string{"Content-Type", "application/x-www-form-urlencoded"}, headers...)...)
}

// upload posts files as multipart/form-data under the field name.
func (e *env) upload(c *http.Client, path, field string, files map[string][]byte) *response {
	e.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := mw.CreateFormFile(field, n)
		if err != nil {
			e.t.Fatal(err)
		}
		w.Write(files[n])
	}
	mw.Close()
	return e.do(c, http.MethodPost, path, &b, "Content-Type", mw.FormDataContentType())
}

// apiJSON makes an API request with a JSON body (nil for none) and an
// optional bearer token, and decodes the JSON answer into out (when not nil).
func (e *env) apiJSON(c *http.Client, method, path, token string, in any, out any, headers ...string) *response {
	e.t.Helper()
	var body io.Reader
	if in != nil {
		b, ok := in.([]byte)
		if !ok {
			var err error
			if b, err = json.Marshal(in); err != nil {
				e.t.Fatal(err)
			}
		}
		body = bytes.NewReader(b)
		headers = append(headers, "Content-Type", "application/json")
	}
	if token != "" {
		headers = append(headers, "Authorization", "Bearer "+token)
	}
	res := e.do(c, method, path, body, headers...)
	if out != nil {
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			e.t.Fatalf("%s %s: %d with Content-Type %q, want JSON: %.300s", method, path, res.StatusCode, ct, res.body)
		}
		if err := json.Unmarshal([]byte(res.body), out); err != nil {
			e.t.Fatalf("%s %s: %v in %.300s", method, path, err, res.body)
		}
	}
	return res
}

// sop returns the sample SOP with the given title.
func (e *env) sop(title string) *esop.SOP {
	e.t.Helper()
	sops, _, err := e.db.FindSOPs(context.Background(), esop.SOPFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, s := range sops {
		if s.Title == title {
			return s
		}
	}
	e.t.Fatalf("no SOP titled %q", title)
	return nil
}

// reload returns an SOP as stored now.
func (e *env) reload(id int64) *esop.SOP {
	e.t.Helper()
	s, err := e.db.FindSOPByID(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// countSOPs returns how many SOPs the store holds.
func (e *env) countSOPs() int {
	e.t.Helper()
	_, n, err := e.db.FindSOPs(context.Background(), esop.SOPFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// sessionAlive reports whether a client's session still lets it in.
func (e *env) sessionAlive(c *http.Client) bool {
	e.t.Helper()
	res := e.do(c, http.MethodGet, "/dashboard", nil)
	switch res.StatusCode {
	case http.StatusOK:
		return true
	case http.StatusSeeOther:
		return false
	}
	e.t.Fatalf("GET /dashboard: %d", res.StatusCode)
	return false
}

// draftDocument returns a valid draft for unit, built from a sample SOP
// of the book (approval, number and effective date removed).
func draftDocument(t testing.TB, sample *esop.SOP, unit, title string) *esop.Document {
	t.Helper()
	v := sample.Latest()
	d := v.Document.Clone()
	d.Approval, d.Number, d.Dates.Effective = nil, "", esop.Date{}
	d.Unit, d.Title = unit, title
	if ps := esop.Validate(d, esop.ValidateOptions{}); ps.HasErrors() {
		t.Fatalf("test document has errors: %v", ps.Errors())
	}
	return d
}

// editorForm encodes a document as the editor form sends it.
func editorForm(d *esop.Document, op string, revision int) url.Values {
	f := url.Values{}
	set := func(k, v string) {
		if v != "" {
			f.Set(k, v)
		}
	}
	set("op", op)
	f.Set("revision", strconv.Itoa(revision))
	set("title", d.Title)
	set("number", d.Number)
	set("government", d.Government)
	set("agency", d.Agency)
	set("unit", d.Unit)
	set("type", d.Type)
	set("category", d.Category)
	set("warning", d.Warning)
	if !d.Dates.Created.IsZero() {
		f.Set("dates.created", d.Dates.Created.String())
	}
	if !d.Dates.Revised.IsZero() {
		f.Set("dates.revised", d.Dates.Revised.String())
	}
	var legal []string
	for _, r := range d.LegalBasis {
		legal = append(legal, r.Cite(d.Government)) // as the editor shows it
	}
	set("legalBasis", strings.Join(legal, "\n"))
	set("qualifications", strings.Join(d.Qualifications, "\n"))
	set("related", strings.Join(d.Related, "\n"))
	set("equipment", strings.Join(d.Equipment, "\n"))
	set("records", strings.Join(d.Records, "\n"))
	for i, a := range d.Actors {
		f.Set(fmt.Sprintf("actors[%d].id", i), a.ID)
		f.Set(fmt.Sprintf("actors[%d].name", i), a.Name)
		set(fmt.Sprintf("actors[%d].position", i), a.Position)
		if a.External {
			f.Set(fmt.Sprintf("actors[%d].external", i), "1")
		}
	}
	for i, s := range d.Steps {
		p := fmt.Sprintf("steps[%d].", i)
		f.Set(p+"id", s.ID)
		f.Set(p+"activity", s.Activity)
		f.Set(p+"actor", s.Actor)
		set(p+"requirements", strings.Join(s.Requirements, "\n"))
		set(p+"output", s.Output)
		set(p+"note", s.Note)
		set(p+"time", esop.TimeText(s.Time, "id"))
		switch {
		case s.Decision != nil:
			f.Set(p+"kind", "decision")
			f.Set(p+"decision.yes", s.Decision.Yes)
			f.Set(p+"decision.no", s.Decision.No)
			set(p+"decision.yesLabel", s.Decision.YesLabel)
			set(p+"decision.noLabel", s.Decision.NoLabel)
		case s.End:
			f.Set(p+"kind", "end")
		default:
			f.Set(p+"kind", "process")
			set(p+"next", s.Next)
		}
	}
	return f
}

var stepIDField = regexp.MustCompile(`name="steps\[(\d+)\]\.id" value="([^"]*)"`)
var actorIDField = regexp.MustCompile(`name="actors\[(\d+)\]\.id" value="([^"]*)"`)

// formIDs returns the step (or actor) ids of a rendered editor, in order.
func formIDs(re *regexp.Regexp, body string) []string {
	var ids []string
	for i, m := range re.FindAllStringSubmatch(body, -1) {
		if m[1] != strconv.Itoa(i) {
			return append(ids, "out of order: "+m[1])
		}
		ids = append(ids, m[2])
	}
	return ids
}

// ----- OpenAPI: every API answer the tests see must be documented -----

// openAPI is the part of openapi.json the tests read.
type openAPI struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
}

type operation struct {
	Responses map[string]json.RawMessage `json:"responses"`
}

var httpMethods = []string{"get", "put", "post", "delete", "patch", "head", "options", "trace"}

var loadSpec = sync.OnceValues(func() (*openAPI, error) {
	b, err := os.ReadFile("../api/openapi.json")
	if err != nil {
		return nil, err
	}
	var spec openAPI
	if err := json.Unmarshal(b, &spec); err != nil {
		return nil, err
	}
	return &spec, nil
})

// documented reports whether the answer status to method path is listed
// under the responses of its operation, and why not.
func (spec *openAPI) documented(method, path string, status int) error {
	// Concrete paths are matched before templated ones, as OpenAPI says
	// (/api/v1/calendar/due before /api/v1/calendar/{year}).
	tmpls := slices.SortedFunc(maps.Keys(spec.Paths), func(a, b string) int {
		return cmp.Or(strings.Count(a, "{")-strings.Count(b, "{"), strings.Compare(a, b))
	})
	for _, tmpl := range tmpls {
		item := spec.Paths[tmpl]
		re := "^" + regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(tmpl), `[^/]+`) + "$"
		if !regexp.MustCompile(re).MatchString(path) {
			continue
		}
		raw, ok := item[strings.ToLower(method)]
		if !ok {
			return fmt.Errorf("%s %s: no operation %s under %s in openapi.json", method, path, method, tmpl)
		}
		var op operation
		if err := json.Unmarshal(raw, &op); err != nil {
			return err
		}
		if _, ok := op.Responses[strconv.Itoa(status)]; ok {
			return nil
		}
		if _, ok := op.Responses["default"]; ok {
			return nil
		}
		return fmt.Errorf("%s %s answered %d, which openapi.json does not document for %s %s", method, path, status, method, tmpl)
	}
	return fmt.Errorf("%s %s: no path in openapi.json", method, path)
}

// apiChecker is a transport that fails the test when an answer of the
// API has a status its description does not list.
type apiChecker struct {
	t    testing.TB
	base http.RoundTripper
}

// apiChecked counts the API answers checked, so that a test can prove
// that the check ran.
var apiChecked struct {
	sync.Mutex
	n map[string]int // "METHOD status" → count
}

func (c *apiChecker) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := c.base.RoundTrip(r)
	if err != nil || !strings.HasPrefix(r.URL.Path, "/api/v1/") {
		return res, err
	}
	spec, serr := loadSpec()
	if serr != nil {
		c.t.Errorf("openapi.json: %v", serr)
		return res, err
	}
	if derr := spec.documented(r.Method, r.URL.Path, res.StatusCode); derr != nil {
		c.t.Errorf("undocumented API answer: %v", derr)
	}
	apiChecked.Lock()
	if apiChecked.n == nil {
		apiChecked.n = map[string]int{}
	}
	apiChecked.n[r.Method+" "+strconv.Itoa(res.StatusCode)]++
	apiChecked.Unlock()
	return res, err
}

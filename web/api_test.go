package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// The JSON API under /api/v1. Every request goes through a client whose
// transport fails the test when the answer's status is not documented
// for its operation in openapi.json.

// apiError is the body of an API error.
type apiError struct {
	Error  string `json:"error"`
	Code   string `json:"code"`
	Errors []struct {
		Path, Message, Code, Severity string
	} `json:"errors"`
}

// apiList is the body of GET /api/v1/sops.
type apiList struct {
	SOPs []struct {
		ID                                             int64
		Number, Title, Agency, Unit, Status, Effective string
		Version                                        int
	} `json:"sops"`
	Total int `json:"total"`
}

func (l apiList) titles() []string {
	var out []string
	for _, s := range l.SOPs {
		out = append(out, s.Title)
	}
	return out
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	var tok struct {
		Token     string `json:"token"`
		ExpiresIn int    `json:"expiresIn"`
	}
	res := e.apiJSON(c, http.MethodPost, "/api/v1/tokens", "", map[string]string{"username": "penyusun2", "password": testPassword}, &tok)
	if res.StatusCode != http.StatusCreated || len(tok.Token) < 32 || tok.ExpiresIn != 30*24*3600 {
		t.Fatalf("token: %d %+v", res.StatusCode, tok)
	}
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Error("the token answer may be cached")
	}
	if len(res.Cookies()) != 0 {
		t.Error("the token endpoint set a cookie")
	}
	// The token signs the client in: the author sees the unit's draft.
	var list apiList
	e.apiJSON(c, http.MethodGet, "/api/v1/sops?q=bipartit", tok.Token, nil, &list)
	if !slices.Contains(list.titles(), titleDraftHI) {
		t.Errorf("the token does not sign in: %v", list.titles())
	}
	var ae apiError
	for _, tc := range []struct {
		name   string
		body   any
		status int
		code   string
	}{
		{"wrong password", map[string]string{"username": "penyusun2", "password": "salah-sekali-123"}, 401, "unauthorized"},
		{"unknown user", map[string]string{"username": "tidak-ada", "password": testPassword}, 401, "unauthorized"},
		{"not JSON", []byte("username=penyusun2"), 422, "invalid"},
		{"JSON of the wrong shape", []byte(`["penyusun2"]`), 422, "invalid"},
	} {
		ae = apiError{}
		res := e.apiJSON(c, http.MethodPost, "/api/v1/tokens", "", tc.body, &ae)
		if res.StatusCode != tc.status || ae.Code != tc.code || ae.Error == "" {
			t.Errorf("%s: %d %+v, want %d %s", tc.name, res.StatusCode, ae, tc.status, tc.code)
		}
		if tc.status == 401 && res.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: no WWW-Authenticate", tc.name)
		}
	}
	// A wrong or ended token is refused even where no sign-in is needed.
	ae = apiError{}
	if res := e.apiJSON(c, http.MethodGet, "/api/v1/sops", "bukan-token", nil, &ae); res.StatusCode != http.StatusUnauthorized || ae.Code != "unauthorized" {
		t.Errorf("a wrong token: %d %+v", res.StatusCode, ae)
	}
	u := e.user("penyusun2")
	u.Disabled = true
	if err := e.db.UpdateUser(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	if res := e.apiJSON(c, http.MethodGet, "/api/v1/sops", tok.Token, nil, &ae); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the token of a disabled user: %d", res.StatusCode)
	}
}

func TestAPIList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	in, out := e.inForceTitles()
	var list apiList
	if res := e.apiJSON(c, http.MethodGet, "/api/v1/sops", "", nil, &list); res.StatusCode != http.StatusOK {
		t.Fatalf("%d", res.StatusCode)
	}
	if list.Total != len(in) || len(list.SOPs) != len(in) {
		t.Errorf("anonymous list: total %d, %d SOPs, want %d", list.Total, len(list.SOPs), len(in))
	}
	for _, s := range list.SOPs {
		if s.Status != "in_force" || s.ID == 0 || s.Version < 1 || s.Effective == "" || s.Unit == "" || s.Agency == "" {
			t.Errorf("listed: %+v", s)
		}
		if slices.Contains(out, s.Title) {
			t.Errorf("anonymous list has %q, which is not in force", s.Title)
		}
	}
	for _, tc := range []struct {
		user, query string
		want, not   []string
		status      string // every entry's status, when set
	}{
		{"", "q=pengesahan", []string{titleInForce}, nil, "in_force"},
		{"", "q=bipartit", nil, []string{titleDraftHI}, ""},
		{"penyusun", "q=bipartit", nil, []string{titleDraftHI}, ""},
		{"penyusun2", "q=bipartit", []string{titleDraftHI}, nil, ""},
		{"", "unit=" + url.QueryEscape(unitHI), []string{titleInForce, titleInForce2}, []string{"Pelayanan Informasi Lowongan Kerja", titleDraftHI}, "in_force"},
		{"auditor", "status=draft", []string{titleDraftHI, titleDraftLat, titleDraftSek}, []string{titleInForce}, "draft"},
		{"pengesah", "status=draft&unit=" + url.QueryEscape(unitHI), []string{titleDraftHI}, []string{titleDraftSek}, "draft"},
		{"", "q=zzzqqq", nil, []string{titleInForce}, ""},
	} {
		token := ""
		if tc.user != "" {
			token = e.bearer(tc.user)
		}
		var l apiList
		e.apiJSON(c, http.MethodGet, "/api/v1/sops?"+tc.query, token, nil, &l)
		got := l.titles()
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s as %q: %q missing from %v", tc.query, tc.user, w, got)
			}
		}
		for _, n := range tc.not {
			if slices.Contains(got, n) {
				t.Errorf("%s as %q: %q listed", tc.query, tc.user, n)
			}
		}
		for _, s := range l.SOPs {
			if tc.status != "" && s.Status != tc.status {
				t.Errorf("%s as %q: %q has status %q", tc.query, tc.user, s.Title, s.Status)
			}
		}
		if l.Total != len(l.SOPs) {
			t.Errorf("%s: total %d for %d SOPs", tc.query, l.Total, len(l.SOPs))
		}
	}
}

// created is the body of a 201 answer to POST /api/v1/sops.
type created struct {
	ID       int64             `json:"id"`
	Version  int               `json:"version"`
	Status   string            `json:"status"`
	Warnings []json.RawMessage `json:"warnings"`
}

func TestAPICreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	token := e.bearer("penyusun2")
	sample := e.sop(titleInForce)
	before := e.countSOPs()
	doc := draftDocument(t, sample, unitHI, "Pencatatan Perjanjian Kerja Waktu Tertentu")

	var out created
	res := e.apiJSON(c, http.MethodPost, "/api/v1/sops", token, doc, &out)
	if res.StatusCode != http.StatusCreated || out.ID == 0 || out.Version != 1 || out.Status != esop.StatusDraft || out.Warnings == nil {
		t.Fatalf("create: %d %s", res.StatusCode, res.body)
	}
	if res.Header.Get("Location") != fmt.Sprintf("/api/v1/sops/%d", out.ID) || !regexp.MustCompile(`^"v\d+-r1"$`).MatchString(res.Header.Get("ETag")) {
		t.Errorf("Location %q, ETag %q", res.Header.Get("Location"), res.Header.Get("ETag"))
	}
	s := e.reload(out.ID)
	if s.Draft == nil || s.Draft.CreatedBy != "penyusun2" || esop.ContentHash(s.Draft.Document) != esop.ContentHash(doc) {
		t.Error("the stored draft is not the document sent")
	}
	// A warning comes back with its path: an actor no step uses.
	warn := doc.Clone()
	warn.Title = "Uji Peringatan"
	warn.Actors = append(warn.Actors, esop.Actor{ID: "a99", Name: "Pengawas Ketenagakerjaan"})
	out = created{}
	e.apiJSON(c, http.MethodPost, "/api/v1/sops", token, warn, &out)
	if len(out.Warnings) == 0 || !strings.Contains(string(out.Warnings[0]), fmt.Sprintf(`"path":"actors[%d]`, len(warn.Actors)-1)) {
		t.Errorf("warnings: %s", out.Warnings)
	}
	before += 2

	invalid := doc.Clone()
	invalid.Title = ""
	invalid.Steps[1].Next, invalid.Steps[1].End = "", false
	invalid.Steps[1].Decision = &esop.Decision{Yes: invalid.Steps[2].ID, No: "s99"}
	approved := sample.Current.Document.Clone()
	approved.Number, approved.Title = "560/997/35.73.405/2026", "Pengesahan Lewat API"
	otherUnit := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Unit Lain")
	used := doc.Clone()
	used.Number = sample.Number
	for _, tc := range []struct {
		name   string
		body   any
		status int
		paths  []string // the paths of the errors, for 422
		code   string
	}{
		{"invalid document", invalid, 422, []string{"title", "steps[1].decision.no"}, ""},
		{"not JSON", []byte(`{"format": "esop.sop/1", "title": }`), 422, []string{""}, ""},
		{"a list", []*esop.Document{doc, doc}, 422, nil, ""},
		{"unknown key", []byte(`{"format":"esop.sop/1","title":"x","agency":"y","unit":"z","actors":[],"steps":[],"colour":"red"}`), 422, []string{"colour"}, ""},
		{"a number already used", used, 409, nil, "conflict"},
		{"an approved SOP by an author", approved, 403, nil, "forbidden"},
		{"another unit", otherUnit, 403, nil, "forbidden"},
	} {
		var ae apiError
		res := e.apiJSON(c, http.MethodPost, "/api/v1/sops", token, tc.body, &ae)
		if res.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d: %s", tc.name, res.StatusCode, tc.status, res.body)
			continue
		}
		if tc.status == 422 {
			if len(ae.Errors) == 0 {
				t.Errorf("%s: no errors listed: %s", tc.name, res.body)
			}
			var paths []string
			for _, p := range ae.Errors {
				paths = append(paths, p.Path)
				if p.Message == "" || p.Severity != "error" {
					t.Errorf("%s: %+v", tc.name, p)
				}
			}
			for _, p := range tc.paths {
				if !slices.Contains(paths, p) {
					t.Errorf("%s: no error at %q in %v", tc.name, p, paths)
				}
			}
		} else if ae.Code != tc.code || ae.Error == "" {
			t.Errorf("%s: %+v, want code %s", tc.name, ae, tc.code)
		}
	}
	if n := e.countSOPs(); n != before {
		t.Fatalf("refused documents were stored: %d", n-before)
	}
	// The messages of the API follow Accept-Language.
	var ae apiError
	e.apiJSON(c, http.MethodPost, "/api/v1/sops", token, invalid, &ae, "Accept-Language", "en")
	var msgs []string
	for _, p := range ae.Errors {
		msgs = append(msgs, p.Message)
	}
	if !slices.Contains(msgs, "is required") {
		t.Errorf("English errors: %v", msgs)
	}
	// Anonymous: 401; an approved SOP by an administrator who writes for the unit: 201.
	if res := e.apiJSON(c, http.MethodPost, "/api/v1/sops", "", doc, &ae); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous create: %d", res.StatusCode)
	}
	e.addUser("kepala", "administrator", "penyusun:bidang-hi")
	out = created{}
	if res := e.apiJSON(c, http.MethodPost, "/api/v1/sops", e.bearer("kepala"), approved, &out); res.StatusCode != http.StatusCreated || out.Status != esop.StatusApproved {
		t.Errorf("approved SOP by an administrator: %d %s", res.StatusCode, res.body)
	}
	var l apiList
	e.apiJSON(c, http.MethodGet, "/api/v1/sops?q="+url.QueryEscape("pengesahan lewat api"), "", nil, &l)
	if !slices.Contains(l.titles(), approved.Title) {
		t.Errorf("the approved SOP is not in the public list: %v", l.titles())
	}
}

func TestAPIGetAndPut(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	token := e.bearer("penyusun2")
	s := e.sop(titleDraftHI)
	path := fmt.Sprintf("/api/v1/sops/%d", s.ID)

	var doc esop.Document
	res := e.apiJSON(c, http.MethodGet, path, token, nil, &doc)
	etag := res.Header.Get("ETag")
	if res.StatusCode != http.StatusOK || doc.Title != titleDraftHI || etag != fmt.Sprintf(`"v%d-r%d"`, s.Draft.ID, s.Draft.Revision) || res.Header.Get("X-SOP-Status") != "draft" {
		t.Fatalf("GET: %d %q %q", res.StatusCode, etag, doc.Title)
	}
	if _, ps := esop.DecodeDocument([]byte(res.body)); ps.HasErrors() {
		t.Errorf("the API document does not decode: %v", ps.Errors())
	}
	var ae apiError
	if res := e.apiJSON(c, http.MethodGet, path, "", nil, &ae); res.StatusCode != http.StatusNotFound || ae.Code != "not_found" {
		t.Errorf("anonymous GET of a draft: %d %+v", res.StatusCode, ae)
	}

	changed := doc
	changed.Title = "Pencatatan LKS Bipartit lewat API"
	for _, tc := range []struct {
		name    string
		ifMatch string
		body    any
		status  int
		code    string
	}{
		{"without If-Match", "", changed, 428, "precondition_required"},
		{"with a stale ETag", fmt.Sprintf(`"v%d-r0"`, s.Draft.ID), changed, 412, "precondition_failed"},
		{"with another version's ETag", `"v1-r1"`, changed, 412, "precondition_failed"},
		{"an invalid document", etag, map[string]any{"format": "esop.sop/1"}, 422, ""},
	} {
		ae = apiError{}
		var headers []string
		if tc.ifMatch != "" {
			headers = []string{"If-Match", tc.ifMatch}
		}
		res := e.apiJSON(c, http.MethodPut, path, token, tc.body, &ae, headers...)
		if res.StatusCode != tc.status || ae.Code != tc.code || tc.status == 422 && len(ae.Errors) == 0 {
			t.Errorf("PUT %s: %d %s, want %d %s", tc.name, res.StatusCode, res.body, tc.status, tc.code)
		}
	}
	if now := e.reload(s.ID); now.Draft.Revision != s.Draft.Revision || now.Draft.Document.Title != titleDraftHI {
		t.Fatal("a refused PUT changed the draft")
	}

	var put struct {
		ID       int64 `json:"id"`
		Version  int   `json:"version"`
		Revision int   `json:"revision"`
	}
	res = e.apiJSON(c, http.MethodPut, path, token, changed, &put, "If-Match", etag)
	newTag := res.Header.Get("ETag")
	if res.StatusCode != http.StatusOK || put.ID != s.ID || put.Revision != s.Draft.Revision+1 || newTag == "" || newTag == etag {
		t.Fatalf("PUT: %d %s, ETag %q", res.StatusCode, res.body, newTag)
	}
	res = e.apiJSON(c, http.MethodGet, path, token, nil, &doc)
	if doc.Title != changed.Title || res.Header.Get("ETag") != newTag {
		t.Errorf("after PUT: %q %q, want %q", doc.Title, res.Header.Get("ETag"), newTag)
	}
	// The old ETag is stale now.
	if res := e.apiJSON(c, http.MethodPut, path, token, changed, &ae, "If-Match", etag); res.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("PUT with the old ETag: %d", res.StatusCode)
	}
	// A draft cannot be signed through PUT.
	signed := changed
	signed.Approval = e.sop(titleInForce).Current.Document.Approval
	signed.Dates.Effective = esop.DateOf(fixedNow)
	if res := e.apiJSON(c, http.MethodPut, path, token, signed, &ae, "If-Match", newTag); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("PUT with an approval block: %d %s", res.StatusCode, res.body)
	}
	if now := e.reload(s.ID); now.Current != nil || now.Draft.Document.Approval != nil {
		t.Fatal("a draft was signed through PUT")
	}

	// An SOP in force with a new draft: the author of another unit gets 403.
	inForce := e.sop(titleInForce)
	web := e.session("penyusun2")
	if res := e.postForm(web, fmt.Sprintf("/sops/%d/versions", inForce.ID), url.Values{"note": {"Revisi"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("new version: %d", res.StatusCode)
	}
	p2 := fmt.Sprintf("/api/v1/sops/%d", inForce.ID)
	var current, draftDoc esop.Document
	res = e.apiJSON(c, http.MethodGet, p2, "", nil, &current)
	if res.Header.Get("X-SOP-Status") != "approved" || current.Approval == nil {
		t.Errorf("the public GET of an SOP in force: %q", res.Header.Get("X-SOP-Status"))
	}
	res = e.apiJSON(c, http.MethodGet, p2+"?draft=1", token, nil, &draftDoc)
	tag2 := res.Header.Get("ETag")
	if res.Header.Get("X-SOP-Status") != "draft" || draftDoc.Approval != nil {
		t.Fatalf("the author's GET of the new draft: %q", res.Header.Get("X-SOP-Status"))
	}
	// The public asking for the draft learns nothing: the same 404 as for an SOP without one.
	for _, p := range []string{p2, fmt.Sprintf("/api/v1/sops/%d", e.sop(titleInForce2).ID)} {
		if res := e.apiJSON(c, http.MethodGet, p+"?draft=1", "", nil, &ae); res.StatusCode != http.StatusNotFound {
			t.Errorf("the public asking for the draft of %s: %d", p, res.StatusCode)
		}
	}
	draftDoc.Warning = "Diubah oleh unit lain"
	if res := e.apiJSON(c, http.MethodPut, p2, e.bearer("penyusun"), draftDoc, &ae, "If-Match", tag2); res.StatusCode != http.StatusForbidden || ae.Code != "forbidden" {
		t.Errorf("PUT by an author of another unit: %d %+v", res.StatusCode, ae)
	}
	// Moving the draft to a unit the author may not write for.
	moved := draftDoc
	moved.Unit = unitPenta
	if res := e.apiJSON(c, http.MethodPut, p2, token, moved, &ae, "If-Match", tag2); res.StatusCode != http.StatusForbidden {
		t.Errorf("PUT moving the SOP to another unit: %d", res.StatusCode)
	}
	if now := e.reload(inForce.ID); now.Draft.Revision != 1 || now.Unit != unitHI {
		t.Error("a refused PUT changed the new draft")
	}
	// Without a draft there is nothing to replace.
	p3 := fmt.Sprintf("/api/v1/sops/%d", e.sop(titleInForce2).ID)
	if res := e.apiJSON(c, http.MethodPut, p3, token, draftDoc, &ae, "If-Match", tag2); res.StatusCode != http.StatusConflict {
		t.Errorf("PUT without a draft: %d", res.StatusCode)
	}
	if res := e.apiJSON(c, http.MethodGet, "/api/v1/sops/999999", "", nil, &ae); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown SOP: %d", res.StatusCode)
	}
}

func TestAPIDownloads(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.newClient()
	s := e.sop(akSample)
	base := fmt.Sprintf("/api/v1/sops/%d", s.ID)
	for _, tc := range []struct {
		path, contentType, prefix string
	}{
		{"/flowchart.svg", "image/svg+xml", "<svg"},
		{"/flowchart.svg?page=1", "image/svg+xml", "<svg"},
		{"/document.pdf", "application/pdf", "%PDF-"},
		{"/document.pdf?paper=F4", "application/pdf", "%PDF-"},
		{"/document.png", "image/png", "\x89PNG\r\n\x1a\n"},
		{"/document.png?page=2", "image/png", "\x89PNG\r\n\x1a\n"},
		{"/process.bpmn", "application/xml", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<bpmn:definitions `},
	} {
		res := e.do(c, http.MethodGet, base+tc.path, nil)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != tc.contentType || !strings.HasPrefix(res.body, tc.prefix) {
			t.Errorf("%s: %d %q", tc.path, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
	var ae apiError
	if res := e.apiJSON(c, http.MethodGet, base+"/document.png?page=x", "", nil, &ae); res.StatusCode != http.StatusUnprocessableEntity || ae.Code != "invalid" {
		t.Errorf("PNG page x: %d %+v", res.StatusCode, ae)
	}
	if res := e.apiJSON(c, http.MethodGet, base+"/document.pdf?paper=Letter", "", nil, &ae, "Accept-Language", "en"); res.StatusCode != http.StatusUnprocessableEntity || ae.Error != "Unknown paper size (A4 or F4)." {
		t.Errorf("PDF on Letter: %d %+v", res.StatusCode, ae)
	}
	d := e.sop(titleDraftHI)
	for _, kind := range []string{"flowchart.svg", "document.pdf", "document.png", "process.bpmn"} {
		p := fmt.Sprintf("/api/v1/sops/%d/%s?draft=1", d.ID, kind)
		if res := e.apiJSON(c, http.MethodGet, p, "", nil, &ae); res.StatusCode != http.StatusNotFound || ae.Code != "not_found" {
			t.Errorf("anonymous %s: %d", p, res.StatusCode)
		}
		if res := e.do(c, http.MethodGet, p, nil, "Authorization", "Bearer "+e.bearer("auditor")); res.StatusCode != http.StatusOK {
			t.Errorf("auditor %s: %d", p, res.StatusCode)
		}
	}
}

// apiRoutes returns "METHOD /path" of every API route of the application.
func apiRoutes(e *env) []string {
	var out []string
	for _, r := range e.app.Routes() {
		if _, p, _ := strings.Cut(r.Pattern, " "); strings.HasPrefix(p, "/api/") {
			out = append(out, r.Pattern)
		}
	}
	slices.Sort(out)
	return out
}

func TestOpenAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	apiChecked.Lock()
	checked := apiChecked.n["GET 200"]
	apiChecked.Unlock()
	res := e.do(e.newClient(), http.MethodGet, "/api/v1/openapi.json", nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("%d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	apiChecked.Lock()
	if apiChecked.n["GET 200"] <= checked {
		t.Error("the answer was not checked against openapi.json")
	}
	apiChecked.Unlock()
	disk, err := os.ReadFile("../api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal([]byte(res.body), disk) {
		t.Error("the served description is not api/openapi.json")
	}
	var spec struct {
		OpenAPI    string                                `json:"openapi"`
		Info       struct{ Title, Version string }       `json:"info"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components map[string]map[string]json.RawMessage `json:"components"`
	}
	if err := json.Unmarshal([]byte(res.body), &spec); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") || spec.Info.Title == "" || spec.Info.Version == "" {
		t.Errorf("openapi %q, info %+v", spec.OpenAPI, spec.Info)
	}
	// Its operations are exactly the API routes.
	var documented []string
	for path, item := range spec.Paths {
		for method, raw := range item {
			if method == "parameters" || method == "summary" || method == "description" || method == "servers" {
				continue
			}
			if !slices.Contains(httpMethods, method) {
				t.Errorf("%s: unknown key %q", path, method)
				continue
			}
			documented = append(documented, strings.ToUpper(method)+" "+path)
			var op struct {
				Responses  map[string]json.RawMessage `json:"responses"`
				Parameters []json.RawMessage          `json:"parameters"`
			}
			if err := json.Unmarshal(raw, &op); err != nil || len(op.Responses) == 0 {
				t.Errorf("%s %s: no responses (%v)", method, path, err)
			}
			for code := range op.Responses {
				if !regexp.MustCompile(`^([1-5]\d\d|default)$`).MatchString(code) {
					t.Errorf("%s %s: response %q", method, path, code)
				}
			}
			if strings.Contains(path, "{id}") && !strings.Contains(string(item["parameters"])+string(raw), `#/components/parameters/id`) {
				t.Errorf("%s %s: the {id} parameter is not declared", method, path)
			}
		}
	}
	slices.Sort(documented)
	if routes := apiRoutes(e); !slices.Equal(documented, routes) {
		t.Errorf("openapi.json documents\n  %v\nbut the API routes are\n  %v", documented, routes)
	}
	// Every $ref points at something.
	for _, m := range regexp.MustCompile(`"\$ref":\s*"#/components/([^/"]+)/([^"]+)"`).FindAllStringSubmatch(res.body, -1) {
		if _, ok := spec.Components[m[1]][m[2]]; !ok {
			t.Errorf("dangling $ref #/components/%s/%s", m[1], m[2])
		}
	}
	// The check used on every API answer of the tests is itself sound.
	s, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, path string
		status       int
		ok           bool
	}{
		{"PUT", "/api/v1/sops/12", 428, true},
		{"PUT", "/api/v1/sops/12", 201, false},
		{"GET", "/api/v1/sops/12/document.pdf", 200, true},
		{"GET", "/api/v1/sops/12/document.pdf", 409, false},
		{"DELETE", "/api/v1/sops/12", 200, false},
		{"GET", "/api/v1/unknown", 404, false},
		{"POST", "/api/v1/tokens", 429, true},
	} {
		if err := s.documented(tc.method, tc.path, tc.status); (err == nil) != tc.ok {
			t.Errorf("documented(%s %s %d) = %v", tc.method, tc.path, tc.status, err)
		}
	}
}

package web_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/web"
)

// TestMetricsToken checks who reads /metrics on a server configured with
// a metrics token: a client sending it as a bearer token, and signed-in
// administrators; not a wrong token, not an anonymous client, not other
// staff, whether or not the request looks local.
func TestMetricsToken(t *testing.T) {
	e := newEnv(t)
	const token = "rahasia-metrik-0123456789"
	_, srv := e.serverWith(func(c *web.Config) { c.MetricsToken = token })
	get := func(c *http.Client, headers ...string) *response {
		req, _ := http.NewRequest("GET", srv.URL+"/metrics", nil)
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return &response{Response: res, body: string(b)}
	}
	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	anon := &http.Client{CheckRedirect: noRedirect}
	cases := []struct {
		what    string
		headers []string
		want    int
	}{
		{"the token", []string{"Authorization", "Bearer " + token}, http.StatusOK},
		{"the token through a proxy", []string{"Authorization", "Bearer " + token, "X-Forwarded-For", "203.0.113.9"}, http.StatusOK},
		{"a wrong token", []string{"Authorization", "Bearer " + token + "x"}, http.StatusForbidden},
		{"an API token of an administrator", []string{"Authorization", "Bearer " + e.bearer("admin")}, http.StatusForbidden},
		{"no token", nil, http.StatusSeeOther},
	}
	for _, c := range cases {
		res := get(anon, c.headers...)
		if res.StatusCode != c.want {
			t.Errorf("%s: %d, want %d", c.what, res.StatusCode, c.want)
		}
		if c.want == http.StatusOK && !strings.Contains(res.body, "go_goroutines") {
			t.Errorf("%s: no metrics in %.200s", c.what, res.body)
		}
	}
	// Signed in through the web session (the cookie jar sends it to
	// this server too, on another port of the same host): administrators only.
	for user, want := range map[string]int{"admin": http.StatusOK, "auditor": http.StatusForbidden} {
		if res := get(e.session(user)); res.StatusCode != want {
			t.Errorf("%s: %d, want %d", user, res.StatusCode, want)
		}
	}
}

// TestMetricsTokenTooShort checks that a guessable token is refused at
// start-up, with a message saying so.
func TestMetricsTokenTooShort(t *testing.T) {
	e := newEnv(t)
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	_, err = web.New(context.Background(), web.Config{Store: e.db, Renderer: r, MetricsToken: "pendek"})
	if esop.ErrorCode(err) != esop.EINVALID || !strings.Contains(esop.ErrorMessage(err, "id"), "terlalu pendek") {
		t.Errorf("a short token: %v", err)
	}
}

// TestBaseURLChecked checks that the site's address must be a full http
// or https address.
func TestBaseURLChecked(t *testing.T) {
	e := newEnv(t)
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	for base, ok := range map[string]bool{"https://sop.malangkota.go.id/": true, "http://127.0.0.1:8080": true,
		"sop.malangkota.go.id": false, "ftp://sop.example": false, "https://": false, "https://x.example/?a=1": false} {
		_, err := web.New(context.Background(), web.Config{Store: e.db, Renderer: r, BaseURL: base})
		if (err == nil) != ok {
			t.Errorf("BaseURL %q: %v", base, err)
		}
		if !ok && !strings.Contains(esop.ErrorMessage(err, "id"), "--base-url") {
			t.Errorf("BaseURL %q: message %q", base, esop.ErrorMessage(err, "id"))
		}
	}
}

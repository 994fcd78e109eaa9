package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestUnknownPathGetsTheAppsNotFoundPage(t *testing.T) {
	e := newEnv(t)
	status, body := e.get(e.client(""), "/tidak/ada")
	if status != http.StatusNotFound || !strings.Contains(body, "Halaman tidak ditemukan.") || !strings.Contains(body, "<html") {
		t.Errorf("%d %q", status, body[:min(len(body), 200)])
	}
}

func TestLanguageSwitchChangesAUsersOwnSetting(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	users, _ := e.db.FindUsers(ctx)
	for _, u := range users {
		if u.Username == "pelaksana" {
			u.Lang = "id"
			if err := e.db.UpdateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
	}
	c := e.client("pelaksana")
	res, err := c.PostForm(e.srv.URL+"/lang", url.Values{"lang": {"en"}, "next": {"/dashboard"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if _, body := e.get(c, "/dashboard"); !strings.Contains(body, "Dashboard") || strings.Contains(body, "Dasbor") {
		t.Error("the dashboard is not in English after switching")
	}
}

func TestMetricsThroughAProxyAreNotLocal(t *testing.T) {
	e := newEnv(t)
	for _, h := range []string{"X-Forwarded-For", "X-Real-IP", "Forwarded"} {
		req, _ := http.NewRequest("GET", e.srv.URL+"/metrics", nil)
		req.Header.Set(h, "203.0.113.9")
		res, err := e.client("").Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			t.Errorf("with %s the metrics are served to an anonymous client", h)
		}
	}
}

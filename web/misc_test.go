package web_test

import (
	"context"
	"fmt"
	"github.com/esop-malang/esop"
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

// TestAdminRenamesAUnit ends a unit's validity with its successor, as an
// office renamed, through the administration page.
func TestAdminRenamesAUnit(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	units, _ := e.db.FindUnits(ctx, esop.UnitFilter{})
	var dinas, bidang *esop.Unit
	for _, u := range units {
		switch u.Key {
		case "disnakertrans":
			dinas = u
		case "bidang-trans":
			bidang = u
		}
	}
	admin := e.client("admin")
	post := func(path string, form url.Values) int {
		r, err := admin.PostForm(e.srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		return r.StatusCode
	}
	if st := post(fmt.Sprintf("/admin/units/%d/close", bidang.ID), url.Values{"validTo": {"2016-12-31"}, "successor": {fmt.Sprint(bidang.ID)}}); st != http.StatusUnprocessableEntity {
		t.Errorf("a unit succeeding itself: %d", st)
	}
	if st := post(fmt.Sprintf("/admin/units/%d/close", bidang.ID), url.Values{"validTo": {"2016-12-31"}, "successor": {fmt.Sprint(dinas.ID)}}); st != http.StatusSeeOther {
		t.Fatalf("close: %d", st)
	}
	after, _ := e.db.FindUnits(ctx, esop.UnitFilter{On: esop.MustDate("2020-01-01"), Name: bidang.Name})
	before, _ := e.db.FindUnits(ctx, esop.UnitFilter{On: esop.MustDate("2015-01-01"), Name: bidang.Name})
	if len(after) != 0 || len(before) != 1 || before[0].SuccessorID != dinas.ID {
		t.Errorf("after %+v, before %+v", after, before)
	}
	if _, body := e.get(admin, "/admin/units"); !strings.Contains(body, "2016-12-31") {
		t.Error("the units page does not show the end date")
	}
}

package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestPublicPagesSmoke(t *testing.T) {
	e := newEnv(t)
	anon := e.client("")
	id := e.sopID("800/012/35.73.405/2024")
	for _, tc := range []struct {
		path string
		want string
	}{
		{"/", "Katalog SOP"},
		{"/search?q=pengesahan", "Pengesahan Peraturan Perusahaan"},
		{fmt.Sprintf("/sops/%d", id), `data-symbol="decision"`},
		{"/healthz", "ok"},
		{"/login", "Nama pengguna"},
	} {
		status, body := e.get(anon, tc.path)
		if status != http.StatusOK || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d, want %q in body", tc.path, status, tc.want)
		}
	}
	for _, u := range []string{"admin", "penyusun"} {
		if status, _ := e.get(e.client(u), "/dashboard"); status != http.StatusOK {
			t.Errorf("%s dashboard: %d", u, status)
		}
	}
}

package httpx

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

func TestStatusOf(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{esop.Errorf(esop.EINVALID, "x", "x"), 422},
		{esop.Errorf(esop.ENOTFOUND, "x", "x"), 404},
		{esop.Errorf(esop.ECONFLICT, "x", "x"), 409},
		{ErrSignIn, 401},
		{ErrForbidden, 403},
		{esop.Errorf(esop.ETOOLARGE, "x", "x"), 413},
		{fmt.Errorf("query: %w", context.DeadlineExceeded), 503},
		{ErrOverBudget, 503},
		{errors.New("disk on fire"), 500},
	} {
		if got := StatusOf(tc.err); got != tc.want {
			t.Errorf("StatusOf(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestAllowed(t *testing.T) {
	author := &esop.User{Username: "p", Grants: []esop.Grant{{Role: esop.RolePenyusun}}}
	admin := &esop.User{Username: "a", Grants: []esop.Grant{{Role: esop.RoleAdministrator}}}
	for _, tc := range []struct {
		g    Guard
		u    *esop.User
		want error
	}{
		{Public, nil, nil},
		{Staff, nil, ErrSignIn},
		{Staff, author, nil},
		{Author, author, nil},
		{Admin, author, ErrForbidden},
		{Admin, admin, nil},
		// The metrics guard is the web application's own: elsewhere it
		// closes the route, even to an administrator.
		{Scrapers, nil, ErrSignIn},
		{Scrapers, author, ErrForbidden},
		{Scrapers, admin, ErrForbidden},
	} {
		if got := Allowed(tc.g, tc.u); got != tc.want {
			t.Errorf("Allowed(%s, %v) = %v, want %v", GuardNames[tc.g], tc.u, got, tc.want)
		}
	}
}

func TestAPILanguage(t *testing.T) {
	for _, tc := range []struct {
		header, cookie string
		user           *esop.User
		want           string
	}{
		{"", "", nil, "id"},
		{"en-US,en;q=0.9", "", nil, "en"},
		{"en;q=0.5,id;q=0.8", "", nil, "id"},
		{"in", "", nil, "id"},
		{"en", "id", nil, "id"},                    // the cookie wins over the header
		{"id", "id", &esop.User{Lang: "en"}, "en"}, // the user's setting wins over both
		{"fr,de;q=0.9", "", nil, "id"},             // neither: Indonesian
	} {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/sops", nil)
		if tc.header != "" {
			r.Header.Set("Accept-Language", tc.header)
		}
		if tc.cookie != "" {
			r.AddCookie(&http.Cookie{Name: "lang", Value: tc.cookie})
		}
		if got := APILanguage(r, tc.user); got != tc.want {
			t.Errorf("APILanguage(%q, cookie %q, %v) = %s, want %s", tc.header, tc.cookie, tc.user, got, tc.want)
		}
	}
}

func TestDecodeBody(t *testing.T) {
	var in struct {
		Reason string `json:"reason"`
		Count  int    `json:"count"`
	}
	for _, tc := range []struct {
		body, path, code string
	}{
		{`{"reason":"x","count":2}`, "", ""},
		{`{"reason":"x","colour":"red"}`, "colour", "unknown_key"},
		{`{"count":"two"}`, "count", "type"},
		{`{"reason":"x"} {}`, "", "json"},
		{`{"reason":"a\u0000b"}`, "", "invalid"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tc.body))
		err := DecodeBody(httptest.NewRecorder(), r, &in)
		if tc.code == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.body, err)
			}
			continue
		}
		var e *esop.Error
		if !errors.As(err, &e) || e.Code != esop.EINVALID {
			t.Errorf("%s: %v, want EINVALID", tc.body, err)
			continue
		}
		if tc.code == "invalid" { // the text check (CheckJSONText): its message says why
			if !strings.Contains(e.Message.EN, "not allowed") {
				t.Errorf("%s: %q, want the refusal of its text", tc.body, e.Message.EN)
			}
			continue
		}
		if len(e.Problems) != 1 || e.Problems[0].Path != tc.path || e.Problems[0].Code != tc.code {
			t.Errorf("%s: problems %+v, want %s at %q", tc.body, e.Problems, tc.code, tc.path)
		}
	}
	big := strings.NewReader(`{"reason":"` + strings.Repeat("x", BodyLimit) + `"}`)
	if err := DecodeBody(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/", big), &in); esop.ErrorCode(err) != esop.ETOOLARGE {
		t.Errorf("a body over %d bytes: %v, want ETOOLARGE", BodyLimit, err)
	}
}

func TestRateLimitedSeconds(t *testing.T) {
	for wait, want := range map[time.Duration]int{0: 1, time.Millisecond: 1, time.Second: 1, 1500 * time.Millisecond: 2, time.Minute: 60} {
		if got := (&RateLimited{Wait: wait}).Seconds(); got != want {
			t.Errorf("wait %v: Retry-After %d, want %d", wait, got, want)
		}
	}
}

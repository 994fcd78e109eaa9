package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// The account page and the API's own tokens: a user sees who they are,
// changes their password (which ends every other session and token), and
// lists and revokes their API tokens, which are refused from then on.

// newToken gets an API token the way a client does, with the password.
func (e *env) newToken(username, password string) string {
	e.t.Helper()
	var tok struct{ Token string }
	res := e.apiJSON(e.newClient(), http.MethodPost, "/api/v1/tokens", "", map[string]string{"username": username, "password": password}, &tok)
	if res.StatusCode != http.StatusCreated || tok.Token == "" {
		e.t.Fatalf("token for %s: %s", username, gist(res))
	}
	return tok.Token
}

// tokenWorks reports whether an API token still signs its user in.
func (e *env) tokenWorks(token string) bool {
	e.t.Helper()
	res := e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/tokens", token, nil, nil)
	switch res.StatusCode {
	case http.StatusOK:
		return true
	case http.StatusUnauthorized:
		return false
	}
	e.t.Fatalf("GET /api/v1/tokens: %s", gist(res))
	return false
}

func hashOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestAccountPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	c := e.session("pengesah")

	// Linked to no employee: the page says so, and how to fix it.
	res := e.do(c, http.MethodGet, "/account", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Akun ini belum ditautkan ke pegawai") ||
		!strings.Contains(res.body, "Pengesah · Dinas Ketenagakerjaan") || !strings.Contains(res.body, "Tidak ada token API yang berlaku.") {
		t.Fatalf("the account page: %s", gist(res))
	}
	if res := e.do(c, http.MethodGet, "/dashboard", nil); !strings.Contains(res.body, `<a href="/account">Akun saya</a>`) {
		t.Error("the page header does not link the account page")
	}
	// Linked to the Kepala Dinas: name, NIP and the position held today.
	kadis, err := e.db.FindEmployeeByNIP(ctx, "196805121993031007")
	if err != nil {
		t.Fatal(err)
	}
	u := e.user("pengesah")
	u.EmployeeID = kadis.ID
	if err := e.db.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	res = e.do(c, http.MethodGet, "/account", nil)
	for _, want := range []string{kadis.Name, "NIP 19680512 199303 1 007", "Jabatan hari ini: Kepala Dinas Ketenagakerjaan dan Transmigrasi"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the page of a linked account lacks %q", want)
		}
	}

	// Tokens: listed by their first characters, never in full.
	tok1, tok2 := e.newToken("pengesah", testPassword), e.newToken("pengesah", testPassword)
	if !e.tokenWorks(tok1) {
		t.Fatal("a new token does not work")
	}
	res = e.do(c, http.MethodGet, "/account", nil)
	for _, tok := range []string{tok1, tok2} {
		if !strings.Contains(res.body, "<code>"+tok[:esop.TokenPrefixLength]+"…</code>") {
			t.Errorf("token %.6s… is not listed", tok)
		}
		if strings.Contains(res.body, tok) || strings.Contains(res.body, hashOf(tok)) {
			t.Error("the page shows a token or its hash")
		}
		if !strings.Contains(res.body, `action="/account/tokens/`+esop.TokenID(tok)+`/revoke"`) {
			t.Errorf("token %.6s… has no revoke button", tok)
		}
	}
	if strings.Count(res.body, ">Cabut</button>") != 2 || !strings.Contains(res.body, "belum pernah") {
		t.Errorf("the token table: %d revoke buttons, or no 'never used'", strings.Count(res.body, ">Cabut</button>"))
	}

	// Revoking: only one's own, only by the site itself.
	revoke := "/account/tokens/" + esop.TokenID(tok1) + "/revoke"
	if res := e.postForm(e.session("auditor"), revoke, nil); res.StatusCode != http.StatusNotFound || !e.tokenWorks(tok1) {
		t.Errorf("another user revoked the token: %d", res.StatusCode)
	}
	if res := e.postForm(c, revoke, nil, "Sec-Fetch-Site", "cross-site"); res.StatusCode != http.StatusForbidden || !e.tokenWorks(tok1) {
		t.Errorf("a cross-site revocation: %d", res.StatusCode)
	}
	res = e.postForm(c, revoke, nil, "Sec-Fetch-Site", "same-origin")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account?done=revoked" {
		t.Fatalf("revoke: %s", gist(res))
	}
	if e.tokenWorks(tok1) {
		t.Error("the revoked token still works")
	}
	if !e.tokenWorks(tok2) || !e.sessionAlive(c) {
		t.Error("revoking one token ended another, or the session")
	}
	res = e.do(c, http.MethodGet, "/account?done=revoked", nil)
	if !strings.Contains(res.body, "Token dicabut") || strings.Count(res.body, ">Cabut</button>") != 1 {
		t.Errorf("after revoking: %s", gist(res))
	}
	if res := e.postForm(c, revoke, nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("revoking twice: %d", res.StatusCode)
	}
	if res := e.postForm(c, "/account/tokens/xyz/revoke", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("revoking a made-up id: %d", res.StatusCode)
	}

	// The language: saved on the account, "" follows the browser again.
	if res := e.postForm(c, "/account/lang", url.Values{"lang": {"en"}}); res.StatusCode != http.StatusSeeOther || e.user("pengesah").Lang != "en" {
		t.Fatalf("language: %s", gist(res))
	}
	if res := e.do(c, http.MethodGet, "/account?done=lang", nil); !strings.Contains(res.body, "Language choice saved.") || !strings.Contains(res.body, `<option value="en" selected>`) {
		t.Errorf("the page after choosing English: %s", gist(res))
	}
	if res := e.postForm(c, "/account/lang", url.Values{"lang": {"fr"}}); res.StatusCode != http.StatusUnprocessableEntity || adminError(res.body) != "Unknown language." {
		t.Errorf("an unknown language: %d %q", res.StatusCode, adminError(res.body))
	}
	if res := e.postForm(c, "/account/lang", url.Values{"lang": {""}}); res.StatusCode != http.StatusSeeOther || e.user("pengesah").Lang != "" {
		t.Errorf("back to the browser's language: %d", res.StatusCode)
	}
}

func TestAccountPassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const newPassword = "kata-sandi-baru-sekali"
	c, other := e.session("penyusun"), e.session("penyusun")
	tok := e.bearer("penyusun")
	change := func(current, next, repeat string) *response {
		t.Helper()
		return e.postForm(c, "/account/password", url.Values{"current": {current}, "password": {next}, "repeat": {repeat}})
	}
	for _, tc := range []struct {
		name                  string
		current, next, repeat string
		want                  string
	}{
		{"a wrong current password", "salah-sekali-123", newPassword, newPassword, "kata sandi sekarang salah"},
		{"two different new passwords", testPassword, newPassword, newPassword + "x", "Kedua kata sandi baru tidak sama."},
		{"a short new password", testPassword, "pendek", "pendek", "kata sandi terlalu pendek: sekurang-kurangnya 10 karakter"},
		{"the same password", testPassword, testPassword, testPassword, "kata sandi baru sama dengan yang sekarang"},
	} {
		res := change(tc.current, tc.next, tc.repeat)
		if res.StatusCode != http.StatusUnprocessableEntity || adminError(res.body) != tc.want {
			t.Errorf("%s: %d %q, want 422 %q", tc.name, res.StatusCode, adminError(res.body), tc.want)
		}
	}
	if !e.sessionAlive(c) || !e.sessionAlive(other) || !e.tokenWorks(tok) {
		t.Fatal("a refused change ended a session or token")
	}

	res := change(testPassword, newPassword, newPassword)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account?done=password" {
		t.Fatalf("change: %s", gist(res))
	}
	renewed := false
	for _, ck := range res.Cookies() {
		renewed = renewed || ck.Name == "esop_session" && ck.Value != "" && ck.MaxAge > 0
	}
	if !renewed || !e.sessionAlive(c) {
		t.Error("the browser that changed the password lost its session")
	}
	if e.sessionAlive(other) {
		t.Error("another session outlived the new password")
	}
	if e.tokenWorks(tok) {
		t.Error("an API token outlived the new password")
	}
	if res := e.do(c, http.MethodGet, "/account?done=password", nil); !strings.Contains(res.body, "Kata sandi diganti.") {
		t.Error("the page does not say the password was changed")
	}
	if res := e.loginForm(e.newClient(), "penyusun", testPassword, ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old password still signs in: %d", res.StatusCode)
	}
	if res := e.loginForm(e.newClient(), "penyusun", newPassword, ""); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password does not sign in: %d", res.StatusCode)
	}
	// The audit trail says the password changed, never what it is.
	entries, _, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Action: esop.AuditPassword})
	if err != nil || len(entries) != 1 || entries[0].Actor != "penyusun" || !strings.Contains(entries[0].After, `"byOwner":true`) {
		t.Fatalf("audit: %+v %v", entries, err)
	}
	if strings.Contains(entries[0].After, newPassword) || strings.Contains(entries[0].After, testPassword) {
		t.Error("the audit trail holds a password")
	}
}

// TestAccountPasswordThrottled: guessing the current password from a
// signed-in session is slowed down like guessing at the login form, and a
// throttled attempt is not checked at all, right or wrong.
func TestAccountPasswordThrottled(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.addUser("sari", "pelaksana")
	c := e.session("sari")
	var res *response
	for range 50 {
		res = e.postForm(c, "/account/password", url.Values{"current": {"tebakan-salah-1"}, "password": {"kata-sandi-baru-1"}, "repeat": {"kata-sandi-baru-1"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			break
		}
	}
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || adminError(res.body) == "" {
		t.Fatalf("guessing is not throttled: %s", gist(res))
	}
	res = e.postForm(c, "/account/password", url.Values{"current": {testPassword}, "password": {"kata-sandi-baru-1"}, "repeat": {"kata-sandi-baru-1"}})
	if res.StatusCode != http.StatusTooManyRequests || !e.sessionAlive(c) {
		t.Errorf("the right password inside the wait: %d", res.StatusCode)
	}
}

func TestAPITokenRevoke(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok, tok2 := e.newToken("penyusun2", testPassword), e.newToken("penyusun2", testPassword)
	var list struct {
		Tokens []struct {
			ID, Prefix, CreatedAt, ExpiresAt string
			LastUsedAt                       *string
			Current                          bool
		}
	}
	res := e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/tokens", tok, nil, &list)
	if res.StatusCode != http.StatusOK || len(list.Tokens) != 2 {
		t.Fatalf("list: %s", gist(res))
	}
	if strings.Contains(res.body, tok) || strings.Contains(res.body, tok2) || strings.Contains(res.body, hashOf(tok)) {
		t.Error("the list shows a token or its hash")
	}
	for _, it := range list.Tokens {
		mine := it.ID == esop.TokenID(tok)
		secret := tok2
		if mine {
			secret = tok
		}
		if it.Current != mine || it.Prefix != secret[:esop.TokenPrefixLength] || it.CreatedAt != "2026-11-20T09:00:00Z" || it.ExpiresAt != "2026-12-20T09:00:00Z" {
			t.Errorf("token %+v", it)
		}
		if (it.LastUsedAt != nil) != mine {
			t.Errorf("token %s: last used %v, and it is the current one: %v", it.ID, it.LastUsedAt, mine)
		}
	}

	// The bearer token in use ends: 204, then refused.
	res = e.apiJSON(e.newClient(), http.MethodDelete, "/api/v1/tokens/current", tok, nil, nil)
	if res.StatusCode != http.StatusNoContent || res.body != "" {
		t.Fatalf("revoke: %s", gist(res))
	}
	var ae apiError
	if res := e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/sops", tok, nil, &ae); res.StatusCode != http.StatusUnauthorized || ae.Code != "unauthorized" {
		t.Errorf("the revoked token: %d %+v", res.StatusCode, ae)
	}
	if res := e.apiJSON(e.newClient(), http.MethodDelete, "/api/v1/tokens/current", tok, nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoking a revoked token: %d", res.StatusCode)
	}
	if !e.tokenWorks(tok2) {
		t.Fatal("the other token ended too")
	}
	e.apiJSON(e.newClient(), http.MethodGet, "/api/v1/tokens", tok2, nil, &list)
	if len(list.Tokens) != 1 || list.Tokens[0].ID != esop.TokenID(tok2) || !list.Tokens[0].Current {
		t.Errorf("after revoking: %+v", list.Tokens)
	}
	// A browser session is not a bearer token: it ends with Sign out.
	c := e.session("penyusun2")
	ae = apiError{}
	if res := e.apiJSON(c, http.MethodDelete, "/api/v1/tokens/current", "", nil, &ae); res.StatusCode != http.StatusUnprocessableEntity || ae.Code != "invalid" || !e.sessionAlive(c) {
		t.Errorf("revoking with a cookie: %d %+v", res.StatusCode, ae)
	}
	// Logging out of the web leaves the API tokens alone.
	if res := e.postForm(c, "/logout", nil); res.StatusCode != http.StatusSeeOther || !e.tokenWorks(tok2) {
		t.Errorf("logout: %d, or it ended an API token", res.StatusCode)
	}
	entries, _, err := e.db.FindAudit(context.Background(), esop.AuditFilter{Action: esop.AuditRevoke})
	if err != nil || len(entries) != 1 || entries[0].Actor != "penyusun2" || entries[0].EntityID != fmt.Sprint(e.userID("penyusun2")) ||
		!strings.Contains(entries[0].Before, esop.TokenID(tok)) || strings.Contains(entries[0].Before, tok) {
		t.Errorf("the revocation audited: %+v %v", entries, err)
	}
}

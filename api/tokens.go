package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// API tokens are issued by POST /api/v1/tokens (apiToken). Their owner lists
// them with GET /api/v1/tokens and ends the one in use with
// DELETE /api/v1/tokens/current; the account page lists them too and
// revokes any of them. A new password ends them all.

// apiTokenTTL is how long an API token is valid.
const apiTokenTTL = 30 * 24 * time.Hour

func (s *API) apiToken(w http.ResponseWriter, r *http.Request, rq *Request) error {
	b, err := httpx.ReadJSON(w, r, 16<<10)
	if err != nil {
		return err
	}
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return esop.Errorf(esop.EINVALID, "Kirim {\"username\", \"password\"} dalam JSON.", "Send {\"username\", \"password\"} as JSON.")
	}
	// The same throttle and hash gate as the login form; API clients keep
	// no device cookie, so they are counted per account and address.
	username := strings.ToLower(strings.TrimSpace(in.Username))
	u, err := s.signIn(r, username, in.Password)
	var rl *httpx.RateLimited
	if errors.As(err, &rl) {
		w.Header().Set("Retry-After", strconv.Itoa(rl.Seconds()))
		httpx.WriteJSON(w, http.StatusTooManyRequests, map[string]string{"error": rl.Msg.In(rq.Lang), "code": "rate_limited"})
		return nil
	}
	if err != nil {
		return err
	}
	token, err := s.store.CreateSession(r.Context(), u.ID, "api", apiTokenTTL)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"token": token, "expiresIn": int(apiTokenTTL.Seconds())})
	return nil
}

// apiTokenInfo is one token in the list: never its secret.
type apiTokenInfo struct {
	ID         string  `json:"id"`
	Prefix     string  `json:"prefix"`
	CreatedAt  string  `json:"createdAt"`
	LastUsedAt *string `json:"lastUsedAt"`
	ExpiresAt  string  `json:"expiresAt"`
	Current    bool    `json:"current"`
}

func apiTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// apiTokens lists the caller's own live API tokens, newest first, marking
// the one the request is made with.
func (s *API) apiTokens(w http.ResponseWriter, r *http.Request, rq *Request) error {
	tokens, err := s.store.FindTokens(r.Context(), rq.User.ID, esop.SessionAPI)
	if err != nil {
		return err
	}
	var current string
	if secret, ok := httpx.BearerToken(r); ok {
		current = esop.TokenID(secret)
	}
	out := []apiTokenInfo{}
	for _, t := range tokens {
		info := apiTokenInfo{ID: t.ID, Prefix: t.Prefix, CreatedAt: apiTime(t.CreatedAt), ExpiresAt: apiTime(t.ExpiresAt), Current: t.ID == current}
		if !t.LastUsed.IsZero() {
			used := apiTime(t.LastUsed)
			info.LastUsedAt = &used
		}
		out = append(out, info)
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"tokens": out})
	return nil
}

var errNoBearer = esop.Errorf(esop.EINVALID,
	"Permintaan ini tidak memakai token bearer (Authorization: Bearer …); sesi peramban diakhiri dengan Keluar.",
	"This request carries no bearer token (Authorization: Bearer …); a browser session ends with Sign out.")

// apiRevokeToken ends the bearer token the request is made with: 204, and
// the token is refused from then on.
func (s *API) apiRevokeToken(w http.ResponseWriter, r *http.Request, rq *Request) error {
	secret, ok := httpx.BearerToken(r)
	if !ok {
		return errNoBearer
	}
	if err := s.store.RevokeToken(r.Context(), rq.User.ID, esop.TokenID(secret)); err != nil {
		return err
	}
	s.log.Info("token revoked", "username", rq.User.Username)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

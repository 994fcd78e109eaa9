package web

import (
	"net/http"
	"time"

	"github.com/esop-malang/esop"
)

// API tokens are issued by POST /api/v1/tokens (api.go). Their owner lists
// them with GET /api/v1/tokens and ends the one in use with
// DELETE /api/v1/tokens/current; the account page lists them too and
// revokes any of them. A new password ends them all.

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
func (s *Server) apiTokens(w http.ResponseWriter, r *http.Request, rq *request) error {
	tokens, err := s.store.FindTokens(r.Context(), rq.user.ID, esop.SessionAPI)
	if err != nil {
		return err
	}
	var current string
	if secret, ok := bearerToken(r); ok {
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
	writeJSON(w, http.StatusOK, map[string]any{"tokens": out})
	return nil
}

var errNoBearer = esop.Errorf(esop.EINVALID,
	"Permintaan ini tidak memakai token bearer (Authorization: Bearer …); sesi peramban diakhiri dengan Keluar.",
	"This request carries no bearer token (Authorization: Bearer …); a browser session ends with Sign out.")

// apiRevokeToken ends the bearer token the request is made with: 204, and
// the token is refused from then on.
func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request, rq *request) error {
	secret, ok := bearerToken(r)
	if !ok {
		return errNoBearer
	}
	if err := s.store.RevokeToken(r.Context(), rq.user.ID, esop.TokenID(secret)); err != nil {
		return err
	}
	s.log.Info("token revoked", "username", rq.user.Username)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
	return nil
}

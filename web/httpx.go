package web

import "github.com/esop-malang/esop/internal/httpx"

// The edge of HTTP that the pages share with the API (internal/httpx),
// under the names the pages use.
var (
	errSignIn    = httpx.ErrSignIn
	errForbidden = httpx.ErrForbidden

	statusOf   = httpx.StatusOf
	overBudget = httpx.OverBudget
	firstErr   = httpx.FirstErr

	writeBuffered = httpx.WriteBuffered
	writeJSON     = httpx.WriteJSON
	readJSON      = httpx.ReadJSON
	tooLargeText  = httpx.TooLargeText
	invalid       = httpx.Invalid
	pathID        = httpx.PathID
	apiLanguage   = httpx.APILanguage
)

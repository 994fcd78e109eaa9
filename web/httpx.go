package web

import "github.com/esop-malang/esop/internal/httpx"

// The edge of HTTP that the pages share with the API (internal/httpx),
// under the names the pages use.
var (
	errSignIn    = httpx.ErrSignIn
	errForbidden = httpx.ErrForbidden

	statusOf      = httpx.StatusOf
	overBudget    = httpx.OverBudget
	errOverBudget = httpx.ErrOverBudget
	firstErr      = httpx.FirstErr

	writeBuffered = httpx.WriteBuffered
	writeJSON     = httpx.WriteJSON
	problemsJSON  = httpx.ProblemsJSON
	readBody      = httpx.ReadBody
	readJSON      = httpx.ReadJSON
	checkJSONText = httpx.CheckJSONText
	tooLargeText  = httpx.TooLargeText
	decodeBody    = httpx.DecodeBody
	invalid       = httpx.Invalid
	parseLimit    = httpx.ParseLimit
	pathID        = httpx.PathID
	bearerToken   = httpx.BearerToken
	apiLanguage   = httpx.APILanguage
)

package web

import "github.com/esop-malang/esop/api"

// What the pages share with the JSON API (package api), under the names
// the pages use.
var (
	derefTime         = api.DerefTime
	errNoTrackingCode = api.ErrNoTrackingCode
)

// Limits of the free text of a task's completion, as the API's.
const (
	maxOutputChars = api.MaxOutputChars
	maxNoteChars   = api.MaxNoteChars
)

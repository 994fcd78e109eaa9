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

// The analyses, figures and service standards as the API computes them.
type (
	workloadAnswer   = api.WorkloadAnswer
	statsScope       = api.StatsScope
	standardRow      = api.StandardRow
	checkJSON        = api.CheckJSON
	competenceAnswer = api.CompetenceAnswer
)

var (
	errNotAnalyst        = api.ErrNotAnalyst
	errNotStandardEditor = api.ErrNotStandardEditor
	checkIn              = api.CheckIn
	standardDoc          = api.StandardDoc
)

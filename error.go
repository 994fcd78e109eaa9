// Package esop holds the domain of e-SOP: the SOP document of Permenpan RB
// 35/2012 (SOP Administrasi Pemerintahan), its validator, the organisation
// that writes and signs SOPs, the regulation register, and the service
// interfaces that the storage and web adapters implement.
//
// The package has no SQL, no HTTP and no templates; adapters live in
// sub-packages and talk to each other only through the types defined here.
package esop

import (
	"errors"
	"fmt"
)

// Error codes. Each edge (command line, HTTP, API) translates them once.
const (
	EINVALID      = "invalid"      // the input breaks a rule; Problems says where
	ENOTFOUND     = "not_found"    // the record does not exist
	ECONFLICT     = "conflict"     // the input clashes with stored data (duplicate number, stale edit)
	EUNAUTHORIZED = "unauthorized" // the caller is not signed in
	EFORBIDDEN    = "forbidden"    // the caller may not do this
	EINTERNAL     = "internal"     // a fault of the system, not of the input
	ETOOLARGE     = "too_large"    // the input is larger than the limits allow (an HTTP body: 413)
)

// Error is the one error type of e-SOP. Message is meant for the user and
// is given in Indonesian and English; Err keeps the underlying cause for
// logs and is never shown to users.
type Error struct {
	Code     string
	Message  Text
	Problems Problems
	Err      error
}

// Text is a message in Indonesian (ID, the default) and English (EN).
type Text struct {
	ID string `json:"id"`
	EN string `json:"en"`
}

// In returns the text in lang ("id" or "en"); any other language gets Indonesian.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.ID
}

// Error returns the English message with the cause, for logs.
func (e *Error) Error() string {
	msg := e.Message.EN
	if msg == "" {
		msg = e.Code
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a message in both languages.
func Errorf(code string, id, en string, args ...any) *Error {
	return &Error{Code: code, Message: Text{ID: fmt.Sprintf(id, args...), EN: fmt.Sprintf(en, args...)}}
}

// ErrorCode returns the code of err: the code of an *Error in its chain,
// "" for nil, and EINTERNAL for anything else.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err in lang. Errors that
// are not *Error are internal faults; their text is not shown to users.
func ErrorMessage(err error, lang string) string {
	var e *Error
	if errors.As(err, &e) && e.Message.ID != "" {
		return e.Message.In(lang)
	}
	return Text{ID: "Terjadi kesalahan internal.", EN: "An internal error occurred."}.In(lang)
}

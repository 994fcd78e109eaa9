// Package httpx holds what the web pages (package web) and the JSON API
// (package api) both need at the edge of HTTP: who a route lets in
// (Guard), the mapping of an error to its status, the request's time
// budget error, reading small bodies and JSON, writing JSON, the
// language of the API's messages, and the request's actor for the audit
// log. It imports neither web nor api.
package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/json/jsontext"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// SessionCookie is the name of the session cookie.
const SessionCookie = "esop_session"

// Guard is who may use a route at all. Checks that depend on the record
// (the unit of an SOP) are made again in the handler.
type Guard int

const (
	Public   Guard = iota // anyone, signed in or not
	Staff                 // any signed-in user
	Author                // a penyusun of some unit
	Admin                 // an administrator
	Scrapers              // an administrator, or a client with the metrics token (web.Config.MetricsToken)
)

// GuardNames are the names of the guards in route listings (web.RouteInfo).
var GuardNames = map[Guard]string{Public: "public", Staff: "staff", Author: "author", Admin: "admin", Scrapers: "metrics"}

var (
	ErrSignIn    = esop.Errorf(esop.EUNAUTHORIZED, "Silakan masuk terlebih dahulu.", "Please sign in first.")
	ErrForbidden = esop.Errorf(esop.EFORBIDDEN, "Anda tidak berwenang melakukan ini.", "You are not allowed to do this.")
)

// Allowed checks the guards that the user's roles alone decide: Public,
// Staff, Author and Admin. Scrapers is the web application's own (its
// metrics token decides, checked before this): here it refuses everyone,
// so that a route given it elsewhere is closed, never open to all staff.
func Allowed(g Guard, u *esop.User) error {
	if g == Public {
		return nil
	}
	if u == nil {
		return ErrSignIn
	}
	switch g {
	case Scrapers:
		return ErrForbidden
	case Author:
		if !esop.MaySomewhere(esop.Subject{User: u}, esop.PermEdit) {
			return ErrForbidden
		}
	case Admin:
		if !esop.May(esop.Subject{User: u}, esop.PermAdminister, esop.Scope{}) {
			return ErrForbidden
		}
	}
	return nil
}

// StatusOf maps an error code to an HTTP status; a request stopped
// because its time ran out (or its client left) gets 503.
func StatusOf(err error) int {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return http.StatusServiceUnavailable
	}
	switch esop.ErrorCode(err) {
	case esop.EINVALID:
		return http.StatusUnprocessableEntity
	case esop.ENOTFOUND:
		return http.StatusNotFound
	case esop.ECONFLICT:
		return http.StatusConflict
	case esop.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case esop.EFORBIDDEN:
		return http.StatusForbidden
	case esop.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// ErrOverBudget answers a request stopped because its time ran out.
var ErrOverBudget = &esop.Error{Code: esop.EINTERNAL, Err: context.DeadlineExceeded, Message: esop.Text{
	ID: "Permintaan ini melebihi batas waktunya dan dihentikan. Silakan coba lagi sebentar lagi.",
	EN: "This request ran past its time limit and was stopped. Please try again shortly."}}

// OverBudget returns ErrOverBudget for the error of a request whose
// context has ended (whatever error the work stopped with: a driver
// reports an interrupted query in its own words), else err itself.
func OverBudget(r *http.Request, err error) error {
	if err != nil && r.Context().Err() != nil {
		return ErrOverBudget
	}
	return err
}

// RateLimited is the error of an attempt refused before its password was
// checked (the sign-in throttle, or every password check busy); Wait is
// how long to wait before trying again, Msg what to tell the client.
type RateLimited struct {
	Msg  esop.Text
	Wait time.Duration
}

func (e *RateLimited) Error() string { return e.Msg.EN }

// Seconds is the wait in whole seconds, rounded up, at least 1: the value
// of Retry-After.
func (e *RateLimited) Seconds() int {
	return max(1, int((e.Wait+time.Second-1)/time.Second))
}

// FirstErr returns the first error that is not nil.
func FirstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// WriteBuffered writes a fully rendered body with its type and status.
func WriteBuffered(w http.ResponseWriter, status int, contentType string, body *bytes.Buffer) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(body.Len()))
	w.WriteHeader(status)
	w.Write(body.Bytes())
}

// WriteJSON writes v as JSON (HTML characters unescaped), never cached.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	WriteBuffered(w, status, "application/json; charset=utf-8", &b)
}

// Problem is one problem in a 422 answer.
type Problem struct {
	Path     string `json:"path"`
	Message  string `json:"message"`
	Code     string `json:"code,omitempty"`
	Severity string `json:"severity,omitempty"`
}

// ProblemsJSON returns the problems as the API answers them, in lang.
func ProblemsJSON(ps esop.Problems, lang string) []Problem {
	out := []Problem{}
	for _, p := range ps {
		out = append(out, Problem{Path: p.Path, Message: p.Message.In(lang), Code: p.Code, Severity: p.Severity})
	}
	return out
}

// TooLargeText is the message of a body over limit bytes.
func TooLargeText(limit int64) esop.Text {
	size := fmt.Sprintf("%d KiB", limit>>10)
	if limit >= 1<<20 {
		size = fmt.Sprintf("%d MiB", limit>>20)
	}
	return esop.Text{ID: "Isi permintaan terlalu besar (paling besar " + size + ").",
		EN: "The request body is too large (at most " + size + ")."}
}

// ReadBody reads a request body of at most limit bytes; a larger one is
// refused with an ETOOLARGE error (413) after reading limit+1 bytes.
func ReadBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		t := TooLargeText(limit)
		return nil, &esop.Error{Code: esop.ETOOLARGE, Message: t}
	}
	if err != nil {
		return nil, esop.Errorf(esop.EINVALID, "Isi permintaan tidak dapat dibaca.", "The request body could not be read.")
	}
	return b, nil
}

// CheckJSONText refuses JSON whose strings, names or values, cannot be
// stored: not valid UTF-8, or holding a control character other than a
// line break or a tab (escaped as \u0000, say). It is for the small JSON
// bodies of the API (a token request, a transition); documents go
// through the decoder and validator, which name the path of each problem.
func CheckJSONText(b []byte) error {
	dec := jsontext.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.ReadToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var syn *jsontext.SyntacticError
			if errors.As(err, &syn) && (strings.Contains(syn.Err.Error(), "UTF-8") || strings.Contains(syn.Err.Error(), "surrogate")) {
				return errBadJSONText
			}
			return nil // not JSON: the handler says so in its own words
		}
		if tok.Kind() == '"' && !esop.ValidText(tok.String(), true) {
			return errBadJSONText
		}
	}
}

var errBadJSONText = &esop.Error{Code: esop.EINVALID, Message: esop.Text{
	ID: "Permintaan ditolak: teksnya berisi karakter yang tidak sah (NUL atau karakter kendali lain, atau bukan UTF-8).",
	EN: "Request refused: its text holds a character that is not allowed (NUL or another control character, or not UTF-8)."}}

// ReadJSON reads a small JSON request body of at most limit bytes (413
// beyond it) and refuses one whose text cannot be stored (CheckJSONText).
func ReadJSON(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	b, err := ReadBody(w, r, limit)
	if err != nil {
		return nil, err
	}
	return b, CheckJSONText(b)
}

// BodyLimit is the largest JSON body DecodeBody reads.
const BodyLimit = 64 << 10

// DecodeBody reads a small JSON object into v: unknown keys and values of
// the wrong type are refused (422) with the key's path, as a document's
// are.
func DecodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	b, err := ReadJSON(w, r, BodyLimit)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if err == nil {
		if dec.More() {
			err = errors.New("extra data")
		} else {
			return nil
		}
	}
	p := esop.Problem{Severity: esop.SeverityError, Code: "json",
		Message: esop.Text{ID: "isi permintaan bukan objek JSON yang sah", EN: "the request body is not a valid JSON object"}}
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr):
		p.Path, p.Code = typeErr.Field, "type"
		p.Message = esop.Text{ID: "jenis nilainya salah (" + typeErr.Value + ")", EN: "wrong type of value (" + typeErr.Value + ")"}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		p.Path, p.Code = strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), "unknown_key"
		p.Message = esop.Text{ID: "kunci ini tidak dikenal", EN: "unknown key"}
	}
	e := esop.Errorf(esop.EINVALID, "Isi permintaan tidak sah.", "The request body is not valid.")
	e.Problems = esop.Problems{p}
	return e
}

// Invalid returns an EINVALID error with one problem at path.
func Invalid(path, id, en string) error {
	e := &esop.Error{Code: esop.EINVALID, Message: esop.Text{ID: "Permintaan tidak sah: " + id + ".", EN: "The request is not valid: " + en + "."}}
	e.Problems = esop.Problems{{Path: path, Severity: esop.SeverityError, Code: "invalid", Message: esop.Text{ID: id, EN: en}}}
	return e
}

// ParseLimit reads the limit of a list (1 to 200; default 50).
func ParseLimit(q string) (int, error) {
	if q == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(q)
	if err != nil || n < 1 || n > 200 {
		return 0, Invalid("limit", "limit harus bilangan bulat 1 sampai 200", "limit must be a whole number from 1 to 200")
	}
	return n, nil
}

// PathID parses the {id} path value.
func PathID(r *http.Request) (int64, error) {
	var id int64
	if _, err := fmt.Sscan(r.PathValue("id"), &id); err != nil || id <= 0 {
		return 0, esop.Errorf(esop.ENOTFOUND, "Halaman tidak ditemukan.", "Page not found.")
	}
	return id, nil
}

// BearerToken returns the bearer token of a request, if it has one.
func BearerToken(r *http.Request) (string, bool) {
	t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	t = strings.TrimSpace(t)
	return t, ok && t != ""
}

// APILanguage chooses the language of the API's messages: like the
// interface, but a program's explicit Accept-Language is honoured when
// neither the user's setting nor the cookie says otherwise.
func APILanguage(r *http.Request, u *esop.User) string {
	if u != nil && (u.Lang == "id" || u.Lang == "en") {
		return u.Lang
	}
	if c, err := r.Cookie("lang"); err == nil && (c.Value == "id" || c.Value == "en") {
		return c.Value
	}
	return FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// FromAcceptLanguage picks id or en from an Accept-Language header, by
// quality, Indonesian winning ties and unknown headers.
func FromAcceptLanguage(h string) string {
	best, bestQ := "id", 0.0
	for _, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if (primary == "id" || primary == "in" || primary == "en") && q > bestQ {
			best, bestQ = primary, q
			if best == "in" {
				best = "id"
			}
		}
	}
	return best
}

package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/esop-malang/esop"
)

// Form bodies read by checkInput: a visitor without a session can only
// post the login and language forms; a signed-in author may post the
// editor's form of a whole SOP.
const (
	maxAnonymousForm = 64 << 10
	maxSignedInForm  = maxEditorForm
)

// checkInput refuses, before any handler runs and so before any query
// reaches the database, a request whose path, query or URL-encoded form
// holds text that cannot be stored: bytes that are not UTF-8, or NUL
// (%00), which PostgreSQL refuses in text. In the path and the query no
// control character is allowed, save line breaks and tabs in query
// values; in form values the other control characters are left to the
// handler, so that the editor shows a document's beside its field (the
// validator refuses them) and nothing typed is lost. The answer is 400
// with a message naming the field, as JSON under /api/ and as the error
// page elsewhere. A URL-encoded body is read
// here, 413 when it is larger than any form of the application, and
// handed on unchanged, so that each handler still applies its own limit.
// Multipart bodies (imports, the logo) and JSON bodies are left to their
// handlers: documents are refused by the decoder and validator with the
// path of each problem, other JSON by readJSON.
func (s *Server) checkInput(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if field, ok := badRequestText(r); !ok {
			s.refuseInput(w, r, http.StatusBadRequest, esop.Text{
				ID: fmt.Sprintf("Permintaan ditolak: %s berisi karakter yang tidak sah (NUL atau karakter kendali lain, atau bukan UTF-8).", field.ID),
				EN: fmt.Sprintf("Request refused: %s holds a character that is not allowed (NUL or another control character, or not UTF-8).", field.EN)})
			return
		}
		if isURLEncoded(r) {
			limit := int64(maxAnonymousForm)
			if _, err := r.Cookie(sessionCookie); err == nil {
				limit = maxSignedInForm
			}
			body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
			if err != nil {
				s.refuseInput(w, r, http.StatusBadRequest, esop.Text{ID: "Isi permintaan tidak dapat dibaca.", EN: "The request body could not be read."})
				return
			}
			if int64(len(body)) > limit {
				s.refuseInput(w, r, http.StatusRequestEntityTooLarge, tooLargeText(limit))
				return
			}
			if field, ok := badFormText(body); !ok {
				s.refuseInput(w, r, http.StatusBadRequest, esop.Text{
					ID: fmt.Sprintf("Formulir ditolak: isian %q berisi karakter yang tidak sah (NUL, atau bukan UTF-8).", field),
					EN: fmt.Sprintf("Form refused: the field %q holds a character that is not allowed (NUL, or not UTF-8).", field)})
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

// badRequestText returns the part of the request's address whose text
// cannot be stored, and false; or true when there is none.
func badRequestText(r *http.Request) (esop.Text, bool) {
	if !esop.ValidText(r.URL.Path, false) {
		return esop.Text{ID: "alamat (path)", EN: "the address (path)"}, false
	}
	q, _ := url.ParseQuery(r.URL.RawQuery) // what fails to parse is dropped by the handlers too
	for k, vs := range q {
		if !esop.ValidText(k, false) {
			return esop.Text{ID: "nama parameter", EN: "a parameter name"}, false
		}
		for _, v := range vs {
			if !esop.ValidText(v, true) {
				return esop.Text{ID: fmt.Sprintf("parameter %q", k), EN: fmt.Sprintf("the parameter %q", k)}, false
			}
		}
	}
	return esop.Text{}, true
}

// badFormText returns the name of the first field of a URL-encoded body
// whose name or value cannot be stored (storable), and false.
func badFormText(body []byte) (string, bool) {
	form, _ := url.ParseQuery(string(body))
	for k, vs := range form {
		if !storable(k) {
			return strings.ToValidUTF8(strings.Map(visibleRune, k), "?"), false
		}
		for _, v := range vs {
			if !storable(v) {
				return k, false
			}
		}
	}
	return "", true
}

// storable reports whether a form value can be handed to the database:
// UTF-8 without NUL.
func storable(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// visibleRune replaces control characters, for naming a bad field.
func visibleRune(r rune) rune {
	if r < 0x20 || r == 0x7f {
		return '?'
	}
	return r
}

// isURLEncoded reports whether r carries a URL-encoded form body.
func isURLEncoded(r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return false
	}
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && ct == "application/x-www-form-urlencoded"
}

// refuseInput answers a request checkInput refuses.
func (s *Server) refuseInput(w http.ResponseWriter, r *http.Request, status int, msg esop.Text) {
	lang := language(r, nil)
	if strings.HasPrefix(r.URL.Path, "/api/") {
		lang = apiLanguage(r, nil)
		code := "bad_input"
		if status == http.StatusRequestEntityTooLarge {
			code = esop.ETOOLARGE
		}
		writeJSON(w, status, map[string]string{"error": msg.In(lang), "code": code})
		return
	}
	s.renderPage(w, r, &request{lang: lang}, status, "error", errorView{Status: status, Message: msg.In(lang)})
}

// formError is the error of a form that could not be parsed: ETOOLARGE
// (413) when its body was over limit, else EINVALID.
func formError(err error, limit int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &esop.Error{Code: esop.ETOOLARGE, Message: tooLargeText(limit), Err: err}
	}
	return &esop.Error{Code: esop.EINVALID, Err: err, Message: esop.Text{ID: "Formulir tidak sah.", EN: "The form is not valid."}}
}

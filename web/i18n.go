package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

//go:embed i18n/*.json
var catalogFiles embed.FS

// Languages are the UI languages, the default first.
var Languages = []string{"id", "en"}

// messages holds the message catalogues: language → key → text. Texts
// are fmt formats when the call passes arguments.
type messages map[string]map[string]string

func loadMessages() (messages, error) {
	m := messages{}
	for _, lang := range Languages {
		b, err := catalogFiles.ReadFile("i18n/" + lang + ".json")
		if err != nil {
			return nil, err
		}
		cat := map[string]string{}
		if err := json.Unmarshal(b, &cat); err != nil {
			return nil, fmt.Errorf("i18n/%s.json: %w", lang, err)
		}
		m[lang] = cat
	}
	return m, nil
}

// T returns the text of key in lang, formatted with args. A key missing
// from a catalogue (the tests make sure none is) shows as the key itself.
func (m messages) T(lang, key string, args ...any) string {
	s, ok := m[lang][key]
	if !ok {
		s, ok = m["id"][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// language chooses the language of the web interface: the user's own
// setting, then the "lang" cookie of the language switch, else
// Indonesian. The browser's Accept-Language is not asked: the office's
// SOPs are Indonesian, and a browser set to English (the default of
// many installations) must not dress them in an English site; English
// is a choice the visitor makes (issue 10 point 10).
func language(r *http.Request, u *esop.User) string {
	if u != nil && (u.Lang == "id" || u.Lang == "en") {
		return u.Lang
	}
	if c, err := r.Cookie("lang"); err == nil && (c.Value == "id" || c.Value == "en") {
		return c.Value
	}
	return "id"
}

// formatDate prints a date in lang: "15 Januari 2024" or "15 January 2024".
func formatDate(lang string, d esop.Date) string {
	if lang == "en" {
		return d.English()
	}
	return d.Indonesian()
}

// formatInt prints n with the thousands separator of lang: 1.500 or 1,500.
func formatInt(lang string, n int) string {
	s := strconv.Itoa(n)
	sep := "."
	if lang == "en" {
		sep = ","
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && c != '-' && s[i-1] != '-' {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

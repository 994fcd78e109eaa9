package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/esop-malang/esop"
)

//go:embed templates
var templateFS embed.FS

// templates are the parsed pages: each page file parsed with the shared
// layout and partials into a set of its own, so that every page can
// define its own "content" block.
type templates struct {
	pages map[string]*template.Template
}

// parseTemplates parses every template at start-up; an error here stops
// the server before it serves anything.
func parseTemplates(msgs messages, static *staticFiles) (*templates, error) {
	funcs := template.FuncMap{
		"static": static.URL,
		"nip":    esop.FormatNIP,
		"add":    func(a, b int) int { return a + b },
		"join":   strings.Join,
		// item and items: a list's items without the numbers or bullets
		// their authors typed, empty ones left out, as the print shows
		// them (esop.ListItem, esop.ListItems);
		// the page numbers the list itself.
		"item":      esop.ListItem,
		"items":     esop.ListItems,
		"hasPrefix": strings.HasPrefix,
		"pathq":     url.PathEscape,
		"list":      func(xs ...string) []string { return xs },
		"pair":      func(a, b any) []any { return []any{a, b} },
		"dict2": func(v view, i int, role string, unit int64, key string) grantRow {
			return grantRow{V: v, I: i, Role: role, Unit: unit, Key: key}
		},
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" {
			continue
		}
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if t.pages[name], err = clone.ParseFS(templateFS, n); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// grantRow is the data of one role/unit pair of a user form.
type grantRow struct {
	V    view
	I    int
	Role string
	Unit int64
	Key  string
}

// view is what every template receives: the page's own view model in
// Data, and what the layout needs.
type view struct {
	Lang    string
	User    *esop.User
	Path    string
	Version string
	Data    any
	msgs    messages
	tasks   func() int  // the user's open tasks, counted when the layout asks
	analyse func() bool // whether the user may analyse some unit, asked when the layout asks
	// analysisUnit is the unit whose analyses the menu offers ("" for the office).
	analysisUnit func() string
	zone         *lazyZone // the time zone of the page's times (timezone.go)
}

// T translates a message key into the page's language.
func (v view) T(key string, args ...any) string { return v.msgs.T(v.Lang, key, args...) }

// Date prints a date in the page's language.
func (v view) Date(d esop.Date) string { return formatDate(v.Lang, d) }

// Int prints a whole number with the page's thousands separator.
func (v view) Int(n int) string { return formatInt(v.Lang, n) }

// OpenTasks returns how many open tasks the signed-in user has.
func (v view) OpenTasks() int {
	if v.tasks == nil {
		return 0
	}
	return v.tasks()
}

// MayAnalyse reports whether the signed-in user may see some unit's
// analyses: the layout offers the menu "Analisis" then.
func (v view) MayAnalyse() bool { return v.analyse != nil && v.analyse() }

// Has reports whether the signed-in user holds a role.
func (v view) Has(role string) bool { return v.User.Has(role) }

func (s *Server) newView(r *http.Request, rq *request, data any) view {
	zone := &lazyZone{get: func() *time.Location {
		if rq.zone != nil {
			return rq.zone
		}
		return s.siteZone(r.Context())
	}}
	v := view{Lang: rq.lang, User: rq.user, Path: r.URL.Path, Version: s.version, Data: data, msgs: s.msgs, zone: zone}
	if rq.user != nil {
		v.tasks = sync.OnceValue(func() int { return s.openTaskCount(r.Context(), rq.user) })
		v.analyse = sync.OnceValue(func() bool {
			ok, err := s.maySomewhere(r.Context(), rq.user, esop.PermAnalyse)
			return err == nil && ok
		})
		v.analysisUnit = sync.OnceValue(func() string { return s.analysisUnit(r.Context(), rq.user) })
	}
	return v
}

// renderPage renders a whole page into a buffer, then writes it, so that
// a template error never sends half a page.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, rq *request, status int, page string, data any) {
	s.renderTemplate(w, r, rq, status, page, "layout", data)
}

// renderFragment renders one named template of a page, for htmx.
func (s *Server) renderFragment(w http.ResponseWriter, r *http.Request, rq *request, page, name string, data any) {
	s.renderTemplate(w, r, rq, http.StatusOK, page, name, data)
}

func (s *Server) renderTemplate(w http.ResponseWriter, r *http.Request, rq *request, status int, page, name string, data any) {
	buf, err := s.execute(r, rq, page, name, data)
	if err != nil {
		s.log.Error("template", "page", page, "name", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeBuffered(w, status, "text/html; charset=utf-8", buf)
}

// execute renders a named template of a page into a buffer.
func (s *Server) execute(r *http.Request, rq *request, page, name string, data any) (*bytes.Buffer, error) {
	t, ok := s.pages.pages[page]
	if !ok {
		return nil, fmt.Errorf("no page template %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, s.newView(r, rq, data)); err != nil {
		return nil, err
	}
	return &buf, nil
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"

	"github.com/esop-malang/esop/render"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded static files under content-hashed URLs
// (/static/<hash>/app.css), so that they can be cached for a year and a
// new release is never served stale.
type staticFiles struct {
	files map[string]staticFile // by name, e.g. "app.css"
	byURL map[string]staticFile
}

type staticFile struct {
	url, contentType string
	body             []byte
}

func loadStatic() (*staticFiles, error) {
	sf := &staticFiles{files: map[string]staticFile{}, byURL: map[string]staticFile{}}
	add := func(name string, body []byte) {
		sum := sha256.Sum256(body)
		f := staticFile{url: "/static/" + hex.EncodeToString(sum[:6]) + "/" + name, contentType: mime.TypeByExtension(path.Ext(name)), body: body}
		if f.contentType == "" {
			f.contentType = "application/octet-stream"
		}
		sf.files[name], sf.byURL[f.url] = f, f
	}
	// The font of the printed SOP, so that line breaks computed on the
	// server hold in the browser.
	add("fonts/LiberationSans-Regular.ttf", render.RegularTTF())
	add("fonts/LiberationSans-Bold.ttf", render.BoldTTF())
	var css []string
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, "VERSIONS") {
			return err
		}
		if strings.HasSuffix(p, ".css") {
			css = append(css, p)
			return nil
		}
		b, err := staticFS.ReadFile(p)
		if err == nil {
			add(strings.TrimPrefix(p, "static/"), b)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	// Stylesheets last: their url("fonts/...") must name the hashed URLs
	// of the files they use, or the browser asks for the files under the
	// stylesheet's own hash and gets 404.
	for _, p := range css {
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return nil, err
		}
		b = cssURL.ReplaceAllFunc(b, func(m []byte) []byte {
			if f, ok := sf.files[string(cssURL.FindSubmatch(m)[1])]; ok {
				return []byte(`url("` + f.url + `")`)
			}
			return m
		})
		add(strings.TrimPrefix(p, "static/"), b)
	}
	return sf, nil
}

// cssURL matches a quoted url() of a stylesheet.
var cssURL = regexp.MustCompile(`url\("([^"]+)"\)`)

// URL returns the hashed URL of a static file; it panics on an unknown
// name, which the template tests catch.
func (sf *staticFiles) URL(name string) string {
	f, ok := sf.files[name]
	if !ok {
		panic("web: no static file " + name)
	}
	return f.url
}

func (sf *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := sf.byURL[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(f.body)
}

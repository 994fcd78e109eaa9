package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAdminLogo: the administrator chooses a large JPEG in the
// logo form; the page confirms the change and shows the logo in use; the
// unit lists are indented as a tree.
func TestBrowserAdminLogo(t *testing.T) {
	e := newEnv(t)
	img := image.NewRGBA(image.Rect(0, 0, 2400, 1800))
	for y := range 1800 {
		for x := range 2400 {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 13), uint8((x ^ y) * 3), 255})
		}
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, &jpeg.Options{Quality: 98}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "lambang.jpg")
	if err := os.WriteFile(file, jb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("the JPEG is %.1f MB", float64(jb.Len())/(1<<20))
	b := newBrowser(t, e.srv.URL)
	b.signIn(e, "admin")
	b.open("/admin", 200)
	b.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#logo"), []string{file}))
	b.load("upload", chromedp.Click(chromedp.CSS(`form[action="/admin/logo"] button[type="submit"]`)))
	if loc := b.location(); loc != "/admin?done=logo" {
		t.Fatalf("the upload led to %s: %s", loc, eval[string](b, "page", `document.querySelector("main").innerText`))
	}
	b.waitFor("the logo shown", `(() => { const i = document.querySelector(".logo-now img"); return !!i && i.complete && i.naturalWidth === 1000; })()`,
		`(document.querySelector(".logo-now") || {outerHTML: "no logo"}).outerHTML`)
	if got := eval[string](b, "confirmation", `(document.querySelector('#logo-done[role="status"]') || {}).textContent || ""`); got == "" {
		t.Error("no confirmation of the change")
	}
	b.audit("/admin after the logo")
	b.screenshot("admin-logo.png", "main")
	b.open("/admin/positions", 200)
	if n := eval[int](b, "indented", `[...document.querySelectorAll("#p-unit option")].filter(o => o.textContent.startsWith("\u00a0\u00a0")).length`); n == 0 {
		t.Error("the unit list is not indented")
	}
}

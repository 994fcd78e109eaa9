package main

import (
	"archive/zip"
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// logoFile writes a logo of w × h pixels, a red block, as PNG or JPEG.
func logoFile(t *testing.T, dir, name string, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{200, 20, 20, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if strings.HasSuffix(name, ".jpg") {
		err = jpeg.Encode(&b, img, nil)
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, name, b.String())
}

// redPixels counts the logo's red in a PNG page.
func redPixels(t *testing.T, file string) int {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, _, _ := img.At(x, y).RGBA(); r > 0x9000 && g < 0x4000 {
				n++
			}
		}
	}
	return n
}

// TestRenderLogo: esop render prints the logo given with --logo or
// $ESOP_LOGO (PNG or JPEG), as the web application prints the uploaded
// one; without a logo its cell stays empty; a file that is not a logo
// is refused with its name.
func TestRenderLogo(t *testing.T) {
	dir := t.TempDir()
	doc := example("ak1-kartu-pencari-kerja.json")
	png1 := logoFile(t, dir, "logo.png", 300, 400)
	jpg := logoFile(t, dir, "logo.jpg", 200, 200)
	out := func(name string) string { return filepath.Join(dir, name) }
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		red  bool
	}{
		{"none", nil, nil, false},
		{"--logo png", nil, []string{"--logo", png1}, true},
		{"$ESOP_LOGO jpeg", map[string]string{"ESOP_LOGO": jpg}, nil, true},
	} {
		args := append([]string{"render", "--format", "png", "--dpi", "50", "--out", out(tc.name + ".png")}, tc.args...)
		r := esopRun(t, tc.env, append(args, doc)...)
		if r.code != 0 {
			t.Fatalf("%s: %q", tc.name, r.stderr)
		}
		if got := redPixels(t, out(tc.name+".png")); (got > 100) != tc.red {
			t.Errorf("%s: %d pixels of the logo on the identity page", tc.name, got)
		}
	}
	notLogo := writeFile(t, dir, "logo.gif", "GIF89a not a logo")
	r := esopRun(t, nil, "render", "--format", "pdf", "--logo", notLogo, "--out", out("x.pdf"), doc)
	if r.code == 0 || !strings.Contains(r.stderr, "logo.gif harus berupa gambar PNG atau JPEG") {
		t.Errorf("a file that is not a logo: %d %q", r.code, r.stderr)
	}
	r = esopRun(t, map[string]string{"ESOP_LANG": "en"}, "render", "--format", "pdf", "--logo", filepath.Join(dir, "missing.png"), "--out", out("x.pdf"), doc)
	if r.code == 0 || !strings.Contains(r.stderr, "cannot read the logo") {
		t.Errorf("a missing logo: %d %q", r.code, r.stderr)
	}
	if _, err := os.Stat(out("x.pdf")); err == nil {
		t.Error("a print was written despite the bad logo")
	}
}

// TestRenderLogoDOCX: the Word document of esop render carries the logo
// given with --logo or $ESOP_LOGO as the image of its identity table, and
// none without one.
func TestRenderLogoDOCX(t *testing.T) {
	dir := t.TempDir()
	doc := example("ak1-kartu-pencari-kerja.json")
	png1 := logoFile(t, dir, "logo.png", 300, 400)
	jpg := logoFile(t, dir, "logo.jpg", 200, 100)
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		w, h int // of the logo in the document; 0 for none
	}{
		{"none", nil, nil, 0, 0},
		{"--logo png", nil, []string{"--logo", png1}, 300, 400},
		{"$ESOP_LOGO jpeg", map[string]string{"ESOP_LOGO": jpg}, nil, 200, 100},
	} {
		out := filepath.Join(dir, strings.NewReplacer(" ", "-", "$", "").Replace(tc.name)+".docx")
		args := append([]string{"render", "--format", "docx", "--dpi", "50", "--out", out}, tc.args...)
		r := esopRun(t, tc.env, append(args, doc)...)
		if r.code != 0 {
			t.Fatalf("%s: %q", tc.name, r.stderr)
		}
		z, err := zip.OpenReader(out)
		if err != nil {
			t.Fatal(err)
		}
		var logo []byte
		for _, f := range z.File {
			if f.Name == "word/media/logo.png" {
				rc, _ := f.Open()
				logo, _ = io.ReadAll(rc)
				rc.Close()
			}
		}
		z.Close()
		if tc.w == 0 {
			if logo != nil {
				t.Errorf("%s: a logo in the document", tc.name)
			}
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(logo))
		if err != nil || cfg.Width != tc.w || cfg.Height != tc.h {
			t.Errorf("%s: the document's logo %v %+v, want %d × %d", tc.name, err, cfg, tc.w, tc.h)
		}
	}
}

package render

import (
	_ "embed"
	"fmt"
	"image/color"
	"sync"

	"github.com/tdewolff/canvas"
)

// The PDF and PNG outputs embed Liberation Sans (SIL Open Font License,
// metric-compatible with Arial, the face of Indonesian government
// documents); the SVG output names it and the web application serves it.
var (
	//go:embed fonts/LiberationSans-Regular.ttf
	regularTTF []byte
	//go:embed fonts/LiberationSans-Bold.ttf
	boldTTF []byte
)

// FontFamily is the CSS font-family of the SVG output.
const FontFamily = "'Liberation Sans', Arial, Helvetica, sans-serif"

// RegularTTF and BoldTTF return the embedded font files, for the web
// application to serve to browsers with @font-face.
func RegularTTF() []byte { return regularTTF }

// BoldTTF returns the embedded bold font file.
func BoldTTF() []byte { return boldTTF }

// fonts holds the loaded font family and caches one face per size and weight.
type fonts struct {
	family *canvas.FontFamily
	mu     sync.Mutex
	faces  map[faceKey]*canvas.FontFace
}

type faceKey struct {
	size float64
	bold bool
}

func loadFonts() (*fonts, error) {
	fam := canvas.NewFontFamily("Liberation Sans")
	if err := fam.LoadFont(regularTTF, 0, canvas.FontRegular); err != nil {
		return nil, fmt.Errorf("render: loading the regular font: %w", err)
	}
	if err := fam.LoadFont(boldTTF, 0, canvas.FontBold); err != nil {
		return nil, fmt.Errorf("render: loading the bold font: %w", err)
	}
	return &fonts{family: fam, faces: map[faceKey]*canvas.FontFace{}}, nil
}

// face returns the black face of the given size in points.
func (f *fonts) face(size float64, bold bool) *canvas.FontFace {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := faceKey{size, bold}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	style := canvas.FontRegular
	if bold {
		style = canvas.FontBold
	}
	fc := f.family.Face(size, color.Black, style, canvas.FontNormal)
	f.faces[k] = fc
	return fc
}

// Width returns the advance of s in millimetres at size points; it makes
// fonts a layout.Measurer, so that lines are broken with the metrics of
// the font that prints them.
func (f *fonts) Width(s string, size float64, bold bool) float64 {
	return f.face(size, bold).TextWidth(s)
}

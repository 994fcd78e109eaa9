package render

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/esop-malang/esop/layout"
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

// The fonts are parsed the first time they are needed, not when the
// program starts: most commands never print. Parsing reads the tables
// lazily; the advances of ASCII are read at once, other runes' on first
// use. The fonts never change after, and are shared by every Renderer.
var fontsOnce = sync.OnceValues(func() (*fonts, error) {
	reg, err := parseFace(regularTTF)
	if err != nil {
		return nil, fmt.Errorf("render: reading the regular font: %w", err)
	}
	bold, err := parseFace(boldTTF)
	if err != nil {
		return nil, fmt.Errorf("render: reading the bold font: %w", err)
	}
	return &fonts{regular: reg, bold: bold}, nil
})

// fonts are the two faces of the print. They measure text by the
// advances of their glyphs, which is what line breaking needs and what
// the PDF and PNG writers place the glyphs by, so that a line that fits
// by measure fits when printed; it makes fonts a layout.Measurer.
type fonts struct {
	regular, bold *face
}

// Covers reports whether both faces draw r: a character either lacks
// prints as an empty box (layout.Coverer).
func (f *fonts) Covers(r rune) bool { return f.regular.glyph(r).gid != 0 && f.bold.glyph(r).gid != 0 }

// Width returns the advance of s in millimetres at size points.
func (f *fonts) Width(s string, size float64, bold bool) float64 {
	fc := f.regular
	if bold {
		fc = f.bold
	}
	return fc.ems(s) * size * layout.PointMM
}

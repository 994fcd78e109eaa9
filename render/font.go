package render

import (
	_ "embed"
	"fmt"
	"image/color"
	"sync"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/font"
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

// fonts holds the loaded font family, caches one face per size and
// weight, and measures text from the glyph advances of the fonts.
type fonts struct {
	family  *canvas.FontFamily
	mu      sync.Mutex
	faces   map[faceKey]*canvas.FontFace
	regular *advances
	bold    *advances
	lines   *lineCache
}

// advances are the advance widths of a font in ems: a table for ASCII,
// and the font itself, behind a cache, for any other rune. Measuring by
// advances is what line breaking needs and costs nanoseconds; shaping
// (kerning, ligatures) only ever makes a line narrower, so a line that
// fits by advances fits when printed.
type advances struct {
	sfnt  *font.SFNT
	ascii [128]float64
	mu    sync.Mutex
	other map[rune]float64
}

func newAdvances(ttf []byte) (*advances, error) {
	f, err := canvas.LoadFont(ttf, 0, canvas.FontRegular)
	if err != nil {
		return nil, err
	}
	a := &advances{sfnt: f.SFNT, other: map[rune]float64{}}
	for r := range a.ascii {
		a.ascii[r] = a.lookup(rune(r))
	}
	return a, nil
}

func (a *advances) lookup(r rune) float64 {
	return float64(a.sfnt.GlyphAdvance(a.sfnt.GlyphIndex(r))) / float64(a.sfnt.Head.UnitsPerEm)
}

// ems returns the advance of s in ems.
func (a *advances) ems(s string) float64 {
	var w float64
	for _, r := range s {
		if r < 128 {
			w += a.ascii[r]
			continue
		}
		a.mu.Lock()
		v, ok := a.other[r]
		if !ok {
			v = a.lookup(r)
			a.other[r] = v
		}
		a.mu.Unlock()
		w += v
	}
	return w
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
	reg, err := newAdvances(regularTTF)
	if err != nil {
		return nil, err
	}
	bold, err := newAdvances(boldTTF)
	if err != nil {
		return nil, err
	}
	return &fonts{family: fam, faces: map[faceKey]*canvas.FontFace{}, regular: reg, bold: bold, lines: newLineCache(8192)}, nil
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
	a := f.regular
	if bold {
		a = f.bold
	}
	return a.ems(s) * size * ptToMM
}

// line returns s shaped as one line of text. Shaping is the costly part
// of drawing a page (the shaper builds its plan anew for every string), and
// the same strings recur on every page and in every SOP (the table
// headers, the labels of the identity page, "1 hari", "Ya"), so shaped
// lines are kept in a bounded cache. A shaped line is never changed
// after it is made, so one may be drawn on many canvases at once.
func (f *fonts) line(s string, size float64, bold bool, align canvas.TextAlign) *canvas.Text {
	k := lineKey{s, size, bold, align}
	if t := f.lines.get(k); t != nil {
		return t
	}
	t := canvas.NewTextLine(f.face(size, bold), s, align)
	f.lines.put(k, t)
	return t
}

type lineKey struct {
	s     string
	size  float64
	bold  bool
	align canvas.TextAlign
}

// lineCache keeps up to max shaped lines; when full it is emptied, which
// is simpler than tracking use and costs little, as the common lines come
// back at once.
type lineCache struct {
	mu    sync.RWMutex
	max   int
	items map[lineKey]*canvas.Text
}

func newLineCache(max int) *lineCache { return &lineCache{max: max, items: map[lineKey]*canvas.Text{}} }

func (c *lineCache) get(k lineKey) *canvas.Text {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.items[k]
}

func (c *lineCache) put(k lineKey, t *canvas.Text) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.items) >= c.max {
		clear(c.items)
	}
	c.items[k] = t
}

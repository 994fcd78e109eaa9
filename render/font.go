package render

import (
	_ "embed"
	"fmt"
	"image/color"
	"sync"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/font"

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
// program starts: most commands never print. Measuring text (all that
// layout and SVG need) takes only the fonts' advance tables; drawing with
// them (PDF, PNG) takes the font family of the canvas, which costs much
// more to load. Both are read once per process and never change after.
var (
	metricsOnce = sync.OnceValues(func() (*metrics, error) {
		reg, err := newAdvances(regularTTF)
		if err != nil {
			return nil, fmt.Errorf("render: reading the regular font: %w", err)
		}
		bold, err := newAdvances(boldTTF)
		if err != nil {
			return nil, fmt.Errorf("render: reading the bold font: %w", err)
		}
		return &metrics{regular: reg, bold: bold}, nil
	})
	familyOnce = sync.OnceValues(func() (*canvas.FontFamily, error) {
		fam := canvas.NewFontFamily("Liberation Sans")
		if err := fam.LoadFont(regularTTF, 0, canvas.FontRegular); err != nil {
			return nil, fmt.Errorf("render: loading the regular font: %w", err)
		}
		if err := fam.LoadFont(boldTTF, 0, canvas.FontBold); err != nil {
			return nil, fmt.Errorf("render: loading the bold font: %w", err)
		}
		return fam, nil
	})
)

// metrics measures text from the glyph advances of the two fonts; it is
// the layout.Measurer of everything printed.
type metrics struct {
	regular, bold *advances
}

// Width returns the advance of s in millimetres at size points; it makes
// metrics a layout.Measurer, so that lines are broken with the metrics of
// the font that prints them.
func (m *metrics) Width(s string, size float64, bold bool) float64 {
	a := m.regular
	if bold {
		a = m.bold
	}
	return a.ems(s) * size * layout.PointMM
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
	f, err := font.ParseSFNT(ttf, 0)
	if err != nil {
		return nil, err
	}
	a := &advances{sfnt: f, other: map[rune]float64{}}
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

// faces draws text with the font family: it caches one face per size,
// weight and shade, and the lines it has shaped.
type faces struct {
	family *canvas.FontFamily
	mu     sync.Mutex
	faces  map[faceKey]*canvas.FontFace
	lines  *lineCache
}

type faceKey struct {
	size  float64
	bold  bool
	light bool
}

// lightGrey is the shade of light text: the KONSEP mark of a draft.
var lightGrey = color.RGBA{R: 0xc8, G: 0xc8, B: 0xc8, A: 0xff}

func newFaces(fam *canvas.FontFamily) *faces {
	return &faces{family: fam, faces: map[faceKey]*canvas.FontFace{}, lines: newLineCache(8192)}
}

// face returns the face of the given size in points, black or light grey.
func (f *faces) face(size float64, bold, light bool) *canvas.FontFace {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := faceKey{size, bold, light}
	if fc, ok := f.faces[k]; ok {
		return fc
	}
	style := canvas.FontRegular
	if bold {
		style = canvas.FontBold
	}
	var c color.Color = color.Black
	if light {
		c = lightGrey
	}
	fc := f.family.Face(size, c, style, canvas.FontNormal)
	f.faces[k] = fc
	return fc
}

// line returns s shaped as one line of text. Shaping is the costly part
// of drawing a page (the shaper builds its plan anew for every string), and
// the same strings recur on every page and in every SOP (the table
// headers, the labels of the identity page, "1 hari", "Ya"), so shaped
// lines are kept in a bounded cache. A shaped line is never changed
// after it is made, so one may be drawn on many canvases at once.
func (f *faces) line(s string, size float64, bold, light bool, align canvas.TextAlign) *canvas.Text {
	k := lineKey{s, size, bold, light, align}
	if t := f.lines.get(k); t != nil {
		return t
	}
	t := canvas.NewTextLine(f.face(size, bold, light), s, align)
	f.lines.put(k, t)
	return t
}

type lineKey struct {
	s     string
	size  float64
	bold  bool
	light bool
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

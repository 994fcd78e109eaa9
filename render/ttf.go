package render

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// face is one of the embedded TrueType fonts: its parsed tables for
// glyph lookups, advances and outlines (golang.org/x/image/font/sfnt),
// and its raw tables for subsetting into a PDF.
type face struct {
	ttf    []byte
	f      *sfnt.Font
	upem   float64
	name   string // PostScript name
	tables map[string][]byte
	glyf   []byte
	loca   []uint32 // len numGlyphs+1

	// Metrics in font units, for the PDF font descriptor.
	ascent, descent, capHeight float64
	bbox                       [4]float64

	ascii [128]glyphInfo
	mu    sync.Mutex
	other map[rune]glyphInfo
}

// glyphInfo is a rune's glyph and its advance in ems.
type glyphInfo struct {
	gid     uint16
	advance float64
}

var bufPool = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

func parseFace(ttf []byte) (*face, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	fc := &face{ttf: ttf, f: f, upem: float64(f.UnitsPerEm()), other: map[rune]glyphInfo{}}
	var b sfnt.Buffer
	if fc.name, err = f.Name(&b, sfnt.NameIDPostScript); err != nil {
		return nil, err
	}
	ppem := fixed.Int26_6(f.UnitsPerEm()) << 6
	m, err := f.Metrics(&b, ppem, font.HintingNone)
	if err != nil {
		return nil, err
	}
	fc.ascent, fc.descent, fc.capHeight = float64(m.Ascent)/64, -float64(m.Descent)/64, float64(m.CapHeight)/64
	bb, err := f.Bounds(&b, ppem, font.HintingNone)
	if err != nil {
		return nil, err
	}
	// Bounds has y downwards; the descriptor's box has y upwards.
	fc.bbox = [4]float64{float64(bb.Min.X) / 64, -float64(bb.Max.Y) / 64, float64(bb.Max.X) / 64, -float64(bb.Min.Y) / 64}
	if err := fc.readTables(); err != nil {
		return nil, err
	}
	for r := range fc.ascii {
		fc.ascii[r] = fc.lookup(&b, rune(r))
	}
	return fc, nil
}

// lookup returns the glyph of r (0, .notdef, when the font has none) and its advance.
func (fc *face) lookup(b *sfnt.Buffer, r rune) glyphInfo {
	gid, err := fc.f.GlyphIndex(b, r)
	if err != nil {
		gid = 0
	}
	adv, err := fc.f.GlyphAdvance(b, gid, fixed.Int26_6(fc.f.UnitsPerEm())<<6, font.HintingNone)
	if err != nil {
		return glyphInfo{gid: uint16(gid)}
	}
	return glyphInfo{gid: uint16(gid), advance: float64(adv) / 64 / fc.upem}
}

// glyph returns the glyph of r and its advance in ems.
func (fc *face) glyph(r rune) glyphInfo {
	if r >= 0 && r < 128 {
		return fc.ascii[r]
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	g, ok := fc.other[r]
	if !ok {
		b := bufPool.Get().(*sfnt.Buffer)
		g = fc.lookup(b, r)
		bufPool.Put(b)
		fc.other[r] = g
	}
	return g
}

// ems returns the advance of s in ems.
func (fc *face) ems(s string) float64 {
	w := 0.0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			w += fc.ascii[c].advance
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		w += fc.glyph(r).advance
		i += n
	}
	return w
}

// readTables reads the table directory, and loca and glyf for subsetting.
func (fc *face) readTables() error {
	b := fc.ttf
	if len(b) < 12 {
		return errors.New("render: a font file too short")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	fc.tables = map[string][]byte{}
	for i := range n {
		e := b[12+16*i:]
		tag := string(e[:4])
		off, size := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		if int(off)+int(size) > len(b) {
			return fmt.Errorf("render: the font's table %s runs past its end", tag)
		}
		fc.tables[tag] = b[off : off+size]
	}
	head, loca, glyf := fc.tables["head"], fc.tables["loca"], fc.tables["glyf"]
	if len(head) < 54 || loca == nil || glyf == nil {
		return errors.New("render: the font has no TrueType outlines")
	}
	long := binary.BigEndian.Uint16(head[50:]) == 1
	num := fc.f.NumGlyphs()
	fc.loca = make([]uint32, num+1)
	for i := range fc.loca {
		if long {
			fc.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		} else {
			fc.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
	}
	fc.glyf = glyf
	return nil
}

// components returns the glyphs a composite glyph is made of.
func (fc *face) components(gid uint16) []uint16 {
	g := fc.glyf[fc.loca[gid]:fc.loca[gid+1]]
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []uint16
	for p := 10; p+4 <= len(g); {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, binary.BigEndian.Uint16(g[p+2:]))
		p += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x0020 == 0 { // no MORE_COMPONENTS
			return out
		}
	}
	return out
}

// subset returns a TrueType font that holds only the outlines of the
// glyphs used (and of the glyphs they are composed of, and .notdef),
// every other glyph left empty so that glyph ids stay the same: what a
// PDF embeds for its text.
func (fc *face) subset(used map[uint16]bool) []byte {
	keep := map[uint16]bool{0: true}
	var walk func(uint16)
	walk = func(g uint16) {
		if keep[g] || int(g) >= len(fc.loca)-1 {
			return
		}
		keep[g] = true
		for _, c := range fc.components(g) {
			walk(c)
		}
	}
	for g := range used {
		walk(g)
		keep[g] = true
	}
	num := len(fc.loca) - 1
	var glyf []byte
	loca := make([]byte, 4*(num+1))
	for g := range num {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		if keep[uint16(g)] {
			glyf = append(glyf, fc.glyf[fc.loca[g]:fc.loca[g+1]]...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	binary.BigEndian.PutUint32(loca[4*num:], uint32(len(glyf)))
	head := slices.Clone(fc.tables["head"])
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	tables := map[string][]byte{"head": head, "loca": loca, "glyf": glyf}
	// Without the hinting programs (cvt, fpgm, prep): print and screen
	// viewers draw PDF fonts unhinted, and they are most of a subset.
	for _, t := range []string{"hhea", "hmtx", "maxp"} {
		if b, ok := fc.tables[t]; ok {
			tables[t] = b
		}
	}
	return assembleTTF(tables)
}

// assembleTTF writes a TrueType file of the given tables, with its
// directory and checksums.
func assembleTTF(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	n := len(tags)
	entry, log := 1, 0
	for entry*2 <= n {
		entry *= 2
		log++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(entry*16))
	binary.BigEndian.PutUint16(out[8:], uint16(log))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-entry*16))
	headAt := 0
	for i, t := range tags {
		data := tables[t]
		if t == "head" {
			headAt = len(out)
		}
		e := out[12+16*i:]
		copy(e, t)
		binary.BigEndian.PutUint32(e[4:], checksum(data))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(data)))
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt > 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

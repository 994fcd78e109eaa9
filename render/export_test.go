package render

// ShapedWidth returns the width of s as the font shapes it, for tests.
func ShapedWidth(r *Renderer, s string, size float64, bold bool) float64 {
	return r.fonts.face(size, bold).TextWidth(s)
}

package render

// ShapedWidth returns the width of s as the font shapes it, for tests.
func ShapedWidth(r *Renderer, s string, size float64, bold bool) float64 {
	f, err := r.faces()
	if err != nil {
		panic(err)
	}
	return f.face(size, bold, false).TextWidth(s)
}

package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"image"
	_ "image/jpeg" // logos may be JPEG
	"image/png"
	"io"
	"net/http"

	"github.com/esop-malang/esop"
)

// Limits of an uploaded logo.
const (
	maxLogoBytes = 512 << 10
	maxLogoSide  = 2000
)

// officeLogo is the office's own logo, drawn on the identity page; img is
// nil until one is uploaded, and the placeholder is drawn instead.
type officeLogo struct {
	img  image.Image
	hash string
}

// loadLogo reads the stored logo, if any.
func (s *Server) loadLogo(ctx context.Context) error {
	s.logo.Store(&officeLogo{})
	v, err := s.store.Setting(ctx, "logo")
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return err
	}
	img, err := decodeLogo(b)
	if err != nil {
		s.log.Warn("stored logo cannot be read; using the placeholder", "err", err)
		return nil
	}
	s.logo.Store(img)
	return nil
}

// decodeLogo checks an uploaded logo by its content, not its name or
// declared type: it must be a PNG or JPEG image of sensible size.
func decodeLogo(b []byte) (*officeLogo, error) {
	bad := esop.Errorf(esop.EINVALID, "Logo harus berupa gambar PNG atau JPEG, paling besar 512 KB dan 2000×2000 piksel.",
		"The logo must be a PNG or JPEG image of at most 512 KB and 2000×2000 pixels.")
	if len(b) == 0 || len(b) > maxLogoBytes {
		return nil, bad
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || (format != "png" && format != "jpeg") || cfg.Width > maxLogoSide || cfg.Height > maxLogoSide || cfg.Width < 1 || cfg.Height < 1 {
		return nil, bad
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, bad
	}
	sum := sha256.Sum256(b)
	return &officeLogo{img: img, hash: hex.EncodeToString(sum[:8])}, nil
}

// adminLogo stores a new logo uploaded by an administrator.
func (s *Server) adminLogo(w http.ResponseWriter, r *http.Request, rq *request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxLogoBytes+64<<10)
	f, _, err := r.FormFile("logo")
	if err != nil {
		return esop.Errorf(esop.EINVALID, "Pilih berkas logo (PNG atau JPEG, paling besar 512 KB).", "Choose a logo file (PNG or JPEG, at most 512 KB).")
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxLogoBytes+1))
	if err != nil {
		return err
	}
	logo, err := decodeLogo(b)
	if err != nil {
		return err
	}
	// Store it re-encoded as PNG, so that nothing but pixels is kept.
	var clean bytes.Buffer
	if err := png.Encode(&clean, logo.img); err != nil {
		return err
	}
	if err := s.store.PutSetting(r.Context(), "logo", base64.StdEncoding.EncodeToString(clean.Bytes())); err != nil {
		return err
	}
	s.logo.Store(logo)
	s.log.Info("logo changed", "by", rq.user.Username)
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
	return nil
}

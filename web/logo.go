package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logos may be JPEG
	"image/png"
	"io"
	"net/http"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
)

// Limits of an uploaded logo: a file of up to 5 MB (a photo of the
// office's emblem from a phone is 2–4 MB), of at most 10,000 pixels a side
// and 25 million in all (what decoding may cost in memory). It is kept
// scaled to fit keptLogoSide, which is more than the print needs.
const (
	maxLogoBytes  = 5 << 20
	maxLogoSide   = 10000
	maxLogoPixels = 25_000_000
	keptLogoSide  = 1000
)

// officeLogo is the office's own logo, drawn on the identity page; img is
// nil until one is uploaded, and the placeholder is drawn instead.
type officeLogo struct {
	img  image.Image
	hash string
	png  []byte // img as stored, for the administration page
}

// loadLogo reads the stored logo, if any.
func (s *Server) loadLogo(ctx context.Context) error {
	s.logo.Store(&officeLogo{})
	return s.reloadLogo(ctx)
}

// reloadLogo reads the stored logo again, when another server may have
// changed it (Follow): it is decoded only when it differs from the one in
// use, and none stored means the placeholder.
//
// What is in use is taken before the read and replaced only if it is still
// in use after it, so that a poll reading just before an upload on this
// server commits cannot put the old logo back over the new one.
func (s *Server) reloadLogo(ctx context.Context) error {
	cur := s.logo.Load()
	v, err := s.store.Setting(ctx, "logo")
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		if cur.img != nil {
			s.logo.CompareAndSwap(cur, &officeLogo{})
		}
		return nil
	}
	if err != nil {
		return err
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return err
	}
	if logoHash(b) == cur.hash {
		return nil
	}
	img, err := decodeLogo(b)
	if err != nil {
		s.log.Warn("stored logo cannot be read; using the placeholder", "err", err)
		s.logo.CompareAndSwap(cur, &officeLogo{})
		return nil
	}
	img.png = b
	s.logo.CompareAndSwap(cur, img)
	return nil
}

// logoHash names a logo's content in the keys of the pages drawn with it.
func logoHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// decodeLogo checks an uploaded logo by its content, not its name or
// declared type: it must be a PNG or JPEG image of sensible size.
func decodeLogo(b []byte) (*officeLogo, error) {
	if len(b) > maxLogoBytes {
		return nil, logoTooLarge(int64(len(b)))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if len(b) == 0 || err != nil || (format != "png" && format != "jpeg") {
		return nil, esop.Errorf(esop.EINVALID, "Berkas ini bukan gambar PNG atau JPEG yang dapat dibaca. Simpan logo sebagai PNG atau JPEG lalu unggah lagi.",
			"This file is not a PNG or JPEG image that can be read. Save the logo as PNG or JPEG and upload it again.")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxLogoSide || cfg.Height > maxLogoSide || cfg.Width*cfg.Height > maxLogoPixels {
		return nil, esop.Errorf(esop.EINVALID, "Gambar logo %d×%d piksel terlalu besar: paling besar 10.000 piksel sisinya dan 25 juta piksel seluruhnya.",
			"The logo image of %d×%d pixels is too large: at most 10,000 pixels a side and 25 million in all.", cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, esop.Errorf(esop.EINVALID, "Gambar logo rusak dan tidak dapat dibaca.", "The logo image is damaged and cannot be read.")
	}
	img = render.Downscale(img, keptLogoSide)
	return &officeLogo{img: img, hash: logoHash(b)}, nil
}

func logoTooLarge(n int64) error {
	what, whatEN := "Berkas logo", "The logo file"
	if n > 0 {
		mb := float64(n) / (1 << 20)
		what = fmt.Sprintf("Berkas logo (%s MB)", strings.Replace(fmt.Sprintf("%.1f", mb), ".", ",", 1))
		whatEN = fmt.Sprintf("The logo file (%.1f MB)", mb)
	}
	return &esop.Error{Code: esop.ETOOLARGE, Message: esop.Text{
		ID: what + " terlalu besar: paling besar 5 MB. Perkecil gambarnya lalu unggah lagi.",
		EN: whatEN + " is too large: at most 5 MB. Make the image smaller and upload it again."}}
}

// adminLogo stores a new logo uploaded by an administrator. What is
// wrong with the file is said on the administration page, beside the
// form.
func (s *Server) adminLogo(w http.ResponseWriter, r *http.Request, rq *request) error {
	err := s.storeLogo(w, r)
	switch esop.ErrorCode(err) {
	case "":
		s.log.Info("logo changed", "by", rq.user.Username)
		http.Redirect(w, r, "/admin?done=logo", http.StatusSeeOther)
		return nil
	case esop.EINVALID, esop.ETOOLARGE:
		return s.adminPage(w, r, rq, "admin", s.fillHome(r), err)
	}
	return err
}

func (s *Server) storeLogo(w http.ResponseWriter, r *http.Request) error {
	// The body holds the file and the form's framing; anything larger is
	// refused before it is read whole.
	r.Body = http.MaxBytesReader(w, r.Body, maxLogoBytes+64<<10)
	f, _, err := r.FormFile("logo")
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return logoTooLarge(r.ContentLength)
	case err != nil:
		return esop.Errorf(esop.EINVALID, "Pilih berkas logo (PNG atau JPEG, paling besar 5 MB).", "Choose a logo file (PNG or JPEG, at most 5 MB).")
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxLogoBytes+1))
	if err != nil {
		if errors.As(err, &tooLarge) {
			return logoTooLarge(r.ContentLength)
		}
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
	// Named by what is stored, as the other servers name it when they
	// read it (reloadLogo), so that all of them keep the same pages.
	logo.png, logo.hash = clean.Bytes(), logoHash(clean.Bytes())
	s.logo.Store(logo)
	return nil
}

// adminLogoImage serves the office's logo as stored, for the
// administration page to show it.
func (s *Server) adminLogoImage(w http.ResponseWriter, r *http.Request, rq *request) error {
	l := s.logo.Load()
	if l == nil || l.png == nil {
		return esop.Errorf(esop.ENOTFOUND, "Belum ada logo yang diunggah.", "No logo has been uploaded.")
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Write(l.png)
	return nil
}

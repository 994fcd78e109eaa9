package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/book"
	"github.com/esop-malang/esop/render"
)

// bookPDF serves the SOP book of the SOPs in force today, of the whole
// agency or of the unit given by ?unit= (name or key): the same book as
// `esop render --book` — the cover, the head of office's decision setting
// the SOPs with its list, the contents with versions and dates, and every
// SOP. It holds only what the catalogue shows, so it is public. A book is
// rendered once per content and day and then served from memory.
func (s *Server) bookPDF(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	paper := strings.ToUpper(q.Get("paper"))
	if paper != "" && paper != esop.PaperA4 && paper != esop.PaperF4 {
		return esop.Errorf(esop.EINVALID, "Ukuran kertas tidak dikenal (A4 atau F4).", "Unknown paper size (A4 or F4).")
	}
	unit := strings.TrimSpace(q.Get("unit"))
	b, err := book.Gather(r.Context(), s.store, book.Options{Unit: unit, Date: s.today(), Paper: paper})
	if err != nil {
		return err
	}
	logo, base := s.logo.Load(), s.verifyBase()
	key, err := bookKey(b, logo.hash, base)
	if err != nil {
		return err
	}
	name := "buku-sop"
	if b.Info.Unit != "" {
		name += "-" + safeName(strings.ToLower(b.Info.Unit))
	}
	w.Header().Set("Content-Disposition", `inline; filename="`+name+`.pdf"`)
	if cached, ok := s.pageOut.get(key); ok {
		writeBuffered(w, http.StatusOK, "application/pdf", bytes.NewBuffer(cached.([]byte)))
		return nil
	}
	b.Info.Logo = logo.img
	pages := make([]*render.Pages, len(b.Versions))
	for i, v := range b.Versions {
		if err := r.Context().Err(); err != nil {
			return err // past the request's budget, or the client has gone
		}
		c, err := s.laidOutFor(v.Document, v.ContentHash, paper, base) // with the verification code, as the SOP's own PDF
		if err != nil {
			return err
		}
		pages[i] = c.pages
	}
	var out bytes.Buffer
	if err := s.renderer.Book(&out, b.Info, pages, nil); err != nil {
		return err
	}
	s.pageOut.put(key, out.Bytes())
	writeBuffered(w, http.StatusOK, "application/pdf", &out)
	return nil
}

// bookKey identifies a book by all it prints: the front matter (which
// holds the day), the content of every SOP, the logo and the address of
// the verification codes.
func bookKey(b *book.Book, logo, base string) (string, error) {
	h := sha256.New()
	if err := json.NewEncoder(h).Encode(b.Info); err != nil {
		return "", err
	}
	for _, v := range b.Versions {
		h.Write([]byte(v.ContentHash + "\n"))
	}
	h.Write([]byte(logo + "\n" + base))
	return "book/" + hex.EncodeToString(h.Sum(nil)), nil
}

package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/export"
)

// importView is the view model of the import page.
type importView struct {
	Problems []string
	Imported []esop.ImportResult
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.renderPage(w, r, rq, http.StatusOK, "import", importView{})
	return nil
}

// maxImportBytes bounds an upload of files to import: one file of a
// whole SOP book (esop.MaxFileBytes), and room for the form around it.
const maxImportBytes = esop.MaxFileBytes + 1<<20

// importDocs imports uploaded esop.sop/1 files, all or nothing: any
// problem in any file is listed and nothing is stored. An upload over
// maxImportBytes is refused with 413, having read only that much.
func (s *Server) importDocs(w http.ResponseWriter, r *http.Request, rq *request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &esop.Error{Code: esop.ETOOLARGE, Message: esop.Text{
				ID: fmt.Sprintf("Unggahan terlalu besar (paling besar %d MiB bersama; satu dokumen paling besar %d MiB).", maxImportBytes>>20, esop.MaxDocumentBytes>>20),
				EN: fmt.Sprintf("The upload is too large (at most %d MiB in all; one document at most %d MiB).", maxImportBytes>>20, esop.MaxDocumentBytes>>20)}}
		}
		return esop.Errorf(esop.EINVALID, "Unggahan tidak sah: kirim berkas JSON atau XLSX lewat formulir impor.", "The upload is not valid: send JSON or XLSX files through the import form.")
	}
	var (
		docs []*esop.Document
		v    importView
	)
	for _, fh := range r.MultipartForm.File["files"] {
		f, err := fh.Open()
		if err != nil {
			return err
		}
		// One byte over the limit is enough for the decoder to refuse the file.
		data, err := io.ReadAll(io.LimitReader(f, esop.MaxFileBytes+1))
		f.Close()
		if err != nil {
			return err
		}
		opt := esop.ValidateOptions{Today: s.today(), Print: s.printCheck}
		var (
			ds []*esop.Document
			ps esop.Problems
		)
		if strings.HasSuffix(strings.ToLower(fh.Filename), ".xlsx") || export.IsXLSX(data) {
			// The SOP form kept in Excel: problems name sheet, row and column.
			var d *esop.Document
			if d, ps = export.ReadSOPWorkbook(data, opt); d != nil {
				ds = []*esop.Document{d}
			}
		} else {
			ds, ps = esop.CheckDocuments(data, opt)
		}
		for _, p := range ps.Errors() {
			v.Problems = append(v.Problems, fmt.Sprintf("%s: %s", fh.Filename, p.Format(rq.lang)))
		}
		for _, d := range ds {
			refusal, err := s.createRefusal(r.Context(), rq.user, d)
			if err != nil {
				return err
			}
			switch refusal {
			case refuseUnit:
				v.Problems = append(v.Problems, fmt.Sprintf("%s: %s", fh.Filename, s.msgs.T(rq.lang, "import.notyourunit", d.Unit)))
			case refuseApproved:
				v.Problems = append(v.Problems, fmt.Sprintf("%s: %s", fh.Filename, s.msgs.T(rq.lang, "import.approved", d.Title)))
			}
		}
		docs = append(docs, ds...)
	}
	if len(docs) == 0 && len(v.Problems) == 0 {
		v.Problems = append(v.Problems, s.msgs.T(rq.lang, "import.nofiles"))
	}
	if len(v.Problems) > 0 {
		s.renderPage(w, r, rq, http.StatusUnprocessableEntity, "import", v)
		return nil
	}
	res, err := s.store.ImportDocuments(r.Context(), docs, rq.user.Username)
	if code := esop.ErrorCode(err); code == esop.EINVALID || code == esop.ECONFLICT {
		v.Problems = append(v.Problems, esop.ErrorMessage(err, rq.lang))
		s.renderPage(w, r, rq, statusOf(err), "import", v)
		return nil
	}
	if err != nil {
		return err
	}
	if err := s.reindex(r.Context(), importedIDs(res)...); err != nil {
		return err
	}
	v.Imported = res
	s.renderPage(w, r, rq, http.StatusOK, "import", v)
	return nil
}

// importTemplate answers the empty SOP workbook to fill in and import.
func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request, rq *request) error {
	var b bytes.Buffer
	if err := export.WriteSOPTemplate(&b); err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="templat-sop.xlsx"`)
	writeBuffered(w, http.StatusOK, export.MIMEXLSX, &b)
	return nil
}

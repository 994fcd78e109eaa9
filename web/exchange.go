package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/esop-malang/esop"

	"github.com/esop-malang/esop/export"
)

// The exchange formats of an SOP (package export): BPMN 2.0 for process
// tools, Word for the official who edits or attaches it. Who may read which version is decided as for its JSON
// (sopVersion): the version in force for anyone, the draft (?draft=1)
// for who may read the unit's drafts.

func (s *Server) sopBPMN(w http.ResponseWriter, r *http.Request, rq *request) error {
	sh, err := s.sopVersion(r, rq)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := export.WriteBPMN(&b, sh.Version.Document); err != nil {
		return err
	}
	download(w, sh, "bpmn")
	writeBuffered(w, http.StatusOK, export.MIMEBPMN, &b)
	return nil
}

// sopDOCX answers the SOP as a Word document: its identity and
// activities as tables, its flowchart pages as pictures, on the paper of
// the print (?paper=A4|F4 as for the PDF).
func (s *Server) sopDOCX(w http.ResponseWriter, r *http.Request, rq *request) error {
	sh, err := s.sopVersion(r, rq)
	if err != nil {
		return err
	}
	paper := strings.ToUpper(r.URL.Query().Get("paper"))
	if paper != "" && paper != esop.PaperA4 && paper != esop.PaperF4 {
		return esop.Errorf(esop.EINVALID, "Ukuran kertas tidak dikenal (A4 atau F4).", "Unknown paper size (A4 or F4).")
	}
	c, err := s.laidOutFor(sh.Version.Document, sh.Version.ContentHash, paper, s.verifyBase())
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := export.WriteDOCX(&b, s.renderer, c.pages, export.DOCXOptions{Related: s.printedRelated(sh.Version.Document), Now: s.now()}); err != nil {
		return err
	}
	download(w, sh, "docx")
	writeBuffered(w, http.StatusOK, export.MIMEDOCX, &b)
	return nil
}

// sopXLSX answers the SOP as the workbook of the official form, the
// layout the import reads back.
func (s *Server) sopXLSX(w http.ResponseWriter, r *http.Request, rq *request) error {
	sh, err := s.sopVersion(r, rq)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := export.WriteSOPXLSX(&b, sh.Version.Document); err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+fmt.Sprintf("sop-%d", sh.SOP.ID)+`.xlsx"`)
	writeBuffered(w, http.StatusOK, export.MIMEXLSX, &b)
	return nil
}

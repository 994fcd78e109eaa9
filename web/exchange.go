package web

import (
	"bytes"
	"net/http"

	"github.com/esop-malang/esop/export"
)

// The exchange formats of an SOP (package export): BPMN 2.0 for process
// tools. Who may read which version is decided as for its JSON
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

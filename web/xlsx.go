package web

import (
	"bytes"
	"context"
	"net/http"

	"github.com/esop-malang/esop/export"
)

// The recap of monitoring and evaluation as a workbook: package export
// lays it out and writes it; here the recap of the request is handed over
// with the messages of the reader's language.

// monevWorkbook writes the workbook of a recap in lang.
func (s *Server) monevWorkbook(ctx context.Context, rc *recap, lang string) (*bytes.Buffer, error) {
	if rc.Zone == nil {
		rc.Zone = s.unitZone(ctx, rc.Scope.Unit.Name)
	}
	m := &export.Monev{Lang: lang, Unit: rc.Scope.Unit.Name, Period: rc.Period, Now: s.now(), Zone: rc.Zone,
		T: func(key string, args ...any) string { return s.msgs.T(lang, key, args...) }}
	drafts := map[int64]string{}
	for _, r := range rc.Rows {
		row := export.MonevRow{No: r.No, Unit: r.SOP.Unit, Number: r.SOP.NumberInForce(), Title: r.SOP.TitleInForce()}
		if r.Monitoring != nil {
			row.Monitoring = r.Monitoring.Monitoring
		}
		if e := r.Evaluation; e != nil {
			row.Evaluation = e.Evaluation
			if e.DraftID != 0 {
				if _, ok := drafts[e.DraftID]; !ok {
					v, err := s.store.FindVersionByID(ctx, e.DraftID)
					if err != nil {
						return nil, err
					}
					drafts[e.DraftID] = s.msgs.T(lang, "monev.draftversion", v.Seq)
				}
				row.Draft = drafts[e.DraftID]
			}
		}
		m.Rows = append(m.Rows, row)
	}
	var b bytes.Buffer
	if err := export.WriteMonevXLSX(&b, m); err != nil {
		return nil, err
	}
	return &b, nil
}

func (s *Server) recapXLSX(w http.ResponseWriter, r *http.Request, rq *request) error {
	rc, err := s.recapRequest(r, rq)
	if err != nil {
		return err
	}
	b, err := s.monevWorkbook(r.Context(), rc, rq.lang)
	if err != nil {
		return err
	}
	name := "monev-" + safeName(rc.Scope.Unit.Key) + "-" + rc.Period.String() + ".xlsx"
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	writeBuffered(w, http.StatusOK, export.MIMEXLSX, b)
	return nil
}

package web

import (
	"math"
	"net/http"
	"strconv"

	"github.com/esop-malang/esop"
)

// The setting of the monitoring from evidence: the on-time share of
// cases an SOP must reach in a period to be proposed as "berjalan dengan
// baik" (issue 12 point 3). Read by every signed-in user (it explains the
// proposal), set by administrators; PutSetting audits the change.

// statsSettings is the answer of GET/PUT /api/v1/stats/settings.
type statsSettings struct {
	MonevTarget float64 `json:"monevTarget"` // a share, 0 < t ≤ 1
}

func (s *Server) apiStatsSettings(w http.ResponseWriter, r *http.Request, rq *request) error {
	writeJSON(w, http.StatusOK, statsSettings{MonevTarget: s.monevTarget(r.Context())})
	return nil
}

func (s *Server) apiPutStatsSettings(w http.ResponseWriter, r *http.Request, rq *request) error {
	var in struct {
		MonevTarget *float64 `json:"monevTarget"`
	}
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if in.MonevTarget == nil || math.IsNaN(*in.MonevTarget) || *in.MonevTarget <= 0 || *in.MonevTarget > 1 {
		e := esop.Errorf(esop.EINVALID, "Pengaturan kinerja tidak sah.", "The performance settings are not valid.")
		e.Problems = esop.Problems{{Path: "monevTarget", Severity: esop.SeverityError, Code: "range",
			Message: esop.Text{ID: "target tepat waktu harus berupa bagian lebih dari 0 sampai 1 (0,9 = 90 persen)",
				EN: "the on-time target must be a share above 0 up to 1 (0.9 = 90 percent)"}}}
		return e
	}
	if err := s.store.PutSetting(r.Context(), monevTargetKey, strconv.FormatFloat(*in.MonevTarget, 'f', -1, 64)); err != nil {
		return err
	}
	s.log.Info("monitoring target changed", "target", *in.MonevTarget, "by", rq.user.Username)
	writeJSON(w, http.StatusOK, statsSettings{MonevTarget: *in.MonevTarget})
	return nil
}

package api

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// The setting of the monitoring from evidence: the on-time share of
// cases an SOP must reach in a period to be proposed as "berjalan dengan
// baik" (issue 12 point 3). Read by every signed-in user (it explains the
// proposal), set by administrators; PutSetting audits the change.

// statsSettings is the answer of GET/PUT /api/v1/stats/settings.
type statsSettings struct {
	MonevTarget float64 `json:"monevTarget"` // a share, 0 < t ≤ 1
}

func (s *API) apiStatsSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	httpx.WriteJSON(w, http.StatusOK, statsSettings{MonevTarget: s.MonevTarget(r.Context())})
	return nil
}

func (s *API) apiPutStatsSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	var in struct {
		MonevTarget *float64 `json:"monevTarget"`
	}
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	if in.MonevTarget == nil {
		return invalidMonevTarget()
	}
	if err := s.SetMonevTarget(r.Context(), *in.MonevTarget); err != nil {
		return err
	}
	s.log.Info("monitoring target changed", "target", *in.MonevTarget, "by", rq.User.Username)
	httpx.WriteJSON(w, http.StatusOK, statsSettings{MonevTarget: *in.MonevTarget})
	return nil
}

// SetMonevTarget checks and stores the monitoring target t, a share
// 0 < t ≤ 1 (EINVALID with the problem at "monevTarget" otherwise), for
// the API and the settings page alike; the store audits the change.
func (s *API) SetMonevTarget(ctx context.Context, t float64) error {
	if math.IsNaN(t) || t <= 0 || t > 1 {
		return invalidMonevTarget()
	}
	return s.store.PutSetting(ctx, monevTargetKey, strconv.FormatFloat(t, 'f', -1, 64))
}

func invalidMonevTarget() error {
	e := esop.Errorf(esop.EINVALID, "Pengaturan kinerja tidak sah.", "The performance settings are not valid.")
	e.Problems = esop.Problems{{Path: "monevTarget", Severity: esop.SeverityError, Code: "range",
		Message: esop.Text{ID: "target tepat waktu harus berupa bagian lebih dari 0 sampai 1 (0,9 = 90 persen)",
			EN: "the on-time target must be a share above 0 up to 1 (0.9 = 90 percent)"}}}
	return e
}

// monevTargetKey is the setting of the on-time share an SOP must reach to
// be proposed as running well in its monitoring (a number from 0 to 1).
const monevTargetKey = "monev.target"

// defaultMonevTarget is the target when none is set: 90 % on time.
const defaultMonevTarget = 0.9

// MonevTarget returns the target setting, or the default.
func (s *API) MonevTarget(ctx context.Context) float64 {
	raw, err := s.store.Setting(ctx, monevTargetKey)
	if err != nil {
		return defaultMonevTarget
	}
	t, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || t <= 0 || t > 1 {
		return defaultMonevTarget
	}
	return t
}

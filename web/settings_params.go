package web

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/api"
)

// Three settings of the whole installation that the JSON API sets
// (PUT /api/v1/stats/settings, /api/v1/analysis/settings and
// /api/v1/analysis/competence/settings) are set on the settings page too:
// the monitoring target, the WKE with its legal basis, and the expiry
// window of certificates. The forms go through the same functions of
// package api as the API, so the checks, the storage and the audit
// record are the same.

// paramsForm is the form of those settings: the values as stored, or as
// typed when a form is refused, and the problems by field (the paths of
// the API: monevTarget, wke, basis, expiryWindowDays).
type paramsForm struct {
	Target, WKE, Basis, Window string
	WKEHours                   string // the stored WKE in hours, for the explanation
	Problems                   map[string][]string
	MinWKE, MaxWKE             string // the bounds of the WKE, grouped as the language writes them (60.000)
	MaxWindow                  int
}

// At returns the problems of a field.
func (f *paramsForm) At(field string) []string { return f.Problems[field] }

// decimalText writes a number as the language writes it: a decimal
// comma in Indonesian.
func decimalText(f float64, lang string) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// hoursText writes a WKE of minutes in hours, to a tenth, grouped as the
// language writes numbers: "1.250" (id), "1,250" (en), "1.233,3".
func hoursText(minutes float64, lang string) string {
	h := math.Round(minutes/60*10) / 10
	whole := math.Trunc(h)
	text := formatInt(lang, int(whole))
	if h != whole {
		frac := strings.TrimPrefix(strconv.FormatFloat(h-whole, 'f', 1, 64), "0")
		if lang != "en" {
			frac = strings.Replace(frac, ".", ",", 1)
		}
		text += frac
	}
	return text
}

// formNumber reads a number as typed: a decimal comma or point, digits
// grouped by dots (72.000); NaN when it is not a number, which the
// checks of the API refuse.
func formNumber(raw string) float64 {
	raw = strings.ReplaceAll(strings.TrimSpace(raw), " ", "")
	if groupedNumber.MatchString(raw) {
		raw = strings.ReplaceAll(raw, ".", "")
	}
	f, err := strconv.ParseFloat(strings.Replace(raw, ",", ".", 1), 64)
	if err != nil || math.IsInf(f, 0) {
		return math.NaN()
	}
	return f
}

// paramsOf reads the stored settings into a form.
func (s *Server) paramsOf(ctx context.Context, lang string) (*paramsForm, error) {
	ws, err := s.api.WorkloadSettings(ctx)
	if err != nil {
		return nil, err
	}
	days, err := s.api.ExpiryWindowDays(ctx)
	if err != nil {
		return nil, err
	}
	return &paramsForm{
		Target: decimalText(s.api.MonevTarget(ctx), lang),
		WKE:    strconv.FormatFloat(ws.WKE, 'f', -1, 64), Basis: ws.Basis,
		WKEHours: hoursText(ws.WKE, lang),
		Window:   strconv.Itoa(days), Problems: map[string][]string{},
		MinWKE: formatInt(lang, esop.MinWKE), MaxWKE: formatInt(lang, esop.MaxWKE), MaxWindow: api.MaxExpiryWindow,
	}, nil
}

// withParams adds the form of the three settings to the settings page
// that fill makes; typed, when not nil, puts what was typed in place of
// what is stored, and the problems of err are shown at their fields.
func (s *Server) withParams(r *http.Request, rq *request, typed func(*paramsForm), err error, fill func(*adminView) error) func(*adminView) error {
	return func(v *adminView) error {
		if ferr := fill(v); ferr != nil {
			return ferr
		}
		p, perr := s.paramsOf(r.Context(), rq.lang)
		if perr != nil {
			return perr
		}
		if typed != nil {
			typed(p)
		}
		var e *esop.Error // a wrapped one too
		if errors.As(err, &e) {
			for _, pr := range e.Problems {
				p.Problems[pr.Path] = append(p.Problems[pr.Path], pr.Message.In(rq.lang))
			}
		}
		v.Settings.Params = p
		return nil
	}
}

// afterParams goes back to the settings page after a change, or shows it
// with what was typed and the problems at their fields.
func (s *Server) afterParams(w http.ResponseWriter, r *http.Request, rq *request, typed func(*paramsForm), err error) error {
	fill := s.withParams(r, rq, typed, err, s.withOffice(r, 0, nil, s.fillSettings(r, 0, nil)))
	return s.afterForm(w, r, rq, "admin_settings", "/admin/settings#params", fill, err)
}

// adminSaveMonevTarget sets the on-time share an SOP must reach to be
// proposed as running well on the monitoring form.
func (s *Server) adminSaveMonevTarget(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	text := clean(r.PostForm.Get("monevTarget"))
	t := formNumber(text)
	err := s.api.SetMonevTarget(r.Context(), t)
	if err == nil {
		s.log.Info("monitoring target changed", "target", t, "by", rq.user.Username)
	}
	return s.afterParams(w, r, rq, func(p *paramsForm) { p.Target = text }, err)
}

// adminSaveWorkload sets the WKE and its legal basis of the workload analysis.
func (s *Server) adminSaveWorkload(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	wke, basis := clean(r.PostForm.Get("wke")), strings.TrimSpace(r.PostForm.Get("basis"))
	ws, err := s.api.SetWorkloadSettings(r.Context(), esop.WorkloadSettings{WKE: formNumber(wke), Basis: basis})
	if err == nil {
		s.log.Info("workload settings changed", "wke", ws.WKE, "by", rq.user.Username)
	}
	return s.afterParams(w, r, rq, func(p *paramsForm) { p.WKE, p.Basis = wke, basis }, err)
}

// adminSaveExpiryWindow sets how many days before its end a certificate
// is flagged as lapsing in the competence analysis.
func (s *Server) adminSaveExpiryWindow(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	text := clean(r.PostForm.Get("expiryWindowDays"))
	days, perr := strconv.Atoi(text)
	if perr != nil {
		days = -1 // not a number: refused by the check, with its message
	}
	err := s.api.SetExpiryWindowDays(r.Context(), days)
	if err == nil {
		s.log.Info("competence expiry window changed", "days", days, "by", rq.user.Username)
	}
	return s.afterParams(w, r, rq, func(p *paramsForm) { p.Window = text }, err)
}

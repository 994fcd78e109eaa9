package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// MailStatus is what the administration shows of the mail server the
// review reminders go through: never the password.
type MailStatus struct {
	Addr string // host:port; "" when the reminders are off
	From string
	User string // "" without authentication
}

// settingsView is the view model of the settings page: the numbering and
// review settings of one scope (the installation, or an agency) in a
// form, the configuration that applies to each agency, and the mail
// server of the reminders.
type settingsView struct {
	Agencies  []*esop.Unit
	Scope     int64 // the scope of the form; 0 is the installation
	ScopeName string
	// Form holds the values of the form: what the scope sets (or what was
	// posted); Inherited is what applies to a field left empty.
	Form      settingsForm
	Inherited esop.NumberingConfig
	Rows      []settingsRow
	Mail      MailStatus
	MaxMonths int
	// Office is the agency's office contact (settings_office.go); empty
	// for the installation.
	Office esop.OfficeContact
	// Zone is the scope's time zone (timezone.go).
	Zone *zoneForm
	// Params are the installation's monitoring target, WKE and expiry
	// window (settings_params.go).
	Params *paramsForm
}

// settingsForm is the form as typed: the review period stays text, so
// that a wrong value is shown back as it was typed.
type settingsForm struct {
	Template, Kode, Months string
}

// settingsRow is the configuration that applies to one scope.
type settingsRow struct {
	ID        int64
	Name      string
	Own       esop.NumberingConfig
	Effective esop.NumberingConfig
	Example   string // the first number of the year the template gives
}

// agencies returns the perangkat daerah units, and every unit by id.
func (s *Server) agencies(ctx context.Context) ([]*esop.Unit, map[int64]*esop.Unit, error) {
	units, err := s.allUnits(ctx)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]*esop.Unit{}
	var list []*esop.Unit
	for _, u := range units {
		byID[u.ID] = u
		if u.Kind == esop.UnitPerangkatDaerah {
			list = append(list, u)
		}
	}
	return list, byID, nil
}

// unitCodePath joins the codes of a unit and the units above it, as the
// numbers print them ("35.73" and "405" give "35.73.405").
func unitCodePath(byID map[int64]*esop.Unit, id int64) string {
	var codes []string
	for u := byID[id]; u != nil && len(codes) < 32; u = byID[u.ParentID] {
		if u.Code != "" {
			codes = append([]string{u.Code}, codes...)
		}
	}
	return strings.Join(codes, ".")
}

// fillSettings fills the settings page for the scope agency; form, when
// not nil, is what was posted and is shown instead of what is stored.
func (s *Server) fillSettings(r *http.Request, agency int64, form *settingsForm) func(*adminView) error {
	return func(v *adminView) error {
		ctx := r.Context()
		agencies, byID, err := s.agencies(ctx)
		if err != nil {
			return err
		}
		sv := &settingsView{Agencies: agencies, Scope: agency, Mail: s.mail, MaxMonths: esop.MaxReviewMonths}
		if agency != 0 {
			u := byID[agency]
			if u == nil || u.Kind != esop.UnitPerangkatDaerah {
				return esop.Errorf(esop.ENOTFOUND, "Perangkat daerah tidak ditemukan.", "Agency not found.")
			}
			sv.ScopeName = u.Name
		}
		year := s.today().Year
		for _, id := range append([]int64{0}, idsOf(agencies)...) {
			own, err := s.store.OwnNumberingConfig(ctx, id)
			if err != nil {
				return err
			}
			eff, err := s.store.NumberingConfig(ctx, id)
			if err != nil {
				return err
			}
			row := settingsRow{ID: id, Own: own, Effective: eff}
			if id != 0 {
				row.Name = byID[id].Name
				row.Example = esop.FormatNumber(eff.Template, eff.Kode, unitCodePath(byID, id), 1, year)
			}
			sv.Rows = append(sv.Rows, row)
			if id == agency {
				sv.Form = settingsForm{Template: own.Template, Kode: own.Kode}
				if own.ReviewMonths != 0 {
					sv.Form.Months = strconv.Itoa(own.ReviewMonths)
				}
			}
		}
		// What an empty field of the form falls back to.
		sv.Inherited = esop.DefaultNumbering()
		if agency != 0 {
			sv.Inherited = sv.Rows[0].Effective
		}
		if form != nil {
			sv.Form = *form
		}
		if sv.Zone, err = s.zoneFormOf(ctx, agency); err != nil {
			return err
		}
		v.Settings = sv
		return nil
	}
}

func idsOf(units []*esop.Unit) []int64 {
	ids := make([]int64, len(units))
	for i, u := range units {
		ids[i] = u.ID
	}
	return ids
}

// adminSettings shows the numbering and review settings of the scope
// ?agency= (the installation when absent) and the mail status.
func (s *Server) adminSettings(w http.ResponseWriter, r *http.Request, rq *request) error {
	agency, err := strconv.ParseInt(r.URL.Query().Get("agency"), 10, 64)
	if r.URL.Query().Get("agency") == "" {
		agency, err = 0, nil
	}
	if err != nil || agency < 0 {
		return esop.Errorf(esop.ENOTFOUND, "Perangkat daerah tidak ditemukan.", "Agency not found.")
	}
	return s.adminPage(w, r, rq, "admin_settings", s.withParams(r, rq, nil, nil, s.withOffice(r, agency, nil, s.fillSettings(r, agency, nil))), nil)
}

// adminSaveSettings replaces the numbering and review settings of one
// scope; an empty field is inherited.
func (s *Server) adminSaveSettings(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	agency := formID(r, "agency")
	form := settingsForm{Template: clean(r.PostForm.Get("template")), Kode: clean(r.PostForm.Get("kode")), Months: clean(r.PostForm.Get("reviewMonths"))}
	cfg := esop.NumberingConfig{Template: form.Template, Kode: form.Kode}
	var err error
	if form.Months != "" {
		cfg.ReviewMonths, err = strconv.Atoi(form.Months)
		if err != nil || cfg.ReviewMonths == 0 {
			cfg.ReviewMonths = -1 // refused by the check, with its message
		}
	}
	err = s.store.PutNumberingConfig(r.Context(), agency, cfg)
	if err == nil {
		s.log.Info("numbering settings changed", "agency", agency, "by", rq.user.Username)
	}
	back := "/admin/settings"
	if agency != 0 {
		back += "?agency=" + strconv.FormatInt(agency, 10)
	}
	shown := &form
	if esop.ErrorCode(err) == esop.EINVALID && agency != 0 {
		// A unit that is not an agency: show the installation's form as stored.
		if _, byID, ferr := s.agencies(r.Context()); ferr == nil && (byID[agency] == nil || byID[agency].Kind != esop.UnitPerangkatDaerah) {
			agency, shown = 0, nil
		}
	}
	return s.afterForm(w, r, rq, "admin_settings", back, s.withParams(r, rq, nil, nil, s.withOffice(r, agency, nil, s.fillSettings(r, agency, shown))), err)
}

package web

import (
	"net/http"
	"strconv"

	"github.com/esop-malang/esop"
)

// The office contact of an agency (address, telephone, e-mail, website),
// printed in the letterhead of its decisions and on the cover of its SOP
// book, is set on the settings page of that agency.

// withOffice adds the office contact of the scope agency to the settings
// page that fill makes: posted, when not nil, is what was typed and is
// shown instead of what is stored. The installation (agency 0) has no
// office.
func (s *Server) withOffice(r *http.Request, agency int64, posted *esop.OfficeContact, fill func(*adminView) error) func(*adminView) error {
	return func(v *adminView) error {
		if err := fill(v); err != nil || agency == 0 {
			return err
		}
		if posted != nil {
			v.Settings.Office = *posted
			return nil
		}
		c, err := s.store.OfficeContact(r.Context(), agency)
		v.Settings.Office = c
		return err
	}
}

// adminSaveOffice replaces the office contact of one agency; an empty
// field is removed.
func (s *Server) adminSaveOffice(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	agency := formID(r, "agency")
	f := r.PostForm
	c := esop.OfficeContact{Address: f.Get("address"), Phone: f.Get("phone"), Email: f.Get("email"), Website: f.Get("website")}.Clean()
	err := s.store.PutOfficeContact(r.Context(), agency, c)
	if err == nil {
		s.log.Info("office contact changed", "agency", agency, "by", rq.user.Username)
	}
	back := "/admin/settings?agency=" + strconv.FormatInt(agency, 10)
	shown := agency
	if esop.ErrorCode(err) == esop.EINVALID {
		if _, byID, ferr := s.agencies(r.Context()); ferr == nil && (byID[agency] == nil || byID[agency].Kind != esop.UnitPerangkatDaerah) {
			shown = 0 // not an agency: show the installation's page with the message
		}
	}
	return s.afterForm(w, r, rq, "admin_settings", back, s.withParams(r, rq, nil, nil, s.withOffice(r, shown, &c, s.fillSettings(r, shown, nil))), err)
}

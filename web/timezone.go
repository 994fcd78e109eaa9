package web

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/esop-malang/esop"
)

// Every time the web shows — version history, review log, comments,
// audit trail, monitoring and evaluation, accounts — is printed by one
// formatter (view.Time) in the agency's time zone with its label (WIB,
// WITA or WIT). The agency's time zone is the zone of its working
// calendar, the one its due dates are counted in, set on the settings
// page (settings_zone.go); the installation's zone, else Asia/Jakarta,
// applies to an agency without its own.

// zoneOfAgency returns the time zone of an agency (0: the installation).
func (s *Server) zoneOfAgency(ctx context.Context, agency int64) *time.Location {
	cal, err := s.store.Calendar(ctx, agency)
	if err != nil {
		s.log.Error("time zone", "agency", agency, "err", err)
		return wib
	}
	return cal.Location()
}

// siteZone is the time zone of pages about no one agency (the audit
// trail, the dashboard, the account): that of the installation's only
// agency of today when it has one, else the installation's.
func (s *Server) siteZone(ctx context.Context) *time.Location {
	agencies, _, err := s.agencies(ctx)
	if err != nil {
		s.log.Error("time zone", "err", err)
		return wib
	}
	var agency int64
	today := s.today()
	n := 0
	for _, a := range agencies {
		if a.ValidOn(today) {
			agency, n = a.ID, n+1
		}
	}
	if n != 1 {
		agency = 0
	}
	return s.zoneOfAgency(ctx, agency)
}

// unitZone is the time zone of the agency of the unit named unit (an
// SOP's unit): the perangkat daerah at or above it, else the site's.
func (s *Server) unitZone(ctx context.Context, unit string) *time.Location {
	_, byID, err := s.agencies(ctx)
	if err != nil {
		s.log.Error("time zone", "err", err)
		return wib
	}
	today := s.today()
	var u *esop.Unit
	for _, x := range byID {
		if x.Name == unit && (u == nil || x.ValidOn(today)) {
			u = x
		}
	}
	for n := 0; u != nil && n < 32; u, n = byID[u.ParentID], n+1 {
		if u.Kind == esop.UnitPerangkatDaerah {
			return s.zoneOfAgency(ctx, u.ID)
		}
	}
	return s.siteZone(ctx)
}

// zoneFor sets the time zone of the request's pages to that of the
// agency of an SOP's unit.
func (s *Server) zoneFor(r *http.Request, rq *request, unit string) {
	rq.zone = s.unitZone(r.Context(), unit)
}

// lazyZone resolves the zone of a page once, when a time is first shown.
type lazyZone struct {
	once sync.Once
	loc  *time.Location
	get  func() *time.Location
}

func (z *lazyZone) location() *time.Location {
	if z == nil {
		return wib
	}
	z.once.Do(func() { z.loc = z.get() })
	return z.loc
}

// formatMoment prints a moment in loc as people there read it, with the
// zone's label: "20/11/2026 16:00 WITA" (with seconds: 16:00:05).
func formatMoment(loc *time.Location, t time.Time, seconds bool) string {
	if t.IsZero() {
		return "—"
	}
	layout := "02/01/2006 15:04 MST"
	if seconds {
		layout = "02/01/2006 15:04:05 MST"
	}
	return t.In(loc).Format(layout)
}

// Time prints a moment in the page's time zone, with its label.
func (v view) Time(t time.Time) string { return formatMoment(v.zone.location(), t, false) }

// TimeSec prints a moment to the second (the audit trail).
func (v view) TimeSec(t time.Time) string { return formatMoment(v.zone.location(), t, true) }

// ZoneLabel is the label of the page's time zone (WIB, WITA or WIT).
func (v view) ZoneLabel() string { return time.Now().In(v.zone.location()).Format("MST") }

// zoneForm is the time zone form of the settings page.
type zoneForm struct {
	Zones []zoneOption
	Own   bool // the scope has its own working calendar
}

type zoneOption struct {
	Value, Label string
	Selected     bool
}

// zoneLabels names the zones for people.
var zoneLabels = map[string]string{
	esop.ZoneWIB:     "WIB — Asia/Jakarta (UTC+7)",
	"Asia/Pontianak": "WIB — Asia/Pontianak (UTC+7)",
	esop.ZoneWITA:    "WITA — Asia/Makassar (UTC+8)",
	esop.ZoneWIT:     "WIT — Asia/Jayapura (UTC+9)",
}

// zoneFormOf returns the time zone form of a scope (0: the installation).
func (s *Server) zoneFormOf(ctx context.Context, agency int64) (*zoneForm, error) {
	cal, err := s.store.Calendar(ctx, agency)
	if err != nil {
		return nil, err
	}
	_, own, err := s.store.CalendarSettings(ctx, agency)
	if err != nil {
		return nil, err
	}
	zf := &zoneForm{Own: own}
	for _, z := range esop.Zones {
		zf.Zones = append(zf.Zones, zoneOption{Value: z, Label: zoneLabels[z], Selected: z == cal.Settings().Zone})
	}
	return zf, nil
}

// adminSaveZone sets the time zone of an agency (or of the
// installation): the zone of its working calendar, whose days and hours
// are kept (those that apply now become its own when it had none).
func (s *Server) adminSaveZone(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	agency := formID(r, "agency")
	back := "/admin/settings"
	if agency != 0 {
		back += "?agency=" + strconv.FormatInt(agency, 10)
	}
	_, byID, err := s.agencies(r.Context())
	if err != nil {
		return err
	}
	if agency != 0 && (byID[agency] == nil || byID[agency].Kind != esop.UnitPerangkatDaerah) {
		return esop.Errorf(esop.ENOTFOUND, "Perangkat daerah tidak ditemukan.", "Agency not found.")
	}
	cal, err := s.store.Calendar(r.Context(), agency)
	if err != nil {
		return err
	}
	settings := cal.Settings()
	settings.Zone = r.PostForm.Get("zone")
	if _, zerr := esop.ZoneLocation(settings.Zone); zerr != nil {
		err = esop.Errorf(esop.EINVALID, "Zona waktu %q tidak dikenal; pilih WIB, WITA atau WIT.", "Unknown time zone %q; choose WIB, WITA or WIT.", settings.Zone)
	} else if err = s.store.SetCalendarSettings(r.Context(), agency, settings); err == nil {
		s.log.Info("time zone changed", "agency", agency, "zone", settings.Zone, "by", rq.user.Username)
	}
	return s.afterForm(w, r, rq, "admin_settings", back, s.withParams(r, rq, nil, nil, s.withOffice(r, agency, nil, s.fillSettings(r, agency, nil))), err)
}

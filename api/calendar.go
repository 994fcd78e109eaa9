package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/access"
	"github.com/esop-malang/esop/internal/httpx"
)

// The working calendar over the API: the non-working dates of a year and
// when a time is due (public), the administrator's changes to the dates
// and to an agency's working week.

var errNoCalendarDate = esop.Errorf(esop.ENOTFOUND, "Tanggal tidak ditemukan.", "No such date.")

// apiHolidays lists the non-working dates of {year}.
func (s *API) apiHolidays(w http.ResponseWriter, r *http.Request, rq *Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || len(r.PathValue("year")) != 4 || year < 1900 || year > 2100 {
		return esop.Errorf(esop.ENOTFOUND, "Tahun %q tidak dikenal (1900–2100).", "Unknown year %q (1900–2100).", r.PathValue("year"))
	}
	hs, err := s.store.Holidays(r.Context(), year)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, hs)
	return nil
}

// holidayIn is the body of a new or changed date.
type holidayIn struct {
	Date   string `json:"date"`
	Kind   string `json:"kind"`
	Name   string `json:"name"`
	Source string `json:"source"`
}

func (in holidayIn) holiday(required bool) (esop.Holiday, error) {
	h := esop.Holiday{Kind: in.Kind, Name: in.Name, Source: in.Source}
	if in.Date == "" && !required {
		return h, nil
	}
	d, err := esop.ParseDate(in.Date)
	if err != nil {
		return h, httpx.Invalid("date", fmt.Sprintf("%q bukan tanggal yang sah (TTTT-BB-HH)", in.Date), fmt.Sprintf("%q is not a real date (YYYY-MM-DD)", in.Date))
	}
	h.Date = d
	return h, nil
}

func (s *API) apiAddHoliday(w http.ResponseWriter, r *http.Request, rq *Request) error {
	var in holidayIn
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	h, err := in.holiday(true)
	if err != nil {
		return err
	}
	if err := s.store.AddHoliday(r.Context(), h); err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/calendar/%04d", h.Date.Year))
	httpx.WriteJSON(w, http.StatusCreated, esop.Holiday{Date: h.Date, Kind: h.Kind, Name: strings.TrimSpace(h.Name), Source: strings.TrimSpace(h.Source)})
	return nil
}

// calendarDate reads the {date} of a route.
func calendarDate(r *http.Request) (esop.Date, error) {
	d, err := esop.ParseDate(r.PathValue("date"))
	if err != nil {
		return esop.Date{}, errNoCalendarDate
	}
	return d, nil
}

func (s *API) apiUpdateHoliday(w http.ResponseWriter, r *http.Request, rq *Request) error {
	date, err := calendarDate(r)
	if err != nil {
		return err
	}
	var in holidayIn
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	h, err := in.holiday(false)
	if err != nil {
		return err
	}
	if err := s.store.UpdateHoliday(r.Context(), date, h); err != nil {
		return err
	}
	if h.Date.IsZero() {
		h.Date = date
	}
	httpx.WriteJSON(w, http.StatusOK, esop.Holiday{Date: h.Date, Kind: h.Kind, Name: strings.TrimSpace(h.Name), Source: strings.TrimSpace(h.Source)})
	return nil
}

func (s *API) apiDeleteHoliday(w http.ResponseWriter, r *http.Request, rq *Request) error {
	date, err := calendarDate(r)
	if err != nil {
		return err
	}
	if err := s.store.DeleteHoliday(r.Context(), date); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// agencyParam reads the agency of a calendar request (a unit key): the
// perangkat daerah at or above that unit; "" is the installation (0).
func (s *API) agencyParam(ctx context.Context, key string) (int64, error) {
	if key == "" {
		return 0, nil
	}
	u, err := s.UnitByKey(ctx, key)
	if err != nil {
		return 0, httpx.Invalid("agency", fmt.Sprintf("unit %q tidak ada", key), fmt.Sprintf("there is no unit %q", key))
	}
	units, err := s.OrgUnits(ctx)
	if err != nil {
		return 0, err
	}
	for _, id := range access.Lineage(units, u.ID) {
		if units[id] != nil && units[id].Kind == esop.UnitPerangkatDaerah {
			return id, nil
		}
	}
	return u.ID, nil
}

// apiDue answers when a time that starts at from is due in an agency's
// working calendar.
func (s *API) apiDue(w http.ResponseWriter, r *http.Request, rq *Request) error {
	q := r.URL.Query()
	var ps esop.Problems
	bad := func(path, id, en string) {
		ps = append(ps, esop.Problem{Path: path, Severity: esop.SeverityError, Code: "invalid", Message: esop.Text{ID: id, EN: en}})
	}
	from, err := time.Parse(time.RFC3339, q.Get("from"))
	if err != nil {
		bad("from", "from wajib berupa waktu RFC 3339 (misalnya 2026-03-02T09:00:00+07:00)", "from must be an RFC 3339 time (for example 2026-03-02T09:00:00+07:00)")
	}
	value, err := strconv.ParseFloat(q.Get("value"), 64)
	if err != nil || !(value > 0) || value > 1e6 {
		bad("value", "value wajib berupa bilangan lebih dari 0", "value must be a number greater than 0")
	}
	unit := q.Get("unit")
	if !slices.Contains(esop.TimeUnits, unit) {
		bad("unit", "unit wajib salah satu dari: "+strings.Join(esop.TimeUnits, ", "), "unit must be one of: "+strings.Join(esop.TimeUnits, ", "))
	}
	count := q.Get("count")
	if count != "" && count != esop.CountWorking && count != esop.CountCalendar {
		bad("count", "count wajib working atau calendar", "count must be working or calendar")
	}
	agency, err := s.agencyParam(r.Context(), q.Get("agency"))
	if e, ok := err.(*esop.Error); ok && e.Code == esop.EINVALID {
		ps = append(ps, e.Problems...)
	} else if err != nil {
		return err
	}
	if len(ps) > 0 {
		e := esop.Errorf(esop.EINVALID, "Permintaan tenggat tidak sah.", "The due request is not valid.")
		e.Problems = ps
		return e
	}
	cal, err := s.store.Calendar(r.Context(), agency)
	if err != nil {
		return err
	}
	due, err := cal.Due(from, esop.Duration{Value: value, Unit: unit}, count)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]string{"due": due.Format(time.RFC3339)})
	return nil
}

// apiCalendarSettings returns an agency's working week (the
// installation's when agency is empty), and whether it is its own.
func (s *API) apiCalendarSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	agency, err := s.agencyParam(r.Context(), r.URL.Query().Get("agency"))
	if err != nil {
		return err
	}
	_, own, err := s.store.CalendarSettings(r.Context(), agency)
	if err != nil {
		return err
	}
	cal, err := s.store.Calendar(r.Context(), agency)
	if err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"settings": cal.Settings(), "own": own})
	return nil
}

func (s *API) apiSetCalendarSettings(w http.ResponseWriter, r *http.Request, rq *Request) error {
	agency, err := s.agencyParam(r.Context(), r.URL.Query().Get("agency"))
	if err != nil {
		return err
	}
	var in esop.CalendarSettings
	if err := httpx.DecodeBody(w, r, &in); err != nil {
		return err
	}
	if err := s.store.SetCalendarSettings(r.Context(), agency, in); err != nil {
		return err
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"settings": in, "own": true})
	return nil
}

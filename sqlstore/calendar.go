package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/esop-malang/esop"
)

var _ esop.CalendarService = (*DB)(nil)

// The working calendars: each agency's working week (calendar_settings,
// agency 0 being the installation's default) and one list of
// non-working dates for the whole installation. The national dates of
// the years e-SOP ships (esop.NationalHolidays) are written into the
// list the first time a calendar is used, one year at a time, and never
// again for that year, so that what an administrator changed or removed
// stays as they left it.

// runCache keeps what running cases read on every request and what
// seldom or never changes: the calendars (valid while calendar_revision
// stays the same) and the documents of approved versions (frozen).
type runCache struct {
	mu        sync.Mutex
	calRev    int64
	calendars map[int64]*esop.Calendar // by agency id, for calRev
	docs      sync.Map                 // version id → *esop.Document
	seeded    bool                     // the shipped national dates are in the database
	stmts     sync.Map                 // *sql.DB → *stmtCache (prepared.go)
	group     groupCommit              // writes waiting to commit together (group.go)
}

// runCaches holds one runCache per DB. They live as long as the process;
// a DB is opened once per process (tests open a few hundred at most).
var runCaches sync.Map // *DB → *runCache

func (db *DB) runCache() *runCache {
	if c, ok := runCaches.Load(db); ok {
		return c.(*runCache)
	}
	c, _ := runCaches.LoadOrStore(db, &runCache{})
	return c.(*runCache)
}

// querier is what the helpers need of a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Calendar returns the working calendar of an agency.
func (db *DB) Calendar(ctx context.Context, agencyID int64) (*esop.Calendar, error) {
	if err := db.seedHolidays(ctx); err != nil {
		return nil, err
	}
	var cal *esop.Calendar
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		cal, err = db.calendarIn(ctx, tx, agencyID)
		return err
	})
	return cal, err
}

// calendarIn returns the calendar of an agency as q sees the database,
// from the cache when the calendars have not changed since it was built.
func (db *DB) calendarIn(ctx context.Context, q querier, agencyID int64) (*esop.Calendar, error) {
	var rev int64
	if err := q.QueryRowContext(ctx, `SELECT rev FROM calendar_revision WHERE id = 1`).Scan(&rev); err != nil {
		return nil, err
	}
	return db.calendarAt(ctx, q, agencyID, rev)
}

// calendarAt is calendarIn with the calendars' revision read (as q sees
// it).
func (db *DB) calendarAt(ctx context.Context, q querier, agencyID, rev int64) (*esop.Calendar, error) {
	c := db.runCache()
	c.mu.Lock()
	cal := c.calendars[agencyID]
	if c.calRev != rev {
		cal = nil
	}
	c.mu.Unlock()
	if cal != nil {
		return cal, nil
	}
	settings, err := effectiveSettings(ctx, q, agencyID)
	if err != nil {
		return nil, err
	}
	hs, err := queryHolidays(ctx, q, `SELECT date, kind, name, source FROM holidays ORDER BY date`)
	if err != nil {
		return nil, err
	}
	cal, err = esop.NewCalendar(settings, hs)
	if err != nil {
		return nil, fmt.Errorf("stored calendar of agency %d: %w", agencyID, err)
	}
	c.mu.Lock()
	if c.calRev != rev || c.calendars == nil { // nil: the first calendar, of revision 0 too
		c.calRev, c.calendars = rev, map[int64]*esop.Calendar{}
	}
	c.calendars[agencyID] = cal
	c.mu.Unlock()
	return cal, nil
}

// effectiveSettings returns the agency's settings, else the
// installation's, else the default.
func effectiveSettings(ctx context.Context, q querier, agencyID int64) (esop.CalendarSettings, error) {
	for _, id := range []int64{agencyID, 0} {
		s, ok, err := loadSettings(ctx, q, id)
		if err != nil || ok {
			return s, err
		}
		if id == 0 {
			break
		}
	}
	return esop.DefaultCalendarSettings(), nil
}

func loadSettings(ctx context.Context, q querier, agencyID int64) (esop.CalendarSettings, bool, error) {
	var zone, days, opens, closes string
	err := q.QueryRowContext(ctx, `SELECT zone, days, opens, closes FROM calendar_settings WHERE agency_id = $1`, agencyID).
		Scan(&zone, &days, &opens, &closes)
	if errors.Is(err, sql.ErrNoRows) {
		return esop.CalendarSettings{}, false, nil
	}
	if err != nil {
		return esop.CalendarSettings{}, false, err
	}
	s := esop.CalendarSettings{Zone: zone}
	for _, r := range days {
		s.Days = append(s.Days, time.Weekday(r-'0'))
	}
	o, err1 := esop.ParseClockTime(opens)
	c, err2 := esop.ParseClockTime(closes)
	if err := errors.Join(err1, err2); err != nil {
		return s, false, fmt.Errorf("calendar settings of agency %d: %w", agencyID, err)
	}
	s.Opens, s.Closes = o, c
	return s, true, nil
}

// CalendarSettings returns the settings stored for an agency.
func (db *DB) CalendarSettings(ctx context.Context, agencyID int64) (esop.CalendarSettings, bool, error) {
	var (
		s  esop.CalendarSettings
		ok bool
	)
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		s, ok, err = loadSettings(ctx, tx, agencyID)
		return err
	})
	return s, ok, err
}

// SetCalendarSettings stores an agency's working week.
func (db *DB) SetCalendarSettings(ctx context.Context, agencyID int64, s esop.CalendarSettings) error {
	if ps := s.Validate(); ps.HasErrors() {
		e := esop.Errorf(esop.EINVALID, "Pengaturan hari kerja tidak sah.", "The working week is not valid.")
		e.Problems = ps
		return e
	}
	days := make([]byte, 0, len(s.Days))
	for _, d := range s.Days {
		days = append(days, byte('0'+d))
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if agencyID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM units WHERE id = $1`, agencyID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return notFound("Unit", "Unit", agencyID)
			}
		}
		before, had, err := loadSettings(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_settings (agency_id, zone, days, opens, closes, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency_id) DO UPDATE
			SET zone = excluded.zone, days = excluded.days, opens = excluded.opens, closes = excluded.closes, updated_at = excluded.updated_at`,
			agencyID, s.Zone, string(days), s.Opens.String(), s.Closes.String(), formatTime(db.now())); err != nil {
			return err
		}
		if err := bumpCalendar(ctx, tx); err != nil {
			return err
		}
		var old any
		if had {
			old = before
		}
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntityCalendar, auditID(agencyID), old, s)
	})
}

func bumpCalendar(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE calendar_revision SET rev = rev + 1 WHERE id = 1`)
	return err
}

// Holidays returns the non-working dates of a year.
func (db *DB) Holidays(ctx context.Context, year int) ([]esop.Holiday, error) {
	if err := db.seedHolidays(ctx); err != nil {
		return nil, err
	}
	var hs []esop.Holiday
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		hs, err = queryHolidays(ctx, tx, `SELECT date, kind, name, source FROM holidays WHERE date >= $1 AND date < $2 ORDER BY date`,
			fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-01-01", year+1))
		return err
	})
	if hs == nil {
		hs = []esop.Holiday{}
	}
	return hs, err
}

func queryHolidays(ctx context.Context, q querier, query string, args ...any) ([]esop.Holiday, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []esop.Holiday
	for rows.Next() {
		var (
			h    esop.Holiday
			date string
		)
		if err := rows.Scan(&date, &h.Kind, &h.Name, &h.Source); err != nil {
			return nil, err
		}
		h.Date = parseDate(date)
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

func checkHoliday(h *esop.Holiday) error {
	h.Name, h.Source = strings.TrimSpace(h.Name), strings.TrimSpace(h.Source)
	if ps := h.Validate(); ps.HasErrors() {
		e := esop.Errorf(esop.EINVALID, "Hari libur tidak sah.", "The holiday is not valid.")
		e.Problems = ps
		return e
	}
	return nil
}

func holidayTaken(d esop.Date) error {
	return esop.Errorf(esop.ECONFLICT, "tanggal %s sudah ada di kalender", "%s is already in the calendar", d.Indonesian())
}

// AddHoliday adds a non-working date.
func (db *DB) AddHoliday(ctx context.Context, h esop.Holiday) error {
	if err := checkHoliday(&h); err != nil {
		return err
	}
	if err := db.seedHolidays(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, ok, err := findHoliday(ctx, tx, h.Date); err != nil || ok {
			return firstError(err, holidayTaken(h.Date))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (date, kind, name, source) VALUES ($1, $2, $3, $4)`,
			h.Date.String(), h.Kind, h.Name, h.Source); err != nil {
			return err
		}
		if err := bumpCalendar(ctx, tx); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditCreate, esop.EntityHoliday, h.Date.String(), nil, h)
	})
}

// UpdateHoliday replaces the entry of a date; h.Date may move it.
func (db *DB) UpdateHoliday(ctx context.Context, date esop.Date, h esop.Holiday) error {
	if h.Date.IsZero() {
		h.Date = date
	}
	if err := checkHoliday(&h); err != nil {
		return err
	}
	if err := db.seedHolidays(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, ok, err := findHoliday(ctx, tx, date)
		if err != nil {
			return err
		}
		if !ok {
			return notFound("Hari libur tanggal", "No holiday on", date.String())
		}
		if h.Date != date {
			if _, taken, err := findHoliday(ctx, tx, h.Date); err != nil || taken {
				return firstError(err, holidayTaken(h.Date))
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE holidays SET date = $1, kind = $2, name = $3, source = $4 WHERE date = $5`,
			h.Date.String(), h.Kind, h.Name, h.Source, date.String()); err != nil {
			return err
		}
		if err := bumpCalendar(ctx, tx); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntityHoliday, date.String(), before, h)
	})
}

// DeleteHoliday removes the entry of a date.
func (db *DB) DeleteHoliday(ctx context.Context, date esop.Date) error {
	if err := db.seedHolidays(ctx); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		before, ok, err := findHoliday(ctx, tx, date)
		if err != nil {
			return err
		}
		if !ok {
			return notFound("Hari libur tanggal", "No holiday on", date.String())
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE date = $1`, date.String()); err != nil {
			return err
		}
		if err := bumpCalendar(ctx, tx); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditDelete, esop.EntityHoliday, date.String(), before, nil)
	})
}

func findHoliday(ctx context.Context, q querier, d esop.Date) (esop.Holiday, bool, error) {
	hs, err := queryHolidays(ctx, q, `SELECT date, kind, name, source FROM holidays WHERE date = $1`, d.String())
	if err != nil || len(hs) == 0 {
		return esop.Holiday{}, false, err
	}
	return hs[0], true, nil
}

// seedHolidays writes the national dates of every shipped year not yet
// seeded, each year once and in one transaction, with one audit entry per
// year (its EntityID the year) by the system. A date already in the list (a regional date the
// administrator entered first) is left as it is.
func (db *DB) seedHolidays(ctx context.Context) error {
	c := db.runCache()
	c.mu.Lock()
	done := c.seeded
	c.mu.Unlock()
	if done {
		return nil
	}
	var missing []int
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		missing, err = unseededYears(ctx, tx)
		return err
	})
	if err == nil && len(missing) > 0 {
		err = db.inTx(ctx, func(tx *sql.Tx) error {
			// The revision's row is locked first (on PostgreSQL), so that
			// two servers starting together seed a year once.
			if err := bumpCalendar(ctx, tx); err != nil {
				return err
			}
			missing, err := unseededYears(ctx, tx)
			if err != nil {
				return err
			}
			for _, year := range missing {
				if err := db.seedYear(ctx, tx, year); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.seeded = true
	c.mu.Unlock()
	return nil
}

func (db *DB) seedYear(ctx context.Context, tx *sql.Tx, year int) error {
	hs := esop.NationalHolidays(year)
	for _, h := range hs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (date, kind, name, source) VALUES ($1, $2, $3, $4)
			ON CONFLICT (date) DO NOTHING`, h.Date.String(), h.Kind, h.Name, h.Source); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO holiday_years (year, seeded_at) VALUES ($1, $2)`, year, formatTime(db.now())); err != nil {
		return err
	}
	return db.audit(esop.WithActor(ctx, "", "system"), tx, esop.AuditCreate, esop.EntityHoliday, strconv.Itoa(year), nil, hs)
}

// unseededYears returns the shipped years whose national dates are not
// yet in the database.
func unseededYears(ctx context.Context, q querier) ([]int, error) {
	seeded := map[int]bool{}
	rows, err := q.QueryContext(ctx, `SELECT year FROM holiday_years`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		seeded[y] = true
	}
	var missing []int
	for _, y := range esop.NationalHolidayYears() {
		if !seeded[y] {
			missing = append(missing, y)
		}
	}
	return missing, rows.Err()
}

// firstError returns err when it is not nil, else alt.
func firstError(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// The store's part of the analyses (issue 13): the SOPs in force with
// their actors mapped to positions, read in a few queries for the whole
// office; the yearly volumes entered by the units and measured from the
// cases.

// AnalysisSOPs returns every SOP with a version in force today, its
// actors mapped as a case started today maps them: the document's or the
// SOP's run settings' position, else the one position of the same name.
func (db *DB) AnalysisSOPs(ctx context.Context) ([]esop.AnalysisSOP, error) {
	sops, _, err := db.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		return nil, err
	}
	return db.AnalysisOf(ctx, sops)
}

// AnalysisOf returns sops, as FindSOPs or FindSOPByID read them, as the
// analyses read them (see AnalysisSOPs): those with a version in force,
// their actors mapped. It spares reading every SOP when a few are needed
// (the checks of service standards).
func (db *DB) AnalysisOf(ctx context.Context, sops []*esop.SOP) ([]esop.AnalysisSOP, error) {
	units, err := db.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		return nil, err
	}
	day := db.today()
	var out []esop.AnalysisSOP
	err = db.readTx(ctx, func(tx *sql.Tx) error {
		settings, err := allRunSettings(ctx, tx)
		if err != nil {
			return err
		}
		byName, err := positionsByName(ctx, tx, day)
		if err != nil {
			return err
		}
		unitIDs := map[string]int64{}
		for _, s := range sops {
			v := s.Current
			if v == nil || v.Document == nil {
				continue
			}
			rs := settings[s.ID]
			if rs == nil {
				rs = &esop.RunSettings{}
			}
			ext, pos := rs.Resolve(v.Document, func(a *esop.Actor) string {
				return byName[strings.ToLower(strings.TrimSpace(a.Name))]
			})
			uid, ok := unitIDs[s.Unit]
			if !ok {
				uid, _ = esop.UnitScope(units, s.Unit, day)
				unitIDs[s.Unit] = uid
			}
			out = append(out, esop.AnalysisSOP{ID: s.ID, Number: s.Number, Title: s.Title, Unit: s.Unit, UnitID: uid,
				Doc: v.Document, Positions: pos, External: ext})
		}
		return nil
	})
	return out, err
}

// allRunSettings returns the run settings of every SOP that has them.
func allRunSettings(ctx context.Context, q querier) (map[int64]*esop.RunSettings, error) {
	rows, err := q.QueryContext(ctx, `SELECT sop_id, settings FROM sop_run_settings`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]*esop.RunSettings{}
	for rows.Next() {
		var (
			id  int64
			raw string
		)
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		s := &esop.RunSettings{}
		if err := json.Unmarshal([]byte(raw), s); err != nil {
			return nil, fmt.Errorf("run settings of SOP %d: %w", id, err)
		}
		out[id] = s
	}
	return out, rows.Err()
}

// positionsByName returns the key of each position name (lower case)
// that exactly one position valid on day bears.
func positionsByName(ctx context.Context, q querier, day esop.Date) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, name FROM positions
		WHERE (valid_from = '' OR valid_from <= $1) AND (valid_to = '' OR valid_to >= $1)`, day.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out, seen := map[string]string{}, map[string]int{}
	for rows.Next() {
		var key, name string
		if err := rows.Scan(&key, &name); err != nil {
			return nil, err
		}
		n := strings.ToLower(strings.TrimSpace(name))
		seen[n]++
		out[n] = key
	}
	for n, c := range seen {
		if c > 1 {
			delete(out, n) // two positions of that name: neither is guessed
		}
	}
	return out, rows.Err()
}

// SetSOPVolume stores the volume of an SOP in a year, replacing any
// before it; audited with the volume before and after.
func (db *DB) SetSOPVolume(ctx context.Context, sopID int64, year int, volume float64) (esop.SOPVolume, error) {
	if ps := esop.ValidateVolume(year, volume, db.today()); len(ps) > 0 {
		e := esop.Errorf(esop.EINVALID, "Volume tidak sah.", "The volume is not valid.")
		e.Problems = ps
		return esop.SOPVolume{}, e
	}
	actor, _ := esop.ActorFrom(ctx)
	var out esop.SOPVolume
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := sopRow(ctx, tx, sopID); err != nil {
			return err
		}
		var old sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT volume FROM sop_volumes WHERE sop_id = $1 AND year = $2`, sopID, year).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := formatTime(db.now())
		v := int64(volume)
		if old.Valid {
			_, err = tx.ExecContext(ctx, `UPDATE sop_volumes SET volume = $1, updated_by = $2, updated_at = $3 WHERE sop_id = $4 AND year = $5`,
				v, actor, now, sopID, year)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO sop_volumes (sop_id, year, volume, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)`,
				sopID, year, v, actor, now)
		}
		if err != nil {
			return err
		}
		id := strconv.FormatInt(sopID, 10) + "/" + strconv.Itoa(year)
		type rec struct {
			SOP    int64 `json:"sop"`
			Year   int   `json:"year"`
			Volume int64 `json:"volume"`
		}
		if old.Valid {
			if err := db.audit(ctx, tx, esop.AuditUpdate, esop.EntitySOPVolume, id, rec{sopID, year, old.Int64}, rec{sopID, year, v}); err != nil {
				return err
			}
		} else if err := db.audit(ctx, tx, esop.AuditCreate, esop.EntitySOPVolume, id, nil, rec{sopID, year, v}); err != nil {
			return err
		}
		measured, err := measuredVolumes(ctx, tx, year, sopID)
		if err != nil {
			return err
		}
		f := float64(v)
		out = esop.SOPVolume{SOPID: sopID, Year: year, Entered: &f, Measured: measured[sopID]}
		return nil
	})
	return out, err
}

// SOPVolumes returns the entered and measured volumes of year of every
// SOP that has either.
func (db *DB) SOPVolumes(ctx context.Context, year int) (map[int64]esop.SOPVolume, error) {
	out := map[int64]esop.SOPVolume{}
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT sop_id, volume FROM sop_volumes WHERE year = $1`, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id int64
				v  int64
			)
			if err := rows.Scan(&id, &v); err != nil {
				return err
			}
			f := float64(v)
			out[id] = esop.SOPVolume{SOPID: id, Year: year, Entered: &f}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		measured, err := measuredVolumes(ctx, tx, year, 0)
		if err != nil {
			return err
		}
		for id, n := range measured {
			v := out[id]
			v.SOPID, v.Year, v.Measured = id, year, n
			out[id] = v
		}
		return nil
	})
	return out, err
}

// measuredVolumes counts the cases received in year (in WIB) and not
// cancelled, per SOP; of one SOP when sopID is not 0.
func measuredVolumes(ctx context.Context, q querier, year int, sopID int64) (map[int64]int, error) {
	wib := time.FixedZone("WIB", 7*3600)
	from := formatTime(time.Date(year, 1, 1, 0, 0, 0, 0, wib))
	to := formatTime(time.Date(year+1, 1, 1, 0, 0, 0, 0, wib))
	query := `SELECT sop_id, count(*) FROM cases WHERE received_at >= $1 AND received_at < $2 AND state <> 'cancelled'`
	args := []any{from, to}
	if sopID != 0 {
		query += ` AND sop_id = $3`
		args = append(args, sopID)
	}
	rows, err := q.QueryContext(ctx, query+` GROUP BY sop_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var (
			id int64
			n  int
		)
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

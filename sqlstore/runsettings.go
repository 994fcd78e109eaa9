package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/esop-malang/esop"
)

var _ esop.RunSettingsService = (*DB)(nil)

// runSettingsIn returns the stored settings of an SOP, or empty ones.
func runSettingsIn(ctx context.Context, q querier, sopID int64) (*esop.RunSettings, error) {
	var raw string
	err := q.QueryRowContext(ctx, `SELECT settings FROM sop_run_settings WHERE sop_id = $1`, sopID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return parseRunSettings(sopID, sql.NullString{})
	}
	if err != nil {
		return nil, err
	}
	return parseRunSettings(sopID, sql.NullString{String: raw, Valid: true})
}

// parseRunSettings reads stored settings (none: empty ones).
func parseRunSettings(sopID int64, raw sql.NullString) (*esop.RunSettings, error) {
	s := &esop.RunSettings{Actors: map[string]esop.ActorSetting{}}
	if !raw.Valid {
		return s, nil
	}
	if err := json.Unmarshal([]byte(raw.String), s); err != nil {
		return nil, fmt.Errorf("run settings of SOP %d: %w", sopID, err)
	}
	if s.Actors == nil {
		s.Actors = map[string]esop.ActorSetting{}
	}
	return s, nil
}

// SOPRunSettings returns the operational settings of an SOP.
func (db *DB) SOPRunSettings(ctx context.Context, sopID int64) (*esop.RunSettings, error) {
	var s *esop.RunSettings
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := sopRow(ctx, tx, sopID); err != nil {
			return err
		}
		var err error
		s, err = runSettingsIn(ctx, tx, sopID)
		return err
	})
	return s, err
}

// SetSOPRunSettings stores the operational settings of an SOP, checked
// against its latest live version and the organisation.
func (db *DB) SetSOPRunSettings(ctx context.Context, sopID int64, s *esop.RunSettings) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		sop, err := sopRow(ctx, tx, sopID)
		if err != nil {
			return err
		}
		doc, err := latestDocument(ctx, tx, sopID)
		if err != nil {
			return err
		}
		ps := s.Validate(doc)
		for _, id := range sortedActorIDs(s) {
			set := s.Actors[id]
			if set.Position == nil || *set.Position == "" {
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM positions WHERE key = $1`, *set.Position).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				ps = append(ps, esop.Problem{Path: "actors." + id + ".position", Severity: esop.SeverityError, Code: "unknown_position",
					Message: esop.Text{ID: fmt.Sprintf("jabatan %q tidak ada dalam organisasi", *set.Position),
						EN: fmt.Sprintf("the organisation has no position %q", *set.Position)}})
			}
		}
		if ps.HasErrors() {
			e := esop.Errorf(esop.EINVALID, "Pengaturan pelaksanaan SOP %q tidak sah.", "The run settings of SOP %q are not valid.", sop.Title)
			e.Problems = ps
			return e
		}
		before, err := runSettingsIn(ctx, tx, sopID)
		if err != nil {
			return err
		}
		if s.Actors == nil {
			s.Actors = map[string]esop.ActorSetting{}
		}
		b, err := json.Marshal(s)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sop_run_settings (sop_id, settings, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (sop_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
			sopID, string(b), formatTime(db.now())); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntitySOPSettings, auditID(sopID), before, json.RawMessage(b))
	})
}

func sortedActorIDs(s *esop.RunSettings) []string { return slices.Sorted(maps.Keys(s.Actors)) }

// sopHead is what running cases need of an SOP.
type sopHead struct {
	ID            int64
	Title, Number string
	Unit          string
}

func sopRow(ctx context.Context, q querier, id int64) (*sopHead, error) {
	var (
		s      sopHead
		number sql.NullString
	)
	err := q.QueryRowContext(ctx, `SELECT id, title, number, unit FROM sops WHERE id = $1`, id).Scan(&s.ID, &s.Title, &number, &s.Unit)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("SOP", "SOP", id)
	}
	s.Number = number.String
	return &s, err
}

// latestDocument returns the document of the SOP's latest version that
// is not superseded or withdrawn, else of its latest version.
func latestDocument(ctx context.Context, q querier, sopID int64) (*esop.Document, error) {
	var raw string
	err := q.QueryRowContext(ctx, `SELECT document FROM sop_versions WHERE sop_id = $1
		ORDER BY (status IN ('superseded', 'withdrawn')), seq DESC LIMIT 1`, sopID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("SOP", "SOP", sopID)
	}
	if err != nil {
		return nil, err
	}
	var d esop.Document
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return nil, fmt.Errorf("SOP %d: stored document: %w", sopID, err)
	}
	return &d, nil
}

// resolveActors returns the maps of esop.Process for an SOP's document:
// the document's actors, the SOP's settings over them, and for an
// internal actor that neither maps, the one position valid on day whose
// name is the actor's name (case aside), when there is exactly one.
func resolveActors(ctx context.Context, q querier, sopID int64, d *esop.Document, day esop.Date) (map[string]bool, map[string]string, error) {
	s, err := runSettingsIn(ctx, q, sopID)
	if err != nil {
		return nil, nil, err
	}
	return resolveActorsWith(ctx, q, s, d, day)
}

// resolveActorsWith is resolveActors with the SOP's settings read.
func resolveActorsWith(ctx context.Context, q querier, s *esop.RunSettings, d *esop.Document, day esop.Date) (map[string]bool, map[string]string, error) {
	var qerr error
	byName := func(a *esop.Actor) string {
		if qerr != nil {
			return ""
		}
		rows, err := q.QueryContext(ctx, `SELECT key FROM positions WHERE lower(name) = $1
			AND (valid_from = '' OR valid_from <= $2) AND (valid_to = '' OR valid_to >= $2) LIMIT 2`,
			strings.ToLower(strings.TrimSpace(a.Name)), day.String())
		if err != nil {
			qerr = err
			return ""
		}
		defer rows.Close()
		var keys []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				qerr = err
				return ""
			}
			keys = append(keys, k)
		}
		if len(keys) != 1 {
			return ""
		}
		return keys[0]
	}
	ext, pos := s.Resolve(d, byName)
	return ext, pos, qerr
}

// SOPActors returns the actors of the SOP's version in force on day (else
// its latest version) as a case started that day runs them: with the
// position and external flag of the document, of the SOP's settings, or
// of the position of the same name.
func (db *DB) SOPActors(ctx context.Context, sopID int64, day esop.Date) ([]esop.Actor, error) {
	var out []esop.Actor
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if _, err := sopRow(ctx, tx, sopID); err != nil {
			return err
		}
		var raw string
		err := tx.QueryRowContext(ctx, `SELECT document FROM sop_versions WHERE sop_id = $1 AND status IN ('approved', 'superseded')
			AND effective <> '' AND effective <= $2 ORDER BY effective DESC, seq DESC LIMIT 1`, sopID, day.String()).Scan(&raw)
		var d *esop.Document
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if d, err = latestDocument(ctx, tx, sopID); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			d = new(esop.Document)
			if err := json.Unmarshal([]byte(raw), d); err != nil {
				return fmt.Errorf("SOP %d: stored document: %w", sopID, err)
			}
		}
		ext, pos, err := resolveActors(ctx, tx, sopID, d, day)
		if err != nil {
			return err
		}
		for _, a := range d.Actors {
			a.External, a.Position = ext[a.ID], pos[a.ID]
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

var _ esop.SynonymService = (*DB)(nil)

// synonymSnap is a synonym as the audit trail records it.
type synonymSnap struct {
	Phrase  string `json:"phrase"`
	Meaning string `json:"meaning"`
}

// FindSynonyms returns every synonym, by phrase.
func (db *DB) FindSynonyms(ctx context.Context) ([]*esop.Synonym, error) {
	var out []*esop.Synonym
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, phrase, meaning, updated_at FROM synonyms ORDER BY phrase_key`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				s  esop.Synonym
				at string
			)
			if err := rows.Scan(&s.ID, &s.Phrase, &s.Meaning, &at); err != nil {
				return err
			}
			s.UpdatedAt = parseTime(at)
			out = append(out, &s)
		}
		return rows.Err()
	})
	return out, err
}

// CreateSynonym stores a new synonym after checking it; a phrase stored
// already, in any case, is an ECONFLICT.
func (db *DB) CreateSynonym(ctx context.Context, s *esop.Synonym) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		key := strings.ToLower(s.Phrase)
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM synonyms WHERE phrase_key = $1`, key).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return esop.Errorf(esop.ECONFLICT, "Sinonim untuk “%s” sudah ada; hapus dulu yang lama untuk menggantinya.",
				"There is a synonym for “%s” already; delete the old one to replace it.", s.Phrase)
		}
		now := db.now()
		if err := tx.QueryRowContext(ctx, `INSERT INTO synonyms (phrase, phrase_key, meaning, updated_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			s.Phrase, key, s.Meaning, formatTime(now)).Scan(&s.ID); err != nil {
			return err
		}
		s.UpdatedAt = now
		return db.audit(ctx, tx, esop.AuditCreate, esop.EntitySynonym, strconv.FormatInt(s.ID, 10), nil, synonymSnap{s.Phrase, s.Meaning})
	})
}

// DeleteSynonym removes a synonym.
func (db *DB) DeleteSynonym(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var old synonymSnap
		err := tx.QueryRowContext(ctx, `SELECT phrase, meaning FROM synonyms WHERE id = $1`, id).Scan(&old.Phrase, &old.Meaning)
		if err == sql.ErrNoRows {
			return notFound("Sinonim", "Synonym", id)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM synonyms WHERE id = $1`, id); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditDelete, esop.EntitySynonym, strconv.FormatInt(id, 10), old, nil)
	})
}

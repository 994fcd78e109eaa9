package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/esop-malang/esop"
)

// FindVersionByHash returns the version whose content hash starts with
// prefix (at least 12 hex digits, as printed on an SOP), or ENOTFOUND.
func (db *DB) FindVersionByHash(ctx context.Context, prefix string) (*esop.Version, error) {
	prefix = strings.ToLower(prefix)
	if len(prefix) < 12 || len(prefix) > 64 || strings.Trim(prefix, "0123456789abcdef") != "" {
		return nil, notFound("Kode verifikasi", "Verification code", prefix)
	}
	var v *esop.Version
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		v, err = scanVersion(tx.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM sop_versions v
			WHERE v.content_hash LIKE $1 AND v.status IN ('approved', 'superseded', 'withdrawn') ORDER BY v.id LIMIT 1`, prefix+"%"))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Kode verifikasi", "Verification code", prefix)
		}
		return err
	})
	return v, err
}

// VerifyDocuments recomputes the content hash of every stored version's
// document and returns how many versions it checked and the IDs of those
// whose document no longer gives its recorded hash (after a restore, a
// damaged or altered copy).
func (db *DB) VerifyDocuments(ctx context.Context) (n int, bad []int64, err error) {
	err = db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, document, content_hash FROM sop_versions ORDER BY id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id        int64
				doc, hash string
			)
			if err := rows.Scan(&id, &doc, &hash); err != nil {
				return err
			}
			n++
			var d esop.Document
			if json.Unmarshal([]byte(doc), &d) != nil || esop.ContentHash(&d) != hash {
				bad = append(bad, id)
			}
		}
		return rows.Err()
	})
	return n, bad, err
}

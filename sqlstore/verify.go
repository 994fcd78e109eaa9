package sqlstore

import (
	"context"
	"database/sql"
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

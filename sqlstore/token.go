package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

var _ esop.AccountService = (*DB)(nil)

// newSecret returns a new session or token secret: 256 random bits.
func newSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// insertSession stores a new session of kind for a user and returns its
// secret. Only the secret's hash and first characters are kept. Expired
// sessions are swept as new ones start, so the table stays small.
func (db *DB) insertSession(ctx context.Context, tx *sql.Tx, userID int64, kind string, ttl time.Duration) (string, error) {
	token, err := newSecret()
	if err != nil {
		return "", err
	}
	now := db.now()
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < $1`, formatTime(now)); err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at, prefix) VALUES ($1, $2, $3, $4, $5, $6)`,
		tokenHash(token), userID, kind, formatTime(now), formatTime(now.Add(ttl)), token[:esop.TokenPrefixLength])
	return token, err
}

// touchSession records that a session was used at now, unless it was
// already recorded less than esop.TokenUseStep before. The time is only
// shown to the token's owner: a failure to write it must not refuse a
// request that authenticated, so its error is dropped.
func (db *DB) touchSession(ctx context.Context, token, lastUsed string, now time.Time) {
	if lastUsed != "" && now.Sub(parseTime(lastUsed)) < esop.TokenUseStep {
		return
	}
	// Not through inTx: nothing here belongs in the audit trail.
	db.db.ExecContext(ctx, `UPDATE sessions SET last_used_at = $1 WHERE token_hash = $2`, formatTime(now), tokenHash(token))
}

// FindTokens returns the live sessions and tokens of a user, newest first.
func (db *DB) FindTokens(ctx context.Context, userID int64, kind string) ([]*esop.Token, error) {
	var list []*esop.Token
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT token_hash, kind, prefix, created_at, last_used_at, expires_at FROM sessions
			WHERE user_id = $1 AND expires_at > $2 AND (kind = $3 OR $3 = '') ORDER BY created_at DESC, token_hash`,
			userID, formatTime(db.now()), kind)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				t                        esop.Token
				hash, created, used, exp string
			)
			if err := rows.Scan(&hash, &t.Kind, &t.Prefix, &created, &used, &exp); err != nil {
				return err
			}
			t.ID, t.CreatedAt, t.ExpiresAt = hash[:16], parseTime(created), parseTime(exp)
			if used != "" {
				t.LastUsed = parseTime(used)
			}
			list = append(list, &t)
		}
		return rows.Err()
	})
	return list, err
}

var errNoToken = esop.Errorf(esop.ENOTFOUND, "token tidak ditemukan (mungkin sudah dicabut atau kedaluwarsa)",
	"token not found (it may have been revoked or have expired)")

// validTokenID reports whether id has the form of esop.TokenID.
func validTokenID(id string) bool {
	return len(id) == 16 && strings.Trim(id, "0123456789abcdef") == ""
}

// RevokeToken ends a live session or token of a user, by its ID.
func (db *DB) RevokeToken(ctx context.Context, userID int64, id string) error {
	if !validTokenID(id) {
		return errNoToken
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var kind string
		err := tx.QueryRowContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND substr(token_hash, 1, 16) = $2 AND expires_at > $3 RETURNING kind`,
			userID, id, formatTime(db.now())).Scan(&kind)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoToken
		}
		if err != nil {
			return err
		}
		// The ID is a digest of the secret's hash: it tells the entries
		// apart without letting anyone use the token.
		return db.audit(ctx, tx, esop.AuditRevoke, esop.EntityUser, auditID(userID), map[string]any{"session": kind, "token": id}, nil)
	})
}

var errCurrentPassword = esop.Errorf(esop.EUNAUTHORIZED, "kata sandi sekarang salah", "the current password is wrong")

// ChangePassword replaces a password its owner knows, ends every session
// and token of the user and starts a new web session. The password is
// hashed before the transaction, which then replaces the hash only if it
// is still the one checked, so two changes at once cannot both pass.
func (db *DB) ChangePassword(ctx context.Context, userID int64, current, next string, ttl time.Duration) (string, error) {
	if err := checkPassword(next); err != nil {
		return "", err
	}
	if next == current {
		return "", esop.Errorf(esop.EINVALID, "kata sandi baru sama dengan yang sekarang", "the new password is the same as the current one")
	}
	var old string
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1 AND disabled = 0`, userID).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Pengguna", "User", userID)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	if !esop.CheckPassword(old, current) {
		return "", errCurrentPassword
	}
	hash, err := esop.HashPassword(next)
	if err != nil {
		return "", err
	}
	var token string
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3`, hash, userID, old)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return esop.Errorf(esop.ECONFLICT, "kata sandi baru saja diganti di tempat lain; muat ulang halaman",
				"the password was just changed elsewhere; reload the page")
		}
		ended, err := endSessions(ctx, tx, userID)
		if err != nil {
			return err
		}
		if token, err = db.insertSession(ctx, tx, userID, esop.SessionWeb, ttl); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditPassword, esop.EntityUser, auditID(userID), nil,
			map[string]any{"passwordChanged": true, "byOwner": true, "sessionsEnded": ended, "sessionRenewed": true})
	})
	return token, err
}

// endSessions ends every session and token of a user and returns how many.
func endSessions(ctx context.Context, tx *sql.Tx, userID int64) (int64, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

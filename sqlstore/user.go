package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/esop-malang/esop"
)

var _ esop.UserService = (*DB)(nil)

func checkUser(u *esop.User) error {
	if !esop.ValidUsername(u.Username) {
		return esop.Errorf(esop.EINVALID, "nama pengguna %q tidak sah: 3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung",
			"user name %q is not valid: 3–32 lower-case letters, digits, dots, underscores or hyphens", u.Username)
	}
	for _, g := range u.Grants {
		if !slices.Contains(esop.Roles, g.Role) {
			return esop.Errorf(esop.EINVALID, "peran %q tidak dikenal (%s)", "unknown role %q (%s)", g.Role, strings.Join(esop.Roles, ", "))
		}
	}
	if u.Lang != "" && u.Lang != "id" && u.Lang != "en" {
		return esop.Errorf(esop.EINVALID, "bahasa %q tidak dikenal (id, en)", "unknown language %q (id, en)", u.Lang)
	}
	email, err := esop.NormalizeEmail(u.Email)
	u.Email = email
	return err
}

func checkPassword(p string) error {
	if len([]rune(p)) < esop.MinPasswordLength {
		return esop.Errorf(esop.EINVALID, "kata sandi terlalu pendek: sekurang-kurangnya %d karakter", "the password is too short: at least %d characters", esop.MinPasswordLength)
	}
	return nil
}

// CreateUser stores a new user with an argon2id hash of the password.
func (db *DB) CreateUser(ctx context.Context, u *esop.User, password string) error {
	if err := checkUser(u); err != nil {
		return err
	}
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := esop.HashPassword(password)
	if err != nil {
		return err
	}
	u.CreatedAt = db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, name, password_hash, employee_id, lang, disabled, created_at, email)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, u.Username, u.Name, hash, nullInt64(u.EmployeeID), u.Lang,
			boolInt(u.Disabled), formatTime(u.CreatedAt), u.Email).Scan(&u.ID)
		if db.dialect.IsUnique(err) {
			return esop.Errorf(esop.ECONFLICT, "nama pengguna %q sudah dipakai", "user name %q is already taken", u.Username)
		}
		if err != nil {
			return err
		}
		if err := insertGrants(ctx, tx, u); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditCreate, esop.EntityUser, auditID(u.ID), nil, auditUser(u))
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func insertGrants(ctx context.Context, tx *sql.Tx, u *esop.User) error {
	seen := map[esop.Grant]bool{}
	for _, g := range u.Grants {
		if seen[g] {
			continue
		}
		seen[g] = true
		if g.UnitID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM units WHERE id = $1`, g.UnitID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return esop.Errorf(esop.EINVALID, "unit %d untuk peran %s tidak ada", "unit %d of role %s does not exist", g.UnitID, g.Role)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_grants (user_id, role, unit_id) VALUES ($1, $2, $3)`, u.ID, g.Role, g.UnitID); err != nil {
			return err
		}
	}
	return nil
}

// scanFunc is a Scan of its own, to read a user among other columns.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

const userColumns = `id, username, name, employee_id, lang, disabled, created_at, email`

func scanUser(s interface{ Scan(...any) error }) (*esop.User, error) {
	var (
		u        esop.User
		emp      sql.NullInt64
		disabled int
		created  string
	)
	if err := s.Scan(&u.ID, &u.Username, &u.Name, &emp, &u.Lang, &disabled, &created, &u.Email); err != nil {
		return nil, err
	}
	u.EmployeeID, u.Disabled, u.CreatedAt = emp.Int64, disabled != 0, parseTime(created)
	return &u, nil
}

func loadGrants(ctx context.Context, tx querier, users ...*esop.User) error {
	for _, u := range users {
		rows, err := tx.QueryContext(ctx, `SELECT role, unit_id FROM user_grants WHERE user_id = $1 ORDER BY role, unit_id`, u.ID)
		if err != nil {
			return err
		}
		u.Grants = nil
		for rows.Next() {
			var g esop.Grant
			if err := rows.Scan(&g.Role, &g.UnitID); err != nil {
				rows.Close()
				return err
			}
			u.Grants = append(u.Grants, g)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func findUser(ctx context.Context, tx querier, where string, arg any) (*esop.User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Pengguna", "User", arg)
	}
	if err != nil {
		return nil, err
	}
	return u, loadGrants(ctx, tx, u)
}

// FindUserByID returns one user with their grants.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*esop.User, error) {
	var u *esop.User
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		u, err = findUser(ctx, tx, `id = $1`, id)
		return err
	})
	return u, err
}

// FindUsers returns every user with their grants.
func (db *DB) FindUsers(ctx context.Context) ([]*esop.User, error) {
	var list []*esop.User
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
		if err != nil {
			return err
		}
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				rows.Close()
				return err
			}
			list = append(list, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		return loadGrants(ctx, tx, list...)
	})
	return list, err
}

// UpdateUser replaces a user's name, e-mail address, language, employee, grants and disabled flag.
func (db *DB) UpdateUser(ctx context.Context, u *esop.User) error {
	if err := checkUser(u); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := findUser(ctx, tx, `id = $1`, u.ID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET name = $1, lang = $2, employee_id = $3, disabled = $4, email = $5 WHERE id = $6`,
			u.Name, u.Lang, nullInt64(u.EmployeeID), boolInt(u.Disabled), u.Email, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Pengguna", "User", u.ID)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_grants WHERE user_id = $1`, u.ID); err != nil {
			return err
		}
		if u.Disabled {
			// A disabled account is signed out everywhere at once.
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID); err != nil {
				return err
			}
		}
		if err := insertGrants(ctx, tx, u); err != nil {
			return err
		}
		after := *u
		after.Username = old.Username // the name never changes
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntityUser, auditID(u.ID), auditUser(old), auditUser(&after))
	})
}

// SetPassword replaces a password and ends every session and API token of the user.
func (db *DB) SetPassword(ctx context.Context, id int64, password string) error {
	if err := checkPassword(password); err != nil {
		return err
	}
	hash, err := esop.HashPassword(password)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Pengguna", "User", id)
		}
		ended, err := endSessions(ctx, tx, id)
		if err != nil {
			return err
		}
		// The password and its hash are never recorded, only that it changed.
		return db.audit(ctx, tx, esop.AuditPassword, esop.EntityUser, auditID(id), nil,
			map[string]any{"passwordChanged": true, "sessionsEnded": ended})
	})
}

// dummyHash is checked against when the user does not exist, so that an
// unknown name takes as long as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, _ := esop.HashPassword("e-SOP dummy password for timing")
	return h
})

var errLogin = esop.Errorf(esop.EUNAUTHORIZED, "nama pengguna atau kata sandi salah", "wrong user name or password")

// Authenticate checks a user name and password.
func (db *DB) Authenticate(ctx context.Context, username, password string) (*esop.User, error) {
	var (
		u    *esop.User
		hash string
	)
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE username = $1`, username).Scan(&hash)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		u, err = findUser(ctx, tx, `username = $1`, username)
		return err
	})
	if err != nil {
		return nil, err
	}
	if u == nil {
		esop.CheckPassword(dummyHash(), password)
		return nil, errLogin
	}
	if !esop.CheckPassword(hash, password) || u.Disabled {
		return nil, errLogin
	}
	return u, nil
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession starts a session and returns its token (256 random bits).
func (db *DB) CreateSession(ctx context.Context, userID int64, kind string, ttl time.Duration) (string, error) {
	var token string
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		now := db.now()
		if token, err = db.insertSession(ctx, tx, userID, kind, ttl); err != nil {
			return err
		}
		// Whoever signs in is the actor of their login, from the address
		// of the request; the token and its hash are never recorded.
		var username string
		if err := tx.QueryRowContext(ctx, `SELECT username FROM users WHERE id = $1`, userID).Scan(&username); err != nil {
			return err
		}
		_, addr := esop.ActorFrom(ctx)
		return db.audit(esop.WithActor(ctx, username, addr), tx, esop.AuditLogin, esop.EntityUser, auditID(userID), nil,
			map[string]any{"username": username, "session": kind, "expiresAt": formatTime(now.Add(ttl))})
	})
	return token, err
}

var errSession = esop.Errorf(esop.EUNAUTHORIZED, "sesi tidak berlaku; silakan masuk lagi", "the session is not valid; please sign in again")

// FindSession returns the user of a live session, and notes when the
// session was used (at most once per esop.TokenUseStep).
func (db *DB) FindSession(ctx context.Context, token string) (*esop.User, error) {
	if token == "" {
		return nil, errSession
	}
	var (
		u        *esop.User
		lastUsed string
	)
	now := db.now()
	// The session, its user and the user's grants in one query (one
	// round trip on PostgreSQL): a row per grant, one without any.
	err := db.snapshot(ctx, func(tx querier) error {
		rows, err := tx.QueryContext(ctx, `SELECT s.last_used_at, u.id, u.username, u.name, u.employee_id, u.lang, u.disabled,
				u.created_at, u.email, g.role, g.unit_id
			FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN user_grants g ON g.user_id = u.id
			WHERE s.token_hash = $1 AND s.expires_at > $2 ORDER BY g.role, g.unit_id`, tokenHash(token), formatTime(now))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				role sql.NullString
				unit sql.NullInt64
			)
			row, err := scanUser(scanFunc(func(dest ...any) error {
				return rows.Scan(append(append([]any{&lastUsed}, dest...), &role, &unit)...)
			}))
			if err != nil {
				return err
			}
			if u == nil {
				u = row
			}
			if role.Valid {
				u.Grants = append(u.Grants, esop.Grant{Role: role.String, UnitID: unit.Int64})
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if u == nil {
			return errSession
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, errSession
	}
	db.touchSession(ctx, token, lastUsed, now)
	return u, nil
}

// DeleteSession ends a session; ending one that does not exist is not an error.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var (
			userID int64
			kind   string
		)
		err := tx.QueryRowContext(ctx, `DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id, kind`, tokenHash(token)).Scan(&userID, &kind)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditLogout, esop.EntityUser, auditID(userID), map[string]any{"session": kind}, nil)
	})
}

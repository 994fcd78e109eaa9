package esop

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Roles of e-SOP users. A role is held for a unit (and the units below
// it) or, with unit 0, for the whole organisation.
const (
	RoleAdministrator = "administrator" // manages users, organisation and regulations
	RolePenyusun      = "penyusun"      // drafts the SOPs of their unit
	RolePemeriksa     = "pemeriksa"     // reviews SOPs
	RolePengesah      = "pengesah"      // approves SOPs (for a Dinas, the Kepala Dinas)
	RolePelaksana     = "pelaksana"     // reads SOPs
	RoleAuditor       = "auditor"       // reads everything, history included
)

// Roles lists every role.
var Roles = []string{RoleAdministrator, RolePenyusun, RolePemeriksa, RolePengesah, RolePelaksana, RoleAuditor}

// Grant is one role held by a user, for a unit (0: every unit).
type Grant struct {
	Role   string
	UnitID int64
}

// User is an account of e-SOP. The password is never kept, only its
// argon2id hash, which the store holds and never returns.
type User struct {
	ID         int64
	Username   string
	Name       string
	Email      string // where review reminders go; "" for none
	EmployeeID int64  // 0 when the account is not linked to an employee
	Lang       string // "id" or "en"; "" follows the browser
	Grants     []Grant
	Disabled   bool
	CreatedAt  time.Time
}

// Has reports whether the user holds role for some unit.
func (u *User) Has(role string) bool {
	return u != nil && slices.ContainsFunc(u.Grants, func(g Grant) bool { return g.Role == role })
}

// HasFor reports whether the user holds role for the unit with id unitID,
// given the ids of that unit's ancestors: a grant for an ancestor, or for
// every unit, covers it.
func (u *User) HasFor(role string, unitID int64, ancestors []int64) bool {
	if u == nil {
		return false
	}
	for _, g := range u.Grants {
		if g.Role != role {
			continue
		}
		if g.UnitID == 0 || g.UnitID == unitID || slices.Contains(ancestors, g.UnitID) {
			return true
		}
	}
	return false
}

// ValidUsername reports whether s is an acceptable user name: 3 to 32
// lower-case letters, digits, dots, hyphens or underscores.
func ValidUsername(s string) bool {
	if len(s) < 3 || len(s) > 32 {
		return false
	}
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == ""
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// UserService keeps users, their passwords and their sessions.
type UserService interface {
	// CreateUser stores u with the given password: EINVALID for a bad user
	// name, an unknown role or a short password; ECONFLICT for a name in use.
	CreateUser(ctx context.Context, u *User, password string) error
	// FindUserByID returns ENOTFOUND if there is no such user.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUsers returns every user, by user name.
	FindUsers(ctx context.Context) ([]*User, error)
	// UpdateUser replaces the name, e-mail address, language, grants and disabled flag of a user.
	UpdateUser(ctx context.Context, u *User) error
	// SetPassword replaces a user's password and ends every session and
	// API token of the user: EINVALID when it is too short.
	SetPassword(ctx context.Context, id int64, password string) error
	// Authenticate returns the user with that name and password, or
	// EUNAUTHORIZED (the same for an unknown name, a wrong password or a
	// disabled account, so as not to tell which).
	Authenticate(ctx context.Context, username, password string) (*User, error)
	// CreateSession starts a session (kind "web" or "api") and returns its
	// secret token; only a hash of it is stored.
	CreateSession(ctx context.Context, userID int64, kind string, ttl time.Duration) (string, error)
	// FindSession returns the user of a live session token, or EUNAUTHORIZED.
	FindSession(ctx context.Context, token string) (*User, error)
	// DeleteSession ends a session.
	DeleteSession(ctx context.Context, token string) error
}

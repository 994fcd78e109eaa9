package esop

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Kinds of session: a web session lives in a cookie, an API token is a
// bearer token from POST /api/v1/tokens. Both are kept the same way, only
// as a hash of their secret.
const (
	SessionWeb = "web"
	SessionAPI = "api"
)

// AuditRevoke is the audit action of a session or API token ended by its
// owner before it expired (neither the secret nor its hash is recorded).
const AuditRevoke = "revoke_token"

// Token is a live session or API token as its owner sees it. It never
// holds the secret: only what lets the owner tell their tokens apart.
type Token struct {
	ID        string    // TokenID of the secret: names the token without revealing it
	Kind      string    // SessionWeb or SessionAPI
	Prefix    string    // the first characters of the secret, to recognise it; "" for tokens older than this field
	CreatedAt time.Time // when it was issued
	LastUsed  time.Time // when it was last used, to within TokenUseStep; zero when never used
	ExpiresAt time.Time // when it stops working unless revoked before
}

// TokenPrefixLength is how many characters of a secret are kept to
// recognise it: 6 base64 characters, 36 of its 256 bits.
const TokenPrefixLength = 6

// TokenUseStep is how precisely the last use of a token is kept: a token
// used again within this time is not written again, so that requests do
// not each cost a write.
const TokenUseStep = 10 * time.Minute

// TokenID returns the public name of a token secret: the first 16 hex
// digits of its SHA-256. It lets the owner revoke a token from a list
// without the secret ever being shown or stored.
func TokenID(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:8])
}

// AccountService lets users look after their own account: their password
// and the sessions and tokens that act in their name.
type AccountService interface {
	// FindTokens returns the live sessions and tokens of a user, of the
	// given kind ("" for every kind), newest first.
	FindTokens(ctx context.Context, userID int64, kind string) ([]*Token, error)
	// RevokeToken ends the live token with that ID of the user; ENOTFOUND
	// when the user has none (another user's token is not found either).
	RevokeToken(ctx context.Context, userID int64, id string) error
	// ChangePassword replaces the user's password when current is right
	// (EUNAUTHORIZED otherwise; EINVALID when next is too short or the same),
	// ends every session and token of the user and starts a new web
	// session of ttl, whose secret it returns, all in one transaction.
	ChangePassword(ctx context.Context, userID int64, current, next string, ttl time.Duration) (string, error)
}

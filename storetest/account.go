package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

// Accounts: the tokens a user holds, their revocation, a password changed
// by its owner or by an administrator, and the employee an account is
// linked to.

// accountUser creates a user with a password.
func accountUser(t *testing.T, db *sqlstore.DB, name, password string) *esop.User {
	t.Helper()
	u := &esop.User{Username: name, Grants: []esop.Grant{{Role: esop.RolePelaksana}}}
	must(t, db.CreateUser(context.Background(), u, password))
	return u
}

// session starts a session of kind for u.
func session(t *testing.T, db *sqlstore.DB, u *esop.User, kind string, ttl time.Duration) string {
	t.Helper()
	token, err := db.CreateSession(context.Background(), u.ID, kind, ttl)
	must(t, err)
	return token
}

// alive reports whether a session token still signs its user in.
func alive(t *testing.T, db *sqlstore.DB, token string) bool {
	t.Helper()
	_, err := db.FindSession(context.Background(), token)
	switch code(err) {
	case "":
		return true
	case esop.EUNAUTHORIZED:
		return false
	}
	t.Fatalf("find session: %v", err)
	return false
}

// advance moves the store's clock on by d.
func advance(db *sqlstore.DB, d time.Duration) {
	now := db.Now()
	db.Now = func() time.Time { return now.Add(d) }
}

// noSecrets fails when an audit entry holds any of the secrets (a token,
// its stored hash, a password).
func noSecrets(t *testing.T, db *sqlstore.DB, secrets ...string) {
	t.Helper()
	for _, e := range auditEntries(t, db) {
		for _, s := range secrets {
			if strings.Contains(e.Before+e.After, s) {
				t.Errorf("audit entry %d (%s %s) holds a secret %.8s…", e.Seq, e.Action, e.Entity, s)
			}
		}
		if strings.Contains(e.Before+e.After, "argon2") {
			t.Errorf("audit entry %d (%s %s) holds a password hash", e.Seq, e.Action, e.Entity)
		}
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func testTokens(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	ani := accountUser(t, db, "ani", "kata-sandi-ani-1")
	budi := accountUser(t, db, "budi", "kata-sandi-budi-1")
	t0 := db.Now().UTC()
	web := session(t, db, ani, esop.SessionWeb, 12*time.Hour)
	api1 := session(t, db, ani, esop.SessionAPI, 30*24*time.Hour)
	advance(db, time.Minute)
	api2 := session(t, db, ani, esop.SessionAPI, 30*24*time.Hour)
	short := session(t, db, ani, esop.SessionAPI, time.Hour)
	other := session(t, db, budi, esop.SessionAPI, 30*24*time.Hour)

	// The list: the user's own tokens of the kind asked, newest first,
	// named by TokenID and recognisable by their first characters.
	toks, err := db.FindTokens(ctx, ani.ID, esop.SessionAPI)
	must(t, err)
	if len(toks) != 3 {
		t.Fatalf("%d API tokens, want 3: %+v", len(toks), toks)
	}
	last := toks[2]
	if last.ID != esop.TokenID(api1) || last.Prefix != api1[:esop.TokenPrefixLength] || last.Kind != esop.SessionAPI ||
		!last.CreatedAt.Equal(t0) || !last.ExpiresAt.Equal(t0.Add(30*24*time.Hour)) || !last.LastUsed.IsZero() {
		t.Errorf("the oldest token: %+v", last)
	}
	if got := []string{toks[0].ID, toks[1].ID}; !(got[0] == esop.TokenID(api2) && got[1] == esop.TokenID(short) || got[0] == esop.TokenID(short) && got[1] == esop.TokenID(api2)) {
		t.Errorf("the newest tokens are %v", got)
	}
	for _, tok := range toks {
		if len(tok.ID) != 16 || len(tok.Prefix) != esop.TokenPrefixLength {
			t.Errorf("token %+v: the ID or prefix has the wrong length", tok)
		}
	}
	if all, err := db.FindTokens(ctx, ani.ID, ""); err != nil || len(all) != 4 {
		t.Errorf("every kind: %d tokens, %v", len(all), err)
	}

	// The last use is kept to within TokenUseStep.
	lastUsed := func(secret string) time.Time {
		t.Helper()
		toks, err := db.FindTokens(ctx, ani.ID, "")
		must(t, err)
		for _, tok := range toks {
			if tok.ID == esop.TokenID(secret) {
				return tok.LastUsed
			}
		}
		t.Fatalf("token %s is not listed", esop.TokenID(secret))
		return time.Time{}
	}
	if !alive(t, db, api1) {
		t.Fatal("a new token does not work")
	}
	used := db.Now().UTC()
	if got := lastUsed(api1); !got.Equal(used) {
		t.Errorf("last used %v, want %v", got, used)
	}
	advance(db, esop.TokenUseStep/2)
	alive(t, db, api1)
	if got := lastUsed(api1); !got.Equal(used) {
		t.Errorf("a use within the step was written: %v, want %v", got, used)
	}
	advance(db, esop.TokenUseStep)
	alive(t, db, api1)
	if got := lastUsed(api1); !got.Equal(db.Now().UTC()) {
		t.Errorf("a use after the step was not written: %v", got)
	}

	// Revocation: only the owner's own live token, by its ID.
	mustCode(t, db.RevokeToken(ctx, budi.ID, esop.TokenID(api1)), esop.ENOTFOUND)
	mustCode(t, db.RevokeToken(ctx, ani.ID, "bukan-id"), esop.ENOTFOUND)
	// An ID of digits only has no upper case (one secret in about 1,800).
	if upper := strings.ToUpper(esop.TokenID(api1)); upper != esop.TokenID(api1) {
		mustCode(t, db.RevokeToken(ctx, ani.ID, upper), esop.ENOTFOUND)
	}
	mustCode(t, db.RevokeToken(ctx, ani.ID, esop.TokenID(api1)+"0"), esop.ENOTFOUND)
	if !alive(t, db, api1) {
		t.Fatal("a refused revocation ended the token")
	}
	must(t, db.RevokeToken(ctx, ani.ID, esop.TokenID(api1)))
	if alive(t, db, api1) {
		t.Error("a revoked token still signs in")
	}
	mustCode(t, db.RevokeToken(ctx, ani.ID, esop.TokenID(api1)), esop.ENOTFOUND)
	for name, tok := range map[string]string{"web session": web, "other API token": api2, "other user's token": other} {
		if !alive(t, db, tok) {
			t.Errorf("revoking one token ended the %s", name)
		}
	}
	// An expired token is neither listed nor revoked.
	advance(db, 2*time.Hour)
	toks, err = db.FindTokens(ctx, ani.ID, esop.SessionAPI)
	must(t, err)
	if len(toks) != 1 || toks[0].ID != esop.TokenID(api2) {
		t.Errorf("after expiry: %+v", toks)
	}
	mustCode(t, db.RevokeToken(ctx, ani.ID, esop.TokenID(short)), esop.ENOTFOUND)

	// The audit trail names the token by its ID, never by its secret.
	var revoked []*esop.AuditEntry
	for _, e := range auditEntries(t, db) {
		if e.Action == esop.AuditRevoke {
			revoked = append(revoked, e)
		}
	}
	if len(revoked) != 1 || revoked[0].Entity != esop.EntityUser || revoked[0].EntityID != auditIDOf(ani.ID) ||
		revoked[0].Before != `{"session":"api","token":"`+esop.TokenID(api1)+`"}` {
		t.Errorf("revocations recorded: %+v", revoked)
	}
	noSecrets(t, db, web, api1, api2, short, other, sha256Hex(api1), sha256Hex(api2))
}

func auditIDOf(id int64) string { return strconv.FormatInt(id, 10) }

// testPasswordEndsSessions: after a password change, by its owner or by
// an administrator, no session or token made before works.
func testPasswordEndsSessions(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	const p1, p2, p3 = "kata-sandi-lama-1", "kata-sandi-baru-2", "kata-sandi-admin-3"
	ani := accountUser(t, db, "ani", p1)
	budi := accountUser(t, db, "budi", "kata-sandi-budi-1")
	web := session(t, db, ani, esop.SessionWeb, 12*time.Hour)
	api := session(t, db, ani, esop.SessionAPI, 30*24*time.Hour)
	other := session(t, db, budi, esop.SessionAPI, 30*24*time.Hour)

	for _, tc := range []struct {
		name, current, next, code string
	}{
		{"a wrong current password", "kata-sandi-salah", p2, esop.EUNAUTHORIZED},
		{"a short new password", p1, "pendek", esop.EINVALID},
		{"the same password", p1, p1, esop.EINVALID},
	} {
		tok, err := db.ChangePassword(ctx, ani.ID, tc.current, tc.next, time.Hour)
		if code(err) != tc.code || tok != "" {
			t.Errorf("%s: %q %v, want %s", tc.name, tok, err, tc.code)
		}
	}
	_, err := db.ChangePassword(ctx, 987654, p1, p2, time.Hour)
	mustCode(t, err, esop.ENOTFOUND)
	if !alive(t, db, web) || !alive(t, db, api) {
		t.Fatal("a refused change ended a session")
	}
	if _, err := db.Authenticate(ctx, "ani", p1); err != nil {
		t.Fatalf("a refused change changed the password: %v", err)
	}

	renewed, err := db.ChangePassword(ctx, ani.ID, p1, p2, time.Hour)
	must(t, err)
	if u, err := db.FindSession(ctx, renewed); err != nil || u.ID != ani.ID {
		t.Fatalf("the renewed session: %+v %v", u, err)
	}
	if alive(t, db, web) || alive(t, db, api) {
		t.Error("a session or token from before the owner's change still works")
	}
	if !alive(t, db, other) {
		t.Error("another user's token ended")
	}
	_, err = db.Authenticate(ctx, "ani", p1)
	mustCode(t, err, esop.EUNAUTHORIZED)
	if _, err := db.Authenticate(ctx, "ani", p2); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
	if toks, _ := db.FindTokens(ctx, ani.ID, ""); len(toks) != 1 || toks[0].Kind != esop.SessionWeb || toks[0].ID != esop.TokenID(renewed) {
		t.Errorf("after the change the user has %+v", toks)
	}

	// An administrator's (or the command line's) new password ends them all.
	api2 := session(t, db, ani, esop.SessionAPI, 30*24*time.Hour)
	must(t, db.SetPassword(ctx, ani.ID, p3))
	if alive(t, db, renewed) || alive(t, db, api2) {
		t.Error("a session or token from before an administrator's change still works")
	}
	if toks, _ := db.FindTokens(ctx, ani.ID, ""); len(toks) != 0 {
		t.Errorf("after SetPassword the user has %d tokens", len(toks))
	}
	if _, err := db.Authenticate(ctx, "ani", p3); err != nil {
		t.Errorf("the administrator's password does not work: %v", err)
	}
	_, err = db.ChangePassword(ctx, ani.ID, p2, "kata-sandi-baru-4", time.Hour)
	mustCode(t, err, esop.EUNAUTHORIZED)

	var changes []string
	for _, e := range auditEntries(t, db) {
		if e.Action == esop.AuditPassword {
			changes = append(changes, e.After)
		}
	}
	want := []string{`{"byOwner":true,"passwordChanged":true,"sessionRenewed":true,"sessionsEnded":2}`, `{"passwordChanged":true,"sessionsEnded":2}`}
	if strings.Join(changes, " ") != strings.Join(want, " ") {
		t.Errorf("password changes recorded:\n%s\nwant\n%s", strings.Join(changes, "\n"), strings.Join(want, "\n"))
	}
	noSecrets(t, db, p1, p2, p3, web, api, renewed, api2, sha256Hex(renewed))
}

// testUserEmployee: an account is linked to an employee, relinked and
// unlinked, and each change is in the audit trail.
func testUserEmployee(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	e1 := &esop.Employee{NIP: "196805121993031007", Name: "Drs. Kadis"}
	e2 := &esop.Employee{NIP: "197001011995031002", Name: "Sekretaris"}
	must(t, db.CreateEmployee(ctx, e1))
	must(t, db.CreateEmployee(ctx, e2))
	u := accountUser(t, db, "kadis", "kata-sandi-kadis-1")
	for _, id := range []int64{e1.ID, e2.ID, 0} {
		u.EmployeeID = id
		must(t, db.UpdateUser(ctx, u))
		got, err := db.FindUserByID(ctx, u.ID)
		must(t, err)
		if got.EmployeeID != id {
			t.Errorf("employee %d, want %d", got.EmployeeID, id)
		}
	}
	var links []string
	for _, e := range auditEntries(t, db) {
		if e.Action == esop.AuditUpdate && e.Entity == esop.EntityUser {
			var after struct {
				EmployeeID int64 `json:"employeeId"`
			}
			if err := json.Unmarshal([]byte(e.After), &after); err != nil {
				t.Fatal(err)
			}
			links = append(links, jsonOf(t, after.EmployeeID))
		}
	}
	if want := []string{jsonOf(t, e1.ID), jsonOf(t, e2.ID), "0"}; strings.Join(links, " ") != strings.Join(want, " ") {
		t.Errorf("the audit trail records the links %v, want %v", links, want)
	}
}

package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// Device cookies (the OWASP "device cookie" pattern): a browser that
// signed in to an account gets a cookie, signed with the server's key,
// that names the account. Its later attempts for that account are
// throttled on the cookie's own counter only, so a guesser flooding the
// account (who has no such cookie: it is only given for the right
// password) cannot slow its owner down. The cookie proves nothing else;
// the password is checked as always.
const (
	deviceCookie = "esop_device"
	// deviceTTL is how long a browser stays known after its last sign-in.
	deviceTTL = 180 * 24 * time.Hour
	// deviceMaxEntries is how many accounts one browser is known for
	// (a shared office computer), the most recent first.
	deviceMaxEntries = 5
	// deviceKeySetting is the setting that holds the signing key, so that
	// every server of one database and every restart accept the cookies.
	deviceKeySetting = "login.device-key"
	// deviceKeyBytes is the size of the key. Its base64 form is longer
	// than the settings the audit trail records as they are (256
	// characters): the trail records only its SHA-256, so reading the
	// audit trail does not let anyone sign cookies.
	deviceKeyBytes = 256
)

// deviceSigner makes and checks device cookies.
type deviceSigner struct {
	key []byte
	now func() time.Time
}

// loadDeviceKey returns the key that signs device cookies, made and
// stored on the first start.
func loadDeviceKey(ctx context.Context, store Store) ([]byte, error) {
	v, err := store.Setting(ctx, deviceKeySetting)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		b := make([]byte, deviceKeyBytes)
		rand.Read(b)
		putErr := store.PutSetting(ctx, deviceKeySetting, base64.StdEncoding.EncodeToString(b))
		// Another server of the same database may have stored its key
		// first; whichever was stored is the one to use.
		if v, err = store.Setting(ctx, deviceKeySetting); err != nil && putErr != nil {
			return nil, putErr
		}
	}
	if err != nil {
		return nil, err
	}
	key, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(key) < 32 {
		return nil, esop.Errorf(esop.EINTERNAL, "Pengaturan %s rusak: hapus agar dibuat kembali.", "The setting %s is damaged: delete it to have it made again.", deviceKeySetting)
	}
	return key, nil
}

// deviceEntry is one account a browser is known for.
type deviceEntry struct {
	username string
	id       string // random, names the cookie's counter
	issued   int64  // Unix seconds
}

// mac signs an entry; 128 bits of HMAC-SHA256.
func (d *deviceSigner) mac(e deviceEntry) string {
	h := hmac.New(sha256.New, d.key)
	h.Write([]byte("esop-device-1\x00" + e.username + "\x00" + e.id + "\x00" + strconv.FormatInt(e.issued, 10)))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:16])
}

// encode writes an entry as base64url(username).id.issued.mac: only
// characters a cookie value may hold, and no "~", which separates entries.
func (d *deviceSigner) encode(e deviceEntry) string {
	return base64.RawURLEncoding.EncodeToString([]byte(e.username)) + "." + e.id + "." + strconv.FormatInt(e.issued, 10) + "." + d.mac(e)
}

// decode reads one entry, or reports false when it is malformed, forged
// or expired.
func (d *deviceSigner) decode(s string) (deviceEntry, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return deviceEntry{}, false
	}
	name, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	issued, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return deviceEntry{}, false
	}
	e := deviceEntry{username: string(name), id: parts[1], issued: issued}
	if !hmac.Equal([]byte(parts[3]), []byte(d.mac(e))) {
		return deviceEntry{}, false
	}
	age := d.now().Sub(time.Unix(issued, 0))
	if age > deviceTTL || age < -time.Hour {
		return deviceEntry{}, false
	}
	return e, true
}

// entries returns the valid entries of a cookie value.
func (d *deviceSigner) entries(value string) []deviceEntry {
	var list []deviceEntry
	for i, s := range strings.Split(value, "~") {
		if i == 2*deviceMaxEntries {
			break
		}
		if e, ok := d.decode(s); ok {
			list = append(list, e)
		}
	}
	return list
}

// deviceFor returns the id of the request's device cookie entry for
// username, or "" when it has none.
func (d *deviceSigner) deviceFor(r *http.Request, username string) string {
	c, err := r.Cookie(deviceCookie)
	if err != nil || username == "" {
		return ""
	}
	for _, e := range d.entries(c.Value) {
		if e.username == username {
			return e.id
		}
	}
	return ""
}

// issue returns the cookie value after username signed in: a new entry
// for username first, then the other valid entries of the old value.
func (d *deviceSigner) issue(old, username string) string {
	id := make([]byte, 16)
	rand.Read(id)
	list := []string{d.encode(deviceEntry{username: username, id: base64.RawURLEncoding.EncodeToString(id), issued: d.now().Unix()})}
	for _, e := range d.entries(old) {
		if e.username != username && len(list) < deviceMaxEntries {
			list = append(list, d.encode(e))
		}
	}
	return strings.Join(list, "~")
}

// setDeviceCookie remembers in the browser that it signed in as username.
// The cookie goes only to the login form, which alone reads it.
func (s *Server) setDeviceCookie(w http.ResponseWriter, r *http.Request, username string) {
	old := ""
	if c, err := r.Cookie(deviceCookie); err == nil {
		old = c.Value
	}
	c := s.cookie(deviceCookie, s.devices.issue(old, username), int(deviceTTL.Seconds()))
	c.Path = "/login"
	http.SetCookie(w, c)
}

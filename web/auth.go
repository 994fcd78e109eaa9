package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// loginView is the view model of the login page.
type loginView struct {
	Username string
	Next     string
	Error    string
}

// safeNext returns next when it is a path on this site, else the
// dashboard. Control characters are refused as well: browsers drop tabs
// and newlines from a URL, so "/\t/evil.example" would lead off the site.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") && !strings.HasPrefix(next, "/\\") &&
		!strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return next
	}
	return "/dashboard"
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.user != nil {
		http.Redirect(w, r, "/dashboard", http.StatusSeeOther)
		return nil
	}
	s.renderPage(w, r, rq, http.StatusOK, "login", loginView{Next: safeNext(r.URL.Query().Get("next"))})
	return nil
}

// clientAddr returns the address of the client, for limiting logins:
// the peer's address, or, behind a trusted reverse proxy, the address the
// proxy appended last to X-Forwarded-For (earlier entries can be forged
// by the client).
func (s *Server) clientAddr(r *http.Request) string {
	if s.trustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// login checks the credentials through the throttle (authenticate) and
// starts a session in a new cookie (a new token on every login, so a
// session cannot be fixed in advance). A throttled attempt gets the login
// page again with 429, Retry-After and the seconds to wait.
func (s *Server) login(w http.ResponseWriter, r *http.Request, rq *request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return esop.Errorf(esop.EINVALID, "Formulir tidak sah.", "The form is not valid.")
	}
	username := strings.ToLower(strings.TrimSpace(r.PostForm.Get("username")))
	password := r.PostForm.Get("password")
	next := safeNext(r.PostForm.Get("next"))
	addr := s.clientAddr(r)
	u, err := s.authenticate(r.Context(), loginAttempt{username: username, addr: addr, device: s.devices.deviceFor(r, username)}, password)
	var limited *rateLimited
	switch {
	case errors.As(err, &limited):
		w.Header().Set("Retry-After", strconv.Itoa(limited.Seconds()))
		s.renderPage(w, r, rq, http.StatusTooManyRequests, "login", loginView{Username: username, Next: next, Error: limited.Msg.In(rq.lang)})
		return nil
	case esop.ErrorCode(err) == esop.EUNAUTHORIZED:
		s.renderPage(w, r, rq, http.StatusUnauthorized, "login", loginView{Username: username, Next: next, Error: esop.ErrorMessage(err, rq.lang)})
		return nil
	case err != nil:
		return err
	}
	token, err := s.store.CreateSession(r.Context(), u.ID, "web", sessionTTL)
	if err != nil {
		return err
	}
	if rq.token != "" {
		s.store.DeleteSession(r.Context(), rq.token)
	}
	http.SetCookie(w, s.cookie(sessionCookie, token, int(sessionTTL.Seconds())))
	s.setDeviceCookie(w, r, u.Username)
	s.log.Info("login", "username", u.Username, "addr", addr)
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// signIn checks a user name and password for the API (api.Config.SignIn):
// API clients keep no device cookie, so they are counted per account and
// address.
func (s *Server) signIn(r *http.Request, username, password string) (*esop.User, error) {
	return s.authenticate(r.Context(), loginAttempt{username: username, addr: s.clientAddr(r)}, password)
}

// authenticate checks a user name and password for the login form and
// the API alike. The throttle decides first, so a refused attempt costs
// no hashing; then the password is checked in one of the hash gate's few
// slots, the check of an unknown name against a dummy hash included. It
// returns a *rateLimited error when the attempt must wait, EUNAUTHORIZED
// for a wrong name or password.
func (s *Server) authenticate(ctx context.Context, a loginAttempt, password string) (*esop.User, error) {
	keys, err := s.limiter.admit(ctx, a)
	var limited *rateLimited
	if errors.As(err, &limited) {
		s.log.Warn("login throttled", "username", a.username, "addr", a.addr, "device", a.device != "")
	}
	if err != nil {
		return nil, err
	}
	release, ok := s.hashes.acquire(ctx, a.device != "")
	if !ok {
		s.settle(ctx, keys, false)
		s.log.Warn("login refused: every password check busy", "username", a.username, "addr", a.addr)
		return nil, busy(time.Second)
	}
	u, err := s.store.Authenticate(ctx, a.username, password)
	release()
	switch {
	case err == nil:
		s.settle(ctx, keys, true)
	case esop.ErrorCode(err) == esop.EUNAUTHORIZED:
		s.log.Info("login failed", "username", a.username, "addr", a.addr, "device", a.device != "")
	default:
		s.settle(ctx, keys, false)
	}
	return u, err
}

// settle settles the throttle's counters of an attempt once its password
// was checked: right (ok) or never checked. It runs even when the request
// was cancelled meanwhile; an error is logged, the attempt stays counted.
func (s *Server) settle(ctx context.Context, keys []throttleKey, ok bool) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	settle := s.limiter.refund
	if ok {
		settle = s.limiter.succeed
	}
	if err := settle(ctx, keys); err != nil {
		s.log.Error("settling a sign-in attempt", "err", err)
	}
}

// cookie returns a cookie that scripts cannot read, sent only to this
// site on top-level navigation, and only over TLS when the site uses it.
func (s *Server) cookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode}
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.store.DeleteSession(r.Context(), rq.token); err != nil {
		return err
	}
	http.SetCookie(w, s.cookie(sessionCookie, "", -1))
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// setLang remembers the visitor's language choice in a cookie.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request, rq *request) error {
	lang := r.FormValue("lang")
	if lang != "id" && lang != "en" {
		return esop.Errorf(esop.EINVALID, "Bahasa tidak dikenal.", "Unknown language.")
	}
	http.SetCookie(w, s.cookie("lang", lang, 365*24*3600))
	if u := rq.user; u != nil && u.Lang != "" && u.Lang != lang {
		// A signed-in user's own setting wins over the cookie, so the
		// switch changes the setting too.
		u.Lang = lang
		if err := s.store.UpdateUser(r.Context(), u); err != nil {
			return err
		}
	}
	http.Redirect(w, r, safeNext(r.FormValue("next")), http.StatusSeeOther)
	return nil
}

// dashboardView is the view model of the staff dashboard.
type dashboardView struct {
	Tasks    []*esop.SOP       // SOPs waiting for this user's review or approval
	Flags    []*esop.Flag      // SOPs the user may read that need review for a regulation change
	Drafts   []*esop.SOP       // drafts the user may edit
	Readable []*esop.SOP       // drafts the user may read
	Overdue  []esop.ReviewItem // SOPs of the user's units whose review date has passed
	DueSoon  []esop.ReviewItem // review date within 30 days
	// MonevDue are the SOPs in force, of units whose monitoring the user
	// records, without a monitoring in the current period, MonevPeriod.
	MonevDue    []*esop.SOP
	MonevPeriod string
	MayRecap    bool // may see the monitoring and evaluation recap
	// Mismatches are the service standards, per unit, whose check finds
	// their SOP at odds with them: for who edits or analyses the unit.
	Mismatches []unitMismatches
}

func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, rq *request) error {
	sops, _, err := s.store.FindSOPs(r.Context(), esop.SOPFilter{})
	if err != nil {
		return err
	}
	var v dashboardView
	if v.Overdue, v.DueSoon, err = s.reviewsDue(r.Context(), rq.user, sops); err != nil {
		return err
	}
	for _, sop := range sops {
		if sop.Draft != nil && (sop.Draft.Status == esop.StatusSubmitted || sop.Draft.Status == esop.StatusReviewed) {
			a, err := s.requester(r.Context(), rq.user, sop.Unit)
			if err != nil {
				return err
			}
			acts := allowedActions(sop, a, []string{sop.Draft.CreatedBy, sop.Draft.UpdatedBy})
			if slices.Contains(acts, esop.ActionReview) || slices.Contains(acts, esop.ActionApprove) {
				v.Tasks = append(v.Tasks, sop)
				continue
			}
		}
		if sop.Draft != nil {
			edit, err := s.mayEdit(r.Context(), rq.user, sop.Unit)
			if err != nil {
				return err
			}
			read, err := s.mayReadDraft(r.Context(), rq.user, sop.Unit)
			if err != nil {
				return err
			}
			switch {
			case edit:
				v.Drafts = append(v.Drafts, sop)
			case read:
				v.Readable = append(v.Readable, sop)
			}
		}
	}
	if v.MonevDue, err = s.monitoringDue(r.Context(), rq.user, sops); err != nil {
		return err
	}
	v.MonevPeriod = s.currentPeriod().Label().In(rq.lang)
	if v.Mismatches, err = s.standardMismatches(r.Context(), rq.user); err != nil {
		return err
	}
	if v.MayRecap, err = s.maySomewhere(r.Context(), rq.user, esop.PermRecap); err != nil {
		return err
	}
	flags, err := s.store.FindFlags(r.Context(), 0)
	if err != nil {
		return err
	}
	for _, f := range flags {
		sop, err := s.store.FindSOPByID(r.Context(), f.SOPID)
		if err != nil {
			return err
		}
		if ok, err := s.mayReadDraft(r.Context(), rq.user, sop.Unit); err != nil {
			return err
		} else if ok {
			// A flag is about the SOP in force: named by its title in force.
			f.SOPTitle = sop.TitleInForce()
			v.Flags = append(v.Flags, f)
		}
	}
	s.renderPage(w, r, rq, http.StatusOK, "dashboard", v)
	return nil
}

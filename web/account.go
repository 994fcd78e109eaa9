package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/esop-malang/esop"
)

// The account page: every signed-in user sees who they are in e-SOP (their
// roles, the employee they sign as and the positions that employee holds
// today), chooses their language, changes their own password, and sees
// and revokes their API tokens. Every form on it is a POST, guarded by
// the site's cross-origin protection like every other form.

// accountView is the view model of the account page.
type accountView struct {
	Grants    []accountGrant
	Employee  *esop.Employee // nil when the account is not linked to one
	Positions []string       // positions the employee holds today, with Plt./Plh.
	Tokens    []accountToken // live API tokens, newest first
	Done      string         // the message key of the change just made, or ""
	Error     string         // the error of the form just posted
	Form      string         // which form failed: "password" or "lang"
}

// accountGrant is one role of the user, with the name of its unit ("" for every unit).
type accountGrant struct {
	Role, Unit string
}

// accountToken is an API token as listed: never its secret.
type accountToken struct {
	ID, Prefix                 string
	Created, LastUsed, Expires string
}

// accountDone are the messages shown after a change, by the done= of the redirect.
var accountDone = map[string]string{
	"password": "account.done.password",
	"revoked":  "account.done.revoked",
	"lang":     "account.done.lang",
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderAccount(w, r, rq, http.StatusOK, "", nil)
}

// renderAccount shows the account page; formErr, when not nil, is shown
// next to the form that failed, with its status.
func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, rq *request, status int, form string, formErr error) error {
	v, err := s.accountData(r, rq)
	if err != nil {
		return err
	}
	if formErr != nil {
		v.Form, v.Error = form, esop.ErrorMessage(formErr, rq.lang)
	}
	s.renderPage(w, r, rq, status, "account", v)
	return nil
}

// accountData gathers what the account page shows.
func (s *Server) accountData(r *http.Request, rq *request) (*accountView, error) {
	ctx, u := r.Context(), rq.user
	v := &accountView{Done: accountDone[r.URL.Query().Get("done")]}
	units, err := s.allUnits(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, unit := range units {
		names[unit.ID] = unit.Name
	}
	for _, g := range u.Grants {
		v.Grants = append(v.Grants, accountGrant{Role: g.Role, Unit: names[g.UnitID]})
	}
	if err := s.accountEmployee(r, u, v); err != nil {
		return nil, err
	}
	tokens, err := s.store.FindTokens(ctx, u.ID, esop.SessionAPI)
	if err != nil {
		return nil, err
	}
	loc := s.siteZone(ctx)
	for _, t := range tokens {
		at := accountToken{ID: t.ID, Prefix: t.Prefix, Created: formatMoment(loc, t.CreatedAt, false), Expires: formatMoment(loc, t.ExpiresAt, false)}
		if !t.LastUsed.IsZero() {
			at.LastUsed = formatMoment(loc, t.LastUsed, false)
		}
		v.Tokens = append(v.Tokens, at)
	}
	return v, nil
}

// accountEmployee fills in the employee the user is linked to and the
// positions they hold today: what an approval by this user would sign as.
func (s *Server) accountEmployee(r *http.Request, u *esop.User, v *accountView) error {
	if u.EmployeeID == 0 {
		return nil
	}
	ctx := r.Context()
	emps, err := s.store.FindEmployees(ctx)
	if err != nil {
		return err
	}
	for _, e := range emps {
		if e.ID == u.EmployeeID {
			v.Employee = e
		}
	}
	as, err := s.store.FindAssignments(ctx, esop.AssignmentFilter{EmployeeID: u.EmployeeID, On: s.today()})
	if err != nil || len(as) == 0 {
		return err
	}
	positions, err := s.store.FindPositions(ctx, esop.PositionFilter{})
	if err != nil {
		return err
	}
	name := map[int64]string{}
	for _, p := range positions {
		name[p.ID] = p.Name
	}
	for _, a := range as {
		prefix := map[string]string{esop.CapacityPlt: "Plt. ", esop.CapacityPlh: "Plh. "}[a.Capacity]
		v.Positions = append(v.Positions, prefix+name[a.PositionID])
	}
	return nil
}

// accountPassword changes the user's own password. The current password
// is checked through the same throttle as a sign-in, so a stolen session
// cannot be used to guess it quickly. On success every other session and
// API token of the user ends, and this browser gets a new session.
func (s *Server) accountPassword(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	current, next := r.PostForm.Get("current"), r.PostForm.Get("password")
	if next != r.PostForm.Get("repeat") {
		err := esop.Errorf(esop.EINVALID, "Kedua kata sandi baru tidak sama.", "The two new passwords differ.")
		return s.renderAccount(w, r, rq, http.StatusUnprocessableEntity, "password", err)
	}
	token, err := s.changePassword(r, rq, current, next)
	var limited *rateLimited
	switch {
	case errors.As(err, &limited):
		w.Header().Set("Retry-After", strconv.Itoa(limited.Seconds()))
		return s.renderAccount(w, r, rq, http.StatusTooManyRequests, "password", &esop.Error{Code: esop.EINVALID, Message: limited.Msg})
	case err == nil:
	case slices.Contains([]string{esop.EUNAUTHORIZED, esop.EINVALID, esop.ECONFLICT}, esop.ErrorCode(err)):
		return s.renderAccount(w, r, rq, http.StatusUnprocessableEntity, "password", err)
	default:
		return err
	}
	http.SetCookie(w, s.cookie(sessionCookie, token, int(sessionTTL.Seconds())))
	s.log.Info("password changed by its owner", "username", rq.user.Username)
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
	return nil
}

// changePassword checks the current password and changes it, through the
// throttle and the hash gate of sign-ins: a wrong current password counts
// as a failed sign-in of the account, from the client's address.
func (s *Server) changePassword(r *http.Request, rq *request, current, next string) (string, error) {
	keys, err := s.limiter.admit(r.Context(), loginAttempt{username: rq.user.Username, addr: s.clientAddr(r)})
	if err != nil {
		return "", err
	}
	release, ok := s.hashes.acquire(r.Context(), false)
	if !ok {
		s.settle(r.Context(), keys, false)
		return "", busy(time.Second)
	}
	token, err := s.store.ChangePassword(r.Context(), rq.user.ID, current, next, sessionTTL)
	release()
	switch esop.ErrorCode(err) {
	case "":
		s.settle(r.Context(), keys, true)
	case esop.EUNAUTHORIZED:
		s.log.Info("password change refused: wrong current password", "username", rq.user.Username, "addr", s.clientAddr(r))
	default:
		s.settle(r.Context(), keys, false) // not a guess at the password
	}
	return token, err
}

// accountLang sets the user's language: id, en, or "" to follow the browser.
func (s *Server) accountLang(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	lang := r.PostForm.Get("lang")
	if lang != "" && lang != "id" && lang != "en" {
		err := esop.Errorf(esop.EINVALID, "Bahasa tidak dikenal.", "Unknown language.")
		return s.renderAccount(w, r, rq, http.StatusUnprocessableEntity, "lang", err)
	}
	u := *rq.user
	u.Lang = lang
	if err := s.store.UpdateUser(r.Context(), &u); err != nil {
		return err
	}
	if lang != "" {
		http.SetCookie(w, s.cookie("lang", lang, 365*24*3600))
	}
	http.Redirect(w, r, "/account?done=lang", http.StatusSeeOther)
	return nil
}

// accountRevoke ends one of the user's own tokens; another user's token,
// or one already ended, is not found.
func (s *Server) accountRevoke(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.store.RevokeToken(r.Context(), rq.user.ID, r.PathValue("id")); err != nil {
		return err
	}
	s.log.Info("token revoked", "username", rq.user.Username)
	http.Redirect(w, r, "/account?done=revoked", http.StatusSeeOther)
	return nil
}

package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/esop-malang/esop"
)

// verifyBase returns the address printed on PDFs for verification: the
// configured base URL without its final slash, "" when there is none. It
// never depends on the request, whose Host header the client chooses: a
// print is the same whoever asks for it, and is made once.
func (s *Server) verifyBase() string { return s.baseURL }

// checkBaseURL checks the configured public address of the site and
// returns it without its final slash.
func checkBaseURL(base string) (string, error) {
	base = strings.TrimSpace(base)
	if base == "" {
		return "", nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", esop.Errorf(esop.EINVALID,
			"alamat situs (--base-url) %q tidak sah: tulis alamat lengkap seperti https://sop.malangkota.go.id",
			"the site's address (--base-url) %q is not valid: write a full address such as https://sop.malangkota.go.id", base)
	}
	return strings.TrimRight(base, "/"), nil
}

// verifyView is the view model of the verification page.
type verifyView struct {
	Code     string
	Found    bool
	SOP      *esop.SOP
	Version  *esop.Version
	Doc      *esop.Document
	State    string    // in_force, pending, superseded, withdrawn
	Since    esop.Date // effective date of the version
	Until    esop.Date // when it stopped being in force (superseded or withdrawn)
	Replaced *esop.Version
	Reason   string
	Form     bool   // the page asks for a code (/v without one)
	Error    string // what is wrong with the code typed
}

// verifyForm answers GET /v: a form to type the code printed under the
// QR code, for those who cannot scan it. A code sent with it (?code=)
// leads to its page, /v/{code}, written as printed whatever spaces or
// capitals were typed.
func (s *Server) verifyForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	typed := r.URL.Query().Get("code")
	code := strings.ToLower(strings.Join(strings.Fields(typed), ""))
	v := &verifyView{Form: true, Code: typed}
	status := http.StatusOK
	switch {
	case code == "" && !r.URL.Query().Has("code"):
	case len(code) < 8 || len(code) > 64 || strings.Trim(code, "0123456789abcdef") != "":
		v.Error, status = s.msgs.T(rq.lang, "verify.form.bad"), http.StatusUnprocessableEntity
	default:
		http.Redirect(w, r, "/v/"+code, http.StatusSeeOther)
		return nil
	}
	s.renderPage(w, r, rq, status, "verify", v)
	return nil
}

// verify answers GET /v/{code}: whether the printed version with that
// content hash is in force, due, superseded or withdrawn, with the dates.
// It is public: anyone holding a printed SOP may check it.
func (s *Server) verify(w http.ResponseWriter, r *http.Request, rq *request) error {
	code := r.PathValue("code")
	v := &verifyView{Code: code}
	ver, err := s.store.FindVersionByHash(r.Context(), code)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return &esop.Error{Code: esop.ENOTFOUND, Message: esop.Text{
			ID: s.msgs.T("id", "verify.unknown"), EN: s.msgs.T("en", "verify.unknown")}}
	}
	if err != nil {
		return err
	}
	sop, err := s.store.FindSOPByID(r.Context(), ver.SOPID)
	if err != nil {
		return err
	}
	v.Found, v.SOP, v.Version, v.Doc, v.Since = true, sop, ver, ver.Document, ver.Document.Dates.Effective
	versions, err := s.store.FindVersions(r.Context(), sop.ID)
	if err != nil {
		return err
	}
	switch {
	case ver.Status == esop.StatusWithdrawn:
		v.State = "withdrawn"
		events, err := s.store.FindEvents(r.Context(), ver.ID)
		if err != nil {
			return err
		}
		for _, e := range events {
			if e.Action == esop.ActionWithdraw {
				v.Until, v.Reason = esop.Today(e.At), e.Note
			}
		}
	case sop.Current != nil && sop.Current.ID == ver.ID:
		v.State = "in_force"
	case sop.Pending != nil && sop.Pending.ID == ver.ID:
		v.State = "pending"
	default:
		v.State = "superseded"
		// The version that replaced it: the first approved one after it.
		for _, o := range versions {
			if o.Seq > ver.Seq && (o.Status == esop.StatusApproved || o.Status == esop.StatusSuperseded || o.Status == esop.StatusWithdrawn) {
				v.Replaced, v.Until = o, o.Document.Dates.Effective
				break
			}
		}
	}
	s.renderPage(w, r, rq, http.StatusOK, "verify", v)
	return nil
}

package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// The audit log for auditors: every change to every record, filtered by
// actor, kind of record, action and dates, page by page, and exported as
// CSV with the same filters and the hashes of the chain, so that an
// export can be checked on its own against the canonical encoding.

// auditPageSize is the number of entries on one page of the audit log.
const auditPageSize = 50

// The actions and kinds of record the filters offer: those of the store
// and of the features that record their own.
var (
	auditActions  = append(append(slices.Clone(esop.AuditActions), esop.AuditRemind), esop.Actions...)
	auditEntities = append(slices.Clone(esop.AuditEntities), esop.EntityMonitoring, esop.EntityEvaluation,
		esop.EntityHoliday, esop.EntityCalendar, esop.EntityAbsence, esop.EntitySOPSettings,
		esop.EntitySOPVolume, esop.EntityFinding, esop.EntityCompetenceRecord, esop.EntityServiceStandard)
)

// auditForm is the filter form as the user filled it in.
type auditForm struct {
	Actor, Entity, EntityID, Action, From, To string
	Page                                      int
}

// parseAuditForm reads the filters from the query string; dates are whole
// days in loc (the site's time zone), both included.
func parseAuditForm(r *http.Request, loc *time.Location) (auditForm, esop.AuditFilter, error) {
	q := r.URL.Query()
	f := auditForm{Actor: strings.TrimSpace(q.Get("actor")), Entity: q.Get("entity"), EntityID: strings.TrimSpace(q.Get("id")),
		Action: q.Get("action"), From: q.Get("from"), To: q.Get("to"), Page: 1}
	filter := esop.AuditFilter{Actor: f.Actor, Entity: f.Entity, EntityID: f.EntityID, Action: f.Action}
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		f.Page = p
	}
	day := func(s, name string) (time.Time, error) {
		if s == "" {
			return time.Time{}, nil
		}
		d, err := esop.ParseDate(s)
		if err != nil {
			return time.Time{}, esop.Errorf(esop.EINVALID, "Tanggal %q tidak sah (%s).", "The date %q is not valid (%s).", s, name)
		}
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc), nil
	}
	var err error
	if filter.From, err = day(f.From, "from"); err != nil {
		return f, filter, err
	}
	if filter.To, err = day(f.To, "to"); err != nil {
		return f, filter, err
	}
	if !filter.To.IsZero() {
		filter.To = filter.To.AddDate(0, 0, 1)
	}
	return f, filter, nil
}

// query returns the filters as a query string, with page p (0: none).
func (f auditForm) query(p int) string {
	v := url.Values{}
	for k, s := range map[string]string{"actor": f.Actor, "entity": f.Entity, "id": f.EntityID, "action": f.Action, "from": f.From, "to": f.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if p > 1 {
		v.Set("page", strconv.Itoa(p))
	}
	return v.Encode()
}

func withQuery(path, q string) string {
	if q == "" {
		return path
	}
	return path + "?" + q
}

// auditView is the view model of the audit page.
type auditView struct {
	Form               auditForm
	Entries            []auditRow
	Total, Page, Pages int
	First, Last        int    // the entries shown, counted from 1
	PrevURL, NextURL   string // "" on the first and the last page
	CSVURL             string
	Actions, Entities  []option
}

// option is one choice of a select.
type option struct{ Value, Label string }

// auditRow is one entry as the page shows it.
type auditRow struct {
	*esop.AuditEntry
	Action  string // translated
	Entity  string // translated
	Link    string // the page of the record, if it has one
	Changes []auditChange
}

// auditChange is one field of a record that changed.
type auditChange struct{ Field, Before, After string }

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	if !esop.May(esop.Subject{User: rq.user}, esop.PermReadAudit, esop.Scope{}) {
		return errForbidden
	}
	rq.zone = s.siteZone(r.Context())
	form, filter, err := parseAuditForm(r, rq.zone)
	if err != nil {
		return err
	}
	filter.Offset, filter.Limit = (form.Page-1)*auditPageSize, auditPageSize
	entries, total, err := s.store.FindAudit(r.Context(), filter)
	if err != nil {
		return err
	}
	v := auditView{Form: form, Total: total, Page: form.Page, Pages: max(1, (total+auditPageSize-1)/auditPageSize),
		CSVURL: withQuery("/audit.csv", form.query(0))}
	if len(entries) > 0 {
		v.First, v.Last = filter.Offset+1, filter.Offset+len(entries)
	}
	if form.Page > 1 {
		v.PrevURL = withQuery("/audit", form.query(form.Page-1))
	}
	if form.Page < v.Pages {
		v.NextURL = withQuery("/audit", form.query(form.Page+1))
	}
	for _, a := range auditActions {
		v.Actions = append(v.Actions, option{a, s.auditLabel(rq.lang, "audit.action.", a)})
	}
	for _, e := range auditEntities {
		v.Entities = append(v.Entities, option{e, s.auditLabel(rq.lang, "audit.entity.", e)})
	}
	for _, e := range entries {
		row := auditRow{AuditEntry: e,
			Action: s.auditLabel(rq.lang, "audit.action.", e.Action), Entity: s.auditLabel(rq.lang, "audit.entity.", e.Entity),
			Changes: auditChanges(e.Before, e.After)}
		if e.Entity == esop.EntitySOP {
			row.Link = "/sops/" + e.EntityID + "/versions"
		}
		v.Entries = append(v.Entries, row)
	}
	s.renderPage(w, r, rq, http.StatusOK, "audit", v)
	return nil
}

// auditLabel translates an action or an entity; one the catalogue does
// not know (an adapter may record its own) is shown as it is, or as the
// lifecycle event of that name.
func (s *Server) auditLabel(lang, prefix, value string) string {
	for _, key := range []string{prefix + value, "event." + value} {
		if _, ok := s.msgs[lang][key]; ok {
			return s.msgs.T(lang, key)
		}
	}
	return value
}

// auditValueMax is the longest value the page shows whole.
const auditValueMax = 120

// auditChanges lists the fields whose values differ between the before
// and after snapshots, one level into nested objects (version.status);
// long values are cut short. A snapshot that is not a JSON object is
// compared as one value.
func auditChanges(before, after string) []auditChange {
	b, a := flattenSnapshot(before), flattenSnapshot(after)
	var keys []string
	for k := range b {
		keys = append(keys, k)
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []auditChange
	for _, k := range keys {
		if b[k] != a[k] {
			out = append(out, auditChange{Field: k, Before: shorten(b[k]), After: shorten(a[k])})
		}
	}
	return out
}

func flattenSnapshot(s string) map[string]string {
	out := map[string]string{}
	if s == "" {
		return out
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &top); err != nil {
		out["-"] = s
		return out
	}
	for k, v := range top {
		var inner map[string]json.RawMessage
		if bytes.HasPrefix(v, []byte("{")) && json.Unmarshal(v, &inner) == nil {
			for ik, iv := range inner {
				out[k+"."+ik] = plain(iv)
			}
			continue
		}
		out[k] = plain(v)
	}
	return out
}

// plain shows a JSON string without its quotes, anything else as JSON.
func plain(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(v)
}

func shorten(s string) string {
	if r := []rune(s); len(r) > auditValueMax {
		return string(r[:auditValueMax]) + "…"
	}
	return s
}

// auditCSV exports the entries matching the filters, oldest first,
// streaming, with the hashes of the chain.
func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request, rq *request) error {
	if !esop.May(esop.Subject{User: rq.user}, esop.PermReadAudit, esop.Scope{}) {
		return errForbidden
	}
	_, filter, err := parseAuditForm(r, s.siteZone(r.Context()))
	if err != nil {
		return err
	}
	filter.Oldest = true
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="audit-esop-`+s.today().String()+`.csv"`)
	h.Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	cw.Write(esop.AuditCSVHeader)
	err = s.store.EachAudit(r.Context(), filter, func(e *esop.AuditEntry) error {
		return cw.Write(e.CSVRecord())
	})
	cw.Flush()
	if err != nil {
		// The header is sent; all that is left is to log and cut the answer short.
		s.log.Error("audit export", "err", err)
	}
	return nil
}

// withActor tells the store who acts in this request, for the audit log:
// the signed-in user (none for a visitor) from the client's address.
func (s *Server) withActor(r *http.Request, u *esop.User) *http.Request {
	name := ""
	if u != nil {
		name = u.Username
	}
	return r.WithContext(esop.WithActor(r.Context(), name, s.clientAddr(r)))
}

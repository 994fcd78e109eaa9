package web

import (
	"net/http"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/api"
)

// Webhooks (issue 14, point 7; docs/decisions.md "Webhooks"): the
// administrator registers receivers at /admin/webhooks or through the API;
// the store records each event for its subscribers in the transaction of
// the change, and the job queue delivers it signed (jobs/webhook.go). The
// secret is shown once, on the page or in the answer that made it.

// webhooksView is the view model of /admin/webhooks.
type webhooksView struct {
	Error      string
	Webhooks   []*esop.Webhook
	Deliveries []*esop.WebhookDelivery
	Events     []string
	URL        string          // the form as sent, after an error
	Chosen     map[string]bool // its events
	Created    *esop.Webhook   // just made: its secret, shown this once
	Done       string          // "deleted"
}

// webhookLog is how many deliveries the page and the API list.
const webhookLog = api.WebhookLog

func (s *Server) webhooksPage(w http.ResponseWriter, r *http.Request, rq *request, v *webhooksView, status int, formErr error) error {
	var err error
	if v.Webhooks, err = s.store.FindWebhooks(r.Context()); err != nil {
		return err
	}
	if v.Deliveries, err = s.store.FindDeliveries(r.Context(), 0, webhookLog); err != nil {
		return err
	}
	v.Events = esop.WebhookEvents
	if formErr != nil {
		v.Error = esop.ErrorMessage(formErr, rq.lang)
		status = statusOf(formErr)
	}
	w.Header().Set("Cache-Control", "no-store") // the secret, once
	s.renderPage(w, r, rq, status, "admin_webhooks", v)
	return nil
}

func (s *Server) adminWebhooks(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := &webhooksView{Chosen: map[string]bool{}}
	if r.URL.Query().Get("done") == "deleted" {
		v.Done = "deleted"
	}
	return s.webhooksPage(w, r, rq, v, http.StatusOK, nil)
}

func (s *Server) adminCreateWebhook(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseAdminForm(w, r); err != nil {
		return err
	}
	v := &webhooksView{URL: r.PostForm.Get("url"), Chosen: map[string]bool{}}
	for _, e := range r.PostForm["events"] {
		v.Chosen[e] = true
	}
	hook, err := s.store.CreateWebhook(r.Context(), v.URL, r.PostForm["events"])
	switch esop.ErrorCode(err) {
	case "":
		s.log.Info("webhook registered", "id", hook.ID, "events", hook.Events, "by", rq.user.Username)
		v = &webhooksView{Created: hook, Chosen: map[string]bool{}}
		return s.webhooksPage(w, r, rq, v, http.StatusCreated, nil)
	case esop.EINVALID:
		return s.webhooksPage(w, r, rq, v, http.StatusOK, err)
	}
	return err
}

func (s *Server) adminDeleteWebhook(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := idAndForm(w, r)
	if err != nil {
		return err
	}
	if err := s.store.DeleteWebhook(r.Context(), id); err != nil {
		return err
	}
	s.log.Info("webhook deleted", "id", id, "by", rq.user.Username)
	http.Redirect(w, r, "/admin/webhooks?done=deleted", http.StatusSeeOther)
	return nil
}

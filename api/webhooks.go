package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// Webhooks over the API (issue 14, point 7; docs/decisions.md
// "Webhooks"): administrators only. The secret is in the answer that
// made a webhook, and in no later one.

// WebhookLog is how many deliveries the API and the page list.
const WebhookLog = 50

// apiWebhooks lists the webhooks, without their secrets.
func (s *API) apiWebhooks(w http.ResponseWriter, r *http.Request, rq *Request) error {
	list, err := s.store.FindWebhooks(r.Context())
	if err != nil {
		return err
	}
	if list == nil {
		list = []*esop.Webhook{}
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"webhooks": list})
	return nil
}

// apiCreateWebhook registers a webhook: {"url", "events"} → 201 with its
// secret, which no later answer carries.
func (s *API) apiCreateWebhook(w http.ResponseWriter, r *http.Request, rq *Request) error {
	b, err := httpx.ReadJSON(w, r, 16<<10)
	if err != nil {
		return err
	}
	var in struct {
		URL    string   `json:"url"`
		Events []string `json:"events"`
	}
	if err := json.Unmarshal(b, &in); err != nil {
		return esop.Errorf(esop.EINVALID, "Kirim {\"url\", \"events\"} dalam JSON.", "Send {\"url\", \"events\"} as JSON.")
	}
	hook, err := s.store.CreateWebhook(r.Context(), in.URL, in.Events)
	if err != nil {
		return err
	}
	s.log.Info("webhook registered", "id", hook.ID, "events", hook.Events, "by", rq.User.Username)
	httpx.WriteJSON(w, http.StatusCreated, hook)
	return nil
}

func (s *API) apiDeleteWebhook(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return esop.Errorf(esop.ENOTFOUND, "Webhook tidak ditemukan.", "The webhook does not exist.")
	}
	if err := s.store.DeleteWebhook(r.Context(), id); err != nil {
		return err
	}
	s.log.Info("webhook deleted", "id", id, "by", rq.User.Username)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiWebhookDeliveries returns the latest deliveries of a webhook.
func (s *API) apiWebhookDeliveries(w http.ResponseWriter, r *http.Request, rq *Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return esop.Errorf(esop.ENOTFOUND, "Webhook tidak ditemukan.", "The webhook does not exist.")
	}
	list, err := s.store.FindDeliveries(r.Context(), id, WebhookLog)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*esop.WebhookDelivery{}
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"deliveries": list})
	return nil
}

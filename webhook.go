package esop

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Webhooks (issue 14, point 7): an administrator registers a URL for some
// events; each event is then POSTed to it as JSON, signed with the
// webhook's secret (HMAC-SHA256 of the body, header X-ESOP-Signature:
// sha256=HEX), by the job queue, retried with backoff, every attempt
// logged.

// The events a webhook may subscribe to.
const (
	EventSOPApproved  = "sop.approved"  // a version approved (in force from its effective date)
	EventSOPWithdrawn = "sop.withdrawn" // an SOP withdrawn
	EventCaseFinished = "case.finished" // a case's last task done
	EventCaseBreached = "case.breached" // a task of a case past its due
)

// WebhookEvents lists the events, in the order forms show them.
var WebhookEvents = []string{EventSOPApproved, EventSOPWithdrawn, EventCaseFinished, EventCaseBreached}

// EntityWebhook is the kind of audit entry about a webhook; EntityID is
// its ID. The secret is never recorded.
const EntityWebhook = "webhook"

// Webhook is a registered receiver.
type Webhook struct {
	ID     int64    `json:"id"`
	URL    string   `json:"url"`
	Events []string `json:"events"`
	// Secret signs the deliveries; it is returned only by CreateWebhook,
	// once, and never shown or logged again.
	Secret    string    `json:"secret,omitempty"`
	CreatedBy string    `json:"createdBy"`
	CreatedAt time.Time `json:"createdAt"`
}

// The states of a delivery.
const (
	DeliveryPending   = "pending"   // not yet delivered; tried again with backoff
	DeliveryDelivered = "delivered" // the receiver answered 2xx
	DeliveryFailed    = "failed"    // every attempt failed, or the webhook was deleted
)

// WebhookDelivery is one event for one webhook and what became of it.
type WebhookDelivery struct {
	ID        int64     `json:"id"`
	WebhookID int64     `json:"webhookId"`
	Event     string    `json:"event"`
	Payload   string    `json:"-"`
	Status    string    `json:"status"`
	Attempts  int       `json:"attempts"`
	LastCode  int       `json:"lastCode,omitempty"`  // the receiver's last HTTP status
	LastError string    `json:"lastError,omitempty"` // why the last attempt failed
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// WebhookService keeps the webhooks and their delivery log.
type WebhookService interface {
	// CreateWebhook registers rawURL for events (CheckWebhook) with a new
	// random secret, which only the returned Webhook carries.
	CreateWebhook(ctx context.Context, rawURL string, events []string) (*Webhook, error)
	// FindWebhooks returns the webhooks, without their secrets.
	FindWebhooks(ctx context.Context) ([]*Webhook, error)
	// DeleteWebhook removes a webhook; its pending deliveries fail.
	DeleteWebhook(ctx context.Context, id int64) error
	// FindDeliveries returns the latest deliveries of a webhook (0: of
	// every webhook), newest first, at most limit.
	FindDeliveries(ctx context.Context, webhookID int64, limit int) ([]*WebhookDelivery, error)
}

// CheckWebhook checks a webhook's URL and events and returns them
// normalised. The URL must be absolute http or https, with a host, without
// a user name or password (they would be shown in the list) and at most
// 2,000 characters; which addresses it may reach is decided when it is
// delivered to (see jobs). Events must be known, at least one.
func CheckWebhook(rawURL string, events []string) (string, []string, error) {
	rawURL = strings.TrimSpace(rawURL)
	u, err := url.Parse(rawURL)
	switch {
	case rawURL == "":
		return "", nil, Errorf(EINVALID, "URL webhook wajib diisi.", "The webhook URL is required.")
	case len(rawURL) > 2000:
		return "", nil, Errorf(EINVALID, "URL webhook terlalu panjang (paling banyak 2.000 karakter).", "The webhook URL is too long (2,000 characters at most).")
	case err != nil || !u.IsAbs() || u.Host == "" || u.Hostname() == "":
		return "", nil, Errorf(EINVALID, "URL webhook harus alamat lengkap, misalnya https://contoh.go.id/esop.", "The webhook URL must be a full address, such as https://example.go.id/esop.")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", nil, Errorf(EINVALID, "URL webhook harus memakai http atau https, bukan %s.", "The webhook URL must use http or https, not %s.", u.Scheme)
	case u.User != nil:
		return "", nil, Errorf(EINVALID, "URL webhook tidak boleh memuat nama pengguna atau kata sandi; penerima memeriksa tanda tangan.", "The webhook URL must not hold a user name or password; the receiver checks the signature.")
	case u.Fragment != "":
		return "", nil, Errorf(EINVALID, "URL webhook tidak boleh memuat #bagian.", "The webhook URL must not hold a #fragment.")
	}
	var out []string
	for _, e := range events {
		e = strings.TrimSpace(e)
		if !slices.Contains(WebhookEvents, e) {
			return "", nil, Errorf(EINVALID, "Peristiwa %q tidak dikenal (%s).", "Unknown event %q (%s).", e, strings.Join(WebhookEvents, ", "))
		}
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return "", nil, Errorf(EINVALID, "Pilih sedikitnya satu peristiwa.", "Choose at least one event.")
	}
	slices.SortFunc(out, func(a, b string) int { return slices.Index(WebhookEvents, a) - slices.Index(WebhookEvents, b) })
	return u.String(), out, nil
}

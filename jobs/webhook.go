package jobs

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"syscall"
	"time"

	"github.com/riverqueue/river"

	"github.com/esop-malang/esop"
)

// WebhookStore is what the webhook jobs need of the database: the
// deliveries written by the changes that caused them (an outbox), and a
// record of each attempt. sqlstore.DB implements it.
type WebhookStore interface {
	PendingDeliveries(ctx context.Context, limit int) ([]int64, error)
	DeliveryTarget(ctx context.Context, id int64) (d *esop.WebhookDelivery, url, secret string, err error)
	RecordDelivery(ctx context.Context, id int64, code int, errText, status string) error
}

// WebhookDispatchEvery is how often the pending deliveries are given to
// the queue: an event reaches its receiver within about this time.
const WebhookDispatchEvery = 5 * time.Second

// webhookTries is how many times a delivery is tried; DefaultWebhookBackoff
// the waits between the tries, about 20 hours in all.
const webhookTries = 10

// DefaultWebhookBackoff is the wait after each failed attempt (the last
// repeated): 10 s, 1 min, 5 min, 30 min, then 2 h, 4 h, 6 h.
var DefaultWebhookBackoff = []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 4 * time.Hour, 6 * time.Hour}

// SignatureHeader carries the signature of a delivery: "sha256=" and the
// hex HMAC-SHA256 of the body with the webhook's secret.
const SignatureHeader = "X-ESOP-Signature"

// Sign returns the value of SignatureHeader for body.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// WebhookDispatchArgs is the job, every 5 s, that queues a delivery job
// for every pending delivery. It is unique for its period.
type WebhookDispatchArgs struct{}

// Kind returns "webhook_dispatch".
func (WebhookDispatchArgs) Kind() string { return "webhook_dispatch" }

// InsertOpts makes the dispatch unique for its period.
func (WebhookDispatchArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: WebhookDispatchEvery}}
}

// WebhookDeliverArgs is one delivery, unique for it, tried webhookTries
// times with the queue's webhook backoff.
type WebhookDeliverArgs struct {
	DeliveryID int64 `json:"delivery_id" river:"unique"`
}

// Kind returns "webhook_deliver".
func (WebhookDeliverArgs) Kind() string { return "webhook_deliver" }

// InsertOpts makes the delivery unique and tries it webhookTries times.
func (WebhookDeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: webhookTries, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type webhookDispatchWorker struct {
	river.WorkerDefaults[WebhookDispatchArgs]
	q *Queue
}

// Work queues the pending deliveries; those already queued (or being
// tried again later) are skipped as duplicates.
func (w *webhookDispatchWorker) Work(ctx context.Context, job *river.Job[WebhookDispatchArgs]) error {
	ids, err := w.q.cfg.Webhooks.PendingDeliveries(ctx, 500)
	if err != nil || len(ids) == 0 {
		return err
	}
	params := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		params[i] = river.InsertManyParams{Args: WebhookDeliverArgs{DeliveryID: id}}
	}
	_, err = w.q.client.InsertMany(ctx, params)
	return err
}

type webhookDeliverWorker struct {
	river.WorkerDefaults[WebhookDeliverArgs]
	q *Queue
}

// Timeout bounds one attempt, the receiver's answer included.
func (w *webhookDeliverWorker) Timeout(*river.Job[WebhookDeliverArgs]) time.Duration {
	return 30 * time.Second
}

// NextRetry waits the webhook backoff of the attempt that failed.
func (w *webhookDeliverWorker) NextRetry(job *river.Job[WebhookDeliverArgs]) time.Time {
	b := w.q.webhookBackoff()
	return time.Now().Add(b[min(max(job.Attempt, 1), len(b))-1])
}

// Work sends the delivery once: a 2xx answer delivers it; anything else
// is recorded and returned, so River tries again, until the last attempt,
// which records it failed.
func (w *webhookDeliverWorker) Work(ctx context.Context, job *river.Job[WebhookDeliverArgs]) error {
	id := job.Args.DeliveryID
	d, target, secret, err := w.q.cfg.Webhooks.DeliveryTarget(ctx, id)
	if esop.ErrorCode(err) == esop.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	if d.Status != esop.DeliveryPending {
		return nil // delivered, or the webhook deleted
	}
	code, sendErr := w.q.send(ctx, target, secret, d)
	if sendErr == nil {
		w.q.log.Info("webhook delivered", "webhook", d.WebhookID, "delivery", id, "event", d.Event, "attempt", job.Attempt)
		return w.q.cfg.Webhooks.RecordDelivery(ctx, id, code, "", esop.DeliveryDelivered)
	}
	status := esop.DeliveryPending
	if job.Attempt >= job.MaxAttempts {
		status = esop.DeliveryFailed
	}
	w.q.log.Warn("webhook not delivered", "webhook", d.WebhookID, "delivery", id, "event", d.Event, "attempt", job.Attempt, "status", code, "err", sendErr)
	if err := w.q.cfg.Webhooks.RecordDelivery(ctx, id, code, sendErr.Error(), status); err != nil {
		return err
	}
	return sendErr
}

// send POSTs a delivery and returns the receiver's status.
func (q *Queue) send(ctx context.Context, target, secret string, d *esop.WebhookDelivery) (int, error) {
	body := []byte(d.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "e-SOP-Webhook/1")
	req.Header.Set("X-ESOP-Event", d.Event)
	req.Header.Set("X-ESOP-Delivery", strconv.FormatInt(d.ID, 10))
	req.Header.Set(SignatureHeader, Sign(secret, body))
	res, err := q.webhookClient().Do(req)
	if err != nil {
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) && ue.Unwrap() != nil {
			err = ue.Unwrap() // without the URL, which may carry a receiver's token
		}
		return 0, err
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return res.StatusCode, fmt.Errorf("the receiver answered %d", res.StatusCode)
	}
	return res.StatusCode, nil
}

func (q *Queue) webhookBackoff() []time.Duration {
	if len(q.cfg.WebhookBackoff) > 0 {
		return q.cfg.WebhookBackoff
	}
	return DefaultWebhookBackoff
}

// webhookClient returns the HTTP client of the deliveries: no proxy from
// the environment, no redirects followed (a 3xx is a failure), 20 s for an
// answer, and a dialer that refuses the addresses of this machine and of
// the cloud's metadata service (forbiddenAddr), checked on the address
// actually dialled, so that a name that resolves to one (or changes to
// one later) is refused too.
func (q *Queue) webhookClient() *http.Client {
	q.webhookOnce.Do(func() {
		dialer := &net.Dialer{Timeout: 10 * time.Second, Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return err
			}
			if forbiddenAddr(ap.Addr(), q.cfg.WebhookAllowLoopback) {
				return fmt.Errorf("webhook address %s refused: loopback, link-local, multicast or unspecified addresses are not delivered to", ap.Addr())
			}
			return nil
		}}
		q.webhooks = &http.Client{
			Timeout:       20 * time.Second,
			Transport:     &http.Transport{Proxy: nil, DialContext: dialer.DialContext, TLSHandshakeTimeout: 10 * time.Second, MaxIdleConnsPerHost: 2},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	})
	return q.webhooks
}

// forbiddenAddr reports whether a delivery may not go to ip: this machine
// (loopback, unless allowLoopback, and the unspecified address),
// link-local addresses (169.254.0.0/16 holds the cloud metadata service),
// multicast. Private networks (10/8, 172.16/12, 192.168/16, fc00::/7) are
// allowed: an office's own systems are often there.
func forbiddenAddr(ip netip.Addr, allowLoopback bool) bool {
	ip = ip.Unmap()
	return (ip.IsLoopback() && !allowLoopback) || ip.IsUnspecified() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsMulticast() || ip.IsInterfaceLocalMulticast()
}

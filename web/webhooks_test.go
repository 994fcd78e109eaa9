package web_test

import (
	"context"
	"crypto/hmac"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/jobs"
	"github.com/esop-malang/esop/storetest"
)

// received is one request a test receiver got.
type received struct {
	event, delivery, signature string
	body                       []byte
}

// Webhooks end to end (issue 14, point 7): the administrator registers a
// receiver for sop.approved through the API; the secret comes once. An
// SOP approved on the web is delivered by the job queue, signed with the
// secret; the receiver's first answer, 500, is logged and the delivery
// tried again, then delivered. The withdrawal, an event the webhook did
// not subscribe to, is never delivered. The page shows the log, never
// the secret; bad URLs are refused with the reason.
func TestWebhooks(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testWebhooks(t, newEnv(t)) })
	t.Run("postgres", func(t *testing.T) { testWebhooks(t, newEnvOn(t, storetest.FreshPostgres(t))) })
}

func testWebhooks(t *testing.T, e *env) {
	ctx := context.Background()
	dialect := e.db.Dialect().Name()
	var (
		mu   sync.Mutex
		got  []received
		fail = 1 // answer 500 this many times first
	)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		got = append(got, received{r.Header.Get("X-ESOP-Event"), r.Header.Get("X-ESOP-Delivery"), r.Header.Get(jobs.SignatureHeader), b})
		if fail > 0 {
			fail--
			http.Error(w, "sibuk", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer receiver.Close()

	admin := e.bearer("admin")
	c := e.newClient()
	for _, bad := range []struct{ url, says string }{
		{"ftp://sistem.malangkota.go.id/esop", "http atau https"},
		{"https://pengguna:rahasia@sistem.malangkota.go.id/", "nama pengguna atau kata sandi"},
		{"sistem.malangkota.go.id/esop", "alamat lengkap"},
	} {
		var body map[string]string
		res := e.apiJSON(c, http.MethodPost, "/api/v1/webhooks", admin, map[string]any{"url": bad.url, "events": []string{esop.EventSOPApproved}}, &body)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body["error"], bad.says) {
			t.Errorf("%s: %d %v", bad.url, res.StatusCode, body)
		}
	}
	var body map[string]string
	if res := e.apiJSON(c, http.MethodPost, "/api/v1/webhooks", admin, map[string]any{"url": receiver.URL + "/esop", "events": []string{"sop.dibuang"}}, &body); res.StatusCode != 422 {
		t.Errorf("an unknown event: %d %v", res.StatusCode, body)
	}
	var hook esop.Webhook
	if res := e.apiJSON(c, http.MethodPost, "/api/v1/webhooks", admin, map[string]any{"url": receiver.URL + "/esop", "events": []string{esop.EventSOPApproved}}, &hook); res.StatusCode != http.StatusCreated || len(hook.Secret) != 64 {
		t.Fatalf("register: %d %+v", res.StatusCode, hook)
	}
	var list struct{ Webhooks []map[string]any }
	res := e.apiJSON(c, http.MethodGet, "/api/v1/webhooks", admin, nil, &list)
	if len(list.Webhooks) != 1 || strings.Contains(res.body, hook.Secret) || list.Webhooks[0]["secret"] != nil {
		t.Errorf("the list: %s", res.body)
	}
	audit, _, err := e.db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntityWebhook})
	if err != nil || len(audit) != 1 || strings.Contains(audit[0].After, hook.Secret) || !strings.Contains(audit[0].After, receiver.URL) {
		t.Errorf("audit of the webhook: %v %+v", err, audit)
	}

	// The job queue of the server, delivering to this machine (the test's
	// receiver), trying again after a second.
	if err := jobs.Migrate(ctx, e.db.SQL(), dialect); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(jobs.Config{DB: e.db.SQL(), Dialect: dialect, Store: e.db, Webhooks: e.db, WebhookBackoff: []time.Duration{time.Second},
		WebhookAllowLoopback: true, Poll: jobs.Poll{Interval: 200 * time.Millisecond, Cooldown: 50 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stop, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		q.Stop(stop)
	}()

	// An SOP approved, then withdrawn, on the web.
	kadis, err := e.db.FindEmployeeByNIP(ctx, kadisNIP)
	if err != nil {
		t.Fatal(err)
	}
	u := e.user("pengesah")
	u.EmployeeID = kadis.ID
	if err := e.db.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	author, reviewer, approver := e.session("penyusun"), e.session("pemeriksa"), e.session("pengesah")
	d := draftDocument(t, e.sop(akSample), unitPenta, "Pelayanan Uji Webhook")
	if res := e.postForm(author, "/sops/new", editorForm(d, "submit", 0)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %s", gist(res))
	}
	sop := e.sop(d.Title)
	path := fmt.Sprintf("/sops/%d/transitions", sop.ID)
	for _, step := range []struct {
		c    *http.Client
		form url.Values
	}{
		{reviewer, url.Values{"action": {"review"}}},
		{approver, url.Values{"action": {"approve"}, "effective": {fixedNow.Format(time.DateOnly)}, "confirm": {"yes"}}},
		{approver, url.Values{"action": {"withdraw"}, "note": {"Uji webhook"}, "confirm": {"yes"}}},
	} {
		if res := e.postForm(step.c, path, step.form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%v: %s", step.form, gist(res))
		}
	}

	deadline := time.Now().Add(60 * time.Second)
	var deliveries struct{ Deliveries []esop.WebhookDelivery }
	for {
		e.apiJSON(c, http.MethodGet, fmt.Sprintf("/api/v1/webhooks/%d/deliveries", hook.ID), admin, nil, &deliveries)
		if len(deliveries.Deliveries) == 1 && deliveries.Deliveries[0].Status == esop.DeliveryDelivered {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not delivered within a minute: %+v", deliveries.Deliveries)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if dl := deliveries.Deliveries[0]; dl.Event != esop.EventSOPApproved || dl.Attempts != 2 || dl.LastCode != http.StatusNoContent {
		t.Errorf("the delivery: %+v, want sop.approved delivered at the second attempt", dl)
	}
	mu.Lock()
	requests := append([]received(nil), got...)
	mu.Unlock()
	if len(requests) != 2 {
		t.Fatalf("the receiver got %d requests, want 2 (500, then 204)", len(requests))
	}
	for i, r := range requests {
		if want := jobs.Sign(hook.Secret, r.body); !hmac.Equal([]byte(r.signature), []byte(want)) || !strings.HasPrefix(r.signature, "sha256=") {
			t.Errorf("request %d: signature %q, want %q", i+1, r.signature, want)
		}
		if r.event != esop.EventSOPApproved || r.delivery != fmt.Sprint(deliveries.Deliveries[0].ID) {
			t.Errorf("request %d: event %q delivery %q", i+1, r.event, r.delivery)
		}
		var payload struct {
			Event string
			Data  map[string]any
		}
		if err := json.Unmarshal(r.body, &payload); err != nil || payload.Event != esop.EventSOPApproved ||
			payload.Data["sopId"] != float64(sop.ID) || payload.Data["title"] != d.Title || payload.Data["number"] == "" {
			t.Errorf("request %d: payload %s (%v)", i+1, r.body, err)
		}
	}
	if bad := jobs.Sign("bukan-rahasianya", requests[1].body); bad == requests[1].signature {
		t.Error("any secret gives the same signature")
	}

	// The page: the log, never the secret; a webhook made there shows
	// its secret once.
	adminWeb := e.session("admin")
	page := e.do(adminWeb, http.MethodGet, "/admin/webhooks", nil)
	if page.StatusCode != 200 || strings.Contains(page.body, hook.Secret) || !strings.Contains(page.body, receiver.URL+"/esop") ||
		!strings.Contains(page.body, "terkirim") || !strings.Contains(page.body, "HTTP 204") {
		t.Errorf("the page: %d %s", page.StatusCode, mainOf(page.body))
	}
	res = e.postForm(adminWeb, "/admin/webhooks", url.Values{"url": {"gopher://x"}, "events": {esop.EventCaseFinished}})
	if res.StatusCode != 422 || !strings.Contains(res.body, "http atau https, bukan gopher") {
		t.Errorf("a bad URL on the page: %s", gist(res))
	}
	res = e.postForm(adminWeb, "/admin/webhooks", url.Values{"url": {"https://sistem.malangkota.go.id/kasus"}, "events": {esop.EventCaseFinished, esop.EventCaseBreached}})
	var made []*esop.Webhook
	if made, err = e.db.FindWebhooks(ctx); err != nil || len(made) != 2 {
		t.Fatalf("webhooks after the form: %d %v", len(made), err)
	}
	if res.StatusCode != http.StatusCreated || !strings.Contains(res.body, `id="wh-secret" readonly value="`) || res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the page after registering: %s", gist(res))
	}
	if again := e.do(adminWeb, http.MethodGet, "/admin/webhooks", nil); strings.Contains(again.body, `id="wh-secret"`) {
		t.Error("the secret is shown again")
	}
	if res := e.apiJSON(c, http.MethodDelete, fmt.Sprintf("/api/v1/webhooks/%d", made[1].ID), admin, nil, nil); res.StatusCode != http.StatusNoContent {
		t.Errorf("delete: %s", gist(res))
	}
	mu.Lock()
	defer mu.Unlock()
	for _, r := range got {
		if r.event != esop.EventSOPApproved {
			t.Errorf("the receiver got %s, to which it did not subscribe", r.event)
		}
	}
}

package storetest

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlstore"
)

var webhookTests = []struct {
	name string
	fn   func(t *testing.T, db *sqlstore.DB)
}{
	{"WebhookCaseEvents", testWebhookCaseEvents},
}

// The events of cases become deliveries for the webhooks subscribed to
// them, in the transaction of the change: a breach noticed, a case
// finished; a webhook not subscribed gets none, a deleted one no more.
func testWebhookCaseEvents(t *testing.T, db *sqlstore.DB) {
	ctx := context.Background()
	o := newOffice(t, db)
	cases, err := db.CreateWebhook(ctx, "https://kasus.uji.go.id/esop", []string{esop.EventCaseBreached, esop.EventCaseFinished})
	if err != nil {
		t.Fatal(err)
	}
	sops, err := db.CreateWebhook(ctx, "https://sop.uji.go.id/esop", []string{esop.EventSOPApproved})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = esop.CheckWebhook("ftp://x.go.id/", []string{esop.EventSOPApproved})
	mustCode(t, err, esop.EINVALID)
	_, err = db.CreateWebhook(ctx, "https://x.go.id/", nil)
	mustCode(t, err, esop.EINVALID)

	rec := o.start(t, "loket")
	if err := db.MarkNoticed(ctx, rec.ID, 1, esop.NoticeAtRisk); err != nil {
		t.Fatal(err)
	}
	if err := db.MarkNoticed(ctx, rec.ID, 1, esop.NoticeBreached); err != nil {
		t.Fatal(err)
	}
	rec = o.complete(t, rec, "loket", "")
	rec = o.complete(t, rec, "loket", "")
	rec = o.complete(t, rec, "staf1", "yes")
	rec = o.complete(t, rec, "kabid", "")
	rec = o.complete(t, rec, "kabid", "")
	if rec.State != esop.CaseDone {
		t.Fatalf("case %s", rec.State)
	}
	list, err := db.FindDeliveries(ctx, cases.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Event != esop.EventCaseFinished || list[1].Event != esop.EventCaseBreached {
		t.Fatalf("deliveries %+v", list)
	}
	for _, d := range list {
		var p struct {
			ID    int64
			Event string
			Data  map[string]any
		}
		if err := json.Unmarshal([]byte(d.Payload), &p); err != nil || p.ID != d.ID || p.Event != d.Event ||
			p.Data["caseId"] != float64(rec.ID) || p.Data["code"] != rec.Code || d.Status != esop.DeliveryPending {
			t.Errorf("delivery %+v: payload %s (%v)", d, d.Payload, err)
		}
	}
	if breach := list[1]; breach.Payload == "" || !json.Valid([]byte(breach.Payload)) {
		t.Errorf("breach payload %q", breach.Payload)
	}
	if other, _ := db.FindDeliveries(ctx, sops.ID, 10); len(other) != 0 {
		t.Errorf("the SOP webhook got %+v", other)
	}
	pending, err := db.PendingDeliveries(ctx, 10)
	if err != nil || len(pending) != 2 {
		t.Fatalf("pending %v %v", pending, err)
	}
	if err := db.DeleteWebhook(ctx, cases.ID); err != nil {
		t.Fatal(err)
	}
	mustCode(t, db.DeleteWebhook(ctx, cases.ID), esop.ENOTFOUND)
	if pending, _ := db.PendingDeliveries(ctx, 10); len(pending) != 0 {
		t.Errorf("pending after the delete: %v", pending)
	}
	rec = o.start(t, "loket")
	if err := db.MarkNoticed(ctx, rec.ID, 1, esop.NoticeBreached); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.FindDeliveries(ctx, 0, 10); len(list) != 2 || list[0].Status != esop.DeliveryFailed {
		t.Errorf("after the delete: %+v", list)
	}
	hooks, _ := db.FindWebhooks(ctx)
	if len(hooks) != 1 || hooks[0].ID != sops.ID || hooks[0].Secret != "" {
		t.Errorf("webhooks %+v", hooks)
	}
}

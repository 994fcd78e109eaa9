package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop/internal/smtptest"
)

// TestServeReminders boots esop serve with an SMTP server: at start-up
// the job queue starts, and the author of Bidang Penempatan, who has an
// address, is reminded of the sample SOPs of the unit overdue for review,
// with links to the site; the password is never in the output; the
// queue stops with the server.
func TestServeReminders(t *testing.T) {
	db := filepath.Join(t.TempDir(), "esop.db")
	if r := esopRun(t, map[string]string{"ESOP_DB": db}, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := esopRun(t, map[string]string{"ESOP_DB": db, "ESOP_PASSWORD": "kata-sandi-baru-1"}, "user", "add", "ani", "--role", "penyusun",
		"--unit", "bidang-penta", "--name", "Ani Lestari", "--email", "ani@disnaker.malangkota.go.id"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	srv := smtptest.Start(t, smtptest.Options{Auth: true})
	env := map[string]string{"ESOP_ADMIN_PASSWORD": "rahasia-admin-uji", "ESOP_SMTP_ADDR": srv.Addr(),
		"ESOP_SMTP_FROM": "e-SOP <esop@malangkota.go.id>", "ESOP_SMTP_USER": "relay", "ESOP_SMTP_PASSWORD": "sandi-smtp-rahasia"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--base-url", "https://esop.malangkota.go.id/"},
			func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	}()
	msgs := srv.Wait(1, 20*time.Second)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not shut down")
	}
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "ani@disnaker.malangkota.go.id" || msgs[0].Auth != "\x00relay\x00sandi-smtp-rahasia" {
		t.Fatalf("messages %+v\n%s", msgs, errb.String())
	}
	p, err := msgs[0].Parse()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Subject, "[e-SOP] Pengingat tinjauan") || !strings.Contains(p.Body, "Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)") ||
		!regexp.MustCompile(`Tautan +: https://esop\.malangkota\.go\.id/sops/\d+\n`).MatchString(p.Body) {
		t.Errorf("the reminder: %q\n%s", p.Subject, p.Body)
	}
	logs := out.String() + errb.String()
	if strings.Contains(logs, "sandi-smtp-rahasia") {
		t.Error("the SMTP password is in the output")
	}
	for _, want := range []string{"job queue started", "e-mail reminders of review dates are on", "review reminder sent", "to=ani@disnaker.malangkota.go.id", "job queue stopped",
		`periodic="[sweep_superseded review_plan sla_scan webhook_dispatch reassign_tasks]"`} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log lacks %q:\n%s", want, logs)
		}
	}
}

// A half-configured mail server stops esop serve before it starts.
func TestServeSMTPConfig(t *testing.T) {
	db := filepath.Join(t.TempDir(), "esop.db")
	r := esopRun(t, map[string]string{"ESOP_DB": db, "ESOP_SMTP_ADDR": "smtp.malangkota.go.id:587"}, "serve", "--addr", "127.0.0.1:0")
	if r.code == 0 || !strings.Contains(r.stderr, "ESOP_SMTP_FROM") {
		t.Errorf("no sender: %d %q", r.code, r.stderr)
	}
}

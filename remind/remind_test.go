package remind_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"log/slog"
	"math/big"
	"net"
	"net/mail"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/smtptest"
	"github.com/esop-malang/esop/remind"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
)

// parse reads a message as its recipient does.
func parse(t *testing.T, m smtptest.Message) parsed {
	t.Helper()
	p, err := m.Parse()
	if err != nil {
		t.Fatalf("not a message: %v\n%s", err, m.Data)
	}
	if ct := p.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	if cte := p.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
		t.Errorf("transfer encoding %q", cte)
	}
	return parsed{to: p.Header.Get("To"), from: p.Header.Get("From"), subject: p.Subject, body: p.Body, header: p.Header}
}

// parsed is a message as its recipient reads it.
type parsed struct {
	to, from, subject, body string
	header                  mail.Header
}

// The clock of the tests: five sample SOPs are due or overdue for review.
var fixedNow = time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC) // 08:00 WIB

// book opens a database with the sample book and these users:
//   - ani, penyusun of Bidang Penempatan: two SOPs (one overdue, one due);
//   - budi, pemeriksa of Bidang HI: one overdue;
//   - sekdin, penyusun of the whole Dinas (the ancestor of every unit): all five;
//   - nomail, penyusun of Bidang Penempatan without an address;
//   - kadis (pengesah), pelaksana, a disabled author, and an author of a
//     unit with nothing due: none.
func book(t *testing.T) (*sqlstore.DB, *time.Time) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "esop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := fixedNow
	db.Now = func() time.Time { return now }
	if _, err := sampledata.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	units, err := db.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	unit := map[string]int64{}
	for _, u := range units {
		unit[u.Key] = u.ID
	}
	for _, u := range []*esop.User{
		{Username: "ani", Name: "Ani Lestari", Email: "ani@disnaker.example.go.id", Grants: []esop.Grant{{Role: esop.RolePenyusun, UnitID: unit["bidang-penta"]}}},
		{Username: "budi", Name: "Budi Santoso", Email: "budi@disnaker.example.go.id", Grants: []esop.Grant{{Role: esop.RolePemeriksa, UnitID: unit["bidang-hi"]}}},
		{Username: "sekdin", Name: "Sekretaris Dinas", Email: "sekdin@disnaker.example.go.id", Grants: []esop.Grant{
			{Role: esop.RolePenyusun, UnitID: unit["disnakertrans"]}, {Role: esop.RolePemeriksa, UnitID: unit["disnakertrans"]}}},
		{Username: "nomail", Grants: []esop.Grant{{Role: esop.RolePenyusun, UnitID: unit["bidang-penta"]}}},
		{Username: "kadis", Email: "kadis@disnaker.example.go.id", Grants: []esop.Grant{{Role: esop.RolePengesah, UnitID: unit["disnakertrans"]}}},
		{Username: "pelaksana", Email: "pelaksana@disnaker.example.go.id", Grants: []esop.Grant{{Role: esop.RolePelaksana}}},
		{Username: "mantan", Email: "mantan@disnaker.example.go.id", Disabled: true, Grants: []esop.Grant{{Role: esop.RolePenyusun}}},
		{Username: "transmigrasi", Email: "trans@disnaker.example.go.id", Grants: []esop.Grant{{Role: esop.RolePenyusun, UnitID: unit["bidang-trans"]}}},
	} {
		if err := db.CreateUser(ctx, u, "kata-sandi-panjang"); err != nil {
			t.Fatal(err)
		}
	}
	return db, &now
}

func TestReminders(t *testing.T) {
	db, now := book(t)
	srv := smtptest.Start(t, smtptest.Options{})
	var logs bytes.Buffer
	r := &remind.Reminder{
		Store:   db,
		SMTP:    remind.SMTP{Addr: srv.Addr(), From: "e-SOP Disnakertrans <esop@disnaker.example.go.id>"},
		BaseURL: "https://esop.example.go.id",
		Log:     slog.New(slog.NewTextHandler(&logs, nil)),
		Now:     func() time.Time { return *now },
	}
	ctx := context.Background()
	rep, err := r.RunOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep != (remind.Report{Due: 5, Messages: 3, Reminders: 8, NoAddress: 1}) {
		t.Errorf("report %+v", rep)
	}
	msgs := srv.Take()
	byRcpt := map[string]parsed{}
	for _, m := range msgs {
		if len(m.To) != 1 || m.From != "esop@disnaker.example.go.id" {
			t.Errorf("envelope from %q to %q", m.From, m.To)
			continue
		}
		byRcpt[m.To[0]] = parse(t, m)
	}
	var rcpts []string
	for k := range byRcpt {
		rcpts = append(rcpts, k)
	}
	slices.Sort(rcpts)
	if want := []string{"ani@disnaker.example.go.id", "budi@disnaker.example.go.id", "sekdin@disnaker.example.go.id"}; !slices.Equal(rcpts, want) {
		t.Fatalf("recipients %v, want %v", rcpts, want)
	}
	link := func(number string) string {
		s, err := db.FindSOPByNumber(ctx, number)
		if err != nil {
			t.Fatal(err)
		}
		return "https://esop.example.go.id/sops/" + strconv.FormatInt(s.ID, 10)
	}

	ani := byRcpt["ani@disnaker.example.go.id"]
	if ani.subject != "[e-SOP] Pengingat tinjauan 2 SOP" {
		t.Errorf("subject to ani: %q", ani.subject)
	}
	if ani.to != `"Ani Lestari" <ani@disnaker.example.go.id>` || ani.from != `"e-SOP Disnakertrans" <esop@disnaker.example.go.id>` {
		t.Errorf("headers To %q From %q", ani.to, ani.from)
	}
	if ani.header.Get("Auto-Submitted") != "auto-generated" || ani.header.Get("Message-Id") == "" || ani.header.Get("Date") == "" {
		t.Errorf("headers %v", ani.header)
	}
	for _, want := range []string{
		"Yth. Ani Lestari,",
		"Sudah lewat Tanggal Revisi:",
		"1. Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)\n   Nomor SOP      : 800/012/35.73.405/2024\n",
		"   Tanggal Revisi : 8 Januari 2025 (terlambat 681 hari)\n   Tautan         : " + link("800/012/35.73.405/2024") + "\n",
		"Jatuh tempo dalam 30 hari:",
		"2. Penerbitan Surat Rekomendasi Paspor bagi Calon Pekerja Migran Indonesia\n   Nomor SOP      : 560/128/35.73.405/2025\n",
		"   Tanggal Revisi : 8 Desember 2026 (18 hari lagi)\n   Tautan         : " + link("560/128/35.73.405/2025") + "\n",
		"paling banyak sekali dalam 7 hari",
	} {
		if !strings.Contains(ani.body, want) {
			t.Errorf("the message to ani lacks %q:\n%s", want, ani.body)
		}
	}
	if strings.Contains(ani.body, "Perjanjian Kerja Bersama") {
		t.Error("ani is reminded of an SOP of another unit")
	}

	budi := byRcpt["budi@disnaker.example.go.id"]
	if budi.subject != "[e-SOP] Pengingat tinjauan SOP: Pendaftaran Perjanjian Kerja Bersama" {
		t.Errorf("subject to budi: %q", budi.subject)
	}
	if !strings.Contains(budi.body, "560/081/35.73.405/2025") || !strings.Contains(budi.body, "11 Agustus 2026 (terlambat 101 hari)") {
		t.Errorf("message to budi:\n%s", budi.body)
	}
	sekdin := byRcpt["sekdin@disnaker.example.go.id"]
	if n := strings.Count(sekdin.body, "   Tautan         : "); n != 5 || sekdin.subject != "[e-SOP] Pengingat tinjauan 5 SOP" {
		t.Errorf("sekdin: %q with %d SOPs", sekdin.subject, n)
	}

	// The next day nothing is sent again: at most one reminder per SOP and
	// user in 7 days, even across a restart (the store remembers).
	for _, days := range []int{0, 1, 6} {
		*now = fixedNow.AddDate(0, 0, days)
		rep, err := r.RunOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := srv.Take(); len(got) != 0 || rep.Messages != 0 {
			t.Fatalf("%d days later: %d messages sent again (%+v)", days, len(got), rep)
		}
	}
	// After 7 days the reminders come again; by then the Paspor SOP is 11
	// days from its review date.
	*now = fixedNow.AddDate(0, 0, 7)
	if _, err := r.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	again := srv.Take()
	if len(again) != 3 {
		t.Fatalf("a week later: %d messages, want 3", len(again))
	}
	for _, m := range again {
		if p := parse(t, m); m.To[0] == "ani@disnaker.example.go.id" && !strings.Contains(p.body, "8 Desember 2026 (11 hari lagi)") {
			t.Errorf("a week later, to ani:\n%s", p.body)
		}
	}
	// What was sent is recorded per SOP and user.
	sent, err := db.RemindersSince(ctx, fixedNow.Add(-time.Hour))
	if err != nil || len(sent) != 16 {
		t.Errorf("%d reminders recorded (%v), want 16", len(sent), err)
	}
	// The log names recipients and counts, never the bodies.
	if !strings.Contains(logs.String(), "to=ani@disnaker.example.go.id") || strings.Contains(logs.String(), "Paspor") || strings.Contains(logs.String(), "Ani Lestari") {
		t.Errorf("log:\n%s", logs.String())
	}
}

func TestRemindersWithAuth(t *testing.T) {
	db, now := book(t)
	srv := smtptest.Start(t, smtptest.Options{Auth: true})
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	cfg := remind.SMTP{Addr: srv.Addr(), From: "esop@disnaker.example.go.id", User: "esop-relay", Password: "rahasia-sekali-123"}
	r := &remind.Reminder{Store: db, SMTP: cfg, Log: log, Now: func() time.Time { return *now }}
	if _, err := r.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Take()
	if len(msgs) != 3 {
		t.Fatalf("%d messages, want 3", len(msgs))
	}
	for _, m := range msgs {
		if m.Auth != "\x00esop-relay\x00rahasia-sekali-123" {
			t.Errorf("AUTH PLAIN %q", m.Auth)
		}
		if p := parse(t, m); p.from != `"e-SOP" <esop@disnaker.example.go.id>` {
			t.Errorf("From %q", p.from)
		}
	}
	log.Info("configuration", "smtp", cfg)
	if strings.Contains(logs.String(), "rahasia") || strings.Contains(cfg.String(), "rahasia") {
		t.Errorf("the password is in the log:\n%s", logs.String())
	}
}

// Plan chooses without sending; Send sends one message as things stand
// when it runs: a message sent twice (a job retried after it sent) goes
// once, and an SOP no longer due by then is left out.
func TestPlanAndSend(t *testing.T) {
	db, now := book(t)
	srv := smtptest.Start(t, smtptest.Options{})
	r := &remind.Reminder{Store: db, SMTP: remind.SMTP{Addr: srv.Addr(), From: "esop@disnaker.example.go.id"}, Now: func() time.Time { return *now }}
	ctx := context.Background()
	plan, rep, err := r.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep != (remind.Report{Due: 5, NoAddress: 1}) || len(plan) != 3 {
		t.Fatalf("plan %+v, report %+v", plan, rep)
	}
	if got := srv.Take(); len(got) != 0 {
		t.Fatalf("Plan sent %d messages", len(got))
	}
	byUser := map[string]remind.Message{}
	for _, m := range plan {
		byUser[m.Username] = m
	}
	if len(byUser["ani"].SOPIDs) != 2 || len(byUser["budi"].SOPIDs) != 1 || len(byUser["sekdin"].SOPIDs) != 5 {
		t.Fatalf("plan %+v", plan)
	}
	for range 2 {
		rep, err := r.Send(ctx, byUser["ani"])
		if err != nil {
			t.Fatal(err)
		}
		if msgs := srv.Take(); len(msgs) != rep.Messages {
			t.Fatalf("%d messages, report %+v", len(msgs), rep)
		}
	}
	if sent, _ := db.RemindersSince(ctx, fixedNow.Add(-time.Hour)); len(sent) != 2 {
		t.Fatalf("%d reminders recorded, want 2 (sent once)", len(sent))
	}
	// sekdin's message names five SOPs; two were sent to ani, not to
	// sekdin, so all five still go, in one message.
	if rep, err := r.Send(ctx, byUser["sekdin"]); err != nil || rep.Messages != 1 || rep.Reminders != 5 {
		t.Fatalf("sekdin: %+v %v", rep, err)
	}
	srv.Take()
	// A message naming an SOP that is not due (or not the user's) sends
	// only what is.
	m := byUser["budi"]
	m.SOPIDs = append(m.SOPIDs, byUser["ani"].SOPIDs...)
	if rep, err := r.Send(ctx, m); err != nil || rep.Reminders != 1 {
		t.Fatalf("budi: %+v %v", rep, err)
	}
	if msgs := srv.Take(); len(msgs) != 1 || strings.Contains(parse(t, msgs[0]).body, "Paspor") {
		t.Fatalf("budi: %+v", msgs)
	}
	// Unknown or disabled users get nothing.
	if rep, err := r.Send(ctx, remind.Message{Username: "mantan", SOPIDs: byUser["sekdin"].SOPIDs}); err != nil || rep.Messages != 0 {
		t.Fatalf("disabled user: %+v %v", rep, err)
	}
}

func TestSendFailureIsRetried(t *testing.T) {
	db, now := book(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: every message fails
	r := &remind.Reminder{Store: db, SMTP: remind.SMTP{Addr: addr, From: "esop@example.go.id", Timeout: 2 * time.Second}, Now: func() time.Time { return *now }}
	rep, err := r.RunOnce(context.Background())
	if err != nil || rep.Failed != 3 || rep.Messages != 0 {
		t.Fatalf("%+v %v", rep, err)
	}
	// Nothing is recorded, so the next run tries again.
	srv := smtptest.Start(t, smtptest.Options{})
	r.SMTP.Addr = srv.Addr()
	if rep, err := r.RunOnce(context.Background()); err != nil || rep.Messages != 3 {
		t.Fatalf("retry: %+v %v", rep, err)
	}
}

func TestSMTPFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := remind.SMTPFromEnv(env(nil))
	if err != nil || c.Enabled() {
		t.Fatalf("no server: %+v %v", c, err)
	}
	c, err = remind.SMTPFromEnv(env(map[string]string{"ESOP_SMTP_ADDR": "smtp.example.go.id:587", "ESOP_SMTP_FROM": "e-SOP <esop@example.go.id>",
		"ESOP_SMTP_USER": "esop", "ESOP_SMTP_PASSWORD": "rahasia"}))
	if err != nil || !c.Enabled() || c.User != "esop" || c.Password != "rahasia" {
		t.Fatalf("%+v %v", c, err)
	}
	if s := c.String(); s != "smtp.example.go.id:587 from e-SOP <esop@example.go.id> as esop" {
		t.Errorf("String %q", s)
	}
	for _, bad := range []map[string]string{
		{"ESOP_SMTP_ADDR": "smtp.example.go.id", "ESOP_SMTP_FROM": "esop@example.go.id"},
		{"ESOP_SMTP_ADDR": "smtp.example.go.id:25"},
		{"ESOP_SMTP_ADDR": "smtp.example.go.id:25", "ESOP_SMTP_FROM": "bukan alamat"},
	} {
		if _, err := remind.SMTPFromEnv(env(bad)); esop.ErrorCode(err) != esop.EINVALID {
			t.Errorf("%v: %v", bad, err)
		}
	}
}

// selfSigned returns a server configuration with a certificate for
// 127.0.0.1 and a client configuration that trusts it.
func selfSigned(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test SMTP"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, &tls.Config{RootCAs: roots}
}

// STARTTLS is used when the server offers it, before the password is sent.
func TestSendSTARTTLS(t *testing.T) {
	serverTLS, clientTLS := selfSigned(t)
	srv := smtptest.Start(t, smtptest.Options{Auth: true, TLS: serverTLS})
	c := remind.SMTP{Addr: srv.Addr(), From: "esop@example.go.id", User: "relay", Password: "rahasia", TLS: clientTLS}
	if err := c.Send(context.Background(), []string{"ani@example.go.id"}, []byte("Subject: uji\r\n\r\nisi\r\n")); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Take()
	if len(msgs) != 1 || msgs[0].Auth != "\x00relay\x00rahasia" || !msgs[0].TLS {
		t.Fatalf("messages %+v", msgs)
	}
	// A server whose certificate is not trusted is not given the message.
	c.TLS = nil
	if err := c.Send(context.Background(), []string{"ani@example.go.id"}, []byte("Subject: uji\r\n\r\nisi\r\n")); err == nil {
		t.Error("a message went to a server with an untrusted certificate")
	}
}

// Without TLS, the password is sent only to this machine: a server
// elsewhere that offers no STARTTLS is refused before AUTH.
func TestSendRefusesPlainAuthInClear(t *testing.T) {
	srv := smtptest.Start(t, smtptest.Options{Addr: "127.0.0.2:0", Auth: true}) // a loopback address that net/smtp does not take for this machine
	c := remind.SMTP{Addr: srv.Addr(), From: "esop@example.go.id", User: "relay", Password: "rahasia"}
	err := c.Send(context.Background(), []string{"ani@example.go.id"}, []byte("Subject: uji\r\n\r\nisi\r\n"))
	if err == nil || !strings.Contains(err.Error(), "unencrypted") {
		t.Fatalf("sent in clear: %v", err)
	}
	if msgs := srv.Take(); len(msgs) != 0 {
		t.Fatalf("%d messages delivered", len(msgs))
	}
}

package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/cli"
	"github.com/esop-malang/esop/remind"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/web"
)

// serve runs the web application until the context is cancelled
// (SIGINT or SIGTERM), then shuts down gracefully.
func (c *app) serve(args []string) error {
	fs := c.Flags("serve")
	dsn := c.DBFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	secure := fs.Bool("secure", c.Getenv("ESOP_SECURE") == "1", "mark cookies Secure (the site is served over TLS, e.g. behind a proxy)")
	debug := fs.Bool("debug", false, "log every request")
	baseURL := fs.String("base-url", c.Getenv("ESOP_BASE_URL"), "the site's public address, printed on PDFs for verification and linked from reminder e-mails; required unless --addr is on loopback (then http://ADDR/)")
	trustProxy := fs.Bool("trust-proxy", c.Getenv("ESOP_TRUST_PROXY") == "1", "take the client address from X-Forwarded-For (only behind a reverse proxy)")
	metricsToken := fs.String("metrics-token", c.Getenv("ESOP_METRICS_TOKEN"), "bearer token that lets a scraper (Prometheus) read /metrics; without it only administrators can")
	if err := fs.Parse(args); err != nil {
		return cli.ExitError(2)
	}
	level := slog.LevelInfo
	if *debug {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: level}))
	mail, err := remind.SMTPFromEnv(c.Getenv)
	if err != nil {
		return err
	}
	// Listen first: a server listening beyond loopback without an
	// address to print is refused before it touches the database.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return esop.Errorf(esop.EINVALID, "tidak dapat mendengarkan di %s: %v", "cannot listen on %s: %v", *addr, err)
	}
	defer ln.Close()
	base, err := siteAddress(*baseURL, ln.Addr())
	if err != nil {
		return err
	}
	db, err := openDB(c.Ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := migrateJobs(c.Ctx, db); err != nil {
		return err
	}
	if loaded, err := sampledata.Load(c.Ctx, db); err != nil {
		return err
	} else if loaded {
		log.Info("sample SOP book loaded into the empty database")
	}
	if err := c.firstAdmin(db, log); err != nil {
		return err
	}
	r, err := render.New()
	if err != nil {
		return err
	}
	app, err := web.New(c.Ctx, web.Config{Store: db, Renderer: r, Logger: log, Secure: *secure, TrustProxy: *trustProxy, BaseURL: base,
		MetricsToken: *metricsToken, Version: version, Mail: web.MailStatus{Addr: mail.Addr, From: mail.From, User: mail.User}})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           app,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		// Longer than any request's time budget, so that a request
		// stopped at its budget still gets its answer (503).
		WriteTimeout:   web.DefaultLongBudget + 30*time.Second,
		IdleTimeout:    120 * time.Second,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	c.Say(c.Stdout, "e-SOP berjalan di http://%s/ (hentikan dengan Ctrl+C)\n", "e-SOP is running at http://%s/ (stop with Ctrl+C)\n", ln.Addr())
	log.Info("serving", "addr", ln.Addr().String(), "base_url", base, "db", db.Dialect().Name(), "version", version)
	// The background work (the sweep of superseded versions, reminders,
	// notices) runs on the job queue in the database beside the server
	// and stops with it, before the database closes.
	queue, err := startJobs(c.Ctx, db, app, mail, base, log)
	if err != nil {
		return err
	}
	defer stopJobs(queue, log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go refreshCatalogue(c.Ctx, app, log)
	// Every 250 ms, the SOPs other servers on the same database (or
	// commands) changed come into this server's catalogue and search.
	go app.FollowChanges(c.Ctx, web.DefaultFollowEvery)
	select {
	case err := <-errc:
		return err
	case <-c.Ctx.Done():
	}
	log.Info("shutting down")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// siteAddress returns the public address of the site, printed on PDFs
// for verification and linked from the reminder e-mails: --base-url, or,
// when the server listens on loopback, http://ADDR/. It never comes from
// a request (whose Host header the client chooses). Listening beyond
// loopback without --base-url is refused: the address printed on every
// PDF would otherwise be one only this machine can open.
func siteAddress(baseURL string, ln net.Addr) (string, error) {
	if strings.TrimSpace(baseURL) != "" {
		return baseURL, nil
	}
	if tcp, ok := ln.(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		return "http://" + ln.String() + "/", nil
	}
	return "", esop.Errorf(esop.EINVALID,
		"e-SOP mendengarkan di %s, di luar mesin ini, tetapi alamat situs tidak diberikan: jalankan dengan --base-url https://alamat-situs (atau ESOP_BASE_URL), alamat yang dicetak pada setiap PDF untuk verifikasi dan ditautkan dari e-mail pengingat; atau dengarkan di 127.0.0.1",
		"e-SOP listens on %s, beyond this machine, but the site's address is not given: run it with --base-url https://site-address (or ESOP_BASE_URL), the address printed on every PDF for verification and linked from the reminder e-mails; or listen on 127.0.0.1",
		ln.String())
}

// firstAdmin creates the administrator "admin" when there is no user yet,
// with the password from $ESOP_ADMIN_PASSWORD or a generated one that is
// printed once (and never logged).
func (c *app) firstAdmin(db *sqlstore.DB, log *slog.Logger) error {
	users, err := db.FindUsers(c.Ctx)
	if err != nil || len(users) > 0 {
		return err
	}
	password := c.Getenv("ESOP_ADMIN_PASSWORD")
	generated := password == ""
	if generated {
		b := make([]byte, 15)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		password = base64.RawURLEncoding.EncodeToString(b)
	}
	u := &esop.User{Username: "admin", Name: "Administrator", Grants: []esop.Grant{{Role: esop.RoleAdministrator}, {Role: esop.RoleAuditor}}}
	if err := db.CreateUser(c.Ctx, u, password); err != nil {
		return err
	}
	log.Info("first administrator created", "username", "admin")
	if generated {
		c.Say(c.Stdout, "\nAdministrator pertama: admin, kata sandi: %s\nSimpan kata sandi ini; ia tidak ditampilkan lagi.\n\n",
			"\nFirst administrator: admin, password: %s\nKeep this password; it is not shown again.\n\n", password)
	}
	return nil
}

package remind

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// SMTP is the mail server reminders are sent through, as configured by
// the environment. The password is never logged nor shown: String and
// LogValue leave it out.
type SMTP struct {
	Addr     string // host:port; "" turns the reminders off
	From     string // the sender, "e-SOP <esop@example.go.id>" or a bare address
	User     string // for AUTH PLAIN; "" sends without authentication
	Password string
	// Timeout bounds one message from dialling to QUIT; 0 means 2 minutes.
	Timeout time.Duration
	// TLS, when set, is the model of the TLS configuration (tests give
	// their own roots); nil verifies the server against the system's.
	TLS *tls.Config
}

// tlsConfig returns the TLS configuration for host.
func (c SMTP) tlsConfig(host string) *tls.Config {
	cfg := &tls.Config{}
	if c.TLS != nil {
		cfg = c.TLS.Clone()
	}
	cfg.ServerName = host
	if cfg.MinVersion < tls.VersionTLS12 {
		cfg.MinVersion = tls.VersionTLS12
	}
	return cfg
}

// SMTPFromEnv reads ESOP_SMTP_ADDR, ESOP_SMTP_FROM, ESOP_SMTP_USER and
// ESOP_SMTP_PASSWORD. An empty ESOP_SMTP_ADDR gives a configuration with
// reminders off; otherwise the address must be host:port and the sender a
// valid address.
func SMTPFromEnv(getenv func(string) string) (SMTP, error) {
	c := SMTP{
		Addr:     strings.TrimSpace(getenv("ESOP_SMTP_ADDR")),
		From:     strings.TrimSpace(getenv("ESOP_SMTP_FROM")),
		User:     getenv("ESOP_SMTP_USER"),
		Password: getenv("ESOP_SMTP_PASSWORD"),
	}
	if c.Addr == "" {
		return SMTP{}, nil
	}
	if host, port, err := net.SplitHostPort(c.Addr); err != nil || host == "" || port == "" {
		return c, esop.Errorf(esop.EINVALID, "ESOP_SMTP_ADDR %q harus berbentuk host:port", "ESOP_SMTP_ADDR %q must be host:port", c.Addr)
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return c, esop.Errorf(esop.EINVALID, "ESOP_SMTP_FROM %q bukan alamat surel yang sah (wajib bila ESOP_SMTP_ADDR diisi)",
			"ESOP_SMTP_FROM %q is not a valid e-mail address (required with ESOP_SMTP_ADDR)", c.From)
	}
	return c, nil
}

// Enabled reports whether a server is configured.
func (c SMTP) Enabled() bool { return c.Addr != "" }

// String describes the configuration without the password.
func (c SMTP) String() string {
	if !c.Enabled() {
		return "off"
	}
	s := c.Addr + " from " + c.From
	if c.User != "" {
		s += " as " + c.User
	}
	return s
}

// LogValue logs the configuration without the password.
func (c SMTP) LogValue() slog.Value {
	return slog.GroupValue(slog.String("addr", c.Addr), slog.String("from", c.From), slog.String("user", c.User))
}

// sender returns the envelope sender: the bare address of From.
func (c SMTP) sender() string {
	if a, err := mail.ParseAddress(c.From); err == nil {
		return a.Address
	}
	return c.From
}

// Send delivers one message to the recipients. Port 465 is spoken over
// TLS from the start (SMTPS); otherwise STARTTLS is used whenever the
// server offers it. With a user name, AUTH PLAIN is used, which net/smtp
// allows only over TLS or to this machine, so the password never crosses
// the network in clear.
func (c SMTP) Send(ctx context.Context, to []string, msg []byte) (err error) {
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil {
		return err
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	dialer := &net.Dialer{}
	var conn net.Conn
	if port == "465" {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: c.tlsConfig(host)}).DialContext(ctx, "tcp", c.Addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", c.Addr)
	}
	if err != nil {
		return err
	}
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	// A cancelled context (the server stopping) ends the conversation at once.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	cl, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer cl.Close()
	if err := cl.Hello(helloName()); err != nil {
		return err
	}
	if ok, _ := cl.Extension("STARTTLS"); ok && port != "465" {
		if err := cl.StartTLS(c.tlsConfig(host)); err != nil {
			return fmt.Errorf("STARTTLS: %w", err)
		}
	}
	if c.User != "" {
		if err := cl.Auth(smtp.PlainAuth("", c.User, c.Password, host)); err != nil {
			return fmt.Errorf("AUTH: %w", err)
		}
	}
	if err := cl.Mail(c.sender()); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := cl.Rcpt(rcpt); err != nil {
			return fmt.Errorf("RCPT %s: %w", rcpt, err)
		}
	}
	w, err := cl.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := cl.Quit(); err != nil && !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}

// helloName is the name this machine gives in EHLO.
func helloName() string {
	if h, err := os.Hostname(); err == nil && h != "" && !strings.ContainsAny(h, " \r\n") {
		return h
	}
	return "localhost"
}

// Compose returns a whole message from the configured sender to the
// recipients: headers (the subject Q-encoded, the date in WIB, a fresh
// Message-ID, Auto-Submitted so that no vacation replies come back) and
// the body as quoted-printable UTF-8 plain text, in Indonesian. An
// unparsable sender is an error.
func (c SMTP) Compose(to []*mail.Address, subject, body string, now time.Time) ([]byte, error) {
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return nil, err
	}
	if from.Name == "" {
		from.Name = "e-SOP"
	}
	names := make([]string, len(to))
	for i, a := range to {
		names[i] = a.String()
	}
	id := make([]byte, 12)
	rand.Read(id)
	domain := from.Address[strings.LastIndex(from.Address, "@")+1:]
	var buf bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&buf, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", strings.Join(names, ", "))
	header("Subject", mime.QEncoding.Encode("utf-8", subject))
	header("Date", now.In(esop.Jakarta).Format(time.RFC1123Z))
	header("Message-ID", "<"+hex.EncodeToString(id)+"@"+domain+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Content-Language", "id")
	header("Auto-Submitted", "auto-generated") // RFC 3834: no vacation replies
	buf.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&buf)
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Package smtptest is a tiny SMTP server for tests: the greeting, EHLO or
// HELO, optionally STARTTLS and AUTH PLAIN, MAIL FROM, RCPT TO, DATA,
// RSET, NOOP and QUIT, which is enough for net/smtp. It keeps every
// message it takes.
package smtptest

import (
	"bufio"
	"crypto/tls"
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// Message is one message the server took.
type Message struct {
	From string   // the envelope sender
	To   []string // the envelope recipients
	Auth string   // the decoded AUTH PLAIN response, "" without AUTH
	TLS  bool     // sent after STARTTLS
	Data string   // the message as sent, after DATA
}

// Options configure a Server.
type Options struct {
	Addr string      // where to listen; "" is 127.0.0.1:0
	Auth bool        // offer AUTH PLAIN (and accept any credentials)
	TLS  *tls.Config // offer STARTTLS with this configuration
}

// Server is a running test SMTP server.
type Server struct {
	ln   net.Listener
	opts Options
	mu   sync.Mutex
	msgs []Message
}

// Start starts a server that stops when the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{ln: ln, opts: opts}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.handle(c)
		}
	}()
	return s
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Take returns the messages taken so far and forgets them.
func (s *Server) Take() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.msgs
	s.msgs = nil
	return out
}

// Wait takes messages until there are at least n or the timeout passes.
func (s *Server) Wait(n int, timeout time.Duration) []Message {
	var out []Message
	deadline := time.Now().Add(timeout)
	for len(out) < n && time.Now().Before(deadline) {
		out = append(out, s.Take()...)
		if len(out) < n {
			time.Sleep(20 * time.Millisecond)
		}
	}
	return out
}

func (s *Server) handle(c net.Conn) {
	defer func() { c.Close() }()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	r := textproto.NewReader(bufio.NewReader(c))
	say := func(line string) { io.WriteString(c, line+"\r\n") }
	say("220 test.example ESMTP")
	var (
		m      Message
		secure bool
	)
	for {
		line, err := r.ReadLine()
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			ext := []string{"test.example"}
			if s.opts.TLS != nil && !secure {
				ext = append(ext, "STARTTLS")
			}
			if s.opts.Auth {
				ext = append(ext, "AUTH PLAIN")
			}
			for i, e := range ext {
				sep := "-"
				if i == len(ext)-1 {
					sep = " "
				}
				say("250" + sep + e)
			}
		case "HELO", "NOOP":
			say("250 OK")
		case "STARTTLS":
			if s.opts.TLS == nil || secure {
				say("502 not offered")
				continue
			}
			say("220 Ready to start TLS")
			tc := tls.Server(c, s.opts.TLS)
			if err := tc.Handshake(); err != nil {
				return
			}
			c, secure = tc, true
			r = textproto.NewReader(bufio.NewReader(c))
			m = Message{}
		case "AUTH":
			mech, resp, _ := strings.Cut(arg, " ")
			b, err := base64.StdEncoding.DecodeString(resp)
			if !s.opts.Auth || mech != "PLAIN" || err != nil {
				say("504 unsupported")
				continue
			}
			m.Auth = string(b)
			say("235 2.7.0 Authentication successful")
		case "MAIL":
			m.From = strings.Trim(strings.TrimPrefix(arg, "FROM:"), "<>")
			say("250 OK")
		case "RCPT":
			m.To = append(m.To, strings.Trim(strings.TrimPrefix(arg, "TO:"), "<>"))
			say("250 OK")
		case "DATA":
			say("354 End data with <CR><LF>.<CR><LF>")
			b, err := io.ReadAll(r.DotReader())
			if err != nil {
				return
			}
			m.Data, m.TLS = string(b), secure
			s.mu.Lock()
			s.msgs = append(s.msgs, m)
			s.mu.Unlock()
			m = Message{Auth: m.Auth}
			say("250 OK queued")
		case "RSET":
			m = Message{Auth: m.Auth}
			say("250 OK")
		case "QUIT":
			say("221 Bye")
			return
		default:
			say("502 command not implemented")
		}
	}
}

// Parsed is a message as its reader sees it.
type Parsed struct {
	Header  mail.Header
	Subject string // decoded
	Body    string // decoded, with "\n" line ends
}

// Parse reads the headers of a message, decodes its subject and its
// body (quoted-printable or as it is).
func (m Message) Parse() (*Parsed, error) {
	msg, err := mail.ReadMessage(strings.NewReader(m.Data))
	if err != nil {
		return nil, err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return nil, err
	}
	var body io.Reader = msg.Body
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	return &Parsed{Header: msg.Header, Subject: subject, Body: strings.ReplaceAll(string(b), "\r\n", "\n")}, nil
}

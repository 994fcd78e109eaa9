package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeEndToEnd boots the whole command on a free port with a new
// database: the sample book is loaded, the first administrator created
// with the password from the environment, the site answers, and the
// server shuts down gracefully when the context ends.
func TestServeEndToEnd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "esop.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	env := map[string]string{"ESOP_ADMIN_PASSWORD": "rahasia-admin-uji", "ESOP_METRICS_TOKEN": "token-metrik-uji-0123456789"}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	}()
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var base string
	for i := 0; i < 200 && base == ""; i++ {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			base = "http://" + m[1]
		}
		time.Sleep(50 * time.Millisecond)
	}
	if base == "" {
		t.Fatalf("the server did not start:\n%s\n%s", out.String(), errb.String())
	}
	get := func(path string) (int, string) {
		r, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		return r.StatusCode, string(b)
	}
	if st, body := get("/healthz"); st != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", st, body)
	}
	if st, body := get("/readyz"); st != 200 || body != "ready\n" {
		t.Errorf("readyz: %d %q", st, body)
	}
	if st, body := get("/"); st != 200 || !strings.Contains(body, "Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)") {
		t.Errorf("catalogue: %d", st)
	}
	// Without --base-url on loopback, prints carry http://ADDR/, whatever
	// Host the request names.
	_, catalogue := get("/")
	m := regexp.MustCompile(`href="(/sops/\d+)"`).FindStringSubmatch(catalogue)
	if m == nil {
		t.Fatal("no SOP linked from the catalogue")
	}
	req, _ := http.NewRequest("GET", base+m[1]+"/document.pdf", nil)
	req.Host = "penyerang.example"
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("PDF: %v %v", res, err)
	} else {
		pdf, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if text := printedText(t, pdf); text != "" && (!strings.Contains(text, "Verifikasi: "+base+"/v/") || strings.Contains(text, "penyerang")) {
			t.Errorf("the PDF does not carry the verification address %s/v/…", base)
		}
	}
	// /metrics: the token from the environment, not the peer's address.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for token, want := range map[string]int{"": http.StatusSeeOther, "token-metrik-uji-0123456789": http.StatusOK} {
		req, _ := http.NewRequest("GET", base+"/metrics", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("/metrics with token %q from this machine: %d, want %d", token, res.StatusCode, want)
		}
	}
	r, err := http.Post(base+"/api/v1/tokens", "application/json", strings.NewReader(`{"username":"admin","password":"rahasia-admin-uji"}`))
	if err != nil || r.StatusCode != http.StatusCreated {
		t.Errorf("the first administrator cannot sign in: %v %v", r.StatusCode, err)
	}
	r.Body.Close()
	if strings.Contains(out.String()+errb.String(), "rahasia-admin-uji") {
		t.Error("the administrator's password shows in the output")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not shut down")
	}
	if !strings.Contains(errb.String(), "shutting down") {
		t.Errorf("no graceful shutdown in the log:\n%s", errb.String())
	}
	if strings.Count(errb.String(), "e-mail reminders of review dates are off") != 1 {
		t.Errorf("the log does not say once that the reminders are off:\n%s", errb.String())
	}
}

// printedText returns the text of a PDF, "" when pdftotext is missing
// (outside CI).
func printedText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing; .ci/run must install it")
		}
		t.Log("pdftotext is not installed; the printed address is not checked")
		return ""
	}
	file := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestServeRefusesPublicAddressWithoutBaseURL starts the server on every
// interface without --base-url: it refuses, saying what to do, before it
// serves anything.
func TestServeRefusesPublicAddressWithoutBaseURL(t *testing.T) {
	for lang, want := range map[string]string{"": "jalankan dengan --base-url", "en": "run it with --base-url"} {
		var out, errb syncBuffer
		env := map[string]string{"ESOP_ADMIN_PASSWORD": "rahasia-admin-uji", "ESOP_LANG": lang}
		err := run(context.Background(), []string{"serve", "--db", filepath.Join(t.TempDir(), "esop.db"), "--addr", "0.0.0.0:0"},
			func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
		if err == nil || !strings.Contains(esop.ErrorMessage(err, lang), want) {
			t.Errorf("ESOP_LANG=%q: %v", lang, err)
		}
		if out.String() != "" || errb.String() != "" {
			t.Errorf("ESOP_LANG=%q: it went on before refusing:\n%s\n%s", lang, out.String(), errb.String())
		}
	}
}

// TestSiteAddress checks where the printed address comes from: the
// --base-url, else http://ADDR/ on loopback, else nowhere (refused).
func TestSiteAddress(t *testing.T) {
	for _, c := range []struct {
		base, addr, want string
	}{
		{"https://sop.malangkota.go.id", "0.0.0.0:8080", "https://sop.malangkota.go.id"},
		{"https://sop.malangkota.go.id", "127.0.0.1:8080", "https://sop.malangkota.go.id"},
		{"", "127.0.0.1:8080", "http://127.0.0.1:8080/"},
		{"", "[::1]:8080", "http://[::1]:8080/"},
		{"", "0.0.0.0:8080", ""},
		{"", "[::]:8080", ""},
		{"", "192.0.2.10:8080", ""},
	} {
		addr, err := net.ResolveTCPAddr("tcp", c.addr)
		if err != nil {
			t.Fatal(err)
		}
		got, err := siteAddress(c.base, addr)
		if got != c.want || (err != nil) != (c.want == "") {
			t.Errorf("siteAddress(%q, %s) = %q, %v; want %q", c.base, c.addr, got, err, c.want)
		}
	}
}

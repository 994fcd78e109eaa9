package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
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
	env := map[string]string{"ESOP_ADMIN_PASSWORD": "rahasia-admin-uji"}
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
	if st, body := get("/"); st != 200 || !strings.Contains(body, "Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)") {
		t.Errorf("catalogue: %d", st)
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

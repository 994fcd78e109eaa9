package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esop-malang/esop/web"
)

// slowHandler is a handler that works until its request's context ends,
// as any handler whose work runs past its budget; ended is closed when
// it has returned.
func slowHandler() (h func(http.ResponseWriter, *http.Request) error, ended <-chan struct{}) {
	done := make(chan struct{})
	return func(w http.ResponseWriter, r *http.Request) error {
		defer close(done)
		<-r.Context().Done()
		return fmt.Errorf("stopped: %w", r.Context().Err())
	}, done
}

func awaitEnd(t *testing.T, ended <-chan struct{}) {
	t.Helper()
	select {
	case <-ended:
	case <-time.After(answerWithin):
		t.Fatal("the handler is still running after its request ended")
	}
}

// TestBudgetStopsRequests runs a page handler and an API handler that
// work until they are stopped under a budget of 200 ms: each is
// cancelled, returns, and its request is answered 503 with a message
// saying why (an HTML page, a JSON error).
func TestBudgetStopsRequests(t *testing.T) {
	e := newEnv(t)
	app, _ := e.serverWith(func(c *web.Config) { c.Budget = 200 * time.Millisecond })
	for _, kind := range []string{"page", "api"} {
		t.Run(kind, func(t *testing.T) {
			h, ended := slowHandler()
			handler := app.PageHandler(h)
			if kind == "api" {
				handler = app.APIHandler(h)
			}
			srv := httptest.NewServer(handler)
			defer srv.Close()
			res, err := http.Get(srv.URL + "/")
			if err != nil {
				t.Fatal(err)
			}
			var body strings.Builder
			_, err = io.Copy(&body, res.Body)
			res.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			awaitEnd(t, ended)
			if res.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("status %d, want 503", res.StatusCode)
			}
			if kind == "api" {
				var msg map[string]string
				if err := json.Unmarshal([]byte(body.String()), &msg); err != nil || !strings.Contains(msg["error"], "batas waktu") {
					t.Errorf("API answer %q", body.String())
				}
			} else if !strings.Contains(body.String(), "melebihi batas waktunya") {
				t.Errorf("the page does not say the request ran out of time: %.300s", body.String())
			}
		})
	}
}

// TestBudgetStopsTheSOPPage makes the Keterkaitan of a real SOP page
// slow (each entry waits until the request is cancelled): past the
// budget the page answers 503 and its loop stops at the entry it was on.
func TestBudgetStopsTheSOPPage(t *testing.T) {
	e := newEnv(t)
	app, srv := e.serverWith(func(c *web.Config) { c.Budget = 200 * time.Millisecond })
	ak1 := e.sop("Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)")
	if n := len(ak1.Current.Document.Related); n < 2 {
		t.Fatalf("the sample SOP names %d related SOPs; the test needs two or more", n)
	}
	var calls atomic.Int32
	app.SetRelatingHook(func(ctx context.Context) {
		calls.Add(1)
		<-ctx.Done()
	})
	res, err := http.Get(fmt.Sprintf("%s/sops/%d", srv.URL, ak1.ID))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", res.StatusCode)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the Keterkaitan loop went on after the budget: %d entries begun", n)
	}
}

// TestClientGoneStopsRequest checks that a request whose client hangs up
// is cancelled too, and its handler returns, long before its budget.
func TestClientGoneStopsRequest(t *testing.T) {
	e := newEnv(t)
	app, _ := e.serverWith(func(c *web.Config) { c.Budget = time.Hour })
	h, ended := slowHandler()
	srv := httptest.NewServer(app.PageHandler(h))
	defer srv.Close()
	client := &http.Client{Timeout: 200 * time.Millisecond}
	if _, err := client.Get(srv.URL + "/"); err == nil || !errors.Is(err, context.DeadlineExceeded) && !strings.Contains(err.Error(), "Timeout") {
		t.Fatalf("the client did not give up: %v", err)
	}
	awaitEnd(t, ended)
}

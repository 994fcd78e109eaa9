package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/storetest"
	"github.com/esop-malang/esop/web"
)

// answerWithin is how long the requests made while another is held may
// take before the test calls them frozen. It is a deadlock detector, not
// a speed target: they answer in milliseconds, and a frozen one never.
const answerWithin = 30 * time.Second

// result is the answer to a request made in another goroutine.
type result struct {
	status int
	body   string
	err    error
}

// fetch makes a request and sends its result on a channel.
func fetch(req *http.Request) <-chan result {
	out := make(chan result, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			out <- result{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		out <- result{status: res.StatusCode, body: string(b), err: err}
	}()
	return out
}

func await(t *testing.T, what string, c <-chan result) result {
	t.Helper()
	select {
	case r := <-c:
		if r.err != nil {
			t.Fatalf("%s: %v", what, r.err)
		}
		return r
	case <-time.After(answerWithin):
		t.Fatalf("%s: no answer while the SOP page is held: the site is frozen", what)
	}
	return result{}
}

// TestSOPPageFreezesNoOne holds an SOP page in the middle of resolving
// its Keterkaitan (the per-request work that once held the index's lock)
// and checks that meanwhile a write goes through (a new SOP through the
// API, which brings the catalogue up to date), and the catalogue and
// search answer, the search already finding the new SOP. Then the page
// is let go and answers in full.
func TestSOPPageFreezesNoOne(t *testing.T) {
	e := newEnv(t)
	ak1 := e.sop("Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)")
	info := e.sop("Pelayanan Informasi Lowongan Kerja")
	held, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	e.app.SetRelatingHook(func(ctx context.Context) {
		once.Do(func() {
			close(held)
			select {
			case <-release:
			case <-ctx.Done():
			}
		})
	})
	page, _ := http.NewRequest("GET", fmt.Sprintf("%s/sops/%d", e.srv.URL, ak1.ID), nil)
	pageDone := fetch(page)
	select {
	case <-held:
	case <-time.After(answerWithin):
		t.Fatal("the SOP page never resolved its Keterkaitan")
	}

	d := storetest.GenerateDocument("", 5)
	d.Approval, d.Title = nil, "Pelayanan Uji Zamrud Tanpa Tunggu"
	body, _ := json.Marshal(d)
	create, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/sops", bytes.NewReader(body))
	create.Header.Set("Content-Type", "application/json")
	create.Header.Set("Authorization", "Bearer "+e.bearer("penyusun"))
	if r := await(t, "a write", fetch(create)); r.status != http.StatusCreated {
		t.Fatalf("the write: %d %.300s", r.status, r.body)
	}
	catalogue, _ := http.NewRequest("GET", e.srv.URL+"/", nil)
	if r := await(t, "the catalogue", fetch(catalogue)); r.status != http.StatusOK || !strings.Contains(r.body, info.Title) {
		t.Errorf("the catalogue: %d", r.status)
	}
	search, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/sops?q=zamrud", nil)
	search.Header.Set("Authorization", "Bearer "+e.bearer("penyusun"))
	if r := await(t, "a search", fetch(search)); r.status != http.StatusOK || !strings.Contains(r.body, d.Title) {
		t.Errorf("the search does not find the SOP just written: %d %.300s", r.status, r.body)
	}
	select {
	case r := <-pageDone:
		t.Fatalf("the SOP page answered while held: %d", r.status)
	default:
	}
	close(release)
	r := await(t, "the SOP page", pageDone)
	if r.status != http.StatusOK || !strings.Contains(r.body, fmt.Sprintf(`<a href="/sops/%d">SOP Pelayanan Informasi Lowongan Kerja</a>`, info.ID)) {
		t.Errorf("the SOP page after release: %d, related SOP linked: %v", r.status, strings.Contains(r.body, info.Title))
	}
}

// serverWith starts another server on the env's database, with its
// configuration changed by change.
func (e *env) serverWith(change func(*web.Config)) (*web.Server, *httptest.Server) {
	e.t.Helper()
	r, err := render.New()
	if err != nil {
		e.t.Fatal(err)
	}
	cfg := web.Config{Store: e.db, Renderer: r, BaseURL: testBaseURL, Now: func() time.Time { return fixedNow }}
	change(&cfg)
	app, err := web.New(context.Background(), cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	e.t.Cleanup(srv.Close)
	return app, srv
}

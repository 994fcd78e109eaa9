package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
	"github.com/esop-malang/esop/web"
)

// BenchmarkWrite measures what a write costs through the API as the
// catalogue grows: creating a draft SOP (POST /api/v1/sops) and saving a
// draft (PUT /api/v1/sops/{id}), each with the catalogue and search index
// brought up to date, with the sample book alone (21 SOPs) and with
// 10,000 more approved SOPs, on SQLite and (with ESOP_TEST_POSTGRES) on
// PostgreSQL. A write should cost the same at both sizes.
//
//	go test -run '^$' -bench Write -benchtime 200x ./web
func BenchmarkWrite(b *testing.B) {
	for _, dbName := range []string{"sqlite", "postgres"} {
		for _, extra := range []int{0, 10000} {
			b.Run(fmt.Sprintf("db=%s/sops=%d", dbName, 21+extra), func(b *testing.B) {
				w := newWriteBench(b, dbName, extra)
				b.Run("create", w.create)
				b.Run("save", w.save)
			})
		}
	}
}

// writeBench is a server over a database of a given size, with a bearer
// token of an author of the unit the generated SOPs belong to.
type writeBench struct {
	app   *web.Server
	token string
	draft *esop.Document
	id    int64  // the SOP whose draft "save" rewrites
	etag  string // its current ETag
}

func newWriteBench(b *testing.B, dbName string, extra int) *writeBench {
	ctx := context.Background()
	var db *sqlstore.DB
	if dbName == "postgres" {
		db = openBenchPostgres(b)
	} else {
		var err error
		if db, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), "esop.db")); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
	}
	if _, err := sampledata.Load(ctx, db); err != nil {
		b.Fatal(err)
	}
	if extra > 0 {
		if _, err := db.ImportDocuments(ctx, storetest.GenerateDocuments(extra, 15), "bench"); err != nil {
			b.Fatal(err)
		}
	}
	if _, n, err := db.FindSOPs(ctx, esop.SOPFilter{Limit: 1}); err != nil || n != 21+extra {
		b.Fatalf("the database holds %d SOPs, want %d (%v)", n, 21+extra, err)
	}
	units, err := db.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		b.Fatal(err)
	}
	u := &esop.User{Username: "penulis", Name: "Penulis"}
	for _, unit := range units {
		if unit.Key == "bidang-penta" {
			u.Grants = []esop.Grant{{Role: esop.RolePenyusun, UnitID: unit.ID}}
		}
	}
	if err := db.CreateUser(ctx, u, testPassword); err != nil {
		b.Fatal(err)
	}
	r, err := render.New()
	if err != nil {
		b.Fatal(err)
	}
	app, err := web.New(ctx, web.Config{Store: db, Renderer: r, Now: func() time.Time { return fixedNow }})
	if err != nil {
		b.Fatal(err)
	}
	w := &writeBench{app: app, draft: storetest.GenerateDocument("", 15)}
	w.draft.Approval, w.draft.Number = nil, ""
	res := w.do(b, "POST", "/api/v1/tokens", map[string]string{"username": "penulis", "password": testPassword}, "")
	var tok struct{ Token string }
	if err := json.Unmarshal(res.Body.Bytes(), &tok); err != nil || tok.Token == "" {
		b.Fatalf("token: %d %s", res.Code, res.Body)
	}
	w.token = tok.Token
	res = w.do(b, "POST", "/api/v1/sops", w.draft, "")
	var created struct{ ID int64 }
	if res.Code != http.StatusCreated || json.Unmarshal(res.Body.Bytes(), &created) != nil {
		b.Fatalf("create: %d %s", res.Code, res.Body)
	}
	w.id, w.etag = created.ID, res.Header().Get("ETag")
	return w
}

// create adds one draft SOP per iteration (so the catalogue grows by
// b.N SOPs during the run).
func (w *writeBench) create(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		w.draft.Title = fmt.Sprintf("Pelayanan Uji Tulis %d", i)
		if res := w.do(b, "POST", "/api/v1/sops", w.draft, ""); res.Code != http.StatusCreated {
			b.Fatalf("create: %d %s", res.Code, res.Body)
		}
	}
}

// save rewrites the same draft each iteration.
func (w *writeBench) save(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		w.draft.Title = fmt.Sprintf("Pelayanan Uji Simpan %d", i)
		res := w.do(b, "PUT", fmt.Sprintf("/api/v1/sops/%d", w.id), w.draft, w.etag)
		if res.Code != http.StatusOK {
			b.Fatalf("save: %d %s", res.Code, res.Body)
		}
		w.etag = res.Header().Get("ETag")
	}
}

func (w *writeBench) do(b *testing.B, method, path string, body any, ifMatch string) *httptest.ResponseRecorder {
	js, err := json.Marshal(body)
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(js))
	req.RemoteAddr = "192.0.2.1:1234"
	req.Header.Set("Content-Type", "application/json")
	if w.token != "" {
		req.Header.Set("Authorization", "Bearer "+w.token)
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	rec := httptest.NewRecorder()
	w.app.ServeHTTP(rec, req)
	return rec
}

// openBenchPostgres creates a fresh database on the server named by
// ESOP_TEST_POSTGRES, dropped at the end, or skips.
func openBenchPostgres(b *testing.B) *sqlstore.DB { return storetest.FreshPostgres(b) }

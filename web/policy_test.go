package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/web"
)

// One policy: an auditor of one unit reads that unit's drafts, history
// and monitoring, and nothing of another unit's, nor the audit log, which
// holds every unit's drafts; an auditor of every unit reads them all.
// (The matrix of authz_test.go runs with an auditor of every unit.)
func TestUnitAuditorIsScopedEverywhere(t *testing.T) {
	e := newEnv(t)
	e.addUser("auditor.penta", "auditor:bidang-penta")
	scoped, global := e.client("auditor.penta"), e.client("auditor")
	own := e.sop("Pelayanan Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)").ID // Bidang Penempatan
	otherDraft := e.sop("Pencatatan Lembaga Kerja Sama Bipartit").ID                // Bidang HI, never approved
	otherInForce := e.sop("Pengesahan Peraturan Perusahaan").ID                     // Bidang HI
	cases := []struct {
		path           string
		scoped, global int
	}{
		{fmt.Sprintf("/sops/%d/versions", own), http.StatusOK, http.StatusOK},
		{fmt.Sprintf("/sops/%d/monitoring", own), http.StatusOK, http.StatusOK},
		{fmt.Sprintf("/sops/%d", otherDraft), http.StatusNotFound, http.StatusOK},
		{fmt.Sprintf("/sops/%d/versions", otherInForce), http.StatusForbidden, http.StatusOK},
		{fmt.Sprintf("/sops/%d/monitoring", otherInForce), http.StatusForbidden, http.StatusOK},
		{"/audit", http.StatusForbidden, http.StatusOK},
	}
	for _, c := range cases {
		if got, _ := e.get(scoped, c.path); got != c.scoped {
			t.Errorf("auditor of Bidang Penempatan: GET %s = %d, want %d", c.path, got, c.scoped)
		}
		if got, _ := e.get(global, c.path); got != c.global {
			t.Errorf("auditor of every unit: GET %s = %d, want %d", c.path, got, c.global)
		}
	}
}

// unitCountingStore counts the loads of the organisation's units.
type unitCountingStore struct {
	web.Store
	units atomic.Int64
}

func (c *unitCountingStore) FindUnits(ctx context.Context, f esop.UnitFilter) ([]*esop.Unit, error) {
	c.units.Add(1)
	return c.Store.FindUnits(ctx, f)
}

// Each staff page loads the organisation's units once, however many
// checks of the policy it makes.
func TestOrganisationLoadedOncePerRequest(t *testing.T) {
	e := newEnv(t)
	cs := &unitCountingStore{Store: e.db}
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	app, err := web.New(context.Background(), web.Config{Store: cs, Renderer: r, BaseURL: testBaseURL, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	defer srv.Close()
	e.srv = srv
	id := e.sop("Pengesahan Peraturan Perusahaan").ID
	draft := e.sop("Pencatatan Lembaga Kerja Sama Bipartit").ID
	for _, c := range []struct{ user, path string }{
		{"pengesah", "/dashboard"},
		{"pengesah", fmt.Sprintf("/sops/%d", id)},
		{"pengesah", fmt.Sprintf("/sops/%d/review", id)},
		{"pengesah", fmt.Sprintf("/sops/%d/versions", id)},
		{"penyusun2", fmt.Sprintf("/sops/%d/edit", draft)},
		{"pemeriksa", "/monev"},
	} {
		cl := e.client(c.user)
		cs.units.Store(0)
		if code, _ := e.get(cl, c.path); code != http.StatusOK {
			t.Errorf("%s: GET %s = %d", c.user, c.path, code)
		}
		if n := cs.units.Load(); n > 1 {
			t.Errorf("%s: GET %s loaded the units %d times, want at most once", c.user, c.path, n)
		}
	}
}

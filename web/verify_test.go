package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
)

// TestVerifiablePrints checks that the PDF of an SOP in force carries its
// verification address, and that the public page at that address says
// whether the version is in force, and that it was withdrawn once it is.
func TestVerifiablePrints(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	sop := e.sop(titleInForce)
	code := render.VerifyCode(sop.Current.Document)
	anon := e.client("")

	st, pdf := e.get(anon, fmt.Sprintf("/sops/%d/document.pdf", sop.ID))
	if st != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") {
		t.Fatalf("pdf: %d", st)
	}
	st, body := e.get(anon, "/v/"+code)
	if st != http.StatusOK || !strings.Contains(body, "BERLAKU") || !strings.Contains(body, sop.Current.Document.Number) {
		t.Fatalf("verify in force: %d\n%s", st, body)
	}
	if st, body := e.get(anon, "/v/0123456789abcdef"); st != http.StatusNotFound || !strings.Contains(body, "tidak dikenal") {
		t.Errorf("unknown code: %d", st)
	}
	if st, _ := e.get(anon, "/v/xyz"); st != http.StatusNotFound {
		t.Errorf("malformed code: %d", st)
	}

	// Withdrawn by the approver of the agency: the same print now says so.
	users, _ := e.db.FindUsers(ctx)
	var pengesah *esop.User
	for _, u := range users {
		if u.Username == "pengesah" {
			pengesah = u
		}
	}
	units, _ := e.db.FindUnits(ctx, esop.UnitFilter{})
	var agency, unit int64
	for _, u := range units {
		if u.Key == "disnakertrans" {
			agency = u.ID
		}
		if u.Name == sop.Unit {
			unit = u.ID
		}
	}
	a := esop.Requester{User: pengesah, UnitID: unit, Ancestors: []int64{agency}, AgencyID: agency}
	if _, err := e.db.Transition(ctx, sop.ID, a, esop.Transition{Action: esop.ActionWithdraw, Note: "Diganti peraturan baru"}); err != nil {
		t.Fatal(err)
	}
	st, body = e.get(anon, "/v/"+code)
	if st != http.StatusOK || !strings.Contains(body, "DICABUT") || !strings.Contains(body, "Diganti peraturan baru") {
		t.Errorf("verify withdrawn: %d", st)
	}
}

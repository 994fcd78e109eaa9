package esop_test

import (
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

func TestPasswordHash(t *testing.T) {
	h, err := esop.HashPassword("rahasia-sekali")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q", h)
	}
	if !esop.CheckPassword(h, "rahasia-sekali") || esop.CheckPassword(h, "rahasia-sekalI") || esop.CheckPassword(h, "") {
		t.Error("CheckPassword does not tell passwords apart")
	}
	h2, _ := esop.HashPassword("rahasia-sekali")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "$argon2id$v=19$m=0,t=2,p=1$AAAA$AAAA", "$bcrypt$x", h[:len(h)-4]} {
		if esop.CheckPassword(bad, "rahasia-sekali") {
			t.Errorf("%q accepted", bad)
		}
	}
}

func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		esop.HashPassword("rahasia-sekali")
	}
}

func TestGrants(t *testing.T) {
	u := &esop.User{Grants: []esop.Grant{{Role: esop.RolePenyusun, UnitID: 5}, {Role: esop.RolePelaksana}}}
	if !u.HasFor(esop.RolePenyusun, 5, nil) || !u.HasFor(esop.RolePenyusun, 9, []int64{5, 1}) || u.HasFor(esop.RolePenyusun, 9, []int64{4, 1}) {
		t.Error("unit scope of a grant")
	}
	if !u.HasFor(esop.RolePelaksana, 42, nil) || u.HasFor(esop.RolePengesah, 5, nil) {
		t.Error("organisation-wide grant")
	}
	var none *esop.User
	if none.Has(esop.RolePelaksana) || none.HasFor(esop.RolePelaksana, 1, nil) {
		t.Error("anonymous has a role")
	}
	for s, ok := range map[string]bool{"admin": true, "ab": false, "Admin": false, "budi.santoso": true, "a b": false} {
		if esop.ValidUsername(s) != ok {
			t.Errorf("ValidUsername(%q) != %v", s, ok)
		}
	}
}

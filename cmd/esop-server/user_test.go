package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// demoDB returns a database with the sample organisation and one account,
// sari, a penyusun of Bidang Penempatan without an employee.
func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "esop.db")
	if r := esopRun(t, map[string]string{"ESOP_DB": db}, "demo"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := esopRun(t, map[string]string{"ESOP_DB": db, "ESOP_PASSWORD": "kata-sandi-sari-1"}, "user", "add", "sari", "--role", "penyusun", "--unit", "bidang-penta")
	if r.code != 0 {
		t.Fatalf("user add: %q", r.stderr)
	}
	return db
}

// storedUser reads an account from the database.
func storedUser(t *testing.T, dsn, username string) *esop.User {
	t.Helper()
	db, err := openDB(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users, err := db.FindUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Username == username {
			return u
		}
	}
	t.Fatalf("no user %q", username)
	return nil
}

// unitKeys returns the unit ids of the sample organisation by key.
func unitKeys(t *testing.T, dsn string) map[string]int64 {
	t.Helper()
	db, err := openDB(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	units, err := db.FindUnits(context.Background(), esop.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]int64{}
	for _, u := range units {
		keys[u.Key] = u.ID
	}
	return keys
}

func TestUserSet(t *testing.T) {
	dsn := demoDB(t)
	units := unitKeys(t, dsn)
	env := map[string]string{"ESOP_DB": dsn, "USER": "operator"}
	set := func(args ...string) result {
		t.Helper()
		return esopRun(t, env, append([]string{"user", "set", "sari"}, args...)...)
	}
	grants := func(u *esop.User) []esop.Grant { return u.Grants }

	// Linking the employee makes the account an approver's: the approver
	// made without one in the web could never approve.
	r := set("--employee", "196805121993031007", "--role", "pengesah", "--unit", "disnakertrans")
	if r.code != 0 || !strings.Contains(r.stdout, "Pengguna sari diubah.") || !strings.Contains(r.stdout, "pengesah (Dinas") ||
		!strings.Contains(r.stdout, "Drs. Contoh Pejabat, M.Si., NIP 19680512 199303 1 007") {
		t.Fatalf("set: %d %q %q", r.code, r.stdout, r.stderr)
	}
	u := storedUser(t, dsn, "sari")
	if u.EmployeeID == 0 || len(u.Grants) != 1 || u.Grants[0] != (esop.Grant{Role: esop.RolePengesah, UnitID: units["disnakertrans"]}) {
		t.Fatalf("after set: %+v", u)
	}
	if u.Name != "Drs. Contoh Pejabat, M.Si." {
		t.Errorf("a user without a name did not take the employee's: %q", u.Name)
	}
	// --unit alone moves the roles; --role alone gives them for every unit.
	if r := set("--unit", "bidang-penta"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if g := grants(storedUser(t, dsn, "sari")); len(g) != 1 || g[0] != (esop.Grant{Role: esop.RolePengesah, UnitID: units["bidang-penta"]}) {
		t.Errorf("after --unit: %+v", g)
	}
	if r := set("--role", "pemeriksa", "--role", "pelaksana"); r.code != 0 || !strings.Contains(r.stdout, "pelaksana (semua unit)") {
		t.Fatalf("roles: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if g := grants(storedUser(t, dsn, "sari")); len(g) != 2 || g[0].UnitID != 0 || g[1].UnitID != 0 {
		t.Errorf("after --role: %+v", g)
	}
	// The address and the name; what is not given stays.
	if r := set("--email", "sari@disnaker.malangkota.go.id", "--name", "Sari Dewi"); r.code != 0 || !strings.Contains(r.stdout, "sari@disnaker.malangkota.go.id") {
		t.Fatalf("email: %d %q %q", r.code, r.stdout, r.stderr)
	}
	u = storedUser(t, dsn, "sari")
	if u.Email != "sari@disnaker.malangkota.go.id" || u.Name != "Sari Dewi" || u.EmployeeID == 0 || len(u.Grants) != 2 {
		t.Errorf("after --email: %+v", u)
	}
	// Empty values remove the link and the address.
	if r := set("--employee", "", "--email", ""); r.code != 0 || !strings.Contains(r.stdout, "pegawai: —") {
		t.Fatalf("unlink: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if u := storedUser(t, dsn, "sari"); u.EmployeeID != 0 || u.Email != "" || u.Name != "Sari Dewi" {
		t.Errorf("after unlinking: %+v", u)
	}

	// Refusals change nothing.
	before := storedUser(t, dsn, "sari")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--employee", "199901012020011001"}, 1, `Pegawai dengan NIP 199901012020011001 tidak ditemukan`},
		{[]string{"--role", "raja"}, 1, `peran "raja" tidak dikenal`},
		{[]string{"--unit", "tidak-ada"}, 1, `unit "tidak-ada" tidak ditemukan`},
		{[]string{"--email", "sari@"}, 1, `alamat surel "sari@" tidak sah`},
		{nil, 2, "tidak ada yang diubah"},
		{[]string{"--role", "pelaksana", "lebih"}, 2, `argumen tidak dikenal "lebih"`},
	} {
		r := set(tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %d %q, want %d %q", tc.args, r.code, r.stderr, tc.code, tc.want)
		}
	}
	if r := esopRun(t, env, "user", "set", "tidak-ada", "--role", "pelaksana"); r.code != 1 || !strings.Contains(r.stderr, `pengguna "tidak-ada" tidak ditemukan`) {
		t.Errorf("unknown user: %d %q", r.code, r.stderr)
	}
	if after := storedUser(t, dsn, "sari"); jsonString(t, after) != jsonString(t, before) {
		t.Errorf("a refused change changed the account:\n%s\n%s", jsonString(t, before), jsonString(t, after))
	}
	env["ESOP_LANG"] = "en"
	if r := set("--employee", "199901012020011001"); !strings.Contains(r.stderr, "Employee with NIP 199901012020011001 not found") {
		t.Errorf("English: %q", r.stderr)
	}

	// Every change is in the audit trail, made by the operating system's user from the command line.
	db, err := openDB(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	entries, _, err := db.FindAudit(context.Background(), esop.AuditFilter{Entity: esop.EntityUser, Action: esop.AuditUpdate})
	if err != nil || len(entries) != 5 {
		t.Fatalf("%d user updates audited (%v), want 5", len(entries), err)
	}
	for _, e := range entries {
		if e.Actor != "operator" || e.Address != "cli" {
			t.Errorf("entry %d by %q from %q", e.Seq, e.Actor, e.Address)
		}
	}
}

func TestUserPasswd(t *testing.T) {
	dsn := demoDB(t)
	ctx := context.Background()
	db, err := openDB(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	sari := storedUser(t, dsn, "sari")
	web, err1 := db.CreateSession(ctx, sari.ID, esop.SessionWeb, time.Hour)
	api, err2 := db.CreateSession(ctx, sari.ID, esop.SessionAPI, 30*24*time.Hour)
	db.Close()
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	env := map[string]string{"ESOP_DB": dsn}

	// Refused: no password, a short one, an unknown user. Nothing changes.
	if r := esopRun(t, env, "user", "passwd", "sari"); r.code != 1 || !strings.Contains(r.stderr, "isi $ESOP_PASSWORD, atau jalankan perintah ini di terminal") {
		t.Errorf("no password: %d %q", r.code, r.stderr)
	}
	env["ESOP_PASSWORD"] = "pendek"
	if r := esopRun(t, env, "user", "passwd", "sari"); r.code != 1 || !strings.Contains(r.stderr, "kata sandi terlalu pendek: sekurang-kurangnya 10 karakter") {
		t.Errorf("a short password: %d %q", r.code, r.stderr)
	}
	env["ESOP_PASSWORD"] = "kata-sandi-baru-22"
	if r := esopRun(t, env, "user", "passwd", "tidak-ada"); r.code != 1 || !strings.Contains(r.stderr, `pengguna "tidak-ada" tidak ditemukan`) {
		t.Errorf("unknown user: %d %q", r.code, r.stderr)
	}
	if r := esopRun(t, env, "user", "passwd"); r.code != 2 || !strings.Contains(r.stderr, "esop user passwd NAMA_PENGGUNA") {
		t.Errorf("no user name: %d %q", r.code, r.stderr)
	}
	db, err = openDB(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Authenticate(ctx, "sari", "kata-sandi-sari-1"); err != nil {
		t.Fatalf("a refused passwd changed the password: %v", err)
	}
	if _, err := db.FindSession(ctx, api); err != nil {
		t.Fatalf("a refused passwd ended a token: %v", err)
	}

	r := esopRun(t, env, "user", "passwd", "sari")
	if r.code != 0 || !strings.Contains(r.stdout, "Kata sandi sari diganti; semua sesi dan token API-nya diakhiri.") {
		t.Fatalf("passwd: %d %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := db.Authenticate(ctx, "sari", "kata-sandi-baru-22"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
	if _, err := db.Authenticate(ctx, "sari", "kata-sandi-sari-1"); esop.ErrorCode(err) != esop.EUNAUTHORIZED {
		t.Errorf("the old password still works: %v", err)
	}
	for name, token := range map[string]string{"web session": web, "API token": api} {
		if _, err := db.FindSession(ctx, token); esop.ErrorCode(err) != esop.EUNAUTHORIZED {
			t.Errorf("the %s outlived the new password: %v", name, err)
		}
	}
}

// TestPasswordNotFromAPipe: without $ESOP_PASSWORD the password is asked
// for on a terminal; a pipe is refused, not read.
func TestPasswordNotFromAPipe(t *testing.T) {
	dsn := demoDB(t)
	rd, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	wr.WriteString("kata-sandi-dari-pipa\n")
	wr.Close()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return map[string]string{"ESOP_DB": dsn, "ESOP_LANG": "en"}[k] }
	err = run(context.Background(), []string{"user", "passwd", "sari"}, getenv, rd, &out, &errb)
	if esop.ErrorCode(err) != esop.EINVALID || !strings.Contains(esop.ErrorMessage(err, "en"), "set $ESOP_PASSWORD, or run this command on a terminal") {
		t.Errorf("a password from a pipe: %v", err)
	}
}

func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// The administration pages: organisation, regulations, users and the logo.

// unitID returns the id of the unit with the given key.
func (e *env) unitID(key string) int64 {
	e.t.Helper()
	units, err := e.db.FindUnits(context.Background(), esop.UnitFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, u := range units {
		if u.Key == key {
			return u.ID
		}
	}
	e.t.Fatalf("no unit %q", key)
	return 0
}

// adminError returns the form error shown on an administration page.
func adminError(body string) string {
	m := loginError.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return unescaped(m[1])
}

func TestAdminOrganisation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("admin")
	parent := fmt.Sprint(e.unitID("bidang-hi"))
	for _, tc := range []struct {
		name, path string
		form       url.Values
		status     int
		message    string // the error shown, or the text the list then shows
	}{
		{"unit", "/admin/units", url.Values{"key": {"seksi-k3"}, "name": {"Seksi Keselamatan dan Kesehatan Kerja"}, "kind": {"seksi"},
			"code": {"405.4.9"}, "parent": {parent}, "validFrom": {"2026-01-01"}}, 303, "Seksi Keselamatan dan Kesehatan Kerja"},
		{"unit without a name", "/admin/units", url.Values{"key": {"x"}, "kind": {"seksi"}}, 422, "nama unit wajib diisi"},
		{"unit of an unknown kind", "/admin/units", url.Values{"key": {"x"}, "name": {"X"}, "kind": {"direktorat"}}, 422, `jenis unit "direktorat" tidak dikenal`},
		{"unit with a bad date", "/admin/units", url.Values{"key": {"x"}, "name": {"X"}, "kind": {"seksi"}, "validFrom": {"2026-02-30"}}, 422, `Tanggal "2026-02-30" tidak sah`},
		{"unit ending before it starts", "/admin/units", url.Values{"key": {"x"}, "name": {"X"}, "kind": {"seksi"}, "validFrom": {"2026-02-01"}, "validTo": {"2025-01-01"}}, 422, "berakhir sebelum dimulai"},
		{"position", "/admin/positions", url.Values{"key": {"kasi-k3"}, "name": {"Kepala Seksi K3"}, "kind": {"struktural"}, "unit": {parent}}, 303, "Kepala Seksi K3"},
		{"position without a key", "/admin/positions", url.Values{"name": {"Pengawas"}, "unit": {parent}}, 422, "nama dan kunci jabatan wajib diisi"},
		{"position with a used key", "/admin/positions", url.Values{"key": {"kasi-k3"}, "name": {"Lain"}, "kind": {"struktural"}, "unit": {parent}}, 409, `kunci jabatan "kasi-k3" sudah dipakai`},
		{"employee", "/admin/employees", url.Values{"nip": {"19800101 200501 1 003"}, "name": {"Budi Santoso, S.H."}, "rank": {"Penata"}, "grade": {"III/c"}}, 303, "19800101 200501 1 003"},
		{"employee with a short NIP", "/admin/employees", url.Values{"nip": {"1980"}, "name": {"Budi"}}, 422, "NIP harus terdiri atas 18 angka"},
		{"employee with an impossible birth date", "/admin/employees", url.Values{"nip": {"19801301 200501 1 003"}, "name": {"Budi"}}, 422, "bukan tanggal yang sah"},
		{"employee twice", "/admin/employees", url.Values{"nip": {"198001012005011003"}, "name": {"Budi"}}, 409, "sudah terdaftar"},
		{"employee without a name", "/admin/employees", url.Values{"nip": {"19800202 200501 1 003"}}, 422, "nama pegawai wajib diisi"},
		{"assignment of an unknown capacity", "/admin/assignments", url.Values{"nip": {"198001012005011003"}, "capacity": {"bogus"}}, 422, `kedudukan "bogus" tidak dikenal`},
		{"regulation", "/admin/regulations", url.Values{"kind": {"Perwali"}, "number": {"77"}, "year": {"2026"}, "title": {"Uji Coba Peraturan"}}, 303, "Uji Coba Peraturan"},
	} {
		res := e.postForm(c, tc.path, tc.form)
		if res.StatusCode != tc.status {
			t.Errorf("%s: %d, want %d (%s)", tc.name, res.StatusCode, tc.status, gist(res))
			continue
		}
		if tc.status == http.StatusSeeOther {
			if res.Header.Get("Location") != tc.path {
				t.Errorf("%s: redirected to %q", tc.name, res.Header.Get("Location"))
			}
			if list := e.do(c, http.MethodGet, tc.path, nil); !strings.Contains(unescaped(list.body), tc.message) {
				t.Errorf("%s: the list does not show %q", tc.name, tc.message)
			}
			continue
		}
		if msg := adminError(res.body); !strings.Contains(msg, tc.message) {
			t.Errorf("%s: message %q, want %q", tc.name, msg, tc.message)
		}
		if !strings.Contains(res.body, `action="`+tc.path+`"`) {
			t.Errorf("%s: the form is not shown again", tc.name)
		}
	}
	ctx := context.Background()
	units, _ := e.db.FindUnits(ctx, esop.UnitFilter{})
	var found *esop.Unit
	for _, u := range units {
		if u.Key == "seksi-k3" {
			found = u
		}
		if u.Key == "x" {
			t.Error("a refused unit was stored")
		}
	}
	if found == nil || fmt.Sprint(found.ParentID) != parent || found.Kind != "seksi" {
		t.Errorf("the new unit: %+v", found)
	}
	if emp, err := e.db.FindEmployeeByNIP(ctx, "198001012005011003"); err != nil || emp.Name != "Budi Santoso, S.H." {
		t.Errorf("the new employee: %v %v", emp, err)
	}
	// The new unit is offered in the editor to the authors of the unit above it.
	if res := e.do(e.session("penyusun2"), http.MethodGet, "/sops/new", nil); !strings.Contains(res.body, "<option>Seksi Keselamatan dan Kesehatan Kerja</option>") {
		t.Error("the new unit is not offered to the authors of Bidang HI")
	}

	// Regulation status: amended needs the amending regulation.
	regs, _, err := e.db.FindRegulations(ctx, esop.RegulationFilter{})
	if err != nil || len(regs) == 0 {
		t.Fatal(err)
	}
	reg := regs[0]
	path := fmt.Sprintf("/admin/regulations/%d/status", reg.ID)
	if res := e.postForm(c, path, url.Values{"status": {"dicabut"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(adminError(res.body), "sebutkan peraturan") {
		t.Errorf("revoked without a successor: %s", gist(res))
	}
	if res := e.postForm(c, path, url.Values{"status": {"dicabut"}, "changedBy": {"Perwali 77/2026"}, "on": {"2026-11-01"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("revoke: %s", gist(res))
	}
	if r, err := e.db.FindRegulationByID(ctx, reg.ID); err != nil || r.Status != esop.RegulationRevoked || r.ChangedBy != "Perwali 77/2026" {
		t.Errorf("after revoking: %+v %v", r, err)
	}
	if res := e.do(c, http.MethodGet, "/admin/regulations", nil); !strings.Contains(res.body, "Dicabut — Perwali 77/2026") {
		t.Error("the register does not show the revocation")
	}
	if res := e.postForm(c, "/admin/regulations/999999/status", url.Values{"status": {"berlaku"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("status of an unknown regulation: %d", res.StatusCode)
	}
}

func TestAdminUsers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	c := e.session("admin")
	hi := fmt.Sprint(e.unitID("bidang-hi"))
	newUser := url.Values{"username": {"Sari.Dewi"}, "name": {"Sari Dewi"}, "password": {"rahasia-panjang-1"}, "lang": {"en"},
		"role0": {"penyusun"}, "unit0": {hi}, "role1": {"pelaksana"}, "unit1": {"0"}}
	res := e.postForm(c, "/admin/users", newUser)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/users" {
		t.Fatalf("create user: %s", gist(res))
	}
	u := e.user("sari.dewi")
	if u.Name != "Sari Dewi" || u.Lang != "en" || len(u.Grants) != 2 || !u.HasFor("penyusun", e.unitID("bidang-hi"), nil) || !u.Has("pelaksana") {
		t.Errorf("the new user: %+v", u)
	}
	sari := e.newClient()
	if res := e.loginForm(sari, "sari.dewi", "rahasia-panjang-1", "/sops/new"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the new user cannot sign in: %d", res.StatusCode)
	}
	if res := e.do(sari, http.MethodGet, "/sops/new", nil); res.StatusCode != http.StatusOK || !strings.Contains(res.body, `lang="en"`) {
		t.Errorf("the new author's editor: %d", res.StatusCode)
	}
	for _, tc := range []struct {
		name    string
		form    url.Values
		status  int
		message string
	}{
		{"a name in use", url.Values{"username": {"sari.dewi"}, "password": {"rahasia-panjang-2"}}, 409, ""},
		{"a bad user name", url.Values{"username": {"s"}, "password": {"rahasia-panjang-2"}}, 422, "nama pengguna \"s\" tidak sah"},
		{"a short password", url.Values{"username": {"budi"}, "password": {"pendek"}}, 422, "kata sandi terlalu pendek"},
		{"an unknown role", url.Values{"username": {"budi"}, "password": {"rahasia-panjang-2"}, "role0": {"raja"}}, 422, `peran "raja" tidak dikenal`},
	} {
		res := e.postForm(c, "/admin/users", tc.form)
		if res.StatusCode != tc.status || !strings.Contains(adminError(res.body), tc.message) || adminError(res.body) == "" {
			t.Errorf("%s: %d %q, want %d %q", tc.name, res.StatusCode, adminError(res.body), tc.status, tc.message)
		}
	}
	if _, err := e.db.FindUsers(ctx); err != nil {
		t.Fatal(err)
	}
	users, _ := e.db.FindUsers(ctx)
	if len(users) != len(accounts)+1 {
		t.Errorf("%d users, want %d: refused forms created users", len(users), len(accounts)+1)
	}

	// Disabling a user ends their sessions at once.
	victim := e.session("pelaksana")
	if !e.sessionAlive(victim) {
		t.Fatal("pelaksana is not signed in")
	}
	id := e.userID("pelaksana")
	res = e.postForm(c, fmt.Sprintf("/admin/users/%d", id), url.Values{"name": {"Pengguna pelaksana"}, "role0": {"pelaksana"}, "unit0": {"0"}, "disabled": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %s", gist(res))
	}
	if e.sessionAlive(victim) {
		t.Error("the disabled user's session still works")
	}
	if res := e.loginForm(e.newClient(), "pelaksana", testPassword, ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the disabled user can sign in: %d", res.StatusCode)
	}
	if res := e.do(c, http.MethodGet, "/admin/users", nil); !strings.Contains(res.body, `<span class="tag off">Nonaktif</span>`) {
		t.Error("the user list does not mark the disabled user")
	}

	// Changing a password ends the user's sessions; the new password works.
	other := e.session("auditor")
	res = e.postForm(c, fmt.Sprintf("/admin/users/%d", e.userID("auditor")), url.Values{"name": {"Auditor"}, "role0": {"auditor"}, "password": {"kata-sandi-baru-99"}})
	if res.StatusCode != http.StatusSeeOther || e.sessionAlive(other) {
		t.Errorf("new password: %d, or the old session lives on", res.StatusCode)
	}
	if res := e.loginForm(e.newClient(), "auditor", "kata-sandi-baru-99", ""); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the new password does not work: %d", res.StatusCode)
	}

	// An administrator can neither remove their own administrator role nor disable themselves.
	self := fmt.Sprintf("/admin/users/%d", e.userID("admin"))
	for name, form := range map[string]url.Values{
		"own role":    {"name": {"Admin"}, "role0": {"pelaksana"}},
		"no roles":    {"name": {"Admin"}},
		"own account": {"name": {"Admin"}, "role0": {"administrator"}, "disabled": {"1"}},
	} {
		res := e.postForm(c, self, form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(adminError(res.body), "Anda tidak dapat menonaktifkan akun sendiri") {
			t.Errorf("%s: %d %q", name, res.StatusCode, adminError(res.body))
		}
	}
	if u := e.user("admin"); !u.Has(esop.RoleAdministrator) || u.Disabled || !e.sessionAlive(c) {
		t.Error("the administrator lost their role or account")
	}
	// Another administrator may be changed.
	e.addUser("admin2", "administrator")
	if res := e.postForm(c, fmt.Sprintf("/admin/users/%d", e.userID("admin2")), url.Values{"name": {"Admin Dua"}, "role0": {"pelaksana"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("demoting another administrator: %d", res.StatusCode)
	}
	if e.user("admin2").Has(esop.RoleAdministrator) {
		t.Error("the other administrator kept the role")
	}
	if res := e.postForm(c, "/admin/users/999999", url.Values{"name": {"X"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user: %d", res.StatusCode)
	}
}

// pngOf encodes an image as PNG.
func pngOf(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAdminLogo(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("admin")
	ctx := context.Background()

	small := image.NewRGBA(image.Rect(0, 0, 40, 50))
	for x := range 40 {
		small.Set(x, x, color.RGBA{200, 0, 0, 255})
	}
	noise := image.NewRGBA(image.Rect(0, 0, 1400, 1400))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range noise.Pix {
		noise.Pix[i] = byte(rng.IntN(256))
	}
	big := pngOf(t, noise)
	if len(big) <= 5<<20 {
		t.Fatalf("the big logo is only %d bytes", len(big))
	}
	for _, tc := range []struct {
		name   string
		file   []byte
		status int
		want   string
	}{
		{"a text file named .png", []byte("ini bukan gambar, hanya teks\n"), 422, "bukan gambar PNG atau JPEG"},
		{"more than 5 MB", big, 413, "terlalu besar: paling besar 5 MB"},
		{"too wide", pngOf(t, image.NewGray(image.Rect(0, 0, 10001, 1))), 422, "10001×1 piksel terlalu besar"},
		{"an empty file", []byte{}, 422, "bukan gambar PNG atau JPEG"},
		{"a GIF", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), 422, "bukan gambar PNG atau JPEG"},
	} {
		res := e.upload(c, "/admin/logo", "logo", map[string][]byte{"logo.png": tc.file})
		// The problem is said on the administration page, beside the form.
		if res.StatusCode != tc.status || !strings.Contains(res.body, tc.want) || !strings.Contains(res.body, `action="/admin/logo"`) {
			t.Errorf("%s: %d, want %d with %q (%s)", tc.name, res.StatusCode, tc.status, tc.want, gist(res))
		}
		if _, err := e.db.Setting(ctx, "logo"); esop.ErrorCode(err) != esop.ENOTFOUND {
			t.Fatalf("%s: a logo was stored (%v)", tc.name, err)
		}
	}
	id := e.sop(titleInForce).ID
	page1 := fmt.Sprintf("/sops/%d/document.png?page=1", id)
	before := e.do(e.newClient(), http.MethodGet, page1, nil).body
	docx := fmt.Sprintf("/sops/%d/document.docx", id)
	if strings.Contains(e.do(e.newClient(), http.MethodGet, docx, nil).body, "word/media/logo.png") {
		t.Error("the Word document has a logo before one is uploaded")
	}
	if again := e.do(e.newClient(), http.MethodGet, page1, nil).body; again != before {
		t.Fatal("the same page renders differently twice")
	}

	res := e.upload(c, "/admin/logo", "logo", map[string][]byte{"logo.png": pngOf(t, small)})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin?done=logo" {
		t.Fatalf("a PNG logo: %s", gist(res))
	}
	stored, err := e.db.Setting(ctx, "logo")
	if err != nil {
		t.Fatal(err)
	}
	b, err := base64.StdEncoding.DecodeString(stored)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil || img.Bounds().Dx() != 40 || img.Bounds().Dy() != 50 {
		t.Errorf("the stored logo: %v %v", err, img)
	}
	// The printed SOP now carries the logo on its identity page.
	if after := e.do(e.newClient(), http.MethodGet, page1, nil).body; after == before || !strings.HasPrefix(after, "\x89PNG") {
		t.Error("the identity page did not change with the logo")
	}
	// So does the Word document, in its identity table.
	if w := e.do(e.newClient(), http.MethodGet, docx, nil); w.StatusCode != http.StatusOK || !strings.Contains(w.body, "word/media/logo.png") {
		t.Errorf("the Word document has no logo after the upload: %d", w.StatusCode)
	}
	// Only administrators upload logos.
	if res := e.upload(e.session("penyusun"), "/admin/logo", "logo", map[string][]byte{"logo.png": pngOf(t, small)}); res.StatusCode != http.StatusForbidden {
		t.Errorf("logo by an author: %d", res.StatusCode)
	}
}

// TestAdminLogoPhoto: a 3 MB JPEG (a photo of the emblem) is accepted,
// kept scaled to 1000 pixels, shown on the administration page with the
// confirmation of the change; no file at all asks for one.
func TestAdminLogoPhoto(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("admin")
	if res := e.do(c, http.MethodGet, "/admin", nil); strings.Contains(res.body, `src="/admin/logo.png`) || !strings.Contains(res.body, "Belum ada logo") {
		t.Error("before any upload the page shows a logo")
	}
	if res := e.do(c, http.MethodGet, "/admin/logo.png", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("the logo before any upload: %d", res.StatusCode)
	}
	photo := image.NewRGBA(image.Rect(0, 0, 2400, 1800))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range photo.Pix {
		photo.Pix[i] = byte(rng.IntN(256))
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, photo, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	if n := jb.Len(); n < 2<<20 || n > 5<<20 {
		t.Fatalf("the photo is %d bytes, want about 3 MB", n)
	}
	res := e.upload(c, "/admin/logo", "logo", map[string][]byte{"lambang.jpg": jb.Bytes()})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin?done=logo" {
		t.Fatalf("a %d-byte JPEG: %s", jb.Len(), gist(res))
	}
	page := e.do(c, http.MethodGet, "/admin?done=logo", nil)
	if !strings.Contains(page.body, "Logo diganti.") || !strings.Contains(page.body, `<img src="/admin/logo.png?v=`) {
		t.Errorf("after the change the page shows no confirmation or no logo:\n%s", mainOf(page.body))
	}
	img := e.do(c, http.MethodGet, "/admin/logo.png", nil)
	cfg, err := png.DecodeConfig(strings.NewReader(img.body))
	if img.StatusCode != 200 || err != nil || cfg.Width != 1000 || cfg.Height != 750 {
		t.Errorf("the logo kept: %d %v %dx%d, want 1000x750", img.StatusCode, err, cfg.Width, cfg.Height)
	}
	res = e.upload(c, "/admin/logo", "other", map[string][]byte{"x.png": []byte("x")})
	if res.StatusCode != 422 || !strings.Contains(res.body, "Pilih berkas logo") {
		t.Errorf("no file: %s", gist(res))
	}
}

// TestAdminOrganisationLists: the assignment table names who holds each
// post; the lists to choose a unit from are the units valid today, each
// under its parent; a unit that has ended is left out.
func TestAdminOrganisationLists(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("admin")
	page := e.do(c, http.MethodGet, "/admin/employees", nil)
	if !strings.Contains(page.body, "<th scope=\"col\">Pemegang jabatan</th>") || !strings.Contains(page.body, "(NIP "+kadisNIP+")") {
		t.Errorf("the assignments do not name their holders:\n%s", mainOf(page.body))
	}
	units, err := e.db.FindUnits(context.Background(), esop.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ended := 0
	for _, u := range units {
		if !u.ValidTo.IsZero() && u.ValidTo.Before(esop.Today(fixedNow)) {
			ended++
			if strings.Contains(e.do(c, http.MethodGet, "/admin/positions", nil).body, fmt.Sprintf(`<option value="%d">`, u.ID)) {
				t.Errorf("the ended unit %s is offered", u.Name)
			}
		}
	}
	if ended == 0 {
		t.Log("the sample organisation has no ended unit")
	}
	// The agency under the city, its bidang under it, indented.
	page = e.do(c, http.MethodGet, "/admin/positions", nil)
	pemkot := strings.Index(page.body, ">Pemerintah Kota Malang</option>")
	dinas := strings.Index(page.body, ">\u00a0\u00a0Dinas Ketenagakerjaan dan Transmigrasi</option>")
	bidang := strings.Index(page.body, ">\u00a0\u00a0\u00a0\u00a0Bidang Penempatan dan Perluasan Kerja</option>")
	if pemkot < 0 || dinas < pemkot || bidang < dinas {
		t.Errorf("the unit list is not a tree: city at %d, agency at %d, bidang at %d", pemkot, dinas, bidang)
	}
}

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/render"
	"github.com/esop-malang/esop/web"
)

// inputValue returns the value attribute of the input with the given id.
func inputValue(body, id string) string {
	m := regexp.MustCompile(`<input id="` + regexp.QuoteMeta(id) + `"[^>]* value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		return "(no input " + id + ")"
	}
	return unescaped(m[1])
}

func TestAdminSettings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	c := e.session("admin")
	agency := e.unitID("disnakertrans")

	res := e.do(c, http.MethodGet, "/admin/settings", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/settings: %s", gist(res))
	}
	for _, want := range []string{
		fmt.Sprintf(`<option value="%d">Dinas Ketenagakerjaan dan Transmigrasi</option>`, agency),
		`placeholder="{kode}/{urut:03}/{kode_unit}/{tahun}"`, // the default, inherited by an empty field
		"800/001/35.73.405/2026", // the example number of the agency
		"Tidak aktif: server SMTP belum dikonfigurasi.",
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the settings page lacks %q", want)
		}
	}
	if strings.Contains(res.body, `value="`+fmt.Sprint(e.unitID("bidang-hi"))+`"`) {
		t.Error("a unit that is not a perangkat daerah is offered")
	}

	// The installation sets its code and review period.
	res = e.postForm(c, "/admin/settings", url.Values{"agency": {"0"}, "kode": {"000.8"}, "reviewMonths": {"24"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/settings" {
		t.Fatalf("save the installation's settings: %s", gist(res))
	}
	// The agency its own template and period.
	res = e.postForm(c, "/admin/settings", url.Values{"agency": {fmt.Sprint(agency)}, "template": {"SOP/{urut:03}/{kode_unit}/{tahun}"}, "reviewMonths": {"6"}})
	if want := fmt.Sprintf("/admin/settings?agency=%d", agency); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
		t.Fatalf("save the agency's settings: %s", gist(res))
	}
	cfg, err := e.db.NumberingConfig(ctx, agency)
	if err != nil || cfg != (esop.NumberingConfig{Template: "SOP/{urut:03}/{kode_unit}/{tahun}", Kode: "000.8", ReviewMonths: 6}) {
		t.Fatalf("the agency's configuration: %+v %v", cfg, err)
	}
	res = e.do(c, http.MethodGet, fmt.Sprintf("/admin/settings?agency=%d", agency), nil)
	if inputValue(res.body, "s-template") != "SOP/{urut:03}/{kode_unit}/{tahun}" || inputValue(res.body, "s-months") != "6" || inputValue(res.body, "s-kode") != "" {
		t.Errorf("the agency's form: template %q months %q kode %q", inputValue(res.body, "s-template"), inputValue(res.body, "s-months"), inputValue(res.body, "s-kode"))
	}
	if !strings.Contains(res.body, `placeholder="000.8"`) || !strings.Contains(res.body, "SOP/001/35.73.405/2026") {
		t.Error("the agency's page does not show the inherited code or the example number")
	}

	// Refused: a template without a counter, a period out of 1..60, a
	// unit that is not an agency. Nothing changes; the typed value stays.
	for _, tc := range []struct {
		name    string
		form    url.Values
		message string
	}{
		{"no counter", url.Values{"agency": {fmt.Sprint(agency)}, "template": {"{kode}/{tahun}"}}, "templat penomoran wajib memuat {urut}"},
		{"61 months", url.Values{"agency": {fmt.Sprint(agency)}, "reviewMonths": {"61"}}, "masa tinjauan harus 1 sampai 60 bulan"},
		{"0 months", url.Values{"agency": {"0"}, "reviewMonths": {"0"}}, "masa tinjauan harus 1 sampai 60 bulan"},
		{"not a number", url.Values{"agency": {"0"}, "reviewMonths": {"setahun"}}, "masa tinjauan harus 1 sampai 60 bulan"},
		{"a bidang", url.Values{"agency": {fmt.Sprint(e.unitID("bidang-hi"))}, "reviewMonths": {"12"}}, "bukan perangkat daerah"},
	} {
		res := e.postForm(c, "/admin/settings", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(adminError(res.body), tc.message) {
			t.Errorf("%s: %d %q, want 422 %q", tc.name, res.StatusCode, adminError(res.body), tc.message)
		}
		if tc.name == "not a number" && inputValue(res.body, "s-months") != "setahun" {
			t.Errorf("the refused value is not shown back: %q", inputValue(res.body, "s-months"))
		}
	}
	if again, _ := e.db.NumberingConfig(ctx, agency); again != cfg {
		t.Errorf("a refused form changed the configuration: %+v", again)
	}
	for _, path := range []string{"/admin/settings?agency=abc", fmt.Sprintf("/admin/settings?agency=%d", e.unitID("bidang-hi")), "/admin/settings?agency=99999"} {
		if res := e.do(c, http.MethodGet, path, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
	// Clearing the agency's fields makes it follow the installation again.
	res = e.postForm(c, "/admin/settings", url.Values{"agency": {fmt.Sprint(agency)}})
	if cfg, _ := e.db.NumberingConfig(ctx, agency); res.StatusCode != http.StatusSeeOther || cfg.ReviewMonths != 24 || cfg.Template != esop.DefaultNumberTemplate {
		t.Errorf("after clearing: %d %+v", res.StatusCode, cfg)
	}
}

// The settings page tells whether the reminders are on, with the server,
// the sender and the user name, never a password.
func TestAdminSettingsMailStatus(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	app, err := web.New(context.Background(), web.Config{Store: e.db, Renderer: r, Now: func() time.Time { return fixedNow },
		Mail: web.MailStatus{Addr: "smtp.malangkota.go.id:587", From: "e-SOP <esop@malangkota.go.id>", User: "esop-relay"}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	defer srv.Close()
	e2 := &env{t: t, db: e.db, app: app, srv: srv}
	res := e2.do(e2.session("admin"), http.MethodGet, "/admin/settings", nil)
	for _, want := range []string{
		"Aktif: dikirim melalui smtp.malangkota.go.id:587 dari e-SOP &lt;esop@malangkota.go.id&gt;.",
		"Masuk ke server surel sebagai esop-relay (kata sandinya tidak ditampilkan).",
	} {
		if !strings.Contains(res.body, want) {
			t.Errorf("the mail status lacks %q", want)
		}
	}
}

func TestAdminUserEmail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.session("admin")
	res := e.postForm(c, "/admin/users", url.Values{"username": {"sari"}, "name": {"Sari Dewi"}, "email": {"Sari Dewi <sari@disnaker.malangkota.go.id>"},
		"password": {"rahasia-panjang-1"}, "role0": {"penyusun"}, "unit0": {fmt.Sprint(e.unitID("bidang-hi"))}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %s", gist(res))
	}
	if u := e.user("sari"); u.Email != "sari@disnaker.malangkota.go.id" {
		t.Fatalf("e-mail %q", u.Email)
	}
	res = e.postForm(c, "/admin/users", url.Values{"username": {"budi"}, "email": {"budi@"}, "password": {"rahasia-panjang-1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(adminError(res.body), `alamat surel "budi@" tidak sah`) {
		t.Errorf("a bad address: %d %q", res.StatusCode, adminError(res.body))
	}
	id := e.userID("sari")
	form := url.Values{"name": {"Sari Dewi"}, "email": {"sari.dewi@malangkota.go.id"}, "role0": {"penyusun"}, "unit0": {fmt.Sprint(e.unitID("bidang-hi"))}}
	if res := e.postForm(c, fmt.Sprintf("/admin/users/%d", id), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %s", gist(res))
	}
	if u := e.user("sari"); u.Email != "sari.dewi@malangkota.go.id" {
		t.Fatalf("after the update: %q", u.Email)
	}
	res = e.do(c, http.MethodGet, "/admin/users", nil)
	if inputValue(res.body, fmt.Sprintf("e-%d", id)) != "sari.dewi@malangkota.go.id" {
		t.Errorf("the users page shows %q", inputValue(res.body, fmt.Sprintf("e-%d", id)))
	}
	form.Set("email", "bukan alamat")
	if res := e.postForm(c, fmt.Sprintf("/admin/users/%d", id), form); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a bad address on update: %d", res.StatusCode)
	}
}

// The dashboard's review list (who sees which SOPs is in TestDashboard):
// each SOP with its number, unit and review date; the one due in more
// than 30 days not yet; a message when there is none.
func TestDashboardReviewDates(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	section := func(user string) string {
		t.Helper()
		res := e.do(e.session(user), http.MethodGet, "/dashboard", nil)
		i := strings.Index(res.body, "<h2>Tinjauan SOP</h2>")
		if res.StatusCode != http.StatusOK || i < 0 {
			t.Fatalf("%s: %d, no review section", user, res.StatusCode)
		}
		part := res.body[i:]
		return part[:strings.Index(part, "</section>")]
	}
	part := section("penyusun")
	if want := `<li class="overdue"><a href="/sops/` + fmt.Sprint(e.sop(akSample).ID) + `">` + akSample +
		`</a> <small>(800/012/35.73.405/2024, Bidang Penempatan dan Perluasan Kerja)</small> — tinjauan terlambat sejak 8 Januari 2025</li>`; !strings.Contains(part, want) {
		t.Errorf("the review list of penyusun lacks\n%s\n%s", want, part)
	}
	if !strings.Contains(part, "(560/128/35.73.405/2025, Bidang Penempatan dan Perluasan Kerja)</small> — tinjauan jatuh tempo 8 Desember 2026") {
		t.Errorf("the SOP due on 8 December is not listed:\n%s", part)
	}
	// Due on 12 January 2027, 53 days ahead: not yet.
	if part := section("pengesah"); strings.Contains(part, "Pengelolaan Surat Masuk dan Disposisi") {
		t.Error("an SOP due in 53 days is listed")
	}
	if part := section("admin"); !strings.Contains(part, "Tidak ada SOP yang perlu ditinjau dalam 30 hari.") {
		t.Errorf("admin's empty list:\n%s", part)
	}
}

package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestAdminSettingsParams checks the forms of the monitoring target, the
// WKE and the expiry window on the settings page: shown with their
// values, saved and then returned by the API, audited, refused with the
// message at the field in the user's language and nothing changed, and
// for administrators only.
func TestAdminSettingsParams(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	c := e.session("admin")
	token := e.bearer("admin")

	type apiState struct {
		Target float64
		WS     esop.WorkloadSettings
		Window int
	}
	state := func() apiState {
		t.Helper()
		var st struct {
			MonevTarget float64 `json:"monevTarget"`
		}
		var cs struct {
			ExpiryWindowDays int `json:"expiryWindowDays"`
		}
		var s apiState
		mustStatus(t, e.apiJSON(http.DefaultClient, http.MethodGet, "/api/v1/stats/settings", token, nil, &st), http.StatusOK)
		mustStatus(t, e.apiJSON(http.DefaultClient, http.MethodGet, "/api/v1/analysis/settings", token, nil, &s.WS), http.StatusOK)
		mustStatus(t, e.apiJSON(http.DefaultClient, http.MethodGet, "/api/v1/analysis/competence/settings", token, nil, &cs), http.StatusOK)
		s.Target, s.Window = st.MonevTarget, cs.ExpiryWindowDays
		return s
	}
	settingAudits := func() int {
		t.Helper()
		_, n, err := e.db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySetting})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// The defaults are shown with their explanations.
	def := state()
	res := e.do(c, http.MethodGet, "/admin/settings", nil)
	if got := inputValue(res.body, "p-target"); got != "0,9" {
		t.Errorf("target shows %q, want 0,9", got)
	}
	if got := inputValue(res.body, "p-wke"); got != "75000" {
		t.Errorf("WKE shows %q, want 75000", got)
	}
	if got := inputValue(res.body, "p-window"); got != strconv.Itoa(def.Window) {
		t.Errorf("window shows %q, want %d", got, def.Window)
	}
	for _, want := range []string{"berjalan dengan baik", "Permenpan tentang ABK", "kini 1.250 jam", "Dari 60.000 sampai 150.000 menit", "ditandai akan kedaluwarsa", def.WS.Basis,
		`action="/admin/settings/monitoring"`, `action="/admin/settings/workload"`, `action="/admin/settings/competence"`} {
		if !strings.Contains(unescaped(res.body), want) {
			t.Errorf("the settings page lacks %q", want)
		}
	}

	// Not for anyone else.
	for _, user := range []string{"penyusun", "pengesah", "auditor", ""} {
		for path, form := range map[string]url.Values{
			"/admin/settings/monitoring": {"monevTarget": {"0,5"}},
			"/admin/settings/workload":   {"wke": {"72000"}, "basis": {"x"}},
			"/admin/settings/competence": {"expiryWindowDays": {"30"}},
		} {
			res := e.postForm(e.session(user), path, form)
			if want := map[bool]int{true: http.StatusUnauthorized, false: http.StatusForbidden}[user == ""]; res.StatusCode != want {
				t.Errorf("%q %s: %s, want %d", user, path, gist(res), want)
			}
		}
	}
	if got := state(); got != def {
		t.Fatalf("refused users changed the settings: %+v, was %+v", got, def)
	}

	// Refused values: the message at the field, in the user's language,
	// what was typed shown back, nothing stored, nothing audited.
	audits := settingAudits()
	bad := []struct {
		path, lang, field, input, key string
		form                          url.Values
		msg                           string
	}{
		{"/admin/settings/monitoring", "id", "p-target-err", "p-target", "monevTarget", url.Values{"monevTarget": {"1,5"}}, "target tepat waktu harus berupa bagian lebih dari 0 sampai 1"},
		{"/admin/settings/monitoring", "en", "p-target-err", "p-target", "monevTarget", url.Values{"monevTarget": {"0"}}, "the on-time target must be a share above 0 up to 1"},
		{"/admin/settings/monitoring", "id", "p-target-err", "p-target", "monevTarget", url.Values{"monevTarget": {"sembilan"}}, "target tepat waktu harus"},
		{"/admin/settings/workload", "id", "p-wke-err", "p-wke", "wke", url.Values{"wke": {"1000"}, "basis": {"Permenpan"}}, "WKE harus antara 60000 dan"},
		{"/admin/settings/workload", "en", "p-basis-err", "p-wke", "wke", url.Values{"wke": {"72000"}, "basis": {"  "}}, "the legal basis of the WKE is required"},
		{"/admin/settings/competence", "id", "p-window-err", "p-window", "expiryWindowDays", url.Values{"expiryWindowDays": {"731"}}, "jangka peringatan kedaluwarsa harus bilangan hari dari 0 sampai 730"},
		{"/admin/settings/competence", "en", "p-window-err", "p-window", "expiryWindowDays", url.Values{"expiryWindowDays": {"tiga puluh"}}, "the expiry window must be a number of days from 0 to 730"},
	}
	for _, b := range bad {
		res := e.postForm(c, b.path, b.form, "Cookie", "lang="+b.lang)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s %v: %s, want 422", b.path, b.form, gist(res))
			continue
		}
		at := problemsIn(res.body, b.field)
		if !strings.Contains(at, b.msg) {
			t.Errorf("%s %v (%s): at the field %q, want %q", b.path, b.form, b.lang, at, b.msg)
		}
		if typed := b.form.Get(b.key); inputValue(res.body, b.input) != strings.Join(strings.Fields(typed), " ") {
			t.Errorf("%s: shows %q, want what was typed %q", b.path, inputValue(res.body, b.input), typed)
		}
	}
	if got := state(); got != def {
		t.Errorf("refused forms changed the settings: %+v, was %+v", got, def)
	}
	if n := settingAudits(); n != audits {
		t.Errorf("refused forms wrote %d audit entries", n-audits)
	}

	// Saved: back to the page, the API returns the values, audited as the admin.
	basis := "PermenPANRB No. 1 Tahun 2020: 1.200 jam (72.000 menit)"
	for path, form := range map[string]url.Values{
		"/admin/settings/monitoring": {"monevTarget": {"0,85"}},
		"/admin/settings/workload":   {"wke": {"72.000"}, "basis": {basis}},
		"/admin/settings/competence": {"expiryWindowDays": {" 45 "}},
	} {
		res := e.postForm(c, path, form)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/settings#params" {
			t.Fatalf("%s: %s", path, gist(res))
		}
	}
	want := apiState{Target: 0.85, WS: esop.WorkloadSettings{WKE: 72000, Basis: basis}, Window: 45}
	if got := state(); got != want {
		t.Errorf("the API returns %+v, want %+v", got, want)
	}
	entries, _, err := e.db.FindAudit(ctx, esop.AuditFilter{Entity: esop.EntitySetting, Actor: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	changed := map[string]string{}
	for _, en := range entries {
		changed[en.EntityID] = en.After
	}
	for key, value := range map[string]string{"monev.target": `0.85`, "analysis.workload": `72000`, "analysis.competence": `45`} {
		if !strings.Contains(changed[key], value) {
			t.Errorf("audit of %s: %q, want it to hold %s", key, changed[key], value)
		}
	}
	res = e.do(c, http.MethodGet, "/admin/settings", nil, "Cookie", "lang=en")
	if inputValue(res.body, "p-target") != "0.85" || inputValue(res.body, "p-wke") != "72000" || inputValue(res.body, "p-window") != "45" ||
		!strings.Contains(unescaped(res.body), "now 1,200 hours. From 60,000 to 150,000 minutes") {
		t.Errorf("the page in English shows %q %q %q", inputValue(res.body, "p-target"), inputValue(res.body, "p-wke"), inputValue(res.body, "p-window"))
	}
}

// problemsIn returns the text of the problems shown in the element id.
func problemsIn(body, id string) string {
	m := regexp.MustCompile(`(?s)<div id="` + regexp.QuoteMeta(id) + `">(.*?)</div>`).FindStringSubmatch(body)
	if m == nil {
		return "(no " + id + ")"
	}
	return unescaped(m[1])
}

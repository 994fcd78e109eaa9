package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestTimeZone: every time shown is in the agency's time zone with its
// label. By default WIB; once the administrator sets Asia/Makassar for
// the Dinas on the settings page, the version history, the review log
// and its comments, the comparison, the audit trail, the monitoring's
// paraf, the account's tokens and the recap's export show WITA, an hour
// later; a zone that is not Indonesian is refused.
func TestTimeZone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.addUser("pemeriksa-hi", "pemeriksa:bidang-hi")
	admin := e.session("admin")
	agency := e.unitID("disnakertrans")

	// A draft submitted, commented on and returned, a monitoring, an API
	// token: times on every page. The clock stands at 09:00 UTC.
	draft := e.sop(titleDraftHI).ID
	review := fmt.Sprintf("/sops/%d/review", draft)
	if res := e.postForm(e.session("penyusun2"), fmt.Sprintf("/sops/%d/transitions", draft), url.Values{"action": {"submit"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %s", gist(res))
	}
	if res := e.postForm(e.session("pemeriksa-hi"), review[:len(review)-len("/review")]+"/comments", url.Values{"path": {"steps[0]"}, "body": {"Perjelas kegiatan"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("comment: %s", gist(res))
	}
	recordSample(t, e)
	e.sessionToken("auditor", "api")

	inForce := e.sop(titleInForce).ID
	pages := []struct {
		user, path string
		want       *regexp.Regexp
	}{
		{"penyusun2", fmt.Sprintf("/sops/%d/versions", draft), regexp.MustCompile(`<td class="event submitted"><span class="nowrap">20/11/2026 (\d\d:\d\d) (W[A-Z]+)</span><br><small>oleh penyusun2</small>`)},
		{"pemeriksa-hi", review, regexp.MustCompile(`\(20/11/2026 (\d\d:\d\d) (W[A-Z]+)\) — Kegiatan 1: Perjelas kegiatan`)},
		{"pemeriksa-hi", review, regexp.MustCompile(`<li>20/11/2026 (\d\d:\d\d) (W[A-Z]+) — penyusun2`)},
		{"auditor", "/audit", regexp.MustCompile(`<td class="nowrap">20/11/2026 (\d\d:\d\d):00 (W[A-Z]+)</td>`)},
		{"pemeriksa-hi", fmt.Sprintf("/sops/%d/monitoring", inForce), regexp.MustCompile(`20/11/2026 (\d\d:\d\d) (W[A-Z]+)</small>`)},
		{"auditor", "/account", regexp.MustCompile(`20/11/2026 (\d\d:\d\d) (W[A-Z]+)`)},
	}
	check := func(clock, zone string) {
		t.Helper()
		for _, p := range pages {
			res := e.do(e.session(p.user), http.MethodGet, p.path, nil)
			m := p.want.FindStringSubmatch(res.body)
			if res.StatusCode != http.StatusOK || m == nil || m[1] != clock || m[2] != zone {
				t.Errorf("%s as %s: %d, time %v, want %s %s", p.path, p.user, res.StatusCode, m, clock, zone)
			}
			if zone != "WIB" && strings.Contains(res.body, " WIB") {
				t.Errorf("%s as %s still shows WIB", p.path, p.user)
			}
		}
	}
	check("16:00", "WIB")

	// The settings page offers the zones, WIB chosen by default.
	page := fmt.Sprintf("/admin/settings?agency=%d", agency)
	res := e.do(admin, http.MethodGet, page, nil)
	if !strings.Contains(res.body, `action="/admin/settings/zone"`) || !strings.Contains(res.body, `<option value="Asia/Jakarta" selected>`) {
		t.Fatalf("the settings page has no time zone form: %s", gist(res))
	}
	// A zone that is not Indonesian is refused, in the user's language.
	res = e.postForm(admin, "/admin/settings/zone", url.Values{"agency": {fmt.Sprint(agency)}, "zone": {"Europe/Paris"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `Zona waktu &#34;Europe/Paris&#34; tidak dikenal; pilih WIB, WITA atau WIT.`) {
		t.Errorf("Europe/Paris: %s", gist(res))
	}
	res = e.postForm(admin, "/admin/settings/zone", url.Values{"agency": {fmt.Sprint(agency)}, "zone": {"Europe/Paris"}}, "Cookie", "lang=en")
	if !strings.Contains(res.body, `Unknown time zone &#34;Europe/Paris&#34;; choose WIB, WITA or WIT.`) {
		t.Errorf("Europe/Paris in English: %s", gist(res))
	}
	// Only an administrator sets it.
	if res := e.postForm(e.session("pengesah"), "/admin/settings/zone", url.Values{"agency": {fmt.Sprint(agency)}, "zone": {"Asia/Makassar"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("a pengesah sets the zone: %d", res.StatusCode)
	}
	check("16:00", "WIB")

	res = e.postForm(admin, "/admin/settings/zone", url.Values{"agency": {fmt.Sprint(agency)}, "zone": {"Asia/Makassar"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page {
		t.Fatalf("setting Asia/Makassar: %s", gist(res))
	}
	if res := e.do(admin, http.MethodGet, page, nil); !strings.Contains(res.body, `<option value="Asia/Makassar" selected>`) {
		t.Error("the settings page does not show the zone set")
	}
	check("17:00", "WITA")
	// The working week is kept: only the zone changed.
	cal, err := e.db.Calendar(t.Context(), agency)
	if err != nil {
		t.Fatal(err)
	}
	if s := cal.Settings(); s.Zone != "Asia/Makassar" || s.Opens.String() != "08:00" || s.Closes.String() != "16:00" || len(s.Days) != 5 {
		t.Errorf("the calendar after setting the zone: %+v", s)
	}
	// The recap's export names the zone of its times.
	x := openXLSX(t, e.do(e.session("pemeriksa-hi"), http.MethodGet, "/monev.xlsx?unit=bidang-hi&period=2026-S2", nil))
	if v, _ := x.GetCellValue("Monitoring", "L4"); v != "Dicatat (WITA)" {
		t.Errorf("the export's L4 %q", v)
	}
	if v, _ := x.GetCellValue("Monitoring", "A2"); !strings.Contains(v, "20/11/2026 17:00 WITA") {
		t.Errorf("the export's subtitle %q", v)
	}
}
